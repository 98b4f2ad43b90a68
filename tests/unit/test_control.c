/*
 * tests/unit/test_control.c - end-to-end checks of the move, stack and
 * control-transfer handlers (cpu/ops_move.c, ops_stack.c, ops_control.c)
 * on the shared real-mode test machine (tests/unit/support/testmachine.h).
 *
 * Every machine starts in real mode with all segments at 0, SP = 8000h and
 * code at 0000:1000h; programs end with HLT.  Expected values follow the
 * Intel SDM Vol. 2 instruction pages cited in each test.
 */
#include <check.h>

#include "tests/unit/support/testmachine.h"

START_TEST(test_call_ret_roundtrip_16bit)
{
    /* 1000 call 1007; 1003 hlt; 1007 mov bx,1111h; 100A ret.
     * SDM "CALL": pushes IP of the next instruction (1003h). */
    static const uint8_t code[] = {0xE8, 0x04, 0x00, 0xF4, 0x90, 0x90,
                                   0x90, 0xBB, 0x11, 0x11, 0xC3};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.eip, 0x1004);
    ck_assert_uint_eq(r.gpr[R_EBX] & 0xFFFF, 0x1111);
    ck_assert_uint_eq(r.gpr[R_ESP], TM_STACK);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 2), 0x1003);
    tm_free(&m);
}
END_TEST

START_TEST(test_ret_imm_releases_parameters)
{
    /* push 5; push 6; call 100A; hlt ... 100A: ret 4 (SDM "RET": SP += 2 + 4). */
    static const uint8_t code[] = {0x6A, 0x05, 0x6A, 0x06, 0xE8, 0x01, 0x00,
                                   0xF4, 0x90, 0x90, 0xC2, 0x04, 0x00};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.eip, 0x1008);
    ck_assert_uint_eq(r.gpr[R_ESP], TM_STACK);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 2), 5);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 4), 6);
    tm_free(&m);
}
END_TEST

/* Exception hook that records the vector and resumes after the 6-byte
 * instruction at TM_CODE (so no exception frame overwrites the stack). */
static enum cpu_hook_action skip_hook(void *o, struct cpu *c, int vector, uint32_t err,
                                      bool has_err)
{
    *(int *)o = vector;
    struct cpu_regs r;
    cpu_get_regs(c, &r);
    r.eip = TM_CODE + 6;
    cpu_set_regs(c, &r);
    return CPU_HOOK_RESUME;
}

START_TEST(test_call_beyond_cs_limit_faults_before_push)
{
    /* o32 call rel32 to 1006h + F000h = 0001_0006h: beyond the 64 KiB CS
     * limit, #GP(0) (SDM "CALL", real-address mode exceptions) raised before
     * the return address is pushed: the stack memory keeps its contents. */
    static const uint8_t code[] = {0x66, 0xE8, 0x00, 0xF0, 0x00, 0x00, 0xF4};
    struct tmachine m;
    int vector = -1;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    cpu_set_exception_hook(m.cpu, skip_hook, &vector);
    tm_put16(&m, TM_STACK - 4, 0xAAAA);
    tm_put16(&m, TM_STACK - 2, 0xBBBB);
    struct cpu_regs r = tm_run_to_halt(&m);
    ck_assert_int_eq(vector, 13);
    ck_assert_uint_eq(r.eip, TM_CODE + 7);
    ck_assert_uint_eq(r.gpr[R_ESP], TM_STACK);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 4), 0xAAAA);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 2), 0xBBBB);
    tm_free(&m);
}
END_TEST

START_TEST(test_push_sp_pushes_old_value)
{
    /* push sp; pop ax; hlt.  286+ push SP as it was before the push
     * (SDM "PUSH", IA-32 Architecture Compatibility). */
    static const uint8_t code[] = {0x54, 0x58, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.gpr[R_EAX] & 0xFFFF, TM_STACK);
    ck_assert_uint_eq(r.gpr[R_ESP], TM_STACK);
    tm_free(&m);
}
END_TEST

START_TEST(test_push_sreg_32bit_writes_low_word_only)
{
    /* o32 push ds: SP drops by 4, only the selector word is written
     * (the 16-bit-move choice the SDM "PUSH" description allows). */
    static const uint8_t code[] = {0x66, 0x1E, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = tm_regs(&m);
    r.seg[SEG_DS].sel = 0x1234;
    r.seg[SEG_DS].base = 0x12340;
    tm_set_regs(&m, &r);
    tm_put16(&m, TM_STACK - 4, 0xAAAA);
    tm_put16(&m, TM_STACK - 2, 0xBBBB);
    r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.gpr[R_ESP], TM_STACK - 4);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 4), 0x1234);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 2), 0xBBBB);
    tm_free(&m);
}
END_TEST

