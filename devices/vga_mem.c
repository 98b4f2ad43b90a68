/*
 * devices/vga_mem.c - CPU access to video memory: the legacy window
 * A0000-BFFFF (planes, latches, the graphics controller's read and write
 * modes) and the DISPI linear framebuffer (IBM VGA Technical Reference,
 * "Graphics Controller Registers" and "Sequencer Registers"; Ferraro,
 * "Programmer's Guide to the EGA, VGA and Super VGA Cards", ch. 3-4).
 *
 * Legacy window, per byte:
 *   - Misc Output bit 1 (RAM enable) = 0: reads 0xFF, writes dropped.
 *   - DISPI enabled: A0000-AFFFF is a 64 KiB bank of video memory at
 *     BANK * 64 KiB: linear for 8-32 bpp, planar for 4 bpp.
 *   - Otherwise GC 6 bits 3-2 select the window (A0000/128K, A0000/64K,
 *     B0000/32K, B8000/32K); outside it reads are 0xFF, writes dropped.
 * Plane addressing (address A inside the window, plane offsets < 64 KiB):
 *   chain 4 (SR4 bit 3):      plane A & 3, offset A & ~3;
 *   odd/even (writes: SR4 bit 2 = 0; reads: GC5 bit 4 = 1): planes 0/2
 *     for even A, 1/3 for odd A, offset A & ~1 (the CRTC's word mode reads
 *     the same offsets);
 *   otherwise: writes go to the planes of the map mask, reads to plane
 *     GC4 (read map select), offset A.
 * Every read loads the four latches at that offset; read mode 1 returns
 * the colour-compare result.  Writes run through the write mode (0-3:
 * rotate, set/reset, logical function, bit mask) and then the map mask
 * (ANDed with the chain-4 / odd-even plane selection).
 * Every write also sets the dirty bit of the vram block it lands in (and
 * notes plane 2 writes, the text fonts) for display updates: one bit set,
 * nothing rendered here.
 * Invariant: no access ever touches bytes outside vram.
 */
#include <string.h>

#include "vga_internal.h"

/* ---- the write data path ------------------------------------------------------ */

static uint8_t expand_bit(unsigned bit)
{
    return (bit & 1) ? 0xFF : 0x00;
}

static uint8_t rotate_right(uint8_t x, unsigned n)
{
    n &= 7;
    return n ? (uint8_t)((x >> n) | (x << (8 - n))) : x;
}

/* GC3 bits 4-3: replace, AND, OR, XOR with the latch. */
static uint8_t logical_op(uint8_t data, uint8_t latch, unsigned fn)
{
    switch (fn & 3) {
    case 1: return data & latch;
    case 2: return data | latch;
    case 3: return data ^ latch;
    default: return data;
    }
}

/* The byte each plane would receive for CPU data @val (write modes 0-3). */
static void write_pipeline(const struct vga *v, uint8_t val, uint8_t out[4])
{
    const uint8_t *gc = v->gc;
    uint8_t rot = rotate_right(val, gc[GC_ROTATE]), mask = gc[GC_BIT_MASK];
    unsigned mode = gc[GC_MODE] & 3;
    if (mode == 1) { /* latches copied as they are */
        memcpy(out, v->latch, 4);
        return;
    }
    if (mode == 3)
        mask &= rot;
    for (unsigned k = 0; k < 4; k++) {
        uint8_t d;
        if (mode == 2)
            d = expand_bit(val >> k);
        else if (mode == 3 || (gc[GC_ENABLE_SET_RESET] >> k & 1))
            d = expand_bit(gc[GC_SET_RESET] >> k);
        else
            d = rot;
        d = logical_op(d, v->latch[k], gc[GC_ROTATE] >> 3);
        out[k] = (uint8_t)((d & mask) | (v->latch[k] & ~mask));
    }
}

/* ---- planar access ---------------------------------------------------------------- */

static void load_latches(struct vga *v, uint32_t off)
{
    for (unsigned k = 0; k < 4; k++)
        v->latch[k] = *vga_plane(v, k, off);
}

/* Read mode 1: 1 where every plane not masked by Color Don't Care matches
 * the Color Compare colour. */
static uint8_t color_compare(const struct vga *v)
{
    uint8_t r = 0xFF;
    for (unsigned k = 0; k < 4; k++)
        if (v->gc[GC_DONT_CARE] >> k & 1)
            r &= (uint8_t) ~(v->latch[k] ^ expand_bit(v->gc[GC_COLOR_COMPARE] >> k));
    return r;
}

/* Read at window address @a; @limit masks plane offsets. */
static uint8_t planar_read(struct vga *v, uint32_t a, uint32_t limit)
{
    unsigned plane = v->gc[GC_READ_MAP] & 3;
    uint32_t off = a;
    if (v->seq[SEQ_MEMORY_MODE] & 0x08) {
        plane = a & 3;
        off = a & ~3u;
    } else if (v->gc[GC_MODE] & 0x10) {
        plane = (plane & 2) | (a & 1);
        off = a & ~1u;
    }
    off &= limit;
    load_latches(v, off);
    if (v->gc[GC_MODE] & 0x08)
        return color_compare(v);
    return v->latch[plane];
}

