/*
 * tests/unit/test_debugregs.c - DR0-DR3 breakpoints (SDM Vol. 3, 17.2,
 * 17.3): an instruction breakpoint faults before the instruction with
 * DR6.Bn set and is suppressed by RF; a data write breakpoint traps after
 * the writing instruction; a read/write breakpoint also catches reads;
 * LEN covers 1, 2 or 4 aligned bytes; disabled breakpoints do nothing.
 */
#include <check.h>

#include "cpu/fault.h"
#include "support/testmachine.h"

struct log {
    int n, vector;
    uint32_t eip, dr6;
};

static enum cpu_hook_action record(void *o, struct cpu *c, int vec, uint32_t err, bool has)
{
    struct log *l = o;
    struct cpu_regs r;
    cpu_get_regs(c, &r);
    l->n++;
    l->vector = vec;
    l->eip = r.eip;
    l->dr6 = r.dr[6];
    cpu_request_stop(c);
    return CPU_HOOK_RESUME;
}

/* 1000: inc ax ; 1001: mov [5002h], ax ; 1004: mov bx, [5008h] ; 1008: hlt */
static const uint8_t code[] = {0x40, 0xA3, 0x02, 0x50, 0x8B, 0x1E, 0x08, 0x50, 0xF4};

static void init(struct tmachine *m, struct log *l, unsigned n, uint32_t addr, uint32_t dr7)
{
    tm_init(m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = tm_regs(m);
    r.dr[n] = addr;
    r.dr[7] = dr7 | 0x400;
    tm_set_regs(m, &r);
    *l = (struct log){0, -1, 0, 0};
    cpu_set_exception_hook(m->cpu, record, l);
}

START_TEST(test_instruction_breakpoint_faults_before_the_instruction)
{
    struct tmachine m;
    struct log l;
    init(&m, &l, 1, TM_CODE + 1, 1u << 2); /* L1, RW=00 LEN=00 */
    cpu_run(m.cpu, 100);
    ck_assert_int_eq(l.vector, EXC_DB);
    ck_assert_uint_eq(l.eip, TM_CODE + 1);
    ck_assert_uint_eq(l.dr6 & 0xF, 2);
    ck_assert_uint_eq(tm_get16(&m, 0x5002), 0); /* not executed */
    tm_free(&m);
}
END_TEST

START_TEST(test_rf_suppresses_the_instruction_breakpoint_once)
{
    struct tmachine m;
    struct log l;
    init(&m, &l, 1, TM_CODE + 1, 1u << 2);
    cpu_run(m.cpu, 100);
    ck_assert_int_eq(l.n, 1);
    struct cpu_regs r = tm_regs(&m);
    r.eflags |= 1u << 16; /* RF, as a handler's IRET would restore it */
    tm_set_regs(&m, &r);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_int_eq(l.n, 1);
    ck_assert_uint_eq(tm_regs(&m).eflags & (1u << 16), 0); /* RF cleared */
    tm_free(&m);
}
END_TEST

START_TEST(test_data_write_breakpoint_traps_after_the_write)
{
    struct tmachine m;
    struct log l;
    /* DR0 = 5003h, L0, RW=01 (write), LEN=00 (1 byte): the word at 5002h covers it */
    init(&m, &l, 0, 0x5003, 1u | (1u << 16));
    cpu_run(m.cpu, 100);
    ck_assert_int_eq(l.vector, EXC_DB);
    ck_assert_uint_eq(l.eip, TM_CODE + 4); /* after the MOV */
    ck_assert_uint_eq(l.dr6 & 0xF, 1);
    ck_assert_uint_eq(tm_get16(&m, 0x5002), 1); /* the write happened */
    tm_free(&m);
}
END_TEST

START_TEST(test_write_breakpoint_ignores_reads_but_read_write_catches_them)
{
    struct tmachine m;
    struct log l;
    init(&m, &l, 2, 0x5008, (1u << 4) | (1u << 24) | (3u << 26)); /* L2 RW=01 LEN=4 */
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_int_eq(l.n, 0);
    tm_free(&m);
    init(&m, &l, 2, 0x5008, (1u << 4) | (3u << 24) | (3u << 26)); /* RW=11 */
    cpu_run(m.cpu, 100);
    ck_assert_int_eq(l.vector, EXC_DB);
    ck_assert_uint_eq(l.eip, TM_CODE + 8);
    ck_assert_uint_eq(l.dr6 & 0xF, 4);
    tm_free(&m);
}
END_TEST

START_TEST(test_disabled_breakpoint_does_nothing)
{
    struct tmachine m;
    struct log l;
    init(&m, &l, 0, TM_CODE + 1, 0);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_int_eq(l.n, 0);
    tm_free(&m);
}
END_TEST

/* out 80h, al ; hlt -- an I/O breakpoint on port 80h (RW=10) needs CR4.DE */
START_TEST(test_io_breakpoint_traps_after_out_only_with_cr4_de)
{
    static const uint8_t out80[] = {0xE6, 0x80, 0xF4};
    for (int de = 0; de < 2; de++) {
        struct tmachine m;
        struct log l = {0, -1, 0, 0};
        tm_init(&m, CPU_MODEL_PENTIUM, out80, sizeof(out80));
        struct cpu_regs r = tm_regs(&m);
        r.cr[4] = de ? 8 : 0;
        r.dr[0] = 0x80;
        r.dr[7] = 0x400 | 1u | (2u << 16);
        tm_set_regs(&m, &r);
        cpu_set_exception_hook(m.cpu, record, &l);
        cpu_run(m.cpu, 10);
        ck_assert_int_eq(l.n, de);
        if (de) {
            ck_assert_int_eq(l.vector, EXC_DB);
            ck_assert_uint_eq(l.eip, TM_CODE + 2);
            ck_assert_uint_eq(l.dr6 & 0xF, 1);
        }
        tm_free(&m);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("debugregs");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_instruction_breakpoint_faults_before_the_instruction);
    tcase_add_test(tc, test_rf_suppresses_the_instruction_breakpoint_once);
    tcase_add_test(tc, test_data_write_breakpoint_traps_after_the_write);
    tcase_add_test(tc, test_write_breakpoint_ignores_reads_but_read_write_catches_them);
    tcase_add_test(tc, test_disabled_breakpoint_does_nothing);
    tcase_add_test(tc, test_io_breakpoint_traps_after_out_only_with_cr4_de);
    suite_add_tcase(s, tc);
    return tm_run_suite(s);
}
