/*
 * tests/device/test_pit.c - the 8254 PIT, driven only through its ports
 * (0x40-0x43) and gate pins, timed by a manual clock the test moves, with
 * counter 0's OUT recorded as an IRQ line (level and the tick it changed).
 * Ticks are input-clock periods: a count written at tick t is loaded at
 * t + 1 (the next clock pulse), so "N" ticks of counting end at t + 1 + N.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/bus.h"
#include "board/clock.h"
#include "devices/pit.h"

enum { MAX_EVENTS = 64 };

struct rig {
    struct clock clk;
    struct bus *io;
    struct pit *pit;
    bool level; /**< OUT0 as last reported */
    unsigned nev;
    struct { uint64_t tick; bool level; } ev[MAX_EVENTS];
};

static void record_out0(void *opaque, unsigned n, bool level)
{
    struct rig *r = opaque;
    r->level = level;
    if (r->nev < MAX_EVENTS) {
        r->ev[r->nev].tick = pit_ns_to_ticks(clock_now(&r->clk));
        r->ev[r->nev++].level = level;
    }
}

static void rig_init(struct rig *r)
{
    memset(r, 0, sizeof(*r));
    clock_init(&r->clk, CLOCK_MANUAL, 0, NULL, NULL);
    r->io = bus_create("port", NULL, CPU_LOG_UNIMP);
    struct irq_line out[PIT_CHANNELS] = {irq_line_make(record_out0, r, 0)};
    r->pit = pit_create(r->io, PIT_PORT, &r->clk, out);
    ck_assert_ptr_nonnull(r->pit);
}

static void rig_free(struct rig *r)
{
    pit_destroy(r->pit);
    bus_destroy(r->io);
}

/* Move virtual time to input-clock tick @t, firing timers on the way. */
static void at(struct rig *r, uint64_t t) { clock_warp_to(&r->clk, pit_ticks_to_ns(t)); }

static void ctrl(struct rig *r, uint8_t v) { bus_write(r->io, 0x43, v, 1); }

static void count16(struct rig *r, unsigned ch, uint16_t v)
{
    bus_write(r->io, 0x40 + ch, v & 0xFF, 1);
    bus_write(r->io, 0x40 + ch, v >> 8, 1);
}

static uint16_t read16(struct rig *r, unsigned ch)
{
    uint16_t lo = (uint16_t)bus_read(r->io, 0x40 + ch, 1);
    return (uint16_t)(lo | bus_read(r->io, 0x40 + ch, 1) << 8);
}

static uint16_t latched16(struct rig *r, unsigned ch)
{
    ctrl(r, (uint8_t)(ch << 6));
    return read16(r, ch);
}

static uint8_t status(struct rig *r, unsigned ch)
{
    ctrl(r, (uint8_t)(0xE0 | 2u << ch));
    return (uint8_t)bus_read(r->io, 0x40 + ch, 1);
}

/* Forget the OUT changes so far (a control word for mode 1-5 raises OUT,
 * which the reset state had low). */
static void clear_events(struct rig *r) { r->nev = 0; }

static void expect_event(struct rig *r, unsigned k, uint64_t tick, bool level)
{
    ck_assert_uint_gt(r->nev, k);
    ck_assert_uint_eq(r->ev[k].tick, tick);
    ck_assert_int_eq(r->ev[k].level, level);
}

