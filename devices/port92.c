/*
 * devices/port92.c - System Control Port A (see port92.h).
 *
 * Invariant: the register holds only the two defined bits; reads return
 * them with bit 0 reading back as written.  Other bits read 0.
 */
#include "port92.h"

#include <stddef.h>
#include <stdlib.h>

struct port92 {
    struct port92_wiring w;
    uint8_t bits;
};

const struct state_desc port92_state_desc = {
    "port92", 1, sizeof(struct port92),
    (const struct state_field[]){STATE_FIELD(struct port92, bits, 1)},
    1,
};

static uint32_t port92_read(void *opaque, uint32_t offset, unsigned size)
{
    return ((struct port92 *)opaque)->bits;
}

static void port92_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct port92 *p = opaque;
    uint8_t old = p->bits, v = (uint8_t)(val & 3);
    p->bits = v;
    /* Every write drives the A20 line, not only a change of bit 1: the
       line may have another driver (the 8042), and this is how a guest
       takes it over (PIIX3 datasheet 4.7.1; QEMU behaves the same). */
    p->w.set_a20(p->w.opaque, v & 2);
    if (!(old & 1) && (v & 1))
        p->w.reset(p->w.opaque);
}

static const struct bus_ops port92_ops = {
    .read = port92_read, .write = port92_write, .min_size = 1, .max_size = 1,
};

struct port92 *port92_create(struct bus *io, uint16_t port, const struct port92_wiring *w)
{
    struct port92 *p = calloc(1, sizeof(*p));
    if (!p)
        return NULL;
    p->w = *w;
    if (bus_map(io, "port92", port, 1, &port92_ops, p) < 0) {
        free(p);
        return NULL;
    }
    return p;
}

void port92_destroy(struct port92 *p) { free(p); }

void port92_reset(struct port92 *p) { p->bits = 0; }
