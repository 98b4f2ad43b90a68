/*
 * mmu/mmu.c - linear-to-physical translation, TLB fill and the slow paths.
 *
 * Translation is the page walk of mmu/paging.c when CR0.PG is set, then
 * the A20 mask.  The slow paths handle accesses that cross a page (both
 * pages are translated, and may fault, before any byte moves), MMIO and
 * ROM pages, writes to pages holding decoded code (which must reach the SMC
 * detector, cpu/dcache.c), and accesses with a privilege other than the
 * current one (descriptor tables at CPL 3).
 */
#include "mmu.h"

#include "../cpu/cpu_internal.h"

uint64_t mmu_hits(const struct mmu *m)
{
    uint64_t h = m->stats.hits;
    for (unsigned k = 0; k < TLB_SIZE; k++)
        h += m->tlb[k].hits;
    return h;
}

void mmu_flush(struct mmu *m)
{
    for (unsigned k = 0; k < TLB_SIZE; k++) {
        m->stats.hits += m->tlb[k].hits;
        m->tlb[k].hits = 0;
        m->tlb[k].tag_r = m->tlb[k].tag_w = m->tlb[k].tag_x = m->tlb[k].tag_cw = TLB_INVALID;
        m->tlb[k].host = NULL;
    }
    m->stats.flushes++;
    m->epoch++;
}

void mmu_invlpg(struct mmu *m, uint32_t lin)
{
    struct tlb_entry *e = tlb_slot(m, lin);
    e->tag_r = e->tag_w = e->tag_x = e->tag_cw = TLB_INVALID;
    e->host = NULL;
    m->stats.hits += e->hits;
    e->hits = 0;
    m->epoch++;
}

void mmu_drop_writes_to(struct mmu *m, uint32_t ppage)
{
    for (unsigned k = 0; k < TLB_SIZE; k++)
        if (m->tlb[k].ppage == ppage && m->tlb[k].tag_w != TLB_INVALID) {
            m->tlb[k].tag_cw = m->tlb[k].tag_w;
            m->tlb[k].tag_w = TLB_INVALID;
        }
}

uint32_t mmu_translate(struct cpu *c, uint32_t lin, unsigned acc, bool *can_write)
{
    *can_write = true;
    if (c->cr[0] & 0x80000000u)
        lin = paging_walk(c, lin, acc, can_write) | (lin & 0xFFF);
    return lin & c->mmu.a20_mask;
}

/* The current privilege as an access kind. */
static inline unsigned cur_acc(const struct cpu *c) { return c->mmu.utag ? MMU_USER : 0; }

/* Fill the entry for @lin's page for access @acc (may fault); returns it. */
static struct tlb_entry *tlb_fill(struct cpu *c, uint32_t lin, unsigned acc)
{
    struct tlb_entry *e = tlb_slot(&c->mmu, lin);
    bool can_write;
    uint32_t ppage = mmu_translate(c, lin, acc, &can_write) & ~0xFFFu;
    uint32_t tag = (lin >> 12) | ((acc & MMU_USER) ? TLB_USER : 0);
    c->mmu.stats.misses++;
    c->mmu.stats.hits += e->hits;
    e->hits = 0;
    e->ppage = ppage;
    e->host = c->bus.mem_page(c->bus.opaque, ppage, false);
    e->tag_x = tag;
    bool watched = page_watched(c, ppage) || (c->dbreg_data && debugregs_page_watched(c, lin));
    e->tag_r = e->host && !watched ? tag : TLB_INVALID;
    uint8_t *wr = c->bus.mem_page(c->bus.opaque, ppage, true);
    bool ram_w = can_write && wr && wr == e->host && !watched;
    e->tag_w = ram_w && !page_has_code(c, ppage) ? tag : TLB_INVALID;
    e->tag_cw = ram_w && page_has_code(c, ppage) ? tag : TLB_INVALID;
    return e;
}

