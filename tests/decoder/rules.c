/*
 * tests/decoder/rules.c - what counts as agreement, and the documented
 * disagreement classes between decode_insn (486) and GNU objdump.
 *
 * Role: judge one sample.  Every rule is a predicate over the candidate's
 * bytes (and our verdict), re-deriving prefixes, opcode and ModRM length
 * here, independently of cpu/decode.c, from SDM Vol. 2 chapter 2 and
 * Appendix A.  docs/decoder.md explains why we are right in each class.
 */
#include <string.h>

#include "decode.h"
#include "dectest.h"

/** Prefixes, opcode and ModRM of a candidate, as the SDM lays them out. */
struct view {
    unsigned npfx;  /**< prefix bytes before the opcode */
    bool lock, p66, pf2, o32, a32;
    unsigned op;    /**< opcode byte, or 0x100 | byte for 0F xx */
    unsigned olen;  /**< prefixes + opcode bytes */
    uint8_t modrm;  /**< the byte after the opcode (maybe not a ModRM) */
};

static bool is_prefix(uint8_t b)
{
    static const uint8_t p[] = {0x66, 0x67, 0xF0, 0xF2, 0xF3, 0x26,
                                0x2E, 0x36, 0x3E, 0x64, 0x65};
    return memchr(p, b, sizeof(p)) != NULL;
}

static struct view view_of(const uint8_t *b, bool code32)
{
    struct view v = {0, false, false, false, code32, code32, 0, 0, 0};
    unsigned k = 0;
    while (k < CAND_SIZE - 3 && is_prefix(b[k])) {
        v.lock |= b[k] == 0xF0;
        v.p66 |= b[k] == 0x66;
        v.pf2 |= b[k] == 0xF2;
        if (b[k] == 0x66)
            v.o32 = !code32;
        if (b[k] == 0x67)
            v.a32 = !code32;
        k++;
    }
    v.npfx = k;
    v.op = b[k] == 0x0F ? 0x100u | b[k + 1] : b[k];
    v.olen = k + (b[k] == 0x0F ? 2 : 1);
    v.modrm = b[v.olen];
    return v;
}

static unsigned mod_of(const struct view *v) { return v->modrm >> 6; }
static unsigned reg_of(const struct view *v) { return (v->modrm >> 3) & 7; }

/** Bytes of ModRM + SIB + displacement (SDM Vol. 2, Tables 2-1 to 2-3). */
static unsigned modrm_len(const struct view *v, const uint8_t *b)
{
    unsigned mod = mod_of(v), rm = v->modrm & 7;
    if (mod == 3)
        return 1;
    if (!v->a32)
        return 1 + (mod == 1 ? 1 : mod == 2 || (mod == 0 && rm == 6) ? 2 : 0);
    unsigned n = 1;
    if (rm == 4) {
        n = 2; /* SIB; base 5 with mod 0 means disp32 */
        if (mod == 0 && (b[v->olen + 1] & 7) == 5)
            n += 4;
    } else if (mod == 0 && rm == 5) {
        n += 4;
    }
    return n + (mod == 1 ? 1 : mod == 2 ? 4 : 0);
}

/** 0F opcodes a 486 implements (SDM Vol. 2 Appendix A, Table A-3). */
bool dec_is_486_0f(unsigned op)
{
    static const uint8_t ok[] = {
        0x00, 0x01, 0x02, 0x03, 0x06, 0x08, 0x09, 0x20, 0x21, 0x22, 0x23,
        0x24, 0x26, 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA8, 0xA9, 0xAB,
        0xAC, 0xAD, 0xAF, 0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7,
        0xBA, 0xBB, 0xBC, 0xBD, 0xBE, 0xBF, 0xC0, 0xC1};
    uint8_t x = (uint8_t)op;
    if ((x >= 0x80 && x <= 0x9F) || (x >= 0xC8 && x <= 0xCF))
        return true;
    return memchr(ok, x, sizeof(ok)) != NULL;
}