START_TEST(test_pusha_popa_roundtrip)
{
    /* pusha; mov ax,0; mov bx,0; popa; hlt.  SDM "PUSHA": order AX CX DX
     * BX SP(original) BP SI DI; POPA restores all but SP from the frame. */
    static const uint8_t code[] = {0x60, 0xB8, 0x00, 0x00, 0xBB, 0x00, 0x00, 0x61, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    for (int g = 0; g < 8; g++)
        if (g != R_ESP)
            tm_set_gpr(&m, g, 0x1100u * (g + 1));
    struct cpu_regs r = tm_run_to_halt(&m);
    for (int g = 0; g < 8; g++)
        if (g != R_ESP)
            ck_assert_uint_eq(r.gpr[g], 0x1100u * (g + 1));
    ck_assert_uint_eq(r.gpr[R_ESP], TM_STACK);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 2), 0x1100);      /* AX first */
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 10), TM_STACK);   /* original SP */
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 16), 0x1100 * 8); /* DI last */
    tm_free(&m);
}
END_TEST

START_TEST(test_pop_rm_esp_based_uses_incremented_esp)
{
    /* a32 pop word [esp]: the address is computed after ESP is incremented
     * (SDM "POP"), so the word popped from 8000h lands at 8002h. */
    static const uint8_t code[] = {0x67, 0x8F, 0x04, 0x24, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_put16(&m, TM_STACK, 0x1234);
    struct cpu_regs r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.gpr[R_ESP], TM_STACK + 2);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK + 2), 0x1234);
    tm_free(&m);
}
END_TEST

START_TEST(test_enter_nested_level_2)
{
    /* enter 4,2 with BP = 9000h and [8FFEh] = AAAAh (SDM "ENTER"):
     * push BP -> [7FFE]=9000, FrameTemp=7FFE; copy [BP-2] -> [7FFC]=AAAA;
     * push FrameTemp -> [7FFA]=7FFE; BP=7FFE; SP=7FFA-4=7FF6.
     * Then leave (SDM "LEAVE"): SP=BP=7FFE, pop BP=9000, SP=8000. */
    static const uint8_t code[] = {0xC8, 0x04, 0x00, 0x02, 0xC9, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_set_gpr(&m, R_EBP, 0x9000);
    tm_put16(&m, 0x8FFE, 0xAAAA);
    ck_assert_int_eq(cpu_run(m.cpu, 1), CPU_STOP_BUDGET);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.gpr[R_EBP], 0x7FFE);
    ck_assert_uint_eq(r.gpr[R_ESP], 0x7FF6);
    ck_assert_uint_eq(tm_get16(&m, 0x7FFE), 0x9000);
    ck_assert_uint_eq(tm_get16(&m, 0x7FFC), 0xAAAA);
    ck_assert_uint_eq(tm_get16(&m, 0x7FFA), 0x7FFE);
    r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.gpr[R_EBP], 0x9000);
    ck_assert_uint_eq(r.gpr[R_ESP], TM_STACK);
    tm_free(&m);
}
END_TEST

START_TEST(test_loop_uses_cx_with_16bit_addressing)
{
    /* loop $ with ECX = 0005_0003h: 16-bit address size counts CX only
     * (SDM "LOOP/LOOPcc"), so the high word survives. */
    static const uint8_t code[] = {0xE2, 0xFE, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_set_gpr(&m, R_ECX, 0x00050003);
    struct cpu_regs r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.gpr[R_ECX], 0x00050000);
    ck_assert_uint_eq(r.eip, 0x1003);
    tm_free(&m);
}
END_TEST

START_TEST(test_loop_uses_ecx_with_addr32_prefix)
{
    /* a32 loop $ with ECX = 0001_0000h: ECX counts down through 0000_FFFFh
     * to zero (a CX-only count would leave 0001_0000h). */
    static const uint8_t code[] = {0x67, 0xE2, 0xFD, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_set_gpr(&m, R_ECX, 0x00010000);
    ck_assert_int_eq(cpu_run(m.cpu, 0x20000), CPU_STOP_HALT);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_ECX], 0);
    tm_free(&m);
}
END_TEST

START_TEST(test_loopne_stops_on_zf)
{
    /* cmp al,3 / loopne back / hlt with AL = 3: ZF = 1 ends LOOPNE after one
     * pass while CX is still nonzero; CX is decremented anyway. */
    static const uint8_t code[] = {0x3C, 0x03, 0xE0, 0xFC, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_set_gpr(&m, R_EAX, 3);
    tm_set_gpr(&m, R_ECX, 10);
    struct cpu_regs r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.gpr[R_ECX], 9);
    tm_free(&m);
}
END_TEST

