/*
 * cpu/ops_desc.c - the protected-mode descriptor instructions: SLDT, STR,
 * LLDT, LTR, VERR, VERW, LAR, LSL and ARPL.
 *
 * Invariants: all nine are #UD in real-address and virtual-8086 mode (SDM
 * Vol. 2, each page's "Real-Address Mode Exceptions"); LLDT and LTR are
 * privileged; VERR/VERW/LAR/LSL never fault on a bad selector, they report
 * it with ZF=0 and leave the destination unchanged.
 */
#include "descriptor.h"
#include "optable_handlers.h"

/* #UD outside protected mode. */
static void require_pm(struct cpu *c)
{
    if (!pm_mode(c))
        cpu_fault(c, EXC_UD, 0);
}

/*
 * Store a 16-bit selector (SDM "SLDT", "STR"): memory gets 16 bits whatever
 * the operand size; a 32-bit register gets it zero-extended.
 */
static void store_selector(struct cpu *c, const struct insn *i, uint16_t sel)
{
    if (i->flags & INSN_MEM)
        rm_write(c, i, sel, 16);
    else
        reg_write(c, i->rm, sel, op_size(i));
}

void op_sldt(struct cpu *c, const struct insn *i)
{
    require_pm(c);
    store_selector(c, i, c->ldtr.sel);
}

void op_str(struct cpu *c, const struct insn *i)
{
    require_pm(c);
    store_selector(c, i, c->tr.sel);
}

/* Selector operand of LLDT/LTR after the mode and privilege checks. */
static uint16_t system_selector(struct cpu *c, const struct insn *i)
{
    require_pm(c);
    if (c->cpl != 0)
        cpu_fault(c, EXC_GP, 0);
    return (uint16_t)rm_read(c, i, 16);
}

/* LLDT (SDM "LLDT"): null makes LDTR unusable; else a present LDT in the GDT. */
void op_lldt(struct cpu *c, const struct insn *i)
{
    uint16_t sel = system_selector(c, i);
    struct desc d;
    if ((sel & 0xFFFC) == 0) {
        c->ldtr.sel = sel;
        c->ldtr.attr = 0;
        return;
    }
    if (sel & 4)
        cpu_fault(c, EXC_GP, sel & 0xFFFC);
    desc_load(c, sel, &d, EXC_GP, 0);
    if (desc_is_seg(&d) || desc_type(&d) != DT_LDT)
        cpu_fault(c, EXC_GP, sel & 0xFFFC);
    if (!desc_present(&d))
        cpu_fault(c, EXC_NP, sel & 0xFFFC);
    seg_cache_set(&c->ldtr, sel, &d);
}

/* LTR (SDM "LTR"): an available TSS in the GDT, which becomes busy. */
void op_ltr(struct cpu *c, const struct insn *i)
{
    uint16_t sel = system_selector(c, i);
    struct desc d;
    if ((sel & 0xFFFC) == 0)
        cpu_fault(c, EXC_GP, 0);
    if (sel & 4)
        cpu_fault(c, EXC_GP, sel & 0xFFFC);
    desc_load(c, sel, &d, EXC_GP, 0);
    unsigned t = desc_type(&d);
    if (desc_is_seg(&d) || (t != DT_TSS16_AVAIL && t != DT_TSS32_AVAIL))
        cpu_fault(c, EXC_GP, sel & 0xFFFC);
    if (!desc_present(&d))
        cpu_fault(c, EXC_NP, sel & 0xFFFC);
    d.hi |= 2u << 8; /* busy */
    lin_write_sys(c, c->gdtr_base + (sel & 0xFFF8u) + 5, (d.hi >> 8) & 0xFF, 1);
    seg_cache_set(&c->tr, sel, &d);
}

/*
 * Whether LAR/LSL/VERR/VERW may see @d through @sel at the current CPL:
 * conforming code always; anything else needs DPL >= CPL and DPL >= RPL
 * (SDM "LAR", Operation).
 */
