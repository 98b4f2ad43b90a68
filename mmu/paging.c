/*
 * mmu/paging.c - 32-bit paging: the page walk, access rights, accessed and
 * dirty bits, and page faults (SDM Vol. 3, chapter 4: 4.3 "32-Bit Paging",
 * 4.6 "Access Rights", 4.7 "Page-Fault Exceptions", 4.8 "Accessed and
 * Dirty Flags").
 *
 * Invariants: page-table entries are read and written as physical memory
 * through the CPU's bus; the walk sets the accessed flag of each entry it
 * uses successfully and the dirty flag of the final entry on a write, and
 * sets none of them for an access that faults on that entry.  A fault
 * loads CR2 with the linear address and raises #PF through cpu_fault.
 */
#include "mmu.h"

#include "../cpu/cpu_internal.h"

enum { PG_P = 1, PG_RW = 2, PG_US = 4, PG_A = 0x20, PG_D = 0x40, PG_PS = 0x80 };
enum { PF_P = 1, PF_W = 2, PF_U = 4 };

/* Read a 32-bit page-table entry at physical @pa. */
static uint32_t pte_read(struct cpu *c, uint32_t pa)
{
    pa &= c->mmu.a20_mask;
    uint8_t *h = c->bus.mem_page(c->bus.opaque, pa & ~0xFFFu, false);
    return h ? host_load(h + (pa & 0xFFF), 4) : c->bus.mem_read(c->bus.opaque, pa, 4);
}

/* Set @bits in the entry at physical @pa whose value is @v, if missing. */
static void pte_set(struct cpu *c, uint32_t pa, uint32_t v, uint32_t bits)
{
    if ((v & bits) == bits)
        return;
    pa &= c->mmu.a20_mask;
    uint8_t *h = c->bus.mem_page(c->bus.opaque, pa & ~0xFFFu, true);
    if (h)
        host_store(h + (pa & 0xFFF), v | bits, 4);
    else
        c->bus.mem_write(c->bus.opaque, pa, v | bits, 4);
    smc_write(c, pa, 4);
}

/* Raise #PF for @lin with error code @err (SDM Vol. 3, 4.7). */
static _Noreturn void page_fault(struct cpu *c, uint32_t lin, uint32_t err)
{
    c->cr[2] = lin;
    cpu_fault(c, EXC_PF, err);
}

/*
 * Whether combined rights @rights (the AND of the entries' R/W and U/S)
 * allow access @acc (SDM Vol. 3, 4.6): user accesses need U/S; user writes
 * need R/W; supervisor writes need R/W only with CR0.WP.
 */
static bool rights_allow(const struct cpu *c, uint32_t rights, unsigned acc)
{
    bool user = acc & MMU_USER, write = acc & MMU_WRITE;
    if (user && !(rights & PG_US))
        return false;
    if (write && !(rights & PG_RW) && (user || (c->cr[0] & (1u << 16))))
        return false;
    return true;
}

uint32_t paging_walk(struct cpu *c, uint32_t lin, unsigned acc, bool *can_write)
{
    uint32_t err = ((acc & MMU_WRITE) ? PF_W : 0) | ((acc & MMU_USER) ? PF_U : 0);
    uint32_t pde_pa = (c->cr[3] & 0xFFFFF000u) | ((lin >> 20) & 0xFFC);
    uint32_t pde = pte_read(c, pde_pa);
    c->mmu.stats.walks++;
    if (!(pde & PG_P))
        page_fault(c, lin, err);
    bool big = (pde & PG_PS) && (c->cr[4] & 0x10);
    uint32_t rights = pde, pte_pa = 0, pte = pde;
    if (!big) {
        pte_pa = (pde & 0xFFFFF000u) | ((lin >> 10) & 0xFFC);
        pte = pte_read(c, pte_pa);
        if (!(pte & PG_P)) {
            pte_set(c, pde_pa, pde, PG_A);
            page_fault(c, lin, err);
        }
        rights &= pte;
    }
    if (!rights_allow(c, rights, acc))
        page_fault(c, lin, err | PF_P);
    bool write = acc & MMU_WRITE;
    if (big) {
        pte_set(c, pde_pa, pde, PG_A | (write ? PG_D : 0));
    } else {
        pte_set(c, pde_pa, pde, PG_A);
        pte_set(c, pte_pa, pte, PG_A | (write ? PG_D : 0));
    }
    bool dirty = write || (pte & PG_D);
    *can_write = dirty && rights_allow(c, rights, acc | MMU_WRITE);
    if (big)
        return (pde & 0xFFC00000u) | (lin & 0x3FF000u);
    return pte & 0xFFFFF000u;
}

bool paging_probe(struct cpu *c, uint32_t lin, uint32_t *paddr)
{
    uint32_t pde = pte_read(c, (c->cr[3] & 0xFFFFF000u) | ((lin >> 20) & 0xFFC));
    if (!(pde & PG_P))
        return false;
    if ((pde & PG_PS) && (c->cr[4] & 0x10)) {
        *paddr = (pde & 0xFFC00000u) | (lin & 0x3FFFFFu);
        return true;
    }
    uint32_t pte = pte_read(c, (pde & 0xFFFFF000u) | ((lin >> 10) & 0xFFC));
    if (!(pte & PG_P))
        return false;
    *paddr = (pte & 0xFFFFF000u) | (lin & 0xFFF);
    return true;
}
