/*
 * devices/i8042.c - the 8042 keyboard controller (see i8042.h).
 *
 * Facts from the IBM PC AT Technical Reference, "Keyboard Controller":
 * status register bits, the command byte (controller RAM location 0),
 * commands 0x20-0x3F / 0x60-0x7F (read / write RAM), 0xAA self-test (0x55),
 * 0xAB interface test (0x00), 0xAD / 0xAE, 0xC0 input port, 0xD0 / 0xD1
 * output port (bit 0 system reset, active low; bit 1 gate A20; bits 4 and
 * 5 the output-buffer-full interrupt pins), 0xE0 test inputs, 0xF0-0xFF
 * pulse output port bits 0-3 (a 0 in the low nibble pulses that bit).
 * The PS/2 reference adds 0xA7-0xA9, 0xD2-0xD4 and status bit 5 (AUXB).
 * 0xDD / 0xDF (A20 off / on) are the HP Vectra commands many 8042
 * firmwares implement.  The translation table is the 8042 ROM's map of
 * scan code set 2 to set 1 (0xF0 becomes bit 7 of the next byte).
 *
 * Processing is instantaneous: IBF is never set, a command's response
 * is queued at once.  Responses wait in a small queue (cq) ahead of all
 * device bytes; device bytes wait in the devices until the output buffer
 * is free (send() returns false meanwhile).
 *
 * Invariants: see i8042.h; additionally cq_len <= I8042_CQ_LEN, and a
 * pending command (pending != 0) is one that takes a data byte.
 */
#include "i8042.h"

#include <stddef.h>
#include <stdlib.h>

/** Controller responses that may wait for the output buffer. */
enum { I8042_CQ_LEN = 8, I8042_RAM = 32 };

/** Output port at power-on: reset inactive, A20 on, lines idle high. */
enum { I8042_OUTPORT_INIT = 0xCF };

/** Input port (0xC0): keylock off (bit 7), no manufacturing jumper (bit 5). */
enum { I8042_INPORT = 0xA0 };

struct i8042 {
    uint8_t ram[I8042_RAM];       /**< ram[0] is the command byte */
    uint8_t status;               /**< bits kept here: SYS, A2, INH, TIMEOUT */
    uint8_t outport;              /**< bits 0-3, 6, 7 (4, 5 come from OBF) */
    uint8_t obuf;                 /**< the output buffer */
    bool obf;                     /**< obuf holds an unread byte */
    bool obf_aux;                 /**< ... from the aux port (AUXB) */
    uint8_t pending;              /**< command waiting for its data byte, or 0 */
    uint8_t cq[I8042_CQ_LEN];     /**< queued controller responses */
    uint8_t cq_aux[I8042_CQ_LEN]; /**< 1 when the response is an aux byte (0xD3) */
    uint8_t cq_head, cq_len;
    bool xlate_break;          /**< translation saw 0xF0 */
    uint8_t turn;              /**< port offered the free buffer first next time */
    bool irq_level[PS2_PORTS]; /**< levels last reported on the lines */
    /* wiring, not state */
    struct i8042_wiring w;
    struct irq_line irq[PS2_PORTS];
    struct ps2_device dev[PS2_PORTS];
};

const struct state_desc i8042_state_desc = {
    "i8042",
    1,
    sizeof(struct i8042),
    (const struct state_field[]){
        STATE_FIELD(struct i8042, ram, I8042_RAM),
        STATE_FIELD(struct i8042, status, 1),
        STATE_FIELD(struct i8042, outport, 1),
        STATE_FIELD(struct i8042, obuf, 1),
        STATE_FIELD(struct i8042, obf, 1),
        STATE_FIELD(struct i8042, obf_aux, 1),
        STATE_FIELD(struct i8042, pending, 1),
        STATE_FIELD(struct i8042, cq, I8042_CQ_LEN),
        STATE_FIELD(struct i8042, cq_aux, I8042_CQ_LEN),
        STATE_FIELD(struct i8042, cq_head, 1),
        STATE_FIELD(struct i8042, cq_len, 1),
        STATE_FIELD(struct i8042, xlate_break, 1),
        STATE_FIELD(struct i8042, turn, 1),
        STATE_FIELD(struct i8042, irq_level, PS2_PORTS),
    },
    14,
};

