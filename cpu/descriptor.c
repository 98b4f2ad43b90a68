/*
 * cpu/descriptor.c - fetching and updating descriptors in the GDT and LDT
 * (see descriptor.h).
 */
#include "descriptor.h"

bool desc_fetch(struct cpu *c, uint16_t sel, struct desc *d)
{
    uint32_t base, limit, off = sel & 0xFFF8u;
    if (sel & 4) {
        if ((c->ldtr.sel & 0xFFFC) == 0)
            return false;
        base = c->ldtr.base;
        limit = c->ldtr.limit;
    } else {
        base = c->gdtr_base;
        limit = c->gdtr_limit;
    }
    if (off + 7 > limit)
        return false;
    d->lo = lin_read_sys(c, base + off, 4);
    d->hi = lin_read_sys(c, base + off + 4, 4);
    return true;
}

void desc_load(struct cpu *c, uint16_t sel, struct desc *d, int vector, unsigned ext)
{
    if (!desc_fetch(c, sel, d))
        cpu_fault(c, vector, (sel & 0xFFFCu) | ext);
}

/* SDM Vol. 3, 3.4.5.1: the processor sets the accessed bit (type bit 0)
 * when it loads a segment register with the descriptor. */
void desc_set_accessed(struct cpu *c, uint16_t sel, struct desc *d)
{
    if (d->hi & (1u << 8))
        return;
    d->hi |= 1u << 8;
    uint32_t base = (sel & 4) ? c->ldtr.base : c->gdtr_base;
    lin_write_sys(c, base + (sel & 0xFFF8u) + 5, (d->hi >> 8) & 0xFF, 1);
}

void seg_cache_set(struct cpu_seg *s, uint16_t sel, const struct desc *d)
{
    s->sel = sel;
    s->base = desc_base(d);
    s->limit = desc_limit(d);
    s->attr = desc_attr(d);
}
