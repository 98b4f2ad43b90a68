/*
 * tests/device/test_vga_render_text.c - text modes rendered pixel by pixel
 * from fonts loaded into plane 2 the way the BIOS loads them: a custom
 * 8x16 font in 9-dot cells with line graphics, an 8x8 font for 80x50, 40
 * columns with doubled dots, the monochrome mode's underline, blinking
 * characters and the cursor following guest time (the frame number is
 * time x the frame rate computed from the CRTC totals and the dot clock),
 * panning and a split screen.  Expected pixels follow from the IBM VGA
 * Technical Reference's definitions (test_vga_rig.h), not from the
 * renderer.
 */
#include <check.h>

#include "test_vga_rig.h"

enum { W9 = 720, W8 = 640, H = 400 };

/* Store the @rows-line glyph @g of character @ch in character map 0 of
 * plane 2 with the font-loading settings (plane 2 only, sequential, map
 * at A0000), then restore the text-mode settings of @m. */
static void load_glyph(struct rig *r, const struct mode_regs *m, uint8_t ch, const uint8_t *g,
                       unsigned rows)
{
    seq(r, 2, 0x04);
    seq(r, 4, 0x06);
    gc(r, 5, 0x00);
    gc(r, 6, 0x04);
    for (unsigned s = 0; s < 32; s++)
        wmem(r, 0xA0000 + ch * 32u + s, s < rows ? g[s] : 0);
    seq(r, 2, m->seq[2]);
    seq(r, 4, m->seq[4]);
    gc(r, 5, m->gc[5]);
    gc(r, 6, m->gc[6]);
}

/* A glyph for @ch: scan line s is (ch * 37 + s * 11) ^ s, and always has
 * bit 0 set on even lines (so the 9th dot shows line graphics). */
static uint8_t glyph_row(uint8_t ch, unsigned s)
{
    uint8_t v = (uint8_t)((ch * 37u + s * 11u) ^ s);
    return (s & 1) ? v : (uint8_t)(v | 1);
}

static void load_font(struct rig *r, const struct mode_regs *m, const uint8_t *chars, unsigned n,
                      unsigned rows)
{
    for (unsigned k = 0; k < n; k++) {
        uint8_t g[32];
        for (unsigned s = 0; s < rows; s++)
            g[s] = glyph_row(chars[k], s);
        load_glyph(r, m, chars[k], g, rows);
    }
}

/* Character @ch with attribute @at at @row, @col of a @cols-column screen
 * at B8000 (or B0000 for @mono). */
static void put_char(struct rig *r, unsigned cols, unsigned row, unsigned col, uint8_t ch,
                     uint8_t at, bool mono)
{
    uint32_t a = (mono ? 0xB0000 : 0xB8000) + (row * cols + col) * 2;
    wmem(r, a, ch);
    wmem(r, a + 1, at);
}

static void clear_screen(struct rig *r, unsigned cells, bool mono)
{
    for (unsigned k = 0; k < cells; k++)
        put_char(r, 1, 0, k, 0x00, 0x07, mono);
}

/* The expected dot d (0-8) of scan s of character @ch: bit 7 - d of the
 * glyph; the 9th dot repeats the 8th for C0h-DFh when @lge. */
static bool dot_lit(uint8_t ch, unsigned s, unsigned d, bool lge)
{
    uint8_t g = glyph_row(ch, s);
    if (d < 8)
        return g >> (7 - d) & 1;
    return lge && ch >= 0xC0 && ch <= 0xDF && (g & 1);
}

static void text_setup(struct rig *r, const struct mode_regs *m)
{
    set_mode(r, m);
    load_test_dac(r);
    crtc(r, 0x0A, 0x20); /* cursor off unless a test wants it */
}

