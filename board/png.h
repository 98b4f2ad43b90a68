/*
 * board/png.h - a minimal PNG encoder for screendumps: 8-bit RGB images
 * (colour type 2, no interlace), one IDAT chunk compressed with zlib.
 * (W3C PNG Specification, 2nd ed.: 5.2 signature, 5.3 chunk layout and
 * CRC, 11.2.2 IHDR, 9.2 filter type 0 "None", 10 zlib compression.)
 *
 * Invariants: the image is given top row first, 3 bytes (R, G, B) per
 * pixel and no padding between rows; width and height are 1..PNG_MAX_DIM
 * (the encoder refuses anything else before producing a byte).
 */
#ifndef T86_BOARD_PNG_H
#define T86_BOARD_PNG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/** Largest width or height accepted (keeps every size computation small). */
enum { PNG_MAX_DIM = 16384 };

/**
 * Encode the @width x @height RGB image @rgb as a complete PNG file in a
 * malloc'ed buffer: *@png gets the buffer (free it), *@len its length.
 * Returns NULL, or a message saying why nothing was produced (bad size,
 * out of memory, zlib error); then *@png is NULL.
 */
const char *png_encode_rgb(const uint8_t *rgb, unsigned width, unsigned height, uint8_t **png,
                           size_t *len);

/**
 * Encode like png_encode_rgb and write the file to the stream @out.
 * Returns NULL, or why nothing (or not everything) was written.
 */
const char *png_write_rgb(FILE *out, const uint8_t *rgb, unsigned width, unsigned height);

#endif
