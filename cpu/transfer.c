/*
 * cpu/transfer.c - far control transfers: JMP, CALL, RET and IRET between
 * code segments, in real-address and protected mode.
 *
 * Protected-mode rules are those of SDM Vol. 2 "JMP", "CALL", "RET" and
 * "IRET/IRETD" (Operation sections) and Vol. 3, 5.8 "Privilege Level
 * Checking When Transferring Program Control Between Code Segments".
 * Call gates are in gates.c, task switches in task.c.
 * Invariant: every check that can fault runs before CS, EIP, ESP or SS
 * change, so the run loop's EIP/ESP restore leaves a consistent state.
 */
#include "gates.h"
#include "task.h"
#include "vme.h"

static inline uint32_t stack_mask_of(bool big) { return big ? 0xFFFFFFFFu : 0xFFFFu; }

/* Load CS from a checked descriptor with RPL = @cpl, and set EIP. */
static void load_cs(struct cpu *c, uint16_t sel, struct desc *d, unsigned cpl, uint32_t eip)
{
    desc_set_accessed(c, sel, d);
    seg_cache_set(&c->seg[SEG_CS], (uint16_t)((sel & ~3u) | cpl), d);
    cpu_set_cpl(c, cpl);
    c->code32 = c->seg[SEG_CS].attr & SA_DB;
    seg_refresh(c, SEG_CS);
    c->eip = eip;
}

/* Real mode: CS = sel, base = sel * 16, after the limit check on @eip. */
static void real_far(struct cpu *c, uint16_t sel, uint32_t eip)
{
    if (eip > c->seg[SEG_CS].limit)
        cpu_fault(c, EXC_GP, 0);
    seg_load(c, SEG_CS, sel);
    c->code32 = c->seg[SEG_CS].attr & SA_DB;
    c->eip = eip;
}

/*
 * Check the code segment a direct JMP/CALL goes to at the same privilege
 * (SDM Vol. 3, 5.8.1): conforming needs DPL <= CPL, non-conforming
 * RPL <= CPL and DPL == CPL.
 */
static void check_direct_code(struct cpu *c, uint16_t sel, const struct desc *d)
{
    uint32_t err = sel & 0xFFFC;
    if (desc_bit_c_e(d) ? desc_dpl(d) > c->cpl : ((sel & 3) > c->cpl || desc_dpl(d) != c->cpl))
        cpu_fault(c, EXC_GP, err);
    if (!desc_present(d))
        cpu_fault(c, EXC_NP, err);
}

/*
 * The descriptor a protected-mode far JMP/CALL names.  Returns true for a
 * code segment (checked); a call gate is handled here (false); task gates
 * and TSSs come with the task-switch work and raise #GP(selector).
 */
static bool far_target(struct cpu *c, uint16_t sel, struct desc *d, bool call)
{
    if ((sel & 0xFFFC) == 0)
        cpu_fault(c, EXC_GP, 0);
    desc_load(c, sel, d, EXC_GP, 0);
    if (desc_is_code(d)) {
        check_direct_code(c, sel, d);
        return true;
    }
    unsigned t = desc_type(d);
    if (!desc_is_seg(d) && (t == DT_CALL16 || t == DT_CALL32)) {
        gate_transfer(c, sel, d, call);
        return false;
    }
    bool tss = t == DT_TSS16_AVAIL || t == DT_TSS32_AVAIL || t == DT_TSS16_BUSY ||
               t == DT_TSS32_BUSY;
    if (desc_is_seg(d) || (!tss && t != DT_TASK))
        cpu_fault(c, EXC_GP, sel & 0xFFFC);
    /* SDM "JMP"/"CALL": TSS or task gate DPL >= CPL and >= RPL, present. */
    if (desc_dpl(d) < c->cpl || desc_dpl(d) < (sel & 3u))
        cpu_fault(c, EXC_GP, sel & 0xFFFC);
    if (!desc_present(d))
        cpu_fault(c, EXC_NP, sel & 0xFFFC);
    if (tss)
        task_switch(c, sel, d, call ? TASK_CALL : TASK_JMP, 0, false, 0);
    else
        task_gate_switch(c, d, call ? TASK_CALL : TASK_JMP, 0, false, 0);
    return false;
}

