/*
 * frontend/display.h - the window the guest's screen is shown in, as the
 * program and its run loops see it (docs/window.md).  Built from
 * frontend/sdl_*.c when SDL2 is found, else from display_none.c, which
 * never opens one (trap86 is then headless only).
 *
 * The window serves itself through the machine's host-input hook
 * (pc_set_host_input): every pc_poll_host_input between run slices and
 * every wait in HLT handles its events (keys, mouse, hot keys) and, at
 * most at min(the guest's refresh rate, 60) frames per second of host
 * time, renders the changed rows of the guest's frame.  Nothing is
 * rendered inside a slice, so the emulation runs at full speed whatever
 * the window does.
 *
 * Invariants: the run loops end the run (status 0, through the same
 * orderly path as a signal: screendump, disks flushed) once
 * display_quit_requested is true; while a debugger holds the guest
 * stopped, its loop calls display_idle often enough (every ~20 ms) to keep
 * the window alive.
 */
#ifndef T86_FRONTEND_DISPLAY_H
#define T86_FRONTEND_DISPLAY_H

#include <stdbool.h>

struct display;
struct options;
struct pc;
struct serial_set;

/**
 * Open the window @o asks for (-display, the default when DISPLAY or
 * WAYLAND_DISPLAY is set) on machine @m and install it as @m's host input,
 * chaining @serial's polling (serial_poll; NULL: none) in place of the
 * hook serial_attach installed.  Returns NULL when the run is headless:
 * none asked for, or none could be opened (then one line on stderr if
 * -display sdl was given explicitly).
 */
struct display *display_open(const struct options *o, struct pc *m, struct serial_set *serial);
/**
 * Print the window's closing figures on stderr (frames shown, the share of
 * host time spent rendering), remove the host-input hook (the run is over)
 * and close the window.  NULL is ignored.
 */
void display_close(struct display *d);
/** True once the user closed the window (or pressed the quit hot key). */
bool display_quit_requested(const struct display *d);
/** Tell the window whether the guest runs (title "running" / "stopped"). */
void display_set_running(struct display *d, bool running);
/**
 * Serve the window without waiting while the guest does not run (a
 * debugger holds it stopped): events, hot keys, a frame when one is due.
 */
void display_idle(struct display *d);

#endif
