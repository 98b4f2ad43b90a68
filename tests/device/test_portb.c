/*
 * tests/device/test_portb.c - system control port B (0x61) wired to an
 * 8254 the way the board wires them (gate 2 and OUT2 through callbacks),
 * driven only through ports 0x40-0x43 and 0x61 and a manual clock.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/bus.h"
#include "board/clock.h"
#include "devices/pit.h"
#include "devices/portb.h"

struct rig {
    struct clock clk;
    struct bus *io;
    struct pit *pit;
    struct portb *pb;
};

static void set_gate2(void *opaque, bool level) { pit_set_gate(((struct rig *)opaque)->pit, 2, level); }
static bool get_out2(void *opaque) { return pit_get_out(((struct rig *)opaque)->pit, 2); }

static void rig_init(struct rig *r)
{
    memset(r, 0, sizeof(*r));
    clock_init(&r->clk, CLOCK_MANUAL, 0, NULL, NULL);
    r->io = bus_create("port", NULL, CPU_LOG_UNIMP);
    r->pit = pit_create(r->io, PIT_PORT, &r->clk, NULL);
    struct portb_wiring w = {set_gate2, get_out2, r};
    r->pb = portb_create(r->io, PORTB_PORT, &r->clk, &w);
    ck_assert_ptr_nonnull(r->pb);
}

static void rig_free(struct rig *r)
{
    portb_destroy(r->pb);
    pit_destroy(r->pit);
    bus_destroy(r->io);
}

static void at(struct rig *r, uint64_t tick) { clock_warp_to(&r->clk, pit_ticks_to_ns(tick)); }

static bool out2(struct rig *r) { return bus_read(r->io, 0x61, 1) & 0x20; }

/* Program counter 2 in @mode with a word @count. */
static void program2(struct rig *r, unsigned mode, uint16_t count)
{
    bus_write(r->io, 0x43, 0xB0 | mode << 1, 1);
    bus_write(r->io, 0x42, count & 0xFF, 1);
    bus_write(r->io, 0x42, count >> 8, 1);
}

START_TEST(test_pit_gate2_via_port61)
{
    struct rig r;
    rig_init(&r);
    program2(&r, 0, 100); /* gate 2 is low after reset: loaded, not counting */
    at(&r, 1000);
    ck_assert(!out2(&r));
    bus_write(r.io, 0x61, 0x01, 1);
    at(&r, 1100);
    ck_assert(!out2(&r));
    at(&r, 1101);
    ck_assert(out2(&r));
    rig_free(&r);
}
END_TEST

START_TEST(test_portb_out2_follows_square_wave)
{
    struct rig r;
    rig_init(&r);
    bus_write(r.io, 0x61, 0x03, 1);
    program2(&r, 3, 100); /* loaded at tick 1: high 50, low 50 */
    at(&r, 50);
    ck_assert(out2(&r));
    at(&r, 51);
    ck_assert(!out2(&r));
    at(&r, 101);
    ck_assert(out2(&r));
    bus_write(r.io, 0x61, 0x02, 1); /* gate low: OUT forced high in mode 3 */
    at(&r, 160);
    ck_assert(out2(&r));
    rig_free(&r);
}
END_TEST

START_TEST(test_portb_refresh_bit_toggles_every_15us)
{
    struct rig r;
    rig_init(&r);
    uint8_t a = (uint8_t)bus_read(r.io, 0x61, 1) & 0x10;
    clock_warp_to(&r.clk, PORTB_REFRESH_NS - 1);
    ck_assert_uint_eq(bus_read(r.io, 0x61, 1) & 0x10, a);
    clock_warp_to(&r.clk, PORTB_REFRESH_NS);
    ck_assert_uint_ne(bus_read(r.io, 0x61, 1) & 0x10, a);
    clock_warp_to(&r.clk, 2 * PORTB_REFRESH_NS);
    ck_assert_uint_eq(bus_read(r.io, 0x61, 1) & 0x10, a);
    rig_free(&r);
}
END_TEST

START_TEST(test_portb_writable_bits_read_back_and_high_bits_read_zero)
{
    struct rig r;
    rig_init(&r);
    bus_write(r.io, 0x61, 0xFE, 1);
    ck_assert_uint_eq(bus_read(r.io, 0x61, 1) & 0xCF, 0x0E);
    ck_assert(!portb_speaker_on(r.pb)); /* data enable without gate */
    bus_write(r.io, 0x61, 0x03, 1);
    ck_assert(portb_speaker_on(r.pb));
    portb_reset(r.pb);
    ck_assert_uint_eq(bus_read(r.io, 0x61, 1) & 0x0F, 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_portb_state_desc_describes_bits)
{
    struct rig r;
    rig_init(&r);
    ck_assert_ptr_null(state_desc_check(&portb_state_desc));
    bus_write(r.io, 0x61, 0x0B, 1);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_uint_eq(state_dump(&portb_state_desc, r.pb, f), 1);
    fclose(f);
    ck_assert_str_eq(buf, "portb.bits = 0xb\n");
    free(buf);
    rig_free(&r);
}
END_TEST

START_TEST(test_portb_register_fuzz_keeps_gate_and_out2_consistent)
{
    struct rig r;
    rig_init(&r);
    srand(0x61);
    uint64_t t = 0;
    for (int k = 0; k < 100000; k++) {
        int op = rand() % 6;
        uint16_t port = rand() % 3 ? 0x61 : (uint16_t)(0x40 + rand() % 4);
        if (op < 2)
            bus_write(r.io, port, (uint32_t)rand() & 0xFF, 1);
        else if (op < 4)
            bus_read(r.io, port, 1);
        else
            at(&r, t += (uint64_t)(rand() % 100));
        bool via_port = bus_read(r.io, 0x61, 1) & 0x20;
        ck_assert_int_eq(via_port, pit_get_out(r.pit, 2));
    }
    rig_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("portb");
    TCase *tc = tcase_create("ports");
    tcase_add_test(tc, test_pit_gate2_via_port61);
    tcase_add_test(tc, test_portb_out2_follows_square_wave);
    tcase_add_test(tc, test_portb_refresh_bit_toggles_every_15us);
    tcase_add_test(tc, test_portb_writable_bits_read_back_and_high_bits_read_zero);
    tcase_add_test(tc, test_portb_state_desc_describes_bits);
    tcase_add_test(tc, test_portb_register_fuzz_keeps_gate_and_out2_consistent);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
