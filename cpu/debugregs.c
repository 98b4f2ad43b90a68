/*
 * cpu/debugregs.c - the architectural debug registers (SDM Vol. 3, 17.2
 * "Debug Registers", 17.3 "Debug Exceptions"): DR0-DR3 instruction and
 * data breakpoints enabled in DR7, reported in DR6.
 *
 * Invariants:
 *   - With no breakpoint enabled in DR7 nothing here runs.
 *   - Instruction breakpoints are faults checked before the instruction
 *     (run loop, through the event word), suppressed once by EFLAGS.RF.
 *   - Data breakpoints make the TLB refuse fast entries for the linear
 *     pages they cover, so every access to them reaches the slow paths,
 *     which record hits; the #DB trap is delivered after the instruction.
 *   - RW=10 is an I/O breakpoint when CR4.DE is set (Pentium debugging
 *     extensions; SDM Vol. 3, 17.2.4): port accesses overlapping DRn's
 *     low 16 bits trap after the instruction.  Without CR4.DE it is
 *     undefined and ignored.
 */
#include "cpu_internal.h"

/* Breakpoint @n's RW and LEN fields from DR7. */
static unsigned dr7_rw(uint32_t dr7, unsigned n) { return (dr7 >> (16 + 4 * n)) & 3; }
static unsigned dr7_len(uint32_t dr7, unsigned n) { return ((dr7 >> (18 + 4 * n)) & 3) + 1; }
static bool dr7_enabled(uint32_t dr7, unsigned n) { return (dr7 >> (2 * n)) & 3; }

void debugregs_changed(struct cpu *c)
{
    uint32_t dr7 = c->dr[7];
    c->dbreg_exec = c->dbreg_data = c->dbreg_io = 0;
    for (unsigned n = 0; n < 4; n++) {
        if (!dr7_enabled(dr7, n))
            continue;
        unsigned rw = dr7_rw(dr7, n);
        if (rw == 0)
            c->dbreg_exec |= 1u << n;
        else if (rw == 1 || rw == 3)
            c->dbreg_data |= 1u << n;
        else if (c->cr[4] & 8) /* RW=10 with CR4.DE */
            c->dbreg_io |= 1u << n;
    }
    mmu_flush(&c->mmu); /* data breakpoint pages lose their fast entries */
    cpu_kick(c);
}

/* Covered linear range of breakpoint @n: the aligned LEN bytes at DRn. */
static bool dr_overlaps(const struct cpu *c, unsigned n, uint32_t lin, unsigned size)
{
    unsigned len = dr7_len(c->dr[7], n);
    if (len == 3)
        len = 4; /* LEN=10 is undefined on these models: treat as 4 */
    uint32_t lo = c->dr[n] & ~(uint32_t)(len - 1);
    return lin <= lo + len - 1 && lo <= lin + size - 1;
}

bool debugregs_page_watched(const struct cpu *c, uint32_t lin)
{
    for (unsigned n = 0; n < 4; n++)
        if ((c->dbreg_data >> n & 1) && ((c->dr[n] ^ lin) & ~0xFFFu) == 0)
            return true;
    return false;
}

void debugregs_access(struct cpu *c, uint32_t lin, unsigned size, bool write)
{
    for (unsigned n = 0; n < 4; n++) {
        if (!(c->dbreg_data >> n & 1))
            continue;
        if ((write || dr7_rw(c->dr[7], n) == 3) && dr_overlaps(c, n, lin, size)) {
            c->dbreg_hits |= 1u << n;
            cpu_kick(c);
        }
    }
}

bool debugregs_exec_hit(struct cpu *c, uint32_t lin)
{
    uint32_t hits = 0;
    for (unsigned n = 0; n < 4; n++)
        if ((c->dbreg_exec >> n & 1) && c->dr[n] == lin)
            hits |= 1u << n;
    if (!hits)
        return false;
    c->dr[6] = (c->dr[6] & ~0xFu) | hits;
    return true;
}

void debugregs_deliver_data_trap(struct cpu *c)
{
    c->dr[6] = (c->dr[6] & ~0xFu) | c->dbreg_hits;
    c->dbreg_hits = 0;
    c->prev_eip = c->eip;
    c->prev_esp = c->gpr[R_ESP];
    cpu_raise(c, EXC_DB, 0);
}

void debugregs_io(struct cpu *c, uint16_t port, unsigned size)
{
    for (unsigned n = 0; n < 4; n++)
        if ((c->dbreg_io >> n & 1) && dr_overlaps(c, n, port, size) && (c->dr[n] >> 16) == 0) {
            c->dbreg_hits |= 1u << n;
            cpu_kick(c);
        }
}
