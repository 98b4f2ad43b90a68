/*
 * tests/device/test_vga_render_vbe.c - Bochs VBE (DISPI) modes rendered
 * pixel by pixel: the mode is set through ports 0x1CE/0x1CF, a virtual
 * screen wider than the mode is written through the linear framebuffer
 * (or the banked window at A0000), and the visible window at X_OFFSET,
 * Y_OFFSET is checked against pixels decoded here from the formats the
 * Bochs VBE interface defines: 8 bpp through the DAC (6-bit and 8BIT_DAC),
 * 15 bpp x555, 16 bpp 565, 24 bpp B,G,R bytes, 32 bpp B,G,R,x bytes, and
 * 4 bpp planar through the attribute palette; up to 1920x1200.
 */
#include <check.h>
#include <stdio.h>

#include "test_vga_rig.h"

enum { XRES = 64, YRES = 32, VIRT = 80, XOFF = 5, YOFF = 3 };

/* The bench with Misc Output 63h: colour port addresses (the attribute
 * flip-flop resets at 3DAh) and video memory enabled for the CPU. */
static void vbe_rig_init(struct rig *r)
{
    rig_init(r);
    out8(r, 0x3C2, 0x63);
}

/* Set XRES x YRES at @bpp with the LFB, then the virtual width and the
 * offsets (enabling resets them). */
static void set_vbe(struct rig *r, unsigned x, unsigned y, unsigned bpp, unsigned virt,
                    unsigned xoff, unsigned yoff, uint16_t extra)
{
    dispi(r, VBE_DISPI_INDEX_ENABLE, 0);
    dispi(r, VBE_DISPI_INDEX_XRES, (uint16_t)x);
    dispi(r, VBE_DISPI_INDEX_YRES, (uint16_t)y);
    dispi(r, VBE_DISPI_INDEX_BPP, (uint16_t)bpp);
    dispi(r, VBE_DISPI_INDEX_ENABLE,
          VBE_DISPI_ENABLED | VBE_DISPI_LFB_ENABLED | VBE_DISPI_NOCLEARMEM | extra);
    dispi(r, VBE_DISPI_INDEX_VIRT_WIDTH, (uint16_t)virt);
    dispi(r, VBE_DISPI_INDEX_X_OFFSET, (uint16_t)xoff);
    dispi(r, VBE_DISPI_INDEX_Y_OFFSET, (uint16_t)yoff);
}

/* The raw pixel value stored at virtual (x, y) for @bpp. */
static uint32_t raw(unsigned bpp, unsigned x, unsigned y)
{
    switch (bpp) {
    case 8: return (x * 3 + y) & 0xFF;
    case 15: return 0x8000 | (x & 31) << 10 | ((y * 3) & 31) << 5 | ((x + y) & 31);
    case 16: return (x & 31) << 11 | ((x + y) & 63) << 5 | (y & 31);
    default: return 0xA5000000u | ((x * 3) & 0xFF) << 16 | ((y * 5) & 0xFF) << 8 | ((x ^ y) & 0xFF);
    }
}

static uint32_t widen5(uint32_t v)
{
    return (v << 3) | (v >> 2);
}

/* What the monitor shows for raw value @v at @bpp, as 0xRRGGBB. */
static uint32_t decoded(unsigned bpp, uint32_t v)
{
    switch (bpp) {
    case 8: return dac_rgb(v);
    case 15: return widen5(v >> 10 & 31) << 16 | widen5(v >> 5 & 31) << 8 | widen5(v & 31);
    case 16: return widen5(v >> 11) << 16 | widen6(v >> 5 & 63) << 8 | widen5(v & 31);
    default: return v & 0xFFFFFF; /* bytes B, G, R: the low three of a little-endian word */
    }
}

/* Store the virtual screen: VIRT pixels a line, little endian, through
 * the LFB. */
static void fill_virtual(struct rig *r, unsigned bpp, unsigned lines)
{
    unsigned bytes = (bpp + 7) / 8;
    for (unsigned y = 0; y < lines; y++)
        for (unsigned x = 0; x < VIRT; x++) {
            uint32_t a = RIG_LFB + (y * VIRT + x) * bytes, v = raw(bpp, x, y);
            for (unsigned k = 0; k < bytes; k++)
                wmem(r, a + k, (uint8_t)(v >> (8 * k)));
        }
}

