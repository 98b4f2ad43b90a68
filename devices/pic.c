/*
 * devices/pic.c - one Intel 8259A programmable interrupt controller
 * (Intel 8259A datasheet, order no. 231468; section names cited below).
 *
 * State: IRR, ISR and IMR; the IR input levels; the ICWs; the OCW3 read
 * selection, poll and special-mask flags; the lowest-priority input of the
 * rotating priority scheme; and the ELCR.  The INT pin is recomputed after
 * every change and reported through the configured irq_line only when its
 * level changes.
 *
 * Invariants:
 *   - An edge-sensed input sets its IRR bit only on a low-to-high transition;
 *     a level-sensed one (ICW1.LTIM or its ELCR bit) holds it while high.
 *     In both modes a low input clears its IRR bit ("Edge and Level
 *     Triggered Modes": the input must stay high until the first INTA, else
 *     a default IR7 occurs).  That is how the spurious IR7 arises here: an
 *     INTA finding no request returns IR7's vector without setting ISR.
 *   - Priority rank 0 is the input after p->lowest ("Priority Rotation").
 *   - INT is high exactly when pic_pending() finds a request to serve.
 */
#include "pic.h"

#include <stdlib.h>

enum {
    ICW1_IC4 = 0x01,
    ICW1_SNGL = 0x02,
    ICW1_LTIM = 0x08,
    ICW1_INIT = 0x10,
    ICW4_UPM = 0x01,
    ICW4_AEOI = 0x02,
    ICW4_MS = 0x04,
    ICW4_BUF = 0x08,
    ICW4_SFNM = 0x10,
    OCW3_RIS = 0x01,
    OCW3_RR = 0x02,
    OCW3_POLL = 0x04,
    OCW3_SEL = 0x08,
    OCW3_SMM = 0x20,
    OCW3_ESMM = 0x40,
};

/* Which ICW the next A0=1 write is; PIC_READY: it is OCW1. */
enum { PIC_READY, PIC_WANT_ICW2, PIC_WANT_ICW3, PIC_WANT_ICW4 };

struct pic {
    uint8_t irr, isr, imr;
    uint8_t lines; /**< current level of IR0..7 */
    uint8_t elcr;
    uint8_t icw1, icw2, icw3, icw4;
    uint8_t init_step;
    uint8_t lowest; /**< lowest-priority input (7 after ICW1) */
    bool read_isr;  /**< OCW3: A0=0 reads ISR (else IRR) */
    bool poll;      /**< OCW3 poll command: the next read is a poll */
    bool special_mask;
    bool rotate_aeoi;
    bool int_level;
    struct pic_config cfg; /**< wiring, not state */
};

const struct state_desc pic_state_desc = {
    "pic",
    1,
    sizeof(struct pic),
    (const struct state_field[]){
        STATE_FIELD(struct pic, irr, 1),
        STATE_FIELD(struct pic, isr, 1),
        STATE_FIELD(struct pic, imr, 1),
        STATE_FIELD(struct pic, lines, 1),
        STATE_FIELD(struct pic, elcr, 1),
        STATE_FIELD(struct pic, icw1, 1),
        STATE_FIELD(struct pic, icw2, 1),
        STATE_FIELD(struct pic, icw3, 1),
        STATE_FIELD(struct pic, icw4, 1),
        STATE_FIELD(struct pic, init_step, 1),
        STATE_FIELD(struct pic, lowest, 1),
        STATE_FIELD(struct pic, read_isr, 1),
        STATE_FIELD(struct pic, poll, 1),
        STATE_FIELD(struct pic, special_mask, 1),
        STATE_FIELD(struct pic, rotate_aeoi, 1),
        STATE_FIELD(struct pic, int_level, 1),
    },
    16,
};

/* ---- priority ------------------------------------------------------------ */

/* Priority rank of input @ir: 0 is the highest. */
static unsigned rank(const struct pic *p, unsigned ir)
{
    return (ir - p->lowest - 1) & 7;
}

/* The highest-priority input among @bits, or -1. */
static int highest(const struct pic *p, uint8_t bits)
{
    for (unsigned r = 0; r < 8; r++) {
        unsigned ir = (p->lowest + 1 + r) & 7;
        if (bits & (1u << ir))
            return (int)ir;
    }
    return -1;
}

/* Inputs sensed by level (ICW1.LTIM, or the ELCR). */
static uint8_t level_inputs(const struct pic *p)
{
    return (p->icw1 & ICW1_LTIM) ? 0xFF : p->elcr;
}

/* Cascade-mode master?  ICW4.BUF selects M/S from ICW4, else the SP/EN pin
 * ("Buffered Mode", "Cascade Mode"). */
static bool is_master(const struct pic *p)
{
    if (p->icw1 & ICW1_SNGL)
        return false;
    return (p->icw4 & ICW4_BUF) ? (p->icw4 & ICW4_MS) != 0 : p->cfg.master;
}

/* True when input @ir of a cascade master has a slave on it (ICW3). */
static bool has_slave(const struct pic *p, unsigned ir)
{
    return is_master(p) && (p->icw3 & (1u << ir));
}

