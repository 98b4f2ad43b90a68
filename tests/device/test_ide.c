/*
 * tests/device/test_ide.c - the PIIX3 IDE controller (devices/ide*.c)
 * driven only through its ports (primary 0x1F0-0x1F7 / 0x3F6 on IRQ 14,
 * secondary 0x170-0x177 / 0x376 on IRQ 15), the bus-master registers
 * (ide_bm_read / ide_bm_write), a manual clock the test moves and an IRQ
 * recorder.  Media are in-memory blockdevs, or temporary files when a
 * read-only image or a sparse disk larger than 2^28 sectors is needed;
 * bus-master DMA reaches a fake guest memory through dma_mem_ops that
 * bounds-check every access.
 *
 * Image contents: disk sector l holds l in its first 8 bytes (little
 * endian) and disk_byte(l, i) after; CD block b holds b in its first 4
 * bytes, a per-image seed in byte 4 and cd_byte(b, i, seed) after.  Every
 * expected value comes from those bytes or from ATA/ATAPI-6 (T13/1410D
 * rev. 3b), SPC-2 / MMC-2 (sense data, INQUIRY, READ CAPACITY, MODE
 * SENSE, READ TOC, GET CONFIGURATION) and the 82371SB (PIIX3) datasheet,
 * "Bus Master IDE I/O Registers" and the PRD table format.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board/blockdev.h"
#include "board/bus.h"
#include "board/clock.h"
#include "devices/ide.h"

/* Status (ATA/ATAPI-6 7.15.6), error (7.9.6) and device control (7.8) bits. */
enum { BSY = 0x80, DRDY = 0x40, DRQ = 0x08, ERR = 0x01 };
enum { ABRT = 0x04, IDNF = 0x10 };
enum { NIEN = 0x02, SRST = 0x04, HOB = 0x80 };
/* ATAPI interrupt reason in the sector count register (ATA/ATAPI-6 9.8). */
enum { COD = 0x01, IO = 0x02 };
/* PIIX3 bus master IDE registers: BMICX, BMISX, BMIDTPX, per channel. */
enum { BM_CMD = 0, BM_STATUS = 2, BM_PRD = 4, BM_CHANNEL = 8 };
enum { BM_START = 0x01, BM_TO_MEM = 0x08 };
enum { BS_ACTIVE = 0x01, BS_ERROR = 0x02, BS_INT = 0x04, BS_CAP0 = 0x20, BS_CAP1 = 0x40 };
/* Sense keys (SPC-2). */
enum { SK_NO_SENSE = 0, SK_NOT_READY = 2, SK_ILLEGAL_REQUEST = 5, SK_UNIT_ATTENTION = 6 };

enum { MEM_SIZE = 1 << 20, FUZZ_MEM = 64 << 10 };
/* 8 cylinders of 16 heads x 63 sectors plus 7 sectors (ATA-6 6.2.1 default translation). */
enum { DISK_CYLS = 8, DISK_SECTORS = DISK_CYLS * 16 * 63 + 7 };
enum { CD_BLOCKS = 1000, CD_SEED = 0x3C };
/* More than 2^28 sectors: only LBA48 reaches the end (128 GiB, a sparse file). */
static const uint64_t BIG_SECTORS = 0x10000800ull;

struct rig {
    struct clock clk;
    struct bus *io;
    struct ide *ide;
    struct blockdev *media[IDE_DRIVES];
    char path[IDE_DRIVES][64]; /**< temporary files to remove */
    uint8_t *mem;
    uint32_t mem_size;
    bool clip;         /**< fuzz: DMA outside memory floats instead of failing */
    unsigned clipped;  /**< such accesses */
    bool irq[2];       /**< IRQ 14 and 15 as last reported */
    unsigned rises[2]; /**< their rising edges */
};

static void mem_read(void *o, uint32_t pa, void *buf, size_t len)
{
    struct rig *r = o;
    if ((uint64_t)pa + len <= r->mem_size) {
        memcpy(buf, r->mem + pa, len);
        return;
    }
    ck_assert_msg(r->clip, "DMA read of %zu bytes at %#x outside guest memory", len, pa);
    r->clipped++;
    memset(buf, 0xFF, len); /* nothing there: the bus floats */
    if (pa < r->mem_size)
        memcpy(buf, r->mem + pa, r->mem_size - pa);
}

static void mem_write(void *o, uint32_t pa, const void *buf, size_t len)
{
    struct rig *r = o;
    if ((uint64_t)pa + len <= r->mem_size) {
        memcpy(r->mem + pa, buf, len);
        return;
    }
    ck_assert_msg(r->clip, "DMA write of %zu bytes at %#x outside guest memory", len, pa);
    r->clipped++;
    uint8_t probe;
    if (len) /* the device's own buffer must hold len bytes (ASan checks this) */
        memcpy(&probe, (const uint8_t *)buf + len - 1, 1);
    if (pa < r->mem_size)
        memcpy(r->mem + pa, buf, r->mem_size - pa);
}

static const struct dma_mem_ops mem_ops = {mem_read, mem_write};

static void record_irq(void *o, unsigned n, bool level)
{
    struct rig *r = o;
    unsigned k = n == IDE_SECONDARY_IRQ;
    r->rises[k] += level && !r->irq[k];
    r->irq[k] = level;
}

static uint8_t disk_byte(uint64_t lba, unsigned i)
{
    if (i < 8)
        return (uint8_t)(lba >> (8 * i));
    return (uint8_t)(lba * 151 + i * 7 + (i >> 8) * 3 + (lba >> 8) * 29);
}

static uint8_t cd_byte(uint32_t blk, unsigned i, uint8_t seed)
{
    if (i < 4)
        return (uint8_t)(blk >> (8 * i));
    if (i == 4)
        return seed;
    return (uint8_t)(blk * 37 + i * 11 + (i >> 8) * 5 + seed);
}

static uint8_t *disk_image(uint32_t sectors)
{
    uint8_t *p = malloc((size_t)sectors * 512);
    ck_assert_ptr_nonnull(p);
    for (uint32_t l = 0; l < sectors; l++)
        for (unsigned i = 0; i < 512; i++)
            p[(size_t)l * 512 + i] = disk_byte(l, i);
    return p;
}

static uint8_t *cd_image(uint32_t blocks, uint8_t seed)
{
    uint8_t *p = malloc((size_t)blocks * 2048);
    ck_assert_ptr_nonnull(p);
    for (uint32_t b = 0; b < blocks; b++)
        for (unsigned i = 0; i < 2048; i++)
            p[(size_t)b * 2048 + i] = cd_byte(b, i, seed);
    return p;
}

static void rig_init_mem(struct rig *r, uint32_t mem_size)
{
    memset(r, 0, sizeof(*r));
    clock_init(&r->clk, CLOCK_MANUAL, 0, NULL, NULL);
    r->io = bus_create("port", NULL, CPU_LOG_UNIMP);
    ck_assert_ptr_nonnull(r->io);
    r->mem_size = mem_size;
    r->mem = calloc(1, mem_size);
    ck_assert_ptr_nonnull(r->mem);
    struct ide_config cfg = {r->io,
                             &r->clk,
                             {irq_line_make(record_irq, r, IDE_PRIMARY_IRQ),
                              irq_line_make(record_irq, r, IDE_SECONDARY_IRQ)},
                             &mem_ops,
                             r};
    r->ide = ide_create(&cfg);
    ck_assert_ptr_nonnull(r->ide);
}

static void rig_init(struct rig *r)
{
    rig_init_mem(r, MEM_SIZE);
}

static void rig_free(struct rig *r)
{
    ide_destroy(r->ide);
    bus_destroy(r->io);
    for (unsigned n = 0; n < IDE_DRIVES; n++) {
        blockdev_close(r->media[n]);
        if (r->path[n][0])
            unlink(r->path[n]);
    }
    free(r->mem);
}

/* Drive @n: an in-memory disk of @sectors sectors with the pattern. */
static void attach_disk(struct rig *r, unsigned n, uint32_t sectors)
{
    char err[256];
    uint8_t *img = disk_image(sectors);
    r->media[n] = blockdev_open_memory(img, (size_t)sectors * 512, err, sizeof(err));
    free(img);
    ck_assert_msg(r->media[n] != NULL, "%s", err);
    ck_assert_int_eq(ide_attach_disk(r->ide, n, r->media[n], err, sizeof(err)), 0);
}

/* Drive @n: a disk in a temporary file of @sectors sectors, the pattern
 * written unless @sparse (then all zeros), opened read-only if asked. */
static void attach_disk_file(struct rig *r, unsigned n, uint64_t sectors, bool sparse,
                             bool readonly)
{
    char err[256];
    strcpy(r->path[n], "/tmp/t86-ide-XXXXXX");
    int fd = mkstemp(r->path[n]);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(ftruncate(fd, (off_t)(sectors * 512)), 0);
    if (!sparse) {
        uint8_t *img = disk_image((uint32_t)sectors);
        ck_assert_int_eq(pwrite(fd, img, sectors * 512, 0), (ssize_t)(sectors * 512));
        free(img);
    }
    close(fd);
    r->media[n] = blockdev_open(r->path[n], readonly ? BLOCKDEV_READONLY : 0, err, sizeof(err));
    ck_assert_msg(r->media[n] != NULL, "%s", err);
    ck_assert_int_eq(ide_attach_disk(r->ide, n, r->media[n], err, sizeof(err)), 0);
}

static struct blockdev *open_cd(uint32_t blocks, uint8_t seed)
{
    char err[256];
    uint8_t *img = cd_image(blocks, seed);
    struct blockdev *b = blockdev_open_memory(img, (size_t)blocks * 2048, err, sizeof(err));
    free(img);
    ck_assert_msg(b != NULL, "%s", err);
    return b;
}

/* Drive @n: a CD-ROM holding @blocks blocks (0: an empty tray). */
static void attach_cd(struct rig *r, unsigned n, uint32_t blocks, uint8_t seed)
{
    char err[256];
    r->media[n] = blocks ? open_cd(blocks, seed) : NULL;
    ck_assert_int_eq(ide_attach_cdrom(r->ide, n, r->media[n], err, sizeof(err)), 0);
}

/* ---- ports ------------------------------------------------------------------------- */

static uint16_t base_of(unsigned ch)
{
    return ch ? IDE_SECONDARY_PORT : IDE_PRIMARY_PORT;
}

static uint16_t ctl_of(unsigned ch)
{
    return ch ? IDE_SECONDARY_CTL : IDE_PRIMARY_CTL;
}

static uint8_t rd(struct rig *r, unsigned ch, unsigned reg)
{
    return (uint8_t)bus_read(r->io, base_of(ch) + reg, 1);
}

static void wr(struct rig *r, unsigned ch, unsigned reg, uint8_t v)
{
    bus_write(r->io, base_of(ch) + reg, v, 1);
}

static uint8_t alt(struct rig *r, unsigned ch)
{
    return (uint8_t)bus_read(r->io, ctl_of(ch), 1);
}

static void devctl(struct rig *r, unsigned ch, uint8_t v)
{
    bus_write(r->io, ctl_of(ch), v, 1);
}

static uint16_t data_in(struct rig *r, unsigned ch)
{
    return (uint16_t)bus_read(r->io, base_of(ch), 2);
}

static void data_out(struct rig *r, unsigned ch, uint16_t v)
{
    bus_write(r->io, base_of(ch), v, 2);
}

static uint32_t bm_rd(struct rig *r, unsigned ch, unsigned off, unsigned size)
{
    return ide_bm_read(r->ide, ch * BM_CHANNEL + off, size);
}

static void bm_wr(struct rig *r, unsigned ch, unsigned off, uint32_t v, unsigned size)
{
    ide_bm_write(r->ide, ch * BM_CHANNEL + off, v, size);
}

/* Let @n busy periods of virtual time pass. */
static void step(struct rig *r, unsigned n)
{
    clock_warp_to(&r->clk, clock_now(&r->clk) + (uint64_t)n * IDE_DELAY_NS);
}

/* Let time pass until the channel raises its interrupt (which must happen). */
static void wait_irq(struct rig *r, unsigned ch)
{
    unsigned before = r->rises[ch];
    for (unsigned k = 0; k < 1000 && r->rises[ch] == before; k++)
        step(r, 1);
    ck_assert_msg(r->rises[ch] > before, "no interrupt on channel %u", ch);
}

/* Let time pass until BSY clears; returns the alternate status. */
static uint8_t wait_not_busy(struct rig *r, unsigned ch)
{
    for (unsigned k = 0; k < 1000 && (alt(r, ch) & BSY); k++)
        step(r, 1);
    uint8_t st = alt(r, ch);
    ck_assert_uint_eq(st & BSY, 0);
    return st;
}

