/*
 * tests/sst/moo.c - MOO file reader (see moo.h for the format and the
 * invariants).  Decompression uses zlib's gzFile interface, which also
 * reads uncompressed files transparently.
 */
#include "moo.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/** A chunk inside [buf + from, buf + to). */
struct chunk {
    char type[5];
    const uint8_t *data;
    uint32_t len;
};

static int fail(struct moo_file *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->err, sizeof(f->err), fmt, ap);
    va_end(ap);
    return -1;
}

/* Read the chunk header at *pos (< end); advances *pos past its payload. */
static bool chunk_at(const uint8_t *buf, size_t *pos, size_t end, struct chunk *c)
{
    if (end - *pos < 8)
        return false;
    memcpy(c->type, buf + *pos, 4);
    c->type[4] = 0;
    c->len = moo_rd32(buf + *pos + 4);
    if (c->len > end - *pos - 8)
        return false;
    c->data = buf + *pos + 8;
    *pos += 8 + (size_t)c->len;
    return true;
}

static int read_all(struct moo_file *f, const char *path)
{
    gzFile gz = gzopen(path, "rb");
    if (!gz)
        return fail(f, "%s: cannot open", path);
    size_t cap = 1u << 22;
    f->buf = malloc(cap);
    f->len = 0;
    for (;;) {
        if (!f->buf)
            break;
        if (cap - f->len < (1u << 20)) {
            uint8_t *nb = realloc(f->buf, cap * 2);
            if (!nb)
                break;
            f->buf = nb;
            cap *= 2;
        }
        int n = gzread(gz, f->buf + f->len, (unsigned)(cap - f->len));
        if (n <= 0) {
            int err = n < 0;
            gzclose(gz);
            return err ? fail(f, "%s: decompression error", path) : 0;
        }
        f->len += (size_t)n;
    }
    gzclose(gz);
    return fail(f, "%s: out of memory", path);
}

/* REGS / RMSK payload: uint16 mask, then one uint16 per set bit. */
static bool parse_regs(const struct chunk *c, struct moo_regs *r)
{
    if (c->len < 2)
        return false;
    memset(r, 0, sizeof(*r));
    r->mask = moo_rd16(c->data) & ((1u << MOO_NREGS) - 1);
    uint32_t off = 2;
    for (int k = 0; k < MOO_NREGS; k++) {
        if (!(r->mask >> k & 1))
            continue;
        if (off + 2 > c->len)
            return false;
        r->v[k] = moo_rd16(c->data + off);
        off += 2;
    }
    return true;
}

static bool parse_ram(const struct chunk *c, struct moo_ram *r)
{
    if (c->len < 4)
        return false;
    r->count = moo_rd32(c->data);
    r->p = c->data + 4;
    return (uint64_t)r->count * 5 <= c->len - 4;
}

/* INIT / FINA: REGS, RMSK, RAM subchunks (others skipped). */
static bool parse_state(const struct chunk *c, struct moo_state *s)
{
    memset(s, 0, sizeof(*s));
    const uint8_t *base = c->data;
    size_t pos = 0;
    struct chunk sub;
    while (pos < c->len) {
        if (!chunk_at(base, &pos, c->len, &sub))
            return false;
        if (!strcmp(sub.type, "REGS") && !parse_regs(&sub, &s->regs))
            return false;
        if (!strcmp(sub.type, "RMSK") && !parse_regs(&sub, &s->rmsk))
            return false;
        if (!strcmp(sub.type, "RAM ") && !parse_ram(&sub, &s->ram))
            return false;
    }
    return true;
}

/* NAME and BYTS: uint32 length, then that many bytes. */
static bool parse_blob(const struct chunk *c, const uint8_t **p, uint32_t *n)
{
    if (c->len < 4 || moo_rd32(c->data) > c->len - 4)
        return false;
    *n = moo_rd32(c->data);
    *p = c->data + 4;
    return true;
}

