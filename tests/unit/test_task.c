/*
 * tests/unit/test_task.c - hardware task switches (SDM Vol. 3, chapter 7):
 * JMP to a TSS (busy bits, saved state, CR0.TS), CALL through a task gate
 * and IRET back through the back-link with NT, an interrupt through a task
 * gate in the IDT, and the #GP for a busy TSS.
 */
#include <check.h>

#include "cpu/fault.h"
#include "support/testmachine.h"

enum { GDT = 0x30000, TSS1 = 0x31000, TSS2 = 0x33000, IDT = 0x32000 };
enum { SEL_TSS1 = 0x18, SEL_TSS2 = 0x20, SEL_GATE = 0x28 };

static void desc(struct tmachine *m, uint32_t at, uint32_t lo, uint32_t hi)
{
    tm_put32(m, at, lo);
    tm_put32(m, at + 4, hi);
}

static uint32_t tss_lo(uint32_t base) { return (base << 16) | 0x67; }
static uint32_t tss_hi(uint32_t base, unsigned type)
{
    return ((base >> 16) & 0xFF) | (base & 0xFF000000u) | 0x8000u | (type << 8);
}

static void flat(struct cpu_seg *s, uint16_t sel, uint16_t attr)
{
    s->sel = sel;
    s->base = 0;
    s->limit = 0xFFFFFFFFu;
    s->attr = attr;
}

/* Task 1 runs @code at 1000h (32-bit, CPL 0); task 2's TSS starts at @eip2. */
static void task_init(struct tmachine *m, const uint8_t *code, size_t n, uint32_t eip2)
{
    static const uint8_t t2[] = {0xF4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                 0xB8, 0x34, 0x12, 0x00, 0x00, 0xCF}; /* hlt | mov eax,1234h; iret */
    tm_init(m, CPU_MODEL_486, code, n);
    tm_put(m, 0x3000, t2, sizeof(t2));
    desc(m, GDT + 0x08, 0x0000FFFF, 0x00CF9A00);
    desc(m, GDT + 0x10, 0x0000FFFF, 0x00CF9200);
    desc(m, GDT + SEL_TSS1, tss_lo(TSS1), tss_hi(TSS1, 0xB));
    desc(m, GDT + SEL_TSS2, tss_lo(TSS2), tss_hi(TSS2, 0x9));
    desc(m, GDT + SEL_GATE, (uint32_t)SEL_TSS2 << 16, 0x8500);
    desc(m, IDT + 8 * 0x40, (uint32_t)SEL_TSS2 << 16, 0x8500); /* task gate */
    tm_put32(m, TSS2 + 0x20, eip2);
    tm_put32(m, TSS2 + 0x24, 0x2);
    tm_put32(m, TSS2 + 0x38, 0x7000);           /* ESP */
    tm_put32(m, TSS2 + 0x48, 0x10);             /* ES */
    tm_put32(m, TSS2 + 0x4C, 0x08);             /* CS */
    tm_put32(m, TSS2 + 0x50, 0x10);             /* SS */
    tm_put32(m, TSS2 + 0x54, 0x10);             /* DS */
    struct cpu_regs r = tm_regs(m);
    for (int s = 0; s < SEG_COUNT; s++)
        flat(&r.seg[s], 0x10, 0xC93);
    flat(&r.seg[SEG_CS], 0x08, 0xC9B);
    r.cr[0] |= 1;
    r.gdtr_base = GDT;
    r.gdtr_limit = 0x2F;
    r.idtr_base = IDT;
    r.idtr_limit = 0x7FF;
    r.tr = (struct cpu_seg){SEL_TSS1, TSS1, 0x67, 0x8B};
    r.gpr[R_ESP] = 0x8000;
    tm_set_regs(m, &r);
}

START_TEST(test_jmp_to_tss_switches_task_and_moves_busy_bit)
{
    static const uint8_t code[] = {0xB9, 0x77, 0, 0, 0, 0xEA, 0, 0, 0, 0, SEL_TSS2, 0, 0xF4};
    struct tmachine m;
    task_init(&m, code, sizeof(code), 0x3000);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.tr.sel, SEL_TSS2);
    ck_assert_uint_eq(r.eip, 0x3001);
    ck_assert_uint_eq(r.gpr[R_ESP], 0x7000);
    ck_assert_uint_eq(r.cr[0] & 8, 8);                       /* CR0.TS */
    ck_assert_uint_eq(r.eflags & (1u << 14), 0);             /* NT clear after JMP */
    ck_assert_uint_eq(tm_get32(&m, TSS1 + 0x20), TM_CODE + 12); /* saved EIP after the JMP */
    ck_assert_uint_eq(tm_get32(&m, TSS1 + 0x2C), 0x77);         /* saved ECX */
    ck_assert_uint_eq((m.ram[GDT + SEL_TSS1 + 5] >> 1) & 1, 0); /* old TSS not busy */
    ck_assert_uint_eq((m.ram[GDT + SEL_TSS2 + 5] >> 1) & 1, 1); /* new TSS busy */
    tm_free(&m);
}
END_TEST

