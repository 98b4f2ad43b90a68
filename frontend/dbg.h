/*
 * frontend/dbg.h - the debugger session shared by the console, the monitor
 * and the GDB stub (issue 4).
 *
 * Threading (docs/architecture.md, "Run loop and threading"): one thread.
 * dbg_run runs the CPU in slices and, between slices and while the guest
 * is stopped, polls its input sources (the console line editor, the
 * monitor, the GDB socket) with poll(2).  SIGINT (Ctrl-C) only sets a flag
 * and calls cpu_request_stop, so the guest stops within one slice.  No
 * state is shared across threads.
 *
 * Invariants: breakpoints and watchpoints are exact under the decoded-
 * instruction cache (they use cpu_debug.h, checked before each instruction
 * and on each access to a watched page); with none set the CPU runs its
 * normal hot path.  A stop always reports its reason to every front end
 * that is attached.
 */
#ifndef T86_FRONTEND_DBG_H
#define T86_FRONTEND_DBG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu/cpu.h"

struct pc;
struct options;
struct dbg;
struct gdbstub;

/** Breakpoint kinds (Bochs: pb/b, lb, vb). */
enum dbg_bp_kind { DBG_BP_PHYS, DBG_BP_LIN, DBG_BP_VIRT };

/** Why the guest stopped, as reported to the console and the stub. */
enum dbg_stop_reason {
    DBG_STOP_NONE,       /**< still running */
    DBG_STOP_STEP,       /**< a step finished */
    DBG_STOP_BREAKPOINT, /**< breakpoint @id hit */
    DBG_STOP_WATCH,      /**< watchpoint @id hit */
    DBG_STOP_INTERRUPT,  /**< Ctrl-C, gdb's 0x03, or a stop command */
    DBG_STOP_EXITED,     /**< the guest ended (debug-exit, halt for good) */
    DBG_STOP_SHUTDOWN,   /**< triple fault with -no-reboot */
};

/** A stop, with what the front ends print. */
struct dbg_stop {
    enum dbg_stop_reason reason;
    int id;              /**< breakpoint/watchpoint number */
    uint32_t addr;       /**< watch: physical address accessed */
    bool write;          /**< watch: write access */
    uint32_t old, val;   /**< watch: value before / after */
    unsigned size;       /**< watch: access size */
    int exit_status;     /**< DBG_STOP_EXITED: the program's exit status */
};

/** Create a session for machine @m (not started). */
struct dbg *dbg_create(struct pc *m, const struct options *o);
/** Free the session (closes the stub's socket). */
void dbg_destroy(struct dbg *d);
/** Run the machine under the session until the user quits or the guest
 * ends; returns the program's exit status (frontend.h conventions). */
int dbg_run(struct dbg *d);

/** The machine's CPU. */
struct cpu *dbg_cpu(struct dbg *d);

/** Run one console command line, writing its output to @out.  Returns false
 * for quit.  Used by the console, the monitor, scripts and qRcmd. */
bool dbg_command(struct dbg *d, const char *line, FILE *out);

/** Add a breakpoint at @addr (for DBG_BP_VIRT: @seg:@addr) with optional
 * condition @cond (NULL: none).  Returns its number, or -1 on error. */
int dbg_break_add(struct dbg *d, enum dbg_bp_kind kind, uint16_t seg, uint32_t addr,
                  const char *cond);
/** Delete / enable / disable breakpoint @id; false when there is none. */
bool dbg_break_del(struct dbg *d, int id);
bool dbg_break_enable(struct dbg *d, int id, bool on);
/** Add a physical watchpoint on [@paddr, @paddr + @len) for writes, or for
 * reads and writes with @rw.  Returns its number, or -1. */
int dbg_watch_add(struct dbg *d, uint32_t paddr, uint32_t len, bool rw);
/** Delete watchpoint @id (-1: all); false when there is none. */
bool dbg_watch_del(struct dbg *d, int id);

/** Resume the guest (the next dbg_run iteration runs it). */
void dbg_continue(struct dbg *d);
/** Execute one instruction, then stop with DBG_STOP_STEP. */
void dbg_step(struct dbg *d);
/** Stop the guest as soon as possible (DBG_STOP_INTERRUPT). */
void dbg_interrupt(struct dbg *d);
/** True while the guest is stopped. */
bool dbg_stopped(const struct dbg *d);
/** The last stop. */
const struct dbg_stop *dbg_last_stop(const struct dbg *d);

/* ---- the GDB stub (frontend/gdbstub.c), driven by dbg_run ---------------- */

/**
 * Listen for gdb on @spec ("tcp::PORT", "tcp:ADDR:PORT"; PORT 0 picks a free
 * port, printed on stderr).  Binds 127.0.0.1 unless an address is given.
 * Returns NULL with a message on stderr on failure.
 */
struct gdbstub *gdbstub_create(struct dbg *d, const char *spec);
/** Close the stub. */
void gdbstub_destroy(struct gdbstub *s);
/** The port it listens on. */
int gdbstub_port(const struct gdbstub *s);
/** File descriptors to poll for input (listening or connected socket). */
int gdbstub_fd(const struct gdbstub *s);
/** Handle whatever input is ready (non-blocking): packets, 0x03, connects
 * and disconnects.  Never stops or crashes the guest on bad input. */
void gdbstub_handle_input(struct gdbstub *s);
/** Tell a connected gdb that the guest stopped (stop reply packet). */
void gdbstub_report_stop(struct gdbstub *s, const struct dbg_stop *st);

#endif
