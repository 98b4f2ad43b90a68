/*
 * board/state.c - generic walkers over state descriptors (board/state.h):
 * a text dump, used by tests to prove a descriptor covers what a device
 * does, and a consistency check of the descriptor itself.
 */
#include "state.h"

#include <inttypes.h>
#include <stdint.h>
#include <string.h>

/* The little-endian integer of @size bytes at @p. */
static uint64_t load_scalar(const unsigned char *p, size_t size)
{
    uint64_t v = 0;
    for (size_t k = size; k-- > 0;)
        v = (v << 8) | p[k];
    return v;
}

/* Dump @desc at @base with @prefix ("pit" or "pit.ch[0]"). */
static unsigned dump_struct(const struct state_desc *desc, const unsigned char *base,
                            const char *prefix, FILE *out)
{
    unsigned lines = 0;
    for (unsigned f = 0; f < desc->nfields; f++) {
        const struct state_field *fd = &desc->fields[f];
        for (size_t k = 0; k < fd->count; k++) {
            char name[160];
            if (fd->count > 1 || fd->sub)
                snprintf(name, sizeof(name), "%s.%s[%zu]", prefix, fd->name, k);
            else
                snprintf(name, sizeof(name), "%s.%s", prefix, fd->name);
            const unsigned char *p = base + fd->offset + k * fd->size;
            if (fd->sub) {
                lines += dump_struct(fd->sub, p, name, out);
                continue;
            }
            fprintf(out, "%s = 0x%" PRIx64 "\n", name, load_scalar(p, fd->size));
            lines++;
        }
    }
    return lines;
}

unsigned state_dump(const struct state_desc *desc, const void *state, FILE *out)
{
    return dump_struct(desc, state, desc->name, out);
}

/* True when [@a, @a + @alen) and [@b, @b + @blen) intersect. */
static int overlaps(size_t a, size_t alen, size_t b, size_t blen)
{
    return a < b + blen && b < a + alen;
}

const char *state_desc_check(const struct state_desc *desc)
{
    for (unsigned f = 0; f < desc->nfields; f++) {
        const struct state_field *fd = &desc->fields[f];
        size_t bytes = fd->size * fd->count;
        if (!fd->count || fd->offset + bytes > desc->size)
            return "field outside the described struct";
        if (fd->sub && (fd->sub->size != fd->size || state_desc_check(fd->sub)))
            return "bad nested descriptor";
        if (!fd->sub && fd->size != 1 && fd->size != 2 && fd->size != 4 && fd->size != 8)
            return "scalar field is not 1, 2, 4 or 8 bytes";
        for (unsigned g = 0; g < f; g++) {
            const struct state_field *o = &desc->fields[g];
            if (overlaps(fd->offset, bytes, o->offset, o->size * o->count))
                return "fields overlap";
        }
    }
    return NULL;
}
