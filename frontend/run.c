/*
 * frontend/run.c - the main loop: run the CPU in slices, and turn each
 * reason it stops into "continue", "reset" or "exit with status N".
 *
 * Slices are at most RUN_SLICE instructions; the machine cuts them shorter
 * at the next timer deadline and fires due timers between them
 * (pc_run_slice, docs/time.md).  Between slices device output is flushed
 * and stop requests are looked at.  HLT with IF=1 waits for the next timer
 * (pc_wait_for_interrupt) and the interrupt it raises wakes the CPU; when
 * no timer is armed and INTR is low nothing can ever wake it, so the run
 * ends (QEMU would wait forever).  HLT with IF=0 could only be left by
 * NMI/SMI/reset, which nothing raises, so it ends the run too.  With a
 * window (frontend/display.h) the user can always give input, so a HLT
 * with no timer waits for it; closing the window ends the run with status
 * 0, through the same orderly path as a signal.
 */
#include <inttypes.h>
#include <stdio.h>

#include "board/pc.h"
#include "display.h"
#include "frontend.h"

enum { RUN_SLICE = 100000 };

/* Print "trap86: @what at CS:EIP" for the CPU's current position. */
static void report(struct cpu *c, const char *what, uint32_t eip_adjust)
{
    struct cpu_regs r;
    cpu_get_regs(c, &r);
    fprintf(stderr, "trap86: %s at %04x:%08" PRIx32 "\n", what, r.seg[SEG_CS].sel,
            r.eip - eip_adjust);
}

/* HLT stopped the CPU: wait for the next timer; returns the exit status,
 * or -1 to keep running. */
static int on_halt(struct pc *m)
{
    struct cpu *c = pc_cpu(m);
    struct cpu_regs r;
    cpu_get_regs(c, &r);
    if (!(r.eflags & FL_IF)) {
        report(c, "guest halted with interrupts disabled (HLT)", 1);
        return EXIT_GUEST_STOPPED;
    }
    if (!pc_has_interrupt_sources(m) || !pc_wait_for_interrupt(m)) {
        report(c, "guest halted waiting for an interrupt, but no timer is armed", 1);
        return EXIT_GUEST_STOPPED;
    }
    return -1;
}

/* Triple fault: reset the machine, or exit with -no-reboot. */
static int on_shutdown(struct pc *m, const struct options *o)
{
    if (o->no_reboot) {
        report(pc_cpu(m), "guest triple-faulted (CPU shutdown); exiting because of -no-reboot", 0);
        return EXIT_GUEST_STOPPED;
    }
    pc_reset(m);
    return -1;
}

/* Instructions to run next, 0 when the -max-insns limit is used up. */
static uint64_t next_slice(uint64_t done, const struct options *o)
{
    if (!o->max_insns)
        return RUN_SLICE;
    uint64_t left = done < o->max_insns ? o->max_insns - done : 0;
    return left < RUN_SLICE ? left : RUN_SLICE;
}

int run_machine(struct pc *m, const struct options *o)
{
    struct cpu *c = pc_cpu(m);
    uint64_t done = 0; /* across resets, whatever the CPU counter does */
    for (;;) {
        uint64_t budget = next_slice(done, o), start = cpu_icount(c);
        if (!budget) {
            char what[80];
            snprintf(what, sizeof(what), "instruction limit reached (-max-insns %" PRIu64 ")",
                     o->max_insns);
            report(c, what, 0);
            return EXIT_INSN_LIMIT;
        }
        enum cpu_stop why = pc_run_slice(m, budget);
        /* A reset or a wait in HLT counts as one step, so a loop of either
         * also meets the limit. */
        done += cpu_icount(c) - start + (why == CPU_STOP_SHUTDOWN || why == CPU_STOP_HALT);
        pc_flush(m);
        pc_poll_host_input(m); /* -serial input */
        int status;
        if (pc_exit_requested(m, &status)) {
            if (pc_exit_was_timed(m))
                report(c, "guest time reached -exit-after", 0);
            return status;
        }
        if (signals_caught())
            return signals_exit_status();
        if (display_quit_requested(o->window)) {
            fprintf(stderr, "trap86: the window was closed\n");
            return EXIT_GUEST_STOPPED;
        }
        if (pc_take_reset_request(m)) { /* 0x92, 0xCF9 or the 8042 */
            if (o->no_reboot) {         /* QEMU: -no-reboot exits instead of rebooting */
                report(c, "guest requested a reset; exiting because of -no-reboot", 0);
                return EXIT_GUEST_STOPPED;
            }
            pc_reset(m);
            continue;
        }
        status = why == CPU_STOP_HALT       ? on_halt(m)
                 : why == CPU_STOP_SHUTDOWN ? on_shutdown(m, o)
                                            : -1;
        if (status >= 0)
            return status;
    }
}