/*
 * Scan code set 2 -> set 1, codes 0x00-0x7F (a permutation of 0x01-0x7F,
 * with 0x00, "overrun", becoming 0xFF).  Codes 0x80-0xFF pass unchanged
 * except 0x83 (F7) -> 0x41 and 0x84 (SysRq) -> 0x54; so the prefixes 0xE0
 * and 0xE1 and the replies 0xFA, 0xAA, 0xEE, 0xFE come through as they are.
 */
/* clang-format off */
static const uint8_t xlate_low[128] = {
    0xff, 0x43, 0x41, 0x3f, 0x3d, 0x3b, 0x3c, 0x58, 0x64, 0x44, 0x42, 0x40, 0x3e, 0x0f, 0x29, 0x59,
    0x65, 0x38, 0x2a, 0x70, 0x1d, 0x10, 0x02, 0x5a, 0x66, 0x71, 0x2c, 0x1f, 0x1e, 0x11, 0x03, 0x5b,
    0x67, 0x2e, 0x2d, 0x20, 0x12, 0x05, 0x04, 0x5c, 0x68, 0x39, 0x2f, 0x21, 0x14, 0x13, 0x06, 0x5d,
    0x69, 0x31, 0x30, 0x23, 0x22, 0x15, 0x07, 0x5e, 0x6a, 0x72, 0x32, 0x24, 0x16, 0x08, 0x09, 0x5f,
    0x6b, 0x33, 0x25, 0x17, 0x18, 0x0b, 0x0a, 0x60, 0x6c, 0x34, 0x35, 0x26, 0x27, 0x19, 0x0c, 0x61,
    0x6d, 0x73, 0x28, 0x74, 0x1a, 0x0d, 0x62, 0x6e, 0x3a, 0x36, 0x1c, 0x1b, 0x75, 0x2b, 0x63, 0x76,
    0x55, 0x56, 0x77, 0x78, 0x79, 0x7a, 0x0e, 0x7b, 0x7c, 0x4f, 0x7d, 0x4b, 0x47, 0x7e, 0x7f, 0x6f,
    0x52, 0x53, 0x50, 0x4c, 0x4d, 0x48, 0x01, 0x45, 0x57, 0x4e, 0x51, 0x4a, 0x37, 0x49, 0x46, 0x54,
};
/* clang-format on */

static uint8_t xlate(uint8_t code)
{
    if (code < 0x80)
        return xlate_low[code];
    if (code == 0x83)
        return 0x41;
    return code == 0x84 ? 0x54 : code;
}

static uint8_t cmdbyte(const struct i8042 *kc)
{
    return kc->ram[0];
}

/* ---- output buffer and interrupt pins ------------------------------------ */

/* Drive IRQ1 / IRQ12 from the output buffer and the command byte. */
static void update_irqs(struct i8042 *kc)
{
    bool lvl[PS2_PORTS] = {
        kc->obf && !kc->obf_aux && (cmdbyte(kc) & I8042_CB_KBD_INT),
        kc->obf && kc->obf_aux && (cmdbyte(kc) & I8042_CB_AUX_INT),
    };
    for (unsigned p = 0; p < PS2_PORTS; p++) {
        if (lvl[p] != kc->irq_level[p]) {
            kc->irq_level[p] = lvl[p];
            irq_set(&kc->irq[p], lvl[p]);
        }
    }
}

static void load_obuf(struct i8042 *kc, uint8_t byte, bool aux)
{
    kc->obuf = byte;
    kc->obf = true;
    kc->obf_aux = aux;
    update_irqs(kc);
}

