/*
 * tests/device/test_rtc.c - the MC146818A RTC/CMOS, driven only through
 * its ports (0x70 index with the NMI mask in bit 7, 0x71 data; 0x72/0x73
 * for the second bank), timed by a manual clock the test moves, with IRQ8
 * recorded as a line (level, rising edges and the time of the last change).
 *
 * The rig's RTC is made at virtual time 0, so its updates fall on whole
 * seconds and its 32.768 kHz ticks at tick_ns(k) = ceil(k * 10^9 / 32768).
 * It starts at 2024-02-29 13:45:56, a Thursday (day of week 5).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/bus.h"
#include "board/clock.h"
#include "devices/rtc.h"

static const uint64_t NS = 1000000000; /* ns per second */

static const int64_t START_EPOCH = 1709214356; /* 2024-02-29T13:45:56 */

struct rig {
    struct clock clk;
    struct bus *io;
    struct rtc *rtc;
    bool level;       /**< IRQ8 as last reported */
    unsigned rises;   /**< rising edges seen */
    uint64_t rise_ns; /**< time of the last rising edge */
};

static void record_irq(void *opaque, unsigned n, bool level)
{
    struct rig *r = opaque;
    if (level && !r->level) {
        r->rises++;
        r->rise_ns = clock_now(&r->clk);
    }
    r->level = level;
}

static void rig_init(struct rig *r)
{
    memset(r, 0, sizeof(*r));
    clock_init(&r->clk, CLOCK_MANUAL, 0, NULL, NULL);
    r->io = bus_create("port", NULL, CPU_LOG_UNIMP);
    r->rtc = rtc_create(r->io, RTC_PORT, &r->clk, irq_line_make(record_irq, r, 8), START_EPOCH);
    ck_assert_ptr_nonnull(r->rtc);
}

static void rig_free(struct rig *r)
{
    rtc_destroy(r->rtc);
    bus_destroy(r->io);
}

/* The virtual time of 32.768 kHz tick @k. */
static uint64_t tick_ns(uint64_t k)
{
    return (k * (uint64_t)NS + RTC_HZ - 1) / RTC_HZ;
}

static void at(struct rig *r, uint64_t ns)
{
    clock_warp_to(&r->clk, ns);
}

static uint8_t rd(struct rig *r, uint8_t index)
{
    bus_write(r->io, RTC_PORT, index, 1);
    return (uint8_t)bus_read(r->io, RTC_PORT + 1, 1);
}

static void wr(struct rig *r, uint8_t index, uint8_t v)
{
    bus_write(r->io, RTC_PORT, index, 1);
    bus_write(r->io, RTC_PORT + 1, v, 1);
}

/* Set the clock through the ports as a BIOS does: SET, the BCD fields, then
 * SET cleared (register B left 24-hour BCD, no interrupt enabled). */
static void set_clock(struct rig *r, uint8_t cent, uint8_t year, uint8_t mon, uint8_t mday,
                      uint8_t wday, uint8_t h, uint8_t m, uint8_t s)
{
    wr(r, RTC_REG_B, RTC_B_SET | RTC_B_24H);
    wr(r, RTC_REG_CENTURY, cent);
    wr(r, RTC_REG_YEAR, year);
    wr(r, RTC_REG_MONTH, mon);
    wr(r, RTC_REG_DAY_OF_MONTH, mday);
    wr(r, RTC_REG_DAY_OF_WEEK, wday);
    wr(r, RTC_REG_HOURS, h);
    wr(r, RTC_REG_MINUTES, m);
    wr(r, RTC_REG_SECONDS, s);
    wr(r, RTC_REG_B, RTC_B_24H);
}

/* Expect the BCD date and time. */
static void expect_clock(struct rig *r, uint8_t cent, uint8_t year, uint8_t mon, uint8_t mday,
                         uint8_t wday, uint8_t h, uint8_t m, uint8_t s)
{
    ck_assert_uint_eq(rd(r, RTC_REG_CENTURY), cent);
    ck_assert_uint_eq(rd(r, RTC_REG_YEAR), year);
    ck_assert_uint_eq(rd(r, RTC_REG_MONTH), mon);
    ck_assert_uint_eq(rd(r, RTC_REG_DAY_OF_MONTH), mday);
    ck_assert_uint_eq(rd(r, RTC_REG_DAY_OF_WEEK), wday);
    ck_assert_uint_eq(rd(r, RTC_REG_HOURS), h);
    ck_assert_uint_eq(rd(r, RTC_REG_MINUTES), m);
    ck_assert_uint_eq(rd(r, RTC_REG_SECONDS), s);
}

