/*
 * cpu/dcache.c - decoded-instruction cache and self-modifying-code detection.
 *
 * See dcache.h for the design.  Invariants:
 *   - an entry is live when entry.gen == cpu.dgen; generation 0 is never live;
 *   - a live entry's bytes lie in one physical page, in chunks whose bits are
 *     set in code_bits[page];
 *   - code_pages lists the pages with a non-zero code_bits word (unless
 *     code_pages_overflow), so a flush clears them without touching 8 MiB.
 */
#include "dcache.h"

#include <stdlib.h>

#define CODE_PAGES_MAX 4096

struct code_page_list {
    uint32_t n;
    bool overflow;
    uint32_t page[CODE_PAGES_MAX];
};

static struct code_page_list *code_pages(struct cpu *c)
{
    /* Kept in the tail of the code_bits allocation's companion: allocated lazily. */
    if (!c->code_page_list)
        c->code_page_list = calloc(1, sizeof(struct code_page_list));
    return c->code_page_list;
}

void dcache_flush(struct cpu *c)
{
    struct code_page_list *l = code_pages(c);
    if (++c->dgen == 0)
        c->dgen = 1;
    if (!l || l->overflow) {
        memset(c->code_bits, 0, sizeof(uint64_t) << 20);
    } else {
        for (uint32_t k = 0; k < l->n; k++)
            c->code_bits[l->page[k]] = 0;
    }
    if (l) {
        l->n = 0;
        l->overflow = false;
    }
}

/* Kill live entries that start in [from, to) (same page). */
static void kill_starts(struct cpu *c, uint32_t from, uint32_t to)
{
    for (uint32_t a = from; a != to; a++) {
        struct decoded *d = &c->dcache[dcache_index(a)];
        if (d->tag == a && d->gen == c->dgen)
            d->gen = 0;
    }
}

/* Drop every instruction overlapping chunk @chunk of page @page. */
static void kill_chunk(struct cpu *c, uint32_t page, unsigned chunk)
{
    uint32_t start = page + (chunk << SMC_CHUNK_SHIFT);
    uint32_t from = chunk == 0 ? start : start - 14;
    if (from < page)
        from = page;
    kill_starts(c, from, start + (1u << SMC_CHUNK_SHIFT));
    c->code_bits[page >> 12] &= ~(1ull << chunk);
    c->stats.smc_invalidations++;
}

void smc_write(struct cpu *c, uint32_t paddr, unsigned size)
{
    uint64_t bits = c->code_bits[paddr >> 12];
    if (!bits)
        return;
    uint32_t page = paddr & ~0xFFFu;
    unsigned first = (paddr & 0xFFF) >> SMC_CHUNK_SHIFT;
    unsigned last = ((paddr & 0xFFF) + size - 1) >> SMC_CHUNK_SHIFT;
    if (last > 63)
        last = 63;
    for (unsigned k = first; k <= last; k++)
        if (bits & (1ull << k))
            kill_chunk(c, page, k);
}

void dcache_invalidate_range(struct cpu *c, uint32_t paddr, uint32_t len)
{
    uint64_t end = (uint64_t)paddr + len;
    for (uint64_t a = paddr & ~63u; a < end; a += 64)
        smc_write(c, (uint32_t)a, 1);
}

/* Record that [paddr, paddr+len) holds cached code (one page). */
static void mark_code(struct cpu *c, uint32_t paddr, unsigned len)
{
    uint64_t *w = &c->code_bits[paddr >> 12];
    if (!*w) {
        struct code_page_list *l = code_pages(c);
        if (l && l->n < CODE_PAGES_MAX)
            l->page[l->n++] = paddr >> 12;
        else if (l)
            l->overflow = true;
        mmu_drop_writes_to(&c->mmu, paddr & ~0xFFFu);
    }
    unsigned first = (paddr & 0xFFF) >> SMC_CHUNK_SHIFT;
    unsigned last = ((paddr & 0xFFF) + len - 1) >> SMC_CHUNK_SHIFT;
    for (unsigned k = first; k <= last; k++)
        *w |= 1ull << k;
}

/* Fetch code byte at linear @lin through the fetch path (may fault). */
static uint8_t fetch_byte(struct cpu *c, uint32_t lin)
{
    uint8_t *host;
    uint32_t paddr = mmu_fetch(c, lin, &host);
    if (host)
        return host[paddr & 0xFFF];
    return (uint8_t)c->bus.mem_read(c->bus.opaque, paddr, 1);
}

/* Decode at @lin; fills @i and returns its length, raising #UD/#GP. */
static unsigned decode_at(struct cpu *c, uint32_t lin, struct insn *i)
{
    uint8_t buf[15];
    unsigned in_page = 0x1000 - (lin & 0xFFF);
    unsigned n = in_page < 15 ? in_page : 15;
    for (unsigned k = 0; k < n; k++)
        buf[k] = fetch_byte(c, lin + k);
    int r = decode_insn(i, buf, n, c->code32, (int)c->model);
    if (r == DECODE_SHORT) {
        for (unsigned k = n; k < 15; k++)
            buf[k] = fetch_byte(c, lin + k);
        r = decode_insn(i, buf, 15, c->code32, (int)c->model);
    }
    if (r == DECODE_UD) {
        cpu_log(c, CPU_LOG_UNIMP, "#UD at %04x:%08x (bytes %02x %02x %02x)",
                c->seg[SEG_CS].sel, c->eip, buf[0], buf[1], buf[2]);
        cpu_fault(c, EXC_UD, 0);
    }
    if (r < 0)
        cpu_fault(c, EXC_GP, 0);
    return (unsigned)r;
}

const struct insn *dcache_miss(struct cpu *c, uint32_t lin, uint32_t paddr)
{
    struct insn tmp;
    unsigned len = decode_at(c, lin, &tmp);
    if ((uint64_t)c->eip + len - 1 > c->seg[SEG_CS].limit)
        cpu_fault(c, EXC_GP, 0);
    c->stats.decode_misses++;
    struct tlb_entry *e = tlb_slot(&c->mmu, lin);
    bool cacheable = e->host && (paddr & 0xFFF) + len <= 0x1000;
    if (!cacheable) {
        c->uncached = tmp;
        return &c->uncached;
    }
    struct decoded *d = &c->dcache[dcache_index(paddr)];
    d->tag = paddr;
    d->gen = c->dgen;
    d->code32 = c->code32;
    d->i = tmp;
    memset(d->succ, 0, sizeof(d->succ));
    mark_code(c, paddr, len);
    return &d->i;
}
