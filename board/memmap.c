/*
 * board/memmap.c - physical address decoding for the PC memory map.
 *
 * Every physical address falls in exactly one class (see memmap.h): an MMIO
 * region, ROM, RAM or nothing.  classify() is the single place that decides;
 * the page, read and write callbacks only act on its answer.  The slow
 * paths are only reached for addresses memmap_page refused (and, for
 * robustness, for anything else the CPU sends), never across a page.
 */
#include "memmap.h"

#include <stdlib.h>
#include <string.h>

enum mem_class { MC_MMIO, MC_ROM, MC_RAM, MC_NONE };

const char *memmap_rom_size_error(size_t size)
{
    if (size == 0)
        return "the image is empty";
    if (size % MEMMAP_ROM_UNIT)
        return "the size is not a multiple of 64 KiB";
    if (size > MEMMAP_ROM_MAX)
        return "the image is larger than 256 KiB";
    return NULL;
}

int memmap_init(struct memmap *mm, uint32_t ram_size, const uint8_t *rom, uint32_t rom_size,
                const struct board_log *log)
{
    memset(mm, 0, sizeof(*mm));
    mm->log = log;
    mm->ram_size = ram_size;
    mm->rom_size = rom_size;
    uint32_t alias = rom_size < MEMMAP_ALIAS_MAX ? rom_size : MEMMAP_ALIAS_MAX;
    mm->alias_base = MEMMAP_HOLE_END - alias;
    mm->ram = calloc(1, ram_size);
    mm->rom = malloc(rom_size);
    mm->mmio = bus_create("mmio", log, CPU_LOG_GUEST_ERRORS);
    if (!mm->ram || !mm->rom || !mm->mmio) {
        memmap_free(mm);
        return -1;
    }
    memcpy(mm->rom, rom, rom_size);
    return 0;
}

int memmap_set_option_rom(struct memmap *mm, const uint8_t *data, size_t size)
{
    if (size == 0 || size > MEMMAP_OPTROM_MAX)
        return -1;
    uint32_t mapped = ((uint32_t)size + 0xFFFu) & ~0xFFFu;
    uint8_t *copy = malloc(mapped);
    if (!copy)
        return -1;
    memset(copy, 0xFF, mapped);
    memcpy(copy, data, size);
    free(mm->optrom);
    mm->optrom = copy;
    mm->optrom_size = mapped;
    return 0;
}

void memmap_free(struct memmap *mm)
{
    free(mm->ram);
    free(mm->rom);
    free(mm->optrom);
    mm->optrom = NULL;
    bus_destroy(mm->mmio);
    mm->ram = mm->rom = NULL;
    mm->mmio = NULL;
}

/*
 * Class of the @len bytes at @paddr (an access or a whole page).  RAM and
 * ROM boundaries are page aligned, so an access never straddles them; an
 * access touching an MMIO region goes wholly to the MMIO bus, which splits
 * it.  For ROM and RAM, *@host gets the host address of @paddr.
 */
static enum mem_class classify(const struct memmap *mm, uint32_t paddr, uint32_t len,
                               uint8_t **host, bool write)
{
    if (bus_claims(mm->mmio, paddr, len))
        return MC_MMIO;
    if (paddr >= MEMMAP_SHADOW_BASE && paddr < MEMMAP_HOLE_END && paddr < mm->ram_size &&
        (mm->shadow[(paddr - MEMMAP_SHADOW_BASE) >> 14] &
         (write ? MEMMAP_SHADOW_WRITE : MEMMAP_SHADOW_READ))) {
        *host = mm->ram + paddr;
        return MC_RAM;
    }
    if (paddr >= MEMMAP_HOLE_BASE && paddr < MEMMAP_HOLE_END) {
        if (mm->optrom && paddr - MEMMAP_OPTROM_BASE < mm->optrom_size) {
            *host = mm->optrom + (paddr - MEMMAP_OPTROM_BASE);
            return MC_ROM;
        }
        if (paddr < mm->alias_base)
            return MC_NONE;
        *host = mm->rom + mm->rom_size - (MEMMAP_HOLE_END - paddr);
        return MC_ROM;
    }
    if (paddr < mm->ram_size) {
        *host = mm->ram + paddr;
        return MC_RAM;
    }
    if (paddr >= 0u - mm->rom_size) {
        *host = mm->rom + (paddr - (0u - mm->rom_size));
        return MC_ROM;
    }
    return MC_NONE;
}

uint8_t *memmap_page(struct memmap *mm, uint32_t paddr, bool write)
{
    uint8_t *host = NULL;
    enum mem_class k = classify(mm, paddr & ~0xFFFu, 0x1000, &host, write);
    if (k == MC_RAM || (k == MC_ROM && !write))
        return host;
    return NULL;
}

/* Little-endian load / store of @size bytes at host address @p. */
static uint32_t load_le(const uint8_t *p, unsigned size)
{
    uint32_t v = 0;
    for (unsigned k = 0; k < size; k++)
        v |= (uint32_t)p[k] << (8 * k);
    return v;
}

static void store_le(uint8_t *p, uint32_t v, unsigned size)
{
    for (unsigned k = 0; k < size; k++)
        p[k] = (uint8_t)(v >> (8 * k));
}

uint32_t memmap_read(struct memmap *mm, uint32_t paddr, unsigned size)
{
    uint8_t *host = NULL;
    switch (classify(mm, paddr, size, &host, false)) {
    case MC_ROM:
    case MC_RAM: return load_le(host, size);
    default: /* MMIO, or nothing: the bus logs the unmapped case */
        return bus_read(mm->mmio, paddr, size);
    }
}

void memmap_write(struct memmap *mm, uint32_t paddr, uint32_t val, unsigned size)
{
    uint8_t *host = NULL;
    switch (classify(mm, paddr, size, &host, true)) {
    case MC_RAM: store_le(host, val, size); break;
    case MC_ROM:
        board_log(mm->log, CPU_LOG_GUEST_ERRORS,
                  "write of %u byte%s at %#x (value %#x) to ROM ignored", size,
                  size == 1 ? "" : "s", paddr, val);
        break;
    default: bus_write(mm->mmio, paddr, val, size); break;
    }
}

void memmap_set_shadow(struct memmap *mm, uint32_t base, uint32_t size, bool read_ram,
                       bool write_ram)
{
    uint8_t v = (read_ram ? MEMMAP_SHADOW_READ : 0) | (write_ram ? MEMMAP_SHADOW_WRITE : 0);
    for (uint32_t a = base; a < base + size && a < MEMMAP_HOLE_END; a += 0x4000)
        if (a >= MEMMAP_SHADOW_BASE)
            mm->shadow[(a - MEMMAP_SHADOW_BASE) >> 14] = v;
}
