/*
 * cpu/vme.c - the Pentium's virtual-8086 mode extensions and protected-
 * mode virtual interrupts (SDM Vol. 3, 20.3 "Interrupt and Exception
 * Handling in Virtual-8086 Mode", 20.4 "Protected-Mode Virtual
 * Interrupts", Table 20-2).
 *
 * Invariants: these paths apply only with IOPL < 3 and CR4.VME (in
 * virtual-8086 mode) or CR4.PVI (at CPL 3 in protected mode); otherwise
 * the instructions keep their plain behaviour.  Every check that can
 * fault runs before any state changes.
 */
#include "vme.h"

#include "cpu_internal.h"

static bool iopl3(const struct cpu *c) { return (c->eflags & FL_IOPL) == FL_IOPL; }

bool vme_active(const struct cpu *c)
{
    return (c->eflags & FL_VM) && (c->cr[4] & 1) && !iopl3(c);
}

bool vif_mode(const struct cpu *c)
{
    if (iopl3(c))
        return false;
    if (c->eflags & FL_VM)
        return c->cr[4] & 1;
    return (c->cr[0] & 1) && c->cpl == 3 && (c->cr[4] & 2);
}

void vif_cli(struct cpu *c)
{
    c->eflags &= ~FL_VIF;
}

void vif_sti(struct cpu *c)
{
    if (c->eflags & FL_VIP) /* SDM "STI": a pending virtual interrupt */
        cpu_fault(c, EXC_GP, 0);
    c->eflags |= FL_VIF;
}

uint32_t vme_pushf_image(struct cpu *c)
{
    uint32_t f = flags_get(c) & 0xFFFF;
    f = (f & ~FL_IF) | ((c->eflags & FL_VIF) ? FL_IF : 0);
    return f | FL_IOPL;
}

void vme_popf(struct cpu *c, uint32_t v)
{
    if ((v & FL_TF) || ((c->eflags & FL_VIP) && (v & FL_IF)))
        cpu_fault(c, EXC_GP, 0);
    flags_write(c, v, 0xFFFF & ~(FL_IOPL | FL_IF));
    c->eflags = (c->eflags & ~FL_VIF) | ((v & FL_IF) ? FL_VIF : 0);
}

/*
 * Bit @vector of the interrupt redirection bitmap: the 32 bytes just below
 * the I/O bitmap base in the TSS (SDM Vol. 3, 20.3.3, Figure 20-5).
 * Returns true when set (no redirection), also when the TSS is too short.
 */
static bool redirect_bit(struct cpu *c, unsigned vector)
{
    if (c->tr.limit < 0x67)
        return true;
    uint32_t iomap = lin_read_sys(c, c->tr.base + 0x66, 2);
    if (iomap < 32)
        return true;
    uint32_t at = iomap - 32 + vector / 8;
    return (lin_read_sys(c, c->tr.base + at, 1) >> (vector & 7)) & 1;
}

/* Push a real-mode style frame on the virtual-8086 stack and jump through
 * the IVT at linear 0 (SDM Vol. 3, 20.3.3, methods 5 and 6). */
static void v86_ivt_dispatch(struct cpu *c, unsigned vector, bool virtual_if)
{
    uint32_t vec = lin_read(c, vector * 4, 4);
    uint32_t f = flags_get(c) & 0xFFFF;
    if (virtual_if)
        f = ((f & ~FL_IF) | ((c->eflags & FL_VIF) ? FL_IF : 0)) | FL_IOPL;
    push(c, f, 2);
    push(c, c->seg[SEG_CS].sel, 2);
    push(c, c->eip & 0xFFFF, 2);
    seg_load(c, SEG_CS, (uint16_t)(vec >> 16));
    c->eip = vec & 0xFFFF;
    flags_commit(c);
    c->eflags &= ~(FL_TF | FL_RF | (virtual_if ? FL_VIF : FL_IF));
}

bool vme_int(struct cpu *c, unsigned vector)
{
    if (!(c->eflags & FL_VM) || !(c->cr[4] & 1))
        return false;
    if (redirect_bit(c, vector)) {
        if (!iopl3(c))
            cpu_fault(c, EXC_GP, 0);
        return false; /* method 4: the protected-mode handler */
    }
    v86_ivt_dispatch(c, vector, !iopl3(c));
    return true;
}

void vme_iret16(struct cpu *c)
{
    uint32_t sp = stack_ptr(c);
    uint32_t ip = stack_peek(c, 0, 2);
    uint16_t cs = (uint16_t)stack_peek(c, 2, 2);
    uint32_t f = stack_peek(c, 4, 2);
    if ((f & FL_TF) || ((c->eflags & FL_VIP) && (f & FL_IF)))
        cpu_fault(c, EXC_GP, 0);
    if (ip > c->seg[SEG_CS].limit)
        cpu_fault(c, EXC_GP, 0);
    seg_load(c, SEG_CS, cs);
    c->eip = ip;
    flags_write(c, f, 0xFFFF & ~(FL_IOPL | FL_IF));
    c->eflags = (c->eflags & ~FL_VIF) | ((f & FL_IF) ? FL_VIF : 0);
    set_stack_ptr(c, sp + 6);
}
