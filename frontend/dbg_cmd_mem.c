/*
 * frontend/dbg_cmd_mem.c - memory commands: x, xp (Bochs /nuf formats),
 * u (disassembly), setpmem, writemem.
 *
 * Invariant: memory is accessed only with cpu_debug_read/write, so these
 * commands never fault the guest or set accessed/dirty bits; writes drop
 * decoded code through cpu_debug_write.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_commands.h"
#include "dbg_disasm.h"
#include "dbg_expr.h"
#include "dbg_info.h"
#include "dbg_internal.h"
#include "dbg_trace.h"

/** A parsed "/nuf": count, unit size in bytes, format letter. */
struct xfmt {
    unsigned n, unit;
    char f;
};

/* Parse an optional "/nuf" at the start of *@args; false on bad syntax. */
static bool parse_xfmt(char **args, struct xfmt *x)
{
    *x = (struct xfmt){1, 4, 'x'};
    char *p = *args;
    if (*p != '/')
        return true;
    p++;
    if (isdigit((unsigned char)*p))
        x->n = (unsigned)strtoul(p, &p, 10);
    for (; *p && !isspace((unsigned char)*p); p++) {
        const char *units = "bhwg";
        const char *u = strchr(units, *p);
        if (u)
            x->unit = 1u << (u - units);
        else if (strchr("xduotcsi", *p))
            x->f = *p;
        else
            return false;
    }
    while (isspace((unsigned char)*p))
        p++;
    *args = p;
    return x->n > 0;
}

/* Print one unit @v of @size bytes in format @f. */
static void print_unit(FILE *out, uint64_t v, unsigned size, char f)
{
    int bits = (int)size * 8;
    int64_t sv = bits == 64 ? (int64_t)v : (int64_t)(v << (64 - bits)) >> (64 - bits);
    switch (f) {
    case 'd': fprintf(out, " %" PRId64, sv); break;
    case 'u': fprintf(out, " %" PRIu64, v); break;
    case 'o': fprintf(out, " 0%" PRIo64, v); break;
    case 'c': fprintf(out, " '%c'", isprint((int)(v & 0xFF)) ? (int)(v & 0xFF) : '.'); break;
    case 't':
        fputc(' ', out);
        for (int b = bits - 1; b >= 0; b--)
            fputc('0' + (int)((v >> b) & 1), out);
        break;
    default: fprintf(out, " 0x%0*" PRIx64, (int)size * 2, v); break;
    }
}

/* x/xp with formats other than s and i. */
static void examine_units(struct dbg *d, uint32_t addr, bool linear, const struct xfmt *x,
                          FILE *out)
{
    unsigned per_line = 16 / x->unit;
    for (unsigned k = 0; k < x->n; k++) {
        uint32_t a = addr + k * x->unit;
        uint8_t b[8] = {0};
        if (k % per_line == 0)
            fprintf(out, "%s0x%08" PRIx32 ":", k ? "\n" : "", a);
        if (cpu_debug_read(d->c, a, linear, b, x->unit) != x->unit) {
            fprintf(out, " <not mapped>");
            break;
        }
        uint64_t v = 0;
        for (unsigned i = x->unit; i-- > 0;)
            v = v << 8 | b[i];
        print_unit(out, v, x->unit, x->f);
    }
    fprintf(out, "\n");
}

/* x/xp /s: @n NUL-terminated strings (at most 256 bytes each). */
static void examine_strings(struct dbg *d, uint32_t addr, bool linear, unsigned n, FILE *out)
{
    for (unsigned k = 0; k < n; k++) {
        fprintf(out, "0x%08" PRIx32 ": \"", addr);
        uint8_t ch;
        for (unsigned i = 0; i < 256 && cpu_debug_read(d->c, addr++, linear, &ch, 1) == 1 && ch;
             i++)
            fprintf(out, isprint(ch) ? "%c" : "\\x%02x", ch);
        fprintf(out, "\"\n");
    }
}

/* The code location of linear @lin: CS:off when CS covers it, else 0:lin. */
static struct dbg_code_loc loc_of_linear(struct dbg *d, uint32_t lin)
{
    struct dbg_code_loc loc = dbg_here(d);
    struct cpu_regs r;
    cpu_get_regs(d->c, &r);
    if (lin - loc.base > r.seg[SEG_CS].limit) {
        loc.sel = 0;
        loc.base = 0;
    }
    loc.ip = lin - loc.base;
    return loc;
}

