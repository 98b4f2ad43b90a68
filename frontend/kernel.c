/*
 * frontend/kernel.c - -kernel FILE -append STR -initrd "FILE[ ARGS],...":
 * the files are read here, the image is built by board/multiboot.c.  As
 * QEMU and GRUB do, the kernel's command line is its path, then a space
 * and the -append text; each module's string is its whole -initrd item
 * ("FILE ARGS"), the file being the part before the first space.
 *
 * Invariant: every buffer read here is freed before kernel_configure
 * returns (the image keeps its own copies).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/pc_multiboot.h"
#include "kernel.h"

/* The modules of -initrd: the split text and the files' bytes. */
struct kernel_mods {
    char *text; /**< -initrd copied, items NUL-separated */
    struct multiboot_module mod[MULTIBOOT_MAX_MODULES];
    uint8_t *buf[MULTIBOOT_MAX_MODULES];
    unsigned count;
};

/* Why file @f (opened: non-NULL) of at most @limit bytes cannot be used;
 * NULL with its size in *@len. */
static const char *kernel_size_error(FILE *f, uint64_t limit, size_t *len)
{
    if (!f)
        return strerror(errno);
    long n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (n < 0 || fseek(f, 0, SEEK_SET) != 0)
        return "cannot tell its size";
    if ((uint64_t)n > limit)
        return "larger than the guest's RAM";
    *len = (size_t)n;
    return NULL;
}

/* Read all of @path (at most @limit bytes) for option @opt; NULL after
 * printing why. */
static uint8_t *kernel_read(const char *opt, const char *path, uint64_t limit, size_t *size)
{
    FILE *f = fopen(path, "rb");
    size_t len = 0;
    const char *why = kernel_size_error(f, limit, &len);
    uint8_t *buf = why ? NULL : malloc(len + 1);
    if (!why && !buf)
        why = "out of memory";
    else if (!why && fread(buf, 1, len, f) != len)
        why = "read error";
    if (f)
        fclose(f);
    if (why) {
        fprintf(stderr, "trap86: %s: cannot read '%s': %s\n", opt, path, why);
        free(buf);
        return NULL;
    }
    *size = len;
    return buf;
}

static void kernel_mods_free(struct kernel_mods *m)
{
    for (unsigned k = 0; k < m->count; k++)
        free(m->buf[k]);
    free(m->text);
    memset(m, 0, sizeof(*m));
}

/* Split -initrd @spec and read its files; 0, or -1 after printing why. */
static int kernel_mods_read(const char *spec, uint64_t limit, struct kernel_mods *m)
{
    memset(m, 0, sizeof(*m));
    if (!spec)
        return 0;
    m->text = strdup(spec);
    for (char *item = m->text; item && m->text;) {
        char *comma = strchr(item, ',');
        if (comma)
            *comma = 0;
        if (m->count == MULTIBOOT_MAX_MODULES || !*item || *item == ' ') {
            fprintf(stderr, "trap86: -initrd: %s\n",
                    *item && *item != ' ' ? "too many modules (at most 16)"
                                          : "expected FILE[ ARGS][,FILE[ ARGS]...]");
            kernel_mods_free(m);
            return -1;
        }
        size_t plen = strcspn(item, " ");
        char path[4096];
        snprintf(path, sizeof(path), "%.*s", (int)plen, item);
        struct multiboot_module *mod = &m->mod[m->count];
        m->buf[m->count] = kernel_read("-initrd", path, limit, &mod->size);
        if (!m->buf[m->count]) {
            kernel_mods_free(m);
            return -1;
        }
        mod->data = m->buf[m->count++];
        mod->string = item;
        item = comma ? comma + 1 : NULL;
    }
    if (!m->text)
        fprintf(stderr, "trap86: -initrd: out of memory\n");
    return m->text ? 0 : -1;
}

/* "PATH" or "PATH APPEND"; NULL out of memory. */
static char *kernel_cmdline(const struct options *o)
{
    size_t n = strlen(o->kernel) + 2 + (o->append ? strlen(o->append) : 0);
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s%s", o->kernel, o->append ? " " : "", o->append ? o->append : "");
    return s;
}

int kernel_configure(const struct options *o, struct pc_config *cfg, struct multiboot_image *img)
{
    uint64_t ram = (uint64_t)o->ram_mb << 20;
    struct multiboot_input in = {.ram_size = ram};
    struct multiboot_range map[2];
    struct kernel_mods mods;
    memset(img, 0, sizeof(*img));
    uint8_t *kernel = kernel_read("-kernel", o->kernel, ram, &in.kernel_size);
    if (!kernel || kernel_mods_read(o->initrd, ram, &mods)) {
        free(kernel);
        return -1;
    }
    char *cmdline = kernel_cmdline(o), err[256] = "out of memory";
    in.kernel = kernel;
    in.cmdline = cmdline;
    in.modules = mods.mod;
    in.module_count = mods.count;
    in.map = map;
    in.map_count = pc_multiboot_ram_map(ram, map);
    int r = cmdline ? multiboot_build(&in, img, err, sizeof(err)) : -1;
    if (r)
        fprintf(stderr, "trap86: -kernel '%s': %s\n", o->kernel, err);
    free(cmdline);
    free(kernel);
    kernel_mods_free(&mods);
    cfg->multiboot = r ? NULL : img;
    cfg->multiboot_rom = t86_multiboot_rom;
    cfg->multiboot_rom_size = t86_multiboot_rom_size;
    return r;
}
