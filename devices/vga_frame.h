/*
 * devices/vga_frame.h - one displayed frame of the standard VGA, described
 * once from the registers and then drawn line by line (private to
 * devices/vga*.c):
 *   vga_frame.c        registers -> struct vga_frame: the mode class, the
 *                      frame size, colours, panning, cursor, blink, timing
 *   vga_crtc.c         the CRTC's walk: line -> address, address -> plane offset
 *   vga_render_text.c  alphanumeric lines
 *   vga_render_gfx.c   VGA graphics lines (planar, CGA, 256-colour)
 *   vga_render_vbe.c   Bochs DISPI lines
 *   vga_render.c       the public renderer (vga_render.h) over these
 *   vga_dirty.c        display updates that redraw only what changed
 *
 * Frame geometry (what one frame pixel is):
 *   text      one pixel per dot as the monitor shows it: cells of 8 or 9
 *             dots, each dot two pixels when the dot clock is halved
 *             (Clocking Mode bit 3), and one row per scan line (Vertical
 *             Display End + 1, scan-doubled lines shown twice);
 *   graphics  one pixel per VGA pixel (the mode's resolution): the dot
 *             doubling of a halved dot clock or of 8-bit pixels (Attribute
 *             Mode Control bit 6) and the scan lines that only repeat the
 *             line above (CR09 bit 7 double scan; CR09 bits 4-0 when no row
 *             scan bit is substituted into the address) are folded, so
 *             mode 13h is 320x200 and mode 12h 640x480;
 *   DISPI     XRES x YRES.
 * Invariant: building and drawing a frame only read the adapter's state.
 */
#ifndef T86_DEVICES_VGA_FRAME_H
#define T86_DEVICES_VGA_FRAME_H

#include <stdbool.h>
#include <stdint.h>

#include "vga_internal.h"

/* Limits of a VGA (not DISPI) frame: 256 character clocks of at most 9
 * dots, doubled; 1024 scan lines (CRTC counters of 8 and 10 bits). */
enum {
    VGA_MAX_CLOCKS = 256,
    VGA_MAX_LINE = VGA_MAX_CLOCKS * 9 * 2,
    VGA_MAX_LINES = 1024,
    VGA_GLYPH_STRIDE = 32, /* bytes per character in a plane 2 character map */
};

/** What the frame shows. */
enum vga_frame_kind {
    VGA_FRAME_TEXT,   /**< alphanumeric */
    VGA_FRAME_PLANAR, /**< 4 planes -> 4-bit colour (modes 0Dh-12h, 6) */
    VGA_FRAME_CGA,    /**< Graphics Mode bit 5: 2-bit interleave (modes 4, 5) */
    VGA_FRAME_256,    /**< Graphics Mode bit 6: 256-colour shift (13h, X) */
    VGA_FRAME_VBE,    /**< DISPI enabled */
};

/** The CRTC's walk down the frame (IBM VGA Technical Reference, CRT
 * Controller registers). */
struct vga_scan {
    uint32_t start;        /**< Start Address, CR0C:CR0D */
    uint32_t pitch;        /**< memory addresses per character row: 2 x Offset (CR13) */
    unsigned preset;       /**< Preset Row Scan, CR08 bits 4-0 */
    unsigned row_height;   /**< Maximum Scan Line (CR09 bits 4-0) + 1 */
    unsigned double_scan;  /**< CR09 bit 7: 1 when each row scan lasts two lines */
    unsigned line_compare; /**< CR18 + CR07 bit 4 + CR09 bit 6 */
    unsigned lines;        /**< Vertical Display End + 1 */
    unsigned clocks;       /**< character clocks per line: CR01 + 1 */
    unsigned count_shift;  /**< MA advances every 1 << n clocks (CR17 bit 3, CR14 bit 5) */
    unsigned addressing;   /**< 0 byte (CR17 bit 6), 1 word, 2 doubleword (CR14 bit 6) */
    bool word_ma15;        /**< CR17 bit 5: word mode puts MA15 (else MA13) in bit 0 */
    bool map13, map14;     /**< CR17 bits 0 / 1 clear: row scan bits 0 / 1 replace
                                address bits 13 / 14 */
};

/** Where the CRTC is on one physical scan line. */
struct vga_scan_pos {
    uint32_t ma;      /**< memory address of the line's first character clock */
    unsigned rs;      /**< row scan counter */
    bool below_split; /**< past the line compare: restarted at address 0 */
};

