/*
 * cpu/debug.c - the debugger interface of cpu/cpu_debug.h: the
 * per-instruction debug hook, physical watchpoints, side-effect-free
 * translation and memory access, and instruction lengths.
 *
 * Invariants: the hook is polled through the run loop's event word (it
 * keeps the word set while installed), so without a hook nothing is
 * checked per instruction.  Watched pages never get fast TLB entries for
 * data, so every access to them reaches mmu.c's slow paths, which call
 * cpu_watch_access.
 */
#include "cpu_debug.h"

#include <stdlib.h>

#include "cpu_internal.h"
#include "dcache.h"

void cpu_set_debug_hook(struct cpu *c, cpu_debug_fn fn, void *opaque)
{
    c->dbg_fn = fn;
    c->dbg_opaque = opaque;
    cpu_kick(c);
}

void cpu_set_watch_hook(struct cpu *c, cpu_watch_fn fn, void *opaque)
{
    c->watch_fn = fn;
    c->watch_opaque = opaque;
}

void cpu_watch_page(struct cpu *c, uint32_t paddr, bool on)
{
    if (!c->watch_count) {
        if (!on)
            return;
        c->watch_count = calloc(1u << 20, sizeof(*c->watch_count));
        if (!c->watch_count)
            return;
    }
    uint16_t *n = &c->watch_count[paddr >> 12];
    if (on)
        (*n)++;
    else if (*n)
        (*n)--;
    mmu_flush(&c->mmu); /* refill entries with the new fast-path rights */
}

bool page_watched(const struct cpu *c, uint32_t paddr)
{
    return c->watch_count && c->watch_count[(paddr & c->mmu.a20_mask) >> 12];
}

void cpu_watch_access(struct cpu *c, uint32_t paddr, unsigned size, bool write, uint32_t old,
                      uint32_t val)
{
    if (c->watch_fn && page_watched(c, paddr))
        c->watch_fn(c->watch_opaque, c, paddr, size, write, old, val);
}

bool cpu_debug_check(struct cpu *c)
{
    uint32_t lin = c->seg[SEG_CS].base + c->eip, phys;
    if (!cpu_debug_translate(c, lin, &phys))
        phys = 0xFFFFFFFFu;
    return c->dbg_fn(c->dbg_opaque, c, lin, phys);
}

bool cpu_debug_translate(struct cpu *c, uint32_t lin, uint32_t *paddr)
{
    uint32_t pa = lin;
    if ((c->cr[0] & 0x80000000u) && !paging_probe(c, lin, &pa))
        return false;
    *paddr = pa & c->mmu.a20_mask;
    return true;
}

/* One byte at physical @pa (RAM/ROM through the host page, else the bus). */
static uint8_t phys_byte(struct cpu *c, uint32_t pa)
{
    uint8_t *h = c->bus.mem_page(c->bus.opaque, pa & ~0xFFFu, false);
    return h ? h[pa & 0xFFF] : (uint8_t)c->bus.mem_read(c->bus.opaque, pa, 1);
}

/* Physical address of byte @k of an access at @addr; false if unmapped. */
static bool debug_addr(struct cpu *c, uint32_t addr, bool linear, uint32_t *pa)
{
    if (linear)
        return cpu_debug_translate(c, addr, pa);
    *pa = addr;
    return true;
}

size_t cpu_debug_read(struct cpu *c, uint32_t addr, bool linear, void *buf, size_t n)
{
    uint8_t *out = buf;
    for (size_t k = 0; k < n; k++) {
        uint32_t pa;
        if (!debug_addr(c, addr + (uint32_t)k, linear, &pa))
            return k;
        out[k] = phys_byte(c, pa);
    }
    return n;
}

size_t cpu_debug_write(struct cpu *c, uint32_t addr, bool linear, const void *buf, size_t n)
{
    const uint8_t *in = buf;
    for (size_t k = 0; k < n; k++) {
        uint32_t pa;
        if (!debug_addr(c, addr + (uint32_t)k, linear, &pa))
            return k;
        uint8_t *h = c->bus.mem_page(c->bus.opaque, pa & ~0xFFFu, true);
        if (h)
            h[pa & 0xFFF] = in[k];
        else
            c->bus.mem_write(c->bus.opaque, pa, in[k], 1);
        smc_write(c, pa, 1);
    }
    return n;
}

unsigned cpu_insn_length(const struct cpu *c, const uint8_t *bytes, size_t n, bool code32)
{
    struct insn tmp;
    int r = decode_insn(&tmp, bytes, (unsigned)(n > 15 ? 15 : n), code32, (int)c->model);
    return r > 0 ? (unsigned)r : 0;
}

bool cpu_code32(const struct cpu *c) { return c->code32; }

unsigned cpu_cpl(const struct cpu *c) { return c->cpl; }

void cpu_get_tlb_stats(const struct cpu *c, struct cpu_tlb_stats *s)
{
    s->hits = mmu_hits(&c->mmu);
    s->misses = c->mmu.stats.misses;
    s->flushes = c->mmu.stats.flushes;
    s->walks = c->mmu.stats.walks;
}
