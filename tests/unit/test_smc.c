/*
 * tests/unit/test_smc.c - self-modifying code and the decoded-instruction
 * cache: a store into cached code must be seen by the next fetch, a store
 * elsewhere in a code page must not drop unrelated code, and writes made
 * behind the CPU's back are seen after cpu_invalidate_phys().  Runs on the
 * shared real-mode test machine (tests/unit/support/testmachine.h).
 */
#include <check.h>

#include "tests/unit/support/testmachine.h"

/* Run from 0000:@ip until HLT; return AL. */
static uint8_t run_at(struct tmachine *m, uint16_t ip)
{
    struct cpu_regs r = tm_regs(m);
    r.eip = ip;
    tm_set_regs(m, &r);
    return tm_run_to_halt(m).gpr[R_EAX] & 0xFF;
}

START_TEST(test_store_into_cached_instruction_is_seen)
{
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, NULL, 0);
    const uint8_t target[] = {0xB0, 0x11, 0xF4};           /* mov al,11h; hlt */
    const uint8_t patch[] = {0xC6, 0x06, 0x01, 0x10, 0x22, /* mov byte [1001h],22h */
                             0xE9, 0xF8, 0xFE};            /* jmp 1000h */
    tm_put(&m, 0x1000, target, sizeof(target));
    tm_put(&m, 0x1100, patch, sizeof(patch));
    ck_assert_uint_eq(run_at(&m, 0x1000), 0x11);
    ck_assert_uint_eq(run_at(&m, 0x1100), 0x22);
    tm_free(&m);
}
END_TEST

START_TEST(test_store_into_next_instruction_same_chunk)
{
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, NULL, 0);
    const uint8_t code[] = {0xC6, 0x06, 0x06, 0x12, 0x33, /* mov byte [1206h],33h */
                            0xB0, 0x00, 0xF4};            /* mov al,0; hlt */
    tm_put(&m, 0x1200, code, sizeof(code));
    ck_assert_uint_eq(run_at(&m, 0x1205), 0x00); /* caches "mov al,0" */
    ck_assert_uint_eq(run_at(&m, 0x1200), 0x33);
    tm_free(&m);
}
END_TEST

START_TEST(test_store_to_other_chunk_keeps_cached_code)
{
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, NULL, 0);
    const uint8_t code[] = {0xC6, 0x06, 0x00, 0x14, 0x55, 0xB0, 0x07, 0xF4};
    tm_put(&m, 0x1300, code, sizeof(code)); /* writes 1400h: same page, other chunk */
    ck_assert_uint_eq(run_at(&m, 0x1300), 0x07);
    struct cpu_stats before, after;
    cpu_get_stats(m.cpu, &before);
    ck_assert_uint_eq(run_at(&m, 0x1300), 0x07);
    cpu_get_stats(m.cpu, &after);
    ck_assert_uint_eq(after.smc_invalidations, before.smc_invalidations);
    ck_assert_uint_eq(after.decode_misses, before.decode_misses);
    ck_assert_uint_eq(m.ram[0x1400], 0x55);
    tm_free(&m);
}
END_TEST

START_TEST(test_external_write_needs_invalidate_phys)
{
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, NULL, 0);
    const uint8_t code[] = {0xB0, 0x01, 0xF4};
    tm_put(&m, 0x2000, code, sizeof(code));
    ck_assert_uint_eq(run_at(&m, 0x2000), 0x01);
    m.ram[0x2001] = 0x02; /* a DMA-like write the CPU did not see */
    cpu_invalidate_phys(m.cpu, 0x2001, 1);
    ck_assert_uint_eq(run_at(&m, 0x2000), 0x02);
    tm_free(&m);
}
END_TEST

START_TEST(test_two_cpus_in_one_process_are_independent)
{
    struct tmachine a, b;
    tm_init(&a, CPU_MODEL_486, NULL, 0);
    tm_init(&b, CPU_MODEL_486, NULL, 0);
    const uint8_t ca[] = {0xB0, 0xAA, 0xF4}, cb[] = {0xB0, 0xBB, 0xF4};
    tm_put(&a, 0x3000, ca, 3);
    tm_put(&b, 0x3000, cb, 3);
    ck_assert_uint_eq(run_at(&a, 0x3000), 0xAA);
    ck_assert_uint_eq(run_at(&b, 0x3000), 0xBB);
    tm_free(&a);
    tm_free(&b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("smc");
    TCase *t = tcase_create("dcache");
    tcase_add_test(t, test_store_into_cached_instruction_is_seen);
    tcase_add_test(t, test_store_into_next_instruction_same_chunk);
    tcase_add_test(t, test_store_to_other_chunk_keeps_cached_code);
    tcase_add_test(t, test_external_write_needs_invalidate_phys);
    tcase_add_test(t, test_two_cpus_in_one_process_are_independent);
    suite_add_tcase(s, t);
    return tm_run_suite(s);
}
