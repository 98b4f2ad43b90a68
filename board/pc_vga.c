/*
 * board/pc_vga.c - the PCI VGA 1234:1111 at 00:02.0: its registers and the
 * legacy window A0000-BFFFF, BAR0 (the 16 MiB linear framebuffer) and the
 * expansion ROM BAR holding the VGA BIOS image, which is how SeaBIOS finds
 * it (it copies the ROM to C0000 and runs it).  The same image is also
 * decoded read-only at C0000 (memmap_set_option_rom), where the Bochs BIOS
 * and other ISA-era firmware scan for it; PAM shadowing hides it.  The ROM
 * BAR exists only under SeaBIOS (firmware_is_seabios says why).
 *
 * The BARs move when the firmware programs them, so the board maps one
 * MMIO region over the PCI memory window (from the end of RAM, rounded up
 * to 256 MiB, to FEC00000h) and decides per access which BAR, if any, the
 * address falls in, with the command register's memory enable honoured.
 * Invariant: accesses matching no enabled BAR read as all ones and write
 * nothing, as on a PCI bus with no claimant.
 */
#include <stdlib.h>
#include <string.h>

#include "devices/pci.h"
#include "devices/vga.h"
#include "pc_internal.h"

enum { PCI_WINDOW_END = 0xFEC00000u, VGA_DEVFN = 2 << 3 };

/* The part of @paddr inside BAR0 or the ROM BAR (@rom), or false. */
static bool vga_decode(struct pc *m, uint32_t paddr, uint32_t *off, bool *rom)
{
    const struct pci_function *f = &m->vga_pci;
    if (!(pci_get_word(f, PCI_COMMAND) & PCI_COMMAND_MEMORY))
        return false;
    uint32_t lfb = pci_function_bar_address(f, 0);
    if (lfb && paddr - lfb < VGA_BAR0_SIZE) {
        *off = paddr - lfb;
        *rom = false;
        return true;
    }
    uint32_t rb = pci_function_rom_address(f), rsize = vga_rom_bar_size(m->vga_rom_size);
    if ((pci_get_long(f, 0x30) & 1) && rb && paddr - rb < rsize) {
        *off = paddr - rb;
        *rom = true;
        return true;
    }
    return false;
}

static uint32_t pci_window_read(void *opaque, uint32_t offset, unsigned size)
{
    struct pc *m = opaque;
    uint32_t paddr = m->pci_window_base + offset, off;
    bool rom;
    if (!vga_decode(m, paddr, &off, &rom))
        return 0xFFFFFFFFu;
    if (!rom)
        return vga_lfb_ops()->read(m->vga, off, size);
    uint32_t v = 0;
    for (unsigned k = 0; k < size; k++)
        v |= (uint32_t)(off + k < m->vga_rom_size ? m->vga_rom[off + k] : 0xFF) << (8 * k);
    return v;
}

static void pci_window_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct pc *m = opaque;
    uint32_t off;
    bool rom;
    if (vga_decode(m, m->pci_window_base + offset, &off, &rom) && !rom)
        vga_lfb_ops()->write(m->vga, off, val, size);
}

static const struct bus_ops pci_window_ops = {
    .read = pci_window_read,
    .write = pci_window_write,
    .min_size = 1,
    .max_size = 4,
};

/*
 * True when the firmware is SeaBIOS, which loads the VGA BIOS from the ROM
 * BAR.  The Bochs BIOS instead copies a VGA's ROM BAR to C0000 with the
 * function's memory decoding off, which reads as all ones on a PCI bus and
 * would shadow the ISA copy with 0xFF; without a ROM BAR it skips the copy
 * and finds the image at C0000, as on boards with the VGA BIOS on board.
 */
static bool firmware_is_seabios(const struct pc_config *cfg)
{
    static const char sig[] = "SeaBIOS";
    for (size_t k = 0; k + sizeof(sig) - 1 <= cfg->rom_size; k++)
        if (memcmp(cfg->rom + k, sig, sizeof(sig) - 1) == 0)
            return true;
    return false;
}

bool pc_vga_create(struct pc *m, const struct pc_config *cfg)
{
    if (!cfg->vga_rom)
        return true; /* no VGA BIOS: no VGA (test ROMs, the default guest) */
    m->vga = vga_create(m->io, &m->clock);
    m->vga_rom = malloc(cfg->vga_rom_size);
    if (!m->vga || !m->vga_rom || vga_map_legacy(m->vga, m->mem.mmio) != 0)
        return false;
    memcpy(m->vga_rom, cfg->vga_rom, cfg->vga_rom_size);
    m->vga_rom_size = cfg->vga_rom_size;
    /* also at C0000 as on an ISA board, for firmware that scans there
     * (the Bochs BIOS); SeaBIOS shadows C0000 with RAM and uses the BAR */
    if (cfg->vga_rom_size <= MEMMAP_OPTROM_MAX &&
        memmap_set_option_rom(&m->mem, cfg->vga_rom, cfg->vga_rom_size) != 0)
        return false;
    struct pci_function *f = &m->vga_pci;
    pci_function_init(f, VGA_PCI_VENDOR_ID, VGA_PCI_DEVICE_ID, VGA_PCI_REVISION, VGA_PCI_CLASS, 0);
    bool rom_bar = firmware_is_seabios(cfg);
    if (pci_function_set_bar(f, 0, VGA_BAR0_SIZE, PCI_BAR_MEM32 | PCI_BAR_PREFETCH) != 0 ||
        (rom_bar && pci_function_set_rom(f, vga_rom_bar_size(cfg->vga_rom_size)) != 0) ||
        pci_register(m->pci, VGA_DEVFN, f) != 0)
        return false;
    uint32_t base = (m->mem.ram_size + 0x0FFFFFFFu) & ~0x0FFFFFFFu;
    m->pci_window_base = base;
    return bus_map(m->mem.mmio, "pci-window", base, PCI_WINDOW_END - base, &pci_window_ops, m) == 0;
}

void pc_vga_reset(struct pc *m)
{
    if (m->vga)
        vga_reset(m->vga);
}

void pc_vga_destroy(struct pc *m)
{
    vga_destroy(m->vga);
    free(m->vga_rom);
}
