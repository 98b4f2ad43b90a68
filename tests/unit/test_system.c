/*
 * tests/unit/test_system.c - system instructions (cpu/ops_system.c) and the
 * no-FPU escapes (cpu/ops_fpu.c) in real mode: descriptor-table and
 * machine-status-word moves, control/debug/test registers, HLT, CLI/STI,
 * CPUID, RDTSC, RDMSR, and #NM from ESC/WAIT.  A few tests enter protected
 * mode at CPL 0 or 3 through cpu_set_regs (no descriptors needed) to check
 * the protected-mode-only forms and the privilege checks, observing the
 * exception through the hook because IDT delivery is not written yet.
 *
 * Runs on the shared real-mode test machine (tests/unit/support/testmachine.h).
 * Every exception vector v (0-3Fh) points at a one-byte HLT at 2000h+v, so
 * "EIP == 2001h+v" after cpu_run means vector v was delivered.
 */
#include <check.h>
#include <string.h>

#include "tests/unit/support/testmachine.h"

#define HANDLERS 0x2000u
#define DATA     0x3000u

/* The shared test machine with a HLT handler at HANDLERS + v for every vector v. */
static void machine_init(struct tmachine *m, enum cpu_model model, const uint8_t *code, size_t n)
{
    tm_init(m, model, code, n);
    tm_install_hlt_handlers(m, HANDLERS);
}

/* Expect exception @vec raised by the instruction at TM_CODE + @ip_off. */
static void expect_fault(struct tmachine *m, int vec, uint16_t ip_off)
{
    ck_assert_int_eq(tm_run_to_halt_vector(m), vec);
    ck_assert_uint_eq(tm_get16(m, TM_STACK - 6), TM_CODE + ip_off); /* faulting IP */
}

/* Run @code on a fresh @model machine and expect only exception @vec, raised
 * by the instruction at TM_CODE + @ip_off. */
static void fault_only(enum cpu_model model, const uint8_t *code, size_t n, int vec,
                       uint16_t ip_off)
{
    struct tmachine m;
    machine_init(&m, model, code, n);
    expect_fault(&m, vec, ip_off);
    tm_free(&m);
}

/* Enter protected mode (cached real-mode segments) with CS.RPL = @cpl and
 * observe exceptions through tm_stop_hook (IDT delivery is not written yet). */
static void enter_pm(struct tmachine *m, unsigned cpl)
{
    struct cpu_regs r = tm_regs(m);
    r.cr[0] |= 1;
    r.seg[SEG_CS].sel = (uint16_t)cpl;
    tm_set_regs(m, &r);
    cpu_set_exception_hook(m->cpu, tm_stop_hook, m);
}

/* Run the code at CPL 3 in protected mode and expect it to raise #GP. */
static void expect_gp_at_cpl3(struct tmachine *m)
{
    enter_pm(m, 3);
    ck_assert_int_eq(cpu_run(m->cpu, 100), CPU_STOP_REQUEST);
    ck_assert_int_eq(m->last_vector, 13);
}

/* ---- LDTR/TR and segment checks ---------------------------------------- */

START_TEST(test_sldt_is_ud_in_real_mode)
{
    static const uint8_t code[] = {0x0F, 0x00, 0xC0, 0xF4}; /* sldt ax; hlt */
    fault_only(CPU_MODEL_486, code, sizeof(code), 6, 0);
}
END_TEST

START_TEST(test_str_lar_lsl_verr_arpl_are_ud_in_real_mode)
{
    static const uint8_t forms[][4] = {
        {0x0F, 0x00, 0xC8, 0xF4}, /* str ax */
        {0x0F, 0x02, 0xC3, 0xF4}, /* lar ax,bx */
        {0x0F, 0x03, 0xC3, 0xF4}, /* lsl ax,bx */
        {0x0F, 0x00, 0xE0, 0xF4}, /* verr ax */
        {0x63, 0xD8, 0xF4, 0xF4}, /* arpl ax,bx */
    };
    for (size_t k = 0; k < sizeof(forms) / sizeof(forms[0]); k++)
        fault_only(CPU_MODEL_386, forms[k], 4, 6, 0);
}
END_TEST

