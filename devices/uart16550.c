/*
 * devices/uart16550.c - the PC16550D UART (TI/National PC16550D datasheet;
 * the section and table names cited below are the datasheet's).
 *
 * The FIFOs are rings of UART_FIFO_SIZE bytes; with FCR0 = 0 (16450 mode)
 * they hold one byte each and stand for RBR and THR.  The transmit shift
 * register (TSR) holds the byte being sent and the virtual time tsr_end at
 * which its stop bit ends; the receive FIFO's timeout counts from rx_last,
 * the time of the last byte in or out of it.  Both deadlines are timers
 * re-armed from this state (settle), so nothing ticks.
 *
 * Pending interrupts ("Interrupt Identification Register", Table V) are
 * derived from state when asked, except the two that are events rather
 * than levels: thre_pending (set when THR/the XMIT FIFO becomes empty or
 * ETBEI is enabled with it empty; cleared by writing THR or by reading
 * IIR while it is the source shown) and timeout_pending (set when the
 * timeout expires; cleared by reading RBR).
 *
 * Invariants: rx_count, tx_count <= fifo_cap(); irq_level is the level last
 * reported and equals (some enabled source pending) && MCR.OUT2 after every
 * register access; tx_timer is armed for tsr_end exactly while tsr_busy.
 */
#include "uart16550.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum { TIMEOUT_CHARS = 4, DEFAULT_DIVISOR = 12 };

/* The modem inputs a connected peer presents outside loopback mode. */
static const uint8_t PEER_INPUTS = UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD;

struct uart {
    uint8_t rx[UART_FIFO_SIZE], tx[UART_FIFO_SIZE]; /**< rings */
    uint8_t rx_head, rx_count, tx_head, tx_count;
    uint8_t rbr;      /**< the byte last read from the receiver */
    uint8_t tsr;      /**< the byte in the transmit shift register */
    bool tsr_busy;    /**< TSR holds a byte until tsr_end */
    uint64_t tsr_end; /**< ns at which the TSR byte has been sent */
    uint64_t rx_last; /**< ns of the last RX FIFO activity */
    bool timeout_pending;
    bool thre_pending;
    uint16_t divisor; /**< DLM:DLL; 0 counts as 65536 */
    uint8_t ier, fcr, lcr, mcr, scr;
    uint8_t lsr_err;   /**< OE, PE, FE, BI: set until LSR is read */
    uint8_t msr_delta; /**< DCTS, DDSR, TERI, DDCD */
    uint8_t msr_peer;  /**< the peer's CTS, DSR, RI, DCD (MSR bits 4-7) */
    bool irq_level;
    /* wiring, not state */
    struct uart_wiring w;
    struct timer tx_timer, rx_timer;
};

#define UART_FIELD(m, n) STATE_FIELD(struct uart, m, n)
const struct state_desc uart_state_desc = {
    "uart16550",
    1,
    sizeof(struct uart),
    (const struct state_field[]){
        UART_FIELD(rx, UART_FIFO_SIZE),
        UART_FIELD(tx, UART_FIFO_SIZE),
        UART_FIELD(rx_head, 1),
        UART_FIELD(rx_count, 1),
        UART_FIELD(tx_head, 1),
        UART_FIELD(tx_count, 1),
        UART_FIELD(rbr, 1),
        UART_FIELD(tsr, 1),
        UART_FIELD(tsr_busy, 1),
        UART_FIELD(tsr_end, 1),
        UART_FIELD(rx_last, 1),
        UART_FIELD(timeout_pending, 1),
        UART_FIELD(thre_pending, 1),
        UART_FIELD(divisor, 1),
        UART_FIELD(ier, 1),
        UART_FIELD(fcr, 1),
        UART_FIELD(lcr, 1),
        UART_FIELD(mcr, 1),
        UART_FIELD(scr, 1),
        UART_FIELD(lsr_err, 1),
        UART_FIELD(msr_delta, 1),
        UART_FIELD(msr_peer, 1),
        UART_FIELD(irq_level, 1),
    },
    23,
};
#undef UART_FIELD

