/*
 * cpu/segment.c - segment register loads and their access checks, EFLAGS
 * writes, and the I/O permission check.
 *
 * Real-address and virtual-8086 mode (SDM Vol. 3, 20.1.1): loading a
 * segment register sets its base to selector * 16; no type checks apply.
 * Protected mode: the descriptor is checked as SDM Vol. 2 "MOV" and "POP"
 * list (Operation, "IF SS is loaded" / "IF DS, ES, FS, or GS is loaded").
 * Invariant: after any change to a segment register or to the CPU mode,
 * seg_refresh recomputes its struct seg_acc, which every access consults.
 */
#include "descriptor.h"

void seg_check_slow(struct cpu *c, unsigned s, uint32_t off, unsigned size, bool write)
{
    const struct seg_acc *a = &c->acc[s];
    if (c->ac_armed && (off & (size - 1)) && size > 1)
        cpu_fault(c, EXC_AC, 0);
    if ((write ? a->wr_ok : a->rd_ok) && seg_in_range(a, off, size))
        return;
    cpu_log(c, CPU_LOG_GUEST_ERRORS, "segment %u access denied at %04x:%08x", s,
            c->seg[SEG_CS].sel, c->prev_eip);
    cpu_fault(c, s == SEG_SS ? EXC_SS : EXC_GP, 0);
}

/*
 * Alignment checking (SDM Vol. 3, 2.5 "AM", 6.15 "Interrupt 17"): armed
 * with CR0.AM, EFLAGS.AC and CPL 3 on the 486 and later.  While armed the
 * fast-path rights are withheld so every access reaches seg_check_slow.
 */
void ac_update(struct cpu *c)
{
    bool armed = c->model >= CPU_MODEL_486 && (c->cr[0] & (1u << 18)) &&
                 (c->eflags & FL_AC) && c->cpl == 3;
    if (armed == c->ac_armed)
        return;
    c->ac_armed = armed;
    for (unsigned s = 0; s < SEG_COUNT; s++)
        seg_refresh(c, s);
}

/* Protected-mode access rights of a cache (SDM Vol. 3, 5.4 "Type Checking"). */
static void acc_protected(struct seg_acc *a, const struct cpu_seg *s)
{
    bool present = s->attr & SA_P, code = s->attr & 0x08, rw = s->attr & 0x02;
    bool data = (s->attr & SA_S) && !code;
    a->rd = present && (s->attr & SA_S) && (data || rw);
    a->wr = present && data && rw;
    a->lo = 0;
    a->hi = s->limit;
    if (data && (s->attr & 0x04)) { /* expand-down: limit+1 .. 64K or 4G */
        a->lo = s->limit + 1;
        a->hi = (s->attr & SA_DB) ? 0xFFFFFFFFu : 0xFFFFu;
    }
}

void seg_refresh(struct cpu *c, unsigned s)
{
    struct seg_acc *a = &c->acc[s];
    const struct cpu_seg *sg = &c->seg[s];
    if (pm_mode(c)) {
        acc_protected(a, sg);
    } else {
        a->rd = a->wr = true;
        a->lo = 0;
        a->hi = sg->limit;
    }
    a->rd_ok = a->rd;
    a->wr_ok = a->wr;
    if (c->ac_armed)
        a->rd = a->wr = false;
    bool whole = a->lo == 0 && a->hi == 0xFFFFFFFFu;
    a->flat_rd = whole && a->rd;
    a->flat_wr = whole && a->wr;
}

void seg_refresh_all(struct cpu *c)
{
    for (unsigned s = 0; s < SEG_COUNT; s++)
        seg_refresh(c, s);
    c->code32 = c->seg[SEG_CS].attr & SA_DB;
    c->stack32 = c->seg[SEG_SS].attr & SA_DB;
    if (!(c->cr[0] & 1))
        cpu_set_cpl(c, 0);
    else if (c->eflags & FL_VM)
        cpu_set_cpl(c, 3);
    else
        cpu_set_cpl(c, c->cpl);
}

/* Real-address / virtual-8086 load: base = selector * 16. */
static void seg_load_real(struct cpu *c, unsigned s, uint16_t sel)
{
    c->seg[s].sel = sel;
    c->seg[s].base = (uint32_t)sel << 4;
    if (c->eflags & FL_VM) { /* SDM Vol. 3, 20.2.1: 64K read/write, DPL 3 */
        c->seg[s].limit = 0xFFFF;
        c->seg[s].attr = s == SEG_CS ? 0xFB : 0xF3;
    }
    if (s == SEG_SS)
        c->stack32 = c->seg[s].attr & SA_DB;
    seg_refresh(c, s);
}

/* SS: a present writable data segment with RPL = DPL = CPL.  @bad is the
 * vector for a wrong descriptor: #GP, or #TS during a task switch. */
