/*
 * devices/vga_frame.c - the registers read once per frame into struct
 * vga_frame (vga_frame.h): the mode class, the frame size, the colour
 * tables, panning, the cursor, the blink phases and the frame rate (the
 * CRTC's walk itself is vga_crtc.c).  Facts from the IBM VGA Technical
 * Reference ("CRT Controller Registers", "Attribute Controller Registers",
 * "Sequencer Registers", "Video Digital-to-Analog Converter") and, for
 * DISPI, the Bochs VBE interface (vbe_display_api.txt).
 *
 * Blinking follows the adapter: the cursor changes phase every 8 frames
 * (a 16-frame period), blinking characters every 16 (32-frame period),
 * both visible in the first half; the frame number is guest time (the
 * vga's clock) times the frame rate.  Invariant: only reads the adapter.
 */
#include "vga_frame.h"

#include <string.h>

/* ---- colours ----------------------------------------------------------------- */

/* The DAC index of 4-bit colour @c (Attribute Controller: Color Plane
 * Enable masks the 4 bits, the palette register gives P5-P0; with P5,P4
 * Select (Attribute Mode Control bit 7) Color Select bits 1-0 replace
 * P5-P4; Color Select bits 3-2 are always P7-P6). */
static uint8_t attr_dac_index(const struct vga *v, unsigned c)
{
    uint8_t p = v->attr[c & v->attr[ATTR_PLANE_ENABLE] & 0x0F] & 0x3F;
    uint8_t sel = v->attr[ATTR_COLOR_SELECT];
    if (v->attr[ATTR_MODE] & 0x80)
        p = (uint8_t)((p & 0x0F) | (sel & 0x03) << 4);
    return (uint8_t)(p | (sel & 0x0C) << 4);
}

/* A DAC component as 8 bits: 6-bit values widened by replicating the top
 * bits (0x3F -> 0xFF), 8-bit ones (DISPI 8BIT_DAC) as they are. */
static uint32_t dac_component(const struct vga *v, uint8_t c)
{
    if (vga_dac_8bit(v))
        return c;
    c &= 0x3F;
    return (uint32_t)(c << 2 | c >> 4);
}

/* DAC entry @index, ANDed with the PEL Mask, as 0x00RRGGBB. */
static uint32_t dac_rgb(const struct vga *v, uint8_t index)
{
    const uint8_t *e = &v->dac[(index & v->dac_mask) * 3u];
    return dac_component(v, e[0]) << 16 | dac_component(v, e[1]) << 8 | dac_component(v, e[2]);
}

static void colours_setup(const struct vga *v, struct vga_frame *f)
{
    for (unsigned i = 0; i < 256; i++)
        f->dac[i] = dac_rgb(v, (uint8_t)i);
    for (unsigned c = 0; c < 16; c++)
        f->pal16[c] = f->dac[attr_dac_index(v, c)];
}

/* ---- timing ------------------------------------------------------------------------ */

/* Misc Output bits 3-2 select the 25.175 or 28.322 MHz dot clock (2 and 3
 * are external clocks: taken as 25.175), Clocking Mode bit 3 halves it;
 * a line is Horizontal Total (CR00) + 5 character clocks of 8 or 9 dots,
 * a frame Vertical Total (CR06, CR07 bits 0 and 5) + 2 lines. */
double vga_frame_refresh_hz(const struct vga *v)
{
    static const double dot_hz[4] = {25175000.0, 28322000.0, 25175000.0, 25175000.0};
    if (vga_vbe_enabled(v))
        return 60.0;
    const uint8_t *cr = v->crtc;
    uint8_t clk = v->seq[SEQ_CLOCKING];
    double hz = dot_hz[v->misc >> 2 & 3] / ((clk & 0x08) ? 2 : 1);
    unsigned dots = ((clk & 0x01) ? 8u : 9u) * (cr[CRTC_HTOTAL] + 5u);
    unsigned vtotal =
        cr[CRTC_VTOTAL] | (cr[CRTC_OVERFLOW] & 1u) << 8 | (cr[CRTC_OVERFLOW] >> 5 & 1u) << 9;
    return hz / dots / (vtotal + 2u);
}

