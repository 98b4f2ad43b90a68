/*
 * cpu/ops_stack.c - stack instructions: PUSH/POP (register, segment
 * register, immediate, r/m), PUSHA/POPA, PUSHF/POPF, ENTER, LEAVE.
 *
 * Invariants: the stack slot width is the operand size (2 or 4 bytes); the
 * stack pointer is SP or ESP by SS.B (push/pop/stack_peek in
 * cpu_internal.h).  The run loop restores ESP when an instruction faults,
 * so a handler may move ESP before a later check fails, but every other
 * register, segment register and flag is written only after the last read
 * that can fault (values are peeked first, then committed).
 * Reference: Intel SDM Vol. 2, the instruction pages named per handler.
 */
#include "cpu_internal.h"
#include "optable_handlers.h"
#include "vme.h"

/** Operand size in bytes (the stack slot width): 2 or 4. */
static inline unsigned slot(const struct insn *i) { return op_size(i) / 8; }

/** Stack-address-size mask: 16 bits unless SS.B. */
static inline uint32_t stack_mask(const struct cpu *c)
{
    return c->stack32 ? 0xFFFFFFFFu : 0xFFFFu;
}

/** True in real-address mode (CR0.PE clear). */
static inline bool real_mode(const struct cpu *c) { return !(c->cr[0] & 1); }

/** Segment register named by PUSH/POP sreg: opcode bits 5-3 (06..1F, 0F A0..A9). */
static inline unsigned sreg_of(const struct insn *i) { return (i->op >> 3) & 7; }

/*
 * PUSH r (50-57).  On the 286 and later PUSH SP pushes SP as it was before
 * the push (SDM "PUSH", IA-32 Architecture Compatibility); reading the
 * register before push() gives exactly that.
 */
void op_push_r(struct cpu *c, const struct insn *i)
{
    push(c, reg_read(c, i->op & 7, op_size(i)), slot(i));
}

/* POP r (58-5F).  POP eSP loads the popped value over the incremented eSP. */
void op_pop_r(struct cpu *c, const struct insn *i)
{
    uint32_t v = pop(c, slot(i));
    reg_write(c, i->op & 7, v, op_size(i));
}

/*
 * PUSH Sreg.  With a 32-bit operand size the SDM ("PUSH", Description)
 * allows either a zero-extended push or a 16-bit move into the 4-byte slot;
 * we model the 386/486 as doing the 16-bit move: eSP drops by 4, the slot is
 * limit-checked as 4 bytes, and only its low word is written (the high word
 * keeps its old contents).
 */
void op_push_sreg(struct cpu *c, const struct insn *i)
{
    unsigned n = slot(i);
    uint32_t sp = (stack_ptr(c) - n) & stack_mask(c);
    seg_check_write(c, SEG_SS, sp, n);
    seg_write(c, SEG_SS, sp, c->seg[sreg_of(i)].sel, 2);
    set_stack_ptr(c, sp);
}

/*
 * POP Sreg (SDM "POP"): reads a slot of operand size and loads its low
 * word.  eSP moves with the old SS.B; if seg_load faults the run loop puts
 * eSP back.  POP SS inhibits interrupts for one instruction (SDM Vol. 3,
 * 6.8.3).
 */
void op_pop_sreg(struct cpu *c, const struct insn *i)
{
    unsigned s = sreg_of(i);
    uint16_t sel = (uint16_t)pop(c, slot(i));
    seg_load(c, s, sel);
    if (s == SEG_SS) {
        c->irq_shadow = 1;
        cpu_kick(c);
    }
}

/*
 * PUSHA/PUSHAD (SDM "PUSHA/PUSHAD"): eAX, eCX, eDX, eBX, the original eSP,
 * eBP, eSI, eDI.  Real-address mode: #GP when SP is 7, 9, 11, 13 or 15 (a
 * later word would straddle the 64 KiB wrap); SP 1, 3 or 5 leads to #SS
 * through the ordinary limit check and, as the SDM says, to shutdown.
 */
void op_pusha(struct cpu *c, const struct insn *i)
{
    unsigned n = slot(i), w = op_size(i);
    uint32_t sp = stack_ptr(c);
    if (real_mode(c) && !c->stack32 && sp >= 7 && sp <= 15 && (sp & 1))
        cpu_fault(c, EXC_GP, 0);
    uint32_t orig = reg_read(c, R_ESP, w);
    for (unsigned r = R_EAX; r <= R_EDI; r++)
        push(c, r == R_ESP ? orig : reg_read(c, r, w), n);
}

/*
 * POPA/POPAD (SDM "POPA/POPAD"): the eight slots are read first (slot k
 * from the top holds register 7 - k), the saved eSP is skipped, then the
 * registers are written and eSP moves past all eight.
 */
void op_popa(struct cpu *c, const struct insn *i)
{
    unsigned n = slot(i), w = op_size(i);
    uint32_t v[8];
    for (unsigned k = 0; k < 8; k++)
        v[k] = stack_peek(c, k * n, n);
    for (unsigned k = 0; k < 8; k++)
        if (7 - k != R_ESP)
            reg_write(c, 7 - k, v[k], w);
    set_stack_ptr(c, stack_ptr(c) + 8 * n);
}

