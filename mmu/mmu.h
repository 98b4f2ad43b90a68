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
 *     for ROM or MMIO, nor (with paging) for a page whose dirty bit is not
 *     yet set.  tag_r is never valid for MMIO.
 *   - Tags carry the privilege: an entry filled for a user-mode (CPL 3)
 *     access under paging has TLB_USER in its tags, so supervisor entries
 *     never satisfy user accesses and vice versa (the current one is
 *     mmu.utag).
 * Translation: with CR0.PG, 32-bit paging with 4 KiB pages and, with
 * CR4.PSE, 4 MiB pages (mmu/paging.c); then the A20 mask.
 */
#ifndef T86_MMU_H
#define T86_MMU_H

#include <stdbool.h>
#include <stdint.h>

#define TLB_BITS 10
#define TLB_SIZE (1u << TLB_BITS)
#define TLB_INVALID 0xFFFFFFFFu
/** Tag bit of entries filled for user-mode accesses under paging. */
#define TLB_USER (1u << 20)

struct cpu;

/** One TLB entry; host is the host address of the physical page (or NULL). */
struct tlb_entry {
    uint32_t tag_r, tag_w, tag_x;
    uint32_t tag_cw; /**< writable RAM that holds decoded code: slow path with SMC check only */
    uint32_t ppage; /**< physical address of the page */
    uint32_t hits;  /**< fast-path hits since the entry was filled (folded into stats) */
    uint8_t *host;
};

/** Counters readable by the debugger and by tests. */
struct mmu_stats {
    uint64_t misses, flushes, walks;
    uint64_t hits; /**< hits of entries since refilled or flushed; see mmu_hits() */
};

/** The MMU state embedded in struct cpu. */
struct mmu {
    struct tlb_entry tlb[TLB_SIZE];
    uint32_t a20_mask;
    uint32_t utag; /**< TLB_USER when paging is on and CPL is 3, else 0 */
    uint32_t epoch; /**< bumped by every flush or INVLPG: translations may differ */
    struct mmu_stats stats;
};

/** Slot of linear address @lin. */
static inline struct tlb_entry *tlb_slot(struct mmu *m, uint32_t lin)
{
    return &m->tlb[(lin >> 12) & (TLB_SIZE - 1)];
}

/** Tag a current-privilege entry for @lin must hold. */
static inline uint32_t tlb_tag(const struct mmu *m, uint32_t lin) { return (lin >> 12) | m->utag; }

/** Drop every TLB entry. */
void mmu_flush(struct mmu *m);
/** All fast-path hits so far: the folded count plus the live entries'. */
uint64_t mmu_hits(const struct mmu *m);
/** Drop the entry of linear page @lin (INVLPG). */
void mmu_invlpg(struct mmu *m, uint32_t lin);
/** Drop fast write entries that point at physical page @ppage. */
void mmu_drop_writes_to(struct mmu *m, uint32_t ppage);
/** Access kinds for translation. */
enum { MMU_WRITE = 1, MMU_USER = 2 };
/**
 * Translate @lin for an access of kind @acc (MMU_WRITE, MMU_USER);
 * raises #PF (setting CR2) when paging denies it.  *@can_write tells
 * whether a write of the same privilege may use the fast path now.
 */
uint32_t mmu_translate(struct cpu *c, uint32_t lin, unsigned acc, bool *can_write);
/** The page walk of mmu/paging.c (CR0.PG set); returns the page address. */
uint32_t paging_walk(struct cpu *c, uint32_t lin, unsigned acc, bool *can_write);
/** Side-effect-free walk for debuggers: false when not present. */
bool paging_probe(struct cpu *c, uint32_t lin, uint32_t *paddr);
/** Slow-path read with an explicit privilege (@acc: MMU_USER or 0). */
uint32_t mmu_read_acc(struct cpu *c, uint32_t lin, unsigned size, unsigned acc);
/** Slow-path write with an explicit privilege (@acc: MMU_USER or 0). */
void mmu_write_acc(struct cpu *c, uint32_t lin, uint32_t val, unsigned size, unsigned acc);
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
