/*
 * board/pc_display.c - the guest's display for frontends (board/pc.h,
 * "the display"): frame size, mode name and frame rate, and the frame
 * itself as 0x00RRGGBB pixels, drawn by the VGA's renderer
 * (devices/vga_render.h), which redraws only the rows that changed since
 * the previous call and follows guest time for blinking.  Frontends call
 * it between run slices, at most at the guest's frame rate; the emulation
 * loop never renders.
 *
 * A blanked display (Screen Off, palette access, or no VGA) is a 0 x 0
 * frame named "blank"; rendering it draws nothing.  Invariant: reads
 * device state only (the VGA's change tracking aside); the time spent
 * here is summed in m->display_render_ns so the closing figures can show
 * the share of host time spent rendering.
 */
#include <stdio.h>
#include <string.h>

#include "devices/vga_render.h"
#include "pc_internal.h"

bool pc_display_info(struct pc *m, struct pc_display_info *info)
{
    *info = (struct pc_display_info){0};
    if (!m->vga)
        return false;
    struct vga_frame_info f;
    vga_get_frame_info(m->vga, &f);
    info->refresh_hz = f.refresh_hz;
    if (f.blanked || !f.width || !f.height) {
        snprintf(info->mode, sizeof(info->mode), "blank");
        return true;
    }
    info->width = f.width;
    info->height = f.height;
    snprintf(info->mode, sizeof(info->mode), "%s", f.mode);
    return true;
}

bool pc_display_render(struct pc *m, uint32_t *px, unsigned pitch, unsigned width, unsigned height,
                       bool full, unsigned *y0, unsigned *y1)
{
    *y0 = *y1 = 0;
    struct pc_display_info info;
    if (!pc_display_info(m, &info) || info.width != width || info.height != height)
        return false;
    if (!width || !height)
        return true; /* blanked: nothing to draw */
    uint64_t t0 = clock_host_ns();
    bool ok = vga_render_update(m->vga, px, pitch, width, height, full, y0, y1);
    m->display_render_ns += clock_host_ns() - t0;
    return ok;
}

uint64_t pc_display_render_ns(const struct pc *m)
{
    return m->display_render_ns;
}
