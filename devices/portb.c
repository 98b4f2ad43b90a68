/*
 * devices/portb.c - system control port B (0x61).
 *
 * State is the four writable bits.  Invariant: the timer 2 gate the board
 * sees always equals bit 0 (it is driven on every write and on reset).
 */
#include "portb.h"

#include <stdlib.h>

enum { PB_GATE2 = 0x01, PB_SPEAKER = 0x02, PB_WRITABLE = 0x0F, PB_REFRESH = 0x10, PB_OUT2 = 0x20 };

struct portb {
    uint8_t bits; /**< the writable bits 0-3 */
    /* wiring, not state */
    struct clock *clock;
    struct portb_wiring w;
};

const struct state_desc portb_state_desc = {
    "portb", 1, sizeof(struct portb),
    (const struct state_field[]){STATE_FIELD(struct portb, bits, 1)},
    1,
};

static uint32_t portb_read(void *opaque, uint32_t offset, unsigned size)
{
    struct portb *b = opaque;
    uint8_t v = b->bits;
    if ((clock_now(b->clock) / PORTB_REFRESH_NS) & 1)
        v |= PB_REFRESH;
    if (b->w.get_out2 && b->w.get_out2(b->w.opaque))
        v |= PB_OUT2;
    return v;
}

/* Store the writable bits and drive the gate. */
static void portb_set(struct portb *b, uint8_t v)
{
    b->bits = v & PB_WRITABLE;
    if (b->w.set_gate2)
        b->w.set_gate2(b->w.opaque, b->bits & PB_GATE2);
}

static void portb_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    portb_set(opaque, (uint8_t)val);
}

static const struct bus_ops portb_ops = {
    .read = portb_read, .write = portb_write, .min_size = 1, .max_size = 1,
};

struct portb *portb_create(struct bus *io, uint16_t port, struct clock *clock,
                           const struct portb_wiring *w)
{
    struct portb *b = calloc(1, sizeof(*b));
    if (!b)
        return NULL;
    b->clock = clock;
    b->w = *w;
    if (bus_map(io, "portb", port, 1, &portb_ops, b) < 0) {
        free(b);
        return NULL;
    }
    portb_reset(b);
    return b;
}

void portb_destroy(struct portb *b) { free(b); }

void portb_reset(struct portb *b) { portb_set(b, 0); }

bool portb_speaker_on(const struct portb *b)
{
    return (b->bits & (PB_GATE2 | PB_SPEAKER)) == (PB_GATE2 | PB_SPEAKER);
}
