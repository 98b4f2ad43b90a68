/*
 * cpu/decode.c - table-driven instruction decoder.
 *
 * Reads prefixes, the opcode (one byte or 0F xx), ModRM/SIB/displacement and
 * immediates as the generated table row describes (SDM Vol. 2, chapter 2).
 * Pure function of (bytes, code size, model); see decode.h.
 */
#include "decode.h"

#include <string.h>

#include "cpu.h"

/** Cursor over the instruction bytes with the 15-byte and @avail limits. */
struct cursor {
    const uint8_t *b;
    unsigned avail, pos;
    int err;
};

static inline uint32_t take(struct cursor *k, unsigned n)
{
    uint32_t v = 0;
    for (unsigned s = 0; s < n; s++) {
        if (k->pos >= 15) {
            k->err = k->err ? k->err : DECODE_TOO_LONG;
            return 0;
        }
        if (k->pos >= k->avail) {
            k->err = k->err ? k->err : DECODE_SHORT;
            return 0;
        }
        v |= (uint32_t)k->b[k->pos++] << (8 * s);
    }
    return v;
}

static inline uint32_t sext8(uint32_t v) { return (uint32_t)(int32_t)(int8_t)v; }
static inline uint32_t sext16(uint32_t v) { return (uint32_t)(int32_t)(int16_t)v; }

/* 16-bit ModRM r/m encodings (SDM Vol. 2, Table 2-1). */
static const uint8_t rm16_base[8] = {R_EBX, R_EBX, R_EBP, R_EBP, R_ESI, R_EDI, R_EBP, R_EBX};
static const uint8_t rm16_index[8] = {R_ESI, R_EDI, R_ESI, R_EDI, EA_NONE, EA_NONE, EA_NONE, EA_NONE};

static void modrm16(struct cursor *k, struct insn *i, uint8_t mod)
{
    i->base = rm16_base[i->rm];
    i->index = rm16_index[i->rm];
    i->scale = 0;
    if (mod == 0 && i->rm == 6) {
        i->base = EA_NONE;
        i->disp = sext16(take(k, 2));
    } else if (mod == 1) {
        i->disp = sext8(take(k, 1));
    } else if (mod == 2) {
        i->disp = sext16(take(k, 2));
    }
    if (i->base == R_EBP && !(i->flags & INSN_SEGOVR))
        i->seg = SEG_SS;
}

/* 32-bit ModRM and SIB encodings (SDM Vol. 2, Tables 2-2 and 2-3). */
static void modrm32(struct cursor *k, struct insn *i, uint8_t mod)
{
    i->base = i->rm;
    i->index = EA_NONE;
    i->scale = 0;
    if (i->rm == 4) {
        uint8_t sib = (uint8_t)take(k, 1);
        i->scale = sib >> 6;
        i->index = (sib >> 3) & 7;
        if (i->index == 4)
            i->index = EA_NONE;
        i->base = sib & 7;
        if (i->base == 5 && mod == 0) {
            i->base = EA_NONE;
            i->disp = take(k, 4);
        }
    } else if (i->rm == 5 && mod == 0) {
        i->base = EA_NONE;
        i->disp = take(k, 4);
    }
    if (mod == 1)
        i->disp = sext8(take(k, 1));
    else if (mod == 2)
        i->disp = take(k, 4);
    if ((i->base == R_EBP || i->base == R_ESP) && !(i->flags & INSN_SEGOVR))
        i->seg = SEG_SS;
}

