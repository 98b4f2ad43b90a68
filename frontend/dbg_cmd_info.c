/*
 * frontend/dbg_cmd_info.c - `info` with its own sub-command table, `help`,
 * and the monitor's machine commands (system_reset, and the device
 * commands that answer "no such device" until devices exist).
 *
 * Invariant: adding an info item (info tab, info device X) is one row of
 * info_items plus its handler.
 */
#include <inttypes.h>
#include <string.h>

#include "board/pc.h"
#include "cpu/cpu_debug.h"
#include "dbg_commands.h"
#include "dbg_info.h"
#include "dbg_internal.h"

static bool info_gdt(struct dbg *d, char *a, FILE *o)
{
    dbg_info_table(d, 'g', a, o);
    return true;
}

static bool info_idt(struct dbg *d, char *a, FILE *o)
{
    dbg_info_table(d, 'i', a, o);
    return true;
}

static bool info_ldt(struct dbg *d, char *a, FILE *o)
{
    dbg_info_table(d, 'l', a, o);
    return true;
}

static bool info_tss(struct dbg *d, char *a, FILE *o)
{
    dbg_info_tss(d, o);
    return true;
}

static bool info_eflags(struct dbg *d, char *a, FILE *o)
{
    dbg_info_eflags(d, o);
    return true;
}

static bool info_regs(struct dbg *d, char *a, FILE *o)
{
    dbg_info_regs(d, o);
    return true;
}

static bool info_cpu(struct dbg *d, char *a, FILE *o)
{
    dbg_info_regs(d, o);
    dbg_info_sregs(d, o);
    dbg_info_cregs(d, o);
    dbg_info_dregs(d, o);
    return true;
}

/* info tlb: the software TLB's and the decoded-instruction cache's counters. */
static bool info_tlb(struct dbg *d, char *a, FILE *o)
{
    struct cpu_tlb_stats t;
    struct cpu_stats s;
    cpu_get_tlb_stats(d->c, &t);
    cpu_get_stats(d->c, &s);
    fprintf(o,
            "TLB: %" PRIu64 " hits, %" PRIu64 " misses (fills), %" PRIu64 " flushes, %" PRIu64
            " page walks\n",
            t.hits, t.misses, t.flushes, t.walks);
    fprintf(o,
            "decoded cache: %" PRIu64 " hits, %" PRIu64 " misses, %" PRIu64
            " self-modifying-code invalidations\n",
            s.decode_hits, s.decode_misses, s.smc_invalidations);
    return true;
}

static bool info_break(struct dbg *d, char *a, FILE *o)
{
    dbg_break_list(d, o);
    return true;
}

static const struct dbg_cmd info_items[] = {
    {"gdt", info_gdt, "info gdt [first [last]]", "global descriptor table"},
    {"idt", info_idt, "info idt [first [last]]", "interrupt descriptor table"},
    {"ldt", info_ldt, "info ldt [first [last]]", "local descriptor table"},
    {"tss", info_tss, "info tss", "current task-state segment"},
    {"tab", dbg_cmd_info_tab, "info tab", "present page mappings as merged ranges"},
    {"tlb", info_tlb, "info tlb", "TLB and decoded-cache counters"},
    {"eflags|flags", info_eflags, "info eflags", "EFLAGS by name"},
    {"registers|r", info_regs, "info registers", "general registers (= r)"},
    {"cpu", info_cpu, "info cpu", "all CPU registers"},
    {"break|b|watch", info_break, "info break", "breakpoints and watchpoints (= blist)"},
    {"device", dbg_cmd_info_device, "info device NAME", "device state (dbg_cmd_device.c)"},
};

enum { INFO_COUNT = sizeof(info_items) / sizeof(info_items[0]) };

bool dbg_cmd_info(struct dbg *d, char *args, FILE *out)
{
    char *rest, *what = dbg_cmd_split(args, &rest);
    const struct dbg_cmd *c = dbg_cmd_find(info_items, INFO_COUNT, what);
    if (c)
        return c->fn(d, rest, out);
    fprintf(out, "Error: info %s: unknown item; one of:\n", what);
    for (unsigned k = 0; k < INFO_COUNT; k++)
        fprintf(out, "  %-28s %s\n", info_items[k].usage, info_items[k].help);
    return true;
}

bool dbg_cmd_help(struct dbg *d, char *args, FILE *out)
{
    dbg_commands_help(args, out);
    return true;
}

bool dbg_cmd_no_device(struct dbg *d, char *args, FILE *out)
{
    fprintf(out, "no such device\n");
    return true;
}

bool dbg_cmd_system_reset(struct dbg *d, char *args, FILE *out)
{
    pc_reset(d->m);
    fprintf(out, "System reset\n");
    return true;
}
