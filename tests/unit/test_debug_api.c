/*
 * tests/unit/test_debug_api.c - the CPU's debugger interface
 * (cpu/cpu_debug.h): the per-instruction hook is exact under the decoded
 * cache, watched pages report every access with old and new values,
 * debug reads and writes have no side effects (or invalidate code),
 * translation does not touch accessed bits, and instruction lengths come
 * from our decoder.
 */
#include <check.h>

#include "cpu/cpu_debug.h"
#include "support/testmachine.h"

struct hook_rec {
    uint32_t stop_at;
    int calls, stops;
};

static bool stop_at(void *o, struct cpu *c, uint32_t lin, uint32_t phys)
{
    struct hook_rec *h = o;
    h->calls++;
    if (lin == h->stop_at) {
        h->stops++;
        return true;
    }
    return false;
}

/* 1000: mov cx,3 / 1003: inc ax / 1004: loop 1003 / 1006: hlt */
static const uint8_t loop3[] = {0xB9, 0x03, 0x00, 0x40, 0xE2, 0xFD, 0xF4};

START_TEST(test_debug_hook_stops_before_instruction_on_every_pass)
{
    struct tmachine m;
    struct hook_rec h = {TM_CODE + 3, 0, 0};
    tm_init(&m, CPU_MODEL_486, loop3, sizeof(loop3));
    cpu_set_debug_hook(m.cpu, stop_at, &h);
    for (int pass = 1; pass <= 3; pass++) {
        ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_DEBUG);
        ck_assert_uint_eq(tm_regs(&m).eip, TM_CODE + 3);
        ck_assert_uint_eq(tm_regs(&m).gpr[R_EAX] & 0xFFFF, (uint32_t)(pass - 1));
        /* step over the breakpoint with the hook removed, as a debugger does */
        cpu_set_debug_hook(m.cpu, NULL, NULL);
        ck_assert_int_eq(cpu_run(m.cpu, 1), CPU_STOP_BUDGET);
        cpu_set_debug_hook(m.cpu, stop_at, &h);
    }
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_int_eq(h.stops, 3);
    tm_free(&m);
}
END_TEST

struct watch_rec {
    int n;
    uint32_t paddr, old, val;
    bool write;
    unsigned size;
};

static void on_watch(void *o, struct cpu *c, uint32_t paddr, unsigned size, bool write,
                     uint32_t old, uint32_t val)
{
    struct watch_rec *w = o;
    w->n++;
    w->paddr = paddr;
    w->size = size;
    w->write = write;
    w->old = old;
    w->val = val;
}

/* mov word [5000h], 1234h ; mov ax, [5000h] ; hlt */
static const uint8_t wcode[] = {0xC7, 0x06, 0x00, 0x50, 0x34, 0x12, 0xA1, 0x00, 0x50, 0xF4};

START_TEST(test_watched_page_reports_write_with_old_and_new_value_then_read)
{
    struct tmachine m;
    struct watch_rec w = {0};
    tm_init(&m, CPU_MODEL_486, wcode, sizeof(wcode));
    tm_put16(&m, 0x5000, 0xBEEF);
    cpu_set_watch_hook(m.cpu, on_watch, &w);
    cpu_watch_page(m.cpu, 0x5000, true);
    ck_assert_int_eq(cpu_run(m.cpu, 1), CPU_STOP_BUDGET);
    ck_assert_int_eq(w.n, 1);
    ck_assert(w.write);
    ck_assert_uint_eq(w.paddr, 0x5000);
    ck_assert_uint_eq(w.size, 2);
    ck_assert_uint_eq(w.old, 0xBEEF);
    ck_assert_uint_eq(w.val, 0x1234);
    ck_assert_int_eq(cpu_run(m.cpu, 1), CPU_STOP_BUDGET);
    ck_assert_int_eq(w.n, 2);
    ck_assert(!w.write);
    cpu_watch_page(m.cpu, 0x5000, false);
    tm_free(&m);
}
END_TEST

START_TEST(test_unwatched_page_reports_nothing)
{
    struct tmachine m;
    struct watch_rec w = {0};
    tm_init(&m, CPU_MODEL_486, wcode, sizeof(wcode));
    cpu_set_watch_hook(m.cpu, on_watch, &w);
    cpu_watch_page(m.cpu, 0x6000, true);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_int_eq(w.n, 0);
    tm_free(&m);
}
END_TEST