/* ---- timing ("Baud Rate Generator"; a frame is start, data, parity, stop) -- */

uint64_t uart_char_ns(const struct uart *u)
{
    uint64_t div = u->divisor ? u->divisor : 65536;
    unsigned data = 5 + (u->lcr & UART_LCR_WLS);
    unsigned stop_halves = !(u->lcr & UART_LCR_STB) ? 2 : data == 5 ? 3 : 4;
    uint64_t halves = 2 * (1 + data + !!(u->lcr & UART_LCR_PEN)) + stop_halves;
    /* one bit is 16 crystal cycles per divisor count */
    uint64_t num = halves * div * 16 * 1000000000ull;
    uint64_t den = 2ull * UART_CLOCK_HZ;
    return (num + den - 1) / den;
}

static uint64_t now(const struct uart *u)
{
    return clock_now(u->w.clock);
}

/* ---- FIFOs ----------------------------------------------------------------- */

static bool fifo_on(const struct uart *u)
{
    return u->fcr & UART_FCR_ENABLE;
}

static unsigned fifo_cap(const struct uart *u)
{
    return fifo_on(u) ? UART_FIFO_SIZE : 1;
}

/* "FIFO Control Register", bits 6-7: the RCVR FIFO trigger level. */
static unsigned rx_trigger(const struct uart *u)
{
    static const uint8_t level[4] = {1, 4, 8, 14};
    return fifo_on(u) ? level[u->fcr >> 6] : 1;
}

static uint8_t word_mask(const struct uart *u)
{
    return (uint8_t)(0xFF >> (3 - (u->lcr & UART_LCR_WLS)));
}

static void ring_push(uint8_t *ring, uint8_t head, uint8_t *count, uint8_t v)
{
    ring[(head + *count) % UART_FIFO_SIZE] = v;
    (*count)++;
}

static uint8_t ring_pop(const uint8_t *ring, uint8_t *head, uint8_t *count)
{
    uint8_t v = ring[*head];
    *head = (uint8_t)((*head + 1) % UART_FIFO_SIZE);
    (*count)--;
    return v;
}

/* A character arrives at the receiver at @t.  A full receiver overruns
 * ("Line Status Register", OE): the FIFO keeps its bytes, RBR without
 * FIFOs is overwritten. */
static void rx_arrive(struct uart *u, uint8_t v, uint64_t t)
{
    v &= word_mask(u);
    if (u->rx_count >= fifo_cap(u)) {
        u->lsr_err |= UART_LSR_OE;
        if (!fifo_on(u))
            u->rx[u->rx_head] = v;
    } else {
        ring_push(u->rx, u->rx_head, &u->rx_count, v);
    }
    u->rx_last = t;
}

static void rx_clear(struct uart *u)
{
    u->rx_head = u->rx_count = 0;
    u->timeout_pending = false;
}

/* ---- modem lines ("Modem Status Register", loopback in "Modem Control
 * Register" bit 4: DTR to DSR, RTS to CTS, OUT1 to RI, OUT2 to DCD) ------ */

static uint8_t msr_inputs(const struct uart *u)
{
    if (!(u->mcr & UART_MCR_LOOP))
        return u->msr_peer;
    uint8_t m = u->mcr;
    return (uint8_t)((m & UART_MCR_DTR ? UART_MSR_DSR : 0) | (m & UART_MCR_RTS ? UART_MSR_CTS : 0) |
                     (m & UART_MCR_OUT1 ? UART_MSR_RI : 0) |
                     (m & UART_MCR_OUT2 ? UART_MSR_DCD : 0));
}

/* The inputs went from @old to @new: set the delta bits (TERI only on RI's
 * trailing edge, 1 to 0). */
