/*
 * cpu/fault.h - the one fault mechanism of cpu/ and mmu/.
 *
 * Any code that detects a guest exception calls cpu_fault(); it never
 * returns.  It records the vector and error code and unwinds (longjmp) to
 * the run loop in cpu/exec.c, which restores EIP and ESP to the values they
 * had at the start of the faulting instruction, offers the exception to the
 * hook installed with cpu_set_exception_hook(), and then delivers it through
 * the guest IVT (real mode) or IDT.  An exception raised while delivering
 * another becomes #DF, and one raised while delivering #DF shuts the CPU
 * down (triple fault), per SDM Vol. 3, 6.15 "Interrupt 8".
 *
 * State written by the faulting instruction before the fault is not rolled
 * back except EIP/ESP, so handlers perform every check that can fault
 * before they modify architectural state.
 */
#ifndef T86_FAULT_H
#define T86_FAULT_H

#include <stdint.h>

struct cpu;

/** Exception vectors (SDM Vol. 3, Table 6-1). */
enum {
    EXC_DE = 0, EXC_DB = 1, EXC_NMI = 2, EXC_BP = 3, EXC_OF = 4, EXC_BR = 5,
    EXC_UD = 6, EXC_NM = 7, EXC_DF = 8, EXC_TS = 10, EXC_NP = 11, EXC_SS = 12,
    EXC_GP = 13, EXC_PF = 14, EXC_MF = 16, EXC_AC = 17
};

/** Raise exception @vector with @error_code (ignored for vectors without one). */
_Noreturn void cpu_fault(struct cpu *c, int vector, uint32_t error_code);

#endif
