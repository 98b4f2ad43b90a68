/*
 * tests/unit/test_smc.c - self-modifying code and the decoded-instruction
 * cache: a store into cached code must be seen by the next fetch, a store
 * elsewhere in a code page must not drop unrelated code, and writes made
 * behind the CPU's back are seen after cpu_invalidate_phys().
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"

#define RAM_SIZE (1u << 20)

struct machine {
    uint8_t *ram;
    struct cpu *cpu;
};

static uint8_t *mem_page(void *o, uint32_t paddr, bool write)
{
    struct machine *m = o;
    (void)write;
    return paddr < RAM_SIZE ? m->ram + (paddr & ~0xFFFu) : NULL;
}

static uint32_t mem_read(void *o, uint32_t paddr, unsigned size) { return 0xFFFFFFFFu; }
static void mem_write(void *o, uint32_t paddr, uint32_t val, unsigned size) {}
static uint32_t io_read(void *o, uint16_t port, unsigned size) { return 0xFFFFFFFFu; }
static void io_write(void *o, uint16_t port, uint32_t val, unsigned size) {}

static void machine_init(struct machine *m)
{
    struct cpu_bus bus = {m, mem_page, mem_read, mem_write, io_read, io_write, NULL};
    m->ram = calloc(1, RAM_SIZE);
    m->cpu = cpu_create(CPU_MODEL_486, &bus);
    ck_assert_ptr_nonnull(m->cpu);
    struct cpu_regs r;
    cpu_get_regs(m->cpu, &r);
    for (int s = 0; s < SEG_COUNT; s++) {
        r.seg[s].sel = 0;
        r.seg[s].base = 0;
    }
    r.gpr[R_ESP] = 0x8000;
    cpu_set_regs(m->cpu, &r);
}

static void machine_free(struct machine *m)
{
    cpu_destroy(m->cpu);
    free(m->ram);
}

/* Run from 0000:@ip until HLT; return AL. */
static uint8_t run_at(struct machine *m, uint16_t ip)
{
    struct cpu_regs r;
    cpu_get_regs(m->cpu, &r);
    r.eip = ip;
    cpu_set_regs(m->cpu, &r);
    ck_assert_int_eq(cpu_run(m->cpu, 1000), CPU_STOP_HALT);
    cpu_get_regs(m->cpu, &r);
    return r.gpr[R_EAX] & 0xFF;
}

static void put(struct machine *m, uint32_t at, const uint8_t *b, size_t n) { memcpy(m->ram + at, b, n); }

START_TEST(test_store_into_cached_instruction_is_seen)
{
    struct machine m;
    machine_init(&m);
    const uint8_t target[] = {0xB0, 0x11, 0xF4};            /* mov al,11h; hlt */
    const uint8_t patch[] = {0xC6, 0x06, 0x01, 0x10, 0x22,  /* mov byte [1001h],22h */
                             0xE9, 0xF8, 0xFE};             /* jmp 1000h */
    put(&m, 0x1000, target, sizeof(target));
    put(&m, 0x1100, patch, sizeof(patch));
    ck_assert_uint_eq(run_at(&m, 0x1000), 0x11);
    ck_assert_uint_eq(run_at(&m, 0x1100), 0x22);
    machine_free(&m);
}
END_TEST

START_TEST(test_store_into_next_instruction_same_chunk)
{
    struct machine m;
    machine_init(&m);
    const uint8_t code[] = {0xC6, 0x06, 0x06, 0x12, 0x33, /* mov byte [1206h],33h */
                            0xB0, 0x00, 0xF4};            /* mov al,0; hlt */
    put(&m, 0x1200, code, sizeof(code));
    ck_assert_uint_eq(run_at(&m, 0x1205), 0x00); /* caches "mov al,0" */
    ck_assert_uint_eq(run_at(&m, 0x1200), 0x33);
    machine_free(&m);
}
END_TEST

START_TEST(test_store_to_other_chunk_keeps_cached_code)
{
    struct machine m;
    machine_init(&m);
    const uint8_t code[] = {0xC6, 0x06, 0x00, 0x14, 0x55, 0xB0, 0x07, 0xF4};
    put(&m, 0x1300, code, sizeof(code)); /* writes 1400h: same page, other chunk */
    ck_assert_uint_eq(run_at(&m, 0x1300), 0x07);
    struct cpu_stats before, after;
    cpu_get_stats(m.cpu, &before);
    ck_assert_uint_eq(run_at(&m, 0x1300), 0x07);
    cpu_get_stats(m.cpu, &after);
    ck_assert_uint_eq(after.smc_invalidations, before.smc_invalidations);
    ck_assert_uint_eq(after.decode_misses, before.decode_misses);
    ck_assert_uint_eq(m.ram[0x1400], 0x55);
    machine_free(&m);
}
END_TEST

START_TEST(test_external_write_needs_invalidate_phys)
{
    struct machine m;
    machine_init(&m);
    const uint8_t code[] = {0xB0, 0x01, 0xF4};
    put(&m, 0x2000, code, sizeof(code));
    ck_assert_uint_eq(run_at(&m, 0x2000), 0x01);
    m.ram[0x2001] = 0x02; /* a DMA-like write the CPU did not see */
    cpu_invalidate_phys(m.cpu, 0x2001, 1);
    ck_assert_uint_eq(run_at(&m, 0x2000), 0x02);
    machine_free(&m);
}
END_TEST

START_TEST(test_two_cpus_in_one_process_are_independent)
{
    struct machine a, b;
    machine_init(&a);
    machine_init(&b);
    const uint8_t ca[] = {0xB0, 0xAA, 0xF4}, cb[] = {0xB0, 0xBB, 0xF4};
    put(&a, 0x3000, ca, 3);
    put(&b, 0x3000, cb, 3);
    ck_assert_uint_eq(run_at(&a, 0x3000), 0xAA);
    ck_assert_uint_eq(run_at(&b, 0x3000), 0xBB);
    machine_free(&a);
    machine_free(&b);
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
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
