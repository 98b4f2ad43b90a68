/*
 * devices/pit.c - the Intel 8254 programmable interval timer (Intel 8254
 * datasheet, order no. 231164; section names cited below).
 *
 * Each counter keeps the tick (of the 1.193182 MHz input clock) at which
 * its counting element (CE) was last loaded, "base", and what it held then.
 * Counting is arithmetic on (tick - base):
 *   modes 0, 1, 4, 5: n is the CE value at base (0 stands for 2^16, or
 *     10^4 in BCD); the CE reaches zero ("terminal count", TC) after
 *     n ticks (or the full modulus when n = 0) and then keeps wrapping;
 *   modes 2, 3: n is the period (2..modulus); base is the start of a period
 *     (mode 3: of a half-cycle whose OUT level is out_base).
 * A new count in mode 2/3 waits for the end of the period or half-cycle
 * (pending, reload_at); sync() applies it once time gets there.
 * A write or gate change loads the CE on the next clock pulse (base =
 * now + 1), which gives the datasheet's "N+1" timings.
 *
 * Invariants: running implies loaded; while !running the CE value is hold;
 * a counter whose OUT is connected always has its next edge armed.
 */
#include "pit.h"

#include <stdlib.h>

/** How long a connected OUT may lag the clock before edges are dropped
 * (a host stall in real-time mode): 100 ms of input clock. */
enum { PIT_MAX_LAG_TICKS = PIT_HZ / 10 };

/* Access modes (RW1 RW0 of the control word). */
enum { RW_LATCH, RW_LSB, RW_MSB, RW_WORD };

struct pit_channel {
    uint8_t ctrl;   /**< control word bits 5-0 (RW, M, BCD) for status */
    uint8_t mode;   /**< 0..5 (6, 7 are 2, 3) */
    uint16_t cr;    /**< count register, as written */
    uint8_t cr_low; /**< LSB of a word write in progress */
    bool write_msb; /**< RW_WORD: the next write is the MSB */
    bool read_msb;  /**< RW_WORD: the next read is the MSB */
    bool have_cr;   /**< a complete count was written since the control word */
    bool cr_loaded; /**< the CE holds the last CR (else null count) */
    bool count_latched;
    bool status_latched;
    uint16_t ol;    /**< output latch */
    uint8_t status; /**< status latch */
    bool loaded;    /**< the CE holds a count */
    bool running;   /**< the CE is counting */
    bool pending;   /**< modes 2/3: CR loads at reload_at */
    bool triggered; /**< modes 1/5: a gate edge started counting */
    bool tc_done;   /**< modes 0/1/4/5: TC already happened at base */
    bool out_base;  /**< mode 3: OUT during the half-cycle at base */
    bool gate;
    bool out_reported;  /**< level last sent on the OUT line */
    uint32_t n;         /**< see the file comment */
    uint32_t hold;      /**< CE value while not running */
    uint64_t base;      /**< tick of the last CE load */
    uint64_t reload_at; /**< tick of a pending mode 2/3 reload */
};

struct pit {
    struct pit_channel ch[PIT_CHANNELS];
    /* wiring, not state */
    struct clock *clock;
    struct irq_line out[PIT_CHANNELS];
    struct timer timer[PIT_CHANNELS];
    uint64_t edge[PIT_CHANNELS]; /**< tick the timer is armed for */
};

#define CH_FIELD(m) STATE_FIELD(struct pit_channel, m, 1)
static const struct state_desc pit_channel_desc = {
    "ch",
    1,
    sizeof(struct pit_channel),
    (const struct state_field[]){
        CH_FIELD(ctrl),           CH_FIELD(mode),         CH_FIELD(cr),
        CH_FIELD(cr_low),         CH_FIELD(write_msb),    CH_FIELD(read_msb),
        CH_FIELD(have_cr),        CH_FIELD(cr_loaded),    CH_FIELD(count_latched),
        CH_FIELD(status_latched), CH_FIELD(ol),           CH_FIELD(status),
        CH_FIELD(loaded),         CH_FIELD(running),      CH_FIELD(pending),
        CH_FIELD(triggered),      CH_FIELD(tc_done),      CH_FIELD(out_base),
        CH_FIELD(gate),           CH_FIELD(out_reported), CH_FIELD(n),
        CH_FIELD(hold),           CH_FIELD(base),         CH_FIELD(reload_at),
    },
    24,
};
#undef CH_FIELD