START_TEST(test_pit_reset_counters_do_not_count)
{
    struct rig r;
    rig_init(&r);
    ck_assert_uint_eq(clock_next_deadline(&r.clk), CLOCK_NEVER);
    at(&r, 100000);
    ck_assert_uint_eq(r.nev, 0);
    ck_assert(!pit_get_out(r.pit, 0));
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_mode0_out_goes_high_at_terminal_count)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0x30);
    count16(&r, 0, 100);
    at(&r, 100);
    ck_assert(!r.level);
    ck_assert_uint_eq(latched16(&r, 0), 1);
    at(&r, 101);
    expect_event(&r, 0, 101, true);
    at(&r, 200);
    ck_assert_uint_eq(r.nev, 1); /* no reload: OUT stays high */
    ck_assert_uint_eq(latched16(&r, 0), 0xFFFF - 98);
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_mode0_first_byte_stops_counting_and_lowers_out)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0x30);
    count16(&r, 0, 10);
    at(&r, 20);
    ck_assert(r.level);
    bus_write(r.io, 0x40, 50, 1); /* LSB only */
    ck_assert(!r.level);
    at(&r, 500);
    ck_assert(!r.level);
    bus_write(r.io, 0x40, 0, 1); /* MSB: count 50 loads */
    at(&r, 550);
    ck_assert(!r.level);
    at(&r, 551);
    ck_assert(r.level);
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_mode2_reload)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0x34);
    count16(&r, 0, 10);
    clear_events(&r);
    ck_assert(pit_get_out(r.pit, 0));
    ck_assert_uint_eq(clock_next_deadline(&r.clk), pit_ticks_to_ns(10));
    at(&r, 5);
    ck_assert_uint_eq(latched16(&r, 0), 6);
    at(&r, 31);
    expect_event(&r, 0, 10, false);
    expect_event(&r, 1, 11, true);
    expect_event(&r, 2, 20, false);
    expect_event(&r, 3, 21, true);
    expect_event(&r, 4, 30, false);
    expect_event(&r, 5, 31, true);
    ck_assert_uint_eq(latched16(&r, 0), 10); /* reloaded */
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_mode2_new_count_waits_for_next_reload)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0x34);
    count16(&r, 0, 10);
    clear_events(&r);
    at(&r, 5);
    count16(&r, 0, 20);
    at(&r, 40);
    expect_event(&r, 0, 10, false); /* the running period ends as it was */
    expect_event(&r, 1, 11, true);
    expect_event(&r, 2, 30, false); /* then periods of 20 */
    expect_event(&r, 3, 31, true);
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_mode2_count_zero_means_65536)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0x34);
    count16(&r, 0, 0);
    clear_events(&r);
    at(&r, 65536);
    ck_assert_uint_eq(r.nev, 1);
    expect_event(&r, 0, 65536, false);
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_mode3_square_wave_even_count)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0x36);
    count16(&r, 0, 10);
    clear_events(&r);
    at(&r, 3);
    ck_assert_uint_eq(latched16(&r, 0), 6); /* decrements by two */
    at(&r, 21);
    expect_event(&r, 0, 6, false);
    expect_event(&r, 1, 11, true);
    expect_event(&r, 2, 16, false);
    expect_event(&r, 3, 21, true);
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_mode3_square_wave_odd_count_is_high_longer)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0x36);
    count16(&r, 0, 5);
    clear_events(&r);
    at(&r, 12);
    expect_event(&r, 0, 4, false); /* high (5 + 1) / 2 = 3 */
    expect_event(&r, 1, 6, true);  /* low (5 - 1) / 2 = 2 */
    expect_event(&r, 2, 9, false);
    expect_event(&r, 3, 11, true);
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_mode3_new_count_at_end_of_half_cycle)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0x36);
    count16(&r, 0, 10);
    clear_events(&r);
    at(&r, 2);
    count16(&r, 0, 4);
    at(&r, 12);
    expect_event(&r, 0, 6, false); /* the high half of 10 completes */
    expect_event(&r, 1, 8, true);  /* then halves of 2 */
    expect_event(&r, 2, 10, false);
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_mode4_strobe_is_one_clock_low)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0x38);
    count16(&r, 0, 10);
    clear_events(&r);
    ck_assert(pit_get_out(r.pit, 0));
    at(&r, 1000);
    ck_assert_uint_eq(r.nev, 2);
    expect_event(&r, 0, 11, false);
    expect_event(&r, 1, 12, true);
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_mode1_one_shot_starts_on_gate_rising_edge)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0xB2); /* counter 2, word, mode 1 */
    count16(&r, 2, 5);
    pit_set_gate(r.pit, 2, false);
    at(&r, 10);
    ck_assert(pit_get_out(r.pit, 2));
    pit_set_gate(r.pit, 2, true);
    at(&r, 15);
    ck_assert(!pit_get_out(r.pit, 2));
    at(&r, 16);
    ck_assert(pit_get_out(r.pit, 2));
    pit_set_gate(r.pit, 2, false); /* retrigger */
    pit_set_gate(r.pit, 2, true);
    ck_assert(!pit_get_out(r.pit, 2));
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_mode5_strobe_on_gate_trigger)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0xBA); /* counter 2, word, mode 5 */
    count16(&r, 2, 3);
    pit_set_gate(r.pit, 2, false);
    at(&r, 100);
    ck_assert(pit_get_out(r.pit, 2));
    pit_set_gate(r.pit, 2, true);
    at(&r, 103);
    ck_assert(pit_get_out(r.pit, 2));
    at(&r, 104);
    ck_assert(!pit_get_out(r.pit, 2));
    at(&r, 105);
    ck_assert(pit_get_out(r.pit, 2));
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_mode0_gate_low_pauses_counting)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0xB0); /* counter 2, mode 0 */
    count16(&r, 2, 100);
    at(&r, 51);
    pit_set_gate(r.pit, 2, false);
    at(&r, 500);
    ck_assert_uint_eq(latched16(&r, 2), 50);
    ck_assert(!pit_get_out(r.pit, 2));
    pit_set_gate(r.pit, 2, true);
    at(&r, 550);
    ck_assert(!pit_get_out(r.pit, 2));
    at(&r, 551);
    ck_assert(pit_get_out(r.pit, 2));
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_mode2_gate_low_forces_out_high_and_rising_edge_reloads)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0xB4); /* counter 2, mode 2 */
    count16(&r, 2, 10);
    at(&r, 10);
    ck_assert(!pit_get_out(r.pit, 2));
    pit_set_gate(r.pit, 2, false);
    ck_assert(pit_get_out(r.pit, 2));
    at(&r, 100);
    pit_set_gate(r.pit, 2, true);
    at(&r, 103);
    ck_assert_uint_eq(latched16(&r, 2), 8); /* reloaded at 101 */
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_bcd_countdown)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0x31); /* mode 0, BCD */
    count16(&r, 0, 0x0100);
    at(&r, 2);
    ck_assert_uint_eq(latched16(&r, 0), 0x0099);
    at(&r, 90);
    ck_assert_uint_eq(latched16(&r, 0), 0x0011);
    at(&r, 102);
    ck_assert_uint_eq(latched16(&r, 0), 0x9999); /* wraps in BCD */
    ck_assert(r.level);
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_bcd_count_zero_means_10000)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0x35); /* mode 2, BCD */
    count16(&r, 0, 0);
    clear_events(&r);
    at(&r, 9999);
    ck_assert_uint_eq(r.nev, 0);
    at(&r, 10000);
    expect_event(&r, 0, 10000, false);
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_latch_holds_value_until_read)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0x30);
    count16(&r, 0, 1000);
    at(&r, 11);
    ctrl(&r, 0x00);
    at(&r, 501);
    ctrl(&r, 0x00); /* a second latch before reading is ignored */
    ck_assert_uint_eq(read16(&r, 0), 990);
    ck_assert_uint_eq(read16(&r, 0), 500); /* live again */
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_lsb_only_and_msb_only_access)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0x14); /* LSB only, mode 2 */
    bus_write(r.io, 0x40, 0x20, 1);
    at(&r, 1);
    ck_assert_uint_eq(bus_read(r.io, 0x40, 1), 0x20);
    ck_assert_uint_eq(bus_read(r.io, 0x40, 1), 0x20); /* no byte toggle */
    ctrl(&r, 0x24); /* MSB only */
    bus_write(r.io, 0x40, 0x01, 1);
    at(&r, 2 + 0x80);
    ck_assert_uint_eq(bus_read(r.io, 0x40, 1), 0x00); /* 0x0100 - 0x80 = 0x0080 */
    at(&r, 2 + 0x100 + 0x10);
    ck_assert_uint_eq(bus_read(r.io, 0x40, 1), 0x00);
    at(&r, 2 + 0x200 - 1);
    ck_assert_uint_eq(bus_read(r.io, 0x40, 1), 0x00);
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_readback_status)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0x34);
    ck_assert_uint_eq(status(&r, 0), 0x80 | 0x40 | 0x34); /* OUT high, null count */
    count16(&r, 0, 10);
    ck_assert_uint_eq(status(&r, 0), 0x80 | 0x40 | 0x34); /* not loaded yet */
    at(&r, 1);
    ck_assert_uint_eq(status(&r, 0), 0x80 | 0x34);
    at(&r, 10);
    ck_assert_uint_eq(status(&r, 0), 0x34); /* OUT low */
    ctrl(&r, 0x30);
    ck_assert_uint_eq(status(&r, 0), 0x40 | 0x30);
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_readback_returns_status_then_count)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0x74); /* counter 1, mode 2 */
    count16(&r, 1, 1000);
    at(&r, 101);
    ctrl(&r, 0xC4); /* read-back count and status of counter 1 */
    at(&r, 500);
    ck_assert_uint_eq(bus_read(r.io, 0x41, 1), 0x80 | 0x34); /* RW, M, BCD */
    ck_assert_uint_eq(read16(&r, 1), 900);
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_readback_latches_several_counters)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0x34);
    count16(&r, 0, 1000);
    ctrl(&r, 0xB4);
    count16(&r, 2, 2000);
    at(&r, 11);
    ctrl(&r, 0xDA); /* count only, counters 0 and 2 */
    at(&r, 400);
    ck_assert_uint_eq(read16(&r, 0), 990);
    ck_assert_uint_eq(read16(&r, 2), 1990);
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_control_word_sets_out_initial_level)
{
    struct rig r;
    rig_init(&r);
    ctrl(&r, 0x30);
    count16(&r, 0, 5);
    at(&r, 10);
    ck_assert(r.level);
    ctrl(&r, 0x30); /* mode 0: OUT low at once */
    ck_assert(!r.level);
    ctrl(&r, 0x34); /* mode 2: OUT high */
    ck_assert(r.level);
    ck_assert_uint_eq(clock_next_deadline(&r.clk), CLOCK_NEVER); /* no count yet */
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_state_desc_describes_counters)
{
    struct rig r;
    rig_init(&r);
    ck_assert_ptr_null(state_desc_check(&pit_state_desc));
    ctrl(&r, 0x36);
    count16(&r, 0, 0x1234);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_uint_gt(state_dump(&pit_state_desc, r.pit, f), 3 * 20);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(buf, "pit.ch[0].mode = 0x3\n"));
    ck_assert_ptr_nonnull(strstr(buf, "pit.ch[0].cr = 0x1234\n"));
    ck_assert_ptr_nonnull(strstr(buf, "pit.ch[2].gate = 0x1\n"));
    free(buf);
    rig_free(&r);
}
END_TEST