/*
 * The input the next INTA would serve, or -1.  A request is served when it
 * outranks every in-service level that blocks it ("Fully Nested Mode");
 * special mask mode unblocks masked in-service levels ("Special Mask Mode");
 * special fully nested mode lets a slave's input interrupt its own
 * in-service level on the master ("Special Fully Nest Mode").
 */
static int pic_pending(const struct pic *p)
{
    int ir = highest(p, p->irr & ~p->imr);
    if (ir < 0)
        return -1;
    uint8_t blocking = p->isr;
    if (p->special_mask)
        blocking &= ~p->imr;
    if ((p->icw4 & ICW4_SFNM) && has_slave(p, (unsigned)ir))
        blocking &= ~(1u << ir);
    int busy = highest(p, blocking);
    if (busy >= 0 && rank(p, (unsigned)busy) <= rank(p, (unsigned)ir))
        return -1;
    return ir;
}

/* Recompute INT and report a change of level. */
static void pic_update(struct pic *p)
{
    bool level = pic_pending(p) >= 0;
    if (level == p->int_level)
        return;
    p->int_level = level;
    irq_set(&p->cfg.int_out, level);
}

/* ---- acknowledge and EOI -------------------------------------------------- */

/* Serve input @ir: IRR to ISR (or auto-EOI).  Level inputs still high keep
 * their request ("Interrupt Sequence", steps 4-6). */
static void serve(struct pic *p, unsigned ir)
{
    uint8_t bit = (uint8_t)(1u << ir);
    p->irr &= (uint8_t)~bit;
    p->irr |= p->lines & level_inputs(p) & bit;
    if (!(p->icw4 & ICW4_AEOI))
        p->isr |= bit;
    else if (p->rotate_aeoi)
        p->lowest = (uint8_t)ir;
}

struct pic_ack pic_acknowledge(struct pic *p)
{
    int ir = pic_pending(p);
    struct pic_ack a = {.ir = 7};
    if (ir >= 0) {
        serve(p, (unsigned)ir);
        a.ir = (uint8_t)ir;
    }
    a.cascade = has_slave(p, a.ir);
    a.vector = (uint8_t)((p->icw2 & 0xF8) | a.ir);
    pic_update(p);
    return a;
}

/* Poll command ("The Poll Command"): an INTA on a read; I bit 7, level 2-0. */
static uint8_t pic_poll(struct pic *p)
{
    int ir = pic_pending(p);
    if (ir < 0)
        return 0;
    serve(p, (unsigned)ir);
    pic_update(p);
    return (uint8_t)(0x80 | ir);
}

/* End of interrupt for input @ir, rotating priority when asked. */
static void eoi(struct pic *p, int ir, bool rotate)
{
    if (ir < 0)
        return;
    p->isr &= (uint8_t) ~(1u << ir);
    if (rotate)
        p->lowest = (uint8_t)ir;
}

/* OCW2: R, SL, EOI in bits 7-5, level in 2-0 ("Operation Command Words",
 * "End of Interrupt", "Automatic Rotation", "Specific Rotation"). */
static void pic_ocw2(struct pic *p, uint8_t v)
{
    unsigned level = v & 7;
    switch (v >> 5) {
    case 0: p->rotate_aeoi = false; break;            /* rotate in AEOI: clear */
    case 1: eoi(p, highest(p, p->isr), false); break; /* non-specific EOI */
    case 2: break;                                    /* no operation */
    case 3: eoi(p, (int)level, false); break;         /* specific EOI */
    case 4: p->rotate_aeoi = true; break;             /* rotate in AEOI: set */
    case 5: eoi(p, highest(p, p->isr), true); break;  /* rotate on non-specific EOI */
    case 6: p->lowest = (uint8_t)level; break;        /* set priority */
    default: eoi(p, (int)level, true); break;         /* rotate on specific EOI */
    }
}

/* OCW3: read register, poll, special mask mode. */
static void pic_ocw3(struct pic *p, uint8_t v)
{
    if (v & OCW3_ESMM)
        p->special_mask = (v & OCW3_SMM) != 0;
    if (v & OCW3_RR)
        p->read_isr = (v & OCW3_RIS) != 0;
    p->poll = (v & OCW3_POLL) != 0;
}

/* ---- initialisation -------------------------------------------------------- */

/* ICW1 ("Initialization Command Words", a-f): edge sense reset, IMR
 * cleared, IR7 lowest, slave address 7, special mask off, read IRR, and
 * ICW4 cleared when IC4 = 0.  ISR is not named and keeps its contents. */
static void pic_icw1(struct pic *p, uint8_t v)
{
    p->icw1 = v;
    p->init_step = PIC_WANT_ICW2;
    p->imr = 0;
    p->lowest = 7;
    p->special_mask = false;
    p->read_isr = false;
    p->poll = false;
    if (!p->cfg.master)
        p->icw3 = 7;
    if (!(v & ICW1_IC4))
        p->icw4 = 0;
    p->irr = p->lines & level_inputs(p); /* edges must be seen anew */
}

