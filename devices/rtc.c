/*
 * devices/rtc.c - the Motorola MC146818A real-time clock plus RAM
 * (Motorola MC146818A datasheet, "Real-Time Clock Plus RAM (RTC)"; the
 * section names cited below are the datasheet's).
 *
 * Time is counted in ticks of the 32.768 kHz time base.  The divider chain
 * is modelled by one number, phase: while DV2-DV0 = 010 an update happens
 * at every tick t with t = phase (mod 32768), and the periodic flag is set
 * at every tick t = phase (mod P), P = the period RS3-RS0 select (P divides
 * 32768, so the two stay aligned as the real chain's taps do).  Updates are
 * instantaneous at their tick; UIP is 1 for the 8 ticks (244 us) before
 * one ("Update Cycle", "UIP").
 *
 * The time and date are kept as decoded binary fields (hour 0..23); the
 * registers present them in the format register B selects at the moment
 * they are read, and writes are decoded in that format.  sync(t) brings the
 * fields and the PF/AF/UF flags up to tick t in one step, however many
 * seconds passed: nothing ticks.
 *
 * Invariants: synced never goes backwards and the fields and flags are
 * current for it; the IRQ line reported equals IRQF; the timer is armed for
 * the earliest tick at which an enabled flag that is still 0 can become 1.
 */
#include "rtc.h"

#include <stdlib.h>

enum {
    TICKS_PER_SECOND = RTC_HZ,
    UIP_TICKS = 8,            /* 244 us before the update */
    HALF_SECOND = RTC_HZ / 2, /* divider reset to first update */
    SECONDS_PER_DAY = 86400,
    EPOCH_WDAY = 5, /* 1970-01-01 was a Thursday (Sunday = 1) */
};

struct rtc {
    uint8_t cmos[2 * RTC_CMOS_SIZE]; /**< NVRAM, alarms, A (no UIP), B, C flags */
    uint8_t index;                   /**< last index written to port 0x70 (7 bits) */
    uint8_t ext_index;               /**< last index written to port 0x72 (7 bits) */
    bool nmi_masked;                 /**< bit 7 of the last 0x70 write */
    bool irq_level;                  /**< level last reported on the line */
    /* the time and date, binary; the guest may leave them out of range */
    uint8_t sec, min, hour, wday, mday, mon, year, century;
    uint32_t phase;  /**< tick (mod 32768) of every update */
    uint64_t synced; /**< tick the fields and flags are current for */
    /* wiring, not state */
    struct clock *clock;
    struct irq_line irq;
    struct timer timer;
};

#define RTC_FIELD(m, n) STATE_FIELD(struct rtc, m, n)
const struct state_desc rtc_state_desc = {
    "rtc",
    1,
    sizeof(struct rtc),
    (const struct state_field[]){
        RTC_FIELD(cmos, 2 * RTC_CMOS_SIZE),
        RTC_FIELD(index, 1),
        RTC_FIELD(ext_index, 1),
        RTC_FIELD(nmi_masked, 1),
        RTC_FIELD(irq_level, 1),
        RTC_FIELD(sec, 1),
        RTC_FIELD(min, 1),
        RTC_FIELD(hour, 1),
        RTC_FIELD(wday, 1),
        RTC_FIELD(mday, 1),
        RTC_FIELD(mon, 1),
        RTC_FIELD(year, 1),
        RTC_FIELD(century, 1),
        RTC_FIELD(phase, 1),
        RTC_FIELD(synced, 1),
    },
    15,
};
#undef RTC_FIELD

/* ---- time base ----------------------------------------------------------- */

static uint64_t ns_to_ticks(uint64_t ns)
{
    return (uint64_t)((unsigned __int128)ns * RTC_HZ / 1000000000u);
}

/* Rounds up, so the tick of a deadline is never seen before it. */
static uint64_t ticks_to_ns(uint64_t ticks)
{
    unsigned __int128 x = (unsigned __int128)ticks * 1000000000u + RTC_HZ - 1;
    return (uint64_t)(x / RTC_HZ);
}

static uint64_t now_tick(struct rtc *r)
{
    return ns_to_ticks(clock_now(r->clock));
}

