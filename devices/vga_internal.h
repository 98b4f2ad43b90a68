/*
 * devices/vga_internal.h - the state of the standard VGA shared by its
 * files (private to devices/vga*.c; nothing else includes it):
 *   vga.c       lifetime, snapshot descriptor, PCI sizes, DISPI registers
 *   vga_regs.c  the VGA register file on ports 0x3B0-0x3DF
 *   vga_mem.c   the legacy window, planes, latches and the LFB
 *   vga_text.c  text-mode snapshots and the CRTC text geometry
 *   vga_frame.c, vga_crtc.c, vga_render*.c  pixels of every mode (vga_frame.h)
 *   vga_dirty.c what changed since the last display update
 *
 * Video memory layout: plane p's byte at plane offset o is vram[o * 4 + p]
 * (so a 32-bit load at o * 4 fetches the four latches).  The VGA's 256 KiB
 * are plane offsets 0-0xFFFF; DISPI modes use the whole VGA_VRAM_SIZE
 * linearly.  Invariants: vram is VGA_VRAM_SIZE bytes; every index register
 * may hold any value its port accepts, the data ports check it against
 * the register count; the attribute index keeps the PAS bit (bit 5).
 */
#ifndef T86_DEVICES_VGA_INTERNAL_H
#define T86_DEVICES_VGA_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "vga.h"

/* Register counts (IBM VGA Technical Reference, "Registers"). */
enum {
    VGA_SEQ_COUNT = 5,
    VGA_CRTC_COUNT = 25,
    VGA_GC_COUNT = 9,
    VGA_ATTR_COUNT = 21,
    VGA_PALETTE_COUNT = 16,
    VGA_DAC_ENTRIES = 256,
    VGA_PLANE_SIZE = 0x10000,
};

/* Register numbers used by more than one file. */
enum {
    SEQ_CLOCKING = 1,
    SEQ_MAP_MASK = 2,
    SEQ_CHAR_MAP = 3,
    SEQ_MEMORY_MODE = 4,
    CRTC_HTOTAL = 0x00,
    CRTC_HDISP_END = 0x01,
    CRTC_VTOTAL = 0x06,
    CRTC_OVERFLOW = 0x07,
    CRTC_PRESET_ROW = 0x08,
    CRTC_MAX_SCAN = 0x09,
    CRTC_CURSOR_START = 0x0A,
    CRTC_CURSOR_END = 0x0B,
    CRTC_START_HI = 0x0C,
    CRTC_START_LO = 0x0D,
    CRTC_CURSOR_HI = 0x0E,
    CRTC_CURSOR_LO = 0x0F,
    CRTC_VRETRACE_END = 0x11,
    CRTC_VDISP_END = 0x12,
    CRTC_OFFSET = 0x13,
    CRTC_UNDERLINE = 0x14,
    CRTC_MODE = 0x17,
    CRTC_LINE_COMPARE = 0x18,
    GC_SET_RESET = 0,
    GC_ENABLE_SET_RESET = 1,
    GC_COLOR_COMPARE = 2,
    GC_ROTATE = 3,
    GC_READ_MAP = 4,
    GC_MODE = 5,
    GC_MISC = 6,
    GC_DONT_CARE = 7,
    GC_BIT_MASK = 8,
    ATTR_MODE = 0x10,
    ATTR_PLANE_ENABLE = 0x12,
    ATTR_PANNING = 0x13,
    ATTR_COLOR_SELECT = 0x14,
    ATTR_PAS = 0x20, /* attribute index bit 5: palette address source */
};

/* Change tracking of video memory for display updates: one bit per
 * VGA_DIRTY_BLOCK bytes of vram (plane offset o of the VGA is vram byte
 * o * 4, so a block holds 256 plane offsets of all four planes). */
enum {
    VGA_DIRTY_SHIFT = 10,
    VGA_DIRTY_BLOCK = 1 << VGA_DIRTY_SHIFT,
    VGA_DIRTY_WORDS = (VGA_VRAM_SIZE >> VGA_DIRTY_SHIFT) / 64,
};

/* The registers whose value shapes the picture, as vga_dirty.c compares
 * them between two display updates (all but the cursor registers, which
 * only touch the cursor's rows, and the CPU-side ones such as the map
 * mask, the write mode and the bank, which change nothing on screen). */
struct vga_display_regs {
    uint8_t misc, seq_clocking, seq_char_map, gc_mode, gc_misc, pas;
    uint8_t crtc[VGA_CRTC_COUNT]; /**< cursor registers 0Ah, 0Bh, 0Eh, 0Fh zeroed */
    uint8_t attr[VGA_ATTR_COUNT];
    uint8_t dac_mask;
    uint8_t dac[VGA_DAC_ENTRIES * 3];
    uint16_t vbe[VBE_DISPI_INDEX_COUNT]; /**< BANK zeroed */
};

