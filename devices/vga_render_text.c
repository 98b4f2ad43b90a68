/*
 * devices/vga_render_text.c - alphanumeric scan lines of the standard VGA
 * (vga_frame.h), following the adapter's text data path (IBM VGA
 * Technical Reference, "Alphanumeric Modes" and the registers cited):
 *   1. the CRTC walks the line's character clocks (vga_scan_line,
 *      vga_scan_offsets); plane 0 holds the character code and plane 1
 *      its attribute at each plane offset;
 *   2. the character generator reads row scan rs of the glyph from plane
 *      2: 32 bytes per character in the map the attribute's bit 3 selects
 *      (A when set), bit 7 the leftmost dot; a 9th dot is background,
 *      or repeats the 8th for codes C0h-DFh with Line Graphics Enable;
 *   3. on the Underline Location scan line, attributes whose foreground
 *      bits 2-0 are 001 and background bits 6-4 are 000 (the monochrome
 *      underline attributes 01h, 09h, 81h, 89h) light the whole cell;
 *   4. with Blink Enable, attribute bit 7 blinks the foreground (in the
 *      hidden phase the cell shows its background) and the background
 *      has 8 colours; without it bit 7 is the background's intensity;
 *   5. the cursor lights its scan lines of the cell at the cursor address
 *      in the foreground colour, in its visible phase;
 *   6. the 4-bit colours go through the attribute palette and the DAC
 *      (pal16); Horizontal PEL Panning moves the line left by dots,
 *      except below the split when PEL Panning Compatibility is set.
 * Invariant: only reads the adapter's state.
 */
#include <string.h>

#include "vga_frame.h"

/* The dots of one character scan line: bit 8 is the leftmost of 9. */
static unsigned glyph_dots(struct vga *v, const struct vga_frame *f, uint8_t ch, uint8_t attr,
                           unsigned rs)
{
    uint32_t map = (attr & 0x08) ? f->map_a : f->map_b;
    unsigned bits = (unsigned)*vga_plane(v, 2, map + ch * VGA_GLYPH_STRIDE + rs) << 1;
    if (f->cell_dots == 9 && f->line_graphics && ch >= 0xC0 && ch <= 0xDF)
        bits |= bits >> 1 & 1; /* the 9th dot repeats the 8th */
    return bits;
}

/* The lit dots of the cell at address @ma (plane offset @off), scan @rs. */
static unsigned cell_dots(struct vga *v, const struct vga_frame *f, uint32_t ma, uint8_t ch,
                          uint8_t attr, unsigned rs)
{
    unsigned bits = glyph_dots(v, f, ch, attr, rs);
    if (rs == f->underline && (attr & 0x77) == 0x01)
        bits = 0x1FF;
    if (f->blink_enable && (attr & 0x80) && !f->blink_shown)
        bits = 0;
    if (f->cursor_on && (ma & 0xFFFF) == f->cursor && rs >= f->cursor_top && rs <= f->cursor_bottom)
        bits = 0x1FF;
    return bits;
}

/* Draw scan @rs of the cell at address @ma, plane offset @off, into @px. */
static uint32_t *draw_cell(struct vga *v, const struct vga_frame *f, uint32_t ma, uint32_t off,
                           unsigned rs, uint32_t *px)
{
    uint8_t ch = *vga_plane(v, 0, off), attr = *vga_plane(v, 1, off);
    unsigned bits = cell_dots(v, f, ma, ch, attr, rs);
    uint32_t fg = f->pal16[attr & 0x0F];
    uint32_t bg = f->pal16[(attr >> 4) & (f->blink_enable ? 0x07 : 0x0F)];
    for (unsigned d = 0; d < f->cell_dots; d++) {
        uint32_t c = (bits >> (8 - d) & 1) ? fg : bg;
        for (unsigned r = 0; r < f->dot_rep; r++)
            *px++ = c;
    }
    return px;
}

/* Panning of line position @p, in frame pixels. */
static unsigned line_pan(const struct vga_frame *f, struct vga_scan_pos p)
{
    return (p.below_split && f->pan_compat) ? 0 : f->pan;
}

void vga_text_draw_line(struct vga *v, const struct vga_frame *f, unsigned y, uint32_t *out)
{
    uint32_t offs[VGA_MAX_CLOCKS + 1];
    uint32_t line[VGA_MAX_LINE + 18];
    struct vga_scan_pos p = vga_scan_line(&f->scan, y);
    unsigned pan = line_pan(f, p), n = f->scan.clocks + (pan ? 1 : 0);
    vga_scan_offsets(&f->scan, p, n, offs);
    uint32_t *px = pan ? line : out;
    for (unsigned k = 0; k < n; k++)
        px = draw_cell(v, f, p.ma + (k >> f->scan.count_shift), offs[k], p.rs, px);
    if (pan)
        memcpy(out, line + pan, f->width * sizeof(*out));
}

bool vga_text_line_dirty(const struct vga *v, const struct vga_frame *f, unsigned y)
{
    uint32_t offs[VGA_MAX_CLOCKS + 1];
    struct vga_scan_pos p = vga_scan_line(&f->scan, y);
    unsigned n = f->scan.clocks + (line_pan(f, p) ? 1 : 0);
    vga_scan_offsets(&f->scan, p, n, offs);
    return vga_dirty_offsets(v, offs, n);
}

bool vga_text_line_blinks(struct vga *v, const struct vga_frame *f, unsigned y)
{
    uint32_t offs[VGA_MAX_CLOCKS + 1];
    if (!f->blink_enable)
        return false;
    struct vga_scan_pos p = vga_scan_line(&f->scan, y);
    unsigned n = f->scan.clocks + (line_pan(f, p) ? 1 : 0);
    vga_scan_offsets(&f->scan, p, n, offs);
    for (unsigned k = 0; k < n; k++)
        if (*vga_plane(v, 1, offs[k]) & 0x80)
            return true;
    return false;
}

bool vga_text_line_holds(const struct vga_frame *f, unsigned y, uint32_t ma)
{
    struct vga_scan_pos p = vga_scan_line(&f->scan, y);
    unsigned n = f->scan.clocks + (line_pan(f, p) ? 1 : 0);
    return ((ma - p.ma) & 0xFFFF) <= (n - 1) >> f->scan.count_shift;
}
