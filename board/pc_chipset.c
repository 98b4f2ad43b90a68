/*
 * board/pc_chipset.c - the PC/AT interrupt and timer chips and their wires.
 *
 *   master 8259A 0x20-0x21 (ELCR 0x4D0), INT -> CPU INTR, vectors 08h
 *   slave  8259A 0xA0-0xA1 (ELCR 0x4D1), INT -> master IR2, vectors 70h
 *   8254 PIT     0x40-0x43, OUT0 -> IRQ0; gate 0, 1 high; gate 2 and OUT2
 *                through port B
 *   port B       0x61
 *   port A       0x92: A20 gate and fast reset
 *   8042         0x60/0x64, IRQ1 (keyboard) and IRQ12 (mouse), A20 and
 *                reset through its output port.  The 8042 and port A both
 *                drive the A20 line; as in QEMU, the last writer wins.
 * ISA IRQ n goes to master IRn (n < 8) or slave IR(n - 8); IRQ2 is the
 * cascade.  The vector bases are only the power-on choice; the BIOS
 * reprograms them.  Devices know none of this: they get irq_lines and
 * callbacks that land here.
 */
#include "bus.h"
#include "devices/pic.h"
#include "devices/pit.h"
#include "devices/i8042.h"
#include "devices/port92.h"
#include "devices/ps2kbd.h"
#include "devices/ps2mouse.h"
#include "devices/portb.h"
#include "pc_internal.h"

/* An ISA interrupt line (0..15) changed level. */
void pc_isa_irq(void *opaque, unsigned n, bool level)
{
    struct pc *m = opaque;
    pic_set_irq(m->pic[n >= 8], n & 7, level);
}

/* The master's INT pin drives the CPU's INTR input. */
static void pc_cpu_intr(void *opaque, unsigned n, bool level)
{
    struct pc *m = opaque;
    m->intr = level;
    cpu_set_intr(m->cpu, level);
}

uint8_t pc_intr_ack(void *opaque)
{
    struct pc *m = opaque;
    struct pic_ack a = pic_acknowledge(m->pic[0]);
    if (a.cascade) /* CAS0-2 name the slave on a.ir; ours is on IR2 */
        a = pic_acknowledge(m->pic[1]);
    return a.vector;
}

static void pc_set_gate2(void *opaque, bool level)
{
    pit_set_gate(((struct pc *)opaque)->pit, 2, level);
}

static bool pc_get_out2(void *opaque) { return pit_get_out(((struct pc *)opaque)->pit, 2); }

static void pc_set_a20(void *opaque, bool enabled)
{
    cpu_set_a20(((struct pc *)opaque)->cpu, enabled);
}

/* Reset requested by a device: done by the run loop after this slice. */
static void pc_request_reset(void *opaque)
{
    struct pc *m = opaque;
    board_log(&m->log, CPU_LOG_RESET, "reset requested through port 0x92 or the 8042");
    m->reset_requested = true;
    cpu_request_stop(m->cpu);
}

/* Create one 8259A. */
static struct pic *pc_make_pic(struct pc *m, bool master)
{
    struct pic_config cfg = {
        .port = master ? PIC_MASTER_PORT : PIC_SLAVE_PORT,
        .elcr_port = master ? PIC_MASTER_ELCR : PIC_SLAVE_ELCR,
        .elcr_mask = master ? PIC_MASTER_ELCR_MASK : PIC_SLAVE_ELCR_MASK,
        .master = master,
        .int_out = master ? irq_line_make(pc_cpu_intr, m, 0) : irq_line_make(pc_isa_irq, m, 2),
        .log = &m->log,
    };
    return pic_create(m->io, &cfg);
}

/* The 8042 with a PS/2 keyboard and mouse attached. */
static bool pc_make_kbc(struct pc *m)
{
    struct i8042_wiring w = {pc_set_a20, pc_request_reset, m};
    struct irq_line irq[PS2_PORTS] = {irq_line_make(pc_isa_irq, m, 1), irq_line_make(pc_isa_irq, m, 12)};
    m->kbc = i8042_create(m->io, &w, irq);
    if (!m->kbc)
        return false;
    struct ps2_host kh = i8042_host(m->kbc, PS2_PORT_KBD), mh = i8042_host(m->kbc, PS2_PORT_AUX);
    m->kbd = ps2kbd_create(&kh);
    m->mouse = ps2mouse_create(&mh);
    if (!m->kbd || !m->mouse)
        return false;
    struct ps2_device kd = ps2kbd_device(m->kbd), md = ps2mouse_device(m->mouse);
    i8042_attach(m->kbc, PS2_PORT_KBD, &kd);
    i8042_attach(m->kbc, PS2_PORT_AUX, &md);
    return true;
}

bool pc_chipset_create(struct pc *m)
{
    m->pic[0] = pc_make_pic(m, true);
    m->pic[1] = m->pic[0] ? pc_make_pic(m, false) : NULL;
    if (!m->pic[1])
        return false;
    struct irq_line outs[PIT_CHANNELS] = {irq_line_make(pc_isa_irq, m, 0)};
    m->pit = pit_create(m->io, PIT_PORT, &m->clock, outs);
    struct portb_wiring w = {pc_set_gate2, pc_get_out2, m};
    m->portb = m->pit ? portb_create(m->io, PORTB_PORT, &m->clock, &w) : NULL;
    struct port92_wiring w92 = {pc_set_a20, pc_request_reset, m};
    m->port92 = m->portb ? port92_create(m->io, PORT92_PORT, &w92) : NULL;
    return m->port92 != NULL && pc_make_kbc(m);
}

void pc_chipset_reset(struct pc *m)
{
    pic_reset(m->pic[0], 0x08);
    pic_reset(m->pic[1], 0x70);
    pit_reset(m->pit);
    portb_reset(m->portb);
    port92_reset(m->port92);
    i8042_reset(m->kbc);
    ps2kbd_reset(m->kbd);
    ps2mouse_reset(m->mouse);
}

void pc_chipset_destroy(struct pc *m)
{
    ps2mouse_destroy(m->mouse);
    ps2kbd_destroy(m->kbd);
    i8042_destroy(m->kbc);
    port92_destroy(m->port92);
    portb_destroy(m->portb);
    pit_destroy(m->pit);
    pic_destroy(m->pic[1]);
    pic_destroy(m->pic[0]);
}