/* #GP(0) when @eip lies beyond the limit of descriptor @d. */
static void check_code_limit(struct cpu *c, const struct desc *d, uint32_t eip)
{
    if (eip > desc_limit(d))
        cpu_fault(c, EXC_GP, 0);
}

void far_jump(struct cpu *c, uint16_t sel, uint32_t eip)
{
    if (!pm_mode(c)) {
        real_far(c, sel, eip);
        return;
    }
    struct desc d;
    if (!far_target(c, sel, &d, false))
        return;
    check_code_limit(c, &d, eip);
    load_cs(c, sel, &d, c->cpl, eip);
}

/* Check that @count pushes of @n bytes fit below the current stack top. */
static void stack_room_check(struct cpu *c, unsigned count, unsigned n)
{
    uint32_t m = stack_mask_of(c->stack32);
    for (unsigned k = 1; k <= count; k++)
        seg_check_write(c, SEG_SS, (stack_ptr(c) - k * n) & m, n);
}

void far_call(struct cpu *c, uint16_t sel, uint32_t eip, unsigned n)
{
    if (!pm_mode(c)) {
        stack_room_check(c, 2, n);
        if (eip > c->seg[SEG_CS].limit)
            cpu_fault(c, EXC_GP, 0);
        push(c, c->seg[SEG_CS].sel, n);
        push(c, c->eip, n);
        real_far(c, sel, eip);
        return;
    }
    struct desc d;
    if (!far_target(c, sel, &d, true))
        return;
    check_code_limit(c, &d, eip);
    stack_room_check(c, 2, n);
    push(c, c->seg[SEG_CS].sel, n);
    push(c, c->eip, n);
    load_cs(c, sel, &d, c->cpl, eip);
}

/*
 * The code segment a RET/IRET returns to (SDM "RET", "IRET"): RPL >= CPL;
 * conforming needs DPL <= RPL, non-conforming DPL == RPL; present.
 */
static void check_return_code(struct cpu *c, uint16_t sel, struct desc *d)
{
    uint32_t err = sel & 0xFFFC;
    if (err == 0)
        cpu_fault(c, EXC_GP, 0);
    desc_load(c, sel, d, EXC_GP, 0);
    unsigned rpl = sel & 3;
    if (!desc_is_code(d) || rpl < c->cpl)
        cpu_fault(c, EXC_GP, err);
    if (desc_bit_c_e(d) ? desc_dpl(d) > rpl : desc_dpl(d) != rpl)
        cpu_fault(c, EXC_GP, err);
    if (!desc_present(d))
        cpu_fault(c, EXC_NP, err);
}

/* The stack segment popped on a return to privilege @rpl (SDM "RET"). */
static void check_return_stack(struct cpu *c, uint16_t sel, struct desc *d, unsigned rpl)
{
    uint32_t err = sel & 0xFFFC;
    if (err == 0)
        cpu_fault(c, EXC_GP, 0);
    desc_load(c, sel, d, EXC_GP, 0);
    if ((sel & 3) != rpl || !desc_is_data(d) || !desc_bit_r_w(d) || desc_dpl(d) != rpl)
        cpu_fault(c, EXC_GP, err);
    if (!desc_present(d))
        cpu_fault(c, EXC_SS, err);
}

/*
 * After a return to an outer level: data segment registers the new CPL
 * may not use are loaded with null (SDM "RET", "IRET": "FOR each of segment
 * register ES, FS, GS, and DS ...").
 */
