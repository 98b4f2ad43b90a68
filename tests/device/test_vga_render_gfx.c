/*
 * tests/device/test_vga_render_gfx.c - the VGA graphics modes rendered
 * pixel by pixel: each mode is set with the IBM BIOS register values
 * (test_vga_rig.h), a pattern is written through the legacy window with
 * the mode's own CPU addressing (chain-4, odd/even, map mask, write modes
 * 0-3), and every expected pixel is computed here from the documented
 * memory layout of the mode, the attribute palette and the DAC (IBM VGA
 * Technical Reference): mode 12h after each write mode, 13h (start
 * address, offset, panning, PEL mask, split screen), mode X with page
 * flipping, CGA modes 4 and 6, EGA modes 0Dh, 0Eh and 10h, the line
 * compare with and without PEL panning compatibility, Color Plane Enable.
 */
#include <check.h>
#include <stdio.h>
#include <unistd.h>

#include "devices/vga_dump.h"
#include "test_vga_rig.h"

/* ---- helpers ---------------------------------------------------------------- */

/* The colour a 4-bit pixel @c shows with the attribute palette of @m. */
static uint32_t attr_rgb(const struct mode_regs *m, unsigned c)
{
    return dac_rgb(m->attr[c & 15] & 0x3F);
}

static void check_refresh(struct rig *r, double hz)
{
    struct vga_frame_info info;
    vga_get_frame_info(r->vga, &info);
    ck_assert_double_eq_tol(info.refresh_hz, hz, 0.01);
}

/* Write a 4-bit-per-pixel picture @colour(x, y) of @w x @h into the planes
 * with the map mask, one plane at a time: byte x / 8 of line y, bit 7 - x
 * % 8 of plane p is colour bit p (write mode 0, sequential addressing). */
static void write_planar(struct rig *r, unsigned w, unsigned h,
                         unsigned (*colour)(unsigned, unsigned))
{
    for (unsigned p = 0; p < 4; p++) {
        seq(r, 2, (uint8_t)(1u << p));
        for (unsigned y = 0; y < h; y++)
            for (unsigned bx = 0; bx < w / 8; bx++) {
                uint8_t b = 0;
                for (unsigned i = 0; i < 8; i++)
                    b |= (uint8_t)((colour(bx * 8 + i, y) >> p & 1) << (7 - i));
                wmem(r, 0xA0000 + y * (w / 8) + bx, b);
            }
    }
    seq(r, 2, 0x0F);
}

static void check_planar(struct rig *r, const struct mode_regs *m, unsigned w, unsigned h,
                         unsigned (*colour)(unsigned, unsigned))
{
    struct px_check c = {0};
    render_frame(r, w, h, false);
    for (unsigned y = 0; y < h; y++)
        for (unsigned x = 0; x < w; x++)
            px_expect(&c, r, x, y, attr_rgb(m, colour(x, y)));
    px_done(&c);
}

/* ---- mode 12h and the write modes ---------------------------------------------- */

