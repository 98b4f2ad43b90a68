/*
 * frontend/dbg_trace.h - the instruction trace (`trace on`, `trace-reg on`,
 * -trace FILE) and the "where are we" line printed at every stop.
 */
#ifndef T86_FRONTEND_DBG_TRACE_H
#define T86_FRONTEND_DBG_TRACE_H

#include <stdio.h>

#include "dbg_disasm.h"

struct dbg;

/** The code location of the current CS:EIP. */
struct dbg_code_loc dbg_here(struct dbg *d);
/** Trace the instruction about to execute (and, with trace-reg, the
 * registers that changed since the previous one). */
void dbg_trace_insn(struct dbg *d);

#endif
