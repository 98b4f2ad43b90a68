/*
 * devices/fw_cfg.h - QEMU's firmware configuration device, the traditional
 * (non-DMA) I/O port interface that SeaBIOS reads (QEMU docs/specs/
 * fw_cfg.rst, "Guest-side Hardware Interface").
 *
 *   0x510  selector register: a 16-bit write selects an item and rewinds
 *          its data offset to 0.  Bit 14 (the old write channel) is
 *          ignored when looking the item up; byte writes are ignored.
 *   0x511  data register: each byte read returns the selected item's byte
 *          at the data offset and advances it; past the end (or for an
 *          item that does not exist) reads return 0.  Writes are ignored.
 *          A word read at 0x510 returns two successive data bytes.
 *
 * Items: 0x0000 signature "QEMU"; 0x0001 ID, 32-bit little-endian, bit 0
 * set (traditional interface), bit 1 clear (no DMA interface, so 0x514 is
 * not decoded); 0x0019 file directory, a big-endian u32 count followed by
 * one 64-byte entry per file {be32 size, be16 select, u16 reserved,
 * char name[56]} in the order the files were added; named files get
 * selectors 0x0020, 0x0021, ... in that order.  Numeric items the board
 * may add with fw_cfg_add_item (little-endian integers, fw_cfg.rst):
 *   0x0005 NB_CPUS (u16), 0x000E BOOT_MENU (u16), 0x000F MAX_CPUS (u16),
 *   0x0004 NOGRAPHIC (u16); trap86 uses 0x0005 and 0x000E.  0x0003 is
 *   RAM_SIZE (u64), which SeaBIOS never reads: RAM comes from CMOS or
 *   the "etc/e820" file.
 * Files trap86 uses: "etc/e820" (fw_cfg_add_e820), "bootorder"
 * (fw_cfg_add_bootorder), and little-endian integer files such as
 * "etc/show-boot-menu", "etc/boot-menu-wait", "etc/boot-fail-wait"
 * (fw_cfg_add_file_int).
 *
 * Invariants: the data offset never exceeds the selected item's length;
 * the directory item always lists exactly the added files; item contents
 * are configuration the board rebuilds, so only the selector and offset
 * are snapshot state.
 */
#ifndef T86_DEVICES_FW_CFG_H
#define T86_DEVICES_FW_CFG_H

#include <stddef.h>
#include <stdint.h>

#include "board/bus.h"
#include "board/state.h"

enum {
    FW_CFG_PORT_SELECTOR = 0x510,
    FW_CFG_PORT_DATA = 0x511,
    FW_CFG_SIGNATURE = 0x0000,
    FW_CFG_ID = 0x0001,
    FW_CFG_RAM_SIZE = 0x0003,
    FW_CFG_NOGRAPHIC = 0x0004,
    FW_CFG_NB_CPUS = 0x0005,
    FW_CFG_BOOT_MENU = 0x000E,
    FW_CFG_MAX_CPUS = 0x000F,
    FW_CFG_FILE_DIR = 0x0019,
    FW_CFG_FILE_FIRST = 0x0020,
    FW_CFG_WRITE_CHANNEL = 0x4000,
    FW_CFG_ARCH_LOCAL = 0x8000,
    FW_CFG_NAME_MAX = 56, /**< file name bytes including the NUL */
    FW_CFG_ID_TRADITIONAL = 0x1,
};

/** One e820 entry as SeaBIOS reads it from "etc/e820". */
struct fw_cfg_e820_entry {
    uint64_t address, length;
    uint32_t type; /**< FW_CFG_E820_RAM, FW_CFG_E820_RESERVED, ... */
};

enum {
    FW_CFG_E820_RAM = 1,
    FW_CFG_E820_RESERVED = 2,
    FW_CFG_E820_ENTRY_SIZE = 20, /**< u64 address, u64 length, u32 type, LE, packed */
};

struct fw_cfg;

/** Snapshot descriptor of struct fw_cfg's state (selector, offset). */
extern const struct state_desc fw_cfg_state_desc;

/** Create the device at 0x510-0x511 on @io with its built-in items. NULL on failure. */
struct fw_cfg *fw_cfg_create(struct bus *io);
/** Free the device and its items.  NULL is ignored. */
void fw_cfg_destroy(struct fw_cfg *fw);
/** Reset: selector 0, offset 0 (the items stay). */
void fw_cfg_reset(struct fw_cfg *fw);

/**
 * Add (or replace) numeric item @key with a copy of @len bytes at @data.
 * Returns 0, or -1 for the built-in keys (0x0000, 0x0001, 0x0019), keys
 * with bit 14 set, the file range 0x0020-0x3FFF, or no memory.
 */
int fw_cfg_add_item(struct fw_cfg *fw, uint16_t key, const void *data, uint32_t len);
/** Add numeric item @key holding @value as a @width-byte (1, 2, 4, 8) LE integer. */
int fw_cfg_add_item_int(struct fw_cfg *fw, uint16_t key, uint64_t value, unsigned width);
/**
 * Add the file @name (shorter than 56 bytes) with a copy of @len bytes at
 * @data.  A new name gets the next selector from 0x0020 and a directory
 * entry; an existing name keeps its selector and gets the new contents.
 * Returns the selector, or -1 (bad name, selectors exhausted, no memory).
 */
int fw_cfg_add_file(struct fw_cfg *fw, const char *name, const void *data, uint32_t len);
/** Add file @name holding @value as a @width-byte (1, 2, 4, 8) LE integer. */
int fw_cfg_add_file_int(struct fw_cfg *fw, const char *name, uint64_t value, unsigned width);

/**
 * Encode @n e820 entries into @out (20 bytes each, little endian) when
 * @cap is large enough.  Returns the bytes needed (20 * @n).
 */
size_t fw_cfg_e820_encode(uint8_t *out, size_t cap, const struct fw_cfg_e820_entry *e, unsigned n);
/**
 * Encode a bootorder text: the @n OpenFirmware-style device paths (e.g.
 * "/pci@i0cf8/ide@1,1/drive@0/disk@0", "/isa/fdc@03f0/floppy@0"), one per
 * line, separated by '\n' and terminated by a NUL, into @out when @cap is
 * large enough.  Returns the bytes needed, the NUL included.
 */
size_t fw_cfg_bootorder_encode(char *out, size_t cap, const char *const *paths, unsigned n);
/** Add "etc/e820" built from @n entries.  Returns the selector or -1. */
int fw_cfg_add_e820(struct fw_cfg *fw, const struct fw_cfg_e820_entry *e, unsigned n);
/** Add "bootorder" built from @n paths.  Returns the selector or -1. */
int fw_cfg_add_bootorder(struct fw_cfg *fw, const char *const *paths, unsigned n);

#endif
