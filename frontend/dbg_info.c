/*
 * frontend/dbg_info.c - register dumps and descriptor-table decoding
 * (SDM Vol. 3, 3.4.5 segment descriptors, 6.11 IDT descriptors, 7.2.1 TSS).
 *
 * Invariant: guest memory is read only with cpu_debug_read on linear
 * addresses (the tables' bases are linear), never changing guest state.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_info.h"
#include "dbg_internal.h"
#include "dbg_syms.h"

/** A decoded 8-byte descriptor. */
struct desc {
    uint32_t base, limit, offset;
    uint16_t sel;
    uint8_t type, dpl;
    bool s, p, db, g;
};

static void desc_decode(const uint8_t b[8], struct desc *x)
{
    x->limit = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)(b[6] & 0xF) << 16;
    x->base = (uint32_t)b[2] | (uint32_t)b[3] << 8 | (uint32_t)b[4] << 16 | (uint32_t)b[7] << 24;
    x->type = b[5] & 0xF;
    x->s = b[5] & 0x10;
    x->dpl = (b[5] >> 5) & 3;
    x->p = b[5] & 0x80;
    x->db = b[6] & 0x40;
    x->g = b[6] & 0x80;
    if (x->g)
        x->limit = x->limit << 12 | 0xFFF;
    x->sel = (uint16_t)(b[2] | b[3] << 8);
    x->offset = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[6] << 16 | (uint32_t)b[7] << 24;
}

static const char *const system_types[16] = {
    "reserved",
    "16-bit TSS (available)",
    "LDT",
    "16-bit TSS (busy)",
    "16-bit call gate",
    "task gate",
    "16-bit interrupt gate",
    "16-bit trap gate",
    "reserved",
    "32-bit TSS (available)",
    "reserved",
    "32-bit TSS (busy)",
    "32-bit call gate",
    "reserved",
    "32-bit interrupt gate",
    "32-bit trap gate",
};

static bool is_gate(uint8_t type)
{
    return (type & 4) && type != 0xD && type != 0x8 && type != 0x9;
}

/* "code 32-bit execute/read conforming accessed" and the like. */
static void desc_type_text(const struct desc *x, char *buf, size_t size)
{
    if (!x->s) {
        snprintf(buf, size, "%s", system_types[x->type]);
        return;
    }
    bool code = x->type & 8;
    snprintf(buf, size, "%s %s-bit %s%s%s", code ? "code" : "data", x->db ? "32" : "16",
             code ? ((x->type & 2) ? "execute/read" : "execute-only")
                  : ((x->type & 2) ? "read/write" : "read-only"),
             (x->type & 4) ? (code ? " conforming" : " expand-down") : "",
             (x->type & 1) ? " accessed" : "");
}

/* One table line: "GDT[0x08]: base=... limit=... TYPE DPL=n P=n". */
static void desc_print(FILE *out, const char *table, unsigned index, const uint8_t b[8])
{
    struct desc x;
    char type[64];
    desc_decode(b, &x);
    desc_type_text(&x, type, sizeof(type));
    fprintf(out, "%s[0x%02x]: ", table, index);
    if (!memcmp(b, "\0\0\0\0\0\0\0\0", 8))
        fprintf(out, "null\n");
    else if (!x.s && is_gate(x.type) && x.type != 5)
        fprintf(out, "%s %04x:%08" PRIx32 " DPL=%u P=%u\n", type, x.sel,
                (x.type & 8) ? x.offset : x.offset & 0xFFFF, x.dpl, x.p);
    else if (!x.s && x.type == 5)
        fprintf(out, "%s TSS selector %04x DPL=%u P=%u\n", type, x.sel, x.dpl, x.p);
    else
        fprintf(out, "base=0x%08" PRIx32 " limit=0x%08" PRIx32 " %s DPL=%u P=%u\n", x.base, x.limit,
                type, x.dpl, x.p);
}

/* Read descriptor @sel from the GDT or LDT; false when out of the table. */
static bool desc_read(struct dbg *d, const struct cpu_regs *r, uint16_t sel, uint8_t b[8])
{
    uint32_t base = (sel & 4) ? r->ldtr.base : r->gdtr_base;
    uint32_t limit = (sel & 4) ? r->ldtr.limit : r->gdtr_limit;
    uint32_t off = sel & ~7u;
    return off + 7 <= limit && cpu_debug_read(d->c, base + off, true, b, 8) == 8;
}

bool dbg_seg_base(struct dbg *d, uint16_t sel, uint32_t *base)
{
    struct cpu_regs r;
    cpu_get_regs(d->c, &r);
    if (!(r.cr[0] & 1) || (r.eflags & FL_VM)) {
        *base = (uint32_t)sel << 4;
        return true;
    }
    uint8_t b[8];
    struct desc x;
    if (!desc_read(d, &r, sel, b))
        return false;
    desc_decode(b, &x);
    *base = x.base;
    return true;
}