static void msr_track(struct uart *u, uint8_t old, uint8_t new)
{
    uint8_t ch = old ^ new;
    if (ch & UART_MSR_CTS)
        u->msr_delta |= UART_MSR_DCTS;
    if (ch & UART_MSR_DSR)
        u->msr_delta |= UART_MSR_DDSR;
    if (ch & UART_MSR_DCD)
        u->msr_delta |= UART_MSR_DDCD;
    if ((old & UART_MSR_RI) && !(new &UART_MSR_RI))
        u->msr_delta |= UART_MSR_TERI;
}

/* ---- interrupts (Table V, priority: line status, received data or
 * timeout, THR empty, modem status) -------------------------------------- */

static bool thr_empty(const struct uart *u)
{
    return u->tx_count == 0;
}

static uint8_t iir_source(const struct uart *u)
{
    if ((u->ier & UART_IER_RLSI) && u->lsr_err)
        return UART_IIR_RLSI;
    if ((u->ier & UART_IER_RDI) && u->rx_count && u->rx_count >= rx_trigger(u))
        return UART_IIR_RDI;
    if ((u->ier & UART_IER_RDI) && u->timeout_pending)
        return UART_IIR_TIMEOUT;
    if ((u->ier & UART_IER_THRI) && u->thre_pending)
        return UART_IIR_THRI;
    if ((u->ier & UART_IER_MSI) && u->msr_delta)
        return UART_IIR_MSI;
    return UART_IIR_NO_INT;
}

/* ---- transmitter ----------------------------------------------------------- */

/* Load the TSR from THR/the XMIT FIFO at @t if it is idle; THR going empty
 * is the THRE interrupt's event. */
static void tx_start(struct uart *u, uint64_t t)
{
    if (u->tsr_busy || !u->tx_count)
        return;
    u->tsr = ring_pop(u->tx, &u->tx_head, &u->tx_count);
    u->tsr_busy = true;
    u->tsr_end = t + uart_char_ns(u);
    if (thr_empty(u))
        u->thre_pending = true;
}

static void tx_clear(struct uart *u)
{
    if (u->tx_count)
        u->thre_pending = true;
    u->tx_head = u->tx_count = 0;
}

/* ---- settling: the IRQ line and the timers follow the state --------------- */

static void settle(struct uart *u)
{
    bool level = iir_source(u) != UART_IIR_NO_INT && (u->mcr & UART_MCR_OUT2);
    if (level != u->irq_level) {
        u->irq_level = level;
        irq_set(&u->w.irq, level);
    }
    if (u->tsr_busy)
        timer_mod(&u->tx_timer, u->tsr_end);
    else
        timer_del(&u->tx_timer);
    if (fifo_on(u) && u->rx_count && !u->timeout_pending)
        timer_mod(&u->rx_timer, u->rx_last + TIMEOUT_CHARS * uart_char_ns(u));
    else
        timer_del(&u->rx_timer);
}

/* The TSR's stop bit ended: the byte goes out (to the receiver in
 * loopback mode, where the serial output is held marking) and the next
 * one starts where this one ended. */
static void tx_due(void *opaque)
{
    struct uart *u = opaque;
    if (!u->tsr_busy)
        return;
    uint8_t v = u->tsr & word_mask(u);
    uint64_t end = u->tsr_end;
    u->tsr_busy = false;
    if (u->mcr & UART_MCR_LOOP)
        rx_arrive(u, v, end);
    else if (u->w.tx)
        u->w.tx(u->w.opaque, v);
    tx_start(u, end);
    settle(u);
}

/* "FIFO Interrupt Mode Operation": no character in or out of the RCVR FIFO
 * for four character times while it holds one. */
static void rx_due(void *opaque)
{
    struct uart *u = opaque;
    if (fifo_on(u) && u->rx_count)
        u->timeout_pending = true;
    settle(u);
}