START_TEST(test_pit_register_fuzz_keeps_out0_reported)
{
    struct rig r;
    rig_init(&r);
    srand(8254);
    uint64_t t = 0;
    for (int k = 0; k < 200000; k++) {
        int op = rand() % 8;
        uint16_t port = (uint16_t)(0x40 + rand() % 4);
        if (op < 3)
            bus_write(r.io, port, (uint32_t)rand() & 0xFF, 1);
        else if (op < 5)
            bus_read(r.io, port, 1);
        else if (op == 5)
            pit_set_gate(r.pit, (unsigned)rand() % 3, rand() & 1);
        else
            at(&r, t += (uint64_t)(rand() % 300));
        ck_assert_int_eq(r.level, pit_get_out(r.pit, 0));
    }
    rig_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pit");
    TCase *tc = tcase_create("ports");
    tcase_add_test(tc, test_pit_reset_counters_do_not_count);
    tcase_add_test(tc, test_pit_mode0_out_goes_high_at_terminal_count);
    tcase_add_test(tc, test_pit_mode0_first_byte_stops_counting_and_lowers_out);
    tcase_add_test(tc, test_pit_mode2_reload);
    tcase_add_test(tc, test_pit_mode2_new_count_waits_for_next_reload);
    tcase_add_test(tc, test_pit_mode2_count_zero_means_65536);
    tcase_add_test(tc, test_pit_mode3_square_wave_even_count);
    tcase_add_test(tc, test_pit_mode3_square_wave_odd_count_is_high_longer);
    tcase_add_test(tc, test_pit_mode3_new_count_at_end_of_half_cycle);
    tcase_add_test(tc, test_pit_mode4_strobe_is_one_clock_low);
    tcase_add_test(tc, test_pit_mode1_one_shot_starts_on_gate_rising_edge);
    tcase_add_test(tc, test_pit_mode5_strobe_on_gate_trigger);
    tcase_add_test(tc, test_pit_mode0_gate_low_pauses_counting);
    tcase_add_test(tc, test_pit_mode2_gate_low_forces_out_high_and_rising_edge_reloads);
    tcase_add_test(tc, test_pit_bcd_countdown);
    tcase_add_test(tc, test_pit_bcd_count_zero_means_10000);
    tcase_add_test(tc, test_pit_latch_holds_value_until_read);
    tcase_add_test(tc, test_pit_lsb_only_and_msb_only_access);
    tcase_add_test(tc, test_pit_readback_status);
    tcase_add_test(tc, test_pit_readback_returns_status_then_count);
    tcase_add_test(tc, test_pit_readback_latches_several_counters);
    tcase_add_test(tc, test_pit_control_word_sets_out_initial_level);
    tcase_add_test(tc, test_pit_state_desc_describes_counters);
    tcase_add_test(tc, test_pit_register_fuzz_keeps_out0_reported);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