static void check_stack_desc(struct cpu *c, uint16_t sel, const struct desc *d, int bad)
{
    uint32_t err = sel & 0xFFFC;
    if ((sel & 3) != c->cpl || !desc_is_data(d) || !desc_bit_r_w(d) || desc_dpl(d) != c->cpl)
        cpu_fault(c, bad, err);
    if (!desc_present(d))
        cpu_fault(c, EXC_SS, err);
}

/* DS/ES/FS/GS: data or readable code, with the privilege rule for data and
 * non-conforming code (max(CPL, RPL) <= DPL). */
static void check_data_desc(struct cpu *c, uint16_t sel, const struct desc *d, int bad)
{
    uint32_t err = sel & 0xFFFC;
    bool code = desc_is_code(d);
    if (!desc_is_seg(d) || (code && !desc_bit_r_w(d)))
        cpu_fault(c, bad, err);
    if ((!code || !desc_bit_c_e(d)) && ((sel & 3) > desc_dpl(d) || c->cpl > desc_dpl(d)))
        cpu_fault(c, bad, err);
    if (!desc_present(d))
        cpu_fault(c, EXC_NP, err);
}

/* A null selector in DS/ES/FS/GS: loads, but every access faults. */
static void seg_load_null(struct cpu *c, unsigned s, uint16_t sel)
{
    c->seg[s].sel = sel;
    c->seg[s].base = 0;
    c->seg[s].limit = 0;
    c->seg[s].attr = 0;
    seg_refresh(c, s);
}

/* Protected-mode load of data/stack register @s; @bad as for the checks. */
static void seg_load_pm(struct cpu *c, unsigned s, uint16_t sel, int bad)
{
    if ((sel & 0xFFFC) == 0) {
        if (s == SEG_SS)
            cpu_fault(c, bad, 0);
        seg_load_null(c, s, sel);
        return;
    }
    struct desc d;
    desc_load(c, sel, &d, bad, 0);
    if (s == SEG_SS)
        check_stack_desc(c, sel, &d, bad);
    else
        check_data_desc(c, sel, &d, bad);
    desc_set_accessed(c, sel, &d);
    seg_cache_set(&c->seg[s], sel, &d);
    if (s == SEG_SS)
        c->stack32 = c->seg[s].attr & SA_DB;
    seg_refresh(c, s);
}

void seg_load(struct cpu *c, unsigned s, uint16_t sel)
{
    if (!pm_mode(c))
        seg_load_real(c, s, sel);
    else
        seg_load_pm(c, s, sel, EXC_GP);
}

void seg_load_task(struct cpu *c, unsigned s, uint16_t sel)
{
    seg_load_pm(c, s, sel, EXC_TS);
}

void flags_write(struct cpu *c, uint32_t val, uint32_t mask)
{
    /* Writable: CF PF AF ZF SF TF IF DF OF IOPL NT; AC on 486+ (SDM Vol. 1,
     * 3.4.3); ID where CPUID exists (486 model and later). */
    uint32_t writable = 0x7FD5u | FL_RF | FL_VM | FL_VIF | FL_VIP;
    if (c->model >= CPU_MODEL_486)
        writable |= FL_AC | FL_ID;
    mask &= writable;
    flags_commit(c);
    c->eflags = ((c->eflags & ~mask) | (val & mask) | 0x2u) & ~0x8028u;
    if (c->eflags & (FL_TF | FL_RF))
        cpu_kick(c);
    ac_update(c);
}

/*
 * Protected-mode and virtual-8086 I/O permission (SDM Vol. 1, 19.5.1 and
 * 19.5.2): CPL <= IOPL (never in virtual-8086 mode) allows every port;
 * otherwise every bit for the @size ports in the 32-bit TSS's I/O
 * permission bitmap must be clear.  A 16-bit TSS has no bitmap, and bits
 * beyond the TSS limit count as set: #GP(0).
 */
void io_permission_slow(struct cpu *c, uint16_t port, unsigned size)
{
    unsigned iopl = (c->eflags & FL_IOPL) >> 12;
    if (!(c->eflags & FL_VM) && c->cpl <= iopl)
        return;
    unsigned type = c->tr.attr & 0x0F;
    if ((type == DT_TSS32_BUSY || type == DT_TSS32_AVAIL) && c->tr.limit >= 0x67) {
        uint32_t base = lin_read_sys(c, c->tr.base + 0x66, 2);
        uint32_t at = base + port / 8;
        if (at + 1 <= c->tr.limit) {
            uint32_t bits = lin_read_sys(c, c->tr.base + at, 2) >> (port & 7);
            if ((bits & ((1u << size) - 1)) == 0)
                return;
        }
    }
    cpu_log(c, CPU_LOG_GUEST_ERRORS, "I/O port %#x denied (CPL %u IOPL %u)", port, c->cpl, iopl);
    cpu_fault(c, EXC_GP, 0);
}
