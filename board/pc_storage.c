/*
 * board/pc_storage.c - the floppy subsystem: the 8237 DMA pair (ports
 * 0x00-0x0F, 0xC0-0xDF, page registers 0x81-0x8F) and the 82077 floppy
 * controller (0x3F0-0x3F5, 0x3F7; IRQ 6; DMA channel 2) with the drives
 * the command line gave (-fda, -fdb).
 *
 * Invariants: DMA writes to guest memory go through the memory map and
 * tell the CPU which physical bytes changed, so decoded code stays
 * coherent; the machine owns the block devices in its drives (m->floppy,
 * the same ones the FDC holds) and closes, so flushes, each one when it is
 * ejected, replaced or the machine is destroyed.
 */
#include <stdio.h>

#include "blockdev.h"
#include "devices/dma.h"
#include "devices/fdc.h"
#include "devices/pic.h"
#include "pc_internal.h"

/* DMA reads of guest memory (RAM, ROM or MMIO through the map). */
static void pc_dma_read(void *opaque, uint32_t paddr, void *buf, size_t len)
{
    struct pc *m = opaque;
    uint8_t *out = buf;
    for (size_t k = 0; k < len; k++)
        out[k] = (uint8_t)memmap_read(&m->mem, paddr + (uint32_t)k, 1);
}

/* DMA writes: the bytes land in memory and decoded code there is dropped. */
static void pc_dma_write(void *opaque, uint32_t paddr, const void *buf, size_t len)
{
    struct pc *m = opaque;
    const uint8_t *in = buf;
    for (size_t k = 0; k < len; k++)
        memmap_write(&m->mem, paddr + (uint32_t)k, in[k], 1);
    cpu_invalidate_phys(m->cpu, paddr, (uint32_t)len);
}

static size_t pc_fdc_dma(void *opaque, void *buf, size_t len, bool to_memory)
{
    return dma_transfer(((struct pc *)opaque)->dma, 2, buf, len, to_memory);
}

/* IRQ 6 is input 6 of the master 8259A. */
static void pc_fdc_irq(void *opaque, unsigned n, bool level)
{
    pic_set_irq(((struct pc *)opaque)->pic[0], 6, level);
}

bool pc_storage_create(struct pc *m, const struct pc_config *cfg)
{
    static const struct dma_mem_ops ops = {pc_dma_read, pc_dma_write};
    m->dma = dma_create(m->io, &ops, m);
    if (!m->dma)
        return false;
    struct fdc_config fc = {
        m->io,      FDC_PORT, &m->clock, irq_line_make(pc_fdc_irq, m, 6),
        pc_fdc_dma, m,        2,         true /* implied seek: the Bochs BIOS needs it (fdc.h) */};
    m->fdc = fdc_create(&fc);
    if (!m->fdc)
        return false;
    bool ok = true;
    for (unsigned d = 0; d < 2; d++) {
        char err[160];
        if (m->floppy[d] && fdc_insert(m->fdc, d, m->floppy[d], err, sizeof(err)) != 0)
            ok = false;
    }
    return ok;
}

int pc_floppy_change(struct pc *m, unsigned drive, const char *path, char *err, size_t errlen)
{
    if (drive > 1 || !m->fdc) {
        snprintf(err, errlen, "no floppy drive %u", drive);
        return -1;
    }
    struct blockdev *b = blockdev_open(path, m->snapshot ? BLOCKDEV_SNAPSHOT : 0, err, errlen);
    if (!b)
        return -1;
    if (!blockdev_floppy_geometry(b, err, errlen) || fdc_insert(m->fdc, drive, b, err, errlen)) {
        blockdev_close(b);
        return -1;
    }
    blockdev_close(m->floppy[drive]);
    m->floppy[drive] = b;
    return 0;
}

int pc_floppy_eject(struct pc *m, unsigned drive)
{
    if (drive > 1 || !m->fdc || !m->floppy[drive])
        return -1;
    fdc_eject(m->fdc, drive);
    blockdev_close(m->floppy[drive]);
    m->floppy[drive] = NULL;
    return 0;
}

bool pc_floppy_readonly(const struct pc *m, unsigned drive)
{
    return drive < 2 && m->floppy[drive] && blockdev_readonly(m->floppy[drive]);
}

void pc_storage_reset(struct pc *m)
{
    dma_reset(m->dma);
    fdc_reset(m->fdc);
}

void pc_storage_destroy(struct pc *m)
{
    fdc_destroy(m->fdc);
    dma_destroy(m->dma);
    for (unsigned d = 0; d < 2; d++)
        blockdev_close(m->floppy[d]); /* flushes what the guest wrote */
}
