/*
 * board/bus.h - one bus type for I/O ports and memory-mapped I/O.
 *
 * A bus is an address space (the 64 KiB port space, or the 4 GiB physical
 * space for MMIO) holding non-overlapping regions.  A device registers a
 * region as {base, length, ops, opaque}; ops name the read and write
 * callbacks and the access sizes the device implements (min_size..max_size,
 * each 1, 2 or 4).  Callbacks receive the offset inside the region.
 *
 * Invariants:
 *   - A device callback only ever sees a size within [min_size, max_size]
 *     and an access lying wholly inside its region.  The bus splits a wider
 *     or region-crossing access into pieces (little endian: the lowest
 *     address supplies the least significant byte) and widens a narrower
 *     one: a read fetches the enclosing aligned min_size unit and extracts
 *     the bytes; a write does read-modify-write of that unit.
 *   - Bytes no region claims read as all ones (a floating ISA bus) and
 *     writes to them are dropped; every such access is logged once in the
 *     bus's log category (-d unimp for ports, -d guest_errors for memory).
 *   - A region without a read callback reads as all ones; one without a
 *     write callback ignores writes (write-only / read-only registers).
 *
 * Interrupt lines are not part of the bus: a device is given a
 * struct irq_line (board/irq.h) and sets its level with irq_set(); the
 * board routes it to the 8259A, which drives cpu_set_intr().
 */
#ifndef T86_BOARD_BUS_H
#define T86_BOARD_BUS_H

#include <stdbool.h>
#include <stdint.h>

#include "log.h"

/** What a device implements for one region. */
struct bus_ops {
    /** Read @size bytes at @offset in the region (NULL: reads as ones). */
    uint32_t (*read)(void *opaque, uint32_t offset, unsigned size);
    /** Write @size bytes at @offset in the region (NULL: ignored). */
    void (*write)(void *opaque, uint32_t offset, uint32_t val, unsigned size);
    uint8_t min_size; /**< smallest access the callbacks accept: 1, 2 or 4 */
    uint8_t max_size; /**< largest access the callbacks accept: 1, 2 or 4 */
};

struct bus;

/**
 * Create an empty bus named @name ("port" / "mmio", used in log lines).
 * Unmapped accesses are logged on @log (may be NULL) in @log_category.
 * @log must outlive the bus.  Returns NULL on allocation failure.
 */
struct bus *bus_create(const char *name, const struct board_log *log, unsigned log_category);
/** Free a bus (the devices are not touched). */
void bus_destroy(struct bus *b);

/**
 * Map [@base, @base + @len) to @ops / @opaque under the device name @name.
 * Returns 0, or -1 when the range is empty, wraps, overlaps a region, the
 * sizes are invalid or memory runs out.  @ops and @name must outlive the bus.
 */
int bus_map(struct bus *b, const char *name, uint32_t base, uint32_t len, const struct bus_ops *ops,
            void *opaque);
/**
 * Remove the region starting at @base mapped with @opaque (a relocatable
 * PCI BAR moving).  Returns 0, or -1 when no such region exists.
 */
int bus_unmap(struct bus *b, uint32_t base, void *opaque);
/** True when any byte of [@addr, @addr + @len) belongs to a region. */
bool bus_claims(const struct bus *b, uint32_t addr, uint32_t len);

/** Read @size (1..4) bytes at @addr. */
uint32_t bus_read(struct bus *b, uint32_t addr, unsigned size);
/** Write the low @size (1..4) bytes of @val at @addr. */
void bus_write(struct bus *b, uint32_t addr, uint32_t val, unsigned size);

#endif
