/*
 * tests/device/test_blockdev.c - board/blockdev on temporary host files:
 * floppy geometry from every supported image size, clear errors for
 * truncated and odd-sized images and for a second opener of a locked
 * image, read-only files opened read-only, and sector I/O that reaches
 * the file; -snapshot overlays that read back the guest's writes and
 * leave the file bit-identical.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "board/blockdev.h"

/* A temporary file of @size zero bytes; its path goes to @path. */
static void make_image(char path[64], uint64_t size)
{
    strcpy(path, "/tmp/t86-blockdev-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(ftruncate(fd, (off_t)size), 0);
    close(fd);
}

START_TEST(test_blockdev_geometry_from_each_floppy_size)
{
    static const struct {
        uint32_t bytes;
        unsigned c, h, s, kbps;
    } sizes[] = {
        {163840, 40, 1, 8, 250},   {184320, 40, 1, 9, 250},   {327680, 40, 2, 8, 250},
        {368640, 40, 2, 9, 250},   {737280, 80, 2, 9, 250},   {1228800, 80, 2, 15, 500},
        {1474560, 80, 2, 18, 500}, {1720320, 80, 2, 21, 500}, {2949120, 80, 2, 36, 1000},
    };
    for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        char path[64], err[256];
        make_image(path, sizes[k].bytes);
        struct blockdev *b = blockdev_open(path, 0, err, sizeof(err));
        ck_assert_msg(b != NULL, "%s", err);
        const struct floppy_geometry *g = blockdev_floppy_geometry(b, err, sizeof(err));
        ck_assert_ptr_nonnull(g);
        ck_assert_uint_eq(g->cylinders, sizes[k].c);
        ck_assert_uint_eq(g->heads, sizes[k].h);
        ck_assert_uint_eq(g->sectors, sizes[k].s);
        ck_assert_uint_eq(g->rate_kbps, sizes[k].kbps);
        ck_assert_uint_eq(blockdev_sectors(b), sizes[k].bytes / 512);
        blockdev_close(b);
        unlink(path);
    }
}
END_TEST

START_TEST(test_blockdev_truncated_image_has_no_floppy_geometry)
{
    char path[64], err[256] = "";
    make_image(path, 1474560 - 512);
    struct blockdev *b = blockdev_open(path, 0, err, sizeof(err));
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_null(blockdev_floppy_geometry(b, err, sizeof(err)));
    ck_assert_ptr_nonnull(strstr(err, "truncated"));
    blockdev_close(b);
    unlink(path);
}
END_TEST

START_TEST(test_blockdev_odd_size_image_is_refused)
{
    char path[64], err[256] = "";
    make_image(path, 1474000);
    ck_assert_ptr_null(blockdev_open(path, 0, err, sizeof(err)));
    ck_assert_ptr_nonnull(strstr(err, "512-byte sectors"));
    ck_assert_ptr_nonnull(strstr(err, path));
    unlink(path);
}
END_TEST

START_TEST(test_blockdev_second_open_gets_lock_error)
{
    char path[64], err[256] = "";
    make_image(path, 368640);
    struct blockdev *a = blockdev_open(path, 0, err, sizeof(err));
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_null(blockdev_open(path, 0, err, sizeof(err)));
    ck_assert_ptr_nonnull(strstr(err, "in use"));
    blockdev_close(a);
    struct blockdev *b = blockdev_open(path, 0, err, sizeof(err)); /* lock released */
    ck_assert_ptr_nonnull(b);
    blockdev_close(b);
    unlink(path);
}
END_TEST

START_TEST(test_blockdev_read_only_file_opens_read_only)
{
    char path[64], err[256] = "";
    unsigned char buf[512];
    make_image(path, 737280);
    ck_assert_int_eq(chmod(path, 0444), 0);
    struct blockdev *b = blockdev_open(path, 0, err, sizeof(err));
    ck_assert_msg(b != NULL, "%s", err);
    ck_assert(blockdev_readonly(b));
    ck_assert_int_eq(blockdev_read(b, 3, buf, 1), 0);
    errno = 0;
    ck_assert_int_eq(blockdev_write(b, 3, buf, 1), -1);
    ck_assert_int_eq(errno, EROFS);
    blockdev_close(b);
    unlink(path);
}
END_TEST

