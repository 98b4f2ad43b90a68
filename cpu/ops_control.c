/*
 * cpu/ops_control.c - control transfer: Jcc, JMP/CALL/RET (near and far,
 * direct and indirect), IRET, INT3/INT n/INTO/ICEBP, LOOPcc, JCXZ, BOUND.
 *
 * Invariants:
 *   - A near target is truncated to 16 bits under a 16-bit operand size and
 *     checked against the CS limit (#GP(0)) before any state changes, so a
 *     faulting CALL has pushed nothing and a faulting LOOP has not counted.
 *   - Far transfers go through far_jump() and interrupts through
 *     cpu_interrupt(), where the protected-mode rules will live.
 *   - RET/RETF/IRET peek their stack images into temporaries, transfer, and
 *     only then move eSP and write EFLAGS, so a fault leaves state untouched.
 * Reference: Intel SDM Vol. 2, the instruction pages named per handler.
 */
#include "cpu_internal.h"
#include "optable_handlers.h"
#include "vme.h"

/** Operand size in bytes (stack slot and near-pointer width): 2 or 4. */
static inline unsigned slot(const struct insn *i) { return op_size(i) / 8; }

/** True in real-address mode (CR0.PE clear). */

/**
 * Validate a near branch target (SDM "JMP"/"Jcc"/"CALL", Operation): masked
 * to 16 bits under a 16-bit operand size, #GP(0) beyond the CS limit.
 */
static inline uint32_t near_target(struct cpu *c, const struct insn *i, uint32_t t)
{
    if (!(i->flags & INSN_OP32))
        t &= 0xFFFF;
    if (t > c->seg[SEG_CS].limit)
        cpu_fault(c, EXC_GP, 0);
    return t;
}

/** Relative target: the next instruction's EIP plus the displacement. */
static inline uint32_t rel_target(struct cpu *c, const struct insn *i)
{
    return near_target(c, i, c->eip + i->imm);
}

/** Near call: push the return EIP and go to the already-validated @target. */
static inline void near_call(struct cpu *c, const struct insn *i, uint32_t target)
{
    push(c, c->eip, slot(i));
    c->eip = target;
}

/* Far call (9A, FF /3): CS and eIP are pushed as operand-size slots. */
static inline void far_call_op(struct cpu *c, const struct insn *i, uint16_t sel, uint32_t off)
{
    far_call(c, sel, off, slot(i));
}

/** Read a far pointer (offset at operand size, then selector) at @i's EA. */
static inline uint32_t far_ptr_read(struct cpu *c, const struct insn *i, uint16_t *sel)
{
    unsigned n = slot(i);
    uint32_t off = ea_offset(c, i);
    uint32_t v = seg_read(c, i->seg, off, n);
    *sel = (uint16_t)seg_read(c, i->seg, off + n, 2);
    return v;
}

/* Jcc (70-7F, 0F 80-8F): the condition is the opcode's low nibble. */
void op_jcc(struct cpu *c, const struct insn *i)
{
    if (cond_eval(c, i->op & 0xF))
        c->eip = rel_target(c, i);
}

/* JMP rel8/rel16/rel32 (EB, E9). */
void op_jmp_near(struct cpu *c, const struct insn *i)
{
    c->eip = rel_target(c, i);
}

/* CALL rel16/rel32 (E8). */
void op_call_near(struct cpu *c, const struct insn *i)
{
    near_call(c, i, rel_target(c, i));
}

/*
 * RET / RET imm16 (C3, C2; SDM "RET"): pop eIP (a 16-bit pop clears
 * EIP[31:16]), then release imm16 more bytes of stack.
 */
void op_ret_near(struct cpu *c, const struct insn *i)
{
    unsigned n = slot(i);
    uint32_t extra = i->op == 0xC2 ? (i->imm & 0xFFFF) : 0;
    uint32_t t = near_target(c, i, stack_peek(c, 0, n));
    set_stack_ptr(c, stack_ptr(c) + n + extra);
    c->eip = t;
}

/* JMP ptr16:16/32 (EA). */
void op_jmp_far(struct cpu *c, const struct insn *i)
{
    far_jump(c, i->imm2, i->imm);
}

/* CALL ptr16:16/32 (9A). */
void op_call_far(struct cpu *c, const struct insn *i)
{
    far_call_op(c, i, i->imm2, i->imm);
}

/* JMP r/m16/32 (FF /4). */
void op_jmp_rm(struct cpu *c, const struct insn *i)
{
    c->eip = near_target(c, i, rm_read(c, i, op_size(i)));
}

/* CALL r/m16/32 (FF /2): the target (eSP-based too) is read before the push. */
void op_call_rm(struct cpu *c, const struct insn *i)
{
    near_call(c, i, near_target(c, i, rm_read(c, i, op_size(i))));
}

