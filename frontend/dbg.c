/*
 * frontend/dbg.c - the debugger session: its life cycle, the run loop and
 * stop reporting (frontend/dbg.h).
 *
 * The run loop (docs/architecture.md, "Run loop and threading") is one
 * thread: while the guest runs it executes slices of at most DBG_SLICE
 * instructions (one per step) and polls its inputs with a zero timeout
 * between them; while the guest is stopped it blocks in poll(2) on the
 * console and the GDB socket.  Invariants: every stop goes through
 * dbg_enter_stop, which prints it on the console and reports it to gdb;
 * the CPU debug hook is installed only while needed (dbg_update_hook).
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "board/pc.h"
#include "console.h"
#include "dbg_disasm.h"
#include "dbg_internal.h"
#include "dbg_syms.h"
#include "dbg_trace.h"
#include "frontend.h"

FILE *dbg_out(struct dbg *d)
{
    return stdout;
}
struct cpu *dbg_cpu(struct dbg *d)
{
    return d->c;
}
bool dbg_stopped(const struct dbg *d)
{
    return d->mode == DBG_MODE_STOPPED;
}
const struct dbg_stop *dbg_last_stop(const struct dbg *d)
{
    return &d->stop;
}

/* Open the -trace file, the script, the console and the GDB stub. */
static bool dbg_open_parts(struct dbg *d, const struct options *o)
{
    if (o->trace_file && !(d->trace_out = fopen(o->trace_file, "w"))) {
        fprintf(stderr, "trap86: -trace: cannot create '%s': %s\n", o->trace_file, strerror(errno));
        return false;
    }
    if (o->debugger_script && !(d->script = fopen(o->debugger_script, "r"))) {
        fprintf(stderr, "trap86: -debugger-script: cannot open '%s': %s\n", o->debugger_script,
                strerror(errno));
        return false;
    }
    d->monitor = o->monitor != NULL;
    if ((o->debugger || o->monitor) && !(d->con = console_create(d)))
        return false;
    if (o->gdb && !(d->gdb = gdbstub_create(d, o->gdb)))
        return false;
    return true;
}

struct dbg *dbg_create(struct pc *m, const struct options *o)
{
    struct dbg *d = calloc(1, sizeof(*d));
    if (!d)
        return NULL;
    d->m = m;
    d->c = pc_cpu(m);
    d->o = o;
    d->syms = dbg_syms_create();
    d->dis = dbg_disasm_create();
    d->resume_icount = UINT64_MAX;
    if (!d->syms || !d->dis || !dbg_open_parts(d, o)) {
        dbg_destroy(d);
        return NULL;
    }
    cpu_set_watch_hook(d->c, dbg_watch_hook, d);
    d->trace = o->trace_file != NULL;
    bool stopped = o->debugger || o->start_stopped;
    d->mode = stopped ? DBG_MODE_STOPPED : DBG_MODE_RUN;
    dbg_update_hook(d);
    return d;
}

void dbg_destroy(struct dbg *d)
{
    if (!d)
        return;
    dbg_break_free_all(d);
    d->trace = false;
    d->mode = DBG_MODE_STOPPED;
    dbg_update_hook(d);
    cpu_set_watch_hook(d->c, NULL, NULL);
    if (d->gdb)
        gdbstub_destroy(d->gdb);
    if (d->con)
        console_destroy(d->con);
    if (d->script)
        fclose(d->script);
    if (d->trace_out)
        fclose(d->trace_out);
    dbg_disasm_destroy(d->dis);
    dbg_syms_destroy(d->syms);
    free(d);
}

/* Print stop @st on the console. */
static void print_stop(struct dbg *d, const struct dbg_stop *st, FILE *out)
{
    unsigned w = st->size * 2;
    switch (st->reason) {
    case DBG_STOP_BREAKPOINT: fprintf(out, "Breakpoint %d hit\n", st->id); break;
    case DBG_STOP_WATCH:
        fprintf(out,
                "Watchpoint %d: %s 0x%08" PRIx32 " size %u: old 0x%0*" PRIx32 " new 0x%0*" PRIx32
                "\n",
                st->id, st->write ? "write" : "read", st->addr, st->size, w, st->old, w, st->val);
        break;
    case DBG_STOP_INTERRUPT: fprintf(out, "Interrupted\n"); break;
    case DBG_STOP_EXITED: fprintf(out, "Guest exited with status %d\n", st->exit_status); return;
    case DBG_STOP_SHUTDOWN: fprintf(out, "Guest triple-faulted (shutdown)\n"); return;
    default: break;
    }
    dbg_print_here(d, out);
}