uint32_t mmu_fetch(struct cpu *c, uint32_t lin, uint8_t **host)
{
    struct tlb_entry *e = tlb_slot(&c->mmu, lin);
    if (e->tag_x != tlb_tag(&c->mmu, lin))
        e = tlb_fill(c, lin, cur_acc(c));
    *host = e->host;
    return e->ppage | (lin & 0xFFF);
}

/* Read @size bytes within one page at @lin. */
static uint32_t read_in_page(struct cpu *c, uint32_t lin, unsigned size, unsigned acc)
{
    struct tlb_entry *e = tlb_fill(c, lin, acc);
    uint32_t pa = e->ppage | (lin & 0xFFF), v;
    if (e->host)
        v = host_load(e->host + (lin & 0xFFF), size);
    else
        v = c->bus.mem_read(c->bus.opaque, pa, size);
    if (c->watch_count)
        cpu_watch_access(c, pa, size, false, v, v);
    if (c->dbreg_data)
        debugregs_access(c, lin, size, false);
    return v;
}

uint32_t mmu_read_acc(struct cpu *c, uint32_t lin, unsigned size, unsigned acc)
{
    unsigned first = 0x1000 - (lin & 0xFFF);
    if (first >= size)
        return read_in_page(c, lin, size, acc);
    bool cw;
    mmu_translate(c, lin + first, acc, &cw); /* fault on either page first */
    uint32_t v = 0;
    for (unsigned k = 0; k < size; k++)
        v |= read_in_page(c, lin + k, 1, acc) << (8 * k);
    return v;
}

uint32_t mmu_read_slow(struct cpu *c, uint32_t lin, unsigned size)
{
    return mmu_read_acc(c, lin, size, cur_acc(c));
}

/* Write @size bytes within one page at @lin. */
static void write_in_page(struct cpu *c, uint32_t lin, uint32_t val, unsigned size, unsigned acc)
{
    struct tlb_entry *e = tlb_slot(&c->mmu, lin);
    uint32_t tag = (lin >> 12) | ((acc & MMU_USER) ? TLB_USER : 0);
    if (e->tag_cw == tag) { /* RAM with code: only the SMC check is needed */
        smc_write(c, e->ppage | (lin & 0xFFF), size);
        host_store(e->host + (lin & 0xFFF), val, size);
        if (!page_has_code(c, e->ppage)) { /* last code left: fast again */
            e->tag_w = tag;
            e->tag_cw = TLB_INVALID;
        }
        return;
    }
    e = tlb_fill(c, lin, acc | MMU_WRITE);
    uint32_t paddr = e->ppage | (lin & 0xFFF);
    smc_write(c, paddr, size);
    uint8_t *wr = c->bus.mem_page(c->bus.opaque, e->ppage, true);
    bool watched = c->watch_count && page_watched(c, paddr);
    uint32_t old = 0;
    if (watched)
        old = wr ? host_load(wr + (lin & 0xFFF), size) : c->bus.mem_read(c->bus.opaque, paddr, size);
    if (wr)
        host_store(wr + (lin & 0xFFF), val, size);
    else
        c->bus.mem_write(c->bus.opaque, paddr, val, size);
    if (watched)
        cpu_watch_access(c, paddr, size, true, old, val & width_mask(size * 8));
    if (c->dbreg_data)
        debugregs_access(c, lin, size, true);
}

void mmu_write_acc(struct cpu *c, uint32_t lin, uint32_t val, unsigned size, unsigned acc)
{
    unsigned first = 0x1000 - (lin & 0xFFF);
    if (first >= size) {
        write_in_page(c, lin, val, size, acc);
        return;
    }
    bool cw;
    mmu_translate(c, lin, acc | MMU_WRITE, &cw); /* both pages may fault first */
    mmu_translate(c, lin + first, acc | MMU_WRITE, &cw);
    for (unsigned k = 0; k < size; k++)
        write_in_page(c, lin + k, (val >> (8 * k)) & 0xFF, 1, acc);
}

void mmu_write_slow(struct cpu *c, uint32_t lin, uint32_t val, unsigned size)
{
    mmu_write_acc(c, lin, val, size, cur_acc(c));
}
