/*
 * devices/vga_render.c - text-mode pixels of the standard VGA (see
 * vga_render.h), following the adapter's alphanumeric data path (IBM VGA
 * Technical Reference, "Alphanumeric Modes" and the register descriptions
 * cited at each step):
 *   1. the CRTC scans memory address MA = start + row * pitch + column
 *      (vga_text_geometry); plane 0 holds the character code and plane 1
 *      its attribute at the plane offset of MA;
 *   2. the character generator reads scan line s of the glyph from plane
 *      2: 32 bytes per character in the character map the attribute
 *      selects, bit 7 of the byte is the leftmost dot;
 *   3. each dot takes the attribute's foreground (bits 3-0) or background
 *      (bits 7-4, or 6-4 when bit 7 means blink) colour;
 *   4. the attribute controller turns the 4-bit colour into a DAC index
 *      through the colour plane enable, palette and colour select
 *      registers; the DAC (masked by the PEL mask) gives 6-bit R, G, B.
 * The frame is static: blinking characters and the cursor are shown in
 * their visible phase.  Not modelled: horizontal pixel panning, the line
 * compare (split screen), monochrome underline, cursor skew and the
 * overscan border.  Invariant: only reads the adapter's state.
 */
#include "vga_render.h"

#include <string.h>

#include "vga_internal.h"

enum {
    GLYPH_STRIDE = 32, /* bytes per character in a plane 2 character map */
    MAX_DOTS = 9,
};

/* Everything one frame needs, read once from the registers. */
struct text_frame {
    struct vga_text_geometry g;
    unsigned cell_dots;  /* 8 or 9 dots per character */
    unsigned dot_rep;    /* 2 when the dot clock is halved, else 1 */
    unsigned preset;     /* first scan line of the top row */
    uint32_t map_a;      /* plane 2 offset of character map A (attr bit 3 = 1) */
    uint32_t map_b;      /* ... and of map B (attr bit 3 = 0) */
    bool line_graphics;  /* 9th dot of C0h-DFh repeats the 8th */
    bool blink;          /* attribute bit 7 selects blink, not intensity */
    bool cursor_on;      /* a cursor is displayed */
    uint32_t cursor;     /* its CRTC memory address */
    unsigned cursor_top; /* its first and last scan lines in the cell */
    unsigned cursor_bottom;
    uint8_t colour[16][3]; /* the 16 text colours as 8-bit R, G, B */
};

/* ---- colours ----------------------------------------------------------------- */

/* The DAC index of text colour @c (IBM VGA Technical Reference, Attribute
 * Controller: Color Plane Enable masks the 4 bits (the BIOS clears bit 3
 * for 512-character fonts), the palette register gives P5-P0; with P5,P4
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

/* DAC entry @index as 8-bit components; 6-bit values are widened so that
 * 0x3F becomes 0xFF (IBM VGA Technical Reference, Video DAC: 6 bits per
 * gun; the PEL Mask register ANDs the index). */
static void dac_colour(const struct vga *v, uint8_t index, uint8_t rgb[3])
{
    const uint8_t *e = &v->dac[(index & v->dac_mask) * 3u];
    for (unsigned k = 0; k < 3; k++) {
        uint8_t c = e[k];
        rgb[k] = vga_dac_8bit(v) ? c : (uint8_t)((c & 0x3F) << 2 | (c & 0x3F) >> 4);
    }
}

/* ---- frame setup --------------------------------------------------------------- */

/* Plane 2 offset of character map @n (IBM VGA Technical Reference,
 * Character Map Select register: maps 0-3 at 0, 16K, 32K, 48K, maps 4-7
 * 8K above them). */
static uint32_t char_map_base(unsigned n)
{
    return (n & 3u) << 14 | (n >> 2 & 1u) << 13;
}

/* Cursor from the CRTC (IBM VGA Technical Reference, Cursor Start
 * register bit 5 Cursor Off, bits 4-0 start scan line; Cursor End bits
 * 4-0; Cursor Location High/Low is a memory address).  The cursor covers
 * the cell's scan lines start..end, so none when start > end (the VGA
 * shows no cursor then). */
static void cursor_setup(const struct vga *v, struct text_frame *f)
{
    uint8_t start = v->crtc[CRTC_CURSOR_START], end = v->crtc[CRTC_CURSOR_END];
    f->cursor_top = start & 0x1Fu;
    f->cursor_bottom = end & 0x1Fu;
    f->cursor_on = !(start & 0x20);
    f->cursor = (uint32_t)v->crtc[CRTC_CURSOR_HI] << 8 | v->crtc[CRTC_CURSOR_LO];
}

/* Read the registers into @f.  Sequencer Clocking Mode: bit 0 = 8-dot
 * characters (else 9), bit 3 = dot clock halved.  Character Map Select:
 * map A = bits 5,3,2, map B = bits 4,1,0.  Attribute Mode Control: bit 2
 * Line Graphics Enable, bit 3 Blink Enable.  CRTC Preset Row Scan bits
 * 4-0: the scan line the top row starts on. */