/* The guest stopped: record, print and report why. */
void dbg_enter_stop(struct dbg *d, const struct dbg_stop *st)
{
    d->stop = *st;
    d->stop_pending = false;
    d->mode = DBG_MODE_STOPPED;
    d->steps_left = 0;
    dbg_update_hook(d);
    if (d->trace_out)
        fflush(d->trace_out);
    print_stop(d, st, dbg_out(d));
    fflush(dbg_out(d));
    if (d->gdb)
        gdbstub_report_stop(d->gdb, st);
    if (st->reason == DBG_STOP_EXITED || st->reason == DBG_STOP_SHUTDOWN) {
        d->exited = true;
        d->exit_status = st->exit_status;
    }
}

/* Resume the guest in @mode. */
static void dbg_resume(struct dbg *d, enum dbg_mode mode, uint64_t steps)
{
    struct dbg_code_loc here = dbg_here(d);
    d->mode = mode;
    d->steps_left = steps;
    d->resume_icount = cpu_icount(d->c);
    d->resume_lin = here.base + here.ip;
    d->interrupted = 0;
    d->stop_pending = false;
    d->stop = (struct dbg_stop){.reason = DBG_STOP_NONE};
    if (d->con && !d->monitor) {
        console_suspend(d->con);
        d->prompt_shown = false;
    }
    dbg_update_hook(d);
}

void dbg_continue(struct dbg *d)
{
    dbg_resume(d, DBG_MODE_RUN, 0);
}

void dbg_step_n(struct dbg *d, uint64_t n)
{
    dbg_resume(d, DBG_MODE_STEP, n ? n : 1);
}

void dbg_step(struct dbg *d)
{
    dbg_step_n(d, 1);
}

void dbg_interrupt(struct dbg *d)
{
    d->interrupted = 1;
    cpu_request_stop(d->c);
}

/* Is the instruction at @b (@n bytes) a CALL, INT or REP string op? */
static bool steps_over(const uint8_t *b, size_t n)
{
    bool rep = false;
    size_t k = 0;
    while (k < n && strchr("\x66\x67\xf2\xf3\x26\x2e\x36\x3e\x64\x65\xf0", b[k]) && b[k]) {
        rep |= b[k] == 0xF2 || b[k] == 0xF3;
        k++;
    }
    if (k >= n)
        return false;
    uint8_t op = b[k];
    if (op == 0xE8 || op == 0x9A || op == 0xCC || op == 0xCD || op == 0xCE)
        return true;
    if (op == 0xFF && k + 1 < n)
        return ((b[k + 1] >> 3) & 7) == 2 || ((b[k + 1] >> 3) & 7) == 3;
    return rep &&
           ((op >= 0x6C && op <= 0x6F) || (op >= 0xA4 && op <= 0xA7) || (op >= 0xAA && op <= 0xAF));
}

void dbg_next(struct dbg *d)
{
    struct dbg_code_loc here = dbg_here(d);
    uint8_t b[16];
    size_t n = cpu_debug_read(d->c, here.base + here.ip, true, b, 15);
    unsigned len = cpu_insn_length(d->c, b, n, here.code32);
    if (!len || !steps_over(b, n)) {
        dbg_step(d);
        return;
    }
    struct cpu_regs r;
    cpu_get_regs(d->c, &r);
    uint32_t ip = here.code32 ? here.ip + len : (here.ip + len) & 0xFFFF;
    d->next_lin = here.base + ip;
    d->next_esp32 = r.seg[SEG_SS].attr & 0x4000;
    d->next_esp = d->next_esp32 ? r.gpr[R_ESP] : r.gpr[R_ESP] & 0xFFFF;
    dbg_resume(d, DBG_MODE_NEXT, 0);
}
