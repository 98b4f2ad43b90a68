/*
 * devices/port92.h - System Control Port A (0x92), the "fast A20" port of
 * PS/2 and later chipsets: bit 1 drives the A20 gate, writing bit 0 from 0
 * to 1 pulses the CPU reset line (Intel 82371SB PIIX3 datasheet, 4.7.1
 * "Port 92h").
 */
#ifndef T86_DEVICES_PORT92_H
#define T86_DEVICES_PORT92_H

#include <stdbool.h>
#include <stdint.h>

#include "board/bus.h"
#include "board/state.h"

enum { PORT92_PORT = 0x92 };

/** What the board connects to port 0x92. */
struct port92_wiring {
    void (*set_a20)(void *opaque, bool enabled); /**< bit 1, on every write */
    void (*reset)(void *opaque);                 /**< bit 0 written 0 -> 1 */
    void *opaque;
};

struct port92;

/** Snapshot descriptor of struct port92's state. */
extern const struct state_desc port92_state_desc;

/** Create the port on @io at @port, wired by @w (copied). */
struct port92 *port92_create(struct bus *io, uint16_t port, const struct port92_wiring *w);
/** Free the device. NULL is ignored. */
void port92_destroy(struct port92 *p);
/** Reset: all bits 0 (the A20 gate is then governed by the 8042 alone). */
void port92_reset(struct port92 *p);

#endif