START_TEST(test_sldt_in_protected_mode_zero_extends_to_32_bits)
{
    static const uint8_t code[] = {0x66, 0x0F, 0x00, 0xC0, 0xF4}; /* sldt eax; hlt */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = tm_regs(&m);
    r.gpr[R_EAX] = 0xDEADBEEF;
    r.ldtr.sel = 0x0028;
    tm_set_regs(&m, &r);
    enter_pm(&m, 0);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_int_eq(m.hook_calls, 0);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EAX], 0x00000028);
    tm_free(&m);
}
END_TEST

START_TEST(test_arpl_raises_rpl_and_sets_zf_in_protected_mode)
{
    /* mov ax,0008h; mov bx,0003h; arpl ax,bx; hlt */
    static const uint8_t code[] = {0xB8, 0x08, 0x00, 0xBB, 0x03, 0x00, 0x63, 0xD8, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    enter_pm(&m, 0);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.gpr[R_EAX] & 0xFFFF, 0x000B);
    ck_assert(r.eflags & FL_ZF);
    tm_free(&m);
}
END_TEST

START_TEST(test_arpl_clears_zf_when_rpl_already_high_enough)
{
    /* mov ax,000Bh; mov bx,0001h; arpl ax,bx; hlt  (ZF preset to 1) */
    static const uint8_t code[] = {0xB8, 0x0B, 0x00, 0xBB, 0x01, 0x00, 0x63, 0xD8, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r0 = tm_regs(&m);
    r0.eflags |= FL_ZF;
    tm_set_regs(&m, &r0);
    enter_pm(&m, 0);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.gpr[R_EAX] & 0xFFFF, 0x000B);
    ck_assert(!(r.eflags & FL_ZF));
    tm_free(&m);
}
END_TEST

/* ---- GDTR/IDTR ------------------------------------------------------------ */

START_TEST(test_sgdt_stores_limit_and_base)
{
    static const uint8_t code[] = {0x66, 0x0F, 0x01, 0x06, 0x00, 0x30, 0xF4}; /* o32 sgdt [3000h] */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = tm_regs(&m);
    r.gdtr_base = 0x12345678;
    r.gdtr_limit = 0x0417;
    tm_set_regs(&m, &r);
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    ck_assert_uint_eq(tm_get16(&m, DATA), 0x0417);
    ck_assert_uint_eq(tm_get32(&m, DATA + 2), 0x12345678);
    tm_free(&m);
}
END_TEST

START_TEST(test_sidt_16bit_operand_stores_zero_high_base_byte)
{
    static const uint8_t code[] = {0x0F, 0x01, 0x0E, 0x00, 0x30, 0xF4}; /* sidt [3000h] */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_386, code, sizeof(code));
    memset(m.ram + DATA, 0xEE, 8);
    struct cpu_regs r = tm_regs(&m);
    r.idtr_base = 0x87654321;
    r.idtr_limit = 0x03FF;
    tm_set_regs(&m, &r);
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    ck_assert_uint_eq(tm_get16(&m, DATA), 0x03FF);
    ck_assert_uint_eq(tm_get32(&m, DATA + 2), 0x00654321);
    ck_assert_uint_eq(m.ram[DATA + 6], 0xEE); /* nothing beyond 6 bytes */
    tm_free(&m);
}
END_TEST

START_TEST(test_sgdt_past_segment_limit_is_gp_and_writes_nothing)
{
    static const uint8_t code[] = {0x0F, 0x01, 0x06, 0xFC, 0xFF, 0xF4}; /* sgdt [0FFFCh] */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    m.ram[0xFFFC] = 0x11;
    expect_fault(&m, 13, 0);
    ck_assert_uint_eq(m.ram[0xFFFC], 0x11);
    tm_free(&m);
}
END_TEST

START_TEST(test_lgdt_16bit_operand_masks_base_to_24_bits)
{
    static const uint8_t code[] = {0x0F, 0x01, 0x16, 0x00, 0x30, 0xF4}; /* lgdt [3000h] */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_put16(&m, DATA, 0x0027);
    tm_put32(&m, DATA + 2, 0xAB123456);
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.gdtr_limit, 0x0027);
    ck_assert_uint_eq(r.gdtr_base, 0x00123456);
    tm_free(&m);
}
END_TEST

