/*
 * tests/unit/test_ac_iobitmap.c - alignment checking (#AC at CPL 3 with
 * CR0.AM and EFLAGS.AC; SDM Vol. 3, 6.15 "Interrupt 17") and the TSS I/O
 * permission bitmap (SDM Vol. 1, 19.5.2), in flat 32-bit protected mode.
 */
#include <check.h>

#include "cpu/fault.h"
#include "support/testmachine.h"

enum { TSS = 0x20000, IOMAP_OFF = 0x68 };

struct log {
    int vector;
    uint32_t err;
};

static enum cpu_hook_action record(void *o, struct cpu *c, int vec, uint32_t err, bool has)
{
    struct log *l = o;
    l->vector = vec;
    l->err = err;
    cpu_request_stop(c);
    return CPU_HOOK_RESUME;
}

static void flat(struct cpu_seg *s, uint16_t sel, uint16_t attr)
{
    s->sel = sel;
    s->base = 0;
    s->limit = 0xFFFFFFFFu;
    s->attr = attr;
}

/* Flat CPL 3 machine; @am/@ac set CR0.AM / EFLAGS.AC; TSS with a bitmap
 * covering ports 0-0x3FF where only port 0x80 and 0x81 are allowed. */
static void init(struct tmachine *m, struct log *l, const uint8_t *code, size_t n, bool am, bool ac)
{
    tm_init(m, CPU_MODEL_486, code, n);
    tm_put16(m, TSS + 0x66, IOMAP_OFF);
    for (uint32_t k = 0; k < 0x80; k++)
        m->ram[TSS + IOMAP_OFF + k] = 0xFF;
    m->ram[TSS + IOMAP_OFF + 0x10] = 0xFC; /* ports 80h, 81h allowed */
    struct cpu_regs r = tm_regs(m);
    for (int s = 0; s < SEG_COUNT; s++)
        flat(&r.seg[s], 0x23, 0xCF3);
    flat(&r.seg[SEG_CS], 0x1B, 0xCFB);
    r.cr[0] |= 1u | (am ? 1u << 18 : 0);
    r.eflags = 0x2 | (ac ? 1u << 18 : 0);
    r.tr.sel = 0x28;
    r.tr.base = TSS;
    r.tr.limit = IOMAP_OFF + 0x80 - 1;
    r.tr.attr = 0x8B;
    r.gpr[R_ESP] = 0x8000;
    tm_set_regs(m, &r);
    l->vector = -1;
    cpu_set_exception_hook(m->cpu, record, l);
}

/* mov eax, [5001h] ; hlt (the HLT is privileged at CPL 3 and ends each run) */
static const uint8_t misaligned[] = {0xA1, 0x01, 0x50, 0x00, 0x00, 0xF4};

START_TEST(test_misaligned_load_at_cpl3_raises_ac_when_armed)
{
    struct tmachine m;
    struct log l;
    init(&m, &l, misaligned, sizeof(misaligned), true, true);
    cpu_run(m.cpu, 10);
    ck_assert_int_eq(l.vector, EXC_AC);
    ck_assert_uint_eq(l.err, 0);
    ck_assert_uint_eq(tm_regs(&m).eip, TM_CODE);
    tm_free(&m);
}
END_TEST

START_TEST(test_alignment_check_needs_both_am_and_ac)
{
    for (int k = 0; k < 2; k++) {
        struct tmachine m;
        struct log l;
        init(&m, &l, misaligned, sizeof(misaligned), k == 0, k == 1);
        cpu_run(m.cpu, 10);
        /* the load passes; the HLT after it is privileged at CPL 3 */
        ck_assert_int_eq(l.vector, EXC_GP);
        ck_assert_uint_eq(tm_regs(&m).eip, TM_CODE + 5);
        tm_free(&m);
    }
}
END_TEST

/* mov eax, [5004h] ; hlt : aligned, no fault */
START_TEST(test_aligned_load_passes_with_alignment_check_armed)
{
    static const uint8_t aligned[] = {0xA1, 0x04, 0x50, 0x00, 0x00, 0xF4};
    struct tmachine m;
    struct log l;
    init(&m, &l, aligned, sizeof(aligned), true, true);
    cpu_run(m.cpu, 10);
    ck_assert_int_eq(l.vector, EXC_GP); /* only the privileged HLT faults */
    ck_assert_uint_eq(tm_regs(&m).eip, TM_CODE + 5);
    tm_free(&m);
}
END_TEST

/* out 80h, al ; out 80h, ax ; in al, 82h ; hlt */
START_TEST(test_io_bitmap_allows_clear_bits_and_faults_on_set_bits)
{
    static const uint8_t code[] = {0xE6, 0x80, 0x66, 0xE7, 0x80, 0xE4, 0x82, 0xF4};
    struct tmachine m;
    struct log l;
    init(&m, &l, code, sizeof(code), false, false);
    cpu_run(m.cpu, 10);
    ck_assert_int_eq(l.vector, EXC_GP);
    ck_assert_uint_eq(l.err, 0);
    ck_assert_uint_eq(tm_regs(&m).eip, TM_CODE + 5); /* the IN from port 82h */
    tm_free(&m);
}
END_TEST

/* out 80h, eax: ports 80h-83h, 82h is denied */
START_TEST(test_io_bitmap_checks_every_port_of_a_wide_access)
{
    static const uint8_t code[] = {0xE7, 0x80, 0xF4};
    struct tmachine m;
    struct log l;
    init(&m, &l, code, sizeof(code), false, false);
    cpu_run(m.cpu, 10);
    ck_assert_int_eq(l.vector, EXC_GP);
    ck_assert_uint_eq(tm_regs(&m).eip, TM_CODE);
    tm_free(&m);
}
END_TEST

/* in al, dx with DX beyond the bitmap (past the TSS limit) */
START_TEST(test_io_port_beyond_tss_limit_is_denied)
{
    static const uint8_t code[] = {0x66, 0xBA, 0x00, 0x10, 0xEC, 0xF4}; /* mov dx,1000h; in al,dx */
    struct tmachine m;
    struct log l;
    init(&m, &l, code, sizeof(code), false, false);
    cpu_run(m.cpu, 10);
    ck_assert_int_eq(l.vector, EXC_GP);
    ck_assert_uint_eq(tm_regs(&m).eip, TM_CODE + 4);
    tm_free(&m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ac_iobitmap");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_misaligned_load_at_cpl3_raises_ac_when_armed);
    tcase_add_test(tc, test_alignment_check_needs_both_am_and_ac);
    tcase_add_test(tc, test_aligned_load_passes_with_alignment_check_armed);
    tcase_add_test(tc, test_io_bitmap_allows_clear_bits_and_faults_on_set_bits);
    tcase_add_test(tc, test_io_bitmap_checks_every_port_of_a_wide_access);
    tcase_add_test(tc, test_io_port_beyond_tss_limit_is_denied);
    suite_add_tcase(s, tc);
    return tm_run_suite(s);
}
