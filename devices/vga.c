/*
 * devices/vga.c - the standard VGA's lifetime, snapshot descriptor, PCI
 * sizes and the Bochs VBE "DISPI" registers (ports 0x1CE index, 0x1CF and
 * 0x1D0 data, 16-bit; facts from the Bochs VBE interface description,
 * vgabios's vbe_display_api.txt: register numbers, IDs 0xB0C0-0xB0C5,
 * ENABLE bits GETCAPS / 8BIT_DAC / LFB_ENABLED / NOCLEARMEM).
 *
 * DISPI rules implemented:
 *   - ID accepts only 0xB0C0-0xB0C5 and reads back what was accepted.
 *   - XRES (a multiple of 8), YRES and BPP (4, 8, 15, 16, 24, 32; 0 means
 *     8) are taken only while DISPI is disabled and within the maxima.
 *   - ENABLE with GETCAPS makes XRES / YRES / BPP read the maxima.
 *   - Enabling resets BANK and the offsets, sets the virtual size to the
 *     mode (VIRT_HEIGHT = all of video memory at that pitch, at most
 *     0xFFFF) and clears the mode's bytes unless NOCLEARMEM.
 *   - VIRT_WIDTH (>= XRES) recomputes VIRT_HEIGHT; BANK is taken when it
 *     lies inside video memory; VIDEO_MEMORY_64K and VIRT_HEIGHT are
 *     read-only.
 * Invariant: the DISPI mode registers always describe a mode that fits in
 * VGA_VRAM_SIZE, so renderers may trust them.
 */
#include <stdlib.h>
#include <string.h>

#include "vga_internal.h"

#define F(m, n) STATE_FIELD(struct vga, m, n)
const struct state_desc vga_state_desc = {
    "vga",
    1,
    sizeof(struct vga),
    (const struct state_field[]){
        F(misc, 1),
        F(feature, 1),
        F(enable, 1),
        F(seq_index, 1),
        F(seq, VGA_SEQ_COUNT),
        F(crtc_index, 1),
        F(crtc, VGA_CRTC_COUNT),
        F(gc_index, 1),
        F(gc, VGA_GC_COUNT),
        F(attr_index, 1),
        F(attr_data, 1),
        F(attr, VGA_ATTR_COUNT),
        F(dac_mask, 1),
        F(dac_read_index, 1),
        F(dac_write_index, 1),
        F(dac_step, 1),
        F(dac_state, 1),
        F(dac_latch, 3),
        F(dac, VGA_DAC_ENTRIES * 3),
        F(latch, 4),
        F(vbe_index, 1),
        F(vbe, VBE_DISPI_INDEX_COUNT),
    },
    22,
};
#undef F

/* ---- PCI ----------------------------------------------------------------------- */

uint32_t vga_rom_bar_size(size_t image_size)
{
    if (image_size == 0 || image_size > VGA_VRAM_SIZE)
        return 0;
    uint32_t s = VGA_ROM_BAR_MIN;
    while (s < image_size)
        s <<= 1;
    return s;
}

/* ---- DISPI ----------------------------------------------------------------------- */

static bool vbe_bpp_valid(unsigned bpp)
{
    return bpp == 4 || bpp == 8 || bpp == 15 || bpp == 16 || bpp == 24 || bpp == 32;
}

/* Virtual height for the current pitch: all of video memory, <= 0xFFFF. */
static void vbe_update_virt_height(struct vga *v)
{
    uint32_t line =
        vga_vbe_line_bytes(v->vbe[VBE_DISPI_INDEX_VIRT_WIDTH], v->vbe[VBE_DISPI_INDEX_BPP]);
    uint32_t h = line ? VGA_VRAM_SIZE / line : 0;
    v->vbe[VBE_DISPI_INDEX_VIRT_HEIGHT] = (uint16_t)(h > 0xFFFF ? 0xFFFF : h);
}

/* A write to ENABLE (see the file comment). */
static void vbe_enable(struct vga *v, uint16_t val)
{
    bool was = vga_vbe_enabled(v);
    uint16_t *r = v->vbe;
    r[VBE_DISPI_INDEX_ENABLE] = val & (VBE_DISPI_ENABLED | VBE_DISPI_GETCAPS | VBE_DISPI_8BIT_DAC |
                                       VBE_DISPI_LFB_ENABLED | VBE_DISPI_NOCLEARMEM);
    if (!(val & VBE_DISPI_ENABLED) || was)
        return;
    r[VBE_DISPI_INDEX_VIRT_WIDTH] = r[VBE_DISPI_INDEX_XRES];
    r[VBE_DISPI_INDEX_X_OFFSET] = r[VBE_DISPI_INDEX_Y_OFFSET] = r[VBE_DISPI_INDEX_BANK] = 0;
    vbe_update_virt_height(v);
    if (!(val & VBE_DISPI_NOCLEARMEM)) {
        uint32_t line = vga_vbe_line_bytes(r[VBE_DISPI_INDEX_XRES], r[VBE_DISPI_INDEX_BPP]);
        memset(v->vram, 0, (size_t)line * r[VBE_DISPI_INDEX_YRES]);
        vga_invalidate(v);
    }
}

