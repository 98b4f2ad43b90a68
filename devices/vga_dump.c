/*
 * devices/vga_dump.c - screendump files of the standard VGA: picks the
 * format from the file name and runs its writer.  Frontend-independent
 * (plain stdio).  Invariant: the mode and format are checked before the
 * file is created, so an impossible dump creates no file.
 */
#include "vga_dump.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum vga_dump_format vga_dump_format_for_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (dot && !strcasecmp(dot, ".txt"))
        return VGA_DUMP_TEXT;
    return VGA_DUMP_UNKNOWN;
}

/* The text screen as a malloc'ed NUL-terminated string, or NULL. */
static char *text_screen(struct vga *v, const char **err)
{
    int n = vga_text_snapshot(v, NULL, 0, NULL, NULL);
    if (n < 0) {
        *err = "the display is not in a text mode";
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

const char *vga_dump_stream(struct vga *v, FILE *out, enum vga_dump_format fmt)
{
    const char *err = NULL;
    if (fmt != VGA_DUMP_TEXT)
        return "unsupported screendump format (only .txt so far)";
    char *text = text_screen(v, &err);
    if (!text)
        return err;
    size_t len = strlen(text);
    if (fwrite(text, 1, len, out) != len)
        err = "write error";
    free(text);
    return err;
}

const char *vga_dump(struct vga *v, const char *path)
{
    enum vga_dump_format fmt = vga_dump_format_for_path(path);
    if (fmt == VGA_DUMP_UNKNOWN)
        return "unsupported screendump format (only .txt so far)";
    if (fmt == VGA_DUMP_TEXT && vga_text_snapshot(v, NULL, 0, NULL, NULL) < 0)
        return "the display is not in a text mode";
    FILE *f = fopen(path, "w");
    if (!f)
        return "cannot create the file";
    const char *err = vga_dump_stream(v, f, fmt);
    if (fclose(f) != 0 && !err)
        err = "write error";
    return err;
}
