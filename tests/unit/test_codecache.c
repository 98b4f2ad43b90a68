/*
 * tests/unit/test_codecache.c - the decoded-instruction cache against the
 * MMU: the same bytes decoded as 16-bit and as 32-bit code, an instruction
 * straddling two pages whose second page is remapped, a store into the
 * instruction being executed (REP STOSB over itself), and successor hints
 * surviving none of these.
 */
#include <check.h>

#include "cpu/fault.h"
#include "support/testmachine.h"

static void flat(struct cpu_seg *s, uint16_t sel, uint16_t attr)
{
    s->sel = sel;
    s->base = 0;
    s->limit = 0xFFFFFFFFu;
    s->attr = attr;
}

/* Flat protected mode with CS 16-bit (@code32 false) or 32-bit. */
static void set_code_size(struct tmachine *m, bool code32, uint32_t eip)
{
    struct cpu_regs r = tm_regs(m);
    for (int s = 0; s < SEG_COUNT; s++)
        flat(&r.seg[s], 0x10, 0xC93);
    flat(&r.seg[SEG_CS], 0x08, code32 ? 0xC9B : 0x09B);
    r.cr[0] |= 1;
    r.eip = eip;
    tm_set_regs(m, &r);
}

/* B8 78 56 34 12 F4: 32-bit "mov eax,12345678h; hlt"; 16-bit "mov ax,5678h;
 * xor al,12h ... " -- run both ways from the same physical bytes. */
START_TEST(test_same_bytes_decode_separately_as_16_and_32_bit_code)
{
    static const uint8_t code[] = {0xB8, 0x78, 0x56, 0x34, 0x12, 0xF4, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    set_code_size(&m, true, TM_CODE);
    ck_assert_int_eq(cpu_run(m.cpu, 10), CPU_STOP_HALT);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EAX], 0x12345678);
    set_code_size(&m, false, TM_CODE);
    tm_set_gpr(&m, R_EAX, 0);
    cpu_run(m.cpu, 2); /* mov ax,5678h ; xor al,12h */
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.gpr[R_EAX], 0x5678 ^ 0x12);
    ck_assert_uint_eq(r.eip, TM_CODE + 5);
    set_code_size(&m, true, TM_CODE); /* and back: the 32-bit decode again */
    ck_assert_int_eq(cpu_run(m.cpu, 10), CPU_STOP_HALT);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EAX], 0x12345678);
    tm_free(&m);
}
END_TEST

/*
 * Paging: linear page 5 maps physical 5000h, page 6 maps 6000h.  A 5-byte
 * "mov eax, imm32" starts at 5FFDh, so its last two immediate bytes come
 * from page 6.  After running it, page 6 is remapped to 7000h (with INVLPG
 * through the debugger-free path: CR3 reload) and the same instruction must
 * read the new bytes.
 */
START_TEST(test_straddling_instruction_sees_remapped_second_page)
{
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, NULL, 0);
    for (uint32_t k = 0; k < 1024; k++)
        tm_put32(&m, 0x11000 + 4 * k, (k << 12) | 7);
    tm_put32(&m, 0x10000, 0x11000 | 7);
    static const uint8_t head[] = {0xB8, 0x11, 0x22, 0x33}; /* at 5FFDh */
    tm_put(&m, 0x5FFD, head, 3);
    m.ram[0x6000] = 0x33;
    m.ram[0x6001] = 0x44;
    m.ram[0x6002] = 0xF4;
    m.ram[0x7000] = 0xAA;
    m.ram[0x7001] = 0xBB;
    m.ram[0x7002] = 0xF4;
    set_code_size(&m, true, 0x5FFD);
    struct cpu_regs r = tm_regs(&m);
    r.cr[0] |= 0x80000000u;
    r.cr[3] = 0x10000;
    tm_set_regs(&m, &r);
    ck_assert_int_eq(cpu_run(m.cpu, 10), CPU_STOP_HALT);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EAX], 0x44332211);
    tm_put32(&m, 0x11000 + 4 * 6, 0x7000 | 7);
    r = tm_regs(&m);
    r.eip = 0x5FFD; /* cpu_set_regs also flushes the TLB, like a CR3 reload */
    tm_set_regs(&m, &r);
    ck_assert_int_eq(cpu_run(m.cpu, 10), CPU_STOP_HALT);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EAX], 0xBBAA2211);
    tm_free(&m);
}
END_TEST

/*
 * Real mode, ES=DS=0: "rep stosb" at 1000h with DI=1000h, CX=4, AL=90h
 * overwrites itself and the two bytes after it with NOPs; execution then
 * continues with those NOPs and reaches the HLT at 1004h.  The instruction
 * being executed was modified under its own feet.
 */
START_TEST(test_store_inside_the_executing_instruction)
{
    static const uint8_t code[] = {0xF3, 0xAA, 0x40, 0x40, 0xF4}; /* rep stosb; inc ax x2; hlt */
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = tm_regs(&m);
    r.gpr[R_EDI] = TM_CODE;
    r.gpr[R_ECX] = 4;
    r.gpr[R_EAX] = 0x90;
    tm_set_regs(&m, &r);
    ck_assert_int_eq(cpu_run(m.cpu, 20), CPU_STOP_HALT);
    r = tm_regs(&m);
    ck_assert_uint_eq(r.gpr[R_EAX] & 0xFFFF, 0x90); /* the INCs were overwritten */
    ck_assert_uint_eq(r.eip, TM_CODE + 5);
    ck_assert_uint_eq(m.ram[TM_CODE + 3], 0x90);
    tm_free(&m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("codecache");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_same_bytes_decode_separately_as_16_and_32_bit_code);
    tcase_add_test(tc, test_straddling_instruction_sees_remapped_second_page);
    tcase_add_test(tc, test_store_inside_the_executing_instruction);
    suite_add_tcase(s, tc);
    return tm_run_suite(s);
}
