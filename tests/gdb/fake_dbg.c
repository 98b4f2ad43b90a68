/*
 * tests/gdb/fake_dbg.c - the stand-in debugger session for the GDB stub
 * tests (see fake_dbg.h).  Breakpoints are checked before each
 * instruction (except the first after a resume, so continuing from a
 * breakpoint moves on); write watchpoints compare the watched bytes
 * before and after each instruction.
 */
#include "fake_dbg.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "board/pc.h"
#include "cpu/cpu_debug.h"

enum { MAX_POINTS = 64, MAX_WATCH_LEN = 16 };

struct fake_point {
    bool used, watch, rw;
    int kind;
    uint32_t addr, len;
    uint8_t old[MAX_WATCH_LEN];
};

struct dbg {
    struct pc *m;
    struct gdbstub *stub;
    bool stopped, stepping, interrupt, quit, resumed;
    struct dbg_stop last;
    struct fake_point pts[MAX_POINTS];
    int last_watch, last_break;
    struct fake_dbg_stats st;
};

struct dbg *fake_dbg_create(const uint8_t *rom, size_t rom_size)
{
    struct pc_config cfg = {
        .model = CPU_MODEL_PENTIUM,
        .ram_mb = 4,
        .rom = rom,
        .rom_size = rom_size,
        .debugcon_port = -1,
        .debugexit_port = 0xF4,
        .postcode_port = -1,
        .icount = true,
    };
    struct dbg *d = calloc(1, sizeof(*d));
    const char *err = NULL;
    if (!d || !(d->m = pc_create(&cfg, &err))) {
        free(d);
        return NULL;
    }
    d->stopped = true;
    d->last_watch = d->last_break = -1;
    return d;
}

void fake_dbg_destroy(struct dbg *d)
{
    gdbstub_destroy(d->stub);
    pc_destroy(d->m);
    free(d);
}

void fake_dbg_set_stub(struct dbg *d, struct gdbstub *s)
{
    d->stub = s;
}
const struct fake_dbg_stats *fake_dbg_stats(const struct dbg *d)
{
    return &d->st;
}

void fake_dbg_stop(struct dbg *d, const struct dbg_stop *st)
{
    d->stopped = true;
    d->stepping = d->interrupt = false;
    d->last = *st;
    if (d->stub)
        gdbstub_report_stop(d->stub, st);
}

void fake_dbg_last_watch(const struct dbg *d, uint32_t *paddr, uint32_t *len, int *rw)
{
    const struct fake_point *p = &d->pts[d->last_watch < 0 ? 0 : d->last_watch];
    *paddr = p->addr;
    *len = p->len;
    *rw = d->last_watch < 0 ? -1 : p->rw;
}

void fake_dbg_last_break(const struct dbg *d, int *kind, uint32_t *addr)
{
    const struct fake_point *p = &d->pts[d->last_break < 0 ? 0 : d->last_break];
    *kind = d->last_break < 0 ? -1 : p->kind;
    *addr = p->addr;
}

/* ---- the dbg_* functions the stub calls -------------------------------- */

struct cpu *dbg_cpu(struct dbg *d)
{
    return pc_cpu(d->m);
}
bool dbg_stopped(const struct dbg *d)
{
    return d->stopped;
}
const struct dbg_stop *dbg_last_stop(const struct dbg *d)
{
    return &d->last;
}

bool dbg_command(struct dbg *d, const char *line, FILE *out)
{
    d->st.commands++;
    if (!strcmp(line, "quit")) {
        d->st.quits++;
        d->quit = true;
        return false;
    }
    fprintf(out, "fake monitor: %s\n", line);
    return true;
}

static int add_point(struct dbg *d, struct fake_point p)
{
    for (int i = 0; i < MAX_POINTS; i++) {
        if (!d->pts[i].used) {
            p.used = true;
            d->pts[i] = p;
            return i + 1;
        }
    }
    return -1;
}

int dbg_break_add(struct dbg *d, enum dbg_bp_kind kind, uint16_t seg, uint32_t addr,
                  const char *cond)
{
    int id = add_point(d, (struct fake_point){.kind = (int)kind, .addr = addr});
    d->st.breaks += id > 0;
    d->last_break = id > 0 ? id - 1 : d->last_break;
    return id;
}

