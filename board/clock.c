/*
 * board/clock.c - virtual time and timers (see clock.h, docs/time.md).
 *
 * Timers are kept in an unsorted list: a machine has a handful of them, so
 * finding the earliest deadline by a scan is cheaper than keeping order.
 * clock_run_timers fires expired timers earliest first and marks each with
 * the call's generation so a callback re-arming its timer in the past
 * (catching up after a host stall) is seen one slice later, not in a loop.
 */
#include "clock.h"

#include <errno.h>
#include <stddef.h>
#include <time.h>

const struct state_desc clock_state_desc = {
    "clock",
    1,
    sizeof(struct clock),
    (const struct state_field[]){
        STATE_FIELD(struct clock, mode, 1),
        STATE_FIELD(struct clock, shift, 1),
        STATE_FIELD(struct clock, warp, 1),
    },
    3,
};

uint64_t clock_host_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Host monotonic time in ns, signed for differences. */
static int64_t host_ns(void)
{
    return (int64_t)clock_host_ns();
}

void clock_init(struct clock *c, enum clock_mode mode, unsigned shift, clock_icount_fn icount,
                void *opaque)
{
    *c = (struct clock){.mode = mode, .shift = shift > CLOCK_MAX_SHIFT ? CLOCK_MAX_SHIFT : shift};
    c->icount = icount;
    c->icount_opaque = opaque;
    c->slice_end = CLOCK_NEVER;
    c->host_base = host_ns();
    c->insns_per_ns = 0.05;             /* conservative until measured */
    if (mode == CLOCK_ICOUNT && icount) /* time starts at 0 whatever the counter */
        c->warp = -(icount(opaque) << c->shift);
}

void clock_set_kick(struct clock *c, clock_kick_fn kick, void *opaque)
{
    c->kick = kick;
    c->kick_opaque = opaque;
}

uint64_t clock_now(struct clock *c)
{
    switch (c->mode) {
    case CLOCK_HOST: return (uint64_t)(host_ns() - c->host_base);
    case CLOCK_ICOUNT: return (c->icount(c->icount_opaque) << c->shift) + c->warp;
    default: return c->warp;
    }
}

uint64_t clock_next_deadline(const struct clock *c)
{
    uint64_t d = CLOCK_NEVER;
    for (const struct timer *t = c->timers; t; t = t->next)
        if (t->deadline < d)
            d = t->deadline;
    return d;
}

uint64_t clock_insn_budget(struct clock *c, uint64_t max)
{
    uint64_t d = clock_next_deadline(c), now = clock_now(c);
    if (!max || c->mode == CLOCK_MANUAL || d == CLOCK_NEVER)
        return max;
    uint64_t left = d > now ? d - now : 0;
    if (c->mode == CLOCK_ICOUNT) /* round up: the slice must reach the deadline */
        left = (left >> c->shift) + ((left & ((1ull << c->shift) - 1)) != 0);
    else if (c->mode == CLOCK_HOST) /* instructions that fit before it */
        left = (uint64_t)((double)left * c->insns_per_ns);
    if (left < 1)
        left = 1;
    return left < max ? left : max;
}

void clock_begin_slice(struct clock *c, uint64_t budget)
{
    uint64_t now = clock_now(c);
    uint64_t span = c->mode == CLOCK_ICOUNT ? budget << c->shift : budget;
    c->slice_end = now + span;
    if (c->mode == CLOCK_HOST && c->icount) {
        c->slice_host0 = host_ns();
        c->slice_icount0 = c->icount(c->icount_opaque);
    }
}

void clock_end_slice(struct clock *c)
{
    c->slice_end = CLOCK_NEVER;
    if (c->mode != CLOCK_HOST || !c->icount)
        return;
    int64_t dt = host_ns() - c->slice_host0;
    uint64_t di = c->icount(c->icount_opaque) - c->slice_icount0;
    if (dt < 20000 || di == 0) /* too short to measure */
        return;
    double rate = (double)di / (double)dt;
    c->insns_per_ns = 0.75 * c->insns_per_ns + 0.25 * rate;
    if (c->insns_per_ns < 0.001)
        c->insns_per_ns = 0.001;
}

void clock_sync(struct clock *c)
{
    if (c->mode != CLOCK_MANUAL && clock_next_deadline(c) <= clock_now(c))
        clock_run_timers(c);
}

/* The expired timer with the earliest deadline not yet fired in this
 * generation, or NULL. */
static struct timer *next_expired(struct clock *c, uint64_t now)
{
    struct timer *best = NULL;
    for (struct timer *t = c->timers; t; t = t->next)
        if (t->deadline <= now && t->fired_gen != c->gen && (!best || t->deadline < best->deadline))
            best = t;
    return best;
}

void clock_run_timers(struct clock *c)
{
    uint64_t now = clock_now(c);
    c->gen++;
    struct timer *t;
    while ((t = next_expired(c, now)) != NULL) {
        t->deadline = CLOCK_NEVER;
        t->fired_gen = c->gen;
        t->fn(t->opaque);
    }
}

/* Sleep on the host until virtual (= host) time @target. */
static void sleep_until(struct clock *c, uint64_t target)
{
    for (;;) {
        uint64_t now = clock_now(c);
        if (now >= target)
            return;
        uint64_t left = target - now;
        struct timespec ts = {(time_t)(left / 1000000000), (long)(left % 1000000000)};
        if (nanosleep(&ts, NULL) < 0 && errno != EINTR)
            return;
    }
}

void clock_warp_to(struct clock *c, uint64_t target)
{
    if (c->mode == CLOCK_HOST) {
        sleep_until(c, target);
        clock_run_timers(c);
        return;
    }
    for (;;) {
        uint64_t now = clock_now(c), d = clock_next_deadline(c);
        uint64_t step = d < target ? d : target;
        if (step > now)
            c->warp += step - now;
        clock_run_timers(c);
        if (step >= target)
            return;
    }
}

void timer_init(struct timer *t, struct clock *c, timer_fn fn, void *opaque)
{
    *t = (struct timer){.clock = c, .fn = fn, .opaque = opaque, .deadline = CLOCK_NEVER};
    t->next = c->timers;
    c->timers = t;
}

void timer_destroy(struct timer *t)
{
    if (!t->clock)
        return;
    for (struct timer **p = &t->clock->timers; *p; p = &(*p)->next) {
        if (*p == t) {
            *p = t->next;
            break;
        }
    }
    t->clock = NULL;
    t->deadline = CLOCK_NEVER;
}

void timer_mod(struct timer *t, uint64_t deadline_ns)
{
    struct clock *c = t->clock;
    t->deadline = deadline_ns;
    if (c->slice_end != CLOCK_NEVER && deadline_ns < c->slice_end && c->kick) {
        c->slice_end = CLOCK_NEVER; /* one kick per slice is enough */
        c->kick(c->kick_opaque);
    }
}

void timer_del(struct timer *t)
{
    t->deadline = CLOCK_NEVER;
}

bool timer_pending(const struct timer *t)
{
    return t->deadline != CLOCK_NEVER;
}
