/*
 * tests/sst/exclusions.h - tests skipped because the 80286 and an IA-32
 * processor architecturally differ on them in real mode.
 *
 * Each exclusion is a predicate over the test's own data (instruction
 * bytes, initial state and the exception the 286 recorded), never over
 * what our CPU did, so an exclusion cannot hide a bug.  Every class is
 * documented, with its SDM citation and count, in docs/sst.md; the runner
 * prints the per-class counts.
 */
#ifndef T86_SST_EXCLUSIONS_H
#define T86_SST_EXCLUSIONS_H

#include "moo.h"

enum sst_excl {
    EXCL_LONG_INSN,  /**< longer than 10 bytes: the 286 faults, IA-32 allows 15 */
    EXCL_LOCK_UD,    /**< LOCK on an instruction IA-32 rejects with #UD */
    EXCL_MOV_FSGS,   /**< MOV to/from Sreg 4/5: #UD on the 286, FS/GS on IA-32 */
    EXCL_SS_OVERRUN, /**< SS-relative overrun: 286 interrupt 13, IA-32 #SS (12) */
    EXCL_POPF_IOPL,  /**< POPF/IRET popping IOPL/NT: stays 0 on the 286 */
    EXCL_STRING_WRAP, /**< word string access at offset FFFF: the 286 moves SI/DI first */
    EXCL_POP_MEM_WRAP, /**< POP m16 storing at offset FFFF: the 286 moves SP first */
    EXCL_AAM_ZERO,   /**< AAM 0: the 286 changes flags before #DE */
    EXCL_ESC_MEM,    /**< ESC whose memory operand crosses the segment end */
    EXCL_COUNT
};

/** The first exclusion matching @t, or -1 when the test is to be run. */
int excl_classify(const struct moo_test *t);
/** Short name of an exclusion (for the report). */
const char *excl_name(int id);

#endif
