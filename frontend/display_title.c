/*
 * frontend/display_title.c - the window title's text (display_title.h).
 * Pure functions; every string is cut to its buffer, never overrun.
 */
#include <stdio.h>
#include <string.h>

#include "display_title.h"
#include "frontend.h"

/* Append @s to @buf (@len bytes, @buf already terminated), cutting it. */
static void append(char *buf, size_t len, const char *s)
{
    size_t used = strlen(buf);
    if (used + 1 < len)
        snprintf(buf + used, len - used, "%s", s);
}

void display_title_format(char *buf, size_t len, const struct display_title *t)
{
    char part[64];
    if (!len)
        return;
    snprintf(buf, len, "trap86 - %s", t->running ? "running" : "stopped");
    if (t->running) {
        snprintf(part, sizeof(part), t->mips < 10 ? " - %.1f MIPS" : " - %.0f MIPS", t->mips);
        append(buf, len, part);
    }
    const char *tail[] = {t->mode, t->disks, t->grabbed ? "Ctrl+Alt+G releases the mouse" : NULL};
    for (unsigned k = 0; k < 3; k++)
        if (tail[k] && *tail[k]) {
            append(buf, len, " - ");
            append(buf, len, tail[k]);
        }
}

/* The file name of @path: what follows its last '/'. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Append " NAME: file" for drive @name holding @path (nothing when NULL). */
static void add_drive(char *buf, size_t len, const char *name, const char *path, bool busy)
{
    if (!path)
        return;
    if (*buf)
        append(buf, len, " ");
    append(buf, len, name);
    append(buf, len, busy ? "*: " : ": ");
    append(buf, len, base_name(path));
}

void display_title_disks(char *buf, size_t len, const struct options *o, const char *floppy0,
                         unsigned busy)
{
    static const char *const ide_name[4] = {"C", "D", "E", "F"};
    if (!len)
        return;
    *buf = 0;
    bool demo = !o->bios && !o->floppy[0] && !o->floppy[1] && !o->kernel && !o->ide[0] &&
                !o->ide[1] && !o->ide[2] && !o->ide[3];
    add_drive(buf, len, "A", floppy0 ? floppy0 : demo ? "demo" : o->floppy[0], busy & 1);
    add_drive(buf, len, "B", o->floppy[1], busy >> 1 & 1);
    for (unsigned k = 0; k < 4; k++)
        add_drive(buf, len, o->ide_cd[k] ? "CD" : ide_name[k], o->ide[k], busy >> (2 + k) & 1);
}

double display_title_mips(uint64_t insns, uint64_t ns)
{
    return ns ? (double)insns * 1e3 / (double)ns : 0.0;
}
