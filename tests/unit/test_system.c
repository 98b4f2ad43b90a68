/*
 * tests/unit/test_system.c - system instructions (cpu/ops_system.c) and the
 * no-FPU escapes (cpu/ops_fpu.c) in real mode: descriptor-table and
 * machine-status-word moves, control/debug/test registers, HLT, CLI/STI,
 * CPUID, RDTSC, RDMSR, and #NM from ESC/WAIT.  A few tests enter protected
 * mode at CPL 0 or 3 through cpu_set_regs (no descriptors needed) to check
 * the protected-mode-only forms and the privilege checks, observing the
 * exception through the hook because IDT delivery is not written yet.
 *
 * Every exception vector v (0-3Fh) points at a one-byte HLT at 2000h+v, so
 * "EIP == 2001h+v" after cpu_run means vector v was delivered.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"

#define RAM_SIZE (1u << 20)
#define CODE 0x1000u
#define HANDLERS 0x2000u
#define DATA 0x3000u

struct machine {
    uint8_t *ram;
    struct cpu *cpu;
    int hook_calls, last_vector;
    uint8_t intr_vector;
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
static uint8_t intr_ack(void *o) { return ((struct machine *)o)->intr_vector; }

/* Real mode, all segments 0, SP 8000h, code at 1000h, IVT handlers at 2000h+v. */
static void machine_init(struct machine *m, enum cpu_model model, const uint8_t *code, size_t n)
{
    memset(m, 0, sizeof(*m));
    struct cpu_bus bus = {m, mem_page, mem_read, mem_write, io_read, io_write, intr_ack};
    m->ram = calloc(1, RAM_SIZE);
    m->cpu = cpu_create(model, &bus);
    ck_assert_ptr_nonnull(m->cpu);
    memcpy(m->ram + CODE, code, n);
    for (unsigned v = 0; v < 0x40; v++) {
        uint16_t off = (uint16_t)(HANDLERS + v);
        m->ram[v * 4] = off & 0xFF;
        m->ram[v * 4 + 1] = off >> 8;
        m->ram[HANDLERS + v] = 0xF4; /* hlt */
    }
    struct cpu_regs r;
    cpu_get_regs(m->cpu, &r);
    for (int s = 0; s < SEG_COUNT; s++)
        r.seg[s].sel = 0, r.seg[s].base = 0;
    r.gpr[R_ESP] = 0x8000;
    r.eip = CODE;
    cpu_set_regs(m->cpu, &r);
}

static void machine_free(struct machine *m)
{
    cpu_destroy(m->cpu);
    free(m->ram);
}

static struct cpu_regs regs(struct machine *m)
{
    struct cpu_regs r;
    cpu_get_regs(m->cpu, &r);
    return r;
}

/* Store registers fetched with regs() and edited (also leaves HLT state). */
static void set_regs(struct machine *m, const struct cpu_regs *r) { cpu_set_regs(m->cpu, r); }

static uint16_t word_at(struct machine *m, uint32_t a) { return m->ram[a] | m->ram[a + 1] << 8; }
static uint32_t dword_at(struct machine *m, uint32_t a)
{
    return (uint32_t)word_at(m, a) | (uint32_t)word_at(m, a + 2) << 16;
}
static void put_word(struct machine *m, uint32_t a, uint16_t v)
{
    m->ram[a] = v & 0xFF;
    m->ram[a + 1] = v >> 8;
}
static void put_dword(struct machine *m, uint32_t a, uint32_t v)
{
    put_word(m, a, v & 0xFFFF);
    put_word(m, a + 2, v >> 16);
}

/* Run until HLT; return the exception vector delivered (-1 if none). */
static int run_to_halt(struct machine *m)
{
    ck_assert_int_eq(cpu_run(m->cpu, 1000), CPU_STOP_HALT);
    uint32_t eip = regs(m).eip;
    if (eip > HANDLERS && eip <= HANDLERS + 0x40)
        return (int)(eip - HANDLERS - 1);
    return -1;
}

/* Expect exception @vec raised by the instruction at CODE + @ip_off. */
static void expect_fault(struct machine *m, int vec, uint16_t ip_off)
{
    ck_assert_int_eq(run_to_halt(m), vec);
    ck_assert_uint_eq(word_at(m, 0x8000 - 6), CODE + ip_off); /* faulting IP */
}

