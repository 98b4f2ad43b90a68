/*
 * devices/ide.h - the two IDE channels of a PIIX3 (82371SB) in legacy mode:
 * primary 0x1F0-0x1F7 / 0x3F6 on IRQ 14, secondary 0x170-0x177 / 0x376
 * on IRQ 15, each with a master and a slave, plus the PIIX3's bus-master
 * IDE registers (16 bytes, reached through ide_bm_read / ide_bm_write by
 * whoever decodes BAR4; devices/piix3_ide.c does).
 *
 * A drive is an ATA hard disk on a board/blockdev image (512-byte
 * sectors, CHS / LBA28 / LBA48 addressing, PIO single and multiple, DMA)
 * or an ATAPI CD-ROM on an ISO image (2048-byte blocks, four blockdev
 * sectors each; SFF-8020i / MMC packet commands) which may be empty.
 * The board owns, flushes and closes the images; the device never opens
 * files.  Register and protocol facts come from ATA/ATAPI-6 (T13/1410D
 * rev. 3b): section 7 (register description), 8 (commands), 9 (protocols).
 *
 * Timing is deadline-driven: every command that does work is BSY for
 * IDE_DELAY_NS of virtual time (one board/clock.h timer per channel), then
 * publishes its status (DRQ for the next data block, or completion) and
 * raises INTRQ.  Nothing happens per instruction.
 *
 * Invariants: INTRQ follows the channel's pending interrupt masked by the
 * device control register's nIEN, and only ever changes through
 * ide_update_irq; a read-only image is never written (writes end with
 * ABRT); guest memory is reached only through the dma_mem_ops given at
 * creation (the board keeps decoded code coherent there).
 */
#ifndef T86_DEVICES_IDE_H
#define T86_DEVICES_IDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "board/blockdev.h"
#include "board/bus.h"
#include "board/clock.h"
#include "board/irq.h"
#include "board/state.h"
#include "dma.h"

enum {
    IDE_PRIMARY_PORT = 0x1F0,
    IDE_PRIMARY_CTL = 0x3F6,
    IDE_PRIMARY_IRQ = 14,
    IDE_SECONDARY_PORT = 0x170,
    IDE_SECONDARY_CTL = 0x376,
    IDE_SECONDARY_IRQ = 15,
    IDE_CHANNELS = 2,
    IDE_DRIVES = 4, /**< drive n: channel n / 2, unit n % 2 */
    IDE_BM_SIZE = 16,
};
/** Virtual time a command (or one data block) keeps the drive busy. */
enum { IDE_DELAY_NS = 20000 };

/** What the board connects to the controller. */
struct ide_config {
    struct bus *io;
    struct clock *clock;
    struct irq_line irq[IDE_CHANNELS]; /**< IRQ 14 and 15 */
    const struct dma_mem_ops *mem;     /**< guest memory for bus-master DMA */
    void *mem_opaque;
};

struct ide;

/** Snapshot descriptor of struct ide's state (media are re-attached by the board). */
extern const struct state_desc ide_state_desc;

/** Create both channels on their legacy ports as @cfg says.  NULL on failure. */
struct ide *ide_create(const struct ide_config *cfg);
/** Free the controller and its timers (not the media).  NULL is ignored. */
void ide_destroy(struct ide *d);
/** Hardware reset: every drive gets its signature, bus master stopped. */
void ide_reset(struct ide *d);
/**
 * Make drive @n (0..3) an ATA hard disk on @media (the board keeps owning
 * it).  Returns 0, or -1 with a reason in @err when @n is bad or in use.
 */
int ide_attach_disk(struct ide *d, unsigned n, struct blockdev *media, char *err, size_t errlen);
/**
 * Make drive @n an ATAPI CD-ROM holding @media (NULL: empty tray).
 * Returns 0, or -1 with a reason in @err (bad drive, an image that is not
 * a whole number of 2048-byte blocks).
 */
int ide_attach_cdrom(struct ide *d, unsigned n, struct blockdev *media, char *err, size_t errlen);
/**
 * Change the disc in CD-ROM drive @n to @media (NULL: eject).  The drive
 * reports a unit attention (MEDIUM MAY HAVE CHANGED) to its next command.
 * Returns 0, or -1 with a reason in @err (no CD-ROM there, bad image,
 * the guest locked the tray with PREVENT ALLOW MEDIUM REMOVAL and @force
 * is false).
 */
int ide_cd_change(struct ide *d, unsigned n, struct blockdev *media, bool force, char *err,
                  size_t errlen);
/** The image in drive @n, or NULL. */
struct blockdev *ide_media(const struct ide *d, unsigned n);
/** True when drive @n is a CD-ROM. */
bool ide_is_cdrom(const struct ide *d, unsigned n);

/** Read @size bytes at @offset (0..15) of the bus-master IDE registers. */
uint32_t ide_bm_read(struct ide *d, uint32_t offset, unsigned size);
/** Write them (PIIX3 datasheet, 2.7 "Bus Master IDE I/O Registers"). */
void ide_bm_write(struct ide *d, uint32_t offset, uint32_t val, unsigned size);
/** Print the channels' registers and drives (debugger `info device ide`). */
void ide_dump(const struct ide *d, FILE *out);

#endif
