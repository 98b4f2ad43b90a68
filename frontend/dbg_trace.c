/*
 * frontend/dbg_trace.c - the execution trace and the current-instruction
 * line.  Trace lines are "[PHYS] SEL:IP (LIN)  bytes  text", the same as
 * the line printed at a stop; with trace-reg each is preceded by the
 * registers that changed ("  eax: 0x00000000 -> 0x00000005").
 * Invariant: tracing reads guest state only (cpu_get_regs, debug reads).
 */
#include <inttypes.h>

#include "dbg_internal.h"
#include "dbg_trace.h"

struct dbg_code_loc dbg_here(struct dbg *d)
{
    struct cpu_regs r;
    cpu_get_regs(d->c, &r);
    return (struct dbg_code_loc){.sel = r.seg[SEG_CS].sel,
                                 .base = r.seg[SEG_CS].base,
                                 .ip = r.eip,
                                 .code32 = cpu_code32(d->c)};
}

void dbg_print_here(struct dbg *d, FILE *out)
{
    struct dbg_code_loc loc = dbg_here(d);
    uint32_t phys;
    char line[400];
    dbg_disasm_line(d, &loc, line, sizeof(line));
    if (cpu_debug_translate(d->c, loc.base + loc.ip, &phys))
        fprintf(out, "[0x%08" PRIx32 "] %s\n", phys, line);
    else
        fprintf(out, "[unmapped] %s\n", line);
}

/* Print the registers that differ between @a and @b. */
static void trace_reg_changes(FILE *out, const struct cpu_regs *a, const struct cpu_regs *b)
{
    static const char *const gpr[8] = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
    static const char *const seg[SEG_COUNT] = {"es", "cs", "ss", "ds", "fs", "gs"};
    for (int k = 0; k < 8; k++)
        if (a->gpr[k] != b->gpr[k])
            fprintf(out, "  %s: 0x%08" PRIx32 " -> 0x%08" PRIx32 "\n", gpr[k], a->gpr[k],
                    b->gpr[k]);
    if (a->eflags != b->eflags)
        fprintf(out, "  eflags: 0x%08" PRIx32 " -> 0x%08" PRIx32 "\n", a->eflags, b->eflags);
    for (int k = 0; k < SEG_COUNT; k++)
        if (a->seg[k].sel != b->seg[k].sel)
            fprintf(out, "  %s: 0x%04x -> 0x%04x\n", seg[k], a->seg[k].sel, b->seg[k].sel);
    for (int k = 0; k < 5; k++)
        if (a->cr[k] != b->cr[k])
            fprintf(out, "  cr%d: 0x%08" PRIx32 " -> 0x%08" PRIx32 "\n", k, a->cr[k], b->cr[k]);
}

void dbg_trace_insn(struct dbg *d)
{
    FILE *out = d->trace_out ? d->trace_out : dbg_out(d);
    if (d->trace_reg) {
        struct cpu_regs r;
        cpu_get_regs(d->c, &r);
        if (d->trace_prev_valid)
            trace_reg_changes(out, &d->trace_prev, &r);
        d->trace_prev = r;
        d->trace_prev_valid = true;
    }
    dbg_print_here(d, out);
}