/* Ticks t in (a, b] with t = res (mod period). */
static uint64_t count_in(uint64_t a, uint64_t b, uint64_t res, uint64_t period)
{
    return (b + period - res) / period - (a + period - res) / period;
}

/* The first tick after @a with t = res (mod period). */
static uint64_t next_at(uint64_t a, uint64_t res, uint64_t period)
{
    return a + 1 + (res + period - (a + 1) % period) % period;
}

static uint8_t reg_a(const struct rtc *r)
{
    return r->cmos[RTC_REG_A];
}
static uint8_t reg_b(const struct rtc *r)
{
    return r->cmos[RTC_REG_B];
}

/* "Divider Control": only 010 runs the 32.768 kHz chain; 11x holds it in
 * reset and the other bases do not fit the PC's crystal. */
static bool dividing(const struct rtc *r)
{
    return (reg_a(r) & RTC_A_DV_MASK) == RTC_A_DV_32K;
}

/* Updates run while the divider does and SET is 0 ("Register B", SET). */
static bool updating(const struct rtc *r)
{
    return dividing(r) && !(reg_b(r) & RTC_B_SET);
}

/* "Periodic Interrupt Rate" table at 32.768 kHz: 0 is none, 1 and 2 repeat
 * 8 and 9, and RS = n gives 2^(n-1) ticks. */
static uint64_t periodic_ticks(const struct rtc *r)
{
    unsigned rs = reg_a(r) & RTC_A_RS_MASK;
    if (rs == 0)
        return 0;
    if (rs < 3)
        rs += 7;
    return 1u << (rs - 1);
}

/* ---- calendar (proleptic Gregorian, days since 1970-01-01) ---------------- */

static bool leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned month_days(int64_t y, unsigned m)
{
    static const uint8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Days from 1970-01-01 to @y-@m-@d (m 1..12, d 1..31): whole years of
 * 365.2425 days counted from 1 March, so February ends each year. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The inverse of days_from_civil. */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = era * 400 + yoe + (*m <= 2);
}

/* The date fields as a day number, out-of-range month and day clamped. */
static int64_t date_days(const struct rtc *r)
{
    int64_t y = (int64_t)r->century * 100 + r->year;
    unsigned m = r->mon < 1 ? 1 : r->mon > 12 ? 12 : r->mon;
    unsigned d = r->mday < 1 ? 1 : r->mday > month_days(y, m) ? month_days(y, m) : r->mday;
    return days_from_civil(y, m, d);
}

static void set_date_days(struct rtc *r, int64_t days)
{
    int64_t y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    r->mday = (uint8_t)d;
    r->mon = (uint8_t)m;
    r->year = (uint8_t)(y % 100);
    r->century = (uint8_t)(y / 100 % 100);
}

/* Advance the clock by @n seconds ("Update Cycle": each update adds one
 * second with carries through the calendar; the chip itself knows no
 * century, PC chipsets and the DS12C887 carry into byte 0x32). */
static void advance(struct rtc *r, uint64_t n)
{
    uint64_t s = r->sec + n, m = r->min + s / 60, h = r->hour + m / 60, days = h / 24;
    r->sec = (uint8_t)(s % 60);
    r->min = (uint8_t)(m % 60);
    r->hour = (uint8_t)(h % 24);
    if (!days)
        return;
    r->wday = (uint8_t)(((r->wday + 6u) % 7 + days % 7) % 7 + 1);
    set_date_days(r, date_days(r) + (int64_t)days);
}

static void set_epoch(struct rtc *r, int64_t t)
{
    int64_t days = t / SECONDS_PER_DAY, s = t % SECONDS_PER_DAY;
    if (s < 0) {
        s += SECONDS_PER_DAY;
        days--;
    }
    r->sec = (uint8_t)(s % 60);
    r->min = (uint8_t)(s / 60 % 60);
    r->hour = (uint8_t)(s / 3600);
    r->wday = (uint8_t)(((days % 7 + 7 + EPOCH_WDAY - 1) % 7) + 1);
    set_date_days(r, days);
}