/* The next whole second after now (an update of the rig's RTC). */
static uint64_t next_second(struct rig *r)
{
    return (clock_now(&r->clk) / NS + 1) * NS;
}

START_TEST(test_rtc_power_on_registers_and_initial_time)
{
    struct rig r;
    rig_init(&r);
    expect_clock(&r, 0x20, 0x24, 0x02, 0x29, 5, 0x13, 0x45, 0x56);
    ck_assert_uint_eq(rd(&r, RTC_REG_A), 0x26);
    ck_assert_uint_eq(rd(&r, RTC_REG_B), 0x02);
    ck_assert_uint_eq(rd(&r, RTC_REG_C), 0x00);
    ck_assert_uint_eq(rd(&r, RTC_REG_D), 0x80);
    ck_assert_int_eq(rtc_get_time(r.rtc), START_EPOCH);
    /* no interrupt enabled: no deadline, so an idle HLT is not kept alive */
    ck_assert_uint_eq(clock_next_deadline(&r.clk), CLOCK_NEVER);
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_bcd_and_binary_time)
{
    struct rig r;
    rig_init(&r);
    wr(&r, RTC_REG_B, RTC_B_DM | RTC_B_24H);
    ck_assert_uint_eq(rd(&r, RTC_REG_SECONDS), 56);
    ck_assert_uint_eq(rd(&r, RTC_REG_MINUTES), 45);
    ck_assert_uint_eq(rd(&r, RTC_REG_HOURS), 13);
    ck_assert_uint_eq(rd(&r, RTC_REG_DAY_OF_MONTH), 29);
    ck_assert_uint_eq(rd(&r, RTC_REG_YEAR), 24);
    ck_assert_uint_eq(rd(&r, RTC_REG_CENTURY), 20);
    wr(&r, RTC_REG_MINUTES, 59); /* binary write */
    wr(&r, RTC_REG_B, RTC_B_24H);
    ck_assert_uint_eq(rd(&r, RTC_REG_MINUTES), 0x59);
    wr(&r, RTC_REG_SECONDS, 0x07); /* BCD write */
    wr(&r, RTC_REG_B, RTC_B_DM | RTC_B_24H);
    ck_assert_uint_eq(rd(&r, RTC_REG_SECONDS), 7);
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_12_hour_mode_pm_flag)
{
    struct rig r;
    rig_init(&r);
    wr(&r, RTC_REG_B, 0x00);                        /* 12-hour BCD */
    ck_assert_uint_eq(rd(&r, RTC_REG_HOURS), 0x81); /* 13:xx is 1 PM */
    wr(&r, RTC_REG_HOURS, 0x12);                    /* 12 AM */
    wr(&r, RTC_REG_B, RTC_B_24H);
    ck_assert_uint_eq(rd(&r, RTC_REG_HOURS), 0x00);
    wr(&r, RTC_REG_B, 0x00);
    wr(&r, RTC_REG_HOURS, 0x92); /* 12 PM */
    wr(&r, RTC_REG_B, RTC_B_24H);
    ck_assert_uint_eq(rd(&r, RTC_REG_HOURS), 0x12);
    wr(&r, RTC_REG_HOURS, 0x23);
    wr(&r, RTC_REG_B, RTC_B_DM); /* 12-hour binary */
    ck_assert_uint_eq(rd(&r, RTC_REG_HOURS), 0x8B);
    /* 11:59:59 AM rolls to 12:00:00 PM */
    wr(&r, RTC_REG_B, 0x00);
    wr(&r, RTC_REG_HOURS, 0x11);
    wr(&r, RTC_REG_MINUTES, 0x59);
    wr(&r, RTC_REG_SECONDS, 0x59);
    at(&r, next_second(&r));
    ck_assert_uint_eq(rd(&r, RTC_REG_HOURS), 0x92);
    ck_assert_uint_eq(rd(&r, RTC_REG_MINUTES), 0x00);
    ck_assert_uint_eq(rd(&r, RTC_REG_SECONDS), 0x00);
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_set_bit_freezes_update)
{
    struct rig r;
    rig_init(&r);
    at(&r, NS / 2);
    wr(&r, RTC_REG_B, RTC_B_SET | RTC_B_UIE | RTC_B_24H);
    ck_assert_uint_eq(rd(&r, RTC_REG_B), RTC_B_SET | RTC_B_24H); /* SET clears UIE */
    at(&r, 5 * NS + NS / 2);
    ck_assert_uint_eq(rd(&r, RTC_REG_SECONDS), 0x56);
    ck_assert_uint_eq(rd(&r, RTC_REG_C) & RTC_C_UF, 0); /* no update either */
    ck_assert_uint_eq(rd(&r, RTC_REG_A) & RTC_A_UIP, 0);
    wr(&r, RTC_REG_SECONDS, 0x10);
    wr(&r, RTC_REG_B, RTC_B_24H);
    at(&r, 6 * NS - 1);
    ck_assert_uint_eq(rd(&r, RTC_REG_SECONDS), 0x10);
    at(&r, 6 * NS);
    ck_assert_uint_eq(rd(&r, RTC_REG_SECONDS), 0x11);
    ck_assert_uint_eq(rd(&r, RTC_REG_MINUTES), 0x45);
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_periodic_interrupt_rate)
{
    struct rig r;
    rig_init(&r);
    wr(&r, RTC_REG_B, RTC_B_PIE | RTC_B_24H); /* A = 0x26: 1024 Hz, 32 ticks */
    ck_assert_uint_eq(clock_next_deadline(&r.clk), tick_ns(32));
    for (uint64_t k = 1; k <= 100; k++) {
        at(&r, tick_ns(32 * k) - 1);
        ck_assert(!r.level);
        at(&r, tick_ns(32 * k));
        ck_assert(r.level);
        ck_assert_uint_eq(r.rise_ns, tick_ns(32 * k));
        ck_assert_uint_eq(rd(&r, RTC_REG_C), RTC_C_IRQF | RTC_C_PF);
        ck_assert(!r.level);
    }
    ck_assert_uint_eq(r.rises, 100);
    wr(&r, RTC_REG_A, 0x2F); /* 2 Hz: on the half seconds of the divider */
    ck_assert_uint_eq(clock_next_deadline(&r.clk), NS / 2);
    wr(&r, RTC_REG_A, 0x23); /* 8192 Hz: 4 ticks */
    ck_assert_uint_eq(clock_next_deadline(&r.clk), tick_ns(3200 + 4));
    wr(&r, RTC_REG_A, 0x21); /* RS = 1 is RS = 8 at 32.768 kHz: 128 ticks */
    ck_assert_uint_eq(clock_next_deadline(&r.clk), tick_ns(3200 + 128));
    wr(&r, RTC_REG_A, 0x20); /* RS = 0: none */
    ck_assert_uint_eq(clock_next_deadline(&r.clk), CLOCK_NEVER);
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_periodic_flag_set_without_pie)
{
    struct rig r;
    rig_init(&r);
    at(&r, tick_ns(31));
    ck_assert_uint_eq(rd(&r, RTC_REG_C), 0x00);
    at(&r, tick_ns(32));
    ck_assert_uint_eq(rd(&r, RTC_REG_C), RTC_C_PF);
    ck_assert_uint_eq(r.rises, 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_alarm_fires_with_dont_care)
{
    struct rig r;
    rig_init(&r);
    wr(&r, RTC_REG_A, 0x20); /* no periodic flag */
    wr(&r, RTC_REG_SECONDS_ALARM, 0x00);
    wr(&r, RTC_REG_MINUTES_ALARM, 0xC0); /* don't care */
    wr(&r, RTC_REG_HOURS_ALARM, 0xFF);   /* don't care */
    wr(&r, RTC_REG_B, RTC_B_AIE | RTC_B_24H);
    ck_assert_uint_eq(clock_next_deadline(&r.clk), 4ull * NS); /* 13:46:00 */
    at(&r, 4ull * NS - 1);
    ck_assert(!r.level);
    at(&r, 4ull * NS);
    ck_assert(r.level);
    ck_assert_uint_eq(rd(&r, RTC_REG_C), RTC_C_IRQF | RTC_C_AF | RTC_C_UF);
    ck_assert_uint_eq(rd(&r, RTC_REG_MINUTES), 0x46);
    at(&r, 64ull * NS - 1);
    ck_assert_uint_eq(r.rises, 1);
    at(&r, 64ull * NS); /* 13:47:00 */
    ck_assert_uint_eq(r.rises, 2);
    ck_assert_uint_eq(rd(&r, RTC_REG_MINUTES), 0x47);
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_alarm_exact_time_once_a_day)
{
    struct rig r;
    rig_init(&r);
    wr(&r, RTC_REG_SECONDS_ALARM, 0x58);
    wr(&r, RTC_REG_MINUTES_ALARM, 0x45);
    wr(&r, RTC_REG_HOURS_ALARM, 0x13);
    wr(&r, RTC_REG_B, RTC_B_AIE | RTC_B_24H);
    ck_assert_uint_eq(clock_next_deadline(&r.clk), 2ull * NS);
    at(&r, 2ull * NS);
    ck_assert_uint_eq(r.rises, 1);
    rd(&r, RTC_REG_C);
    ck_assert_uint_eq(clock_next_deadline(&r.clk), (2ull + 86400) * NS);
    /* an alarm byte no time can show never fires */
    wr(&r, RTC_REG_SECONDS_ALARM, 0x60);
    ck_assert_uint_eq(clock_next_deadline(&r.clk), CLOCK_NEVER);
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_alarm_flag_seen_after_long_idle)
{
    struct rig r;
    rig_init(&r);
    wr(&r, RTC_REG_SECONDS_ALARM, 0x00);
    wr(&r, RTC_REG_MINUTES_ALARM, 0x00);
    wr(&r, RTC_REG_HOURS_ALARM, 0x02);
    at(&r, 12ull * 3600 * NS); /* 01:45:56 next day: 02:00:00 not reached */
    ck_assert_uint_eq(rd(&r, RTC_REG_C) & RTC_C_AF, 0);
    at(&r, (12ull * 3600 + 900) * NS); /* 02:00:56 */
    ck_assert_uint_eq(rd(&r, RTC_REG_C) & RTC_C_AF, RTC_C_AF);
    ck_assert_uint_eq(r.rises, 0); /* AIE off */
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_update_ended_interrupt_each_second)
{
    struct rig r;
    rig_init(&r);
    wr(&r, RTC_REG_A, 0x20);
    wr(&r, RTC_REG_B, RTC_B_UIE | RTC_B_24H);
    static const uint8_t secs[6] = {0x56, 0x57, 0x58, 0x59, 0x00, 0x01};
    for (uint64_t k = 1; k <= 5; k++) {
        at(&r, k * NS - 1);
        ck_assert(!r.level);
        at(&r, k * NS);
        ck_assert(r.level);
        ck_assert_uint_eq(r.rise_ns, k * NS);
        ck_assert_uint_eq(rd(&r, RTC_REG_C), RTC_C_IRQF | RTC_C_UF);
        ck_assert_uint_eq(rd(&r, RTC_REG_SECONDS), secs[k]);
    }
    ck_assert_uint_eq(r.rises, 5);
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_register_c_read_clears_and_lowers_irq)
{
    struct rig r;
    rig_init(&r);
    at(&r, tick_ns(40)); /* PF set, PIE off: IRQ low */
    ck_assert(!r.level);
    ck_assert_uint_eq(rtc_nvram_get(r.rtc, RTC_REG_C), RTC_C_PF); /* peek keeps it */
    wr(&r, RTC_REG_B, RTC_B_PIE | RTC_B_24H);                     /* IRQF = PF.PIE at once */
    ck_assert(r.level);
    wr(&r, RTC_REG_B, RTC_B_24H);
    ck_assert(!r.level);
    wr(&r, RTC_REG_B, RTC_B_PIE | RTC_B_24H);
    ck_assert(r.level);
    ck_assert_uint_eq(rd(&r, RTC_REG_C), RTC_C_IRQF | RTC_C_PF);
    ck_assert(!r.level);
    ck_assert_uint_eq(rd(&r, RTC_REG_C), 0x00);
    wr(&r, RTC_REG_C, 0xFF); /* read only */
    ck_assert_uint_eq(rd(&r, RTC_REG_C), 0x00);
    ck_assert(!r.level);
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_uip_window)
{
    struct rig r;
    rig_init(&r);
    at(&r, tick_ns(32760) - 1); /* 244.14 us before the update at 1 s */
    ck_assert_uint_eq(rd(&r, RTC_REG_A), 0x26);
    at(&r, tick_ns(32760));
    ck_assert_uint_eq(rd(&r, RTC_REG_A), 0x26 | RTC_A_UIP);
    ck_assert_uint_eq(rd(&r, RTC_REG_SECONDS), 0x56);
    at(&r, NS - 1);
    ck_assert_uint_eq(rd(&r, RTC_REG_A), 0x26 | RTC_A_UIP);
    at(&r, NS);
    ck_assert_uint_eq(rd(&r, RTC_REG_A), 0x26);
    ck_assert_uint_eq(rd(&r, RTC_REG_SECONDS), 0x57);
    at(&r, 2 * NS - 1);
    ck_assert_uint_eq(rd(&r, RTC_REG_A), 0x26 | RTC_A_UIP);
    wr(&r, RTC_REG_B, RTC_B_SET | RTC_B_24H); /* SET clears UIP */
    ck_assert_uint_eq(rd(&r, RTC_REG_A), 0x26);
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_leap_year_rollover)
{
    struct rig r;
    rig_init(&r);
    set_clock(&r, 0x20, 0x24, 0x02, 0x28, 4, 0x23, 0x59, 0x59);
    at(&r, next_second(&r));
    expect_clock(&r, 0x20, 0x24, 0x02, 0x29, 5, 0x00, 0x00, 0x00);
    at(&r, clock_now(&r.clk) + 86400ull * NS); /* one lump of a day */
    expect_clock(&r, 0x20, 0x24, 0x03, 0x01, 6, 0x00, 0x00, 0x00);
    set_clock(&r, 0x20, 0x23, 0x02, 0x28, 3, 0x23, 0x59, 0x59);
    at(&r, next_second(&r));
    expect_clock(&r, 0x20, 0x23, 0x03, 0x01, 4, 0x00, 0x00, 0x00);
    set_clock(&r, 0x20, 0x24, 0x04, 0x30, 3, 0x23, 0x59, 0x59);
    at(&r, next_second(&r));
    expect_clock(&r, 0x20, 0x24, 0x05, 0x01, 4, 0x00, 0x00, 0x00);
    set_clock(&r, 0x20, 0x99, 0x12, 0x31, 5, 0x23, 0x59, 0x59);
    at(&r, next_second(&r));
    expect_clock(&r, 0x21, 0x00, 0x01, 0x01, 6, 0x00, 0x00, 0x00);
    set_clock(&r, 0x21, 0x00, 0x02, 0x28, 1, 0x23, 0x59, 0x59); /* 2100: not leap */
    at(&r, next_second(&r));
    expect_clock(&r, 0x21, 0x00, 0x03, 0x01, 2, 0x00, 0x00, 0x00);
    set_clock(&r, 0x20, 0x00, 0x02, 0x28, 2, 0x23, 0x59, 0x59); /* 2000: leap */
    at(&r, next_second(&r));
    expect_clock(&r, 0x20, 0x00, 0x02, 0x29, 3, 0x00, 0x00, 0x00);
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_divider_reset_holds_time_and_first_update_half_second_later)
{
    struct rig r;
    rig_init(&r);
    at(&r, NS / 4);
    wr(&r, RTC_REG_A, 0x70);                        /* 11x: divider in reset */
    ck_assert_uint_eq(rd(&r, RTC_REG_C), RTC_C_PF); /* from before the reset */
    wr(&r, RTC_REG_B, RTC_B_PIE | RTC_B_UIE | RTC_B_24H);
    ck_assert_uint_eq(clock_next_deadline(&r.clk), CLOCK_NEVER);
    at(&r, 10ull * NS);
    ck_assert_uint_eq(rd(&r, RTC_REG_SECONDS), 0x56);
    ck_assert_uint_eq(rd(&r, RTC_REG_A), 0x70);
    ck_assert_uint_eq(rd(&r, RTC_REG_C), 0x00);
    wr(&r, RTC_REG_A, 0x26);
    ck_assert_uint_eq(clock_next_deadline(&r.clk), 10ull * NS + tick_ns(32));
    wr(&r, RTC_REG_B, RTC_B_UIE | RTC_B_24H);
    ck_assert_uint_eq(clock_next_deadline(&r.clk), 10ull * NS + NS / 2);
    at(&r, 10ull * NS + NS / 2 - 1);
    ck_assert_uint_eq(rd(&r, RTC_REG_SECONDS), 0x56);
    at(&r, 10ull * NS + NS / 2);
    ck_assert(r.level);
    ck_assert_uint_eq(rd(&r, RTC_REG_SECONDS), 0x57);
    rd(&r, RTC_REG_C);
    ck_assert_uint_eq(clock_next_deadline(&r.clk), 11ull * NS + NS / 2);
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_nvram_roundtrip)
{
    struct rig r;
    rig_init(&r);
    for (unsigned i = 0x0E; i < RTC_CMOS_SIZE; i++)
        if (i != RTC_REG_CENTURY)
            wr(&r, (uint8_t)i, (uint8_t)(i * 7 + 3));
    for (unsigned i = 0x0E; i < RTC_CMOS_SIZE; i++) {
        if (i == RTC_REG_CENTURY)
            continue;
        ck_assert_uint_eq(rd(&r, (uint8_t)i), (uint8_t)(i * 7 + 3));
        ck_assert_uint_eq(rtc_nvram_get(r.rtc, i), (uint8_t)(i * 7 + 3));
    }
    ck_assert_int_eq(rtc_nvram_set(r.rtc, 0x10, 0x44), 0);
    ck_assert_uint_eq(rd(&r, 0x10), 0x44);
    ck_assert_int_eq(rtc_nvram_set(r.rtc, RTC_REG_SECONDS, 0), -1);
    ck_assert_int_eq(rtc_nvram_set(r.rtc, RTC_REG_B, 0), -1);
    ck_assert_int_eq(rtc_nvram_set(r.rtc, RTC_REG_CENTURY, 0), -1);
    ck_assert_int_eq(rtc_nvram_set(r.rtc, 256, 0), -1);
    ck_assert_uint_eq(rd(&r, RTC_REG_SECONDS), 0x56);
    ck_assert_uint_eq(rd(&r, RTC_REG_CENTURY), 0x20);
    /* the alarm bytes are plain RAM as far as reading back goes */
    wr(&r, RTC_REG_HOURS_ALARM, 0x5A);
    ck_assert_uint_eq(rd(&r, RTC_REG_HOURS_ALARM), 0x5A);
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_extended_bank_roundtrip)
{
    struct rig r;
    rig_init(&r);
    ck_assert_uint_eq(bus_read(r.io, RTC_EXT_PORT + 1, 1), 0xFF); /* not mapped yet */
    ck_assert_int_eq(rtc_map_extended(r.rtc, r.io, RTC_EXT_PORT), 0);
    for (unsigned i = 0; i < RTC_CMOS_SIZE; i++) {
        bus_write(r.io, RTC_EXT_PORT, i, 1);
        bus_write(r.io, RTC_EXT_PORT + 1, (i * 13 + 1) & 0xFF, 1);
    }
    for (unsigned i = 0; i < RTC_CMOS_SIZE; i++) {
        bus_write(r.io, RTC_EXT_PORT, i, 1);
        ck_assert_uint_eq(bus_read(r.io, RTC_EXT_PORT + 1, 1), (i * 13 + 1) & 0xFF);
        ck_assert_uint_eq(rtc_nvram_get(r.rtc, RTC_CMOS_SIZE + i), (i * 13 + 1) & 0xFF);
    }
    ck_assert_int_eq(rtc_nvram_set(r.rtc, RTC_CMOS_SIZE + 0x0C, 0x99), 0); /* not register C */
    bus_write(r.io, RTC_EXT_PORT, 0x0C, 1);
    ck_assert_uint_eq(bus_read(r.io, RTC_EXT_PORT + 1, 1), 0x99);
    ck_assert_uint_eq(rd(&r, 0x0E), 0x00); /* the first bank is untouched */
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_nmi_mask_bit_is_not_part_of_the_index)
{
    struct rig r;
    rig_init(&r);
    ck_assert(!rtc_nmi_masked(r.rtc));
    wr(&r, 0x20, 0x77);
    bus_write(r.io, RTC_PORT, 0x80 | 0x20, 1);
    ck_assert(rtc_nmi_masked(r.rtc));
    ck_assert_uint_eq(bus_read(r.io, RTC_PORT + 1, 1), 0x77);
    ck_assert_uint_eq(bus_read(r.io, RTC_PORT + 1, 1), 0x77); /* the index stays */
    ck_assert_uint_eq(bus_read(r.io, RTC_PORT, 1), 0xFF);     /* write only */
    bus_write(r.io, RTC_PORT, 0x20, 1);
    ck_assert(!rtc_nmi_masked(r.rtc));
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_checksum_covers_0x10_to_0x2d)
{
    struct rig r;
    rig_init(&r);
    unsigned sum = 0;
    for (unsigned i = 0x10; i <= 0x2D; i++) {
        rtc_nvram_set(r.rtc, i, (uint8_t)(0xF0 + i));
        sum += (uint8_t)(0xF0 + i);
    }
    rtc_nvram_set(r.rtc, 0x0E, 0x55); /* outside the range */
    rtc_update_checksum(r.rtc);
    ck_assert_uint_eq(rd(&r, 0x2E), sum >> 8);
    ck_assert_uint_eq(rd(&r, 0x2F), sum & 0xFF);
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_reset_keeps_time_and_clears_enables_and_flags)
{
    struct rig r;
    rig_init(&r);
    wr(&r, RTC_REG_B, RTC_B_PIE | RTC_B_AIE | RTC_B_SQWE | RTC_B_DM | RTC_B_24H | RTC_B_DSE);
    at(&r, tick_ns(32));
    ck_assert(r.level);
    rtc_reset(r.rtc);
    ck_assert(!r.level);
    ck_assert_uint_eq(rd(&r, RTC_REG_B), RTC_B_DM | RTC_B_24H | RTC_B_DSE);
    ck_assert_uint_eq(rd(&r, RTC_REG_C), 0x00);
    ck_assert_uint_eq(rd(&r, RTC_REG_A), 0x26);
    ck_assert_uint_eq(rd(&r, RTC_REG_SECONDS), 56);
    ck_assert_uint_eq(clock_next_deadline(&r.clk), CLOCK_NEVER);
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_set_time_and_advance_with_virtual_clock)
{
    struct rig r;
    rig_init(&r);
    at(&r, NS / 2);
    rtc_set_time(r.rtc, 946684800); /* 2000-01-01T00:00:00, a Saturday */
    expect_clock(&r, 0x20, 0x00, 0x01, 0x01, 7, 0x00, 0x00, 0x00);
    at(&r, 3 * NS + NS / 2);
    ck_assert_int_eq(rtc_get_time(r.rtc), 946684803);
    at(&r, (3 + 86400ull * 366) * NS); /* 2000 is a leap year */
    ck_assert_int_eq(rtc_get_time(r.rtc), 946684803 + 86400ll * 366);
    expect_clock(&r, 0x20, 0x01, 0x01, 0x01, 2, 0x00, 0x00, 0x03);
    rig_free(&r);
}
END_TEST

START_TEST(test_rtc_state_desc_describes_registers)
{
    struct rig r;
    rig_init(&r);
    ck_assert_ptr_null(state_desc_check(&rtc_state_desc));
    wr(&r, 0x40, 0xAB);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_uint_gt(state_dump(&rtc_state_desc, r.rtc, f), 256);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(buf, "rtc.cmos[10] = 0x26\n"));
    ck_assert_ptr_nonnull(strstr(buf, "rtc.cmos[64] = 0xab\n"));
    ck_assert_ptr_nonnull(strstr(buf, "rtc.sec = 0x38\n"));
    ck_assert_ptr_nonnull(strstr(buf, "rtc.century = 0x14\n"));
    ck_assert_ptr_nonnull(strstr(buf, "rtc.index = 0x40\n"));
    free(buf);
    rig_free(&r);
}
END_TEST

