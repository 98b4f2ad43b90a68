/*
 * mmu/mmu.c - linear-to-physical translation, TLB fill and the slow paths.
 *
 * Today translation is the identity followed by the A20 mask (paging with
 * CR0.PG comes with issue 5, in this file).  The slow paths handle accesses
 * that cross a page, MMIO and ROM pages, and writes to pages holding decoded
 * code, which must reach the SMC detector (cpu/dcache.c).
 */
#include "mmu.h"

#include "../cpu/cpu_internal.h"

void mmu_flush(struct mmu *m)
{
    for (unsigned k = 0; k < TLB_SIZE; k++) {
        m->tlb[k].tag_r = m->tlb[k].tag_w = m->tlb[k].tag_x = TLB_INVALID;
        m->tlb[k].host = NULL;
    }
    m->stats.flushes++;
}

void mmu_drop_writes_to(struct mmu *m, uint32_t ppage)
{
    for (unsigned k = 0; k < TLB_SIZE; k++)
        if (m->tlb[k].ppage == ppage)
            m->tlb[k].tag_w = TLB_INVALID;
}

uint32_t mmu_translate(struct cpu *c, uint32_t lin, bool write)
{
    (void)write;
    return lin & c->mmu.a20_mask;
}

/* Fill the entry for @lin's page; returns it. */
static struct tlb_entry *tlb_fill(struct cpu *c, uint32_t lin, bool write)
{
    struct tlb_entry *e = tlb_slot(&c->mmu, lin);
    uint32_t vpn = lin >> 12;
    uint32_t ppage = mmu_translate(c, lin & ~0xFFFu, write) & ~0xFFFu;
    c->mmu.stats.misses++;
    if (e->ppage != ppage || e->tag_x != vpn) {
        e->tag_r = e->tag_w = e->tag_x = TLB_INVALID;
    }
    e->ppage = ppage;
    e->host = c->bus.mem_page(c->bus.opaque, ppage, false);
    e->tag_x = vpn;
    e->tag_r = e->host ? vpn : TLB_INVALID;
    uint8_t *wr = c->bus.mem_page(c->bus.opaque, ppage, true);
    e->tag_w = (wr && wr == e->host && !page_has_code(c, ppage)) ? vpn : TLB_INVALID;
    return e;
}

uint32_t mmu_fetch(struct cpu *c, uint32_t lin, uint8_t **host)
{
    struct tlb_entry *e = tlb_slot(&c->mmu, lin);
    if (e->tag_x != lin >> 12)
        e = tlb_fill(c, lin, false);
    *host = e->host;
    return e->ppage | (lin & 0xFFF);
}

uint32_t mmu_read_slow(struct cpu *c, uint32_t lin, unsigned size)
{
    if ((lin & 0xFFF) + size > 0x1000) {
        uint32_t v = 0;
        for (unsigned k = 0; k < size; k++)
            v |= lin_read(c, lin + k, 1) << (8 * k);
        return v;
    }
    struct tlb_entry *e = tlb_fill(c, lin, false);
    if (e->host)
        return host_load(e->host + (lin & 0xFFF), size);
    return c->bus.mem_read(c->bus.opaque, e->ppage | (lin & 0xFFF), size);
}

void mmu_write_slow(struct cpu *c, uint32_t lin, uint32_t val, unsigned size)
{
    if ((lin & 0xFFF) + size > 0x1000) {
        for (unsigned k = 0; k < size; k++)
            lin_write(c, lin + k, (val >> (8 * k)) & 0xFF, 1);
        return;
    }
    struct tlb_entry *e = tlb_fill(c, lin, true);
    uint32_t paddr = e->ppage | (lin & 0xFFF);
    smc_write(c, paddr, size);
    uint8_t *wr = c->bus.mem_page(c->bus.opaque, e->ppage, true);
    if (wr)
        host_store(wr + (lin & 0xFFF), val, size);
    else
        c->bus.mem_write(c->bus.opaque, paddr, val, size);
    if (wr && wr == e->host && !page_has_code(c, e->ppage))
        e->tag_w = lin >> 12;
}