static bool examine(struct dbg *d, char *args, bool linear, FILE *out)
{
    struct xfmt x;
    uint64_t addr;
    if (!parse_xfmt(&args, &x)) {
        fprintf(out, "Error: bad format (expected /nuf, e.g. /4wx)\n");
        return true;
    }
    const char *err = *args ? dbg_eval(d, args, &addr) : "address expected";
    if (err) {
        fprintf(out, "Error: %s\n", err);
        return true;
    }
    if (x.f == 's')
        examine_strings(d, (uint32_t)addr, linear, x.n, out);
    else if (x.f == 'i' && linear)
        dbg_disasm_print(d, out, loc_of_linear(d, (uint32_t)addr), x.n);
    else if (x.f == 'i')
        fprintf(out, "Error: /i needs a linear address (use x)\n");
    else
        examine_units(d, (uint32_t)addr, linear, &x, out);
    return true;
}

bool dbg_cmd_x(struct dbg *d, char *args, FILE *out)
{
    return examine(d, args, true, out);
}
bool dbg_cmd_xp(struct dbg *d, char *args, FILE *out)
{
    return examine(d, args, false, out);
}

bool dbg_cmd_u(struct dbg *d, char *args, FILE *out)
{
    unsigned n = 10;
    if (*args == '/') {
        n = (unsigned)strtoul(args + 1, &args, 10);
        while (isspace((unsigned char)*args))
            args++;
    }
    struct dbg_code_loc loc = dbg_here(d);
    bool has_seg;
    uint16_t seg;
    uint32_t off;
    const char *err = *args ? dbg_eval_segoff(d, args, &has_seg, &seg, &off) : NULL;
    if (err) {
        fprintf(out, "Error: %s: %s\n", args, err);
        return true;
    }
    if (*args && has_seg) {
        loc.sel = seg;
        loc.ip = off;
        if (!dbg_seg_base(d, seg, &loc.base))
            fprintf(out, "Error: cannot read the descriptor of %04x\n", seg);
    } else if (*args) {
        loc = loc_of_linear(d, off);
    }
    dbg_disasm_print(d, out, loc, n ? n : 1);
    return true;
}

bool dbg_cmd_setpmem(struct dbg *d, char *args, FILE *out)
{
    char a[3][128];
    uint64_t v[3];
    if (sscanf(args, "%127s %127s %127s", a[0], a[1], a[2]) != 3) {
        fprintf(out, "Usage: setpmem ADDR SIZE VAL\n");
        return true;
    }
    for (int k = 0; k < 3; k++)
        if (dbg_eval(d, a[k], &v[k])) {
            fprintf(out, "Error: %s: %s\n", a[k], dbg_eval(d, a[k], &v[k]));
            return true;
        }
    if (v[1] != 1 && v[1] != 2 && v[1] != 4) {
        fprintf(out, "Error: SIZE must be 1, 2 or 4\n");
        return true;
    }
    uint8_t b[4] = {(uint8_t)v[2], (uint8_t)(v[2] >> 8), (uint8_t)(v[2] >> 16),
                    (uint8_t)(v[2] >> 24)};
    if (cpu_debug_write(d->c, (uint32_t)v[0], false, b, (size_t)v[1]) != v[1])
        fprintf(out, "Error: 0x%08" PRIx32 " is not writable memory\n", (uint32_t)v[0]);
    return true;
}

bool dbg_cmd_writemem(struct dbg *d, char *args, FILE *out)
{
    char file[512], a[128], l[128];
    uint64_t addr, len;
    if (sscanf(args, "%511s %127s %127s", file, a, l) != 3 || dbg_eval(d, a, &addr) ||
        dbg_eval(d, l, &len)) {
        fprintf(out, "Usage: writemem FILE LADDR LEN\n");
        return true;
    }
    FILE *f = fopen(file, "wb");
    if (!f) {
        fprintf(out, "Error: %s: %s\n", file, strerror(errno));
        return true;
    }
    uint64_t done = 0;
    uint8_t buf[4096];
    while (done < len) {
        size_t want = len - done < sizeof(buf) ? (size_t)(len - done) : sizeof(buf);
        size_t got = cpu_debug_read(d->c, (uint32_t)(addr + done), true, buf, want);
        fwrite(buf, 1, got, f);
        done += got;
        if (got < want)
            break;
    }
    fclose(f);
    fprintf(out, "Wrote %" PRIu64 " bytes to %s\n", done, file);
    return true;
}
