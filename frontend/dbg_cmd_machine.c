/*
 * frontend/dbg_cmd_machine.c - monitor commands that act on the machine's
 * removable media, keyboard and screen, named and spelled as QEMU's
 * monitor has them:
 *   change floppy0|floppy1|fda|fdb|cdrom|ide1-cd0 FILE,
 *   eject [-f] floppy0|...|cdrom (-f: even when the guest locked the tray),
 *   sendkey KEYS (e.g. ctrl-alt-delete, shift-a, ret),
 *   screendump FILE (.txt or .png).
 * Invariant: a failed command changes nothing (change keeps the old disk).
 */
#include <string.h>

#include "board/pc.h"
#include "dbg_commands.h"
#include "dbg_internal.h"
#include "devices/ps2kbd.h"

/* Floppy drive number of a QEMU device name; -1 if none. */
static int floppy_drive(const char *name)
{
    if (!strcmp(name, "floppy0") || !strcmp(name, "fda"))
        return 0;
    if (!strcmp(name, "floppy1") || !strcmp(name, "fdb"))
        return 1;
    return -1;
}

/* QEMU's names for the CD-ROM drive. */
static bool is_cdrom(const char *name)
{
    return !strcmp(name, "cdrom") || !strcmp(name, "ide1-cd0");
}

/* change cdrom FILE / eject [-f] cdrom: @path NULL empties the drive. */
static void change_cd(struct dbg *d, const char *dev, const char *path, bool force, FILE *out)
{
    char err[256];
    if (pc_cd_change(d->m, path, force, err, sizeof(err)) != 0)
        fprintf(out, "Error: %s %s: %s\n", path ? "change" : "eject", dev, err);
    else if (path)
        fprintf(out, "%s: inserted '%s' (read-only)\n", dev, path);
    else
        fprintf(out, "%s: ejected\n", dev);
}

bool dbg_cmd_change(struct dbg *d, char *args, FILE *out)
{
    char *path, *dev = dbg_cmd_split(args, &path);
    int drive = floppy_drive(dev);
    if (is_cdrom(dev) && *path) {
        change_cd(d, dev, path, false, out);
        return true;
    }
    if (drive < 0 || !*path) {
        fprintf(out, "Error: usage: change floppy0|floppy1|cdrom FILE\n");
        return true;
    }
    char err[256];
    if (pc_floppy_change(d->m, (unsigned)drive, path, err, sizeof(err)) != 0)
        fprintf(out, "Error: change %s: %s\n", dev, err);
    else
        fprintf(out, "%s: inserted '%s'%s\n", dev, path,
                pc_floppy_readonly(d->m, (unsigned)drive) ? " (read-only)" : "");
    return true;
}

bool dbg_cmd_eject(struct dbg *d, char *args, FILE *out)
{
    char *dev = args;
    bool force = !strncmp(dev, "-f", 2) && (dev[2] == ' ' || dev[2] == '\t');
    if (force)
        dev += 3; /* QEMU's force flag: a floppy never refuses anyway */
    dev += strspn(dev, " \t");
    int drive = floppy_drive(dev);
    if (is_cdrom(dev))
        change_cd(d, dev, NULL, force, out);
    else if (drive < 0)
        fprintf(out, "Error: usage: eject [-f] floppy0|floppy1|cdrom\n");
    else if (pc_floppy_eject(d->m, (unsigned)drive) != 0)
        fprintf(out, "Error: eject %s: no disk in the drive\n", dev);
    else
        fprintf(out, "%s: ejected (image flushed and closed)\n", dev);
    return true;
}

