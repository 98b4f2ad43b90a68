/*
 * frontend/main.c - the trap86 program: parse the command line, load the
 * firmware images (Debian's SeaBIOS and its VGA BIOS unless told otherwise),
 * open the disks (the built-in demo floppy when no firmware or media is
 * named), build the machine, open its window (frontend/display.h) and run
 * it.
 *
 * Every user error (bad flag, missing or unreadable file, ROM of the wrong
 * size) ends here with one line on stderr and EXIT_USAGE; nothing is
 * written to any user file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board/blockdev.h"
#include "board/memmap.h"
#include "board/pc.h"
#include "dbg.h"
#include "display.h"
#include "frontend.h"
#include "kernel.h"
#include "serial_backend.h"

/* Log sink for -d: "trap86: [category] message" on the -D file or stderr. */
static void log_line(void *opaque, const char *category, const char *msg)
{
    fprintf(opaque, "[%s] %s\n", category, msg);
}

/* Read all of @path (given by option @opt) into a fresh buffer; NULL with
 * a message on error. */
static uint8_t *read_file(const char *opt, const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "trap86: %s: cannot open '%s': %s\n", opt, path, strerror(errno));
        return NULL;
    }
    size_t cap = 1u << 20, n = 0;
    uint8_t *buf = malloc(cap + 1);
    while (buf && n <= cap) {
        size_t got = fread(buf + n, 1, cap + 1 - n, f);
        if (got == 0)
            break;
        n += got;
    }
    bool bad = ferror(f) || !buf;
    fclose(f);
    if (bad || n > cap) {
        fprintf(stderr, "trap86: %s: cannot read '%s': %s\n", opt, path,
                bad ? "read error" : "file larger than 1 MiB");
        free(buf);
        return NULL;
    }
    *size = n;
    return buf;
}

/*
 * Read firmware image @path given by option @opt, or the Debian default
 * when @path is NULL: a missing default names the package that has it.
 */
static uint8_t *read_firmware(const char *path, const char *deflt, const char *opt, size_t *size)
{
    if (!path && access(deflt, F_OK) != 0) {
        fprintf(stderr,
                "trap86: %s not given and %s is missing: install Debian's seabios package "
                "(apt-get install seabios) or give %s FILE\n",
                opt, deflt, opt);
        return NULL;
    }
    return read_file(opt, path ? path : deflt, size);
}

/* Open the debug console stream named by -debugcon; NULL means discard. */
static int open_debugcon(const char *spec, FILE **out)
{
    *out = NULL;
    if (!strcmp(spec, "stdio"))
        *out = stdout;
    else if (!strncmp(spec, "file:", 5)) {
        *out = fopen(spec + 5, "w");
        if (!*out) {
            fprintf(stderr, "trap86: -debugcon: cannot create '%s': %s\n", spec + 5,
                    strerror(errno));
            return -1;
        }
    }
    return 0;
}

/* Build the machine configuration; returns -1 after printing an error. */
static int configure(const struct options *o, struct pc_config *cfg, uint8_t **rom_buf, FILE **logf)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->model = o->model;
    cfg->ram_mb = o->ram_mb;
    *rom_buf = read_firmware(o->bios, OPTIONS_DEFAULT_BIOS, "-bios", &cfg->rom_size);
    if (!*rom_buf)
        return -1;
    const char *why = memmap_rom_size_error(cfg->rom_size);
    if (why) {
        fprintf(stderr, "trap86: -bios '%s': %s\n", o->bios ? o->bios : OPTIONS_DEFAULT_BIOS, why);
        return -1;
    }
    cfg->rom = *rom_buf;
    cfg->boot_order = o->boot_order;
    cfg->boot_menu = o->boot_menu;
    cfg->snapshot = o->snapshot;
    cfg->rtc_base_set = o->rtc_base_set;
    cfg->rtc_base = o->rtc_base;
    cfg->debugcon_port = strcmp(o->debugcon, "none") ? 0xE9 : -1;
    cfg->debugexit_port = 0xF4;
    cfg->postcode_port = o->postcode_port;
    cfg->postcode_out = stderr;
    cfg->icount = o->icount;
    cfg->icount_shift = o->icount_shift;
    if (open_debugcon(o->debugcon, &cfg->debugcon_out))
        return -1;
    *logf = stderr;
    if (o->log_file && !(*logf = fopen(o->log_file, "w"))) {
        fprintf(stderr, "trap86: -D: cannot create '%s': %s\n", o->log_file, strerror(errno));
        return -1;
    }
    if (*logf != stderr)
        setvbuf(*logf, NULL, _IOLBF, 0); /* a killed run keeps its log */
    cfg->log = (struct board_log){log_line, *logf, o->log_mask};
    return 0;
}