START_TEST(test_vga_mode12h_write_modes_0_to_3_render)
{
    struct rig r;
    rig_init(&r);
    set_mode(&r, &mode_12h);
    load_test_dac(&r);
    const uint32_t a = 0xA0000;
    wmem(&r, a, 0xA5); /* write mode 0, no set/reset: 0xA5 to all planes */
    gc(&r, 1, 0x0F);   /* enable set/reset, set/reset 5, bit mask F0h */
    gc(&r, 0, 0x05);
    gc(&r, 8, 0xF0);
    rmem(&r, a + 80);
    wmem(&r, a + 80, 0x00);
    gc(&r, 1, 0x00);
    gc(&r, 8, 0xFF);
    wmem(&r, a + 160, 0xFF);
    rmem(&r, a + 160);
    gc(&r, 3, 0x19); /* rotate right 1, XOR: 81h -> C0h, ^ latch FFh = 3Fh */
    wmem(&r, a + 160, 0x81);
    gc(&r, 3, 0x00);
    gc(&r, 5, 0x01); /* write mode 1: row 0 byte 0 copied to row 3 byte 5 */
    rmem(&r, a);
    wmem(&r, a + 240 + 5, 0x00);
    gc(&r, 5, 0x02); /* write mode 2: colour 9 under bit mask 3Ch */
    gc(&r, 8, 0x3C);
    rmem(&r, a + 320 + 1);
    wmem(&r, a + 320 + 1, 0x09);
    gc(&r, 5, 0x03); /* write mode 3: set/reset 12, mask = bit mask & data 0Fh */
    gc(&r, 8, 0xFF);
    gc(&r, 0, 0x0C);
    rmem(&r, a + 400 + 2);
    wmem(&r, a + 400 + 2, 0x0F);
    gc(&r, 5, 0x02); /* write mode 2 with map mask 3: colour 15 reaches planes 0-1 */
    seq(&r, 2, 0x03);
    wmem(&r, a + 480, 0x0F);
    render_frame(&r, 640, 480, false);
    for (unsigned i = 0; i < 8; i++) {
        unsigned bit = 7 - i;
        ck_assert_uint_eq(pixel(&r, i, 0), attr_rgb(&mode_12h, (0xA5 >> bit & 1) ? 15 : 0));
        ck_assert_uint_eq(pixel(&r, i, 1), attr_rgb(&mode_12h, i < 4 ? 5 : 0));
        ck_assert_uint_eq(pixel(&r, i, 2), attr_rgb(&mode_12h, (0x3F >> bit & 1) ? 15 : 0));
        ck_assert_uint_eq(pixel(&r, 40 + i, 3), pixel(&r, i, 0));
        ck_assert_uint_eq(pixel(&r, 8 + i, 4), attr_rgb(&mode_12h, (0x3C >> bit & 1) ? 9 : 0));
        ck_assert_uint_eq(pixel(&r, 16 + i, 5), attr_rgb(&mode_12h, i >= 4 ? 12 : 0));
        ck_assert_uint_eq(pixel(&r, i, 6), attr_rgb(&mode_12h, 3));
    }
    ck_assert_uint_eq(pixel(&r, 639, 479), attr_rgb(&mode_12h, 0));
    check_mode_name(&r, "VGA 640x480x4");
    check_refresh(&r, 25175000.0 / 800 / 525);
    attr(&r, 0x12, 0x07); /* Color Plane Enable: colour 15 -> 7 */
    render_frame(&r, 640, 480, false);
    ck_assert_uint_eq(pixel(&r, 0, 0), attr_rgb(&mode_12h, 7));
    check_mode_name(&r, "VGA 640x480x3");
    rig_free(&r);
}
END_TEST

static unsigned stripes(unsigned x, unsigned y)
{
    return ((x / 5) + (y / 3)) & 15;
}

/* Line compare: CR18 with bit 8 in CR07 bit 4 and bit 9 in CR09 bit 6. */
static void set_line_compare(struct rig *r, unsigned lc, uint8_t cr07, uint8_t cr09)
{
    crtc(r, 0x18, (uint8_t)lc);
    crtc(r, 0x07, (uint8_t)((cr07 & ~0x10) | (lc >> 8 & 1) << 4));
    crtc(r, 0x09, (uint8_t)((cr09 & ~0x40) | (lc >> 9 & 1) << 6));
}

START_TEST(test_vga_mode12h_split_screen_and_panning)
{
    struct rig r;
    rig_init(&r);
    set_mode(&r, &mode_12h);
    load_test_dac(&r);
    write_planar(&r, 640, 480, stripes);
    crtc(&r, 0x0C, (80 * 100) >> 8); /* start at line 100 */
    crtc(&r, 0x0D, (80 * 100) & 0xFF);
    set_line_compare(&r, 239, mode_12h.crtc[7], mode_12h.crtc[9]);
    attr(&r, 0x13, 3);    /* pan 3 pixels */
    attr(&r, 0x10, 0x21); /* PEL panning compatibility: none below the split */
    render_frame(&r, 640, 480, false);
    struct px_check c = {0};
    for (unsigned y = 0; y < 480; y++)
        for (unsigned x = 0; x < 637; x++) {
            unsigned top = stripes(x + 3, y + 100), bottom = stripes(x, y - 240);
            px_expect(&c, &r, x, y, attr_rgb(&mode_12h, y <= 239 ? top : bottom));
        }
    px_done(&c);
    /* panning past the end of the line shows the next address: line 101 */
    ck_assert_uint_eq(pixel(&r, 639, 0), attr_rgb(&mode_12h, stripes(2, 101)));
    ck_assert_uint_eq(pixel(&r, 639, 240), attr_rgb(&mode_12h, stripes(639, 0)));
    attr(&r, 0x10, 0x01); /* without compatibility the lower part pans too */
    render_frame(&r, 640, 480, false);
    ck_assert_uint_eq(pixel(&r, 0, 240), attr_rgb(&mode_12h, stripes(3, 0)));
    ck_assert_uint_eq(pixel(&r, 0, 239), attr_rgb(&mode_12h, stripes(3, 339)));
    rig_free(&r);
}
END_TEST

