/*
 * cpu/ops_fpu.c - the x87 escape opcodes (D8-DF) and WAIT/FWAIT (9B) on a
 * machine without a math coprocessor, behaving like a 386 with no 387.
 *
 * Invariants:
 *   - An escape either raises #NM (device not available) or does nothing:
 *     its memory operand is never read or written, so the classic probe
 *     "FNINIT; FNSTSW [mem]" leaves the memory word untouched and software
 *     concludes there is no FPU.
 *   - No FPU state exists, so there is nothing to save or restore.
 * Reference: Intel SDM Vol. 3, 2.5 (CR0.MP/EM/TS) and Table 2-2 "Action
 * Taken By x87 FPU Instructions for Different Combinations of EM, MP, and
 * TS"; SDM Vol. 2 "WAIT/FWAIT".
 */
#include "cpu_internal.h"
#include "optable_handlers.h"

enum { CR0_MP = 1u << 1, CR0_EM = 1u << 2, CR0_TS = 1u << 3 };

/* ESC (D8-DF, any ModRM form): #NM when CR0.EM or CR0.TS is set (Table 2-2). */
void op_esc(struct cpu *c, const struct insn *i)
{
    if (c->cr[0] & (CR0_EM | CR0_TS))
        cpu_fault(c, EXC_NM, 0);
}

/*
 * WAIT/FWAIT (9B): #NM only when both CR0.MP and CR0.TS are set (Table
 * 2-2; SDM "WAIT/FWAIT"); EM does not affect it.  Otherwise a no-op, as
 * there is no pending FPU exception to report.
 */
void op_wait(struct cpu *c, const struct insn *i)
{
    if ((c->cr[0] & (CR0_MP | CR0_TS)) == (CR0_MP | CR0_TS))
        cpu_fault(c, EXC_NM, 0);
}
