/*
 * tests/device/test_port92.c - System Control Port A driven through its
 * port only: every write drives the A20 wiring from bit 1, a 0 -> 1
 * write of bit 0 pulses reset once, and reads return the two bits.
 */
#include <check.h>
#include <stdlib.h>

#include "board/bus.h"
#include "devices/port92.h"

struct wires {
    int a20_calls, resets;
    bool a20;
};

static void set_a20(void *o, bool en)
{
    struct wires *w = o;
    w->a20_calls++;
    w->a20 = en;
}

static void do_reset(void *o) { ((struct wires *)o)->resets++; }

START_TEST(test_port92_every_write_drives_a20_from_bit1)
{
    struct wires w = {0};
    struct port92_wiring pw = {set_a20, do_reset, &w};
    struct bus *io = bus_create("port", NULL, CPU_LOG_UNIMP);
    struct port92 *p = port92_create(io, PORT92_PORT, &pw);
    bus_write(io, 0x92, 0x02, 1);
    ck_assert_int_eq(w.a20_calls, 1);
    ck_assert(w.a20);
    bus_write(io, 0x92, 0x02, 1);
    ck_assert_int_eq(w.a20_calls, 2);
    ck_assert_uint_eq(bus_read(io, 0x92, 1), 0x02);
    bus_write(io, 0x92, 0x00, 1);
    ck_assert_int_eq(w.a20_calls, 3);
    ck_assert(!w.a20);
    ck_assert_int_eq(w.resets, 0);
    port92_destroy(p);
    bus_destroy(io);
}
END_TEST

START_TEST(test_port92_bit0_rising_edge_pulses_reset)
{
    struct wires w = {0};
    struct port92_wiring pw = {set_a20, do_reset, &w};
    struct bus *io = bus_create("port", NULL, CPU_LOG_UNIMP);
    struct port92 *p = port92_create(io, PORT92_PORT, &pw);
    bus_write(io, 0x92, 0x01, 1);
    bus_write(io, 0x92, 0x01, 1); /* still 1: no new edge */
    ck_assert_int_eq(w.resets, 1);
    bus_write(io, 0x92, 0x00, 1);
    bus_write(io, 0x92, 0x03, 1);
    ck_assert_int_eq(w.resets, 2);
    port92_reset(p);
    ck_assert_uint_eq(bus_read(io, 0x92, 1), 0);
    port92_destroy(p);
    bus_destroy(io);
}
END_TEST

START_TEST(test_port92_register_fuzz_keeps_two_bits)
{
    struct wires w = {0};
    struct port92_wiring pw = {set_a20, do_reset, &w};
    struct bus *io = bus_create("port", NULL, CPU_LOG_UNIMP);
    struct port92 *p = port92_create(io, PORT92_PORT, &pw);
    srand(92);
    for (int k = 0; k < 100000; k++) {
        bus_write(io, 0x92, (uint32_t)rand() & 0xFF, 1);
        uint32_t v = bus_read(io, 0x92, 1);
        ck_assert_uint_eq(v & ~3u, 0);
        ck_assert_int_eq(w.a20, (v & 2) != 0);
    }
    port92_destroy(p);
    bus_destroy(io);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("port92");
    TCase *tc = tcase_create("ports");
    tcase_add_test(tc, test_port92_every_write_drives_a20_from_bit1);
    tcase_add_test(tc, test_port92_bit0_rising_edge_pulses_reset);
    tcase_add_test(tc, test_port92_register_fuzz_keeps_two_bits);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
