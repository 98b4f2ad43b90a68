/*
 * board/png.c - PNG encoding of 8-bit RGB images (see png.h).  The file is
 * the 8-byte signature, then the chunks IHDR, IDAT, IEND; each chunk is a
 * 4-byte big-endian data length, the 4-byte type, the data and a CRC-32
 * over type and data (PNG Specification 5.3).  The image data is every
 * row prefixed by filter type 0 (None), compressed as one zlib stream.
 * Invariant: the output buffer is sized before any byte is written, so
 * no write can overrun it.
 */
#include "png.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

enum {
    PNG_SIG_LEN = 8,
    CHUNK_OVERHEAD = 12, /* length, type, CRC */
    IHDR_LEN = 13,
    PNG_BIT_DEPTH = 8,
    PNG_COLOUR_RGB = 2,
};

static const uint8_t png_signature[PNG_SIG_LEN] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Store chunk @type with @len bytes of @data at @p; returns the end. */
static uint8_t *put_chunk(uint8_t *p, const char *type, const uint8_t *data, size_t len)
{
    put_be32(p, (uint32_t)len);
    memcpy(p + 4, type, 4);
    if (len)
        memcpy(p + 8, data, len);
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, p + 4, (uInt)(len + 4));
    put_be32(p + 8 + len, (uint32_t)crc);
    return p + CHUNK_OVERHEAD + len;
}

/* The filtered image data: each row is filter byte 0 and its pixels. */
static uint8_t *filtered_rows(const uint8_t *rgb, unsigned width, unsigned height, size_t *len)
{
    size_t row = (size_t)width * 3;
    *len = (row + 1) * height;
    uint8_t *raw = malloc(*len);
    if (!raw)
        return NULL;
    for (unsigned y = 0; y < height; y++) {
        raw[y * (row + 1)] = 0;
        memcpy(raw + y * (row + 1) + 1, rgb + y * row, row);
    }
    return raw;
}

/* zlib-compress the filtered rows into a malloc'ed buffer. */
static const char *deflate_rows(const uint8_t *rgb, unsigned width, unsigned height, uint8_t **z,
                                size_t *zlen)
{
    size_t rawlen;
    uint8_t *raw = filtered_rows(rgb, width, height, &rawlen);
    uLongf bound = compressBound((uLong)rawlen);
    *z = raw ? malloc(bound) : NULL;
    if (!*z) {
        free(raw);
        return "out of memory";
    }
    int rc = compress2(*z, &bound, raw, (uLong)rawlen, Z_DEFAULT_COMPRESSION);
    free(raw);
    if (rc != Z_OK) {
        free(*z);
        *z = NULL;
        return "zlib compression failed";
    }
    *zlen = bound;
    return NULL;
}

/* The IHDR data: size, bit depth 8, colour type 2, deflate, filter
 * method 0, no interlace (PNG Specification 11.2.2). */
static void ihdr_data(uint8_t d[IHDR_LEN], unsigned width, unsigned height)
{
    put_be32(d, width);
    put_be32(d + 4, height);
    d[8] = PNG_BIT_DEPTH;
    d[9] = PNG_COLOUR_RGB;
    d[10] = d[11] = d[12] = 0;
}

const char *png_encode_rgb(const uint8_t *rgb, unsigned width, unsigned height, uint8_t **png,
                           size_t *len)
{
    *png = NULL;
    *len = 0;
    if (!width || !height || width > PNG_MAX_DIM || height > PNG_MAX_DIM)
        return "image size out of range";
    uint8_t *z;
    size_t zlen;
    const char *err = deflate_rows(rgb, width, height, &z, &zlen);
    if (err)
        return err;
    size_t total = PNG_SIG_LEN + 3 * CHUNK_OVERHEAD + IHDR_LEN + zlen;
    uint8_t *out = malloc(total);
    if (!out) {
        free(z);
        return "out of memory";
    }
    uint8_t ihdr[IHDR_LEN];
    ihdr_data(ihdr, width, height);
    memcpy(out, png_signature, PNG_SIG_LEN);
    uint8_t *p = put_chunk(out + PNG_SIG_LEN, "IHDR", ihdr, IHDR_LEN);
    p = put_chunk(p, "IDAT", z, zlen);
    put_chunk(p, "IEND", NULL, 0);
    free(z);
    *png = out;
    *len = total;
    return NULL;
}

const char *png_write_rgb(FILE *out, const uint8_t *rgb, unsigned width, unsigned height)
{
    uint8_t *png;
    size_t len;
    const char *err = png_encode_rgb(rgb, width, height, &png, &len);
    if (err)
        return err;
    if (fwrite(png, 1, len, out) != len)
        err = "write error";
    free(png);
    return err;
}
