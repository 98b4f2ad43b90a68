/*
 * tests/unit/test_rep_slice.c - a long REP string instruction runs in
 * chunks that use up the run slice: cpu_run with a budget of N returns
 * after at most N chunks (so timers and stop requests are seen on time,
 * even when a guest spends all its time in REP STOSD to video memory),
 * without counting the unfinished REP as retired, and the next slice
 * carries on where it stopped.  Runs on the shared real-mode test machine.
 */
#include <check.h>

#include "tests/unit/support/testmachine.h"

START_TEST(test_rep_stosb_chunks_use_up_the_slice_but_do_not_retire)
{
    struct tmachine m;
    /* mov cx,0E000h; mov di,2000h; rep stosb; hlt (fills 2000h-FFFFh, not the code) */
    static const uint8_t code[] = {0xB9, 0x00, 0xE0, 0xBF, 0x00, 0x20, 0xF3, 0xAA, 0xF4};
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    cpu_run(m.cpu, 2); /* the two MOVs */
    uint64_t retired = cpu_icount(m.cpu);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_ECX] & 0xFFFF, 0xE000);
    cpu_run(m.cpu, 10);
    uint32_t cx = tm_regs(&m).gpr[R_ECX] & 0xFFFF;
    ck_assert_uint_gt(cx, 0);                        /* the slice ended inside the REP */
    ck_assert_uint_ge(cx, 0xE000 - 10 * 1024);       /* after at most 10 chunks */
    ck_assert_uint_eq(cpu_icount(m.cpu), retired);   /* not retired yet */
    ck_assert_uint_eq(tm_regs(&m).eip, TM_CODE + 6); /* still at the REP */
    for (unsigned k = 0; k < 100 && (tm_regs(&m).gpr[R_ECX] & 0xFFFF); k++)
        cpu_run(m.cpu, 10);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_ECX] & 0xFFFF, 0);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EDI] & 0xFFFF, 0); /* 2000h + E000h, wrapped */
    /* the last slice went on to the HLT: the REP retired once, then HLT */
    ck_assert_uint_eq(cpu_icount(m.cpu), retired + 2);
    ck_assert_uint_eq(tm_regs(&m).eip, TM_CODE + 9);
    tm_free(&m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rep_slice");
    TCase *t = tcase_create("rep");
    tcase_add_test(t, test_rep_stosb_chunks_use_up_the_slice_but_do_not_retire);
    suite_add_tcase(s, t);
    return tm_run_suite(s);
}
