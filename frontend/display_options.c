/*
 * frontend/display_options.c - the options that choose where the guest's
 * screen goes: -display none|sdl[,integer=on|off][,full-screen=on|off],
 * -nographic and -full-screen (QEMU's spellings; docs/window.md).
 *
 * Invariant (as in options.c): a parser either sets its fields or returns
 * a one-line reason and leaves struct options as it was.
 */
#include <string.h>

#include "options_internal.h"

/* "on" / "off" (QEMU also takes yes/no, true/false) of length @n; -1 otherwise. */
static int parse_switch(const char *v, size_t n)
{
    static const char *const yes[] = {"on", "yes", "true"}, *const no[] = {"off", "no", "false"};
    for (unsigned k = 0; k < 3; k++) {
        if (strlen(yes[k]) == n && !strncmp(v, yes[k], n))
            return 1;
        if (strlen(no[k]) == n && !strncmp(v, no[k], n))
            return 0;
    }
    return -1;
}

/* One ",key=value" of -display sdl (@n characters at @p) into @o. */
static const char *display_item(struct options *o, const char *p, size_t n)
{
    const char *eq = memchr(p, '=', n);
    size_t klen = eq ? (size_t)(eq - p) : n;
    int on = eq ? parse_switch(eq + 1, n - klen - 1) : -1;
    if (klen == 7 && !strncmp(p, "integer", 7) && on >= 0)
        o->display_integer = on;
    else if (klen == 11 && !strncmp(p, "full-screen", 11) && on >= 0)
        o->display_fullscreen = on;
    else
        return "expected sdl[,integer=on|off][,full-screen=on|off] or none";
    return NULL;
}

const char *options_set_display(struct options *o, const char *a)
{
    size_t n = strcspn(a, ",");
    if (n == 4 && !strncmp(a, "none", 4) && !a[n]) {
        o->display = FE_DISPLAY_NONE;
        return NULL;
    }
    if (n != 3 || strncmp(a, "sdl", 3))
        return "expected sdl[,integer=on|off][,full-screen=on|off] or none";
    struct options saved = *o;
    for (const char *p = a + n; *p;) {
        p++; /* the comma */
        size_t len = strcspn(p, ",");
        const char *err = display_item(o, p, len);
        if (err) {
            *o = saved;
            return err;
        }
        p += len;
    }
    o->display = FE_DISPLAY_SDL;
    return NULL;
}

const char *options_set_nographic(struct options *o, const char *a)
{
    o->display = FE_DISPLAY_NONE;
    return NULL;
}

const char *options_set_full_screen(struct options *o, const char *a)
{
    o->display_fullscreen = true;
    return NULL;
}