/* ---- register formats ("Time, Calendar, and Alarm Data Modes" table) ------ */

static bool binary(const struct rtc *r)
{
    return reg_b(r) & RTC_B_DM;
}

static uint8_t encode(const struct rtc *r, unsigned v)
{
    return (uint8_t)(binary(r) ? v : (v / 10) << 4 | v % 10);
}

static unsigned decode(const struct rtc *r, uint8_t v)
{
    return binary(r) ? v : (v >> 4) * 10u + (v & 15);
}

/* Hours 0..23 as register 4 shows them: 12-hour mode counts 12, 1..11 with
 * bit 7 set for PM ("Register B", 24/12). */
static uint8_t encode_hour(const struct rtc *r, unsigned h)
{
    if (reg_b(r) & RTC_B_24H)
        return encode(r, h);
    unsigned h12 = h % 12 ? h % 12 : 12;
    return (uint8_t)(encode(r, h12) | (h % 24 >= 12 ? 0x80 : 0));
}

static unsigned decode_hour(const struct rtc *r, uint8_t v)
{
    if (reg_b(r) & RTC_B_24H)
        return decode(r, v);
    return decode(r, v & 0x7F) % 12 + (v & 0x80 ? 12 : 0);
}

/* ---- alarm ("Alarm Interrupt": each alarm byte matches its time register
 * as presented, or is "don't care" when its two high bits are 11) ---------- */

static bool alarm_byte_matches(uint8_t alarm, uint8_t reg)
{
    return (alarm & 0xC0) == 0xC0 || alarm == reg;
}

/* The alarm matches the time of day @tod (seconds since midnight). */
static bool alarm_matches(const struct rtc *r, unsigned tod)
{
    return alarm_byte_matches(r->cmos[RTC_REG_SECONDS_ALARM], encode(r, tod % 60)) &&
           alarm_byte_matches(r->cmos[RTC_REG_MINUTES_ALARM], encode(r, tod / 60 % 60)) &&
           alarm_byte_matches(r->cmos[RTC_REG_HOURS_ALARM], encode_hour(r, tod / 3600));
}

/* Some value in [0, @n) presented as @byte (hours: 0..23 as register 4). */
static bool alarm_byte_possible(const struct rtc *r, uint8_t byte, unsigned n)
{
    for (unsigned v = 0; v < n; v++) {
        uint8_t reg = n == 24 ? encode_hour(r, v) : encode(r, v);
        if (alarm_byte_matches(byte, reg))
            return true;
    }
    return false;
}

/* Seconds from time of day @tod to the next one the alarm matches (1 ..
 * 86400), or 0 when it never does.  Whole hours and minutes that cannot
 * match are skipped and every byte can match, so this takes at most a few
 * hundred steps. */
static unsigned alarm_distance(const struct rtc *r, unsigned tod)
{
    if (!alarm_byte_possible(r, r->cmos[RTC_REG_SECONDS_ALARM], 60) ||
        !alarm_byte_possible(r, r->cmos[RTC_REG_MINUTES_ALARM], 60) ||
        !alarm_byte_possible(r, r->cmos[RTC_REG_HOURS_ALARM], 24))
        return 0;
    unsigned k = 1;
    while (k <= SECONDS_PER_DAY) {
        unsigned t = (tod + k) % SECONDS_PER_DAY;
        if (!alarm_byte_matches(r->cmos[RTC_REG_HOURS_ALARM], encode_hour(r, t / 3600)))
            k += 3600 - t % 3600;
        else if (!alarm_byte_matches(r->cmos[RTC_REG_MINUTES_ALARM], encode(r, t / 60 % 60)))
            k += 60 - t % 60;
        else if (!alarm_matches(r, t))
            k++;
        else
            return k;
    }
    return 0;
}

/* The fields' time of day, out-of-range fields taken modulo their range as
 * advance() would carry them. */
static unsigned time_of_day(const struct rtc *r)
{
    return (unsigned)(((r->hour * 60u + r->min) * 60u + r->sec) % SECONDS_PER_DAY);
}

/* ---- flags, IRQ and the timer ("Interrupts", "Register C") --------------- */

