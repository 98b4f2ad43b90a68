/*
 * frontend/gdb_regs.c - the register file gdb sees (see gdb_regs.h): one
 * table gives each register's name, size, XML type and where it lives in
 * struct cpu_regs; the target description and the g/G/p/P layout are both
 * derived from it.
 *
 * Invariants: the table has exactly GDB_NUM_REGS rows, in gdb's i386
 * numbering; a register that does not exist in trap86 (x87) has kind
 * REG_FPU and reads as its FNINIT value.
 */
#include "gdb_regs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu_debug.h"

/* Where a register's value lives. */
enum reg_kind { REG_GPR, REG_EIP, REG_EFLAGS, REG_SEG, REG_FPU, REG_CR };

struct reg_def {
    const char *name;
    unsigned size;     /* bytes */
    const char *type;  /* gdb target-description type */
    const char *group; /* NULL: gdb's default */
    enum reg_kind kind;
    unsigned index; /* gpr / seg / cr number; FPU: reset value */
};

static const struct reg_def regs[GDB_NUM_REGS] = {
    {"eax", 4, "int32", NULL, REG_GPR, R_EAX},
    {"ecx", 4, "int32", NULL, REG_GPR, R_ECX},
    {"edx", 4, "int32", NULL, REG_GPR, R_EDX},
    {"ebx", 4, "int32", NULL, REG_GPR, R_EBX},
    {"esp", 4, "data_ptr", NULL, REG_GPR, R_ESP},
    {"ebp", 4, "data_ptr", NULL, REG_GPR, R_EBP},
    {"esi", 4, "int32", NULL, REG_GPR, R_ESI},
    {"edi", 4, "int32", NULL, REG_GPR, R_EDI},
    {"eip", 4, "code_ptr", NULL, REG_EIP, 0},
    {"eflags", 4, "i386_eflags", NULL, REG_EFLAGS, 0},
    {"cs", 4, "int32", NULL, REG_SEG, SEG_CS},
    {"ss", 4, "int32", NULL, REG_SEG, SEG_SS},
    {"ds", 4, "int32", NULL, REG_SEG, SEG_DS},
    {"es", 4, "int32", NULL, REG_SEG, SEG_ES},
    {"fs", 4, "int32", NULL, REG_SEG, SEG_FS},
    {"gs", 4, "int32", NULL, REG_SEG, SEG_GS},
    {"st0", 10, "i387_ext", NULL, REG_FPU, 0},
    {"st1", 10, "i387_ext", NULL, REG_FPU, 0},
    {"st2", 10, "i387_ext", NULL, REG_FPU, 0},
    {"st3", 10, "i387_ext", NULL, REG_FPU, 0},
    {"st4", 10, "i387_ext", NULL, REG_FPU, 0},
    {"st5", 10, "i387_ext", NULL, REG_FPU, 0},
    {"st6", 10, "i387_ext", NULL, REG_FPU, 0},
    {"st7", 10, "i387_ext", NULL, REG_FPU, 0},
    {"fctrl", 4, "int", "float", REG_FPU, 0x037F}, /* FNINIT values, SDM Vol. 1, 8.1.5-8.1.7 */
    {"fstat", 4, "int", "float", REG_FPU, 0},
    {"ftag", 4, "int", "float", REG_FPU, 0xFFFF},
    {"fiseg", 4, "int", "float", REG_FPU, 0},
    {"fioff", 4, "int", "float", REG_FPU, 0},
    {"foseg", 4, "int", "float", REG_FPU, 0},
    {"fooff", 4, "int", "float", REG_FPU, 0},
    {"fop", 4, "int", "float", REG_FPU, 0},
    {"cr0", 4, "int32", "system", REG_CR, 0},
    {"cr2", 4, "int32", "system", REG_CR, 2},
    {"cr3", 4, "int32", "system", REG_CR, 3},
    {"cr4", 4, "int32", "system", REG_CR, 4},
};

/* First register of the custom feature. */
enum { FIRST_SYS_REG = 32 };

unsigned gdb_reg_size(int n)
{
    return n >= 0 && n < GDB_NUM_REGS ? regs[n].size : 0;
}

size_t gdb_regs_total(void)
{
    size_t t = 0;
    for (int i = 0; i < GDB_NUM_REGS; i++)
        t += regs[i].size;
    return t;
}

