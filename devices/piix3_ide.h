/*
 * devices/piix3_ide.h - function 1 of the Intel 82371SB PIIX3, the IDE
 * controller, at 00:01.1: vendor 8086h, device 7010h, class 010180h
 * (mass storage, IDE, prog-if 80h: bus-master capable, both channels in
 * fixed legacy mode), BAR4 an I/O BAR of 16 bytes for the bus-master IDE
 * registers (82371FB/SB datasheet, 2.3 "PCI Configuration Registers -
 * IDE Interface" and 2.7).  The legacy ports 1F0h/3F6h and 170h/376h are
 * always decoded by the channels themselves (devices/ide.c).
 *
 * Invariants: BAR4 is mapped on the I/O bus exactly while the command
 * register's I/O enable bit is set and BAR4 holds a non-zero base; the
 * mapping follows every change of either.
 */
#ifndef T86_DEVICES_PIIX3_IDE_H
#define T86_DEVICES_PIIX3_IDE_H

#include "board/bus.h"
#include "board/state.h"
#include "ide.h"
#include "pci.h"

enum { PIIX3_IDE_DEVICE_ID = 0x7010 };

struct piix3_ide;

/** Snapshot descriptor of struct piix3_ide's state (its configuration space). */
extern const struct state_desc piix3_ide_state_desc;

/**
 * Create the function at 00:01.1 on @pci, decoding BAR4 on @io for the
 * bus-master registers of @ide.  NULL when the slot is taken or memory
 * runs out.
 */
struct piix3_ide *piix3_ide_create(struct pci_bus *pci, struct bus *io, struct ide *ide);
/** Unregister and free (the I/O mapping is dropped).  NULL is ignored. */
void piix3_ide_destroy(struct piix3_ide *p);
/** Configuration registers to their defaults (BAR4 unmapped). */
void piix3_ide_reset(struct piix3_ide *p);

#endif
