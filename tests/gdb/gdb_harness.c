/*
 * tests/gdb/gdb_harness.c - run a ROM under the GDB stub with the fake
 * debugger session (fake_dbg.c), stopped before the first instruction, so
 * real gdb can be tested against the stub without frontend/dbg.c.
 * Usage: gdb_harness ROM.  Prints "trap86: gdb stub listening on
 * tcp::PORT" on stderr like trap86 -S -gdb tcp::0; exits with the guest's
 * status (trap86's conventions: debug-exit value V gives 2V+1).
 */
#include <stdio.h>
#include <stdlib.h>

#include "fake_dbg.h"

static uint8_t *load(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = malloc(256 * 1024);
    *size = f && buf ? fread(buf, 1, 256 * 1024, f) : 0;
    if (f)
        fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    size_t size;
    if (argc != 2) {
        fprintf(stderr, "usage: gdb_harness ROM\n");
        return 2;
    }
    uint8_t *rom = load(argv[1], &size);
    struct dbg *d = size ? fake_dbg_create(rom, size) : NULL;
    free(rom);
    struct gdbstub *s = d ? gdbstub_create(d, "tcp::0") : NULL;
    if (!s) {
        fprintf(stderr, "gdb_harness: cannot start with '%s'\n", argv[1]);
        return 2;
    }
    fake_dbg_set_stub(d, s);
    int status = fake_dbg_run(d);
    fake_dbg_destroy(d);
    return status;
}
