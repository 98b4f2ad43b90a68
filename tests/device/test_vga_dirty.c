/*
 * tests/device/test_vga_dirty.c - display updates (vga_render_update)
 * redraw only what changed: a CPU write redraws the rows whose memory it
 * touched (tracked in 1 KiB blocks of video memory: at most the few rows
 * sharing the block), a register that changes the picture (DAC, palette,
 * start address, ...) redraws everything, CPU-side registers (map mask,
 * bit mask, write mode, DISPI bank) nothing, the cursor's and blinking
 * characters' rows follow their registers and guest time, and a font
 * change redraws every text row.  Rows not redrawn keep the caller's
 * pixels, which the tests fill with a sentinel before each update.
 */
#include <check.h>

#include "test_vga_rig.h"

enum { SENTINEL = 0xDEADBEEF };

struct upd {
    bool ok;
    unsigned y0, y1;
};

/* Update r->px (@w x @h, pitch @w) after filling it with the sentinel. */
static struct upd update(struct rig *r, unsigned w, unsigned h, bool full)
{
    struct upd u;
    for (size_t k = 0; k < (size_t)w * h; k++)
        r->px[k] = SENTINEL;
    r->w = w;
    r->h = h;
    u.ok = vga_render_update(r->vga, r->px, w, w, h, full, &u.y0, &u.y1);
    return u;
}

static bool drawn(const struct rig *r, unsigned y)
{
    return pixel(r, 0, y) != SENTINEL;
}

/* Exactly rows @a..@b - 1 were drawn (and y0, y1 say so). */
static void check_drawn(const struct rig *r, struct upd u, unsigned a, unsigned b)
{
    ck_assert(u.ok);
    ck_assert_uint_eq(u.y0, a);
    ck_assert_uint_eq(u.y1, b);
    unsigned wrong = 0;
    for (unsigned y = 0; y < r->h; y++)
        wrong += drawn(r, y) != (y >= a && y < b);
    ck_assert_uint_eq(wrong, 0);
}

static void check_nothing(const struct rig *r, struct upd u)
{
    ck_assert(u.ok);
    ck_assert_uint_eq(u.y0, u.y1);
    for (unsigned y = 0; y < r->h; y++)
        ck_assert(!drawn(r, y));
}

/* Every drawn row lies in [@lo, @hi), and rows @a..@b - 1 were drawn. */
static void check_within(const struct rig *r, struct upd u, unsigned lo, unsigned hi, unsigned a,
                         unsigned b)
{
    ck_assert(u.ok);
    ck_assert_uint_ge(u.y0, lo);
    ck_assert_uint_le(u.y1, hi);
    ck_assert_uint_le(u.y0, a);
    ck_assert_uint_ge(u.y1, b);
    for (unsigned y = 0; y < r->h; y++)
        if (y < lo || y >= hi)
            ck_assert(!drawn(r, y));
    for (unsigned y = a; y < b; y++)
        ck_assert(drawn(r, y));
}

static void put_char(struct rig *r, unsigned row, unsigned col, uint8_t ch, uint8_t at)
{
    uint32_t a = 0xB8000 + (row * 80 + col) * 2;
    wmem(r, a, ch);
    wmem(r, a + 1, at);
}

static void text_rig(struct rig *r)
{
    rig_init(r);
    set_mode(r, &mode_03h);
    load_test_dac(r);
    crtc(r, 0x0E, 0x07); /* cursor in the last cell */
    crtc(r, 0x0F, 0xCF);
}

START_TEST(test_vga_dirty_text_writes_and_registers)
{
    struct rig r;
    text_rig(&r);
    check_drawn(&r, update(&r, 720, 400, false), 0, 400); /* first call: all */
    check_nothing(&r, update(&r, 720, 400, false));
    put_char(&r, 10, 5, 'x', 0x1F); /* row 10 = lines 160-175; its block holds rows 9-11 */
    check_within(&r, update(&r, 720, 400, false), 144, 192, 160, 176);
    check_nothing(&r, update(&r, 720, 400, false));
    seq(&r, 2, 0x0F); /* CPU-side registers change nothing on screen */
    gc(&r, 8, 0x3C);
    gc(&r, 5, 0x13);
    check_nothing(&r, update(&r, 720, 400, false));
    dac(&r, 0x3F, 1, 2, 3); /* the DAC: all */
    check_drawn(&r, update(&r, 720, 400, false), 0, 400);
    attr(&r, 0x05, 0x2A); /* the palette: all */
    check_drawn(&r, update(&r, 720, 400, false), 0, 400);
    crtc(&r, 0x0D, 80); /* the start address: all */
    check_drawn(&r, update(&r, 720, 400, false), 0, 400);
    seq(&r, 2, 0x04); /* a font write (plane 2): every text row */
    seq(&r, 4, 0x06);
    gc(&r, 5, 0x00);
    gc(&r, 6, 0x04);
    wmem(&r, 0xA0000 + 'x' * 32 + 3, 0x18);
    seq(&r, 2, 0x0F);
    seq(&r, 4, 0x02);
    gc(&r, 5, 0x13);
    gc(&r, 6, 0x0E);
    check_drawn(&r, update(&r, 720, 400, false), 0, 400);
    check_drawn(&r, update(&r, 720, 400, true), 0, 400); /* full */
    vga_invalidate(r.vga);
    check_drawn(&r, update(&r, 720, 400, false), 0, 400);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_dirty_cursor_rows)
{
    struct rig r;
    text_rig(&r);
    crtc(&r, 0x0E, 0);
    crtc(&r, 0x0F, 2 * 80); /* row 2 */
    update(&r, 720, 400, false);
    crtc(&r, 0x0F, 20 * 80 & 0xFF); /* to row 20: rows 2 and 20 */
    crtc(&r, 0x0E, 20 * 80 >> 8);
    struct upd u = update(&r, 720, 400, false);
    ck_assert_uint_eq(u.y0, 32);
    ck_assert_uint_eq(u.y1, 336);
    for (unsigned y = 0; y < 400; y++)
        ck_assert(drawn(&r, y) == ((y >= 32 && y < 48) || (y >= 320 && y < 336)));
    crtc(&r, 0x0A, 0x00); /* the shape: its row */
    check_drawn(&r, update(&r, 720, 400, false), 320, 336);
    rig_free(&r);
}
END_TEST

