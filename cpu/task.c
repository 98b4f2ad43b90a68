/*
 * cpu/task.c - hardware task switches (SDM Vol. 3, chapter 7 "Task
 * Management", 7.3 "Task Switching"; Vol. 2 "JMP", "CALL", "IRET", "INT n"):
 * through JMP, CALL, IRET with NT, and interrupts via task gates, with
 * 16- and 32-bit TSSs, busy bits, the back-link and NT, CR3 and the LDT.
 *
 * Invariants (the order of Table 7-1 / section 7.3): the new TSS is
 * checked (#TS/#NP/#GP) before anything changes; the old state is saved,
 * busy bits and TR are updated, CR0.TS is set; only then are the new
 * task's registers loaded, and faults while loading its segments are
 * raised in the context of the new task (#TS with the selector).
 */
#include "task.h"

/* TSS layout offsets (SDM Vol. 3, Figures 7-2 and 7-11). */
enum {
    T32_LINK = 0, T32_CR3 = 0x1C, T32_EIP = 0x20, T32_EFLAGS = 0x24, T32_EAX = 0x28,
    T32_ES = 0x48, T32_LDT = 0x60, T32_TRAP = 0x64, T32_MIN_LIMIT = 0x67,
    T16_LINK = 0, T16_IP = 0x0E, T16_FLAGS = 0x10, T16_AX = 0x12, T16_ES = 0x22,
    T16_LDT = 0x2A, T16_MIN_LIMIT = 0x2B
};

static bool tss32_type(unsigned t) { return t == DT_TSS32_AVAIL || t == DT_TSS32_BUSY; }

/* Flip the busy bit of TSS descriptor @sel (GDT) to @busy. */
static void set_busy(struct cpu *c, uint16_t sel, bool busy)
{
    uint32_t at = c->gdtr_base + (sel & 0xFFF8u) + 5;
    uint32_t ar = lin_read_sys(c, at, 1);
    lin_write_sys(c, at, busy ? (ar | 2) : (ar & ~2u), 1);
}

/* Save the outgoing task's state into the current TSS. */
static void save_state(struct cpu *c, uint32_t eflags)
{
    uint32_t b = c->tr.base;
    if (tss32_type(c->tr.attr & 0xF)) {
        lin_write_sys(c, b + T32_EIP, c->eip, 4);
        lin_write_sys(c, b + T32_EFLAGS, eflags, 4);
        for (unsigned r = 0; r < 8; r++)
            lin_write_sys(c, b + T32_EAX + 4 * r, c->gpr[r], 4);
        for (unsigned s = 0; s < SEG_COUNT; s++)
            lin_write_sys(c, b + T32_ES + 4 * s, c->seg[s].sel, 2);
        return;
    }
    lin_write_sys(c, b + T16_IP, c->eip, 2);
    lin_write_sys(c, b + T16_FLAGS, eflags, 2);
    for (unsigned r = 0; r < 8; r++)
        lin_write_sys(c, b + T16_AX + 2 * r, c->gpr[r], 2);
    for (unsigned s = 0; s <= SEG_DS; s++)
        lin_write_sys(c, b + T16_ES + 2 * s, c->seg[s].sel, 2);
}

/* The incoming task's registers, read before anything is loaded. */
struct task_image {
    uint32_t cr3, eip, eflags, gpr[8];
    uint16_t seg[SEG_COUNT], ldt;
    bool wide, trap; /**< 32-bit TSS; its debug trap (T) flag */
};