void dbg_info_regs(struct dbg *d, FILE *out)
{
    static const char *const names[8] = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
    struct cpu_regs r;
    cpu_get_regs(d->c, &r);
    for (int k = 0; k < 8; k++)
        fprintf(out, "%s: 0x%08" PRIx32 "%s", names[k], r.gpr[k], k % 4 == 3 ? "\n" : "  ");
    fprintf(out, "eip: 0x%08" PRIx32 "  eflags: 0x%08" PRIx32 "  ", r.eip, r.eflags);
    dbg_info_eflags(d, out);
}

static void seg_print(FILE *out, const char *name, const struct cpu_seg *s)
{
    fprintf(out, "%s: 0x%04x base=0x%08" PRIx32 " limit=0x%08" PRIx32 " attr=0x%04x\n", name,
            s->sel, s->base, s->limit, s->attr);
}

void dbg_info_sregs(struct dbg *d, FILE *out)
{
    static const char *const names[SEG_COUNT] = {"es", "cs", "ss", "ds", "fs", "gs"};
    struct cpu_regs r;
    cpu_get_regs(d->c, &r);
    for (int k = 0; k < SEG_COUNT; k++)
        seg_print(out, names[k], &r.seg[k]);
    seg_print(out, "ldtr", &r.ldtr);
    seg_print(out, "tr", &r.tr);
    fprintf(out, "gdtr: base=0x%08" PRIx32 " limit=0x%04x\n", r.gdtr_base, r.gdtr_limit);
    fprintf(out, "idtr: base=0x%08" PRIx32 " limit=0x%04x\n", r.idtr_base, r.idtr_limit);
}

void dbg_info_cregs(struct dbg *d, FILE *out)
{
    struct cpu_regs r;
    cpu_get_regs(d->c, &r);
    uint32_t cr0 = r.cr[0];
    fprintf(out, "cr0: 0x%08" PRIx32 " %s %s %s %s %s\n", cr0, (cr0 >> 31) ? "PG" : "pg",
            (cr0 >> 16) & 1 ? "WP" : "wp", (cr0 >> 3) & 1 ? "TS" : "ts",
            (cr0 >> 1) & 1 ? "MP" : "mp", cr0 & 1 ? "PE" : "pe");
    fprintf(out, "cr2: 0x%08" PRIx32 "\ncr3: 0x%08" PRIx32 "\ncr4: 0x%08" PRIx32 "\n", r.cr[2],
            r.cr[3], r.cr[4]);
}

void dbg_info_dregs(struct dbg *d, FILE *out)
{
    struct cpu_regs r;
    cpu_get_regs(d->c, &r);
    for (int k = 0; k < 8; k++)
        if (k != 4 && k != 5)
            fprintf(out, "dr%d: 0x%08" PRIx32 "\n", k, r.dr[k]);
}

void dbg_info_eflags(struct dbg *d, FILE *out)
{
    static const struct {
        uint32_t bit;
        const char *name;
    } flags[] = {
        {FL_ID, "id"}, {FL_VIP, "vip"}, {FL_VIF, "vif"}, {FL_AC, "ac"},
        {FL_VM, "vm"}, {FL_RF, "rf"},   {FL_NT, "nt"},   {FL_OF, "of"},
        {FL_DF, "df"}, {FL_IF, "if"},   {FL_TF, "tf"},   {FL_SF, "sf"},
        {FL_ZF, "zf"}, {FL_AF, "af"},   {FL_PF, "pf"},   {FL_CF, "cf"},
    };
    struct cpu_regs r;
    cpu_get_regs(d->c, &r);
    for (size_t k = 0; k < sizeof(flags) / sizeof(flags[0]); k++) {
        char name[4] = {0};
        bool set = r.eflags & flags[k].bit;
        for (int i = 0; i < 3 && flags[k].name[i]; i++)
            name[i] = set ? (char)toupper((unsigned char)flags[k].name[i]) : flags[k].name[i];
        fprintf(out, "%s ", name);
    }
    fprintf(out, "iopl=%" PRIu32 "\n", (r.eflags >> 12) & 3);
}