/* What the previous vga_render_update drew (vga_dirty.c). */
struct vga_view {
    bool valid;
    const uint32_t *px; /**< the caller's buffer and its geometry */
    size_t pitch;
    unsigned width, height;
    struct vga_display_regs regs;
    uint8_t cursor[4]; /**< CRTC 0Ah, 0Bh, 0Eh, 0Fh */
    bool cursor_phase; /**< the cursor's blink phase (true: shown) */
    bool blink_phase;  /**< blinking characters' phase (true: shown) */
};

struct vga {
    /* ---- state (vga_state_desc) ---- */
    uint8_t misc;    /**< Misc Output (write 3C2, read 3CC) */
    uint8_t feature; /**< Feature Control (write 3xA, read 3CA) */
    uint8_t enable;  /**< VGA enable, 3C3 bit 0 */
    uint8_t seq_index;
    uint8_t seq[VGA_SEQ_COUNT];
    uint8_t crtc_index;
    uint8_t crtc[VGA_CRTC_COUNT];
    uint8_t gc_index;
    uint8_t gc[VGA_GC_COUNT];
    uint8_t attr_index; /**< bits 4-0 index, bit 5 PAS */
    uint8_t attr_data;  /**< flip-flop: 1 when the next 3C0 write is data */
    uint8_t attr[VGA_ATTR_COUNT];
    uint8_t dac_mask;        /**< 3C6 */
    uint8_t dac_read_index;  /**< 3C7 (write) */
    uint8_t dac_write_index; /**< 3C8 */
    uint8_t dac_step;        /**< 0, 1, 2: the next of R, G, B */
    uint8_t dac_state;       /**< 3C7 read: 0 after 3C8 written, 3 after 3C7 */
    uint8_t dac_latch[3];    /**< colour being written */
    uint8_t dac[VGA_DAC_ENTRIES * 3];
    uint8_t latch[4]; /**< the four plane latches */
    uint16_t vbe_index;
    uint16_t vbe[VBE_DISPI_INDEX_COUNT];
    /* ---- wiring ---- */
    struct clock *clock;
    uint8_t *vram;
    /* ---- display change tracking (not state: a restore redraws all) ---- */
    uint64_t dirty[VGA_DIRTY_WORDS]; /**< blocks written since the last update */
    bool font_dirty;                 /**< plane 2 written (text fonts) */
    bool redraw_all;                 /**< vga_invalidate, reset, DISPI clear */
    struct vga_view view;
};

/** Byte @off of plane @plane (offsets wrap at the end of video memory). */
static inline uint8_t *vga_plane(struct vga *v, unsigned plane, uint32_t off)
{
    return &v->vram[((off << 2) | (plane & 3)) & (VGA_VRAM_SIZE - 1)];
}

/** Note a CPU write to vram byte @off (a single bit set: the hot path). */
static inline void vga_mark_dirty(struct vga *v, uint32_t off)
{
    uint32_t b = (off & (VGA_VRAM_SIZE - 1)) >> VGA_DIRTY_SHIFT;
    v->dirty[b >> 6] |= (uint64_t)1 << (b & 63);
}

/** True when DISPI (VBE) is enabled. */
static inline bool vga_vbe_enabled(const struct vga *v)
{
    return v->vbe[VBE_DISPI_INDEX_ENABLE] & VBE_DISPI_ENABLED;
}

/** True when the DAC stores 8-bit components (DISPI 8BIT_DAC). */
static inline bool vga_dac_8bit(const struct vga *v)
{
    return v->vbe[VBE_DISPI_INDEX_ENABLE] & VBE_DISPI_8BIT_DAC;
}

/** Bytes per DISPI scan line of @width pixels at @bpp (4 bpp: planar,
 * 8 pixels per plane byte, four planes interleaved as in vram). */
static inline uint32_t vga_vbe_line_bytes(unsigned width, unsigned bpp)
{
    if (bpp == 4)
        return width / 2;
    return width * ((bpp + 7) / 8);
}

/** The text screen as the CRTC scans it (vga_text.c). */
struct vga_text_geometry {
    unsigned cols, rows;
    unsigned lines;        /**< scan lines displayed (Vertical Display End + 1) */
    unsigned char_height;  /**< scan lines per character row (CR09 bits 4-0, + 1) */
    bool double_scan;      /**< CR09 bit 7: every scan line is shown twice */
    uint32_t start, pitch; /**< in CRTC memory addresses */
};

/** True in a VGA text mode: DISPI off, GC Misc and Attribute Mode bit 0 clear (vga_text.c). */
bool vga_is_text_mode(const struct vga *v);
/** Columns, rows, start address and row pitch from the CRTC (vga_text.c). */
struct vga_text_geometry vga_text_geometry(const struct vga *v);
/** Plane offset the CRTC fetches for memory address @ma (vga_text.c). */
uint32_t vga_crtc_plane_offset(const struct vga *v, uint32_t ma);

/** Port callbacks of the VGA register file (vga_regs.c), offset from 0x3B0. */
uint32_t vga_regs_read(void *opaque, uint32_t offset, unsigned size);
void vga_regs_write(void *opaque, uint32_t offset, uint32_t val, unsigned size);
/** Reset the register file (vga_regs.c). */
void vga_regs_reset(struct vga *v);

#endif
