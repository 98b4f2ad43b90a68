/*
 * frontend/dbg_break.c - breakpoints, watchpoints, and the two CPU hooks
 * that implement them (and step-over "next").
 *
 * Invariants: the debug hook is installed only while it has something to
 * do (dbg_update_hook); each watchpoint holds one cpu_watch_page "on" for
 * every page it covers, released when it is deleted.  The instruction the
 * guest was resumed at is not stopped at again (so `c` after a breakpoint
 * makes progress), recognised by its address and the retired count.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_expr.h"
#include "dbg_internal.h"
#include "dbg_trace.h"

static bool any_bp_enabled(const struct dbg *d)
{
    for (int k = 0; k < DBG_MAX_BP; k++)
        if (d->bps[k].used && d->bps[k].enabled)
            return true;
    return false;
}

void dbg_update_hook(struct dbg *d)
{
    bool want = any_bp_enabled(d) || d->mode == DBG_MODE_NEXT || d->trace;
    if (want != d->hook_on)
        cpu_set_debug_hook(d->c, want ? dbg_debug_hook : NULL, want ? d : NULL);
    d->hook_on = want;
}

/* Does breakpoint @b match the instruction at @lin / @phys? */
static bool bp_matches(struct dbg *d, const struct dbg_bp *b, uint32_t lin, uint32_t phys)
{
    if (b->kind == DBG_BP_PHYS)
        return b->addr == phys;
    if (b->kind == DBG_BP_LIN)
        return b->addr == lin;
    struct cpu_regs r;
    cpu_get_regs(d->c, &r);
    return r.seg[SEG_CS].sel == b->seg && r.eip == b->addr;
}

/* True when @b's condition holds (or it has none); a bad condition stops. */
static bool bp_cond_holds(struct dbg *d, const struct dbg_bp *b)
{
    uint64_t v;
    if (!b->cond)
        return true;
    const char *err = dbg_eval(d, b->cond, &v);
    if (err)
        fprintf(dbg_out(d), "Breakpoint %d: condition \"%s\": %s\n", b->id, b->cond, err);
    return err || v;
}

/* Should the session stop before the instruction at @lin/@phys? */
static bool hook_should_stop(struct dbg *d, uint32_t lin, uint32_t phys)
{
    if (cpu_icount(d->c) == d->resume_icount && lin == d->resume_lin)
        return false;
    for (int k = 0; k < DBG_MAX_BP; k++) {
        struct dbg_bp *b = &d->bps[k];
        if (b->used && b->enabled && bp_matches(d, b, lin, phys) && bp_cond_holds(d, b)) {
            b->hits++;
            d->stop = (struct dbg_stop){.reason = DBG_STOP_BREAKPOINT, .id = b->id};
            return true;
        }
    }
    if (d->mode == DBG_MODE_NEXT && lin == d->next_lin) {
        struct cpu_regs r;
        cpu_get_regs(d->c, &r);
        uint32_t esp = d->next_esp32 ? r.gpr[R_ESP] : r.gpr[R_ESP] & 0xFFFF;
        if ((int32_t)(esp - d->next_esp) >= 0) {
            d->stop = (struct dbg_stop){.reason = DBG_STOP_STEP};
            return true;
        }
    }
    return false;
}

bool dbg_debug_hook(void *opaque, struct cpu *c, uint32_t lin, uint32_t phys)
{
    struct dbg *d = opaque;
    if (hook_should_stop(d, lin, phys)) {
        d->stop_pending = true;
        return true;
    }
    if (d->trace)
        dbg_trace_insn(d);
    return false;
}

void dbg_watch_hook(void *opaque, struct cpu *c, uint32_t paddr, unsigned size, bool write,
                    uint32_t old, uint32_t val)
{
    struct dbg *d = opaque;
    for (int k = 0; k < DBG_MAX_WP; k++) {
        const struct dbg_wp *w = &d->wps[k];
        if (!w->used || (!write && !w->rw))
            continue;
        if (paddr + size <= w->addr || paddr >= w->addr + w->len || d->stop_pending)
            continue;
        d->stop = (struct dbg_stop){.reason = DBG_STOP_WATCH,
                                    .id = w->id,
                                    .addr = paddr,
                                    .write = write,
                                    .old = old,
                                    .val = val,
                                    .size = size};
        d->stop_pending = true;
        cpu_request_stop(c);
    }
}