static void planar_write(struct vga *v, uint32_t a, uint8_t val, uint32_t limit)
{
    unsigned planes = v->seq[SEQ_MAP_MASK] & 0xF;
    uint32_t off = a;
    if (v->seq[SEQ_MEMORY_MODE] & 0x08) {
        planes &= 1u << (a & 3);
        off = a & ~3u;
    } else if (!(v->seq[SEQ_MEMORY_MODE] & 0x04)) {
        planes &= (a & 1) ? 0xAu : 0x5u;
        off = a & ~1u;
    }
    off &= limit;
    uint8_t out[4];
    write_pipeline(v, val, out);
    for (unsigned k = 0; k < 4; k++)
        if (planes >> k & 1)
            *vga_plane(v, k, off) = out[k];
    vga_mark_dirty(v, off << 2);
    if (planes & 4)
        v->font_dirty = true;
}

/* ---- the legacy window ------------------------------------------------------------- */

enum win_kind { WIN_NONE, WIN_PLANAR, WIN_LINEAR };

/* Decode window offset @offset (0 = A0000) into a planar address or a
 * linear video memory offset (*@a), with the plane offset mask *@limit. */
static enum win_kind decode_window(const struct vga *v, uint32_t offset, uint32_t *a,
                                   uint32_t *limit)
{
    static const uint32_t base[4] = {0, 0, 0x10000, 0x18000};
    static const uint32_t size[4] = {0x20000, 0x10000, 0x8000, 0x8000};
    if (!(v->misc & 0x02))
        return WIN_NONE;
    if (vga_vbe_enabled(v)) {
        if (offset >= 0x10000)
            return WIN_NONE;
        *a = ((uint32_t)v->vbe[VBE_DISPI_INDEX_BANK] << 16) + offset;
        *limit = VGA_VRAM_SIZE / 4 - 1;
        return v->vbe[VBE_DISPI_INDEX_BPP] == 4 ? WIN_PLANAR : WIN_LINEAR;
    }
    unsigned map = (v->gc[GC_MISC] >> 2) & 3;
    if (offset < base[map] || offset - base[map] >= size[map])
        return WIN_NONE;
    *a = offset - base[map];
    *limit = VGA_PLANE_SIZE - 1;
    return WIN_PLANAR;
}

static uint32_t legacy_read(void *opaque, uint32_t offset, unsigned size)
{
    struct vga *v = opaque;
    uint32_t a = 0, limit = 0;
    switch (decode_window(v, offset, &a, &limit)) {
    case WIN_PLANAR: return planar_read(v, a, limit);
    case WIN_LINEAR: return v->vram[a & (VGA_VRAM_SIZE - 1)];
    default: return 0xFF;
    }
}

static void legacy_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct vga *v = opaque;
    uint32_t a = 0, limit = 0;
    switch (decode_window(v, offset, &a, &limit)) {
    case WIN_PLANAR: planar_write(v, a, (uint8_t)val, limit); break;
    case WIN_LINEAR:
        v->vram[a & (VGA_VRAM_SIZE - 1)] = (uint8_t)val;
        vga_mark_dirty(v, a);
        break;
    default: break;
    }
}

/* Byte accesses only: each byte of a wider access goes through the
 * latches in address order, as on the 8-bit VGA data path. */
static const struct bus_ops legacy_ops = {
    .read = legacy_read,
    .write = legacy_write,
    .min_size = 1,
    .max_size = 1,
};

const struct bus_ops *vga_legacy_ops(void)
{
    return &legacy_ops;
}

int vga_map_legacy(struct vga *v, struct bus *mmio)
{
    return bus_map(mmio, "vga", VGA_LEGACY_BASE, VGA_LEGACY_SIZE, &legacy_ops, v);
}

/* ---- the linear framebuffer (BAR0) -------------------------------------------------- */

static uint32_t lfb_read(void *opaque, uint32_t offset, unsigned size)
{
    struct vga *v = opaque;
    uint32_t r = 0;
    for (unsigned k = 0; k < size; k++)
        r |= (uint32_t)v->vram[(offset + k) & (VGA_VRAM_SIZE - 1)] << (8 * k);
    return r;
}

static void lfb_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct vga *v = opaque;
    for (unsigned k = 0; k < size; k++)
        v->vram[(offset + k) & (VGA_VRAM_SIZE - 1)] = (uint8_t)(val >> (8 * k));
    vga_mark_dirty(v, offset);
    vga_mark_dirty(v, offset + size - 1); /* an access may straddle two blocks */
}

static const struct bus_ops lfb_ops = {
    .read = lfb_read,
    .write = lfb_write,
    .min_size = 1,
    .max_size = 4,
};

const struct bus_ops *vga_lfb_ops(void)
{
    return &lfb_ops;
}

uint8_t *vga_vram(struct vga *v)
{
    return v->vram;
}
