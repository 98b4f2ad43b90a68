/*
 * devices/debugcon.c - the debug console port.
 *
 * A byte written to the port is written to the sink stream as is (no
 * translation); wider writes are split by the bus, so only the byte at the
 * port itself arrives here.  Reads return the port's readback value 0xE9.
 */
#include "debugcon.h"

#include <stdlib.h>

struct debugcon {
    FILE *out; /**< NULL: discard */
};

static uint32_t debugcon_read(void *opaque, uint32_t offset, unsigned size)
{
    return 0xE9;
}

static void debugcon_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct debugcon *d = opaque;
    if (d->out)
        fputc((int)(val & 0xFF), d->out);
}

static const struct bus_ops debugcon_ops = {
    .read = debugcon_read, .write = debugcon_write, .min_size = 1, .max_size = 1,
};

struct debugcon *debugcon_create(struct bus *io, uint16_t port, FILE *out)
{
    struct debugcon *d = calloc(1, sizeof(*d));
    if (!d)
        return NULL;
    d->out = out;
    if (bus_map(io, "debugcon", port, 1, &debugcon_ops, d) < 0) {
        free(d);
        return NULL;
    }
    return d;
}

void debugcon_flush(struct debugcon *d)
{
    if (d && d->out)
        fflush(d->out);
}

void debugcon_destroy(struct debugcon *d) { free(d); }
