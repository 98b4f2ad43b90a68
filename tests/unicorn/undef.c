/*
 * tests/unicorn/undef.c - what the Intel SDM leaves undefined, per case.
 *
 * The table below is the one docs/unicorn.md reproduces; each row cites the
 * instruction page of the Intel SDM Vol. 2 ("Flags Affected" / "Description").
 * undef_for_case turns a row plus the case's operands (shift count, source
 * value, operand size) into EFLAGS bits, register bits and memory bytes that
 * compare.c must not compare.  Everything not listed here is compared.
 */
#include <string.h>

#include "cpu/cpu.h"
#include "ucdiff.h"

enum { F_OSZAPC = FL_OF | FL_SF | FL_ZF | FL_AF | FL_PF | FL_CF };

/** Count- or operand-dependent parts of a row. */
enum extra {
    X_NONE,
    X_SHIFT,    /* count 0: none; else AF, OF if count != 1, CF if SHL/SHR count >= width */
    X_ROTATE,   /* count 0: none; else OF if count != 1 */
    X_SHXD,     /* count 0: none; AF, OF if count != 1; count > width: all flags and dest */
    X_BSCAN,    /* source 0: destination undefined */
    X_BSWAP16,  /* 16-bit operand: destination undefined */
    X_SEL_R32,  /* 32-bit register destination: high 16 bits undefined */
    X_LAR32,    /* 32-bit destination: bits 19:16 undefined (mask 00FxFF00H) */
    X_PUSH_SEG, /* 32-bit push of a segment register: high word of the slot undefined */
};

struct undef_rule {
    const char *mnem;
    uint32_t flags; /* undefined whenever the instruction completes */
    enum extra extra;
    const char *sdm;
};

static const struct undef_rule rules[] = {
    {"MUL", FL_SF | FL_ZF | FL_AF | FL_PF, X_NONE, "MUL: SF, ZF, AF, PF undefined"},
    {"IMUL", FL_SF | FL_ZF | FL_AF | FL_PF, X_NONE, "IMUL: SF, ZF, AF, PF undefined"},
    {"DIV", F_OSZAPC, X_NONE, "DIV: CF, OF, SF, ZF, AF, PF undefined"},
    {"IDIV", F_OSZAPC, X_NONE, "IDIV: CF, OF, SF, ZF, AF, PF undefined"},
    {"AND", FL_AF, X_NONE, "AND: AF undefined"},
    {"OR", FL_AF, X_NONE, "OR: AF undefined"},
    {"XOR", FL_AF, X_NONE, "XOR: AF undefined"},
    {"TEST", FL_AF, X_NONE, "TEST: AF undefined"},
    {"SHL", 0, X_SHIFT, "SAL/SAR/SHL/SHR: AF undefined for count != 0; OF for count != 1; "
                        "CF for SHL/SHR count >= operand width"},
    {"SAL", 0, X_SHIFT, "SAL/SAR/SHL/SHR (as SHL)"},
    {"SHR", 0, X_SHIFT, "SAL/SAR/SHL/SHR (as SHL)"},
    {"SAR", 0, X_SHIFT, "SAL/SAR/SHL/SHR (as SHL; CF defined)"},
    {"ROL", 0, X_ROTATE, "RCL/RCR/ROL/ROR: OF undefined unless the masked count is 1"},
    {"ROR", 0, X_ROTATE, "RCL/RCR/ROL/ROR (as ROL)"},
    {"RCL", 0, X_ROTATE, "RCL/RCR/ROL/ROR (as ROL)"},
    {"RCR", 0, X_ROTATE, "RCL/RCR/ROL/ROR (as ROL)"},
    {"SHLD", 0, X_SHXD, "SHLD: AF undefined if count != 0, OF if count != 1; count > size: "
                        "destination and flags undefined"},
    {"SHRD", 0, X_SHXD, "SHRD (as SHLD)"},
    {"BSF", FL_OF | FL_SF | FL_AF | FL_PF | FL_CF, X_BSCAN,
     "BSF: CF, OF, SF, AF, PF undefined; destination undefined if the source is 0"},
    {"BSR", FL_OF | FL_SF | FL_AF | FL_PF | FL_CF, X_BSCAN, "BSR (as BSF)"},
    {"BT", FL_OF | FL_SF | FL_AF | FL_PF, X_NONE, "BT: OF, SF, AF, PF undefined"},
    {"BTS", FL_OF | FL_SF | FL_AF | FL_PF, X_NONE, "BTS: OF, SF, AF, PF undefined"},
    {"BTR", FL_OF | FL_SF | FL_AF | FL_PF, X_NONE, "BTR: OF, SF, AF, PF undefined"},
    {"BTC", FL_OF | FL_SF | FL_AF | FL_PF, X_NONE, "BTC: OF, SF, AF, PF undefined"},
    {"AAA", FL_OF | FL_SF | FL_ZF | FL_PF, X_NONE, "AAA: OF, SF, ZF, PF undefined"},
    {"AAS", FL_OF | FL_SF | FL_ZF | FL_PF, X_NONE, "AAS: OF, SF, ZF, PF undefined"},
    {"DAA", FL_OF, X_NONE, "DAA: OF undefined"},
    {"DAS", FL_OF, X_NONE, "DAS: OF undefined"},
    {"AAM", FL_OF | FL_AF | FL_CF, X_NONE, "AAM: OF, AF, CF undefined"},
    {"AAD", FL_OF | FL_AF | FL_CF, X_NONE, "AAD: OF, AF, CF undefined"},
    {"BSWAP", 0, X_BSWAP16, "BSWAP: result undefined for a 16-bit register"},
    {"SLDT", 0, X_SEL_R32, "SLDT: high 16 bits of a 32-bit register undefined before P6"},
    {"STR", 0, X_SEL_R32, "STR: as SLDT"},
    {"SMSW", 0, X_SEL_R32, "SMSW: high 16 bits of a 32-bit register undefined"},
    {"LAR", 0, X_LAR32, "LAR: 32-bit result masked by 00FxFF00H (x undefined)"},
    {"PUSH", 0, X_PUSH_SEG, "PUSH: 32-bit push of a segment register may write only 16 bits"},
};

