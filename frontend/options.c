/*
 * frontend/options.c - the QEMU-style command line of trap86.
 *
 * Options are single-dash words as in QEMU (a double dash is accepted too)
 * and take their value as the next argument.  The table below is the one
 * list of options; --help prints from the same table so the two cannot
 * drift.  Invariant: options_parse either fills every field of struct
 * options or prints exactly one line on stderr and returns -1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/clock.h"
#include "board/pc.h"
#include "frontend.h"
#include "options_internal.h"
#include "serial_backend.h"

/** One option: @set parses @arg (NULL for flags); returns an error or NULL. */
struct option_def {
    const char *name;
    const char *arg; /**< value placeholder for --help; NULL: no value */
    const char *(*set)(struct options *o, const char *arg);
    const char *help;
};

/* Unsigned integer in C notation (decimal, 0x hex, 0 octal) without sign. */
static bool parse_u64(const char *s, uint64_t *v, char **end)
{
    if (!*s || *s == '-' || *s == '+' || *s == ' ')
        return false;
    errno = 0;
    *v = strtoull(s, end, 0);
    return errno == 0 && *end != s;
}

static bool parse_number(const char *s, uint64_t *v)
{
    char *end;
    return parse_u64(s, v, &end) && *end == '\0';
}

static const char *set_bios(struct options *o, const char *a)
{
    o->bios = a;
    return NULL;
}

static const char *set_vgabios(struct options *o, const char *a)
{
    o->vgabios = a;
    return NULL;
}

static const char *set_screendump(struct options *o, const char *a)
{
    o->screendump = a;
    return NULL;
}

static const char *set_kernel(struct options *o, const char *a)
{
    o->kernel = a;
    return NULL;
}

static const char *set_append(struct options *o, const char *a)
{
    o->append = a;
    return NULL;
}

static const char *set_initrd(struct options *o, const char *a)
{
    o->initrd = a;
    return NULL;
}

/* -serial DEV, repeatable: the first is COM1, the second COM2. */
static const char *set_serial(struct options *o, const char *a)
{
    struct serial_spec spec;
    const char *why = serial_spec_parse(a, &spec);
    if (why)
        return why;
    if (o->serial_count == OPTIONS_MAX_SERIAL)
        return "at most two -serial options (COM1, COM2)";
    o->serial[o->serial_count++] = a;
    return NULL;
}

/* -serial stdio needs the terminal to itself; -1 after saying why not. */
static int check_serial_stdio(const struct options *o)
{
    unsigned n = 0;
    for (unsigned k = 0; k < o->serial_count; k++)
        n += !strcmp(o->serial[k], "stdio");
    const char *other = n > 1                                             ? "a second -serial stdio"
                        : n && o->debugger                                ? "-debugger"
                        : n && o->monitor && !strcmp(o->monitor, "stdio") ? "-monitor stdio"
                                                                          : NULL;
    if (!other)
        return 0;
    fprintf(stderr,
            "trap86: -serial stdio: %s also uses stdin/stdout; give -serial tcp:... or "
            "file:PATH instead\n",
            other);
    return -1;
}

static const char *set_fda(struct options *o, const char *a)
{
    o->floppy[0] = a;
    return NULL;
}

static const char *set_fdb(struct options *o, const char *a)
{
    o->floppy[1] = a;
    return NULL;
}

static const char *set_ram(struct options *o, const char *a)
{
    uint64_t v;
    char *end;
    if (!parse_u64(a, &v, &end))
        return "expected a size in MiB such as 32 or 32M";
    if (*end == 'G' || *end == 'g') {
        v = v > (UINT64_MAX >> 10) ? UINT64_MAX : v << 10;
        end++;
    } else if (*end == 'M' || *end == 'm') {
        end++;
    }
    if (*end)
        return "expected a size in MiB such as 32 or 32M";
    if (v < PC_RAM_MIN_MB || v > PC_RAM_MAX_MB)
        return "RAM size must be between 1 and 2048 MiB";
    o->ram_mb = (uint32_t)v;
    return NULL;
}

