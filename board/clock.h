/*
 * board/clock.h - virtual time and timers (deadlines) of one machine.
 *
 * Nothing in trap86 ticks per instruction.  A device that needs to act at
 * some moment arms a timer for that virtual time (timer_mod); the board asks
 * for the earliest deadline (clock_next_deadline), lets the CPU run until
 * then (clock_insn_budget) and fires the expired timers between slices
 * (clock_run_timers).  docs/time.md describes the design.
 *
 * Virtual time is in nanoseconds and comes from one of three sources:
 *   CLOCK_HOST      the host's monotonic clock (0 when the clock was made);
 *   CLOCK_ICOUNT    (retired instructions << shift) + warp: deterministic,
 *                   the same run always sees the same times (-icount);
 *   CLOCK_MANUAL    a value only clock_warp_to moves (device tests).
 *
 * Invariants:
 *   - clock_now never goes backwards.
 *   - A timer fires at most once per clock_run_timers call, in deadline
 *     order, and only once its deadline is <= clock_now; firing disarms it
 *     before its callback runs, so the callback may re-arm it.
 *   - All fields are private to clock.c; the struct is public only so a
 *     machine (or a test) can embed it.  No globals: each machine has one.
 */
#ifndef T86_BOARD_CLOCK_H
#define T86_BOARD_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "state.h"

/** "No deadline": later than any virtual time. */
#define CLOCK_NEVER UINT64_MAX

/** Where virtual time comes from. */
enum clock_mode { CLOCK_HOST, CLOCK_ICOUNT, CLOCK_MANUAL };

/** The largest -icount shift accepted (1 instruction = 2^10 ns). */
enum { CLOCK_MAX_SHIFT = 10 };

/** Timer callback: the deadline passed. */
typedef void (*timer_fn)(void *opaque);

struct clock;

/** One timer; embedded in its owner's state and registered on a clock. */
struct timer {
    struct clock *clock;
    timer_fn fn;
    void *opaque;
    uint64_t deadline;  /**< CLOCK_NEVER when not armed */
    uint64_t fired_gen; /**< run_timers generation it last fired in */
    struct timer *next; /**< the clock's list of timers */
};

/** Retired-instruction counter source for CLOCK_ICOUNT. */
typedef uint64_t (*clock_icount_fn)(void *opaque);
/** Called when a timer is armed earlier than the running slice's end. */
typedef void (*clock_kick_fn)(void *opaque);

struct clock {
    enum clock_mode mode;
    unsigned shift;    /**< CLOCK_ICOUNT: ns per instruction = 1 << shift */
    uint64_t warp;     /**< ICOUNT: offset added; MANUAL: the time itself */
    int64_t host_base; /**< REALTIME: host ns at virtual time 0 */
    clock_icount_fn icount;
    void *icount_opaque;
    clock_kick_fn kick;
    void *kick_opaque;
    uint64_t slice_end; /**< CLOCK_NEVER outside clock_begin_slice/end */
    /* REALTIME: measured guest speed, to size slices so they end near the
       next deadline instead of overrunning it */
    double insns_per_ns;
    int64_t slice_host0;
    uint64_t slice_icount0;
    uint64_t gen; /**< clock_run_timers generation */
    struct timer *timers;
};

/**
 * Fire the timers whose deadline has passed, if any.  The board calls it
 * before every device access, so that a guest reading a device sees every
 * event due by then (e.g. an 8254 OUT that went high has already raised its
 * IRQ), even in the middle of a CPU slice.
 */
void clock_sync(struct clock *c);

/** The clock's snapshot descriptor (mode, shift, warp; timers are re-armed
 * by their devices). */
extern const struct state_desc clock_state_desc;

/** The host's monotonic time in ns (CLOCK_MONOTONIC), for measuring host time. */
uint64_t clock_host_ns(void);
/**
 * Initialise @c in @mode.  @icount (with @opaque) is required for
 * CLOCK_ICOUNT, ignored otherwise; @shift (0..CLOCK_MAX_SHIFT) is the
 * -icount shift.  Time starts at 0.
 */
void clock_init(struct clock *c, enum clock_mode mode, unsigned shift, clock_icount_fn icount,
                void *opaque);
/** Install the callback that interrupts a running slice (see clock_begin_slice). */
void clock_set_kick(struct clock *c, clock_kick_fn kick, void *opaque);
/** Current virtual time in ns. */
uint64_t clock_now(struct clock *c);
/** Earliest armed deadline, or CLOCK_NEVER. */
uint64_t clock_next_deadline(const struct clock *c);
/**
 * Instructions the CPU may run before the next deadline, at most @max and
 * at least 1 (0 only when @max is 0).  ICOUNT: exactly enough to reach the
 * deadline.  REALTIME: the distance in ns (the interpreter retires at most
 * about one instruction per ns), capped by @max; the caller re-reads the
 * host clock after the slice.  MANUAL: @max.
 */
uint64_t clock_insn_budget(struct clock *c, uint64_t max);
/** A slice of @budget instructions starts: arming a timer before its end kicks. */
void clock_begin_slice(struct clock *c, uint64_t budget);
/** The slice ended. */
void clock_end_slice(struct clock *c);
/** Fire every timer whose deadline has passed (each at most once). */
void clock_run_timers(struct clock *c);
/**
 * Move virtual time forward to @target without running instructions
 * (ICOUNT: adds to the warp; MANUAL: sets the time), firing timers at their
 * own deadlines in order on the way.  REALTIME: sleeps until @target, then
 * fires the expired timers.  A @target in the past only fires timers.
 */
void clock_warp_to(struct clock *c, uint64_t target);

/** Register @t on @c with callback @fn(@opaque); it starts disarmed. */
void timer_init(struct timer *t, struct clock *c, timer_fn fn, void *opaque);
/** Unregister @t (disarms it).  Safe on a never-initialised zeroed timer. */
void timer_destroy(struct timer *t);
/** Arm (or move) @t to fire once clock_now reaches @deadline_ns. */
void timer_mod(struct timer *t, uint64_t deadline_ns);
/** Disarm @t. */
void timer_del(struct timer *t);
/** True when @t is armed. */
bool timer_pending(const struct timer *t);

#endif
