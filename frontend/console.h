/*
 * frontend/console.h - the line-oriented front end of the debugger and the
 * monitor on stdin/stdout: libedit line editing and history on a terminal,
 * plain line reading otherwise, and Ctrl-C (SIGINT) breaking into the
 * prompt while the guest runs.
 *
 * Invariants: input is read only when poll(2) says stdin is readable, so
 * the single thread never blocks here; complete lines are queued and
 * handed out one at a time, so a line that resumes the guest leaves the
 * rest queued until the next stop.  The SIGINT handler only calls
 * dbg_interrupt.
 */
#ifndef T86_FRONTEND_CONSOLE_H
#define T86_FRONTEND_CONSOLE_H

#include <stdbool.h>

struct dbg;
struct console;

/** Open the console on stdin; installs the SIGINT handler for @d. */
struct console *console_create(struct dbg *d);
/** Close it: restore the terminal and the default SIGINT action. */
void console_destroy(struct console *con);
/** The descriptor to poll for input, or -1 once stdin reached its end. */
int console_fd(const struct console *con);
/** True when stdin is a terminal (prompts are shown by the line editor). */
bool console_is_tty(const struct console *con);
/** Show @prompt and accept a line (terminal: (re)start the line editor). */
void console_prompt(struct console *con, const char *prompt);
/** Stop accepting input for a while (the guest runs under the debugger). */
void console_suspend(struct console *con);
/** Read what is available on stdin (call when console_fd is readable). */
void console_handle_input(struct console *con);
/** The next complete line (caller frees), or NULL when none is queued. */
char *console_next_line(struct console *con);
/** True when stdin ended and no line is queued. */
bool console_at_eof(const struct console *con);

#endif
