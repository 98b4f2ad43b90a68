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

/** COM ports the board can have: COM1 (0x3F8, IRQ 4) and COM2 (0x2F8, IRQ 3). */
enum { PC_SERIAL_PORTS = 2 };

/** One COM port (pc_serial.c): present or not, and where its transmitter's bytes go. */
struct pc_serial_config {
    bool present;
    void (*tx)(void *opaque, uint8_t byte); /**< NULL: discarded */
    void *opaque;
};

/** What to build. Streams stay the caller's; the machine never closes them. */
struct pc_config {
    enum cpu_model model;
    uint32_t ram_mb;            /**< PC_RAM_MIN_MB..PC_RAM_MAX_MB */
    const uint8_t *rom;         /**< BIOS image (copied) */
    size_t rom_size;            /**< see memmap_rom_size_error() */
    int debugcon_port;          /**< -1: no debug console */
    FILE *debugcon_out;         /**< NULL: the console discards its output */
    int debugexit_port;         /**< -1: no debug-exit device */
    int postcode_port;          /**< -1: no POST-code display */
    FILE *postcode_out;         /**< where POST codes are printed */
    struct board_log log;       /**< diagnostics sink and -d mask */
    bool icount;                /**< deterministic time: ns = insns << icount_shift */
    unsigned icount_shift;      /**< 0..CLOCK_MAX_SHIFT, with @icount */
    struct blockdev *floppy[2]; /**< -fda / -fdb images; the machine takes them (pc_create) */
    struct blockdev *ide[4];    /**< IDE drives 0-3 (-hda, -hdb, -cdrom = 2); taken like floppy */
    bool ide_cd[4];             /**< IDE drive n is a CD-ROM (ide[n] may then be NULL: empty) */
    const uint8_t *vga_rom;     /**< VGA BIOS image (copied); NULL: no VGA card */
    size_t vga_rom_size;
    const char *boot_order; /**< -boot letters: a b (floppies) c (disk) d (CD); NULL "cad" */
    bool boot_menu;         /**< -boot menu=on: SeaBIOS shows its boot menu */
    bool snapshot;          /**< -snapshot: disks changed later (monitor) get an overlay too */
    bool rtc_base_set;      /**< -rtc base=: the RTC starts at rtc_base */
    int64_t rtc_base;       /**< seconds since 1970-01-01 as the RTC shows them */
    struct pc_serial_config serial[PC_SERIAL_PORTS]; /**< -serial: COM1, COM2 */
    /** -kernel: the Multiboot image to boot first (read during pc_create only), NULL: none */
    const struct multiboot_image *multiboot;
    const uint8_t *multiboot_rom; /**< the loader option ROM for it (copied) */
    size_t multiboot_rom_size;
};

struct pc;
struct multiboot_image;

/**
 * Build a machine from @cfg and reset it.  The machine takes the block
 * devices in @cfg (even on failure, when they are closed).  On failure
 * returns NULL and sets *@err to a static one-line reason.
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
/**
 * Type @text (ASCII; '\n' is Enter, 0x01-0x1A Ctrl+letter) on the PS/2
 * keyboard from guest time @at_ns on, one character every 30 ms
 * (-send-keys).  Calls add up; texts are typed in time order, one text
 * finished before the next starts.  Returns 0, or -1 out of memory.
 */
int pc_send_keys(struct pc *m, uint64_t at_ns, const char *text);
/**
 * Open the image at @path (read-write, else read-only as blockdev_open
 * decides) and put it in floppy drive @drive (0 = A:, 1 = B:), closing the
 * disk that was there; the guest sees the disk-change line.  Returns 0, or
 * -1 with a one-line reason in @err (the old disk then stays).
 */
int pc_floppy_change(struct pc *m, unsigned drive, const char *path, char *err, size_t errlen);
/** Take the disk out of drive @drive, flushing and closing it; -1 if none. */
int pc_floppy_eject(struct pc *m, unsigned drive);
/** True when drive @drive holds a write-protected (read-only) disk. */
bool pc_floppy_readonly(const struct pc *m, unsigned drive);
/**
 * Put the ISO image at @path (read-only) in the CD-ROM drive, or empty it
 * when @path is NULL, closing the disc that was there; the guest's next
 * packet command sees a unit attention.  @force overrides a tray the
 * guest locked.  Returns 0, or -1 with a one-line reason in @err.
 */