void dbg_info_table(struct dbg *d, char which, const char *args, FILE *out)
{
    struct cpu_regs r;
    cpu_get_regs(d->c, &r);
    uint32_t base = which == 'g' ? r.gdtr_base : which == 'i' ? r.idtr_base : r.ldtr.base;
    uint32_t limit = which == 'g' ? r.gdtr_limit : which == 'i' ? r.idtr_limit : r.ldtr.limit;
    const char *name = which == 'g' ? "GDT" : which == 'i' ? "IDT" : "LDT";
    if (which == 'l' && !(r.ldtr.sel & ~3u)) {
        fprintf(out, "LDT: none (LDTR is null)\n");
        return;
    }
    unsigned first = 0, last = (limit + 1) / 8;
    last = last ? last - 1 : 0;
    if (args && *args) {
        char *end;
        first = (unsigned)strtoul(args, &end, 0);
        last = *end ? (unsigned)strtoul(end, NULL, 0) : first;
    }
    fprintf(out, "%s (base=0x%08" PRIx32 ", limit=0x%04" PRIx32 "):\n", name, base, limit);
    bool all = args && *args; /* an explicit range shows null entries too */
    unsigned hidden = 0;
    for (unsigned k = first; k <= last && (uint64_t)k * 8 + 7 <= limit; k++) {
        uint8_t b[8];
        if (cpu_debug_read(d->c, base + k * 8, true, b, 8) != 8) {
            fprintf(out, "%s[0x%02x]: not mapped\n", name, which == 'i' ? k : k * 8);
            continue;
        }
        if (!all && k > 0 && !memcmp(b, "\0\0\0\0\0\0\0\0", 8)) {
            hidden++;
            continue;
        }
        desc_print(out, name, which == 'i' ? k : k * 8, b);
    }
    if (hidden)
        fprintf(out, "(%u null entries not shown; give a range to list them)\n", hidden);
}

/* 32-bit TSS fields (SDM Vol. 3, Figure 7-2), by offset. */
static const struct {
    unsigned off;
    const char *name;
    bool word;
} tss_fields[] = {
    {0x00, "link", true}, {0x04, "esp0", false},   {0x08, "ss0", true},  {0x0C, "esp1", false},
    {0x10, "ss1", true},  {0x14, "esp2", false},   {0x18, "ss2", true},  {0x1C, "cr3", false},
    {0x20, "eip", false}, {0x24, "eflags", false}, {0x28, "eax", false}, {0x2C, "ecx", false},
    {0x30, "edx", false}, {0x34, "ebx", false},    {0x38, "esp", false}, {0x3C, "ebp", false},
    {0x40, "esi", false}, {0x44, "edi", false},    {0x48, "es", true},   {0x4C, "cs", true},
    {0x50, "ss", true},   {0x54, "ds", true},      {0x58, "fs", true},   {0x5C, "gs", true},
    {0x60, "ldt", true},  {0x66, "iomap", true},
};

void dbg_info_tss(struct dbg *d, FILE *out)
{
    struct cpu_regs r;
    cpu_get_regs(d->c, &r);
    if (!(r.tr.sel & ~3u)) {
        fprintf(out, "TSS: none (TR is null)\n");
        return;
    }
    fprintf(out, "TSS: selector 0x%04x base=0x%08" PRIx32 " limit=0x%08" PRIx32 "\n", r.tr.sel,
            r.tr.base, r.tr.limit);
    if (r.tr.limit < 0x67) {
        fprintf(out, "  (16-bit or short TSS: fields not decoded)\n");
        return;
    }
    for (size_t k = 0; k < sizeof(tss_fields) / sizeof(tss_fields[0]); k++) {
        uint8_t b[4] = {0};
        cpu_debug_read(d->c, r.tr.base + tss_fields[k].off, true, b, tss_fields[k].word ? 2 : 4);
        uint32_t v =
            (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
        fprintf(out, "  %-6s 0x%0*" PRIx32 "%s", tss_fields[k].name, tss_fields[k].word ? 4 : 8, v,
                k % 4 == 3 ? "\n" : "");
    }
    fprintf(out, "\n");
}

void dbg_print_stack(struct dbg *d, unsigned n, FILE *out)
{
    struct cpu_regs r;
    cpu_get_regs(d->c, &r);
    bool big = r.seg[SEG_SS].attr & 0x4000;
    unsigned size = big ? 4 : 2;
    uint32_t sp = big ? r.gpr[R_ESP] : r.gpr[R_ESP] & 0xFFFF;
    for (unsigned k = 0; k < n; k++, sp += size) {
        uint32_t off = big ? sp : sp & 0xFFFF, lin = r.seg[SEG_SS].base + off, v = 0, so;
        uint8_t b[4] = {0};
        if (cpu_debug_read(d->c, lin, true, b, size) != size) {
            fprintf(out, "  %04x:%0*" PRIx32 " (0x%08" PRIx32 ")  not mapped\n", r.seg[SEG_SS].sel,
                    big ? 8 : 4, off, lin);
            break;
        }
        v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
        const char *sym = dbg_syms_name(d->syms, v, &so);
        fprintf(out, "  %04x:%0*" PRIx32 " (0x%08" PRIx32 ")  0x%0*" PRIx32, r.seg[SEG_SS].sel,
                big ? 8 : 4, off, lin, big ? 8 : 4, v);
        if (sym)
            fprintf(out, so ? " <%s+0x%" PRIx32 ">" : " <%s>", sym, so);
        fprintf(out, "\n");
    }
}
