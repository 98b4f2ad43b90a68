/*
 * devices/postcode.c - the POST-code display.
 *
 * Reads return the last code written (0xFF before any), as the latch of a
 * POST card would.  Only byte writes reach the device; the bus splits wider
 * ones, so the next port gets the upper bytes.
 */
#include "postcode.h"

#include <stdbool.h>
#include <stdlib.h>

struct postcode {
    FILE *out;
    uint8_t last;
    bool seen; /**< a code was written since the last reset */
};

static uint32_t postcode_read(void *opaque, uint32_t offset, unsigned size)
{
    struct postcode *p = opaque;
    return p->seen ? p->last : 0xFF;
}

static void postcode_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct postcode *p = opaque;
    uint8_t code = (uint8_t)val;
    if (p->seen && code == p->last)
        return;
    p->seen = true;
    p->last = code;
    fprintf(p->out, "POST: 0x%02X\n", code);
    fflush(p->out);
}

static const struct bus_ops postcode_ops = {
    .read = postcode_read, .write = postcode_write, .min_size = 1, .max_size = 1,
};

struct postcode *postcode_create(struct bus *io, uint16_t port, FILE *out)
{
    struct postcode *p = calloc(1, sizeof(*p));
    if (!p)
        return NULL;
    p->out = out;
    if (bus_map(io, "postcode", port, 1, &postcode_ops, p) < 0) {
        free(p);
        return NULL;
    }
    return p;
}

void postcode_reset(struct postcode *p) { p->seen = false; }

void postcode_destroy(struct postcode *p) { free(p); }
