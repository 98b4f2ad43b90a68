/*
 * cpu/interrupt.c - raising exceptions and delivering interrupts.
 *
 * cpu_fault is the one way to raise a guest exception (fault.h).  Delivery:
 *   - real-address mode through the IVT at IDTR.base (SDM Vol. 3, 20.1.4):
 *     push FLAGS, CS, IP, clear IF, TF, AC and RF, load CS:IP from the
 *     4-byte vector;
 *   - protected mode through interrupt and trap gates of the IDT (SDM
 *     Vol. 3, 6.12 "Exception and Interrupt Handling"), with the stack
 *     switch to the inner level's SS:ESP from the TSS (6.12.1, 7.2.1).
 *     Task gates and virtual-8086 interrupts come with issue 5.
 * Exception classes for #DF follow SDM Vol. 3, Table 6-5; an exception
 * while delivering #DF shuts the CPU down (triple fault).
 * Invariant: delivery checks everything (gate, target code segment, new
 * stack and its room) before changing any register, so a fault during
 * delivery leaves the interrupted state intact for the #DF that follows.
 */
#include "stackswitch.h"
#include "task.h"

/* Contributory exceptions (SDM Vol. 3, Table 6-4). */
static bool contributory(int v)
{
    return v == EXC_DE || (v >= EXC_TS && v <= EXC_GP);
}

_Noreturn void cpu_fault(struct cpu *c, int vector, uint32_t error_code)
{
    int cur = c->exc_nesting;
    if (cur == EXC_DF) {
        cpu_log(c, CPU_LOG_INT, "triple fault (exception %d while delivering #DF)", vector);
        cpu_log(c, CPU_LOG_RESET, "triple fault: CPU shutdown");
        c->shutdown = true;
        cpu_kick(c);
    } else if (cur >= 0 && ((contributory(cur) && contributory(vector)) ||
                            (cur == EXC_PF && (vector == EXC_PF || contributory(vector))))) {
        vector = EXC_DF;
        error_code = 0;
    }
    c->exc_vector = vector;
    c->exc_error = error_code;
    longjmp(c->fault_jmp, 1);
}

/* Real-mode delivery through the IVT. */
static void deliver_real(struct cpu *c, int vector)
{
    uint32_t off = (uint32_t)vector * 4;
    if (off + 3 > c->idtr_limit)
        cpu_fault(c, EXC_GP, off * 2 + 2);
    uint32_t vec = lin_read_sys(c, c->idtr_base + off, 4);
    uint32_t fl = flags_get(c);
    push(c, fl & 0xFFFF, 2);
    push(c, c->seg[SEG_CS].sel, 2);
    push(c, c->eip & 0xFFFF, 2);
    flags_commit(c);
    c->eflags &= ~(FL_IF | FL_TF | FL_AC | FL_RF);
    c->seg[SEG_CS].sel = (uint16_t)(vec >> 16);
    c->seg[SEG_CS].base = (vec >> 16) << 4;
    seg_refresh(c, SEG_CS);
    c->eip = vec & 0xFFFF;
}

/** What a protected-mode delivery needs to know about its event. */
struct event {
    int vector;
    bool soft;      /**< INT n / INT3 / INTO: gate DPL is checked */
    bool has_error;
    uint32_t error;
    unsigned ext;   /**< EXT bit of error codes raised while delivering */
};

/* Read and check the IDT gate (SDM Vol. 3, 6.12.1.1 and 6.11). */
static void fetch_gate(struct cpu *c, const struct event *e, struct desc *g)
{
    uint32_t off = (uint32_t)e->vector * 8, err = off | 2 | e->ext;
    if (off + 7 > c->idtr_limit)
        cpu_fault(c, EXC_GP, err);
    g->lo = lin_read_sys(c, c->idtr_base + off, 4);
    g->hi = lin_read_sys(c, c->idtr_base + off + 4, 4);
    unsigned t = desc_type(g);
    if (desc_is_seg(g) || !(t == DT_INT16 || t == DT_TRAP16 || t == DT_INT32 || t == DT_TRAP32 ||
                            t == DT_TASK))
        cpu_fault(c, EXC_GP, err);
    if (e->soft && desc_dpl(g) < c->cpl)
        cpu_fault(c, EXC_GP, err);
    if (!desc_present(g))
        cpu_fault(c, EXC_NP, err);
}

/* The handler's code segment: present code with DPL <= CPL. */
static void fetch_handler_cs(struct cpu *c, const struct event *e, uint16_t sel, struct desc *d)
{
    uint32_t err = (sel & 0xFFFC) | e->ext;
    if ((sel & 0xFFFC) == 0)
        cpu_fault(c, EXC_GP, e->ext);
    desc_load(c, sel, d, EXC_GP, e->ext);
    if (!desc_is_code(d) || desc_dpl(d) > c->cpl)
        cpu_fault(c, EXC_GP, err);
    if (!desc_present(d))
        cpu_fault(c, EXC_NP, err);
}

/* Build the frame: [GS, FS, DS, ES (from virtual-8086 mode),] [SS, ESP,]
 * EFLAGS, CS, EIP [, error] (SDM Vol. 3, Figure 20-5 for the V86 case). */
