/*
 * devices/vga_crtc.c - the CRT controller's walk over video memory for
 * the renderer (vga_frame.h): which memory address and row scan each
 * displayed scan line starts at, and the plane offset each character
 * clock fetches (IBM VGA Technical Reference, "CRT Controller Registers":
 * Start Address, Offset, Preset Row Scan, Maximum Scan Line, Line
 * Compare, Underline Location bits 5-6, CRTC Mode Control).
 * Invariant: only reads the registers; offsets are always < 64 KiB.
 */
#include "vga_frame.h"

/* CR0C:CR0D start address plus the byte panning of Preset Row Scan bits
 * 6-5 (0-3 character clocks); CR13 Offset: each character row starts
 * 2 x Offset addresses after the previous one; CR14 bit 6 doubleword
 * mode, CR17 bit 6 byte (else word) mode; CR14 bit 5 / CR17 bit 3 count
 * the address every 4 / 2 character clocks; CR17 bits 0-1 (Compatibility
 * Mode Support, Select Row Scan Counter) clear substitute row scan bits
 * 0-1 for address bits 13-14 (CGA / Hercules banks). */
void vga_scan_setup(const struct vga *v, struct vga_scan *s)
{
    const uint8_t *cr = v->crtc;
    unsigned vde = cr[CRTC_VDISP_END] | (cr[CRTC_OVERFLOW] >> 1 & 1u) << 8 |
                   (cr[CRTC_OVERFLOW] >> 6 & 1u) << 9;
    s->start =
        ((uint32_t)cr[CRTC_START_HI] << 8 | cr[CRTC_START_LO]) + (cr[CRTC_PRESET_ROW] >> 5 & 3u);
    s->pitch = 2u * cr[CRTC_OFFSET];
    s->preset = cr[CRTC_PRESET_ROW] & 0x1Fu;
    s->row_height = (cr[CRTC_MAX_SCAN] & 0x1Fu) + 1;
    s->double_scan = cr[CRTC_MAX_SCAN] >> 7;
    s->line_compare = cr[CRTC_LINE_COMPARE] | (cr[CRTC_OVERFLOW] >> 4 & 1u) << 8 |
                      (cr[CRTC_MAX_SCAN] >> 6 & 1u) << 9;
    s->lines = vde + 1;
    s->clocks = cr[CRTC_HDISP_END] + 1u;
    s->count_shift = (cr[CRTC_UNDERLINE] & 0x20) ? 2 : (cr[CRTC_MODE] & 0x08) ? 1 : 0;
    s->addressing = (cr[CRTC_UNDERLINE] & 0x40) ? 2 : (cr[CRTC_MODE] & 0x40) ? 0 : 1;
    s->word_ma15 = cr[CRTC_MODE] & 0x20;
    s->map13 = !(cr[CRTC_MODE] & 0x01);
    s->map14 = !(cr[CRTC_MODE] & 0x02);
}

/* The row scan counter starts at the preset row scan, advances every scan
 * line (every second one when double scanning) and wraps after the
 * maximum scan line, when the address moves one row down.  On the line
 * after the one equal to the line compare both restart at 0. */
struct vga_scan_pos vga_scan_line(const struct vga_scan *s, unsigned y)
{
    struct vga_scan_pos p = {0};
    unsigned t = y, first = s->preset;
    uint32_t base = s->start;
    if (y > s->line_compare) {
        t = y - s->line_compare - 1;
        first = 0;
        base = 0;
        p.below_split = true;
    }
    unsigned scan = (t >> s->double_scan) + first;
    p.ma = base + scan / s->row_height * s->pitch;
    p.rs = scan % s->row_height;
    return p;
}

/* Word mode rotates the 16-bit address left by one (MA15 into bit 0; MA13
 * with Address Wrap clear), doubleword mode by two (MA15-14 into bits
 * 1-0: plane offset 4k is what a chain-4 CPU write to 4k + plane reaches,
 * vga_mem.c); the row scan substitution acts on the output address. */
uint32_t vga_scan_offset(const struct vga_scan *s, uint32_t ma, unsigned rs)
{
    uint32_t a;
    ma &= 0xFFFF;
    if (s->addressing == 2)
        a = ma << 2 | ma >> 14;
    else if (s->addressing == 1)
        a = ma << 1 | (s->word_ma15 ? ma >> 15 : ma >> 13 & 1);
    else
        a = ma;
    if (s->map13)
        a = (a & ~0x2000u) | (rs & 1u) << 13;
    if (s->map14)
        a = (a & ~0x4000u) | (rs >> 1 & 1u) << 14;
    return a & (VGA_PLANE_SIZE - 1);
}

void vga_scan_offsets(const struct vga_scan *s, struct vga_scan_pos p, unsigned n, uint32_t *offs)
{
    for (unsigned k = 0; k < n; k++)
        offs[k] = vga_scan_offset(s, p.ma + (k >> s->count_shift), p.rs);
}
