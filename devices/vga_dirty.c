/*
 * devices/vga_dirty.c - display updates that redraw only what changed
 * (vga_render_update, vga_render.h).
 *
 * What changed since the previous update is found from three sources:
 *   - video memory: every CPU write sets the bit of its 1 KiB vram block
 *     (vga_mark_dirty in vga_mem.c), plane 2 writes also font_dirty; a
 *     line is redrawn when a block its CRTC fetches is set;
 *   - registers: the ones that shape the picture are copied at each
 *     update (struct vga_display_regs) and compared with the previous
 *     copy, so any change to them redraws everything, with nothing added
 *     to the register write paths; the cursor registers are compared on
 *     their own and redraw only the old and new cursor rows;
 *   - guest time: the cursor's and the blinking characters' phases.
 * The update then clears the blocks and remembers the registers, phases,
 * buffer and size it drew.  Invariant: only vga_render_update consumes
 * the tracking; everything else about rendering only reads the adapter.
 */
#include <string.h>

#include "vga_frame.h"
#include "vga_render.h"

void vga_invalidate(struct vga *v)
{
    v->redraw_all = true;
}

static bool block_dirty(const struct vga *v, uint32_t b)
{
    return v->dirty[b >> 6] >> (b & 63) & 1;
}

bool vga_dirty_offsets(const struct vga *v, const uint32_t *offs, unsigned n)
{
    uint32_t last = UINT32_MAX;
    for (unsigned k = 0; k < n; k++) {
        uint32_t b = (offs[k] << 2) >> VGA_DIRTY_SHIFT;
        if (b != last && block_dirty(v, b))
            return true;
        last = b;
    }
    return false;
}

bool vga_dirty_range(const struct vga *v, uint32_t start, uint32_t len)
{
    if (len == 0)
        return false;
    uint32_t first = (start & (VGA_VRAM_SIZE - 1)) >> VGA_DIRTY_SHIFT;
    uint32_t count = ((start & (VGA_DIRTY_BLOCK - 1)) + len - 1) / VGA_DIRTY_BLOCK + 1;
    uint32_t blocks = VGA_VRAM_SIZE >> VGA_DIRTY_SHIFT;
    for (uint32_t k = 0; k < count && k < blocks; k++)
        if (block_dirty(v, (first + k) % blocks))
            return true;
    return false;
}

/* ---- what was drawn -------------------------------------------------------------- */

static void capture_regs(const struct vga *v, struct vga_display_regs *r)
{
    memset(r, 0, sizeof(*r));
    r->misc = v->misc;
    r->seq_clocking = v->seq[SEQ_CLOCKING];
    r->seq_char_map = v->seq[SEQ_CHAR_MAP];
    r->gc_mode = v->gc[GC_MODE] & 0x60; /* the shift modes; not read / write modes */
    r->gc_misc = v->gc[GC_MISC] & 0x01;
    r->pas = v->attr_index & ATTR_PAS;
    memcpy(r->crtc, v->crtc, sizeof(r->crtc));
    r->crtc[CRTC_CURSOR_START] = r->crtc[CRTC_CURSOR_END] = 0;
    r->crtc[CRTC_CURSOR_HI] = r->crtc[CRTC_CURSOR_LO] = 0;
    memcpy(r->attr, v->attr, sizeof(r->attr));
    r->dac_mask = v->dac_mask;
    memcpy(r->dac, v->dac, sizeof(r->dac));
    memcpy(r->vbe, v->vbe, sizeof(r->vbe));
    r->vbe[VBE_DISPI_INDEX_BANK] = 0;
}

static void capture_view(const struct vga *v, const struct vga_frame *f, const uint32_t *px,
                         size_t pitch, struct vga_view *view)
{
    memset(view, 0, sizeof(*view));
    view->valid = true;
    view->px = px;
    view->pitch = pitch;
    view->width = f->width;
    view->height = f->height;
    capture_regs(v, &view->regs);
    view->cursor[0] = v->crtc[CRTC_CURSOR_START];
    view->cursor[1] = v->crtc[CRTC_CURSOR_END];
    view->cursor[2] = v->crtc[CRTC_CURSOR_HI];
    view->cursor[3] = v->crtc[CRTC_CURSOR_LO];
    view->cursor_phase = f->cursor_on;
    view->blink_phase = f->blink_shown;
}

/* The memory address of the cursor's cell for cursor registers @c. */
static uint32_t cursor_address(const uint8_t c[4])
{
    return (((uint32_t)c[2] << 8 | c[3]) + (c[1] >> 5 & 3u)) & 0xFFFF;
}

/* ---- the update ---------------------------------------------------------------------- */

/* Why lines are redrawn, beyond their own video memory. */
struct reasons {
    bool all;    /* everything */
    bool cursor; /* the old and the new cursor rows */
    bool blink;  /* rows with blinking characters */
    uint32_t cursor_old, cursor_new;
};

static struct reasons find_reasons(struct vga *v, const struct vga_view *now, bool full)
{
    const struct vga_view *old = &v->view;
    struct reasons r = {0};
    r.all = full || !old->valid || v->redraw_all || old->px != now->px ||
            old->pitch != now->pitch || old->width != now->width || old->height != now->height ||
            memcmp(&old->regs, &now->regs, sizeof(now->regs));
    r.cursor = memcmp(old->cursor, now->cursor, 4) || old->cursor_phase != now->cursor_phase;
    r.blink = old->blink_phase != now->blink_phase;
    r.cursor_old = cursor_address(old->cursor);
    r.cursor_new = cursor_address(now->cursor);
    return r;
}

static bool line_needed(struct vga *v, const struct vga_frame *f, const struct reasons *r,
                        unsigned y)
{
    if (r->all || vga_frame_line_dirty(v, f, y))
        return true;
    if (f->kind != VGA_FRAME_TEXT || f->blanked)
        return false;
    if (v->font_dirty)
        return true;
    if (r->cursor &&
        (vga_text_line_holds(f, y, r->cursor_old) || vga_text_line_holds(f, y, r->cursor_new)))
        return true;
    return r->blink && vga_text_line_blinks(v, f, y);
}

bool vga_render_update(struct vga *v, uint32_t *px, size_t pitch, unsigned width, unsigned height,
                       bool full, unsigned *y0, unsigned *y1)
{
    struct vga_frame f;
    struct vga_view now;
    *y0 = *y1 = 0;
    vga_frame_setup(v, &f, VGA_BLINK_TIME);
    if (f.width != width || f.height != height || pitch < width)
        return false;
    capture_view(v, &f, px, pitch, &now);
    struct reasons r = find_reasons(v, &now, full);
    bool any = false;
    for (unsigned y = 0; y < height; y++) {
        if (!line_needed(v, &f, &r, y))
            continue;
        vga_frame_draw_line(v, &f, y, px + y * pitch);
        *y0 = any ? *y0 : y;
        *y1 = y + 1;
        any = true;
    }
    memset(v->dirty, 0, sizeof(v->dirty));
    v->font_dirty = v->redraw_all = false;
    v->view = now;
    return true;
}
