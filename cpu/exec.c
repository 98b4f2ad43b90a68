/*
 * cpu/exec.c - the run loop: fetch through the TLB and the decoded-
 * instruction cache, dispatch through the handler pointer, retire.
 *
 * This is the interpreter's hot path.  Per instruction: one TLB probe for
 * the fetch, one probe of the decoded cache, one CS-limit compare, one
 * indirect call.  Interrupts, halts, single-step traps and stop requests are
 * checked between instructions.  Faults unwind here (fault.h) via longjmp
 * to the setjmp in cpu_run, taken once per call, not per instruction.
 */
#include "cpu_internal.h"
#include "dcache.h"

/*
 * The successor of the instruction fetched last, when one of its hints
 * matches: same linear address, no translation change since (MMU epoch),
 * and the hinted entry still holds a live decode of the same bytes.
 */
static inline struct decoded *chained(struct cpu *c, uint32_t lin)
{
    struct decoded *p = c->last;
    if (!p || c->last_epoch != c->mmu.epoch)
        return NULL;
    /* Both hints are read whatever EIP turned out to be, so these loads
       need not wait for the handler that just ran. */
    const struct succ *h = &p->succ[0];
    if (h->lin != lin) {
        h = &p->succ[1];
        if (h->lin != lin)
            return NULL;
    }
    struct decoded *n = h->d;
    if (!n || n->tag != h->tag || n->gen != c->dgen || n->code32 != c->code32)
        return NULL;
    return n;
}

/* Remember @d (fetched at @lin) as the last instruction, and as a hint in
 * the previous one: its fall-through or its other successor. */
static inline void chain_update(struct cpu *c, struct decoded *d, uint32_t lin)
{
    struct decoded *p = c->last;
    if (p && c->last_epoch == c->mmu.epoch) {
        struct succ *h = &p->succ[lin != c->last_lin_end];
        h->lin = lin;
        h->tag = d->tag;
        h->d = d;
    }
    c->last = d;
    c->last_lin_end = lin + d->i.len;
    c->last_epoch = c->mmu.epoch;
}

/** Find (or decode) the instruction at CS:EIP. */
static inline const struct insn *fetch(struct cpu *c)
{
    uint32_t lin = c->seg[SEG_CS].base + c->eip;
    struct decoded *d = chained(c, lin);
    if (__builtin_expect(d != NULL, 1)) {
        if ((uint64_t)c->eip + d->i.len - 1 > c->seg[SEG_CS].limit)
            cpu_fault(c, EXC_GP, 0);
        c->last = d;
        c->last_lin_end = lin + d->i.len;
        return &d->i;
    }
    struct tlb_entry *e = tlb_slot(&c->mmu, lin);
    uint32_t paddr;
    if (__builtin_expect(e->tag_x == tlb_tag(&c->mmu, lin), 1)) {
        paddr = e->ppage | (lin & 0xFFF);
    } else {
        uint8_t *host;
        paddr = mmu_fetch(c, lin, &host);
    }
    d = &c->dcache[dcache_index(paddr)];
    if (__builtin_expect(d->tag == paddr && d->gen == c->dgen && d->code32 == c->code32, 1)) {
        if ((uint64_t)c->eip + d->i.len - 1 > c->seg[SEG_CS].limit)
            cpu_fault(c, EXC_GP, 0);
        chain_update(c, d, lin);
        return &d->i;
    }
    const struct insn *i = dcache_miss(c, lin, paddr);
    c->last = NULL; /* linked on its next execution, once cached */
    return i;
}

/** Execute one instruction. */
static inline void step(struct cpu *c)
{
    c->prev_eip = c->eip;
    c->prev_esp = c->gpr[R_ESP];
    const struct insn *i = fetch(c);
    c->eip += i->len;
    i->fn(c, i);
    c->icount++; /* a handler that asks to run again (REP chunk) undid this */
}

/* Offer a pending exception to the hook, then deliver it. */
static void handle_fault(struct cpu *c)
{
    int vec = c->exc_vector;
    c->eip = c->prev_eip;
    c->gpr[R_ESP] = c->prev_esp;
    cpu_kick(c);
    c->halted = false;
    if (c->shutdown)
        return;
    if (c->exc_nesting < 0)
        cpu_raise(c, vec, c->exc_error);
    else
        cpu_deliver_exception(c, vec, c->exc_error);
}

