/*
 * board/pc.h - the machine: a PC-compatible board owning the CPU, RAM, the
 * BIOS ROM, the port bus and the devices on it.
 *
 * A machine is a self-contained object: no globals, so two machines can
 * run side by side in one process.  Wiring (which device sits on which
 * port) lives in pc.c; the memory map lives in memmap.c.
 * Invariants: the CPU reaches memory and ports only through the machine's
 * struct cpu_bus; a device that wants the emulator to stop calls back into
 * the machine, which records why and asks the CPU to stop (cpu_request_stop).
 *
 * Time (docs/time.md): the machine owns a virtual clock; the caller runs
 * the CPU through pc_run_slice, which cuts slices at the next timer
 * deadline and fires due timers, and calls pc_wait_for_interrupt when the
 * CPU halted with interrupts enabled.
 */
#ifndef T86_BOARD_PC_H
#define T86_BOARD_PC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu/cpu.h"
#include "log.h"

/** RAM size limits, in MiB. */
enum { PC_RAM_MIN_MB = 1, PC_RAM_MAX_MB = 2048, PC_RAM_DEFAULT_MB = 32 };

/** What to build. Streams stay the caller's; the machine never closes them. */
struct pc_config {
    enum cpu_model model;
    uint32_t ram_mb;          /**< PC_RAM_MIN_MB..PC_RAM_MAX_MB */
    const uint8_t *rom;       /**< BIOS image (copied) */
    size_t rom_size;          /**< see memmap_rom_size_error() */
    int debugcon_port;        /**< -1: no debug console */
    FILE *debugcon_out;       /**< NULL: the console discards its output */
    int debugexit_port;       /**< -1: no debug-exit device */
    int postcode_port;        /**< -1: no POST-code display */
    FILE *postcode_out;       /**< where POST codes are printed */
    struct board_log log;     /**< diagnostics sink and -d mask */
    bool icount;              /**< deterministic time: ns = insns << icount_shift */
    unsigned icount_shift;    /**< 0..CLOCK_MAX_SHIFT, with @icount */
    struct blockdev *floppy[2]; /**< -fda / -fdb images; the caller closes them after pc_destroy */
    const uint8_t *vga_rom;   /**< VGA BIOS image (copied); NULL: no VGA card */
    size_t vga_rom_size;
};

struct pc;

/**
 * Build a machine from @cfg and reset it.  On failure returns NULL and sets
 * *@err to a static one-line reason.
 */
struct pc *pc_create(const struct pc_config *cfg, const char **err);
/** Free the machine, flushing device output first. */
void pc_destroy(struct pc *m);
/** System reset: CPU and devices; RAM keeps its contents, A20 is enabled. */
void pc_reset(struct pc *m);
/** The machine's CPU. */
struct cpu *pc_cpu(struct pc *m);
/** Flush buffered device output (debug console). */
void pc_flush(struct pc *m);
/** True once (then cleared) when a device pulsed the reset line (port 0x92). */
bool pc_take_reset_request(struct pc *m);
/** Write the VGA text screen to @path (.txt); NULL or an error message. */
const char *pc_screendump(struct pc *m, const char *path);
/** True (and *@status set) once a device asked the emulator to exit. */
bool pc_exit_requested(const struct pc *m, int *status);
/**
 * True when a HLT with IF=1 can end: the CPU's INTR line is up or some
 * timer is armed (a device will act at a known virtual time).
 */
bool pc_has_interrupt_sources(const struct pc *m);
/**
 * Run the CPU for at most @max instructions, fewer when a timer deadline
 * comes first; due timers fire before and after.  Returns why it stopped.
 */
enum cpu_stop pc_run_slice(struct pc *m, uint64_t max);
/**
 * The CPU halted with IF=1: advance virtual time to the next deadline
 * (-icount: at once, by warping; real time: by sleeping) and fire the due
 * timers.  Returns false, doing nothing, when no timer is armed.
 */
bool pc_wait_for_interrupt(struct pc *m);
/** Current virtual time of the machine in ns. */
uint64_t pc_now_ns(struct pc *m);

#endif