static void frame_setup(const struct vga *v, struct text_frame *f)
{
    uint8_t clk = v->seq[SEQ_CLOCKING], maps = v->seq[SEQ_CHAR_MAP];
    f->g = vga_text_geometry(v);
    f->cell_dots = (clk & 0x01) ? 8 : 9;
    f->dot_rep = (clk & 0x08) ? 2 : 1;
    f->preset = v->crtc[CRTC_PRESET_ROW] & 0x1Fu;
    f->map_a = char_map_base((maps >> 5 & 1u) << 2 | (maps >> 2 & 3u));
    f->map_b = char_map_base((maps >> 4 & 1u) << 2 | (maps & 3u));
    f->line_graphics = v->attr[ATTR_MODE] & 0x04;
    f->blink = v->attr[ATTR_MODE] & 0x08;
    cursor_setup(v, f);
    for (unsigned c = 0; c < 16; c++)
        dac_colour(v, attr_dac_index(v, c), f->colour[c]);
}

/* ---- drawing ----------------------------------------------------------------- */

/* The dots of one character scan line: bit 8 is the leftmost of 9 dots. */
static unsigned glyph_dots(struct vga *v, const struct text_frame *f, uint8_t ch, uint8_t attr,
                           unsigned scan)
{
    uint32_t map = (attr & 0x08) ? f->map_a : f->map_b;
    unsigned bits = (unsigned)*vga_plane(v, 2, map + ch * GLYPH_STRIDE + scan) << 1;
    if (f->cell_dots == 9 && f->line_graphics && ch >= 0xC0 && ch <= 0xDF)
        bits |= bits >> 1 & 1; /* the 9th dot repeats the 8th */
    return bits;
}

/* Draw scan line @scan of the cell at memory address @ma into @px. */
static uint8_t *draw_cell(struct vga *v, const struct text_frame *f, uint32_t ma, unsigned scan,
                          uint8_t *px)
{
    uint32_t off = vga_crtc_plane_offset(v, ma);
    uint8_t ch = *vga_plane(v, 0, off), attr = *vga_plane(v, 1, off);
    unsigned bits = glyph_dots(v, f, ch, attr, scan);
    if (f->cursor_on && ma == f->cursor && scan >= f->cursor_top && scan <= f->cursor_bottom)
        bits = 0x1FF; /* the cursor shows the foreground colour */
    const uint8_t *fg = f->colour[attr & 0x0F];
    const uint8_t *bg = f->colour[(attr >> 4) & (f->blink ? 0x07 : 0x0F)];
    for (unsigned d = 0; d < f->cell_dots; d++) {
        const uint8_t *c = (bits >> (8 - d) & 1) ? fg : bg;
        for (unsigned r = 0; r < f->dot_rep; r++, px += 3)
            memcpy(px, c, 3);
    }
    return px;
}

/* Draw character scan line @line (counted from the top of the display,
 * before scan doubling) into the pixel row @px. */
static void draw_line(struct vga *v, const struct text_frame *f, unsigned line, uint8_t *px)
{
    unsigned scan = line + f->preset;
    unsigned row = scan / f->g.char_height;
    uint32_t ma = f->g.start + row * f->g.pitch;
    for (unsigned c = 0; c < f->g.cols; c++)
        px = draw_cell(v, f, ma + c, scan % f->g.char_height, px);
}

/* The display is blanked: Sequencer Clocking Mode bit 5 (Screen Off), or
 * the attribute index's Palette Address Source bit 0 (the processor owns
 * the palette and the screen shows no characters). */
static bool display_blanked(const struct vga *v)
{
    return (v->seq[SEQ_CLOCKING] & 0x20) || !(v->attr_index & ATTR_PAS);
}

bool vga_render_text_size(struct vga *v, unsigned *width, unsigned *height)
{
    *width = *height = 0;
    if (!vga_is_text_mode(v))
        return false;
    struct vga_text_geometry g = vga_text_geometry(v);
    uint8_t clk = v->seq[SEQ_CLOCKING];
    *width = g.cols * ((clk & 0x01) ? 8u : 9u) * ((clk & 0x08) ? 2u : 1u);
    *height = g.lines;
    return true;
}

bool vga_render_text(struct vga *v, uint8_t *rgb, size_t size)
{
    unsigned width, height;
    if (!vga_render_text_size(v, &width, &height) || size / 3 / width < height)
        return false;
    size_t pitch = (size_t)width * 3;
    if (display_blanked(v)) {
        memset(rgb, 0, pitch * height);
        return true;
    }
    struct text_frame f;
    frame_setup(v, &f);
    for (unsigned y = 0; y < height; y++)
        draw_line(v, &f, y >> f.g.double_scan, rgb + y * pitch);
    return true;
}