START_TEST(test_lidt_32bit_operand_loads_full_base)
{
    static const uint8_t code[] = {0x66, 0x0F, 0x01, 0x1E, 0x00, 0x30, 0xF4}; /* o32 lidt [3000h] */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_put16(&m, DATA, 0x07FF);
    tm_put32(&m, DATA + 2, 0xAB123456);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.idtr_limit, 0x07FF);
    ck_assert_uint_eq(r.idtr_base, 0xAB123456);
    tm_free(&m);
}
END_TEST

START_TEST(test_lidt_moves_real_mode_interrupt_table)
{
    /* lidt [3000h] (base 4000h); 0F FF (#UD); the new IVT's vector 6 -> 0:2010h */
    static const uint8_t code[] = {0x0F, 0x01, 0x1E, 0x00, 0x30, 0x0F, 0xFF};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_put16(&m, DATA, 0x03FF);
    tm_put32(&m, DATA + 2, 0x4000);
    tm_put16(&m, 0x4000 + 6 * 4, 0x2010);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_uint_eq(tm_regs(&m).eip, 0x2011);
    tm_free(&m);
}
END_TEST

START_TEST(test_lgdt_is_gp_at_cpl3_in_protected_mode)
{
    static const uint8_t code[] = {0x0F, 0x01, 0x16, 0x00, 0x30, 0xF4}; /* lgdt [3000h] */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    tm_put16(&m, DATA, 0x0027);
    expect_gp_at_cpl3(&m);
    ck_assert_uint_eq(tm_regs(&m).gdtr_limit, 0xFFFF); /* unchanged */
    tm_free(&m);
}
END_TEST

/* ---- MSW -------------------------------------------------------------------- */

START_TEST(test_smsw_register_32bit_gets_whole_cr0)
{
    static const uint8_t code[] = {0x66, 0x0F, 0x01, 0xE0, 0xF4}; /* smsw eax; hlt */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = tm_regs(&m);
    r.gpr[R_EAX] = 0xDEADBEEF;
    tm_set_regs(&m, &r);
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EAX], 0x60000010); /* 486 reset CR0 */
    tm_free(&m);
}
END_TEST

START_TEST(test_smsw_16bit_register_and_memory_get_low_word)
{
    /* smsw ax; smsw [3000h]; hlt */
    static const uint8_t code[] = {0x0F, 0x01, 0xE0, 0x0F, 0x01, 0x26, 0x00, 0x30, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = tm_regs(&m);
    r.gpr[R_EAX] = 0xDEADBEEF;
    tm_set_regs(&m, &r);
    memset(m.ram + DATA, 0xEE, 4);
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EAX], 0xDEAD0010);
    ck_assert_uint_eq(tm_get32(&m, DATA), 0xEEEE0010);
    tm_free(&m);
}
END_TEST