static uint8_t irqf(const struct rtc *r)
{
    uint8_t flags = r->cmos[RTC_REG_C], b = reg_b(r);
    bool on = ((flags & RTC_C_PF) && (b & RTC_B_PIE)) || ((flags & RTC_C_AF) && (b & RTC_B_AIE)) ||
              ((flags & RTC_C_UF) && (b & RTC_B_UIE));
    return on ? RTC_C_IRQF : 0;
}

static void update_irq(struct rtc *r)
{
    bool level = irqf(r) != 0;
    if (level != r->irq_level) {
        r->irq_level = level;
        irq_set(&r->irq, level);
    }
}

/* Bring the fields and flags from r->synced up to tick @t. */
static void sync(struct rtc *r, uint64_t t)
{
    if (t <= r->synced)
        return;
    uint64_t p = periodic_ticks(r), a = r->synced;
    r->synced = t;
    if (!dividing(r))
        return;
    if (p && count_in(a, t, r->phase % p, p))
        r->cmos[RTC_REG_C] |= RTC_C_PF;
    uint64_t n = updating(r) ? count_in(a, t, r->phase, TICKS_PER_SECOND) : 0;
    if (!n)
        return;
    unsigned d = alarm_distance(r, time_of_day(r));
    r->cmos[RTC_REG_C] |= RTC_C_UF | (d && d <= n ? RTC_C_AF : 0);
    advance(r, n);
}

/* The earliest tick after r->synced at which an enabled, clear flag sets. */
static uint64_t next_event(const struct rtc *r)
{
    uint8_t flags = r->cmos[RTC_REG_C], b = reg_b(r);
    uint64_t best = UINT64_MAX, p = periodic_ticks(r);
    if (!dividing(r))
        return best;
    if ((b & RTC_B_PIE) && !(flags & RTC_C_PF) && p)
        best = next_at(r->synced, r->phase % p, p);
    if (!updating(r))
        return best;
    uint64_t update = next_at(r->synced, r->phase, TICKS_PER_SECOND);
    if ((b & RTC_B_UIE) && !(flags & RTC_C_UF) && update < best)
        best = update;
    unsigned d = (b & RTC_B_AIE) && !(flags & RTC_C_AF) ? alarm_distance(r, time_of_day(r)) : 0;
    if (d && update + (d - 1) * (uint64_t)TICKS_PER_SECOND < best)
        best = update + (d - 1) * (uint64_t)TICKS_PER_SECOND;
    return best;
}

/* Report IRQF and arm the timer: the closing step of every entry point. */
static void settle(struct rtc *r)
{
    update_irq(r);
    uint64_t t = next_event(r);
    if (t == UINT64_MAX)
        timer_del(&r->timer);
    else
        timer_mod(&r->timer, ticks_to_ns(t));
}

static void rtc_due(void *opaque)
{
    struct rtc *r = opaque;
    sync(r, now_tick(r));
    settle(r);
}

/* ---- registers ------------------------------------------------------------- */

/* "UIP": 1 in the 244 us before an update, never while updates are off. */
static bool uip(const struct rtc *r, uint64_t t)
{
    return updating(r) &&
           (t + TICKS_PER_SECOND - r->phase) % TICKS_PER_SECOND >= TICKS_PER_SECOND - UIP_TICKS;
}

/* Byte @i (0..255) as read now, without side effects. */
static uint8_t peek(struct rtc *r, unsigned i, uint64_t t)
{
    switch (i) {
    case RTC_REG_SECONDS: return encode(r, r->sec);
    case RTC_REG_MINUTES: return encode(r, r->min);
    case RTC_REG_HOURS: return encode_hour(r, r->hour);
    case RTC_REG_DAY_OF_WEEK: return encode(r, r->wday);
    case RTC_REG_DAY_OF_MONTH: return encode(r, r->mday);
    case RTC_REG_MONTH: return encode(r, r->mon);
    case RTC_REG_YEAR: return encode(r, r->year);
    case RTC_REG_CENTURY: return encode(r, r->century);
    case RTC_REG_A: return (uint8_t)(reg_a(r) | (uip(r, t) ? RTC_A_UIP : 0));
    case RTC_REG_C: return (uint8_t)(r->cmos[RTC_REG_C] | irqf(r));
    case RTC_REG_D: return RTC_D_VRT; /* "Register D": VRT, the rest read 0 */
    default: return r->cmos[i];
    }
}

