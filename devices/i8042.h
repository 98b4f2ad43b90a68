/*
 * devices/i8042.h - the Intel 8042 keyboard controller of the PC/AT and
 * PS/2 (ports 0x60 data, 0x64 status/command), with its two PS/2 ports:
 * keyboard (IRQ1) and auxiliary device, the mouse (IRQ12).  Behaviour
 * follows the IBM PC AT Technical Reference ("Keyboard Controller"
 * section: status register, command byte, controller commands, input and
 * output ports) and the IBM PS/2 Hardware Interface Technical Reference
 * for the auxiliary-device additions (AUXB, 0xA7-0xA9, 0xD3, 0xD4).
 *
 * The controller knows no device by name.  Each port connects a
 * struct ps2_device (what the controller calls: a byte for the device, and
 * "the line is free again") to a struct ps2_host (what the device calls: a
 * byte from the device).  A device keeps its own output queue and offers
 * one byte at a time with ps2_host_send(); the controller accepts it only
 * when the port's clock is enabled and the output buffer is empty, as the
 * real 8042 holds the clock line low otherwise.  When the buffer empties
 * it calls ready() on the ports, taking turns, so neither starves.
 *
 * Invariants: the output buffer holds at most one byte (status OBF); AUXB
 * is set only with OBF; IRQ1 is high exactly when OBF holds a non-aux byte
 * and the command byte enables it, IRQ12 likewise for aux bytes, and each
 * line is reported only when that level changes (so reading port 0x60
 * lowers it, and a refill raises it again: a fresh edge for the 8259A).
 */
#ifndef T86_DEVICES_I8042_H
#define T86_DEVICES_I8042_H

#include <stdbool.h>
#include <stdint.h>

#include "board/bus.h"
#include "board/irq.h"
#include "board/state.h"

/** The conventional ports. */
enum { I8042_DATA_PORT = 0x60, I8042_CMD_PORT = 0x64 };

/** The two PS/2 ports of the controller. */
enum ps2_port { PS2_PORT_KBD = 0, PS2_PORT_AUX = 1, PS2_PORTS = 2 };

/** Status register (port 0x64 read) bits. */
enum {
    I8042_STAT_OBF = 0x01,     /**< output buffer full */
    I8042_STAT_IBF = 0x02,     /**< input buffer full (never: writes are processed at once) */
    I8042_STAT_SYS = 0x04,     /**< system flag (command byte bit 2, set by self-test) */
    I8042_STAT_A2 = 0x08,      /**< last write was a command (port 0x64) */
    I8042_STAT_INH = 0x10,     /**< 1 = keyboard not inhibited (keylock) */
    I8042_STAT_AUXB = 0x20,    /**< the output buffer holds an aux byte */
    I8042_STAT_TIMEOUT = 0x40, /**< a device did not answer */
    I8042_STAT_PARITY = 0x80,  /**< parity error (never raised) */
};

/** Command byte (controller RAM byte 0) bits. */
enum {
    I8042_CB_KBD_INT = 0x01, /**< IRQ1 on keyboard data */
    I8042_CB_AUX_INT = 0x02, /**< IRQ12 on aux data */
    I8042_CB_SYS = 0x04,     /**< system flag */
    I8042_CB_KBD_DIS = 0x10, /**< keyboard clock disabled */
    I8042_CB_AUX_DIS = 0x20, /**< aux clock disabled */
    I8042_CB_XLATE = 0x40,   /**< translate scan code set 2 to set 1 */
};

/** Output port bits (0xD0 / 0xD1). */
enum {
    I8042_OUT_RESET = 0x01,   /**< system reset, active low */
    I8042_OUT_A20 = 0x02,     /**< A20 gate */
    I8042_OUT_KBD_OBF = 0x10, /**< IRQ1 pin */
    I8042_OUT_AUX_OBF = 0x20, /**< IRQ12 pin */
};

/* ---- the port interface between controller and device ------------------ */

/** The device's side of a port, called by the controller. */
struct ps2_device {
    /** A byte the host sends to the device (a command or a parameter). */
    void (*write)(void *opaque, uint8_t byte);
    /** The host can take bytes again: offer queued ones (may be NULL). */
    void (*ready)(void *opaque);
    void *opaque;
};

/** The controller's side of a port, called by the device. */
struct ps2_host {
    /**
     * Offer one byte on port @port.  True when the host took it; false
     * when the clock is inhibited (the device keeps the byte and offers
     * it again after ready()).
     */
    bool (*send)(void *opaque, unsigned port, uint8_t byte);
    void *opaque;
    unsigned port;
};

/** Offer @byte to the host on @h (false when nothing is connected). */
static inline bool ps2_host_send(const struct ps2_host *h, uint8_t byte)
{
    return h->send ? h->send(h->opaque, h->port, byte) : false;
}

/* ---- the controller ----------------------------------------------------- */

/** What the board connects to the controller's output port. */
struct i8042_wiring {
    void (*set_a20)(void *opaque, bool enabled); /**< output port bit 1, on every write */
    void (*reset)(void *opaque);                 /**< bit 0 pulsed / written low */
    void *opaque;
};

struct i8042;

/** Snapshot descriptor of struct i8042's state. */
extern const struct state_desc i8042_state_desc;

/**
 * Create the controller on @io at ports 0x60 and 0x64, wired by @w
 * (copied).  @irq[PS2_PORT_KBD] is IRQ1 and @irq[PS2_PORT_AUX] IRQ12 (a
 * line with no handler: unconnected).  Ports start with no device: bytes
 * written to them time out.  Returns NULL on failure.
 */
struct i8042 *i8042_create(struct bus *io, const struct i8042_wiring *w,
                           const struct irq_line irq[PS2_PORTS]);
/** Free the controller (after the bus is no longer used). NULL is ignored. */
void i8042_destroy(struct i8042 *kc);
/** The host side of port @port, to give to the device created for it. */
struct ps2_host i8042_host(struct i8042 *kc, enum ps2_port port);
/** Connect @dev (copied) to port @port, replacing any previous device. */
void i8042_attach(struct i8042 *kc, enum ps2_port port, const struct ps2_device *dev);
/**
 * Power-on reset: command byte 0 (no interrupts, no translation, both
 * clocks enabled, SYS clear), output port 0xCF (A20 on, reset inactive, as
 * the board's reset state), empty output buffer.  A system reset through
 * the controller (0xFE) does not reset the 8042 itself, so SYS survives
 * it on real hardware: call this at power-on only.  Lowers both IRQs.
 */
void i8042_reset(struct i8042 *kc);

#endif
