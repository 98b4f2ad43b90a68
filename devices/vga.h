/*
 * devices/vga.h - the "standard VGA" PCI display adapter (QEMU's -vga std,
 * PCI 1234:1111): an IBM VGA register file and 256 KiB of planar video
 * memory, plus the Bochs VBE "DISPI" extension with a 16 MiB linear
 * framebuffer.  SeaBIOS's vgabios-stdvga.bin drives exactly this register
 * set, so the board loads it into the expansion ROM BAR.
 *
 * What the board wires (the device never calls another one):
 *   ports   0x3B0-0x3DF (VGA registers) and 0x1CE-0x1D0 (DISPI index at
 *           0x1CE, data at 0x1CF; 0x1D0 also reads/writes data), mapped on
 *           the port bus by vga_create();
 *   memory  the legacy window 0xA0000-0xBFFFF: map VGA_LEGACY_SIZE bytes
 *           with vga_legacy_ops() (or call vga_map_legacy); the window
 *           decodes GC register 6's memory map itself;
 *           the linear framebuffer: PCI BAR0, VGA_BAR0_SIZE bytes,
 *           prefetchable memory, served by vga_lfb_ops() or directly from
 *           the host pointer vga_vram();
 *   ROM     PCI expansion ROM BAR of vga_rom_bar_size(image) bytes holding
 *           VGA_BIOS_PATH (the device itself does not hold the ROM).
 *   time    input status 1 derives display-enable and vertical-retrace
 *           from clock_now(): a fixed 70 Hz, 449-line frame (mode 3 timing).
 *
 * Pixels: devices/vga_render.h renders every mode; the memory regions note
 * which parts of video memory were written so that display updates redraw
 * only the rows that changed.
 *
 * Invariants: every register value is reachable by the guest only through
 * the ports; video memory only through the two memory regions; no timers
 * are armed (nothing ticks); all state is in vga_state_desc except the
 * video memory, which is the VGA_VRAM_SIZE bytes at vga_vram(), and the
 * display's change tracking, which is not state (a restore redraws all).
 */
#ifndef T86_DEVICES_VGA_H
#define T86_DEVICES_VGA_H

#include <stddef.h>
#include <stdint.h>

#include "board/bus.h"
#include "board/clock.h"
#include "board/state.h"

/** PCI identity of the QEMU/Bochs standard VGA (PCI class 03 00 00: VGA). */
enum {
    VGA_PCI_VENDOR_ID = 0x1234,
    VGA_PCI_DEVICE_ID = 0x1111,
    VGA_PCI_CLASS = 0x030000, /**< base class, subclass, prog-if */
    VGA_PCI_REVISION = 0x02,
    VGA_PCI_SUBSYS_VENDOR_ID = 0x1AF4, /**< what QEMU reports; informational */
    VGA_PCI_SUBSYS_ID = 0x1100,
};

/** Sizes and fixed addresses. */
enum {
    VGA_VRAM_SIZE = 16 << 20,      /**< video memory, also the LFB size */
    VGA_BAR0_SIZE = VGA_VRAM_SIZE, /**< BAR0: prefetchable 32-bit memory */
    VGA_ROM_BAR_MIN = 0x800,       /**< smallest PCI expansion ROM BAR */
    VGA_LEGACY_BASE = 0xA0000,     /**< legacy window A0000-BFFFF */
    VGA_LEGACY_SIZE = 0x20000,
    VGA_PORT_BASE = 0x3B0, /**< VGA registers 0x3B0-0x3DF */
    VGA_PORT_COUNT = 0x30,
    VBE_DISPI_PORT = 0x1CE, /**< DISPI index; data at +1 (and +2) */
    VBE_DISPI_PORT_COUNT = 3,
};

/** Where the board finds the VGA BIOS for the ROM BAR. */
#define VGA_BIOS_PATH "/usr/share/seabios/vgabios-stdvga.bin"

