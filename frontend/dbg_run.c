/*
 * frontend/dbg_run.c - dbg_run: the single-threaded loop that runs the
 * guest in slices and serves the console, the script and the GDB stub
 * between them (docs/architecture.md, "Run loop and threading").
 *
 * Invariants: input is read only after poll(2) reports it (zero timeout
 * while the guest runs, blocking while it is stopped); the debugger
 * console takes commands only while the guest is stopped, the monitor at
 * any time; a slice never starts with a stop pending.  With a window
 * (frontend/display.h) the stopped wait is cut into DBG_IDLE_MS pieces
 * that keep the window served, and closing it ends the session (status 0).
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "board/pc.h"
#include "console.h"
#include "dbg_internal.h"
#include "display.h"
#include "frontend.h"

enum { DBG_SLICE = 100000, DBG_IDLE_MS = 20 };

static void stop_with(struct dbg *d, enum dbg_stop_reason why, int status)
{
    struct dbg_stop st = {.reason = why, .exit_status = status};
    dbg_enter_stop(d, &st);
}

/* HLT: wait for the next timer, or end the run when nothing can wake it. */
static void on_halt(struct dbg *d)
{
    struct cpu_regs r;
    cpu_get_regs(d->c, &r);
    if (!(r.eflags & FL_IF) || !pc_has_interrupt_sources(d->m) || !pc_wait_for_interrupt(d->m)) {
        fprintf(dbg_out(d), "Guest halted with nothing to wake it\n");
        stop_with(d, DBG_STOP_EXITED, EXIT_GUEST_STOPPED);
    }
}

/* Instructions for the next slice; 0 when -max-insns is used up. */
static uint64_t slice_budget(struct dbg *d)
{
    uint64_t b = d->mode == DBG_MODE_STEP ? 1 : DBG_SLICE, max = d->o->max_insns;
    if (!max)
        return b;
    uint64_t left = d->insns_done < max ? max - d->insns_done : 0;
    return left < b ? left : b;
}

/* Decide what the end of a slice that stopped for @why means. */
static void after_slice(struct dbg *d, enum cpu_stop why)
{
    int status;
    if (pc_exit_requested(d->m, &status))
        stop_with(d, DBG_STOP_EXITED, status);
    else if (d->stop_pending) {
        struct dbg_stop st = d->stop;
        dbg_enter_stop(d, &st);
    } else if (d->interrupted)
        stop_with(d, DBG_STOP_INTERRUPT, 0);
    else if (why == CPU_STOP_HALT)
        on_halt(d);
    else if (why == CPU_STOP_SHUTDOWN && d->o->no_reboot)
        stop_with(d, DBG_STOP_SHUTDOWN, EXIT_GUEST_STOPPED);
    else if (why == CPU_STOP_SHUTDOWN)
        pc_reset(d->m);
    if (d->mode == DBG_MODE_STEP && why != CPU_STOP_REQUEST && --d->steps_left == 0)
        stop_with(d, DBG_STOP_STEP, 0);
}

/* Run one slice of the guest. */
static void run_slice(struct dbg *d)
{
    uint64_t budget = slice_budget(d);
    if (!budget) {
        fprintf(dbg_out(d), "Instruction limit reached (-max-insns %" PRIu64 ")\n",
                d->o->max_insns);
        stop_with(d, DBG_STOP_EXITED, EXIT_INSN_LIMIT);
        return;
    }
    uint64_t start = cpu_icount(d->c);
    enum cpu_stop why = pc_run_slice(d->m, budget);
    d->insns_done += cpu_icount(d->c) - start + (why == CPU_STOP_SHUTDOWN || why == CPU_STOP_HALT);
    pc_flush(d->m);
    pc_poll_host_input(d->m); /* -serial input, as frontend/run.c */
    after_slice(d, why);
}

/* Run console command @line (trailing newline removed). */
static void run_line(struct dbg *d, char *line)
{
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    d->prompt_shown = false;
    if (!dbg_command(d, line, dbg_out(d)))
        d->quit = true;
    fflush(dbg_out(d));
}

