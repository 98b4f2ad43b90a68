/*
 * tests/device/test_fdc.c - the 82077AA floppy controller driven only
 * through its ports (0x3F0-0x3F5, 0x3F7) and the DMA ports, with a real
 * struct dma on a fake guest memory, a manual clock the test moves, IRQ6
 * recorded as a line, and 1.44M images in temporary files whose sector at
 * LBA l holds bytes (l * 3 + i) & 0xFF, i = 0..511.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "board/blockdev.h"
#include "board/bus.h"
#include "board/clock.h"
#include "devices/dma.h"
#include "devices/fdc.h"

enum { MEM_SIZE = 1 << 20, SPT = 18, IMG = 1474560 };
enum { MSR = 0x3F4, FIFO = 0x3F5, DOR = 0x3F2, DIR = 0x3F7 };

struct rig {
    struct clock clk;
    struct bus *io;
    struct dma *dma;
    struct fdc *fdc;
    struct blockdev *disk;
    char path[64];
    uint8_t *mem;
    bool irq;
    unsigned irq_rises;
};

static void mem_read(void *o, uint32_t pa, void *buf, size_t len)
{
    ck_assert_uint_le((uint64_t)pa + len, MEM_SIZE);
    memcpy(buf, ((struct rig *)o)->mem + pa, len);
}

static void mem_write(void *o, uint32_t pa, const void *buf, size_t len)
{
    ck_assert_uint_le((uint64_t)pa + len, MEM_SIZE);
    memcpy(((struct rig *)o)->mem + pa, buf, len);
}

static const struct dma_mem_ops mem_ops = {mem_read, mem_write};

static size_t dma_xfer(void *o, void *buf, size_t len, bool to_memory)
{
    return dma_transfer(((struct rig *)o)->dma, 2, buf, len, to_memory);
}

static void record_irq(void *o, unsigned n, bool level)
{
    struct rig *r = o;
    r->irq_rises += level && !r->irq;
    r->irq = level;
}

static uint8_t pattern(uint32_t lba, unsigned i)
{
    return (uint8_t)(lba * 3 + i);
}

/* A 1.44M image with the pattern, at r->path. */
static void make_image(struct rig *r)
{
    strcpy(r->path, "/tmp/t86-fdc-XXXXXX");
    int fd = mkstemp(r->path);
    ck_assert_int_ge(fd, 0);
    uint8_t sec[512];
    for (uint32_t l = 0; l < IMG / 512; l++) {
        for (unsigned i = 0; i < 512; i++)
            sec[i] = pattern(l, i);
        ck_assert_int_eq(pwrite(fd, sec, 512, (off_t)l * 512), 512);
    }
    close(fd);
}

static void out(struct rig *r, uint16_t port, uint8_t v)
{
    bus_write(r->io, port, v, 1);
}
static uint8_t in(struct rig *r, uint16_t port)
{
    return (uint8_t)bus_read(r->io, port, 1);
}

/* Let the controller's deadlines pass. */
static void settle(struct rig *r)
{
    clock_warp_to(&r->clk, clock_now(&r->clk) + 1000000);
}

/* Send a command byte (the controller must be asking for one). */
static void cmd(struct rig *r, uint8_t v)
{
    ck_assert_uint_eq(in(r, MSR) & 0xC0, 0x80);
    out(r, FIFO, v);
}

/* Read a result byte (the controller must be offering one). */
static uint8_t result(struct rig *r)
{
    ck_assert_uint_eq(in(r, MSR) & 0xC0, 0xC0);
    return in(r, FIFO);
}

/* DOR reset pulse, then the four SENSE INTERRUPT STATUS. */
static void reset_fdc(struct rig *r)
{
    out(r, DOR, 0x00);
    out(r, DOR, 0x1C); /* drive 0, motor A, DMA gate, not reset */
    settle(r);
    for (unsigned d = 0; d < 4; d++) {
        cmd(r, 0x08);
        ck_assert_uint_eq(result(r), 0xC0 | d);
        result(r); /* PCN: a reset does not move the heads */
    }
}