/* Between instructions: interrupt shadow, INTR, halts. Returns false to stop. */
static bool service_events(struct cpu *c)
{
    if (c->irq_shadow) {
        c->irq_shadow--;
        return !c->halted;
    }
    if (c->intr && (c->eflags & FL_IF)) {
        c->halted = false;
        uint8_t vec = c->bus.intr_ack ? c->bus.intr_ack(c->bus.opaque) : 0;
        cpu_log(c, CPU_LOG_INT, "hardware interrupt %#x", vec);
        c->prev_eip = c->eip; /* a fault while delivering restarts from here */
        c->prev_esp = c->gpr[R_ESP];
        cpu_interrupt(c, vec, false);
    }
    return !c->halted;
}

/* True while something keeps needing the slow check between instructions. */
static inline bool events_pending(const struct cpu *c)
{
    return c->irq_shadow || c->intr || c->halted || c->shutdown || c->stop_req ||
           (c->eflags & (FL_TF | FL_RF)) || c->dbg_fn || c->dbreg_exec || c->dbreg_hits ||
           c->task_trap;
}

/*
 * Debug-register events between instructions (SDM Vol. 3, 17.3.1): the
 * data breakpoint trap of the instruction just executed, then instruction
 * breakpoints on the next one (a fault), which EFLAGS.RF suppresses once;
 * RF is cleared as that instruction starts.
 */
static void check_debug_registers(struct cpu *c)
{
    if (c->dbreg_hits)
        debugregs_deliver_data_trap(c);
    if (c->task_trap) {
        c->task_trap = false;
        c->dr[6] |= 1u << 15; /* DR6.BT */
        c->prev_eip = c->eip;
        c->prev_esp = c->gpr[R_ESP];
        cpu_raise(c, EXC_DB, 0);
    }
    bool rf = c->eflags & FL_RF;
    c->eflags &= ~FL_RF;
    if (c->dbreg_exec && !rf && debugregs_exec_hit(c, c->seg[SEG_CS].base + c->eip)) {
        c->prev_eip = c->eip;
        c->prev_esp = c->gpr[R_ESP];
        cpu_fault(c, EXC_DB, 0);
    }
}

/*
 * The slow check between instructions.  Returns -1 to go on with the next
 * instruction, or the reason to stop.  Sets *@traced when the next
 * instruction runs with TF=1 and must be followed by the single-step trap.
 */
static int check_events(struct cpu *c, bool *traced)
{
    c->events = 0;
    *traced = false;
    if (c->shutdown) {
        cpu_kick(c);
        return CPU_STOP_SHUTDOWN;
    }
    if (c->stop_req) {
        cpu_kick(c);
        return CPU_STOP_REQUEST;
    }
    if ((c->irq_shadow | c->intr | c->halted) && !service_events(c)) {
        cpu_kick(c);
        return CPU_STOP_HALT;
    }
    if (c->dbg_fn && cpu_debug_check(c)) {
        cpu_kick(c);
        return CPU_STOP_DEBUG;
    }
    check_debug_registers(c);
    *traced = c->eflags & FL_TF;
    if (events_pending(c))
        cpu_kick(c);
    return -1;
}

enum cpu_stop cpu_run(struct cpu *c, uint64_t budget)
{
    c->slice_end = c->icount + budget;
    c->stop_req = 0;
    cpu_kick(c);
    if (setjmp(c->fault_jmp))
        handle_fault(c);
    c->exc_nesting = -1;
    while (c->icount < c->slice_end) {
        if (__builtin_expect(c->events, 0)) {
            bool traced;
            int why = check_events(c, &traced);
            if (why >= 0)
                return (enum cpu_stop)why;
            if (traced) {
                step(c);
                cpu_single_step_trap(c);
                cpu_kick(c);
                continue;
            }
        }
        step(c);
    }
    return c->shutdown ? CPU_STOP_SHUTDOWN : CPU_STOP_BUDGET;
}