static const char *set_cpu(struct options *o, const char *a)
{
    if (!strcmp(a, "help"))
        o->action = FE_CPU_HELP;
    else if (!strcmp(a, "386"))
        o->model = CPU_MODEL_386;
    else if (!strcmp(a, "486"))
        o->model = CPU_MODEL_486;
    else if (!strcmp(a, "pentium"))
        o->model = CPU_MODEL_PENTIUM;
    else
        return "unknown CPU model (try -cpu help)";
    return NULL;
}

static const char *set_debugcon(struct options *o, const char *a)
{
    if (strcmp(a, "stdio") && strcmp(a, "null") && strcmp(a, "none") && strncmp(a, "file:", 5))
        return "expected stdio, file:PATH, null or none";
    if (!strncmp(a, "file:", 5) && !a[5])
        return "file: needs a path";
    o->debugcon = a;
    return NULL;
}

static const char *set_postcode_port(struct options *o, const char *a)
{
    uint64_t v;
    if (!strcmp(a, "none")) {
        o->postcode_port = -1;
        return NULL;
    }
    if (!parse_number(a, &v) || v > 0xFFFF)
        return "expected a port number 0..0xffff or none";
    o->postcode_port = (int)v;
    return NULL;
}

/* The -d items, in CPU_LOG_* bit order. */
static const char *const log_items[] = {"int", "unimp", "cpu_reset", "guest_errors", "firmware"};
enum { LOG_ITEMS = sizeof(log_items) / sizeof(log_items[0]) };
static const char *const log_item_help[] = {
    "exceptions and interrupts as they are delivered",
    "accesses to hardware trap86 does not model (unclaimed ports...)",
    "CPU and system resets, triple faults",
    "guest mistakes: unmapped memory, writes to ROM, limit violations",
    "firmware messages: the Bochs BIOS's ports 0x400-0x403, the VGA BIOS's 0x500",
};

static const char *set_log(struct options *o, const char *a)
{
    unsigned mask = 0;
    for (const char *p = a; *p;) {
        size_t n = strcspn(p, ",");
        if (n == 4 && !strncmp(p, "help", 4)) {
            o->action = FE_LOG_HELP;
            return NULL;
        }
        unsigned k = 0;
        while (k < LOG_ITEMS && !(strlen(log_items[k]) == n && !strncmp(p, log_items[k], n)))
            k++;
        if (k == LOG_ITEMS)
            return "unknown log item (try -d help)";
        mask |= 1u << k;
        p += n + (p[n] == ',');
    }
    o->log_mask = mask;
    return NULL;
}

static const char *set_log_file(struct options *o, const char *a)
{
    o->log_file = a;
    return NULL;
}

static const char *set_snapshot(struct options *o, const char *a)
{
    o->snapshot = true;
    return NULL;
}

static const char *set_no_reboot(struct options *o, const char *a)
{
    o->no_reboot = true;
    return NULL;
}

static const char *set_max_insns(struct options *o, const char *a)
{
    uint64_t v;
    if (!parse_number(a, &v) || v == 0)
        return "expected a positive instruction count";
    o->max_insns = v;
    return NULL;
}

/* -icount shift=N or -icount N (QEMU's syntax; no other sub-options). */
static const char *set_icount(struct options *o, const char *a)
{
    uint64_t v;
    if (!strncmp(a, "shift=", 6))
        a += 6;
    if (!strcmp(a, "auto"))
        return "shift=auto is not supported; give a shift 0..10";
    if (!parse_number(a, &v) || v > CLOCK_MAX_SHIFT)
        return "expected shift=N or N with N in 0..10";
    o->icount = true;
    o->icount_shift = (unsigned)v;
    return NULL;
}

static const char *set_action_help(struct options *o, const char *a)
{
    o->action = FE_HELP;
    return NULL;
}

static const char *set_action_version(struct options *o, const char *a)
{
    o->action = FE_VERSION;
    return NULL;
}

static const char *set_action_list(struct options *o, const char *a)
{
    o->action = FE_LIST_OPCODES;
    return NULL;
}