unsigned undef_rule_count(void) { return sizeof(rules) / sizeof(rules[0]); }

static const struct undef_rule *find_rule(const struct opdesc *d)
{
    if (!strcmp(d->mnem, "MOV") && !strcmp(d->operands, "Ev,Sw")) {
        static const struct undef_rule mov_sreg = {
            "MOV", 0, X_SEL_R32, "MOV: r32 <- Sreg high 16 bits undefined before P6"};
        return &mov_sreg;
    }
    for (unsigned i = 0; i < undef_rule_count(); i++)
        if (!strcmp(rules[i].mnem, d->mnem))
            return &rules[i];
    return NULL;
}

static unsigned width(const struct ud_case *k)
{
    return k->form->d->byte ? 8 : k->op16 ? 16 : 32;
}

/* Shift/rotate count before masking: 1, CL or the immediate. */
static uint32_t raw_count(const struct ud_case *k)
{
    const char *ops = k->form->d->operands;
    size_t n = strlen(ops);
    if (n >= 2 && !strcmp(ops + n - 2, ",1"))
        return 1;
    if (n >= 2 && !strcmp(ops + n - 2, "cl"))
        return k->gpr[R_ECX] & 0xFF;
    return k->imm;
}

static uint32_t read_le(const uint8_t *p, unsigned bytes)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < bytes; i++)
        v |= (uint32_t)p[i] << (8 * i);
    return v;
}

/* The r/m source operand (ModRM register or memory) before the case runs. */
static uint32_t rm_source(const struct ud_case *k, const uint8_t *pre)
{
    unsigned bytes = width(k) / 8;
    uint32_t v = k->mem ? read_le(pre + k->ea, bytes) : k->gpr[k->rm];
    return bytes == 4 ? v : v & ((1u << (8 * bytes)) - 1);
}

static uint32_t low_mask(const struct ud_case *k)
{
    return k->op16 ? 0xFFFFu : 0xFFFFFFFFu;
}

static void shift_extra(const struct ud_case *k, const struct undef_rule *r, struct ud_undef *u)
{
    uint32_t c = raw_count(k) & 0x1F;
    if (c == 0)
        return;
    if (r->extra == X_ROTATE) {
        u->flags |= c != 1 ? FL_OF : 0;
        return;
    }
    u->flags |= FL_AF | (c != 1 ? FL_OF : 0);
    if (r->extra == X_SHIFT && strcmp(r->mnem, "SAR") && c >= width(k))
        u->flags |= FL_CF;
    if (r->extra == X_SHXD && c > width(k)) {
        u->flags |= F_OSZAPC;
        if (k->mem) {
            u->mem_lo = k->ea;
            u->mem_hi = k->ea + width(k) / 8;
        } else {
            u->gpr_mask[k->rm] |= low_mask(k);
        }
    }
}

static void operand_extra(const struct ud_case *k, const uint8_t *pre, const struct undef_rule *r,
                          struct ud_undef *u)
{
    bool reg32 = !k->mem && !k->op16;
    switch (r->extra) {
    case X_BSCAN:
        if (rm_source(k, pre) == 0)
            u->gpr_mask[k->reg] |= low_mask(k);
        break;
    case X_BSWAP16:
        if (k->op16)
            u->gpr_mask[k->form->d->op & 7] |= 0xFFFF;
        break;
    case X_SEL_R32:
        if (reg32)
            u->gpr_mask[k->rm] |= 0xFFFF0000u;
        break;
    case X_LAR32:
        if (!k->op16)
            u->gpr_mask[k->reg] |= 0x000F0000u;
        break;
    case X_PUSH_SEG:
        if (!k->op16 && strlen(k->form->d->operands) == 2 && k->form->d->operands[1] == 's') {
            u->mem_lo = k->gpr[R_ESP] - 2;
            u->mem_hi = k->gpr[R_ESP];
        }
        break;
    default:
        break;
    }
}

void undef_for_case(const struct ud_case *k, const uint8_t *pre, struct ud_undef *u)
{
    memset(u, 0, sizeof(*u));
    const struct undef_rule *r = find_rule(k->form->d);
    if (!r)
        return;
    u->flags = r->flags;
    if (r->extra == X_SHIFT || r->extra == X_ROTATE || r->extra == X_SHXD)
        shift_extra(k, r, u);
    else
        operand_extra(k, pre, r, u);
}
