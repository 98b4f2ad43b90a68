/*
 * frontend/signals.c - SIGTERM, SIGHUP and (outside the debugger console,
 * which takes SIGINT for itself) SIGINT end the run cleanly: the handler
 * only records the signal, the run loops see it between slices and return,
 * and main then writes the screendump, destroys the machine and closes
 * (fsyncs) the disk images, exactly as on a guest power-off.
 *
 * Process-wide by nature: a signal disposition belongs to the process, so
 * the one recorded number lives in a static sig_atomic_t, the only state
 * a handler may touch (C11 7.14.1.1).  A second signal while the first is
 * still being handled falls back to the default action, so a stuck run
 * can always be killed.
 */
#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#include "frontend.h"

static volatile sig_atomic_t caught;

static const int handled[] = {SIGINT, SIGTERM, SIGHUP};

static void on_signal(int sig)
{
    caught = sig;
    signal(sig, SIG_DFL); /* a second one kills */
}

void signals_install(void)
{
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    caught = 0;
    for (size_t i = 0; i < sizeof(handled) / sizeof(handled[0]); i++)
        sigaction(handled[i], &sa, NULL);
}

void signals_restore(void)
{
    for (size_t i = 0; i < sizeof(handled) / sizeof(handled[0]); i++)
        signal(handled[i], SIG_DFL);
}

int signals_caught(void)
{
    return caught;
}

int signals_exit_status(void)
{
    int sig = caught;
    fprintf(stderr, "trap86: terminating on signal %d (%s); disk images flushed\n", sig,
            sig == SIGINT    ? "SIGINT"
            : sig == SIGTERM ? "SIGTERM"
                             : "SIGHUP");
    return 128 + sig;
}
