/*
 * devices/debugexit.c - the debug-exit ports.
 *
 * Any write of 1, 2 or 4 bytes inside the claimed ports requests exit status
 * (value << 1) | 1, so a status is always odd and 1 means "guest wrote 0".
 * Reads return all ones (the ports are write-only).
 */
#include "debugexit.h"

#include <stdlib.h>

struct debugexit {
    debugexit_fn fn;
    void *opaque;
};

static void debugexit_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct debugexit *d = opaque;
    d->fn(d->opaque, (int)((val << 1) | 1));
}

static const struct bus_ops debugexit_ops = {
    .read = NULL, .write = debugexit_write, .min_size = 1, .max_size = 4,
};

struct debugexit *debugexit_create(struct bus *io, uint16_t port, debugexit_fn fn, void *opaque)
{
    struct debugexit *d = calloc(1, sizeof(*d));
    if (!d)
        return NULL;
    d->fn = fn;
    d->opaque = opaque;
    if (bus_map(io, "debugexit", port, DEBUGEXIT_PORTS, &debugexit_ops, d) < 0) {
        free(d);
        return NULL;
    }
    return d;
}

void debugexit_destroy(struct debugexit *d) { free(d); }
