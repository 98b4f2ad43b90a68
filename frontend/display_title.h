/*
 * frontend/display_title.h - the window's title bar, "trap86 - running -
 * 42 MIPS - text 80x25 - A: fd.img", and the disk list it ends with: pure
 * string building, unit-tested (tests/window/test_display_title.c).
 *
 * Disk activity: a drive read or written since the previous title (about
 * every half second) is marked with a star ("A*: fd.img").
 */
#ifndef T86_FRONTEND_DISPLAY_TITLE_H
#define T86_FRONTEND_DISPLAY_TITLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct options;

/** What the title shows. */
struct display_title {
    bool running;      /**< false: "stopped" (a debugger holds the guest), no MIPS */
    double mips;       /**< millions of instructions per host second */
    const char *mode;  /**< pc_display_info's mode name; "" or NULL: left out */
    const char *disks; /**< display_title_disks; "" or NULL: left out */
    bool grabbed;      /**< the mouse is grabbed: say how to release it */
};

/** Write the title @t describes into @buf (@len bytes, always terminated). */
void display_title_format(char *buf, size_t len, const struct display_title *t);
/**
 * The disks of @o as "A: fd.img C: hd.img CD: cd.iso" (file names without
 * their directories; "A: demo" for the built-in demo floppy, @floppy0
 * instead of -fda when not NULL: a disk changed since) into @buf.  A drive
 * whose bit is set in @busy (bit 0 A:, 1 B:, 2-5 IDE drives 0-3) was read
 * or written since the last title and shows as "A*:".
 */
void display_title_disks(char *buf, size_t len, const struct options *o, const char *floppy0,
                         unsigned busy);
/** MIPS from @insns instructions retired in @ns host nanoseconds (0 when @ns is 0). */
double display_title_mips(uint64_t insns, uint64_t ns);

#endif
