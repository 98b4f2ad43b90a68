/*
 * devices/vga_render.h - the pixels the standard VGA sends to the monitor,
 * in every mode: text (40/80 columns, any row count, 8- and 9-dot cells,
 * the fonts in plane 2, cursor, blink, underline), the VGA graphics modes
 * (CGA 4 and 5, 6, planar 0Dh-12h, 256-colour 13h and unchained "mode
 * X"), with line compare, panning and every CRTC addressing mode, and
 * the Bochs VBE (DISPI) modes at 4, 8, 15, 16, 24 and 32 bpp.  Pixels are
 * 0x00RRGGBB, top row first.
 *
 * The frame's size (devices/vga_frame.h has the details): text modes one
 * pixel per dot and scan line as the monitor shows them (80x25 with 9-dot
 * cells: 720x400); graphics modes the mode's resolution, one pixel per
 * VGA pixel (mode 13h 320x200, mode 12h 640x480); DISPI XRES x YRES.
 *
 * Two ways to render: vga_render draws a whole frame (screendumps, with
 * the cursor and blinking text in their visible phase, or following guest
 * time); vga_render_update draws, into the same buffer as the previous
 * call, only the rows whose video memory or displayed registers changed
 * since then, and the rows whose cursor or blink phase changed (guest
 * time, from the vga's clock).  Invariant: rendering reads the adapter's
 * state only; vga_render_update alone consumes the change tracking.
 */
#ifndef T86_DEVICES_VGA_RENDER_H
#define T86_DEVICES_VGA_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vga.h"

/** What the adapter displays now. */
struct vga_frame_info {
    unsigned width, height; /**< the frame in pixels (the mode's size even when blanked) */
    bool blanked;           /**< Screen Off or palette access (PAS = 0): a black frame */
    char mode[48];          /**< "text 80x25", "VGA 320x200x8", "VGA 640x480x4",
                                 "VBE 800x600x32" */
    double refresh_hz;      /**< from the CRTC totals and the dot clock; DISPI: 60 */
};

/** Fill @info for the current registers of @v. */
void vga_get_frame_info(struct vga *v, struct vga_frame_info *info);

/**
 * Draw the whole frame of @v into @px (@pitch pixels per row) for a frame
 * of @width x @height, the size vga_get_frame_info reports (else nothing
 * is drawn and false returned).  With @by_time blinking text and the
 * cursor follow guest time, else both are shown.  A blanked frame is
 * black.
 */
bool vga_render(struct vga *v, uint32_t *px, size_t pitch, unsigned width, unsigned height,
                bool by_time);

/**
 * Bring @px, which holds the frame the previous call drew, up to date:
 * redraw the rows that read video memory written since then, all rows
 * when a displayed register changed (mode, CRTC addressing, palette, DAC,
 * ...), when @full, when the buffer, its pitch or the size differ from
 * the previous call, or after vga_invalidate; and the rows of the cursor
 * (moved, reshaped, blinked) and of blinking characters when their phase
 * changed.  *@y0 and *@y1 get the first and one-past-the-last row drawn
 * (equal: none).  False (nothing drawn, nothing consumed) when @width x
 * @height is not the current frame.
 */
bool vga_render_update(struct vga *v, uint32_t *px, size_t pitch, unsigned width, unsigned height,
                       bool full, unsigned *y0, unsigned *y1);

#endif
