/*
 * board/multiboot.c - the kernel half of the Multiboot image builder: find
 * and check the Multiboot header (Multiboot Specification 0.6.96, section
 * 3.1), then lay out the kernel's bytes either from the header's address
 * fields (flags bit 16, section 3.1.3) or from an ELF32 executable's
 * PT_LOAD segments at their physical addresses (section 3.1.3: "the boot
 * loader must be able to load images that are in ELF format").
 *
 * Invariant: every reason returned in @err is one line naming what is
 * wrong with the file, and nothing is added to the image on failure that
 * the caller would keep (multiboot_build frees it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "multiboot_internal.h"

/* Flag bits 0-15 a boot loader must understand (section 3.1.2); trap86
 * honours 0 and 1 and refuses 2 (it sets no video mode). */
static const uint32_t mb_known_low = MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO;

int mb_add_chunk(struct multiboot_image *img, uint64_t addr, uint64_t len, const uint8_t *data,
                 uint64_t ram, const char *what, char *err, size_t errlen)
{
    if (len == 0)
        return 0;
    if (addr < MULTIBOOT_LOW || addr + len > ram) {
        snprintf(err, errlen,
                 "%s would load at 0x%llx-0x%llx, outside RAM above 1 MiB (RAM ends at 0x%llx)",
                 what, (unsigned long long)addr, (unsigned long long)(addr + len - 1),
                 (unsigned long long)ram);
        return -1;
    }
    struct multiboot_chunk *c = realloc(img->chunks, (img->chunk_count + 1) * sizeof(*c));
    uint8_t *copy = data ? malloc(len) : NULL;
    if (c)
        img->chunks = c;
    if (!c || (data && !copy)) {
        free(copy);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (data)
        memcpy(copy, data, len);
    img->chunks[img->chunk_count++] = (struct multiboot_chunk){(uint32_t)addr, (uint32_t)len, copy};
    return 0;
}

/* Check the flags of a header found at offset @off; 0 or -1 with @err. */
static int mb_check_flags(uint32_t flags, uint32_t off, size_t size, char *err, size_t errlen)
{
    if (flags & MULTIBOOT_VIDEO_MODE) {
        snprintf(err, errlen,
                 "the kernel asks for a video mode (Multiboot flags bit 2), "
                 "which trap86 does not set");
        return -1;
    }
    if (flags & 0xFFFF & ~mb_known_low) {
        snprintf(err, errlen, "the kernel requires Multiboot features trap86 lacks (flags 0x%08x)",
                 flags);
        return -1;
    }
    if ((flags & MULTIBOOT_AOUT_KLUDGE) && off + 32 > size) {
        snprintf(err, errlen, "truncated: the Multiboot header's address fields are cut off");
        return -1;
    }
    return 0;
}

int multiboot_find_header(const uint8_t *file, size_t size, struct multiboot_header *h, char *err,
                          size_t errlen)
{
    size_t limit = size < MULTIBOOT_SEARCH ? size : MULTIBOOT_SEARCH;
    bool bad_sum = false;
    for (size_t off = 0; off + 12 <= limit; off += 4) {
        uint32_t magic = mb_le32(file + off), flags = mb_le32(file + off + 4);
        if (magic != MULTIBOOT_HEADER_MAGIC)
            continue;
        if ((uint32_t)(magic + flags + mb_le32(file + off + 8)) != 0) {
            bad_sum = true;
            continue;
        }
        if (mb_check_flags(flags, (uint32_t)off, size, err, errlen))
            return -1;
        memset(h, 0, sizeof(*h));
        h->offset = (uint32_t)off;
        h->flags = flags;
        if (flags & MULTIBOOT_AOUT_KLUDGE) {
            const uint8_t *a = file + off + 12;
            h->header_addr = mb_le32(a), h->load_addr = mb_le32(a + 4);
            h->load_end_addr = mb_le32(a + 8), h->bss_end_addr = mb_le32(a + 12);
            h->entry_addr = mb_le32(a + 16);
        }
        return 0;
    }
    snprintf(err, errlen,
             bad_sum ? "bad Multiboot header checksum (magic + flags + checksum != 0)"
                     : "not a Multiboot kernel (no header magic 0x1BADB002 in the "
                       "first 8192 bytes)");
    return -1;
}

/* Where the a.out-kludge header puts the file's bytes (section 3.1.3);
 * the file offset of load_addr in *@from and the text length in *@len. */
static int mb_aout_extent(const struct multiboot_header *h, size_t size, uint64_t *from,
                          uint64_t *len, char *err, size_t errlen)
{
    if (h->load_addr > h->header_addr || h->header_addr - h->load_addr > h->offset) {
        snprintf(err, errlen, "bad Multiboot header: load_addr 0x%x does not fit header_addr 0x%x",
                 h->load_addr, h->header_addr);
        return -1;
    }
    *from = h->offset - (h->header_addr - h->load_addr);
    if (h->load_end_addr == 0) {
        *len = size - *from;
    } else if (h->load_end_addr < h->load_addr) {
        snprintf(err, errlen, "bad Multiboot header: load_end_addr below load_addr");
        return -1;
    } else {
        *len = h->load_end_addr - h->load_addr;
    }
    if (*from + *len > size) {
        snprintf(err, errlen, "truncated: load_end_addr 0x%x lies beyond the end of the file",
                 h->load_end_addr);
        return -1;
    }
    return 0;
}

/* Load through the header's address fields; the end in *@end. */
static int mb_load_aout(const struct multiboot_input *in, const struct multiboot_header *h,
                        struct multiboot_image *img, uint64_t *end, char *err, size_t errlen)
{
    uint64_t from, len;
    if (mb_aout_extent(h, in->kernel_size, &from, &len, err, errlen) ||
        mb_add_chunk(img, h->load_addr, len, in->kernel + from, in->ram_size, "the kernel", err,
                     errlen))
        return -1;
    *end = h->load_addr + len;
    if (h->bss_end_addr) {
        if (h->bss_end_addr < *end) {
            snprintf(err, errlen, "bad Multiboot header: bss_end_addr below the loaded text");
            return -1;
        }
        if (mb_add_chunk(img, *end, h->bss_end_addr - *end, NULL, in->ram_size, "the kernel's bss",
                         err, errlen))
            return -1;
        *end = h->bss_end_addr;
    }
    if (h->entry_addr < h->load_addr || h->entry_addr >= *end) {
        snprintf(err, errlen, "bad Multiboot header: entry_addr 0x%x outside the loaded kernel",
                 h->entry_addr);
        return -1;
    }
    img->entry = h->entry_addr;
    return 0;
}

/* Check the ELF header: a 32-bit little-endian i386 executable. */
static int mb_elf_check(const uint8_t *f, size_t size, char *err, size_t errlen)
{
    const char *why = NULL;
    if (size < 52 || memcmp(f,
                            "\x7f"
                            "ELF",
                            4))
        why = "not a Multiboot kernel: no address fields (flags bit 16) and not an ELF file";
    else if (f[4] != 1 || f[5] != 1)
        why = "not a 32-bit little-endian ELF file (and no Multiboot address fields)";
    else if (mb_le16(f + 16) != 2 || mb_le16(f + 18) != 3)
        why = "not an i386 ELF executable (and no Multiboot address fields)";
    else if (mb_le16(f + 42) < 32 || mb_le32(f + 28) > size ||
             (uint64_t)mb_le16(f + 44) * mb_le16(f + 42) > size - mb_le32(f + 28))
        why = "truncated: the ELF program headers lie beyond the end of the file";
    if (why)
        snprintf(err, errlen, "%s", why);
    return why ? -1 : 0;
}

/* One ELF program header @p: PT_LOAD ones become chunks; *@end grows. */
static int mb_elf_segment(const struct multiboot_input *in, const uint8_t *p,
                          struct multiboot_image *img, uint64_t *end, char *err, size_t errlen)
{
    uint32_t offset = mb_le32(p + 4), paddr = mb_le32(p + 12);
    uint32_t filesz = mb_le32(p + 16), memsz = mb_le32(p + 20);
    if (mb_le32(p) != 1 || memsz == 0)
        return 0;
    if (filesz > memsz || (uint64_t)offset + filesz > in->kernel_size) {
        snprintf(err, errlen, "truncated: an ELF segment lies beyond the end of the file");
        return -1;
    }
    if (mb_add_chunk(img, paddr, filesz, in->kernel + offset, in->ram_size, "an ELF segment", err,
                     errlen) ||
        mb_add_chunk(img, (uint64_t)paddr + filesz, memsz - filesz, NULL, in->ram_size,
                     "an ELF segment", err, errlen))
        return -1;
    if ((uint64_t)paddr + memsz > *end)
        *end = (uint64_t)paddr + memsz;
    return 0;
}

/* Load an ELF32 executable's PT_LOAD segments; the end in *@end. */
static int mb_load_elf(const struct multiboot_input *in, struct multiboot_image *img, uint64_t *end,
                       char *err, size_t errlen)
{
    const uint8_t *f = in->kernel;
    if (mb_elf_check(f, in->kernel_size, err, errlen))
        return -1;
    uint32_t phoff = mb_le32(f + 28), phent = mb_le16(f + 42), phnum = mb_le16(f + 44);
    *end = 0;
    for (uint32_t k = 0; k < phnum; k++)
        if (mb_elf_segment(in, f + phoff + k * phent, img, end, err, errlen))
            return -1;
    if (*end == 0) {
        snprintf(err, errlen, "the ELF file has no loadable segment");
        return -1;
    }
    img->entry = mb_le32(f + 24);
    return 0;
}

int mb_load_kernel(const struct multiboot_input *in, struct multiboot_image *img, uint64_t *end,
                   char *err, size_t errlen)
{
    struct multiboot_header h;
    if (multiboot_find_header(in->kernel, in->kernel_size, &h, err, errlen))
        return -1;
    if (h.flags & MULTIBOOT_AOUT_KLUDGE)
        return mb_load_aout(in, &h, img, end, err, errlen);
    return mb_load_elf(in, img, end, err, errlen);
}