/* Task file for a 28-bit command (ATA/ATAPI-6 6.2: LBA 27:24 in the device register). */
static void lba28(struct rig *r, unsigned ch, unsigned dev, uint32_t lba, uint8_t count)
{
    wr(r, ch, 6, (uint8_t)(0xE0 | dev << 4 | (lba >> 24 & 0x0F)));
    wr(r, ch, 2, count);
    wr(r, ch, 3, (uint8_t)lba);
    wr(r, ch, 4, (uint8_t)(lba >> 8));
    wr(r, ch, 5, (uint8_t)(lba >> 16));
}

/* Task file for a 48-bit command (6.20 / 7.x: each register written twice, "previous" first). */
static void lba48(struct rig *r, unsigned ch, unsigned dev, uint64_t lba, uint16_t count)
{
    wr(r, ch, 6, (uint8_t)(0x40 | dev << 4));
    wr(r, ch, 2, (uint8_t)(count >> 8));
    wr(r, ch, 2, (uint8_t)count);
    wr(r, ch, 3, (uint8_t)(lba >> 24));
    wr(r, ch, 3, (uint8_t)lba);
    wr(r, ch, 4, (uint8_t)(lba >> 32));
    wr(r, ch, 4, (uint8_t)(lba >> 8));
    wr(r, ch, 5, (uint8_t)(lba >> 40));
    wr(r, ch, 5, (uint8_t)(lba >> 16));
}

/* Task file for a CHS command: sector numbers start at 1. */
static void chs(struct rig *r, unsigned ch, unsigned dev, unsigned cyl, unsigned head, unsigned sec,
                uint8_t count)
{
    wr(r, ch, 6, (uint8_t)(0xA0 | dev << 4 | head));
    wr(r, ch, 2, count);
    wr(r, ch, 3, (uint8_t)sec);
    wr(r, ch, 4, (uint8_t)cyl);
    wr(r, ch, 5, (uint8_t)(cyl >> 8));
}

/* A command without data: it interrupts and ends; returns the status (interrupt acknowledged). */
static uint8_t nondata(struct rig *r, unsigned ch, uint8_t cmd)
{
    wr(r, ch, 7, cmd);
    wait_irq(r, ch);
    uint8_t st = rd(r, ch, 7);
    ck_assert_uint_eq(st & (BSY | DRQ), 0);
    ck_assert(!r->irq[ch]);
    return st;
}

/*
 * PIO data-in (ATA/ATAPI-6 9.5) of @sectors sectors in DRQ blocks of @per:
 * each block is announced by BSY, then DRQ with an interrupt; the
 * alternate status leaves the interrupt pending, the status register
 * acknowledges it; after the last block DRQ clears with no interrupt.
 */
static void pio_in(struct rig *r, unsigned ch, uint8_t *out, uint32_t sectors, unsigned per)
{
    unsigned rises = r->rises[ch], blocks = 0;
    for (uint32_t done = 0; done < sectors; blocks++) {
        uint32_t n = sectors - done < per ? sectors - done : per;
        ck_assert_uint_eq(alt(r, ch) & (BSY | DRQ), BSY);
        ck_assert(!r->irq[ch]);
        wait_irq(r, ch);
        ck_assert_uint_eq(alt(r, ch) & (BSY | DRDY | DRQ | ERR), DRDY | DRQ);
        ck_assert(r->irq[ch]); /* the alternate status did not acknowledge it */
        ck_assert_uint_eq(rd(r, ch, 7) & (BSY | DRQ | ERR), DRQ);
        ck_assert(!r->irq[ch]);
        for (uint32_t k = 0; k < n * 256; k++) {
            uint16_t w = data_in(r, ch);
            out[(size_t)done * 512 + 2 * k] = (uint8_t)w;
            out[(size_t)done * 512 + 2 * k + 1] = (uint8_t)(w >> 8);
        }
        done += n;
    }
    step(r, 10);
    ck_assert_uint_eq(alt(r, ch) & (BSY | DRDY | DRQ | ERR), DRDY);
    ck_assert_uint_eq(r->rises[ch], rises + blocks);
}

/*
 * PIO data-out (ATA/ATAPI-6 9.6) of @sectors sectors in blocks of @per:
 * DRQ for the first block without an interrupt; after each block the
 * device is BSY while it takes it (possibly too briefly to be seen), then
 * raises one interrupt with DRQ for the next block or with the completion.
 */
static void pio_out(struct rig *r, unsigned ch, const uint8_t *in, uint32_t sectors, unsigned per)
{
    unsigned rises = r->rises[ch], blocks = 0;
    ck_assert_uint_eq(wait_not_busy(r, ch) & (DRQ | ERR), DRQ);
    ck_assert_uint_eq(r->rises[ch], rises);
    for (uint32_t done = 0; done < sectors; blocks++) {
        uint32_t n = sectors - done < per ? sectors - done : per;
        unsigned before = r->rises[ch];
        ck_assert_uint_eq(alt(r, ch) & (BSY | DRQ | ERR), DRQ);
        for (uint32_t k = 0; k < n * 256; k++) {
            ck_assert_uint_eq(r->rises[ch], before); /* no interrupt inside a block */
            data_out(r, ch,
                     (uint16_t)(in[(size_t)done * 512 + 2 * k] | in[(size_t)done * 512 + 2 * k + 1]
                                                                     << 8));
        }
        done += n;
        /* Either still BSY, or already done with its interrupt raised. */
        uint8_t st = alt(r, ch);
        ck_assert(st & BSY || r->rises[ch] == before + 1);
        for (unsigned k = 0; k < 1000 && r->rises[ch] == before; k++)
            step(r, 1);
        ck_assert_uint_eq(r->rises[ch], before + 1);
        st = rd(r, ch, 7);
        ck_assert_uint_eq(st & (BSY | DRQ | ERR), done < sectors ? DRQ : 0);
        ck_assert(!r->irq[ch]);
    }
    step(r, 10);
    ck_assert_uint_eq(r->rises[ch], rises + blocks);
}

static void check_disk_data(const uint8_t *buf, uint64_t lba, uint32_t sectors)
{
    for (uint32_t s = 0; s < sectors; s++)
        for (unsigned i = 0; i < 512; i++)
            ck_assert_msg(buf[(size_t)s * 512 + i] == disk_byte(lba + s, i),
                          "sector %llu byte %u: %02x", (unsigned long long)(lba + s), i,
                          buf[(size_t)s * 512 + i]);
}

/* Words of an IDENTIFY (PACKET) DEVICE answer that is ready on the data port. */
static void read_words(struct rig *r, unsigned ch, uint16_t w[256])
{
    for (unsigned k = 0; k < 256; k++)
        w[k] = data_in(r, ch);
}

static void identify(struct rig *r, unsigned ch, unsigned dev, uint8_t cmd, uint16_t w[256])
{
    wr(r, ch, 6, (uint8_t)(0xA0 | dev << 4));
    wr(r, ch, 7, cmd);
    wait_irq(r, ch);
    ck_assert_uint_eq(rd(r, ch, 7) & (BSY | DRQ | ERR), DRQ);
    read_words(r, ch, w);
    ck_assert_uint_eq(alt(r, ch) & (BSY | DRQ | ERR), 0);
}

static uint32_t dword(const uint16_t *w)
{
    return (uint32_t)w[0] | (uint32_t)w[1] << 16;
}

static uint64_t qword(const uint16_t *w)
{
    return (uint64_t)dword(w) | (uint64_t)dword(w + 2) << 32;
}

/* ---- IDENTIFY, signatures, absent devices -------------------------------------------- */

START_TEST(test_ide_state_descriptor_is_valid)
{
    ck_assert_ptr_null(state_desc_check(&ide_state_desc));
}
END_TEST