static const char *set_gdb(struct options *o, const char *a)
{
    if (strncmp(a, "tcp:", 4))
        return "expected tcp::PORT or tcp:ADDR:PORT";
    o->gdb = a;
    return NULL;
}

static const char *set_gdb_default(struct options *o, const char *a)
{
    o->gdb = "tcp::1234";
    return NULL;
}

static const char *set_start_stopped(struct options *o, const char *a)
{
    o->start_stopped = true;
    return NULL;
}

static const char *set_debugger(struct options *o, const char *a)
{
    o->debugger = true;
    return NULL;
}

static const char *set_debugger_script(struct options *o, const char *a)
{
    o->debugger = true;
    o->debugger_script = a;
    return NULL;
}

static const char *set_trace(struct options *o, const char *a)
{
    o->trace_file = a;
    return NULL;
}

static const char *set_monitor(struct options *o, const char *a)
{
    if (strcmp(a, "stdio"))
        return "only 'stdio' is supported";
    o->monitor = a;
    return NULL;
}

static const struct option_def option_table[] = {
    {"bios", "FILE", set_bios,
     "BIOS image: 64, 128, 192 or 256 KiB, mapped to end at 4 GiB; its last\n"
     "128 KiB (a 64 KiB image whole) also end at 0xFFFFF.  The CPU starts at\n"
     "the reset vector F000:FFF0.  Default: Debian's SeaBIOS,\n" OPTIONS_DEFAULT_BIOS
     " (apt-get install seabios)"},
    {"vgabios", "FILE", set_vgabios,
     "VGA BIOS image for the PCI VGA 1234:1111 (its expansion ROM); "
     "default\n" OPTIONS_DEFAULT_VGABIOS " (apt-get install seabios)"},
    {"vga", "std|none", options_set_vga, "std: the PCI VGA 1234:1111 (default); none: no VGA card"},
    {"boot", "[order=]DRIVES", options_set_boot,
     "boot order as QEMU: a, b floppies, c hard disk, d CD-ROM (default cad);\n"
     "menu=on shows SeaBIOS's boot menu, e.g. -boot order=a,menu=on"},
    {"rtc", "base=WHEN", options_set_rtc,
     "where the RTC starts: base=utc (default), base=localtime or\n"
     "base=2006-06-17T16:01:21 (UTC date); with -icount the default is\n"
     "2000-01-01T00:00:00"},
    {"exit-after", "SECONDS", options_set_exit_after,
     "exit (status 0) when the guest clock reaches SECONDS (virtual time;\n"
     "with -icount a count of instructions)"},
    {"screendump", "FILE", set_screendump,
     "write the screen to FILE when trap86 exits: .txt the text as UTF-8,\n"
     ".png the text mode's pixels (graphics modes not yet)"},
    {"send-keys", "AT:TEXT", options_set_send_keys,
     "type TEXT on the PS/2 keyboard from AT seconds of guest time on, one\n"
     "key every 30 ms (repeatable); escapes \\n Enter, \\t Tab, \\b, \\e Esc,\n"
     "\\\\, \\^X Ctrl+X; e.g. -send-keys '20:ver\\n'"},
    {"fda", "FILE", set_fda,
     "raw floppy image for drive A: (360K..2.88M, geometry from the size);\n"
     "opened read-write and locked, or read-only when the file is"},
    {"fdb", "FILE", set_fdb, "raw floppy image for drive B:"},
    {"hda", "FILE", options_set_hda,
     "raw hard disk image (512-byte sectors) on the primary IDE master;\n"
     "opened read-write and locked, or read-only when the file is"},
    {"hdb", "FILE", options_set_hdb, "raw hard disk image on the primary IDE slave"},
    {"cdrom", "FILE", options_set_cdrom,
     "ISO image (2048-byte blocks) in the ATAPI CD-ROM, secondary IDE master"},
    {"drive", "file=F,...", options_set_drive,
     "an IDE drive: file=F,if=ide,index=0..3,media=disk|cdrom[,format=raw]\n"
     "[,readonly=on]"},
    {"serial", "DEV", set_serial,
     "COM1 (first -serial) or COM2 (second): stdio (raw terminal), file:PATH,\n"
     "tcp:[HOST]:PORT[,server][,nowait] (HOST 127.0.0.1 unless given), null\n"
     "or none; default: COM1 with its output discarded, no COM2"},
    {"kernel", "FILE", set_kernel,
     "boot the Multiboot v1 kernel FILE first (docs/multiboot.md): an ELF32\n"
     "executable or a binary with the header's address fields"},
    {"append", "STR", set_append, "with -kernel: the command line is \"FILE STR\""},
    {"initrd", "FILE[,...]", set_initrd,
     "with -kernel: Multiboot modules, each \"FILE[ ARGS]\" (its string),\n"
     "separated by commas"},
    {"m", "SIZE", set_ram, "RAM in MiB, 1..2048; an M or G suffix is allowed (default 32)"},
    {"cpu", "MODEL", set_cpu, "CPU model: 386, 486 or pentium (default 486); 'help' lists them"},
    {"debugcon", "DEV", set_debugcon,
     "where port 0xE9 output goes: stdio, file:PATH, null (discard) or\n"
     "none (no device at 0xE9) (default stdio)"},
    {"postcode-port", "PORT", set_postcode_port,
     "port whose new values are shown on stderr as 'POST: 0xNN', or none\n(default 0x80)"},
    {"d", "ITEM,...", set_log,
     "log items: int, unimp, cpu_reset, guest_errors, firmware;\n"
     "'help' lists them"},
    {"D", "FILE", set_log_file, "write the -d log to FILE instead of stderr"},
    {"snapshot", NULL, set_snapshot,
     "write to temporary copies: every disk write (floppy, hard disk) goes to\n"
     "an overlay in memory and is lost at exit; the images stay bit-identical"},
    {"no-reboot", NULL, set_no_reboot,
     "exit (status 0) on a triple fault instead of resetting the machine"},
    {"max-insns", "N", set_max_insns, "stop after N instructions (exit status 4)"},
    {"icount", "shift=N", set_icount,
     "deterministic time: each instruction advances virtual time by 2^N ns\n"
     "(N = 0..10; '-icount N' works too); HLT jumps to the next timer.\n"
     "Default: virtual time follows the host clock"},
    {"display", "sdl|none", options_set_display,
     "sdl: the screen in a window (default when DISPLAY or WAYLAND_DISPLAY is\n"
     "set), with ,integer=on (whole-number scaling) and ,full-screen=on;\n"
     "none: headless (docs/window.md lists the window's hot keys)"},
    {"nographic", NULL, options_set_nographic, "no window (the same as -display none)"},
    {"full-screen", NULL, options_set_full_screen, "start the window in full-screen mode"},
    {"debugger", NULL, set_debugger,
     "Bochs-style debugger console on stdin/stdout, stopped at the first\n"
     "instruction (docs/debugger.md)"},
    {"debugger-script", "FILE", set_debugger_script,
     "run debugger commands from FILE first (implies -debugger); at the end\n"
     "of stdin the session quits"},
    {"monitor", "stdio", set_monitor, "monitor console on stdin/stdout beside the running guest"},
    {"gdb", "SPEC", set_gdb, "wait for gdb on SPEC: tcp::PORT or tcp:ADDR:PORT"},
    {"s", NULL, set_gdb_default, "shorthand for -gdb tcp::1234"},
    {"S", NULL, set_start_stopped,
     "do not start the CPU: wait for gdb's continue (with -s/-gdb) or a\n"
     "command (implies -monitor stdio without -gdb or -debugger)"},
    {"trace", "FILE", set_trace, "write a disassembled trace of every instruction to FILE"},
    {"list-opcodes", NULL, set_action_list, "print the opcode table and exit"},
    {"help", NULL, set_action_help, "print this help and exit (also -h)"},
    {"version", NULL, set_action_version, "print the version and exit"},
};

