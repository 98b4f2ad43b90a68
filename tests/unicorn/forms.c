/*
 * tests/unicorn/forms.c - which opcode-table rows the differential test
 * covers, and what the generator must know about each.
 *
 * The list comes from the generated table (t86_opdesc[1..count]); a row is
 * covered when it is unprivileged, non-branching, integer, present on a 486,
 * and not port I/O or CPUID (see exclusion_reason for each rule).  The
 * classification is by mnemonic and operand text, never by handler.
 */
#include <stdio.h>
#include <string.h>

#include "cpu/cpu.h"
#include "ucdiff.h"

static bool is_one_of(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(s, *list))
            return true;
    return false;
}

/* Why row @d is not covered, or NULL when it is. */
static const char *exclusion_reason(const struct opdesc *d)
{
    static const char *const port_io[] = {"IN", "OUT", "INSB", "INSD", "OUTSB", "OUTSD", NULL};
    if (d->cpu > CPU_MODEL_486)
        return "not on a 486 (row cpu > 4)";
    if (d->vclass == VC_PRIVILEGED)
        return "privileged (#GP at CPL > 0; HLT, CLI, STI, control registers...)";
    if (d->attr & OPA_BRANCH)
        return "branch";
    if ((d->op >= 0xD8 && d->op <= 0xDF) || d->op == 0x9B)
        return "x87 escape / WAIT";
    if (is_one_of(d->mnem, port_io))
        return "port I/O";
    if (!strcmp(d->mnem, "CPUID"))
        return "CPUID: model-specific output (unicorn is not a 486)";
    return NULL;
}

static bool is_stack_form(const struct opdesc *d)
{
    static const char *const stack[] = {"PUSH", "POP", "PUSHA", "POPA", "PUSHF",
                                        "POPF", "ENTER", "LEAVE", NULL};
    return is_one_of(d->mnem, stack);
}

static bool is_sreg_operand(const char *ops)
{
    static const char *const sregs[] = {"es", "cs", "ss", "ds", "fs", "gs", NULL};
    return is_one_of(ops, sregs);
}

static enum ud_kind classify(const struct opdesc *d)
{
    static const char *const strings[] = {"MOVSB", "MOVSD", "CMPSB", "CMPSD", "STOSB", "STOSD",
                                          "LODSB", "LODSD", "SCASB", "SCASD", NULL};
    static const char *const far[] = {"LES", "LDS", "LSS", "LFS", "LGS", NULL};
    static const char *const seltest[] = {"LAR", "LSL", "VERR", "VERW", NULL};
    static const char *const bt[] = {"BT", "BTS", "BTR", "BTC", NULL};
    const char *m = d->mnem;
    if (is_one_of(m, strings))
        return K_STRING;
    if (!strcmp(m, "XLAT"))
        return K_XLAT;
    if (!strcmp(m, "ENTER"))
        return K_ENTER;
    if (!strcmp(m, "LEAVE"))
        return K_LEAVE;
    if (!strcmp(m, "POPF"))
        return K_POPF;
    if (!strcmp(m, "POP") && is_sreg_operand(d->operands))
        return K_POP_SREG;
    if (!strcmp(m, "MOV") && !strcmp(d->operands, "Sw,Ew"))
        return K_MOV_SREG;
    if (is_one_of(m, far))
        return K_LOAD_FAR;
    if (is_one_of(m, seltest))
        return K_SEL_TEST;
    if (is_one_of(m, bt) && !strcmp(d->operands, "Ev,Gv"))
        return K_BT_REG;
    if (!strcmp(m, "DIV") || !strcmp(m, "IDIV"))
        return K_DIV;
    if (!strcmp(m, "CMPXCHG"))
        return K_CMPXCHG;
    if (!strcmp(m, "BOUND"))
        return K_BOUND;
    if (strchr(d->operands, 'O'))
        return K_MOFFS;
    if (!strcmp(m, "ARPL"))
        return K_ARPL;
    return is_stack_form(d) ? K_STACK : K_PLAIN;
}

unsigned forms_build(struct ud_form *out, unsigned max)
{
    unsigned n = 0;
    for (unsigned row = 1; row <= t86_opdesc_count && n < max; row++) {
        const struct opdesc *d = &t86_opdesc[row];
        if (exclusion_reason(d))
            continue;
        struct ud_form *f = &out[n++];
        f->d = d;
        f->row = row;
        f->kind = classify(d);
        f->stack = is_stack_form(d);
        f->seg_load = f->kind == K_POP_SREG || f->kind == K_MOV_SREG ||
                      f->kind == K_LOAD_FAR || f->kind == K_SEL_TEST;
    }
    return n;
}

const char *form_name(const struct ud_form *f, char *buf, unsigned size)
{
    const struct opdesc *d = f->d;
    char op[16];
    if (d->op & 0x100)
        snprintf(op, sizeof(op), "0F %02X", d->op & 0xFF);
    else
        snprintf(op, sizeof(op), "%02X", d->op);
    if (d->reg >= 0)
        snprintf(buf, size, "%s /%d %s %s", op, d->reg, d->mnem, d->operands);
    else
        snprintf(buf, size, "%s %s %s", op, d->mnem, d->operands);
    return buf;
}

void forms_list(void)
{
    for (unsigned row = 1; row <= t86_opdesc_count; row++) {
        const struct opdesc *d = &t86_opdesc[row];
        struct ud_form f = {.d = d, .row = row};
        char name[64];
        const char *why = exclusion_reason(d);
        printf("%-28s %s\n", form_name(&f, name, sizeof(name)), why ? why : "covered");
    }
}