/** Opcode/reg pairs that accept LOCK with a memory operand (SDM "LOCK"). */
static bool lockable(const struct view *v)
{
    static const uint8_t alu[] = {0x00, 0x01, 0x08, 0x09, 0x10, 0x11, 0x18, 0x19,
                                  0x20, 0x21, 0x28, 0x29, 0x30, 0x31, 0x86, 0x87};
    static const uint16_t ext[] = {0x1AB, 0x1B3, 0x1BB, 0x1B0, 0x1B1, 0x1C0, 0x1C1};
    unsigned reg = reg_of(v);
    if (v->op < 0x100 && memchr(alu, (int)v->op, sizeof(alu)))
        return true;
    for (unsigned i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
        if (v->op == ext[i])
            return true;
    switch (v->op) {
    case 0x80: case 0x81: case 0x82: case 0x83: return reg != 7;
    case 0xF6: case 0xF7: return reg == 2 || reg == 3;
    case 0xFE: case 0xFF: return reg <= 1;
    case 0x1BA: return reg >= 5;
    case 0x1C7: return reg == 1;
    default: return false;
    }
}

/**
 * Agreement: the same length; or both reject the bytes (we #UD and objdump
 * says (bad), or we exceed 15 bytes and objdump stops at its own 15-byte
 * limit with (bad)).  A length we accept must also be a form a 486 has by
 * this file's own reading: no 0F opcode after the 486, no invalid LOCK.
 */
bool dec_agree(const struct sample *s, bool code32)
{
    if (s->ours == DECODE_UD)
        return s->bad;
    if (s->ours == DECODE_TOO_LONG)
        return s->bad && s->theirs == 15;
    struct view v = view_of(s->b, code32);
    if (v.op >= 0x100 && !dec_is_486_0f(v.op))
        return false;
    if (v.lock && !(lockable(&v) && mod_of(&v) != 3))
        return false;
    return s->ours > 0 && !s->bad && s->theirs == s->ours;
}

/* ---- the rules ---------------------------------------------------------- */

static bool r_post486_0f(const struct sample *s, bool code32)
{
    struct view v = view_of(s->b, code32);
    return s->ours == DECODE_UD && v.op >= 0x100 && !dec_is_486_0f(v.op);
}

static bool r_lock(const struct sample *s, bool code32)
{
    struct view v = view_of(s->b, code32);
    return s->ours == DECODE_UD && v.lock && !(lockable(&v) && mod_of(&v) != 3);
}

/* 0F 01: mod=3 with reg 0-3,5,7 and /5 with memory are post-486 forms. */
static bool r_0f01(const struct sample *s, bool code32)
{
    struct view v = view_of(s->b, code32);
    unsigned reg = reg_of(&v);
    bool regform = mod_of(&v) == 3 && reg != 4 && reg != 6;
    return s->ours == DECODE_UD && v.op == 0x101 && (regform || reg == 5);
}

/* C4/C5 (LES/LDS) and 62 (BOUND) with mod=3, 8F with reg != 0. */
static bool r_vex_xop(const struct sample *s, bool code32)
{
    struct view v = view_of(s->b, code32);
    bool vex = (v.op == 0xC4 || v.op == 0xC5 || v.op == 0x62) && mod_of(&v) == 3;
    bool xop = v.op == 0x8F && reg_of(&v) != 0;
    return s->ours == DECODE_UD && (vex || xop);
}

/* 66 or F2 taken as a mandatory (SSE-style) prefix on 0F 09 / 0F BC / 0F BD. */
static bool r_mandatory(const struct sample *s, bool code32)
{
    struct view v = view_of(s->b, code32);
    if (!s->bad)
        return false;
    if (v.op == 0x109)
        return (v.p66 || v.pf2) && s->ours == (int)v.olen;
    return (v.op == 0x1BC || v.op == 0x1BD) && v.pf2 &&
           s->ours == (int)(v.olen + modrm_len(&v, s->b));
}

/* 9B (WAIT) is an instruction of its own; objdump folds it into the next. */
static bool r_wait(const struct sample *s, bool code32)
{
    struct view v = view_of(s->b, code32);
    return v.op == 0x9B && s->ours == (int)v.olen && s->theirs > s->ours;
}

/* Longer than 15 bytes: #GP(0) for us, a long instruction for objdump. */
static bool r_too_long(const struct sample *s, bool code32)
{
    return s->ours == DECODE_TOO_LONG && s->theirs > 15;
}

static bool r_tsx(const struct sample *s, bool code32)
{
    struct view v = view_of(s->b, code32);
    return s->ours == DECODE_UD && (v.op == 0xC6 || v.op == 0xC7) && v.modrm == 0xF8;
}

static bool r_x87(const struct sample *s, bool code32)
{
    struct view v = view_of(s->b, code32);
    return s->bad && v.op >= 0xD8 && v.op <= 0xDF &&
           s->ours == (int)(v.olen + modrm_len(&v, s->b));
}

static bool r_salc(const struct sample *s, bool code32)
{
    struct view v = view_of(s->b, code32);
    return s->bad && v.op == 0xD6 && s->ours == (int)v.olen;
}

const struct rule dec_rules[] = {
    {"post-486 0F opcode", "0F xx first implemented after the 486: #UD on a 486",
     r_post486_0f},
    {"LOCK on invalid form", "LOCK with a non-lockable opcode or register operand: #UD",
     r_lock},
    {"0F 01 post-486 form", "0F 01 mod=3 reg 0-3,5,7 and 0F 01 /5: #UD on a 486", r_0f01},
    {"VEX/EVEX/XOP prefix", "C4/C5/62 mod=3 and 8F /1-7 are #UD forms on a 486",
     r_vex_xop},
    {"TSX XABORT/XBEGIN", "C6 F8 / C7 F8 are MOV with reg=7: #UD on a 486", r_tsx},
    {"x87 reserved form", "ESC D8-DF always takes ModRM; objdump calls some forms (bad)",
     r_x87},
    {"SALC", "D6 is SALC (undocumented, 1 byte); objdump says (bad)", r_salc},
    {"mandatory-prefix (bad)", "66/F2 on 0F 09, F2 on 0F BC/BD: ignored by a 486",
     r_mandatory},
    {"WAIT folded into x87 op", "9B is a 1-byte instruction; objdump joins it to the next",
     r_wait},
    {"over 15 bytes", "longer than 15 bytes: #GP(0); objdump has no limit", r_too_long},
};
const unsigned dec_rule_count = sizeof(dec_rules) / sizeof(dec_rules[0]);
