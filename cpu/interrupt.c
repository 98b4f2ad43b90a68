/*
 * cpu/interrupt.c - raising exceptions and delivering interrupts.
 *
 * cpu_fault is the one way to raise a guest exception (fault.h).  Delivery
 * in real mode goes through the IVT at IDTR.base (SDM Vol. 3, 20.1.4):
 * push FLAGS, CS, IP (16 bits each), clear IF, TF, AC and RF, and load
 * CS:IP from the 4-byte vector.  Exception classes for #DF follow SDM Vol. 3,
 * Table 6-5; an exception while delivering #DF shuts the CPU down.
 * Protected-mode delivery through the IDT arrives with issue 3.
 */
#include "cpu_internal.h"

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
    uint32_t vec = lin_read(c, c->idtr_base + off, 4);
    uint32_t fl = flags_get(c);
    push(c, fl & 0xFFFF, 2);
    push(c, c->seg[SEG_CS].sel, 2);
    push(c, c->eip & 0xFFFF, 2);
    flags_commit(c);
    c->eflags &= ~(FL_IF | FL_TF | FL_AC | FL_RF);
    c->seg[SEG_CS].sel = (uint16_t)(vec >> 16);
    c->seg[SEG_CS].base = (vec >> 16) << 4;
    c->eip = vec & 0xFFFF;
}

void cpu_interrupt(struct cpu *c, int vector, bool soft)
{
    (void)soft;
    if ((c->cr[0] & 1) && !(c->eflags & FL_VM)) {
        cpu_log(c, CPU_LOG_UNIMP, "protected-mode interrupt %d not implemented yet", vector);
        c->shutdown = true;
        return;
    }
    deliver_real(c, vector);
}

void cpu_deliver_exception(struct cpu *c, int vector, uint32_t error_code)
{
    (void)error_code; /* real mode pushes no error code */
    c->exc_nesting = vector;
    cpu_interrupt(c, vector, false);
    c->exc_nesting = -1;
}

void cpu_single_step_trap(struct cpu *c)
{
    if (c->shutdown)
        return;
    c->dr[6] |= 1u << 14; /* DR6.BS, SDM Vol. 3, 17.2.3 */
    c->prev_eip = c->eip;
    c->prev_esp = c->gpr[R_ESP];
    cpu_deliver_exception(c, EXC_DB, 0);
}
