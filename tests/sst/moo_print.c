/*
 * tests/sst/moo_print.c - plain-text dump of a MOO test (see moo_print.h).
 */
#include "moo_print.h"

void moo_print_regs(FILE *out, const char *label, const struct moo_regs *r)
{
    fprintf(out, "  %s:", label);
    for (int k = 0; k < MOO_NREGS; k++)
        if (r->mask >> k & 1)
            fprintf(out, " %s=%04x", moo_reg_name((enum moo_reg)k), r->v[k]);
    fprintf(out, "\n");
}

static void print_ram(FILE *out, const char *label, const struct moo_ram *r)
{
    fprintf(out, "  %s ram (%u):", label, r->count);
    for (uint32_t k = 0; k < r->count; k++)
        fprintf(out, "%s%06x=%02x", k % 8 ? " " : "\n    ", moo_ram_addr(r, k), moo_ram_val(r, k));
    fprintf(out, "\n");
}

void moo_dump_test(FILE *out, const struct moo_test *t)
{
    fprintf(out, "test #%u '%.*s' bytes [", t->index, (int)t->name_len, t->name);
    for (uint32_t k = 0; k < t->nbytes; k++)
        fprintf(out, "%s%02x", k ? " " : "", t->bytes[k]);
    fprintf(out, "]\n");
    moo_print_regs(out, "init", &t->init.regs);
    print_ram(out, "init", &t->init.ram);
    moo_print_regs(out, "final", &t->final.regs);
    print_ram(out, "final", &t->final.ram);
    if (t->has_excp)
        fprintf(out, "  exception %u, flags pushed at %06x\n", t->excp_num, t->excp_flag_addr);
    fprintf(out, "  hash ");
    for (int k = 0; k < 20 && t->has_hash; k++)
        fprintf(out, "%02x", t->hash[k]);
    fprintf(out, "\n");
}