/* The number of the frame being shown now (0 without a clock). */
static uint64_t frame_number(const struct vga *v, double hz)
{
    if (!v->clock || !(hz > 0))
        return 0;
    return (uint64_t)((double)clock_now(v->clock) * hz / 1e9);
}

/* ---- text ---------------------------------------------------------------------------- */

/* Plane 2 offset of character map @n (Character Map Select: maps 0-3 at
 * 0, 16K, 32K, 48K, maps 4-7 8K above them). */
static uint32_t char_map_base(unsigned n)
{
    return (n & 3u) << 14 | (n >> 2 & 1u) << 13;
}

/* Cursor Start bit 5 Cursor Off, bits 4-0 first scan line; Cursor End
 * bits 4-0 last scan line, bits 6-5 skew (the cursor appears 0-3
 * character clocks later); no cursor when start > end.  Cursor Location
 * High/Low is a memory address. */
static void cursor_setup(const struct vga *v, struct vga_frame *f, bool phase)
{
    uint8_t start = v->crtc[CRTC_CURSOR_START], end = v->crtc[CRTC_CURSOR_END];
    f->cursor_top = start & 0x1Fu;
    f->cursor_bottom = end & 0x1Fu;
    f->cursor_on = !(start & 0x20) && phase && f->cursor_top <= f->cursor_bottom;
    f->cursor =
        (((uint32_t)v->crtc[CRTC_CURSOR_HI] << 8 | v->crtc[CRTC_CURSOR_LO]) + (end >> 5 & 3u)) &
        0xFFFF;
}

/* Clocking Mode bit 0: 8-dot cells (else 9), bit 3: dot clock halved.
 * Character Map Select: map A = bits 5,3,2, map B = bits 4,1,0.
 * Attribute Mode Control bit 2 Line Graphics, bit 3 Blink Enable.
 * Horizontal PEL Panning: 9-dot cells move 8 -> 0, 0-7 -> 1-8 dots.
 * Underline Location (CR14 bits 4-0): the scan line of underlines. */
static void text_setup(const struct vga *v, struct vga_frame *f, uint64_t frame)
{
    uint8_t clk = v->seq[SEQ_CLOCKING], maps = v->seq[SEQ_CHAR_MAP];
    unsigned pan = v->attr[ATTR_PANNING] & 0x0F;
    f->kind = VGA_FRAME_TEXT;
    f->cell_dots = (clk & 0x01) ? 8 : 9;
    f->dot_rep = (clk & 0x08) ? 2 : 1;
    f->width = f->scan.clocks * f->cell_dots * f->dot_rep;
    f->height = f->scan.lines;
    f->vrep = 1;
    f->mode_w = f->scan.clocks;
    f->mode_h = (f->scan.lines >> f->scan.double_scan) / f->scan.row_height;
    f->map_a = char_map_base((maps >> 5 & 1u) << 2 | (maps >> 2 & 3u));
    f->map_b = char_map_base((maps >> 4 & 1u) << 2 | (maps & 3u));
    f->line_graphics = v->attr[ATTR_MODE] & 0x04;
    f->blink_enable = v->attr[ATTR_MODE] & 0x08;
    f->blink_shown = !(frame & 16);
    if (f->cell_dots == 9)
        pan = pan >= 8 ? 0 : pan + 1;
    f->pan = (pan & (f->cell_dots == 9 ? 0x0F : 0x07)) * f->dot_rep;
    f->underline = v->crtc[CRTC_UNDERLINE] & 0x1Fu;
    cursor_setup(v, f, !(frame & 8));
}

/* ---- graphics ----------------------------------------------------------------------- */

static unsigned popcount4(unsigned x)
{
    return (x & 1) + (x >> 1 & 1) + (x >> 2 & 1) + (x >> 3 & 1);
}

