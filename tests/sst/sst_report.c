/*
 * tests/sst/sst_report.c - dumps, diffs and summaries (see sst_report.h).
 * Output only; nothing here decides whether a test passes.
 */
#include "sst_report.h"

#include "moo_print.h"

#include <stdarg.h>
#include <string.h>

/* A bounded string builder. */
struct sbuf {
    char *p;
    size_t n, len;
};

static void sb_add(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_add(struct sbuf *b, const char *fmt, ...)
{
    if (b->len + 1 >= b->n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(b->p + b->len, b->n - b->len, fmt, ap);
    va_end(ap);
    if (w > 0)
        b->len = b->len + (size_t)w < b->n ? b->len + (size_t)w : b->n - 1;
}

/* Names of the FLAGS bits set in @bits (SDM Vol. 1, 3.4.3). */
static void flag_names(struct sbuf *b, uint16_t bits)
{
    static const char *const names[16] = {"CF", "b1", "PF", "b3", "AF", "b5", "ZF", "SF",
                                          "TF", "IF", "DF", "OF", "IOPL0", "IOPL1", "NT", "b15"};
    const char *sep = "";
    for (int k = 0; k < 16; k++)
        if (bits >> k & 1) {
            sb_add(b, "%s%s", sep, names[k]);
            sep = ",";
        }
}

static void bytes_hex(struct sbuf *b, const struct moo_test *t)
{
    for (uint32_t k = 0; k < t->nbytes && k < 16; k++)
        sb_add(b, "%s%02x", k ? " " : "", t->bytes[k]);
}

static const char *stop_name(enum cpu_stop s)
{
    switch (s) {
    case CPU_STOP_HALT: return "halt";
    case CPU_STOP_BUDGET: return "budget exhausted (no HLT)";
    case CPU_STOP_SHUTDOWN: return "shutdown";
    default: return "stop request";
    }
}

static void print_exceptions(FILE *out, const struct moo_test *t, const struct sst_machine *m)
{
    fprintf(out, "  exception: 286 %s", t->has_excp ? "" : "none");
    if (t->has_excp)
        fprintf(out, "%u (flags at %06x)", t->excp_num, t->excp_flag_addr);
    fprintf(out, "; ours %s", m->nexc ? "" : "none");
    for (int k = 0; k < m->nexc && k < SST_MAX_EXC; k++)
        fprintf(out, "%s%d", k ? "," : "", m->exc_vec[k]);
    fprintf(out, "\n");
}

static void print_ram_diff(FILE *out, const struct moo_test *t, const struct sst_machine *m,
                           uint16_t fm, const struct moo_ram *list)
{
    for (uint32_t k = 0; k < list->count; k++) {
        uint32_t a = moo_ram_addr(list, k);
        uint8_t exp;
        if (a >= SST_RAM_SIZE || !sst_ram_expected(t, a, &exp))
            continue;
        uint8_t mask = sst_ram_mask(t, fm, a);
        if ((m->ram[a] ^ exp) & mask)
            fprintf(out, "  ram %06x: exp %02x got %02x%s\n", a, exp, m->ram[a],
                    mask != 0xFF ? " (pushed flags, masked)" : "");
    }
}

void sst_print_failure(FILE *out, const char *opname, const struct moo_test *t,
                       const struct sst_result *r, const struct sst_machine *m, uint16_t fm)
{
    char bytes[64];
    struct sbuf b = {bytes, sizeof(bytes), 0};
    bytes[0] = 0;
    bytes_hex(&b, t);
    fprintf(out, "FAIL %s #%u '%.*s' bytes [%s] stop=%s\n", opname, t->index, (int)t->name_len,
            t->name, bytes, stop_name(r->stop));
    moo_print_regs(out, "init", &t->init.regs);
    for (int k = 0; k < MOO_NREGS; k++) {
        if (!(r->regdiff >> k & 1))
            continue;
        fprintf(out, "  %-5s exp %04x got %04x (mask %04x)", moo_reg_name((enum moo_reg)k),
                r->exp[k], r->got[k], r->mask[k]);
        if (k == MOO_FLAGS) {
            char fl[96];
            struct sbuf fb = {fl, sizeof(fl), 0};
            fl[0] = 0;
            flag_names(&fb, (r->exp[k] ^ r->got[k]) & r->mask[k]);
            fprintf(out, " differ: %s", fl);
        }
        fprintf(out, "\n");
    }
    print_ram_diff(out, t, m, fm, &t->final.ram);
    print_ram_diff(out, t, m, fm, &t->init.ram); /* INIT bytes that should be unchanged */
    print_exceptions(out, t, m);
}

void sst_summarize(char *buf, size_t n, const struct moo_test *t, const struct sst_result *r,
                   const struct sst_machine *m)
{
    struct sbuf b = {buf, n, 0};
    buf[0] = 0;
    sb_add(&b, "#%u '%.*s' [", t->index, (int)t->name_len, t->name);
    bytes_hex(&b, t);
    sb_add(&b, "]:");
    if (r->stop != CPU_STOP_HALT)
        sb_add(&b, " %s;", stop_name(r->stop));
    for (int k = 0; k < MOO_NREGS; k++) {
        if (!(r->regdiff >> k & 1))
            continue;
        sb_add(&b, " %s %04x!=%04x", moo_reg_name((enum moo_reg)k), r->got[k], r->exp[k]);
        if (k == MOO_FLAGS) {
            sb_add(&b, "(");
            flag_names(&b, (r->exp[k] ^ r->got[k]) & r->mask[k]);
            sb_add(&b, ")");
        }
    }
    if (r->ram_diff)
        sb_add(&b, " ram x%u", r->ram_diff);
    if (t->has_excp || m->nexc)
        sb_add(&b, "; exc 286=%d ours=%d", t->has_excp ? t->excp_num : -1,
               m->nexc ? m->exc_vec[0] : -1);
}