const struct state_desc pit_state_desc = {
    "pit",
    1,
    sizeof(struct pit),
    (const struct state_field[]){
        STATE_STRUCTS(struct pit, ch, PIT_CHANNELS, &pit_channel_desc),
    },
    1,
};

/* ---- time and number formats ---------------------------------------------- */

uint64_t pit_ns_to_ticks(uint64_t ns)
{
    return (uint64_t)((unsigned __int128)ns * PIT_HZ / 1000000000u);
}

uint64_t pit_ticks_to_ns(uint64_t ticks)
{
    unsigned __int128 x = (unsigned __int128)ticks * 1000000000u + PIT_HZ - 1;
    return (uint64_t)(x / PIT_HZ);
}

static uint64_t now_tick(struct pit *p)
{
    return pit_ns_to_ticks(clock_now(p->clock));
}

static bool is_bcd(const struct pit_channel *c)
{
    return c->ctrl & 1;
}

/* 2^16 in binary, 10^4 in BCD ("Counter": "BCD ... 10^4 ... Binary 2^16"). */
static uint32_t modulus(const struct pit_channel *c)
{
    return is_bcd(c) ? 10000 : 65536;
}

/* The count CR stands for, 1..modulus (0 is the maximum count). */
static uint32_t cr_count(const struct pit_channel *c)
{
    uint32_t v = c->cr;
    if (is_bcd(c))
        v = (v >> 12 & 15) * 1000 + (v >> 8 & 15) * 100 + (v >> 4 & 15) * 10 + (v & 15);
    v %= modulus(c);
    return v ? v : modulus(c);
}

/* @v (0..modulus-1) as the counter presents it (four BCD digits or binary). */
static uint16_t present(const struct pit_channel *c, uint32_t v)
{
    if (!is_bcd(c))
        return (uint16_t)v;
    v %= 10000;
    return (uint16_t)((v / 1000) << 12 | (v / 100 % 10) << 8 | (v / 10 % 10) << 4 | (v % 10));
}

/* Ticks since base (0 before the load pulse). */
static uint64_t elapsed(const struct pit_channel *c, uint64_t t)
{
    return t > c->base ? t - c->base : 0;
}

/* Modes 0/1/4/5: ticks from base to TC. */
static uint64_t tc_ticks(const struct pit_channel *c)
{
    return c->n ? c->n : modulus(c);
}

/* ---- the counting element as a function of time ---------------------------- */

/* Mode 3 at elapsed @e: OUT, and ticks into the current half-cycle. */
static bool square_phase(const struct pit_channel *c, uint64_t e, uint64_t *into, uint64_t *len)
{
    uint64_t first = c->out_base ? (c->n + 1) / 2 : c->n / 2, pos = e % c->n;
    bool in_first = pos < first;
    *into = in_first ? pos : pos - first;
    *len = in_first ? first : c->n - first;
    return in_first ? c->out_base : !c->out_base;
}

/* The CE value at tick @t, 0..modulus-1. */
static uint32_t ce_value(const struct pit_channel *c, uint64_t t)
{
    if (!c->running)
        return c->hold;
    uint64_t e = elapsed(c, t), into, len;
    uint32_t m = modulus(c);
    switch (c->mode) {
    case 2: return (uint32_t)((c->n - e % c->n) % m);
    case 3: square_phase(c, e, &into, &len); return (uint32_t)(((c->n & ~1u) - 2 * into) % m);
    default: return (uint32_t)((c->n + m - e % m) % m);
    }
}

/* The OUT level at tick @t ("Mode Definitions"). */
static bool ce_out(const struct pit_channel *c, uint64_t t)
{
    uint64_t e = elapsed(c, t), into, len;
    bool past_tc = c->tc_done || e >= tc_ticks(c);
    switch (c->mode) {
    case 0: return c->loaded && (c->running ? past_tc : c->tc_done);
    case 1: return !c->triggered || past_tc;
    case 2: return !c->running || e % c->n != c->n - 1;
    case 3: return !c->running || square_phase(c, e, &into, &len);
    default: /* 4, 5: one clock low at TC */ return !c->running || c->tc_done || e != tc_ticks(c);
    }
}