START_TEST(test_lmsw_cannot_clear_pe)
{
    /* mov ax,000Fh; lmsw ax; mov ax,0000h; lmsw ax; hlt */
    static const uint8_t code[] = {0xB8, 0x0F, 0x00, 0x0F, 0x01, 0xF0, 0xB8,
                                   0x00, 0x00, 0x0F, 0x01, 0xF0, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    /* PE stays set; MP, EM, TS cleared by the second LMSW; high bits untouched. */
    ck_assert_uint_eq(tm_regs(&m).cr[0], 0x60000011);
    tm_free(&m);
}
END_TEST

START_TEST(test_lmsw_loads_only_low_four_bits)
{
    /* mov ax,0FFFEh; lmsw ax; hlt */
    static const uint8_t code[] = {0xB8, 0xFE, 0xFF, 0x0F, 0x01, 0xF0, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_386, code, sizeof(code));
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    ck_assert_uint_eq(tm_regs(&m).cr[0], 0x0000000E);
    tm_free(&m);
}
END_TEST

START_TEST(test_clts_clears_ts_only)
{
    static const uint8_t code[] = {0x0F, 0x06, 0xF4}; /* clts; hlt */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = tm_regs(&m);
    r.cr[0] |= 0xE; /* MP EM TS */
    tm_set_regs(&m, &r);
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    ck_assert_uint_eq(tm_regs(&m).cr[0], 0x60000016);
    tm_free(&m);
}
END_TEST

/* ---- control registers ----------------------------------------------------- */

START_TEST(test_mov_cr0_roundtrip)
{
    /* mov eax,4005012Ah; mov cr0,eax; mov ebx,cr0; hlt
     * CD AM WP NE TS MP written, bit 8 (reserved) ignored, ET forced on a 486. */
    static const uint8_t code[] = {0x66, 0xB8, 0x2A, 0x01, 0x05, 0x40, 0x0F,
                                   0x22, 0xC0, 0x0F, 0x20, 0xC3, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.gpr[R_EBX], 0x4005003A);
    ck_assert_uint_eq(r.cr[0], 0x4005003A);
    tm_free(&m);
}
END_TEST

START_TEST(test_mov_cr0_on_386_ignores_486_bits_and_keeps_et_writable)
{
    /* mov eax,60050030h; mov cr0,eax; hlt: only ET survives on a 386. */
    static const uint8_t code[] = {0x66, 0xB8, 0x30, 0x00, 0x05, 0x60, 0x0F, 0x22, 0xC0, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_386, code, sizeof(code));
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    ck_assert_uint_eq(tm_regs(&m).cr[0], 0x00000010);
    tm_free(&m);
}
END_TEST

START_TEST(test_mov_cr0_pg_without_pe_is_gp)
{
    /* mov eax,80000000h; mov cr0,eax; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x00, 0x00, 0x00, 0x80, 0x0F, 0x22, 0xC0, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_386, code, sizeof(code));
    expect_fault(&m, 13, 6);
    ck_assert_uint_eq(tm_regs(&m).cr[0], 0);
    tm_free(&m);
}
END_TEST

START_TEST(test_mov_cr0_nw_without_cd_is_gp_on_486)
{
    /* mov eax,20000010h; mov cr0,eax; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x10, 0x00, 0x00, 0x20, 0x0F, 0x22, 0xC0, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    expect_fault(&m, 13, 6);
    ck_assert_uint_eq(tm_regs(&m).cr[0], 0x60000010);
    tm_free(&m);
}
END_TEST

START_TEST(test_mov_cr2_cr3_roundtrip)
{
    /* mov eax,12345678h; mov cr2,eax; mov cr3,eax; mov ebx,cr2; mov ecx,cr3; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x78, 0x56, 0x34, 0x12, 0x0F, 0x22, 0xD0, 0x0F,
                                   0x22, 0xD8, 0x0F, 0x20, 0xD3, 0x0F, 0x20, 0xD9, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_386, code, sizeof(code));
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.gpr[R_EBX], 0x12345678);
    ck_assert_uint_eq(r.gpr[R_ECX], 0x12345678);
    tm_free(&m);
}
END_TEST

START_TEST(test_mov_cr1_is_ud)
{
    static const uint8_t code[] = {0x0F, 0x20, 0xC8, 0xF4}; /* mov eax,cr1 */
    fault_only(CPU_MODEL_PENTIUM, code, sizeof(code), 6, 0);
}
END_TEST

START_TEST(test_mov_cr4_is_ud_on_486)
{
    static const uint8_t code[] = {0x0F, 0x20, 0xE0, 0xF4}; /* mov eax,cr4 */
    fault_only(CPU_MODEL_486, code, sizeof(code), 6, 0);
}
END_TEST

START_TEST(test_mov_cr4_roundtrip_on_pentium)
{
    /* mov eax,5Fh; mov cr4,eax; mov ebx,cr4; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x5F, 0x00, 0x00, 0x00, 0x0F,
                                   0x22, 0xE0, 0x0F, 0x20, 0xE3, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EBX], 0x5F);
    tm_free(&m);
}
END_TEST

START_TEST(test_mov_cr4_reserved_bit_is_gp_on_pentium)
{
    /* mov eax,20h (PAE, absent on the Pentium); mov cr4,eax; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x20, 0x00, 0x00, 0x00, 0x0F, 0x22, 0xE0, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    expect_fault(&m, 13, 6);
    ck_assert_uint_eq(tm_regs(&m).cr[4], 0);
    tm_free(&m);
}
END_TEST

/* CR4.PGE (bit 7) is a P6 feature: #GP on the Pentium model. */
START_TEST(test_mov_cr4_pge_is_gp_on_pentium)
{
    /* mov eax,80h; mov cr4,eax; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x80, 0x00, 0x00, 0x00, 0x0F, 0x22, 0xE0, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    expect_fault(&m, 13, 6);
    ck_assert_uint_eq(tm_regs(&m).cr[4], 0);
    tm_free(&m);
}
END_TEST

START_TEST(test_mov_cr0_is_gp_at_cpl3_in_protected_mode)
{
    static const uint8_t code[] = {0x0F, 0x20, 0xC0, 0xF4}; /* mov eax,cr0 */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    expect_gp_at_cpl3(&m);
    tm_free(&m);
}
END_TEST

/* ---- debug and test registers ---------------------------------------------- */

START_TEST(test_mov_dr6_dr7_read_fixed_bits)
{
    /* mov eax,0; mov dr6,eax; mov dr7,eax; mov ebx,dr6; mov ecx,dr7; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x0F, 0x23, 0xF0, 0x0F,
                                   0x23, 0xF8, 0x0F, 0x21, 0xF3, 0x0F, 0x21, 0xF9, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.gpr[R_EBX], 0xFFFF0FF0);
    ck_assert_uint_eq(r.gpr[R_ECX], 0x00000400);
    tm_free(&m);
}
END_TEST

START_TEST(test_dr6_bit12_writable_on_486_not_on_pentium)
{
    /* mov eax,1001h; mov dr6,eax; mov ebx,dr6; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x01, 0x10, 0x00, 0x00, 0x0F,
                                   0x23, 0xF0, 0x0F, 0x21, 0xF3, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EBX], 0xFFFF1FF1);
    tm_free(&m);
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EBX], 0xFFFF0FF1);
    tm_free(&m);
}
END_TEST

START_TEST(test_dr4_aliases_dr6_unless_cr4_de)
{
    static const uint8_t code[] = {0x0F, 0x21, 0xE3, 0xF4}; /* mov ebx,dr4; hlt */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EBX], 0xFFFF0FF0);
    tm_free(&m);

    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    struct cpu_regs r = tm_regs(&m);
    r.cr[4] = 1u << 3; /* DE */
    tm_set_regs(&m, &r);
    expect_fault(&m, 6, 0);
    tm_free(&m);
}
END_TEST

