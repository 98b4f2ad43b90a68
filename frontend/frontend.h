/*
 * frontend/frontend.h - what the parts of the trap86 program share: the
 * parsed command line, the exit statuses and the entry points of each part.
 *
 * Exit statuses (also in --help):
 *   0    the guest stopped by itself: HLT that nothing can wake, or a triple
 *        fault with -no-reboot (QEMU also exits 0 there)
 *   odd  the guest wrote V to the debug-exit port: (V << 1) | 1, so a guest
 *        "exit 0" gives 1 (QEMU's isa-debug-exit convention)
 *   2    usage error: bad option or value, missing or unusable file
 *   4    the -max-insns limit was reached
 * Even statuses are the emulator's; odd ones the guest's.
 */
#ifndef T86_FRONTEND_H
#define T86_FRONTEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/cpu.h"

#define TRAP86_VERSION "0.2.0"

enum {
    EXIT_GUEST_STOPPED = 0,
    EXIT_USAGE = 2,
    EXIT_INSN_LIMIT = 4,
};

/** The firmware used without -bios / -vgabios (Debian package seabios). */
#define OPTIONS_DEFAULT_BIOS    "/usr/share/seabios/bios.bin"
#define OPTIONS_DEFAULT_VGABIOS "/usr/share/seabios/vgabios-stdvga.bin"

/** How many -send-keys options one command line may give. */
enum { OPTIONS_MAX_SEND_KEYS = 16 };
/** How many -serial options: COM1 and COM2. */
enum { OPTIONS_MAX_SERIAL = 2 };

/** Where the guest's screen goes (-display, -nographic; docs/window.md). */
enum fe_display {
    FE_DISPLAY_AUTO, /**< a window when a display exists (DISPLAY or WAYLAND_DISPLAY), else none */
    FE_DISPLAY_NONE, /**< headless: -display none, -nographic */
    FE_DISPLAY_SDL,  /**< -display sdl: a window, or headless with a note when none can open */
};

/** What the command line asks for. */
enum fe_action { FE_RUN, FE_HELP, FE_VERSION, FE_LIST_OPCODES, FE_CPU_HELP, FE_LOG_HELP };

/** The parsed command line. */
struct options {
    enum fe_action action;
    const char *bios;       /**< NULL: SeaBIOS (OPTIONS_DEFAULT_BIOS) */
    const char *floppy[2];  /**< -fda, -fdb image paths (NULL: no disk) */
    const char *ide[4];     /**< IDE drive images: -hda 0, -hdb 1, -cdrom 2, -drive index=N */
    bool ide_cd[4];         /**< IDE drive n is a CD-ROM */
    bool ide_readonly[4];   /**< -drive readonly=on */
    const char *vgabios;    /**< -vgabios image (NULL: OPTIONS_DEFAULT_VGABIOS) */
    bool no_vga;            /**< -vga none: no VGA card */
    char boot_order[8];     /**< -boot letters (default "cad", as QEMU) */
    bool boot_menu;         /**< -boot menu=on */
    bool rtc_base_set;      /**< -rtc base= given */
    int64_t rtc_base;       /**< the RTC's start, seconds since 1970 as shown */
    uint64_t exit_after_ns; /**< -exit-after: guest time; 0 none */
    const char *screendump; /**< -screendump path, written at exit */
    const char *kernel;     /**< -kernel: Multiboot kernel, booted first (NULL: none) */
    const char *append;     /**< -append: its command line after the path (NULL: none) */
    const char *initrd;     /**< -initrd: "FILE[ ARGS][,FILE[ ARGS]...]" modules */
    struct {
        char *text; /**< escapes resolved */
        uint64_t at_ns;
    } send_keys[OPTIONS_MAX_SEND_KEYS]; /**< -send-keys, in command-line order */
    unsigned send_keys_count;
    /** -serial values: COM1, COM2; serial_count 0: COM1 discards its output */
    const char *serial[OPTIONS_MAX_SERIAL];
    unsigned serial_count;
    uint32_t ram_mb;
    enum cpu_model model;
    const char *debugcon; /**< "stdio", "null", "none" or "file:PATH" */
    int postcode_port;    /**< -1: none */
    unsigned log_mask;    /**< CPU_LOG_* */
    const char *log_file; /**< NULL: stderr */
    bool no_reboot;
    bool snapshot; /**< -snapshot: disk writes go to a memory overlay, images stay as they are */
    uint64_t max_insns;    /**< 0: no limit */
    bool icount;           /**< -icount: virtual time from instructions */
    unsigned icount_shift; /**< ns per instruction = 1 << icount_shift */
    /* Debugging (docs/debugger.md); any of them runs the machine under
     * the debugger session (frontend/dbg.h) instead of run_machine. */
    const char *gdb;             /**< -gdb SPEC / -s: "tcp::1234"; NULL: no stub */
    bool start_stopped;          /**< -S: do not start the CPU */
    bool debugger;               /**< -debugger: Bochs-style console */
    const char *debugger_script; /**< -debugger-script FILE */
    const char *trace_file;      /**< -trace FILE: instruction trace from the start */
    const char *monitor;         /**< -monitor stdio */
    enum fe_display display;     /**< -display, -nographic */
    bool display_integer;        /**< -display sdl,integer=on: whole-number scaling */
    bool display_fullscreen;     /**< -display sdl,full-screen=on, -full-screen */
    /** Not from the command line: the open window (frontend/display.h), set
     * by main for the run loops while they run; NULL when headless. */
    struct display *window;
};

/** True when @o asks for the debugger session (any debugging option). */
bool options_want_debugger(const struct options *o);

/**
 * Parse argv into @o (defaults first).  On error prints one line on stderr
 * and returns -1; else 0.
 */
int options_parse(int argc, char **argv, struct options *o);
/** Print --help, --version, -cpu help or -d help on stdout. */
void options_print_help(void);
/** Free what options_parse allocated (the -send-keys texts); @o stays valid to free again. */
void options_free(struct options *o);
void options_print_version(void);
void options_print_cpu_help(void);
void options_print_log_help(void);

/** Print the opcode table (--list-opcodes) on stdout. */
void list_opcodes(void);

struct pc;
/**
 * Catch SIGINT, SIGTERM and SIGHUP for a clean exit (frontend/signals.c):
 * the run loops poll signals_caught() between slices.
 */
void signals_install(void);
/** Give the signals back their default actions. */
void signals_restore(void);
/** The signal caught since signals_install, or 0. */
int signals_caught(void);
/** Say on stderr that the run ends on the caught signal; 128 + its number. */
int signals_exit_status(void);

/** Run @m until it stops; prints why on stderr and returns the exit status. */
int run_machine(struct pc *m, const struct options *o);

/**
 * The built-in default guest: the demo boot floppy (roms/demo-floppy.asm),
 * generated at build time without its trailing zeros; the image is
 * t86_demo_floppy_image_size bytes, zero from t86_demo_floppy_size on.
 */
extern const unsigned char t86_demo_floppy[];
extern const size_t t86_demo_floppy_size;
extern const size_t t86_demo_floppy_image_size;

struct pc_config;
/**
 * Open the IDE images @o names into @cfg->ide (CD-ROMs read-only; an ISO
 * must be a whole number of 2048-byte blocks) and set @cfg->ide_cd.
 * Returns 0, or -1 after printing an error that names the file (none
 * left open).  frontend/options_ide.c.
 */
int options_open_ide(const struct options *o, struct pc_config *cfg);

#endif
