/*
 * tests/unit/test_v86.c - virtual-8086 mode (SDM Vol. 3, chapter 20):
 * entry by IRETD from CPL 0, real-mode style addressing at CPL 3, the
 * IOPL-sensitive instructions faulting with IOPL < 3, interrupts leaving
 * V86 through the IDT with the GS/FS/DS/ES/SS/ESP frame on the TSS's
 * ring-0 stack and null data segments, and IRETD back into V86.
 */
#include <check.h>

#include "cpu/fault.h"
#include "support/testmachine.h"

enum { GDT = 0x30000, TSS = 0x31000, IDT = 0x32000, HANDLER = 0x2000, V86_CODE = 0x500 };

static void desc(struct tmachine *m, uint32_t at, uint32_t lo, uint32_t hi)
{
    tm_put32(m, at, lo);
    tm_put32(m, at + 4, hi);
}

/* Interrupt gate for @vec to 08h:HANDLER with DPL @dpl. */
static void gate(struct tmachine *m, unsigned vec, unsigned dpl)
{
    desc(m, IDT + 8 * vec, (0x08u << 16) | (HANDLER & 0xFFFF),
         (HANDLER & 0xFFFF0000u) | 0x8E00u | (dpl << 13));
}

static void flat(struct cpu_seg *s, uint16_t sel, uint16_t attr)
{
    s->sel = sel;
    s->base = 0;
    s->limit = 0xFFFFFFFFu;
    s->attr = attr;
}

/*
 * 32-bit ring 0 at 1000h: push the V86 frame (GS FS DS ES SS ESP EFLAGS CS
 * EIP) and IRETD into V86 code at 0050:0000 with IOPL @iopl.  The V86 code
 * is @v86 (at linear 500h); the handler at 2000h is HLT.
 */
static void v86_init_model(struct tmachine *m, enum cpu_model model, const uint8_t *v86, size_t n,
                           unsigned iopl)
{
    uint32_t fl = 0x20002u | (iopl << 12);
    uint8_t code[] = {0x6A, 0x00, 0x6A, 0x00, 0x68, 0x00, 0x02, 0x00, 0x00, /* gs fs ds=200 */
                      0x68, 0x00, 0x03, 0x00, 0x00, 0x68, 0x00, 0x01, 0x00, 0x00, /* es ss */
                      0x68, 0xFE, 0x0F, 0x00, 0x00,                         /* esp ffe */
                      0x68, (uint8_t)fl, (uint8_t)(fl >> 8), (uint8_t)(fl >> 16), 0x00,
                      0x6A, 0x50, 0x6A, 0x00, 0xCF};                       /* cs 50, eip 0 */
    tm_init(m, model, code, sizeof(code));
    tm_put(m, V86_CODE, v86, n);
    m->ram[HANDLER] = 0xF4;
    desc(m, GDT + 0x08, 0x0000FFFF, 0x00CF9A00);
    desc(m, GDT + 0x10, 0x0000FFFF, 0x00CF9200);
    desc(m, GDT + 0x18, ((uint32_t)TSS << 16) | 0x67, (((uint32_t)TSS >> 16) & 0xFF) | 0x8900);
    tm_put32(m, TSS + 4, 0x9000); /* ESP0 */
    tm_put32(m, TSS + 8, 0x10);   /* SS0 */
    struct cpu_regs r = tm_regs(m);
    for (int s = 0; s < SEG_COUNT; s++)
        flat(&r.seg[s], 0x10, 0xC93);
    flat(&r.seg[SEG_CS], 0x08, 0xC9B);
    r.cr[0] |= 1;
    r.gdtr_base = GDT;
    r.gdtr_limit = 0x1F;
    r.idtr_base = IDT;
    r.idtr_limit = 0x7FF;
    r.tr = (struct cpu_seg){0x18, TSS, 0x67, 0x8B};
    r.gpr[R_ESP] = 0x8000;
    tm_set_regs(m, &r);
}

static void v86_init(struct tmachine *m, const uint8_t *v86, size_t n, unsigned iopl)
{
    v86_init_model(m, CPU_MODEL_486, v86, n, iopl);
}

