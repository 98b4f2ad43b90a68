/*
 * devices/postcode.h - a POST-code display: the byte port firmware writes
 * its progress codes to (0x80 on PC/AT-compatibles), shown on the host.
 *
 * Invariant: a line "POST: 0xNN" is printed only when the value differs
 * from the previous one written since the last reset, like a two-digit
 * display that only visibly changes on new codes.
 */
#ifndef T86_DEVICES_POSTCODE_H
#define T86_DEVICES_POSTCODE_H

#include <stdint.h>
#include <stdio.h>

#include "board/bus.h"

/** The conventional port. */
enum { POSTCODE_PORT = 0x80 };

struct postcode;

/** Create the display on @port of @io printing to @out (the caller's stream). */
struct postcode *postcode_create(struct bus *io, uint16_t port, FILE *out);
/** Forget the last code (machine reset): the next write is always shown. */
void postcode_reset(struct postcode *p);
/** Free the device (call after the bus is no longer used). */
void postcode_destroy(struct postcode *p);

#endif