START_TEST(test_ide_identify_device_reports_geometry_and_capacity)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    /* Power-on signature of an ATA device (9.12): 01h 01h 00h 00h, diagnostic code 01h. */
    ck_assert_uint_eq(rd(&r, 0, 2), 0x01);
    ck_assert_uint_eq(rd(&r, 0, 3), 0x01);
    ck_assert_uint_eq(rd(&r, 0, 4), 0x00);
    ck_assert_uint_eq(rd(&r, 0, 5), 0x00);
    ck_assert_uint_eq(rd(&r, 0, 1), 0x01);
    ck_assert_uint_eq(rd(&r, 0, 7) & (BSY | DRDY), DRDY);

    wr(&r, 0, 6, 0xA0);
    wr(&r, 0, 7, 0xEC);
    ck_assert_uint_eq(alt(&r, 0) & BSY, BSY);
    ck_assert(!r.irq[0]);
    wait_irq(&r, 0);
    ck_assert_uint_eq(alt(&r, 0) & (BSY | DRDY | DRQ | ERR), DRDY | DRQ);
    ck_assert(r.irq[0]);
    ck_assert_uint_eq(rd(&r, 0, 7) & DRQ, DRQ);
    ck_assert(!r.irq[0]);
    uint16_t w[256];
    read_words(&r, 0, w);
    ck_assert_uint_eq(alt(&r, 0) & (BSY | DRDY | DRQ | ERR), DRDY);
    step(&r, 10);
    ck_assert_uint_eq(r.rises[0], 1); /* no interrupt after the data (9.5) */
    ck_assert_uint_eq(r.rises[1], 0);

    ck_assert_uint_eq(w[0] & 0x8000, 0); /* ATA device */
    ck_assert_uint_eq(w[1], DISK_CYLS);  /* default cylinders, heads, sectors per track */
    ck_assert_uint_eq(w[3], 16);
    ck_assert_uint_eq(w[6], 63);
    ck_assert_uint_eq(w[47] >> 8, 0x80); /* READ/WRITE MULTIPLE maximum in bits 7:0 */
    ck_assert_uint_ge(w[47] & 0xFF, 2);
    ck_assert_uint_eq(w[49] & 0x0300, 0x0300); /* LBA and DMA supported */
    ck_assert_uint_eq(w[53] & 0x0006, 0x0006); /* words 64-70 and 88 valid */
    ck_assert_uint_eq(dword(&w[57]), (uint32_t)w[54] * w[55] * w[56]);
    ck_assert_uint_eq(dword(&w[60]), DISK_SECTORS);
    ck_assert_uint_eq(w[83] & 0xC400, 0x4400); /* valid; 48-bit address feature set supported */
    ck_assert_uint_eq(w[86] & 0x0400, 0x0400); /* ... and enabled */
    ck_assert_uint_eq(qword(&w[100]), DISK_SECTORS);
    for (unsigned k = 27; k < 47; k++) { /* model number: ASCII, two characters a word */
        ck_assert_uint_ge(w[k] >> 8, 0x20);
        ck_assert_uint_le(w[k] >> 8, 0x7E);
        ck_assert_uint_ge(w[k] & 0xFF, 0x20);
        ck_assert_uint_le(w[k] & 0xFF, 0x7E);
    }

    /* The same answer through 32-bit data port reads (the PIIX3 passes them as two words). */
    wr(&r, 0, 7, 0xEC);
    wait_irq(&r, 0);
    ck_assert_uint_eq(rd(&r, 0, 7) & DRQ, DRQ);
    for (unsigned k = 0; k < 128; k++) {
        uint32_t v = bus_read(r.io, IDE_PRIMARY_PORT, 4);
        ck_assert_uint_eq(v, dword(&w[2 * k]));
    }
    ck_assert_uint_eq(alt(&r, 0) & (BSY | DRQ), 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_identify_large_disk_caps_lba28_and_chs)
{
    struct rig r;
    rig_init(&r);
    attach_disk_file(&r, 0, BIG_SECTORS, true, false);
    uint16_t w[256];
    identify(&r, 0, 0, 0xEC, w);
    ck_assert_uint_eq(w[1], 16383); /* 6.2.1: more than 16,514,064 sectors */
    ck_assert_uint_eq(w[3], 16);
    ck_assert_uint_eq(w[6], 63);
    ck_assert_uint_eq(dword(&w[57]), (uint32_t)w[54] * w[55] * w[56]);
    ck_assert_uint_eq(dword(&w[60]), 0x0FFFFFFF); /* 8.15: LBA28 capacity saturates */
    ck_assert_uint_eq(w[83] & 0x0400, 0x0400);
    ck_assert_uint_eq(w[86] & 0x0400, 0x0400);
    ck_assert_uint_eq(qword(&w[100]), BIG_SECTORS);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_identify_on_atapi_aborts_with_packet_signature)
{
    struct rig r;
    rig_init(&r);
    attach_cd(&r, 2, CD_BLOCKS, CD_SEED);
    /* Power-on signature of a PACKET device (9.12): 01h 01h 14h EBh. */
    ck_assert_uint_eq(rd(&r, 1, 2), 0x01);
    ck_assert_uint_eq(rd(&r, 1, 3), 0x01);
    ck_assert_uint_eq(rd(&r, 1, 4), 0x14);
    ck_assert_uint_eq(rd(&r, 1, 5), 0xEB);

    /* Change the task file so that the abort has to put the signature back. */
    wr(&r, 1, 2, 0x55);
    wr(&r, 1, 3, 0x66);
    wr(&r, 1, 4, 0x77);
    wr(&r, 1, 5, 0x88);
    wr(&r, 1, 6, 0xA0);
    wr(&r, 1, 7, 0xEC);
    wait_irq(&r, 1);
    ck_assert_uint_eq(r.rises[0], 0); /* the secondary channel is IRQ 15 */
    uint8_t st = rd(&r, 1, 7);
    ck_assert_uint_eq(st & (BSY | DRQ | ERR), ERR);
    ck_assert_uint_eq(rd(&r, 1, 1) & ABRT, ABRT);
    ck_assert_uint_eq(rd(&r, 1, 2), 0x01); /* 8.15: a PACKET device aborts with its signature */
    ck_assert_uint_eq(rd(&r, 1, 3), 0x01);
    ck_assert_uint_eq(rd(&r, 1, 4), 0x14);
    ck_assert_uint_eq(rd(&r, 1, 5), 0xEB);

    uint16_t w[256];
    identify(&r, 1, 0, 0xA1, w);
    ck_assert_uint_eq(w[0] >> 14, 2);          /* ATAPI device */
    ck_assert_uint_eq(w[0] >> 8 & 0x1F, 0x05); /* CD-ROM device type */
    ck_assert_uint_eq(w[0] & 0x80, 0x80);      /* removable */
    ck_assert_uint_eq(w[0] & 0x03, 0);         /* 12-byte packets */
    ck_assert_uint_eq(r.rises[0], 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_absent_slave_reads_status_zero_and_ignores_commands)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    wr(&r, 0, 6, 0xB0); /* device 1, not present */
    ck_assert_uint_eq(rd(&r, 0, 6) & 0x10, 0x10);
    /* Device 0 answers for an absent device 1: Status and Alternate Status read 00h. */
    ck_assert_uint_eq(rd(&r, 0, 7), 0x00);
    ck_assert_uint_eq(alt(&r, 0), 0x00);
    wr(&r, 0, 7, 0xEC);
    step(&r, 10);
    ck_assert_uint_eq(r.rises[0], 0);
    ck_assert(!r.irq[0]);
    ck_assert_uint_eq(rd(&r, 0, 7), 0x00);
    ck_assert_uint_eq(data_in(&r, 0), 0xFFFF); /* nobody drives the data bus */
    /* Device 0 is unaffected. */
    wr(&r, 0, 6, 0xA0);
    ck_assert_uint_eq(rd(&r, 0, 7) & (BSY | DRDY | DRQ | ERR), DRDY);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_srst_restores_signatures)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    attach_cd(&r, 1, CD_BLOCKS, CD_SEED); /* a CD-ROM as device 1 of the same channel */
    attach_cd(&r, 2, CD_BLOCKS, CD_SEED);
    for (unsigned ch = 0; ch < 2; ch++) {
        /* Scribble over the task file and leave an interrupt pending. */
        uint16_t w[256];
        identify(&r, ch, 0, ch ? 0xA1 : 0xEC, w);
        wr(&r, ch, 7, ch ? 0xA1 : 0xEC);
        wait_irq(&r, ch);
        for (unsigned reg = 2; reg <= 5; reg++)
            wr(&r, ch, reg, 0x5A);
        ck_assert(r.irq[ch]);
        unsigned rises = r.rises[ch];

        devctl(&r, ch, SRST);
        ck_assert_uint_eq(alt(&r, ch) & BSY, BSY); /* 9.2: BSY while SRST is set */
        ck_assert(!r.irq[ch]);
        step(&r, 1);
        devctl(&r, ch, 0);
        ck_assert_uint_eq(wait_not_busy(&r, ch) & (DRQ | ERR), 0);
        step(&r, 10);
        ck_assert_uint_eq(r.rises[ch], rises);      /* no interrupt after a software reset */
        ck_assert_uint_eq(rd(&r, ch, 6) & 0x10, 0); /* device 0 selected */
        ck_assert_uint_eq(rd(&r, ch, 1), 0x01);     /* diagnostic code: passed */
        ck_assert_uint_eq(rd(&r, ch, 2), 0x01);
        ck_assert_uint_eq(rd(&r, ch, 3), 0x01);
        ck_assert_uint_eq(rd(&r, ch, 4), ch ? 0x14 : 0x00);
        ck_assert_uint_eq(rd(&r, ch, 5), ch ? 0xEB : 0x00);
        if (!ch)
            ck_assert_uint_eq(rd(&r, ch, 7) & DRDY, DRDY);
        /* the data port is closed: no stale IDENTIFY words */
        ck_assert_uint_eq(data_in(&r, ch), 0xFFFF);
    }
    /* 9.12: each device puts its own signature; device 1 of channel 0 is a CD-ROM. */
    wr(&r, 0, 6, 0xB0);
    ck_assert_uint_eq(rd(&r, 0, 2), 0x01);
    ck_assert_uint_eq(rd(&r, 0, 3), 0x01);
    ck_assert_uint_eq(rd(&r, 0, 4), 0x14);
    ck_assert_uint_eq(rd(&r, 0, 5), 0xEB);
    wr(&r, 0, 6, 0xA0);
    ck_assert_uint_eq(rd(&r, 0, 4), 0x00);
    ck_assert_uint_eq(rd(&r, 0, 5), 0x00);
    rig_free(&r);
}
END_TEST

/* ---- PIO reads and writes ------------------------------------------------------------ */

START_TEST(test_ide_read_sectors_lba28_interrupts_per_sector)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    uint8_t buf[3 * 512];
    lba28(&r, 0, 0, 1000, 3);
    wr(&r, 0, 7, 0x20);
    pio_in(&r, 0, buf, 3, 1);
    check_disk_data(buf, 1000, 3);
    /* The last sector of the disk. */
    lba28(&r, 0, 0, DISK_SECTORS - 1, 1);
    wr(&r, 0, 7, 0x20);
    pio_in(&r, 0, buf, 1, 1);
    check_disk_data(buf, DISK_SECTORS - 1, 1);
    ck_assert_uint_eq(r.rises[1], 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_read_sectors_count_zero_means_256)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    uint8_t *buf = malloc(256 * 512);
    lba28(&r, 0, 0, 4000, 0);
    wr(&r, 0, 7, 0x20);
    pio_in(&r, 0, buf, 256, 1);
    check_disk_data(buf, 4000, 256);
    free(buf);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_read_sectors_chs_default_and_initialized_geometry)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    uint8_t buf[2 * 512];
    /* 6.2.1: LBA = (cyl * heads + head) * sectors_per_track + sector - 1 = (1*16+2)*63+4. */
    chs(&r, 0, 0, 1, 2, 5, 2);
    wr(&r, 0, 7, 0x20);
    pio_in(&r, 0, buf, 2, 1);
    check_disk_data(buf, 1138, 2);
    /* The last track's sectors 63 and, on the next head, 1. */
    chs(&r, 0, 0, 3, 15, 63, 2);
    wr(&r, 0, 7, 0x20);
    pio_in(&r, 0, buf, 2, 1);
    check_disk_data(buf, (3 * 16 + 15) * 63 + 62, 2);

    /* INITIALIZE DEVICE PARAMETERS: 4 heads (device register 3 = heads - 1), 17 sectors. */
    wr(&r, 0, 2, 17);
    wr(&r, 0, 6, 0xA0 | 3);
    ck_assert_uint_eq(nondata(&r, 0, 0x91) & ERR, 0);
    uint16_t w[256];
    identify(&r, 0, 0, 0xEC, w);
    ck_assert_uint_eq(w[55], 4);
    ck_assert_uint_eq(w[56], 17);
    /* 8 default cylinders of 16 x 63 = 8064 sectors; 4 x 17 = 68 per cylinder: 118. */
    ck_assert_uint_eq(w[54], (DISK_CYLS * 16 * 63) / (4 * 17));
    ck_assert_uint_eq(dword(&w[57]), (uint32_t)w[54] * w[55] * w[56]);
    chs(&r, 0, 0, 1, 2, 5, 1);
    wr(&r, 0, 7, 0x20);
    pio_in(&r, 0, buf, 1, 1);
    check_disk_data(buf, (1 * 4 + 2) * 17 + 4, 1);

    /* Sector 0 does not exist in CHS addressing. */
    chs(&r, 0, 0, 0, 0, 0, 1);
    uint8_t st = nondata(&r, 0, 0x20);
    ck_assert_uint_eq(st & ERR, ERR);
    ck_assert_uint_eq(rd(&r, 0, 1) & IDNF, IDNF);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_write_sectors_pio_sequencing_and_image)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    uint8_t out[3 * 512], back[3 * 512], img[512];
    for (unsigned i = 0; i < sizeof(out); i++)
        out[i] = (uint8_t)(i * 13 + 7);
    lba28(&r, 0, 0, 500, 3);
    wr(&r, 0, 7, 0x30);
    pio_out(&r, 0, out, 3, 1);
    for (unsigned s = 0; s < 3; s++) {
        ck_assert_int_eq(blockdev_read(r.media[0], 500 + s, img, 1), 0);
        ck_assert_mem_eq(img, out + 512 * s, 512);
    }
    ck_assert_int_eq(blockdev_read(r.media[0], 499, img, 1), 0); /* neighbours untouched */
    check_disk_data(img, 499, 1);
    ck_assert_int_eq(blockdev_read(r.media[0], 503, img, 1), 0);
    check_disk_data(img, 503, 1);
    /* Read back through the device. */
    lba28(&r, 0, 0, 500, 3);
    wr(&r, 0, 7, 0x20);
    pio_in(&r, 0, back, 3, 1);
    ck_assert_mem_eq(back, out, sizeof(out));
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_read_write_sectors_ext_lba48)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    attach_disk_file(&r, 1, BIG_SECTORS, true, false);
    uint8_t *buf = malloc(256 * 512);
    /* A 16-bit sector count: 0100h sectors. */
    lba48(&r, 0, 0, 300, 0x0100);
    wr(&r, 0, 7, 0x24);
    pio_in(&r, 0, buf, 256, 1);
    check_disk_data(buf, 300, 256);

    /* Above 2^28 sectors, where only the high-order bytes reach: write, then read back. */
    const uint64_t lba = 0x10000400ull;
    uint8_t out[2 * 512], img[2 * 512];
    for (unsigned i = 0; i < sizeof(out); i++)
        out[i] = (uint8_t)(i * 5 + 1);
    lba48(&r, 0, 1, lba, 2);
    wr(&r, 0, 7, 0x34);
    pio_out(&r, 0, out, 2, 1);
    ck_assert_int_eq(blockdev_read(r.media[1], lba, img, 2), 0);
    ck_assert_mem_eq(img, out, sizeof(out));
    ck_assert_int_eq(blockdev_read(r.media[1], lba & 0x0FFFFFFF, img, 1), 0);
    for (unsigned i = 0; i < 512; i++) /* not aliased to LBA 27:0 */
        ck_assert_uint_eq(img[i], 0);
    lba48(&r, 0, 1, lba, 2);
    wr(&r, 0, 7, 0x24);
    pio_in(&r, 0, buf, 2, 1);
    ck_assert_mem_eq(buf, out, sizeof(out));
    /* The last sector of the big disk. */
    lba48(&r, 0, 1, BIG_SECTORS - 1, 1);
    wr(&r, 0, 7, 0x24);
    pio_in(&r, 0, buf, 1, 1);
    for (unsigned i = 0; i < 512; i++)
        ck_assert_uint_eq(buf[i], 0);
    free(buf);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_hob_reads_previous_content_and_native_max_ext)
{
    struct rig r;
    rig_init(&r);
    attach_disk_file(&r, 0, BIG_SECTORS, true, false);
    /* 7.8: with HOB set the registers read their "previous content". */
    wr(&r, 0, 2, 0x12);
    wr(&r, 0, 2, 0x34);
    devctl(&r, 0, HOB);
    ck_assert_uint_eq(rd(&r, 0, 2), 0x12);
    devctl(&r, 0, 0);
    ck_assert_uint_eq(rd(&r, 0, 2), 0x34);
    devctl(&r, 0, HOB);
    wr(&r, 0, 3, 0x99); /* a command block write clears HOB */
    ck_assert_uint_eq(rd(&r, 0, 2), 0x34);

    /* READ NATIVE MAX ADDRESS EXT (8.33): the last LBA, bits 47:24 read with HOB set. */
    const uint64_t max = BIG_SECTORS - 1;
    wr(&r, 0, 6, 0x40);
    devctl(&r, 0, HOB);
    ck_assert_uint_eq(nondata(&r, 0, 0x27) & ERR, 0); /* the command write cleared HOB too */
    ck_assert_uint_eq(rd(&r, 0, 3), (uint8_t)max);
    ck_assert_uint_eq(rd(&r, 0, 4), (uint8_t)(max >> 8));
    ck_assert_uint_eq(rd(&r, 0, 5), (uint8_t)(max >> 16));
    devctl(&r, 0, HOB);
    ck_assert_uint_eq(rd(&r, 0, 3), (uint8_t)(max >> 24));
    ck_assert_uint_eq(rd(&r, 0, 4), (uint8_t)(max >> 32));
    ck_assert_uint_eq(rd(&r, 0, 5), (uint8_t)(max >> 40));
    devctl(&r, 0, 0);
    /* READ NATIVE MAX ADDRESS (8.32): 0FFFFFFFh when the native maximum is larger. */
    wr(&r, 0, 6, 0x40);
    ck_assert_uint_eq(nondata(&r, 0, 0xF8) & ERR, 0);
    ck_assert_uint_eq(rd(&r, 0, 3), 0xFF);
    ck_assert_uint_eq(rd(&r, 0, 4), 0xFF);
    ck_assert_uint_eq(rd(&r, 0, 5), 0xFF);
    ck_assert_uint_eq(rd(&r, 0, 6) & 0x0F, 0x0F);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_nien_masks_irq_and_status_read_acknowledges)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    devctl(&r, 0, NIEN);
    lba28(&r, 0, 0, 77, 1);
    wr(&r, 0, 7, 0x20);
    step(&r, 10);
    ck_assert_uint_eq(alt(&r, 0) & (BSY | DRQ), DRQ);
    ck_assert_uint_eq(r.rises[0], 0); /* 7.8: nIEN keeps INTRQ released */
    ck_assert(!r.irq[0]);
    devctl(&r, 0, 0); /* the interrupt is still pending: INTRQ asserts now */
    ck_assert(r.irq[0]);
    ck_assert_uint_eq(alt(&r, 0) & DRQ, DRQ);
    ck_assert(r.irq[0]); /* the alternate status does not acknowledge */
    rd(&r, 0, 7);
    ck_assert(!r.irq[0]); /* the status register does */
    devctl(&r, 0, NIEN);
    devctl(&r, 0, 0);
    ck_assert(!r.irq[0]); /* and the interrupt is gone */
    uint8_t buf[512];
    for (unsigned k = 0; k < 256; k++) {
        uint16_t v = data_in(&r, 0);
        buf[2 * k] = (uint8_t)v;
        buf[2 * k + 1] = (uint8_t)(v >> 8);
    }
    check_disk_data(buf, 77, 1);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_byte_read_of_data_register_is_not_status)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    lba28(&r, 0, 0, 5, 1);
    wr(&r, 0, 7, 0x20);
    wait_irq(&r, 0);
    /* 7.7: offset 0 is the (16-bit) data register; reading it never acknowledges INTRQ,
     * which only a Status register read does (7.15). */
    rd(&r, 0, 0);
    ck_assert(r.irq[0]);
    ck_assert_uint_eq(rd(&r, 0, 7) & DRQ, DRQ);
    ck_assert(!r.irq[0]);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_read_write_multiple)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    uint8_t buf[10 * 512], out[6 * 512];
    /* READ MULTIPLE before SET MULTIPLE MODE is aborted. */
    lba28(&r, 0, 0, 2000, 4);
    uint8_t st = nondata(&r, 0, 0xC4);
    ck_assert_uint_eq(st & ERR, ERR);
    ck_assert_uint_eq(rd(&r, 0, 1) & ABRT, ABRT);
    /* 8.39: an unsupported block size is aborted. */
    wr(&r, 0, 2, 3);
    ck_assert_uint_eq(nondata(&r, 0, 0xC6) & ERR, ERR);
    ck_assert_uint_eq(rd(&r, 0, 1) & ABRT, ABRT);
    wr(&r, 0, 2, 4);
    ck_assert_uint_eq(nondata(&r, 0, 0xC6) & ERR, 0);
    uint16_t w[256];
    identify(&r, 0, 0, 0xEC, w);
    ck_assert_uint_eq(w[59], 0x0104); /* valid, 4 sectors per block */

    /* 10 sectors: blocks of 4, 4 and a final partial block of 2 (READ MULTIPLE). */
    lba28(&r, 0, 0, 2000, 10);
    wr(&r, 0, 7, 0xC4);
    pio_in(&r, 0, buf, 10, 4);
    check_disk_data(buf, 2000, 10);
    /* READ MULTIPLE EXT. */
    lba48(&r, 0, 0, 2100, 5);
    wr(&r, 0, 7, 0x29);
    pio_in(&r, 0, buf, 5, 4);
    check_disk_data(buf, 2100, 5);

    for (unsigned i = 0; i < sizeof(out); i++)
        out[i] = (uint8_t)(i * 3 + 11);
    lba28(&r, 0, 0, 3000, 6);
    wr(&r, 0, 7, 0xC5);
    pio_out(&r, 0, out, 6, 4);
    lba48(&r, 0, 0, 3000, 6);
    wr(&r, 0, 7, 0x24);
    pio_in(&r, 0, buf, 6, 1);
    ck_assert_mem_eq(buf, out, sizeof(out));
    /* WRITE MULTIPLE EXT. */
    lba48(&r, 0, 0, 3100, 5);
    wr(&r, 0, 7, 0x39);
    pio_out(&r, 0, out, 5, 4);
    ck_assert_int_eq(blockdev_read(r.media[0], 3100, buf, 5), 0);
    ck_assert_mem_eq(buf, out, 5 * 512);
    rig_free(&r);
}
END_TEST