START_TEST(test_mov_dr_with_gd_set_raises_db)
{
    static const uint8_t code[] = {0x0F, 0x21, 0xC3, 0xF4}; /* mov ebx,dr0; hlt */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = tm_regs(&m);
    r.dr[7] = 0x2400; /* GD */
    tm_set_regs(&m, &r);
    expect_fault(&m, 1, 0);
    r = tm_regs(&m);
    ck_assert_uint_eq(r.dr[7], 0x400); /* GD cleared */
    ck_assert(r.dr[6] & (1u << 13));   /* BD set */
    tm_free(&m);
}
END_TEST

START_TEST(test_test_registers_by_model)
{
    /* mov eax,0ABCDh; mov tr3,eax; mov ebx,tr3; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0xCD, 0xAB, 0x00, 0x00, 0x0F,
                                   0x26, 0xD8, 0x0F, 0x24, 0xDB, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EBX], 0xABCD);
    tm_free(&m);
    fault_only(CPU_MODEL_386, code, sizeof(code), 6, 6);   /* 386: TR6-TR7 only */
    static const uint8_t tr6[] = {0x0F, 0x24, 0xF3, 0xF4}; /* mov ebx,tr6 */
    machine_init(&m, CPU_MODEL_386, tr6, sizeof(tr6));
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    tm_free(&m);
    fault_only(CPU_MODEL_PENTIUM, tr6, sizeof(tr6), 6, 0); /* none on the Pentium */
}
END_TEST

/* ---- FPU escapes ------------------------------------------------------------- */

START_TEST(test_esc_raises_nm_when_em_set)
{
    static const uint8_t code[] = {0x90, 0xD8, 0xC1, 0xF4}; /* nop; fadd st,st1; hlt */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_386, code, sizeof(code));
    struct cpu_regs r = tm_regs(&m);
    r.cr[0] |= 1u << 2; /* EM */
    tm_set_regs(&m, &r);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    r = tm_regs(&m);
    ck_assert_uint_eq(r.seg[SEG_CS].sel, 0);
    ck_assert_uint_eq(r.eip, HANDLERS + 7 + 1);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 6), TM_CODE + 1);
    tm_free(&m);
}
END_TEST

