/*
 * board/multiboot.h - Multiboot v1 kernels (Multiboot Specification 0.6.96)
 * on the host side: find and check the kernel's Multiboot header (section
 * 3.1), work out what goes where in guest memory, and build the boot
 * information structure (section 3.3).  Pure functions of their inputs:
 * no machine, no files, testable on their own (tests/unit/test_multiboot.c).
 *
 * Guest memory layout the builder chooses (docs/multiboot.md):
 *   kernel   where its header (flags bit 16, the "a.out kludge") or its
 *            ELF32 PT_LOAD segments (p_paddr) say; at or above 1 MiB
 *   modules  after the highest byte the kernel occupies (bss included),
 *            each on a 4 KiB boundary, in command-line order
 *   info     the page after the last module: the multiboot_info struct,
 *            the module array, the memory map, then the strings (command
 *            line, module strings, "trap86")
 * Everything must end at or below the RAM size.
 *
 * Invariants of a built image: chunks do not overlap, each lies in
 * [1 MiB, ram_size), chunks are sorted by address, the info chunk is the
 * last one and starts at info_addr.
 */
#ifndef T86_BOARD_MULTIBOOT_H
#define T86_BOARD_MULTIBOOT_H

#include <stddef.h>
#include <stdint.h>

enum {
    MULTIBOOT_HEADER_MAGIC = 0x1BADB002,     /**< section 3.1.1 */
    MULTIBOOT_BOOTLOADER_MAGIC = 0x2BADB002, /**< EAX at entry, section 3.2 */
    MULTIBOOT_SEARCH = 8192,                 /**< header within the first 8192 bytes */
    MULTIBOOT_PAGE_ALIGN = 1u << 0,          /**< modules on 4 KiB boundaries */
    MULTIBOOT_MEMORY_INFO = 1u << 1,         /**< mem_* fields wanted */
    MULTIBOOT_VIDEO_MODE = 1u << 2,          /**< video mode table wanted */
    MULTIBOOT_AOUT_KLUDGE = 1u << 16,        /**< the address fields are valid */
    MULTIBOOT_LOW = 1u << 20,                /**< nothing may load below 1 MiB */
    MULTIBOOT_MAX_MODULES = 16,
    MULTIBOOT_MAX_RANGES = 8, /**< memory map entries */
};

/** Boot information flags (section 3.3) the builder sets. */
enum {
    MBI_FLAG_MEM = 1u << 0,
    MBI_FLAG_CMDLINE = 1u << 2,
    MBI_FLAG_MODS = 1u << 3,
    MBI_FLAG_MMAP = 1u << 6,
    MBI_FLAG_LOADER_NAME = 1u << 9,
};

/** Byte offsets in the multiboot_info structure (section 3.3). */
enum {
    MBI_FLAGS = 0,
    MBI_MEM_LOWER = 4,
    MBI_MEM_UPPER = 8,
    MBI_CMDLINE = 16,
    MBI_MODS_COUNT = 20,
    MBI_MODS_ADDR = 24,
    MBI_MMAP_LENGTH = 44,
    MBI_MMAP_ADDR = 48,
    MBI_LOADER_NAME = 64,
    MBI_SIZE = 88,      /**< up to and including the VBE fields (left 0) */
    MBI_MOD_SIZE = 16,  /**< mod_start, mod_end, string, reserved */
    MBI_MMAP_SIZE = 24, /**< size (= 20), base_addr, length, type */
};

/** One module: its bytes and the string the kernel sees with it. */
struct multiboot_module {
    const uint8_t *data;
    size_t size;
    const char *string;
};

/** One range of the physical memory map (e820 types: 1 RAM, 2 reserved). */
struct multiboot_range {
    uint64_t base, length;
    uint32_t type;
};

/** What to boot. */
struct multiboot_input {
    const uint8_t *kernel;
    size_t kernel_size;
    const char *cmdline; /**< the whole command line the kernel sees */
    const struct multiboot_module *modules;
    unsigned module_count; /**< at most MULTIBOOT_MAX_MODULES */
    uint64_t ram_size;     /**< bytes; everything loads below this */
    const struct multiboot_range *map;
    unsigned map_count; /**< at most MULTIBOOT_MAX_RANGES */
};

/** One piece of guest memory: @len bytes at @addr, @data or zeros (NULL). */
struct multiboot_chunk {
    uint32_t addr, len;
    uint8_t *data; /**< owned; NULL: zero fill (bss) */
};

/** The parsed header fields (section 3.1); the address fields with bit 16. */
struct multiboot_header {
    uint32_t offset; /**< of the magic in the file */
    uint32_t flags;
    uint32_t header_addr, load_addr, load_end_addr, bss_end_addr, entry_addr;
};

/** What a boot loader puts in memory and where it jumps. */
struct multiboot_image {
    uint32_t entry;     /**< EIP at the hand-over */
    uint32_t info_addr; /**< EBX at the hand-over */
    struct multiboot_chunk *chunks;
    unsigned chunk_count;
};

/**
 * Find the Multiboot header in the first 8192 bytes of @file (4-byte
 * aligned, magic + flags + checksum summing to 0 mod 2^32) and check its
 * flags.  Returns 0 with *@h filled, or -1 with a one-line reason in @err.
 */
int multiboot_find_header(const uint8_t *file, size_t size, struct multiboot_header *h, char *err,
                          size_t errlen);
/**
 * Build the image for @in into *@img (which the caller frees with
 * multiboot_image_free).  Returns 0, or -1 with a one-line reason in @err
 * (not Multiboot, truncated, below 1 MiB, beyond RAM, overlapping...).
 */
int multiboot_build(const struct multiboot_input *in, struct multiboot_image *img, char *err,
                    size_t errlen);
/** Free what multiboot_build allocated; *@img is left empty. */
void multiboot_image_free(struct multiboot_image *img);

/**
 * The image as the stream the trap86 multiboot option ROM reads from
 * fw_cfg (docs/multiboot.md): a header {u32 "T86M", u32 entry, u32 info
 * address, u32 chunk count} and per chunk {u32 address, u32 length, u32
 * kind (0: the bytes follow, 1: zero fill)}, all little endian.  Returns a
 * malloc'd buffer with its length in *@len, or NULL (no memory).
 */
uint8_t *multiboot_serialize(const struct multiboot_image *img, size_t *len);

enum { MULTIBOOT_STREAM_MAGIC = 0x4D363854 /**< "T86M" little endian */ };

#endif
