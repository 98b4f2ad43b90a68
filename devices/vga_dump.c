/*
 * devices/vga_dump.c - screendump files of the standard VGA: picks the
 * format from the file name and runs its writer.  Frontend-independent
 * (plain stdio).  Invariant: the mode and format are checked before the
 * file is created, so an impossible dump creates no file.
 */
#include "vga_dump.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "board/png.h"
#include "vga_render.h"

static const char not_text[] = "the display is not in a text mode";
static const char png_graphics[] = "PNG screendumps of graphics modes come with the graphics issue";
static const char unknown[] = "unsupported screendump format (use .txt or .png)";

enum vga_dump_format vga_dump_format_for_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (dot && !strcasecmp(dot, ".txt"))
        return VGA_DUMP_TEXT;
    if (dot && !strcasecmp(dot, ".png"))
        return VGA_DUMP_PNG;
    return VGA_DUMP_UNKNOWN;
}

const char *vga_dump_check(struct vga *v, enum vga_dump_format fmt)
{
    unsigned w, h;
    switch (fmt) {
    case VGA_DUMP_TEXT: return vga_text_snapshot(v, NULL, 0, NULL, NULL) < 0 ? not_text : NULL;
    case VGA_DUMP_PNG: return vga_render_text_size(v, &w, &h) ? NULL : png_graphics;
    default: return unknown;
    }
}

/* The text screen as a malloc'ed NUL-terminated string, or NULL. */
static char *text_screen(struct vga *v, const char **err)
{
    int n = vga_text_snapshot(v, NULL, 0, NULL, NULL);
    if (n < 0) {
        *err = not_text;
        return NULL;
    }
    char *buf = malloc((size_t)n + 1);
    if (!buf) {
        *err = "out of memory";
        return NULL;
    }
    vga_text_snapshot(v, buf, (size_t)n + 1, NULL, NULL);
    return buf;
}

static const char *write_text(struct vga *v, FILE *out)
{
    const char *err = NULL;
    char *text = text_screen(v, &err);
    if (!text)
        return err;
    size_t len = strlen(text);
    if (fwrite(text, 1, len, out) != len)
        err = "write error";
    free(text);
    return err;
}

static const char *write_png(struct vga *v, FILE *out)
{
    unsigned w, h;
    if (!vga_render_text_size(v, &w, &h))
        return png_graphics;
    size_t size = (size_t)w * h * 3;
    uint8_t *rgb = malloc(size);
    if (!rgb)
        return "out of memory";
    const char *err = png_graphics;
    if (vga_render_text(v, rgb, size))
        err = png_write_rgb(out, rgb, w, h);
    free(rgb);
    return err;
}

const char *vga_dump_stream(struct vga *v, FILE *out, enum vga_dump_format fmt)
{
    switch (fmt) {
    case VGA_DUMP_TEXT: return write_text(v, out);
    case VGA_DUMP_PNG: return write_png(v, out);
    default: return unknown;
    }
}

const char *vga_dump(struct vga *v, const char *path)
{
    enum vga_dump_format fmt = vga_dump_format_for_path(path);
    const char *err = vga_dump_check(v, fmt);
    if (err)
        return err;
    FILE *f = fopen(path, fmt == VGA_DUMP_PNG ? "wb" : "w");
    if (!f)
        return "cannot create the file";
    err = vga_dump_stream(v, f, fmt);
    if (fclose(f) != 0 && !err)
        err = "write error";
    return err;
}