static bool port_enabled(const struct i8042 *kc, unsigned port)
{
    uint8_t dis = port == PS2_PORT_KBD ? I8042_CB_KBD_DIS : I8042_CB_AUX_DIS;
    return !(cmdbyte(kc) & dis);
}

/*
 * The output buffer is free: take a queued response, else let the ports
 * offer a byte, starting with the one whose turn it is.
 */
static void fill_obuf(struct i8042 *kc)
{
    if (kc->obf)
        return;
    if (kc->cq_len) {
        uint8_t i = kc->cq_head;
        kc->cq_head = (uint8_t)((i + 1) % I8042_CQ_LEN);
        kc->cq_len--;
        load_obuf(kc, kc->cq[i], kc->cq_aux[i]);
        return;
    }
    for (unsigned k = 0; k < PS2_PORTS && !kc->obf; k++) {
        unsigned p = (kc->turn + k) % PS2_PORTS;
        if (kc->dev[p].ready && port_enabled(kc, p))
            kc->dev[p].ready(kc->dev[p].opaque);
    }
}

/* Queue a controller response (as keyboard data, or aux data for 0xD3). */
static void respond(struct i8042 *kc, uint8_t byte, bool aux)
{
    if (kc->cq_len == I8042_CQ_LEN)
        return; /* the guest ignored eight responses: drop */
    unsigned i = (kc->cq_head + kc->cq_len) % I8042_CQ_LEN;
    kc->cq[i] = byte;
    kc->cq_aux[i] = aux;
    kc->cq_len++;
    fill_obuf(kc);
}

/* A device offers a byte (struct ps2_host.send). */
static bool host_send(void *opaque, unsigned port, uint8_t byte)
{
    struct i8042 *kc = opaque;
    if (port >= PS2_PORTS || kc->obf || kc->cq_len || !port_enabled(kc, port))
        return false;
    if (port == PS2_PORT_KBD && (cmdbyte(kc) & I8042_CB_XLATE)) {
        if (byte == 0xF0) {
            kc->xlate_break = true;
            return true; /* consumed: becomes bit 7 of the next byte */
        }
        byte = (uint8_t)(xlate(byte) | (kc->xlate_break ? 0x80 : 0));
        kc->xlate_break = false;
    }
    kc->turn = (uint8_t)((port + 1) % PS2_PORTS);
    load_obuf(kc, byte, port == PS2_PORT_AUX);
    return true;
}

/* ---- the data port (0x60) ----------------------------------------------- */

static uint32_t data_read(void *opaque, uint32_t offset, unsigned size)
{
    struct i8042 *kc = opaque;
    uint8_t v = kc->obuf; /* an empty buffer reads its last byte again */
    kc->obf = false;
    kc->obf_aux = false;
    update_irqs(kc);
    fill_obuf(kc);
    return v;
}

/* A byte for a device; no device, or one that never answers, times out. */
static void send_to_device(struct i8042 *kc, unsigned port, uint8_t byte)
{
    kc->status &= (uint8_t)~I8042_STAT_TIMEOUT;
    if (!kc->dev[port].write) {
        kc->status |= I8042_STAT_TIMEOUT;
        respond(kc, 0xFE, port == PS2_PORT_AUX);
        return;
    }
    kc->dev[port].write(kc->dev[port].opaque, byte);
}

static void set_outport(struct i8042 *kc, uint8_t v)
{
    kc->outport = (uint8_t)(v | I8042_OUT_RESET); /* the reset pulse ends */
    kc->w.set_a20(kc->w.opaque, v & I8042_OUT_A20);
    if (!(v & I8042_OUT_RESET))
        kc->w.reset(kc->w.opaque);
}