/* Writing over cached code through the debugger replaces the instruction. */
START_TEST(test_debug_write_invalidates_decoded_code)
{
    static const uint8_t code[] = {0x40, 0xF4}; /* inc ax ; hlt */
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    ck_assert_int_eq(cpu_run(m.cpu, 10), CPU_STOP_HALT);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EAX] & 0xFFFF, 1);
    uint8_t dec = 0x48; /* dec ax */
    ck_assert_uint_eq(cpu_debug_write(m.cpu, TM_CODE, true, &dec, 1), 1);
    struct cpu_regs r = tm_regs(&m);
    r.eip = TM_CODE;
    tm_set_regs(&m, &r);
    ck_assert_int_eq(cpu_run(m.cpu, 10), CPU_STOP_HALT);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EAX] & 0xFFFF, 0);
    uint8_t back[2];
    ck_assert_uint_eq(cpu_debug_read(m.cpu, TM_CODE, false, back, 2), 2);
    ck_assert_uint_eq(back[0], 0x48);
    tm_free(&m);
}
END_TEST

/* Paging on: translation follows the tables and sets no accessed bit. */
START_TEST(test_debug_translate_walks_pages_without_side_effects)
{
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, NULL, 0);
    tm_put32(&m, 0x10000, 0x11000 | 7);            /* PDE 0 */
    tm_put32(&m, 0x11000 + 4 * 5, 0x7000 | 7);     /* linear 5000h -> 7000h */
    struct cpu_regs r = tm_regs(&m);
    r.cr[0] |= 0x80000001u;
    r.cr[3] = 0x10000;
    tm_set_regs(&m, &r);
    uint32_t pa = 0;
    ck_assert(cpu_debug_translate(m.cpu, 0x5123, &pa));
    ck_assert_uint_eq(pa, 0x7123);
    ck_assert(!cpu_debug_translate(m.cpu, 0x6000, &pa));
    ck_assert_uint_eq(tm_get32(&m, 0x10000) & 0x20, 0);
    ck_assert_uint_eq(tm_get32(&m, 0x11000 + 4 * 5) & 0x20, 0);
    uint8_t b;
    ck_assert_uint_eq(cpu_debug_read(m.cpu, 0x6000, true, &b, 1), 0);
    tm_free(&m);
}
END_TEST

START_TEST(test_insn_length_comes_from_the_decoder)
{
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, NULL, 0);
    static const uint8_t mov32[] = {0xB8, 1, 2, 3, 4};
    static const uint8_t far_call16[] = {0x9A, 0x00, 0xFF, 0x00, 0xF0};
    static const uint8_t ud[] = {0x0F, 0xFF};
    ck_assert_uint_eq(cpu_insn_length(m.cpu, mov32, sizeof(mov32), true), 5);
    ck_assert_uint_eq(cpu_insn_length(m.cpu, mov32, sizeof(mov32), false), 3);
    ck_assert_uint_eq(cpu_insn_length(m.cpu, far_call16, sizeof(far_call16), false), 5);
    ck_assert_uint_eq(cpu_insn_length(m.cpu, ud, sizeof(ud), false), 0);
    tm_free(&m);
}
END_TEST

/* mov ax,[5000h] x3 ; hlt: one fill, then two hits on that page. */
START_TEST(test_tlb_counts_fills_and_hits)
{
    static const uint8_t code[] = {0xA1, 0x00, 0x50, 0xA1, 0x02, 0x50, 0xA1, 0x04, 0x50, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_tlb_stats a, b;
    cpu_get_tlb_stats(m.cpu, &a);
    ck_assert_int_eq(cpu_run(m.cpu, 10), CPU_STOP_HALT);
    cpu_get_tlb_stats(m.cpu, &b);
    ck_assert_uint_eq(b.hits - a.hits, 2);
    ck_assert_uint_ge(b.misses - a.misses, 1); /* the data page (and the code page) */
    tm_free(&m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("debug_api");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_debug_hook_stops_before_instruction_on_every_pass);
    tcase_add_test(tc, test_watched_page_reports_write_with_old_and_new_value_then_read);
    tcase_add_test(tc, test_unwatched_page_reports_nothing);
    tcase_add_test(tc, test_debug_write_invalidates_decoded_code);
    tcase_add_test(tc, test_debug_translate_walks_pages_without_side_effects);
    tcase_add_test(tc, test_insn_length_comes_from_the_decoder);
    tcase_add_test(tc, test_tlb_counts_fills_and_hits);
    suite_add_tcase(s, tc);
    return tm_run_suite(s);
}