START_TEST(test_jcxz_taken_only_when_cx_zero)
{
    /* jcxz +1 over an INC BX, with ECX = 0001_0000h (CX = 0): taken. */
    static const uint8_t code[] = {0xE3, 0x01, 0x43, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_set_gpr(&m, R_ECX, 0x00010000);
    struct cpu_regs r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.gpr[R_EBX], 0);
    tm_free(&m);
}
END_TEST

START_TEST(test_int_iret_roundtrip)
{
    /* stc; int 21h; hlt.  Handler at 0000:2000: clc; mov bx,1; iret.
     * IRET restores the pushed FLAGS, so CF is set again (SDM "IRET"). */
    static const uint8_t code[] = {0xF9, 0xCD, 0x21, 0xF4};
    static const uint8_t handler[] = {0xF8, 0xBB, 0x01, 0x00, 0xCF};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_set_vector(&m, 0x21, 0x0000, 0x2000);
    tm_put(&m, 0x2000, handler, sizeof(handler));
    struct cpu_regs r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.eip, 0x1004);
    ck_assert_uint_eq(r.gpr[R_EBX], 1);
    ck_assert_uint_eq(r.gpr[R_ESP], TM_STACK);
    ck_assert_uint_eq(r.eflags & 1, 1);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 6), 0x1003); /* return IP */
    tm_free(&m);
}
END_TEST

START_TEST(test_far_call_retf_roundtrip)
{
    /* call far 0200:0010 (linear 2010h); there: mov bx,cs; retf 0.
     * Frame: [7FFE] = CS 0, [7FFC] = IP 1005h (SDM "CALL", "RET"). */
    static const uint8_t code[] = {0x9A, 0x10, 0x00, 0x00, 0x02, 0xF4};
    static const uint8_t target[] = {0x8C, 0xCB, 0xCA, 0x00, 0x00};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_put(&m, 0x2010, target, sizeof(target)); /* mov bx,cs; retf 0 */
    struct cpu_regs r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.gpr[R_EBX], 0x0200);
    ck_assert_uint_eq(r.seg[SEG_CS].sel, 0);
    ck_assert_uint_eq(r.seg[SEG_CS].base, 0);
    ck_assert_uint_eq(r.eip, 0x1006);
    ck_assert_uint_eq(r.gpr[R_ESP], TM_STACK);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 2), 0);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 4), 0x1005);
    tm_free(&m);
}
END_TEST

START_TEST(test_mov_ss_inhibits_interrupt_for_one_instruction)
{
    /* mov ss,ax; inc bx; hlt with IF = 1 and INTR raised right after the
     * MOV SS: the interrupt waits until INC BX completes (SDM Vol. 3,
     * 6.8.3), so the pushed return IP is 1003h. */
    static const uint8_t code[] = {0x8E, 0xD0, 0x43, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = tm_regs(&m);
    r.eflags |= 1u << 9;
    tm_set_regs(&m, &r);
    tm_set_hlt_vector(&m, 0x20, 0x2000);
    m.intr_vector = 0x20;
    ck_assert_int_eq(cpu_run(m.cpu, 1), CPU_STOP_BUDGET);
    cpu_set_intr(m.cpu, true);
    r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.gpr[R_EBX], 1);
    ck_assert_uint_eq(r.eip, 0x2001);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 6), 0x1003);
    tm_free(&m);
}
END_TEST

START_TEST(test_mov_to_cs_is_ud)
{
    /* mov cs,ax is #UD (SDM "MOV"). */
    static const uint8_t code[] = {0x8E, 0xC8, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_set_hlt_vector(&m, 6, 0x2000);
    struct cpu_regs r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.eip, 0x2001);
    ck_assert_uint_eq(r.seg[SEG_CS].sel, 0);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 6), TM_CODE);
    tm_free(&m);
}
END_TEST

START_TEST(test_bound_out_of_range_raises_br)
{
    /* bound ax,[3000h] with bounds -2..5: AX = 5 passes, AX = 6 raises #BR
     * (vector 5, a fault: the pushed IP is the BOUND's). */
    static const uint8_t code[] = {0x62, 0x06, 0x00, 0x30, 0x40, 0x62, 0x06, 0x00, 0x30, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_put16(&m, 0x3000, 0xFFFE);
    tm_put16(&m, 0x3002, 5);
    tm_set_gpr(&m, R_EAX, 5);
    tm_set_hlt_vector(&m, 5, 0x2000);
    struct cpu_regs r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.eip, 0x2001);
    ck_assert_uint_eq(r.gpr[R_EAX], 6);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 6), 0x1005);
    tm_free(&m);
}
END_TEST