/* Register A: a divider leaving reset (or another base) for 010 starts its
 * chain, and the first update comes half a second later ("Divider Control"). */
static void write_a(struct rtc *r, uint8_t v, uint64_t t)
{
    bool was = dividing(r);
    r->cmos[RTC_REG_A] = v & (uint8_t)~RTC_A_UIP;
    if (!was && dividing(r))
        r->phase = (uint32_t)((t + HALF_SECOND) % TICKS_PER_SECOND);
}

/* Register B: SET going high clears UIE ("Register B", UIE). */
static void write_b(struct rtc *r, uint8_t v)
{
    if (v & RTC_B_SET)
        v &= (uint8_t)~RTC_B_UIE;
    r->cmos[RTC_REG_B] = v;
}

/* A guest write of @v to byte @i, the clock synced to now. */
static void poke(struct rtc *r, unsigned i, uint8_t v, uint64_t t)
{
    switch (i) {
    case RTC_REG_SECONDS: r->sec = (uint8_t)decode(r, v); break;
    case RTC_REG_MINUTES: r->min = (uint8_t)decode(r, v); break;
    case RTC_REG_HOURS: r->hour = (uint8_t)decode_hour(r, v); break;
    case RTC_REG_DAY_OF_WEEK: r->wday = (uint8_t)decode(r, v); break;
    case RTC_REG_DAY_OF_MONTH: r->mday = (uint8_t)decode(r, v); break;
    case RTC_REG_MONTH: r->mon = (uint8_t)decode(r, v); break;
    case RTC_REG_YEAR: r->year = (uint8_t)decode(r, v); break;
    case RTC_REG_CENTURY: r->century = (uint8_t)decode(r, v); break;
    case RTC_REG_A: write_a(r, v, t); break;
    case RTC_REG_B: write_b(r, v); break;
    case RTC_REG_C:
    case RTC_REG_D: break; /* read only */
    default: r->cmos[i] = v; break;
    }
}

/* A guest read of byte @i: register C clears its flags on read ("Register C"). */
static uint8_t data_read(struct rtc *r, unsigned i)
{
    uint64_t t = now_tick(r);
    sync(r, t);
    uint8_t v = peek(r, i, t);
    if (i == RTC_REG_C)
        r->cmos[RTC_REG_C] = 0;
    settle(r);
    return v;
}

static void data_write(struct rtc *r, unsigned i, uint8_t v)
{
    uint64_t t = now_tick(r);
    sync(r, t);
    poke(r, i, v, t);
    settle(r);
}

/* ---- ports ----------------------------------------------------------------- */

/* Port 0x70 is write only on the AT; it reads as a floating bus. */
static uint32_t rtc_read(void *opaque, uint32_t offset, unsigned size)
{
    struct rtc *r = opaque;
    return offset ? data_read(r, r->index) : 0xFF;
}

static void rtc_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct rtc *r = opaque;
    if (offset) {
        data_write(r, r->index, (uint8_t)val);
        return;
    }
    r->index = val & 0x7F;
    r->nmi_masked = val & 0x80;
}

static uint32_t ext_read(void *opaque, uint32_t offset, unsigned size)
{
    struct rtc *r = opaque;
    return offset ? r->cmos[RTC_CMOS_SIZE + r->ext_index] : 0xFF;
}

static void ext_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct rtc *r = opaque;
    if (offset)
        r->cmos[RTC_CMOS_SIZE + r->ext_index] = (uint8_t)val;
    else
        r->ext_index = val & 0x7F;
}

static const struct bus_ops rtc_ops = {
    .read = rtc_read,
    .write = rtc_write,
    .min_size = 1,
    .max_size = 1,
};