/* Show the prompt for the next command (once per command). */
static void show_prompt(struct dbg *d)
{
    char prompt[32];
    if (d->prompt_shown)
        return;
    if (d->monitor)
        snprintf(prompt, sizeof(prompt), "(trap86) ");
    else
        snprintf(prompt, sizeof(prompt), "<trap86:%u> ", ++d->cmd_no);
    if (!console_is_tty(d->con)) {
        fputs(prompt, dbg_out(d));
        fflush(dbg_out(d));
    }
    console_prompt(d->con, prompt);
    d->prompt_shown = true;
}

/* Run the next -debugger-script line; false when the script has ended. */
static bool run_script_line(struct dbg *d)
{
    char line[1024];
    if (!d->script || !fgets(line, sizeof(line), d->script)) {
        if (d->script)
            fclose(d->script);
        d->script = NULL;
        return false;
    }
    if (d->monitor)
        fputs("(trap86) ", dbg_out(d));
    else
        fprintf(dbg_out(d), "<trap86:%u> ", ++d->cmd_no);
    fputs(line, dbg_out(d));
    if (!strchr(line, '\n'))
        fputc('\n', dbg_out(d));
    run_line(d, line);
    return true;
}

/* Run queued console lines while commands are accepted. */
static void run_console_lines(struct dbg *d)
{
    char *line;
    while (d->con && !d->quit && (d->monitor || dbg_stopped(d)) &&
           (line = console_next_line(d->con))) {
        if (!console_is_tty(d->con))
            fprintf(dbg_out(d), "%s\n", line);
        run_line(d, line);
        free(line);
        if (d->con && !d->quit && (d->monitor || dbg_stopped(d)))
            show_prompt(d);
    }
}

/* Poll the console and the GDB socket; @timeout as for poll(2). */
static void poll_inputs(struct dbg *d, int timeout)
{
    struct pollfd fds[2];
    nfds_t n = 0;
    bool con = d->con && console_fd(d->con) >= 0 && (d->monitor || dbg_stopped(d));
    if (con)
        fds[n++] = (struct pollfd){.fd = console_fd(d->con), .events = POLLIN};
    if (d->gdb)
        fds[n++] = (struct pollfd){.fd = gdbstub_fd(d->gdb), .events = POLLIN};
    if (!n)
        return;
    if (poll(fds, n, timeout) <= 0)
        return;
    if (con && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
        console_handle_input(d->con);
    if (d->gdb && (fds[n - 1].revents & (POLLIN | POLLHUP | POLLERR)))
        gdbstub_handle_input(d->gdb);
    run_console_lines(d);
}

/* The guest is stopped: serve the script, then the console and gdb. */
static void serve_stopped(struct dbg *d)
{
    if (run_script_line(d))
        return;
    if (d->con && console_at_eof(d->con)) {
        if (!d->gdb) {
            d->quit = true;
            return;
        }
        console_destroy(d->con);
        d->con = NULL;
    }
    if (!d->con && !d->gdb) {
        d->quit = true; /* nothing could ever resume the guest */
        return;
    }
    d->interrupted = 0;
    if (d->con)
        show_prompt(d);
    display_set_running(d->o->window, false);
    display_idle(d->o->window);
    poll_inputs(d, d->o->window ? DBG_IDLE_MS : -1);
}

/* True (the session then ends with status 0) once the window was closed. */
static bool window_closed(struct dbg *d)
{
    if (!display_quit_requested(d->o->window))
        return false;
    fprintf(stderr, "trap86: the window was closed\n");
    stop_with(d, DBG_STOP_EXITED, EXIT_GUEST_STOPPED);
    return true;
}

int dbg_run(struct dbg *d)
{
    if (d->mode == DBG_MODE_STOPPED && d->con)
        dbg_print_here(d, dbg_out(d));
    while (!d->quit && !d->exited) {
        if (signals_caught()) {
            stop_with(d, DBG_STOP_EXITED, signals_exit_status());
            break;
        }
        if (window_closed(d))
            break;
        if (d->monitor && d->con && !console_at_eof(d->con))
            show_prompt(d);
        if (dbg_stopped(d)) {
            serve_stopped(d);
            continue;
        }
        display_set_running(d->o->window, true);
        run_slice(d);
        if (!d->exited)
            poll_inputs(d, 0);
    }
    fflush(dbg_out(d));
    return d->exited ? d->exit_status : EXIT_GUEST_STOPPED;
}