int dbg_break_add(struct dbg *d, enum dbg_bp_kind kind, uint16_t seg, uint32_t addr,
                  const char *cond)
{
    for (int k = 0; k < DBG_MAX_BP; k++) {
        struct dbg_bp *b = &d->bps[k];
        if (b->used)
            continue;
        *b = (struct dbg_bp){.used = true,
                             .enabled = true,
                             .id = ++d->next_bp_id,
                             .kind = kind,
                             .seg = seg,
                             .addr = addr};
        b->cond = cond ? strdup(cond) : NULL;
        dbg_update_hook(d);
        return b->id;
    }
    return -1;
}

static struct dbg_bp *bp_find(struct dbg *d, int id)
{
    for (int k = 0; k < DBG_MAX_BP; k++)
        if (d->bps[k].used && d->bps[k].id == id)
            return &d->bps[k];
    return NULL;
}

bool dbg_break_del(struct dbg *d, int id)
{
    struct dbg_bp *b = bp_find(d, id);
    if (!b)
        return false;
    free(b->cond);
    *b = (struct dbg_bp){0};
    dbg_update_hook(d);
    return true;
}

bool dbg_break_enable(struct dbg *d, int id, bool on)
{
    struct dbg_bp *b = bp_find(d, id);
    if (!b)
        return false;
    b->enabled = on;
    dbg_update_hook(d);
    return true;
}

/* Turn the watch on the pages of [@addr, @addr + @len) on or off. */
static void watch_pages(struct dbg *d, uint32_t addr, uint32_t len, bool on)
{
    uint32_t last = (addr + len - 1) & ~0xFFFu;
    for (uint32_t p = addr & ~0xFFFu;; p += 0x1000) {
        cpu_watch_page(d->c, p, on);
        if (p == last)
            break;
    }
}

int dbg_watch_add(struct dbg *d, uint32_t paddr, uint32_t len, bool rw)
{
    if (!len || paddr + len - 1 < paddr)
        return -1;
    for (int k = 0; k < DBG_MAX_WP; k++) {
        struct dbg_wp *w = &d->wps[k];
        if (w->used)
            continue;
        *w = (struct dbg_wp){
            .used = true, .rw = rw, .id = ++d->next_wp_id, .addr = paddr, .len = len};
        watch_pages(d, paddr, len, true);
        return w->id;
    }
    return -1;
}

bool dbg_watch_del(struct dbg *d, int id)
{
    bool found = false;
    for (int k = 0; k < DBG_MAX_WP; k++) {
        struct dbg_wp *w = &d->wps[k];
        if (!w->used || (id != -1 && w->id != id))
            continue;
        watch_pages(d, w->addr, w->len, false);
        *w = (struct dbg_wp){0};
        found = true;
    }
    return found;
}

void dbg_break_free_all(struct dbg *d)
{
    for (int k = 0; k < DBG_MAX_BP; k++)
        if (d->bps[k].used)
            dbg_break_del(d, d->bps[k].id);
    dbg_watch_del(d, -1);
}

static const char *const bp_kind_names[] = {"pbreakpoint", "lbreakpoint", "vbreakpoint"};

void dbg_break_list(struct dbg *d, FILE *out)
{
    fprintf(out, "Num Type           Disp Enb Address\n");
    for (int k = 0; k < DBG_MAX_BP; k++) {
        const struct dbg_bp *b = &d->bps[k];
        if (!b->used)
            continue;
        fprintf(out, "%3d %-14s keep %c   ", b->id, bp_kind_names[b->kind], b->enabled ? 'y' : 'n');
        if (b->kind == DBG_BP_VIRT)
            fprintf(out, "%04x:%08" PRIx32, b->seg, b->addr);
        else
            fprintf(out, "0x%08" PRIx32, b->addr);
        fprintf(out, b->cond ? " if \"%s\"\n" : "\n", b->cond ? b->cond : "");
    }
    for (int k = 0; k < DBG_MAX_WP; k++) {
        const struct dbg_wp *w = &d->wps[k];
        if (w->used)
            fprintf(out, "%3d %-14s keep y   0x%08" PRIx32 " len %" PRIu32 "\n", w->id,
                    w->rw ? "watch r/w" : "watch write", w->addr, w->len);
    }
}
