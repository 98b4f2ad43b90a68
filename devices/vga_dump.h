/*
 * devices/vga_dump.h - screendumps of the standard VGA to files, for any
 * frontend (monitor command, test harness, -screendump at exit).
 *
 * The format is chosen from the file name, each format is one enum value
 * and writer: ".txt" the text screen as UTF-8 lines (vga_text_snapshot;
 * text modes only), ".png" the frame's pixels in any mode (vga_render,
 * board/png.h).  Invariant: a failed dump leaves no partial file behind
 * when the failure is known before writing (wrong mode / format).
 */
#ifndef T86_DEVICES_VGA_DUMP_H
#define T86_DEVICES_VGA_DUMP_H

#include <stdio.h>

#include "vga.h"

/** Screendump formats. */
enum vga_dump_format {
    VGA_DUMP_TEXT, /**< ".txt": the text screen, UTF-8 */
    VGA_DUMP_PNG,  /**< ".png": the frame's pixels (any mode), 8-bit RGB */
    VGA_DUMP_UNKNOWN,
};

/** The format for @path by its extension (case-insensitive). */
enum vga_dump_format vga_dump_format_for_path(const char *path);

/**
 * Why the screen of @v cannot be dumped in @fmt (unknown format, a text
 * dump of a graphics mode, an empty frame), or NULL when it can.
 */
const char *vga_dump_check(struct vga *v, enum vga_dump_format fmt);

/**
 * Write the screen of @v to the stream @out in @fmt (a binary stream for
 * VGA_DUMP_PNG).  Returns NULL, or a message saying why nothing (or not
 * everything) was written.
 */
const char *vga_dump_stream(struct vga *v, FILE *out, enum vga_dump_format fmt);

/**
 * Write the screen of @v to the file @path in the format its name asks for
 * (vga_dump_format_for_path).  Returns NULL, or why it failed (for a
 * failed open or write, errno tells more).
 */
const char *vga_dump(struct vga *v, const char *path);

#endif
