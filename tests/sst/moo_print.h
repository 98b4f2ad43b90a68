/*
 * tests/sst/moo_print.h - plain-text dump of MOO tests, used by moo_dump to
 * check the reader and by the runner's -v diffs.  Output only.
 */
#ifndef T86_SST_MOO_PRINT_H
#define T86_SST_MOO_PRINT_H

#include <stdio.h>

#include "moo.h"

/** Print the registers present in @r, prefixed by @label. */
void moo_print_regs(FILE *out, const char *label, const struct moo_regs *r);
/** Print every field of @t (registers, RAM, exception, hash). */
void moo_dump_test(FILE *out, const struct moo_test *t);

#endif
