/*
 * board/blockdev.c - raw disk images in host files or host memory (see
 * blockdev.h).
 *
 * Invariants: exactly one of fd and mem backs a blockdev: a file image has
 * fd open and locked for its whole life and mem NULL; a memory image has
 * fd -1 and mem a private buffer of size bytes, freed on close.  size is a
 * non-zero multiple of BLOCKDEV_SECTOR fixed at open (images never grow);
 * every access is bounds-checked against it before touching the file or
 * the buffer.  A snapshot (overlay non-NULL) is a file image opened
 * read-only whose writes land in the overlay and whose reads take each
 * sector from the overlay when present, else from the file; readonly is
 * false for it and the file is never written or fsynced.
 */
#include "blockdev.h"
#include "blockdev_overlay.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct blockdev {
    int fd;                  /**< file image, or -1 */
    unsigned char *mem;      /**< memory image, or NULL */
    struct overlay *overlay; /**< -snapshot writes, or NULL */
    bool readonly;
    uint64_t size;     /**< bytes */
    uint64_t io_count; /**< read and write calls made (blockdev_io_count) */
};

/* Standard PC floppy formats: 5.25" 160K..1.2M, 3.5" 720K..2.88M and
 * Microsoft's 1.68M DMF (21 sectors per track on 1.44M media). */
static const struct floppy_geometry floppy_formats[] = {
    {"160K", 163840, 40, 1, 8, 250},     {"180K", 184320, 40, 1, 9, 250},
    {"320K", 327680, 40, 2, 8, 250},     {"360K", 368640, 40, 2, 9, 250},
    {"720K", 737280, 80, 2, 9, 250},     {"1.2M", 1228800, 80, 2, 15, 500},
    {"1.44M", 1474560, 80, 2, 18, 500},  {"1.68M DMF", 1720320, 80, 2, 21, 500},
    {"2.88M", 2949120, 80, 2, 36, 1000},
};

const struct floppy_geometry *floppy_geometry_for_size(uint64_t bytes)
{
    for (size_t k = 0; k < sizeof(floppy_formats) / sizeof(floppy_formats[0]); k++)
        if (floppy_formats[k].bytes == bytes)
            return &floppy_formats[k];
    return NULL;
}

/* True when the file behind @fd has no write permission bit at all. */
static bool mode_forbids_writes(int fd)
{
    struct stat st;
    return fstat(fd, &st) == 0 && !(st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH));
}

/* Open @path read-write if allowed, else read-only; sets *@ro. */
static int open_image(const char *path, bool want_ro, bool *ro)
{
    int fd = -1;
    if (!want_ro) {
        fd = open(path, O_RDWR | O_CLOEXEC);
        if (fd >= 0 && mode_forbids_writes(fd)) {
            close(fd);
            fd = -1;
            errno = EACCES;
        }
        if (fd >= 0 || (errno != EACCES && errno != EROFS && errno != EPERM)) {
            *ro = false;
            return fd;
        }
    }
    *ro = true;
    return open(path, O_RDONLY | O_CLOEXEC);
}