/* Graphics Mode bit 6 256-colour shift, else bit 5 interleaved (CGA)
 * shift, else planar; Attribute Mode Control bit 6 (PELCLK/2) makes each
 * 256-colour pixel one 8-bit value of two dots.  Horizontal PEL Panning
 * moves 0-7 pixels, in 256-colour mode 0, 2, 4, 6 -> 0-3 pixels. */
static void gfx_setup(const struct vga *v, struct vga_frame *f)
{
    uint8_t gm = v->gc[GC_MODE];
    unsigned pan = v->attr[ATTR_PANNING] & 0x07;
    f->kind = (gm & 0x40) ? VGA_FRAME_256 : (gm & 0x20) ? VGA_FRAME_CGA : VGA_FRAME_PLANAR;
    f->pcs = f->kind == VGA_FRAME_256 && (v->attr[ATTR_MODE] & 0x40);
    f->width = f->scan.clocks * (f->pcs ? 4u : 8u);
    bool substituted = f->scan.map13 || f->scan.map14;
    f->vrep = (1u << f->scan.double_scan) * (substituted ? 1u : f->scan.row_height);
    f->height = (f->scan.lines + f->vrep - 1) / f->vrep;
    f->pan = f->pcs ? pan >> 1 : pan;
    f->mode_w = f->width;
    f->mode_h = f->height;
    if (f->kind == VGA_FRAME_256)
        f->bpp = f->pcs ? 8 : 4;
    else
        f->bpp = f->kind == VGA_FRAME_CGA ? 2 : popcount4(v->attr[ATTR_PLANE_ENABLE]);
}

/* ---- DISPI ---------------------------------------------------------------------------- */

/* XRES x YRES at BPP from video memory: lines VIRT_WIDTH pixels apart, the
 * visible window at X_OFFSET, Y_OFFSET (4 bpp: a pixel index, planar). */
static void vbe_setup(const struct vga *v, struct vga_frame *f)
{
    const uint16_t *r = v->vbe;
    unsigned bpp = r[VBE_DISPI_INDEX_BPP], xoff = r[VBE_DISPI_INDEX_X_OFFSET];
    f->kind = VGA_FRAME_VBE;
    f->width = f->mode_w = r[VBE_DISPI_INDEX_XRES];
    f->height = f->mode_h = r[VBE_DISPI_INDEX_YRES];
    f->bpp = bpp;
    f->vrep = 1;
    f->refresh_hz = 60.0;
    f->vbe_virt_width = r[VBE_DISPI_INDEX_VIRT_WIDTH];
    f->vbe_pitch = vga_vbe_line_bytes(f->vbe_virt_width, bpp);
    if (bpp == 4)
        f->vbe_start = (uint32_t)r[VBE_DISPI_INDEX_Y_OFFSET] * f->vbe_virt_width + xoff;
    else
        f->vbe_start =
            (uint32_t)r[VBE_DISPI_INDEX_Y_OFFSET] * f->vbe_pitch + xoff * ((bpp + 7) / 8);
}

/* ---- the frame ------------------------------------------------------------------------- */

void vga_frame_setup(struct vga *v, struct vga_frame *f, enum vga_blink_mode blink)
{
    memset(f, 0, sizeof(*f));
    colours_setup(v, f);
    if (vga_vbe_enabled(v)) {
        vbe_setup(v, f);
        return;
    }
    vga_scan_setup(v, &f->scan);
    f->refresh_hz = vga_frame_refresh_hz(v);
    f->blanked = (v->seq[SEQ_CLOCKING] & 0x20) || !(v->attr_index & ATTR_PAS);
    f->pan_compat = v->attr[ATTR_MODE] & 0x20;
    uint64_t frame = blink == VGA_BLINK_TIME ? frame_number(v, f->refresh_hz) : 0;
    if (vga_is_text_mode(v))
        text_setup(v, f, frame);
    else
        gfx_setup(v, f);
}