START_TEST(test_popf_16bit_changes_only_low_word)
{
    /* AC (bit 18) set; popf of 0002h leaves it (FLAGS[15:0] only), then
     * popfd of 0000_0002h clears it (SDM "POPF/POPFD"). */
    static const uint8_t code[] = {0x9D, 0x66, 0x9D, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = tm_regs(&m);
    r.eflags |= (1u << 18) | 1u; /* AC, CF */
    r.gpr[R_ESP] = TM_STACK - 6;
    tm_set_regs(&m, &r);
    tm_put16(&m, TM_STACK - 6, 0x0002);
    tm_put16(&m, TM_STACK - 4, 0x0002);
    tm_put16(&m, TM_STACK - 2, 0x0000);
    ck_assert_int_eq(cpu_run(m.cpu, 1), CPU_STOP_BUDGET);
    r = tm_regs(&m);
    ck_assert_uint_eq(r.eflags & 1, 0);
    ck_assert_uint_eq(r.eflags & (1u << 18), 1u << 18);
    r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.eflags & (1u << 18), 0);
    ck_assert_uint_eq(r.gpr[R_ESP], TM_STACK);
    tm_free(&m);
}
END_TEST

START_TEST(test_xlat_wraps_at_16bit_address)
{
    /* xlat with BX = FFFFh, AL = 2: DS:(BX + AL) wraps to 0001h. */
    static const uint8_t code[] = {0xD7, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_set_gpr(&m, R_EBX, 0xFFFF);
    tm_set_gpr(&m, R_EAX, 0x1202);
    m.ram[0x0001] = 0x5A;
    struct cpu_regs r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.gpr[R_EAX], 0x125A);
    tm_free(&m);
}
END_TEST

START_TEST(test_les_loads_offset_then_selector)
{
    /* les di,[3000h] with 1234h:5678h stored as offset then selector. */
    static const uint8_t code[] = {0xC4, 0x3E, 0x00, 0x30, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_put16(&m, 0x3000, 0x5678);
    tm_put16(&m, 0x3002, 0x1234);
    struct cpu_regs r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.gpr[R_EDI], 0x5678);
    ck_assert_uint_eq(r.seg[SEG_ES].sel, 0x1234);
    ck_assert_uint_eq(r.seg[SEG_ES].base, 0x12340);
    tm_free(&m);
}
END_TEST

START_TEST(test_movsx_movzx_and_lea_truncation)
{
    /* movsx eax,bl (BL = 80h); movzx cx,bl; lea dx,[bx+si+10h] (16-bit
     * result of an address that wraps: FF80h + 0100h + 10h = 0090h). */
    static const uint8_t code[] = {0x66, 0x0F, 0xBE, 0xC3, 0x0F, 0xB6,
                                   0xCB, 0x8D, 0x50, 0x10, 0xF4};
    struct tmachine m;
    tm_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_set_gpr(&m, R_EBX, 0xFF80);
    tm_set_gpr(&m, R_ECX, 0xABCD0000u);
    tm_set_gpr(&m, R_ESI, 0x0100);
    struct cpu_regs r = tm_run_to_halt(&m);
    ck_assert_uint_eq(r.gpr[R_EAX], 0xFFFFFF80u);
    ck_assert_uint_eq(r.gpr[R_ECX], 0xABCD0080u);
    ck_assert_uint_eq(r.gpr[R_EDX] & 0xFFFF, 0x0090);
    tm_free(&m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("control");
    TCase *t = tcase_create("control");
    tcase_add_test(t, test_call_ret_roundtrip_16bit);
    tcase_add_test(t, test_ret_imm_releases_parameters);
    tcase_add_test(t, test_call_beyond_cs_limit_faults_before_push);
    tcase_add_test(t, test_push_sp_pushes_old_value);
    tcase_add_test(t, test_push_sreg_32bit_writes_low_word_only);
    tcase_add_test(t, test_pusha_popa_roundtrip);
    tcase_add_test(t, test_pop_rm_esp_based_uses_incremented_esp);
    tcase_add_test(t, test_enter_nested_level_2);
    tcase_add_test(t, test_loop_uses_cx_with_16bit_addressing);
    tcase_add_test(t, test_loop_uses_ecx_with_addr32_prefix);
    tcase_add_test(t, test_loopne_stops_on_zf);
    tcase_add_test(t, test_jcxz_taken_only_when_cx_zero);
    tcase_add_test(t, test_int_iret_roundtrip);
    tcase_add_test(t, test_far_call_retf_roundtrip);
    tcase_add_test(t, test_mov_ss_inhibits_interrupt_for_one_instruction);
    tcase_add_test(t, test_mov_to_cs_is_ud);
    tcase_add_test(t, test_bound_out_of_range_raises_br);
    tcase_add_test(t, test_popf_16bit_changes_only_low_word);
    tcase_add_test(t, test_xlat_wraps_at_16bit_address);
    tcase_add_test(t, test_les_loads_offset_then_selector);
    tcase_add_test(t, test_movsx_movzx_and_lea_truncation);
    suite_add_tcase(s, t);
    return tm_run_suite(s);
}