enum { OPTION_COUNT = sizeof(option_table) / sizeof(option_table[0]) };

/* The table entry for argument @arg ("-name" or "--name"), or NULL. */
static const struct option_def *find_option(const char *arg)
{
    if (arg[0] != '-')
        return NULL;
    const char *name = arg + 1 + (arg[1] == '-');
    if (!strcmp(name, "h"))
        name = "help";
    for (unsigned k = 0; k < OPTION_COUNT; k++)
        if (!strcmp(option_table[k].name, name))
            return &option_table[k];
    return NULL;
}

static void options_defaults(struct options *o)
{
    memset(o, 0, sizeof(*o));
    o->action = FE_RUN;
    o->ram_mb = PC_RAM_DEFAULT_MB;
    o->model = CPU_MODEL_486;
    o->debugcon = "stdio";
    o->postcode_port = 0x80;
    memcpy(o->boot_order, "cad", 4);
}

int options_parse(int argc, char **argv, struct options *o)
{
    options_defaults(o);
    for (int k = 1; k < argc; k++) {
        const char *name = argv[k];
        const struct option_def *d = find_option(name);
        if (!d) {
            fprintf(stderr, "trap86: %s '%s' (try --help)\n",
                    argv[k][0] == '-' ? "unknown option" : "unexpected argument", argv[k]);
            return -1;
        }
        if (d->arg && k + 1 >= argc) {
            fprintf(stderr, "trap86: %s needs a value (%s)\n", name, d->arg);
            return -1;
        }
        const char *arg = d->arg ? argv[++k] : NULL;
        const char *err = d->set(o, arg);
        if (err) {
            fprintf(stderr, "trap86: %s%s%s: %s\n", name, arg ? " " : "", arg ? arg : "", err);
            return -1;
        }
    }
    if (o->start_stopped && !o->gdb && !o->debugger && !o->monitor)
        o->monitor = "stdio";
    if (check_serial_stdio(o))
        return -1;
    if (!o->kernel && (o->append || o->initrd)) {
        fprintf(stderr, "trap86: %s is only allowed with -kernel\n",
                o->append ? "-append" : "-initrd");
        return -1;
    }
    return 0;
}

