/*
 * cpu/cpu.c - creation, reset and register access of the CPU handle.
 *
 * Owns the lifetime of struct cpu and its two large tables (decoded
 * instructions, per-page code bitmaps).  Everything here is cold code; the
 * hot path is cpu/exec.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cpu_internal.h"
#include "dcache.h"

struct cpu *cpu_create(enum cpu_model model, const struct cpu_bus *bus)
{
    struct cpu *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    c->dcache = calloc(DCACHE_SIZE, sizeof(*c->dcache));
    c->code_bits = calloc((size_t)1 << 20, sizeof(*c->code_bits));
    if (!c->dcache || !c->code_bits) {
        cpu_destroy(c);
        return NULL;
    }
    c->model = model;
    c->bus = *bus;
    c->dgen = 1;
    cpu_reset(c);
    return c;
}

void cpu_destroy(struct cpu *c)
{
    if (!c)
        return;
    free(c->watch_count);
    free(c->dcache);
    free(c->code_bits);
    free(c->code_page_list);
    free(c);
}

static void seg_reset(struct cpu_seg *s, uint16_t sel, uint32_t base, uint16_t attr)
{
    s->sel = sel;
    s->base = base;
    s->limit = 0xFFFF;
    s->attr = attr;
}

/* Processor state after reset: SDM Vol. 3, 9.1.1 and Table 9-1. */
void cpu_reset(struct cpu *c)
{
    memset(c->gpr, 0, sizeof(c->gpr));
    c->gpr[R_EDX] = c->model == CPU_MODEL_386 ? 0x0308 : c->model == CPU_MODEL_486 ? 0x0480 : 0x0521;
    c->eip = 0xFFF0;
    c->eflags = 0x2;
    c->lf.op = LF_NONE;
    for (int s = 0; s < SEG_COUNT; s++)
        seg_reset(&c->seg[s], 0, 0, 0x93);
    seg_reset(&c->seg[SEG_CS], 0xF000, 0xFFFF0000u, 0x9B);
    seg_reset(&c->ldtr, 0, 0, 0x82);
    seg_reset(&c->tr, 0, 0, 0x8B);
    memset(c->cr, 0, sizeof(c->cr));
    /* 486+: CD, NW and ET set at reset; a 386 without a 387 has ET clear. */
    c->cr[0] = c->model == CPU_MODEL_386 ? 0 : 0x60000010u;
    memset(c->dr, 0, sizeof(c->dr));
    c->dr[6] = 0xFFFF0FF0u;
    c->dr[7] = 0x400;
    c->dbreg_exec = c->dbreg_data = c->dbreg_hits = c->dbreg_io = 0;
    c->gdtr_base = c->idtr_base = 0;
    c->gdtr_limit = c->idtr_limit = 0xFFFF;
    c->cpl = 0;
    c->code32 = c->stack32 = false;
    seg_refresh_all(c);
    c->halted = c->shutdown = false;
    c->irq_shadow = 0;
    cpu_kick(c);
    c->exc_nesting = -1;
    c->mmu.a20_mask = 0xFFFFFFFFu;
    mmu_flush(&c->mmu);
    dcache_flush(c);
    cpu_log(c, CPU_LOG_RESET, "CPU reset (model %d)", (int)c->model);
}

void cpu_request_stop(struct cpu *c)
{
    c->stop_req = 1;
    cpu_kick(c);
}

void cpu_set_intr(struct cpu *c, bool level)
{
    c->intr = level;
    cpu_kick(c);
}

void cpu_get_regs(struct cpu *c, struct cpu_regs *r)
{
    memcpy(r->gpr, c->gpr, sizeof(r->gpr));
    r->eip = c->eip;
    r->eflags = flags_get(c);
    memcpy(r->seg, c->seg, sizeof(r->seg));
    memcpy(r->cr, c->cr, sizeof(r->cr));
    memcpy(r->dr, c->dr, sizeof(r->dr));
    r->gdtr_base = c->gdtr_base;
    r->gdtr_limit = c->gdtr_limit;
    r->idtr_base = c->idtr_base;
    r->idtr_limit = c->idtr_limit;
    r->ldtr = c->ldtr;
    r->tr = c->tr;
}

void cpu_set_regs(struct cpu *c, const struct cpu_regs *r)
{
    memcpy(c->gpr, r->gpr, sizeof(r->gpr));
    c->gpr[EA_NONE] = 0;
    c->eip = r->eip;
    c->eflags = (r->eflags | 0x2) & ~0x8028u;
    c->lf.op = LF_NONE;
    memcpy(c->seg, r->seg, sizeof(c->seg));
    memcpy(c->cr, r->cr, sizeof(c->cr));
    memcpy(c->dr, r->dr, sizeof(c->dr));
    debugregs_changed(c);
    c->gdtr_base = r->gdtr_base;
    c->gdtr_limit = r->gdtr_limit;
    c->idtr_base = r->idtr_base;
    c->idtr_limit = r->idtr_limit;
    c->ldtr = r->ldtr;
    c->tr = r->tr;
    c->code32 = c->seg[SEG_CS].attr & SA_DB;
    c->stack32 = c->seg[SEG_SS].attr & SA_DB;
    c->cpl = (c->cr[0] & 1) ? (c->eflags & FL_VM ? 3 : c->seg[SEG_CS].sel & 3) : 0;
    seg_refresh_all(c);
    c->halted = false;
    cpu_kick(c);
    mmu_flush(&c->mmu);
}

uint64_t cpu_icount(const struct cpu *c) { return c->icount; }

enum cpu_model cpu_get_model(const struct cpu *c) { return c->model; }

void cpu_set_a20(struct cpu *c, bool enabled)
{
    c->mmu.a20_mask = enabled ? 0xFFFFFFFFu : ~(1u << 20);
    mmu_flush(&c->mmu);
}

void cpu_invalidate_phys(struct cpu *c, uint32_t paddr, uint32_t len)
{
    dcache_invalidate_range(c, paddr, len);
}

void cpu_memory_map_changed(struct cpu *c)
{
    mmu_flush(&c->mmu);
    dcache_flush(c);
}

void cpu_set_exception_hook(struct cpu *c, cpu_exception_hook hook, void *opaque)
{
    c->hook = hook;
    c->hook_opaque = opaque;
}

void cpu_set_log(struct cpu *c, cpu_log_fn fn, void *opaque, unsigned mask)
{
    c->log_fn = fn;
    c->log_opaque = opaque;
    c->log_mask = mask;
}

void cpu_log(struct cpu *c, unsigned category, const char *fmt, ...)
{
    static const char *const names[] = {"int", "unimp", "cpu_reset", "guest_errors"};
    if (!c->log_fn || !(c->log_mask & category))
        return;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    unsigned idx = (unsigned)__builtin_ctz(category);
    c->log_fn(c->log_opaque, idx < 4 ? names[idx] : "cpu", msg);
}

/* Hits are not counted on the hot path: every retired instruction came from
 * the cache except the misses (REP chunks aside, so this is a close estimate). */
void cpu_get_stats(const struct cpu *c, struct cpu_stats *s)
{
    *s = c->stats;
    s->decode_hits = c->icount > s->decode_misses ? c->icount - s->decode_misses : 0;
}