/* ---- register reads -------------------------------------------------------- */

static uint8_t read_rbr(struct uart *u)
{
    if (u->rx_count)
        u->rbr = ring_pop(u->rx, &u->rx_head, &u->rx_count);
    u->timeout_pending = false;
    u->rx_last = now(u);
    return u->rbr;
}

static uint8_t read_iir(struct uart *u)
{
    uint8_t id = iir_source(u);
    if (id == UART_IIR_THRI)
        u->thre_pending = false;
    return (uint8_t)(id | (fifo_on(u) ? UART_IIR_FIFO : 0));
}

static uint8_t lsr_value(const struct uart *u)
{
    uint8_t v = u->lsr_err;
    if (u->rx_count)
        v |= UART_LSR_DR;
    if (thr_empty(u))
        v |= UART_LSR_THRE;
    if (thr_empty(u) && !u->tsr_busy)
        v |= UART_LSR_TEMT;
    return v;
}

static uint8_t read_reg(struct uart *u, unsigned reg)
{
    bool dlab = u->lcr & UART_LCR_DLAB;
    uint8_t v;
    switch (reg) {
    case UART_RBR: return dlab ? (uint8_t)u->divisor : read_rbr(u);
    case UART_IER: return dlab ? (uint8_t)(u->divisor >> 8) : u->ier;
    case UART_IIR: return read_iir(u);
    case UART_LCR: return u->lcr;
    case UART_MCR: return u->mcr;
    case UART_LSR:
        v = lsr_value(u);
        u->lsr_err = 0;
        return v;
    case UART_MSR:
        v = (uint8_t)(u->msr_delta | msr_inputs(u));
        u->msr_delta = 0;
        return v;
    default: return u->scr;
    }
}

/* ---- register writes ------------------------------------------------------- */

static void write_thr(struct uart *u, uint8_t v)
{
    if (u->tx_count < fifo_cap(u))
        ring_push(u->tx, u->tx_head, &u->tx_count, v);
    else if (!fifo_on(u))
        u->tx[u->tx_head] = v; /* THR overwritten */
    u->thre_pending = false;
    tx_start(u, now(u));
}

/* Enabling ETBEI with THR empty raises THRE at once. */
static void write_ier(struct uart *u, uint8_t v)
{
    v &= 0x0F;
    if ((v & ~u->ier & UART_IER_THRI) && thr_empty(u))
        u->thre_pending = true;
    u->ier = v;
}

/* "FIFO Control Register": changing FCR0 empties both FIFOs; the other bits
 * are programmed only while FCR0 is written as 1; bits 1-2 self-clear. */
static void write_fcr(struct uart *u, uint8_t v)
{
    if ((v ^ u->fcr) & UART_FCR_ENABLE) {
        rx_clear(u);
        tx_clear(u);
    }
    if (!(v & UART_FCR_ENABLE)) {
        u->fcr = 0;
        return;
    }
    if (v & UART_FCR_CLEAR_RX)
        rx_clear(u);
    if (v & UART_FCR_CLEAR_TX)
        tx_clear(u);
    u->fcr = v & (UART_FCR_ENABLE | UART_FCR_DMA | UART_FCR_TRIGGER);
}

static void write_mcr(struct uart *u, uint8_t v)
{
    uint8_t old = msr_inputs(u);
    u->mcr = v & 0x1F;
    msr_track(u, old, msr_inputs(u));
}

static void write_reg(struct uart *u, unsigned reg, uint8_t v)
{
    bool dlab = u->lcr & UART_LCR_DLAB;
    switch (reg) {
    case UART_THR:
        if (dlab)
            u->divisor = (uint16_t)((u->divisor & 0xFF00) | v);
        else
            write_thr(u, v);
        break;
    case UART_IER:
        if (dlab)
            u->divisor = (uint16_t)((u->divisor & 0x00FF) | v << 8);
        else
            write_ier(u, v);
        break;
    case UART_FCR: write_fcr(u, v); break;
    case UART_LCR: u->lcr = v; break;
    case UART_MCR: write_mcr(u, v); break;
    case UART_LSR: break; /* "LSR is intended for read operations only" */
    case UART_MSR: break;
    default: u->scr = v; break;
    }
}

