/*
 * tests/window/test_display_layout.c - where the window puts the guest's
 * frame (frontend/display_layout.c): VGA modes at 4:3 and VBE modes with
 * square pixels, letterboxed and centred; integer scaling by the largest
 * whole factor that fits, falling back to the aspect box in a window
 * smaller than the frame; natural window sizes; the frame interval
 * min(refresh, 60 Hz).  Expected values worked out by hand.
 */
#include <check.h>
#include <stdlib.h>

#include "display_layout.h"

static void check_rect(struct display_rect r, int x, int y, int w, int h)
{
    ck_assert_int_eq(r.x, x);
    ck_assert_int_eq(r.y, y);
    ck_assert_int_eq(r.w, w);
    ck_assert_int_eq(r.h, h);
}

START_TEST(test_layout_vga_modes_are_4_3_and_vbe_square)
{
    unsigned ax, ay;
    display_aspect("text 80x25", 720, 400, &ax, &ay);
    ck_assert_uint_eq(ax, 4);
    ck_assert_uint_eq(ay, 3);
    display_aspect("VGA 320x200x8", 320, 200, &ax, &ay);
    ck_assert_uint_eq(ax * 3, ay * 4);
    display_aspect("VBE 1280x1024x32", 1280, 1024, &ax, &ay);
    ck_assert_uint_eq(ax, 1280);
    ck_assert_uint_eq(ay, 1024);
    display_aspect("", 0, 0, &ax, &ay); /* no picture: anything sane */
    ck_assert_uint_eq(ax * 3, ay * 4);
}
END_TEST

START_TEST(test_layout_text_fills_a_4_3_window)
{
    /* 720x400 text in a 720x540 window: exactly 4:3, no bars */
    check_rect(display_layout(720, 400, 4, 3, 720, 540, false), 0, 0, 720, 540);
    /* and in 640x480 */
    check_rect(display_layout(720, 400, 4, 3, 640, 480, false), 0, 0, 640, 480);
}
END_TEST

START_TEST(test_layout_letterboxes_wide_and_tall_windows)
{
    /* 1000x540: height limits, 720 wide, bars of 140 left and right */
    check_rect(display_layout(640, 480, 4, 3, 1000, 540, false), 140, 0, 720, 540);
    /* 800x1000: width limits, 600 high, bars of 200 above and below */
    check_rect(display_layout(640, 480, 4, 3, 800, 1000, false), 0, 200, 800, 600);
}
END_TEST

START_TEST(test_layout_vbe_keeps_square_pixels)
{
    /* 1280x1024 (5:4) in 1000x1000: 1000x800, centred vertically */
    check_rect(display_layout(1280, 1024, 1280, 1024, 1000, 1000, false), 0, 100, 1000, 800);
}
END_TEST

START_TEST(test_layout_integer_scaling_uses_whole_factors)
{
    /* 640x480 in 1400x1000: factor 2 (3 would be 1920 wide) */
    check_rect(display_layout(640, 480, 4, 3, 1400, 1000, true), 60, 20, 1280, 960);
    /* 720x400 in 1500x1300: factor 2 limited by the width (x 3 = 2160) */
    check_rect(display_layout(720, 400, 4, 3, 1500, 1300, true), 30, 250, 1440, 800);
    /* 320x200 in 720x540: factor 2 (x 3 = 960 wide) */
    check_rect(display_layout(320, 200, 4, 3, 720, 540, true), 40, 70, 640, 400);
}
END_TEST

START_TEST(test_layout_integer_in_a_small_window_falls_back)
{
    /* 640x480 in 600x450: no whole factor fits; the aspect box instead */
    check_rect(display_layout(640, 480, 4, 3, 600, 450, true), 0, 0, 600, 450);
}
END_TEST

START_TEST(test_layout_empty_frame_or_window)
{
    check_rect(display_layout(0, 0, 4, 3, 720, 540, false), 0, 0, 0, 0);
    check_rect(display_layout(720, 400, 4, 3, 0, 540, true), 0, 0, 0, 0);
}
END_TEST

START_TEST(test_layout_natural_sizes)
{
    unsigned w, h;
    display_natural_size(720, 4, 3, 1, &w, &h);
    ck_assert_uint_eq(w, 720);
    ck_assert_uint_eq(h, 540);
    display_natural_size(320, 4, 3, 2, &w, &h);
    ck_assert_uint_eq(w, 640);
    ck_assert_uint_eq(h, 480);
    display_natural_size(800, 800, 600, 3, &w, &h);
    ck_assert_uint_eq(w, 2400);
    ck_assert_uint_eq(h, 1800);
}
END_TEST

START_TEST(test_layout_frame_interval_caps_at_60_hz)
{
    ck_assert_uint_eq(display_frame_interval_ns(70.0), 16666666); /* VGA text: 70 Hz -> 60 */
    ck_assert_uint_eq(display_frame_interval_ns(50.0), 20000000); /* a 50 Hz mode: 50 */
    ck_assert_uint_eq(display_frame_interval_ns(0.0), 16666666);  /* unknown: 60 */
    ck_assert_uint_eq(display_frame_interval_ns(-1.0), 16666666);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("display_layout");
    TCase *tc = tcase_create("display_layout");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_layout_vga_modes_are_4_3_and_vbe_square);
    tcase_add_test(tc, test_layout_text_fills_a_4_3_window);
    tcase_add_test(tc, test_layout_letterboxes_wide_and_tall_windows);
    tcase_add_test(tc, test_layout_vbe_keeps_square_pixels);
    tcase_add_test(tc, test_layout_integer_scaling_uses_whole_factors);
    tcase_add_test(tc, test_layout_integer_in_a_small_window_falls_back);
    tcase_add_test(tc, test_layout_empty_frame_or_window);
    tcase_add_test(tc, test_layout_natural_sizes);
    tcase_add_test(tc, test_layout_frame_interval_caps_at_60_hz);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
