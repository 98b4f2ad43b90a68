/*
 * devices/debugexit.h - the debug-exit ports: a guest write ends the
 * emulator with status (value << 1) | 1, like QEMU's isa-debug-exit
 * (-device isa-debug-exit,iobase=0xf4,iosize=0x04).
 *
 * Invariant: the device never exits the process itself; it reports the
 * status through a callback and the board decides when to stop.
 */
#ifndef T86_DEVICES_DEBUGEXIT_H
#define T86_DEVICES_DEBUGEXIT_H

#include <stdint.h>

#include "board/bus.h"

/** The conventional base port and the number of ports claimed. */
enum { DEBUGEXIT_PORT = 0xF4, DEBUGEXIT_PORTS = 4 };

/** Called with the exit status a guest requested. */
typedef void (*debugexit_fn)(void *opaque, int status);

struct debugexit;

/** Claim DEBUGEXIT_PORTS ports from @port on @io; writes call @fn(@opaque, status). */
struct debugexit *debugexit_create(struct bus *io, uint16_t port, debugexit_fn fn, void *opaque);
/** Free the device (call after the bus is no longer used). */
void debugexit_destroy(struct debugexit *d);

#endif