/* ---- errors -------------------------------------------------------------------------- */

START_TEST(test_ide_out_of_range_lba_sets_idnf)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    static const uint8_t cmds[] = {0x20, 0x30, 0xC8, 0xCA, 0x40};
    for (unsigned k = 0; k < sizeof(cmds); k++) {
        lba28(&r, 0, 0, DISK_SECTORS - 1, 2); /* the second sector is past the end */
        uint8_t st = nondata(&r, 0, cmds[k]);
        ck_assert_uint_eq(st & (DRQ | ERR), ERR);
        ck_assert_uint_eq(rd(&r, 0, 1) & IDNF, IDNF);
    }
    /* 48-bit: LBA 2^24 only exists through the high-order byte. */
    lba48(&r, 0, 0, 1ull << 24, 1);
    ck_assert_uint_eq(nondata(&r, 0, 0x24) & ERR, ERR);
    ck_assert_uint_eq(rd(&r, 0, 1) & IDNF, IDNF);
    /* Sector count 0000h of a 48-bit command is 65536 sectors, more than the disk. */
    lba48(&r, 0, 0, 0, 0);
    ck_assert_uint_eq(nondata(&r, 0, 0x24) & ERR, ERR);
    ck_assert_uint_eq(rd(&r, 0, 1) & IDNF, IDNF);
    /* The disk still works. */
    uint8_t buf[512];
    lba28(&r, 0, 0, 1, 1);
    wr(&r, 0, 7, 0x20);
    pio_in(&r, 0, buf, 1, 1);
    check_disk_data(buf, 1, 1);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_write_to_read_only_medium_fails)
{
    struct rig r;
    rig_init(&r);
    attach_disk_file(&r, 0, 64, false, true);
    uint8_t buf[512];
    ck_assert(blockdev_readonly(r.media[0]));
    static const uint8_t cmds[] = {0x30, 0x34, 0xCA, 0x35};
    for (unsigned k = 0; k < sizeof(cmds); k++) {
        if (cmds[k] == 0x34 || cmds[k] == 0x35)
            lba48(&r, 0, 0, 10, 1);
        else
            lba28(&r, 0, 0, 10, 1);
        wr(&r, 0, 7, cmds[k]);
        uint8_t st = 0;
        for (unsigned tries = 0; tries < 4; tries++) {
            step(&r, 10);
            st = alt(&r, 0);
            if (!(st & DRQ))
                break;
            for (unsigned i = 0; i < 256; i++) /* a device may take the data first */
                data_out(&r, 0, 0xA5A5);
        }
        ck_assert_uint_eq(st & (BSY | ERR), ERR);
        ck_assert_uint_eq(rd(&r, 0, 1) & ABRT, ABRT);
    }
    /* WRITE MULTIPLE too. */
    wr(&r, 0, 2, 2);
    ck_assert_uint_eq(nondata(&r, 0, 0xC6) & ERR, 0);
    lba28(&r, 0, 0, 10, 2);
    ck_assert_uint_eq(nondata(&r, 0, 0xC5) & ERR, ERR);
    /* The file is as it was. */
    int fd = open(r.path[0], O_RDONLY);
    ck_assert_int_ge(fd, 0);
    for (unsigned l = 0; l < 64; l++) {
        ck_assert_int_eq(pread(fd, buf, 512, (off_t)l * 512), 512);
        check_disk_data(buf, l, 1);
    }
    close(fd);
    /* Reads work. */
    lba28(&r, 0, 0, 10, 1);
    wr(&r, 0, 7, 0x20);
    pio_in(&r, 0, buf, 1, 1);
    check_disk_data(buf, 10, 1);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_unknown_command_aborts)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    /* NOP always aborts; PACKET and IDENTIFY PACKET DEVICE are not for ATA devices
     * (8.21, 8.16); 0x8F and 0xFF are no commands at all. */
    static const uint8_t cmds[] = {0x00, 0xA0, 0xA1, 0x8F, 0xFF};
    for (unsigned k = 0; k < sizeof(cmds); k++) {
        wr(&r, 0, 6, 0xA0);
        uint8_t st = nondata(&r, 0, cmds[k]);
        ck_assert_uint_eq(st & (DRDY | ERR), DRDY | ERR);
        ck_assert_uint_eq(rd(&r, 0, 1), ABRT);
    }
    rig_free(&r);
}
END_TEST

/* ---- bus-master DMA --------------------------------------------------------------------- */

/* PRD @k of the table at @table (PIIX3: base bits 31:1, count bits 15:1 with 0 = 64 KiB,
 * EOT in bit 31 of the second dword). */
static void put_prd(struct rig *r, uint32_t table, unsigned k, uint32_t base, uint32_t count,
                    bool eot)
{
    uint8_t *p = r->mem + table + 8 * k;
    uint32_t ctl = (count & 0xFFFF) | (eot ? 0x80000000u : 0);
    for (unsigned i = 0; i < 4; i++) {
        p[i] = (uint8_t)(base >> (8 * i));
        p[4 + i] = (uint8_t)(ctl >> (8 * i));
    }
}

/* Point channel @ch's bus master at @table and clear its interrupt and error bits. */
static void bm_setup(struct rig *r, unsigned ch, uint32_t table)
{
    bm_wr(r, ch, BM_PRD, table, 4);
    bm_wr(r, ch, BM_STATUS, (bm_rd(r, ch, BM_STATUS, 1) & (BS_CAP0 | BS_CAP1)) | BS_INT | BS_ERROR,
          1);
}

