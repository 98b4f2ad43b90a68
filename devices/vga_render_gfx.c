/*
 * devices/vga_render_gfx.c - graphics scan lines of the standard VGA
 * (vga_frame.h).  Each character clock the CRTC fetches one byte from
 * each of the four planes at the plane offset of its memory address
 * (vga_scan_offsets: byte / word / doubleword addressing, the CGA row
 * scan substitution, the line compare), and the graphics controller's
 * serializer turns them into pixels by the Graphics Mode register's
 * shift mode (IBM VGA Technical Reference, Graphics Mode register bits
 * 5-6; Attribute Mode Control bit 6):
 *   planar     8 pixels; pixel i takes bit 7-i of plane p as colour bit p;
 *   interleave (bit 5, CGA modes 4 and 5) 8 pixels of 2 bits: the first
 *              four from the bit pairs 7-6, 5-4, 3-2, 1-0 of plane 0 (colour
 *              bits 1-0) and plane 2 (bits 3-2), the next four the same
 *              from planes 1 and 3;
 *   256-colour (bit 6) planes 0-3 in turn: with PELCLK/2 (8-bit pixels)
 *              each byte is one pixel and selects the DAC entry itself;
 *              without it each byte gives two 4-bit pixels, high nibble
 *              first.
 * 4-bit pixels go through the attribute controller (Color Plane Enable,
 * palette, Color Select) and the DAC: pal16.  A frame row is the first of
 * the vrep physical scan lines it stands for; Horizontal PEL Panning moves
 * the row left by whole pixels, except below the split when PEL Panning
 * Compatibility is set.  Invariant: only reads the adapter's state.
 */
#include <string.h>

#include "vga_frame.h"

static uint32_t *planar_clock(const struct vga_frame *f, const uint8_t *b, uint32_t *px)
{
    for (unsigned s = 8; s-- > 0;) {
        unsigned c = (b[0] >> s & 1u) | (b[1] >> s & 1u) << 1 | (b[2] >> s & 1u) << 2 |
                     (b[3] >> s & 1u) << 3;
        *px++ = f->pal16[c];
    }
    return px;
}

static uint32_t *interleave_clock(const struct vga_frame *f, const uint8_t *b, uint32_t *px)
{
    for (unsigned half = 0; half < 2; half++)
        for (unsigned s = 8; s > 0;) {
            s -= 2;
            unsigned c = (b[half] >> s & 3u) | (b[half + 2] >> s & 3u) << 2;
            *px++ = f->pal16[c];
        }
    return px;
}

static uint32_t *colour256_clock(const struct vga_frame *f, const uint8_t *b, uint32_t *px)
{
    for (unsigned k = 0; k < 4; k++) {
        if (f->pcs) {
            *px++ = f->dac[b[k]];
        } else {
            *px++ = f->pal16[b[k] >> 4];
            *px++ = f->pal16[b[k] & 0x0F];
        }
    }
    return px;
}

/* Where frame row @y starts, and its panning in pixels. */
static struct vga_scan_pos row_pos(const struct vga_frame *f, unsigned y, unsigned *pan)
{
    struct vga_scan_pos p = vga_scan_line(&f->scan, y * f->vrep);
    *pan = (p.below_split && f->pan_compat) ? 0 : f->pan;
    return p;
}

void vga_gfx_draw_line(struct vga *v, const struct vga_frame *f, unsigned y, uint32_t *out)
{
    uint32_t offs[VGA_MAX_CLOCKS + 1];
    uint32_t line[(VGA_MAX_CLOCKS + 1) * 8];
    unsigned pan;
    struct vga_scan_pos p = row_pos(f, y, &pan);
    unsigned n = f->scan.clocks + (pan ? 1 : 0);
    vga_scan_offsets(&f->scan, p, n, offs);
    uint32_t *px = pan ? line : out;
    for (unsigned k = 0; k < n; k++) {
        const uint8_t *b = vga_plane(v, 0, offs[k]); /* the four planes' bytes */
        if (f->kind == VGA_FRAME_256)
            px = colour256_clock(f, b, px);
        else if (f->kind == VGA_FRAME_CGA)
            px = interleave_clock(f, b, px);
        else
            px = planar_clock(f, b, px);
    }
    if (pan)
        memcpy(out, line + pan, f->width * sizeof(*out));
}

bool vga_gfx_line_dirty(const struct vga *v, const struct vga_frame *f, unsigned y)
{
    uint32_t offs[VGA_MAX_CLOCKS + 1];
    unsigned pan;
    struct vga_scan_pos p = row_pos(f, y, &pan);
    unsigned n = f->scan.clocks + (pan ? 1 : 0);
    vga_scan_offsets(&f->scan, p, n, offs);
    return vga_dirty_offsets(v, offs, n);
}