static void null_inaccessible_segments(struct cpu *c)
{
    static const unsigned segs[4] = {SEG_ES, SEG_DS, SEG_FS, SEG_GS};
    for (unsigned k = 0; k < 4; k++) {
        struct cpu_seg *s = &c->seg[segs[k]];
        bool data_or_nc = !(s->attr & 0x08) || !(s->attr & 0x04);
        if ((s->attr & SA_S) && data_or_nc && ((s->attr & SA_DPL) >> 5) < c->cpl) {
            s->sel = 0;
            s->attr = 0;
            seg_refresh(c, segs[k]);
        }
    }
}

/* Switch to the outer stack @ss_sel:@esp (already checked as @d). */
static void load_outer_stack(struct cpu *c, uint16_t ss_sel, struct desc *d, uint32_t esp)
{
    desc_set_accessed(c, ss_sel, d);
    seg_cache_set(&c->seg[SEG_SS], ss_sel, d);
    c->stack32 = c->seg[SEG_SS].attr & SA_DB;
    seg_refresh(c, SEG_SS);
    set_stack_ptr(c, esp);
}

/*
 * EFLAGS bits a protected-mode IRET loads (SDM "IRET/IRETD", Operation,
 * RETURN-TO-SAME/OUTER-PRIVILEGE-LEVEL): IOPL only at CPL 0, IF only when
 * CPL <= IOPL, VIF/VIP only at CPL 0; never VM here.  Uses the CPL before
 * the return.
 */
static uint32_t iret_flags_mask(const struct cpu *c, unsigned n)
{
    uint32_t mask = 0x257FD5u;
    unsigned iopl = (c->eflags & FL_IOPL) >> 12;
    if (c->cpl == 0)
        mask |= FL_VIF | FL_VIP;
    else
        mask &= ~FL_IOPL;
    if (c->cpl > iopl)
        mask &= ~FL_IF;
    return n == 2 ? (mask & 0xFFFF) : mask;
}

/*
 * Common part of RET far and IRET in protected mode: @n-byte slots, the
 * popped CS:EIP already read; @slots is how many slots precede SS:ESP
 * (2 for RET, 3 for IRET); @extra bytes are released on both stacks.
 * Returns the new stack pointer of the inner level for the caller's use.
 */
static void pm_return(struct cpu *c, unsigned n, unsigned slots, uint32_t extra, uint16_t sel,
                      uint32_t eip, uint32_t flags, bool is_iret)
{
    struct desc cs, ss;
    check_return_code(c, sel, &cs);
    unsigned rpl = sel & 3;
    check_code_limit(c, &cs, eip);
    uint32_t sp = stack_ptr(c);
    if (rpl == c->cpl) {
        load_cs(c, sel, &cs, rpl, eip);
        if (is_iret)
            flags_write(c, flags, iret_flags_mask(c, n));
        set_stack_ptr(c, sp + slots * n + extra);
        return;
    }
    uint32_t esp = stack_peek(c, slots * n + extra, n);
    uint16_t ss_sel = (uint16_t)stack_peek(c, slots * n + extra + n, n);
    check_return_stack(c, ss_sel, &ss, rpl);
    uint32_t mask = is_iret ? iret_flags_mask(c, n) : 0;
    load_cs(c, sel, &cs, rpl, eip);
    if (is_iret)
        flags_write(c, flags, mask);
    load_outer_stack(c, ss_sel, &ss, n == 2 ? (esp & 0xFFFF) : esp);
    if (!is_iret)
        set_stack_ptr(c, stack_ptr(c) + extra);
    null_inaccessible_segments(c);
}

void far_return(struct cpu *c, unsigned n, uint32_t extra)
{
    uint32_t off = stack_peek(c, 0, n);
    uint16_t sel = (uint16_t)stack_peek(c, n, n);
    if (!pm_mode(c)) {
        uint32_t sp = stack_ptr(c);
        real_far(c, sel, off);
        set_stack_ptr(c, sp + 2 * n + extra);
        return;
    }
    pm_return(c, n, 2, extra, sel, off, 0, false);
}

