/*
 * cpu/descriptor.h - segment and gate descriptors: fetching them from the
 * GDT/LDT/IDT and decoding their fields (SDM Vol. 3, 3.4.5 "Segment
 * Descriptors", 3.5 "System Descriptor Types", 6.11 "IDT Descriptors").
 *
 * Invariants: descriptor tables are read with supervisor linear accesses
 * (lin_read), never through a segment register; a selector outside its
 * table raises the caller's exception with the selector as error code.
 */
#ifndef T86_DESCRIPTOR_H
#define T86_DESCRIPTOR_H

#include "cpu_internal.h"

/** A raw 8-byte descriptor: @lo is bytes 0-3, @hi bytes 4-7. */
struct desc {
    uint32_t lo, hi;
};

/** Descriptor type field values for system descriptors (S = 0). */
enum {
    DT_TSS16_AVAIL = 1, DT_LDT = 2, DT_TSS16_BUSY = 3, DT_CALL16 = 4, DT_TASK = 5,
    DT_INT16 = 6, DT_TRAP16 = 7, DT_TSS32_AVAIL = 9, DT_TSS32_BUSY = 11, DT_CALL32 = 12,
    DT_INT32 = 14, DT_TRAP32 = 15
};

/** Segment base of @d. */
static inline uint32_t desc_base(const struct desc *d)
{
    return (d->lo >> 16) | ((d->hi & 0xFF) << 16) | (d->hi & 0xFF000000u);
}

/** Byte-granular limit of @d (scaled by G). */
static inline uint32_t desc_limit(const struct desc *d)
{
    uint32_t l = (d->lo & 0xFFFF) | (d->hi & 0xF0000);
    return (d->hi & (1u << 23)) ? (l << 12) | 0xFFF : l;
}

/** Cache attribute word (struct cpu_seg.attr layout) of @d. */
static inline uint16_t desc_attr(const struct desc *d)
{
    return (uint16_t)(((d->hi >> 8) & 0xFF) | ((d->hi >> 12) & 0xF00));
}

static inline unsigned desc_dpl(const struct desc *d) { return (d->hi >> 13) & 3; }
static inline bool desc_present(const struct desc *d) { return d->hi & (1u << 15); }
/** S bit: code or data segment (not a system descriptor). */
static inline bool desc_is_seg(const struct desc *d) { return d->hi & (1u << 12); }
/** Type field (4 bits). */
static inline unsigned desc_type(const struct desc *d) { return (d->hi >> 8) & 0xF; }
static inline bool desc_is_code(const struct desc *d) { return desc_is_seg(d) && (d->hi & (1u << 11)); }
static inline bool desc_is_data(const struct desc *d) { return desc_is_seg(d) && !(d->hi & (1u << 11)); }
/** Code: conforming.  Data: expand-down. */
static inline bool desc_bit_c_e(const struct desc *d) { return d->hi & (1u << 10); }
/** Code: readable.  Data: writable. */
static inline bool desc_bit_r_w(const struct desc *d) { return d->hi & (1u << 9); }

/** Gate fields: target selector and offset (@wide: 32-bit gate). */
static inline uint16_t gate_selector(const struct desc *d) { return (uint16_t)(d->lo >> 16); }
static inline uint32_t gate_offset(const struct desc *d, bool wide)
{
    return wide ? (d->lo & 0xFFFF) | (d->hi & 0xFFFF0000u) : (d->lo & 0xFFFF);
}

/**
 * Read the descriptor of selector @sel from the GDT or LDT into @d.
 * Returns false (and leaves @d unset) when the selector's index lies
 * outside the table or names the LDT while LDTR is null.
 */
bool desc_fetch(struct cpu *c, uint16_t sel, struct desc *d);

/**
 * desc_fetch, raising @vector with error code (@sel & 0xFFFC) | @ext when
 * the selector is outside its table.
 */
void desc_load(struct cpu *c, uint16_t sel, struct desc *d, int vector, unsigned ext);

/** Set the accessed bit of @sel's code/data descriptor @d in memory. */
void desc_set_accessed(struct cpu *c, uint16_t sel, struct desc *d);

/** Fill the cache of @s from selector @sel and descriptor @d. */
void seg_cache_set(struct cpu_seg *s, uint16_t sel, const struct desc *d);

#endif
