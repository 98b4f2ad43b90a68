/*
 * devices/ps2mouse.h - a PS/2 mouse with the IntelliMouse wheel extension,
 * on a PS/2 port (the 8042's auxiliary port).
 *
 * Host commands (IBM PS/2 Hardware Interface Technical Reference,
 * "Pointing Device"): 0xE6 / 0xE7 scaling 1:1 / 2:1, 0xE8 resolution,
 * 0xE9 status request, 0xEA stream mode, 0xEB read data, 0xEC / 0xEE
 * wrap mode off / on, 0xF0 remote mode, 0xF2 read device type, 0xF3
 * sample rate, 0xF4 / 0xF5 enable / disable reporting, 0xF6 defaults,
 * 0xFE resend, 0xFF reset (ACK, AA, 00).  Setting the sample rates 200,
 * 100, 80 in a row turns the device type into 3 (Microsoft IntelliMouse):
 * packets grow a fourth byte, the wheel movement.
 *
 * Packets: byte 0 = buttons (bit 0 left, 1 right, 2 middle), bit 3 always
 * 1, bits 4 / 5 the signs of X / Y, bits 6 / 7 their overflow; bytes 1 and
 * 2 the low eight bits of X and Y (Y positive = up); byte 3 (type 3 only)
 * Z, -8..7, positive = wheel turned toward the user.
 *
 * Movement accumulates in counters; in stream mode with reporting enabled
 * a packet is built whenever the device has no byte waiting for the host,
 * so a slow guest sees movement coalesced, never lost: a large movement
 * goes out as several packets of at most 255 counts.  Each change of the
 * buttons gets a packet of its own, so no click is lost.  The sample rate
 * and resolution are stored and reported, but host deltas are passed
 * through as counts unchanged.
 */
#ifndef T86_DEVICES_PS2MOUSE_H
#define T86_DEVICES_PS2MOUSE_H

#include <stdbool.h>
#include <stdint.h>

#include "board/state.h"
#include "i8042.h"

/** Button bits of ps2mouse_move(), as in packet byte 0. */
enum { PS2MOUSE_LEFT = 1, PS2MOUSE_RIGHT = 2, PS2MOUSE_MIDDLE = 4 };

struct ps2mouse;

/** Snapshot descriptor of struct ps2mouse's state. */
extern const struct state_desc ps2mouse_state_desc;

/**
 * Create a mouse that sends its bytes to @host (copied; from
 * i8042_host(kc, PS2_PORT_AUX)).  Returns NULL on allocation failure.
 */
struct ps2mouse *ps2mouse_create(const struct ps2_host *host);
/** The device side of @m, for i8042_attach(). */
struct ps2_device ps2mouse_device(struct ps2mouse *m);
/** Free the mouse. NULL is ignored. */
void ps2mouse_destroy(struct ps2mouse *m);
/**
 * Power-on: device type 0, stream mode, reporting disabled, 100 samples/s,
 * 4 counts/mm, scaling 1:1, counters and queue empty.  Nothing is sent.
 */
void ps2mouse_reset(struct ps2mouse *m);
/**
 * The user moved the mouse by @dx (right positive), @dy (DOWN positive:
 * screen convention of host window systems; the packet carries -@dy) and
 * turned the wheel by @dz (positive toward the user, "scroll down"), with
 * @buttons (PS2MOUSE_*) now held.
 */
void ps2mouse_move(struct ps2mouse *m, int dx, int dy, int dz, unsigned buttons);

#endif