static void put32(uint8_t *out, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        out[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *in)
{
    return (uint32_t)in[0] | (uint32_t)in[1] << 8 | (uint32_t)in[2] << 16 | (uint32_t)in[3] << 24;
}

unsigned gdb_reg_get(const struct cpu_regs *r, int n, uint8_t *out)
{
    if (n < 0 || n >= GDB_NUM_REGS)
        return 0;
    const struct reg_def *d = &regs[n];
    memset(out, 0, d->size);
    switch (d->kind) {
    case REG_GPR: put32(out, r->gpr[d->index]); break;
    case REG_EIP: put32(out, r->eip); break;
    case REG_EFLAGS: put32(out, r->eflags); break;
    case REG_SEG: put32(out, r->seg[d->index].sel); break;
    case REG_CR: put32(out, r->cr[d->index]); break;
    case REG_FPU:
        if (d->size == 4)
            put32(out, d->index);
        break;
    }
    return d->size;
}

/* Load @s from the descriptor of protected-mode selector @sel (SDM Vol. 3,
 * 3.4.5 "Segment Descriptors").  A null selector is accepted for data
 * segments only (@data). */
static bool load_pm_segment(struct cpu *c, const struct cpu_regs *r, uint16_t sel, bool data,
                            struct cpu_seg *s)
{
    if ((sel & 0xFFFC) == 0) {
        *s = (struct cpu_seg){.sel = sel};
        return data;
    }
    uint32_t base = (sel & 4) ? r->ldtr.base : r->gdtr_base;
    uint32_t limit = (sel & 4) ? r->ldtr.limit : r->gdtr_limit;
    uint32_t off = sel & 0xFFF8u;
    uint8_t d[8];
    if (off + 7 > limit || cpu_debug_read(c, base + off, true, d, 8) != 8 || !(d[5] & 0x80))
        return false;
    s->sel = sel;
    s->base = (uint32_t)d[2] | (uint32_t)d[3] << 8 | (uint32_t)d[4] << 16 | (uint32_t)d[7] << 24;
    s->limit = (uint32_t)d[0] | (uint32_t)d[1] << 8 | (uint32_t)(d[6] & 0x0F) << 16;
    if (d[6] & 0x80)
        s->limit = s->limit << 12 | 0xFFF;
    s->attr = (uint16_t)(d[5] | (d[6] & 0xF0) << 4);
    return true;
}

/* Set segment register @seg to selector @sel, loading its cache. */
static bool set_segment(struct cpu *c, struct cpu_regs *r, unsigned seg, uint32_t sel)
{
    struct cpu_seg *s = &r->seg[seg];
    if (sel > 0xFFFF)
        return false;
    if (sel == s->sel)
        return true; /* G rewrites every register: keep the cache as it is */
    if (!(r->cr[0] & 1) || (r->eflags & FL_VM)) {
        s->sel = (uint16_t)sel;
        s->base = sel << 4;
        return true;
    }
    struct cpu_seg n;
    if (!load_pm_segment(c, r, (uint16_t)sel, seg != SEG_CS && seg != SEG_SS, &n))
        return false;
    *s = n;
    return true;
}

bool gdb_reg_set(struct cpu *c, struct cpu_regs *r, int n, const uint8_t *in)
{
    if (n < 0 || n >= GDB_NUM_REGS)
        return false;
    const struct reg_def *d = &regs[n];
    uint32_t v = d->size == 4 ? get32(in) : 0;
    switch (d->kind) {
    case REG_GPR: r->gpr[d->index] = v; return true;
    case REG_EIP: r->eip = v; return true;
    case REG_EFLAGS: r->eflags = (v & ~0x28u) | 2; return true; /* fixed bits, SDM Vol. 1, 3.4.3 */
    case REG_SEG: return set_segment(c, r, d->index, v);
    case REG_CR: r->cr[d->index] = v; return true;
    case REG_FPU: return true;
    }
    return false;
}

/* The i386_eflags flags type (SDM Vol. 1, 3.4.3, figure 3-8). */
static const char eflags_type[] =
    "<flags id=\"i386_eflags\" size=\"4\">"
    "<field name=\"CF\" start=\"0\" end=\"0\"/><field name=\"\" start=\"1\" end=\"1\"/>"
    "<field name=\"PF\" start=\"2\" end=\"2\"/><field name=\"AF\" start=\"4\" end=\"4\"/>"
    "<field name=\"ZF\" start=\"6\" end=\"6\"/><field name=\"SF\" start=\"7\" end=\"7\"/>"
    "<field name=\"TF\" start=\"8\" end=\"8\"/><field name=\"IF\" start=\"9\" end=\"9\"/>"
    "<field name=\"DF\" start=\"10\" end=\"10\"/><field name=\"OF\" start=\"11\" end=\"11\"/>"
    "<field name=\"NT\" start=\"14\" end=\"14\"/><field name=\"RF\" start=\"16\" end=\"16\"/>"
    "<field name=\"VM\" start=\"17\" end=\"17\"/><field name=\"AC\" start=\"18\" end=\"18\"/>"
    "<field name=\"VIF\" start=\"19\" end=\"19\"/><field name=\"VIP\" start=\"20\" end=\"20\"/>"
    "<field name=\"ID\" start=\"21\" end=\"21\"/></flags>";

/* Append one <reg> element for register @n to @f. */
static void xml_reg(FILE *f, int n)
{
    const struct reg_def *d = &regs[n];
    fprintf(f, "<reg name=\"%s\" bitsize=\"%u\" type=\"%s\" regnum=\"%d\"", d->name, d->size * 8,
            d->type, n);
    if (d->group)
        fprintf(f, " group=\"%s\"", d->group);
    fputs("/>", f);
}

char *gdb_target_xml(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    fputs("<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
          "<target version=\"1.0\"><architecture>i386</architecture>"
          "<feature name=\"org.gnu.gdb.i386.core\">",
          f);
    fputs(eflags_type, f);
    for (int i = 0; i < FIRST_SYS_REG; i++)
        xml_reg(f, i);
    fputs("</feature><feature name=\"org.trap86.sys\">", f);
    for (int i = FIRST_SYS_REG; i < GDB_NUM_REGS; i++)
        xml_reg(f, i);
    fputs("</feature></target>", f);
    if (fclose(f)) {
        free(buf);
        return NULL;
    }
    return buf;
}