START_TEST(test_vbe_direct_colour_virtual_width_and_offsets)
{
    static const unsigned bpps[] = {8, 15, 16, 24, 32};
    struct rig r;
    vbe_rig_init(&r);
    load_test_dac(&r);
    for (unsigned k = 0; k < 5; k++) {
        unsigned bpp = bpps[k];
        set_vbe(&r, XRES, YRES, bpp, VIRT, XOFF, YOFF, 0);
        fill_virtual(&r, bpp, YRES + YOFF);
        render_frame(&r, XRES, YRES, false);
        struct px_check c = {0};
        for (unsigned y = 0; y < YRES; y++)
            for (unsigned x = 0; x < XRES; x++)
                px_expect(&c, &r, x, y, decoded(bpp, raw(bpp, x + XOFF, y + YOFF)));
        px_done(&c);
        char name[48];
        snprintf(name, sizeof(name), "VBE %ux%ux%u", XRES, YRES, bpp);
        check_mode_name(&r, name);
    }
    struct vga_frame_info info;
    vga_get_frame_info(r.vga, &info);
    ck_assert_double_eq_tol(info.refresh_hz, 60.0, 1e-9);
    rig_free(&r);
}
END_TEST

START_TEST(test_vbe_8bpp_dac_modes_and_banked_window)
{
    struct rig r;
    vbe_rig_init(&r);
    set_vbe(&r, 640, 480, 8, 640, 0, 0, 0);
    load_test_dac(&r);
    dispi(&r, VBE_DISPI_INDEX_BANK, 1); /* A0000 + 5 is byte 10005h: (261, 102) */
    wmem(&r, 0xA0005, 0x77);
    render_frame(&r, 640, 480, false);
    ck_assert_uint_eq(pixel(&r, 261, 102), dac_rgb(0x77));
    out8(&r, 0x3C6, 0x0F); /* the PEL mask applies to the index */
    render_frame(&r, 640, 480, false);
    ck_assert_uint_eq(pixel(&r, 261, 102), dac_rgb(0x07));
    out8(&r, 0x3C6, 0xFF);
    set_vbe(&r, 640, 480, 8, 640, 0, 0, VBE_DISPI_8BIT_DAC);
    dac(&r, 0x77, 0x80, 0x40, 0x21); /* 8-bit components are used as they are */
    render_frame(&r, 640, 480, false);
    ck_assert_uint_eq(pixel(&r, 261, 102), 0x804021);
    seq(&r, 1, 0x21); /* the VGA's Screen Off does not blank DISPI */
    render_frame(&r, 640, 480, false);
    ck_assert_uint_eq(pixel(&r, 261, 102), 0x804021);
    rig_free(&r);
}
END_TEST

/* 4 bpp colour of pixel index i. */
static unsigned c4(unsigned i)
{
    return (i / 3 + i / 100) & 15;
}

START_TEST(test_vbe_4bpp_planar)
{
    struct rig r;
    vbe_rig_init(&r);
    load_test_dac(&r);
    for (uint8_t i = 0; i < 16; i++)
        attr(&r, i, (uint8_t)(0x30 + i)); /* palette i -> DAC 30h + i */
    attr(&r, 0x12, 0x0F);
    set_vbe(&r, 64, 16, 4, 96, 8, 2, 0);
    /* pixel index i = y * 96 + x: bit 7 - i % 8 of byte i / 8 of each plane;
     * plane p of plane offset o is LFB byte 4 o + p */
    for (unsigned o = 0; o < 96 * 18 / 8; o++)
        for (unsigned p = 0; p < 4; p++) {
            uint8_t b = 0;
            for (unsigned k = 0; k < 8; k++)
                b |= (uint8_t)((c4(o * 8 + k) >> p & 1) << (7 - k));
            wmem(&r, RIG_LFB + o * 4 + p, b);
        }
    render_frame(&r, 64, 16, false);
    struct px_check c = {0};
    for (unsigned y = 0; y < 16; y++)
        for (unsigned x = 0; x < 64; x++)
            px_expect(&c, &r, x, y, dac_rgb(0x30 + c4((y + 2) * 96 + x + 8)));
    px_done(&c);
    check_mode_name(&r, "VBE 64x16x4");
    rig_free(&r);
}
END_TEST

START_TEST(test_vbe_1920x1200x32)
{
    struct rig r;
    vbe_rig_init(&r);
    set_vbe(&r, 1920, 1200, 32, 1920, 0, 0, 0);
    uint32_t last = RIG_LFB + (1199u * 1920 + 1919) * 4;
    bus_write(r.mmio, last, 0x00123456, 4);
    bus_write(r.mmio, RIG_LFB, 0x00ABCDEF, 4);
    render_frame(&r, 1920, 1200, false);
    ck_assert_uint_eq(pixel(&r, 1919, 1199), 0x123456);
    ck_assert_uint_eq(pixel(&r, 0, 0), 0xABCDEF);
    ck_assert_uint_eq(pixel(&r, 1, 0), 0);
    check_mode_name(&r, "VBE 1920x1200x32");
    rig_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vga_render_vbe");
    TCase *tc = tcase_create("vga_render_vbe");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_vbe_direct_colour_virtual_width_and_offsets);
    tcase_add_test(tc, test_vbe_8bpp_dac_modes_and_banked_window);
    tcase_add_test(tc, test_vbe_4bpp_planar);
    tcase_add_test(tc, test_vbe_1920x1200x32);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