/* ---- EGA modes 0Dh, 0Eh, 10h ------------------------------------------------------- */

START_TEST(test_vga_ega_planar_modes)
{
    struct rig r;
    rig_init(&r);
    load_test_dac(&r);
    set_mode(&r, &mode_0dh); /* dot clock halved, double scan: still 320x200 */
    write_planar(&r, 320, 200, stripes);
    check_planar(&r, &mode_0dh, 320, 200, stripes);
    check_mode_name(&r, "VGA 320x200x4");
    check_refresh(&r, 25175000.0 / 2 / 400 / 449);
    set_mode(&r, &mode_0eh);
    write_planar(&r, 640, 200, stripes);
    check_planar(&r, &mode_0eh, 640, 200, stripes);
    check_mode_name(&r, "VGA 640x200x4");
    set_mode(&r, &mode_10h);
    write_planar(&r, 640, 350, stripes);
    check_planar(&r, &mode_10h, 640, 350, stripes);
    check_mode_name(&r, "VGA 640x350x4");
    check_refresh(&r, 25175000.0 / 800 / 449);
    rig_free(&r);
}
END_TEST

/* ---- mode 13h ------------------------------------------------------------------------ */

/* Pattern of linear byte @a of mode 13h memory (chain-4: byte a of
 * A0000 is pixel (a % 320, a / 320)). */
static unsigned m13(unsigned a)
{
    return ((a % 320) * 7 + (a / 320) * 3) & 0xFF;
}

/* Check frame rows 0 to @rows - 1 against @expect. */
static void check_13h(struct rig *r, unsigned rows, unsigned (*expect)(unsigned x, unsigned y))
{
    struct px_check c = {0};
    render_frame(r, 320, 200, false);
    for (unsigned y = 0; y < rows; y++)
        for (unsigned x = 0; x < 320; x++)
            px_expect(&c, r, x, y, dac_rgb(expect(x, y)));
    px_done(&c);
}

static unsigned m13_plain(unsigned x, unsigned y)
{
    return m13(y * 320 + x);
}

static unsigned m13_start_pan(unsigned x, unsigned y)
{
    return m13(80 + y * 320 + x + 1); /* start address 20 (x 4 bytes), pan 1 */
}

static unsigned m13_wide(unsigned x, unsigned y)
{
    return m13(y * 640 + x); /* CR13 = 50h: 640 bytes per line */
}

static unsigned m13_split(unsigned x, unsigned y)
{
    return y < 100 ? m13((y + 10) * 320 + x + 1) : m13((y - 100) * 320 + x);
}

START_TEST(test_vga_mode13h_chain4_start_offset_pan_split)
{
    struct rig r;
    rig_init(&r);
    set_mode(&r, &mode_13h);
    load_test_dac(&r);
    for (unsigned a = 0; a < 0x10000; a++)
        wmem(&r, 0xA0000 + a, (uint8_t)m13(a));
    check_13h(&r, 200, m13_plain);
    check_mode_name(&r, "VGA 320x200x8");
    check_refresh(&r, 25175000.0 / 800 / 449);
    crtc(&r, 0x0C, 0);
    crtc(&r, 0x0D, 20);
    attr(&r, 0x13, 2); /* 256-colour panning: 2 = one pixel */
    check_13h(&r, 200, m13_start_pan);
    crtc(&r, 0x0D, 0);
    attr(&r, 0x13, 0);
    crtc(&r, 0x13, 0x50);
    check_13h(&r, 102, m13_wide); /* the lines inside the 64K plane */
    crtc(&r, 0x13, 0x28);
    crtc(&r, 0x0D, 80 * 10 & 0xFF); /* start at line 10, split after scan line 199 */
    crtc(&r, 0x0C, 80 * 10 >> 8);
    attr(&r, 0x13, 2);
    attr(&r, 0x10, 0x61);
    set_line_compare(&r, 199, mode_13h.crtc[7], mode_13h.crtc[9]);
    check_13h(&r, 200, m13_split);
    out8(&r, 0x3C6, 0x0F); /* PEL mask */
    render_frame(&r, 320, 200, false);
    ck_assert_uint_eq(pixel(&r, 5, 150), dac_rgb(m13(50 * 320 + 5) & 0x0F));
    rig_free(&r);
}
END_TEST

