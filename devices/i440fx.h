/*
 * devices/i440fx.h - the Intel 82441FX PCI and Memory Controller (PMC) of
 * the 440FX PCIset, function 00:00.0 of bus 0: vendor 8086h, device 1237h,
 * class 060000h (host bridge).  Intel 82440FX PCIset datasheet (order no.
 * 290549), section 3.2, "PCI configuration registers".
 *
 * What it models: the identity registers, the seven Programmable Attribute
 * Map registers PAM0-PAM6 (59h-5Fh) that decide whether reads and writes
 * to the 13 segments of 0C0000h-0FFFFFh go to DRAM (shadow RAM) or to
 * PCI/ISA (the ROMs), the DRAM row boundary registers DRB0-DRB7 (60h-67h)
 * and SMRAM (72h), which are only stored, like the other DRAM and error
 * registers.  The board turns PAM changes into memory-map changes.
 *
 * PAM nibble bits (datasheet, PAM registers): bit 0 RE (reads from DRAM),
 * bit 1 WE (writes to DRAM); bits 3 and 2 are reserved on the 82441FX
 * (cacheability lives in the CPU's MTRRs) and read 0.  PAM0 bits 7:4 cover
 * 0F0000h-0FFFFFh (bits 3:0 reserved); PAMn (n = 1..6) bits 3:0 cover the
 * 16 KiB segment at 0C0000h + (2n - 2) * 16 KiB and bits 7:4 the next.
 */
#ifndef T86_DEVICES_I440FX_H
#define T86_DEVICES_I440FX_H

#include <stdbool.h>
#include <stdint.h>

#include "board/state.h"
#include "pci.h"

enum {
    I440FX_VENDOR_ID = 0x8086,
    I440FX_DEVICE_ID = 0x1237,
    I440FX_PAM0 = 0x59, /**< PAM0..PAM6 at 0x59..0x5F */
    I440FX_DRB0 = 0x60, /**< DRB0..DRB7 at 0x60..0x67, 8 MiB units */
    I440FX_SMRAM = 0x72,
    I440FX_PAM_RE = 0x1, /**< a PAM nibble's read enable */
    I440FX_PAM_WE = 0x2, /**< a PAM nibble's write enable */
    I440FX_PAM_BASE = 0xC0000,
    I440FX_PAM_SEGMENTS = 13, /**< F0000 (64 KiB) plus twelve 16 KiB segments */
};

/** What the board connects. */
struct i440fx_wiring {
    /**
     * The segment [@base, @base + @size) now sends reads to RAM when
     * @read_ram (else to the ROM/PCI side) and writes to RAM when
     * @write_ram (else they are dropped/forwarded).  Called once per
     * segment whose RE/WE bits changed, in ascending address order.
     */
    void (*pam_changed)(void *opaque, uint32_t base, uint32_t size, bool read_ram, bool write_ram);
    void *opaque;
};

/** Board choices reflected in the registers. */
struct i440fx_config {
    uint32_t ram_size;         /**< bytes; sets DRB0-7 at reset (8 MiB units) */
    uint16_t subsystem_vendor; /**< 0x2C; 0 leaves it 0 (SeaBIOS: 1af4 = QEMU) */
    uint16_t subsystem_id;     /**< 0x2E */
};

struct i440fx;

/** Snapshot descriptor of struct i440fx's state (its config space). */
extern const struct state_desc i440fx_state_desc;

/**
 * Create the PMC and register it at 00:00.0 on @pci, configured by @cfg
 * and wired by @w (both copied), in its reset state; nothing is reported
 * (call i440fx_pam_resync or i440fx_reset to align the board's map).
 * NULL when 00:00.0 is taken or memory runs out.
 */
struct i440fx *i440fx_create(struct pci_bus *pci, const struct i440fx_config *cfg,
                             const struct i440fx_wiring *w);
/** Unregister and free.  NULL is ignored. */
void i440fx_destroy(struct i440fx *x);
/**
 * Hard reset: every register to its default (PAM all 0: the whole of
 * C0000-FFFFF reads ROM/PCI and drops writes), then report every segment
 * through pam_changed so the board's map matches.
 */
void i440fx_reset(struct i440fx *x);
/** Report every segment's current RE/WE (e.g. after loading state). */
void i440fx_pam_resync(struct i440fx *x);
/**
 * RE/WE attributes (I440FX_PAM_RE | I440FX_PAM_WE) of the segment holding
 * @paddr, or -1 when @paddr is outside C0000-FFFFF.
 */
int i440fx_pam_attr(const struct i440fx *x, uint32_t paddr);

#endif
