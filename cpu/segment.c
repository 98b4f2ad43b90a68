/*
 * cpu/segment.c - segment register loads, far transfers and EFLAGS writes.
 *
 * Real-address mode (SDM Vol. 3, 20.1.1): loading a segment register sets
 * its base to selector * 16 and leaves the cached limit and attributes as
 * they are.  Protected-mode descriptor loads arrive with issue 3, here.
 */
#include "cpu_internal.h"

_Noreturn void seg_limit_fault(struct cpu *c, unsigned s)
{
    cpu_log(c, CPU_LOG_GUEST_ERRORS, "segment %u limit exceeded at %04x:%08x", s,
            c->seg[SEG_CS].sel, c->prev_eip);
    cpu_fault(c, s == SEG_SS ? EXC_SS : EXC_GP, 0);
}

void seg_load(struct cpu *c, unsigned s, uint16_t sel)
{
    if ((c->cr[0] & 1) && !(c->eflags & FL_VM)) {
        cpu_log(c, CPU_LOG_UNIMP, "protected-mode segment load not implemented yet");
        cpu_fault(c, EXC_GP, sel & 0xFFFC);
    }
    c->seg[s].sel = sel;
    c->seg[s].base = (uint32_t)sel << 4;
    if (s == SEG_SS)
        c->stack32 = c->seg[s].attr & SA_DB;
    else if (s == SEG_CS)
        c->code32 = c->seg[s].attr & SA_DB;
}

void far_jump(struct cpu *c, uint16_t sel, uint32_t eip)
{
    if (eip > c->seg[SEG_CS].limit)
        cpu_fault(c, EXC_GP, 0);
    seg_load(c, SEG_CS, sel);
    c->eip = eip;
}

void flags_write(struct cpu *c, uint32_t val, uint32_t mask)
{
    /* Writable: CF PF AF ZF SF TF IF DF OF IOPL NT; AC on 486+ (SDM Vol. 1,
     * 3.4.3); ID where CPUID exists (486 model and later). */
    uint32_t writable = 0x7FD5u;
    if (c->model >= CPU_MODEL_486)
        writable |= FL_AC | FL_ID;
    mask &= writable;
    flags_commit(c);
    c->eflags = ((c->eflags & ~mask) | (val & mask) | 0x2u) & ~0x8028u;
}

/*
 * Protected-mode I/O permission (SDM Vol. 1, 19.5.1): CPL <= IOPL allows
 * every port.  The TSS I/O bitmap consulted otherwise arrives with tasks
 * (issue 5); until then such an access is #GP(0).
 */
void io_permission_slow(struct cpu *c, uint16_t port, unsigned size)
{
    unsigned iopl = (c->eflags & FL_IOPL) >> 12;
    if (!(c->eflags & FL_VM) && c->cpl <= iopl)
        return;
    cpu_log(c, CPU_LOG_GUEST_ERRORS, "I/O port %#x denied (CPL %u IOPL %u)", port, c->cpl, iopl);
    cpu_fault(c, EXC_GP, 0);
}
