/*
 * frontend/console.c - stdin/stdout front end of the debugger and the
 * monitor (console.h): libedit's callback interface on a terminal, a
 * plain line splitter on pipes and files, and the SIGINT handler.
 *
 * Process-wide by nature: stdin, the terminal and SIGINT belong to the
 * process, and libedit's callback carries no context, so this file keeps
 * the one open console in @the_console and the session to interrupt in
 * @sigint_dbg (the only file-scope state of the frontend; one console per
 * process).  The signal handler only calls dbg_interrupt, which sets a
 * flag and asks the CPU to stop.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <editline/readline.h>

#include "console.h"
#include "dbg.h"

enum { CONSOLE_MAX_QUEUE = 64 };

struct console {
    struct dbg *d;
    bool tty, eof, editing;
    char *queue[CONSOLE_MAX_QUEUE];
    unsigned head, count;
    char *partial; /* pipe input without its newline yet */
    size_t partial_len;
};

static struct console *the_console;
static struct dbg *volatile sigint_dbg;

static void on_sigint(int sig)
{
    if (sigint_dbg)
        dbg_interrupt(sigint_dbg);
}

/* Queue a complete line (takes ownership). */
static void queue_line(struct console *con, char *line)
{
    if (con->count == CONSOLE_MAX_QUEUE) {
        free(line);
        return;
    }
    con->queue[(con->head + con->count++) % CONSOLE_MAX_QUEUE] = line;
}

/* libedit hands us a finished line (NULL at end of input). */
static void on_line(char *line)
{
    struct console *con = the_console;
    if (!line) {
        con->eof = true;
        return;
    }
    if (*line)
        add_history(line);
    queue_line(con, line);
}

struct console *console_create(struct dbg *d)
{
    struct console *con = calloc(1, sizeof(*con));
    if (!con)
        return NULL;
    con->d = d;
    con->tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    the_console = con;
    if (con->tty) {
        rl_catch_signals = 0;
        using_history();
    }
    sigint_dbg = d;
    struct sigaction sa = {.sa_handler = on_sigint};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    return con;
}

void console_destroy(struct console *con)
{
    if (!con)
        return;
    signal(SIGINT, SIG_DFL);
    sigint_dbg = NULL;
    console_suspend(con);
    while (con->count)
        free(console_next_line(con));
    free(con->partial);
    if (the_console == con)
        the_console = NULL;
    free(con);
}

int console_fd(const struct console *con)
{
    return con->eof ? -1 : STDIN_FILENO;
}
bool console_is_tty(const struct console *con)
{
    return con->tty;
}
bool console_at_eof(const struct console *con)
{
    return con->eof && !con->count;
}

void console_prompt(struct console *con, const char *prompt)
{
    if (!con->tty || con->eof)
        return;
    if (con->editing)
        rl_callback_handler_remove();
    rl_callback_handler_install(prompt, on_line);
    con->editing = true;
}

void console_suspend(struct console *con)
{
    if (con->editing)
        rl_callback_handler_remove();
    con->editing = false;
}

/* Split pipe input in @buf into lines; keep the unfinished tail. */
static void split_lines(struct console *con, const char *buf, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (buf[k] == '\n') {
            char *line = con->partial ? con->partial : strdup("");
            con->partial = NULL;
            con->partial_len = 0;
            queue_line(con, line);
            continue;
        }
        char *p = realloc(con->partial, con->partial_len + 2);
        if (!p)
            return;
        p[con->partial_len++] = buf[k];
        p[con->partial_len] = '\0';
        con->partial = p;
    }
}

void console_handle_input(struct console *con)
{
    if (con->eof)
        return;
    if (con->tty) {
        if (con->editing)
            rl_callback_read_char();
        return;
    }
    char buf[4096];
    ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
    if (n > 0) {
        split_lines(con, buf, (size_t)n);
        return;
    }
    if (n < 0)
        return; /* EINTR and friends: poll again */
    if (con->partial) {
        queue_line(con, con->partial);
        con->partial = NULL;
    }
    con->eof = true;
}

char *console_next_line(struct console *con)
{
    if (!con->count)
        return NULL;
    char *line = con->queue[con->head];
    con->head = (con->head + 1) % CONSOLE_MAX_QUEUE;
    con->count--;
    return line;
}
