/*
 * frontend/options_board.c - parsers of the options that shape the board
 * and its time: -send-keys, -boot, -rtc, -exit-after, -vga.  QEMU's
 * spellings are accepted where QEMU has the option.  Invariant (as in
 * options.c): a parser either sets its fields or returns a reason and
 * leaves struct options as it was.
 */
#define _DEFAULT_SOURCE /* timegm */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "options_internal.h"

/* One escape of -send-keys TEXT at @r (after the backslash): the character
 * it stands for, with *@len the characters consumed; -1 if unknown. */
static int send_keys_escape(const char *r, unsigned *len)
{
    *len = 1;
    switch (r[0]) {
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'b': return '\b';
    case 'e': return 0x1B;
    case '\\': return '\\';
    case '^':
        *len = 2;
        if ((r[1] >= 'A' && r[1] <= 'Z') || (r[1] >= 'a' && r[1] <= 'z'))
            return (r[1] & 0x1F);
        return -1;
    default: return -1;
    }
}

/* Seconds (>= 0, at most a million, a fraction allowed) ending at a
 * character in @stops; 0 or -1. */
static int parse_seconds(const char *a, const char *stops, double *out, char **end)
{
    double v = strtod(a, end);
    if (*end == a || !strchr(stops, **end) || !(v >= 0 && v <= 1e6))
        return -1;
    *out = v;
    return 0;
}

const char *options_set_send_keys(struct options *o, const char *a)
{
    char *end;
    double at;
    if (parse_seconds(a, ":", &at, &end) || !*end)
        return "expected SECONDS:TEXT, e.g. 20:ver\\n";
    if (o->send_keys_count == OPTIONS_MAX_SEND_KEYS)
        return "too many -send-keys options";
    char *text = malloc(strlen(end + 1) + 1), *w = text;
    if (!text)
        return "out of memory";
    for (const char *r = end + 1; *r; r++) {
        unsigned len;
        int c = *r == '\\' ? send_keys_escape(r + 1, &len) : *r;
        if (c < 0) {
            free(text);
            return "unknown escape in TEXT (known: \\n \\r \\t \\b \\e \\\\ \\^X)";
        }
        if (*r == '\\')
            r += len;
        *w++ = (char)c;
    }
    *w = 0;
    o->send_keys[o->send_keys_count].text = text;
    o->send_keys[o->send_keys_count].at_ns = (uint64_t)(at * 1e9);
    o->send_keys_count++;
    return NULL;
}

const char *options_set_exit_after(struct options *o, const char *a)
{
    char *end;
    double s;
    if (parse_seconds(a, "", &s, &end) || s <= 0)
        return "expected a positive number of seconds of guest time";
    o->exit_after_ns = (uint64_t)(s * 1e9);
    return NULL;
}

/* The boot letters in @v (up to @vlen chars); 0 or -1. */
static int boot_letters(const char *v, size_t vlen, char out[8])
{
    if (vlen == 0 || vlen > 4)
        return -1;
    for (size_t i = 0; i < vlen; i++)
        if (!strchr("abcdn", v[i]) || memchr(v, v[i], i))
            return -1;
    memcpy(out, v, vlen);
    out[vlen] = 0;
    return 0;
}

/* One -boot sub-option "key=value" (or bare letters) of length @n. */
static const char *boot_item(const char *p, size_t n, char order[8], int *menu)
{
    if (!memchr(p, '=', n))
        return boot_letters(p, n, order) ? "expected boot letters from a, b, c, d, n" : NULL;
    if (!strncmp(p, "order=", 6) || !strncmp(p, "once=", 5)) {
        size_t k = p[1] == 'r' ? 6 : 5;
        return boot_letters(p + k, n - k, order) ? "expected boot letters from a, b, c, d, n"
                                                 : NULL;
    }
    if (n == 7 && !strncmp(p, "menu=on", 7))
        *menu = 1;
    else if (n == 8 && !strncmp(p, "menu=off", 8))
        *menu = 0;
    else if (!strncmp(p, "splash-time=", 12) || !strncmp(p, "reboot-timeout=", 15) ||
             !strncmp(p, "strict=", 7))
        return NULL; /* SeaBIOS tuning trap86 leaves at its defaults */
    else
        return "expected [order=]LETTERS, menu=on|off";
    return NULL;
}

const char *options_set_boot(struct options *o, const char *a)
{
    char order[8];
    int menu = o->boot_menu;
    snprintf(order, sizeof(order), "%s", o->boot_order);
    for (const char *p = a; *p;) {
        size_t n = strcspn(p, ",");
        const char *err = boot_item(p, n, order, &menu);
        if (err)
            return err;
        p += n + (p[n] == ',');
    }
    memcpy(o->boot_order, order, sizeof(order));
    o->boot_menu = menu;
    return NULL;
}

/* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS" as seconds since 1970 (UTC); 0/-1. */
static int parse_rtc_date(const char *s, size_t n, int64_t *out)
{
    struct tm tm = {0};
    char buf[32], tail;
    if (n >= sizeof(buf))
        return -1;
    memcpy(buf, s, n);
    buf[n] = 0;
    int got = sscanf(buf, "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                     &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &tail);
    if ((got != 3 && got != 6) || (got == 3 && n != 10))
        return -1;
    if (tm.tm_year < 1980 || tm.tm_year > 2099 || tm.tm_mon < 1 || tm.tm_mon > 12 ||
        tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 59)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *out = (int64_t)timegm(&tm);
    return 0;
}

/* The RTC's start for "base=V" (V of length @n): UTC or local now, or a date. */
static const char *rtc_base(struct options *o, const char *v, size_t n)
{
    time_t now = time(NULL);
    struct tm local;
    if (n == 3 && !strncmp(v, "utc", 3)) {
        o->rtc_base = (int64_t)now;
    } else if (n == 9 && !strncmp(v, "localtime", 9) && localtime_r(&now, &local)) {
        o->rtc_base = (int64_t)now + local.tm_gmtoff;
    } else if (parse_rtc_date(v, n, &o->rtc_base)) {
        return "expected base=utc, base=localtime or base=YYYY-MM-DD[THH:MM:SS] (1980-2099)";
    }
    o->rtc_base_set = true;
    return NULL;
}

const char *options_set_rtc(struct options *o, const char *a)
{
    struct options saved = *o;
    for (const char *p = a; *p;) {
        size_t n = strcspn(p, ",");
        const char *err = NULL;
        if (!strncmp(p, "base=", 5))
            err = rtc_base(o, p + 5, n - 5);
        else if (strncmp(p, "clock=", 6) && strncmp(p, "driftfix=", 9))
            err = "expected base=utc|localtime|DATE (clock= and driftfix= are accepted)";
        if (err) {
            *o = saved;
            return err;
        }
        p += n + (p[n] == ',');
    }
    return NULL;
}

const char *options_set_vga(struct options *o, const char *a)
{
    if (!strcmp(a, "none"))
        o->no_vga = true;
    else if (!strcmp(a, "std"))
        o->no_vga = false;
    else
        return "expected std or none";
    return NULL;
}
