/*
 * devices/vga_dump.h - screendumps of the standard VGA to files, for any
 * frontend (monitor command, test harness, -screendump at exit).
 *
 * The format is chosen from the file name so new formats (PNG of the
 * rendered graphics, a later issue) slot in as one more enum value and
 * writer.  Today only text is written: the text screen as UTF-8 lines
 * (vga_text_snapshot).  Invariant: a failed dump leaves no partial file
 * behind when the failure is known before writing (wrong mode / format).
 */
#ifndef T86_DEVICES_VGA_DUMP_H
#define T86_DEVICES_VGA_DUMP_H

#include <stdio.h>

#include "vga.h"

/** Screendump formats. */
enum vga_dump_format {
    VGA_DUMP_TEXT, /**< ".txt": the text screen, UTF-8 */
    VGA_DUMP_UNKNOWN,
};

/** The format for @path by its extension (case-insensitive). */
enum vga_dump_format vga_dump_format_for_path(const char *path);

/**
 * Write the screen of @v to the stream @out in @fmt.  Returns NULL, or a
 * message saying why nothing (or not everything) was written.
 */
const char *vga_dump_stream(struct vga *v, FILE *out, enum vga_dump_format fmt);

/**
 * Write the screen of @v to the file @path in the format its name asks for
 * (vga_dump_format_for_path).  Returns NULL, or why it failed (for a
 * failed open or write, errno tells more).
 */
const char *vga_dump(struct vga *v, const char *path);

#endif