/* ---- mode X -------------------------------------------------------------------------- */

static unsigned mx(unsigned x, unsigned y)
{
    return (x ^ (y * 5)) & 0xFF;
}

START_TEST(test_vga_mode_x_unchained_and_page_flip)
{
    struct rig r;
    rig_init(&r);
    set_mode(&r, &mode_x);
    load_test_dac(&r);
    for (unsigned p = 0; p < 4; p++) { /* pixel x is plane x % 4, byte y * 80 + x / 4 */
        seq(&r, 2, (uint8_t)(1u << p));
        for (unsigned y = 0; y < 240; y++)
            for (unsigned x = p; x < 320; x += 4)
                wmem(&r, 0xA0000 + y * 80 + x / 4, (uint8_t)mx(x, y));
        for (unsigned x = p; x < 320; x += 4) /* page 2, line 0, at 19200 */
            wmem(&r, 0xA0000 + 19200 + x / 4, (uint8_t)(x + 1));
    }
    render_frame(&r, 320, 240, false);
    struct px_check c = {0};
    for (unsigned y = 0; y < 240; y++)
        for (unsigned x = 0; x < 320; x++)
            px_expect(&c, &r, x, y, dac_rgb(mx(x, y)));
    px_done(&c);
    check_mode_name(&r, "VGA 320x240x8");
    check_refresh(&r, 25175000.0 / 800 / 527); /* vertical total 20Dh + 2 */
    crtc(&r, 0x0C, 19200 >> 8);
    crtc(&r, 0x0D, 19200 & 0xFF);
    render_frame(&r, 320, 240, false);
    c = (struct px_check){0};
    for (unsigned x = 0; x < 320; x++)
        px_expect(&c, &r, x, 0, dac_rgb((x + 1) & 0xFF));
    px_done(&c);
    rig_free(&r);
}
END_TEST

/* ---- CGA modes 4 and 6 ------------------------------------------------------------- */

static unsigned cga4(unsigned x, unsigned y)
{
    return ((x & 3) + (x >> 2) + y) & 3; /* differs between the two bytes of a clock */
}

START_TEST(test_vga_mode4_cga_interleave)
{
    struct rig r;
    rig_init(&r);
    set_mode(&r, &mode_04h);
    load_test_dac(&r);
    /* CGA layout: line y at B8000 + (y & 1) * 2000h + (y >> 1) * 80, four
     * pixels a byte, bits 7-6 leftmost (odd/even: even bytes plane 0, odd
     * bytes plane 1) */
    for (unsigned y = 0; y < 200; y++)
        for (unsigned bx = 0; bx < 80; bx++) {
            uint8_t b = 0;
            for (unsigned p = 0; p < 4; p++)
                b |= (uint8_t)(cga4(bx * 4 + p, y) << (6 - 2 * p));
            wmem(&r, 0xB8000 + (y & 1) * 0x2000 + (y >> 1) * 80 + bx, b);
        }
    render_frame(&r, 320, 200, false);
    struct px_check c = {0};
    for (unsigned y = 0; y < 200; y++)
        for (unsigned x = 0; x < 320; x++)
            px_expect(&c, &r, x, y, attr_rgb(&mode_04h, cga4(x, y)));
    px_done(&c);
    check_mode_name(&r, "VGA 320x200x2");
    check_refresh(&r, 25175000.0 / 2 / 400 / 449);
    rig_free(&r);
}
END_TEST

static unsigned cga6(unsigned x, unsigned y)
{
    return ((x / 3) ^ y) & 1;
}