struct vga_frame {
    enum vga_frame_kind kind;
    unsigned width, height;       /**< frame size in pixels (see the file comment) */
    unsigned mode_w, mode_h, bpp; /**< for the mode name: columns x rows (text) or
                                       pixels x bits per pixel */
    bool blanked;                 /**< Screen Off or PAS = 0: the frame is black */
    double refresh_hz;
    struct vga_scan scan;
    unsigned vrep;      /**< physical scan lines per frame row */
    unsigned pan;       /**< frame pixels the picture moves left (AR13) */
    bool pan_compat;    /**< AR10 bit 5: no panning below the split */
    uint32_t pal16[16]; /**< the 16 attribute colours as 0x00RRGGBB */
    uint32_t dac[256];  /**< DAC entries (PEL mask applied) as 0x00RRGGBB */
    /* text */
    unsigned cell_dots;    /**< 8 or 9 */
    unsigned dot_rep;      /**< 2 when the dot clock is halved */
    uint32_t map_a, map_b; /**< plane 2 offsets of character maps A and B */
    bool line_graphics, blink_enable;
    bool blink_shown; /**< blinking characters in their visible phase */
    bool cursor_on;   /**< enabled, in its visible phase, start <= end */
    uint32_t cursor;  /**< memory address of the cursor's cell (with skew) */
    unsigned cursor_top, cursor_bottom, underline;
    /* graphics */
    bool pcs; /**< 256-colour shift with 8-bit pixels */
    /* DISPI */
    uint32_t vbe_start, vbe_pitch; /**< vram byte of pixel (0, 0); bytes per line */
    unsigned vbe_virt_width;
};

/** How blinking text and the cursor are drawn. */
enum vga_blink_mode {
    VGA_BLINK_TIME,    /**< follow guest time: the frame the adapter shows now */
    VGA_BLINK_VISIBLE, /**< both in their visible phase (screendumps) */
};

/** Describe the frame @v shows (vga_frame.c). */
void vga_frame_setup(struct vga *v, struct vga_frame *f, enum vga_blink_mode blink);
/** The frame rate from the CRTC timing and dot clock (vga_frame.c). */
double vga_frame_refresh_hz(const struct vga *v);
/** Read the CRTC registers of @v into @s (vga_crtc.c). */
void vga_scan_setup(const struct vga *v, struct vga_scan *s);
/** The CRTC position on physical scan line @y (vga_crtc.c). */
struct vga_scan_pos vga_scan_line(const struct vga_scan *s, unsigned y);
/** The plane offset the CRTC fetches for address @ma on row scan @rs. */
uint32_t vga_scan_offset(const struct vga_scan *s, uint32_t ma, unsigned rs);
/**
 * Plane offsets of the first @n character clocks from @p into @offs
 * (the memory a line reads).
 */
void vga_scan_offsets(const struct vga_scan *s, struct vga_scan_pos p, unsigned n, uint32_t *offs);
/** True when any vram block holding plane offsets @offs[0..@n) is dirty (vga_dirty.c). */
bool vga_dirty_offsets(const struct vga *v, const uint32_t *offs, unsigned n);
/** True when any vram block in [@start, @start + @len) (wrapping) is dirty (vga_dirty.c). */
bool vga_dirty_range(const struct vga *v, uint32_t start, uint32_t len);

/** Text line @y into @out (vga_render_text.c). */
void vga_text_draw_line(struct vga *v, const struct vga_frame *f, unsigned y, uint32_t *out);
/** True when text line @y reads a dirty block. */
bool vga_text_line_dirty(const struct vga *v, const struct vga_frame *f, unsigned y);
/** True when text line @y shows a character with the blink attribute. */
bool vga_text_line_blinks(struct vga *v, const struct vga_frame *f, unsigned y);
/** True when text line @y belongs to the character row holding address @ma. */
bool vga_text_line_holds(const struct vga_frame *f, unsigned y, uint32_t ma);

/** Graphics line @y into @out (vga_render_gfx.c). */
void vga_gfx_draw_line(struct vga *v, const struct vga_frame *f, unsigned y, uint32_t *out);
/** True when graphics line @y reads a dirty block. */
bool vga_gfx_line_dirty(const struct vga *v, const struct vga_frame *f, unsigned y);

/** DISPI line @y into @out (vga_render_vbe.c). */
void vga_vbe_draw_line(struct vga *v, const struct vga_frame *f, unsigned y, uint32_t *out);
/** True when DISPI line @y reads a dirty block. */
bool vga_vbe_line_dirty(const struct vga *v, const struct vga_frame *f, unsigned y);

/** Line @y of any frame (black when blanked) into @out (vga_render.c). */
void vga_frame_draw_line(struct vga *v, const struct vga_frame *f, unsigned y, uint32_t *out);
/** True when line @y of @f reads video memory written since the last update. */
bool vga_frame_line_dirty(const struct vga *v, const struct vga_frame *f, unsigned y);

#endif