/* Hook for protected-mode tests: record the vector and stop the run. */
static enum cpu_hook_action stop_hook(void *o, struct cpu *c, int vector, uint32_t err,
                                      bool has_err)
{
    struct machine *m = o;
    m->hook_calls++;
    m->last_vector = vector;
    cpu_request_stop(c);
    return CPU_HOOK_RESUME;
}

/* Enter protected mode (cached real-mode segments) with CS.RPL = @cpl. */
static void enter_pm(struct machine *m, unsigned cpl)
{
    struct cpu_regs r = regs(m);
    r.cr[0] |= 1;
    r.seg[SEG_CS].sel = (uint16_t)cpl;
    set_regs(m, &r);
    cpu_set_exception_hook(m->cpu, stop_hook, m);
}

/* ---- LDTR/TR and segment checks ---------------------------------------- */

START_TEST(test_sldt_is_ud_in_real_mode)
{
    static const uint8_t code[] = {0x0F, 0x00, 0xC0, 0xF4}; /* sldt ax; hlt */
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    expect_fault(&m, 6, 0);
    machine_free(&m);
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
    for (size_t k = 0; k < sizeof(forms) / sizeof(forms[0]); k++) {
        struct machine m;
        machine_init(&m, CPU_MODEL_386, forms[k], 4);
        expect_fault(&m, 6, 0);
        machine_free(&m);
    }
}
END_TEST

START_TEST(test_sldt_in_protected_mode_zero_extends_to_32_bits)
{
    static const uint8_t code[] = {0x66, 0x0F, 0x00, 0xC0, 0xF4}; /* sldt eax; hlt */
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = regs(&m);
    r.gpr[R_EAX] = 0xDEADBEEF;
    r.ldtr.sel = 0x0028;
    set_regs(&m, &r);
    enter_pm(&m, 0);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_int_eq(m.hook_calls, 0);
    ck_assert_uint_eq(regs(&m).gpr[R_EAX], 0x00000028);
    machine_free(&m);
}
END_TEST