/* QEMU's key names (qcodes) that are not a single letter or digit. */
static const struct {
    const char *name;
    enum t86_key key;
} key_names[] = {
    {"shift", T86_KEY_LSHIFT},
    {"shift_r", T86_KEY_RSHIFT},
    {"ctrl", T86_KEY_LCTRL},
    {"ctrl_r", T86_KEY_RCTRL},
    {"alt", T86_KEY_LALT},
    {"alt_r", T86_KEY_RALT},
    {"meta_l", T86_KEY_LMETA},
    {"meta_r", T86_KEY_RMETA},
    {"menu", T86_KEY_MENU},
    {"esc", T86_KEY_ESC},
    {"minus", T86_KEY_MINUS},
    {"equal", T86_KEY_EQUAL},
    {"backspace", T86_KEY_BACKSPACE},
    {"tab", T86_KEY_TAB},
    {"bracket_left", T86_KEY_LBRACKET},
    {"bracket_right", T86_KEY_RBRACKET},
    {"ret", T86_KEY_ENTER},
    {"semicolon", T86_KEY_SEMICOLON},
    {"apostrophe", T86_KEY_APOSTROPHE},
    {"grave_accent", T86_KEY_GRAVE},
    {"backslash", T86_KEY_BACKSLASH},
    {"comma", T86_KEY_COMMA},
    {"dot", T86_KEY_DOT},
    {"slash", T86_KEY_SLASH},
    {"spc", T86_KEY_SPACE},
    {"caps_lock", T86_KEY_CAPSLOCK},
    {"num_lock", T86_KEY_NUMLOCK},
    {"scroll_lock", T86_KEY_SCROLLLOCK},
    {"kp_divide", T86_KEY_KP_SLASH},
    {"kp_multiply", T86_KEY_KP_STAR},
    {"kp_subtract", T86_KEY_KP_MINUS},
    {"kp_add", T86_KEY_KP_PLUS},
    {"kp_enter", T86_KEY_KP_ENTER},
    {"kp_decimal", T86_KEY_KP_DOT},
    {"less", T86_KEY_102ND},
    {"print", T86_KEY_PRINTSCREEN},
    {"sysrq", T86_KEY_PRINTSCREEN},
    {"pause", T86_KEY_PAUSE},
    {"home", T86_KEY_HOME},
    {"pgup", T86_KEY_PAGEUP},
    {"pgdn", T86_KEY_PAGEDOWN},
    {"end", T86_KEY_END},
    {"insert", T86_KEY_INSERT},
    {"delete", T86_KEY_DELETE},
    {"up", T86_KEY_UP},
    {"down", T86_KEY_DOWN},
    {"left", T86_KEY_LEFT},
    {"right", T86_KEY_RIGHT},
};

/* The key named @s (@n chars): a-z, 0-9, f1-f12, kp_0-kp_9 or a qcode. */
static enum t86_key key_by_name(const char *s, size_t n)
{
    if (n == 1 && s[0] >= 'a' && s[0] <= 'z')
        return (enum t86_key)(T86_KEY_A + (s[0] - 'a'));
    if (n == 1 && s[0] >= '1' && s[0] <= '9')
        return (enum t86_key)(T86_KEY_1 + (s[0] - '1'));
    if (n == 1 && s[0] == '0')
        return T86_KEY_0;
    if (n == 4 && !strncmp(s, "kp_", 3) && s[3] >= '0' && s[3] <= '9')
        return (enum t86_key)(T86_KEY_KP_0 + (s[3] - '0'));
    if ((n == 2 || n == 3) && s[0] == 'f') {
        int f = s[1] - '0';
        if (n == 3)
            f = f * 10 + (s[2] - '0');
        if (f >= 1 && f <= 12 && s[1] != '0')
            return (enum t86_key)(T86_KEY_F1 + (f - 1));
    }
    for (size_t k = 0; k < sizeof(key_names) / sizeof(key_names[0]); k++)
        if (strlen(key_names[k].name) == n && !strncmp(key_names[k].name, s, n))
            return key_names[k].key;
    return T86_KEY_NONE;
}

bool dbg_cmd_sendkey(struct dbg *d, char *args, FILE *out)
{
    enum t86_key keys[8];
    unsigned n = 0;
    char *hold, *combo = dbg_cmd_split(args, &hold); /* a hold time is accepted, not used */
    for (const char *p = combo; *p && n < 8;) {
        size_t len = strcspn(p, "-");
        if ((keys[n] = key_by_name(p, len)) == T86_KEY_NONE) {
            fprintf(out, "Error: sendkey: unknown key '%.*s'\n", (int)len, p);
            return true;
        }
        n++;
        p += len + (p[len] == '-');
    }
    if (!n) {
        fprintf(out, "Error: usage: sendkey KEY[-KEY...] (e.g. ctrl-alt-delete)\n");
        return true;
    }
    for (unsigned k = 0; k < n; k++)
        pc_key(d->m, keys[k], true);
    for (unsigned k = n; k-- > 0;)
        pc_key(d->m, keys[k], false);
    return true;
}

bool dbg_cmd_screendump(struct dbg *d, char *args, FILE *out)
{
    if (!*args) {
        fprintf(out, "Error: usage: screendump FILE.txt|FILE.png\n");
        return true;
    }
    const char *why = pc_screendump(d->m, args);
    if (why)
        fprintf(out, "Error: screendump %s: %s\n", args, why);
    return true;
}