/*
 * IRET in real-address mode (SDM "IRET/IRETD", Operation): 16-bit pops
 * change FLAGS[15:0] only; 32-bit: EFLAGS = (popped AND 257FD5H) OR
 * (EFLAGS AND 1A0000H), i.e. VM, VIF and VIP are kept.
 */
static void iret_real(struct cpu *c, unsigned n)
{
    uint32_t sp = stack_ptr(c);
    uint32_t off = stack_peek(c, 0, n);
    uint16_t sel = (uint16_t)stack_peek(c, n, n);
    uint32_t fl = stack_peek(c, 2 * n, n);
    real_far(c, sel, off);
    flags_write(c, fl, n == 2 ? 0xFFFF : 0x257FD5u);
    set_stack_ptr(c, sp + 3 * n);
}

/*
 * IRET inside virtual-8086 mode (SDM "IRET", Operation, virtual-8086
 * mode): with IOPL 3 a real-mode style return that keeps VM, IOPL, VIP and
 * VIF; with IOPL < 3, #GP(0), except the 16-bit form under CR4.VME.
 */
static void iret_v86(struct cpu *c, unsigned n)
{
    if (vme_active(c) && n == 2) { /* SDM "IRET": VME, 16-bit */
        vme_iret16(c);
        return;
    }
    if ((c->eflags & FL_IOPL) != FL_IOPL)
        cpu_fault(c, EXC_GP, 0);
    uint32_t sp = stack_ptr(c);
    uint32_t off = stack_peek(c, 0, n);
    uint16_t sel = (uint16_t)stack_peek(c, n, n);
    uint32_t fl = stack_peek(c, 2 * n, n);
    real_far(c, sel, off);
    flags_write(c, fl, n == 2 ? 0xCFFFu : 0x254FD5u); /* all but IOPL */
    set_stack_ptr(c, sp + 3 * n);
}

/*
 * IRET from CPL 0 to virtual-8086 mode (SDM "IRET", RETURN-TO-VIRTUAL-
 * 8086-MODE): pops EIP, CS, EFLAGS, ESP, SS, ES, DS, FS, GS (32-bit
 * slots), loads them with real-mode semantics and CPL 3.
 */
static void iret_to_v86(struct cpu *c, uint32_t eip, uint16_t cs, uint32_t fl)
{
    uint32_t v[6];
    for (unsigned k = 0; k < 6; k++) /* ESP SS ES DS FS GS */
        v[k] = stack_peek(c, 12 + 4 * k, 4);
    flags_write(c, fl, 0x3F7FD5u); /* VM, IOPL and the rest, from CPL 0 */
    static const unsigned segs[5] = {SEG_SS, SEG_ES, SEG_DS, SEG_FS, SEG_GS};
    for (unsigned k = 0; k < 5; k++)
        seg_load(c, segs[k], (uint16_t)v[k + 1]);
    seg_load(c, SEG_CS, cs);
    c->gpr[R_ESP] = v[0];
    c->eip = eip & 0xFFFF;
    seg_refresh_all(c);
}

void interrupt_return(struct cpu *c, unsigned n)
{
    if (!(c->cr[0] & 1)) {
        iret_real(c, n);
        return;
    }
    if (c->eflags & FL_VM) {
        iret_v86(c, n);
        return;
    }
    if (c->eflags & FL_NT) {
        task_return(c);
        return;
    }
    uint32_t off = stack_peek(c, 0, n);
    uint16_t sel = (uint16_t)stack_peek(c, n, n);
    uint32_t fl = stack_peek(c, 2 * n, n);
    if (n == 4 && (fl & FL_VM) && c->cpl == 0) {
        iret_to_v86(c, off, sel, fl);
        return;
    }
    pm_return(c, n, 3, 0, sel, off, fl, true);
}
