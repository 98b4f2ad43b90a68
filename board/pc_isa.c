/*
 * board/pc_isa.c - the ISA devices beyond the interrupt and timer chips:
 * the MC146818 RTC/CMOS (ports 0x70/0x71 and the 0x72/0x73 bank, IRQ 8)
 * and the CMOS map the board fills for the firmware (docs/cmos.md).
 *
 * Invariant: the CMOS contents describe this machine (memory sizes,
 * equipment, boot order) and carry a valid checksum after every reset.
 * The RTC starts at the host time, or at 2000-01-01T00:00:00 UTC with
 * -icount so that runs are reproducible.
 */
#include "blockdev.h"
#include "devices/pic.h"
#include "devices/rtc.h"
#include "pc_internal.h"

#include <time.h>

enum { EPOCH_2000 = 946684800 };

/* IRQ 8 is input 0 of the slave 8259A. */
static void pc_rtc_irq(void *opaque, unsigned n, bool level)
{
    struct pc *m = opaque;
    pic_set_irq(m->pic[1], 0, level);
}

static void cmos_word(struct rtc *r, unsigned lo, uint32_t v)
{
    rtc_nvram_set(r, lo, (uint8_t)v);
    rtc_nvram_set(r, lo + 1, (uint8_t)(v >> 8));
}

/*
 * Boot sequence for BIOSes that read it from CMOS (Bochs BIOS; SeaBIOS
 * without a bootorder file): 0x3D bits 3-0 first device, 7-4 second, 0x38
 * bits 7-4 third; 1 floppy, 2 hard disk, 3 CD-ROM, 4 network (docs/cmos.md).
 */
static void pc_cmos_boot(struct pc *m)
{
    uint8_t dev[3] = {0, 0, 0};
    unsigned n = 0;
    for (const char *p = m->boot_order; *p && n < 3; p++) {
        uint8_t d = (*p == 'a' || *p == 'b') ? 1 : *p == 'c' ? 2 : *p == 'd' ? 3 : 4;
        if (d && (n == 0 || dev[n - 1] != d))
            dev[n++] = d;
    }
    rtc_nvram_set(m->rtc, 0x3D, (uint8_t)(dev[0] | dev[1] << 4));
    rtc_nvram_set(m->rtc, 0x38, (uint8_t)(dev[2] << 4));
}

/*
 * CMOS drive type (0x10: 1 360K, 2 1.2M, 3 720K, 4 1.44M, 5 2.88M) of the
 * drive that holds @b: a 2.88M drive for 2.88M disks, else a 1.44M drive
 * (also when empty).  The FDC model reads any geometry in any drive with
 * one step per cylinder, so no 5.25" type is reported: a BIOS would
 * double-step 40-track disks in a 1.2M drive.
 */
static uint8_t cmos_drive_type(const struct blockdev *b)
{
    const struct floppy_geometry *g = b ? blockdev_floppy_geometry(b, NULL, 0) : NULL;
    return g && g->bytes >= 2949120 ? 5 : 4;
}

/* The memory, equipment and boot bytes (IBM AT Technical Reference; the
 * SeaBIOS extensions are in docs/cmos.md). */
static void pc_cmos_fill(struct pc *m)
{
    struct rtc *r = m->rtc;
    uint32_t kib = m->mem.ram_size / 1024;
    uint32_t ext = kib > 1024 ? kib - 1024 : 0;
    cmos_word(r, 0x15, 640);                         /* base memory */
    cmos_word(r, 0x17, ext > 0xFFFF ? 0xFFFF : ext); /* extended memory */
    cmos_word(r, 0x30, ext > 0xFFFF ? 0xFFFF : ext);
    uint32_t above16 = m->mem.ram_size > (16u << 20) ? (m->mem.ram_size - (16u << 20)) >> 16 : 0;
    cmos_word(r, 0x34, above16 > 0xFFFF ? 0xFFFF : above16);
    uint8_t a = cmos_drive_type(m->floppy[0]), b = m->floppy[1] ? cmos_drive_type(m->floppy[1]) : 0;
    rtc_nvram_set(r, 0x10, (uint8_t)(a << 4 | b)); /* drive types: A high nibble, B low */
    /* equipment: bit 0 floppies present, bits 5-4 = 00 (EGA/VGA: own BIOS),
     * bits 7-6 drives - 1 (IBM AT Technical Reference, CMOS 0x14) */
    rtc_nvram_set(r, 0x14, (uint8_t)(0x01 | (b ? 0x40 : 0x00)));
    pc_cmos_boot(m);
    pc_ide_cmos(m, r);
    rtc_update_checksum(r);
}

bool pc_isa_create(struct pc *m, const struct pc_config *cfg)
{
    int64_t start = cfg->rtc_base_set ? cfg->rtc_base
                    : cfg->icount     ? EPOCH_2000
                                      : (int64_t)time(NULL);
    m->rtc = rtc_create(m->io, RTC_PORT, &m->clock, irq_line_make(pc_rtc_irq, m, 8), start);
    if (!m->rtc || rtc_map_extended(m->rtc, m->io, RTC_EXT_PORT) != 0)
        return false;
    pc_cmos_fill(m);
    return true;
}

void pc_isa_reset(struct pc *m)
{
    rtc_reset(m->rtc);
    pc_cmos_fill(m);
}

void pc_isa_destroy(struct pc *m)
{
    rtc_destroy(m->rtc);
}