static bool del_point(struct dbg *d, int id, bool watch)
{
    if (id < 1 || id > MAX_POINTS || !d->pts[id - 1].used || d->pts[id - 1].watch != watch)
        return false;
    d->pts[id - 1].used = false;
    return true;
}

bool dbg_break_del(struct dbg *d, int id)
{
    bool ok = del_point(d, id, false);
    d->st.breaks -= ok;
    return ok;
}

int dbg_watch_add(struct dbg *d, uint32_t paddr, uint32_t len, bool rw)
{
    struct fake_point p = {.watch = true, .rw = rw, .addr = paddr, .len = len};
    if (len == 0 || len > MAX_WATCH_LEN)
        return -1;
    cpu_debug_read(dbg_cpu(d), paddr, false, p.old, len);
    int id = add_point(d, p);
    d->st.watches += id > 0;
    d->last_watch = id > 0 ? id - 1 : d->last_watch;
    return id;
}

bool dbg_watch_del(struct dbg *d, int id)
{
    bool ok = del_point(d, id, true);
    d->st.watches -= ok;
    return ok;
}

void dbg_continue(struct dbg *d)
{
    d->st.continues++;
    d->stopped = d->interrupt = false;
    d->resumed = true;
}

void dbg_step(struct dbg *d)
{
    d->st.steps++;
    d->stopped = d->interrupt = false;
    d->stepping = true;
    d->resumed = true;
}

void dbg_interrupt(struct dbg *d)
{
    d->st.interrupts++;
    d->interrupt = true;
}

/* ---- the run loop --------------------------------------------------------- */

/* A breakpoint at the current CS.base + EIP, or 0. */
static int break_here(struct dbg *d)
{
    struct cpu_regs r;
    cpu_get_regs(dbg_cpu(d), &r);
    uint32_t lin = r.seg[SEG_CS].base + r.eip;
    for (int i = 0; i < MAX_POINTS; i++) {
        if (d->pts[i].used && !d->pts[i].watch && d->pts[i].addr == lin)
            return i + 1;
    }
    return 0;
}

/* A watchpoint whose bytes changed; @st gets the stop. */
static bool watch_hit(struct dbg *d, struct dbg_stop *st)
{
    for (int i = 0; i < MAX_POINTS; i++) {
        struct fake_point *p = &d->pts[i];
        uint8_t now[MAX_WATCH_LEN] = {0};
        if (!p->used || !p->watch)
            continue;
        cpu_debug_read(dbg_cpu(d), p->addr, false, now, p->len);
        if (memcmp(now, p->old, p->len)) {
            *st = (struct dbg_stop){.reason = DBG_STOP_WATCH,
                                    .id = i + 1,
                                    .addr = p->addr,
                                    .write = true,
                                    .size = p->len};
            memcpy(p->old, now, p->len);
            return true;
        }
    }
    return false;
}

/* Execute one instruction, stopping as dbg_run would; false when the
 * guest ended (*@status set). */
static bool run_one(struct dbg *d, int *status)
{
    int id = d->resumed ? 0 : break_here(d);
    d->resumed = false;
    if (id) {
        fake_dbg_stop(d, &(struct dbg_stop){.reason = DBG_STOP_BREAKPOINT, .id = id});
        return true;
    }
    enum cpu_stop why = pc_run_slice(d->m, 1);
    struct dbg_stop st;
    if (pc_exit_requested(d->m, status) || why == CPU_STOP_HALT || why == CPU_STOP_SHUTDOWN) {
        fake_dbg_stop(d, &(struct dbg_stop){.reason = DBG_STOP_EXITED, .exit_status = *status});
        return false;
    }
    if (watch_hit(d, &st))
        fake_dbg_stop(d, &st);
    else if (d->stepping)
        fake_dbg_stop(d, &(struct dbg_stop){.reason = DBG_STOP_STEP});
    return true;
}

int fake_dbg_run(struct dbg *d)
{
    int status = 0;
    for (;;) {
        struct pollfd p = {.fd = gdbstub_fd(d->stub), .events = POLLIN};
        if (poll(&p, 1, d->stopped ? 20 : 0) > 0)
            gdbstub_handle_input(d->stub);
        if (d->quit)
            return 0;
        if (!d->stopped && d->interrupt)
            fake_dbg_stop(d, &(struct dbg_stop){.reason = DBG_STOP_INTERRUPT});
        else if (!d->stopped && !run_one(d, &status))
            return status;
    }
}
