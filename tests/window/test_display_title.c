/*
 * tests/window/test_display_title.c - the window's title text
 * (frontend/display_title.c): running / stopped, MIPS, mode, the disks by
 * file name, the grab hint, and cutting to the buffer without overrun.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "display_title.h"
#include "frontend.h"

START_TEST(test_title_running_with_everything)
{
    char buf[256];
    struct display_title t = {true, 42.4, "text 80x25", "A: fd.img", false};
    display_title_format(buf, sizeof(buf), &t);
    ck_assert_str_eq(buf, "trap86 - running - 42 MIPS - text 80x25 - A: fd.img");
    t.mips = 3.25;
    t.grabbed = true;
    display_title_format(buf, sizeof(buf), &t);
    ck_assert_str_eq(buf, "trap86 - running - 3.2 MIPS - text 80x25 - A: fd.img - "
                          "Ctrl+Alt+G releases the mouse");
}
END_TEST

START_TEST(test_title_stopped_has_no_mips_and_skips_empty_parts)
{
    char buf[256];
    struct display_title t = {false, 42.0, "", NULL, false};
    display_title_format(buf, sizeof(buf), &t);
    ck_assert_str_eq(buf, "trap86 - stopped");
}
END_TEST

START_TEST(test_title_is_cut_to_the_buffer)
{
    char buf[24];
    memset(buf, 'x', sizeof(buf));
    struct display_title t = {true, 100, "VBE 1024x768x32", "A: a-very-long-name.img", true};
    display_title_format(buf, sizeof(buf), &t);
    ck_assert_uint_eq(strlen(buf), sizeof(buf) - 1);
    ck_assert(!strncmp(buf, "trap86 - running - 100 ", 23));
}
END_TEST

START_TEST(test_title_disks_by_file_name)
{
    char buf[256];
    struct options o = {0};
    o.floppy[0] = "/tmp/x/fd.img";
    o.ide[0] = "disks/hd.img";
    o.ide[2] = "/iso/grub.iso";
    o.ide_cd[2] = true;
    display_title_disks(buf, sizeof(buf), &o, NULL, 0);
    ck_assert_str_eq(buf, "A: fd.img C: hd.img CD: grub.iso");
    display_title_disks(buf, sizeof(buf), &o, "/home/u/other.img", 0);
    ck_assert_str_eq(buf, "A: other.img C: hd.img CD: grub.iso");
    /* activity since the last title: A: (bit 0) and IDE drive 2, the CD (bit 4) */
    display_title_disks(buf, sizeof(buf), &o, NULL, 1u | 1u << 4);
    ck_assert_str_eq(buf, "A*: fd.img C: hd.img CD*: grub.iso");
}
END_TEST

START_TEST(test_title_disks_demo_and_none)
{
    char buf[64];
    struct options o = {0};
    display_title_disks(buf, sizeof(buf), &o, NULL, 0); /* nothing named: the demo floppy */
    ck_assert_str_eq(buf, "A: demo");
    o.bios = "rom.bin"; /* a firmware-only run: no disks */
    display_title_disks(buf, sizeof(buf), &o, NULL, 0);
    ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(test_title_mips)
{
    ck_assert(display_title_mips(50000000, 500000000) == 100.0);
    ck_assert(display_title_mips(123, 0) == 0.0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("display_title");
    TCase *tc = tcase_create("display_title");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_title_running_with_everything);
    tcase_add_test(tc, test_title_stopped_has_no_mips_and_skips_empty_parts);
    tcase_add_test(tc, test_title_is_cut_to_the_buffer);
    tcase_add_test(tc, test_title_disks_by_file_name);
    tcase_add_test(tc, test_title_disks_demo_and_none);
    tcase_add_test(tc, test_title_mips);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
