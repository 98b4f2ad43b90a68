/*
 * devices/dma.c - the PC/AT 8237A pair (see dma.h).  Register semantics
 * from the Intel 8237A datasheet (order no. 231466): "Register
 * Description", Table 2 (address and count registers through the byte
 * pointer flip-flop), Table 3 ("Software Commands": clear byte pointer,
 * master clear, clear mask register, write all mask bits), "Mode
 * Register", "Status Register" and "Autoinitialize".  The AT wiring (DMA2
 * on even ports with word addressing, the page-register ports, channel 4
 * as cascade) is that of the IBM PC/AT Technical Reference, "DMA
 * Controller".
 *
 * Invariants: each channel's remaining transfers are cur_count + 1; a
 * transfer stops at TC, after which the channel is either reloaded from
 * its base registers (auto-initialize) or masked, as the datasheet's
 * "Mask Register" describes; the status TC bits are cleared by reading
 * the status register or a master clear, never by a transfer.
 */
#include "dma.h"

#include <stdlib.h>
#include <string.h>

/* Mode register fields ("Mode Register"). */
enum {
    MODE_TYPE = 0x0C, /* 00 verify, 01 write (to memory), 10 read (from memory) */
    MODE_AUTOINIT = 0x10,
    MODE_DECREMENT = 0x20,
    MODE_SEL = 0xC0, /* 00 demand, 01 single, 10 block, 11 cascade */
    MODE_CASCADE = 0xC0,
};
enum { TYPE_VERIFY = 0x00, TYPE_WRITE = 0x04, TYPE_READ = 0x08 };
enum { CMD_DISABLE = 0x04 }; /* command register bit 2: controller disable */

struct dma_chan {
    uint16_t base_addr, base_count; /**< written by the CPU, reloaded by auto-init */
    uint16_t cur_addr, cur_count;
    uint8_t mode;
};

struct dma_ctrl {
    struct dma_chan ch[4];
    uint8_t command;
    uint8_t status;  /**< bits 3-0: TC reached since the last status read */
    uint8_t request; /**< software request bits 3-0 */
    uint8_t dreq;    /**< DREQ inputs 3-0 */
    uint8_t mask;    /**< bits 3-0 */
    uint8_t temp;
    bool flipflop; /**< byte pointer: the next address/count byte is the high one */
};

struct dma {
    struct dma_ctrl c[2];
    uint8_t page[16]; /**< page-register file at 0x80-0x8F */
    /* wiring, not state */
    const struct dma_mem_ops *mem;
    void *opaque;
};

#define CHAN_FIELD(m) STATE_FIELD(struct dma_chan, m, 1)
static const struct state_desc dma_chan_desc = {
    "ch",
    1,
    sizeof(struct dma_chan),
    (const struct state_field[]){CHAN_FIELD(base_addr), CHAN_FIELD(base_count),
                                 CHAN_FIELD(cur_addr), CHAN_FIELD(cur_count), CHAN_FIELD(mode)},
    5,
};
#undef CHAN_FIELD

#define CTRL_FIELD(m) STATE_FIELD(struct dma_ctrl, m, 1)
static const struct state_desc dma_ctrl_desc = {
    "ctrl",
    1,
    sizeof(struct dma_ctrl),
    (const struct state_field[]){STATE_STRUCTS(struct dma_ctrl, ch, 4, &dma_chan_desc),
                                 CTRL_FIELD(command), CTRL_FIELD(status), CTRL_FIELD(request),
                                 CTRL_FIELD(dreq), CTRL_FIELD(mask), CTRL_FIELD(temp),
                                 CTRL_FIELD(flipflop)},
    8,
};
#undef CTRL_FIELD

const struct state_desc dma_state_desc = {
    "dma",
    1,
    sizeof(struct dma),
    (const struct state_field[]){STATE_STRUCTS(struct dma, c, 2, &dma_ctrl_desc),
                                 STATE_FIELD(struct dma, page, 16)},
    2,
};

/* Page register (index into page[]) of each channel (PC/AT wiring). */
static const uint8_t page_index[DMA_CHANNELS] = {0x7, 0x3, 0x1, 0x2, 0xF, 0xB, 0x9, 0xA};

/* ---- registers --------------------------------------------------------------- */

/* Master clear (Table 3): command, status, request, temporary registers
 * and the byte pointer cleared, all four channels masked. */
static void master_clear(struct dma_ctrl *c)
{
    c->command = c->status = c->request = c->temp = 0;
    c->flipflop = false;
    c->mask = 0x0F;
}

