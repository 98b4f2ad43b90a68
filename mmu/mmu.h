/*
 * mmu/mmu.h - linear-to-physical translation and the software TLB.
 *
 * The TLB is direct-mapped by linear page number.  Each entry caches, per
 * access kind, whether that kind may use the fast path, and the host pointer
 * of the physical page.  Invariants:
 *   - tag_r / tag_w / tag_x equal the linear page number only when a read /
 *     write / fetch of that page may proceed without any further check;
 *     otherwise they hold TLB_INVALID.
 *   - tag_w is never valid for a page holding decoded code (the write must go
 *     through mmu_write_slow so the decoded-instruction cache sees it), nor
 *     for ROM or MMIO.  tag_r is never valid for MMIO.
 * Paging (CR0.PG) arrives with issue 5; today translation is the identity
 * followed by the A20 mask.
 */
#ifndef T86_MMU_H
#define T86_MMU_H

#include <stdbool.h>
#include <stdint.h>

#define TLB_BITS 10
#define TLB_SIZE (1u << TLB_BITS)
#define TLB_INVALID 0xFFFFFFFFu

struct cpu;

/** One TLB entry; host is the host address of the physical page (or NULL). */
struct tlb_entry {
    uint32_t tag_r, tag_w, tag_x;
    uint32_t ppage; /**< physical address of the page */
    uint8_t *host;
};

/** Counters readable by the debugger and by tests. */
struct mmu_stats {
    uint64_t misses, flushes;
};

/** The MMU state embedded in struct cpu. */
struct mmu {
    struct tlb_entry tlb[TLB_SIZE];
    uint32_t a20_mask;
    struct mmu_stats stats;
};

/** Slot of linear address @lin. */
static inline struct tlb_entry *tlb_slot(struct mmu *m, uint32_t lin)
{
    return &m->tlb[(lin >> 12) & (TLB_SIZE - 1)];
}

/** Drop every TLB entry. */
void mmu_flush(struct mmu *m);
/** Drop fast write entries that point at physical page @ppage. */
void mmu_drop_writes_to(struct mmu *m, uint32_t ppage);
/** Translate @lin for an access of kind @write (may raise a fault). */
uint32_t mmu_translate(struct cpu *c, uint32_t lin, bool write);
/** Slow-path read of @size bytes at @lin (any alignment, may cross pages). */
uint32_t mmu_read_slow(struct cpu *c, uint32_t lin, unsigned size);
/** Slow-path write of @size bytes at @lin (any alignment, may cross pages). */
void mmu_write_slow(struct cpu *c, uint32_t lin, uint32_t val, unsigned size);
/**
 * Translate @lin for instruction fetch and fill the fetch entry.
 * Returns the physical address; *@host gets the host page pointer or NULL.
 */
uint32_t mmu_fetch(struct cpu *c, uint32_t lin, uint8_t **host);

#endif
