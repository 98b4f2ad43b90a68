/*
 * tests/unit/test_paging.c - 32-bit paging in the MMU: translation through
 * the page directory and tables, accessed/dirty bits, #PF error codes and
 * CR2, U/S and R/W with CR0.WP, page-straddling writes, 4 MiB pages and
 * INVLPG (SDM Vol. 3, 4.3, 4.6, 4.7, 4.8).
 *
 * The machine runs flat 32-bit protected mode with paging on: page
 * directory at 10000h, one page table at 11000h identity-mapping the first
 * 4 MiB with P, R/W and U/S set unless a test changes an entry.
 */
#include <check.h>

#include "cpu/fault.h"
#include "support/testmachine.h"

enum { PD = 0x10000, PT = 0x11000, DATA = 0x5000 };
enum { P = 1, RW = 2, US = 4, A = 0x20, D = 0x40, PS = 0x80 };

struct pf_log {
    int vector;
    uint32_t err, cr2;
};

static enum cpu_hook_action record(void *o, struct cpu *c, int vec, uint32_t err, bool has)
{
    struct pf_log *l = o;
    struct cpu_regs r;
    cpu_get_regs(c, &r);
    l->vector = vec;
    l->err = err;
    l->cr2 = r.cr[2];
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

/* Paged flat machine at CPL @cpl running @code at TM_CODE. */
static void paged_init(struct tmachine *m, struct pf_log *log, enum cpu_model model,
                       const uint8_t *code, size_t n, unsigned cpl)
{
    tm_init(m, model, code, n);
    for (uint32_t k = 0; k < 1024; k++)
        tm_put32(m, PT + 4 * k, (k << 12) | P | RW | US);
    tm_put32(m, PD, PT | P | RW | US);
    struct cpu_regs r = tm_regs(m);
    uint16_t dpl = (uint16_t)(cpl << 5);
    for (int s = 0; s < SEG_COUNT; s++)
        flat(&r.seg[s], (uint16_t)(0x10 | cpl), 0xC93 | dpl);
    flat(&r.seg[SEG_CS], (uint16_t)(0x08 | cpl), 0xC9B | dpl);
    r.cr[0] |= 0x80000001u;
    r.cr[3] = PD;
    r.gpr[R_ESP] = 0x8000;
    tm_set_regs(m, &r);
    log->vector = -1;
    cpu_set_exception_hook(m->cpu, record, log);
}

static void run(struct tmachine *m) { cpu_run(m->cpu, 100); }

START_TEST(test_paging_read_sets_accessed_not_dirty)
{
    static const uint8_t code[] = {0xA1, 0x00, 0x50, 0x00, 0x00, 0xF4}; /* mov eax,[5000h] */
    struct tmachine m;
    struct pf_log log;
    paged_init(&m, &log, CPU_MODEL_486, code, sizeof(code), 0);
    tm_put32(&m, DATA, 0xCAFEF00D);
    run(&m);
    ck_assert_int_eq(log.vector, -1);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EAX], 0xCAFEF00D);
    ck_assert_uint_eq(tm_get32(&m, PT + 4 * 5) & (A | D), A);
    ck_assert_uint_eq(tm_get32(&m, PD) & A, A);
    tm_free(&m);
}
END_TEST

START_TEST(test_paging_write_sets_dirty)
{
    static const uint8_t code[] = {0xA3, 0x00, 0x50, 0x00, 0x00, 0xF4}; /* mov [5000h],eax */
    struct tmachine m;
    struct pf_log log;
    paged_init(&m, &log, CPU_MODEL_486, code, sizeof(code), 0);
    tm_set_gpr(&m, R_EAX, 0x12345678);
    run(&m);
    ck_assert_int_eq(log.vector, -1);
    ck_assert_uint_eq(tm_get32(&m, DATA), 0x12345678);
    ck_assert_uint_eq(tm_get32(&m, PT + 4 * 5) & (A | D), A | D);
    tm_free(&m);
}
END_TEST

START_TEST(test_not_present_page_faults_with_cr2_and_error_code)
{
    static const uint8_t code[] = {0xA1, 0x34, 0x60, 0x00, 0x00, 0xF4}; /* mov eax,[6034h] */
    struct tmachine m;
    struct pf_log log;
    paged_init(&m, &log, CPU_MODEL_486, code, sizeof(code), 0);
    tm_put32(&m, PT + 4 * 6, 0x6000 | RW | US); /* not present */
    run(&m);
    ck_assert_int_eq(log.vector, EXC_PF);
    ck_assert_uint_eq(log.err, 0); /* supervisor read, not present */
    ck_assert_uint_eq(log.cr2, 0x6034);
    ck_assert_uint_eq(tm_regs(&m).eip, TM_CODE); /* fault points at the load */
    ck_assert_uint_eq(tm_get32(&m, PT + 4 * 6) & A, 0);
    tm_free(&m);
}
END_TEST

START_TEST(test_user_write_to_read_only_page_is_protection_fault)
{
    static const uint8_t code[] = {0xA3, 0x00, 0x50, 0x00, 0x00, 0xF4};
    struct tmachine m;
    struct pf_log log;
    paged_init(&m, &log, CPU_MODEL_486, code, sizeof(code), 3);
    tm_put32(&m, PT + 4 * 5, DATA | P | US); /* read-only */
    run(&m);
    ck_assert_int_eq(log.vector, EXC_PF);
    ck_assert_uint_eq(log.err, 7); /* present, write, user */
    ck_assert_uint_eq(log.cr2, DATA);
    tm_free(&m);
}
END_TEST