START_TEST(test_ide_read_dma_prd_table_spanning_two_entries)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    memset(r.mem + 0x10000, 0xEE, 0x20000);
    put_prd(&r, 0x1000, 0, 0x10000, 1024, false); /* 2 sectors */
    put_prd(&r, 0x1000, 1, 0x20000, 1536, true);  /* 3 sectors */
    bm_setup(&r, 0, 0x1000);
    ck_assert_uint_eq(bm_rd(&r, 0, BM_STATUS, 1), BS_CAP0); /* drive 0 DMA capable */
    lba28(&r, 0, 0, 100, 5);
    wr(&r, 0, 7, 0xC8);
    bm_wr(&r, 0, BM_CMD, BM_START | BM_TO_MEM, 1);
    ck_assert_uint_eq(bm_rd(&r, 0, BM_STATUS, 1) & BS_ACTIVE, BS_ACTIVE);
    ck_assert(!r.irq[0]);
    wait_irq(&r, 0);
    /* PRD table used up exactly: Interrupt set, Active clear, no Error. */
    ck_assert_uint_eq(bm_rd(&r, 0, BM_STATUS, 1), BS_CAP0 | BS_INT);
    ck_assert_uint_eq(rd(&r, 0, 7) & (BSY | DRDY | DRQ | ERR), DRDY);
    ck_assert(!r.irq[0]);
    check_disk_data(r.mem + 0x10000, 100, 2);
    check_disk_data(r.mem + 0x20000, 102, 3);
    ck_assert_uint_eq(r.mem[0x10000 + 1024], 0xEE); /* nothing beyond either region */
    ck_assert_uint_eq(r.mem[0x20000 + 1536], 0xEE);
    ck_assert_uint_eq(r.mem[0x0FFFF], 0);
    /* Interrupt is write-one-to-clear; the capable bits are read/write. */
    bm_wr(&r, 0, BM_STATUS, BS_CAP0 | BS_INT, 1);
    ck_assert_uint_eq(bm_rd(&r, 0, BM_STATUS, 1), BS_CAP0);
    ck_assert_uint_eq(bm_rd(&r, 0, BM_CMD, 1), BM_START | BM_TO_MEM);
    bm_wr(&r, 0, BM_CMD, 0, 1);
    ck_assert_uint_eq(r.rises[1], 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_write_dma_and_write_dma_ext)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    uint8_t img[4 * 512];
    for (unsigned i = 0; i < 4 * 512; i++)
        r.mem[0x30000 + i] = (uint8_t)(i * 17 + 3);
    /* WRITE DMA: 4 sectors from two regions (1 + 3 sectors). */
    put_prd(&r, 0x2000, 0, 0x30000, 512, false);
    put_prd(&r, 0x2000, 1, 0x30200, 1536, true);
    bm_setup(&r, 0, 0x2000);
    bm_wr(&r, 0, BM_CMD, BM_START, 1); /* the bus master may be started first */
    lba28(&r, 0, 0, 700, 4);
    wr(&r, 0, 7, 0xCA);
    wait_irq(&r, 0);
    ck_assert_uint_eq(bm_rd(&r, 0, BM_STATUS, 1) & (BS_ACTIVE | BS_ERROR | BS_INT), BS_INT);
    ck_assert_uint_eq(rd(&r, 0, 7) & (BSY | DRQ | ERR), 0);
    bm_wr(&r, 0, BM_CMD, 0, 1);
    ck_assert_int_eq(blockdev_read(r.media[0], 700, img, 4), 0);
    ck_assert_mem_eq(img, r.mem + 0x30000, 4 * 512);
    ck_assert_int_eq(blockdev_read(r.media[0], 704, img, 1), 0);
    check_disk_data(img, 704, 1);

    /* WRITE DMA EXT then READ DMA EXT of the same 3 sectors. */
    for (unsigned i = 0; i < 3 * 512; i++)
        r.mem[0x40000 + i] = (uint8_t)(i * 29 + 1);
    put_prd(&r, 0x2000, 0, 0x40000, 3 * 512, true);
    bm_setup(&r, 0, 0x2000);
    lba48(&r, 0, 0, 5000, 3);
    wr(&r, 0, 7, 0x35);
    bm_wr(&r, 0, BM_CMD, BM_START, 1);
    wait_irq(&r, 0);
    ck_assert_uint_eq(rd(&r, 0, 7) & (BSY | DRQ | ERR), 0);
    bm_wr(&r, 0, BM_CMD, 0, 1);
    put_prd(&r, 0x2000, 0, 0x50000, 3 * 512, true);
    bm_setup(&r, 0, 0x2000);
    lba48(&r, 0, 0, 5000, 3);
    wr(&r, 0, 7, 0x25);
    bm_wr(&r, 0, BM_CMD, BM_START | BM_TO_MEM, 1);
    wait_irq(&r, 0);
    ck_assert_uint_eq(rd(&r, 0, 7) & (BSY | DRQ | ERR), 0);
    bm_wr(&r, 0, BM_CMD, 0, 1);
    ck_assert_mem_eq(r.mem + 0x50000, r.mem + 0x40000, 3 * 512);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_dma_prd_larger_than_transfer_stays_active)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    put_prd(&r, 0x1000, 0, 0x10000, 4096, true);
    bm_setup(&r, 0, 0x1000);
    lba28(&r, 0, 0, 40, 2);
    wr(&r, 0, 7, 0xC8);
    bm_wr(&r, 0, BM_CMD, BM_START | BM_TO_MEM, 1);
    wait_irq(&r, 0);
    /* Interrupt 1, Active 1: the drive finished before the PRD table was used up. */
    ck_assert_uint_eq(bm_rd(&r, 0, BM_STATUS, 1) & (BS_ACTIVE | BS_ERROR | BS_INT),
                      BS_ACTIVE | BS_INT);
    ck_assert_uint_eq(rd(&r, 0, 7) & (BSY | DRQ | ERR), 0);
    check_disk_data(r.mem + 0x10000, 40, 2);
    bm_wr(&r, 0, BM_CMD, 0, 1); /* stopping clears Active */
    ck_assert_uint_eq(bm_rd(&r, 0, BM_STATUS, 1) & BS_ACTIVE, 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_dma_prd_count_zero_is_64k)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    put_prd(&r, 0x1000, 0, 0x20000, 0, true); /* byte count 0: 64 KiB */
    bm_setup(&r, 0, 0x1000);
    lba28(&r, 0, 0, 3000, 128);
    wr(&r, 0, 7, 0xC8);
    bm_wr(&r, 0, BM_CMD, BM_START | BM_TO_MEM, 1);
    wait_irq(&r, 0);
    ck_assert_uint_eq(bm_rd(&r, 0, BM_STATUS, 1) & (BS_ACTIVE | BS_ERROR | BS_INT), BS_INT);
    ck_assert_uint_eq(rd(&r, 0, 7) & (BSY | DRQ | ERR), 0);
    check_disk_data(r.mem + 0x20000, 3000, 128);
    bm_wr(&r, 0, BM_CMD, 0, 1);
    /* Bit 0 of the count is reserved: 0001h also has a zero count field, 64 KiB. */
    memset(r.mem + 0x20000, 0, 0x10000);
    put_prd(&r, 0x1000, 0, 0x20000, 1, true);
    bm_setup(&r, 0, 0x1000);
    lba28(&r, 0, 0, 3200, 128);
    wr(&r, 0, 7, 0xC8);
    bm_wr(&r, 0, BM_CMD, BM_START | BM_TO_MEM, 1);
    wait_irq(&r, 0);
    ck_assert_uint_eq(bm_rd(&r, 0, BM_STATUS, 1) & (BS_ACTIVE | BS_ERROR | BS_INT), BS_INT);
    ck_assert_uint_eq(rd(&r, 0, 7) & (BSY | DRQ | ERR), 0);
    check_disk_data(r.mem + 0x20000, 3200, 128);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_dma_short_prd_table_stops_at_its_end)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    memset(r.mem + 0x10000, 0xEE, 0x10000);
    put_prd(&r, 0x1000, 0, 0x10000, 1024, true); /* 2 of 4 sectors */
    bm_setup(&r, 0, 0x1000);
    lba28(&r, 0, 0, 60, 4);
    wr(&r, 0, 7, 0xC8);
    bm_wr(&r, 0, BM_CMD, BM_START | BM_TO_MEM, 1);
    step(&r, 20);
    check_disk_data(r.mem + 0x10000, 60, 2);
    for (unsigned i = 1024; i < 4096; i++) /* never past the PRD region */
        ck_assert_uint_eq(r.mem[0x10000 + i], 0xEE);
    ck_assert_uint_eq(bm_rd(&r, 0, BM_STATUS, 1) & BS_ACTIVE, 0); /* the table is used up */
    /* The command did not complete successfully. */
    ck_assert_uint_ne(alt(&r, 0) & (BSY | DRQ | ERR), 0);
    /* Error and Interrupt are write-one-to-clear, whatever the device set. */
    bm_wr(&r, 0, BM_STATUS, BS_CAP0 | BS_ERROR | BS_INT, 1);
    ck_assert_uint_eq(bm_rd(&r, 0, BM_STATUS, 1) & (BS_ERROR | BS_INT), 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_dma_stopped_bus_master_leaves_command_waiting)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    /* One complete READ DMA first. */
    put_prd(&r, 0x1000, 0, 0x10000, 512, true);
    bm_setup(&r, 0, 0x1000);
    lba28(&r, 0, 0, 9, 1);
    wr(&r, 0, 7, 0xC8);
    bm_wr(&r, 0, BM_CMD, BM_START | BM_TO_MEM, 1);
    wait_irq(&r, 0);
    rd(&r, 0, 7);
    bm_wr(&r, 0, BM_CMD, 0, 1);
    check_disk_data(r.mem + 0x10000, 9, 1);

    /* Start and at once stop the bus master: no data moves, the command cannot complete. */
    memset(r.mem + 0x10000, 0xEE, 512);
    bm_setup(&r, 0, 0x1000);
    lba28(&r, 0, 0, 10, 1);
    wr(&r, 0, 7, 0xC8);
    unsigned rises = r.rises[0];
    bm_wr(&r, 0, BM_CMD, BM_START | BM_TO_MEM, 1);
    bm_wr(&r, 0, BM_CMD, BM_TO_MEM, 1);
    step(&r, 20);
    ck_assert_uint_eq(r.rises[0], rises);
    ck_assert_uint_eq(bm_rd(&r, 0, BM_STATUS, 1) & (BS_ACTIVE | BS_INT), 0);
    ck_assert_uint_eq(r.mem[0x10000], 0xEE);
    ck_assert_uint_eq(alt(&r, 0) & (DRQ | ERR), DRQ); /* still waiting for its data */
    /* A software reset recovers the drive. */
    devctl(&r, 0, SRST);
    devctl(&r, 0, 0);
    ck_assert_uint_eq(wait_not_busy(&r, 0) & (DRDY | DRQ | ERR), DRDY);
    uint8_t buf[512];
    lba28(&r, 0, 0, 10, 1);
    wr(&r, 0, 7, 0x20);
    pio_in(&r, 0, buf, 1, 1);
    check_disk_data(buf, 10, 1);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_bus_master_registers)
{
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    attach_disk(&r, 1, 64);
    attach_cd(&r, 2, CD_BLOCKS, CD_SEED);
    /* Descriptor table pointer: bits 1:0 read 0. */
    bm_wr(&r, 0, BM_PRD, 0x12345677, 4);
    ck_assert_uint_eq(bm_rd(&r, 0, BM_PRD, 4), 0x12345674);
    bm_wr(&r, 1, BM_PRD, 0x00ABCDEF, 4);
    ck_assert_uint_eq(bm_rd(&r, 1, BM_PRD, 4), 0x00ABCDEC);
    ck_assert_uint_eq(bm_rd(&r, 0, BM_PRD, 4), 0x12345674); /* channels are separate */
    /* BMICX: only bits 3 and 0 exist. */
    bm_wr(&r, 0, BM_CMD, 0xFE, 1);
    ck_assert_uint_eq(bm_rd(&r, 0, BM_CMD, 1), BM_TO_MEM);
    bm_wr(&r, 0, BM_CMD, 0, 1);
    /* BMISX: drive capable bits set by the BIOS for attached drives, read/write. */
    ck_assert_uint_eq(bm_rd(&r, 0, BM_STATUS, 1) & (BS_CAP0 | BS_CAP1), BS_CAP0 | BS_CAP1);
    bm_wr(&r, 0, BM_STATUS, 0, 1);
    ck_assert_uint_eq(bm_rd(&r, 0, BM_STATUS, 1), 0);
    bm_wr(&r, 0, BM_STATUS, 0xFF, 1); /* Active is read-only, bits 7, 4, 3 reserved */
    ck_assert_uint_eq(bm_rd(&r, 0, BM_STATUS, 1), BS_CAP0 | BS_CAP1);
    /* Interrupt follows any assertion of the channel's IRQ (here IDENTIFY on channel 1). */
    ck_assert_uint_eq(bm_rd(&r, 1, BM_STATUS, 1) & BS_INT, 0);
    wr(&r, 1, 6, 0xA0);
    wr(&r, 1, 7, 0xA1);
    wait_irq(&r, 1);
    ck_assert_uint_eq(bm_rd(&r, 1, BM_STATUS, 1) & BS_INT, BS_INT);
    ck_assert_uint_eq(bm_rd(&r, 0, BM_STATUS, 1) & BS_INT, 0);
    bm_wr(&r, 1, BM_STATUS, BS_INT, 1);
    ck_assert_uint_eq(bm_rd(&r, 1, BM_STATUS, 1) & BS_INT, 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_device_register_write_during_transfer_is_harmless)
{
    /* 7.10: the host writes the Device register only with BSY and DRQ clear; otherwise the
     * result is indeterminate, but nothing may break: here device 1 is absent. */
    struct rig r;
    rig_init(&r);
    attach_disk(&r, 0, DISK_SECTORS);
    uint8_t buf[512];
    /* PIO data-in, DRQ block half read. */
    lba28(&r, 0, 0, 20, 3);
    wr(&r, 0, 7, 0x20);
    wait_irq(&r, 0);
    for (unsigned k = 0; k < 128; k++)
        data_in(&r, 0);
    wr(&r, 0, 6, 0xB0);
    for (unsigned k = 0; k < 3 * 256; k++) {
        data_in(&r, 0);
        step(&r, 1);
    }
    /* PIO data-out. */
    wr(&r, 0, 6, 0xE0);
    lba28(&r, 0, 0, 20, 3);
    wr(&r, 0, 7, 0x30);
    step(&r, 2);
    wr(&r, 0, 6, 0xB0);
    for (unsigned k = 0; k < 3 * 256; k++) {
        data_out(&r, 0, 0x1234);
        step(&r, 1);
    }
    /* DMA, bus master already started. */
    devctl(&r, 0, SRST);
    devctl(&r, 0, 0);
    put_prd(&r, 0x1000, 0, 0x10000, 1024, true);
    bm_setup(&r, 0, 0x1000);
    lba28(&r, 0, 0, 20, 2);
    wr(&r, 0, 7, 0xC8);
    bm_wr(&r, 0, BM_CMD, BM_START | BM_TO_MEM, 1);
    wr(&r, 0, 6, 0xB0);
    step(&r, 20);
    bm_wr(&r, 0, BM_CMD, 0, 1);
    /* A software reset brings back a working drive 0. */
    devctl(&r, 0, SRST);
    devctl(&r, 0, 0);
    ck_assert_uint_eq(wait_not_busy(&r, 0) & (DRDY | DRQ | ERR), DRDY);
    lba28(&r, 0, 0, 19, 1);
    wr(&r, 0, 7, 0x20);
    pio_in(&r, 0, buf, 1, 1);
    check_disk_data(buf, 19, 1);
    rig_free(&r);
}
END_TEST

/* ---- ATAPI (the CD-ROM is device 0 of the secondary channel, drive 2) -------------- */

struct pkt {
    uint32_t len;    /**< bytes moved */
    uint8_t status;  /**< at completion */
    uint8_t error;   /**< error register at completion */
    unsigned chunks; /**< DRQ data blocks */
};

/*
 * PACKET (ATA/ATAPI-6 8.21, protocol 9.8): write the byte count limit,
 * the command, wait for DRQ with CoD=1 IO=0 (no interrupt: the drive sets
 * DRQ within 50 us), write the packet; then each data block: interrupt,
 * DRQ, IO=1 CoD=0, a byte count <= the limit in LBA mid/high; completion:
 * interrupt, DRQ clear, IO=1 CoD=1.  Data goes to @out (at most @cap).
 */
static struct pkt packet(struct rig *r, const uint8_t cdb[12], uint16_t limit, uint8_t *out,
                         uint32_t cap)
{
    struct pkt res = {0};
    unsigned rises = r->rises[1];
    wr(r, 1, 6, 0xA0);
    wr(r, 1, 1, 0); /* PIO */
    wr(r, 1, 4, (uint8_t)limit);
    wr(r, 1, 5, (uint8_t)(limit >> 8));
    wr(r, 1, 7, 0xA0);
    ck_assert_uint_eq(wait_not_busy(r, 1) & (DRQ | ERR), DRQ);
    ck_assert_uint_eq(rd(r, 1, 2) & (COD | IO), COD);
    ck_assert_uint_eq(r->rises[1], rises);
    for (unsigned k = 0; k < 6; k++)
        data_out(r, 1, (uint16_t)(cdb[2 * k] | cdb[2 * k + 1] << 8));
    for (;;) {
        rises = r->rises[1];
        wait_irq(r, 1);
        uint8_t st = rd(r, 1, 7);
        ck_assert(!r->irq[1]);
        ck_assert_uint_eq(st & BSY, 0);
        uint8_t ir = rd(r, 1, 2) & (COD | IO);
        if (!(st & DRQ)) {
            ck_assert_uint_eq(ir, COD | IO);
            res.status = st;
            res.error = rd(r, 1, 1);
            return res;
        }
        ck_assert_uint_eq(ir, IO);
        uint32_t n = rd(r, 1, 4) | (uint32_t)rd(r, 1, 5) << 8;
        ck_assert_uint_gt(n, 0);
        ck_assert_uint_le(n, limit <= 1 ? 0xFFFE : limit); /* 0 and 1: no limit */
        for (uint32_t k = 0; k < n; k += 2) {
            uint16_t w = data_in(r, 1);
            if (res.len + k < cap)
                out[res.len + k] = (uint8_t)w;
            if (k + 1 < n && res.len + k + 1 < cap)
                out[res.len + k + 1] = (uint8_t)(w >> 8);
        }
        res.len += n;
        res.chunks++;
        ck_assert_uint_ne(alt(r, 1) & (BSY | DRQ), DRQ); /* the block was taken */
    }
}

/* A command with an allocation length in bytes 7-8 (MODE SENSE(10), READ TOC, GET CONFIGURATION).
 */
static struct pkt cdb_run(struct rig *r, uint8_t op, uint8_t b1, uint8_t b2, uint16_t alloc,
                          uint8_t *out, uint32_t cap)
{
    uint8_t cdb[12] = {op, b1, b2};
    cdb[7] = (uint8_t)(alloc >> 8);
    cdb[8] = (uint8_t)alloc;
    return packet(r, cdb, 0xFFFE, out, cap);
}

static void read10_cdb(uint8_t cdb[12], uint32_t lba, uint16_t count)
{
    memset(cdb, 0, 12);
    cdb[0] = 0x28;
    cdb[2] = (uint8_t)(lba >> 24);
    cdb[3] = (uint8_t)(lba >> 16);
    cdb[4] = (uint8_t)(lba >> 8);
    cdb[5] = (uint8_t)lba;
    cdb[7] = (uint8_t)(count >> 8);
    cdb[8] = (uint8_t)count;
}

static struct pkt simple(struct rig *r, uint8_t op, uint8_t b4)
{
    uint8_t cdb[12] = {op, 0, 0, 0, b4};
    uint8_t dummy[1];
    return packet(r, cdb, 0xFFFE, dummy, 0);
}

static void expect_good(struct pkt p)
{
    ck_assert_uint_eq(p.status & (ERR | DRQ | BSY), 0);
}

/* CHECK CONDITION: ERR (CHK) with the sense key in error bits 7:4 (ATA/ATAPI-6 8.21). */
static void expect_check(struct pkt p, uint8_t key)
{
    ck_assert_uint_eq(p.status & ERR, ERR);
    ck_assert_uint_eq(p.error >> 4, key);
}

/* REQUEST SENSE: fixed-format sense data (SPC-2 7.20.2). */
static void expect_sense(struct rig *r, uint8_t key, uint8_t asc, uint8_t ascq)
{
    uint8_t cdb[12] = {0x03, 0, 0, 0, 18}, s[18];
    struct pkt p = packet(r, cdb, 0xFFFE, s, sizeof(s));
    expect_good(p);
    ck_assert_uint_eq(p.len, 18);
    ck_assert_uint_eq(s[0] & 0x7F, 0x70);
    ck_assert_uint_eq(s[2] & 0x0F, key);
    ck_assert_uint_ge(s[7], 10);
    ck_assert_uint_eq(s[12], asc);
    ck_assert_uint_eq(s[13], ascq);
}

static void check_cd_data(const uint8_t *buf, uint32_t blk, uint32_t blocks, uint8_t seed)
{
    for (uint32_t b = 0; b < blocks; b++)
        for (unsigned i = 0; i < 2048; i++)
            ck_assert_msg(buf[(size_t)b * 2048 + i] == cd_byte(blk + b, i, seed),
                          "block %u byte %u: %02x", blk + b, i, buf[(size_t)b * 2048 + i]);
}

static void rig_cd(struct rig *r)
{
    rig_init(r);
    attach_cd(r, 2, CD_BLOCKS, CD_SEED);
}

START_TEST(test_ide_atapi_test_unit_ready_and_request_sense)
{
    struct rig r;
    rig_cd(&r);
    expect_good(simple(&r, 0x00, 0));
    expect_sense(&r, SK_NO_SENSE, 0, 0);
    /* An unknown operation code: ILLEGAL REQUEST, INVALID COMMAND OPERATION CODE 20/00. */
    expect_check(simple(&r, 0xFF, 0), SK_ILLEGAL_REQUEST);
    expect_sense(&r, SK_ILLEGAL_REQUEST, 0x20, 0x00);
    expect_sense(&r, SK_NO_SENSE, 0, 0); /* reported once */
    ck_assert_uint_eq(r.rises[0], 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_atapi_inquiry)
{
    struct rig r;
    rig_cd(&r);
    uint8_t cdb[12] = {0x12, 0, 0, 0, 96}, d[96];
    struct pkt p = packet(&r, cdb, 0xFFFE, d, sizeof(d));
    expect_good(p);
    ck_assert_uint_ge(p.len, 36);
    ck_assert_uint_eq(d[0] & 0x1F, 0x05); /* CD/DVD device */
    ck_assert_uint_eq(d[1] & 0x80, 0x80); /* removable medium */
    ck_assert_uint_eq(d[4] + 5u, p.len);  /* additional length */
    for (unsigned i = 8; i < 36; i++)     /* vendor, product, revision: ASCII */
        ck_assert(d[i] >= 0x20 && d[i] <= 0x7E);
    /* The allocation length cuts the answer (SPC-2 4.3.4.6). */
    cdb[4] = 5;
    p = packet(&r, cdb, 0xFFFE, d, sizeof(d));
    expect_good(p);
    ck_assert_uint_eq(p.len, 5);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_atapi_read_capacity)
{
    struct rig r;
    rig_cd(&r);
    uint8_t cdb[12] = {0x25}, d[8];
    struct pkt p = packet(&r, cdb, 0xFFFE, d, sizeof(d));
    expect_good(p);
    ck_assert_uint_eq(p.len, 8);
    ck_assert_uint_eq((uint32_t)d[0] << 24 | d[1] << 16 | d[2] << 8 | d[3], CD_BLOCKS - 1);
    ck_assert_uint_eq((uint32_t)d[4] << 24 | d[5] << 16 | d[6] << 8 | d[7], 2048);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_atapi_read10_pio_follows_byte_count_limit)
{
    struct rig r;
    rig_cd(&r);
    uint8_t cdb[12], *buf = malloc(20 * 2048);
    /* Limit 2048: one block per DRQ. */
    read10_cdb(cdb, 5, 3);
    struct pkt p = packet(&r, cdb, 2048, buf, 3 * 2048);
    expect_good(p);
    ck_assert_uint_eq(p.len, 3 * 2048);
    ck_assert_uint_eq(p.chunks, 3);
    check_cd_data(buf, 5, 3, CD_SEED);
    /* Limit 1000: several DRQ blocks of at most 1000 bytes each. */
    read10_cdb(cdb, CD_BLOCKS - 2, 2);
    p = packet(&r, cdb, 1000, buf, 2 * 2048);
    expect_good(p);
    ck_assert_uint_eq(p.len, 2 * 2048);
    ck_assert_uint_ge(p.chunks, 5);
    check_cd_data(buf, CD_BLOCKS - 2, 2, CD_SEED);
    /* A large limit and more blocks than one buffer of the drive. */
    read10_cdb(cdb, 100, 20);
    p = packet(&r, cdb, 0xFFFE, buf, 20 * 2048);
    expect_good(p);
    ck_assert_uint_eq(p.len, 20 * 2048);
    check_cd_data(buf, 100, 20, CD_SEED);
    /* READ(12). */
    memset(cdb, 0, 12);
    cdb[0] = 0xA8;
    cdb[5] = 42;
    cdb[9] = 2;
    p = packet(&r, cdb, 0x8000, buf, 2 * 2048);
    expect_good(p);
    ck_assert_uint_eq(p.len, 2 * 2048);
    check_cd_data(buf, 42, 2, CD_SEED);
    /* Limits 1 and 0 cannot move a word: the transfer still completes. */
    read10_cdb(cdb, 9, 1);
    p = packet(&r, cdb, 1, buf, 2048);
    expect_good(p);
    ck_assert_uint_eq(p.len, 2048);
    check_cd_data(buf, 9, 1, CD_SEED);
    p = packet(&r, cdb, 0, buf, 2048);
    expect_good(p);
    ck_assert_uint_eq(p.len, 2048);
    /* A transfer length of 0 is no error and moves nothing. */
    read10_cdb(cdb, 7, 0);
    p = packet(&r, cdb, 0xFFFE, buf, 0);
    expect_good(p);
    ck_assert_uint_eq(p.len, 0);
    free(buf);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_atapi_read_past_end_is_illegal_request)
{
    struct rig r;
    rig_cd(&r);
    uint8_t cdb[12], buf[4096];
    read10_cdb(cdb, CD_BLOCKS - 1, 2);
    struct pkt p = packet(&r, cdb, 0xFFFE, buf, sizeof(buf));
    expect_check(p, SK_ILLEGAL_REQUEST);
    ck_assert_uint_eq(p.len, 0);
    expect_sense(&r, SK_ILLEGAL_REQUEST, 0x21, 0x00); /* LBA OUT OF RANGE */
    read10_cdb(cdb, CD_BLOCKS, 1);
    expect_check(packet(&r, cdb, 0xFFFE, buf, sizeof(buf)), SK_ILLEGAL_REQUEST);
    expect_sense(&r, SK_ILLEGAL_REQUEST, 0x21, 0x00);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_atapi_read10_dma)
{
    struct rig r;
    rig_cd(&r);
    memset(r.mem + 0x10000, 0xEE, 0x10000);
    put_prd(&r, 0x1000, 0, 0x10000, 2048, false);
    put_prd(&r, 0x1000, 1, 0x18000, 2 * 2048, true);
    bm_setup(&r, 1, 0x1000);
    uint8_t cdb[12];
    read10_cdb(cdb, 77, 3);
    wr(&r, 1, 6, 0xA0);
    wr(&r, 1, 1, 0x01); /* DMA */
    wr(&r, 1, 4, 0xFE);
    wr(&r, 1, 5, 0xFF);
    wr(&r, 1, 7, 0xA0);
    ck_assert_uint_eq(wait_not_busy(&r, 1) & (DRQ | ERR), DRQ);
    ck_assert_uint_eq(rd(&r, 1, 2) & (COD | IO), COD);
    for (unsigned k = 0; k < 6; k++)
        data_out(&r, 1, (uint16_t)(cdb[2 * k] | cdb[2 * k + 1] << 8));
    bm_wr(&r, 1, BM_CMD, BM_START | BM_TO_MEM, 1);
    wait_irq(&r, 1);
    ck_assert_uint_eq(bm_rd(&r, 1, BM_STATUS, 1) & (BS_ACTIVE | BS_ERROR | BS_INT), BS_INT);
    uint8_t st = rd(&r, 1, 7);
    ck_assert_uint_eq(st & (BSY | DRQ | ERR), 0);
    ck_assert_uint_eq(rd(&r, 1, 2) & (COD | IO), COD | IO);
    bm_wr(&r, 1, BM_CMD, 0, 1);
    check_cd_data(r.mem + 0x10000, 77, 1, CD_SEED);
    check_cd_data(r.mem + 0x18000, 78, 2, CD_SEED);
    ck_assert_uint_eq(r.mem[0x10000 + 2048], 0xEE);
    ck_assert_uint_eq(r.mem[0x18000 + 4096], 0xEE);
    ck_assert_uint_eq(r.rises[0], 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_atapi_mode_sense_capabilities_page)
{
    struct rig r;
    rig_cd(&r);
    uint8_t d[256];
    /* MODE SENSE(10), page 2Ah (CD capabilities and mechanical status). */
    struct pkt p = cdb_run(&r, 0x5A, 0, 0x2A, 255, d, sizeof(d));
    expect_good(p);
    ck_assert_uint_ge(p.len, 8 + 2);
    ck_assert_uint_eq((uint32_t)d[0] << 8 | d[1], p.len - 2); /* mode data length */
    ck_assert_uint_eq((uint32_t)d[6] << 8 | d[7], 0);         /* no block descriptors */
    ck_assert_uint_eq(d[8] & 0x3F, 0x2A);
    ck_assert_uint_eq(8u + 2 + d[9], p.len);
    ck_assert_uint_eq(d[8 + 6] & 0x02, 0); /* lock state: unlocked */
    /* All pages (3Fh) start with a header covering them all. */
    p = cdb_run(&r, 0x5A, 0, 0x3F, 255, d, sizeof(d));
    expect_good(p);
    ck_assert_uint_eq((uint32_t)d[0] << 8 | d[1], p.len - 2);
    /* Saved values (PC = 3) are not supported: 05/39/00. */
    expect_check(cdb_run(&r, 0x5A, 0, 0xEA, 255, d, sizeof(d)), SK_ILLEGAL_REQUEST);
    expect_sense(&r, SK_ILLEGAL_REQUEST, 0x39, 0x00);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_atapi_prevent_allow_and_start_stop_unit)
{
    struct rig r;
    rig_cd(&r);
    char err[160];
    uint8_t d[64];
    expect_good(simple(&r, 0x1E, 0x01)); /* PREVENT */
    struct pkt p = cdb_run(&r, 0x5A, 0, 0x2A, 64, d, sizeof(d));
    expect_good(p);
    ck_assert_uint_eq(d[8 + 6] & 0x02, 0x02); /* lock state */
    /* Eject (LoEj, not Start) while prevented: 05/53/02 MEDIUM REMOVAL PREVENTED. */
    expect_check(simple(&r, 0x1B, 0x02), SK_ILLEGAL_REQUEST);
    expect_sense(&r, SK_ILLEGAL_REQUEST, 0x53, 0x02);
    ck_assert_int_eq(ide_cd_change(r.ide, 2, NULL, false, err, sizeof(err)), -1);
    expect_good(simple(&r, 0x00, 0));    /* the disc is still there */
    expect_good(simple(&r, 0x1E, 0x00)); /* ALLOW */
    expect_good(simple(&r, 0x1B, 0x02)); /* eject */
    expect_check(simple(&r, 0x00, 0), SK_NOT_READY);
    uint8_t s[18], cdb[12] = {0x03, 0, 0, 0, 18};
    expect_good(packet(&r, cdb, 0xFFFE, s, sizeof(s)));
    ck_assert_uint_eq(s[2] & 0x0F, SK_NOT_READY);
    ck_assert_uint_eq(s[12], 0x3A);      /* MEDIUM NOT PRESENT */
    expect_good(simple(&r, 0x1B, 0x03)); /* load */
    p = simple(&r, 0x00, 0);
    if (p.status & ERR) { /* a drive may report the load as a unit attention, once */
        expect_check(p, SK_UNIT_ATTENTION);
        p = simple(&r, 0x00, 0);
    }
    expect_good(p);
    uint8_t buf[2048];
    read10_cdb(cdb, 3, 1);
    expect_good(packet(&r, cdb, 0xFFFE, buf, sizeof(buf)));
    check_cd_data(buf, 3, 1, CD_SEED);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_atapi_read_toc_format0)
{
    struct rig r;
    rig_cd(&r);
    uint8_t d[64];
    /* LBA form: header, track 1 (data, ADR 1) at 0, lead-out AAh at the capacity. */
    struct pkt p = cdb_run(&r, 0x43, 0, 0, 64, d, sizeof(d));
    expect_good(p);
    ck_assert_uint_eq(p.len, 4 + 8 + 8);
    ck_assert_uint_eq((uint32_t)d[0] << 8 | d[1], p.len - 2);
    ck_assert_uint_eq(d[2], 1); /* first track */
    ck_assert_uint_eq(d[3], 1); /* last track */
    ck_assert_uint_eq(d[5], 0x14);
    ck_assert_uint_eq(d[6], 1);
    ck_assert_uint_eq((uint32_t)d[8] << 24 | d[9] << 16 | d[10] << 8 | d[11], 0);
    ck_assert_uint_eq(d[13] & 0x0F, 0x04); /* data */
    ck_assert_uint_eq(d[14], 0xAA);
    ck_assert_uint_eq((uint32_t)d[16] << 24 | d[17] << 16 | d[18] << 8 | d[19], CD_BLOCKS);
    /* MSF form: LBA + 150 frames of 1/75 s: track 1 at 00:02:00. */
    p = cdb_run(&r, 0x43, 0x02, 0, 64, d, sizeof(d));
    expect_good(p);
    ck_assert_uint_eq(p.len, 20);
    ck_assert_uint_eq(d[9], 0);
    ck_assert_uint_eq(d[10], 2);
    ck_assert_uint_eq(d[11], 0);
    const uint32_t lo = CD_BLOCKS + 150;
    ck_assert_uint_eq(d[17], lo / (75 * 60));
    ck_assert_uint_eq(d[18], lo / 75 % 60);
    ck_assert_uint_eq(d[19], lo % 75);
    /* Starting at the lead-out: only it. */
    uint8_t cdb[12] = {0x43, 0, 0, 0, 0, 0, 0xAA, 0, 64};
    p = packet(&r, cdb, 0xFFFE, d, sizeof(d));
    expect_good(p);
    ck_assert_uint_eq(p.len, 12);
    ck_assert_uint_eq(d[6], 0xAA);
    /* A track that does not exist: 05/24. */
    cdb[6] = 2;
    expect_check(packet(&r, cdb, 0xFFFE, d, sizeof(d)), SK_ILLEGAL_REQUEST);
    expect_sense(&r, SK_ILLEGAL_REQUEST, 0x24, 0x00);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_atapi_get_configuration)
{
    struct rig r;
    rig_cd(&r);
    uint8_t d[64];
    struct pkt p = cdb_run(&r, 0x46, 0, 0, 64, d, sizeof(d));
    expect_good(p);
    ck_assert_uint_ge(p.len, 8 + 8);
    ck_assert_uint_eq((uint32_t)d[0] << 24 | d[1] << 16 | d[2] << 8 | d[3], p.len - 4);
    ck_assert_uint_eq((uint32_t)d[6] << 8 | d[7], 0x0008); /* current profile: CD-ROM */
    /* Feature 0000h, the profile list: persistent and current, CD-ROM marked current. */
    ck_assert_uint_eq((uint32_t)d[8] << 8 | d[9], 0x0000);
    ck_assert_uint_eq(d[10] & 0x03, 0x03);
    ck_assert_uint_ge(d[11], 4);
    ck_assert_uint_eq((uint32_t)d[12] << 8 | d[13], 0x0008);
    ck_assert_uint_eq(d[14] & 0x01, 0x01);
    rig_free(&r);
    /* No disc: current profile 0000h. */
    rig_init(&r);
    attach_cd(&r, 2, 0, 0);
    p = cdb_run(&r, 0x46, 0, 0, 64, d, sizeof(d));
    expect_good(p);
    ck_assert_uint_eq((uint32_t)d[6] << 8 | d[7], 0x0000);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_atapi_no_medium_is_not_ready)
{
    struct rig r;
    rig_init(&r);
    attach_cd(&r, 2, 0, 0);
    uint8_t cdb[12], buf[2048];
    expect_check(simple(&r, 0x00, 0), SK_NOT_READY);
    expect_sense(&r, SK_NOT_READY, 0x3A, 0x00);
    memset(cdb, 0, sizeof(cdb));
    cdb[0] = 0x25;
    expect_check(packet(&r, cdb, 0xFFFE, buf, 8), SK_NOT_READY);
    expect_sense(&r, SK_NOT_READY, 0x3A, 0x00);
    read10_cdb(cdb, 0, 1);
    struct pkt p = packet(&r, cdb, 0xFFFE, buf, sizeof(buf));
    expect_check(p, SK_NOT_READY);
    ck_assert_uint_eq(p.len, 0);
    expect_sense(&r, SK_NOT_READY, 0x3A, 0x00);
    /* INQUIRY works without a disc. */
    cdb[0] = 0x12;
    memset(cdb + 1, 0, 11);
    cdb[4] = 36;
    expect_good(packet(&r, cdb, 0xFFFE, buf, 36));
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_atapi_media_change_reports_unit_attention_once)
{
    struct rig r;
    rig_cd(&r);
    char err[160];
    uint8_t cdb[12], buf[2048];
    struct blockdev *old = r.media[2];
    r.media[2] = open_cd(CD_BLOCKS / 2, 0x77);
    ck_assert_int_eq(ide_cd_change(r.ide, 2, r.media[2], false, err, sizeof(err)), 0);
    blockdev_close(old);
    /* INQUIRY does not report a unit attention (SPC-2 5.6.5) and leaves it pending. */
    memset(cdb, 0, sizeof(cdb));
    cdb[0] = 0x12;
    cdb[4] = 36;
    expect_good(packet(&r, cdb, 0xFFFE, buf, 36));
    /* 06/28/00 NOT READY TO READY CHANGE, MEDIUM MAY HAVE CHANGED: once. */
    expect_check(simple(&r, 0x00, 0), SK_UNIT_ATTENTION);
    expect_sense(&r, SK_UNIT_ATTENTION, 0x28, 0x00);
    expect_good(simple(&r, 0x00, 0));
    /* The new disc. */
    memset(cdb, 0, sizeof(cdb));
    cdb[0] = 0x25;
    struct pkt p = packet(&r, cdb, 0xFFFE, buf, 8);
    expect_good(p);
    ck_assert_uint_eq((uint32_t)buf[0] << 24 | buf[1] << 16 | buf[2] << 8 | buf[3],
                      CD_BLOCKS / 2 - 1);
    read10_cdb(cdb, 9, 1);
    expect_good(packet(&r, cdb, 0xFFFE, buf, sizeof(buf)));
    check_cd_data(buf, 9, 1, 0x77);
    /* Ejecting from the host: the next command sees the change, then NOT READY. */
    ck_assert_int_eq(ide_cd_change(r.ide, 2, NULL, false, err, sizeof(err)), 0);
    expect_check(simple(&r, 0x00, 0), SK_UNIT_ATTENTION);
    expect_check(simple(&r, 0x00, 0), SK_NOT_READY);
    expect_sense(&r, SK_NOT_READY, 0x3A, 0x00);
    rig_free(&r);
}
END_TEST

START_TEST(test_ide_atapi_srst_and_device_reset_keep_packet_signature)
{
    struct rig r;
    rig_cd(&r);
    expect_good(simple(&r, 0x00, 0));
    /* DEVICE RESET (8.10): signature, no interrupt. */
    unsigned rises = r.rises[1];
    wr(&r, 1, 7, 0x08);
    ck_assert_uint_eq(wait_not_busy(&r, 1) & (DRQ | ERR), 0);
    step(&r, 10);
    ck_assert_uint_eq(r.rises[1], rises);
    ck_assert_uint_eq(rd(&r, 1, 4), 0x14);
    ck_assert_uint_eq(rd(&r, 1, 5), 0xEB);
    /* The drive works after it. */
    uint8_t cdb[12], buf[2048];
    read10_cdb(cdb, 0, 1);
    expect_good(packet(&r, cdb, 0xFFFE, buf, sizeof(buf)));
    check_cd_data(buf, 0, 1, CD_SEED);
    rig_free(&r);
}
END_TEST

/* ---- register fuzz ------------------------------------------------------------------------ */

static uint64_t rnd_state;

static uint32_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return (uint32_t)(rnd_state >> 16);
}

START_TEST(test_ide_register_fuzz_keeps_device_sane)
{
    static const uint16_t ports[] = {0x1F0, 0x1F1, 0x1F2, 0x1F3, 0x1F4, 0x1F5, 0x1F6, 0x1F7, 0x3F6,
                                     0x170, 0x171, 0x172, 0x173, 0x174, 0x175, 0x176, 0x177, 0x376};
    static const uint8_t cmds[] = {0x20, 0x21, 0x24, 0x29, 0x30, 0x34, 0x39, 0x25, 0x35,
                                   0xC4, 0xC5, 0xC6, 0xC8, 0xCA, 0x40, 0x42, 0x91, 0xEF,
                                   0xE7, 0xEA, 0xF8, 0x27, 0xE5, 0xE0, 0x90, 0x08, 0xEC,
                                   0xA1, 0xA0, 0x10, 0x70, 0x00, 0xFF};
    static const uint8_t ops[] = {0x00, 0x03, 0x12, 0x1B, 0x1E, 0x25, 0x28, 0xA8, 0x2B,
                                  0x43, 0x46, 0x4A, 0x51, 0x5A, 0xBB, 0xBD, 0xFF};
    enum { RO_SECTORS = 256, CD_SMALL = 64, NPORTS = sizeof(ports) / sizeof(ports[0]) };
    struct rig r;
    char err[160];
    rig_init_mem(&r, FUZZ_MEM);
    r.clip = true;
    /* Primary: a disk and a CD-ROM; secondary: a read-only disk and nothing. */
    attach_disk(&r, 0, DISK_SECTORS);
    attach_cd(&r, 1, CD_SMALL, CD_SEED);
    attach_disk_file(&r, 2, RO_SECTORS, false, true);
    struct blockdev *cds[2] = {r.media[1], open_cd(CD_SMALL / 2, 0x99)};
    rnd_state = 0x1DE5EEDull;
    for (unsigned it = 0; it < 60000; it++) {
        uint32_t op = rnd() % 100, v = rnd();
        unsigned ch = rnd() & 1;
        if (op < 30) {
            uint16_t port = ports[rnd() % NPORTS];
            unsigned size = (port & 7) == 0 && port < 0x300 ? 2u << (rnd() % 2) : 1;
            if ((port & 7) == 7 && port < 0x300 && rnd() % 4)
                v = cmds[rnd() % sizeof(cmds)];
            if (rnd() % 8 == 0)
                size = 1u << (rnd() % 3);
            if ((port & 7) + size > 8 && port < 0x300)
                size = 1;
            bus_write(r.io, port, v, size);
        } else if (op < 55) {
            uint16_t port = ports[rnd() % NPORTS];
            unsigned size = 1u << (rnd() % 3);
            if (port >= 0x300 || (port & 7) + size > 8)
                size = 1;
            bus_read(r.io, port, size);
        } else if (op < 62) {
            unsigned size = 1u << (rnd() % 3), off = rnd() % 16 & ~(size - 1);
            if ((off & 7) == 0 && rnd() % 2)
                v = (v & 0x08) | 0x01;
            ide_bm_write(r.ide, off, v, size);
        } else if (op < 66) {
            unsigned size = 1u << (rnd() % 3), off = rnd() % 16 & ~(size - 1);
            ide_bm_read(r.ide, off, size);
        } else if (op < 70) {
            /* A PRD table somewhere in (or just past) memory, entries pointing anywhere. */
            uint32_t table = rnd() % (FUZZ_MEM + 4096) & ~7u;
            unsigned n = 1 + rnd() % 4;
            for (unsigned k = 0; k < n && table + 8 * k + 8 <= FUZZ_MEM; k++) {
                uint32_t base = rnd() % 8 ? rnd() % (FUZZ_MEM * 2) : rnd();
                uint32_t count = rnd() % 4 ? (rnd() % 8 + 1) * 512 : rnd() & 0xFFFF;
                put_prd(&r, table, k, base, count, k == n - 1 || rnd() % 8 == 0);
            }
            ide_bm_write(r.ide, ch * BM_CHANNEL + BM_PRD, table, 4);
        } else if (op < 82) {
            step(&r, rnd() % 4);
            clock_warp_to(&r.clk, clock_now(&r.clk) + rnd() % IDE_DELAY_NS);
        } else if (op < 90) {
            for (unsigned k = 0; k < 256; k++) {
                if (v & 1)
                    bus_read(r.io, base_of(ch), 2);
                else
                    bus_write(r.io, base_of(ch), rnd(), 2);
            }
        } else if (op < 95) {
            /* A packet command, well formed or not. */
            bus_write(r.io, 0x1F6, rnd() % 4 ? 0xB0 : rnd(), 1);
            bus_write(r.io, 0x1F1, rnd() % 4, 1);
            bus_write(r.io, 0x1F4, rnd(), 1);
            bus_write(r.io, 0x1F5, rnd() % 2 ? rnd() : 0x08, 1);
            bus_write(r.io, 0x1F7, 0xA0, 1);
            uint8_t cdb[12];
            for (unsigned k = 0; k < 12; k++)
                cdb[k] = (uint8_t)rnd();
            cdb[0] = ops[rnd() % sizeof(ops)];
            if (rnd() % 2)
                cdb[2] = cdb[3] = cdb[6] = 0; /* in range more often */
            for (unsigned k = 0; k < 6; k++)
                bus_write(r.io, 0x1F0, cdb[2 * k] | cdb[2 * k + 1] << 8, 2);
        } else if (op < 97) {
            struct blockdev *b = rnd() % 3 ? cds[rnd() & 1] : NULL;
            ide_cd_change(r.ide, 1, b, rnd() & 1, err, sizeof(err));
        } else {
            bus_write(r.io, ctl_of(ch), v & 0xFF, 1);
        }
    }
    /* The read-only image was never written. */
    uint8_t buf[512];
    int fd = open(r.path[2], O_RDONLY);
    ck_assert_int_ge(fd, 0);
    for (unsigned l = 0; l < RO_SECTORS; l++) {
        ck_assert_int_eq(pread(fd, buf, 512, (off_t)l * 512), 512);
        check_disk_data(buf, l, 1);
    }
    close(fd);
    /* Bus masters stopped, software reset: every drive answers IDENTIFY correctly. */
    r.clip = false;
    for (unsigned ch = 0; ch < 2; ch++) {
        ide_bm_write(r.ide, ch * BM_CHANNEL + BM_CMD, 0, 1);
        devctl(&r, ch, SRST);
        step(&r, 1);
        devctl(&r, ch, 0);
        wait_not_busy(&r, ch);
        rd(&r, ch, 7);
    }
    uint16_t w[256];
    identify(&r, 0, 0, 0xEC, w);
    ck_assert_uint_eq(w[1], DISK_CYLS);
    ck_assert_uint_eq(w[3], 16);
    ck_assert_uint_eq(w[6], 63);
    ck_assert_uint_eq(dword(&w[60]), DISK_SECTORS);
    ck_assert_uint_eq(qword(&w[100]), DISK_SECTORS);
    identify(&r, 1, 0, 0xEC, w);
    ck_assert_uint_eq(dword(&w[60]), RO_SECTORS);
    identify(&r, 0, 1, 0xA1, w);
    ck_assert_uint_eq(w[0] >> 14, 2);
    ck_assert_uint_eq(w[0] >> 8 & 0x1F, 0x05);
    /* And reads the disk. */
    lba28(&r, 0, 0, 1234, 2);
    wr(&r, 0, 7, 0x20);
    uint8_t two[1024];
    pio_in(&r, 0, two, 2, 1);
    ck_assert_uint_eq(two[0], (uint8_t)1234);
    ck_assert_uint_eq(two[1], 1234 >> 8);
    ck_assert_uint_eq(two[512], (uint8_t)1235);
    /* Leave the media the test owns: the CD in the drive is one of cds[]. */
    ide_cd_change(r.ide, 1, NULL, true, err, sizeof(err));
    r.media[1] = NULL;
    blockdev_close(cds[0]);
    blockdev_close(cds[1]);
    rig_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ide");
    TCase *tc = tcase_create("ata");
    tcase_add_test(tc, test_ide_state_descriptor_is_valid);
    tcase_add_test(tc, test_ide_identify_device_reports_geometry_and_capacity);
    tcase_add_test(tc, test_ide_identify_large_disk_caps_lba28_and_chs);
    tcase_add_test(tc, test_ide_identify_on_atapi_aborts_with_packet_signature);
    tcase_add_test(tc, test_ide_absent_slave_reads_status_zero_and_ignores_commands);
    tcase_add_test(tc, test_ide_srst_restores_signatures);
    tcase_add_test(tc, test_ide_read_sectors_lba28_interrupts_per_sector);
    tcase_add_test(tc, test_ide_read_sectors_count_zero_means_256);
    tcase_add_test(tc, test_ide_read_sectors_chs_default_and_initialized_geometry);
    tcase_add_test(tc, test_ide_write_sectors_pio_sequencing_and_image);
    tcase_add_test(tc, test_ide_read_write_sectors_ext_lba48);
    tcase_add_test(tc, test_ide_hob_reads_previous_content_and_native_max_ext);
    tcase_add_test(tc, test_ide_nien_masks_irq_and_status_read_acknowledges);
    tcase_add_test(tc, test_ide_byte_read_of_data_register_is_not_status);
    tcase_add_test(tc, test_ide_read_write_multiple);
    tcase_add_test(tc, test_ide_device_register_write_during_transfer_is_harmless);
    tcase_add_test(tc, test_ide_out_of_range_lba_sets_idnf);
    tcase_add_test(tc, test_ide_write_to_read_only_medium_fails);
    tcase_add_test(tc, test_ide_unknown_command_aborts);
    tcase_add_test(tc, test_ide_read_dma_prd_table_spanning_two_entries);
    tcase_add_test(tc, test_ide_write_dma_and_write_dma_ext);
    tcase_add_test(tc, test_ide_dma_prd_larger_than_transfer_stays_active);
    tcase_add_test(tc, test_ide_dma_prd_count_zero_is_64k);
    tcase_add_test(tc, test_ide_dma_short_prd_table_stops_at_its_end);
    tcase_add_test(tc, test_ide_dma_stopped_bus_master_leaves_command_waiting);
    tcase_add_test(tc, test_ide_bus_master_registers);
    suite_add_tcase(s, tc);
    TCase *tp = tcase_create("atapi");
    tcase_add_test(tp, test_ide_atapi_test_unit_ready_and_request_sense);
    tcase_add_test(tp, test_ide_atapi_inquiry);
    tcase_add_test(tp, test_ide_atapi_read_capacity);
    tcase_add_test(tp, test_ide_atapi_read10_pio_follows_byte_count_limit);
    tcase_add_test(tp, test_ide_atapi_read_past_end_is_illegal_request);
    tcase_add_test(tp, test_ide_atapi_read10_dma);
    tcase_add_test(tp, test_ide_atapi_mode_sense_capabilities_page);
    tcase_add_test(tp, test_ide_atapi_prevent_allow_and_start_stop_unit);
    tcase_add_test(tp, test_ide_atapi_read_toc_format0);
    tcase_add_test(tp, test_ide_atapi_get_configuration);
    tcase_add_test(tp, test_ide_atapi_no_medium_is_not_ready);
    tcase_add_test(tp, test_ide_atapi_media_change_reports_unit_attention_once);
    tcase_add_test(tp, test_ide_atapi_srst_and_device_reset_keep_packet_signature);
    suite_add_tcase(s, tp);
    TCase *tf = tcase_create("fuzz");
    tcase_set_timeout(tf, 60);
    tcase_add_test(tf, test_ide_register_fuzz_keeps_device_sane);
    suite_add_tcase(s, tf);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