/* JMP m16:16/32 (FF /5, memory only). */
void op_jmp_far_rm(struct cpu *c, const struct insn *i)
{
    uint16_t sel;
    uint32_t off = far_ptr_read(c, i, &sel);
    far_jump(c, sel, off);
}

/* CALL m16:16/32 (FF /3, memory only). */
void op_call_far_rm(struct cpu *c, const struct insn *i)
{
    uint16_t sel;
    uint32_t off = far_ptr_read(c, i, &sel);
    far_call_op(c, i, sel, off);
}

/* RETF / RETF imm16 (CB, CA; SDM "RET"): see far_return (transfer.c). */
void op_ret_far(struct cpu *c, const struct insn *i)
{
    far_return(c, slot(i), i->op == 0xCA ? (i->imm & 0xFFFF) : 0);
}

/* IRET/IRETD (CF; SDM "IRET/IRETD"): see interrupt_return (transfer.c). */
void op_iret(struct cpu *c, const struct insn *i)
{
    interrupt_return(c, slot(i));
}

/* INT3 (CC): software breakpoint, vector 3. */
void op_int3(struct cpu *c, const struct insn *i)
{
    (void)i;
    cpu_interrupt(c, EXC_BP, true);
}

/* INT imm8 (CD). */
void op_int(struct cpu *c, const struct insn *i)
{
    /* INT n in virtual-8086 mode: redirection with CR4.VME, else
       IOPL-sensitive (SDM Vol. 3, 20.3.3, Table 20-2). */
    if (vme_int(c, i->imm & 0xFF))
        return;
    if ((c->eflags & FL_VM) && (c->eflags & FL_IOPL) != FL_IOPL)
        cpu_fault(c, EXC_GP, 0);
    cpu_interrupt(c, i->imm & 0xFF, true);
}

/* INTO (CE): vector 4 only when OF is set. */
void op_into(struct cpu *c, const struct insn *i)
{
    (void)i;
    if (flags_get(c) & FL_OF)
        cpu_interrupt(c, EXC_OF, true);
}

/*
 * ICEBP / INT1 (F1): vector 1 delivered like a hardware #DB, not as a
 * software interrupt (SDM "INT n/INTO/INT3/INT1": no IOPL or gate-DPL
 * check), hence soft = false.  It is a trap: the pushed eIP is the next
 * instruction's.
 */
void op_icebp(struct cpu *c, const struct insn *i)
{
    (void)i;
    cpu_interrupt(c, EXC_DB, false);
}

/*
 * LOOP/LOOPE/LOOPNE (E2/E1/E0; SDM "LOOP/LOOPcc"): the count register is
 * CX or ECX by ADDRESS size; the target is masked by OPERAND size.  The
 * target is validated before the count is written.
 */
void op_loop(struct cpu *c, const struct insn *i)
{
    unsigned aw = (i->flags & INSN_ADDR32) ? 32 : 16;
    uint32_t count = (reg_read(c, R_ECX, aw) - 1) & width_mask(aw);
    bool taken = count != 0;
    if (i->op == 0xE1)
        taken = taken && (flags_get(c) & FL_ZF);
    else if (i->op == 0xE0)
        taken = taken && !(flags_get(c) & FL_ZF);
    uint32_t t = taken ? rel_target(c, i) : c->eip;
    reg_write(c, R_ECX, count, aw);
    c->eip = t;
}

/* JCXZ/JECXZ (E3): tests CX or ECX by address size. */
void op_jcxz(struct cpu *c, const struct insn *i)
{
    unsigned aw = (i->flags & INSN_ADDR32) ? 32 : 16;
    if (reg_read(c, R_ECX, aw) == 0)
        c->eip = rel_target(c, i);
}

/** Sign-extend a @w-bit value to 32 bits. */
static inline int32_t sext(uint32_t v, unsigned w)
{
    return w == 16 ? (int16_t)v : (int32_t)v;
}

/*
 * BOUND r, m16&16 / m32&32 (62; SDM "BOUND"): signed lower then upper
 * bound in memory; #BR (a fault) when the index is outside [lower, upper].
 */
void op_bound(struct cpu *c, const struct insn *i)
{
    unsigned w = op_size(i), n = w / 8;
    uint32_t off = ea_offset(c, i);
    int32_t lo = sext(seg_read(c, i->seg, off, n), w);
    int32_t hi = sext(seg_read(c, i->seg, off + n, n), w);
    int32_t idx = sext(reg_read(c, i->reg, w), w);
    if (idx < lo || idx > hi)
        cpu_fault(c, EXC_BR, 0);
}