static void rig_init_image(struct rig *r, bool readonly, bool implied_seek)
{
    memset(r, 0, sizeof(*r));
    char err[256];
    clock_init(&r->clk, CLOCK_MANUAL, 0, NULL, NULL);
    r->io = bus_create("port", NULL, CPU_LOG_UNIMP);
    r->mem = calloc(1, MEM_SIZE);
    r->dma = dma_create(r->io, &mem_ops, r);
    struct fdc_config cfg = {r->io,    FDC_PORT, &r->clk, irq_line_make(record_irq, r, FDC_IRQ),
                             dma_xfer, r,        2,       implied_seek};
    r->fdc = fdc_create(&cfg);
    ck_assert_ptr_nonnull(r->fdc);
    make_image(r);
    if (readonly)
        ck_assert_int_eq(chmod(r->path, 0444), 0);
    r->disk = blockdev_open(r->path, 0, err, sizeof(err));
    ck_assert_msg(r->disk != NULL, "%s", err);
    ck_assert_int_eq(fdc_insert(r->fdc, 0, r->disk, err, sizeof(err)), 0);
    out(r, 0xD6, 0xC0); /* DMA: channel 4 cascade, unmasked */
    out(r, 0xD4, 0x00);
}

static void rig_init(struct rig *r)
{
    rig_init_image(r, false, false);
}

static void rig_free(struct rig *r)
{
    fdc_destroy(r->fdc);
    dma_destroy(r->dma);
    bus_destroy(r->io);
    blockdev_close(r->disk);
    unlink(r->path);
    free(r->mem);
}

/* DMA channel 2: @mode (0x46 device to memory, 0x4A memory to device), @n bytes at @pa. */
static void program_dma(struct rig *r, uint8_t mode, uint32_t pa, unsigned n)
{
    out(r, 0x0A, 0x06);
    out(r, 0x0C, 0);
    out(r, 0x0B, mode);
    out(r, 0x04, pa & 0xFF);
    out(r, 0x04, pa >> 8 & 0xFF);
    out(r, 0x81, pa >> 16 & 0xFF);
    out(r, 0x05, (n - 1) & 0xFF);
    out(r, 0x05, (n - 1) >> 8 & 0xFF);
    out(r, 0x0A, 0x02);
}

static void seek(struct rig *r, unsigned head, uint8_t cyl)
{
    cmd(r, 0x0F);
    cmd(r, (uint8_t)(head << 2));
    cmd(r, cyl);
    settle(r);
    cmd(r, 0x08);
    ck_assert_uint_eq(result(r), 0x20 | head << 2);
    ck_assert_uint_eq(result(r), cyl);
}

/* Send a 9-byte READ/WRITE DATA command for drive 0. */
static void data_cmd(struct rig *r, uint8_t op, unsigned c, unsigned h, unsigned sec, unsigned eot)
{
    const uint8_t b[9] = {op, (uint8_t)(h << 2), (uint8_t)c, (uint8_t)h, (uint8_t)sec,
                          2,  (uint8_t)eot,      0x1B,       0xFF};
    for (unsigned k = 0; k < 9; k++)
        cmd(r, b[k]);
}

/* Wait for the result phase's interrupt and read the 7 bytes. */
static void read_result7(struct rig *r, uint8_t res[7])
{
    unsigned rises = r->irq_rises;
    ck_assert_uint_eq(in(r, MSR) & 0x10, 0x10); /* busy in execution */
    settle(r);
    ck_assert_uint_eq(r->irq_rises, rises + 1);
    for (unsigned k = 0; k < 7; k++)
        res[k] = result(r);
    ck_assert(!r->irq);
    ck_assert_uint_eq(in(r, MSR), 0x80);
}

static uint32_t lba(unsigned c, unsigned h, unsigned s)
{
    return (c * 2 + h) * SPT + s - 1;
}

static void expect_sector(const uint8_t *p, uint32_t l)
{
    for (unsigned i = 0; i < 512; i++)
        ck_assert_uint_eq(p[i], pattern(l, i));
}