static void read_image(struct cpu *c, const struct cpu_seg *tss, struct task_image *t)
{
    uint32_t b = tss->base;
    t->wide = tss32_type(tss->attr & 0xF);
    if (t->wide) {
        t->cr3 = lin_read_sys(c, b + T32_CR3, 4);
        t->eip = lin_read_sys(c, b + T32_EIP, 4);
        t->eflags = lin_read_sys(c, b + T32_EFLAGS, 4);
        for (unsigned r = 0; r < 8; r++)
            t->gpr[r] = lin_read_sys(c, b + T32_EAX + 4 * r, 4);
        for (unsigned s = 0; s < SEG_COUNT; s++)
            t->seg[s] = (uint16_t)lin_read_sys(c, b + T32_ES + 4 * s, 2);
        t->ldt = (uint16_t)lin_read_sys(c, b + T32_LDT, 2);
        t->trap = lin_read_sys(c, b + T32_TRAP, 1) & 1;
        return;
    }
    t->eip = lin_read_sys(c, b + T16_IP, 2);
    t->eflags = lin_read_sys(c, b + T16_FLAGS, 2);
    for (unsigned r = 0; r < 8; r++)
        t->gpr[r] = (c->gpr[r] & 0xFFFF0000u) | lin_read_sys(c, b + T16_AX + 2 * r, 2);
    for (unsigned s = 0; s < SEG_COUNT; s++)
        t->seg[s] = s <= SEG_DS ? (uint16_t)lin_read_sys(c, b + T16_ES + 2 * s, 2) : 0;
    t->ldt = (uint16_t)lin_read_sys(c, b + T16_LDT, 2);
    t->trap = false;
}

/* Check the new TSS descriptor (SDM Vol. 3, 7.3 step 3-5). */
static void check_new_tss(struct cpu *c, uint16_t sel, const struct desc *d, enum task_source src,
                          unsigned ext)
{
    uint32_t err = (sel & 0xFFFC) | ext;
    unsigned t = desc_type(d);
    bool busy = t == DT_TSS16_BUSY || t == DT_TSS32_BUSY;
    if (sel & 4 || desc_is_seg(d) || !(t == DT_TSS16_AVAIL || t == DT_TSS32_AVAIL || busy))
        cpu_fault(c, EXC_GP, err);
    if (src == TASK_IRET ? !busy : busy)
        cpu_fault(c, src == TASK_IRET ? EXC_TS : EXC_GP, err);
    if (!desc_present(d))
        cpu_fault(c, EXC_NP, err);
    if (desc_limit(d) < (tss32_type(t) ? T32_MIN_LIMIT : T16_MIN_LIMIT))
        cpu_fault(c, EXC_TS, err);
}

/* Load the LDT of the new task (#TS with its selector). */
static void load_task_ldt(struct cpu *c, uint16_t ldt)
{
    struct desc d;
    c->ldtr.sel = ldt;
    if ((ldt & 0xFFFC) == 0) {
        c->ldtr.attr = 0;
        return;
    }
    if ((ldt & 4) || !desc_fetch(c, ldt & ~4u, &d) || desc_is_seg(&d) || desc_type(&d) != DT_LDT)
        cpu_fault(c, EXC_TS, ldt & 0xFFFC);
    if (!desc_present(&d))
        cpu_fault(c, EXC_TS, ldt & 0xFFFC);
    seg_cache_set(&c->ldtr, ldt, &d);
}

/* Load CS and the data/stack segments of the new task with their checks;
 * faults become #TS(selector) (SDM Vol. 3, 7.3 step 13). */
static void load_task_segments(struct cpu *c, const struct task_image *t)
{
    if (t->eflags & FL_VM) { /* a virtual-8086 task */
        for (unsigned s = 0; s < SEG_COUNT; s++)
            seg_load(c, s, t->seg[s]);
        seg_refresh_all(c);
        return;
    }
    /* Every selector is loaded first, so a handler of a fault below sees
       the new task's selectors (SDM Vol. 3, 7.3 step 13, Interrupt 10). */
    for (unsigned s = 0; s < SEG_COUNT; s++)
        c->seg[s].sel = t->seg[s];
    uint16_t cs = t->seg[SEG_CS];
    struct desc d;
    if ((cs & 0xFFFC) == 0 || !desc_fetch(c, cs, &d) || !desc_is_code(&d) ||
        (desc_bit_c_e(&d) ? desc_dpl(&d) > (cs & 3u) : desc_dpl(&d) != (cs & 3u)))
        cpu_fault(c, EXC_TS, cs & 0xFFFC);
    if (!desc_present(&d))
        cpu_fault(c, EXC_NP, cs & 0xFFFC);
    seg_cache_set(&c->seg[SEG_CS], cs, &d);
    cpu_set_cpl(c, cs & 3u);
    c->code32 = c->seg[SEG_CS].attr & SA_DB;
    seg_refresh(c, SEG_CS);
    static const unsigned order[5] = {SEG_SS, SEG_DS, SEG_ES, SEG_FS, SEG_GS};
    for (unsigned k = 0; k < 5; k++)
        seg_load_task(c, order[k], t->seg[order[k]]);
}