/* The first tick after @t at which OUT changes, or CLOCK_NEVER. */
static uint64_t ce_next_edge(const struct pit_channel *c, uint64_t t)
{
    uint64_t e = elapsed(c, t), at = c->base + e, tc = tc_ticks(c), into, len;
    if (!c->running)
        return CLOCK_NEVER;
    switch (c->mode) {
    case 0:
    case 1: return !c->tc_done && e < tc ? c->base + tc : CLOCK_NEVER;
    case 2: return e % c->n < c->n - 1 ? at - e % c->n + c->n - 1 : at + 1;
    case 3: square_phase(c, e, &into, &len); return at - into + len;
    default:
        if (c->tc_done || e > tc)
            return CLOCK_NEVER;
        return e < tc ? c->base + tc : at + 1;
    }
}

/* Apply a pending mode 2/3 reload once @t reaches it. */
static void sync(struct pit_channel *c, uint64_t t)
{
    if (!c->pending || t < c->reload_at)
        return;
    uint64_t into, len;
    if (c->mode == 3)
        c->out_base = square_phase(c, c->reload_at - c->base, &into, &len);
    c->base = c->reload_at;
    c->n = cr_count(c) < 2 ? 2 : cr_count(c);
    c->pending = false;
    c->cr_loaded = true;
}

/* ---- loading and gating ------------------------------------------------------ */

/* Load the CE from CR on the pulse after @t and count if @run. */
static void load(struct pit_channel *c, uint64_t t, bool run)
{
    uint32_t count = cr_count(c);
    bool periodic = c->mode == 2 || c->mode == 3;
    c->n = periodic ? (count < 2 ? 2 : count) : count % modulus(c);
    c->hold = count % modulus(c);
    c->base = t + 1;
    c->loaded = c->cr_loaded = true;
    c->running = run;
    c->pending = false;
    c->tc_done = false;
    c->out_base = true;
}

/* Stop counting at @t, remembering the value and whether TC passed. */
static void freeze(struct pit_channel *c, uint64_t t)
{
    if (!c->running)
        return;
    c->tc_done = c->tc_done || elapsed(c, t) >= tc_ticks(c);
    c->hold = ce_value(c, t);
    c->running = false;
}

/* Modes 0/4: start counting again from hold on the pulse after @t. */
static void resume(struct pit_channel *c, uint64_t t)
{
    if (c->running || !c->loaded)
        return;
    c->n = c->hold;
    c->base = t + 1;
    c->running = true;
}

/* Gate input changed at @t ("Gate" table: low disables counting in modes
 * 0, 2, 3, 4 and forces OUT high in 2, 3; a rising edge (re)starts 1, 2, 3, 5). */
static void gate_change(struct pit_channel *c, bool level, uint64_t t)
{
    bool rising = level && !c->gate;
    c->gate = level;
    switch (c->mode) {
    case 0:
    case 4:
        if (level)
            resume(c, t);
        else
            freeze(c, t);
        break;
    case 2:
    case 3:
        if (!level)
            freeze(c, t);
        else if (rising && c->have_cr)
            load(c, t, true);
        break;
    default: /* 1, 5: counting goes on whatever the gate does */
        if (rising && c->have_cr) {
            load(c, t, true);
            c->triggered = true;
        }
        break;
    }
}

/* A complete count was written at @t ("Write Operations" and each mode's
 * "new count" rules). */
static void count_written(struct pit_channel *c, uint64_t t)
{
    c->have_cr = true;
    c->cr_loaded = false;
    uint64_t e = elapsed(c, t), into, len;
    switch (c->mode) {
    case 0:
    case 4: load(c, t, c->gate); break;
    case 1:
    case 5: break; /* waits for a gate trigger */
    default:
        if (!c->running) {
            load(c, t, c->gate);
        } else {
            c->pending = true;
            if (c->mode == 2) {
                c->reload_at = c->base + (e / c->n + 1) * c->n;
            } else {
                square_phase(c, e, &into, &len);
                c->reload_at = c->base + e - into + len;
            }
        }
        break;
    }
}

/* Control word for counter @c at @t: mode set, logic reset ("Control Word
 * Format"; "When a Control Word is written ... all Control Logic is reset"). */