START_TEST(test_fdc_reset_raises_irq_and_four_sense_interrupts)
{
    struct rig r;
    rig_init(&r);
    ck_assert_uint_eq(in(&r, MSR), 0x00); /* held in reset at power-on */
    out(&r, DOR, 0x1C);
    ck_assert(!r.irq); /* not before the deadline */
    ck_assert_uint_ne(clock_next_deadline(&r.clk), CLOCK_NEVER);
    settle(&r);
    ck_assert(r.irq);
    ck_assert_uint_eq(in(&r, 0x3F0) & 0x80, 0x80); /* SRA: INT pending */
    for (unsigned d = 0; d < 4; d++) {
        cmd(&r, 0x08);
        ck_assert(!r.irq); /* cleared by the first SENSE INTERRUPT STATUS */
        ck_assert_uint_eq(result(&r), 0xC0 | d);
        ck_assert_uint_eq(result(&r), 0);
    }
    cmd(&r, 0x08);
    ck_assert_uint_eq(result(&r), 0x80); /* nothing left: invalid */
    ck_assert_uint_eq(in(&r, MSR), 0x80);
    /* DSR software reset interrupts again; the DMA gate masks the line */
    out(&r, DOR, 0x14);
    out(&r, MSR, 0x80);
    settle(&r);
    ck_assert(!r.irq);
    out(&r, DOR, 0x1C);
    ck_assert(r.irq);
    rig_free(&r);
}
END_TEST

START_TEST(test_fdc_version_returns_90)
{
    struct rig r;
    rig_init(&r);
    reset_fdc(&r);
    cmd(&r, 0x10);
    ck_assert_uint_eq(in(&r, MSR), 0xD0);
    ck_assert_uint_eq(in(&r, FIFO), 0x90);
    ck_assert_uint_eq(in(&r, MSR), 0x80);
    ck_assert_uint_eq(r.irq_rises, 1); /* only the reset's */
    rig_free(&r);
}
END_TEST

START_TEST(test_fdc_seek_and_sense_interrupt_status)
{
    struct rig r;
    rig_init(&r);
    reset_fdc(&r);
    unsigned rises = r.irq_rises;
    cmd(&r, 0x0F);
    cmd(&r, 0x00);
    cmd(&r, 10);
    ck_assert_uint_eq(in(&r, MSR), 0x81); /* drive 0 busy, controller free */
    ck_assert(!r.irq);
    settle(&r);
    ck_assert_uint_eq(r.irq_rises, rises + 1);
    cmd(&r, 0x08);
    ck_assert_uint_eq(result(&r), 0x20);
    ck_assert_uint_eq(result(&r), 10);
    ck_assert_uint_eq(in(&r, MSR), 0x80);
    cmd(&r, 0x04); /* SENSE DRIVE STATUS: not on track 0 */
    cmd(&r, 0x00);
    ck_assert_uint_eq(result(&r) & 0x10, 0);
    cmd(&r, 0x07); /* RECALIBRATE */
    cmd(&r, 0x00);
    settle(&r);
    cmd(&r, 0x08);
    ck_assert_uint_eq(result(&r), 0x20);
    ck_assert_uint_eq(result(&r), 0);
    cmd(&r, 0x04);
    cmd(&r, 0x00);
    ck_assert_uint_eq(result(&r), 0x38); /* RDY, T0, TS */
    cmd(&r, 0x07);                       /* drive 3 is not connected: equipment check */
    cmd(&r, 0x03);
    settle(&r);
    cmd(&r, 0x08);
    ck_assert_uint_eq(result(&r), 0x73);
    result(&r);
    rig_free(&r);
}
END_TEST

START_TEST(test_fdc_read_data_sector_via_dma)
{
    struct rig r;
    uint8_t res[7];
    rig_init(&r);
    reset_fdc(&r);
    seek(&r, 0, 2);
    program_dma(&r, 0x46, 0x1000, 512);
    data_cmd(&r, 0xE6, 2, 0, 3, SPT);
    read_result7(&r, res);
    const uint8_t want[7] = {0x00, 0, 0, 2, 0, 4, 2};
    ck_assert_mem_eq(res, want, 7);
    expect_sector(r.mem + 0x1000, lba(2, 0, 3));
    ck_assert_uint_eq(r.mem[0x1200], 0); /* TC stopped the transfer */
    /* a cylinder the head is not on: no data, wrong cylinder */
    program_dma(&r, 0x46, 0x1000, 512);
    data_cmd(&r, 0xE6, 5, 0, 1, SPT);
    read_result7(&r, res);
    ck_assert_uint_eq(res[0], 0x40);
    ck_assert_uint_eq(res[1], 0x04);
    ck_assert_uint_eq(res[2], 0x10);
    rig_free(&r);
}
END_TEST