START_TEST(test_call_through_task_gate_and_iret_returns_by_back_link)
{
    /* call far 28h:0 ; hlt */
    static const uint8_t code[] = {0x9A, 0, 0, 0, 0, SEL_GATE, 0, 0xF4};
    struct tmachine m;
    task_init(&m, code, sizeof(code), 0x3010);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.tr.sel, SEL_TSS1);
    ck_assert_uint_eq(r.eip, TM_CODE + 8);
    ck_assert_uint_eq(r.gpr[R_EAX], 0);        /* task 1's own registers are back */
    ck_assert_uint_eq(tm_get32(&m, TSS2 + 0x28), 0x1234); /* task 2's EAX saved by its IRET */
    ck_assert_uint_eq(r.gpr[R_ESP], 0x8000);
    ck_assert_uint_eq(tm_get16(&m, TSS2), SEL_TSS1); /* back-link */
    ck_assert_uint_eq((m.ram[GDT + SEL_TSS2 + 5] >> 1) & 1, 0);
    ck_assert_uint_eq((m.ram[GDT + SEL_TSS1 + 5] >> 1) & 1, 1);
    ck_assert_uint_eq(tm_get32(&m, TSS2 + 0x24) & (1u << 14), 0); /* saved with NT clear */
    tm_free(&m);
}
END_TEST

START_TEST(test_interrupt_through_idt_task_gate_runs_the_task)
{
    static const uint8_t code[] = {0xCD, 0x40, 0xF4}; /* int 40h ; hlt */
    struct tmachine m;
    task_init(&m, code, sizeof(code), 0x3010);
    ck_assert_int_eq(cpu_run(m.cpu, 100), CPU_STOP_HALT);
    struct cpu_regs r = tm_regs(&m);
    ck_assert_uint_eq(r.tr.sel, SEL_TSS1);
    ck_assert_uint_eq(r.eip, TM_CODE + 3);
    ck_assert_uint_eq(tm_get32(&m, TSS2 + 0x28), 0x1234);
    ck_assert_uint_eq(tm_get32(&m, TSS2 + 0x20), 0x3016); /* task 2 saved after its IRET */
    tm_free(&m);
}
END_TEST

START_TEST(test_jmp_to_busy_tss_is_gp)
{
    static const uint8_t code[] = {0xEA, 0, 0, 0, 0, SEL_TSS1, 0, 0xF4}; /* jmp to itself */
    struct tmachine m;
    task_init(&m, code, sizeof(code), 0x3000);
    tm_install_hlt_handlers(&m, 0x2000);
    cpu_set_exception_hook(m.cpu, tm_stop_hook, &m);
    cpu_run(m.cpu, 100);
    ck_assert_int_eq(m.last_vector, EXC_GP);
    ck_assert_uint_eq(tm_regs(&m).tr.sel, SEL_TSS1);
    tm_free(&m);
}
END_TEST

static int db_seen;
static uint32_t db_dr6, db_eip;
static enum cpu_hook_action on_db(void *o, struct cpu *c, int vec, uint32_t err, bool has)
{
    struct cpu_regs r;
    cpu_get_regs(c, &r);
    db_seen = vec;
    db_dr6 = r.dr[6];
    db_eip = r.eip;
    cpu_request_stop(c);
    return CPU_HOOK_RESUME;
}

/* A TSS with its T flag set raises a #DB trap with DR6.BT after the switch. */
START_TEST(test_tss_trap_flag_raises_debug_trap_after_the_switch)
{
    static const uint8_t code[] = {0xEA, 0, 0, 0, 0, SEL_TSS2, 0, 0xF4};
    struct tmachine m;
    task_init(&m, code, sizeof(code), 0x3000);
    m.ram[TSS2 + 0x64] = 1;
    db_seen = -1;
    cpu_set_exception_hook(m.cpu, on_db, NULL);
    cpu_run(m.cpu, 100);
    ck_assert_int_eq(db_seen, EXC_DB);
    ck_assert_uint_eq(db_dr6 & (1u << 15), 1u << 15);
    ck_assert_uint_eq(db_eip, 0x3000); /* before the new task's first instruction */
    tm_free(&m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("task");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_jmp_to_tss_switches_task_and_moves_busy_bit);
    tcase_add_test(tc, test_call_through_task_gate_and_iret_returns_by_back_link);
    tcase_add_test(tc, test_interrupt_through_idt_task_gate_runs_the_task);
    tcase_add_test(tc, test_jmp_to_busy_tss_is_gp);
    tcase_add_test(tc, test_tss_trap_flag_raises_debug_trap_after_the_switch);
    suite_add_tcase(s, tc);
    return tm_run_suite(s);
}
