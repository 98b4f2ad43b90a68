/*
 * devices/vga_text.c - the text screen as UTF-8, read the way the CRTC
 * scans it (IBM VGA Technical Reference, "CRT Controller Registers"):
 *   columns   = Horizontal Display End (CR01) + 1
 *   scan lines = Vertical Display End (CR12, bit 8 in CR07 bit 1, bit 9 in
 *               CR07 bit 6) + 1, halved when CR09 bit 7 doubles scans
 *   rows      = scan lines / character height (CR09 bits 4-0, + 1)
 *   row k starts at memory address Start Address (CR0C:CR0D) + k * 2 *
 *   Offset (CR13); the memory address MA becomes a plane offset by the
 *   CRTC's addressing mode: doubleword (CR14 bit 6) MA << 2 | MA15-14,
 *   word (CR17 bit 6 = 0) MA << 1 | MA13 or MA15 (CR17 bit 5), byte MA.
 * The character is plane 0 and its attribute plane 1 at that offset.
 * CP437 is converted to Unicode with the usual glyph meanings of the
 * control range (0x01 = U+263A ...), 0x00 and 0xFF shown as blanks.
 * Invariant: the output never exceeds @size bytes including the NUL.
 */
#include "vga_internal.h"

/* CP437 code points: 0x00-0x1F, then 0x7F-0xFF (0x20-0x7E are ASCII). */
static const uint16_t cp437_low[32] = {
    0x0020, 0x263A, 0x263B, 0x2665, 0x2666, 0x2663, 0x2660, 0x2022, 0x25D8, 0x25CB, 0x25D9,
    0x2642, 0x2640, 0x266A, 0x266B, 0x263C, 0x25BA, 0x25C4, 0x2195, 0x203C, 0x00B6, 0x00A7,
    0x25AC, 0x21A8, 0x2191, 0x2193, 0x2192, 0x2190, 0x221F, 0x2194, 0x25B2, 0x25BC,
};

static const uint16_t cp437_high[129] = {
    0x2302, 0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8,
    0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB,
    0x00F9, 0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3,
    0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB,
    0x00BB, 0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551,
    0x2557, 0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E,
    0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, 0x2568, 0x2564, 0x2565,
    0x2559, 0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590,
    0x2580, 0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4, 0x03A6, 0x0398, 0x03A9,
    0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7,
    0x2248, 0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x0020,
};

static unsigned cp437_to_unicode(uint8_t c)
{
    if (c < 0x20)
        return cp437_low[c];
    if (c < 0x7F)
        return c;
    return cp437_high[c - 0x7F];
}

/* ---- output buffer -------------------------------------------------------------- */

struct out {
    char *buf;
    size_t size;
    size_t len;    /**< bytes of the whole text, stored or not */
    size_t stored; /**< bytes in buf; a sequence that does not fit ends it */
    bool full;
};

/* Append the @n-byte sequence @b whole, or stop storing. */
static void put_seq(struct out *o, const unsigned char *b, size_t n)
{
    if (!o->full && o->stored + n < o->size) {
        for (size_t k = 0; k < n; k++)
            o->buf[o->stored++] = (char)b[k];
    } else {
        o->full = true;
    }
    o->len += n;
}

static void put_utf8(struct out *o, unsigned cp)
{
    unsigned char b[3];
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        put_seq(o, b, 1);
    } else if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | cp >> 6);
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        put_seq(o, b, 2);
    } else {
        b[0] = (unsigned char)(0xE0 | cp >> 12);
        b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        put_seq(o, b, 3);
    }
}

/* ---- CRTC geometry ------------------------------------------------------------------ */

bool vga_is_text_mode(const struct vga *v)
{
    return !vga_vbe_enabled(v) && !(v->gc[GC_MISC] & 1) && !(v->attr[ATTR_MODE] & 1);
}

struct vga_text_geometry vga_text_geometry(const struct vga *v)
{
    const uint8_t *cr = v->crtc;
    unsigned vde =
        cr[CRTC_VDISP_END] | (cr[CRTC_OVERFLOW] >> 1 & 1) << 8 | (cr[CRTC_OVERFLOW] >> 6 & 1) << 9;
    unsigned lines = (vde + 1) >> (cr[CRTC_MAX_SCAN] >> 7);
    unsigned height = (cr[CRTC_MAX_SCAN] & 0x1F) + 1u;
    struct vga_text_geometry g = {
        .cols = cr[CRTC_HDISP_END] + 1u,
        .rows = lines / height,
        .lines = vde + 1,
        .char_height = height,
        .double_scan = cr[CRTC_MAX_SCAN] >> 7,
        .start = (uint32_t)cr[CRTC_START_HI] << 8 | cr[CRTC_START_LO],
        .pitch = 2u * cr[CRTC_OFFSET],
    };
    return g;
}

uint32_t vga_crtc_plane_offset(const struct vga *v, uint32_t ma)
{
    uint32_t off;
    if (v->crtc[CRTC_UNDERLINE] & 0x40)
        off = ma << 2 | (ma >> 14 & 3);
    else if (!(v->crtc[CRTC_MODE] & 0x40))
        off = ma << 1 | ((v->crtc[CRTC_MODE] & 0x20) ? ma >> 15 & 1 : ma >> 13 & 1);
    else
        off = ma;
    return off & (VGA_PLANE_SIZE - 1);
}

/* One row: its characters with trailing blanks removed, then '\n'. */
static void put_row(struct vga *v, struct out *o, uint32_t ma, unsigned cols)
{
    unsigned used = 0;
    for (unsigned c = 0; c < cols; c++) {
        uint8_t ch = *vga_plane(v, 0, vga_crtc_plane_offset(v, ma + c));
        if (cp437_to_unicode(ch) != ' ')
            used = c + 1;
    }
    for (unsigned c = 0; c < used; c++)
        put_utf8(o, cp437_to_unicode(*vga_plane(v, 0, vga_crtc_plane_offset(v, ma + c))));
    put_utf8(o, '\n');
}

int vga_text_snapshot(struct vga *v, char *buf, size_t size, unsigned *cols, unsigned *rows)
{
    struct vga_text_geometry g = {0};
    bool text = vga_is_text_mode(v);
    if (text)
        g = vga_text_geometry(v);
    if (cols)
        *cols = g.cols;
    if (rows)
        *rows = g.rows;
    if (size)
        buf[0] = '\0';
    if (!text)
        return -1;
    struct out o = {buf, size, 0, 0, false};
    for (unsigned r = 0; r < g.rows; r++)
        put_row(v, &o, g.start + r * g.pitch, g.cols);
    if (size)
        buf[o.stored] = '\0';
    return (int)o.len;
}
