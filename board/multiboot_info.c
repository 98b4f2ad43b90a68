/*
 * board/multiboot_info.c - the second half of the Multiboot image builder:
 * place the modules after the kernel, build the boot information structure
 * (Multiboot Specification 0.6.96, section 3.3: flags, mem_lower and
 * mem_upper, cmdline, mods, mmap, boot_loader_name) in the page after the
 * last module, check that no two pieces overlap, and serialize the image
 * into the stream the option ROM reads (roms/multiboot-loader.asm).
 *
 * Invariant: the info chunk's addresses point into itself; boot_device
 * (flags bit 1) is left unset, since the kernel was not read from a BIOS
 * disk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "multiboot_internal.h"

static const char mb_loader_name[] = "trap86";

/* Put the modules at 4 KiB boundaries from @at; *@at ends after them.
 * Module k's address goes to @addr[k]. */
static int mb_place_modules(const struct multiboot_input *in, struct multiboot_image *img,
                            uint64_t *at, uint32_t *addr, char *err, size_t errlen)
{
    for (unsigned k = 0; k < in->module_count; k++) {
        char what[32];
        snprintf(what, sizeof(what), "module %u", k + 1);
        *at = mb_page_up(*at);
        addr[k] = (uint32_t)*at;
        if (*at + in->modules[k].size > in->ram_size) {
            snprintf(err, errlen, "%s does not fit in RAM (it would end at 0x%llx)", what,
                     (unsigned long long)(*at + in->modules[k].size));
            return -1;
        }
        if (mb_add_chunk(img, *at, in->modules[k].size, in->modules[k].data, in->ram_size, what,
                         err, errlen))
            return -1;
        *at += in->modules[k].size;
    }
    return 0;
}

/* mem_lower / mem_upper in KiB from the map: the RAM ranges at 0 and at
 * 1 MiB (section 3.3; lower memory is at most 640 KiB). */
static void mb_mem_fields(const struct multiboot_input *in, uint8_t *mbi)
{
    uint64_t lower = 0, upper = 0;
    for (unsigned k = 0; k < in->map_count; k++) {
        const struct multiboot_range *r = &in->map[k];
        if (r->type == 1 && r->base == 0)
            lower = r->length;
        if (r->type == 1 && r->base == MULTIBOOT_LOW)
            upper = r->length;
    }
    lower = lower > 640 * 1024 ? 640 * 1024 : lower;
    upper = upper > 0xFFFFFFFFull * 1024 ? 0xFFFFFFFFull * 1024 : upper;
    mb_put32(mbi + MBI_MEM_LOWER, (uint32_t)(lower >> 10));
    mb_put32(mbi + MBI_MEM_UPPER, (uint32_t)(upper >> 10));
}

/* Fill the memory map at @p (section 3.3's mmap entries). */
static void mb_fill_mmap(const struct multiboot_input *in, uint8_t *p)
{
    for (unsigned k = 0; k < in->map_count; k++, p += MBI_MMAP_SIZE) {
        const struct multiboot_range *r = &in->map[k];
        mb_put32(p, MBI_MMAP_SIZE - 4);
        mb_put32(p + 4, (uint32_t)r->base);
        mb_put32(p + 8, (uint32_t)(r->base >> 32));
        mb_put32(p + 12, (uint32_t)r->length);
        mb_put32(p + 16, (uint32_t)(r->length >> 32));
        mb_put32(p + 20, r->type);
    }
}

/* Copy string @s to @buf + *@off; returns its guest address. */
static uint32_t mb_put_string(uint8_t *buf, size_t *off, uint32_t base, const char *s)
{
    uint32_t addr = base + (uint32_t)*off;
    memcpy(buf + *off, s, strlen(s) + 1);
    *off += strlen(s) + 1;
    return addr;
}

/* The bytes of the info area: struct, module array, map, strings. */
static size_t mb_info_size(const struct multiboot_input *in)
{
    size_t n = MBI_SIZE + in->module_count * MBI_MOD_SIZE + in->map_count * MBI_MMAP_SIZE;
    n += strlen(in->cmdline) + 1 + sizeof(mb_loader_name);
    for (unsigned k = 0; k < in->module_count; k++)
        n += strlen(in->modules[k].string) + 1;
    return n;
}