START_TEST(test_esc_memory_form_raises_nm_when_ts_set)
{
    static const uint8_t code[] = {0xD9, 0x06, 0x00, 0x30, 0xF4}; /* fld dword [3000h] */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = tm_regs(&m);
    r.cr[0] |= 1u << 3; /* TS */
    tm_set_regs(&m, &r);
    expect_fault(&m, 7, 0);
    tm_free(&m);
}
END_TEST

START_TEST(test_fnstsw_mem_leaves_memory_untouched)
{
    /* fninit; fnstsw [3000h]; hlt - the classic no-FPU probe */
    static const uint8_t code[] = {0xDB, 0xE3, 0xDD, 0x3E, 0x00, 0x30, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_386, code, sizeof(code));
    tm_put16(&m, DATA, 0x5A5A);
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    ck_assert_uint_eq(tm_regs(&m).eip, TM_CODE + sizeof(code));
    ck_assert_uint_eq(tm_get16(&m, DATA), 0x5A5A);
    tm_free(&m);
}
END_TEST

START_TEST(test_wait_nm_only_when_ts_and_mp)
{
    static const uint8_t code[] = {0x9B, 0xF4}; /* wait; hlt */
    static const uint32_t cr0_bits[] = {0x8 /* TS */, 0x2 /* MP */, 0x4 /* EM */, 0xC /* EM TS */,
                                        0xA /* MP TS */};
    static const int expect[] = {-1, -1, -1, -1, 7};
    for (int k = 0; k < 5; k++) {
        struct tmachine m;
        machine_init(&m, CPU_MODEL_386, code, sizeof(code));
        struct cpu_regs r = tm_regs(&m);
        r.cr[0] |= cr0_bits[k];
        tm_set_regs(&m, &r);
        ck_assert_int_eq(tm_run_to_halt_vector(&m), expect[k]);
        tm_free(&m);
    }
}
END_TEST

/* ---- HLT, CLI, STI ---------------------------------------------------------- */

START_TEST(test_hlt_stops_cpu_with_halt)
{
    static const uint8_t code[] = {0xF4, 0x90, 0xF4}; /* hlt; nop; hlt */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_uint_eq(tm_regs(&m).eip, TM_CODE + 1);
    ck_assert_uint_eq(cpu_icount(m.cpu), 1);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT); /* stays halted */
    ck_assert_uint_eq(tm_regs(&m).eip, TM_CODE + 1);
    ck_assert_uint_eq(cpu_icount(m.cpu), 1);
    tm_free(&m);
}
END_TEST

START_TEST(test_hlt_is_gp_at_cpl3_in_protected_mode)
{
    static const uint8_t code[] = {0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    expect_gp_at_cpl3(&m);
    tm_free(&m);
}
END_TEST

START_TEST(test_cli_sti_change_if)
{
    static const uint8_t code[] = {0xFB, 0xF4, 0xFA, 0xF4}; /* sti; hlt; cli; hlt */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_386, code, sizeof(code));
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert(tm_regs(&m).eflags & FL_IF);
    struct cpu_regs r = tm_regs(&m);
    tm_set_regs(&m, &r); /* cpu_set_regs leaves the halted state */
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert(!(tm_regs(&m).eflags & FL_IF));
    tm_free(&m);
}
END_TEST

START_TEST(test_sti_sets_one_instruction_shadow)
{
    /* sti; nop; nop; hlt with INTR already asserted: the interrupt is taken
     * after the first NOP, so the pushed return IP is 1002h. */
    static const uint8_t code[] = {0xFB, 0x90, 0x90, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    m.intr_vector = 0x20;
    cpu_set_intr(m.cpu, true);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_uint_eq(tm_regs(&m).eip, HANDLERS + 0x21);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 6), TM_CODE + 2);
    tm_free(&m);
}
END_TEST

START_TEST(test_interrupt_wakes_halted_cpu)
{
    static const uint8_t code[] = {0xFB, 0xF4, 0xF4}; /* sti; hlt; hlt */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    m.intr_vector = 0x21;
    cpu_set_intr(m.cpu, true);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_uint_eq(tm_regs(&m).eip, HANDLERS + 0x22);
    ck_assert_uint_eq(tm_get16(&m, TM_STACK - 6), TM_CODE + 2); /* after the HLT */
    tm_free(&m);
}
END_TEST

