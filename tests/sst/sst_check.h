/*
 * tests/sst/sst_check.h - comparison of the machine's state after a test
 * with the test's final state.
 *
 * Expected registers are the FINA values where given, else the INIT values
 * (the suite lists only changed registers).  FLAGS is compared under the
 * opcode's metadata "flags-mask"; RMSK masks apply where present.  RAM: every
 * FINA byte must match, and every INIT byte that FINA does not list must be
 * unchanged.  When the 286 took an exception (EXCP chunk), the FLAGS image it
 * pushed is compared under the same flags-mask.
 */
#ifndef T86_SST_CHECK_H
#define T86_SST_CHECK_H

#include "sst_machine.h"

/** What one test produced. */
struct sst_result {
    bool pass;
    enum cpu_stop stop;
    uint16_t got[MOO_NREGS], exp[MOO_NREGS], mask[MOO_NREGS];
    uint16_t regdiff;  /**< bit r set: register r differs under mask[r] */
    uint32_t ram_diff; /**< number of differing RAM bytes */
};

/** Compare the machine with @t's final state; @file_rmsk may be NULL. */
void sst_check(struct sst_machine *m, const struct moo_test *t, const struct moo_regs *file_rmsk,
               uint16_t flags_mask, enum cpu_stop stop, struct sst_result *r);

/** Mask for RAM byte @addr (the pushed-FLAGS bytes get the flags mask). */
uint8_t sst_ram_mask(const struct moo_test *t, uint16_t flags_mask, uint32_t addr);

/** Expected value of RAM byte @addr after @t: FINA, else INIT; false if unnamed. */
bool sst_ram_expected(const struct moo_test *t, uint32_t addr, uint8_t *val);

#endif