static const struct bus_ops ext_ops = {
    .read = ext_read,
    .write = ext_write,
    .min_size = 1,
    .max_size = 1,
};

/* ---- board interface -------------------------------------------------------- */

static bool clock_register(unsigned i)
{
    return i <= RTC_REG_D || i == RTC_REG_CENTURY;
}

int rtc_nvram_set(struct rtc *r, unsigned index, uint8_t value)
{
    if (index >= 2 * RTC_CMOS_SIZE || clock_register(index))
        return -1;
    r->cmos[index] = value;
    return 0;
}

uint8_t rtc_nvram_get(struct rtc *r, unsigned index)
{
    if (index >= 2 * RTC_CMOS_SIZE)
        return 0xFF;
    uint64_t t = now_tick(r);
    sync(r, t);
    uint8_t v = peek(r, index, t);
    settle(r);
    return v;
}

void rtc_update_checksum(struct rtc *r)
{
    unsigned sum = 0;
    for (unsigned i = 0x10; i <= 0x2D; i++)
        sum += r->cmos[i];
    r->cmos[0x2E] = (uint8_t)(sum >> 8);
    r->cmos[0x2F] = (uint8_t)sum;
}

void rtc_set_time(struct rtc *r, int64_t epoch_seconds)
{
    sync(r, now_tick(r));
    set_epoch(r, epoch_seconds);
    settle(r);
}

int64_t rtc_get_time(struct rtc *r)
{
    sync(r, now_tick(r));
    settle(r);
    int64_t days = date_days(r);
    return days * SECONDS_PER_DAY + time_of_day(r);
}

bool rtc_nmi_masked(const struct rtc *r)
{
    return r->nmi_masked;
}

void rtc_reset(struct rtc *r)
{
    sync(r, now_tick(r));
    r->cmos[RTC_REG_B] &= (uint8_t) ~(RTC_B_PIE | RTC_B_AIE | RTC_B_UIE | RTC_B_SQWE);
    r->cmos[RTC_REG_C] = 0;
    settle(r);
}

/* ---- lifetime ------------------------------------------------------------------ */

struct rtc *rtc_create(struct bus *io, uint16_t port, struct clock *clk, struct irq_line irq,
                       int64_t initial_epoch_seconds)
{
    struct rtc *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    r->clock = clk;
    r->irq = irq;
    timer_init(&r->timer, clk, rtc_due, r);
    if (bus_map(io, "rtc", port, 2, &rtc_ops, r) < 0) {
        rtc_destroy(r);
        return NULL;
    }
    r->synced = now_tick(r);
    r->phase = (uint32_t)(r->synced % TICKS_PER_SECOND);
    r->cmos[RTC_REG_A] = RTC_A_DV_32K | 6; /* 1024 Hz periodic rate */
    r->cmos[RTC_REG_B] = RTC_B_24H;
    set_epoch(r, initial_epoch_seconds);
    settle(r);
    return r;
}

int rtc_map_extended(struct rtc *r, struct bus *io, uint16_t port)
{
    return bus_map(io, "rtc-ext", port, 2, &ext_ops, r);
}

void rtc_destroy(struct rtc *r)
{
    if (!r)
        return;
    timer_destroy(&r->timer);
    free(r);
}

void rtc_dump(const struct rtc *r, FILE *out)
{
    fprintf(out, "time %02u%02u-%02u-%02u %02u:%02u:%02u (binary; day of week %u)\n", r->century,
            r->year, r->mon, r->mday, r->hour, r->min, r->sec, r->wday);
    fprintf(out, "index=0x%02x NMI %s A=0x%02x B=0x%02x C=0x%02x D=0x%02x IRQ=%u\n", r->index,
            r->nmi_masked ? "masked" : "enabled", r->cmos[0x0A], r->cmos[0x0B], r->cmos[0x0C],
            r->cmos[0x0D], r->irq_level);
    for (unsigned row = 0x10; row < RTC_CMOS_SIZE; row += 16) {
        fprintf(out, "%02x:", row);
        for (unsigned k = 0; k < 16; k++)
            fprintf(out, " %02x", r->cmos[row + k]);
        fprintf(out, "\n");
    }
}