static bool visible(const struct cpu *c, uint16_t sel, const struct desc *d)
{
    if (desc_is_code(d) && desc_bit_c_e(d))
        return true;
    return desc_dpl(d) >= c->cpl && desc_dpl(d) >= (sel & 3u);
}

/* Fetch for LAR/LSL/VERR/VERW: false for null or out-of-table selectors. */
static bool probe(struct cpu *c, uint16_t sel, struct desc *d)
{
    return (sel & 0xFFFC) != 0 && desc_fetch(c, sel, d) && visible(c, sel, d);
}

/* System descriptor types LAR accepts (SDM "LAR", Table 3-x). */
static bool lar_type_ok(const struct desc *d)
{
    static const uint16_t ok = (1u << 1) | (1u << 2) | (1u << 3) | (1u << 4) | (1u << 5) |
                               (1u << 9) | (1u << 11) | (1u << 12);
    return desc_is_seg(d) || (ok >> desc_type(d)) & 1;
}

/* System descriptor types LSL accepts: TSSs and LDTs. */
static bool lsl_type_ok(const struct desc *d)
{
    static const uint16_t ok = (1u << 1) | (1u << 2) | (1u << 3) | (1u << 9) | (1u << 11);
    return desc_is_seg(d) || (ok >> desc_type(d)) & 1;
}

void op_lar(struct cpu *c, const struct insn *i)
{
    require_pm(c);
    struct desc d;
    uint16_t sel = (uint16_t)rm_read(c, i, 16);
    if (!probe(c, sel, &d) || !lar_type_ok(&d)) {
        flags_set_status(c, FL_ZF, 0);
        return;
    }
    uint32_t ar = (i->flags & INSN_OP32) ? d.hi & 0x00F0FF00u : d.hi & 0xFF00u;
    reg_write(c, i->reg, ar, op_size(i));
    flags_set_status(c, FL_ZF, FL_ZF);
}

void op_lsl(struct cpu *c, const struct insn *i)
{
    require_pm(c);
    struct desc d;
    uint16_t sel = (uint16_t)rm_read(c, i, 16);
    if (!probe(c, sel, &d) || !lsl_type_ok(&d)) {
        flags_set_status(c, FL_ZF, 0);
        return;
    }
    reg_write(c, i->reg, desc_limit(&d), op_size(i));
    flags_set_status(c, FL_ZF, FL_ZF);
}

/* VERR/VERW (SDM "VERR/VERW"): readable (code or data) / writable data. */
static void verify(struct cpu *c, const struct insn *i, bool write)
{
    require_pm(c);
    struct desc d;
    uint16_t sel = (uint16_t)rm_read(c, i, 16);
    bool ok = probe(c, sel, &d) && desc_is_seg(&d);
    if (ok)
        ok = write ? desc_is_data(&d) && desc_bit_r_w(&d) : desc_is_data(&d) || desc_bit_r_w(&d);
    flags_set_status(c, FL_ZF, ok ? FL_ZF : 0);
}

void op_verr(struct cpu *c, const struct insn *i) { verify(c, i, false); }
void op_verw(struct cpu *c, const struct insn *i) { verify(c, i, true); }

/*
 * ARPL r/m16, r16 (SDM "ARPL"): raise the destination selector's RPL to the
 * source's; ZF=1 when it changed, else ZF=0.  The memory destination is
 * only written when the RPL changes.
 */
void op_arpl(struct cpu *c, const struct insn *i)
{
    require_pm(c);
    uint16_t dst = (uint16_t)rm_read(c, i, 16);
    uint16_t src = (uint16_t)reg_read(c, i->reg, 16);
    if ((dst & 3) < (src & 3)) {
        rm_write(c, i, (dst & ~3u) | (src & 3u), 16);
        flags_set_status(c, FL_ZF, FL_ZF);
    } else {
        flags_set_status(c, FL_ZF, 0);
    }
}
