/*
 * frontend/display_none.c - frontend/display.h for a trap86 built without
 * SDL2: there is never a window.  -display sdl then says so once on
 * stderr and the run is headless, as with -display none.
 */
#include <stdio.h>

#include "display.h"
#include "frontend.h"

struct display *display_open(const struct options *o, struct pc *m, struct serial_set *serial)
{
    if (o->display == FE_DISPLAY_SDL)
        fprintf(stderr, "trap86: -display sdl: this trap86 was built without SDL2; running "
                        "headless\n");
    return NULL;
}

void display_close(struct display *d) {}

bool display_quit_requested(const struct display *d)
{
    return false;
}

void display_set_running(struct display *d, bool running) {}

void display_idle(struct display *d) {}
