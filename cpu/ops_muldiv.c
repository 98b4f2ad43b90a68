/*
 * cpu/ops_muldiv.c - MUL, IMUL (one-, two- and three-operand forms), DIV
 * and IDIV.
 *
 * Invariants: the quotient checks raise #DE before any register changes
 * (SDM Vol. 2 "DIV", "IDIV"; Vol. 3, 6.15 "Interrupt 0"), and the 286+
 * fault points at the dividing instruction, which fault.h guarantees.
 * MUL/IMUL set CF=OF per the SDM; SF, ZF, PF (undefined there) follow the
 * low half of the product and AF is cleared.  DIV/IDIV leave every flag
 * unchanged (all six are undefined in the SDM).
 */
#include "cpu_internal.h"
#include "optable_handlers.h"

/* Sign-extend the low @w bits of @v. */
static inline int64_t sext(uint32_t v, unsigned w)
{
    return w == 32 ? (int32_t)v : w == 16 ? (int16_t)v : (int8_t)v;
}

/* Publish the flags of a multiply: CF=OF=@ovf, SZP of the low half. */
static void mul_flags(struct cpu *c, uint32_t lo, unsigned w, bool ovf)
{
    uint32_t f = alu_szp(lo, w) | (ovf ? FL_CF | FL_OF : 0);
    flags_set_status(c, ALU_STATUS_FLAGS, f);
}

/* Store a double-width product in AX, DX:AX or EDX:EAX. */
static void store_wide(struct cpu *c, uint64_t p, unsigned w)
{
    if (w == 8) {
        reg_write(c, R_EAX, (uint32_t)p, 16);
        return;
    }
    reg_write(c, R_EAX, (uint32_t)p, w);
    reg_write(c, R_EDX, (uint32_t)(p >> w), w);
}

void op_mul(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    uint64_t p = (uint64_t)rm_read(c, i, w) * reg_read(c, R_EAX, w);
    store_wide(c, p, w);
    mul_flags(c, (uint32_t)p, w, (p >> w) != 0);
}

void op_imul_acc(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    int64_t p = sext(rm_read(c, i, w), w) * sext(reg_read(c, R_EAX, w), w);
    store_wide(c, (uint64_t)p, w);
    mul_flags(c, (uint32_t)p, w, p != sext((uint32_t)p, w));
}

/* IMUL r, r/m, imm and IMUL r, r/m: truncated signed product. */
static void imul_trunc(struct cpu *c, const struct insn *i, uint32_t b)
{
    unsigned w = op_size(i);
    int64_t p = sext(rm_read(c, i, w), w) * sext(b, w);
    reg_write(c, i->reg, (uint32_t)p, w);
    mul_flags(c, (uint32_t)p, w, p != sext((uint32_t)p, w));
}

void op_imul_r_rm_imm(struct cpu *c, const struct insn *i) { imul_trunc(c, i, i->imm); }

void op_imul_r_rm(struct cpu *c, const struct insn *i)
{
    imul_trunc(c, i, reg_read(c, i->reg, op_size(i)));
}

/* The dividend: AX, DX:AX or EDX:EAX. */
static uint64_t dividend(const struct cpu *c, unsigned w)
{
    if (w == 8)
        return reg_read(c, R_EAX, 16);
    return ((uint64_t)reg_read(c, R_EDX, w) << w) | reg_read(c, R_EAX, w);
}

/* Store quotient and remainder (AL/AH, AX/DX, EAX/EDX). */
static void store_divide(struct cpu *c, uint32_t q, uint32_t r, unsigned w)
{
    if (w == 8) {
        reg_write(c, R_EAX, (q & 0xFF) | ((r & 0xFF) << 8), 16);
        return;
    }
    reg_write(c, R_EAX, q, w);
    reg_write(c, R_EDX, r, w);
}

void op_div(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    uint64_t d = rm_read(c, i, w), n = dividend(c, w);
    if (d == 0 || n / d > width_mask(w))
        cpu_fault(c, EXC_DE, 0);
    store_divide(c, (uint32_t)(n / d), (uint32_t)(n % d), w);
}

void op_idiv(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    int64_t d = sext(rm_read(c, i, w), w);
    uint64_t raw = dividend(c, w);
    int64_t n = w == 32 ? (int64_t)raw : sext((uint32_t)raw, 2 * w);
    if (d == 0 || (w == 32 && n == INT64_MIN))
        cpu_fault(c, EXC_DE, 0);
    int64_t q = n / d, r = n % d;
    int64_t lim = (int64_t)1 << (w - 1);
    if (q >= lim || q < -lim)
        cpu_fault(c, EXC_DE, 0);
    store_divide(c, (uint32_t)q, (uint32_t)r, w);
}