/** Consume prefixes; returns the first non-prefix byte. */
static uint8_t prefixes(struct cursor *k, struct insn *i, bool code32)
{
    static const int8_t segpfx[256] = {
        [0x26] = SEG_ES + 1, [0x2E] = SEG_CS + 1, [0x36] = SEG_SS + 1,
        [0x3E] = SEG_DS + 1, [0x64] = SEG_FS + 1, [0x65] = SEG_GS + 1,
    };
    uint8_t f = code32 ? (INSN_OP32 | INSN_ADDR32) : 0;
    for (;;) {
        uint8_t b = (uint8_t)take(k, 1);
        if (k->err)
            return 0;
        if (segpfx[b]) {
            i->seg = (uint8_t)(segpfx[b] - 1);
            i->flags |= INSN_SEGOVR;
        } else if (b == 0x66) {
            f = code32 ? (f & ~INSN_OP32) : (f | INSN_OP32);
        } else if (b == 0x67) {
            f = code32 ? (f & ~INSN_ADDR32) : (f | INSN_ADDR32);
        } else if (b == 0xF0) {
            i->flags |= INSN_LOCK;
        } else if (b == 0xF2) {
            i->flags = (uint8_t)((i->flags & ~INSN_REPZ) | INSN_REPNZ);
        } else if (b == 0xF3) {
            i->flags = (uint8_t)((i->flags & ~INSN_REPNZ) | INSN_REPZ);
        } else {
            i->flags |= f;
            return b;
        }
    }
}

/** Does any row of opcode @op take a ModRM byte? */
static int opcode_row_any(unsigned op)
{
    for (int r = 0; r < 8; r++)
        if (t86_opindex[op][r])
            return t86_opindex[op][r];
    return 0;
}

static void immediates(struct cursor *k, struct insn *i, uint8_t kind)
{
    unsigned zsize = (i->flags & INSN_OP32) ? 4 : 2;
    switch (kind) {
    case IMM_B: i->imm = take(k, 1); break;
    case IMM_BS: i->imm = sext8(take(k, 1)); break;
    case IMM_W: i->imm = take(k, 2); break;
    case IMM_Z: i->imm = take(k, zsize); break;
    case IMM_FAR:
        i->imm = take(k, zsize);
        i->imm2 = (uint16_t)take(k, 2);
        break;
    case IMM_MOFFS: i->disp = take(k, (i->flags & INSN_ADDR32) ? 4 : 2); break;
    case IMM_ENTER:
        i->imm = take(k, 2);
        i->imm2 = (uint16_t)take(k, 1);
        break;
    default: break;
    }
}

int decode_insn(struct insn *i, const uint8_t *bytes, unsigned avail, bool code32, int model)
{
    struct cursor k = {bytes, avail, 0, 0};
    memset(i, 0, sizeof(*i));
    i->seg = SEG_DS;
    i->base = i->index = EA_NONE;
    unsigned op = prefixes(&k, i, code32);
    if (!k.err && op == 0x0F)
        op = 0x100 | take(&k, 1);
    if (k.err)
        return k.err;
    int row = opcode_row_any(op);
    if (!row)
        return DECODE_UD;
    const struct opdesc *d = &t86_opdesc[row];
    i->op = (uint16_t)op;
    if (d->dec & DEC_MODRM) {
        i->modrm = (uint8_t)take(&k, 1);
        if (k.err)
            return k.err;
        i->reg = (i->modrm >> 3) & 7;
        i->rm = i->modrm & 7;
        row = t86_opindex[op][i->reg];
        if (!row)
            return DECODE_UD;
        d = &t86_opdesc[row];
        uint8_t mod = i->modrm >> 6;
        if (d->dec & DEC_REG_ONLY)
            mod = 3;
        if (mod == 3 && (d->dec & DEC_MEM_ONLY))
            return DECODE_UD;
        if (mod != 3) {
            i->flags |= INSN_MEM;
            if (i->flags & INSN_ADDR32)
                modrm32(&k, i, mod);
            else
                modrm16(&k, i, mod);
        }
    }
    if (d->cpu > model)
        return DECODE_UD;
    if ((i->flags & INSN_LOCK) && (!(d->attr & OPA_LOCK) || !(i->flags & INSN_MEM)))
        return DECODE_UD;
    immediates(&k, i, d->imm);
    if (k.err)
        return k.err;
    i->d = d;
    i->fn = d->fn;
    i->len = (uint8_t)k.pos;
    return k.pos;
}