/* Guest time of the middle of frame @n of mode 3 (28.322 MHz / 900 / 449). */
static void at_frame(struct rig *r, unsigned n)
{
    clock_warp_to(&r->clk, (uint64_t)((n + 0.5) * 1e9 / (28322000.0 / 900 / 449)));
}

START_TEST(test_vga_dirty_blink_phases_by_guest_time)
{
    struct rig r;
    text_rig(&r);
    put_char(&r, 5, 40, 'B', 0x9F); /* blinking, row 5 */
    crtc(&r, 0x0E, 12 * 80 >> 8);   /* cursor row 12 */
    crtc(&r, 0x0F, 12 * 80 & 0xFF);
    update(&r, 720, 400, false);
    at_frame(&r, 7);
    check_nothing(&r, update(&r, 720, 400, false));
    at_frame(&r, 9); /* the cursor goes out */
    check_drawn(&r, update(&r, 720, 400, false), 192, 208);
    at_frame(&r, 17); /* the cursor comes back, the characters go out */
    struct upd u = update(&r, 720, 400, false);
    ck_assert_uint_eq(u.y0, 80);
    ck_assert_uint_eq(u.y1, 208);
    for (unsigned y = 0; y < 400; y++)
        ck_assert(drawn(&r, y) == ((y >= 80 && y < 96) || (y >= 192 && y < 208)));
    at_frame(&r, 18);
    check_nothing(&r, update(&r, 720, 400, false));
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_dirty_mode13h)
{
    struct rig r;
    rig_init(&r);
    set_mode(&r, &mode_13h);
    load_test_dac(&r);
    update(&r, 320, 200, false);
    wmem(&r, 0xA0000 + 50 * 320 + 100, 0x42); /* its 1 KiB block: rows 49-50 */
    check_within(&r, update(&r, 320, 200, false), 49, 51, 50, 51);
    ck_assert_uint_eq(pixel(&r, 100, 50), dac_rgb(0x42));
    wmem(&r, 0xA0000 + 0xFF00, 0x42); /* below the picture */
    check_nothing(&r, update(&r, 320, 200, false));
    dac(&r, 0x42, 0, 0, 0);
    check_drawn(&r, update(&r, 320, 200, false), 0, 200);
    struct upd u = update(&r, 640, 480, false); /* not the frame's size */
    ck_assert(!u.ok);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_dirty_vbe_lfb_and_buffer_changes)
{
    struct rig r;
    rig_init(&r);
    out8(&r, 0x3C2, 0x63);
    dispi(&r, VBE_DISPI_INDEX_XRES, 640);
    dispi(&r, VBE_DISPI_INDEX_YRES, 480);
    dispi(&r, VBE_DISPI_INDEX_BPP, 32);
    dispi(&r, VBE_DISPI_INDEX_ENABLE, VBE_DISPI_ENABLED | VBE_DISPI_LFB_ENABLED);
    check_drawn(&r, update(&r, 640, 480, false), 0, 480);
    bus_write(r.mmio, RIG_LFB + (100 * 640 + 10) * 4, 0x00FF0000, 4); /* line 100 */
    check_within(&r, update(&r, 640, 480, false), 99, 102, 100, 101);
    ck_assert_uint_eq(pixel(&r, 10, 100), 0xFF0000);
    bus_write(r.mmio, RIG_LFB + 2 * 2560 - 2, 0x00440000, 4); /* straddles lines 1-2 */
    check_within(&r, update(&r, 640, 480, false), 0, 3, 1, 3);
    ck_assert_uint_eq(pixel(&r, 0, 2), 0x000044);
    dispi(&r, VBE_DISPI_INDEX_BANK, 3); /* CPU side only */
    check_nothing(&r, update(&r, 640, 480, false));
    dispi(&r, VBE_DISPI_INDEX_Y_OFFSET, 1); /* scrolling: all */
    check_drawn(&r, update(&r, 640, 480, false), 0, 480);
    ck_assert_uint_eq(pixel(&r, 10, 99), 0xFF0000);
    /* another buffer or pitch: all */
    unsigned y0, y1;
    ck_assert(vga_render_update(r.vga, r.px + 640, 640, 640, 479, false, &y0, &y1) == false);
    ck_assert(vga_render_update(r.vga, r.px, 700, 640, 480, false, &y0, &y1));
    ck_assert_uint_eq(y0, 0);
    ck_assert_uint_eq(y1, 480);
    check_drawn(&r, update(&r, 640, 480, false), 0, 480);
    rig_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vga_dirty");
    TCase *tc = tcase_create("vga_dirty");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_vga_dirty_text_writes_and_registers);
    tcase_add_test(tc, test_vga_dirty_cursor_rows);
    tcase_add_test(tc, test_vga_dirty_blink_phases_by_guest_time);
    tcase_add_test(tc, test_vga_dirty_mode13h);
    tcase_add_test(tc, test_vga_dirty_vbe_lfb_and_buffer_changes);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
