/*
 * board/pc_multiboot.h - what the board offers for booting a Multiboot
 * kernel (-kernel): the RAM map the board reports, so the boot information
 * the host builds (board/multiboot.h) agrees with the firmware's "etc/e820",
 * and the fw_cfg names the loader ROM and its data go under
 * (docs/multiboot.md).
 *
 * Invariant: pc_multiboot_ram_map describes the same ranges as the
 * "etc/e820" file board/pc_pci.c gives SeaBIOS.
 */
#ifndef T86_BOARD_PC_MULTIBOOT_H
#define T86_BOARD_PC_MULTIBOOT_H

#include "multiboot.h"

/** The option ROM SeaBIOS runs from fw_cfg (its "genroms/" directory). */
#define PC_MULTIBOOT_ROM_FILE "genroms/trap86-multiboot.bin"
/** SeaBIOS's bootorder name of that ROM's boot entry vector. */
#define PC_MULTIBOOT_BOOT_PATH "/rom@" PC_MULTIBOOT_ROM_FILE
/** The image stream the ROM reads (multiboot_serialize). */
#define PC_MULTIBOOT_DATA_FILE "etc/trap86/multiboot"

/**
 * The RAM of a machine with @ram bytes as the board reports it: 0-640 KiB
 * and, above 1 MiB, the rest.  Fills @out and returns the count (1 or 2).
 */
unsigned pc_multiboot_ram_map(uint64_t ram, struct multiboot_range out[2]);

#endif
