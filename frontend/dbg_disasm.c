/*
 * frontend/dbg_disasm.c - Capstone-based disassembly with trap86's own
 * instruction lengths (see dbg_disasm.h).
 *
 * Invariant: the length returned for an instruction is always the one
 * cpu_insn_length gives (1 for an undefined byte shown as db), never
 * Capstone's, so listings stay in step with what the CPU executes.
 */
#include <capstone/capstone.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_disasm.h"
#include "dbg_info.h"
#include "dbg_internal.h"
#include "dbg_syms.h"

struct dbg_disasm {
    csh h16, h32;
    cs_insn *insn;
};

struct dbg_disasm *dbg_disasm_create(void)
{
    struct dbg_disasm *dis = calloc(1, sizeof(*dis));
    if (!dis)
        return NULL;
    if (cs_open(CS_ARCH_X86, CS_MODE_16, &dis->h16) != CS_ERR_OK) {
        free(dis);
        return NULL;
    }
    if (cs_open(CS_ARCH_X86, CS_MODE_32, &dis->h32) != CS_ERR_OK) {
        cs_close(&dis->h16);
        free(dis);
        return NULL;
    }
    cs_option(dis->h16, CS_OPT_DETAIL, CS_OPT_ON);
    cs_option(dis->h32, CS_OPT_DETAIL, CS_OPT_ON);
    dis->insn = cs_malloc(dis->h32);
    return dis;
}

void dbg_disasm_destroy(struct dbg_disasm *dis)
{
    if (!dis)
        return;
    cs_free(dis->insn, 1);
    cs_close(&dis->h16);
    cs_close(&dis->h32);
    free(dis);
}

/* Append " <sym+off>" for linear address @lin when a symbol covers it. */
static void append_sym(struct dbg *d, char *text, size_t size, uint32_t lin)
{
    uint32_t off;
    const char *name = dbg_syms_name(d->syms, lin, &off);
    size_t n = strlen(text);
    if (!name || n >= size)
        return;
    if (off)
        snprintf(text + n, size - n, " <%s+0x%" PRIx32 ">", name, off);
    else
        snprintf(text + n, size - n, " <%s>", name);
}

/* For a direct JMP/CALL/Jcc/LOOP append "; -> SEL:OFF (LIN)". */
static void append_target(struct dbg *d, const struct dbg_code_loc *loc, const cs_insn *in,
                          char *text, size_t size)
{
    const cs_x86 *x = &in->detail->x86;
    bool branch = false;
    for (unsigned k = 0; k < in->detail->groups_count; k++) {
        uint8_t g = in->detail->groups[k];
        branch |= g == X86_GRP_JUMP || g == X86_GRP_CALL;
    }
    if (!branch || x->op_count < 1 || x->operands[0].type != X86_OP_IMM)
        return;
    uint16_t sel = loc->sel;
    uint32_t off = (uint32_t)x->operands[0].imm, base = loc->base;
    if (x->op_count == 2 && x->operands[1].type == X86_OP_IMM) {
        sel = (uint16_t)x->operands[0].imm;
        off = (uint32_t)x->operands[1].imm;
        if (!dbg_seg_base(d, sel, &base))
            return;
    } else if (!loc->code32 && x->prefix[2] != 0x66) {
        off &= 0xFFFF;
    }
    size_t n = strlen(text);
    snprintf(text + n, size - n, "  ; -> %04x:%0*" PRIx32 " (0x%08" PRIx32 ")", sel,
             loc->code32 ? 8 : 4, off, base + off);
    append_sym(d, text, size, base + off);
}

unsigned dbg_disasm_one(struct dbg *d, const struct dbg_code_loc *loc, char *text, size_t tsize,
                        char *hex, size_t hsize)
{
    uint8_t bytes[16];
    size_t n = cpu_debug_read(d->c, loc->base + loc->ip, true, bytes, 15);
    unsigned len = cpu_insn_length(d->c, bytes, n, loc->code32);
    snprintf(text, tsize, "db 0x%02x", n ? bytes[0] : 0);
    if (len == 0 || len > n)
        len = 1;
    const uint8_t *p = bytes;
    size_t avail = len;
    uint64_t ip = loc->ip;
    csh h = loc->code32 ? d->dis->h32 : d->dis->h16;
    if (n && d->dis && cs_disasm_iter(h, &p, &avail, &ip, d->dis->insn) &&
        d->dis->insn->size == len) {
        snprintf(text, tsize, "%s%s%s", d->dis->insn->mnemonic, d->dis->insn->op_str[0] ? " " : "",
                 d->dis->insn->op_str);
        append_target(d, loc, d->dis->insn, text, tsize);
    } else if (len > 1) {
        size_t k = strlen(text);
        for (unsigned i = 1; i < len && k < tsize; i++, k = strlen(text))
            snprintf(text + k, tsize - k, ", 0x%02x", bytes[i]);
    }
    hex[0] = '\0';
    for (unsigned i = 0; i < len && i < n && 2 * i + 2 < hsize; i++)
        snprintf(hex + 2 * i, hsize - 2 * i, "%02x", bytes[i]);
    return len;
}

unsigned dbg_disasm_line(struct dbg *d, const struct dbg_code_loc *loc, char *line, size_t size)
{
    char text[256], hex[40];
    unsigned len = dbg_disasm_one(d, loc, text, sizeof(text), hex, sizeof(hex));
    snprintf(line, size, "%04x:%0*" PRIx32 " (0x%08" PRIx32 ")  %-16s %s", loc->sel,
             loc->code32 ? 8 : 4, loc->ip, loc->base + loc->ip, hex, text);
    return len;
}

void dbg_disasm_print(struct dbg *d, FILE *out, struct dbg_code_loc loc, unsigned count)
{
    char line[400];
    for (unsigned k = 0; k < count; k++) {
        uint32_t off;
        const char *name = dbg_syms_name(d->syms, loc.base + loc.ip, &off);
        if (name && !off)
            fprintf(out, "<%s>:\n", name);
        unsigned len = dbg_disasm_line(d, &loc, line, sizeof(line));
        fprintf(out, "%s\n", line);
        loc.ip += len;
        if (!loc.code32)
            loc.ip &= 0xFFFF;
    }
}