START_TEST(test_blockdev_write_reaches_file_and_bounds_are_checked)
{
    char path[64], err[256] = "";
    unsigned char buf[1024], back[1024];
    make_image(path, 163840);
    struct blockdev *b = blockdev_open(path, 0, err, sizeof(err));
    ck_assert_ptr_nonnull(b);
    ck_assert(!blockdev_readonly(b));
    for (unsigned k = 0; k < sizeof(buf); k++)
        buf[k] = (unsigned char)(k * 7 + 1);
    ck_assert_int_eq(blockdev_write(b, 5, buf, 2), 0);
    ck_assert_int_eq(blockdev_flush(b), 0);
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(fseek(fp, 5 * 512, SEEK_SET), 0);
    ck_assert_uint_eq(fread(back, 1, sizeof(back), fp), sizeof(back));
    fclose(fp);
    ck_assert_mem_eq(back, buf, sizeof(buf));
    ck_assert_uint_eq(blockdev_io_count(b), 1);
    ck_assert_int_eq(blockdev_read(b, 319, back, 2), -1); /* 320 sectors in all */
    ck_assert_int_eq(blockdev_read(b, 319, back, 1), 0);
    blockdev_close(b);
    unlink(path);
}
END_TEST

/* Read the whole file at @path into a fresh buffer of *@len bytes. */
static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    fseek(fp, 0, SEEK_END);
    *len = (size_t)ftell(fp);
    rewind(fp);
    unsigned char *buf = malloc(*len);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, *len, fp), *len);
    fclose(fp);
    return buf;
}

START_TEST(test_blockdev_snapshot_reads_back_writes_and_leaves_file_identical)
{
    char path[64], err[256] = "";
    make_image(path, 163840);
    FILE *fp = fopen(path, "r+b"); /* distinct content in every sector */
    for (unsigned k = 0; k < 163840; k++)
        fputc((int)((k / 512 * 3 + k) & 0xFF), fp);
    fclose(fp);
    size_t len0, len1;
    unsigned char *before = slurp(path, &len0);
    struct blockdev *b = blockdev_open(path, BLOCKDEV_SNAPSHOT, err, sizeof(err));
    ck_assert_ptr_nonnull(b);
    ck_assert(blockdev_snapshot(b));
    ck_assert(!blockdev_readonly(b)); /* the guest sees a writable disk */
    unsigned char buf[3 * 512], back[4 * 512];
    memset(buf, 0xA5, sizeof(buf));
    ck_assert_int_eq(blockdev_write(b, 10, buf, 3), 0);
    memset(buf, 0x5A, 512);
    ck_assert_int_eq(blockdev_write(b, 11, buf, 1), 0); /* rewrite one overlay sector */
    ck_assert_int_eq(blockdev_read(b, 9, back, 4), 0);  /* file, overlay x3 */
    ck_assert_mem_eq(back, before + 9 * 512, 512);
    for (unsigned k = 0; k < 512; k++) {
        ck_assert_uint_eq(back[512 + k], 0xA5);
        ck_assert_uint_eq(back[1024 + k], 0x5A);
        ck_assert_uint_eq(back[1536 + k], 0xA5);
    }
    ck_assert_int_eq(blockdev_write(b, 319, buf, 2), -1); /* past the end */
    ck_assert_int_eq(blockdev_flush(b), 0);
    blockdev_close(b);
    unsigned char *after = slurp(path, &len1);
    ck_assert_uint_eq(len0, len1);
    ck_assert_mem_eq(before, after, len0);
    free(before);
    free(after);
    unlink(path);
}
END_TEST

START_TEST(test_blockdev_snapshot_is_refused_while_a_writer_holds_the_image)
{
    char path[64], err[256] = "";
    make_image(path, 163840);
    struct blockdev *w = blockdev_open(path, 0, err, sizeof(err));
    ck_assert_ptr_nonnull(w);
    ck_assert_ptr_null(blockdev_open(path, BLOCKDEV_SNAPSHOT, err, sizeof(err)));
    ck_assert_ptr_nonnull(strstr(err, "in use"));
    blockdev_close(w);
    unlink(path);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("blockdev");
    TCase *tc = tcase_create("images");
    tcase_add_test(tc, test_blockdev_geometry_from_each_floppy_size);
    tcase_add_test(tc, test_blockdev_truncated_image_has_no_floppy_geometry);
    tcase_add_test(tc, test_blockdev_odd_size_image_is_refused);
    tcase_add_test(tc, test_blockdev_second_open_gets_lock_error);
    tcase_add_test(tc, test_blockdev_read_only_file_opens_read_only);
    tcase_add_test(tc, test_blockdev_write_reaches_file_and_bounds_are_checked);
    tcase_add_test(tc, test_blockdev_snapshot_reads_back_writes_and_leaves_file_identical);
    tcase_add_test(tc, test_blockdev_snapshot_is_refused_while_a_writer_holds_the_image);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