/** Bochs VBE DISPI register indices (write to 0x1CE, data at 0x1CF). */
enum vbe_dispi_index {
    VBE_DISPI_INDEX_ID,
    VBE_DISPI_INDEX_XRES,
    VBE_DISPI_INDEX_YRES,
    VBE_DISPI_INDEX_BPP,
    VBE_DISPI_INDEX_ENABLE,
    VBE_DISPI_INDEX_BANK,
    VBE_DISPI_INDEX_VIRT_WIDTH,
    VBE_DISPI_INDEX_VIRT_HEIGHT,
    VBE_DISPI_INDEX_X_OFFSET,
    VBE_DISPI_INDEX_Y_OFFSET,
    VBE_DISPI_INDEX_VIDEO_MEMORY_64K,
    VBE_DISPI_INDEX_COUNT
};

/** DISPI constants: the IDs accepted, ENABLE bits and the mode limits. */
enum {
    VBE_DISPI_ID0 = 0xB0C0,
    VBE_DISPI_ID5 = 0xB0C5,
    VBE_DISPI_ENABLED = 0x01,
    VBE_DISPI_GETCAPS = 0x02,
    VBE_DISPI_8BIT_DAC = 0x20,
    VBE_DISPI_LFB_ENABLED = 0x40,
    VBE_DISPI_NOCLEARMEM = 0x80,
    VBE_DISPI_MAX_XRES = 2560,
    VBE_DISPI_MAX_YRES = 1600,
    VBE_DISPI_MAX_BPP = 32,
};

struct vga;

/** Snapshot descriptor of the register state (video memory: vga_vram). */
extern const struct state_desc vga_state_desc;

/**
 * Create the adapter, map its ports (VGA_PORT_BASE.., VBE_DISPI_PORT..) on
 * @io and take display timing from @clock (may be NULL: time stands at 0).
 * The memory regions are not mapped: see vga_map_legacy / vga_lfb_ops.
 * Returns NULL on failure.
 */
struct vga *vga_create(struct bus *io, struct clock *clock);
/** Free the adapter (after the buses are no longer used). NULL is ignored. */
void vga_destroy(struct vga *v);
/**
 * Power-on state: every VGA register 0 except the DAC mask (0xFF); the
 * Misc Output register 0 selects the mono addresses (0x3Bx) and disables
 * CPU access to video memory until the BIOS sets it; DISPI disabled with
 * ID 0xB0C5 and 640x480x8.  Video memory is cleared.
 */
void vga_reset(struct vga *v);

/** Bus callbacks of the legacy window; the region's opaque is the vga. */
const struct bus_ops *vga_legacy_ops(void);
/** Map the legacy window (VGA_LEGACY_BASE, VGA_LEGACY_SIZE) on @mmio. */
int vga_map_legacy(struct vga *v, struct bus *mmio);
/** Bus callbacks of the LFB (offset = byte of video memory, 1-4 bytes). */
const struct bus_ops *vga_lfb_ops(void);
/**
 * Host pointer to the VGA_VRAM_SIZE bytes of video memory (the LFB).
 * Writes through it bypass the display's change tracking: call
 * vga_invalidate afterwards.
 */
uint8_t *vga_vram(struct vga *v);
/**
 * Make the next display update (vga_render_update) redraw everything:
 * after video memory was written behind the device's back (vga_vram) or
 * its state restored from a snapshot.
 */
void vga_invalidate(struct vga *v);
/**
 * Size of the expansion ROM BAR for an @image_size-byte VGA BIOS: the
 * next power of two, at least VGA_ROM_BAR_MIN (PCI 3.0, 6.2.5.2); 0 when
 * @image_size is 0 or larger than 16 MiB.
 */
uint32_t vga_rom_bar_size(size_t image_size);

/**
 * The current text screen as UTF-8 (CP437 glyphs mapped to Unicode), one
 * line per character row ending in '\n', trailing blanks removed.  Uses
 * the CRTC start address, offset (row pitch), horizontal display end
 * (columns), vertical display end and maximum scan line (rows).  At most
 * @size - 1 bytes are stored and the text is NUL-terminated when @size > 0.
 * *@cols and *@rows (either may be NULL) get the geometry.  Returns the
 * full length (like snprintf: a result >= @size means truncation), or -1
 * when the display is not in a text mode (graphics or DISPI enabled).
 */
int vga_text_snapshot(struct vga *v, char *buf, size_t size, unsigned *cols, unsigned *rows);

#endif
