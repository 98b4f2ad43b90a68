/*
 * board/memmap.h - the PC's physical memory map: RAM, the BIOS ROM and the
 * MMIO bus, and the slow-path memory callbacks the CPU's bus uses.
 *
 * Map (physical addresses, after the CPU's A20 mask), first match wins:
 *   any range an MMIO device registered on @mmio        -> that device
 *   0x000A0000-0x000BFFFF  legacy video window          -> unmapped today
 *   0x000C0000-0x000DFFFF  option-ROM window: an option ROM image placed
 *                          with memmap_set_option_rom (the VGA BIOS, for
 *                          firmware that scans C0000 for 55AA), read-only,
 *                          rounded up to 4 KiB with 0xFF; the rest unmapped
 *   0x000E0000-0x000FFFFF  the BIOS ROM's last 128 KiB (a 64 KiB image
 *                          appears whole at 0x000F0000; 0xE0000-0xEFFFF is
 *                          then unmapped), read-only
 *   C0000-FFFFF, per 16 KiB segment, reads and/or writes can instead go to
 *   the RAM underneath (shadowing, memmap_set_shadow)
 *   0x00000000-ram_size    RAM (the part under 0xA0000-0xFFFFF is hidden)
 *   4 GiB - rom_size-4 GiB the whole BIOS ROM, read-only
 *   anything else          unmapped: reads all ones, writes dropped,
 *                          logged under -d guest_errors
 * Invariants: RAM and ROM pages handed out by memmap_page stay valid until
 * memmap_free; a ROM page is never handed out for writing; ROM writes are
 * ignored and logged.  No global state: each machine owns one memmap.
 */
#ifndef T86_BOARD_MEMMAP_H
#define T86_BOARD_MEMMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bus.h"
#include "log.h"

/** Fixed addresses of the PC memory map. */
enum {
    MEMMAP_HOLE_BASE = 0x000A0000, /**< start of the legacy (non-RAM) window */
    MEMMAP_HOLE_END = 0x00100000,  /**< end of it: 1 MiB */
    MEMMAP_ALIAS_MAX = 0x20000,    /**< BIOS bytes visible below 1 MiB */
    MEMMAP_ROM_UNIT = 0x10000,     /**< ROM sizes are multiples of 64 KiB */
    MEMMAP_ROM_MAX = 0x40000,      /**< and at most 256 KiB */
};

struct memmap {
    uint8_t *ram;
    uint32_t ram_size;
    uint8_t *rom; /**< copy of the image, mapped at 4 GiB - rom_size */
    uint32_t rom_size;
    uint32_t alias_base;  /**< where the ROM's tail appears below 1 MiB */
    uint8_t *optrom;      /**< option ROM at MEMMAP_OPTROM_BASE, or NULL */
    uint32_t optrom_size; /**< its mapped size: a multiple of 4 KiB */
    /** Shadowing of C0000-FFFFF per 16 KiB segment (PAM registers of the
     *  i440FX): MEMMAP_SHADOW_READ / MEMMAP_SHADOW_WRITE route that kind of
     *  access to RAM instead of ROM (or nothing).  0 after init. */
    uint8_t shadow[16];
    struct bus *mmio; /**< MMIO devices; also logs unmapped accesses */
    const struct board_log *log;
};

/** The option ROM placed at C0000 (memmap_set_option_rom). */
enum { MEMMAP_OPTROM_BASE = 0xC0000, MEMMAP_OPTROM_MAX = 0x20000 };

/** Shadow flags for memmap.shadow. */
enum { MEMMAP_SHADOW_READ = 1, MEMMAP_SHADOW_WRITE = 2, MEMMAP_SHADOW_BASE = 0xC0000 };

/**
 * Route reads (@read_ram) and writes (@write_ram) of [@base, @base + @size)
 * within C0000-FFFFF to RAM or to ROM/nothing (16 KiB granularity).  The
 * caller tells the CPU that the memory map changed.
 */
void memmap_set_shadow(struct memmap *mm, uint32_t base, uint32_t size, bool read_ram,
                       bool write_ram);

/** NULL when @size is a valid BIOS image size, else why it is not. */
const char *memmap_rom_size_error(size_t size);

/**
 * Build the map: zeroed RAM of @ram_size bytes (a multiple of 4 KiB, at
 * most 2 GiB), a copy of the @rom_size-byte image @rom (size checked with
 * memmap_rom_size_error) and an empty MMIO bus logging to @log.
 * Returns 0, or -1 on allocation failure (then nothing is held).
 */
int memmap_init(struct memmap *mm, uint32_t ram_size, const uint8_t *rom, uint32_t rom_size,
                const struct board_log *log);
/**
 * Place a read-only copy of the @size-byte option ROM @data at C0000, as
 * an ISA PC's VGA card decodes its BIOS there (memory past @size up to the
 * next 4 KiB reads 0xFF).  It is what reads see wherever the PAM registers
 * route reads to ROM, so shadowing works as on real boards.  Returns 0, or
 * -1 when @size is 0 or above MEMMAP_OPTROM_MAX or memory runs out (then
 * nothing changed).  Replaces an earlier option ROM.
 */
int memmap_set_option_rom(struct memmap *mm, const uint8_t *data, size_t size);
/** Release everything memmap_init allocated. */
void memmap_free(struct memmap *mm);

/** cpu_bus.mem_page: host page of @paddr (RAM; ROM when !@write) or NULL. */
uint8_t *memmap_page(struct memmap *mm, uint32_t paddr, bool write);
/** cpu_bus.mem_read: @size (1, 2, 4) bytes at @paddr, within one page. */
uint32_t memmap_read(struct memmap *mm, uint32_t paddr, unsigned size);
/** cpu_bus.mem_write: @size (1, 2, 4) bytes at @paddr, within one page. */
void memmap_write(struct memmap *mm, uint32_t paddr, uint32_t val, unsigned size);

#endif