START_TEST(test_vga_text_custom_font_9_dot_line_graphics)
{
    static const uint8_t chars[] = {'A', 'g', 0xB3, 0xC0, 0xC4, 0xDF, 0xE0, 0xFF};
    struct rig r;
    rig_init(&r);
    text_setup(&r, &mode_03h);
    clear_screen(&r, 80 * 25, false);
    load_font(&r, &mode_03h, chars, sizeof(chars), 16);
    for (unsigned k = 0; k < sizeof(chars); k++)
        put_char(&r, 80, 3, 10 + k, chars[k], (uint8_t)(0x10 * (k + 1) | (15 - k)), false);
    for (unsigned pass = 0; pass < 2; pass++) {
        bool lge = pass == 0; /* mode 3 has Line Graphics Enable; then off */
        if (!lge)
            attr(&r, 0x10, 0x08);
        render_frame(&r, W9, H, false);
        struct px_check c = {0};
        for (unsigned k = 0; k < sizeof(chars); k++)
            for (unsigned s = 0; s < 16; s++)
                for (unsigned d = 0; d < 9; d++) {
                    unsigned fg = 15 - k, bg = (k + 1) & 7; /* bit 3 is blink */
                    unsigned col = dot_lit(chars[k], s, d, lge) ? fg : bg;
                    px_expect(&c, &r, (10 + k) * 9 + d, 3 * 16 + s, dac_rgb(mode_03h.attr[col]));
                }
        px_done(&c);
    }
    check_mode_name(&r, "text 80x25");
    struct vga_frame_info info;
    vga_get_frame_info(r.vga, &info);
    ck_assert_double_eq_tol(info.refresh_hz, 28322000.0 / 900 / 449, 0.01);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_text_80x50_with_8x8_font)
{
    static const uint8_t chars[] = {'x', 0xC5};
    struct rig r;
    rig_init(&r);
    text_setup(&r, &mode_03h);
    seq(&r, 1, 0x01);     /* 8-dot cells: 640 wide */
    crtc(&r, 0x09, 0x47); /* 8 scan lines a row: 400 / 8 = 50 rows */
    clear_screen(&r, 80 * 50, false);
    load_font(&r, &mode_03h, chars, 2, 8);
    put_char(&r, 80, 49, 79, 'x', 0x1E, false);
    put_char(&r, 80, 0, 0, 0xC5, 0x2A, false);
    render_frame(&r, W8, H, false);
    check_mode_name(&r, "text 80x50");
    struct px_check c = {0};
    for (unsigned s = 0; s < 8; s++)
        for (unsigned d = 0; d < 8; d++) {
            px_expect(&c, &r, 79 * 8 + d, 49 * 8 + s,
                      dac_rgb(mode_03h.attr[dot_lit('x', s, d, false) ? 0xE : 0x1]));
            px_expect(&c, &r, d, s, dac_rgb(mode_03h.attr[dot_lit(0xC5, s, d, false) ? 0xA : 0x2]));
        }
    px_done(&c);
    crtc(&r, 0x12, 0x5D); /* 350 scan lines (bit 8 in CR07 stays set): 43 rows */
    check_mode_name(&r, "text 80x43");
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_text_40_columns_doubled_dots)
{
    static const uint8_t chars[] = {'W'};
    struct rig r;
    rig_init(&r);
    text_setup(&r, &mode_01h);
    clear_screen(&r, 40 * 25, false);
    load_font(&r, &mode_01h, chars, 1, 16);
    put_char(&r, 40, 24, 39, 'W', 0x4F, false);
    render_frame(&r, W9, H, false); /* 40 x 9 dots, each two pixels */
    check_mode_name(&r, "text 40x25");
    struct px_check c = {0};
    for (unsigned s = 0; s < 16; s++)
        for (unsigned x = 0; x < 18; x++) {
            unsigned col = dot_lit('W', s, x / 2, true) ? 0xF : 0x4;
            px_expect(&c, &r, 39 * 18 + x, 24 * 16 + s, dac_rgb(mode_01h.attr[col]));
        }
    px_done(&c);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_text_mono_underline)
{
    struct rig r;
    rig_init(&r);
    text_setup(&r, &mode_07h); /* CRTC at 3B4, text at B0000, underline on scan 15 */
    clear_screen(&r, 80 * 25, true);
    attr(&r, 0x02, 0x3F);                     /* palette 2 made distinct from 8 */
    put_char(&r, 80, 0, 0, 0x00, 0x01, true); /* underline */
    put_char(&r, 80, 0, 1, 0x00, 0x09, true); /* bright underline */
    put_char(&r, 80, 0, 2, 0x00, 0x21, true); /* background 2: not underlined */
    put_char(&r, 80, 0, 3, 0x00, 0x07, true); /* normal */
    put_char(&r, 80, 0, 4, 0x00, 0x81, true); /* blinking underline */
    render_frame(&r, W9, H, false);
    check_mode_name(&r, "text 80x25");
    struct px_check c = {0};
    for (unsigned d = 0; d < 9; d++) {
        px_expect(&c, &r, d, 15, dac_rgb(0x08));
        px_expect(&c, &r, d, 14, dac_rgb(0x00));
        px_expect(&c, &r, 9 + d, 15, dac_rgb(0x18));
        px_expect(&c, &r, 18 + d, 15, dac_rgb(0x3F));
        px_expect(&c, &r, 27 + d, 15, dac_rgb(0x00));
        px_expect(&c, &r, 36 + d, 15, dac_rgb(0x08));
    }
    px_done(&c);
    crtc(&r, 0x14, 0x05); /* the underline moves to scan 5 */
    render_frame(&r, W9, H, false);
    ck_assert_uint_eq(pixel(&r, 4, 5), dac_rgb(0x08));
    ck_assert_uint_eq(pixel(&r, 4, 15), dac_rgb(0x00));
    rig_free(&r);
}
END_TEST