static void control_word(struct pit_channel *c, uint8_t v, uint64_t t)
{
    freeze(c, t);
    uint32_t hold = c->hold;
    bool gate = c->gate, reported = c->out_reported;
    *c = (struct pit_channel){.gate = gate, .out_reported = reported, .hold = hold};
    c->ctrl = v & 0x3F;
    c->mode = (v >> 1) & 7;
    if (c->mode > 5)
        c->mode &= 3;
}

/* ---- the OUT line ------------------------------------------------------------- */

/* Report counter @k's OUT at tick @t if connected, and arm its next edge. */
static void out_update(struct pit *p, unsigned k, uint64_t t)
{
    struct pit_channel *c = &p->ch[k];
    if (!p->out[k].fn)
        return;
    bool level = ce_out(c, t);
    if (level != c->out_reported) {
        c->out_reported = level;
        irq_set(&p->out[k], level);
    }
    p->edge[k] = ce_next_edge(c, t);
    if (p->edge[k] == CLOCK_NEVER)
        timer_del(&p->timer[k]);
    else
        timer_mod(&p->timer[k], pit_ticks_to_ns(p->edge[k]));
}

/* Timer callback: the armed edge of one counter has come.  Edges are
 * evaluated at their own tick so none is lost, unless the clock ran more
 * than PIT_MAX_LAG_TICKS ahead (a host stall), when we skip to now. */
static void edge_due(struct pit *p, unsigned k)
{
    uint64_t now = now_tick(p), t = p->edge[k];
    if (t == CLOCK_NEVER || t + PIT_MAX_LAG_TICKS < now)
        t = now;
    sync(&p->ch[k], t);
    out_update(p, k, t);
}

static void edge_due0(void *opaque)
{
    edge_due(opaque, 0);
}
static void edge_due1(void *opaque)
{
    edge_due(opaque, 1);
}
static void edge_due2(void *opaque)
{
    edge_due(opaque, 2);
}

/* ---- ports -------------------------------------------------------------------- */

/* Latch the count of @c at @t unless already latched ("Counter Latch Command"). */
static void latch_count(struct pit_channel *c, uint64_t t)
{
    if (c->count_latched)
        return;
    c->ol = present(c, ce_value(c, t));
    c->count_latched = true;
    c->read_msb = false;
}

/* Latch the status byte unless already latched ("Status Byte"): OUT, null
 * count, then the control word's RW, M and BCD bits. */
static void latch_status(struct pit_channel *c, uint64_t t)
{
    if (c->status_latched)
        return;
    bool null_count = !c->cr_loaded || t < c->base;
    c->status = (uint8_t)(ce_out(c, t) << 7 | null_count << 6 | c->ctrl);
    c->status_latched = true;
}

/* Read-back command ("Read-Back Command"): D5 = !COUNT, D4 = !STATUS,
 * D3..D1 select counters 2..0. */
static void read_back(struct pit *p, uint8_t v, uint64_t t)
{
    for (unsigned k = 0; k < PIT_CHANNELS; k++) {
        if (!(v & (2u << k)))
            continue;
        sync(&p->ch[k], t);
        if (!(v & 0x20))
            latch_count(&p->ch[k], t);
        if (!(v & 0x10))
            latch_status(&p->ch[k], t);
    }
}

/* Write to the control word register (port + 3). */
static void pit_control(struct pit *p, uint8_t v, uint64_t t)
{
    unsigned k = v >> 6;
    if (k == 3) {
        read_back(p, v, t);
        return;
    }
    struct pit_channel *c = &p->ch[k];
    sync(c, t);
    if (((v >> 4) & 3) == RW_LATCH) {
        latch_count(c, t);
        return;
    }
    control_word(c, v, t);
    out_update(p, k, t);
}

/* Write one byte of a count ("Write Operations"). */
static void count_byte(struct pit *p, unsigned k, uint8_t v, uint64_t t)
{
    struct pit_channel *c = &p->ch[k];
    sync(c, t);
    switch ((c->ctrl >> 4) & 3) {
    case RW_LSB: c->cr = v; break;
    case RW_MSB: c->cr = (uint16_t)(v << 8); break;
    default:
        if (!c->write_msb) {
            c->cr_low = v;
            c->write_msb = true;
            if (c->mode == 0) { /* mode 0: the first byte stops counting, OUT low */
                freeze(c, t);
                c->tc_done = false;
                out_update(p, k, t);
            }
            return;
        }
        c->write_msb = false;
        c->cr = (uint16_t)(v << 8 | c->cr_low);
        break;
    }
    count_written(c, t);
    out_update(p, k, t);
}