void options_free(struct options *o)
{
    for (unsigned k = 0; k < o->send_keys_count; k++)
        free(o->send_keys[k].text);
    o->send_keys_count = 0;
}

void options_print_help(void)
{
    printf("Usage: trap86 [options]\n"
           "Runs a PC ROM image on an emulated IA-32 machine.  With no options it runs\n"
           "the built-in guest ROM with its output on stdout.\n\nOptions:\n");
    for (unsigned k = 0; k < OPTION_COUNT; k++) {
        const struct option_def *d = &option_table[k];
        char head[40];
        snprintf(head, sizeof(head), "-%s%s%s", d->name, d->arg ? " " : "", d->arg ? d->arg : "");
        printf("  %-24s", head);
        for (const char *p = d->help; *p; p++) {
            putchar(*p);
            if (*p == '\n')
                printf("  %-24s", "");
        }
        putchar('\n');
    }
    printf("\nExit status:\n"
           "  0    the guest stopped: HLT nothing can wake (interrupts off, or no timer\n"
           "       armed), or triple fault with -no-reboot\n"
           "  odd  the guest wrote V to port 0xF4 (debug exit): status (V << 1) | 1\n"
           "  2    usage error (bad option or value, missing file, bad ROM size)\n"
           "  4    the -max-insns limit was reached\n");
}

bool options_want_debugger(const struct options *o)
{
    return o->gdb || o->start_stopped || o->debugger || o->trace_file || o->monitor;
}

void options_print_version(void)
{
    printf("trap86 %s\n", TRAP86_VERSION);
}

void options_print_cpu_help(void)
{
    printf("Available CPU models:\n"
           "  386      Intel386: no EFLAGS.AC, no CPUID\n"
           "  486      Intel486 with CPUID (default)\n"
           "  pentium  Pentium\n");
}

void options_print_log_help(void)
{
    printf("Log items (-d ITEM,...; the log goes to stderr or the -D file):\n");
    for (unsigned k = 0; k < LOG_ITEMS; k++)
        printf("  %-14s %s\n", log_items[k], log_item_help[k]);
}
