/*
 * cpu/cpu_debug.h - what debuggers (the console, the monitor, the GDB stub)
 * need from the CPU library: a per-instruction check for breakpoints,
 * physical watchpoints, side-effect-free memory access and translation,
 * and instruction lengths from our own decoder.
 *
 * Invariants:
 *   - With no debug hook and no watched page, none of this costs anything
 *     on the hot path: the hook is polled through the run loop's event
 *     word, and watched pages simply lose their fast TLB entries.
 *   - The debug hook runs before an instruction executes, after pending
 *     interrupts were taken, with CS:EIP the instruction's address; it is
 *     exact under the decoded-instruction cache.
 *   - Debug memory accesses never fault, never set accessed/dirty bits and
 *     never go through segment checks; writes invalidate decoded code.
 */
#ifndef T86_CPU_DEBUG_H
#define T86_CPU_DEBUG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu.h"

/**
 * Called before each instruction while installed.  @lin is CS.base + EIP,
 * @phys its physical address (or 0xFFFFFFFF when the page is not mapped).
 * Return true to stop before executing it: cpu_run then returns
 * CPU_STOP_DEBUG with the instruction not executed.
 */
typedef bool (*cpu_debug_fn)(void *opaque, struct cpu *c, uint32_t lin, uint32_t phys);

/** Install (or with NULL remove) the per-instruction debug hook. */
void cpu_set_debug_hook(struct cpu *c, cpu_debug_fn fn, void *opaque);

/**
 * Called on every access to a watched physical page, after a write has
 * been made (@old is the value before, @val after) or when a read is made
 * (@old == @val).  @size is 1, 2 or 4 (split at page boundaries).  The
 * callback may call cpu_request_stop to stop after the current instruction.
 */
typedef void (*cpu_watch_fn)(void *opaque, struct cpu *c, uint32_t paddr, unsigned size,
                             bool write, uint32_t old, uint32_t val);

/** Install (or with NULL remove) the watch callback. */
void cpu_set_watch_hook(struct cpu *c, cpu_watch_fn fn, void *opaque);

/**
 * Watch (@on) or stop watching the 4 KiB physical page holding @paddr.
 * Calls nest: a page is watched while it has more ons than offs.
 */
void cpu_watch_page(struct cpu *c, uint32_t paddr, bool on);

/**
 * Translate linear @lin as a supervisor read would, without side effects
 * (no faults, no accessed/dirty bits, no TLB fill).  Returns false when
 * the page is not present.  With paging off this is the A20 mask only.
 */
bool cpu_debug_translate(struct cpu *c, uint32_t lin, uint32_t *paddr);

/**
 * Read @n bytes at @addr into @buf; @linear selects linear (translated
 * with cpu_debug_translate) or physical addresses.  Returns how many
 * bytes could be read before an unmapped page (RAM, ROM or MMIO through
 * the bus's mem_read).
 */
size_t cpu_debug_read(struct cpu *c, uint32_t addr, bool linear, void *buf, size_t n);

/** Write @n bytes from @buf, as cpu_debug_read; invalidates decoded code. */
size_t cpu_debug_write(struct cpu *c, uint32_t addr, bool linear, const void *buf, size_t n);

/**
 * Length of the instruction in @bytes (@n available) as trap86's decoder
 * sees it for code size @code32 and the CPU's model: 1..15, or 0 when it
 * is undefined (#UD) or longer than 15 bytes.
 */
unsigned cpu_insn_length(const struct cpu *c, const uint8_t *bytes, size_t n, bool code32);

/** Current code size (CS.D): true for 32-bit code. */
bool cpu_code32(const struct cpu *c);

/** Current privilege level. */
unsigned cpu_cpl(const struct cpu *c);

/** TLB counters: fast-path hits (data accesses), misses (fills), flushes, page walks. */
struct cpu_tlb_stats { uint64_t hits, misses, flushes, walks; };
/** Read the software TLB counters. */
void cpu_get_tlb_stats(const struct cpu *c, struct cpu_tlb_stats *s);

#endif
