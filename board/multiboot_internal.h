/*
 * board/multiboot_internal.h - what the two halves of the Multiboot image
 * builder share: multiboot.c (the header and the kernel's bytes) and
 * multiboot_info.c (modules, the boot information structure, the stream
 * the option ROM reads).  Nothing outside those files includes this.
 *
 * Invariant: a chunk list only grows through mb_add_chunk, which refuses
 * chunks outside [1 MiB, RAM size).
 */
#ifndef T86_BOARD_MULTIBOOT_INTERNAL_H
#define T86_BOARD_MULTIBOOT_INTERNAL_H

#include <stdbool.h>

#include "multiboot.h"

/** Little-endian u32 at @p. */
static inline uint32_t mb_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/** Little-endian u16 at @p. */
static inline uint16_t mb_le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

/** Store @v little endian at @p. */
static inline void mb_put32(uint8_t *p, uint32_t v)
{
    for (unsigned k = 0; k < 4; k++)
        p[k] = (uint8_t)(v >> (8 * k));
}

/** @v rounded up to a 4 KiB boundary (64-bit, so it cannot wrap). */
static inline uint64_t mb_page_up(uint64_t v)
{
    return (v + 0xFFF) & ~(uint64_t)0xFFF;
}

/**
 * Append @len bytes at guest address @addr to @img: a copy of @data, or
 * zeros when @data is NULL.  An empty chunk is not added.  @what names the
 * piece in the error ("the kernel", "module 2"...).  Returns 0, or -1 with
 * the reason in @err (below 1 MiB, beyond @ram, no memory).
 */
int mb_add_chunk(struct multiboot_image *img, uint64_t addr, uint64_t len, const uint8_t *data,
                 uint64_t ram, const char *what, char *err, size_t errlen);
/**
 * Load the kernel @in describes into @img (entry set) and return the first
 * address after everything it occupies in *@end.  0, or -1 with @err.
 */
int mb_load_kernel(const struct multiboot_input *in, struct multiboot_image *img, uint64_t *end,
                   char *err, size_t errlen);

#endif
