/*
 * cpu/ops_move.c - data movement: MOV (register, memory, immediate, moffs,
 * segment register), LEA, XCHG, NOP, MOVZX/MOVSX, LES/LDS/LSS/LFS/LGS, XLAT.
 *
 * Invariants: every read that can fault (memory operand, segment load)
 * happens before the first register write, so a fault leaves the
 * architectural state as it was (fault.h).  Segment registers are only
 * loaded through seg_load(), which will carry the protected-mode checks.
 * Reference: Intel SDM Vol. 2, the instruction pages named per handler.
 */
#include "cpu_internal.h"
#include "optable_handlers.h"

/** SDM "MOV": ModRM.reg 6 and 7 name no segment register (#UD). */
static inline void check_sreg_exists(struct cpu *c, unsigned s)
{
    if (s >= SEG_COUNT)
        cpu_fault(c, EXC_UD, 0);
}

void op_mov_rm_r(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    rm_write(c, i, reg_read(c, i->reg, w), w);
}

void op_mov_r_rm(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    reg_write(c, i->reg, rm_read(c, i, w), w);
}

/*
 * MOV r/m, Sreg (SDM "MOV"): a memory destination is always written as 16
 * bits whatever the operand size.  A 32-bit register destination gets the
 * selector zero-extended (the SDM leaves the high word implementation
 * dependent before the P6; we zero it on every model, as the 486 and
 * Pentium do).
 */
void op_mov_rm_sreg(struct cpu *c, const struct insn *i)
{
    check_sreg_exists(c, i->reg);
    uint16_t sel = c->seg[i->reg].sel;
    if (i->flags & INSN_MEM)
        rm_write(c, i, sel, 16);
    else
        reg_write(c, i->rm, sel, op_size(i));
}

/*
 * MOV Sreg, r/m16 (SDM "MOV"): loading CS is #UD.  Loading SS inhibits
 * interrupts until the end of the next instruction (SDM Vol. 3, 6.8.3).
 */
void op_mov_sreg_rm(struct cpu *c, const struct insn *i)
{
    check_sreg_exists(c, i->reg);
    if (i->reg == SEG_CS)
        cpu_fault(c, EXC_UD, 0);
    uint16_t sel = (uint16_t)rm_read(c, i, 16);
    seg_load(c, i->reg, sel);
    if (i->reg == SEG_SS) {
        c->irq_shadow = 1;
        cpu_kick(c);
    }
}

/* LEA (SDM "LEA"): the offset at address size, truncated to operand size. */
void op_lea(struct cpu *c, const struct insn *i)
{
    reg_write(c, i->reg, ea_offset(c, i), op_size(i));
}

/* MOV AL/eAX, moffs (A0/A1): the offset is i->disp at address size. */
void op_mov_acc_moffs(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    reg_write(c, R_EAX, seg_read(c, i->seg, i->disp, w / 8), w);
}

/* MOV moffs, AL/eAX (A2/A3). */
void op_mov_moffs_acc(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    seg_write(c, i->seg, i->disp, reg_read(c, R_EAX, w), w / 8);
}

/* MOV r, imm (B0-BF): the register is in the opcode's low three bits. */
void op_mov_r_imm(struct cpu *c, const struct insn *i)
{
    reg_write(c, i->op & 7, i->imm, op_width(i));
}

void op_mov_rm_imm(struct cpu *c, const struct insn *i)
{
    rm_write(c, i, i->imm, op_width(i));
}

/* XCHG r/m, r: the memory write (which may fault) precedes the register one. */
void op_xchg_rm_r(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    uint32_t a = rm_read(c, i, w);
    uint32_t b = reg_read(c, i->reg, w);
    rm_write(c, i, b, w);
    reg_write(c, i->reg, a, w);
}

/* XCHG eAX, r (91-97). */
void op_xchg_acc_r(struct cpu *c, const struct insn *i)
{
    unsigned w = op_size(i), r = i->op & 7;
    uint32_t a = reg_read(c, R_EAX, w);
    reg_write(c, R_EAX, reg_read(c, r, w), w);
    reg_write(c, r, a, w);
}

void op_nop(struct cpu *c, const struct insn *i)
{
    (void)c;
    (void)i;
}

/** Source width of MOVZX/MOVSX: 0F B6/BE read a byte, 0F B7/BF a word. */
static inline unsigned extend_src_width(const struct insn *i)
{
    return (i->op & 1) ? 16 : 8;
}

/* MOVZX (SDM "MOVZX"): zero-extend to the operand size. */
void op_movzx(struct cpu *c, const struct insn *i)
{
    reg_write(c, i->reg, rm_read(c, i, extend_src_width(i)), op_size(i));
}

/* MOVSX (SDM "MOVSX"): sign-extend to the operand size. */
void op_movsx(struct cpu *c, const struct insn *i)
{
    unsigned sw = extend_src_width(i);
    uint32_t v = rm_read(c, i, sw);
    v = sw == 8 ? (uint32_t)(int32_t)(int8_t)v : (uint32_t)(int32_t)(int16_t)v;
    reg_write(c, i->reg, v, op_size(i));
}

/** Segment register loaded by LES/LDS (C4/C5) or LSS/LFS/LGS (0F B2/B4/B5). */
static inline unsigned far_ptr_seg(const struct insn *i)
{
    switch (i->op) {
    case 0xC4: return SEG_ES;
    case 0xC5: return SEG_DS;
    case 0x1B2: return SEG_SS;
    case 0x1B4: return SEG_FS;
    default: return SEG_GS;
    }
}

/*
 * LES/LDS/LSS/LFS/LGS (SDM "LDS/LES/LFS/LGS/LSS"): the offset (operand
 * size) comes first in memory, the selector follows.  Both reads and the
 * segment load happen before the register write.  The selector's offset is
 * not wrapped: an operand running past the segment limit faults.
 * Only MOV SS and POP SS inhibit interrupts (SDM Vol. 3, 6.8.3); LSS, which
 * loads SS:eSP in one instruction, has no need to and does not.
 */
void op_load_far_ptr(struct cpu *c, const struct insn *i)
{
    unsigned w = op_size(i);
    uint32_t off = ea_offset(c, i);
    uint32_t val = seg_read(c, i->seg, off, w / 8);
    uint16_t sel = (uint16_t)seg_read(c, i->seg, off + w / 8, 2);
    seg_load(c, far_ptr_seg(i), sel);
    reg_write(c, i->reg, val, w);
}

/* XLAT (SDM "XLAT/XLATB"): AL = [seg:(e)BX + AL], the sum at address size. */
void op_xlat(struct cpu *c, const struct insn *i)
{
    uint32_t off = (c->gpr[R_EBX] + (c->gpr[R_EAX] & 0xFF)) & addr_mask(i);
    reg_write(c, R_EAX, seg_read(c, i->seg, off, 1), 8);
}