int pc_cd_change(struct pc *m, const char *path, bool force, char *err, size_t errlen);
/** True when the machine has an IDE CD-ROM drive. */
bool pc_cd_present(const struct pc *m);
/** Press (@down) or release PS/2 key @key (enum t86_key); ignored without a keyboard. */
void pc_key(struct pc *m, unsigned key, bool down);
/** Write the VGA text screen to @path (.txt); NULL or an error message. */
const char *pc_screendump(struct pc *m, const char *path);
/**
 * Ask for an exit with status 0 when guest time reaches @at_ns
 * (-exit-after); pc_exit_requested then reports it.
 */
void pc_exit_at(struct pc *m, uint64_t at_ns);
/** True when the exit pc_exit_requested reports came from pc_exit_at. */
bool pc_exit_was_timed(const struct pc *m);
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

struct uart;
/** COM port @n's UART (0 = COM1, 1 = COM2), NULL when it is absent. */
struct uart *pc_uart(struct pc *m, unsigned n);

/** Host input (serial backends) the machine delivers between slices and waits for in HLT. */
struct pc_host_input {
    /**
     * Hand pending host input to the devices, waiting at most @timeout_ns
     * for some to arrive (0: do not wait).  True when something was delivered.
     */
    bool (*poll)(void *opaque, uint64_t timeout_ns);
    /** True while input may still arrive (a terminal, an open or listening socket). */
    bool (*live)(void *opaque);
    void *opaque;
};
/**
 * Install @in (copied; NULL removes it).  Then pc_has_interrupt_sources
 * also counts live host input, and pc_wait_for_interrupt waits in
 * @in->poll instead of sleeping, so input wakes a halted guest at once.
 */
void pc_set_host_input(struct pc *m, const struct pc_host_input *in);
/** Deliver pending host input without waiting (the run loops call it between slices). */
void pc_poll_host_input(struct pc *m);

struct pic;
struct pit;
struct rtc;
struct fdc;
/** The master (@n 0) or slave (@n 1) 8259A, for the debugger; NULL otherwise (pc_devices.c). */
struct pic *pc_pic(struct pc *m, unsigned n);
/** The 8254 PIT, for the debugger. */
struct pit *pc_pit(struct pc *m);
/** The MC146818 RTC/CMOS, for the debugger. */
struct rtc *pc_rtc(struct pc *m);
/** The floppy controller, for the debugger. */
struct fdc *pc_fdc(struct pc *m);
struct ide;
/** The two IDE channels (PIIX3 function 00:01.1), for the debugger. */
struct ide *pc_ide(struct pc *m);

/* ---- the display, for frontends (issue 8; board/pc_display.c) ---------------- */

/** What the guest's display shows now, for the window title and the frontend. */
struct pc_display_info {
    unsigned width, height; /**< frame size in pixels; 0 x 0: no picture (blanked, no VGA) */
    char mode[48];          /**< e.g. "text 80x25", "VGA 640x480x4", "VBE 800x600x32" */
    double refresh_hz;      /**< the guest's frame rate from the CRTC timing (0: unknown) */
};
/** Fill @info from the adapter's registers; false when the machine has no VGA. */
bool pc_display_info(struct pc *m, struct pc_display_info *info);
/**
 * Render the displayed frame into @px as 0x00RRGGBB pixels, @pitch pixels
 * per row, for a frame of the size pc_display_info reports (the caller
 * passes that @width and @height; a different size renders nothing and
 * returns false).  With @full false only rows whose video memory or
 * registers changed since the previous call are redrawn; *@y0 and *@y1
 * get the first and one-past-the-last row redrawn (equal: nothing
 * changed).  Blinking text and the cursor follow guest time.  Rendering
 * reads device state only; the emulation never waits for it.
 */
bool pc_display_render(struct pc *m, uint32_t *px, unsigned pitch, unsigned width,
                       unsigned height, bool full, unsigned *y0, unsigned *y1);
/**
 * Reads and writes asked so far of drive @drive (0 A:, 1 B:, 2-5 IDE drives
 * 0-3), 0 when it is empty: a frontend shows activity when it changes.
 */
uint64_t pc_disk_io_count(const struct pc *m, unsigned drive);
/** Host time in ns spent in pc_display_render since the machine was created. */
uint64_t pc_display_render_ns(const struct pc *m);
/**
 * Move the PS/2 mouse by @dx (right), @dy (down, screen convention: the
 * device turns it into PS/2's up-positive Y), wheel @dz, with @buttons
 * held (bit 0 left, 1 right, 2 middle); ignored without a mouse.
 */
void pc_mouse(struct pc *m, int dx, int dy, int dz, unsigned buttons);

#endif
