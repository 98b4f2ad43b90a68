/*
 * cpu/bus.h - the interface through which the CPU reaches the machine.
 *
 * The CPU library knows nothing of devices or boards.  A board hands it a
 * struct cpu_bus at creation; every memory and port access the guest makes
 * goes through these callbacks (or through host pointers that mem_page
 * returned).  Invariants:
 *   - mem_page returns a pointer to the start of the 4 KiB physical page
 *     holding paddr, or NULL when the page is not plain RAM (MMIO, unmapped)
 *     or, for write=true, when it is read-only (ROM).  A returned pointer
 *     stays valid until the board calls cpu_memory_map_changed().
 *   - mem_read/mem_write handle everything mem_page refused; they are only
 *     called with sizes 1, 2 or 4 and never across a 4 KiB boundary.
 *   - io_read/io_write get sizes 1, 2 or 4.
 */
#ifndef T86_CPU_BUS_H
#define T86_CPU_BUS_H

#include <stdbool.h>
#include <stdint.h>

/** Callbacks a board provides to the CPU. All take the board's opaque. */
struct cpu_bus {
    void *opaque;
    /** Host pointer to the 4 KiB page holding @paddr, or NULL (slow path). */
    uint8_t *(*mem_page)(void *opaque, uint32_t paddr, bool write);
    /** Slow-path physical read of @size bytes (1, 2, 4), little endian. */
    uint32_t (*mem_read)(void *opaque, uint32_t paddr, unsigned size);
    /** Slow-path physical write of @size bytes (1, 2, 4), little endian. */
    void (*mem_write)(void *opaque, uint32_t paddr, uint32_t val, unsigned size);
    /** Port read of @size bytes. */
    uint32_t (*io_read)(void *opaque, uint16_t port, unsigned size);
    /** Port write of @size bytes. */
    void (*io_write)(void *opaque, uint16_t port, uint32_t val, unsigned size);
    /** Interrupt acknowledge: returns the vector of the pending INTR. */
    uint8_t (*intr_ack)(void *opaque);
};

#endif
