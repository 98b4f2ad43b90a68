/*
 * devices/uart16550.h - the National Semiconductor / TI PC16550D UART
 * (an "NS16550A"): eight registers at BASE..BASE+7, 16-byte receive and
 * transmit FIFOs, a programmable baud rate generator on a 1.8432 MHz
 * crystal, and the modem control lines.
 *
 * The UART does not tick.  A byte written to THR moves to the transmit
 * shift register and leaves it one character time later (the time follows
 * the divisor latch and the LCR frame size), when the wiring's tx callback
 * gets it, or, in loopback mode, the receiver does.  The receive FIFO's
 * character timeout (four character times without FIFO activity) is a
 * timer deadline on the board clock as well.
 *
 * The other end (a host backend) pushes received bytes with uart_receive,
 * which takes only what fits: it never overruns the receiver, so a backend
 * keeps the rest and offers it again later.
 *
 * Invariants: the IRQ line is high exactly while the chip's INTR output is
 * active (some enabled interrupt is pending) and MCR.OUT2 is 1, as on a PC
 * where OUT2 enables the IRQ driver; the transmit timer is armed exactly
 * while the shift register holds a byte, the character-timeout timer
 * exactly while it can still expire.
 */
#ifndef T86_DEVICES_UART16550_H
#define T86_DEVICES_UART16550_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "board/bus.h"
#include "board/clock.h"
#include "board/irq.h"
#include "board/state.h"

/* Register offsets (PC16550D datasheet, Table II "Register Summary"). */
enum {
    UART_RBR = 0, /**< read, DLAB = 0: receiver buffer */
    UART_THR = 0, /**< write, DLAB = 0: transmitter holding register */
    UART_DLL = 0, /**< DLAB = 1: divisor latch, low byte */
    UART_IER = 1, /**< DLAB = 0: interrupt enable */
    UART_DLM = 1, /**< DLAB = 1: divisor latch, high byte */
    UART_IIR = 2, /**< read: interrupt identification */
    UART_FCR = 2, /**< write: FIFO control */
    UART_LCR = 3,
    UART_MCR = 4,
    UART_LSR = 5,
    UART_MSR = 6,
    UART_SCR = 7,
    UART_PORTS = 8,
    UART_FIFO_SIZE = 16,
    UART_CLOCK_HZ = 1843200, /**< the PC's crystal: divisor 1 = 115200 baud */
};

/* Register bits (PC16550D datasheet, section 8 "Registers"). */
enum {
    UART_IER_RDI = 0x01,  /**< ERBFI: received data available (and timeout) */
    UART_IER_THRI = 0x02, /**< ETBEI: THR empty */
    UART_IER_RLSI = 0x04, /**< ELSI: receiver line status */
    UART_IER_MSI = 0x08,  /**< EDSSI: modem status */
    UART_IIR_NO_INT = 0x01,
    UART_IIR_MSI = 0x00,
    UART_IIR_THRI = 0x02,
    UART_IIR_RDI = 0x04,
    UART_IIR_RLSI = 0x06,
    UART_IIR_TIMEOUT = 0x0C,
    UART_IIR_FIFO = 0xC0, /**< both set while FCR0 = 1 */
    UART_FCR_ENABLE = 0x01,
    UART_FCR_CLEAR_RX = 0x02,
    UART_FCR_CLEAR_TX = 0x04,
    UART_FCR_DMA = 0x08,
    UART_FCR_TRIGGER = 0xC0, /**< 00: 1, 01: 4, 10: 8, 11: 14 bytes */
    UART_LCR_WLS = 0x03,     /**< word length 5 + n */
    UART_LCR_STB = 0x04,     /**< 2 stop bits (1.5 with 5-bit words) */
    UART_LCR_PEN = 0x08,
    UART_LCR_BREAK = 0x40,
    UART_LCR_DLAB = 0x80,
    UART_MCR_DTR = 0x01,
    UART_MCR_RTS = 0x02,
    UART_MCR_OUT1 = 0x04,
    UART_MCR_OUT2 = 0x08, /**< on a PC: enables the IRQ output */
    UART_MCR_LOOP = 0x10,
    UART_LSR_DR = 0x01,
    UART_LSR_OE = 0x02,
    UART_LSR_PE = 0x04,
    UART_LSR_FE = 0x08,
    UART_LSR_BI = 0x10,
    UART_LSR_THRE = 0x20,
    UART_LSR_TEMT = 0x40,
    UART_LSR_FIFO_ERR = 0x80,
    UART_MSR_DCTS = 0x01,
    UART_MSR_DDSR = 0x02,
    UART_MSR_TERI = 0x04,
    UART_MSR_DDCD = 0x08,
    UART_MSR_CTS = 0x10,
    UART_MSR_DSR = 0x20,
    UART_MSR_RI = 0x40,
    UART_MSR_DCD = 0x80,
};

/** The UART's connections besides the port bus. */
struct uart_wiring {
    struct clock *clock; /**< times the transmitter and the RX timeout */
    struct irq_line irq; /**< the PC's IRQ line (INTR gated by OUT2) */
    /** A byte left the transmitter (not called in loopback mode); NULL drops it. */
    void (*tx)(void *opaque, uint8_t byte);
    void *opaque; /**< for @tx */
};

struct uart;

/** Snapshot descriptor of struct uart's state (registers, FIFOs, times). */
extern const struct state_desc uart_state_desc;

/**
 * Create a UART on ports @base..@base+7 of @io with @w's wiring, in its
 * master-reset state (uart_reset); the modem inputs CTS, DSR and DCD are
 * asserted (a connected peer), RI is not.  Returns NULL when allocation
 * fails or the ports are taken.
 */
struct uart *uart_create(struct bus *io, uint16_t base, const struct uart_wiring *w);
/** Free the UART and its timers. NULL is ignored. */
void uart_destroy(struct uart *u);
/**
 * Master reset (datasheet, Table IV "UART Reset Configuration"): IER,
 * FCR, LCR, MCR = 0, IIR = 01h, LSR = 60h, MSR deltas cleared, FIFOs and
 * shift registers emptied, IRQ low.  SCR is kept; the divisor latch is
 * set to 12 (9600 baud), a value a BIOS would leave.
 */
void uart_reset(struct uart *u);
/**
 * The other end sends @n bytes: they enter the receiver at once, as many
 * as fit (the free FIFO bytes; 1 or 0 with FIFOs off; none in loopback
 * mode, where the serial input is disconnected).  Returns how many were
 * taken.
 */
size_t uart_receive(struct uart *u, const uint8_t *bytes, size_t n);
/** How many bytes uart_receive would take now. */
size_t uart_can_receive(const struct uart *u);
/** Nanoseconds one character takes with the current divisor and LCR. */
uint64_t uart_char_ns(const struct uart *u);
/** Print the registers and FIFO levels, one line each, on @out. */
void uart_dump(const struct uart *u, FILE *out);

#endif
