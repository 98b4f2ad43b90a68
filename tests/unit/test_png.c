/*
 * tests/unit/test_png.c - the PNG encoder of board/png.c, checked by
 * parsing its output the way a decoder must (PNG Specification, 2nd ed.:
 * 5.2 signature, 5.3 chunk layout, 11.2.2 IHDR, 9 filtering): chunk
 * order IHDR, IDAT, IEND, every CRC recomputed with zlib's crc32, the
 * IDAT stream inflated with zlib and compared row by row with the image.
 * The IEND CRC is also checked against the constant AE 42 60 82 every
 * PNG file ends with, which does not depend on our CRC code at all.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "board/png.h"

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

struct chunk {
    char type[5];
    const uint8_t *data;
    uint32_t len;
};

/* Parse the chunk at *@pos of @png (@len bytes), check its CRC, advance. */
static struct chunk next_chunk(const uint8_t *png, size_t len, size_t *pos)
{
    struct chunk c;
    ck_assert_uint_le(*pos + 12, len);
    c.len = be32(png + *pos);
    ck_assert_uint_le(*pos + 12 + c.len, len);
    memcpy(c.type, png + *pos + 4, 4);
    c.type[4] = '\0';
    c.data = png + *pos + 8;
    uint32_t crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), png + *pos + 4, c.len + 4);
    ck_assert_uint_eq(be32(png + *pos + 8 + c.len), crc);
    *pos += 12 + c.len;
    return c;
}

/* A test image whose every byte depends on its position. */
static uint8_t *test_image(unsigned w, unsigned h)
{
    uint8_t *rgb = malloc((size_t)w * h * 3);
    ck_assert_ptr_nonnull(rgb);
    for (size_t i = 0; i < (size_t)w * h * 3; i++)
        rgb[i] = (uint8_t)(i * 7 + i / 3);
    return rgb;
}

/* Inflate the IDAT data and compare it with filter 0 + the rows of @rgb. */
static void check_image_data(const struct chunk *idat, const uint8_t *rgb, unsigned w, unsigned h)
{
    size_t row = (size_t)w * 3 + 1;
    uLongf rawlen = (uLongf)(row * h + 1); /* one spare byte: longer data would show */
    uint8_t *raw = malloc(rawlen);
    ck_assert_ptr_nonnull(raw);
    ck_assert_int_eq(uncompress(raw, &rawlen, idat->data, idat->len), Z_OK);
    ck_assert_uint_eq(rawlen, row * h);
    for (unsigned y = 0; y < h; y++) {
        ck_assert_uint_eq(raw[y * row], 0); /* filter type 0: None */
        ck_assert_int_eq(memcmp(raw + y * row + 1, rgb + y * (row - 1), row - 1), 0);
    }
    free(raw);
}

/* Check the whole file @png of the @w x @h image @rgb. */
static void check_png(const uint8_t *png, size_t len, const uint8_t *rgb, unsigned w, unsigned h)
{
    static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    ck_assert_int_eq(memcmp(png, sig, 8), 0);
    size_t pos = 8;
    struct chunk ihdr = next_chunk(png, len, &pos);
    ck_assert_str_eq(ihdr.type, "IHDR");
    ck_assert_uint_eq(ihdr.len, 13);
    ck_assert_uint_eq(be32(ihdr.data), w);
    ck_assert_uint_eq(be32(ihdr.data + 4), h);
    static const uint8_t rest[5] = {8, 2, 0, 0, 0}; /* depth, RGB, deflate, filter, no interlace */
    ck_assert_int_eq(memcmp(ihdr.data + 8, rest, 5), 0);
    struct chunk idat = next_chunk(png, len, &pos);
    ck_assert_str_eq(idat.type, "IDAT");
    check_image_data(&idat, rgb, w, h);
    struct chunk iend = next_chunk(png, len, &pos);
    ck_assert_str_eq(iend.type, "IEND");
    ck_assert_uint_eq(iend.len, 0);
    ck_assert_uint_eq(be32(png + pos - 4), 0xAE426082u);
    ck_assert_uint_eq(pos, len); /* nothing after IEND */
}

START_TEST(test_png_encode_rgb_chunks_crcs_and_rows)
{
    static const unsigned sizes[][2] = {{1, 1}, {3, 2}, {720, 400}, {17, 255}};
    for (unsigned k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        unsigned w = sizes[k][0], h = sizes[k][1];
        uint8_t *rgb = test_image(w, h);
        uint8_t *png;
        size_t len;
        ck_assert_ptr_null(png_encode_rgb(rgb, w, h, &png, &len));
        check_png(png, len, rgb, w, h);
        free(png);
        free(rgb);
    }
}
END_TEST

START_TEST(test_png_rejects_empty_and_huge_images)
{
    uint8_t px[3] = {1, 2, 3};
    uint8_t *png = (uint8_t *)1;
    size_t len = 1;
    ck_assert_ptr_nonnull(png_encode_rgb(px, 0, 1, &png, &len));
    ck_assert_ptr_null(png);
    ck_assert_uint_eq(len, 0);
    ck_assert_ptr_nonnull(png_encode_rgb(px, 1, 0, &png, &len));
    ck_assert_ptr_nonnull(png_encode_rgb(px, PNG_MAX_DIM + 1, 1, &png, &len));
    ck_assert_ptr_nonnull(png_write_rgb(stdout, px, 1, PNG_MAX_DIM + 1));
}
END_TEST

START_TEST(test_png_write_rgb_matches_encoder)
{
    unsigned w = 9, h = 16;
    uint8_t *rgb = test_image(w, h);
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_null(png_write_rgb(f, rgb, w, h));
    long flen = ftell(f);
    uint8_t *png;
    size_t len;
    ck_assert_ptr_null(png_encode_rgb(rgb, w, h, &png, &len));
    ck_assert_int_eq(flen, (long)len);
    uint8_t *back = malloc(len);
    rewind(f);
    ck_assert_uint_eq(fread(back, 1, len, f), len);
    ck_assert_int_eq(memcmp(back, png, len), 0);
    check_png(back, len, rgb, w, h);
    free(back);
    free(png);
    free(rgb);
    fclose(f);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("png");
    TCase *tc = tcase_create("png");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_png_encode_rgb_chunks_crcs_and_rows);
    tcase_add_test(tc, test_png_rejects_empty_and_huge_images);
    tcase_add_test(tc, test_png_write_rgb_matches_encoder);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
