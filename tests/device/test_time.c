/*
 * tests/device/test_time.c - virtual time: the clock and its timers
 * (board/clock.h) with a fake instruction counter, the state descriptor
 * walker, and a whole machine whose guest sleeps in HLT until ten PIT
 * interrupts have arrived, in -icount mode (twice: same result) and in
 * real time.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/clock.h"
#include "board/pc.h"
#include "board/state.h"
#include "devices/pit.h"

/* ---- the clock ------------------------------------------------------------ */

static uint64_t fake_icount;
static uint64_t read_fake_icount(void *opaque) { return *(uint64_t *)opaque; }

struct fire_log {
    struct clock *clk;
    unsigned n;
    char order[8];
    uint64_t when[8];
};

static void fire(struct fire_log *l, char name)
{
    if (l->n < 8) {
        l->order[l->n] = name;
        l->when[l->n++] = clock_now(l->clk);
    }
}
static void fire_a(void *o) { fire(o, 'a'); }
static void fire_b(void *o) { fire(o, 'b'); }

START_TEST(test_clock_icount_time_is_insns_shifted_plus_warp)
{
    struct clock c;
    fake_icount = 7;
    clock_init(&c, CLOCK_ICOUNT, 3, read_fake_icount, &fake_icount);
    ck_assert_uint_eq(clock_now(&c), 0); /* starts at 0 whatever the counter */
    fake_icount = 12;
    ck_assert_uint_eq(clock_now(&c), 40);
    clock_warp_to(&c, 1000);
    ck_assert_uint_eq(clock_now(&c), 1000);
    fake_icount = 13;
    ck_assert_uint_eq(clock_now(&c), 1008);
}
END_TEST

START_TEST(test_clock_insn_budget_reaches_the_deadline_exactly)
{
    struct clock c;
    struct timer t;
    struct fire_log l = {.clk = &c};
    fake_icount = 0;
    clock_init(&c, CLOCK_ICOUNT, 3, read_fake_icount, &fake_icount);
    ck_assert_uint_eq(clock_insn_budget(&c, 5000), 5000); /* no deadline */
    timer_init(&t, &c, fire_a, &l);
    timer_mod(&t, 100);
    ck_assert_uint_eq(clock_insn_budget(&c, 5000), 13); /* ceil(100 / 8) */
    ck_assert_uint_eq(clock_insn_budget(&c, 5), 5);
    fake_icount = 12;
    clock_run_timers(&c);
    ck_assert_uint_eq(l.n, 0); /* 96 ns: not yet */
    fake_icount = 13;
    clock_run_timers(&c);
    ck_assert_uint_eq(l.n, 1);
    ck_assert(!timer_pending(&t));
    timer_destroy(&t);
}
END_TEST

START_TEST(test_clock_warp_fires_timers_in_order_at_their_deadlines)
{
    struct clock c;
    struct timer ta, tb;
    struct fire_log l = {.clk = &c};
    clock_init(&c, CLOCK_MANUAL, 0, NULL, NULL);
    timer_init(&ta, &c, fire_a, &l);
    timer_init(&tb, &c, fire_b, &l);
    timer_mod(&ta, 300);
    timer_mod(&tb, 100);
    ck_assert_uint_eq(clock_next_deadline(&c), 100);
    clock_warp_to(&c, 1000);
    ck_assert_uint_eq(l.n, 2);
    ck_assert_int_eq(l.order[0], 'b');
    ck_assert_uint_eq(l.when[0], 100);
    ck_assert_int_eq(l.order[1], 'a');
    ck_assert_uint_eq(l.when[1], 300);
    ck_assert_uint_eq(clock_now(&c), 1000);
    ck_assert_uint_eq(clock_next_deadline(&c), CLOCK_NEVER);
    timer_destroy(&tb);
    timer_mod(&ta, 2000);
    ck_assert_uint_eq(clock_next_deadline(&c), 2000);
    timer_destroy(&ta);
    ck_assert_uint_eq(clock_next_deadline(&c), CLOCK_NEVER);
}
END_TEST

static struct timer rearm_timer;
static unsigned rearm_count;
static void rearm_in_past(void *o)
{
    rearm_count++;
    timer_mod(&rearm_timer, 0);
}

START_TEST(test_clock_timer_fires_at_most_once_per_run)
{
    struct clock c;
    clock_init(&c, CLOCK_MANUAL, 0, NULL, NULL);
    timer_init(&rearm_timer, &c, rearm_in_past, NULL);
    rearm_count = 0;
    timer_mod(&rearm_timer, 0);
    clock_run_timers(&c);
    ck_assert_uint_eq(rearm_count, 1);
    clock_run_timers(&c);
    ck_assert_uint_eq(rearm_count, 2);
    timer_destroy(&rearm_timer);
}
END_TEST

