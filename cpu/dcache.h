/*
 * cpu/dcache.h - the decoded-instruction cache and self-modifying-code
 * detection.
 *
 * Decoded instructions are cached by the physical address of their first
 * byte, with the code size in the key, in a direct-mapped table.  Every
 * cached instruction lies within one physical page; each page has a 64-bit
 * map of the 64-byte chunks that hold cached code.  A write into a marked
 * chunk (smc_write, reached from the MMU write slow path, which every write
 * to a code page takes) drops exactly the instructions that overlap it.
 */
#ifndef T86_DCACHE_H
#define T86_DCACHE_H

#include "cpu_internal.h"

/** Drop every decoded instruction (generation bump) and all code marks. */
void dcache_flush(struct cpu *c);
/** Drop decoded instructions overlapping [@paddr, @paddr + @len). */
void dcache_invalidate_range(struct cpu *c, uint32_t paddr, uint32_t len);
/**
 * Decode the instruction at linear @lin (physical @paddr) after a cache
 * miss, insert it when cacheable, and return it.  Raises #UD / #GP / fetch
 * faults through cpu_fault.
 */
const struct insn *dcache_miss(struct cpu *c, uint32_t lin, uint32_t paddr);

/** Index of physical address @paddr in the cache. */
static inline uint32_t dcache_index(uint32_t paddr)
{
    return (paddr ^ (paddr >> DCACHE_BITS)) & (DCACHE_SIZE - 1);
}

#endif
