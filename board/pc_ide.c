/*
 * board/pc_ide.c - the hard disks and the CD-ROM: the PIIX3 IDE function
 * (00:01.1, bus master at BAR4) and the two legacy channels (0x1F0/0x3F6 on
 * IRQ 14, 0x170/0x376 on IRQ 15), with the drives the command line gave
 * (-hda, -hdb, -cdrom; pc_config.ide[n] is drive n: primary master, primary
 * slave, secondary master, secondary slave), and their CMOS bytes.
 *
 * Invariants: bus-master DMA writes to guest memory go through the memory
 * map and invalidate decoded code there; the machine owns the images in
 * m->ide_media (the same ones the channels hold) and closes, so flushes,
 * each one when it is replaced or the machine is destroyed.
 */
#include <stdio.h>

#include "blockdev.h"
#include "devices/ide.h"
#include "devices/piix3_ide.h"
#include "devices/rtc.h"
#include "pc_internal.h"

/* Bus-master reads of guest memory (through the map). */
static void pc_ide_mem_read(void *opaque, uint32_t paddr, void *buf, size_t len)
{
    struct pc *m = opaque;
    uint8_t *out = buf;
    for (size_t k = 0; k < len; k++)
        out[k] = (uint8_t)memmap_read(&m->mem, paddr + (uint32_t)k, 1);
}

/* Bus-master writes: the bytes land and decoded code there is dropped. */
static void pc_ide_mem_write(void *opaque, uint32_t paddr, const void *buf, size_t len)
{
    struct pc *m = opaque;
    const uint8_t *in = buf;
    for (size_t k = 0; k < len; k++)
        memmap_write(&m->mem, paddr + (uint32_t)k, in[k], 1);
    cpu_invalidate_phys(m->cpu, paddr, (uint32_t)len);
}

/* The first IDE CD-ROM drive, or -1. */
static int cd_drive(const struct pc *m)
{
    for (unsigned n = 0; n < IDE_DRIVES; n++)
        if (m->ide_cd[n])
            return (int)n;
    return -1;
}

bool pc_cd_present(const struct pc *m)
{
    return cd_drive(m) >= 0;
}

bool pc_ide_create(struct pc *m, const struct pc_config *cfg)
{
    static const struct dma_mem_ops ops = {pc_ide_mem_read, pc_ide_mem_write};
    struct ide_config ic = {m->io,
                            &m->clock,
                            {irq_line_make(pc_isa_irq, m, IDE_PRIMARY_IRQ),
                             irq_line_make(pc_isa_irq, m, IDE_SECONDARY_IRQ)},
                            &ops,
                            m};
    m->ide = ide_create(&ic);
    m->ide_pci = m->ide ? piix3_ide_create(m->pci, m->io, m->ide) : NULL;
    if (!m->ide_pci)
        return false;
    for (unsigned n = 0; n < IDE_DRIVES; n++) {
        char err[160];
        int rc = 0;
        if (m->ide_cd[n])
            rc = ide_attach_cdrom(m->ide, n, m->ide_media[n], err, sizeof(err));
        else if (m->ide_media[n])
            rc = ide_attach_disk(m->ide, n, m->ide_media[n], err, sizeof(err));
        if (rc != 0)
            return false;
    }
    return true;
}

void pc_ide_reset(struct pc *m)
{
    ide_reset(m->ide);
    piix3_ide_reset(m->ide_pci);
}

void pc_ide_destroy(struct pc *m)
{
    piix3_ide_destroy(m->ide_pci);
    ide_destroy(m->ide);
    for (unsigned n = 0; n < IDE_DRIVES; n++)
        blockdev_close(m->ide_media[n]); /* flushes what the guest wrote */
}

int pc_cd_change(struct pc *m, const char *path, bool force, char *err, size_t errlen)
{
    int n = cd_drive(m);
    if (n < 0 || !m->ide) {
        snprintf(err, errlen, "no CD-ROM drive (give -cdrom)");
        return -1;
    }
    struct blockdev *b = NULL;
    if (path) {
        b = blockdev_open(path, BLOCKDEV_READONLY, err, errlen);
        if (!b)
            return -1;
    }
    char why[200];
    if (ide_cd_change(m->ide, (unsigned)n, b, force, why, sizeof(why)) != 0) {
        snprintf(err, errlen, "%s%s%s", path ? path : "", path ? ": " : "", why);
        blockdev_close(b);
        return -1;
    }
    blockdev_close(m->ide_media[n]);
    m->ide_media[n] = b;
    return 0;
}

/*
 * Hard disk bytes for BIOSes that read them (IBM AT CMOS 0x12, 0x19/0x1A
 * "type 47" user types; the user-type parameter blocks at 0x1B-0x23 and
 * 0x24-0x2C: cylinders, heads, write precompensation, control byte,
 * landing zone, sectors; see docs/cmos.md).  The geometry is the one the
 * drive reports in IDENTIFY (16 heads, 63 sectors per track).
 */
void pc_ide_cmos(struct pc *m, struct rtc *r)
{
    uint8_t types = 0;
    for (unsigned n = 0; n < 2; n++) {
        struct blockdev *b = m->ide_cd[n] ? NULL : m->ide_media[n];
        if (!b)
            continue;
        uint64_t cyls = blockdev_sectors(b) / (16 * 63);
        cyls = cyls > 16383 ? 16383 : cyls ? cyls : 1;
        unsigned at = n ? 0x24 : 0x1B;
        types |= (uint8_t)(0xF0 >> (4 * n));
        rtc_nvram_set(r, 0x19 + n, 47);
        rtc_nvram_set(r, at, (uint8_t)cyls);
        rtc_nvram_set(r, at + 1, (uint8_t)(cyls >> 8));
        rtc_nvram_set(r, at + 2, 16);
        rtc_nvram_set(r, at + 3, 0xFF); /* no write precompensation */
        rtc_nvram_set(r, at + 4, 0xFF);
        rtc_nvram_set(r, at + 5, 0xC8); /* more than 8 heads */
        rtc_nvram_set(r, at + 6, (uint8_t)cyls);
        rtc_nvram_set(r, at + 7, (uint8_t)(cyls >> 8));
        rtc_nvram_set(r, at + 8, 63);
    }
    rtc_nvram_set(r, 0x12, types);
}