/* Check the size of the open image; 0 or -1 with a reason in @err. */
static int check_size(int fd, const char *path, uint64_t *size, char *err, size_t errlen)
{
    struct stat st;
    if (fstat(fd, &st) < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    *size = (uint64_t)st.st_size;
    if (*size == 0 || *size % BLOCKDEV_SECTOR) {
        snprintf(err, errlen, "%s: size %llu bytes is not a whole number of 512-byte sectors", path,
                 (unsigned long long)*size);
        return -1;
    }
    return 0;
}

/* Give the file image @b a snapshot overlay; false (and @err) when out of memory. */
static bool add_overlay(struct blockdev *b, const char *path, char *err, size_t errlen)
{
    b->overlay = overlay_create(blockdev_sectors(b));
    if (!b->overlay)
        snprintf(err, errlen, "%s: out of memory for the snapshot overlay", path);
    b->readonly = false;
    return b->overlay != NULL;
}

struct blockdev *blockdev_open(const char *path, unsigned flags, char *err, size_t errlen)
{
    bool ro;
    bool snapshot = (flags & BLOCKDEV_SNAPSHOT) && !(flags & BLOCKDEV_READONLY);
    int fd = open_image(path, (flags & BLOCKDEV_READONLY) || snapshot, &ro);
    if (fd < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    if (flock(fd, (ro ? LOCK_SH : LOCK_EX) | LOCK_NB) < 0) {
        snprintf(err, errlen, "%s: image is in use by another process or drive (%s)", path,
                 errno == EWOULDBLOCK ? "locked" : strerror(errno));
        close(fd);
        return NULL;
    }
    uint64_t size;
    struct blockdev *b = NULL;
    if (check_size(fd, path, &size, err, errlen) == 0 && (b = calloc(1, sizeof(*b))) == NULL)
        snprintf(err, errlen, "%s: out of memory", path);
    if (!b) {
        close(fd);
        return NULL;
    }
    *b = (struct blockdev){.fd = fd, .readonly = ro, .size = size};
    if (snapshot && !add_overlay(b, path, err, errlen)) {
        blockdev_close(b);
        return NULL;
    }
    return b;
}

struct blockdev *blockdev_open_memory(const void *data, size_t size, char *err, size_t errlen)
{
    if (size == 0 || size % BLOCKDEV_SECTOR) {
        snprintf(err, errlen,
                 "in-memory image: size %zu bytes is not a whole number of 512-byte sectors", size);
        return NULL;
    }
    struct blockdev *b = calloc(1, sizeof(*b));
    unsigned char *mem = malloc(size);
    if (!b || !mem) {
        snprintf(err, errlen, "in-memory image: out of memory for %zu bytes", size);
        free(b);
        free(mem);
        return NULL;
    }
    memcpy(mem, data, size);
    *b = (struct blockdev){.fd = -1, .mem = mem, .readonly = false, .size = size};
    return b;
}

void blockdev_close(struct blockdev *b)
{
    if (!b)
        return;
    if (b->mem) {
        free(b->mem);
        free(b);
        return;
    }
    if (!b->readonly && !b->overlay)
        fsync(b->fd);
    close(b->fd); /* drops the flock */
    overlay_destroy(b->overlay);
    free(b);
}

bool blockdev_readonly(const struct blockdev *b)
{
    return b->readonly;
}

bool blockdev_snapshot(const struct blockdev *b)
{
    return b->overlay != NULL;
}

uint64_t blockdev_sectors(const struct blockdev *b)
{
    return b->size / BLOCKDEV_SECTOR;
}

/* True when [@lba, @lba + @count) lies inside the image. */
static bool in_range(const struct blockdev *b, uint64_t lba, unsigned count)
{
    uint64_t n = blockdev_sectors(b);
    return lba <= n && count <= n - lba;
}

/*
 * Move all of @len bytes at @off: memcpy for a memory image, else
 * pread/pwrite, retrying short transfers.
 */
static int transfer(struct blockdev *b, bool write, uint64_t off, void *buf, size_t len)
{
    unsigned char *p = buf;
    if (b->mem) {
        if (write)
            memcpy(b->mem + off, p, len);
        else
            memcpy(p, b->mem + off, len);
        return 0;
    }
    while (len) {
        ssize_t n = write ? pwrite(b->fd, p, len, (off_t)off) : pread(b->fd, p, len, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return -1;
        }
        p += n;
        off += (uint64_t)n;
        len -= (size_t)n;
    }
    return 0;
}

/* Replace the sectors of @buf (@count from @lba) that the overlay holds. */
static void overlay_patch(const struct blockdev *b, uint64_t lba, unsigned char *buf,
                          unsigned count)
{
    for (unsigned k = 0; k < count; k++) {
        const unsigned char *s = overlay_sector(b->overlay, lba + k);
        if (s)
            memcpy(buf + (size_t)k * BLOCKDEV_SECTOR, s, BLOCKDEV_SECTOR);
    }
}

int blockdev_read(struct blockdev *b, uint64_t lba, void *buf, unsigned count)
{
    b->io_count++;
    if (!in_range(b, lba, count)) {
        errno = EINVAL;
        return -1;
    }
    if (transfer(b, false, lba * BLOCKDEV_SECTOR, buf, (size_t)count * BLOCKDEV_SECTOR) < 0)
        return -1;
    if (b->overlay)
        overlay_patch(b, lba, buf, count);
    return 0;
}

/* Store @count sectors at @lba in the overlay.  0, or -1 (ENOMEM). */
static int overlay_write(struct blockdev *b, uint64_t lba, const unsigned char *buf, unsigned count)
{
    for (unsigned k = 0; k < count; k++)
        if (overlay_store(b->overlay, lba + k, buf + (size_t)k * BLOCKDEV_SECTOR) < 0)
            return -1;
    return 0;
}

int blockdev_write(struct blockdev *b, uint64_t lba, const void *buf, unsigned count)
{
    b->io_count++;
    if (b->readonly) {
        errno = EROFS;
        return -1;
    }
    if (!in_range(b, lba, count)) {
        errno = EINVAL;
        return -1;
    }
    if (b->overlay)
        return overlay_write(b, lba, buf, count);
    /* transfer() does not modify the buffer when writing */
    return transfer(b, true, lba * BLOCKDEV_SECTOR, (void *)buf, (size_t)count * BLOCKDEV_SECTOR);
}

uint64_t blockdev_io_count(const struct blockdev *b)
{
    return b ? b->io_count : 0;
}

int blockdev_flush(struct blockdev *b)
{
    return b->readonly || b->mem || b->overlay ? 0 : fsync(b->fd);
}

const struct floppy_geometry *blockdev_floppy_geometry(const struct blockdev *b, char *err,
                                                       size_t errlen)
{
    const struct floppy_geometry *g = floppy_geometry_for_size(b->size);
    if (!g)
        snprintf(err, errlen,
                 "image of %llu bytes is no floppy format (160K, 180K, 320K, 360K, 720K, "
                 "1.2M, 1.44M, 1.68M DMF, 2.88M): truncated or not a floppy image",
                 (unsigned long long)b->size);
    return g;
}
