/*
 * tests/gdb/gdb_fuzz.c - protocol fuzz of the GDB stub over a real TCP
 * connection: N (default 12,000) random and mutated packets built from a
 * corpus of valid, non-state-changing packets (byte flips, truncation,
 * bad checksums, random bytes, stray '$' '#' '}' 0x03 '+' '-', oversize
 * payloads).  State-changing packets (G P M X c s C S vCont;* D k Z z R
 * and altered qRcmd lines) only ever go out with a bad checksum.
 *
 * Passes when the stub answered a sync query every 500 packets and at the
 * end (a valid '?' and a 'g' equal to the first one), the guest's
 * registers and all of RAM are unchanged, and the fake session saw no
 * resume, quit, interrupt or leftover breakpoint.
 * Usage: gdb_fuzz gdb_target.bin [COUNT [SEED]].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu_debug.h"
#include "fake_dbg.h"
#include "frontend/gdb_packet.h"
#include "gdb_client.h"

enum { RAM_BYTES = 4 << 20, SYNC_EVERY = 500, MAX_PAYLOAD = GDB_PACKET_MAX + 4096 };

static const char *const corpus[] = {
    "qSupported:multiprocess+;swbreak+;hwbreak+;qRelocInsn+;vContSupported+",
    "g",
    "p0",
    "p8",
    "p9",
    "p10",
    "p1f",
    "p20",
    "p23",
    "p24",
    "pffffffff",
    "m0,4",
    "mf1300,10",
    "mf0000,100",
    "mfffffff0,20",
    "m2000,1000",
    "m0,2000",
    "qXfer:features:read:target.xml:0,ffb",
    "qXfer:features:read:target.xml:400,200",
    "qXfer:features:read:target.xml:fffffff0,10",
    "qRcmd,696e666f20676474",
    "qRcmd,68656c70",
    "vCont?",
    "?",
    "qC",
    "qAttached",
    "qAttached:1",
    "qOffsets",
    "qfThreadInfo",
    "qsThreadInfo",
    "Hg0",
    "Hc-1",
    "T1",
    "qSymbol::",
    "vMustReplyEmpty",
    "qTStatus",
    "QStartNoAckMode",
    "qXfer:libraries:read::0,100",
    "QNonStop:1",
};
enum { CORPUS_N = sizeof(corpus) / sizeof(corpus[0]) };

/* xorshift64*: deterministic, so a failure can be replayed by seed. */
static uint64_t rng_state;
static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32) % n;
}

/* May this payload reach the stub with a valid checksum? */
static bool is_safe(const char *p, size_t n, bool from_corpus)
{
    if (n == 0)
        return true;
    if (strchr("GPMXcsCSDkZzRriIA", p[0]))
        return false;
    if (n >= 6 && !memcmp(p, "vCont;", 6))
        return false;
    return from_corpus || n < 5 || memcmp(p, "qRcmd", 5);
}

/* Frame @n bytes of @p, with a valid checksum only when @good. */
static size_t frame(const char *p, size_t n, bool good, char *out)
{
    unsigned sum = 0;
    out[0] = '$';
    memcpy(out + 1, p, n);
    for (size_t i = 0; i < n; i++)
        sum += (uint8_t)p[i];
    if (!good)
        sum += 1 + rnd(255);
    snprintf(out + 1 + n, 4, "#%02x", sum & 0xFF);
    return n + 4;
}

/* Build one fuzz input into @out; returns its length. */
static size_t make_input(char *out, char *pl)
{
    const char *base = corpus[rnd(CORPUS_N)];
    size_t n = strlen(base);
    memcpy(pl, base, n);
    switch (rnd(9)) {
    case 0: break; /* the valid packet */
    case 1:        /* byte flips */
        for (uint32_t k = 1 + rnd(3); k--;)
            pl[rnd((uint32_t)n)] = (char)rnd(256);
        return frame(pl, n, is_safe(pl, n, false), out);
    case 2: { /* truncation anywhere in the frame */
        size_t len = frame(pl, n, true, out);
        return rnd((uint32_t)len);
    }
    case 3: return frame(pl, n, false, out); /* bad checksum */
    case 4:                                  /* random bytes without '$' */
        n = 1 + rnd(64);
        for (size_t i = 0; i < n; i++)
            out[i] = (char)(rnd(255) + ('$' + 1)); /* wraps, skipping '$' */
        return n;
    case 5: /* oversize payload */
        n = GDB_PACKET_MAX - 16 + rnd(4096);
        memset(pl + 1, "0123456789abcdef,;:"[rnd(19)], n - 1);
        pl[0] = "mpq?g"[rnd(5)];
        return frame(pl, n, is_safe(pl, n, false), out);
    case 6: /* random payload, valid checksum when harmless */
        n = rnd(48);
        for (size_t i = 0; i < n; i++)
            pl[i] = (char)(32 + rnd(95));
        return frame(pl, n, is_safe(pl, n, false), out);
    case 7: /* a stray framing byte inside the packet */
        pl[rnd((uint32_t)n)] = "$#}*"[rnd(4)];
        return frame(pl, n, is_safe(pl, n, false), out);
    default: /* out-of-band bytes */ out[0] = "\x03+-"[rnd(3)]; return 1;
    }
    return frame(pl, n, true, out);
}

