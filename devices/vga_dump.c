/*
 * devices/vga_dump.c - screendump files of the standard VGA: picks the
 * format from the file name and runs its writer.  Frontend-independent
 * (plain stdio).  PNGs are the whole frame of any mode (vga_render.h),
 * with blinking text and the cursor in their visible phase so that a dump
 * does not depend on the moment it is taken.  Invariant: the mode and
 * format are checked before the file is created, so an impossible dump
 * creates no file.
 */
#include "vga_dump.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "board/png.h"
#include "vga_render.h"

static const char not_text[] = "the display is not in a text mode (a .png dump shows any mode)";
static const char no_picture[] = "the display shows no picture (empty frame)";
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

/* True when the frame has pixels a PNG can hold. */
static bool frame_dumpable(struct vga *v, struct vga_frame_info *info)
{
    vga_get_frame_info(v, info);
    return info->width && info->height && info->width <= PNG_MAX_DIM && info->height <= PNG_MAX_DIM;
}

const char *vga_dump_check(struct vga *v, enum vga_dump_format fmt)
{
    struct vga_frame_info info;
    switch (fmt) {
    case VGA_DUMP_TEXT: return vga_text_snapshot(v, NULL, 0, NULL, NULL) < 0 ? not_text : NULL;
    case VGA_DUMP_PNG: return frame_dumpable(v, &info) ? NULL : no_picture;
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

/* 0x00RRGGBB pixels to the R, G, B bytes of a PNG, in place (the RGB
 * bytes of pixel k end before pixel k + 1 starts). */
static uint8_t *pixels_to_rgb(uint32_t *px, size_t count)
{
    uint8_t *rgb = (uint8_t *)px;
    for (size_t k = 0; k < count; k++) {
        uint32_t c = px[k];
        rgb[3 * k] = (uint8_t)(c >> 16);
        rgb[3 * k + 1] = (uint8_t)(c >> 8);
        rgb[3 * k + 2] = (uint8_t)c;
    }
    return rgb;
}

static const char *write_png(struct vga *v, FILE *out)
{
    struct vga_frame_info info;
    if (!frame_dumpable(v, &info))
        return no_picture;
    size_t count = (size_t)info.width * info.height;
    uint32_t *px = malloc(count * sizeof(*px));
    if (!px)
        return "out of memory";
    const char *err = no_picture;
    if (vga_render(v, px, info.width, info.width, info.height, false))
        err = png_write_rgb(out, pixels_to_rgb(px, count), info.width, info.height);
    free(px);
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