static void set_cmdbyte(struct i8042 *kc, uint8_t v)
{
    if ((v ^ kc->ram[0]) & I8042_CB_XLATE)
        kc->xlate_break = false;
    kc->ram[0] = v;
    update_irqs(kc);
    fill_obuf(kc); /* a port may just have been enabled */
}

/* The data byte of a pending command. */
static void command_data(struct i8042 *kc, uint8_t cmd, uint8_t v)
{
    switch (cmd) {
    case 0xD1: set_outport(kc, v); break;
    case 0xD2: respond(kc, v, false); break;
    case 0xD3: respond(kc, v, true); break;
    case 0xD4: send_to_device(kc, PS2_PORT_AUX, v); break;
    default: /* 0x60-0x7F: controller RAM */
        if (cmd == 0x60)
            set_cmdbyte(kc, v);
        else
            kc->ram[cmd & (I8042_RAM - 1)] = v;
    }
}

static void data_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct i8042 *kc = opaque;
    uint8_t cmd = kc->pending, v = (uint8_t)val;
    kc->status &= (uint8_t)~I8042_STAT_A2;
    kc->pending = 0;
    if (cmd) {
        command_data(kc, cmd, v);
        return;
    }
    /* Sending to the keyboard enables its interface (the 8042 firmware
       releases the clock line to transmit). */
    kc->ram[0] &= (uint8_t)~I8042_CB_KBD_DIS;
    send_to_device(kc, PS2_PORT_KBD, v);
}

/* ---- the status / command port (0x64) ------------------------------------ */

static uint32_t status_read(void *opaque, uint32_t offset, unsigned size)
{
    struct i8042 *kc = opaque;
    uint8_t s = kc->status & (I8042_STAT_A2 | I8042_STAT_TIMEOUT);
    s |= I8042_STAT_INH;
    if (cmdbyte(kc) & I8042_CB_SYS)
        s |= I8042_STAT_SYS;
    if (kc->obf)
        s |= I8042_STAT_OBF;
    if (kc->obf && kc->obf_aux)
        s |= I8042_STAT_AUXB;
    return s;
}

/* Output port as read by 0xD0: bits 4 and 5 are the interrupt pins. */
static uint8_t outport_read(const struct i8042 *kc)
{
    uint8_t v = kc->outport & (uint8_t) ~(I8042_OUT_KBD_OBF | I8042_OUT_AUX_OBF);
    if (kc->obf)
        v |= kc->obf_aux ? I8042_OUT_AUX_OBF : I8042_OUT_KBD_OBF;
    return v;
}

/* 0xDD / 0xDF: gate A20 off / on through the output port. */
static void gate_a20(struct i8042 *kc, bool on)
{
    uint8_t v = kc->outport & (uint8_t)~I8042_OUT_A20;
    set_outport(kc, on ? (uint8_t)(v | I8042_OUT_A20) : v);
}

/* Enable or disable a port's clock (command byte bit 4 or 5). */
static void port_clock(struct i8042 *kc, uint8_t bit, bool enable)
{
    set_cmdbyte(kc, enable ? (uint8_t)(cmdbyte(kc) & ~bit) : (uint8_t)(cmdbyte(kc) | bit));
}

/* Commands without a data byte; false for unknown ones. */
static bool simple_command(struct i8042 *kc, uint8_t cmd)
{
    switch (cmd) {
    case 0xA4: respond(kc, 0xF1, false); return true; /* no password installed */
    case 0xA7: port_clock(kc, I8042_CB_AUX_DIS, false); return true;
    case 0xA8: port_clock(kc, I8042_CB_AUX_DIS, true); return true;
    case 0xA9: respond(kc, 0x00, false); return true; /* aux interface OK */
    case 0xAA:
        kc->ram[0] |= I8042_CB_SYS; /* "set to 1 after a successful self-test" */
        respond(kc, 0x55, false);
        return true;
    case 0xAB: respond(kc, 0x00, false); return true; /* keyboard interface OK */
    case 0xAD: port_clock(kc, I8042_CB_KBD_DIS, false); return true;
    case 0xAE: port_clock(kc, I8042_CB_KBD_DIS, true); return true;
    case 0xC0: respond(kc, I8042_INPORT, false); return true;
    case 0xD0: respond(kc, outport_read(kc), false); return true;
    case 0xDD: gate_a20(kc, false); return true;
    case 0xDF: gate_a20(kc, true); return true;
    default: return false;
    }
}

