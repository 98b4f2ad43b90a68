/*
 * devices/vga_render_vbe.c - scan lines of a Bochs VBE (DISPI) mode
 * (vga_frame.h; register meanings from the Bochs VBE interface,
 * vbe_display_api.txt).  Line y of the XRES x YRES picture starts at
 * vram byte start + y x pitch, where pitch is VIRT_WIDTH pixels and start
 * the pixel at (X_OFFSET, Y_OFFSET); pixels are little endian:
 *   8 bpp   a DAC index (PEL mask, 6- or 8-bit DAC);
 *   15 bpp  x:R5:G5:B5 in 16 bits;   16 bpp  R5:G6:B5;
 *   24 bpp  the bytes B, G, R;        32 bpp  the bytes B, G, R, unused;
 *   4 bpp   planar as the VGA: pixel index i = start + y x VIRT_WIDTH + x
 *           is bit 7 - i % 8 of plane offset i / 8 in each plane, a 4-bit
 *           colour through the attribute palette and the DAC.
 * 5- and 6-bit components are widened by replicating their top bits.
 * Addresses wrap at the end of video memory.  Invariant: only reads the
 * adapter's state.
 */
#include <string.h>

#include "vga_frame.h"

enum { MAX_LINE_BYTES = VBE_DISPI_MAX_XRES * 4 };

static uint32_t widen5(uint32_t c)
{
    return (c << 3 | c >> 2) & 0xFF;
}

static uint32_t widen6(uint32_t c)
{
    return (c << 2 | c >> 4) & 0xFF;
}

/* The @len bytes of line @y (len <= MAX_LINE_BYTES): in place, or copied
 * to @tmp when they wrap around the end of video memory. */
static const uint8_t *line_bytes(const struct vga *v, const struct vga_frame *f, unsigned y,
                                 uint32_t len, uint8_t *tmp)
{
    uint32_t start = (f->vbe_start + y * f->vbe_pitch) & (VGA_VRAM_SIZE - 1);
    if (start + len <= VGA_VRAM_SIZE)
        return v->vram + start;
    for (uint32_t k = 0; k < len; k++)
        tmp[k] = v->vram[(start + k) & (VGA_VRAM_SIZE - 1)];
    return tmp;
}

static void draw_planar4(const struct vga *v, const struct vga_frame *f, unsigned y, uint32_t *out)
{
    uint32_t i = f->vbe_start + y * f->vbe_virt_width;
    for (unsigned x = 0; x < f->width; x++, i++) {
        const uint8_t *b = &v->vram[((i >> 3) << 2) & (VGA_VRAM_SIZE - 1)];
        unsigned s = 7 - (i & 7);
        unsigned c = (b[0] >> s & 1u) | (b[1] >> s & 1u) << 1 | (b[2] >> s & 1u) << 2 |
                     (b[3] >> s & 1u) << 3;
        out[x] = f->pal16[c];
    }
}

/* One pixel of @bpp (8, 15, 16, 24, 32) at @p as 0x00RRGGBB. */
static uint32_t direct_pixel(const struct vga_frame *f, const uint8_t *p)
{
    uint32_t w = (uint32_t)p[0] | (uint32_t)p[1] << 8;
    switch (f->bpp) {
    case 8: return f->dac[p[0]];
    case 15: return widen5(w >> 10 & 31) << 16 | widen5(w >> 5 & 31) << 8 | widen5(w & 31);
    case 16: return widen5(w >> 11) << 16 | widen6(w >> 5 & 63) << 8 | widen5(w & 31);
    default: return (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0]; /* 24, 32 */
    }
}

void vga_vbe_draw_line(struct vga *v, const struct vga_frame *f, unsigned y, uint32_t *out)
{
    uint8_t tmp[MAX_LINE_BYTES];
    if (f->bpp == 4) {
        draw_planar4(v, f, y, out);
        return;
    }
    unsigned bytes = (f->bpp + 7) / 8;
    const uint8_t *src = line_bytes(v, f, y, f->width * bytes, tmp);
    for (unsigned x = 0; x < f->width; x++, src += bytes)
        out[x] = direct_pixel(f, src);
}

bool vga_vbe_line_dirty(const struct vga *v, const struct vga_frame *f, unsigned y)
{
    if (f->bpp == 4) {
        uint32_t i = f->vbe_start + y * f->vbe_virt_width;
        return vga_dirty_range(v, (i >> 3) << 2, ((f->width + 7 + (i & 7)) >> 3) << 2);
    }
    return vga_dirty_range(v, f->vbe_start + y * f->vbe_pitch, f->width * ((f->bpp + 7) / 8));
}
