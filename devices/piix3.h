/*
 * devices/piix3.h - function 0 of the Intel 82371SB PIIX3, the PCI-to-ISA
 * bridge, at 00:01.0: vendor 8086h, device 7000h, class 060100h, with the
 * multi-function bit set in its header type (82371SB datasheet, section 2,
 * "PCI to ISA bridge configuration registers").  The IDE function 01.1 is
 * not modelled (a SeaBIOS with ATA support needs it once a disk exists).
 *
 * What it models:
 *   - PIRQRC[A:D] (60h-63h): routing of the PCI interrupt lines PIRQA#-
 *     PIRQD# to ISA IRQs.  Bit 7 set disables the route (the default 80h);
 *     bits 3:0 name the IRQ; IRQ 0, 1, 2, 8 and 13 are reserved and route
 *     nowhere.  The board is told of every change of the effective route.
 *   - TOM (69h, top of memory) and the other chipset registers: stored.
 *   - The Reset Control register at I/O port 0CF9h, which shares
 *     CONFIG_ADDRESS's dword and so is reached through the PCI bus's 0xCF9
 *     hook: bit 1 (SRST) selects a hard reset, a 0 -> 1 write of bit 2
 *     (RCPU) requests the reset.  SeaBIOS reboots by writing 02h then 06h.
 * ELCR (4D0h/4D1h) belongs to the 8259A model, not here.
 */
#ifndef T86_DEVICES_PIIX3_H
#define T86_DEVICES_PIIX3_H

#include <stdbool.h>
#include <stdint.h>

#include "board/state.h"
#include "pci.h"

enum {
    PIIX3_VENDOR_ID = 0x8086,
    PIIX3_ISA_DEVICE_ID = 0x7000,
    PIIX3_PIRQRC = 0x60, /**< PIRQRC[A..D] at 0x60..0x63 */
    PIIX3_TOM = 0x69,
    PIIX3_PIRQ_DISABLE = 0x80,
    PIIX3_RC_SRST = 0x02, /**< reset control: hard (1) or soft (0) reset */
    PIIX3_RC_RCPU = 0x04, /**< reset control: 0 -> 1 requests the reset */
};

/** What the board connects. */
struct piix3_wiring {
    /**
     * PIRQ @pirq (0 = A .. 3 = D) now drives ISA IRQ @irq, or nothing when
     * @irq is -1.  Called only when the effective route changes.
     */
    void (*pirq_changed)(void *opaque, unsigned pirq, int irq);
    /** Reset requested through 0xCF9: @hard when SRST was set. NULL: ignored. */
    void (*reset)(void *opaque, bool hard);
    void *opaque;
};

struct piix3;

/** Snapshot descriptor of struct piix3's state. */
extern const struct state_desc piix3_state_desc;

/**
 * Create function 0 at 00:01.0 on @pci in its reset state, wired by @w
 * (copied), and take the bus's 0xCF9 hook.  NULL when 00:01.0 is taken or
 * memory runs out.
 */
struct piix3 *piix3_create(struct pci_bus *pci, const struct piix3_wiring *w);
/** Unregister, release the 0xCF9 hook and free.  NULL is ignored. */
void piix3_destroy(struct piix3 *p);
/** Registers to their defaults; PIRQ routes that were enabled are reported gone. */
void piix3_reset(struct piix3 *p);
/** The ISA IRQ PIRQ @pirq (0-3) is routed to, or -1. */
int piix3_pirq_irq(const struct piix3 *p, unsigned pirq);

#endif