/* Run @m, under the debugger session when a debugging option asks for it. */
static int run_under_frontend(struct pc *m, const struct options *o)
{
    if (!options_want_debugger(o))
        return run_machine(m, o);
    struct dbg *d = dbg_create(m, o);
    if (!d)
        return EXIT_USAGE;
    int status = dbg_run(d);
    dbg_destroy(d);
    return status;
}

/* True when the command line names no firmware, boot media or kernel: then
 * the built-in demo floppy boots through SeaBIOS. */
static bool wants_demo(const struct options *o)
{
    return !o->bios && !o->floppy[0] && !o->floppy[1] && !o->kernel && !o->ide[0] && !o->ide[1] &&
           !o->ide[2] && !o->ide[3];
}

/* The demo floppy as a private in-memory disk (the guest may write it). */
static struct blockdev *open_demo_floppy(char *err, size_t errlen)
{
    uint8_t *img = calloc(1, t86_demo_floppy_image_size);
    if (!img) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    memcpy(img, t86_demo_floppy, t86_demo_floppy_size);
    struct blockdev *b = blockdev_open_memory(img, t86_demo_floppy_image_size, err, errlen);
    free(img);
    return b;
}

/* Open the -fda/-fdb images (or the demo floppy); -1 after printing an
 * error (none left open). */
static int open_floppies(const struct options *o, struct blockdev *out[2])
{
    if (wants_demo(o)) {
        char err[256];
        out[0] = open_demo_floppy(err, sizeof(err));
        if (!out[0])
            fprintf(stderr, "trap86: the built-in demo floppy: %s\n", err);
        return out[0] ? 0 : -1;
    }
    for (unsigned d = 0; d < 2; d++) {
        if (!o->floppy[d])
            continue;
        char err[256], why[200];
        out[d] = blockdev_open(o->floppy[d], o->snapshot ? BLOCKDEV_SNAPSHOT : 0, err, sizeof(err));
        if (out[d] && !blockdev_floppy_geometry(out[d], why, sizeof(why))) {
            snprintf(err, sizeof(err), "%s: %s", o->floppy[d], why);
            blockdev_close(out[d]);
            out[d] = NULL;
        }
        if (!out[d]) {
            fprintf(stderr, "trap86: -fd%c: %s\n", 'a' + d, err);
            blockdev_close(out[0]);
            return -1;
        }
        if (blockdev_readonly(out[d]))
            fprintf(stderr,
                    "trap86: -fd%c: '%s' is read-only; the guest sees a write-protected disk\n",
                    'a' + d, o->floppy[d]);
    }
    return 0;
}

/* -send-keys and -exit-after on the machine's clock; 0, or -1 out of memory. */
static int arm_guest_time_actions(struct pc *m, const struct options *o)
{
    for (unsigned k = 0; k < o->send_keys_count; k++)
        if (pc_send_keys(m, o->send_keys[k].at_ns, o->send_keys[k].text) != 0)
            return -1;
    if (o->exit_after_ns)
        pc_exit_at(m, o->exit_after_ns);
    return 0;
}

/* Open the -serial backends (a TCP server may wait for its client here)
 * and put the COM ports in @cfg; NULL after printing an error. */
static struct serial_set *open_serial(const struct options *o, struct pc_config *cfg)
{
    char err[256];
    struct serial_set *s = serial_open(o->serial, o->serial_count, err, sizeof(err));
    if (!s) {
        fprintf(stderr, "trap86: -serial: %s\n", err);
        return NULL;
    }
    serial_configure(s, cfg);
    return s;
}