START_TEST(test_vga_mode6_cga_two_colour)
{
    struct rig r;
    rig_init(&r);
    set_mode(&r, &mode_06h);
    load_test_dac(&r);
    for (unsigned y = 0; y < 200; y++) /* eight pixels a byte, bit 7 leftmost */
        for (unsigned bx = 0; bx < 80; bx++) {
            uint8_t b = 0;
            for (unsigned i = 0; i < 8; i++)
                b |= (uint8_t)(cga6(bx * 8 + i, y) << (7 - i));
            wmem(&r, 0xB8000 + (y & 1) * 0x2000 + (y >> 1) * 80 + bx, b);
        }
    render_frame(&r, 640, 200, false);
    struct px_check c = {0};
    for (unsigned y = 0; y < 200; y++)
        for (unsigned x = 0; x < 640; x++)
            px_expect(&c, &r, x, y, attr_rgb(&mode_06h, cga6(x, y)));
    px_done(&c);
    check_mode_name(&r, "VGA 640x200x1");
    rig_free(&r);
}
END_TEST

/* A pattern telling the four banks of a character row apart. */
static unsigned banks(unsigned x, unsigned y)
{
    return ((x / 3) ^ (y >> 1)) & 1;
}

/* CR17 bits 0 and 1 both clear: row scan bits 0-1 replace address bits
 * 13-14, so a 4-line character row reads four 8 KiB banks (the Hercules
 * layout): line y is bank y % 4 at (y / 4) * 80. */