/* The frame rate of mode 3: 28.322 MHz / (9 dots x 100 clocks) / 449 lines. */
static uint64_t mode3_frame_ns(unsigned n)
{
    double hz = 28322000.0 / 900 / 449;
    return (uint64_t)((n + 0.5) * 1e9 / hz);
}

START_TEST(test_vga_text_blink_and_cursor_follow_guest_time)
{
    static const uint8_t chars[] = {'B'};
    struct rig r;
    rig_init(&r);
    text_setup(&r, &mode_03h);
    clear_screen(&r, 80 * 25, false);
    load_font(&r, &mode_03h, chars, 1, 16);
    put_char(&r, 80, 0, 0, 'B', 0x9F, false); /* blinking white on blue */
    crtc(&r, 0x0A, 0x0D);                     /* cursor scans 13-14 at row 1, column 2 */
    crtc(&r, 0x0E, 0x00);
    crtc(&r, 0x0F, 82);
    uint32_t fg = dac_rgb(mode_03h.attr[15]), bg = dac_rgb(mode_03h.attr[1]);
    uint32_t black = dac_rgb(0), grey = dac_rgb(mode_03h.attr[7]);
    unsigned lit = 0; /* a lit dot of 'B' on scan 0 */
    while (!dot_lit('B', 0, lit, true))
        lit++;
    static const struct {
        unsigned frame;
        bool chars, cursor;
    } phases[] = {{4, true, true},
                  {12, true, false},
                  {20, false, true},
                  {28, false, false},
                  {36, true, true}};
    for (unsigned k = 0; k < 5; k++) {
        clock_warp_to(&r.clk, mode3_frame_ns(phases[k].frame));
        render_frame(&r, W9, H, true);
        ck_assert_uint_eq(pixel(&r, lit, 0), phases[k].chars ? fg : bg);
        ck_assert_uint_eq(pixel(&r, 18 + 4, 16 + 13), phases[k].cursor ? grey : black);
    }
    render_frame(&r, W9, H, false); /* screendumps: both shown */
    ck_assert_uint_eq(pixel(&r, lit, 0), fg);
    ck_assert_uint_eq(pixel(&r, 18 + 4, 16 + 13), grey);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_text_panning_and_split_screen)
{
    static const uint8_t chars[] = {'P', 'Q'};
    struct rig r;
    rig_init(&r);
    text_setup(&r, &mode_03h);
    clear_screen(&r, 80 * 25, false);
    load_font(&r, &mode_03h, chars, 2, 16);
    put_char(&r, 80, 0, 0, 'P', 0x1F, false);
    put_char(&r, 80, 5, 0, 'Q', 0x2F, false);
    attr(&r, 0x13, 0x00); /* 9-dot cells: pan value 0 moves one dot */
    render_frame(&r, W9, H, false);
    struct px_check c = {0};
    for (unsigned s = 0; s < 16; s++)
        for (unsigned x = 0; x < 8; x++)
            px_expect(&c, &r, x, s, dac_rgb(mode_03h.attr[dot_lit('P', s, x + 1, true) ? 15 : 1]));
    px_done(&c);
    attr(&r, 0x13, 0x08);
    crtc(&r, 0x0C, (5 * 80) >> 8); /* start at row 5; after scan line 199 restart at 0 */
    crtc(&r, 0x0D, (5 * 80) & 0xFF);
    crtc(&r, 0x18, 199);
    crtc(&r, 0x07, 0x0F); /* line compare bit 8 (writable while protected) */
    crtc(&r, 0x09, 0x0F); /* bit 9 off, 16 scan lines */
    attr(&r, 0x10, 0x2C); /* PEL panning compatibility */
    attr(&r, 0x13, 0x02); /* 3 dots, above the split only */
    render_frame(&r, W9, H, false);
    c = (struct px_check){0};
    for (unsigned s = 0; s < 16; s++)
        for (unsigned x = 0; x < 6; x++) {
            px_expect(&c, &r, x, s, dac_rgb(mode_03h.attr[dot_lit('Q', s, x + 3, true) ? 15 : 2]));
            px_expect(&c, &r, x, 200 + s,
                      dac_rgb(mode_03h.attr[dot_lit('P', s, x, true) ? 15 : 1]));
        }
    px_done(&c);
    rig_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vga_render_text");
    TCase *tc = tcase_create("vga_render_text");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_vga_text_custom_font_9_dot_line_graphics);
    tcase_add_test(tc, test_vga_text_80x50_with_8x8_font);
    tcase_add_test(tc, test_vga_text_40_columns_doubled_dots);
    tcase_add_test(tc, test_vga_text_mono_underline);
    tcase_add_test(tc, test_vga_text_blink_and_cursor_follow_guest_time);
    tcase_add_test(tc, test_vga_text_panning_and_split_screen);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
