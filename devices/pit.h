/*
 * devices/pit.h - the Intel 8254 programmable interval timer (ports
 * 0x40-0x43, input clock 1.193182 MHz on all three counters).
 *
 * The counters do not tick: each remembers when its counting element was
 * loaded, and its count and OUT pin are computed from virtual time
 * (board/clock.h) when read.  A counter whose OUT is connected (an
 * irq_line given at creation; on a PC only counter 0, to IRQ0) has the
 * time of its next OUT edge armed as a timer deadline and reports the new
 * level through the line when it fires.  Other OUT pins are read on
 * demand (counter 2 through port 0x61).
 *
 * Invariants: OUT and the count are pure functions of the programmed state
 * and the current tick; a connected OUT is reported only when it changes,
 * and its next edge is always armed (or no timer when it has none).
 */
#ifndef T86_DEVICES_PIT_H
#define T86_DEVICES_PIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "board/bus.h"
#include "board/clock.h"
#include "board/irq.h"
#include "board/state.h"

/** The conventional base port and the input clock in Hz. */
enum { PIT_PORT = 0x40, PIT_HZ = 1193182, PIT_CHANNELS = 3 };

struct pit;

/** Snapshot descriptor of struct pit's state (the three counters). */
extern const struct state_desc pit_state_desc;

/**
 * Create a PIT on ports @port..@port+3 of @io, timed by @clock.  @out[k]
 * receives counter k's OUT level (a line with no handler: not connected);
 * @out may be NULL.  All gates start high.  Returns NULL on failure.
 */
struct pit *pit_create(struct bus *io, uint16_t port, struct clock *clock,
                       const struct irq_line out[PIT_CHANNELS]);
/** Free the PIT and its timers (after the bus is no longer used). NULL is ignored. */
void pit_destroy(struct pit *p);
/**
 * Power-on state (the 8254 has no reset pin; trap86's choice): every
 * counter in mode 0 (LSB then MSB, binary) with no count written, so
 * nothing counts and OUT is low until software programs it.  Gate levels
 * are kept (they are pins).
 */
void pit_reset(struct pit *p);
/** Set the GATE input of counter @ch (0..2). */
void pit_set_gate(struct pit *p, unsigned ch, bool level);
/** The OUT level of counter @ch (0..2) now. */
bool pit_get_out(struct pit *p, unsigned ch);
/** Convert virtual ns to PIT input-clock ticks (rounding down), and back (up). */
uint64_t pit_ns_to_ticks(uint64_t ns);
uint64_t pit_ticks_to_ns(uint64_t ticks);

/** Print each channel's mode, count register, gate and OUT to @out (debugger). */
void pit_dump(const struct pit *p, FILE *out);

#endif
