/*
 * board/pc_devices.c - read access to the machine's chips for the debugger
 * (`info device ide|serial|pic|pit|cmos|fdc`), which prints them with each device's
 * own dump function.
 *
 * Invariant: these only return pointers the machine owns; nothing here
 * changes device state.
 */
#include "blockdev.h"
#include "pc_internal.h"

struct pic *pc_pic(struct pc *m, unsigned n)
{
    return n < 2 ? m->pic[n] : NULL;
}

struct pit *pc_pit(struct pc *m)
{
    return m->pit;
}

struct rtc *pc_rtc(struct pc *m)
{
    return m->rtc;
}

struct fdc *pc_fdc(struct pc *m)
{
    return m->fdc;
}

uint64_t pc_disk_io_count(const struct pc *m, unsigned drive)
{
    if (drive < 2)
        return blockdev_io_count(m->floppy[drive]);
    return drive < 6 ? blockdev_io_count(m->ide_media[drive - 2]) : 0;
}

struct ide *pc_ide(struct pc *m)
{
    return m->ide;
}