/* The state switch proper, after every check of the new TSS passed. */
static void switch_state(struct cpu *c, uint16_t sel, struct desc *d, enum task_source src,
                         uint32_t link_sel)
{
    uint32_t old_flags = flags_get(c);
    if (src == TASK_IRET)
        old_flags &= ~FL_NT;
    save_state(c, old_flags);
    if (src == TASK_JMP || src == TASK_IRET)
        set_busy(c, c->tr.sel, false);
    struct cpu_seg tss;
    seg_cache_set(&tss, sel, d);
    struct task_image t;
    read_image(c, &tss, &t);
    if (src == TASK_CALL || src == TASK_INT) {
        lin_write_sys(c, tss.base + T32_LINK, link_sel, 2);
        t.eflags |= FL_NT;
    }
    if (src != TASK_IRET)
        set_busy(c, sel, true);
    tss.attr |= 2; /* the cached TR is busy */
    c->tr = tss;
    c->cr[0] |= 8; /* CR0.TS */
    if (t.wide && (c->cr[0] & 0x80000000u) && t.cr3 != c->cr[3]) {
        c->cr[3] = t.cr3;
        mmu_flush(&c->mmu);
    }
    memcpy(c->gpr, t.gpr, sizeof(t.gpr));
    c->eip = t.eip;
    c->lf.op = LF_NONE;
    c->eflags = (t.eflags | 2) & ~0x8028u;
    cpu_kick(c);
    /* The switch is committed: faults from here on belong to the new task
       and report its first instruction and stack (SDM Vol. 3, 7.3 step 14). */
    c->prev_eip = c->eip;
    c->prev_esp = c->gpr[R_ESP];
    load_task_ldt(c, t.ldt);
    load_task_segments(c, &t);
    /* T flag: #DB trap once the switch completes (SDM Vol. 3, 7.2.1, 17.3.1.5) */
    c->task_trap = t.trap;
}

void task_switch(struct cpu *c, uint16_t sel, struct desc *d, enum task_source src, unsigned ext,
                 bool has_error, uint32_t err)
{
    check_new_tss(c, sel, d, src, ext);
    uint16_t old = c->tr.sel;
    switch_state(c, sel, d, src, old);
    if (c->eip > c->seg[SEG_CS].limit)
        cpu_fault(c, EXC_GP, 0);
    if (has_error)
        push(c, err, (c->tr.attr & 0xF) >= DT_TSS32_AVAIL ? 4 : 2);
}

void task_gate_switch(struct cpu *c, const struct desc *g, enum task_source src, unsigned ext,
                      bool has_error, uint32_t err)
{
    uint16_t sel = gate_selector(g);
    struct desc d;
    if ((sel & 4) || !desc_fetch(c, sel, &d))
        cpu_fault(c, EXC_GP, (sel & 0xFFFC) | ext);
    task_switch(c, sel, &d, src, ext, has_error, err);
}

void task_return(struct cpu *c)
{
    uint16_t link = (uint16_t)lin_read_sys(c, c->tr.base + T32_LINK, 2);
    struct desc d;
    if ((link & 4) || !desc_fetch(c, link, &d))
        cpu_fault(c, EXC_TS, link & 0xFFFC);
    task_switch(c, link, &d, TASK_IRET, 0, false, 0);
}
