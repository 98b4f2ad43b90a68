/*
 * board/pc_multiboot.c - -kernel on the board: the Multiboot image the
 * frontend built (board/multiboot.h) and the loader option ROM that
 * copies it into place (roms/multiboot-loader.asm) become fw_cfg files;
 * board/pc_pci.c puts the ROM's boot entry first in "bootorder".
 *
 *   "genroms/trap86-multiboot.bin"  the ROM; SeaBIOS runs every genroms/
 *                                   file as an option ROM during POST
 *   "etc/trap86/multiboot"          multiboot_serialize's stream
 *
 * Invariant: fw_cfg keeps copies, so the image is only read while the
 * machine is built; a reset replays the same boot.
 */
#include <stdlib.h>

#include "devices/fw_cfg.h"
#include "pc_internal.h"
#include "pc_multiboot.h"

unsigned pc_multiboot_ram_map(uint64_t ram, struct multiboot_range out[2])
{
    out[0] = (struct multiboot_range){0, 0xA0000, 1};
    if (ram <= MULTIBOOT_LOW)
        return 1;
    out[1] = (struct multiboot_range){MULTIBOOT_LOW, ram - MULTIBOOT_LOW, 1};
    return 2;
}

bool pc_multiboot_create(struct pc *m, const struct pc_config *cfg)
{
    if (!cfg->multiboot)
        return true;
    if (!m->fw_cfg || !cfg->multiboot_rom || cfg->multiboot_rom_size > UINT32_MAX)
        return false;
    size_t len = 0;
    uint8_t *stream = multiboot_serialize(cfg->multiboot, &len);
    bool ok = stream && len <= UINT32_MAX &&
              fw_cfg_add_file(m->fw_cfg, PC_MULTIBOOT_DATA_FILE, stream, (uint32_t)len) >= 0 &&
              fw_cfg_add_file(m->fw_cfg, PC_MULTIBOOT_ROM_FILE, cfg->multiboot_rom,
                              (uint32_t)cfg->multiboot_rom_size) >= 0;
    free(stream);
    return ok;
}
