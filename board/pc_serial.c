/*
 * board/pc_serial.c - the PC's COM ports: 16550A UARTs at the IBM PC/AT
 * conventional addresses, COM1 at 0x3F8 on IRQ 4 and COM2 at 0x2F8 on
 * IRQ 3 (IBM PC/AT Technical Reference, "Serial/Parallel Adapter").
 *
 * Which ports exist and where their transmitted bytes go is the
 * configuration's (pc_config.serial); the firmware finds the ports by
 * probing them and lists them in the BIOS data area itself, so the board
 * writes nothing about them into CMOS.
 *
 * Invariant: m->uart[n] is NULL exactly when COM(n+1) is absent.
 */
#include "devices/uart16550.h"
#include "pc_internal.h"

static const uint16_t COM_BASE[PC_SERIAL_PORTS] = {0x3F8, 0x2F8};
static const unsigned COM_IRQ[PC_SERIAL_PORTS] = {4, 3};

bool pc_serial_create(struct pc *m, const struct pc_config *cfg)
{
    for (unsigned n = 0; n < PC_SERIAL_PORTS; n++) {
        const struct pc_serial_config *c = &cfg->serial[n];
        if (!c->present)
            continue;
        struct uart_wiring w = {&m->clock, irq_line_make(pc_isa_irq, m, COM_IRQ[n]), c->tx,
                                c->opaque};
        m->uart[n] = uart_create(m->io, COM_BASE[n], &w);
        if (!m->uart[n])
            return false;
    }
    return true;
}

void pc_serial_reset(struct pc *m)
{
    for (unsigned n = 0; n < PC_SERIAL_PORTS; n++)
        if (m->uart[n])
            uart_reset(m->uart[n]);
}

void pc_serial_destroy(struct pc *m)
{
    for (unsigned n = 0; n < PC_SERIAL_PORTS; n++) {
        uart_destroy(m->uart[n]);
        m->uart[n] = NULL;
    }
}

struct uart *pc_uart(struct pc *m, unsigned n)
{
    return n < PC_SERIAL_PORTS ? m->uart[n] : NULL;
}