START_TEST(test_vga_row_scan_substitution_four_banks)
{
    struct rig r;
    rig_init(&r);
    set_mode(&r, &mode_06h);
    load_test_dac(&r);
    crtc(&r, 0x09, 0x03); /* 4 scan lines a row, no double scan */
    crtc(&r, 0x17, 0xC0); /* byte mode, both substitutions */
    for (unsigned y = 0; y < 400; y++)
        for (unsigned bx = 0; bx < 80; bx++) {
            uint8_t b = 0;
            for (unsigned i = 0; i < 8; i++)
                b |= (uint8_t)(banks(bx * 8 + i, y) << (7 - i));
            wmem(&r, 0xB8000 + (y & 3) * 0x2000 + (y >> 2) * 80 + bx, b);
        }
    render_frame(&r, 640, 400, false); /* the lines differ: none folded */
    struct px_check c = {0};
    for (unsigned y = 0; y < 400; y++)
        for (unsigned x = 0; x < 640; x++)
            px_expect(&c, &r, x, y, attr_rgb(&mode_06h, banks(x, y)));
    px_done(&c);
    check_mode_name(&r, "VGA 640x400x1");
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_blanked_frames_are_black)
{
    struct rig r;
    rig_init(&r);
    set_mode(&r, &mode_13h);
    load_test_dac(&r);
    wmem(&r, 0xA0000, 0x42);
    seq(&r, 1, 0x21); /* Screen Off */
    struct vga_frame_info info;
    vga_get_frame_info(r.vga, &info);
    ck_assert(info.blanked);
    render_frame(&r, 320, 200, false);
    ck_assert_uint_eq(pixel(&r, 0, 0), 0);
    seq(&r, 1, 0x01);
    render_frame(&r, 320, 200, false);
    ck_assert_uint_eq(pixel(&r, 0, 0), dac_rgb(0x42));
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_dump_png_of_graphics_mode)
{
    struct rig r;
    rig_init(&r);
    set_mode(&r, &mode_13h);
    load_test_dac(&r);
    char path[] = "/tmp/test_vga_gfx_XXXXXX.png";
    int fd = mkstemps(path, 4);
    ck_assert_int_ge(fd, 0);
    close(fd);
    ck_assert_ptr_null(vga_dump(r.vga, path));
    FILE *f = fopen(path, "rb");
    uint8_t head[24];
    ck_assert_uint_eq(fread(head, 1, sizeof(head), f), sizeof(head));
    fclose(f);
    /* signature, IHDR length 13, "IHDR", width 320, height 200 */
    ck_assert_int_eq(memcmp(head, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x01\x40\0\0\0\xc8", 24), 0);
    unlink(path);
    char txt[] = "/tmp/test_vga_gfx_XXXXXX.txt";
    fd = mkstemps(txt, 4);
    ck_assert_int_ge(fd, 0);
    close(fd);
    unlink(txt);
    ck_assert_str_eq(vga_dump(r.vga, txt),
                     "the display is not in a text mode (a .png dump shows any mode)");
    ck_assert_int_ne(access(txt, F_OK), 0); /* no file created */
    rig_free(&r);
}
END_TEST

/* Any register values give a frame within the CRTC's limits that renders
 * without touching memory outside the buffer (run under ASan in CI). */
START_TEST(test_vga_render_register_fuzz)
{
    static const uint16_t ports[] = {0x3C4, 0x3C5, 0x3CE, 0x3CF, 0x3D4, 0x3D5,
                                     0x3C0, 0x3C6, 0x3C8, 0x3C9, 0x3C2, 0x3DA};
    struct rig r;
    rig_init(&r);
    uint32_t *big = malloc((size_t)4608 * 1024 * sizeof(*big));
    ck_assert_ptr_nonnull(big);
    uint32_t seed = 12345;
    for (unsigned k = 0; k < 0x20000; k++) /* some memory to draw */
        big[k] = seed = seed * 1103515245u + 12345u;
    for (unsigned k = 0; k < 0x40000; k++)
        wmem(&r, RIG_LFB + k, (uint8_t)(big[k / 4] >> (8 * (k & 3))));
    for (unsigned round = 0; round < 300; round++) {
        for (unsigned n = 0; n < 40; n++) {
            seed = seed * 1103515245u + 12345u;
            uint16_t port = ports[(seed >> 16) % 12];
            if (port == 0x3DA)
                in8(&r, port);
            else
                out8(&r, port, (uint8_t)(seed >> 8));
        }
        if (round % 50 == 49) { /* now and then a DISPI mode */
            set_mode(&r, &mode_13h);
            dispi(&r, VBE_DISPI_INDEX_XRES, (uint16_t)(8 * (1 + (seed >> 20) % 320)));
            dispi(&r, VBE_DISPI_INDEX_YRES, (uint16_t)(1 + (seed >> 8) % 1600));
            dispi(&r, VBE_DISPI_INDEX_BPP,
                  (uint16_t)((const unsigned[]){4, 8, 15, 16, 24, 32})[seed % 6]);
            dispi(&r, VBE_DISPI_INDEX_ENABLE, VBE_DISPI_ENABLED | VBE_DISPI_NOCLEARMEM);
            dispi(&r, VBE_DISPI_INDEX_X_OFFSET, (uint16_t)seed);
            dispi(&r, VBE_DISPI_INDEX_Y_OFFSET, (uint16_t)(seed >> 16));
        }
        struct vga_frame_info info;
        vga_get_frame_info(r.vga, &info);
        ck_assert_uint_le(info.width, 4608);
        ck_assert_uint_le(info.height, 1600);
        ck_assert(vga_render(r.vga, big, info.width, info.width, info.height, true));
        unsigned y0, y1;
        ck_assert(
            vga_render_update(r.vga, big, info.width, info.width, info.height, false, &y0, &y1));
        ck_assert_uint_le(y1, info.height);
        if (round % 50 == 49)
            dispi(&r, VBE_DISPI_INDEX_ENABLE, 0);
    }
    free(big);
    rig_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vga_render_gfx");
    TCase *tc = tcase_create("vga_render_gfx");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_vga_mode12h_write_modes_0_to_3_render);
    tcase_add_test(tc, test_vga_mode12h_split_screen_and_panning);
    tcase_add_test(tc, test_vga_ega_planar_modes);
    tcase_add_test(tc, test_vga_mode13h_chain4_start_offset_pan_split);
    tcase_add_test(tc, test_vga_mode_x_unchained_and_page_flip);
    tcase_add_test(tc, test_vga_mode4_cga_interleave);
    tcase_add_test(tc, test_vga_mode6_cga_two_colour);
    tcase_add_test(tc, test_vga_row_scan_substitution_four_banks);
    tcase_add_test(tc, test_vga_blanked_frames_are_black);
    tcase_add_test(tc, test_vga_dump_png_of_graphics_mode);
    tcase_add_test(tc, test_vga_render_register_fuzz);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
