/*
 * frontend/dbg_internal.h - the debugger session's state and the helpers
 * its files share (dbg.c, dbg_break.c, dbg_commands*.c, dbg_expr.c,
 * dbg_disasm.c, dbg_info.c, dbg_trace.c, console.c).  Not for the GDB stub,
 * which uses only frontend/dbg.h.
 *
 * Invariants: the CPU's debug hook is installed exactly while a breakpoint
 * is enabled, a step/next is in progress or tracing is on (dbg_update_hook
 * keeps it so); a watched physical page has one cpu_watch_page "on" per
 * watchpoint covering it.  Everything runs on one thread; the only thing a
 * signal handler touches is @interrupted (and cpu_request_stop).
 */
#ifndef T86_FRONTEND_DBG_INTERNAL_H
#define T86_FRONTEND_DBG_INTERNAL_H

#include <signal.h>

#include "cpu/cpu_debug.h"
#include "dbg.h"

enum { DBG_MAX_BP = 64, DBG_MAX_WP = 16 };

/** A breakpoint (slot free when !used). */
struct dbg_bp {
    bool used, enabled;
    int id;
    enum dbg_bp_kind kind;
    uint16_t seg;
    uint32_t addr;
    char *cond; /**< NULL: unconditional */
    uint64_t hits;
};

/** A physical watchpoint (slot free when !used). */
struct dbg_wp {
    bool used, rw;
    int id;
    uint32_t addr, len;
};

/** What the session is doing with the guest. */
enum dbg_mode {
    DBG_MODE_STOPPED,
    DBG_MODE_RUN,  /**< running until a breakpoint, watch or interrupt */
    DBG_MODE_STEP, /**< @steps_left instructions, one slice each */
    DBG_MODE_NEXT, /**< until @next_lin with ESP >= @next_esp */
};

struct console;
struct dbg_syms;
struct dbg_disasm;

struct dbg {
    struct pc *m;
    struct cpu *c;
    const struct options *o;
    struct dbg_bp bps[DBG_MAX_BP];
    struct dbg_wp wps[DBG_MAX_WP];
    int next_bp_id, next_wp_id;
    enum dbg_mode mode;
    uint64_t steps_left;
    uint32_t next_lin, next_esp;
    bool next_esp32;
    /* The instruction resumed at is not stopped at again by a breakpoint. */
    uint64_t resume_icount;
    uint32_t resume_lin;
    struct dbg_stop stop;
    bool stop_pending; /**< @stop was set by a hook during the slice */
    volatile sig_atomic_t interrupted;
    bool hook_on;
    bool quit, exited;
    int exit_status;
    uint64_t insns_done; /**< across resets, for -max-insns */
    bool trace, trace_reg;
    FILE *trace_out; /**< -trace FILE, or NULL: stdout */
    struct cpu_regs trace_prev;
    bool trace_prev_valid;
    struct dbg_syms *syms;
    struct dbg_disasm *dis;
    struct console *con;
    bool monitor; /**< the console is the -monitor (prompt "(trap86) ") */
    FILE *script; /**< -debugger-script, until its end */
    struct gdbstub *gdb;
    bool prompt_shown; /**< the prompt for the next command is on screen */
    unsigned cmd_no;   /**< the N of the prompt "<trap86:N> " */
};

/** Install or remove the CPU debug hook as the session's state requires. */
void dbg_update_hook(struct dbg *d);
/** The CPU's debug hook (dbg_break.c). */
bool dbg_debug_hook(void *opaque, struct cpu *c, uint32_t lin, uint32_t phys);
/** The CPU's watch callback (dbg_break.c). */
void dbg_watch_hook(void *opaque, struct cpu *c, uint32_t paddr, unsigned size, bool write,
                    uint32_t old, uint32_t val);
/** Print the breakpoint and watchpoint lists (blist). */
void dbg_break_list(struct dbg *d, FILE *out);
/** Free every breakpoint and watchpoint. */
void dbg_break_free_all(struct dbg *d);
/** Start a "next" over the instruction at CS:EIP (a step when it is not a
 * CALL, INT or REP string instruction). */
void dbg_next(struct dbg *d);
/** The guest stopped for @st: record, print, and report it to gdb. */
void dbg_enter_stop(struct dbg *d, const struct dbg_stop *st);
/** Step @n instructions (0 counts as 1). */
void dbg_step_n(struct dbg *d, uint64_t n);
/** Print "[PHYS] CS:EIP bytes  mnemonic" for the current instruction. */
void dbg_print_here(struct dbg *d, FILE *out);
/** Where console output goes (stdout). */
FILE *dbg_out(struct dbg *d);

#endif
