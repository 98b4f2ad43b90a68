/*
 * board/blockdev_overlay.c - the sparse copy-on-write sector table of
 * -snapshot (see blockdev_overlay.h for the layout and its memory cost).
 *
 * Invariants: runs[k] is NULL until a sector of run k is stored; a run's
 * slot is NULL until that sector is stored; count is the number of
 * non-NULL sector slots.
 */
#include "blockdev_overlay.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { SECTOR_BYTES = 512 };

struct overlay_run {
    unsigned char *sector[OVERLAY_RUN_SECTORS];
};

struct overlay {
    struct overlay_run **runs;
    uint64_t nruns;
    uint64_t count;
};

struct overlay *overlay_create(uint64_t sectors)
{
    struct overlay *o = calloc(1, sizeof(*o));
    if (!o)
        return NULL;
    o->nruns = (sectors + OVERLAY_RUN_SECTORS - 1) / OVERLAY_RUN_SECTORS;
    o->runs = calloc(o->nruns ? (size_t)o->nruns : 1, sizeof(*o->runs));
    if (!o->runs) {
        free(o);
        return NULL;
    }
    return o;
}

void overlay_destroy(struct overlay *o)
{
    if (!o)
        return;
    for (uint64_t k = 0; k < o->nruns; k++) {
        if (!o->runs[k])
            continue;
        for (unsigned s = 0; s < OVERLAY_RUN_SECTORS; s++)
            free(o->runs[k]->sector[s]);
        free(o->runs[k]);
    }
    free(o->runs);
    free(o);
}

const unsigned char *overlay_sector(const struct overlay *o, uint64_t lba)
{
    const struct overlay_run *r = o->runs[lba / OVERLAY_RUN_SECTORS];
    return r ? r->sector[lba % OVERLAY_RUN_SECTORS] : NULL;
}

int overlay_store(struct overlay *o, uint64_t lba, const void *data)
{
    struct overlay_run **rp = &o->runs[lba / OVERLAY_RUN_SECTORS];
    if (!*rp && !(*rp = calloc(1, sizeof(**rp)))) {
        errno = ENOMEM;
        return -1;
    }
    unsigned char **sp = &(*rp)->sector[lba % OVERLAY_RUN_SECTORS];
    if (!*sp) {
        if (!(*sp = malloc(SECTOR_BYTES))) {
            errno = ENOMEM;
            return -1;
        }
        o->count++;
    }
    memcpy(*sp, data, SECTOR_BYTES);
    return 0;
}

uint64_t overlay_count(const struct overlay *o)
{
    return o->count;
}
