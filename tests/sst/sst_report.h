/*
 * tests/sst/sst_report.h - human-readable output of the SingleStepTests
 * runner: per-failure diffs for -v and one-line failure summaries.
 */
#ifndef T86_SST_REPORT_H
#define T86_SST_REPORT_H

#include <stdio.h>

#include "sst_check.h"

/** Detailed diff of a failed test (registers, RAM, exceptions, bytes). */
void sst_print_failure(FILE *out, const char *opname, const struct moo_test *t,
                       const struct sst_result *r, const struct sst_machine *m, uint16_t flags_mask);
/** One line: "#idx 'name' [bytes]: what differs". */
void sst_summarize(char *buf, size_t n, const struct moo_test *t, const struct sst_result *r,
                   const struct sst_machine *m);

#endif