/* Handle the actions that do not run a machine; returns -1 for FE_RUN. */
static int info_action(const struct options *o)
{
    switch (o->action) {
    case FE_HELP: options_print_help(); return 0;
    case FE_VERSION: options_print_version(); return 0;
    case FE_LIST_OPCODES: list_opcodes(); return 0;
    case FE_CPU_HELP: options_print_cpu_help(); return 0;
    case FE_LOG_HELP: options_print_log_help(); return 0;
    default: return -1;
    }
}

/* Build the machine @o describes, run it, and tear it down; the exit status. */
static int run_program(const struct options *o)
{
    int status = info_action(o);
    if (status >= 0)
        return status;
    struct pc_config cfg;
    uint8_t *rom_buf;
    FILE *logf = NULL;
    if (configure(o, &cfg, &rom_buf, &logf)) {
        free(rom_buf);
        return EXIT_USAGE;
    }
    struct blockdev *floppies[2] = {NULL, NULL};
    if (open_floppies(o, floppies)) {
        free(rom_buf);
        return EXIT_USAGE;
    }
    cfg.floppy[0] = floppies[0];
    cfg.floppy[1] = floppies[1];
    if (options_open_ide(o, &cfg)) {
        blockdev_close(floppies[0]);
        blockdev_close(floppies[1]);
        free(rom_buf);
        return EXIT_USAGE;
    }
    uint8_t *vga_rom = NULL;
    if (!o->no_vga && !(vga_rom = read_firmware(o->vgabios, OPTIONS_DEFAULT_VGABIOS, "-vgabios",
                                                &cfg.vga_rom_size))) {
        free(rom_buf);
        blockdev_close(floppies[0]);
        blockdev_close(floppies[1]);
        return EXIT_USAGE;
    }
    cfg.vga_rom = vga_rom;
    struct multiboot_image kernel = {0}; /* -kernel: read only by pc_create */
    if (o->kernel && kernel_configure(o, &cfg, &kernel)) {
        free(rom_buf);
        free(vga_rom);
        blockdev_close(floppies[0]);
        blockdev_close(floppies[1]);
        return EXIT_USAGE;
    }
    struct serial_set *serial = open_serial(o, &cfg);
    const char *err = NULL;
    struct pc *m = serial ? pc_create(&cfg, &err) : NULL;
    multiboot_image_free(&kernel);
    free(rom_buf);
    free(vga_rom);
    if (!serial) {
        blockdev_close(floppies[0]);
        blockdev_close(floppies[1]);
        return EXIT_USAGE;
    }
    if (!m) { /* it closed the images */
        serial_close(serial);
        fprintf(stderr, "trap86: cannot build the machine: %s\n", err ? err : "unknown error");
        return EXIT_USAGE;
    }
    if (arm_guest_time_actions(m, o) != 0) {
        fprintf(stderr, "trap86: -send-keys: out of memory\n");
        status = EXIT_USAGE;
    } else {
        signals_install();
        serial_attach(serial, m); /* -serial stdio: raw terminal until serial_close */
        struct options run = *o;  /* the run loops find the window here */
        run.window = display_open(o, m, serial);
        status = run_under_frontend(m, &run);
        display_close(run.window);
        signals_restore();
    }
    if (o->screendump) {
        const char *why = pc_screendump(m, o->screendump);
        if (why)
            fprintf(stderr, "trap86: -screendump %s: %s\n", o->screendump, why);
    }
    pc_destroy(m); /* closes, so flushes, the disk images */
    serial_close(serial);
    if (cfg.debugcon_out && cfg.debugcon_out != stdout)
        fclose(cfg.debugcon_out);
    if (logf && logf != stderr)
        fclose(logf);
    return status;
}

int main(int argc, char **argv)
{
    struct options o;
    int status = options_parse(argc, argv, &o) ? EXIT_USAGE : run_program(&o);
    options_free(&o);
    return status;
}