START_TEST(test_cli_is_gp_when_cpl_above_iopl)
{
    static const uint8_t code[] = {0xFA, 0xF4}; /* cli; hlt */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    expect_gp_at_cpl3(&m);
    tm_free(&m);
}
END_TEST

/* ---- CPUID, RDTSC, MSRs ----------------------------------------------------- */

START_TEST(test_cpuid_leaf0_reports_genuineintel)
{
    /* mov eax,0; cpuid; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x0F, 0xA2, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    struct cpu_regs r = tm_regs(&m);
    char vendor[13];
    memcpy(vendor, &r.gpr[R_EBX], 4);
    memcpy(vendor + 4, &r.gpr[R_EDX], 4);
    memcpy(vendor + 8, &r.gpr[R_ECX], 4);
    vendor[12] = 0;
    ck_assert_uint_eq(r.gpr[R_EAX], 1);
    ck_assert_str_eq(vendor, "GenuineIntel");
    tm_free(&m);
}
END_TEST

START_TEST(test_cpuid_reports_no_fpu)
{
    /* mov eax,1; cpuid; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x01, 0x00, 0x00, 0x00, 0x0F, 0xA2, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.gpr[R_EAX], 0x480);
    ck_assert_uint_eq(r.gpr[R_EDX], 0);
    tm_free(&m);

    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    r = tm_regs(&m);
    ck_assert_uint_eq(r.gpr[R_EAX] >> 8 & 0xF, 5);
    ck_assert_uint_eq(r.gpr[R_EDX] & 1, 0); /* no FPU */
    ck_assert_uint_eq(r.gpr[R_EDX], 0x13E); /* VME DE PSE TSC MSR CX8 */
    tm_free(&m);
}
END_TEST

START_TEST(test_cpuid_is_ud_on_386)
{
    static const uint8_t code[] = {0x0F, 0xA2, 0xF4}; /* cpuid; hlt */
    fault_only(CPU_MODEL_386, code, sizeof(code), 6, 0);
}
END_TEST

START_TEST(test_rdtsc_counts_retired_instructions)
{
    /* nop; nop; nop; rdtsc; mov ebx,eax; rdtsc; hlt */
    static const uint8_t code[] = {0x90, 0x90, 0x90, 0x0F, 0x31, 0x66,
                                   0x89, 0xC3, 0x0F, 0x31, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.gpr[R_EBX], 3);
    ck_assert_uint_eq(r.gpr[R_EAX], 5);
    ck_assert_uint_eq(r.gpr[R_EDX], 0);
    tm_free(&m);
}
END_TEST

START_TEST(test_rdtsc_is_ud_on_486)
{
    static const uint8_t code[] = {0x0F, 0x31, 0xF4}; /* rdtsc */
    fault_only(CPU_MODEL_486, code, sizeof(code), 6, 0);
}
END_TEST

START_TEST(test_rdtsc_is_gp_with_tsd_at_cpl3)
{
    static const uint8_t code[] = {0x0F, 0x31, 0xF4}; /* rdtsc */
    struct tmachine m;
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    struct cpu_regs r = tm_regs(&m);
    r.cr[4] = 1u << 2; /* TSD */
    tm_set_regs(&m, &r);
    expect_gp_at_cpl3(&m);
    tm_free(&m);
}
END_TEST

