/*
 * cpu/ops_bits.c - shifts and rotates, SHLD/SHRD, BT/BTS/BTR/BTC,
 * BSF/BSR, SETcc and BSWAP.
 *
 * Invariants: shift counts are masked to 5 bits before anything else
 * (SDM Vol. 2 "SAL/SAR/SHL/SHR": "masked to 5 bits" on the 286 and later);
 * a zero masked count changes neither the operand nor any flag.  The
 * arithmetic lives in alu.c (alu_shift, alu_shxd).
 */
#include "cpu_internal.h"
#include "optable_handlers.h"

/* Count operand of group 2: 1 (D0/D1), CL (D2/D3) or imm8 (C0/C1). */
static inline unsigned shift_count(const struct cpu *c, const struct insn *i)
{
    if (i->op == 0xD0 || i->op == 0xD1)
        return 1;
    if (i->op == 0xD2 || i->op == 0xD3)
        return c->gpr[R_ECX] & 0x1F;
    return i->imm & 0x1F;
}

/* Store a shift result and publish the flags it changed. */
static inline void shift_store(struct cpu *c, const struct insn *i, struct shift_result r,
                               unsigned w)
{
    if (!r.changed)
        return;
    rm_write(c, i, r.res, w);
    flags_set_status(c, r.changed, r.flags);
}

void op_shift(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i), n = shift_count(c, i);
    uint32_t v = rm_read(c, i, w);
    shift_store(c, i, alu_shift(i->reg, v, n, w, get_cf(c) ? FL_CF : 0), w);
}

/* SHLD (0F A4/A5) and SHRD (0F AC/AD). */
void op_shxd(struct cpu *c, const struct insn *i)
{
    unsigned w = op_size(i);
    bool by_cl = i->op & 1;
    unsigned n = (by_cl ? c->gpr[R_ECX] : i->imm) & 0x1F;
    uint32_t v = rm_read(c, i, w);
    struct shift_result r =
        alu_shxd(i->op < 0x1A8, v, reg_read(c, i->reg, w), n, w, flags_get(c));
    shift_store(c, i, r, w);
}

/* BT family operation: 0 BT, 1 BTS, 2 BTR, 3 BTC.  Returns the new value. */
static inline uint32_t bt_apply(unsigned op, uint32_t v, unsigned bit)
{
    switch (op) {
    case 1: return v | (1u << bit);
    case 2: return v & ~(1u << bit);
    case 3: return v ^ (1u << bit);
    default: return v;
    }
}

/*
 * Test (and change) bit @bit_off of the r/m operand.  With a register
 * offset and a memory operand the offset is a signed bit string index
 * (SDM Vol. 2 "BT", "Bit(BitBase, BitOffset)"); with an immediate it is
 * taken modulo the operand size.  Only CF changes: ZF is unaffected and
 * OF SF AF PF (undefined) keep their values.
 */
static void bit_op(struct cpu *c, const struct insn *i, unsigned op, uint32_t bit_off,
                   bool bitstring)
{
    unsigned w = op_size(i);
    uint32_t off = 0;
    if ((i->flags & INSN_MEM) && bitstring) {
        int32_t sb = w == 16 ? (int16_t)bit_off : (int32_t)bit_off;
        off = (uint32_t)((sb >> (w == 16 ? 4 : 5)) * (int32_t)(w / 8));
    }
    unsigned bit = bit_off & (w - 1);
    uint32_t v;
    uint32_t addr = (ea_offset(c, i) + off) & addr_mask(i);
    if (i->flags & INSN_MEM)
        v = seg_read(c, i->seg, addr, w / 8);
    else
        v = reg_read(c, i->rm, w);
    if (op) {
        if (i->flags & INSN_MEM)
            seg_write(c, i->seg, addr, bt_apply(op, v, bit), w / 8);
        else
            reg_write(c, i->rm, bt_apply(op, v, bit), w);
    }
    flags_set_status(c, FL_CF, (v >> bit) & 1);
}

void op_bt_rm_r(struct cpu *c, const struct insn *i)
{
    bit_op(c, i, (i->op >> 3) & 3, reg_read(c, i->reg, op_size(i)), true);
}

void op_bt_rm_imm(struct cpu *c, const struct insn *i) { bit_op(c, i, i->reg - 4, i->imm, false); }

/*
 * BSF/BSR (SDM Vol. 2 "BSF", "BSR"): a zero source sets ZF and leaves the
 * destination unchanged (as the 386/486 do); otherwise ZF is cleared.
 * The other status flags are undefined and keep their values.
 */
static void bit_scan(struct cpu *c, const struct insn *i, bool reverse)
{
    unsigned w = op_size(i);
    uint32_t v = rm_read(c, i, w);
    if (v == 0) {
        flags_set_status(c, FL_ZF, FL_ZF);
        return;
    }
    unsigned idx = reverse ? 31u - (unsigned)__builtin_clz(v) : (unsigned)__builtin_ctz(v);
    reg_write(c, i->reg, idx, w);
    flags_set_status(c, FL_ZF, 0);
}

void op_bsf(struct cpu *c, const struct insn *i) { bit_scan(c, i, false); }
void op_bsr(struct cpu *c, const struct insn *i) { bit_scan(c, i, true); }

void op_setcc(struct cpu *c, const struct insn *i)
{
    rm_write(c, i, cond_eval(c, i->op & 0xF), 8);
}

/*
 * BSWAP (SDM Vol. 2 "BSWAP"): with a 16-bit operand the result is
 * undefined; the 486 and later clear the low word, which we do too.
 */
void op_bswap(struct cpu *c, const struct insn *i)
{
    unsigned r = i->op & 7;
    if (!(i->flags & INSN_OP32)) {
        reg_write(c, r, 0, 16);
        return;
    }
    c->gpr[r] = __builtin_bswap32(c->gpr[r]);
}
