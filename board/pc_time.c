/*
 * board/pc_time.c - driving the machine's virtual time (docs/time.md).
 *
 * The CPU runs in slices cut at the next timer deadline; due timers fire
 * between slices; a HLT with IF=1 moves time to the next deadline.  A timer
 * armed during a slice earlier than the slice's end kicks the CPU out of
 * cpu_run (CPU_STOP_REQUEST) so the deadline is not overshot.
 */
#include "pc_internal.h"

/* The clock's instruction counter: the CPU's, which never goes back. */
static uint64_t pc_icount(void *opaque)
{
    return cpu_icount(((struct pc *)opaque)->cpu);
}

static void pc_kick(void *opaque)
{
    cpu_request_stop(((struct pc *)opaque)->cpu);
}

void pc_time_init(struct pc *m, const struct pc_config *cfg)
{
    clock_init(&m->clock, cfg->icount ? CLOCK_ICOUNT : CLOCK_HOST, cfg->icount_shift, pc_icount,
               m);
    clock_set_kick(&m->clock, pc_kick, m);
    m->icount = cfg->icount;
}

enum cpu_stop pc_run_slice(struct pc *m, uint64_t max)
{
    clock_run_timers(&m->clock);
    uint64_t budget = clock_insn_budget(&m->clock, max);
    clock_begin_slice(&m->clock, budget);
    enum cpu_stop why = cpu_run(m->cpu, budget);
    clock_end_slice(&m->clock);
    clock_run_timers(&m->clock);
    return why;
}

/* A wait for host input alone ends after this long, so the run loops get
 * to look at signals, the monitor and gdb now and then. */
static const uint64_t HOST_WAIT_CAP_NS = 100000000;

static bool host_live(const struct pc *m)
{
    return m->host.poll && (!m->host.live || m->host.live(m->host.opaque));
}

/* HLT with host input installed: input that is already there wakes the
 * guest at once; else wait for input until the deadline @d (real time), or
 * warp to it (-icount: virtual time must not depend on the host), or, with
 * no deadline, for input alone (capped). */
static bool pc_wait_with_host(struct pc *m, uint64_t d)
{
    if (m->host.poll(m->host.opaque, 0))
        return true;
    if (d == CLOCK_NEVER) {
        if (!host_live(m))
            return false;
        m->host.poll(m->host.opaque, HOST_WAIT_CAP_NS);
        return true;
    }
    if (m->icount) {
        clock_warp_to(&m->clock, d);
        return true;
    }
    uint64_t now = clock_now(&m->clock);
    if (d > now)
        m->host.poll(m->host.opaque, d - now < HOST_WAIT_CAP_NS ? d - now : HOST_WAIT_CAP_NS);
    clock_run_timers(&m->clock);
    return true;
}

bool pc_wait_for_interrupt(struct pc *m)
{
    uint64_t d = clock_next_deadline(&m->clock);
    if (m->host.poll)
        return pc_wait_with_host(m, d);
    if (d == CLOCK_NEVER)
        return false;
    clock_warp_to(&m->clock, d);
    return true;
}

bool pc_has_interrupt_sources(const struct pc *m)
{
    return m->intr || clock_next_deadline(&m->clock) != CLOCK_NEVER || host_live(m);
}

void pc_set_host_input(struct pc *m, const struct pc_host_input *in)
{
    m->host = in ? *in : (struct pc_host_input){0};
}

void pc_poll_host_input(struct pc *m)
{
    if (m->host.poll)
        m->host.poll(m->host.opaque, 0);
}

uint64_t pc_now_ns(struct pc *m)
{
    return clock_now(&m->clock);
}

static void pc_exit_timer_fire(void *opaque)
{
    struct pc *m = opaque;
    if (!m->exit_requested) {
        m->exit_requested = true;
        m->exit_status = 0;
        m->exit_timed = true;
    }
    cpu_request_stop(m->cpu);
}

void pc_exit_at(struct pc *m, uint64_t at_ns)
{
    if (!m->exit_armed) {
        timer_init(&m->exit_timer, &m->clock, pc_exit_timer_fire, m);
        m->exit_armed = true;
    }
    timer_mod(&m->exit_timer, at_ns);
}

bool pc_exit_was_timed(const struct pc *m)
{
    return m->exit_timed;
}

void pc_time_destroy(struct pc *m)
{
    if (m->exit_armed)
        timer_destroy(&m->exit_timer);
}