/* Pentium with CR4.VME, IOPL 0, and a TSS whose redirection bitmap (the
 * 32 bytes below the I/O map at 88h) redirects every INT n to the V86 IVT. */
static void vme_init(struct tmachine *m, const uint8_t *v86, size_t n)
{
    v86_init_model(m, CPU_MODEL_PENTIUM, v86, n, 0);
    gate(m, 13, 0);
    tm_put16(m, TSS + 0x66, 0x88);
    struct cpu_regs r = tm_regs(m);
    r.cr[4] |= 1; /* VME */
    r.tr.limit = 0xFF;
    tm_set_regs(m, &r);
}

START_TEST(test_int_n_with_iopl0_in_v86_faults_to_ring0_with_v86_frame)
{
    static const uint8_t v86[] = {0xCD, 0x21}; /* int 21h */
    struct tmachine m;
    v86_init(&m, v86, sizeof(v86), 0);
    gate(&m, 13, 0);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.seg[SEG_CS].sel, 0x08);
    ck_assert_uint_eq(r.eflags & (1u << 17), 0);           /* VM cleared */
    ck_assert_uint_eq(r.seg[SEG_DS].sel, 0);               /* null data segments */
    ck_assert_uint_eq(r.seg[SEG_ES].sel, 0);
    uint32_t sp = 0x9000 - 40;                             /* 9 slots + error code */
    ck_assert_uint_eq(r.gpr[R_ESP], sp);
    ck_assert_uint_eq(tm_get32(&m, sp + 0), 0);            /* #GP(0) */
    ck_assert_uint_eq(tm_get32(&m, sp + 4), 0);            /* EIP of the INT */
    ck_assert_uint_eq(tm_get32(&m, sp + 8), 0x50);         /* CS */
    ck_assert_uint_eq(tm_get32(&m, sp + 12) & 0x23000, 0x20000); /* EFLAGS: VM, IOPL 0 */
    ck_assert_uint_eq(tm_get32(&m, sp + 16), 0xFFE);       /* ESP */
    ck_assert_uint_eq(tm_get32(&m, sp + 20), 0x100);       /* SS */
    ck_assert_uint_eq(tm_get32(&m, sp + 24), 0x300);       /* ES */
    ck_assert_uint_eq(tm_get32(&m, sp + 28), 0x200);       /* DS */
    tm_free(&m);
}
END_TEST

/* With IOPL 3, INT 21h goes through a DPL 3 gate and reaches the handler. */
START_TEST(test_int_n_with_iopl3_in_v86_goes_through_the_idt)
{
    static const uint8_t v86[] = {0xCD, 0x21};
    struct tmachine m;
    v86_init(&m, v86, sizeof(v86), 3);
    gate(&m, 0x21, 3);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.seg[SEG_CS].sel, 0x08);
    uint32_t sp = 0x9000 - 36; /* no error code */
    ck_assert_uint_eq(r.gpr[R_ESP], sp);
    ck_assert_uint_eq(tm_get32(&m, sp + 0), 2); /* EIP after the INT */
    tm_free(&m);
}
END_TEST

/* In V86: mov ax, [0010h] reads linear DS*16 + 10h = 2010h. */
START_TEST(test_v86_addresses_memory_as_segment_times_16)
{
    static const uint8_t v86[] = {0xA1, 0x10, 0x00, 0xCD, 0x21}; /* mov ax,[10h]; int 21h */
    struct tmachine m;
    v86_init(&m, v86, sizeof(v86), 0);
    gate(&m, 13, 0);
    tm_put16(&m, 0x2010, 0xABCD);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_uint_eq(tm_regs(&m).gpr[R_EAX] & 0xFFFF, 0xABCD);
    tm_free(&m);
}
END_TEST