static unsigned kicks;
static void count_kick(void *o) { kicks++; }

START_TEST(test_clock_timer_armed_before_slice_end_kicks_cpu)
{
    struct clock c;
    struct timer t;
    struct fire_log l = {.clk = &c};
    fake_icount = 0;
    clock_init(&c, CLOCK_ICOUNT, 0, read_fake_icount, &fake_icount);
    clock_set_kick(&c, count_kick, NULL);
    timer_init(&t, &c, fire_a, &l);
    kicks = 0;
    clock_begin_slice(&c, 1000);
    timer_mod(&t, 2000); /* after the slice: no hurry */
    ck_assert_uint_eq(kicks, 0);
    timer_mod(&t, 500);
    ck_assert_uint_eq(kicks, 1);
    clock_end_slice(&c);
    timer_mod(&t, 10); /* no slice running */
    ck_assert_uint_eq(kicks, 1);
    timer_destroy(&t);
}
END_TEST

START_TEST(test_clock_realtime_sleeps_until_the_deadline)
{
    struct clock c;
    struct timer t;
    struct fire_log l = {.clk = &c};
    clock_init(&c, CLOCK_HOST, 0, NULL, NULL);
    timer_init(&t, &c, fire_a, &l);
    uint64_t target = clock_now(&c) + 2000000;
    timer_mod(&t, target);
    clock_warp_to(&c, target);
    ck_assert_uint_ge(clock_now(&c), target);
    ck_assert_uint_eq(l.n, 1);
    ck_assert_uint_ge(l.when[0], target);
    timer_destroy(&t);
}
END_TEST

/* ---- state descriptors -------------------------------------------------------- */

struct sample {
    uint8_t a;
    uint16_t b[2];
    uint64_t c;
};

START_TEST(test_state_desc_check_rejects_bad_layouts)
{
    struct state_field good[] = {STATE_FIELD(struct sample, a, 1), STATE_FIELD(struct sample, b, 2),
                                 STATE_FIELD(struct sample, c, 1)};
    struct state_desc d = {"sample", 1, sizeof(struct sample), good, 3};
    ck_assert_ptr_null(state_desc_check(&d));
    struct sample s = {0x12, {0x3456, 0x789A}, 0x1122334455667788ull};
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_uint_eq(state_dump(&d, &s, f), 4);
    fclose(f);
    ck_assert_str_eq(buf, "sample.a = 0x12\nsample.b[0] = 0x3456\nsample.b[1] = 0x789a\n"
                          "sample.c = 0x1122334455667788\n");
    free(buf);
    struct state_field overlap[] = {STATE_FIELD(struct sample, c, 1), {"c2", 12, 4, 1, NULL}};
    d.fields = overlap;
    d.nfields = 2;
    ck_assert_ptr_nonnull(state_desc_check(&d));
    struct state_field outside[] = {{"x", sizeof(struct sample) - 2, 4, 1, NULL}};
    d.fields = outside;
    d.nfields = 1;
    ck_assert_ptr_nonnull(state_desc_check(&d));
    struct state_field odd[] = {{"y", 0, 3, 1, NULL}};
    d.fields = odd;
    ck_assert_ptr_nonnull(state_desc_check(&d));
    ck_assert_ptr_null(state_desc_check(&clock_state_desc));
}
END_TEST

/* ---- a whole machine ------------------------------------------------------------ */

/*
 * The guest (NASM source in the comment of each line group):
 *   cli; DS = SS = 0; SP = 7000h; IVT[8] = F000:handler
 *   ICW1 11h, ICW2 08h, ICW3 04h, ICW4 01h; OCW1 FEh (only IRQ0)
 *   PIT counter 0: mode 2, count 1193 (about 1 ms)
 *   CX = 0; sti; .wait: hlt; cmp cx, 10; jb .wait
 *   cli (no tick may land between the test and the report);
 *   out 0F4h, cl (exit status 21); .h: hlt; jmp .h
 *   handler: inc cx; push ax; EOI; pop ax; iret
 */