/* Read register @reg (0..15) of @c (Table 2 and "Status Register"). */
static uint8_t ctrl_read(struct dma_ctrl *c, unsigned reg)
{
    if (reg < 8) {
        struct dma_chan *k = &c->ch[reg >> 1];
        uint16_t v = reg & 1 ? k->cur_count : k->cur_addr;
        bool high = c->flipflop;
        c->flipflop = !c->flipflop;
        return (uint8_t)(high ? v >> 8 : v);
    }
    switch (reg) {
    case 8: {
        uint8_t v = (uint8_t)((c->status & 0x0F) | ((c->request | c->dreq) & 0x0F) << 4);
        c->status &= 0xF0; /* TC bits clear on read */
        return v;
    }
    case 13: return c->temp;
    case 15: return (uint8_t)(0xF0 | c->mask); /* read-back of later 8237 cores */
    default: return 0xFF;
    }
}

/* Write one byte of a base+current address or count register. */
static void write_addr_count(struct dma_ctrl *c, unsigned reg, uint8_t v)
{
    struct dma_chan *k = &c->ch[reg >> 1];
    uint16_t *base = reg & 1 ? &k->base_count : &k->base_addr;
    uint16_t *cur = reg & 1 ? &k->cur_count : &k->cur_addr;
    if (c->flipflop)
        *base = (uint16_t)((*base & 0x00FF) | v << 8);
    else
        *base = (uint16_t)((*base & 0xFF00) | v);
    *cur = *base;
    c->flipflop = !c->flipflop;
}

/* Write register @reg (0..15) of @c (Table 2, Table 3). */
static void ctrl_write(struct dma_ctrl *c, unsigned reg, uint8_t v)
{
    unsigned bit = 1u << (v & 3);
    if (reg < 8) {
        write_addr_count(c, reg, v);
        return;
    }
    switch (reg) {
    case 8: c->command = v; break;
    case 9: c->request = (uint8_t)(v & 4 ? c->request | bit : c->request & ~bit); break;
    case 10: c->mask = (uint8_t)(v & 4 ? c->mask | bit : c->mask & ~bit); break;
    case 11: c->ch[v & 3].mode = v; break;
    case 12: c->flipflop = false; break;
    case 13: master_clear(c); break;
    case 14: c->mask = 0; break;
    default: c->mask = v & 0x0F; break;
    }
}

static uint32_t dma1_read(void *opaque, uint32_t offset, unsigned size)
{
    return ctrl_read(&((struct dma *)opaque)->c[0], offset);
}

static void dma1_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    ctrl_write(&((struct dma *)opaque)->c[0], offset, (uint8_t)val);
}

static uint32_t dma2_read(void *opaque, uint32_t offset, unsigned size)
{
    return ctrl_read(&((struct dma *)opaque)->c[1], offset >> 1);
}

static void dma2_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    ctrl_write(&((struct dma *)opaque)->c[1], offset >> 1, (uint8_t)val);
}

/* The page region starts at 0x81. */
static uint32_t page_read(void *opaque, uint32_t offset, unsigned size)
{
    return ((struct dma *)opaque)->page[offset + 1];
}

static void page_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    ((struct dma *)opaque)->page[offset + 1] = (uint8_t)val;
}

static const struct bus_ops dma1_ops = {dma1_read, dma1_write, 1, 1};
static const struct bus_ops dma2_ops = {dma2_read, dma2_write, 1, 1};
static const struct bus_ops page_ops = {page_read, page_write, 1, 1};

/* ---- transfers ------------------------------------------------------------------ */

bool dma_channel_ready(const struct dma *d, unsigned channel)
{
    if (channel >= DMA_CHANNELS)
        return false;
    const struct dma_ctrl *c = &d->c[channel >> 2];
    unsigned k = channel & 3;
    if ((c->command & CMD_DISABLE) || (c->mask & (1u << k)) ||
        (c->ch[k].mode & MODE_SEL) == MODE_CASCADE)
        return false;
    if (channel >= 4)
        return true;
    const struct dma_ctrl *m = &d->c[1]; /* DMA1 requests go through channel 4 */
    return !(m->command & CMD_DISABLE) && !(m->mask & 1) &&
           (m->ch[0].mode & MODE_SEL) == MODE_CASCADE;
}

/* Physical address of the current address of @channel. */
static uint32_t phys_addr(const struct dma *d, unsigned channel)
{
    uint32_t page = d->page[page_index[channel]];
    uint32_t addr = d->c[channel >> 2].ch[channel & 3].cur_addr;
    if (channel < 4)
        return page << 16 | addr;
    return (page & 0xFE) << 16 | addr << 1;
}