/* PUSHF, POPF, CLI and STI are IOPL-sensitive in V86. */
START_TEST(test_pushf_popf_cli_sti_fault_in_v86_with_iopl0)
{
    static const uint8_t ops[4] = {0x9C, 0x9D, 0xFA, 0xFB};
    for (int k = 0; k < 4; k++) {
        uint8_t v86[] = {ops[k]};
        struct tmachine m;
        v86_init(&m, v86, sizeof(v86), 0);
        gate(&m, 13, 0);
        ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
        ck_assert_uint_eq(tm_regs(&m).seg[SEG_CS].sel, 0x08);
        ck_assert_uint_eq(tm_get32(&m, 0x9000 - 36), 0); /* faulting EIP */
        tm_free(&m);
    }
}
END_TEST

/*
 * VME, IOPL 0: STI/CLI set and clear VIF without faulting, PUSHF shows VIF
 * as IF with IOPL 3, and INT 21h is redirected to the V86 IVT handler
 * (0060:0000, which executes HLT: #GP to the ring-0 handler).
 */
START_TEST(test_vme_virtualizes_if_and_redirects_int_n_to_the_v86_ivt)
{
    /* sti ; pushf ; pop ax ; cli ; int 21h */
    static const uint8_t v86[] = {0xFB, 0x9C, 0x58, 0xFA, 0xCD, 0x21};
    struct tmachine m;
    vme_init(&m, v86, sizeof(v86));
    tm_put32(&m, 0x21 * 4, 0x00600000); /* IVT: 0060:0000 */
    m.ram[0x600] = 0xF4;                /* V86 handler: HLT */
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.seg[SEG_CS].sel, 0x08);              /* ring 0 handler for the HLT */
    ck_assert_uint_eq(r.gpr[R_EAX] & 0x3200, 0x3200);        /* pushed IF (from VIF), IOPL 3 */
    uint32_t sp = 0x9000 - 40;
    ck_assert_uint_eq(tm_get32(&m, sp + 8), 0x60);           /* faulted in the V86 handler */
    ck_assert_uint_eq(tm_get32(&m, sp + 12) & (1u << 19), 0); /* VIF clear (CLI) */
    ck_assert_uint_eq(tm_get32(&m, sp + 12) & (1u << 9), 0);  /* real IF untouched: 0 */
    /* V86 stack (SS 100h, SP FFEh) got FLAGS, CS, IP of the INT */
    ck_assert_uint_eq(tm_get16(&m, 0x1000 + 0xFFE - 4), 0x50);
    ck_assert_uint_eq(tm_get16(&m, 0x1000 + 0xFFE - 6), 6);
    tm_free(&m);
}
END_TEST

/* VME: STI with VIP set is #GP(0). */
START_TEST(test_vme_sti_with_vip_pending_faults)
{
    static const uint8_t v86[] = {0xFB}; /* sti */
    struct tmachine m;
    vme_init(&m, v86, sizeof(v86));
    /* the EFLAGS image the IRETD loads is the imm32 at code offset 25:
       its third byte (bits 16-23) becomes 12h = VM | VIP */
    ck_assert_uint_eq(m.ram[TM_CODE + 27], 0x02);
    m.ram[TM_CODE + 27] = 0x12;
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    ck_assert_uint_eq(tm_regs(&m).seg[SEG_CS].sel, 0x08);
    ck_assert_uint_eq(tm_get32(&m, 0x9000 - 36), 0); /* faulting IP: the STI */
    ck_assert_uint_eq(tm_get32(&m, 0x9000 - 32), 0x50); /* in V86 code */
    tm_free(&m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("v86");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_int_n_with_iopl0_in_v86_faults_to_ring0_with_v86_frame);
    tcase_add_test(tc, test_int_n_with_iopl3_in_v86_goes_through_the_idt);
    tcase_add_test(tc, test_v86_addresses_memory_as_segment_times_16);
    tcase_add_test(tc, test_pushf_popf_cli_sti_fault_in_v86_with_iopl0);
    tcase_add_test(tc, test_vme_virtualizes_if_and_redirects_int_n_to_the_v86_ivt);
    tcase_add_test(tc, test_vme_sti_with_vip_pending_faults);
    suite_add_tcase(s, tc);
    return tm_run_suite(s);
}
