/*
 * devices/vga_render.c - the public renderer of the standard VGA
 * (vga_render.h): the frame's description and mode name, whole frames,
 * and the per-line dispatch to the text, graphics and DISPI line
 * renderers (vga_frame.h).  Invariant: only reads the adapter's state.
 */
#include "vga_render.h"

#include <stdio.h>
#include <string.h>

#include "vga_frame.h"

void vga_get_frame_info(struct vga *v, struct vga_frame_info *info)
{
    struct vga_frame f;
    vga_frame_setup(v, &f, VGA_BLINK_VISIBLE);
    *info = (struct vga_frame_info){0};
    info->width = f.width;
    info->height = f.height;
    info->blanked = f.blanked;
    info->refresh_hz = f.refresh_hz;
    if (f.kind == VGA_FRAME_TEXT)
        snprintf(info->mode, sizeof(info->mode), "text %ux%u", f.mode_w, f.mode_h);
    else
        snprintf(info->mode, sizeof(info->mode), "%s %ux%ux%u",
                 f.kind == VGA_FRAME_VBE ? "VBE" : "VGA", f.mode_w, f.mode_h, f.bpp);
}

void vga_frame_draw_line(struct vga *v, const struct vga_frame *f, unsigned y, uint32_t *out)
{
    if (f->blanked) {
        memset(out, 0, f->width * sizeof(*out));
        return;
    }
    switch (f->kind) {
    case VGA_FRAME_TEXT: vga_text_draw_line(v, f, y, out); break;
    case VGA_FRAME_VBE: vga_vbe_draw_line(v, f, y, out); break;
    default: vga_gfx_draw_line(v, f, y, out); break;
    }
}

bool vga_frame_line_dirty(const struct vga *v, const struct vga_frame *f, unsigned y)
{
    switch (f->kind) {
    case VGA_FRAME_TEXT: return vga_text_line_dirty(v, f, y);
    case VGA_FRAME_VBE: return vga_vbe_line_dirty(v, f, y);
    default: return vga_gfx_line_dirty(v, f, y);
    }
}

bool vga_render(struct vga *v, uint32_t *px, size_t pitch, unsigned width, unsigned height,
                bool by_time)
{
    struct vga_frame f;
    vga_frame_setup(v, &f, by_time ? VGA_BLINK_TIME : VGA_BLINK_VISIBLE);
    if (f.width != width || f.height != height || pitch < width)
        return false;
    for (unsigned y = 0; y < height; y++)
        vga_frame_draw_line(v, &f, y, px + y * pitch);
    return true;
}
