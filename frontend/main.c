/*
 * frontend/main.c - the trap86 program: parse the command line, load the
 * firmware image, build the machine and run it.
 *
 * Every user error (bad flag, missing or unreadable file, ROM of the wrong
 * size) ends here with one line on stderr and EXIT_USAGE; nothing is
 * written to any user file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/blockdev.h"
#include "board/memmap.h"
#include "board/pc.h"
#include "dbg.h"
#include "frontend.h"

/* Log sink for -d: "trap86: [category] message" on the -D file or stderr. */
static void log_line(void *opaque, const char *category, const char *msg)
{
    fprintf(opaque, "[%s] %s\n", category, msg);
}

/* Read all of @path into a fresh buffer; NULL with a message on error. */
static uint8_t *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "trap86: cannot open '%s': %s\n", path, strerror(errno));
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
        fprintf(stderr, "trap86: cannot read '%s': %s\n", path,
                bad ? "read error" : "file larger than 1 MiB");
        free(buf);
        return NULL;
    }
    *size = n;
    return buf;
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
static int configure(const struct options *o, struct pc_config *cfg, uint8_t **rom_buf,
                     FILE **logf)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->model = o->model;
    cfg->ram_mb = o->ram_mb;
    cfg->rom = t86_default_guest;
    cfg->rom_size = t86_default_guest_size;
    *rom_buf = NULL;
    if (o->bios) {
        *rom_buf = read_file(o->bios, &cfg->rom_size);
        if (!*rom_buf)
            return -1;
        const char *why = memmap_rom_size_error(cfg->rom_size);
        if (why) {
            fprintf(stderr, "trap86: -bios '%s': %s\n", o->bios, why);
            return -1;
        }
        cfg->rom = *rom_buf;
    }
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

/* Open the -fda/-fdb images; -1 after printing an error (none left open). */
static int open_floppies(const struct options *o, struct blockdev *out[2])
{
    for (unsigned d = 0; d < 2; d++) {
        if (!o->floppy[d])
            continue;
        char err[256];
        out[d] = blockdev_open(o->floppy[d], 0, err, sizeof(err));
        if (out[d] && !blockdev_floppy_geometry(out[d], err, sizeof(err))) {
            blockdev_close(out[d]);
            out[d] = NULL;
        }
        if (!out[d]) {
            fprintf(stderr, "trap86: -fd%c: %s\n", 'a' + d, err);
            blockdev_close(out[0]);
            return -1;
        }
    }
    return 0;
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

int main(int argc, char **argv)
{
    struct options o;
    if (options_parse(argc, argv, &o))
        return EXIT_USAGE;
    int status = info_action(&o);
    if (status >= 0)
        return status;
    struct pc_config cfg;
    uint8_t *rom_buf;
    FILE *logf = NULL;
    if (configure(&o, &cfg, &rom_buf, &logf)) {
        free(rom_buf);
        return EXIT_USAGE;
    }
    struct blockdev *floppies[2] = {NULL, NULL};
    if (open_floppies(&o, floppies)) {
        free(rom_buf);
        return EXIT_USAGE;
    }
    cfg.floppy[0] = floppies[0];
    cfg.floppy[1] = floppies[1];
    uint8_t *vga_rom = NULL;
    if (o.vgabios && !(vga_rom = read_file(o.vgabios, &cfg.vga_rom_size))) {
        free(rom_buf);
        blockdev_close(floppies[0]);
        blockdev_close(floppies[1]);
        return EXIT_USAGE;
    }
    cfg.vga_rom = vga_rom;
    const char *err = NULL;
    struct pc *m = pc_create(&cfg, &err);
    free(rom_buf);
    free(vga_rom);
    if (!m) {
        fprintf(stderr, "trap86: cannot build the machine: %s\n", err ? err : "unknown error");
        blockdev_close(floppies[0]);
        blockdev_close(floppies[1]);
        return EXIT_USAGE;
    }
    status = run_under_frontend(m, &o);
    if (o.screendump) {
        const char *why = pc_screendump(m, o.screendump);
        if (why)
            fprintf(stderr, "trap86: -screendump %s: %s\n", o.screendump, why);
    }
    pc_destroy(m);
    blockdev_close(floppies[0]); /* flushes the images' writes */
    blockdev_close(floppies[1]);
    if (cfg.debugcon_out && cfg.debugcon_out != stdout)
        fclose(cfg.debugcon_out);
    if (logf && logf != stderr)
        fclose(logf);
    return status;
}
