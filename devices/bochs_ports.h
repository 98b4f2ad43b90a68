/*
 * devices/bochs_ports.h - the firmware ports of the Bochs BIOS and the LGPL
 * VGA BIOS, as Bochs decodes them:
 *
 *   0x400  (16-bit write) BIOS panic: the value is a rombios.c line number
 *   0x401  BIOS panic without a line number (written before "FATAL: ...")
 *   0x402  BIOS information messages, one character per byte write
 *   0x403  BIOS debug messages, likewise
 *   0x500  VGA BIOS messages, likewise
 *   0x8900 power control: writing the characters "Shutdown" in sequence
 *          (the Bochs BIOS's APM "power off") turns the machine off
 *
 * Message characters are collected into lines: '\n' ends a line, '\r' is
 * dropped, and a line longer than BOCHS_PORTS_LINE_MAX - 1 characters is
 * passed on in pieces.  Reads of every port return all ones.
 *
 * Invariant: the device never logs, stops or exits anything itself; it
 * reports lines, panics and the shutdown through the wiring callbacks and
 * the board decides.  No global state.
 */
#ifndef T86_DEVICES_BOCHS_PORTS_H
#define T86_DEVICES_BOCHS_PORTS_H

#include <stdint.h>

#include "board/bus.h"

enum {
    BOCHS_PANIC_PORT = 0x400,   /**< 0x400-0x403: panic, panic, info, debug */
    BOCHS_BIOS_PORTS = 4,       /**< ports claimed from BOCHS_PANIC_PORT */
    BOCHS_VGABIOS_PORT = 0x500, /**< VGA BIOS messages */
    BOCHS_SHUTDOWN_PORT = 0x8900,
    BOCHS_PORTS_LINE_MAX = 256, /**< line buffer, NUL included */
};

/** Where a message line came from. */
enum bochs_source { BOCHS_SRC_INFO, BOCHS_SRC_DEBUG, BOCHS_SRC_VGABIOS };

/** How the device reports to the board (any callback may be NULL). */
struct bochs_ports_wiring {
    /** A complete message line (NUL-terminated, without the newline). */
    void (*line)(void *opaque, enum bochs_source src, const char *text);
    /** A BIOS panic: @line is the rombios.c line number, or -1 (port 0x401). */
    void (*panic)(void *opaque, int line);
    /** The guest wrote "Shutdown" to port 0x8900. */
    void (*shutdown)(void *opaque);
    void *opaque;
};

struct bochs_ports;

/** Claim the ports above on @io; NULL when out of memory or a port is taken. */
struct bochs_ports *bochs_ports_create(struct bus *io, const struct bochs_ports_wiring *w);
/** Pass on any unfinished message lines (e.g. before the emulator exits). */
void bochs_ports_flush(struct bochs_ports *d);
/** The name of @src: "bochs-bios", "bochs-bios-debug" or "vgabios". */
const char *bochs_source_name(enum bochs_source src);
/** Free the device (unmaps nothing: call when the bus is no longer used). */
void bochs_ports_destroy(struct bochs_ports *d);

#endif
