/*
 * tests/gdb/fake_dbg.h - a small stand-in for the debugger session
 * (frontend/dbg.c) so the GDB stub can be tested on its own: it owns a
 * real machine (board/pc.h) built from a ROM, implements the dbg_*
 * functions the stub calls, counts them, and can run the guest one
 * instruction at a time with breakpoints and write watchpoints.
 *
 * Invariants: it is deliberately simpler than dbg.c (watchpoints compare
 * bytes after each instruction, so they see writes only); it is only
 * linked into test programs.
 */
#ifndef T86_TESTS_GDB_FAKE_DBG_H
#define T86_TESTS_GDB_FAKE_DBG_H

#include <stddef.h>
#include <stdint.h>

#include "frontend/dbg.h"

/** What the stub asked the session to do. */
struct fake_dbg_stats {
    int continues, steps, interrupts, commands, quits;
    int breaks, watches; /**< currently set */
};

/** Build a machine from @rom (a multiple of 64 KiB) and a stopped session. */
struct dbg *fake_dbg_create(const uint8_t *rom, size_t rom_size);
/** Free the session, its machine and its stub. */
void fake_dbg_destroy(struct dbg *d);
/** Attach the stub the session reports stops to (and destroys). */
void fake_dbg_set_stub(struct dbg *d, struct gdbstub *s);
/** The counters. */
const struct fake_dbg_stats *fake_dbg_stats(const struct dbg *d);
/** Record stop @st and report it to the stub, as dbg_run would. */
void fake_dbg_stop(struct dbg *d, const struct dbg_stop *st);
/** The last physical watch added (for tests): address, length, rw. */
void fake_dbg_last_watch(const struct dbg *d, uint32_t *paddr, uint32_t *len, int *rw);
/** The last breakpoint added: kind and address. */
void fake_dbg_last_break(const struct dbg *d, int *kind, uint32_t *addr);
/**
 * Run the session like dbg_run: poll the stub, execute instructions while
 * running, stop on breakpoints, watchpoints, steps, Ctrl-C and the guest's
 * exit.  Returns the guest's exit status, or 0 after a quit.
 */
int fake_dbg_run(struct dbg *d);

#endif
