/*
 * frontend/display_layout.c - the frame's place and size in the window
 * and the frame rate (display_layout.h).  Pure functions of their
 * arguments.
 */
#include <string.h>

#include "display_layout.h"

void display_aspect(const char *mode, unsigned w, unsigned h, unsigned *ax, unsigned *ay)
{
    bool square = !strncmp(mode, "VBE", 3) && w && h;
    *ax = square ? w : 4;
    *ay = square ? h : 3;
}

/* The largest @ax : @ay box in @ww x @wh, centred. */
static struct display_rect aspect_box(unsigned ax, unsigned ay, unsigned ww, unsigned wh)
{
    uint64_t w = ww, h = (uint64_t)ww * ay / ax;
    if (h > wh) {
        h = wh;
        w = (uint64_t)wh * ax / ay;
    }
    return (struct display_rect){(int)(ww - w) / 2, (int)(wh - h) / 2, (int)w, (int)h};
}

struct display_rect display_layout(unsigned fw, unsigned fh, unsigned ax, unsigned ay, unsigned ww,
                                   unsigned wh, bool integer)
{
    if (!fw || !fh || !ww || !wh || !ax || !ay)
        return (struct display_rect){0, 0, 0, 0};
    unsigned n = ww / fw < wh / fh ? ww / fw : wh / fh;
    if (!integer || n == 0)
        return aspect_box(ax, ay, ww, wh);
    return (struct display_rect){(int)(ww - fw * n) / 2, (int)(wh - fh * n) / 2, (int)(fw * n),
                                 (int)(fh * n)};
}

void display_natural_size(unsigned fw, unsigned ax, unsigned ay, unsigned scale, unsigned *w,
                          unsigned *h)
{
    *w = fw * scale;
    *h = ax ? (unsigned)((uint64_t)*w * ay / ax) : 0;
}

uint64_t display_frame_interval_ns(double hz)
{
    if (!(hz > 0) || hz > 60)
        hz = 60;
    return (uint64_t)(1e9 / hz);
}
