/*
 * devices/vga_regs.c - the VGA register file on ports 0x3B0-0x3DF (IBM
 * VGA Technical Reference, "Registers"; Ferraro, "Programmer's Guide to
 * the EGA, VGA and Super VGA Cards", 3rd ed., chapters on each group).
 *
 *   3C2 w Misc Output (r at 3CC): bit 0 I/O address select, 1 = CRTC at
 *         3D4/3D5 and input status 1 / feature control at 3DA, 0 = 3B4/3B5
 *         and 3BA; the unselected set reads 0xFF and ignores writes.
 *   3C2 r Input Status 0: switch sense and CRT interrupt read 0 (no
 *         vertical-retrace interrupt is generated).
 *   3xA r Input Status 1: bit 0 display disabled (horizontal or vertical
 *         blanking), bit 3 vertical retrace; the read resets the attribute
 *         flip-flop to "index".  3xA w / 3CA r: Feature Control.
 *   3C3   VGA enable (bit 0).
 *   3C4/5 sequencer, 3xx4/5 CRTC (registers 0-7 write-protected by bit 7
 *         of register 0x11, except the line compare bit 4 of register 7),
 *   3CE/F graphics controller, 3C0/1 attribute controller (3C0 writes
 *         alternate index / data; index bit 5 is PAS: palette registers
 *         0-0Fh are writable only while PAS = 0), 3C6-3C9 the DAC (6-bit
 *         components written and read as R, G, B with auto-increment).
 *
 * Timing of input status 1 is computed from virtual time, never ticked,
 * with the frame the CRTC programs (dot clock, horizontal and vertical
 * totals, display ends, vertical retrace start and end: 70 Hz in mode 3,
 * 60 Hz in mode 12h); before a mode is set and in DISPI modes, mode 3's
 * 25.175 MHz, 800 dots x 449 lines (70.09 Hz), 640 x 400 visible,
 * retrace on lines 412-413.  Invariant: reads have no side effects except the
 * documented ones (flip-flop reset, DAC read auto-increment).
 */
#include <string.h>

#include "vga_internal.h"

enum {
    DOT_HZ = 25175000,
    DOTS_PER_LINE = 800,
    LINES_PER_FRAME = 449,
    VISIBLE_DOTS = 640,
    VISIBLE_LINES = 400,
    VRETRACE_FIRST = 412,
    VRETRACE_LINES = 2,
};

/* ---- addressing ------------------------------------------------------------ */

static bool color_addressing(const struct vga *v)
{
    return v->misc & 1;
}

/* True when @port (0x3Bx or 0x3Dx) is the selected CRTC / status set. */
static bool port_selected(const struct vga *v, uint16_t port)
{
    return ((port & 0xF0) == 0xD0) == color_addressing(v);
}

/* ---- input status ------------------------------------------------------------ */

/* Frame timing in dots and lines, from the CRTC (IBM VGA Technical
 * Reference, CRTC registers 00h, 01h, 06h, 07h, 10h, 11h, 12h; Sequencer
 * Clocking Mode; Misc Output clock select).  Before a mode is programmed
 * (implausible totals) and in DISPI modes, the mode 3 timing. */
struct frame_timing {
    uint64_t dot_hz;
    unsigned dots_per_line, lines, visible_dots, visible_lines, vr_first, vr_lines;
};

static struct frame_timing frame_timing(const struct vga *v)
{
    static const struct frame_timing mode3 = {DOT_HZ,        DOTS_PER_LINE, LINES_PER_FRAME,
                                              VISIBLE_DOTS,  VISIBLE_LINES, VRETRACE_FIRST,
                                              VRETRACE_LINES};
    const uint8_t *cr = v->crtc, ov = v->crtc[CRTC_OVERFLOW];
    unsigned cell = (v->seq[SEQ_CLOCKING] & 0x01) ? 8 : 9;
    unsigned vtotal = (cr[0x06] | (ov & 0x01u) << 8 | (ov >> 5 & 1u) << 9) + 2;
    unsigned vdisp = (cr[CRTC_VDISP_END] | (ov >> 1 & 1u) << 8 | (ov >> 6 & 1u) << 9) + 1;
    unsigned vrs = cr[0x10] | (ov >> 2 & 1u) << 8 | (ov >> 7 & 1u) << 9;
    unsigned htotal = (cr[0x00] + 5u) * cell, hdisp = (cr[CRTC_HDISP_END] + 1u) * cell;
    if (vga_vbe_enabled(v) || vtotal < 100 || vdisp > vtotal || cr[0x00] < 20 || hdisp > htotal)
        return mode3;
    unsigned vr_len = ((cr[CRTC_VRETRACE_END] & 0x0Fu) - vrs) & 0x0Fu; /* ends at low bits */
    uint64_t hz = (v->misc >> 2 & 3) == 1 ? 28322000u : DOT_HZ;
    if (v->seq[SEQ_CLOCKING] & 0x08)
        hz /= 2; /* dot clock / 2 (320- and 360-dot modes) */
    return (struct frame_timing){hz, htotal, vtotal, hdisp, vdisp, vrs, vr_len ? vr_len : 16};
}

