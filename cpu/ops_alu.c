/*
 * cpu/ops_alu.c - the arithmetic and logic family: ADD OR ADC SBB AND SUB
 * XOR CMP in every form, INC/DEC, TEST, NOT, NEG, CMPXCHG, CMPXCHG8B, XADD.
 *
 * Invariants: the operation itself is a pure function in alu.c; handlers
 * only fetch operands, store the result and then publish the lazy flags,
 * so a fault on the store leaves the flags as they were (fault.h).
 * Reference: Intel SDM Vol. 2, the instruction page of each mnemonic.
 */
#include "cpu_internal.h"
#include "optable_handlers.h"

/* Carry-in of group-1 operation @op: CF for ADC/SBB, else 0 (not read). */
static inline bool carry_in(const struct cpu *c, unsigned op)
{
    return (op == ALU_ADC || op == ALU_SBB) && get_cf(c);
}

/* r/m op= src, then flags; CMP writes nothing back. */
static inline void alu_to_rm(struct cpu *c, const struct insn *i, unsigned op, uint32_t src)
{
    unsigned w = op_width(i);
    struct lazy_flags lf;
    uint32_t dst = rm_read(c, i, w);
    uint32_t res = alu_binop(op, dst, src, w, carry_in(c, op), &lf);
    if (op != ALU_CMP)
        rm_write(c, i, res, w);
    c->lf = lf;
}

void op_alu_rm_r(struct cpu *c, const struct insn *i)
{
    alu_to_rm(c, i, (i->op >> 3) & 7, reg_read(c, i->reg, op_width(i)));
}

void op_alu_rm_imm(struct cpu *c, const struct insn *i)
{
    alu_to_rm(c, i, i->reg, i->imm);
}

void op_alu_r_rm(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i), op = (i->op >> 3) & 7;
    uint32_t src = rm_read(c, i, w);
    uint32_t res = alu_binop(op, reg_read(c, i->reg, w), src, w, carry_in(c, op), &c->lf);
    reg_write(c, i->reg, res, w);
}

void op_alu_acc_imm(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i), op = (i->op >> 3) & 7;
    uint32_t res = alu_binop(op, reg_read(c, R_EAX, w), i->imm, w, carry_in(c, op), &c->lf);
    reg_write(c, R_EAX, res, w);
}

/* INC/DEC r16/r32 (40-4F): CF is preserved. */
static inline void incdec_reg(struct cpu *c, const struct insn *i, bool dec)
{
    unsigned w = op_size(i), r = i->op & 7;
    bool cf = get_cf(c);
    reg_write(c, r, alu_incdec(dec, reg_read(c, r, w), w, cf, &c->lf), w);
}

void op_inc_r(struct cpu *c, const struct insn *i) { incdec_reg(c, i, false); }
void op_dec_r(struct cpu *c, const struct insn *i) { incdec_reg(c, i, true); }

/* INC/DEC r/m (FE/FF /0 /1). */
void op_incdec_rm(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    struct lazy_flags lf;
    uint32_t v = rm_read(c, i, w);
    uint32_t res = alu_incdec(i->reg == 1, v, w, get_cf(c), &lf);
    rm_write(c, i, res, w);
    c->lf = lf;
}

/* TEST is AND without the store. */
static inline void test_op(struct cpu *c, uint32_t a, uint32_t b, unsigned w)
{
    alu_binop(ALU_AND, a, b, w, false, &c->lf);
}

void op_test_rm_r(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    test_op(c, rm_read(c, i, w), reg_read(c, i->reg, w), w);
}

void op_test_rm_imm(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    test_op(c, rm_read(c, i, w), i->imm, w);
}

void op_test_acc_imm(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    test_op(c, reg_read(c, R_EAX, w), i->imm, w);
}

/* NOT (SDM "NOT"): no flags. */
void op_not(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    rm_write(c, i, ~rm_read(c, i, w), w);
}

/* NEG (SDM "NEG"): flags of 0 - src; CF = (src != 0). */
void op_neg(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    struct lazy_flags lf;
    uint32_t res = alu_binop(ALU_SUB, 0, rm_read(c, i, w), w, false, &lf);
    rm_write(c, i, res, w);
    c->lf = lf;
}

/*
 * CMPXCHG (SDM "CMPXCHG"): flags of CMP accumulator, destination.  On a
 * mismatch the 486 writes the destination back with its own value (so a
 * read-only destination faults either way) and loads the accumulator.
 */
void op_cmpxchg(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    struct lazy_flags lf;
    uint32_t dst = rm_read(c, i, w), acc = reg_read(c, R_EAX, w);
    alu_binop(ALU_CMP, acc, dst, w, false, &lf);
    bool eq = acc == dst;
    rm_write(c, i, eq ? reg_read(c, i->reg, w) : dst, w);
    if (!eq)
        reg_write(c, R_EAX, dst, w);
    c->lf = lf;
}

/* CMPXCHG8B m64 (SDM "CMPXCHG8B"): ZF only; memory is always written. */
void op_cmpxchg8b(struct cpu *c, const struct insn *i)
{
    uint32_t off = ea_offset(c, i), m = addr_mask(i);
    uint32_t lo = seg_read(c, i->seg, off, 4), hi = seg_read(c, i->seg, (off + 4) & m, 4);
    bool eq = lo == c->gpr[R_EAX] && hi == c->gpr[R_EDX];
    uint32_t nlo = eq ? c->gpr[R_EBX] : lo, nhi = eq ? c->gpr[R_ECX] : hi;
    seg_write(c, i->seg, off, nlo, 4);
    seg_write(c, i->seg, (off + 4) & m, nhi, 4);
    if (!eq) {
        c->gpr[R_EAX] = lo;
        c->gpr[R_EDX] = hi;
    }
    flags_set_status(c, FL_ZF, eq ? FL_ZF : 0);
}

/* XADD (SDM "XADD"): TEMP = SRC + DEST; SRC = DEST; DEST = TEMP. */
void op_xadd(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    struct lazy_flags lf;
    uint32_t dst = rm_read(c, i, w), src = reg_read(c, i->reg, w);
    uint32_t sum = alu_binop(ALU_ADD, dst, src, w, false, &lf);
    if (i->flags & INSN_MEM) {
        rm_write(c, i, sum, w);
        reg_write(c, i->reg, dst, w);
    } else {
        reg_write(c, i->reg, dst, w);
        reg_write(c, i->rm, sum, w);
    }
    c->lf = lf;
}
