/*
 * tests/device/test_vga_render.c - the text-mode renderer and the PNG
 * screendump of the standard VGA, driven only through its ports and the
 * legacy window: mode 3 is programmed the way the BIOS does, a glyph is
 * loaded into plane 2 with the font-loading register settings, and the
 * DAC gets known colours.  Expected pixels follow from the IBM VGA
 * Technical Reference (Clocking Mode, Character Map Select, Attribute Mode
 * Control, palette, Color Select, Cursor Start/End/Location registers),
 * not from the renderer's code.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board/bus.h"
#include "board/clock.h"
#include "devices/vga.h"
#include "devices/vga_dump.h"
#include "devices/vga_render.h"

enum { W9 = 720, W8 = 640, H = 400, TEXT = 0xB8000 };

struct rig {
    struct clock clk;
    struct bus *io, *mmio;
    struct vga *vga;
    uint32_t px[W9 * H];
};

static void out8(struct rig *r, uint16_t port, uint8_t v)
{
    bus_write(r->io, port, v, 1);
}
static void wmem(struct rig *r, uint32_t a, uint8_t v)
{
    bus_write(r->mmio, a, v, 1);
}

static void indexed(struct rig *r, uint16_t port, uint8_t i, uint8_t v)
{
    out8(r, port, i);
    out8(r, port + 1, v);
}

static void seq(struct rig *r, uint8_t i, uint8_t v)
{
    indexed(r, 0x3C4, i, v);
}
static void gc(struct rig *r, uint8_t i, uint8_t v)
{
    indexed(r, 0x3CE, i, v);
}
static void crtc(struct rig *r, uint8_t i, uint8_t v)
{
    indexed(r, 0x3D4, i, v);
}

/* Attribute register @i (index written with PAS = 0, then PAS back on). */
static void attr(struct rig *r, uint8_t i, uint8_t v)
{
    bus_read(r->io, 0x3DA, 1); /* flip-flop to "index" */
    out8(r, 0x3C0, i);
    out8(r, 0x3C0, v);
    out8(r, 0x3C0, 0x20);
}

/* DAC entry @i = 6-bit @red, @green, @blue. */
static void dac(struct rig *r, uint8_t i, uint8_t red, uint8_t green, uint8_t blue)
{
    out8(r, 0x3C8, i);
    out8(r, 0x3C9, red);
    out8(r, 0x3C9, green);
    out8(r, 0x3C9, blue);
}

/* Mode 3 (80x25, 9x16 cells, 720x400) register values, IBM VGA Technical
 * Reference, BIOS parameter table for modes 3+. */
static const uint8_t mode3_seq[5] = {0x03, 0x00, 0x03, 0x00, 0x02};
static const uint8_t mode3_crtc[25] = {0x5F, 0x4F, 0x50, 0x82, 0x55, 0x81, 0xBF, 0x1F, 0x00,
                                       0x4F, 0x0D, 0x0E, 0x00, 0x00, 0x00, 0x00, 0x9C, 0x8E,
                                       0x8F, 0x28, 0x1F, 0x96, 0xB9, 0xA3, 0xFF};
static const uint8_t mode3_gc[9] = {0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x0E, 0x00, 0xFF};
static const uint8_t mode3_attr[21] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14,
                                       0x07, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D,
                                       0x3E, 0x3F, 0x0C, 0x00, 0x0F, 0x08, 0x00};

static void set_mode3(struct rig *r)
{
    out8(r, 0x3C2, 0x67);
    for (uint8_t i = 0; i < 5; i++)
        seq(r, i, mode3_seq[i]);
    crtc(r, 0x11, 0x00);
    for (uint8_t i = 0; i < 25; i++)
        crtc(r, i, mode3_crtc[i]);
    for (uint8_t i = 0; i < 9; i++)
        gc(r, i, mode3_gc[i]);
    for (uint8_t i = 0; i < 21; i++)
        attr(r, i, mode3_attr[i]);
}

/* Colours: DAC 0 black, 1 blue (0,0,42), 7 grey 42, 0x39 (palette 9)
 * light blue (21,21,63), 0x3F white 63; all else a dim red. */
