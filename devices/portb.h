/*
 * devices/portb.h - system control port B (port 0x61) of the PC/AT.
 *
 * Bits written: 0 = timer 2 gate, 1 = speaker data enable, 2 = parity
 * check enable (active low), 3 = channel check enable (active low).  Bits
 * read: 0-3 as written, 4 = refresh request toggle, 5 = timer 2 OUT,
 * 6 = channel check, 7 = parity check (never raised here).
 *
 * The port knows neither the PIT nor the speaker: the board gives it a
 * callback to drive the gate and one to sample OUT2.  The refresh bit is
 * derived from virtual time (it flips every PORTB_REFRESH_NS, the ~15 us
 * DRAM refresh interval BIOS delay loops count).
 */
#ifndef T86_DEVICES_PORTB_H
#define T86_DEVICES_PORTB_H

#include <stdbool.h>
#include <stdint.h>

#include "board/bus.h"
#include "board/clock.h"
#include "board/state.h"

/** The port and the refresh toggle period in ns (18 PIT clocks, 15.085 us). */
enum { PORTB_PORT = 0x61, PORTB_REFRESH_NS = 15085 };

/** What the board connects to port B. */
struct portb_wiring {
    void (*set_gate2)(void *opaque, bool level); /**< timer 2 gate */
    bool (*get_out2)(void *opaque);              /**< timer 2 OUT */
    void *opaque;
};

struct portb;

/** Snapshot descriptor of struct portb's state. */
extern const struct state_desc portb_state_desc;

/** Create port B on @port of @io, timed by @clock, wired by @w (copied). */
struct portb *portb_create(struct bus *io, uint16_t port, struct clock *clock,
                           const struct portb_wiring *w);
/** Free the device (after the bus is no longer used). NULL is ignored. */
void portb_destroy(struct portb *b);
/** Reset: all written bits 0 (gate 2 low, speaker off). */
void portb_reset(struct portb *b);
/** True when the speaker is enabled and driven (bits 0 and 1 set). */
bool portb_speaker_on(const struct portb *b);

#endif
