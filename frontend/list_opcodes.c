/*
 * frontend/list_opcodes.c - --list-opcodes: the generated opcode table
 * (cpu/opcodes.spec via cpu/optable.h) printed one row per opcode form.
 *
 * Output: one header line, then t86_opdesc_count rows in table order, with
 * whitespace-separated columns and "-" for an empty field, so scripts can
 * split on whitespace.  Flags are printed in EFLAGS order from OF down to CF.
 */
#include <stdio.h>

#include "frontend.h"
#include "optable.h"

/* Letters of the flags in @mask ("-" when none), most significant first. */
static void flag_letters(unsigned mask, char *out)
{
    static const struct { unsigned bit; char letter; } order[] = {
        {FL_OF, 'O'}, {FL_DF, 'D'}, {FL_IF, 'I'}, {FL_TF, 'T'}, {FL_SF, 'S'},
        {FL_ZF, 'Z'}, {FL_AF, 'A'}, {FL_PF, 'P'}, {FL_CF, 'C'},
    };
    char *p = out;
    for (unsigned k = 0; k < sizeof(order) / sizeof(order[0]); k++)
        if (mask & order[k].bit)
            *p++ = order[k].letter;
    if (p == out)
        *p++ = '-';
    *p = '\0';
}

/* Comma list of the names of the bits set in @mask ("-" when none). */
static void bit_names(unsigned mask, const char *const *names, unsigned count, char *out,
                      size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (unsigned k = 0; k < count; k++)
        if (mask & (1u << k))
            n += (size_t)snprintf(out + n, size - n, "%s%s", n ? "," : "", names[k]);
    if (!n)
        snprintf(out, size, "-");
}

static void print_row(const struct opdesc *d)
{
    static const char *const cpus[] = {"86", "186", "286", "386", "486", "586"};
    static const char *const classes[] = {"inn", "sens", "priv"};
    static const char *const conds[] = {"cpl", "iopl", "vm", "tsd"};
    static const char *const attrs[] = {"lock", "rep", "branch"};
    char op[8], reg[4], fr[12], fw[12], cond[24], attr[24];
    if (d->op & 0x100)
        snprintf(op, sizeof(op), "0F%02X", d->op & 0xFF);
    else
        snprintf(op, sizeof(op), "%02X", d->op);
    if (d->reg < 0)
        snprintf(reg, sizeof(reg), "-");
    else
        snprintf(reg, sizeof(reg), "%d", d->reg);
    flag_letters(d->fr, fr);
    flag_letters(d->fw, fw);
    bit_names(d->cond, conds, 4, cond, sizeof(cond));
    bit_names(d->attr, attrs, 3, attr, sizeof(attr));
    printf("%-6s %-3s %-10s %-12s %-9s %-9s %-4s %-5s %-9s %s\n", op, reg, d->mnem,
           d->operands[0] ? d->operands : "-", fr, fw, d->cpu < 6 ? cpus[d->cpu] : "?",
           d->vclass < 3 ? classes[d->vclass] : "?", cond, attr);
}

void list_opcodes(void)
{
    printf("%-6s %-3s %-10s %-12s %-9s %-9s %-4s %-5s %-9s %s\n", "OPCODE", "REG", "MNEMONIC",
           "OPERANDS", "READS", "WRITES", "CPU", "CLASS", "COND", "ATTR");
    for (unsigned k = 1; k <= t86_opdesc_count; k++)
        print_row(&t86_opdesc[k]);
}
