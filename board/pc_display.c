/*
 * board/pc_display.c - the guest's display for frontends (board/pc.h,
 * "the display"): frame size, mode name and frame rate, and the frame
 * itself as 0x00RRGGBB pixels, rendered by the VGA's own renderer
 * (devices/vga_render.h).  Frontends call it between run slices, at most
 * at the guest's frame rate; the emulation loop never renders.
 *
 * Invariant: reads device state only; the time spent here is summed in
 * m->display_render_ns so the closing figures can show the share of host
 * time spent rendering.
 */
#include "pc_internal.h" /* before <time.h>: clock.h names CLOCK_REALTIME too */

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "devices/vga_render.h"

static uint64_t host_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

bool pc_display_info(struct pc *m, struct pc_display_info *info)
{
    *info = (struct pc_display_info){0};
    if (!m->vga)
        return false;
    unsigned w, h;
    if (vga_render_text_size(m->vga, &w, &h)) {
        info->width = w;
        info->height = h;
        snprintf(info->mode, sizeof(info->mode), "text %ux%u", w / 9 ? w / 9 : 0, h / 16);
        info->refresh_hz = 70.0;
    } else {
        snprintf(info->mode, sizeof(info->mode), "graphics");
    }
    return true;
}

bool pc_display_render(struct pc *m, uint32_t *px, unsigned pitch, unsigned width, unsigned height,
                       bool full, unsigned *y0, unsigned *y1)
{
    (void)full;
    *y0 = *y1 = 0;
    unsigned w, h;
    if (!m->vga || !vga_render_text_size(m->vga, &w, &h) || w != width || h != height)
        return false;
    uint64_t t0 = host_ns();
    uint8_t *rgb = malloc((size_t)w * h * 3);
    bool ok = rgb && vga_render_text(m->vga, rgb, (size_t)w * h * 3);
    for (unsigned y = 0; ok && y < h; y++)
        for (unsigned x = 0; x < w; x++) {
            const uint8_t *p = rgb + ((size_t)y * w + x) * 3;
            px[(size_t)y * pitch + x] = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
        }
    free(rgb);
    if (ok)
        *y1 = h;
    m->display_render_ns += host_ns() - t0;
    return ok;
}

uint64_t pc_display_render_ns(const struct pc *m)
{
    return m->display_render_ns;
}
