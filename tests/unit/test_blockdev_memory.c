/*
 * tests/unit/test_blockdev_memory.c - board/blockdev images held in host
 * memory (blockdev_open_memory): reads see the caller's bytes, writes
 * change only the private copy (never the caller's buffer or another
 * open of the same bytes), sizes and bounds are checked like file images,
 * and the floppy geometry comes from the size.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "board/blockdev.h"

enum { FLOPPY_144 = 1474560 };

/* A 1.44M image whose every byte depends on its offset. */
static unsigned char *patterned_image(void)
{
    unsigned char *img = malloc(FLOPPY_144);
    ck_assert_ptr_nonnull(img);
    for (size_t k = 0; k < FLOPPY_144; k++)
        img[k] = (unsigned char)(k * 31 + k / 512);
    return img;
}

START_TEST(test_blockdev_memory_reads_the_image_with_its_geometry)
{
    unsigned char *img = patterned_image();
    unsigned char buf[3 * 512];
    char err[256] = "";
    struct blockdev *b = blockdev_open_memory(img, FLOPPY_144, err, sizeof(err));
    ck_assert_msg(b != NULL, "%s", err);
    ck_assert(!blockdev_readonly(b));
    ck_assert_uint_eq(blockdev_sectors(b), 2880);
    const struct floppy_geometry *g = blockdev_floppy_geometry(b, err, sizeof(err));
    ck_assert_ptr_nonnull(g);
    ck_assert_str_eq(g->name, "1.44M");
    ck_assert_int_eq(blockdev_read(b, 0, buf, 1), 0);
    ck_assert_mem_eq(buf, img, 512);
    ck_assert_int_eq(blockdev_read(b, 2877, buf, 3), 0); /* the last three sectors */
    ck_assert_mem_eq(buf, img + 2877 * 512, sizeof(buf));
    blockdev_close(b);
    free(img);
}
END_TEST

START_TEST(test_blockdev_memory_writes_change_only_the_private_copy)
{
    unsigned char *img = patterned_image();
    unsigned char *orig = malloc(FLOPPY_144);
    ck_assert_ptr_nonnull(orig);
    memcpy(orig, img, FLOPPY_144);
    unsigned char data[2 * 512], back[2 * 512];
    memset(data, 0xA5, sizeof(data));
    char err[256] = "";
    struct blockdev *a = blockdev_open_memory(img, FLOPPY_144, err, sizeof(err));
    struct blockdev *b = blockdev_open_memory(img, FLOPPY_144, err, sizeof(err));
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(blockdev_write(a, 100, data, 2), 0);
    ck_assert_int_eq(blockdev_flush(a), 0);
    ck_assert_int_eq(blockdev_read(a, 100, back, 2), 0);
    ck_assert_mem_eq(back, data, sizeof(data));
    ck_assert_mem_eq(img, orig, FLOPPY_144); /* the caller's bytes are untouched */
    ck_assert_int_eq(blockdev_read(b, 100, back, 2), 0);
    ck_assert_mem_eq(back, orig + 100 * 512, sizeof(back)); /* and so is a second open */
    blockdev_close(a);
    blockdev_close(b);
    free(orig);
    free(img);
}
END_TEST

START_TEST(test_blockdev_memory_bounds_are_checked)
{
    static unsigned char img[20 * 512];
    unsigned char buf[2 * 512] = {0};
    char err[256] = "";
    struct blockdev *b = blockdev_open_memory(img, sizeof(img), err, sizeof(err));
    ck_assert_ptr_nonnull(b);
    errno = 0;
    ck_assert_int_eq(blockdev_read(b, 19, buf, 2), -1);
    ck_assert_int_eq(errno, EINVAL);
    errno = 0;
    ck_assert_int_eq(blockdev_write(b, 20, buf, 1), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(blockdev_write(b, 19, buf, 1), 0);
    ck_assert_ptr_null(blockdev_floppy_geometry(b, err, sizeof(err))); /* 10 KiB: no floppy */
    ck_assert_ptr_nonnull(strstr(err, "truncated"));
    blockdev_close(b);
}
END_TEST

START_TEST(test_blockdev_memory_refuses_sizes_not_in_whole_sectors)
{
    static const unsigned char img[1024];
    char err[256] = "";
    ck_assert_ptr_null(blockdev_open_memory(img, 0, err, sizeof(err)));
    ck_assert_ptr_nonnull(strstr(err, "512-byte sectors"));
    err[0] = '\0';
    ck_assert_ptr_null(blockdev_open_memory(img, 1000, err, sizeof(err)));
    ck_assert_ptr_nonnull(strstr(err, "512-byte sectors"));
    blockdev_close(NULL); /* ignored */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("blockdev_memory");
    TCase *tc = tcase_create("memory images");
    tcase_add_test(tc, test_blockdev_memory_reads_the_image_with_its_geometry);
    tcase_add_test(tc, test_blockdev_memory_writes_change_only_the_private_copy);
    tcase_add_test(tc, test_blockdev_memory_bounds_are_checked);
    tcase_add_test(tc, test_blockdev_memory_refuses_sizes_not_in_whole_sectors);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