START_TEST(test_arpl_raises_rpl_and_sets_zf_in_protected_mode)
{
    /* mov ax,0008h; mov bx,0003h; arpl ax,bx; hlt */
    static const uint8_t code[] = {0xB8, 0x08, 0x00, 0xBB, 0x03, 0x00, 0x63, 0xD8, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    enter_pm(&m, 0);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    struct cpu_regs r = regs(&m);
    ck_assert_uint_eq(r.gpr[R_EAX] & 0xFFFF, 0x000B);
    ck_assert(r.eflags & FL_ZF);
    machine_free(&m);
}
END_TEST

START_TEST(test_arpl_clears_zf_when_rpl_already_high_enough)
{
    /* mov ax,000Bh; mov bx,0001h; arpl ax,bx; hlt  (ZF preset to 1) */
    static const uint8_t code[] = {0xB8, 0x0B, 0x00, 0xBB, 0x01, 0x00, 0x63, 0xD8, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r0 = regs(&m);
    r0.eflags |= FL_ZF;
    set_regs(&m, &r0);
    enter_pm(&m, 0);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    struct cpu_regs r = regs(&m);
    ck_assert_uint_eq(r.gpr[R_EAX] & 0xFFFF, 0x000B);
    ck_assert(!(r.eflags & FL_ZF));
    machine_free(&m);
}
END_TEST

/* ---- GDTR/IDTR ------------------------------------------------------------ */

START_TEST(test_sgdt_stores_limit_and_base)
{
    static const uint8_t code[] = {0x66, 0x0F, 0x01, 0x06, 0x00, 0x30, 0xF4}; /* o32 sgdt [3000h] */
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = regs(&m);
    r.gdtr_base = 0x12345678;
    r.gdtr_limit = 0x0417;
    set_regs(&m, &r);
    ck_assert_int_eq(run_to_halt(&m), -1);
    ck_assert_uint_eq(word_at(&m, DATA), 0x0417);
    ck_assert_uint_eq(dword_at(&m, DATA + 2), 0x12345678);
    machine_free(&m);
}
END_TEST

START_TEST(test_sidt_16bit_operand_stores_zero_high_base_byte)
{
    static const uint8_t code[] = {0x0F, 0x01, 0x0E, 0x00, 0x30, 0xF4}; /* sidt [3000h] */
    struct machine m;
    machine_init(&m, CPU_MODEL_386, code, sizeof(code));
    memset(m.ram + DATA, 0xEE, 8);
    struct cpu_regs r = regs(&m);
    r.idtr_base = 0x87654321;
    r.idtr_limit = 0x03FF;
    set_regs(&m, &r);
    ck_assert_int_eq(run_to_halt(&m), -1);
    ck_assert_uint_eq(word_at(&m, DATA), 0x03FF);
    ck_assert_uint_eq(dword_at(&m, DATA + 2), 0x00654321);
    ck_assert_uint_eq(m.ram[DATA + 6], 0xEE); /* nothing beyond 6 bytes */
    machine_free(&m);
}
END_TEST

START_TEST(test_sgdt_past_segment_limit_is_gp_and_writes_nothing)
{
    static const uint8_t code[] = {0x0F, 0x01, 0x06, 0xFC, 0xFF, 0xF4}; /* sgdt [0FFFCh] */
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    m.ram[0xFFFC] = 0x11;
    expect_fault(&m, 13, 0);
    ck_assert_uint_eq(m.ram[0xFFFC], 0x11);
    machine_free(&m);
}
END_TEST

START_TEST(test_lgdt_16bit_operand_masks_base_to_24_bits)
{
    static const uint8_t code[] = {0x0F, 0x01, 0x16, 0x00, 0x30, 0xF4}; /* lgdt [3000h] */
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    put_word(&m, DATA, 0x0027);
    put_dword(&m, DATA + 2, 0xAB123456);
    ck_assert_int_eq(run_to_halt(&m), -1);
    struct cpu_regs r = regs(&m);
    ck_assert_uint_eq(r.gdtr_limit, 0x0027);
    ck_assert_uint_eq(r.gdtr_base, 0x00123456);
    machine_free(&m);
}
END_TEST

START_TEST(test_lidt_32bit_operand_loads_full_base)
{
    static const uint8_t code[] = {0x66, 0x0F, 0x01, 0x1E, 0x00, 0x30, 0xF4}; /* o32 lidt [3000h] */
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    put_word(&m, DATA, 0x07FF);
    put_dword(&m, DATA + 2, 0xAB123456);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    struct cpu_regs r = regs(&m);
    ck_assert_uint_eq(r.idtr_limit, 0x07FF);
    ck_assert_uint_eq(r.idtr_base, 0xAB123456);
    machine_free(&m);
}
END_TEST

START_TEST(test_lidt_moves_real_mode_interrupt_table)
{
    /* lidt [3000h] (base 4000h); 0F FF (#UD); the new IVT's vector 6 -> 0:2010h */
    static const uint8_t code[] = {0x0F, 0x01, 0x1E, 0x00, 0x30, 0x0F, 0xFF};
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    put_word(&m, DATA, 0x03FF);
    put_dword(&m, DATA + 2, 0x4000);
    put_word(&m, 0x4000 + 6 * 4, 0x2010);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_uint_eq(regs(&m).eip, 0x2011);
    machine_free(&m);
}
END_TEST

START_TEST(test_lgdt_is_gp_at_cpl3_in_protected_mode)
{
    static const uint8_t code[] = {0x0F, 0x01, 0x16, 0x00, 0x30, 0xF4}; /* lgdt [3000h] */
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    put_word(&m, DATA, 0x0027);
    enter_pm(&m, 3);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_REQUEST);
    ck_assert_int_eq(m.last_vector, 13);
    ck_assert_uint_eq(regs(&m).gdtr_limit, 0xFFFF); /* unchanged */
    machine_free(&m);
}
END_TEST

/* ---- MSW -------------------------------------------------------------------- */

START_TEST(test_smsw_register_32bit_gets_whole_cr0)
{
    static const uint8_t code[] = {0x66, 0x0F, 0x01, 0xE0, 0xF4}; /* smsw eax; hlt */
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = regs(&m);
    r.gpr[R_EAX] = 0xDEADBEEF;
    set_regs(&m, &r);
    ck_assert_int_eq(run_to_halt(&m), -1);
    ck_assert_uint_eq(regs(&m).gpr[R_EAX], 0x60000010); /* 486 reset CR0 */
    machine_free(&m);
}
END_TEST

START_TEST(test_smsw_16bit_register_and_memory_get_low_word)
{
    /* smsw ax; smsw [3000h]; hlt */
    static const uint8_t code[] = {0x0F, 0x01, 0xE0, 0x0F, 0x01, 0x26, 0x00, 0x30, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = regs(&m);
    r.gpr[R_EAX] = 0xDEADBEEF;
    set_regs(&m, &r);
    memset(m.ram + DATA, 0xEE, 4);
    ck_assert_int_eq(run_to_halt(&m), -1);
    ck_assert_uint_eq(regs(&m).gpr[R_EAX], 0xDEAD0010);
    ck_assert_uint_eq(dword_at(&m, DATA), 0xEEEE0010);
    machine_free(&m);
}
END_TEST

START_TEST(test_lmsw_cannot_clear_pe)
{
    /* mov ax,000Fh; lmsw ax; mov ax,0000h; lmsw ax; hlt */
    static const uint8_t code[] = {0xB8, 0x0F, 0x00, 0x0F, 0x01, 0xF0,
                                   0xB8, 0x00, 0x00, 0x0F, 0x01, 0xF0, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    /* PE stays set; MP, EM, TS cleared by the second LMSW; high bits untouched. */
    ck_assert_uint_eq(regs(&m).cr[0], 0x60000011);
    machine_free(&m);
}
END_TEST

START_TEST(test_lmsw_loads_only_low_four_bits)
{
    /* mov ax,0FFFEh; lmsw ax; hlt */
    static const uint8_t code[] = {0xB8, 0xFE, 0xFF, 0x0F, 0x01, 0xF0, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_386, code, sizeof(code));
    ck_assert_int_eq(run_to_halt(&m), -1);
    ck_assert_uint_eq(regs(&m).cr[0], 0x0000000E);
    machine_free(&m);
}
END_TEST

START_TEST(test_clts_clears_ts_only)
{
    static const uint8_t code[] = {0x0F, 0x06, 0xF4}; /* clts; hlt */
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = regs(&m);
    r.cr[0] |= 0xE; /* MP EM TS */
    set_regs(&m, &r);
    ck_assert_int_eq(run_to_halt(&m), -1);
    ck_assert_uint_eq(regs(&m).cr[0], 0x60000016);
    machine_free(&m);
}
END_TEST

/* ---- control registers ----------------------------------------------------- */

START_TEST(test_mov_cr0_roundtrip)
{
    /* mov eax,4005012Ah; mov cr0,eax; mov ebx,cr0; hlt
     * CD AM WP NE TS MP written, bit 8 (reserved) ignored, ET forced on a 486. */
    static const uint8_t code[] = {0x66, 0xB8, 0x2A, 0x01, 0x05, 0x40, 0x0F, 0x22, 0xC0,
                                   0x0F, 0x20, 0xC3, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    ck_assert_int_eq(run_to_halt(&m), -1);
    struct cpu_regs r = regs(&m);
    ck_assert_uint_eq(r.gpr[R_EBX], 0x4005003A);
    ck_assert_uint_eq(r.cr[0], 0x4005003A);
    machine_free(&m);
}
END_TEST

START_TEST(test_mov_cr0_on_386_ignores_486_bits_and_keeps_et_writable)
{
    /* mov eax,60050030h; mov cr0,eax; hlt: only ET survives on a 386. */
    static const uint8_t code[] = {0x66, 0xB8, 0x30, 0x00, 0x05, 0x60, 0x0F, 0x22, 0xC0, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_386, code, sizeof(code));
    ck_assert_int_eq(run_to_halt(&m), -1);
    ck_assert_uint_eq(regs(&m).cr[0], 0x00000010);
    machine_free(&m);
}
END_TEST

START_TEST(test_mov_cr0_pg_without_pe_is_gp)
{
    /* mov eax,80000000h; mov cr0,eax; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x00, 0x00, 0x00, 0x80, 0x0F, 0x22, 0xC0, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_386, code, sizeof(code));
    expect_fault(&m, 13, 6);
    ck_assert_uint_eq(regs(&m).cr[0], 0);
    machine_free(&m);
}
END_TEST

START_TEST(test_mov_cr0_nw_without_cd_is_gp_on_486)
{
    /* mov eax,20000010h; mov cr0,eax; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x10, 0x00, 0x00, 0x20, 0x0F, 0x22, 0xC0, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    expect_fault(&m, 13, 6);
    ck_assert_uint_eq(regs(&m).cr[0], 0x60000010);
    machine_free(&m);
}
END_TEST

START_TEST(test_mov_cr2_cr3_roundtrip)
{
    /* mov eax,12345678h; mov cr2,eax; mov cr3,eax; mov ebx,cr2; mov ecx,cr3; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x78, 0x56, 0x34, 0x12, 0x0F, 0x22, 0xD0,
                                   0x0F, 0x22, 0xD8, 0x0F, 0x20, 0xD3, 0x0F, 0x20, 0xD9, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_386, code, sizeof(code));
    ck_assert_int_eq(run_to_halt(&m), -1);
    struct cpu_regs r = regs(&m);
    ck_assert_uint_eq(r.gpr[R_EBX], 0x12345678);
    ck_assert_uint_eq(r.gpr[R_ECX], 0x12345678);
    machine_free(&m);
}
END_TEST

START_TEST(test_mov_cr1_is_ud)
{
    static const uint8_t code[] = {0x0F, 0x20, 0xC8, 0xF4}; /* mov eax,cr1 */
    struct machine m;
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    expect_fault(&m, 6, 0);
    machine_free(&m);
}
END_TEST

START_TEST(test_mov_cr4_is_ud_on_486)
{
    static const uint8_t code[] = {0x0F, 0x20, 0xE0, 0xF4}; /* mov eax,cr4 */
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    expect_fault(&m, 6, 0);
    machine_free(&m);
}
END_TEST

START_TEST(test_mov_cr4_roundtrip_on_pentium)
{
    /* mov eax,5Fh; mov cr4,eax; mov ebx,cr4; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x5F, 0x00, 0x00, 0x00, 0x0F, 0x22, 0xE0,
                                   0x0F, 0x20, 0xE3, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    ck_assert_int_eq(run_to_halt(&m), -1);
    ck_assert_uint_eq(regs(&m).gpr[R_EBX], 0x5F);
    machine_free(&m);
}
END_TEST

START_TEST(test_mov_cr4_reserved_bit_is_gp_on_pentium)
{
    /* mov eax,20h (PAE, absent on the Pentium); mov cr4,eax; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x20, 0x00, 0x00, 0x00, 0x0F, 0x22, 0xE0, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    expect_fault(&m, 13, 6);
    ck_assert_uint_eq(regs(&m).cr[4], 0);
    machine_free(&m);
}
END_TEST

START_TEST(test_mov_cr0_is_gp_at_cpl3_in_protected_mode)
{
    static const uint8_t code[] = {0x0F, 0x20, 0xC0, 0xF4}; /* mov eax,cr0 */
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    enter_pm(&m, 3);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_REQUEST);
    ck_assert_int_eq(m.last_vector, 13);
    machine_free(&m);
}
END_TEST

/* ---- debug and test registers ---------------------------------------------- */

START_TEST(test_mov_dr6_dr7_read_fixed_bits)
{
    /* mov eax,0; mov dr6,eax; mov dr7,eax; mov ebx,dr6; mov ecx,dr7; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x0F, 0x23, 0xF0, 0x0F, 0x23, 0xF8,
                                   0x0F, 0x21, 0xF3, 0x0F, 0x21, 0xF9, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    ck_assert_int_eq(run_to_halt(&m), -1);
    struct cpu_regs r = regs(&m);
    ck_assert_uint_eq(r.gpr[R_EBX], 0xFFFF0FF0);
    ck_assert_uint_eq(r.gpr[R_ECX], 0x00000400);
    machine_free(&m);
}
END_TEST

START_TEST(test_dr6_bit12_writable_on_486_not_on_pentium)
{
    /* mov eax,1001h; mov dr6,eax; mov ebx,dr6; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x01, 0x10, 0x00, 0x00, 0x0F, 0x23, 0xF0,
                                   0x0F, 0x21, 0xF3, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    ck_assert_int_eq(run_to_halt(&m), -1);
    ck_assert_uint_eq(regs(&m).gpr[R_EBX], 0xFFFF1FF1);
    machine_free(&m);
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    ck_assert_int_eq(run_to_halt(&m), -1);
    ck_assert_uint_eq(regs(&m).gpr[R_EBX], 0xFFFF0FF1);
    machine_free(&m);
}
END_TEST

START_TEST(test_dr4_aliases_dr6_unless_cr4_de)
{
    static const uint8_t code[] = {0x0F, 0x21, 0xE3, 0xF4}; /* mov ebx,dr4; hlt */
    struct machine m;
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    ck_assert_int_eq(run_to_halt(&m), -1);
    ck_assert_uint_eq(regs(&m).gpr[R_EBX], 0xFFFF0FF0);
    machine_free(&m);

    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    struct cpu_regs r = regs(&m);
    r.cr[4] = 1u << 3; /* DE */
    set_regs(&m, &r);
    expect_fault(&m, 6, 0);
    machine_free(&m);
}
END_TEST

START_TEST(test_mov_dr_with_gd_set_raises_db)
{
    static const uint8_t code[] = {0x0F, 0x21, 0xC3, 0xF4}; /* mov ebx,dr0; hlt */
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = regs(&m);
    r.dr[7] = 0x2400; /* GD */
    set_regs(&m, &r);
    expect_fault(&m, 1, 0);
    r = regs(&m);
    ck_assert_uint_eq(r.dr[7], 0x400);     /* GD cleared */
    ck_assert(r.dr[6] & (1u << 13));       /* BD set */
    machine_free(&m);
}
END_TEST

START_TEST(test_test_registers_by_model)
{
    /* mov eax,0ABCDh; mov tr3,eax; mov ebx,tr3; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0xCD, 0xAB, 0x00, 0x00, 0x0F, 0x26, 0xD8,
                                   0x0F, 0x24, 0xDB, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    ck_assert_int_eq(run_to_halt(&m), -1);
    ck_assert_uint_eq(regs(&m).gpr[R_EBX], 0xABCD);
    machine_free(&m);
    machine_init(&m, CPU_MODEL_386, code, sizeof(code)); /* 386: TR6-TR7 only */
    expect_fault(&m, 6, 6);
    machine_free(&m);
    static const uint8_t tr6[] = {0x0F, 0x24, 0xF3, 0xF4}; /* mov ebx,tr6 */
    machine_init(&m, CPU_MODEL_386, tr6, sizeof(tr6));
    ck_assert_int_eq(run_to_halt(&m), -1);
    machine_free(&m);
    machine_init(&m, CPU_MODEL_PENTIUM, tr6, sizeof(tr6)); /* none on the Pentium */
    expect_fault(&m, 6, 0);
    machine_free(&m);
}
END_TEST

/* ---- FPU escapes ------------------------------------------------------------- */

START_TEST(test_esc_raises_nm_when_em_set)
{
    static const uint8_t code[] = {0x90, 0xD8, 0xC1, 0xF4}; /* nop; fadd st,st1; hlt */
    struct machine m;
    machine_init(&m, CPU_MODEL_386, code, sizeof(code));
    struct cpu_regs r = regs(&m);
    r.cr[0] |= 1u << 2; /* EM */
    set_regs(&m, &r);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    r = regs(&m);
    ck_assert_uint_eq(r.seg[SEG_CS].sel, 0);
    ck_assert_uint_eq(r.eip, HANDLERS + 7 + 1);
    ck_assert_uint_eq(word_at(&m, 0x8000 - 6), CODE + 1);
    machine_free(&m);
}
END_TEST

START_TEST(test_esc_memory_form_raises_nm_when_ts_set)
{
    static const uint8_t code[] = {0xD9, 0x06, 0x00, 0x30, 0xF4}; /* fld dword [3000h] */
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    struct cpu_regs r = regs(&m);
    r.cr[0] |= 1u << 3; /* TS */
    set_regs(&m, &r);
    expect_fault(&m, 7, 0);
    machine_free(&m);
}
END_TEST

START_TEST(test_fnstsw_mem_leaves_memory_untouched)
{
    /* fninit; fnstsw [3000h]; hlt - the classic no-FPU probe */
    static const uint8_t code[] = {0xDB, 0xE3, 0xDD, 0x3E, 0x00, 0x30, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_386, code, sizeof(code));
    put_word(&m, DATA, 0x5A5A);
    ck_assert_int_eq(run_to_halt(&m), -1);
    ck_assert_uint_eq(regs(&m).eip, CODE + sizeof(code));
    ck_assert_uint_eq(word_at(&m, DATA), 0x5A5A);
    machine_free(&m);
}
END_TEST

START_TEST(test_wait_nm_only_when_ts_and_mp)
{
    static const uint8_t code[] = {0x9B, 0xF4}; /* wait; hlt */
    static const uint32_t cr0_bits[] = {0x8 /* TS */, 0x2 /* MP */, 0x4 /* EM */, 0xC /* EM TS */,
                                        0xA /* MP TS */};
    static const int expect[] = {-1, -1, -1, -1, 7};
    for (int k = 0; k < 5; k++) {
        struct machine m;
        machine_init(&m, CPU_MODEL_386, code, sizeof(code));
        struct cpu_regs r = regs(&m);
        r.cr[0] |= cr0_bits[k];
        set_regs(&m, &r);
        ck_assert_int_eq(run_to_halt(&m), expect[k]);
        machine_free(&m);
    }
}
END_TEST

/* ---- HLT, CLI, STI ---------------------------------------------------------- */

START_TEST(test_hlt_stops_cpu_with_halt)
{
    static const uint8_t code[] = {0xF4, 0x90, 0xF4}; /* hlt; nop; hlt */
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_uint_eq(regs(&m).eip, CODE + 1);
    ck_assert_uint_eq(cpu_icount(m.cpu), 1);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT); /* stays halted */
    ck_assert_uint_eq(regs(&m).eip, CODE + 1);
    ck_assert_uint_eq(cpu_icount(m.cpu), 1);
    machine_free(&m);
}
END_TEST

START_TEST(test_hlt_is_gp_at_cpl3_in_protected_mode)
{
    static const uint8_t code[] = {0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    enter_pm(&m, 3);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_REQUEST);
    ck_assert_int_eq(m.last_vector, 13);
    machine_free(&m);
}
END_TEST

START_TEST(test_cli_sti_change_if)
{
    static const uint8_t code[] = {0xFB, 0xF4, 0xFA, 0xF4}; /* sti; hlt; cli; hlt */
    struct machine m;
    machine_init(&m, CPU_MODEL_386, code, sizeof(code));
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert(regs(&m).eflags & FL_IF);
    struct cpu_regs r = regs(&m);
    set_regs(&m, &r); /* cpu_set_regs leaves the halted state */
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert(!(regs(&m).eflags & FL_IF));
    machine_free(&m);
}
END_TEST

START_TEST(test_sti_sets_one_instruction_shadow)
{
    /* sti; nop; nop; hlt with INTR already asserted: the interrupt is taken
     * after the first NOP, so the pushed return IP is 1002h. */
    static const uint8_t code[] = {0xFB, 0x90, 0x90, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    m.intr_vector = 0x20;
    cpu_set_intr(m.cpu, true);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_uint_eq(regs(&m).eip, HANDLERS + 0x21);
    ck_assert_uint_eq(word_at(&m, 0x8000 - 6), CODE + 2);
    machine_free(&m);
}
END_TEST

START_TEST(test_interrupt_wakes_halted_cpu)
{
    static const uint8_t code[] = {0xFB, 0xF4, 0xF4}; /* sti; hlt; hlt */
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    m.intr_vector = 0x21;
    cpu_set_intr(m.cpu, true);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_uint_eq(regs(&m).eip, HANDLERS + 0x22);
    ck_assert_uint_eq(word_at(&m, 0x8000 - 6), CODE + 2); /* after the HLT */
    machine_free(&m);
}
END_TEST

START_TEST(test_cli_is_gp_when_cpl_above_iopl)
{
    static const uint8_t code[] = {0xFA, 0xF4}; /* cli; hlt */
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    enter_pm(&m, 3);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_REQUEST);
    ck_assert_int_eq(m.last_vector, 13);
    machine_free(&m);
}
END_TEST

/* ---- CPUID, RDTSC, MSRs ----------------------------------------------------- */

START_TEST(test_cpuid_leaf0_reports_genuineintel)
{
    /* mov eax,0; cpuid; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x00, 0x00, 0x00, 0x00, 0x0F, 0xA2, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    ck_assert_int_eq(run_to_halt(&m), -1);
    struct cpu_regs r = regs(&m);
    char vendor[13];
    memcpy(vendor, &r.gpr[R_EBX], 4);
    memcpy(vendor + 4, &r.gpr[R_EDX], 4);
    memcpy(vendor + 8, &r.gpr[R_ECX], 4);
    vendor[12] = 0;
    ck_assert_uint_eq(r.gpr[R_EAX], 1);
    ck_assert_str_eq(vendor, "GenuineIntel");
    machine_free(&m);
}
END_TEST

START_TEST(test_cpuid_reports_no_fpu)
{
    /* mov eax,1; cpuid; hlt */
    static const uint8_t code[] = {0x66, 0xB8, 0x01, 0x00, 0x00, 0x00, 0x0F, 0xA2, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    ck_assert_int_eq(run_to_halt(&m), -1);
    struct cpu_regs r = regs(&m);
    ck_assert_uint_eq(r.gpr[R_EAX], 0x480);
    ck_assert_uint_eq(r.gpr[R_EDX], 0);
    machine_free(&m);

    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    ck_assert_int_eq(run_to_halt(&m), -1);
    r = regs(&m);
    ck_assert_uint_eq(r.gpr[R_EAX] >> 8 & 0xF, 5);
    ck_assert_uint_eq(r.gpr[R_EDX] & 1, 0);           /* no FPU */
    ck_assert_uint_eq(r.gpr[R_EDX], 0x13E);           /* VME DE PSE TSC MSR CX8 */
    machine_free(&m);
}
END_TEST

START_TEST(test_cpuid_is_ud_on_386)
{
    static const uint8_t code[] = {0x0F, 0xA2, 0xF4}; /* cpuid; hlt */
    struct machine m;
    machine_init(&m, CPU_MODEL_386, code, sizeof(code));
    expect_fault(&m, 6, 0);
    machine_free(&m);
}
END_TEST

START_TEST(test_rdtsc_counts_retired_instructions)
{
    /* nop; nop; nop; rdtsc; mov ebx,eax; rdtsc; hlt */
    static const uint8_t code[] = {0x90, 0x90, 0x90, 0x0F, 0x31, 0x66, 0x89, 0xC3,
                                   0x0F, 0x31, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    ck_assert_int_eq(run_to_halt(&m), -1);
    struct cpu_regs r = regs(&m);
    ck_assert_uint_eq(r.gpr[R_EBX], 3);
    ck_assert_uint_eq(r.gpr[R_EAX], 5);
    ck_assert_uint_eq(r.gpr[R_EDX], 0);
    machine_free(&m);
}
END_TEST

START_TEST(test_rdtsc_is_ud_on_486)
{
    static const uint8_t code[] = {0x0F, 0x31, 0xF4}; /* rdtsc */
    struct machine m;
    machine_init(&m, CPU_MODEL_486, code, sizeof(code));
    expect_fault(&m, 6, 0);
    machine_free(&m);
}
END_TEST

START_TEST(test_rdtsc_is_gp_with_tsd_at_cpl3)
{
    static const uint8_t code[] = {0x0F, 0x31, 0xF4}; /* rdtsc */
    struct machine m;
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    struct cpu_regs r = regs(&m);
    r.cr[4] = 1u << 2; /* TSD */
    set_regs(&m, &r);
    enter_pm(&m, 3);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_REQUEST);
    ck_assert_int_eq(m.last_vector, 13);
    machine_free(&m);
}
END_TEST

START_TEST(test_rdmsr_tsc_and_unknown_msr_is_gp)
{
    /* mov ecx,10h; rdmsr; hlt; mov ecx,11h; rdmsr */
    static const uint8_t code[] = {0x66, 0xB9, 0x10, 0x00, 0x00, 0x00, 0x0F, 0x32, 0xF4,
                                   0x66, 0xB9, 0x11, 0x00, 0x00, 0x00, 0x0F, 0x32, 0xF4};
    struct machine m;
    machine_init(&m, CPU_MODEL_PENTIUM, code, sizeof(code));
    ck_assert_int_eq(run_to_halt(&m), -1);
    struct cpu_regs r = regs(&m);
    ck_assert_uint_eq(r.gpr[R_EAX], 1);
    ck_assert_uint_eq(r.gpr[R_EDX], 0);
    set_regs(&m, &r);
    expect_fault(&m, 13, 15);
    machine_free(&m);
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
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
