/*
 * frontend/dbg_cmd_device.c - `info device NAME`: the devices whose state
 * the debugger and the monitor can show, one row of device_items each.
 *
 * Invariant: adding a device is one row (its name, a handler that asks the
 * board for the device, e.g. pc_uart, and prints it with the device's own
 * dump function, and a help line); nothing else changes.
 */
#include <stdlib.h>
#include <string.h>

#include "board/pc.h"
#include "dbg_commands.h"
#include "dbg_internal.h"
#include "devices/fdc.h"
#include "devices/ide.h"
#include "devices/pic.h"
#include "devices/pit.h"
#include "devices/rtc.h"
#include "devices/uart16550.h"

/* info device serial [1|2]: COM1 and COM2, or the one named. */
static bool dev_serial(struct dbg *d, char *args, FILE *out)
{
    static const char *const where[PC_SERIAL_PORTS] = {"0x3F8, IRQ 4", "0x2F8, IRQ 3"};
    unsigned only = *args ? (unsigned)strtoul(args, NULL, 10) : 0;
    if (*args && (only < 1 || only > PC_SERIAL_PORTS)) {
        fprintf(out, "Error: info device serial: expected 1 or 2\n");
        return true;
    }
    for (unsigned n = 0; n < PC_SERIAL_PORTS; n++) {
        if (only && n + 1 != only)
            continue;
        struct uart *u = pc_uart(d->m, n);
        fprintf(out, "COM%u (%s): %s\n", n + 1, where[n], u ? "16550A" : "absent");
        if (u)
            uart_dump(u, out);
    }
    return true;
}

/* info device pic: both 8259As. */
static bool dev_pic(struct dbg *d, char *args, FILE *out)
{
    static const char *const names[2] = {"master (0x20, IRQ 0-7)", "slave (0xA0, IRQ 8-15)"};
    for (unsigned n = 0; n < 2; n++) {
        fprintf(out, "PIC %s:\n", names[n]);
        pic_dump(pc_pic(d->m, n), out);
    }
    return true;
}

/* info device pit: the 8254's three channels. */
static bool dev_pit(struct dbg *d, char *args, FILE *out)
{
    fprintf(out, "PIT 8254 (0x40-0x43):\n");
    pit_dump(pc_pit(d->m), out);
    return true;
}

/* info device cmos: the RTC and the CMOS RAM. */
static bool dev_cmos(struct dbg *d, char *args, FILE *out)
{
    fprintf(out, "RTC/CMOS MC146818 (0x70-0x71, IRQ 8):\n");
    rtc_dump(pc_rtc(d->m), out);
    return true;
}

/* info device fdc: the floppy controller and its drives. */
static bool dev_fdc(struct dbg *d, char *args, FILE *out)
{
    struct fdc *f = pc_fdc(d->m);
    fprintf(out, "FDC 82077AA (0x3F0-0x3F7, IRQ 6, DMA 2)%s\n", f ? ":" : ": absent");
    if (f)
        fdc_dump(f, out);
    return true;
}

/* info device ide: both channels' task files, bus-master registers, drives. */
static bool dev_ide(struct dbg *d, char *args, FILE *out)
{
    struct ide *i = pc_ide(d->m);
    fprintf(out, "IDE PIIX3 (0x1F0/0x3F6 IRQ 14, 0x170/0x376 IRQ 15)%s\n", i ? ":" : ": absent");
    if (i)
        ide_dump(i, out);
    return true;
}

static const struct dbg_cmd device_items[] = {
    {"ide|hd|cdrom", dev_ide, "info device ide", "IDE channels: task files, bus master, drives"},
    {"serial|com", dev_serial, "info device serial [1|2]", "COM1/COM2 16550A UART registers"},
    {"pic", dev_pic, "info device pic", "the 8259A pair: IRR, ISR, IMR, ICWs"},
    {"pit", dev_pit, "info device pit", "the 8254's channels: mode, count, gate, OUT"},
    {"cmos|rtc", dev_cmos, "info device cmos", "the RTC's time and registers, CMOS RAM"},
    {"fdc|floppy", dev_fdc, "info device fdc", "floppy controller registers and drives"},
};

enum { DEVICE_COUNT = sizeof(device_items) / sizeof(device_items[0]) };

bool dbg_cmd_info_device(struct dbg *d, char *args, FILE *out)
{
    char *rest, *name = dbg_cmd_split(args, &rest);
    const struct dbg_cmd *c = *name ? dbg_cmd_find(device_items, DEVICE_COUNT, name) : NULL;
    if (c)
        return c->fn(d, rest, out);
    if (*name)
        fprintf(out, "Error: info device %s: no such device; one of:\n", name);
    else
        fprintf(out, "Devices:\n");
    for (unsigned k = 0; k < DEVICE_COUNT; k++)
        fprintf(out, "  %-28s %s\n", device_items[k].usage, device_items[k].help);
    return true;
}