/* ICW2-ICW4 in sequence, as ICW1's SNGL and IC4 ask. */
static void pic_icw_next(struct pic *p, uint8_t v)
{
    bool want4 = p->icw1 & ICW1_IC4;
    switch (p->init_step) {
    case PIC_WANT_ICW2:
        p->icw2 = v;
        p->init_step = !(p->icw1 & ICW1_SNGL) ? PIC_WANT_ICW3 : want4 ? PIC_WANT_ICW4 : PIC_READY;
        break;
    case PIC_WANT_ICW3:
        p->icw3 = v;
        p->init_step = want4 ? PIC_WANT_ICW4 : PIC_READY;
        break;
    default:
        p->icw4 = v;
        p->init_step = PIC_READY;
        if (!(v & ICW4_UPM))
            board_log(p->cfg.log, CPU_LOG_UNIMP, "8259A at %#x: 8080 mode, using 8086 vectors",
                      p->cfg.port);
        break;
    }
}

/* ---- ports ------------------------------------------------------------------ */

static uint32_t pic_read(void *opaque, uint32_t offset, unsigned size)
{
    struct pic *p = opaque;
    if (p->poll) {
        p->poll = false;
        return pic_poll(p);
    }
    if (offset)
        return p->imr;
    return p->read_isr ? p->isr : p->irr;
}

static void pic_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct pic *p = opaque;
    uint8_t v = (uint8_t)val;
    if (offset && p->init_step != PIC_READY)
        pic_icw_next(p, v);
    else if (offset)
        p->imr = v; /* OCW1 */
    else if (v & ICW1_INIT)
        pic_icw1(p, v);
    else if (v & OCW3_SEL)
        pic_ocw3(p, v);
    else
        pic_ocw2(p, v);
    pic_update(p);
}

static uint32_t elcr_read(void *opaque, uint32_t offset, unsigned size)
{
    return ((struct pic *)opaque)->elcr;
}

static void elcr_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct pic *p = opaque;
    p->elcr = (uint8_t)val & p->cfg.elcr_mask;
    p->irr |= p->lines & level_inputs(p);
    pic_update(p);
}

static const struct bus_ops pic_ops = {
    .read = pic_read,
    .write = pic_write,
    .min_size = 1,
    .max_size = 1,
};

static const struct bus_ops elcr_ops = {
    .read = elcr_read,
    .write = elcr_write,
    .min_size = 1,
    .max_size = 1,
};

/* ---- inputs and lifetime ------------------------------------------------------ */

void pic_set_irq(struct pic *p, unsigned ir, bool level)
{
    uint8_t bit = (uint8_t)(1u << (ir & 7));
    if (level) {
        if ((level_inputs(p) & bit) || !(p->lines & bit))
            p->irr |= bit;
        p->lines |= bit;
    } else {
        p->lines &= (uint8_t)~bit;
        p->irr &= (uint8_t)~bit;
    }
    pic_update(p);
}

bool pic_int_level(const struct pic *p)
{
    return p->int_level;
}

void pic_reset(struct pic *p, uint8_t vector_base)
{
    uint8_t lines = p->lines;
    bool int_level = p->int_level;
    struct pic_config cfg = p->cfg;
    *p = (struct pic){.cfg = cfg, .lines = lines, .int_level = int_level};
    p->imr = 0xFF;
    p->icw1 = ICW1_INIT; /* cascade mode, edge sensed, no ICW4 */
    p->icw2 = vector_base & 0xF8;
    p->icw4 = ICW4_UPM;
    p->lowest = 7;
    pic_update(p);
}

struct pic *pic_create(struct bus *io, const struct pic_config *cfg)
{
    struct pic *p = calloc(1, sizeof(*p));
    if (!p)
        return NULL;
    p->cfg = *cfg;
    bool elcr = cfg->elcr_port >= 0;
    if ((elcr && bus_claims(io, (uint32_t)cfg->elcr_port, 1)) ||
        bus_map(io, "pic", cfg->port, 2, &pic_ops, p) < 0 ||
        (elcr && bus_map(io, "elcr", (uint32_t)cfg->elcr_port, 1, &elcr_ops, p) < 0)) {
        free(p);
        return NULL;
    }
    pic_reset(p, 0);
    return p;
}

void pic_destroy(struct pic *p)
{
    free(p);
}

void pic_dump(const struct pic *p, FILE *out)
{
    fprintf(out, "IRR=0x%02x ISR=0x%02x IMR=0x%02x lines=0x%02x ELCR=0x%02x INT=%u\n", p->irr,
            p->isr, p->imr, p->lines, p->elcr, p->int_level);
    fprintf(out, "ICW1=0x%02x ICW2=0x%02x (vector base) ICW3=0x%02x ICW4=0x%02x init_step=%u\n",
            p->icw1, p->icw2, p->icw3, p->icw4, p->init_step);
    fprintf(out, "lowest priority=IR%u read=%s poll=%u special_mask=%u rotate_aeoi=%u\n", p->lowest,
            p->read_isr ? "ISR" : "IRR", p->poll, p->special_mask, p->rotate_aeoi);
}