/* Mode registers: only while disabled, only values that fit. */
static void vbe_mode_write(struct vga *v, unsigned index, uint16_t val)
{
    uint16_t *r = v->vbe;
    if (vga_vbe_enabled(v))
        return;
    unsigned x = index == VBE_DISPI_INDEX_XRES ? val : r[VBE_DISPI_INDEX_XRES];
    unsigned y = index == VBE_DISPI_INDEX_YRES ? val : r[VBE_DISPI_INDEX_YRES];
    unsigned bpp = index == VBE_DISPI_INDEX_BPP ? (val ? val : 8) : r[VBE_DISPI_INDEX_BPP];
    if (x % 8 || x > VBE_DISPI_MAX_XRES || y > VBE_DISPI_MAX_YRES || !vbe_bpp_valid(bpp))
        return;
    if ((uint64_t)vga_vbe_line_bytes(x, bpp) * y > VGA_VRAM_SIZE)
        return;
    r[VBE_DISPI_INDEX_XRES] = (uint16_t)x;
    r[VBE_DISPI_INDEX_YRES] = (uint16_t)y;
    r[VBE_DISPI_INDEX_BPP] = (uint16_t)bpp;
}

static void vbe_write(struct vga *v, uint16_t val)
{
    uint16_t *r = v->vbe;
    switch (v->vbe_index) {
    case VBE_DISPI_INDEX_ID:
        if (val >= VBE_DISPI_ID0 && val <= VBE_DISPI_ID5)
            r[VBE_DISPI_INDEX_ID] = val;
        break;
    case VBE_DISPI_INDEX_XRES:
    case VBE_DISPI_INDEX_YRES:
    case VBE_DISPI_INDEX_BPP: vbe_mode_write(v, v->vbe_index, val); break;
    case VBE_DISPI_INDEX_ENABLE: vbe_enable(v, val); break;
    case VBE_DISPI_INDEX_BANK:
        if (val < VGA_VRAM_SIZE / 0x10000)
            r[VBE_DISPI_INDEX_BANK] = val;
        break;
    case VBE_DISPI_INDEX_VIRT_WIDTH:
        if (val >= r[VBE_DISPI_INDEX_XRES] &&
            (uint64_t)vga_vbe_line_bytes(val, r[VBE_DISPI_INDEX_BPP]) * r[VBE_DISPI_INDEX_YRES] <=
                VGA_VRAM_SIZE) {
            r[VBE_DISPI_INDEX_VIRT_WIDTH] = val;
            vbe_update_virt_height(v);
        }
        break;
    case VBE_DISPI_INDEX_X_OFFSET:
    case VBE_DISPI_INDEX_Y_OFFSET: r[v->vbe_index] = val; break;
    default: break; /* read-only or unknown */
    }
}

static uint16_t vbe_read(const struct vga *v)
{
    bool caps = v->vbe[VBE_DISPI_INDEX_ENABLE] & VBE_DISPI_GETCAPS;
    switch (v->vbe_index) {
    case VBE_DISPI_INDEX_XRES: return caps ? VBE_DISPI_MAX_XRES : v->vbe[v->vbe_index];
    case VBE_DISPI_INDEX_YRES: return caps ? VBE_DISPI_MAX_YRES : v->vbe[v->vbe_index];
    case VBE_DISPI_INDEX_BPP: return caps ? VBE_DISPI_MAX_BPP : v->vbe[v->vbe_index];
    case VBE_DISPI_INDEX_VIDEO_MEMORY_64K: return VGA_VRAM_SIZE / 0x10000;
    default: return v->vbe_index < VBE_DISPI_INDEX_COUNT ? v->vbe[v->vbe_index] : 0;
    }
}

static uint32_t dispi_read(void *opaque, uint32_t offset, unsigned size)
{
    struct vga *v = opaque;
    return offset == 0 ? v->vbe_index : vbe_read(v);
}

static void dispi_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct vga *v = opaque;
    if (offset == 0)
        v->vbe_index = (uint16_t)val;
    else
        vbe_write(v, (uint16_t)val);
}

/* ---- lifetime ------------------------------------------------------------------------ */

static const struct bus_ops regs_ops = {
    .read = vga_regs_read,
    .write = vga_regs_write,
    .min_size = 1,
    .max_size = 1,
};

static const struct bus_ops dispi_ops = {
    .read = dispi_read,
    .write = dispi_write,
    .min_size = 1,
    .max_size = 2,
};

/* Every register to its power-on value (video memory untouched). */
static void reset_registers(struct vga *v)
{
    vga_regs_reset(v);
    memset(v->vbe, 0, sizeof(v->vbe));
    v->vbe_index = 0;
    v->vbe[VBE_DISPI_INDEX_ID] = VBE_DISPI_ID5;
    v->vbe[VBE_DISPI_INDEX_XRES] = 640;
    v->vbe[VBE_DISPI_INDEX_YRES] = 480;
    v->vbe[VBE_DISPI_INDEX_BPP] = 8;
}

void vga_reset(struct vga *v)
{
    reset_registers(v);
    memset(v->vram, 0, VGA_VRAM_SIZE);
    vga_invalidate(v);
}

struct vga *vga_create(struct bus *io, struct clock *clock)
{
    struct vga *v = calloc(1, sizeof(*v));
    if (!v)
        return NULL;
    v->clock = clock;
    v->vram = calloc(1, VGA_VRAM_SIZE); /* zero pages: not touched until used */
    if (!v->vram || bus_claims(io, VGA_PORT_BASE, VGA_PORT_COUNT) ||
        bus_claims(io, VBE_DISPI_PORT, VBE_DISPI_PORT_COUNT) ||
        bus_map(io, "vga", VGA_PORT_BASE, VGA_PORT_COUNT, &regs_ops, v) < 0 ||
        bus_map(io, "vbe-dispi", VBE_DISPI_PORT, VBE_DISPI_PORT_COUNT, &dispi_ops, v) < 0) {
        vga_destroy(v);
        return NULL;
    }
    reset_registers(v);
    return v;
}

void vga_destroy(struct vga *v)
{
    if (!v)
        return;
    free(v->vram);
    free(v);
}