/* Build the info area for the info page at @base into @buf. */
static void mb_fill_info(const struct multiboot_input *in, const uint32_t *mod_addr, uint32_t base,
                         uint8_t *buf)
{
    size_t mods = MBI_SIZE, mmap = mods + in->module_count * MBI_MOD_SIZE;
    size_t off = mmap + in->map_count * MBI_MMAP_SIZE;
    mb_put32(buf + MBI_FLAGS, MBI_FLAG_MEM | MBI_FLAG_CMDLINE | MBI_FLAG_MODS | MBI_FLAG_MMAP |
                                  MBI_FLAG_LOADER_NAME);
    mb_mem_fields(in, buf);
    mb_put32(buf + MBI_CMDLINE, mb_put_string(buf, &off, base, in->cmdline));
    mb_put32(buf + MBI_MODS_COUNT, in->module_count);
    mb_put32(buf + MBI_MODS_ADDR, base + (uint32_t)mods);
    for (unsigned k = 0; k < in->module_count; k++) {
        uint8_t *m = buf + mods + k * MBI_MOD_SIZE;
        mb_put32(m, mod_addr[k]);
        mb_put32(m + 4, mod_addr[k] + (uint32_t)in->modules[k].size); /* first byte after */
        mb_put32(m + 8, mb_put_string(buf, &off, base, in->modules[k].string));
    }
    mb_put32(buf + MBI_MMAP_LENGTH, in->map_count * MBI_MMAP_SIZE);
    mb_put32(buf + MBI_MMAP_ADDR, base + (uint32_t)mmap);
    mb_fill_mmap(in, buf + mmap);
    mb_put32(buf + MBI_LOADER_NAME, mb_put_string(buf, &off, base, mb_loader_name));
}

/* Sort the chunks by address and refuse overlapping ones. */
static int mb_check_overlap(struct multiboot_image *img, char *err, size_t errlen)
{
    for (unsigned i = 1; i < img->chunk_count; i++) /* insertion sort: few chunks */
        for (unsigned j = i; j > 0 && img->chunks[j - 1].addr > img->chunks[j].addr; j--) {
            struct multiboot_chunk t = img->chunks[j];
            img->chunks[j] = img->chunks[j - 1];
            img->chunks[j - 1] = t;
        }
    for (unsigned i = 1; i < img->chunk_count; i++) {
        const struct multiboot_chunk *a = &img->chunks[i - 1], *b = &img->chunks[i];
        if ((uint64_t)a->addr + a->len > b->addr) {
            snprintf(err, errlen, "overlapping pieces: 0x%x-0x%x and 0x%x-0x%x", a->addr,
                     a->addr + a->len - 1, b->addr, b->addr + b->len - 1);
            return -1;
        }
    }
    return 0;
}

/* Check the counts of @in; 0 or -1 with @err. */
static int mb_check_input(const struct multiboot_input *in, char *err, size_t errlen)
{
    if (in->module_count > MULTIBOOT_MAX_MODULES) {
        snprintf(err, errlen, "too many modules (at most %d)", MULTIBOOT_MAX_MODULES);
        return -1;
    }
    if (in->map_count > MULTIBOOT_MAX_RANGES || in->ram_size > 0xFFFFFFFFull) {
        snprintf(err, errlen, "memory map too large");
        return -1;
    }
    return 0;
}

/* The steps of multiboot_build on an empty @img. */
static int mb_build_steps(const struct multiboot_input *in, struct multiboot_image *img, char *err,
                          size_t errlen)
{
    uint64_t at;
    uint32_t mod_addr[MULTIBOOT_MAX_MODULES];
    if (mb_check_input(in, err, errlen) || mb_load_kernel(in, img, &at, err, errlen) ||
        mb_place_modules(in, img, &at, mod_addr, err, errlen))
        return -1;
    size_t size = mb_info_size(in);
    at = mb_page_up(at);
    uint8_t *info = calloc(1, size);
    if (!info) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    img->info_addr = (uint32_t)at;
    mb_fill_info(in, mod_addr, img->info_addr, info);
    int r = mb_add_chunk(img, at, size, info, in->ram_size, "the boot information", err, errlen);
    free(info);
    return r ? r : mb_check_overlap(img, err, errlen);
}

int multiboot_build(const struct multiboot_input *in, struct multiboot_image *img, char *err,
                    size_t errlen)
{
    memset(img, 0, sizeof(*img));
    if (mb_build_steps(in, img, err, errlen) == 0)
        return 0;
    multiboot_image_free(img);
    return -1;
}

void multiboot_image_free(struct multiboot_image *img)
{
    for (unsigned k = 0; k < img->chunk_count; k++)
        free(img->chunks[k].data);
    free(img->chunks);
    memset(img, 0, sizeof(*img));
}

uint8_t *multiboot_serialize(const struct multiboot_image *img, size_t *len)
{
    size_t n = 16;
    for (unsigned k = 0; k < img->chunk_count; k++)
        n += 12 + (img->chunks[k].data ? img->chunks[k].len : 0);
    uint8_t *buf = malloc(n), *p = buf + 16;
    if (!buf)
        return NULL;
    mb_put32(buf, MULTIBOOT_STREAM_MAGIC);
    mb_put32(buf + 4, img->entry);
    mb_put32(buf + 8, img->info_addr);
    mb_put32(buf + 12, img->chunk_count);
    for (unsigned k = 0; k < img->chunk_count; k++) {
        const struct multiboot_chunk *c = &img->chunks[k];
        mb_put32(p, c->addr);
        mb_put32(p + 4, c->len);
        mb_put32(p + 8, c->data ? 0 : 1);
        p += 12;
        if (c->data)
            memcpy(p, c->data, c->len);
        p += c->data ? c->len : 0;
    }
    *len = n;
    return buf;
}
