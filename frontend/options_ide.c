/*
 * frontend/options_ide.c - the IDE drive options (-hda, -hdb, -cdrom,
 * -drive) and the opening of their images before the machine is built.
 *
 * Invariants: a parser leaves the options unchanged on error; a drive
 * number is given at most once; images are opened only by
 * options_open_ide, which either puts every image in the configuration
 * or leaves none open.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/blockdev.h"
#include "board/pc.h"
#include "options_internal.h"

/* Put @path in IDE drive @n as a disk or CD. */
static const char *set_ide(struct options *o, unsigned n, const char *path, bool cd, bool ro)
{
    if (!*path)
        return "an empty file name";
    if (o->ide[n])
        return "that IDE drive is already given";
    o->ide[n] = path;
    o->ide_cd[n] = cd;
    o->ide_readonly[n] = ro || cd;
    return NULL;
}

const char *options_set_hda(struct options *o, const char *a)
{
    return set_ide(o, 0, a, false, false);
}

const char *options_set_hdb(struct options *o, const char *a)
{
    return set_ide(o, 1, a, false, false);
}

const char *options_set_cdrom(struct options *o, const char *a)
{
    return set_ide(o, 2, a, true, true);
}

/* One key=value of -drive into the fields; NULL or why not. */
static const char *drive_key(const char *kv, const char **file, int *index, bool *cd, bool *ro)
{
    if (!strncmp(kv, "file=", 5)) {
        *file = kv + 5;
    } else if (!strncmp(kv, "index=", 6)) {
        char *end;
        long v = strtol(kv + 6, &end, 10);
        if (*end || v < 0 || v > 3)
            return "index must be 0..3";
        *index = (int)v;
    } else if (!strcmp(kv, "media=disk") || !strcmp(kv, "media=cdrom")) {
        *cd = !strcmp(kv, "media=cdrom");
    } else if (!strcmp(kv, "readonly=on") || !strcmp(kv, "readonly=off")) {
        *ro = !strcmp(kv, "readonly=on");
    } else if (strcmp(kv, "if=ide") && strcmp(kv, "format=raw")) {
        return "unknown -drive key (file, if=ide, index, media, format=raw, readonly)";
    }
    return NULL;
}

const char *options_set_drive(struct options *o, const char *a)
{
    char *copy = strdup(a), *save = NULL;
    const char *file = NULL, *why = NULL;
    int index = -1;
    bool cd = false, ro = false;
    if (!copy)
        return "out of memory";
    for (char *kv = strtok_r(copy, ",", &save); kv && !why; kv = strtok_r(NULL, ",", &save))
        why = drive_key(kv, &file, &index, &cd, &ro);
    if (!why && (!file || index < 0))
        why = "-drive needs file= and index=";
    if (!why)
        why = set_ide(o, (unsigned)index, a + (file - copy), cd, ro);
    if (!why) /* the path inside @a ends at the next comma: keep a private copy */
        o->ide[index] = strndup(a + (file - copy), strcspn(a + (file - copy), ","));
    free(copy);
    return why;
}

/* Open one image; NULL after writing the reason to @err. */
static struct blockdev *open_one(const struct options *o, unsigned n, char *err, size_t errlen)
{
    char why[200];
    unsigned flags = o->ide_readonly[n] ? BLOCKDEV_READONLY : o->snapshot ? BLOCKDEV_SNAPSHOT : 0;
    struct blockdev *b = blockdev_open(o->ide[n], flags, why, sizeof(why));
    if (!b) {
        snprintf(err, errlen, "%s", why);
        return NULL;
    }
    if (o->ide_cd[n] && blockdev_sectors(b) % 4) {
        snprintf(err, errlen, "%s: size is not a multiple of 2048 bytes (not an ISO image?)",
                 o->ide[n]);
        blockdev_close(b);
        return NULL;
    }
    return b;
}

int options_open_ide(const struct options *o, struct pc_config *cfg)
{
    static const char *names[4] = {"-hda", "-hdb", "-cdrom", "-drive index=3"};
    for (unsigned n = 0; n < 4; n++) {
        cfg->ide[n] = NULL;
        cfg->ide_cd[n] = o->ide_cd[n];
    }
    for (unsigned n = 0; n < 4; n++) {
        char err[256];
        if (!o->ide[n])
            continue;
        cfg->ide[n] = open_one(o, n, err, sizeof(err));
        if (!cfg->ide[n]) {
            fprintf(stderr, "trap86: %s: %s\n", names[n], err);
            for (unsigned k = 0; k < n; k++)
                blockdev_close(cfg->ide[k]);
            return -1;
        }
        if (!o->ide_cd[n] && blockdev_readonly(cfg->ide[n]))
            fprintf(stderr, "trap86: %s: '%s' is read-only; guest writes will fail\n", names[n],
                    o->ide[n]);
    }
    return 0;
}