/* Input Status 1 (3BA / 3DA) at the current virtual time. */
static uint8_t input_status1(struct vga *v)
{
    struct frame_timing t = frame_timing(v);
    uint64_t ns = v->clock ? clock_now(v->clock) : 0;
    uint64_t dots = (uint64_t)((unsigned __int128)ns * t.dot_hz / 1000000000u);
    uint64_t in_frame = dots % ((uint64_t)t.dots_per_line * t.lines);
    unsigned line = (unsigned)(in_frame / t.dots_per_line);
    unsigned dot = (unsigned)(in_frame % t.dots_per_line);
    bool blank = line >= t.visible_lines || dot >= t.visible_dots;
    bool vretrace = line >= t.vr_first && line < t.vr_first + t.vr_lines;
    v->attr_data = 0; /* reading input status 1 resets the attribute flip-flop */
    return (uint8_t)(blank << 0 | vretrace << 3);
}

/* ---- CRTC, sequencer, graphics controller ------------------------------------- */

/* CRTC data write honouring the protect bit (register 0x11 bit 7). */
static void crtc_write(struct vga *v, uint8_t val)
{
    unsigned i = v->crtc_index;
    if (i >= VGA_CRTC_COUNT)
        return;
    if ((v->crtc[CRTC_VRETRACE_END] & 0x80) && i <= CRTC_OVERFLOW) {
        if (i == CRTC_OVERFLOW) /* line compare bit 8 stays writable */
            v->crtc[i] = (uint8_t)((v->crtc[i] & ~0x10) | (val & 0x10));
        return;
    }
    v->crtc[i] = val;
}

static uint8_t indexed_read(const uint8_t *regs, unsigned count, unsigned index)
{
    return index < count ? regs[index] : 0xFF;
}

static void indexed_write(uint8_t *regs, unsigned count, unsigned index, uint8_t val)
{
    if (index < count)
        regs[index] = val;
}

/* ---- attribute controller ------------------------------------------------------ */

/* A write to 3C0: index (with PAS) or data, alternately. */
static void attr_write(struct vga *v, uint8_t val)
{
    if (!v->attr_data) {
        v->attr_index = val & 0x3F;
        v->attr_data = 1;
        return;
    }
    v->attr_data = 0;
    unsigned i = v->attr_index & 0x1F;
    if (i < VGA_PALETTE_COUNT && (v->attr_index & ATTR_PAS))
        return; /* palette registers are locked while the display uses them */
    indexed_write(v->attr, VGA_ATTR_COUNT, i, val);
}

/* ---- DAC ------------------------------------------------------------------------- */

static uint8_t dac_component_mask(const struct vga *v)
{
    return vga_dac_8bit(v) ? 0xFF : 0x3F;
}

/* 3C9 write: collect R, G, B, then store the entry and move to the next. */
static void dac_write(struct vga *v, uint8_t val)
{
    v->dac_latch[v->dac_step] = val & dac_component_mask(v);
    if (++v->dac_step < 3)
        return;
    memcpy(&v->dac[v->dac_write_index * 3u], v->dac_latch, 3);
    v->dac_write_index++;
    v->dac_step = 0;
}

/* 3C9 read: the next of R, G, B of the read entry, then the next entry. */
static uint8_t dac_read(struct vga *v)
{
    uint8_t c = v->dac[v->dac_read_index * 3u + v->dac_step];
    if (++v->dac_step == 3) {
        v->dac_read_index++;
        v->dac_step = 0;
    }
    return c;
}

/* ---- port dispatch ------------------------------------------------------------------ */