static bool parse_test_sub(const struct chunk *s, struct moo_test *t)
{
    if (!strcmp(s->type, "NAME")) {
        const uint8_t *name;
        if (!parse_blob(s, &name, &t->name_len))
            return false;
        t->name = (const char *)name;
        return true;
    }
    if (!strcmp(s->type, "BYTS"))
        return parse_blob(s, &t->bytes, &t->nbytes);
    if (!strcmp(s->type, "INIT"))
        return parse_state(s, &t->init);
    if (!strcmp(s->type, "FINA"))
        return parse_state(s, &t->final);
    if (!strcmp(s->type, "EXCP")) {
        if (s->len < 5)
            return false;
        t->has_excp = true;
        t->excp_num = s->data[0];
        t->excp_flag_addr = moo_rd32(s->data + 1);
    } else if (!strcmp(s->type, "HASH")) {
        if (s->len < 20)
            return false;
        t->has_hash = true;
        memcpy(t->hash, s->data, 20);
    }
    return true;
}

static int parse_test(struct moo_file *f, const struct chunk *c, struct moo_test *t)
{
    memset(t, 0, sizeof(*t));
    if (c->len < 4)
        return fail(f, "TEST chunk too short");
    t->index = moo_rd32(c->data);
    size_t pos = 4;
    struct chunk sub;
    while (pos < c->len) {
        if (!chunk_at(c->data, &pos, c->len, &sub))
            return fail(f, "test %u: truncated subchunk", t->index);
        if (!parse_test_sub(&sub, t))
            return fail(f, "test %u: malformed %s chunk", t->index, sub.type);
    }
    if (!t->bytes || t->init.regs.mask != (1u << MOO_NREGS) - 1)
        return fail(f, "test %u: missing BYTS or incomplete INIT registers", t->index);
    return 1;
}

static void parse_meta(struct moo_file *f, const struct chunk *c)
{
    if (c->len < 16)
        return;
    f->has_meta = true;
    f->opcode = moo_rd32(c->data + 3);
    memcpy(f->mnemonic, c->data + 7, 8);
    f->mnemonic[8] = 0;
    if (c->len >= 28)
        f->cpu_mode = c->data[27];
}

int moo_open(struct moo_file *f, const char *path)
{
    memset(f, 0, sizeof(*f));
    if (read_all(f, path))
        return -1;
    struct chunk c;
    if (!chunk_at(f->buf, &f->pos, f->len, &c) || strcmp(c.type, "MOO ") || c.len < 12)
        return fail(f, "%s: not a MOO file", path);
    f->major = c.data[0];
    f->minor = c.data[1];
    f->test_count = moo_rd32(c.data + 4);
    memcpy(f->cpu_id, c.data + 8, 4);
    return 0;
}

int moo_next(struct moo_file *f, struct moo_test *t)
{
    struct chunk c;
    while (f->pos < f->len) {
        if (!chunk_at(f->buf, &f->pos, f->len, &c))
            return fail(f, "truncated chunk at offset %zu", f->pos);
        if (!strcmp(c.type, "TEST"))
            return parse_test(f, &c, t);
        if (!strcmp(c.type, "META"))
            parse_meta(f, &c);
        else if (!strcmp(c.type, "RMSK") && !parse_regs(&c, &f->rmsk))
            return fail(f, "malformed file-level RMSK");
    }
    return 0;
}

void moo_close(struct moo_file *f)
{
    free(f->buf);
    f->buf = NULL;
    f->len = f->pos = 0;
}

bool moo_ram_find(const struct moo_ram *r, uint32_t addr, uint8_t *val)
{
    for (uint32_t k = 0; k < r->count; k++) {
        if (moo_ram_addr(r, k) == addr) {
            *val = moo_ram_val(r, k);
            return true;
        }
    }
    return false;
}

const char *moo_reg_name(enum moo_reg r)
{
    static const char *const names[MOO_NREGS] = {"ax", "bx", "cx", "dx", "cs", "ss", "ds",
                                                 "es", "sp", "bp", "si", "di", "ip", "flags"};
    return (unsigned)r < MOO_NREGS ? names[r] : "?";
}