/* Read replies until one equals @want (stale replies come first). */
static bool await(struct gdb_client *c, const char *payload, const char *want, char *r, size_t cap)
{
    client_pump(c, 5);
    client_drain(c);
    client_send(c, payload);
    for (int i = 0; i < 100; i++) {
        if (!client_reply(c, r, cap))
            return false;
        if (!want || !strcmp(r, want))
            return true;
    }
    return false;
}

static void snapshot(struct dbg *d, struct cpu_regs *r, uint8_t *ram)
{
    memset(r, 0, sizeof(*r));
    cpu_get_regs(dbg_cpu(d), r);
    cpu_debug_read(dbg_cpu(d), 0, false, ram, RAM_BYTES);
}

static bool same_regs(const struct cpu_regs *a, const struct cpu_regs *b)
{
    bool same = !memcmp(a->gpr, b->gpr, sizeof(a->gpr)) && a->eip == b->eip &&
                a->eflags == b->eflags && !memcmp(a->cr, b->cr, sizeof(a->cr));
    for (int i = 0; i < SEG_COUNT; i++)
        same = same && a->seg[i].sel == b->seg[i].sel && a->seg[i].base == b->seg[i].base &&
               a->seg[i].limit == b->seg[i].limit && a->seg[i].attr == b->seg[i].attr;
    return same;
}

static int fail(const char *what, long i)
{
    fprintf(stderr, "gdb_fuzz: FAIL after %ld inputs: %s\n", i, what);
    return 1;
}

/* Feed @count inputs; returns 0 or a failure. */
static int fuzz(struct gdb_client *c, long count, const char *g0)
{
    static char out[2 * MAX_PAYLOAD + 8], pl[MAX_PAYLOAD], r[CLIENT_BUF];
    for (long i = 1; i <= count; i++) {
        size_t n = make_input(out, pl);
        client_send_raw(c, out, n);
        client_drain(c);
        if (i % SYNC_EVERY == 0 && !await(c, "qC", "QC1", r, sizeof(r)))
            return fail("the stub stopped answering qC", i);
    }
    if (!await(c, "?", "T05thread:1;", r, sizeof(r)))
        return fail("no valid reply to ?", count);
    if (!await(c, "g", NULL, r, sizeof(r)) || strcmp(r, g0))
        return fail("g reply differs from the first one", count);
    return 0;
}

static int check_session(struct dbg *d)
{
    const struct fake_dbg_stats *st = fake_dbg_stats(d);
    fprintf(stderr, "gdb_fuzz: %d monitor commands, %d interrupts\n", st->commands, st->interrupts);
    if (st->continues || st->steps || st->quits || st->interrupts)
        return fail("the guest was resumed, interrupted or quit", -1);
    if (st->breaks || st->watches)
        return fail("breakpoints or watchpoints were left", -1);
    return 0;
}

int main(int argc, char **argv)
{
    static uint8_t rom[65536], ram0[RAM_BYTES], ram1[RAM_BYTES];
    static char g0[CLIENT_BUF];
    static struct gdb_client c;
    long count = argc > 2 ? atol(argv[2]) : 12000;
    rng_state = argc > 3 ? strtoull(argv[3], NULL, 0) : 0x7261703836ULL;
    FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
    if (!f || fread(rom, 1, sizeof(rom), f) != sizeof(rom) || count < 1) {
        fprintf(stderr, "usage: gdb_fuzz gdb_target.bin [COUNT [SEED]]\n");
        return 2;
    }
    fclose(f);
    struct dbg *d = fake_dbg_create(rom, sizeof(rom));
    struct gdbstub *s = d ? gdbstub_create(d, "tcp::0") : NULL;
    if (!s || !client_connect(&c, s, gdbstub_port(s)))
        return fail("cannot set up", 0);
    fake_dbg_set_stub(d, s);
    struct cpu_regs r0, r1;
    snapshot(d, &r0, ram0);
    if (!await(&c, "g", NULL, g0, sizeof(g0)))
        return fail("no reply to the first g", 0);
    int rc = fuzz(&c, count, g0);
    snapshot(d, &r1, ram1);
    if (!rc && !same_regs(&r0, &r1))
        rc = fail("registers changed", count);
    if (!rc && memcmp(ram0, ram1, RAM_BYTES))
        rc = fail("memory changed", count);
    rc = rc ? rc : check_session(d);
    client_close(&c);
    fake_dbg_destroy(d);
    if (!rc)
        fprintf(stderr, "gdb_fuzz: %ld inputs, stub still answering, guest unchanged\n", count);
    return rc;
}
