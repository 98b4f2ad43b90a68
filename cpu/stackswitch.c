/*
 * cpu/stackswitch.c - inner stacks from the TSS, frame pushes onto a
 * not-yet-loaded stack, and the final SS:ESP switch (see stackswitch.h).
 */
#include "stackswitch.h"

void tss_inner_stack(struct cpu *c, unsigned dpl, unsigned ext, uint16_t *ss, uint32_t *esp,
                     struct desc *d)
{
    bool tss32 = (c->tr.attr & 0x0F) == DT_TSS32_BUSY || (c->tr.attr & 0x0F) == DT_TSS32_AVAIL;
    uint32_t at = tss32 ? 4 + 8 * dpl : 2 + 4 * dpl, need = tss32 ? at + 5 : at + 3;
    if (need > c->tr.limit)
        cpu_fault(c, EXC_TS, (c->tr.sel & 0xFFFC) | ext);
    *esp = tss32 ? lin_read_sys(c, c->tr.base + at, 4) : lin_read_sys(c, c->tr.base + at, 2);
    *ss = (uint16_t)lin_read_sys(c, c->tr.base + at + (tss32 ? 4 : 2), 2);
    uint32_t err = (*ss & 0xFFFC) | ext;
    if ((*ss & 0xFFFC) == 0)
        cpu_fault(c, EXC_TS, ext);
    if (!desc_fetch(c, *ss, d))
        cpu_fault(c, EXC_TS, err);
    if ((*ss & 3) != dpl || desc_dpl(d) != dpl || !desc_is_data(d) || !desc_bit_r_w(d))
        cpu_fault(c, EXC_TS, err);
    if (!desc_present(d))
        cpu_fault(c, EXC_SS, err);
}

void frame_push(struct cpu *c, const struct cpu_seg *ss, uint32_t top, const struct frame *f,
                uint32_t *new_top, uint32_t err, bool user)
{
    struct seg_acc a;
    uint32_t m = (ss->attr & SA_DB) ? 0xFFFFFFFFu : 0xFFFFu;
    a.lo = (ss->attr & 0x04) ? ss->limit + 1 : 0;
    a.hi = (ss->attr & 0x04) ? m : ss->limit;
    for (unsigned k = 0; k < f->count; k++)
        if (!seg_in_range(&a, (top - (k + 1) * f->size) & m, f->size))
            cpu_fault(c, EXC_SS, err);
    for (unsigned k = 0; k < f->count; k++)
        lin_write_as(c, ss->base + ((top - (k + 1) * f->size) & m), f->v[k], f->size, user);
    *new_top = (top - f->count * f->size) & m;
}

void stack_commit(struct cpu *c, uint16_t sel, struct desc *d, uint32_t sp, uint32_t esp_hi_from)
{
    desc_set_accessed(c, sel, d);
    seg_cache_set(&c->seg[SEG_SS], sel, d);
    c->stack32 = c->seg[SEG_SS].attr & SA_DB;
    seg_refresh(c, SEG_SS);
    c->gpr[R_ESP] = c->stack32 ? sp : (esp_hi_from & 0xFFFF0000u) | (sp & 0xFFFF);
}
