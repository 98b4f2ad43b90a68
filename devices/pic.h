/*
 * devices/pic.h - one Intel 8259A programmable interrupt controller.
 *
 * One instance is one chip.  A PC/AT has two, wired by the board: the
 * master at 0x20/0x21, the slave at 0xA0/0xA1 with its INT output on the
 * master's IR2.  The edge/level control register (ELCR, 0x4D0 and 0x4D1 on
 * PIIX-class chipsets) is modelled here as an optional per-chip register,
 * because it only changes how this chip's IR inputs are sensed.
 *
 * The chip drives its INT pin through an irq_line (level, not pulses) and
 * answers interrupt-acknowledge cycles through pic_acknowledge().  In a
 * cascade the board runs the INTA cycle on the master and, when the master
 * says the winning input belongs to a slave, on that slave (the CAS0-2
 * address the real chips exchange).  Only 8086/8088 mode (ICW4.uPM = 1)
 * produces vectors; 8080 mode is accepted but treated the same way.
 */
#ifndef T86_DEVICES_PIC_H
#define T86_DEVICES_PIC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "board/bus.h"
#include "board/irq.h"
#include "board/state.h"

/** Conventional PC/AT ports and ELCR masks (IRQ0, 1, 2, 8, 13 are edge). */
enum {
    PIC_MASTER_PORT = 0x20,
    PIC_SLAVE_PORT = 0xA0,
    PIC_MASTER_ELCR = 0x4D0,
    PIC_SLAVE_ELCR = 0x4D1,
    PIC_MASTER_ELCR_MASK = 0xF8,
    PIC_SLAVE_ELCR_MASK = 0xDE,
};

/** How the board places and wires one chip. */
struct pic_config {
    uint16_t port;               /**< the A0=0 port; A0=1 is port + 1 */
    int elcr_port;               /**< -1: no ELCR for this chip */
    uint8_t elcr_mask;           /**< ELCR bits that are writable */
    bool master;                 /**< level of the SP/EN pin (used unless ICW4.BUF) */
    struct irq_line int_out;     /**< the INT pin */
    const struct board_log *log; /**< may be NULL */
};

/** Result of one interrupt-acknowledge cycle. */
struct pic_ack {
    uint8_t vector; /**< what the chip puts on the bus (if !cascade) */
    uint8_t ir;     /**< the input acknowledged (7 when spurious) */
    bool cascade;   /**< @ir has a slave: acknowledge on that slave */
};

struct pic;

/** Snapshot descriptor of struct pic's state. */
extern const struct state_desc pic_state_desc;

/** Create a chip on @io as @cfg says, in its reset state. NULL on failure. */
struct pic *pic_create(struct bus *io, const struct pic_config *cfg);
/** Free the chip (after the bus is no longer used). NULL is ignored. */
void pic_destroy(struct pic *p);
/**
 * Power-on state (the 8259A has no reset pin; this is trap86's choice):
 * not initialised, all inputs masked (IMR = 0xFF), vector base @vector_base,
 * nothing requested or in service, ELCR all edge.
 */
void pic_reset(struct pic *p, uint8_t vector_base);
/** The IR@ir input (0..7) is now at @level (an irq_handler for the board). */
void pic_set_irq(struct pic *p, unsigned ir, bool level);
/** Run an INTA cycle (8259A datasheet, "Interrupt Sequence"). */
struct pic_ack pic_acknowledge(struct pic *p);
/** Level of the INT pin. */
bool pic_int_level(const struct pic *p);

/** Print the registers and the initialisation words of @p to @out (debugger). */
void pic_dump(const struct pic *p, FILE *out);

#endif
