/*
 * frontend/gdb_points.c - breakpoints and watchpoints gdb inserts (Z/z
 * packets) and the stop replies that report them.  GDB manual, "GDB
 * Remote Serial Protocol" > "Packets" (z type,addr,kind) and "Stop Reply
 * Packets" (T05 with swbreak, hwbreak, watch, rwatch, awatch).
 *
 * Z0/Z1 become linear dbg breakpoints.  Z2 (write), Z3 (read) and Z4
 * (access) become physical dbg watchpoints on the translation of the
 * linear range at insertion time (split in two at a page boundary); a
 * read watchpoint is a read/write one, and gdb ignores the hits where the
 * value changed (it compares old and new values).
 *
 * Invariants: every dbg id in s->points belongs to this client and is
 * deleted exactly once (z, D, disconnect); inserting a point that exists
 * is a no-op, so Z is idempotent as the manual asks.
 */
#include <stdio.h>
#include <string.h>

#include "cpu/cpu_debug.h"
#include "gdbstub_internal.h"

static bool is_watch(char type)
{
    return type >= '2' && type <= '4';
}

static struct gdb_point *find(struct gdbstub *s, char type, uint32_t addr, uint32_t len)
{
    for (int i = 0; i < GDB_MAX_POINTS; i++) {
        struct gdb_point *p = &s->points[i];
        if (p->used && p->type == type && p->addr == addr && p->len == len)
            return p;
    }
    return NULL;
}

/* The point holding dbg id @id of a watchpoint (@watch) or breakpoint. */
static struct gdb_point *find_id(struct gdbstub *s, bool watch, int id, int *part)
{
    for (int i = 0; i < GDB_MAX_POINTS; i++) {
        struct gdb_point *p = &s->points[i];
        for (int k = 0; p->used && is_watch(p->type) == watch && k < p->nids; k++) {
            if (p->ids[k] == id) {
                *part = k;
                return p;
            }
        }
    }
    return NULL;
}

/* Delete @p's dbg points and free its slot. */
static void release(struct gdbstub *s, struct gdb_point *p)
{
    for (int k = 0; k < p->nids; k++) {
        if (is_watch(p->type))
            dbg_watch_del(s->d, p->ids[k]);
        else
            dbg_break_del(s->d, p->ids[k]);
    }
    memset(p, 0, sizeof(*p));
}

/* Add one physical watch part for linear [@lin, @lin + @len). */
static bool add_watch_part(struct gdbstub *s, struct gdb_point *p, uint32_t lin, uint32_t len)
{
    uint32_t phys;
    if (!cpu_debug_translate(dbg_cpu(s->d), lin, &phys))
        return false;
    int id = dbg_watch_add(s->d, phys, len, p->type != '2');
    if (id < 0)
        return false;
    p->phys[p->nids] = phys;
    p->ids[p->nids++] = id;
    return true;
}

static bool insert(struct gdbstub *s, struct gdb_point *p)
{
    if (!is_watch(p->type)) {
        int id = dbg_break_add(s->d, DBG_BP_LIN, 0, p->addr, NULL);
        p->ids[0] = id;
        p->nids = id >= 0;
        return id >= 0;
    }
    if (p->len == 0 || p->len > 4096)
        return false;
    uint32_t first = 0x1000 - (p->addr & 0xFFF);
    if (first > p->len)
        first = p->len;
    return add_watch_part(s, p, p->addr, first) &&
           (first == p->len || add_watch_part(s, p, p->addr + first, p->len - first));
}

/* Parse "TYPE,ADDR,KIND[;...]" (conditions and commands are ignored: we do
 * not announce them in qSupported). */
static bool parse_point(const char *p, struct gdb_point *pt)
{
    memset(pt, 0, sizeof(*pt));
    pt->type = p[0];
    p++;
    return *p++ == ',' && gdb_parse_hex32(&p, &pt->addr) && *p++ == ',' &&
           gdb_parse_hex32(&p, &pt->len) && (*p == '\0' || *p == ';');
}

void gdb_handle_point(struct gdbstub *s, const char *p, bool add)
{
    struct gdb_point pt;
    if (p[0] < '0' || p[0] > '4') {
        gdb_send_str(s, ""); /* unsupported type */
        return;
    }
    if (!parse_point(p, &pt)) {
        gdb_send_str(s, "E01");
        return;
    }
    struct gdb_point *old = find(s, pt.type, pt.addr, pt.len);
    if (!add || old) {
        if (!add && old)
            release(s, old);
        gdb_send_str(s, "OK"); /* removing a point that is not there is fine too */
        return;
    }
    struct gdb_point *slot = NULL;
    for (int i = 0; !slot && i < GDB_MAX_POINTS; i++)
        slot = s->points[i].used ? NULL : &s->points[i];
    if (!slot || !insert(s, &pt)) {
        release(s, &pt);
        gdb_send_str(s, "E01");
        return;
    }
    pt.used = true;
    *slot = pt;
    gdb_send_str(s, "OK");
}

void gdb_points_clear(struct gdbstub *s)
{
    for (int i = 0; i < GDB_MAX_POINTS; i++) {
        if (s->points[i].used)
            release(s, &s->points[i]);
    }
}

/* "watch:ADDR;" for a watchpoint stop: the linear address accessed. */
static void watch_field(struct gdbstub *s, const struct dbg_stop *st, char *buf, size_t cap)
{
    int part;
    const struct gdb_point *p = find_id(s, true, st->id, &part);
    buf[0] = '\0';
    if (!p)
        return;
    uint32_t lin = p->addr;
    for (int k = 0; k < part; k++)
        lin = (lin | 0xFFF) + 1; /* the second part starts at the next page */
    uint32_t off = st->addr - p->phys[part];
    if (off < p->len - (lin - p->addr))
        lin += off;
    const char *name = p->type == '2' ? "watch" : p->type == '3' ? "rwatch" : "awatch";
    snprintf(buf, cap, "%s:%x;", name, lin);
}

/* "swbreak:;" or "hwbreak:;" for a breakpoint of ours. */
static const char *break_field(struct gdbstub *s, int id)
{
    int part;
    const struct gdb_point *p = find_id(s, false, id, &part);
    if (!p)
        return "";
    return p->type == '0' ? "swbreak:;" : "hwbreak:;";
}

void gdb_send_stop_reply(struct gdbstub *s, const struct dbg_stop *st)
{
    char buf[96], field[48] = "";
    switch (st->reason) {
    case DBG_STOP_EXITED:
        snprintf(buf, sizeof(buf), "W%02x", (unsigned)st->exit_status & 0xFF);
        break;
    case DBG_STOP_SHUTDOWN:
        snprintf(buf, sizeof(buf), "X06"); /* SIGABRT: the CPU shut down */
        break;
    case DBG_STOP_INTERRUPT: snprintf(buf, sizeof(buf), "T02thread:1;"); break;
    default:
        if (st->reason == DBG_STOP_WATCH)
            watch_field(s, st, field, sizeof(field));
        else if (st->reason == DBG_STOP_BREAKPOINT)
            snprintf(field, sizeof(field), "%s", break_field(s, st->id));
        snprintf(buf, sizeof(buf), "T05%sthread:1;", field);
        break;
    }
    gdb_send_str(s, buf);
}
