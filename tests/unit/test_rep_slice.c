/*
 * tests/unit/test_rep_slice.c - REP string iterations use up the run
 * slice's budget as instructions (the REP still retires once), so a guest
 * looping over long REP STOSB ends its slices on time: cpu_run with a
 * budget of N does about N iterations' work, not N whole REPs.  Runs on
 * the shared real-mode test machine.
 */
#include <check.h>

#include "tests/unit/support/testmachine.h"

/* loop: mov cx,1000h; mov di,2000h; rep stosb; inc bx; jmp loop */
static const uint8_t rep_loop[] = {0xB9, 0x00, 0x10, 0xBF, 0x00, 0x20,
                                   0xF3, 0xAA, 0x43, 0xEB, 0xF3};

START_TEST(test_rep_iterations_use_up_the_slice_budget)
{
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, rep_loop, sizeof(rep_loop));
    cpu_run(m.cpu, 20000);
    /* 20000 budget at 4096 iterations a REP: at most 5 passes (the last REP
     * in progress always completes); without the charge it would be ~4000 */
    uint32_t passes = tm_regs(&m).gpr[R_EBX] & 0xFFFF;
    ck_assert_uint_ge(passes, 4);
    ck_assert_uint_le(passes, 5);
    ck_assert_uint_le(cpu_icount(m.cpu), 6 * 5); /* five instructions a pass */
    tm_free(&m);
}
END_TEST

START_TEST(test_rep_retires_once_with_its_full_effect)
{
    struct tmachine m;
    /* mov cx,0E000h; mov di,2000h; rep stosb; hlt (fills 2000h-FFFFh, not the code) */
    static const uint8_t code[] = {0xB9, 0x00, 0xE0, 0xBF, 0x00, 0x20, 0xF3, 0xAA, 0xF4};
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    /* 57,344 iterations: more than one slice of 1000; run until HLT */
    for (unsigned k = 0; k < 100 && cpu_run(m.cpu, 1000) != CPU_STOP_HALT; k++)
        continue;
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.gpr[R_ECX] & 0xFFFF, 0);
    ck_assert_uint_eq(r.gpr[R_EDI] & 0xFFFF, 0); /* 2000h + E000h, wrapped */
    ck_assert_uint_eq(cpu_icount(m.cpu), 4);     /* mov, mov, rep stosb, hlt */
    tm_free(&m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rep_slice");
    TCase *t = tcase_create("rep");
    tcase_add_test(t, test_rep_iterations_use_up_the_slice_budget);
    tcase_add_test(t, test_rep_retires_once_with_its_full_effect);
    suite_add_tcase(s, t);
    return tm_run_suite(s);
}
