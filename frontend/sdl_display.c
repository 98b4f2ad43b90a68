/*
 * frontend/sdl_display.c - display.h on SDL2: choosing whether a window
 * opens, serving it through the machine's host-input hook between run
 * slices and during HLT waits, and pacing frames and title updates on
 * host time.
 *
 * Invariants: events are looked at no more often than every
 * EVENTS_INTERVAL_NS while the guest runs (looking costs a system call), a
 * frame no more often than d->frame_ns, the title twice a second; a wait
 * (HLT) ends early when the user gives the guest input or closes the
 * window, and never outlasts the next frame.  SDL's own SIGINT/SIGTERM
 * handlers are disabled: signals keep their path (frontend/signals.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/pc.h"
#include "display_layout.h"
#include "frontend.h"
#include "sdl_internal.h"
#include "serial_backend.h"

enum {
    EVENTS_INTERVAL_NS = 2000000,  /* 2 ms: key latency while the guest runs */
    TITLE_INTERVAL_NS = 500000000, /* the title: twice a second */
    SERIAL_WAIT_CAP_NS = 10000000, /* serial input is polled at least this often */
};

/* True when environment variable @name is set and not empty. */
static bool env_set(const char *name)
{
    const char *v = getenv(name);
    return v && *v;
}

/* The SDL video drivers a window may use: those of the displays the
 * environment names (SDL's order), or the user's SDL_VIDEODRIVER with
 * -display sdl; NULL when there is none.  Never SDL's offscreen or dummy
 * drivers unless the user names them: a window nobody sees is none. */
static const char *video_drivers(const struct options *o)
{
    if (o->display == FE_DISPLAY_SDL && env_set("SDL_VIDEODRIVER"))
        return getenv("SDL_VIDEODRIVER");
    bool x11 = env_set("DISPLAY"), wayland = env_set("WAYLAND_DISPLAY");
    return x11 && wayland ? "x11,wayland" : x11 ? "x11" : wayland ? "wayland" : NULL;
}

/* Handle every queued event; true when one gave the guest input. */
static bool pump_events(struct display *d)
{
    SDL_Event ev;
    bool got = false;
    while (SDL_PollEvent(&ev))
        got |= sdl_input_event(d, &ev);
    return got;
}

/* One pass: serial input, events when due, a frame and the title when due. */
static bool serve(struct display *d, uint64_t now, bool force_events)
{
    bool got = false;
    if (force_events || now >= d->next_events_ns) {
        got = pump_events(d);
        d->next_events_ns = now + EVENTS_INTERVAL_NS;
        sdl_hotkey_poll_dialog(d);
    }
    if (now >= d->next_frame_ns) {
        sdl_window_frame(d);
        d->next_frame_ns = now + d->frame_ns;
    }
    if (now >= d->next_title_ns) {
        sdl_window_title(d);
        d->next_title_ns = now + TITLE_INTERVAL_NS;
    }
    return got || d->quit;
}

/* The host-input hook (pc_host_input.poll): serve the window, waiting up
 * to @timeout_ns (a HLT) for the user; true when the guest got input. */
static bool host_poll(void *opaque, uint64_t timeout_ns)
{
    struct display *d = opaque;
    uint64_t now = sdl_host_ns(), end = now + timeout_ns;
    for (;;) {
        if (d->serial)
            serial_poll(d->serial);
        if (serve(d, now, timeout_ns != 0))
            return true;
        if (now >= end)
            return false;
        uint64_t until = end < d->next_frame_ns ? end : d->next_frame_ns;
        if (d->serial && until > now + SERIAL_WAIT_CAP_NS)
            until = now + SERIAL_WAIT_CAP_NS;
        if (until > now)
            SDL_WaitEventTimeout(NULL, (int)((until - now + 999999) / 1000000));
        now = sdl_host_ns();
    }
}

/* The host-input hook's liveness: a window can always give input. */
static bool host_live(void *opaque)
{
    return !((struct display *)opaque)->quit;
}

/* SDL up and the window open; NULL with a reason in @why on failure. */
static struct display *open_window(const struct options *o, struct pc *m, char *why, size_t whylen)
{
    const char *drivers = video_drivers(o);
    if (!drivers) {
        snprintf(why, whylen, "neither DISPLAY nor WAYLAND_DISPLAY is set");
        return NULL;
    }
    SDL_SetHint(SDL_HINT_VIDEODRIVER, drivers);
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_RENDER_VSYNC, "0");
    struct display *d = NULL;
    if (SDL_Init(SDL_INIT_VIDEO) == 0 && (d = calloc(1, sizeof(*d)))) {
        *d = (struct display){
            .m = m, .o = o, .integer = o->display_integer, .running = true, .dialog_fd = -1};
        if (sdl_window_create(d) == 0)
            return d;
    }
    snprintf(why, whylen, "%s", d || *SDL_GetError() ? SDL_GetError() : "out of memory");
    if (d)
        sdl_window_destroy(d);
    free(d);
    SDL_Quit();
    return NULL;
}

struct display *display_open(const struct options *o, struct pc *m, struct serial_set *serial)
{
    if (o->display == FE_DISPLAY_NONE)
        return NULL;
    char why[256];
    struct display *d = open_window(o, m, why, sizeof(why));
    if (!d) {
        if (o->display == FE_DISPLAY_SDL)
            fprintf(stderr, "trap86: -display sdl: no window (%s); running headless\n", why);
        return NULL;
    }
    d->serial = serial;
    d->open_ns = d->title_ns = sdl_host_ns();
    d->title_icount = cpu_icount(pc_cpu(m));
    d->frame_ns = display_frame_interval_ns(0);
    struct pc_host_input in = {host_poll, host_live, d};
    pc_set_host_input(m, &in);
    return d;
}

void display_close(struct display *d)
{
    if (!d)
        return;
    uint64_t wall = sdl_host_ns() - d->open_ns, render = pc_display_render_ns(d->m);
    fprintf(stderr, "trap86: window: %llu frames in %.1f s, rendering took %.2f%% of host time\n",
            (unsigned long long)d->frames, (double)wall / 1e9,
            wall ? 100.0 * (double)render / (double)wall : 0.0);
    pc_set_host_input(d->m, NULL);
    sdl_hotkey_close_dialog(d);
    sdl_input_release_all(d);
    sdl_window_destroy(d);
    free(d);
    SDL_Quit();
}

bool display_quit_requested(const struct display *d)
{
    return d && d->quit;
}

void display_set_running(struct display *d, bool running)
{
    if (!d || d->running == running)
        return;
    d->running = running;
    d->title_icount = cpu_icount(pc_cpu(d->m));
    d->title_ns = sdl_host_ns();
    sdl_window_title(d);
}

void display_idle(struct display *d)
{
    if (d)
        host_poll(d, 0);
}
