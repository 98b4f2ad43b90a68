/*
 * frontend/sdl_hotkeys.c - what the window's Ctrl+Alt hot keys do
 * (docs/window.md): release the mouse, full screen, screenshot, integer
 * scaling, window size, quit, and changing the floppy in A: through a
 * file dialog (zenity, when installed) that runs beside the guest.
 *
 * Invariants: the dialog is a child process whose stdout is a
 * non-blocking pipe read between slices, so the guest and the window keep
 * running while it is open; at most one is open; it is ended and reaped
 * when the window closes.  Messages go to stderr, one line each.
 */
#define _DEFAULT_SOURCE /* localtime_r */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "board/pc.h"
#include "frontend.h"
#include "sdl_internal.h"

extern char **environ;

/* Ctrl+Alt+S: the guest's screen as trap86-YYYYMMDD-HHMMSS.png here. */
static void screenshot(struct display *d)
{
    char name[64];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(name, sizeof(name), "trap86-%Y%m%d-%H%M%S.png", &tm);
    const char *why = pc_screendump(d->m, name);
    if (why)
        fprintf(stderr, "trap86: screenshot: %s\n", why);
    else
        fprintf(stderr, "trap86: screenshot saved to %s\n", name);
}

/* Start zenity's file dialog with its stdout on a pipe; -1 if it cannot run. */
static int start_dialog(struct display *d)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addclose(&fa, fds[1]);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    char *argv[] = {"zenity", "--file-selection", "--title=trap86: disk for floppy A:", NULL};
    pid_t pid;
    int err = posix_spawnp(&pid, "zenity", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (err) {
        close(fds[0]);
        return -1;
    }
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    d->dialog_pid = pid;
    d->dialog_fd = fds[0];
    d->dialog_len = 0;
    return 0;
}

/* Ctrl+Alt+D: ask for the disk to put in A:. */
static void change_floppy(struct display *d)
{
    if (d->dialog_pid)
        return; /* one is open already */
    if (start_dialog(d) != 0)
        fprintf(stderr,
                "trap86: no file dialog (zenity is not installed); type the path in "
                "the monitor: change floppy0 FILE%s\n",
                d->o->monitor ? "" : " (start trap86 with -monitor stdio)");
}

void sdl_hotkey_run(struct display *d, enum t86_hotkey k)
{
    switch (k) {
    case T86_HOTKEY_UNGRAB: sdl_input_grab(d, false); break;
    case T86_HOTKEY_FULLSCREEN: sdl_window_toggle_fullscreen(d); break;
    case T86_HOTKEY_SCREENSHOT: screenshot(d); break;
    case T86_HOTKEY_INTEGER:
        d->integer = !d->integer;
        d->redraw = true;
        d->next_frame_ns = 0;
        fprintf(stderr, "trap86: integer scaling %s\n", d->integer ? "on" : "off");
        break;
    case T86_HOTKEY_SIZE1: sdl_window_set_scale(d, 1); break;
    case T86_HOTKEY_SIZE2: sdl_window_set_scale(d, 2); break;
    case T86_HOTKEY_SIZE3: sdl_window_set_scale(d, 3); break;
    case T86_HOTKEY_FLOPPY: change_floppy(d); break;
    case T86_HOTKEY_QUIT: d->quit = true; break;
    default: break;
    }
}

/* The dialog ended with @path chosen ("" for cancelled): change the disk. */
static void dialog_done(struct display *d, const char *path)
{
    char err[256];
    if (!*path)
        return;
    if (pc_floppy_change(d->m, 0, path, err, sizeof(err)) != 0) {
        fprintf(stderr, "trap86: floppy0: %s\n", err);
        return;
    }
    fprintf(stderr, "trap86: floppy0: inserted '%s'\n", path);
    snprintf(d->floppy0, sizeof(d->floppy0), "%s", path);
    d->title[0] = 0;
    d->next_title_ns = 0;
}

void sdl_hotkey_poll_dialog(struct display *d)
{
    if (!d->dialog_pid)
        return;
    ssize_t n;
    while (d->dialog_len + 1 < sizeof(d->dialog_buf) &&
           (n = read(d->dialog_fd, d->dialog_buf + d->dialog_len,
                     sizeof(d->dialog_buf) - 1 - d->dialog_len)) > 0)
        d->dialog_len += (size_t)n;
    int status;
    if (waitpid(d->dialog_pid, &status, WNOHANG) != d->dialog_pid)
        return;
    while ((n = read(d->dialog_fd, d->dialog_buf + d->dialog_len,
                     sizeof(d->dialog_buf) - 1 - d->dialog_len)) > 0)
        d->dialog_len += (size_t)n;
    d->dialog_buf[d->dialog_len] = 0;
    d->dialog_buf[strcspn(d->dialog_buf, "\n")] = 0;
    close(d->dialog_fd);
    d->dialog_fd = -1;
    d->dialog_pid = 0;
    bool chosen = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    dialog_done(d, chosen ? d->dialog_buf : "");
}

void sdl_hotkey_close_dialog(struct display *d)
{
    if (!d->dialog_pid)
        return;
    kill(d->dialog_pid, SIGTERM);
    while (waitpid(d->dialog_pid, NULL, 0) < 0 && errno == EINTR)
        ;
    close(d->dialog_fd);
    d->dialog_fd = -1;
    d->dialog_pid = 0;
}