static void build_frame(struct cpu *c, const struct event *e, bool outer, bool wide, struct frame *f)
{
    f->count = 0;
    f->size = wide ? 4 : 2;
    if (c->eflags & FL_VM) {
        f->v[f->count++] = c->seg[SEG_GS].sel;
        f->v[f->count++] = c->seg[SEG_FS].sel;
        f->v[f->count++] = c->seg[SEG_DS].sel;
        f->v[f->count++] = c->seg[SEG_ES].sel;
    }
    if (outer) {
        f->v[f->count++] = c->seg[SEG_SS].sel;
        f->v[f->count++] = c->gpr[R_ESP];
    }
    f->v[f->count++] = flags_get(c);
    f->v[f->count++] = c->seg[SEG_CS].sel;
    f->v[f->count++] = c->eip;
    if (e->has_error)
        f->v[f->count++] = e->error;
}

/* Leaving virtual-8086 mode for a handler: DS, ES, FS and GS become null
 * (SDM Vol. 3, 20.3.1.1) and the protected-mode segment rules apply again. */
static void leave_v86_segments(struct cpu *c)
{
    static const unsigned segs[4] = {SEG_ES, SEG_DS, SEG_FS, SEG_GS};
    for (unsigned k = 0; k < 4; k++) {
        c->seg[segs[k]].sel = 0;
        c->seg[segs[k]].base = 0;
        c->seg[segs[k]].limit = 0;
        c->seg[segs[k]].attr = 0;
    }
    seg_refresh_all(c);
}

/* Protected-mode delivery through the IDT. */
static void deliver_protected(struct cpu *c, const struct event *e)
{
    struct desc g, cs, ssd;
    fetch_gate(c, e, &g);
    if (desc_type(&g) == DT_TASK) { /* SDM Vol. 3, 6.12.2 "Interrupt Tasks" */
        task_gate_switch(c, &g, TASK_INT, e->ext, e->has_error, e->error);
        return;
    }
    bool wide = desc_type(&g) >= DT_INT32, trap = desc_type(&g) & 1;
    uint16_t sel = gate_selector(&g);
    uint32_t target = gate_offset(&g, wide);
    fetch_handler_cs(c, e, sel, &cs);
    unsigned dpl = desc_dpl(&cs);
    bool v86 = c->eflags & FL_VM;
    if (v86 && (desc_bit_c_e(&cs) || dpl != 0)) /* SDM Vol. 3, 20.3.1.1 */
        cpu_fault(c, EXC_GP, (sel & 0xFFFC) | e->ext);
    bool outer = !desc_bit_c_e(&cs) && dpl < c->cpl;
    unsigned new_cpl = outer ? dpl : c->cpl;
    if (target > desc_limit(&cs))
        cpu_fault(c, EXC_GP, e->ext);
    struct cpu_seg new_ss = c->seg[SEG_SS];
    uint16_t ss_sel = 0;
    uint32_t top = c->stack32 ? c->gpr[R_ESP] : (c->gpr[R_ESP] & 0xFFFF), esp;
    if (outer) {
        tss_inner_stack(c, dpl, e->ext, &ss_sel, &top, &ssd);
        seg_cache_set(&new_ss, ss_sel, &ssd);
    }
    struct frame f;
    build_frame(c, e, outer, wide, &f);
    frame_push(c, &new_ss, top, &f, &esp, outer ? (ss_sel & 0xFFFC) | e->ext : e->ext,
               new_cpl == 3);
    /* Committed: nothing below can fault. */
    if (outer) /* ESP comes from the TSS; a 16-bit stack moves only SP */
        stack_commit(c, ss_sel, &ssd, esp, top);
    else
        set_stack_ptr(c, esp);
    desc_set_accessed(c, sel, &cs);
    seg_cache_set(&c->seg[SEG_CS], (uint16_t)((sel & ~3u) | new_cpl), &cs);
    cpu_set_cpl(c, new_cpl);
    c->code32 = c->seg[SEG_CS].attr & SA_DB;
    seg_refresh(c, SEG_CS);
    c->eip = target;
    flags_commit(c);
    c->eflags &= ~(FL_TF | FL_NT | FL_RF | FL_VM | (trap ? 0 : FL_IF));
    if (v86)
        leave_v86_segments(c);
}

/* Deliver event @e in the current mode. */
static void deliver(struct cpu *c, const struct event *e)
{
    if (!(c->cr[0] & 1)) {
        deliver_real(c, e->vector);
        return;
    }
    deliver_protected(c, e);
}

void cpu_interrupt(struct cpu *c, int vector, bool soft)
{
    struct event e = {vector, soft, false, 0, soft ? 0 : 1};
    deliver(c, &e);
}

/* Vectors that push an error code (SDM Vol. 3, Table 6-1). */
static bool has_error_code(int v)
{
    return v == EXC_DF || (v >= EXC_TS && v <= EXC_PF) || v == EXC_AC;
}

void cpu_deliver_exception(struct cpu *c, int vector, uint32_t error_code)
{
    struct event e = {vector, false, has_error_code(vector), error_code, 1};
    c->exc_nesting = vector;
    deliver(c, &e);
    c->exc_nesting = -1;
}

void cpu_raise(struct cpu *c, int vector, uint32_t error_code)
{
    if (c->hook &&
        c->hook(c->hook_opaque, c, vector, error_code, has_error_code(vector)) == CPU_HOOK_RESUME)
        return;
    cpu_log(c, CPU_LOG_INT, "exception %d error %#x at %04x:%08x", vector, error_code,
            c->seg[SEG_CS].sel, c->eip);
    cpu_deliver_exception(c, vector, error_code);
}

void cpu_single_step_trap(struct cpu *c)
{
    if (c->shutdown)
        return;
    c->dr[6] |= 1u << 14; /* DR6.BS, SDM Vol. 3, 17.2.3 */
    c->prev_eip = c->eip;
    c->prev_esp = c->gpr[R_ESP];
    cpu_raise(c, EXC_DB, 0);
}
