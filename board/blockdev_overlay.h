/*
 * board/blockdev_overlay.h - the copy-on-write overlay behind -snapshot: a
 * sparse in-memory table of the 512-byte sectors the guest wrote, so that
 * the image under it is never written.
 *
 * Layout: a top-level array with one pointer per run of
 * OVERLAY_RUN_SECTORS sectors (64 KiB of image), a run's array of sector
 * pointers allocated on the first write into that run, and each written
 * sector a 512-byte block of its own.
 * Memory cost: 8 bytes per 64 KiB of image (a 1 GiB disk: 128 KiB),
 * plus 1 KiB per 64 KiB run written at least once, plus 512 bytes (and the
 * allocator's overhead) per distinct sector written.  Rewriting a sector
 * reuses its block; nothing is freed before overlay_destroy.
 *
 * Invariants: a sector is either absent (read the image) or holds exactly
 * the bytes of the last overlay_store to it; lba is always below the
 * sector count given at creation (callers check bounds first).
 */
#ifndef T86_BOARD_BLOCKDEV_OVERLAY_H
#define T86_BOARD_BLOCKDEV_OVERLAY_H

#include <stddef.h>
#include <stdint.h>

enum { OVERLAY_RUN_SECTORS = 128 };

struct overlay;

/** An empty overlay for an image of @sectors sectors; NULL when out of memory. */
struct overlay *overlay_create(uint64_t sectors);
/** Free @o and every sector it holds (NULL is ignored). */
void overlay_destroy(struct overlay *o);
/** The 512 bytes last stored at @lba, or NULL when the guest never wrote it. */
const unsigned char *overlay_sector(const struct overlay *o, uint64_t lba);
/** Keep a copy of the 512 bytes at @data as sector @lba.  0, or -1 (ENOMEM). */
int overlay_store(struct overlay *o, uint64_t lba, const void *data);
/** Number of distinct sectors held (for tests and messages). */
uint64_t overlay_count(const struct overlay *o);

#endif