static const uint8_t tick_guest[] = {
    0xfa, 0x31, 0xc0, 0x8e, 0xd8, 0x8e, 0xd0, 0xbc, 0x00, 0x70, 0xc7, 0x06, 0x20, 0x00,
    0x47, 0x00, 0xc7, 0x06, 0x22, 0x00, 0x00, 0xf0, 0xb0, 0x11, 0xe6, 0x20, 0xb0, 0x08,
    0xe6, 0x21, 0xb0, 0x04, 0xe6, 0x21, 0xb0, 0x01, 0xe6, 0x21, 0xb0, 0xfe, 0xe6, 0x21,
    0xb0, 0x34, 0xe6, 0x43, 0xb0, 0xa9, 0xe6, 0x40, 0xb0, 0x04, 0xe6, 0x40, 0x31, 0xc9,
    0xfb, 0xf4, 0x83, 0xf9, 0x0a, 0x72, 0xfa, 0xfa, 0x88, 0xc8, 0xe6, 0xf4, 0xf4, 0xeb,
    0xfd, 0x41, 0x50, 0xb0, 0x20, 0xe6, 0x20, 0x58, 0xcf,
};

struct run_result {
    int status;
    uint64_t insns, ns;
};

/* Run the tick guest to its exit request. */
static struct run_result run_tick_guest(bool icount, unsigned shift)
{
    static uint8_t rom[65536];
    memset(rom, 0xF4, sizeof(rom));
    memcpy(rom, tick_guest, sizeof(tick_guest));
    static const uint8_t reset_jump[] = {0xEA, 0x00, 0x00, 0x00, 0xF0}; /* jmp F000:0000 */
    memcpy(rom + 0xFFF0, reset_jump, sizeof(reset_jump));
    struct pc_config cfg = {.model = CPU_MODEL_486, .ram_mb = 1, .rom = rom,
                            .rom_size = sizeof(rom), .debugcon_port = -1,
                            .debugexit_port = 0xF4, .postcode_port = -1,
                            .icount = icount, .icount_shift = shift};
    const char *err;
    struct pc *m = pc_create(&cfg, &err);
    ck_assert_ptr_nonnull(m);
    struct run_result r = {-1, 0, 0};
    for (int k = 0; k < 100000 && !pc_exit_requested(m, &r.status); k++) {
        enum cpu_stop why = pc_run_slice(m, 100000);
        if (why == CPU_STOP_HALT && !pc_exit_requested(m, &r.status))
            ck_assert(pc_wait_for_interrupt(m));
    }
    r.insns = cpu_icount(pc_cpu(m));
    r.ns = pc_now_ns(m);
    pc_destroy(m);
    return r;
}

START_TEST(test_pc_hlt_waits_for_pit_interrupts_in_icount_mode)
{
    struct run_result a = run_tick_guest(true, 3);
    ck_assert_int_eq(a.status, 21);
    /* The control word raises OUT0 (low since reset): the first IRQ0 comes
     * at once, the other nine one period of 1193 ticks apart. */
    uint64_t nine_periods = pit_ticks_to_ns(9 * 1193);
    ck_assert_uint_ge(a.ns, nine_periods);
    ck_assert_uint_lt(a.ns, nine_periods + 100000);
    ck_assert_uint_lt(a.insns, 1000); /* the waits cost no instructions */
    struct run_result b = run_tick_guest(true, 3);
    ck_assert_int_eq(b.status, a.status);
    ck_assert_uint_eq(b.insns, a.insns);
    ck_assert_uint_eq(b.ns, a.ns);
}
END_TEST

START_TEST(test_pc_hlt_sleeps_for_pit_interrupts_in_real_time)
{
    struct run_result a = run_tick_guest(false, 0);
    ck_assert_int_eq(a.status, 21);
    ck_assert_uint_ge(a.ns, pit_ticks_to_ns(9 * 1193));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("time");
    TCase *tc = tcase_create("clock");
    tcase_add_test(tc, test_clock_icount_time_is_insns_shifted_plus_warp);
    tcase_add_test(tc, test_clock_insn_budget_reaches_the_deadline_exactly);
    tcase_add_test(tc, test_clock_warp_fires_timers_in_order_at_their_deadlines);
    tcase_add_test(tc, test_clock_timer_fires_at_most_once_per_run);
    tcase_add_test(tc, test_clock_timer_armed_before_slice_end_kicks_cpu);
    tcase_add_test(tc, test_clock_realtime_sleeps_until_the_deadline);
    tcase_add_test(tc, test_state_desc_check_rejects_bad_layouts);
    tcase_add_test(tc, test_pc_hlt_waits_for_pit_interrupts_in_icount_mode);
    tcase_add_test(tc, test_pc_hlt_sleeps_for_pit_interrupts_in_real_time);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