static void set_colours(struct rig *r)
{
    for (unsigned i = 0; i < 256; i++)
        dac(r, (uint8_t)i, 10, 0, 0);
    dac(r, 0x00, 0, 0, 0);
    dac(r, 0x01, 0, 0, 42);
    dac(r, 0x07, 42, 42, 42);
    dac(r, 0x39, 21, 21, 63);
    dac(r, 0x3F, 63, 63, 63);
}

/* Store glyph @rows (16 scan lines) of character @ch in the character map
 * at plane 2 offset @map, with the font-loading settings (plane 2 only,
 * sequential addressing at A0000), then return to text addressing. */
static void load_glyph(struct rig *r, uint32_t map, uint8_t ch, const uint8_t rows[16])
{
    seq(r, 2, 0x04);
    seq(r, 4, 0x06);
    gc(r, 5, 0x00);
    gc(r, 6, 0x04);
    for (unsigned s = 0; s < 32; s++)
        wmem(r, 0xA0000 + map + ch * 32u + s, s < 16 ? rows[s] : 0);
    seq(r, 2, 0x03);
    seq(r, 4, 0x02);
    gc(r, 5, 0x10);
    gc(r, 6, 0x0E);
}

/* Character @ch with attribute @at at row @row, column @col. */
static void put_char(struct rig *r, unsigned row, unsigned col, uint8_t ch, uint8_t at)
{
    uint32_t a = TEXT + (row * 80 + col) * 2;
    wmem(r, a, ch);
    wmem(r, a + 1, at);
}

/* Glyph: scan 0 has the leftmost and 8th dots, scans 1-15 are blank. */
static const uint8_t edge_glyph[16] = {0x81};
/* Glyph: every scan line is the 8th dot only. */
static const uint8_t right_glyph[16] = {0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
                                        0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01};

static void rig_init(struct rig *r)
{
    memset(r, 0, sizeof(*r));
    clock_init(&r->clk, CLOCK_MANUAL, 0, NULL, NULL);
    r->io = bus_create("port", NULL, CPU_LOG_UNIMP);
    r->mmio = bus_create("mmio", NULL, CPU_LOG_GUEST_ERRORS);
    r->vga = vga_create(r->io, &r->clk);
    ck_assert_ptr_nonnull(r->vga);
    ck_assert_int_eq(vga_map_legacy(r->vga, r->mmio), 0);
    set_mode3(r);
    set_colours(r);
    for (unsigned k = 0; k < 80 * 25; k++)
        put_char(r, k / 80, k % 80, 0x20, 0x07); /* blank glyph 0x20: all zero */
    crtc(r, 0x0E, 0x07);                         /* cursor out of the way: last cell */
    crtc(r, 0x0F, 0xCF);
}

static void rig_free(struct rig *r)
{
    vga_destroy(r->vga);
    bus_destroy(r->mmio);
    bus_destroy(r->io);
}

/* Render the whole frame (cursor and blink shown), expecting a @w x H
 * text screen. */
static void render(struct rig *r, unsigned w)
{
    struct vga_frame_info info;
    vga_get_frame_info(r->vga, &info);
    ck_assert_uint_eq(info.width, w);
    ck_assert_uint_eq(info.height, H);
    ck_assert(vga_render(r->vga, r->px, w, w, H, false));
}

/* The pixel at @x, @y of a @w-wide image as 0xRRGGBB. */
static uint32_t px(const struct rig *r, unsigned w, unsigned x, unsigned y)
{
    return r->px[y * w + x];
}

/* 6-bit DAC values widened: 63 -> FF, 42 -> AA, 21 -> 55, 10 -> 28. */
enum {
    WHITE = 0xFFFFFF,
    BLUE = 0x0000AA,
    GREY = 0xAAAAAA,
    LIGHT_BLUE = 0x5555FF,
    BLACK = 0,
    DIM_RED = 0x280000,
};

