/*
 * board/bus.c - region lookup and access splitting for port and MMIO buses.
 *
 * Regions are kept sorted by base address and never overlap, so a binary
 * search finds the region holding an address or, failing that, the next
 * one (which bounds the unmapped gap).  An access is walked from its lowest
 * byte in pieces; each piece lies in one region (or one gap) and has a size
 * the region's device implements.  See bus.h for the splitting rules.
 */
#include "bus.h"

#include <stdlib.h>

struct region {
    uint32_t base, last; /**< inclusive range */
    const struct bus_ops *ops;
    void *opaque;
    const char *name;
};

struct bus {
    const char *name;
    const struct board_log *log;
    unsigned log_category;
    struct region *regions; /**< sorted by base, disjoint */
    unsigned count, cap;
};

struct bus *bus_create(const char *name, const struct board_log *log, unsigned log_category)
{
    struct bus *b = calloc(1, sizeof(*b));
    if (!b)
        return NULL;
    b->name = name;
    b->log = log;
    b->log_category = log_category;
    return b;
}

void bus_destroy(struct bus *b)
{
    if (!b)
        return;
    free(b->regions);
    free(b);
}

/* Index of the first region whose last byte is >= @addr (count if none). */
static unsigned first_ending_at_or_after(const struct bus *b, uint32_t addr)
{
    unsigned lo = 0, hi = b->count;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (b->regions[mid].last < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool valid_size(unsigned s)
{
    return s == 1 || s == 2 || s == 4;
}

int bus_map(struct bus *b, const char *name, uint32_t base, uint32_t len, const struct bus_ops *ops,
            void *opaque)
{
    if (!len || (uint64_t)base + len - 1 > 0xFFFFFFFFu || !valid_size(ops->min_size) ||
        !valid_size(ops->max_size) || ops->min_size > ops->max_size || len % ops->min_size)
        return -1;
    uint32_t last = base + (len - 1);
    if (bus_claims(b, base, len))
        return -1;
    if (b->count == b->cap) {
        unsigned cap = b->cap ? b->cap * 2 : 8;
        struct region *r = realloc(b->regions, cap * sizeof(*r));
        if (!r)
            return -1;
        b->regions = r;
        b->cap = cap;
    }
    unsigned at = first_ending_at_or_after(b, base);
    for (unsigned k = b->count; k > at; k--)
        b->regions[k] = b->regions[k - 1];
    b->regions[at] = (struct region){base, last, ops, opaque, name};
    b->count++;
    return 0;
}

int bus_unmap(struct bus *b, uint32_t base, void *opaque)
{
    unsigned k = first_ending_at_or_after(b, base);
    if (k >= b->count || b->regions[k].base != base || b->regions[k].opaque != opaque)
        return -1;
    for (; k + 1 < b->count; k++)
        b->regions[k] = b->regions[k + 1];
    b->count--;
    return 0;
}

bool bus_claims(const struct bus *b, uint32_t addr, uint32_t len)
{
    if (!len)
        return false;
    unsigned k = first_ending_at_or_after(b, addr);
    return k < b->count && (uint64_t)b->regions[k].base <= (uint64_t)addr + len - 1;
}

static uint32_t size_mask(unsigned n)
{
    return n >= 4 ? 0xFFFFFFFFu : (1u << (8 * n)) - 1;
}

/* Bytes of the piece starting at @addr (inside @r) with @left bytes to go. */
static unsigned piece_len(const struct region *r, uint32_t addr, unsigned left)
{
    uint64_t room = (uint64_t)r->last - addr + 1;
    unsigned n = left < room ? left : (unsigned)room;
    unsigned unit = r->ops->min_size, shift = (addr - r->base) % unit;
    if (shift || n < unit)
        return n < unit - shift ? n : unit - shift; /* widened, inside one unit */
    if (n > r->ops->max_size)
        n = r->ops->max_size;
    return n == 3 ? 2 : n;
}

/* Read a piece of @n bytes at @addr wholly inside @r. */
static uint32_t region_read(const struct region *r, uint32_t addr, unsigned n)
{
    if (!r->ops->read)
        return size_mask(n);
    uint32_t off = addr - r->base, unit = r->ops->min_size, shift = off % unit;
    if (!shift && n >= unit)
        return r->ops->read(r->opaque, off, n) & size_mask(n);
    uint32_t v = r->ops->read(r->opaque, off - shift, unit);
    return (v >> (8 * shift)) & size_mask(n);
}

/* Write a piece of @n bytes at @addr wholly inside @r. */
static void region_write(const struct region *r, uint32_t addr, uint32_t val, unsigned n)
{
    if (!r->ops->write)
        return;
    uint32_t off = addr - r->base, unit = r->ops->min_size, shift = off % unit;
    val &= size_mask(n);
    if (!shift && n >= unit) {
        r->ops->write(r->opaque, off, val, n);
        return;
    }
    uint32_t old = r->ops->read ? r->ops->read(r->opaque, off - shift, unit) : 0;
    uint32_t m = size_mask(n) << (8 * shift);
    r->ops->write(r->opaque, off - shift, (old & ~m) | (val << (8 * shift)), unit);
}

/*
 * Walk the access [@addr, @addr + @size) piece by piece, reading into or
 * writing from *@val.  Returns true when some byte was unmapped.
 */
static bool walk(struct bus *b, uint32_t addr, unsigned size, uint32_t *val, bool write)
{
    bool unmapped = false;
    uint32_t rv = 0;
    for (unsigned done = 0; done < size;) {
        uint32_t a = addr + done;
        unsigned left = size - done, k = first_ending_at_or_after(b, a), n;
        const struct region *r = k < b->count ? &b->regions[k] : NULL;
        if (r && r->base <= a) {
            n = piece_len(r, a, left);
            if (write)
                region_write(r, a, *val >> (8 * done), n);
            else
                rv |= region_read(r, a, n) << (8 * done);
        } else {
            uint64_t gap = r ? (uint64_t)r->base - a : (uint64_t)0x100000000ull - a;
            n = left < gap ? left : (unsigned)gap;
            rv |= size_mask(n) << (8 * done);
            unmapped = true;
        }
        done += n;
    }
    if (!write)
        *val = rv;
    return unmapped;
}

uint32_t bus_read(struct bus *b, uint32_t addr, unsigned size)
{
    uint32_t v;
    if (walk(b, addr, size, &v, false))
        board_log(b->log, b->log_category, "%s read of %u byte%s at %#x: nothing mapped there",
                  b->name, size, size == 1 ? "" : "s", addr);
    return v;
}

void bus_write(struct bus *b, uint32_t addr, uint32_t val, unsigned size)
{
    if (walk(b, addr, size, &val, true))
        board_log(b->log, b->log_category,
                  "%s write of %u byte%s at %#x (value %#x): nothing mapped there", b->name, size,
                  size == 1 ? "" : "s", addr, val & size_mask(size));
}