/* PUSH imm (68 Iz, 6A Ibs already sign-extended by the decoder). */
void op_push_imm(struct cpu *c, const struct insn *i)
{
    push(c, i->imm, slot(i));
}

/*
 * POP r/m (8F /0).  SDM "POP": an eSP-based destination address is
 * computed after eSP has been incremented, so eSP moves first; a fault in
 * the write has eSP restored by the run loop.
 */
void op_pop_rm(struct cpu *c, const struct insn *i)
{
    unsigned n = slot(i);
    uint32_t v = stack_peek(c, 0, n);
    set_stack_ptr(c, stack_ptr(c) + n);
    rm_write(c, i, v, op_size(i));
}

/* PUSH r/m (FF /6): the source (eSP-based included) is read before the push. */
void op_push_rm(struct cpu *c, const struct insn *i)
{
    uint32_t v = rm_read(c, i, op_size(i));
    push(c, v, slot(i));
}

/*
 * PUSHF/PUSHFD (SDM "PUSHF/PUSHFD"): VM and RF are cleared in the image
 * pushed.  (Virtual-8086 IOPL checks arrive with protected mode.)
 */
/* PUSHF/POPF are IOPL-sensitive in virtual-8086 mode (SDM "PUSHF", "POPF"). */
static inline void v86_iopl_check(struct cpu *c)
{
    if ((c->eflags & FL_VM) && (c->eflags & FL_IOPL) != FL_IOPL)
        cpu_fault(c, EXC_GP, 0);
}

void op_pushf(struct cpu *c, const struct insn *i)
{
    if (vme_active(c) && slot(i) == 2) { /* SDM "PUSHF": VME, 16-bit */
        push(c, vme_pushf_image(c), 2);
        return;
    }
    v86_iopl_check(c);
    push(c, flags_get(c) & ~(FL_VM | FL_RF), slot(i));
}

/*
 * EFLAGS bits POPF may change (SDM "POPF/POPFD", Operation): never VM, RF,
 * VIP or VIF; IOPL only at CPL 0; IF only when CPL <= IOPL.  In real mode
 * CPL is 0, so everything else is writable.  A 16-bit POPF only touches
 * FLAGS[15:0].  flags_write() further restricts to what the model has.
 */
static inline uint32_t popf_mask(const struct cpu *c, unsigned w)
{
    uint32_t mask = ~(FL_VM | FL_RF | FL_VIP | FL_VIF);
    unsigned iopl = (c->eflags & FL_IOPL) >> 12;
    if (c->cpl > 0)
        mask &= ~FL_IOPL;
    if (c->cpl > iopl)
        mask &= ~FL_IF;
    return w == 16 ? (mask & 0xFFFF) : mask;
}

/* POPF/POPFD.  POPFD clears RF (SDM "POPF/POPFD", Operation). */
void op_popf(struct cpu *c, const struct insn *i)
{
    if (vme_active(c) && op_size(i) == 16) { /* SDM "POPF": VME, 16-bit */
        uint32_t v = stack_peek(c, 0, 2);
        vme_popf(c, v);
        set_stack_ptr(c, stack_ptr(c) + 2);
        return;
    }
    v86_iopl_check(c);
    unsigned w = op_size(i);
    uint32_t v = pop(c, w / 8);
    flags_write(c, v, popf_mask(c, w));
    if (w == 32)
        c->eflags &= ~FL_RF;
}

/*
 * ENTER size, level (SDM "ENTER", Operation): push eBP; with level L > 0
 * copy L-1 frame pointers from the enclosing frame (read at SS:eBP - k *
 * operand size, eBP at stack-address size) and push the new frame pointer;
 * then eBP = frame pointer (EBP or BP by stack-address size) and eSP drops
 * by size.  The level is taken modulo 32.  #SS when the final eSP lies
 * outside the stack segment, checked before anything is written.
 */
void op_enter(struct cpu *c, const struct insn *i)
{
    unsigned n = slot(i), level = i->imm2 & 31;
    uint32_t m = stack_mask(c), size = i->imm & 0xFFFF;
    uint32_t pushes = level ? level + 1 : 1;
    uint32_t final = (stack_ptr(c) - pushes * n - size) & m;
    if (final > c->seg[SEG_SS].limit)
        cpu_fault(c, EXC_SS, 0);
    uint32_t bp = c->gpr[R_EBP] & m;
    push(c, reg_read(c, R_EBP, n * 8), n);
    uint32_t frame = stack_ptr(c);
    if (level) {
        for (unsigned k = 1; k < level; k++) {
            bp = (bp - n) & m;
            push(c, seg_read(c, SEG_SS, bp, n), n);
        }
        push(c, frame, n);
    }
    reg_write(c, R_EBP, frame, c->stack32 ? 32 : 16);
    set_stack_ptr(c, stack_ptr(c) - size);
}

/*
 * LEAVE (SDM "LEAVE"): eSP = eBP (by stack-address size), then pop eBP (by
 * operand size).  The saved value is read before anything changes.
 */
void op_leave(struct cpu *c, const struct insn *i)
{
    unsigned n = slot(i);
    uint32_t bp = c->gpr[R_EBP] & stack_mask(c);
    uint32_t v = seg_read(c, SEG_SS, bp, n);
    set_stack_ptr(c, bp + n);
    reg_write(c, R_EBP, v, n * 8);
}
