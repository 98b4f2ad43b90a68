/*
 * devices/debugcon.h - the debug console: one I/O port whose writes go to a
 * host stream (QEMU's isa-debugcon, Bochs' port E9 hack).
 *
 * Invariants: every byte written to the port reaches the sink in order;
 * reads of the port return 0xE9 so a guest can detect the console.
 */
#ifndef T86_DEVICES_DEBUGCON_H
#define T86_DEVICES_DEBUGCON_H

#include <stdint.h>
#include <stdio.h>

#include "board/bus.h"

/** The conventional port. */
enum { DEBUGCON_PORT = 0xE9 };

struct debugcon;

/**
 * Create a debug console on @port of @io writing to @out (NULL discards the
 * bytes; the stream stays the caller's).  Returns NULL on failure.
 */
struct debugcon *debugcon_create(struct bus *io, uint16_t port, FILE *out);
/** Flush the sink. */
void debugcon_flush(struct debugcon *d);
/** Free the device (call after the bus is no longer used). */
void debugcon_destroy(struct debugcon *d);

#endif