START_TEST(test_fdc_board_implied_seek_reads_another_cylinder)
{
    struct rig r;
    uint8_t res[7];
    rig_init_image(&r, false, true);
    reset_fdc(&r);
    seek(&r, 0, 2);
    program_dma(&r, 0x46, 0x1000, 512);
    data_cmd(&r, 0xE6, 5, 0, 1, SPT); /* head on 2, C = 5: seeks first */
    read_result7(&r, res);
    const uint8_t want[7] = {0x00, 0, 0, 5, 0, 2, 2};
    ck_assert_mem_eq(res, want, 7);
    expect_sector(r.mem + 0x1000, lba(5, 0, 1));
    rig_free(&r);
}
END_TEST

START_TEST(test_fdc_write_data_reaches_image)
{
    struct rig r;
    uint8_t res[7], back[1024];
    rig_init(&r);
    reset_fdc(&r);
    for (unsigned i = 0; i < 1024; i++)
        r.mem[0x3000 + i] = (uint8_t)(i ^ 0x5A);
    program_dma(&r, 0x4A, 0x3000, 1024);
    data_cmd(&r, 0x45, 0, 1, 5, SPT);
    read_result7(&r, res);
    const uint8_t want[7] = {0x04, 0, 0, 0, 1, 7, 2};
    ck_assert_mem_eq(res, want, 7);
    FILE *fp = fopen(r.path, "rb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(fseek(fp, (long)lba(0, 1, 5) * 512, SEEK_SET), 0);
    ck_assert_uint_eq(fread(back, 1, sizeof(back), fp), sizeof(back));
    ck_assert_mem_eq(back, r.mem + 0x3000, 1024);
    ck_assert_uint_eq(fgetc(fp), pattern(lba(0, 1, 7), 0)); /* the next sector is untouched */
    fclose(fp);
    rig_free(&r);
}
END_TEST

START_TEST(test_fdc_write_protected_image_reports_nw)
{
    struct rig r;
    uint8_t res[7];
    rig_init_image(&r, true, false);
    reset_fdc(&r);
    program_dma(&r, 0x4A, 0x3000, 512);
    data_cmd(&r, 0x45, 0, 0, 1, SPT);
    read_result7(&r, res);
    ck_assert_uint_eq(res[0], 0x40);
    ck_assert_uint_eq(res[1], 0x02);
    rig_free(&r);
}
END_TEST

START_TEST(test_fdc_multi_sector_read_crosses_head)
{
    struct rig r;
    uint8_t res[7];
    rig_init(&r);
    reset_fdc(&r);
    program_dma(&r, 0x46, 0x4000, 3 * 512);
    data_cmd(&r, 0xC6, 0, 0, 17, SPT); /* MT: 0/0/17, 0/0/18, 0/1/1 */
    read_result7(&r, res);
    const uint8_t want[7] = {0x04, 0, 0, 0, 1, 2, 2};
    ck_assert_mem_eq(res, want, 7);
    expect_sector(r.mem + 0x4000, lba(0, 0, 17));
    expect_sector(r.mem + 0x4200, lba(0, 0, 18));
    expect_sector(r.mem + 0x4400, lba(0, 1, 1));
    /* without MT the command ends at EOT: C + 1, R = 1 */
    program_dma(&r, 0x46, 0x4000, 4 * 512);
    data_cmd(&r, 0x46, 0, 0, 17, SPT);
    read_result7(&r, res);
    const uint8_t want2[7] = {0x00, 0, 0, 1, 0, 1, 2};
    ck_assert_mem_eq(res, want2, 7);
    ck_assert_uint_eq(r.mem[0x4400], pattern(lba(0, 1, 1), 0)); /* from the first read */
    rig_free(&r);
}
END_TEST

START_TEST(test_fdc_read_id)
{
    struct rig r;
    uint8_t res[7];
    rig_init(&r);
    reset_fdc(&r);
    seek(&r, 1, 5);
    cmd(&r, 0x4A);
    cmd(&r, 0x04);
    read_result7(&r, res);
    const uint8_t want[7] = {0x04, 0, 0, 5, 1, 1, 2};
    ck_assert_mem_eq(res, want, 7);
    cmd(&r, 0x4A);
    cmd(&r, 0x04);
    read_result7(&r, res);
    ck_assert_uint_eq(res[5], 2); /* the next ID under the head */
    out(&r, DIR, 0x02);           /* 250 kb/s: a 1.44M disk shows no address mark */
    cmd(&r, 0x4A);
    cmd(&r, 0x04);
    read_result7(&r, res);
    ck_assert_uint_eq(res[0], 0x44);
    ck_assert_uint_eq(res[1], 0x01);
    rig_free(&r);
}
END_TEST

START_TEST(test_fdc_format_track)
{
    struct rig r;
    uint8_t res[7], back[512];
    rig_init(&r);
    reset_fdc(&r);
    seek(&r, 1, 3);
    for (unsigned k = 0; k < SPT; k++) {
        uint8_t id[4] = {3, 1, (uint8_t)(k + 1), 2};
        memcpy(r.mem + 0x6000 + 4 * k, id, 4);
    }
    program_dma(&r, 0x4A, 0x6000, 4 * SPT);
    const uint8_t b[6] = {0x4D, 0x04, 2, SPT, 0x54, 0xE5};
    for (unsigned k = 0; k < 6; k++)
        cmd(&r, b[k]);
    read_result7(&r, res);
    ck_assert_uint_eq(res[0] & 0xC0, 0);
    ck_assert_int_eq(blockdev_flush(r.disk), 0);
    FILE *fp = fopen(r.path, "rb");
    ck_assert_ptr_nonnull(fp);
    for (unsigned s = 1; s <= SPT; s++) {
        ck_assert_int_eq(fseek(fp, (long)lba(3, 1, s) * 512, SEEK_SET), 0);
        ck_assert_uint_eq(fread(back, 1, 512, fp), 512);
        for (unsigned i = 0; i < 512; i++)
            ck_assert_uint_eq(back[i], 0xE5);
    }
    ck_assert_int_eq(fseek(fp, (long)lba(3, 0, SPT) * 512, SEEK_SET), 0);
    ck_assert_uint_eq(fgetc(fp), pattern(lba(3, 0, SPT), 0)); /* side 0 untouched */
    fclose(fp);
    rig_free(&r);
}
END_TEST

START_TEST(test_fdc_disk_change_line)
{
    struct rig r;
    char err[256];
    rig_init(&r);
    reset_fdc(&r);
    ck_assert_uint_eq(in(&r, DIR) & 0x80, 0x80); /* set by the insert */
    seek(&r, 0, 0);                              /* no step: stays set */
    ck_assert_uint_eq(in(&r, DIR) & 0x80, 0x80);
    seek(&r, 0, 1);
    ck_assert_uint_eq(in(&r, DIR) & 0x80, 0);
    out(&r, DOR, 0x1D); /* drive 1 selected: empty, line active */
    ck_assert_uint_eq(in(&r, DIR) & 0x80, 0x80);
    out(&r, DOR, 0x1C);
    fdc_eject(r.fdc, 0);
    ck_assert_uint_eq(in(&r, DIR) & 0x80, 0x80);
    seek(&r, 0, 2); /* no disk: a step does not clear it */
    ck_assert_uint_eq(in(&r, DIR) & 0x80, 0x80);
    ck_assert_int_eq(fdc_insert(r.fdc, 0, r.disk, err, sizeof(err)), 0);
    ck_assert_uint_eq(in(&r, DIR) & 0x80, 0x80);
    seek(&r, 0, 3);
    ck_assert_uint_eq(in(&r, DIR) & 0x80, 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_fdc_invalid_command)
{
    struct rig r;
    rig_init(&r);
    reset_fdc(&r);
    unsigned rises = r.irq_rises;
    cmd(&r, 0x1F);
    ck_assert_uint_eq(in(&r, MSR), 0xD0);
    ck_assert_uint_eq(in(&r, FIFO), 0x80);
    ck_assert_uint_eq(in(&r, MSR), 0x80);
    settle(&r);
    ck_assert_uint_eq(r.irq_rises, rises);
    rig_free(&r);
}
END_TEST

START_TEST(test_fdc_pio_read_sector)
{
    struct rig r;
    uint8_t buf[512], res[7];
    rig_init(&r);
    reset_fdc(&r);
    cmd(&r, 0x03); /* SPECIFY: ND = 1 */
    cmd(&r, 0xDF);
    cmd(&r, 0x03);
    data_cmd(&r, 0x66, 0, 0, 18, 18);
    ck_assert_uint_eq(in(&r, MSR), 0x30); /* busy, non-DMA, no data yet */
    settle(&r);
    ck_assert(r.irq);
    ck_assert_uint_eq(in(&r, MSR), 0xF0);
    for (unsigned i = 0; i < 512; i++)
        buf[i] = in(&r, FIFO);
    expect_sector(buf, lba(0, 0, 18));
    ck_assert(r.irq); /* the result phase interrupts */
    for (unsigned k = 0; k < 7; k++)
        res[k] = result(&r);
    ck_assert_uint_eq(res[0], 0x00);
    ck_assert_uint_eq(res[3], 1);
    ck_assert_uint_eq(res[5], 1);
    rig_free(&r);
}
END_TEST

START_TEST(test_fdc_configure_lock_and_dumpreg)
{
    struct rig r;
    uint8_t d[10];
    rig_init(&r);
    reset_fdc(&r);
    seek(&r, 0, 7);
    cmd(&r, 0x13);
    cmd(&r, 0x00);
    cmd(&r, 0x47); /* EIS, FIFO on, threshold 7 */
    cmd(&r, 0x09);
    cmd(&r, 0x94); /* LOCK */
    ck_assert_uint_eq(result(&r), 0x10);
    cmd(&r, 0x12); /* PERPENDICULAR: OW, drive 1, GAP */
    cmd(&r, 0x8A);
    reset_fdc(&r);
    cmd(&r, 0x0E);
    for (unsigned k = 0; k < 10; k++)
        d[k] = result(&r);
    ck_assert_uint_eq(d[0], 7);
    ck_assert_uint_eq(d[7], 0x80 | 0x08); /* GAP, WGATE cleared by the reset */
    ck_assert_uint_eq(d[8], 0x07);        /* locked: FIFO settings kept, EIS cleared */
    ck_assert_uint_eq(d[9], 0x09);
    cmd(&r, 0x14); /* unlock */
    ck_assert_uint_eq(result(&r), 0x00);
    reset_fdc(&r);
    cmd(&r, 0x0E);
    for (unsigned k = 0; k < 10; k++)
        d[k] = result(&r);
    ck_assert_uint_eq(d[8], 0x20);
    ck_assert_uint_eq(d[9], 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_fdc_register_fuzz_keeps_phases_consistent)
{
    struct rig r;
    rig_init(&r);
    srand(82077);
    static const uint16_t ports[] = {0x3F0, 0x3F1, 0x3F2, 0x3F3, 0x3F4, 0x3F5, 0x3F5, 0x3F7};
    for (int k = 0; k < 50000; k++) {
        uint16_t p = ports[(unsigned)rand() % 8];
        uint8_t v = (uint8_t)rand();
        if (p == 0x3F2 && (rand() & 3))
            v |= 0x04; /* mostly out of reset */
        if (rand() & 1)
            out(&r, p, v);
        else
            in(&r, p);
        if ((rand() & 15) == 0)
            settle(&r);
        uint8_t msr = in(&r, MSR);
        if (msr & 0x40) /* DIO: data flows to the CPU only with RQM or in PIO */
            ck_assert_uint_ne(msr & 0x90, 0);
    }
    reset_fdc(&r); /* still answers afterwards */
    cmd(&r, 0x10);
    ck_assert_uint_eq(result(&r), 0x90);
    ck_assert_ptr_null(state_desc_check(&fdc_state_desc));
    rig_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fdc");
    TCase *tc = tcase_create("ports");
    tcase_add_test(tc, test_fdc_reset_raises_irq_and_four_sense_interrupts);
    tcase_add_test(tc, test_fdc_version_returns_90);
    tcase_add_test(tc, test_fdc_seek_and_sense_interrupt_status);
    tcase_add_test(tc, test_fdc_read_data_sector_via_dma);
    tcase_add_test(tc, test_fdc_write_data_reaches_image);
    tcase_add_test(tc, test_fdc_write_protected_image_reports_nw);
    tcase_add_test(tc, test_fdc_multi_sector_read_crosses_head);
    tcase_add_test(tc, test_fdc_read_id);
    tcase_add_test(tc, test_fdc_format_track);
    tcase_add_test(tc, test_fdc_disk_change_line);
    tcase_add_test(tc, test_fdc_invalid_command);
    tcase_add_test(tc, test_fdc_pio_read_sector);
    tcase_add_test(tc, test_fdc_configure_lock_and_dumpreg);
    tcase_add_test(tc, test_fdc_board_implied_seek_reads_another_cylinder);
    tcase_add_test(tc, test_fdc_register_fuzz_keeps_phases_consistent);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
