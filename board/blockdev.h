/*
 * board/blockdev.h - a raw disk image in a host file or in host memory, in
 * 512-byte sectors.
 *
 * The board opens images (floppy now, hard disks later) and hands the
 * handle to a device model; devices never see paths or file descriptors.
 * A memory image (blockdev_open_memory, e.g. the built-in demo floppy) is
 * a private copy of the caller's bytes: writable, and writes change only
 * that copy, never a file.  A file image is opened read-write, or
 * read-only when the caller asks, when the host refuses write access, or
 * when the file has no write permission bit at all (so a `chmod a-w` image
 * stays read-only even for root).  The file is locked with
 * flock(LOCK_EX | LOCK_NB) (LOCK_SH when read-only), so a second emulator
 * (or a second drive) opening the same image for writing gets a clear
 * error instead of corrupting it.
 *
 * With BLOCKDEV_SNAPSHOT (-snapshot) the file is opened read-only and
 * locked shared, and every write goes to a copy-on-write overlay in memory
 * (board/blockdev_overlay.h: 512 bytes per distinct sector written, plus a
 * small table): the guest reads back what it wrote, flush and close touch
 * nothing, and the image stays bit-identical.  The writes are lost on
 * close.
 *
 * Invariants: the image size is a whole number of sectors; writes go to the
 * host file immediately (pwrite), or to the overlay of a snapshot, but reach stable storage only on
 * blockdev_flush (and blockdev_close); a read-only blockdev never writes; a
 * memory image lives until blockdev_close and its writes are lost then.
 */
#ifndef T86_BOARD_BLOCKDEV_H
#define T86_BOARD_BLOCKDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { BLOCKDEV_SECTOR = 512 };

/** blockdev_open flags: refuse writes; send writes to a temporary overlay. */
enum { BLOCKDEV_READONLY = 1, BLOCKDEV_SNAPSHOT = 2 };

/** Physical layout of a floppy image (512-byte sectors, MFM). */
struct floppy_geometry {
    const char *name;   /**< "1.44M" */
    uint32_t bytes;     /**< image size */
    uint8_t cylinders;  /**< tracks per side */
    uint8_t heads;      /**< 1 or 2 */
    uint8_t sectors;    /**< per track */
    uint16_t rate_kbps; /**< nominal MFM data rate: 250, 500 or 1000 */
};

struct blockdev;

/**
 * Open the image at @path (@flags: BLOCKDEV_READONLY, BLOCKDEV_SNAPSHOT;
 * both together give a read-only image).  On failure returns
 * NULL and writes a one-line reason naming the path into @err (@errlen
 * bytes): missing file, locked by another user, size not a whole number
 * of 512-byte sectors, empty image.
 */
struct blockdev *blockdev_open(const char *path, unsigned flags, char *err, size_t errlen);
/**
 * Open a writable image held in host memory: a private copy of the @size
 * bytes at @data, so the caller's buffer may be read-only and is never
 * changed.  Reads, writes, flush and geometry work as for a file image;
 * writes change only the copy.  On failure (size zero or not a whole
 * number of 512-byte sectors, out of memory) returns NULL with a one-line
 * reason in @err (@errlen bytes).
 */
struct blockdev *blockdev_open_memory(const void *data, size_t size, char *err, size_t errlen);
/** Flush and close @b (NULL is ignored); a memory image is freed. */
void blockdev_close(struct blockdev *b);
/** True when @b cannot be written (asked for, or a read-only file; never memory
 *  nor a snapshot). */
bool blockdev_readonly(const struct blockdev *b);
/** True when @b's writes go to a -snapshot overlay, never to its file. */
bool blockdev_snapshot(const struct blockdev *b);
/** Image size in 512-byte sectors. */
uint64_t blockdev_sectors(const struct blockdev *b);
/** Read @count sectors from @lba into @buf.  0, or -1 (errno) past the end or on I/O error. */
int blockdev_read(struct blockdev *b, uint64_t lba, void *buf, unsigned count);
/** Write @count sectors at @lba.  0, or -1 (errno EROFS when read-only, ENOMEM
 *  when a snapshot's overlay cannot grow: then a prefix may have been written). */
int blockdev_write(struct blockdev *b, uint64_t lba, const void *buf, unsigned count);
/** How many reads and writes were asked of @b so far (0 for NULL): disk activity. */
uint64_t blockdev_io_count(const struct blockdev *b);
/** fsync the image (nothing to do for a memory image or a snapshot).  0, or -1 (errno). */
int blockdev_flush(struct blockdev *b);

/** The floppy layout of an image of @bytes bytes, or NULL when none fits. */
const struct floppy_geometry *floppy_geometry_for_size(uint64_t bytes);
/**
 * The floppy layout of @b (160K, 180K, 320K, 360K, 720K, 1.2M, 1.44M,
 * 1.68M DMF, 2.88M).  NULL when the size is none of those, with a reason
 * (e.g. a truncated image) in @err.
 */
const struct floppy_geometry *blockdev_floppy_geometry(const struct blockdev *b, char *err,
                                                       size_t errlen);

#endif
