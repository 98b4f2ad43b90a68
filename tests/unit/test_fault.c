/*
 * tests/unit/test_fault.c - the fault mechanism: IVT delivery of exceptions
 * with the faulting IP pushed, the exception hook seeing exceptions before
 * delivery (resume or deliver), double fault and triple fault (shutdown).
 * Runs on the shared real-mode test machine (tests/unit/support/testmachine.h).
 */
#include <check.h>

#include "tests/unit/support/testmachine.h"

/* What the exception hook saw, and what it answers. */
struct hook_log {
    int calls, last_vector;
    enum cpu_hook_action action;
};

static enum cpu_hook_action hook(void *o, struct cpu *c, int vector, uint32_t err, bool has_err)
{
    struct hook_log *log = o;
    log->calls++;
    log->last_vector = vector;
    if (log->action == CPU_HOOK_RESUME) {
        struct cpu_regs r; /* skip the 2-byte undefined opcode */
        cpu_get_regs(c, &r);
        r.eip += 2;
        cpu_set_regs(c, &r);
    }
    return log->action;
}

static const uint8_t ud_code[] = {0x90, 0x0F, 0xFF, 0xF4}; /* nop; 0F FF (#UD); hlt */

START_TEST(test_ud_delivered_through_ivt_with_faulting_ip)
{
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, ud_code, sizeof(ud_code));
    tm_set_hlt_vector(&m, 6, 0x2000); /* handler: hlt */
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.eip, 0x2001);
    ck_assert_uint_eq(r.gpr[R_ESP] & 0xFFFF, 0x8000 - 6);
    ck_assert_uint_eq(tm_get16(&m, 0x8000 - 6), 0x1001); /* IP of the 0F FF */
    ck_assert_uint_eq(tm_get16(&m, 0x8000 - 4), 0x0000); /* CS */
    tm_free(&m);
}
END_TEST

START_TEST(test_hook_sees_exception_and_can_resume)
{
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, ud_code, sizeof(ud_code));
    struct hook_log log = {.action = CPU_HOOK_RESUME};
    cpu_set_exception_hook(m.cpu, hook, &log);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_int_eq(log.calls, 1);
    ck_assert_int_eq(log.last_vector, 6);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.eip, 0x1004);                 /* resumed past 0F FF, then hlt */
    ck_assert_uint_eq(r.gpr[R_ESP] & 0xFFFF, 0x8000); /* nothing pushed */
    tm_free(&m);
}
END_TEST

START_TEST(test_hook_deliver_goes_to_ivt)
{
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, ud_code, sizeof(ud_code));
    tm_set_hlt_vector(&m, 6, 0x2000); /* handler: hlt */
    struct hook_log log = {.action = CPU_HOOK_DELIVER};
    cpu_set_exception_hook(m.cpu, hook, &log);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_int_eq(log.calls, 1);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.eip, 0x2001);
    tm_free(&m);
}
END_TEST

START_TEST(test_fault_pushing_frame_escalates_to_triple_fault)
{
    /* SP = 1: pushing the #UD frame overruns SS's limit (#SS, contributory)
     * while delivering #UD (benign) -> #SS delivered; its own push faults
     * again (#SS while delivering #SS -> #DF), and #DF's push faults too:
     * triple fault, the CPU shuts down (SDM Vol. 3, 6.15, Interrupt 8). */
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, ud_code, sizeof(ud_code));
    struct cpu_regs r = tm_regs(&m);
    r.gpr[R_ESP] = 1;
    tm_set_regs(&m, &r);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_SHUTDOWN);
    tm_free(&m);
}
END_TEST

START_TEST(test_word_read_at_segment_limit_raises_gp)
{
    /* mov ax,[0FFFFh]: a word at offset FFFFh crosses the 64 KiB limit: #GP
     * (SDM Vol. 3, 20.1.3, real-address mode exceptions). */
    static const uint8_t code[] = {0xA1, 0xFF, 0xFF, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_set_hlt_vector(&m, 13, 0x2000); /* handler: hlt */
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_uint_eq(tm_get16(&m, 0x8000 - 6), 0x1000);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.eip, 0x2001);
    tm_free(&m);
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
    return tm_run_suite(s);
}