/* 0xE0: T0 = keyboard clock (held low while disabled), T1 = data (idle high). */
static uint8_t test_inputs(const struct i8042 *kc)
{
    return (uint8_t)((port_enabled(kc, PS2_PORT_KBD) ? 1 : 0) | 2);
}

static void command_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct i8042 *kc = opaque;
    uint8_t cmd = (uint8_t)val;
    kc->status |= I8042_STAT_A2;
    kc->pending = 0;
    if (cmd >= 0x20 && cmd <= 0x3F)
        respond(kc, kc->ram[cmd & (I8042_RAM - 1)], false);
    else if ((cmd >= 0x60 && cmd <= 0x7F) || (cmd >= 0xD1 && cmd <= 0xD4))
        kc->pending = cmd;
    else if (cmd == 0xE0)
        respond(kc, test_inputs(kc), false);
    else if (cmd >= 0xF0 && !(cmd & I8042_OUT_RESET))
        kc->w.reset(kc->w.opaque); /* pulse: bit 0 low for 6 us */
    else
        simple_command(kc, cmd); /* unknown commands are ignored */
}

/* ---- creation ------------------------------------------------------------ */

static const struct bus_ops data_ops = {
    .read = data_read,
    .write = data_write,
    .min_size = 1,
    .max_size = 1,
};

static const struct bus_ops cmd_ops = {
    .read = status_read,
    .write = command_write,
    .min_size = 1,
    .max_size = 1,
};

static void nop_a20(void *opaque, bool enabled) {}
static void nop_reset(void *opaque) {}

struct i8042 *i8042_create(struct bus *io, const struct i8042_wiring *w,
                           const struct irq_line irq[PS2_PORTS])
{
    struct i8042 *kc = calloc(1, sizeof(*kc));
    if (!kc)
        return NULL;
    kc->w = *w;
    if (!kc->w.set_a20)
        kc->w.set_a20 = nop_a20;
    if (!kc->w.reset)
        kc->w.reset = nop_reset;
    for (unsigned p = 0; p < PS2_PORTS; p++)
        kc->irq[p] = irq ? irq[p] : (struct irq_line){0};
    i8042_reset(kc);
    if (bus_claims(io, I8042_DATA_PORT, 1) || bus_claims(io, I8042_CMD_PORT, 1) ||
        bus_map(io, "i8042", I8042_DATA_PORT, 1, &data_ops, kc) < 0 ||
        bus_map(io, "i8042", I8042_CMD_PORT, 1, &cmd_ops, kc) < 0) {
        free(kc);
        return NULL;
    }
    return kc;
}

void i8042_destroy(struct i8042 *kc)
{
    free(kc);
}

struct ps2_host i8042_host(struct i8042 *kc, enum ps2_port port)
{
    return (struct ps2_host){host_send, kc, (unsigned)port};
}

void i8042_attach(struct i8042 *kc, enum ps2_port port, const struct ps2_device *dev)
{
    kc->dev[port] = *dev;
}

void i8042_reset(struct i8042 *kc)
{
    for (unsigned i = 0; i < I8042_RAM; i++)
        kc->ram[i] = 0;
    kc->status = 0;
    kc->outport = I8042_OUTPORT_INIT;
    kc->obf = kc->obf_aux = false;
    kc->obuf = 0;
    kc->pending = 0;
    kc->cq_head = kc->cq_len = 0;
    kc->xlate_break = false;
    kc->turn = 0;
    update_irqs(kc);
}
