/*
 * devices/vga_render.h - the pixels of the standard VGA's text modes, as
 * the adapter would send them to the monitor, for screendumps.  The
 * image is 8-bit RGB, top row first, 3 bytes per pixel, no row padding.
 *
 * The picture is one static frame: blinking characters in their visible
 * phase and the cursor drawn (unless the guest disabled it).  Graphics
 * modes are not rendered yet (a later issue).  Invariant: rendering only
 * reads the adapter's state; it never changes it.
 */
#ifndef T86_DEVICES_VGA_RENDER_H
#define T86_DEVICES_VGA_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vga.h"

/**
 * The size in pixels of the text screen of @v: columns x (8 or 9 dots,
 * doubled when the dot clock is halved) by the displayed scan lines.
 * Returns false (sizes 0) when the display is not in a text mode.
 */
bool vga_render_text_size(struct vga *v, unsigned *width, unsigned *height);

/**
 * Render the text screen of @v into @rgb, which holds @size bytes: at
 * least width * height * 3 for the sizes vga_render_text_size reports.
 * Returns false, writing nothing, when the display is not in a text mode
 * or @size is too small.
 */
bool vga_render_text(struct vga *v, uint8_t *rgb, size_t size);

#endif