/* Move @n bytes at the channel's current address as its mode says. */
static void move(struct dma *d, unsigned channel, uint8_t *buf, size_t n, bool to_memory)
{
    uint8_t type = d->c[channel >> 2].ch[channel & 3].mode & MODE_TYPE;
    uint32_t pa = phys_addr(d, channel);
    if (type == TYPE_WRITE && to_memory)
        d->mem->write(d->opaque, pa, buf, n);
    else if (type == TYPE_READ && !to_memory)
        d->mem->read(d->opaque, pa, buf, n);
    else if (!to_memory)
        memset(buf, 0xFF, n);
}

/* Units (bytes or words) the next contiguous piece may hold. */
static size_t run_length(const struct dma_chan *k, size_t units_left)
{
    size_t n = (size_t)k->cur_count + 1;
    if (k->mode & MODE_DECREMENT)
        n = 1;
    else if (n > 0x10000u - k->cur_addr)
        n = 0x10000u - k->cur_addr; /* the address wraps inside its page */
    return n < units_left ? n : units_left;
}

/* TC of channel @k of @c: status bit, request cleared, reload or mask. */
static void terminal_count(struct dma_ctrl *c, unsigned k)
{
    struct dma_chan *ch = &c->ch[k];
    c->status |= (uint8_t)(1u << k);
    c->request &= (uint8_t) ~(1u << k);
    if (ch->mode & MODE_AUTOINIT) {
        ch->cur_addr = ch->base_addr;
        ch->cur_count = ch->base_count;
    } else {
        c->mask |= (uint8_t)(1u << k);
    }
}

/* Advance channel @k of @c by @n units; true at terminal count. */
static bool advance(struct dma_ctrl *c, unsigned k, size_t n)
{
    struct dma_chan *ch = &c->ch[k];
    uint32_t remaining = (uint32_t)ch->cur_count + 1 - (uint32_t)n;
    if (ch->mode & MODE_DECREMENT)
        ch->cur_addr = (uint16_t)(ch->cur_addr - n);
    else
        ch->cur_addr = (uint16_t)(ch->cur_addr + n);
    ch->cur_count = (uint16_t)(remaining - 1);
    if (remaining)
        return false;
    terminal_count(c, k);
    return true;
}

size_t dma_transfer(struct dma *d, unsigned channel, void *buf, size_t len, bool to_memory)
{
    if (!dma_channel_ready(d, channel))
        return 0;
    struct dma_ctrl *c = &d->c[channel >> 2];
    unsigned k = channel & 3, unit = channel >= 4 ? 2 : 1;
    size_t units = len / unit, done = 0;
    bool tc = false;
    while (done < units && !tc) {
        size_t n = run_length(&c->ch[k], units - done);
        move(d, channel, (uint8_t *)buf + done * unit, n * unit, to_memory);
        tc = advance(c, k, n);
        done += n;
    }
    return done * unit;
}

void dma_set_dreq(struct dma *d, unsigned channel, bool level)
{
    if (channel >= DMA_CHANNELS)
        return;
    struct dma_ctrl *c = &d->c[channel >> 2];
    uint8_t bit = (uint8_t)(1u << (channel & 3));
    c->dreq = (uint8_t)(level ? c->dreq | bit : c->dreq & ~bit);
}

/* ---- lifetime -------------------------------------------------------------------- */

void dma_reset(struct dma *d)
{
    memset(d->c, 0, sizeof(d->c));
    memset(d->page, 0, sizeof(d->page));
    master_clear(&d->c[0]);
    master_clear(&d->c[1]);
}

struct dma *dma_create(struct bus *io, const struct dma_mem_ops *mem, void *opaque)
{
    struct dma *d = calloc(1, sizeof(*d));
    if (!d)
        return NULL;
    d->mem = mem;
    d->opaque = opaque;
    dma_reset(d);
    if (bus_map(io, "dma1", 0x00, 16, &dma1_ops, d) < 0 ||
        bus_map(io, "dma2", 0xC0, 32, &dma2_ops, d) < 0 ||
        bus_map(io, "dma-page", 0x81, 15, &page_ops, d) < 0) {
        free(d); /* the bus keeps no way to unmap; only fails on a misconfigured board */
        return NULL;
    }
    return d;
}

void dma_destroy(struct dma *d)
{
    free(d);
}
