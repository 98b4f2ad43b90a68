/*
 * tests/unit/test_fault.c - the fault mechanism: IVT delivery of exceptions
 * with the faulting IP pushed, the exception hook seeing exceptions before
 * delivery (resume or deliver), double fault and triple fault (shutdown).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"

#define RAM_SIZE (1u << 20)

struct machine {
    uint8_t *ram;
    struct cpu *cpu;
    int hook_calls, last_vector;
    enum cpu_hook_action action;
};

static uint8_t *mem_page(void *o, uint32_t paddr, bool write)
{
    struct machine *m = o;
    return paddr < RAM_SIZE ? m->ram + (paddr & ~0xFFFu) : NULL;
}
static uint32_t mem_read(void *o, uint32_t paddr, unsigned size) { return 0xFFFFFFFFu; }
static void mem_write(void *o, uint32_t paddr, uint32_t val, unsigned size) {}
static uint32_t io_read(void *o, uint16_t port, unsigned size) { return 0xFFFFFFFFu; }
static void io_write(void *o, uint16_t port, uint32_t val, unsigned size) {}

/* Real mode, all segments 0, SP 8000h, code at 1000h. */
static void machine_init(struct machine *m, const uint8_t *code, size_t n)
{
    memset(m, 0, sizeof(*m));
    struct cpu_bus bus = {m, mem_page, mem_read, mem_write, io_read, io_write, NULL};
    m->ram = calloc(1, RAM_SIZE);
    m->cpu = cpu_create(CPU_MODEL_486, &bus);
    memcpy(m->ram + 0x1000, code, n);
    struct cpu_regs r;
    cpu_get_regs(m->cpu, &r);
    for (int s = 0; s < SEG_COUNT; s++)
        r.seg[s].sel = 0, r.seg[s].base = 0;
    r.gpr[R_ESP] = 0x8000;
    r.eip = 0x1000;
    cpu_set_regs(m->cpu, &r);
}

static void set_vector(struct machine *m, int v, uint16_t seg, uint16_t off)
{
    m->ram[v * 4] = off & 0xFF;
    m->ram[v * 4 + 1] = off >> 8;
    m->ram[v * 4 + 2] = seg & 0xFF;
    m->ram[v * 4 + 3] = seg >> 8;
}

static uint16_t word_at(struct machine *m, uint32_t a) { return m->ram[a] | m->ram[a + 1] << 8; }

static enum cpu_hook_action hook(void *o, struct cpu *c, int vector, uint32_t err, bool has_err)
{
    struct machine *m = o;
    m->hook_calls++;
    m->last_vector = vector;
    if (m->action == CPU_HOOK_RESUME) {
        struct cpu_regs r; /* skip the 2-byte undefined opcode */
        cpu_get_regs(c, &r);
        r.eip += 2;
        cpu_set_regs(c, &r);
    }
    return m->action;
}

static const uint8_t ud_code[] = {0x90, 0x0F, 0xFF, 0xF4}; /* nop; 0F FF (#UD); hlt */

START_TEST(test_ud_delivered_through_ivt_with_faulting_ip)
{
    struct machine m;
    machine_init(&m, ud_code, sizeof(ud_code));
    set_vector(&m, 6, 0x0000, 0x2000);
    m.ram[0x2000] = 0xF4; /* handler: hlt */
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    struct cpu_regs r;
    cpu_get_regs(m.cpu, &r);
    ck_assert_uint_eq(r.eip, 0x2001);
    ck_assert_uint_eq(r.gpr[R_ESP] & 0xFFFF, 0x8000 - 6);
    ck_assert_uint_eq(word_at(&m, 0x8000 - 6), 0x1001); /* IP of the 0F FF */
    ck_assert_uint_eq(word_at(&m, 0x8000 - 4), 0x0000); /* CS */
    cpu_destroy(m.cpu);
    free(m.ram);
}
END_TEST

START_TEST(test_hook_sees_exception_and_can_resume)
{
    struct machine m;
    machine_init(&m, ud_code, sizeof(ud_code));
    m.action = CPU_HOOK_RESUME;
    cpu_set_exception_hook(m.cpu, hook, &m);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_int_eq(m.hook_calls, 1);
    ck_assert_int_eq(m.last_vector, 6);
    struct cpu_regs r;
    cpu_get_regs(m.cpu, &r);
    ck_assert_uint_eq(r.eip, 0x1004); /* resumed past 0F FF, then hlt */
    ck_assert_uint_eq(r.gpr[R_ESP] & 0xFFFF, 0x8000); /* nothing pushed */
    cpu_destroy(m.cpu);
    free(m.ram);
}
END_TEST

START_TEST(test_hook_deliver_goes_to_ivt)
{
    struct machine m;
    machine_init(&m, ud_code, sizeof(ud_code));
    set_vector(&m, 6, 0x0000, 0x2000);
    m.ram[0x2000] = 0xF4;
    m.action = CPU_HOOK_DELIVER;
    cpu_set_exception_hook(m.cpu, hook, &m);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_int_eq(m.hook_calls, 1);
    struct cpu_regs r;
    cpu_get_regs(m.cpu, &r);
    ck_assert_uint_eq(r.eip, 0x2001);
    cpu_destroy(m.cpu);
    free(m.ram);
}
END_TEST

START_TEST(test_fault_pushing_frame_escalates_to_triple_fault)
{
    /* SP = 1: pushing the #UD frame overruns SS's limit (#SS, contributory)
     * while delivering #UD (benign) -> #SS delivered; its own push faults
     * again (#SS while delivering #SS -> #DF), and #DF's push faults too:
     * triple fault, the CPU shuts down (SDM Vol. 3, 6.15, Interrupt 8). */
    struct machine m;
    machine_init(&m, ud_code, sizeof(ud_code));
    struct cpu_regs r;
    cpu_get_regs(m.cpu, &r);
    r.gpr[R_ESP] = 1;
    cpu_set_regs(m.cpu, &r);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_SHUTDOWN);
    cpu_destroy(m.cpu);
    free(m.ram);
}
END_TEST

START_TEST(test_word_read_at_segment_limit_raises_gp)
{
    /* mov ax,[0FFFFh]: a word at offset FFFFh crosses the 64 KiB limit: #GP
     * (SDM Vol. 3, 20.1.3, real-address mode exceptions). */
    static const uint8_t code[] = {0xA1, 0xFF, 0xFF, 0xF4};
    struct machine m;
    machine_init(&m, code, sizeof(code));
    set_vector(&m, 13, 0x0000, 0x2000);
    m.ram[0x2000] = 0xF4;
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_uint_eq(word_at(&m, 0x8000 - 6), 0x1000);
    struct cpu_regs r;
    cpu_get_regs(m.cpu, &r);
    ck_assert_uint_eq(r.eip, 0x2001);
    cpu_destroy(m.cpu);
    free(m.ram);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fault");
    TCase *t = tcase_create("fault");
    tcase_add_test(t, test_ud_delivered_through_ivt_with_faulting_ip);
    tcase_add_test(t, test_hook_sees_exception_and_can_resume);
    tcase_add_test(t, test_hook_deliver_goes_to_ivt);
    tcase_add_test(t, test_fault_pushing_frame_escalates_to_triple_fault);
    tcase_add_test(t, test_word_read_at_segment_limit_raises_gp);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
