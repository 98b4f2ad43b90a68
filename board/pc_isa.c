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
#include "devices/pic.h"
#include "devices/rtc.h"
#include "pc_internal.h"

#include <time.h> /* after clock.h: its enum has a CLOCK_REALTIME member */

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

/* The memory, equipment and boot bytes (IBM AT Technical Reference; the
 * SeaBIOS extensions are in docs/cmos.md). */
static void pc_cmos_fill(struct pc *m)
{
    struct rtc *r = m->rtc;
    uint32_t kib = m->mem.ram_size / 1024;
    uint32_t ext = kib > 1024 ? kib - 1024 : 0;
    cmos_word(r, 0x15, 640);                          /* base memory */
    cmos_word(r, 0x17, ext > 0xFFFF ? 0xFFFF : ext);  /* extended memory */
    cmos_word(r, 0x30, ext > 0xFFFF ? 0xFFFF : ext);
    uint32_t above16 = m->mem.ram_size > (16u << 20) ? (m->mem.ram_size - (16u << 20)) >> 16 : 0;
    cmos_word(r, 0x34, above16 > 0xFFFF ? 0xFFFF : above16);
    rtc_nvram_set(r, 0x10, 0x40);      /* floppy A: 1.44 MB */
    rtc_nvram_set(r, 0x14, 0x05 | 0x40); /* equipment: floppy present, 80x25 colour, 1 drive */
    rtc_nvram_set(r, 0x3D, 0x01);      /* boot: floppy first (SeaBIOS / Bochs BIOS) */
    rtc_nvram_set(r, 0x38, 0x00);
    rtc_update_checksum(r);
}

bool pc_isa_create(struct pc *m, const struct pc_config *cfg)
{
    int64_t start = cfg->icount ? EPOCH_2000 : (int64_t)time(NULL);
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

void pc_isa_destroy(struct pc *m) { rtc_destroy(m->rtc); }
