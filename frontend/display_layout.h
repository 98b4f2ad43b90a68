/*
 * frontend/display_layout.h - where the guest's frame goes in the window,
 * and how often a frame is drawn: pure arithmetic, no SDL, unit-tested
 * (tests/window/test_display_layout.c).
 *
 * Aspect: VGA modes (text 720x400, 640x480, 320x200...) were shown on 4:3
 * monitors whatever their pixel count, so they are shown at 4:3; VBE
 * modes (a mode name starting "VBE") have square pixels.  The picture is
 * as large as the window allows at that aspect, centred, with black bars
 * (letterboxing).  Integer scaling instead multiplies the frame by the
 * largest whole number that fits, square pixels, so no pixel is blurred;
 * a window smaller than the frame falls back to the aspect box.
 */
#ifndef T86_FRONTEND_DISPLAY_LAYOUT_H
#define T86_FRONTEND_DISPLAY_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

/** A rectangle in window pixels. */
struct display_rect {
    int x, y, w, h;
};

/** The shape a frame of @w x @h pixels in mode @mode is shown at: *@ax : *@ay. */
void display_aspect(const char *mode, unsigned w, unsigned h, unsigned *ax, unsigned *ay);
/**
 * Where a @fw x @fh frame shown at @ax : @ay goes in a @ww x @wh window
 * (whole-number multiples of the frame with @integer).  A zero-sized frame
 * or window gives an empty rectangle.
 */
struct display_rect display_layout(unsigned fw, unsigned fh, unsigned ax, unsigned ay, unsigned ww,
                                   unsigned wh, bool integer);
/**
 * The window size that shows a @fw x @fh frame at @ax : @ay at @scale
 * times its width: *@w = @fw * @scale, *@h from the aspect.
 */
void display_natural_size(unsigned fw, unsigned ax, unsigned ay, unsigned scale, unsigned *w,
                          unsigned *h);
/** Host ns between frames for a guest refresh rate @hz: 1/min(@hz, 60) s, 1/60 s if unknown. */
uint64_t display_frame_interval_ns(double hz);

#endif