static uint32_t uart_read(void *opaque, uint32_t offset, unsigned size)
{
    struct uart *u = opaque;
    uint8_t v = read_reg(u, offset);
    settle(u);
    return v;
}

static void uart_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct uart *u = opaque;
    write_reg(u, offset, (uint8_t)val);
    settle(u);
}

static const struct bus_ops uart_ops = {
    .read = uart_read,
    .write = uart_write,
    .min_size = 1,
    .max_size = 1,
};

/* ---- the other end and the board ------------------------------------------- */

size_t uart_can_receive(const struct uart *u)
{
    if (u->mcr & UART_MCR_LOOP)
        return 0;
    return fifo_cap(u) - u->rx_count;
}

size_t uart_receive(struct uart *u, const uint8_t *bytes, size_t n)
{
    size_t room = uart_can_receive(u), k = n < room ? n : room;
    uint64_t t = now(u);
    for (size_t i = 0; i < k; i++)
        rx_arrive(u, bytes[i], t);
    if (k)
        settle(u);
    return k;
}

void uart_reset(struct uart *u)
{
    uint8_t scr = u->scr, peer = u->msr_peer;
    bool level = u->irq_level;
    memset(u, 0, offsetof(struct uart, w)); /* the state, not the wiring */
    u->scr = scr;
    u->msr_peer = peer;
    u->divisor = DEFAULT_DIVISOR;
    u->irq_level = level; /* so settle reports the change */
    settle(u);
}

void uart_dump(const struct uart *u, FILE *out)
{
    fprintf(out, "  divisor %u (%u baud), char time %llu ns\n", u->divisor ? u->divisor : 65536,
            UART_CLOCK_HZ / 16 / (u->divisor ? u->divisor : 65536),
            (unsigned long long)uart_char_ns(u));
    fprintf(out,
            "  IER %02x  IIR %02x  FCR %02x  LCR %02x  MCR %02x  LSR %02x  MSR %02x  SCR %02x\n",
            u->ier, iir_source(u) | (fifo_on(u) ? UART_IIR_FIFO : 0), u->fcr, u->lcr, u->mcr,
            lsr_value(u), u->msr_delta | msr_inputs(u), u->scr);
    fprintf(out, "  RX FIFO %u/%u (trigger %u)%s  TX FIFO %u/%u  TSR %s\n", u->rx_count,
            fifo_cap(u), rx_trigger(u), u->timeout_pending ? " timeout" : "", u->tx_count,
            fifo_cap(u), u->tsr_busy ? "busy" : "idle");
    fprintf(out, "  THRE pending %s  IRQ %s%s\n", u->thre_pending ? "yes" : "no",
            u->irq_level ? "high" : "low", u->mcr & UART_MCR_LOOP ? "  loopback" : "");
}

struct uart *uart_create(struct bus *io, uint16_t base, const struct uart_wiring *w)
{
    struct uart *u = calloc(1, sizeof(*u));
    if (!u)
        return NULL;
    u->w = *w;
    u->msr_peer = PEER_INPUTS;
    timer_init(&u->tx_timer, w->clock, tx_due, u);
    timer_init(&u->rx_timer, w->clock, rx_due, u);
    if (bus_map(io, "uart16550", base, UART_PORTS, &uart_ops, u) < 0) {
        uart_destroy(u);
        return NULL;
    }
    uart_reset(u);
    return u;
}

void uart_destroy(struct uart *u)
{
    if (!u)
        return;
    timer_destroy(&u->tx_timer);
    timer_destroy(&u->rx_timer);
    free(u);
}