/* One random step of the fuzz: a port access or a move of the clock. */
static void fuzz_step(struct rig *r, uint64_t *t)
{
    int op = rand() % 10;
    if (op < 3) {
        bus_write(r->io, RTC_PORT, (uint32_t)rand() & 0xFF, 1);
    } else if (op < 6) {
        bus_write(r->io, RTC_PORT + 1, (uint32_t)rand() & 0xFF, 1);
    } else if (op < 8) {
        bool before = r->level;
        bus_write(r->io, RTC_PORT, RTC_REG_C, 1);
        uint8_t c = (uint8_t)bus_read(r->io, RTC_PORT + 1, 1);
        ck_assert_int_eq(before, (c & RTC_C_IRQF) != 0);
        ck_assert(!r->level);
    } else if (op == 8) {
        bus_read(r->io, RTC_PORT + 1, 1);
    } else {
        *t += rand() % 16 ? (uint64_t)(rand() % 2000000) : (uint64_t)(rand() % 3) * NS;
        at(r, *t);
    }
}

START_TEST(test_rtc_register_fuzz_keeps_irq_consistent_with_register_c)
{
    struct rig r;
    rig_init(&r);
    srand(146818);
    uint64_t t = 0;
    for (int k = 0; k < 100000; k++) {
        fuzz_step(&r, &t);
        bool irqf = rtc_nvram_get(r.rtc, RTC_REG_C) & RTC_C_IRQF;
        ck_assert_int_eq(r.level, irqf);
        ck_assert_uint_ge(clock_next_deadline(&r.clk), clock_now(&r.clk));
    }
    ck_assert_uint_gt(r.rises, 100); /* the fuzz did raise interrupts */
    rig_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rtc");
    TCase *tc = tcase_create("ports");
    tcase_add_test(tc, test_rtc_power_on_registers_and_initial_time);
    tcase_add_test(tc, test_rtc_bcd_and_binary_time);
    tcase_add_test(tc, test_rtc_12_hour_mode_pm_flag);
    tcase_add_test(tc, test_rtc_set_bit_freezes_update);
    tcase_add_test(tc, test_rtc_periodic_interrupt_rate);
    tcase_add_test(tc, test_rtc_periodic_flag_set_without_pie);
    tcase_add_test(tc, test_rtc_alarm_fires_with_dont_care);
    tcase_add_test(tc, test_rtc_alarm_exact_time_once_a_day);
    tcase_add_test(tc, test_rtc_alarm_flag_seen_after_long_idle);
    tcase_add_test(tc, test_rtc_update_ended_interrupt_each_second);
    tcase_add_test(tc, test_rtc_register_c_read_clears_and_lowers_irq);
    tcase_add_test(tc, test_rtc_uip_window);
    tcase_add_test(tc, test_rtc_leap_year_rollover);
    tcase_add_test(tc, test_rtc_divider_reset_holds_time_and_first_update_half_second_later);
    tcase_add_test(tc, test_rtc_nvram_roundtrip);
    tcase_add_test(tc, test_rtc_extended_bank_roundtrip);
    tcase_add_test(tc, test_rtc_nmi_mask_bit_is_not_part_of_the_index);
    tcase_add_test(tc, test_rtc_checksum_covers_0x10_to_0x2d);
    tcase_add_test(tc, test_rtc_reset_keeps_time_and_clears_enables_and_flags);
    tcase_add_test(tc, test_rtc_set_time_and_advance_with_virtual_clock);
    tcase_add_test(tc, test_rtc_state_desc_describes_registers);
    tcase_add_test(tc, test_rtc_register_fuzz_keeps_irq_consistent_with_register_c);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