/* Read one byte of counter @k: status, latched count or live count
 * ("Read Operations"). */
static uint8_t count_read(struct pit *p, unsigned k, uint64_t t)
{
    struct pit_channel *c = &p->ch[k];
    sync(c, t);
    if (c->status_latched) {
        c->status_latched = false;
        return c->status;
    }
    uint16_t v = c->count_latched ? c->ol : present(c, ce_value(c, t));
    unsigned rw = (c->ctrl >> 4) & 3;
    bool msb = rw == RW_MSB || (rw == RW_WORD && c->read_msb);
    if (rw == RW_WORD)
        c->read_msb = !c->read_msb;
    if (rw != RW_WORD || !c->read_msb) /* the last byte of the latched value */
        c->count_latched = false;
    return (uint8_t)(msb ? v >> 8 : v);
}

static uint32_t pit_read(void *opaque, uint32_t offset, unsigned size)
{
    struct pit *p = opaque;
    if (offset == 3)
        return 0xFF; /* the control word register cannot be read */
    return count_read(p, offset, now_tick(p));
}

static void pit_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct pit *p = opaque;
    uint64_t t = now_tick(p);
    if (offset == 3)
        pit_control(p, (uint8_t)val, t);
    else
        count_byte(p, offset, (uint8_t)val, t);
}

static const struct bus_ops pit_ops = {
    .read = pit_read,
    .write = pit_write,
    .min_size = 1,
    .max_size = 1,
};

/* ---- pins and lifetime ---------------------------------------------------------- */

void pit_set_gate(struct pit *p, unsigned ch, bool level)
{
    if (ch >= PIT_CHANNELS || p->ch[ch].gate == level)
        return;
    uint64_t t = now_tick(p);
    sync(&p->ch[ch], t);
    gate_change(&p->ch[ch], level, t);
    out_update(p, ch, t);
}

bool pit_get_out(struct pit *p, unsigned ch)
{
    if (ch >= PIT_CHANNELS)
        return false;
    uint64_t t = now_tick(p);
    sync(&p->ch[ch], t);
    return ce_out(&p->ch[ch], t);
}

void pit_reset(struct pit *p)
{
    uint64_t t = now_tick(p);
    for (unsigned k = 0; k < PIT_CHANNELS; k++) {
        control_word(&p->ch[k], 0x30, t); /* word access, mode 0, binary */
        out_update(p, k, t);
    }
}

struct pit *pit_create(struct bus *io, uint16_t port, struct clock *clock,
                       const struct irq_line out[PIT_CHANNELS])
{
    static const timer_fn due[PIT_CHANNELS] = {edge_due0, edge_due1, edge_due2};
    struct pit *p = calloc(1, sizeof(*p));
    if (!p)
        return NULL;
    p->clock = clock;
    for (unsigned k = 0; k < PIT_CHANNELS; k++) {
        p->out[k] = out ? out[k] : (struct irq_line){0};
        p->ch[k].gate = true;
        timer_init(&p->timer[k], clock, due[k], p);
    }
    if (bus_map(io, "pit", port, 4, &pit_ops, p) < 0) {
        pit_destroy(p);
        return NULL;
    }
    pit_reset(p);
    return p;
}

void pit_destroy(struct pit *p)
{
    if (!p)
        return;
    for (unsigned k = 0; k < PIT_CHANNELS; k++)
        timer_destroy(&p->timer[k]);
    free(p);
}

void pit_dump(const struct pit *p, FILE *out)
{
    for (unsigned k = 0; k < PIT_CHANNELS; k++) {
        const struct pit_channel *c = &p->ch[k];
        fprintf(out,
                "channel %u: mode=%u control=0x%02x count register=0x%04x (%u) gate=%u "
                "out=%u running=%u latched=%u\n",
                k, c->mode, c->ctrl, c->cr, c->cr ? c->cr : 65536u, c->gate, c->out_reported,
                c->running, c->count_latched);
    }
}