START_TEST(test_vga_render_glyph_colours_9_dot_cells)
{
    struct rig r;
    rig_init(&r);
    load_glyph(&r, 0, 'A', edge_glyph);
    put_char(&r, 0, 1, 'A', 0x1F); /* white on blue, cell x 9-17 */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 9, 0), WHITE);     /* dot 1 */
    ck_assert_uint_eq(px(&r, W9, 10, 0), BLUE);     /* dot 2 */
    ck_assert_uint_eq(px(&r, W9, 16, 0), WHITE);    /* dot 8 */
    ck_assert_uint_eq(px(&r, W9, 17, 0), BLUE);     /* 9th dot of a letter: background */
    ck_assert_uint_eq(px(&r, W9, 9, 1), BLUE);      /* scan 1 blank */
    ck_assert_uint_eq(px(&r, W9, 8, 0), BLACK);     /* cell 0: blank, black bg */
    ck_assert_uint_eq(px(&r, W9, 18, 0), BLACK);    /* cell 2 */
    ck_assert_uint_eq(px(&r, W9, 719, 399), BLACK); /* last pixel */
    attr(&r, 0x12, 0x07); /* Color Plane Enable without bit 3: fg 15 -> 7 */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 9, 0), GREY); /* palette 7 -> DAC 7 */
    attr(&r, 0x12, 0x0F);
    attr(&r, 0x0F, 0x07); /* palette 15 -> DAC 7 */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 9, 0), GREY);
    attr(&r, 0x0F, 0x3F);
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 9, 0), WHITE);
    attr(&r, 0x14, 0x04); /* Color Select bit 2 is P6: DAC 7Fh */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 9, 0), DIM_RED);
    attr(&r, 0x14, 0x01); /* P5,P4 from Color Select only with P54S */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 9, 0), WHITE);
    attr(&r, 0x10, 0x8C); /* P54S: palette 3Fh -> 1Fh */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 9, 0), DIM_RED);
    attr(&r, 0x10, 0x0C);
    attr(&r, 0x14, 0x00);
    out8(&r, 0x3C6, 0x3E); /* PEL mask: DAC index 3Fh -> 3Eh */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 9, 0), DIM_RED);
    out8(&r, 0x3C6, 0xFF);
    bus_write(r.io, 0x1CE, 4, 2); /* DISPI 8-bit DAC, DISPI itself off */
    bus_write(r.io, 0x1CF, 0x20, 2);
    dac(&r, 0x3F, 0x80, 0x40, 0x21); /* 8-bit components are used as they are */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 9, 0), 0x804021);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_render_8_dot_cells_and_line_graphics)
{
    struct rig r;
    rig_init(&r);
    load_glyph(&r, 0, 'A', right_glyph);
    load_glyph(&r, 0, 0xC4, right_glyph);
    load_glyph(&r, 0, 0xE0, right_glyph);
    put_char(&r, 0, 0, 'A', 0x07);
    put_char(&r, 0, 1, 0xC4, 0x07);
    put_char(&r, 0, 2, 0xE0, 0x07);
    render(&r, W9); /* mode 3: Line Graphics Enable set */
    ck_assert_uint_eq(px(&r, W9, 7, 5), GREY);
    ck_assert_uint_eq(px(&r, W9, 8, 5), BLACK);      /* 'A': 9th dot background */
    ck_assert_uint_eq(px(&r, W9, 9 + 8, 5), GREY);   /* C4h: 9th dot repeats 8th */
    ck_assert_uint_eq(px(&r, W9, 18 + 8, 5), BLACK); /* E0h is outside C0h-DFh */
    attr(&r, 0x10, 0x08);                            /* LGE off */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 9 + 8, 5), BLACK);
    seq(&r, 1, 0x01); /* 8-dot characters: 640 wide */
    render(&r, W8);
    ck_assert_uint_eq(px(&r, W8, 7, 5), GREY);
    ck_assert_uint_eq(px(&r, W8, 8, 5), BLACK); /* cell 1 starts at 8 */
    ck_assert_uint_eq(px(&r, W8, 8 + 7, 5), GREY);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_render_blink_bit_and_character_maps)
{
    struct rig r;
    rig_init(&r);
    load_glyph(&r, 0, 'B', edge_glyph);
    load_glyph(&r, 0x4000, 'B', right_glyph);   /* character map 1 */
    put_char(&r, 0, 0, 'B', 0x9F);              /* blink, blue bg, white fg */
    render(&r, W9);                             /* mode 3: blink enabled */
    ck_assert_uint_eq(px(&r, W9, 0, 0), WHITE); /* visible phase */
    ck_assert_uint_eq(px(&r, W9, 1, 0), BLUE);  /* bit 7 is blink: bg 1 */
    attr(&r, 0x10, 0x04);                       /* blink off: bit 7 = intensity */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 1, 0), LIGHT_BLUE); /* bg 9 -> palette 39h */
    seq(&r, 3, 0x04); /* map A (attr bit 3 = 1) = map 1, map B = map 0 */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 0, 0), LIGHT_BLUE); /* right_glyph: dot 1 off */
    ck_assert_uint_eq(px(&r, W9, 7, 3), WHITE);
    put_char(&r, 0, 0, 'B', 0x97); /* attr bit 3 = 0: map B */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 0, 0), GREY);
    load_glyph(&r, 0x2000, 'B', right_glyph); /* character map 4 */
    seq(&r, 3, 0x10);                         /* map B = 4 (bit 4 is its high bit) */
    render(&r, W9);                           /* blink off: bg 9 */
    ck_assert_uint_eq(px(&r, W9, 0, 0), LIGHT_BLUE);
    put_char(&r, 0, 0, 'B', 0x9F);
    render(&r, W9); /* map A = 0 */
    ck_assert_uint_eq(px(&r, W9, 0, 0), WHITE);
    seq(&r, 3, 0x20); /* map A = 4 (bit 5 is its high bit) */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 0, 0), LIGHT_BLUE);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_render_cursor)
{
    struct rig r;
    rig_init(&r);
    load_glyph(&r, 0, 'C', edge_glyph);
    put_char(&r, 1, 2, 'C', 0x1F);
    crtc(&r, 0x0E, 0x00);
    crtc(&r, 0x0F, 82); /* row 1, column 2: cell x 18-26, y 16-31 */
    render(&r, W9);     /* mode 3 cursor: scan lines 13-14 (0Dh-0Eh) */
    ck_assert_uint_eq(px(&r, W9, 19, 16 + 12), BLUE);
    for (unsigned x = 18; x < 27; x++) {
        ck_assert_uint_eq(px(&r, W9, x, 16 + 13), WHITE);
        ck_assert_uint_eq(px(&r, W9, x, 16 + 14), WHITE);
    }
    ck_assert_uint_eq(px(&r, W9, 19, 16 + 15), BLUE);
    ck_assert_uint_eq(px(&r, W9, 27, 16 + 13), BLACK); /* next cell */
    crtc(&r, 0x0A, 0x00);                              /* block cursor 0-14 */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 19, 16), WHITE);
    crtc(&r, 0x0A, 0x2D); /* Cursor Off */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 19, 16 + 13), BLUE);
    crtc(&r, 0x0A, 0x0F); /* start 15 > end 14: no cursor */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 19, 16 + 14), BLUE);
    crtc(&r, 0x0A, 0x0D);
    crtc(&r, 0x0C, 0x00); /* start address 80: the cursor's cell is row 0 */
    crtc(&r, 0x0D, 80);
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 20, 13), WHITE);
    ck_assert_uint_eq(px(&r, W9, 18, 0), WHITE); /* the 'C' moved up too */
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_render_preset_row_double_scan_and_dot_clock)
{
    struct rig r;
    rig_init(&r);
    load_glyph(&r, 0, 'E', edge_glyph);
    put_char(&r, 0, 0, 'E', 0x1F);
    put_char(&r, 1, 0, 'E', 0x1F);
    crtc(&r, 0x08, 0x01); /* Preset Row Scan 1: the top row starts at scan 1 */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 0, 0), BLUE);
    ck_assert_uint_eq(px(&r, W9, 0, 15), WHITE); /* row 1, scan 0 */
    crtc(&r, 0x08, 0x00);
    crtc(&r, 0x09, 0x8F); /* scan doubling: every scan line twice */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 0, 1), WHITE);
    ck_assert_uint_eq(px(&r, W9, 0, 2), BLUE);
    ck_assert_uint_eq(px(&r, W9, 0, 32), WHITE); /* row 1 */
    crtc(&r, 0x09, 0x0F);
    crtc(&r, 0x11, 0x0E); /* unprotect CRTC 0-7 */
    crtc(&r, 0x01, 0x27); /* 40 columns */
    crtc(&r, 0x13, 0x14);
    seq(&r, 1, 0x08); /* dot clock halved: 40 x 9 dots, each 2 pixels */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 0, 0), WHITE);
    ck_assert_uint_eq(px(&r, W9, 1, 0), WHITE);
    ck_assert_uint_eq(px(&r, W9, 2, 0), BLUE);
    ck_assert_uint_eq(px(&r, W9, 15, 0), WHITE); /* dot 8 = pixels 14-15 */
    ck_assert_uint_eq(px(&r, W9, 16, 0), BLUE);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_render_blanked_and_graphics)
{
    struct rig r;
    rig_init(&r);
    load_glyph(&r, 0, 'D', edge_glyph);
    put_char(&r, 0, 0, 'D', 0x1F);
    seq(&r, 1, 0x20); /* Screen Off, 9-dot */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 0, 0), BLACK);
    ck_assert_uint_eq(px(&r, W9, 1, 0), BLACK);
    seq(&r, 1, 0x00);
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 0, 0), WHITE);
    bus_read(r.io, 0x3DA, 1);
    out8(&r, 0x3C0, 0x00); /* PAS = 0: the processor owns the palette */
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 0, 0), BLACK);
    out8(&r, 0x3C0, 0x00); /* (data write to palette 0, flip-flop back) */
    out8(&r, 0x3C0, 0x20);
    render(&r, W9);
    ck_assert_uint_eq(px(&r, W9, 0, 0), WHITE);
    struct vga_frame_info info;
    vga_get_frame_info(r.vga, &info);
    ck_assert_str_eq(info.mode, "text 80x25");
    ck_assert(!info.blanked);
    ck_assert(!vga_render(r.vga, r.px, W9, W9, H - 1, false)); /* not the frame's size */
    ck_assert(!vga_render(r.vga, r.px, W9 - 1, W9, H, false)); /* pitch < width */
    seq(&r, 1, 0x20);
    vga_get_frame_info(r.vga, &info);
    ck_assert(info.blanked);
    ck_assert_uint_eq(info.width, W9); /* the mode's size, drawn black */
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_dump_png_text_and_no_file_without_picture)
{
    struct rig r;
    rig_init(&r);
    char path[] = "/tmp/test_vga_render_XXXXXX.png";
    int fd = mkstemps(path, 4);
    ck_assert_int_ge(fd, 0);
    close(fd);
    ck_assert_int_eq(vga_dump_format_for_path(path), VGA_DUMP_PNG);
    ck_assert_ptr_null(vga_dump(r.vga, path));
    FILE *f = fopen(path, "rb");
    uint8_t head[24];
    ck_assert_uint_eq(fread(head, 1, sizeof(head), f), sizeof(head));
    fclose(f);
    ck_assert_int_eq(memcmp(head, "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x02\xd0\0\0\x01\x90", 24),
                     0);
    unlink(path);
    bus_write(r.io, 0x1CE, 1, 2); /* DISPI 0 x 480 x 8: no pixels */
    bus_write(r.io, 0x1CF, 0, 2);
    bus_write(r.io, 0x1CE, 4, 2);
    bus_write(r.io, 0x1CF, 0x01, 2);
    const char *why = vga_dump(r.vga, path);
    ck_assert_str_eq(why, "the display shows no picture (empty frame)");
    ck_assert_int_ne(access(path, F_OK), 0); /* no file created */
    rig_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vga_render");
    TCase *tc = tcase_create("vga_render");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_vga_render_glyph_colours_9_dot_cells);
    tcase_add_test(tc, test_vga_render_8_dot_cells_and_line_graphics);
    tcase_add_test(tc, test_vga_render_blink_bit_and_character_maps);
    tcase_add_test(tc, test_vga_render_cursor);
    tcase_add_test(tc, test_vga_render_preset_row_double_scan_and_dot_clock);
    tcase_add_test(tc, test_vga_render_blanked_and_graphics);
    tcase_add_test(tc, test_vga_dump_png_text_and_no_file_without_picture);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