START_TEST(test_user_read_of_supervisor_page_faults)
{
    static const uint8_t code[] = {0xA1, 0x00, 0x50, 0x00, 0x00, 0xF4};
    struct tmachine m;
    struct pf_log log;
    paged_init(&m, &log, CPU_MODEL_486, code, sizeof(code), 3);
    tm_put32(&m, PT + 4 * 5, DATA | P | RW); /* supervisor only */
    run(&m);
    ck_assert_int_eq(log.vector, EXC_PF);
    ck_assert_uint_eq(log.err, 5); /* present, read, user */
    tm_free(&m);
}
END_TEST

/* Supervisor write to a read-only page: allowed with WP=0, #PF with WP=1. */
START_TEST(test_supervisor_write_read_only_page_depends_on_wp)
{
    static const uint8_t code[] = {0xA3, 0x00, 0x50, 0x00, 0x00, 0xF4};
    for (int wp = 0; wp < 2; wp++) {
        struct tmachine m;
        struct pf_log log;
        paged_init(&m, &log, CPU_MODEL_486, code, sizeof(code), 0);
        tm_put32(&m, PT + 4 * 5, DATA | P);
        struct cpu_regs r = tm_regs(&m);
        r.cr[0] = wp ? r.cr[0] | (1u << 16) : r.cr[0] & ~(1u << 16);
        tm_set_regs(&m, &r);
        run(&m);
        ck_assert_int_eq(log.vector, wp ? EXC_PF : -1);
        if (wp)
            ck_assert_uint_eq(log.err, 3);
        tm_free(&m);
    }
}
END_TEST

/* A dword write straddling into a not-present page writes nothing. */
START_TEST(test_straddling_write_faults_before_writing_any_byte)
{
    static const uint8_t code[] = {0xA3, 0xFE, 0x4F, 0x00, 0x00, 0xF4}; /* mov [4FFEh],eax */
    struct tmachine m;
    struct pf_log log;
    paged_init(&m, &log, CPU_MODEL_486, code, sizeof(code), 0);
    tm_put32(&m, PT + 4 * 5, DATA | RW | US);
    tm_put16(&m, 0x4FFE, 0xBEEF);
    tm_set_gpr(&m, R_EAX, 0x11223344);
    run(&m);
    ck_assert_int_eq(log.vector, EXC_PF);
    ck_assert_uint_eq(log.cr2, 0x5000);
    ck_assert_uint_eq(log.err, 2);
    ck_assert_uint_eq(tm_get16(&m, 0x4FFE), 0xBEEF);
    tm_free(&m);
}
END_TEST

START_TEST(test_pse_4mb_page_maps_without_page_table)
{
    static const uint8_t code[] = {0xA1, 0x10, 0x00, 0x40, 0x00, 0xF4}; /* mov eax,[400010h] */
    struct tmachine m;
    struct pf_log log;
    paged_init(&m, &log, CPU_MODEL_PENTIUM, code, sizeof(code), 0);
    tm_put32(&m, PD + 4, 0x00000000 | PS | P | RW); /* 4 MiB at linear 4M -> phys 0 */
    tm_put32(&m, 0x10, 0xA5A5A5A5);
    struct cpu_regs r = tm_regs(&m);
    r.cr[4] |= 0x10; /* PSE */
    tm_set_regs(&m, &r);
    run(&m);
    ck_assert_int_eq(log.vector, -1);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EAX], 0xA5A5A5A5);
    ck_assert_uint_eq(tm_get32(&m, PD + 4) & A, A);
    tm_free(&m);
}
END_TEST

/* mov eax,[5000h]; mov dword [11014h],7007h (PTE 5 -> 7000h); invlpg [5000h];
 * mov ecx,[5000h]; hlt */
START_TEST(test_invlpg_drops_the_old_translation)
{
    static const uint8_t code[] = {0xA1, 0x00, 0x50, 0x00, 0x00, 0xC7, 0x05, 0x14, 0x10, 0x01,
                                   0x00, 0x07, 0x70, 0x00, 0x00, 0x0F, 0x01, 0x3D, 0x00, 0x50,
                                   0x00, 0x00, 0x8B, 0x0D, 0x00, 0x50, 0x00, 0x00, 0xF4};
    struct tmachine m;
    struct pf_log log;
    paged_init(&m, &log, CPU_MODEL_486, code, sizeof(code), 0);
    tm_put32(&m, DATA, 1);
    tm_put32(&m, 0x7000, 2);
    run(&m);
    ck_assert_int_eq(log.vector, -1);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EAX], 1);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_ECX], 2);
    tm_free(&m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("paging");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_paging_read_sets_accessed_not_dirty);
    tcase_add_test(tc, test_paging_write_sets_dirty);
    tcase_add_test(tc, test_not_present_page_faults_with_cr2_and_error_code);
    tcase_add_test(tc, test_user_write_to_read_only_page_is_protection_fault);
    tcase_add_test(tc, test_user_read_of_supervisor_page_faults);
    tcase_add_test(tc, test_supervisor_write_read_only_page_depends_on_wp);
    tcase_add_test(tc, test_straddling_write_faults_before_writing_any_byte);
    tcase_add_test(tc, test_pse_4mb_page_maps_without_page_table);
    tcase_add_test(tc, test_invlpg_drops_the_old_translation);
    suite_add_tcase(s, tc);
    return tm_run_suite(s);
}