/* Reads of the CRTC and input status 1 ports (3Bx / 3Dx). */
static uint8_t mono_color_read(struct vga *v, uint16_t port)
{
    if (!port_selected(v, port))
        return 0xFF;
    switch (port & 0xF) {
    case 0x4: return v->crtc_index;
    case 0x5: return indexed_read(v->crtc, VGA_CRTC_COUNT, v->crtc_index);
    case 0xA: return input_status1(v);
    default: return 0xFF;
    }
}

static void mono_color_write(struct vga *v, uint16_t port, uint8_t val)
{
    if (!port_selected(v, port))
        return;
    switch (port & 0xF) {
    case 0x4: v->crtc_index = val & 0x3F; break;
    case 0x5: crtc_write(v, val); break;
    case 0xA: v->feature = val; break;
    default: break;
    }
}

/* Reads of 3C0-3CF. */
static uint8_t common_read(struct vga *v, uint16_t port)
{
    switch (port) {
    case 0x3C0: return v->attr_index;
    case 0x3C1: return indexed_read(v->attr, VGA_ATTR_COUNT, v->attr_index & 0x1F);
    case 0x3C2: return 0x00; /* input status 0 */
    case 0x3C3: return v->enable;
    case 0x3C4: return v->seq_index;
    case 0x3C5: return indexed_read(v->seq, VGA_SEQ_COUNT, v->seq_index);
    case 0x3C6: return v->dac_mask;
    case 0x3C7: return v->dac_state;
    case 0x3C8: return v->dac_write_index;
    case 0x3C9: return dac_read(v);
    case 0x3CA: return v->feature;
    case 0x3CC: return v->misc;
    case 0x3CE: return v->gc_index;
    case 0x3CF: return indexed_read(v->gc, VGA_GC_COUNT, v->gc_index);
    default: return 0xFF;
    }
}

/* A 3C7 / 3C8 write: new read / write index, component sequence restarts. */
static void dac_index_write(struct vga *v, bool read, uint8_t val)
{
    if (read)
        v->dac_read_index = val;
    else
        v->dac_write_index = val;
    v->dac_state = read ? 3 : 0;
    v->dac_step = 0;
}

static void common_write(struct vga *v, uint16_t port, uint8_t val)
{
    switch (port) {
    case 0x3C0: attr_write(v, val); break;
    case 0x3C2: v->misc = val; break;
    case 0x3C3: v->enable = val & 1; break;
    case 0x3C4: v->seq_index = val & 0x07; break;
    case 0x3C5: indexed_write(v->seq, VGA_SEQ_COUNT, v->seq_index, val); break;
    case 0x3C6: v->dac_mask = val; break;
    case 0x3C7: dac_index_write(v, true, val); break;
    case 0x3C8: dac_index_write(v, false, val); break;
    case 0x3C9: dac_write(v, val); break;
    case 0x3CE: v->gc_index = val & 0x0F; break;
    case 0x3CF: indexed_write(v->gc, VGA_GC_COUNT, v->gc_index, val); break;
    default: break; /* 3C1 and the rest are read-only or absent */
    }
}

uint32_t vga_regs_read(void *opaque, uint32_t offset, unsigned size)
{
    uint16_t port = (uint16_t)(VGA_PORT_BASE + offset);
    if (port >= 0x3C0 && port <= 0x3CF)
        return common_read(opaque, port);
    return mono_color_read(opaque, port);
}

void vga_regs_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    uint16_t port = (uint16_t)(VGA_PORT_BASE + offset);
    if (port >= 0x3C0 && port <= 0x3CF)
        common_write(opaque, port, (uint8_t)val);
    else
        mono_color_write(opaque, port, (uint8_t)val);
}

void vga_regs_reset(struct vga *v)
{
    v->misc = v->feature = v->enable = 0;
    v->seq_index = v->crtc_index = v->gc_index = v->attr_index = v->attr_data = 0;
    memset(v->seq, 0, sizeof(v->seq));
    memset(v->crtc, 0, sizeof(v->crtc));
    memset(v->gc, 0, sizeof(v->gc));
    memset(v->attr, 0, sizeof(v->attr));
    v->dac_mask = 0xFF;
    v->dac_read_index = v->dac_write_index = v->dac_step = v->dac_state = 0;
    memset(v->dac_latch, 0, sizeof(v->dac_latch));
    memset(v->dac, 0, sizeof(v->dac));
    memset(v->latch, 0, sizeof(v->latch));
}