START_TEST(test_rdmsr_tsc_and_unknown_msr_is_gp)
{
    /* mov ecx,10h; rdmsr; hlt; mov ecx,11h; rdmsr */
    static const uint8_t code[] = {0x66, 0xB9, 0x10, 0x00, 0x00, 0x00, 0x0F, 0x32, 0xF4,
                                   0x66, 0xB9, 0x11, 0x00, 0x00, 0x00, 0x0F, 0x32, 0xF4};
    struct tmachine m;
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    ck_assert_int_eq(tm_run_to_halt_vector(&m), -1);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.gpr[R_EAX], 1);
    ck_assert_uint_eq(r.gpr[R_EDX], 0);
    tm_set_regs(&m, &r);
    expect_fault(&m, 13, 15);
    tm_free(&m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("system");
    TCase *t = tcase_create("system");
    tcase_add_test(t, test_sldt_is_ud_in_real_mode);
    tcase_add_test(t, test_str_lar_lsl_verr_arpl_are_ud_in_real_mode);
    tcase_add_test(t, test_sldt_in_protected_mode_zero_extends_to_32_bits);
    tcase_add_test(t, test_arpl_raises_rpl_and_sets_zf_in_protected_mode);
    tcase_add_test(t, test_arpl_clears_zf_when_rpl_already_high_enough);
    tcase_add_test(t, test_sgdt_stores_limit_and_base);
    tcase_add_test(t, test_sidt_16bit_operand_stores_zero_high_base_byte);
    tcase_add_test(t, test_sgdt_past_segment_limit_is_gp_and_writes_nothing);
    tcase_add_test(t, test_lgdt_16bit_operand_masks_base_to_24_bits);
    tcase_add_test(t, test_lidt_32bit_operand_loads_full_base);
    tcase_add_test(t, test_lidt_moves_real_mode_interrupt_table);
    tcase_add_test(t, test_lgdt_is_gp_at_cpl3_in_protected_mode);
    tcase_add_test(t, test_smsw_register_32bit_gets_whole_cr0);
    tcase_add_test(t, test_smsw_16bit_register_and_memory_get_low_word);
    tcase_add_test(t, test_lmsw_cannot_clear_pe);
    tcase_add_test(t, test_lmsw_loads_only_low_four_bits);
    tcase_add_test(t, test_clts_clears_ts_only);
    tcase_add_test(t, test_mov_cr0_roundtrip);
    tcase_add_test(t, test_mov_cr0_on_386_ignores_486_bits_and_keeps_et_writable);
    tcase_add_test(t, test_mov_cr0_pg_without_pe_is_gp);
    tcase_add_test(t, test_mov_cr0_nw_without_cd_is_gp_on_486);
    tcase_add_test(t, test_mov_cr2_cr3_roundtrip);
    tcase_add_test(t, test_mov_cr1_is_ud);
    tcase_add_test(t, test_mov_cr4_is_ud_on_486);
    tcase_add_test(t, test_mov_cr4_roundtrip_on_pentium);
    tcase_add_test(t, test_mov_cr4_reserved_bit_is_gp_on_pentium);
    tcase_add_test(t, test_mov_cr4_pge_is_gp_on_pentium);
    tcase_add_test(t, test_mov_cr0_is_gp_at_cpl3_in_protected_mode);
    tcase_add_test(t, test_mov_dr6_dr7_read_fixed_bits);
    tcase_add_test(t, test_dr6_bit12_writable_on_486_not_on_pentium);
    tcase_add_test(t, test_dr4_aliases_dr6_unless_cr4_de);
    tcase_add_test(t, test_mov_dr_with_gd_set_raises_db);
    tcase_add_test(t, test_test_registers_by_model);
    tcase_add_test(t, test_esc_raises_nm_when_em_set);
    tcase_add_test(t, test_esc_memory_form_raises_nm_when_ts_set);
    tcase_add_test(t, test_fnstsw_mem_leaves_memory_untouched);
    tcase_add_test(t, test_wait_nm_only_when_ts_and_mp);
    tcase_add_test(t, test_hlt_stops_cpu_with_halt);
    tcase_add_test(t, test_hlt_is_gp_at_cpl3_in_protected_mode);
    tcase_add_test(t, test_cli_sti_change_if);
    tcase_add_test(t, test_sti_sets_one_instruction_shadow);
    tcase_add_test(t, test_interrupt_wakes_halted_cpu);
    tcase_add_test(t, test_cli_is_gp_when_cpl_above_iopl);
    tcase_add_test(t, test_cpuid_leaf0_reports_genuineintel);
    tcase_add_test(t, test_cpuid_reports_no_fpu);
    tcase_add_test(t, test_cpuid_is_ud_on_386);
    tcase_add_test(t, test_rdtsc_counts_retired_instructions);
    tcase_add_test(t, test_rdtsc_is_ud_on_486);
    tcase_add_test(t, test_rdtsc_is_gp_with_tsd_at_cpl3);
    tcase_add_test(t, test_rdmsr_tsc_and_unknown_msr_is_gp);
    suite_add_tcase(s, t);
    return tm_run_suite(s);
}
