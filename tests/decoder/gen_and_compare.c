/*
 * tests/decoder/gen_and_compare.c - decoder lengths versus GNU objdump.
 *
 * Role: the test driver.  Generates N random 16-byte encodings (fixed seed),
 * decodes each with decode_insn for a 486, has objdump disassemble the same
 * bytes (objdump_lengths.c), and sorts every disagreement into a documented
 * class (rules.c).  Fails when a disagreement matches no class, when objdump
 * lost step, when fewer than MIN_COMPARED encodings were compared or when
 * under MIN_AGREE_PCT percent agree.
 *
 * usage: dec_vs_objdump 16|32 OBJDUMP [N [SEED]]   (exit 77: no objdump)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu.h"
#include "decode.h"
#include "dectest.h"

#define DEFAULT_N 120000
#define DEFAULT_SEED 0x7a486u
#define MIN_COMPARED 100000
#define MIN_AGREE_PCT 90
#ifndef MAX_EXAMPLES
#define MAX_EXAMPLES 20
#endif

static uint64_t rng_state;

/** splitmix64: small, fast and reproducible across platforms. */
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/** A random second byte for the 0F map: 1 in 5 uniform, else a 486 one. */
static uint8_t pick_0f(void)
{
    uint8_t x = (uint8_t)rnd();
    if (rnd() % 5 == 0)
        return x;
    while (!dec_is_486_0f(x))
        x = (uint8_t)rnd();
    return x;
}

/**
 * Random bytes, biased to be interesting (docs/decoder.md): half the
 * candidates start with 1-4 prefixes, 1 in 8 gets two more (to reach the
 * 15-byte limit), 1 in 25 a LOCK; a quarter of the opcodes are in the 0F
 * map.  Everything else (ModRM, SIB, displacement, immediates) is uniform.
 */
static void generate(uint8_t *b)
{
    static const uint8_t pfx[] = {0x66, 0x67, 0xF2, 0xF3, 0x26,
                                  0x2E, 0x36, 0x3E, 0x64, 0x65};
    for (unsigned i = 0; i < CAND_SIZE; i++)
        b[i] = (uint8_t)rnd();
    unsigned np = (rnd() & 1) ? 1 + (unsigned)(rnd() % 4) : 0;
    if (rnd() % 8 == 0)
        np += 2;
    for (unsigned k = 0; k < np; k++)
        b[k] = pfx[rnd() % sizeof(pfx)];
    if (rnd() % 25 == 0) {
        if (np)
            b[rnd() % np] = 0xF0;
        else
            b[np++] = 0xF0;
    }
    if (rnd() % 4 == 0) {
        b[np] = 0x0F;
        b[np + 1] = pick_0f();
    }
}

/**
 * 1 in 32 candidates aims at the 15-byte limit: 4-7 prefixes, then an
 * opcode with ModRM and a full-size immediate, ModRM with mod=2.
 */
static void generate_long(uint8_t *b)
{
    static const uint8_t pfx[] = {0x66, 0x67, 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65};
    static const uint8_t ops[] = {0x69, 0x81, 0xC7, 0xF7};
    for (unsigned i = 0; i < CAND_SIZE; i++)
        b[i] = (uint8_t)rnd();
    unsigned np = 4 + (unsigned)(rnd() % 4);
    for (unsigned k = 0; k < np; k++)
        b[k] = pfx[rnd() % sizeof(pfx)];
    b[np] = ops[rnd() % sizeof(ops)];
    b[np + 1] = (uint8_t)(0x80 | (b[np + 1] & 0x3F));
}

static void hex(const uint8_t *b, unsigned n, char *out)
{
    for (unsigned i = 0; i < n; i++)
        sprintf(out + 3 * i, "%02x ", b[i]);
    out[n ? 3 * n - 1 : 0] = 0;
}

static void show(const char *tag, const struct sample *s)
{
    char h[3 * CAND_SIZE + 1];
    hex(s->b, CAND_SIZE, h);
    printf("  %-12s %s  ours=%d objdump=%d \"%s\"\n", tag, h, s->ours, s->theirs, s->text);
}

/** Index of the first rule matching @s, or -1. */
static int classify(const struct sample *s, bool code32)
{
    for (unsigned r = 0; r < dec_rule_count; r++)
        if (dec_rules[r].match(s, code32))
            return (int)r;
    return -1;
}

struct tally {
    size_t agree, unmatched;
    size_t both_ud, both_long; /**< agreements where both reject */
    size_t per_rule[64];
    const struct sample *first[64];
};

static void compare_all(const struct sample *s, size_t n, bool code32, struct tally *t)
{
    memset(t, 0, sizeof(*t));
    for (size_t i = 0; i < n; i++) {
        if (dec_agree(&s[i], code32)) {
            t->agree++;
            t->both_ud += s[i].ours == DECODE_UD;
            t->both_long += s[i].ours == DECODE_TOO_LONG;
            continue;
        }
        int r = classify(&s[i], code32);
        if (r < 0) {
            if (t->unmatched++ < MAX_EXAMPLES)
                show("UNMATCHED", &s[i]);
            continue;
        }
        if (!t->per_rule[r]++)
            t->first[r] = &s[i];
    }
}

static void report(const struct tally *t, size_t n, int mode, long missing)
{
    printf("decoder vs objdump, %d-bit code, model 486\n", mode);
    printf("  compared      %zu\n", n);
    printf("  agree         %zu (%.2f%%)\n", t->agree, 100.0 * (double)t->agree / (double)n);
    printf("    of which both #UD/(bad) %zu, both over 15 bytes %zu\n", t->both_ud, t->both_long);
    printf("  documented disagreements:\n");
    for (unsigned r = 0; r < dec_rule_count; r++) {
        printf("  %-28s %zu\n", dec_rules[r].name, t->per_rule[r]);
        if (t->first[r])
            show("e.g.", t->first[r]);
    }
    printf("  unmatched     %zu\n", t->unmatched);
    printf("  objdump out of step at %ld slots\n", missing);
}

static int verdict(const struct tally *t, size_t n, long missing)
{
    int ok = 1;
    if (n < MIN_COMPARED)
        ok = 0, printf("FAIL: only %zu encodings compared (< %d)\n", n, MIN_COMPARED);
    if (t->agree * 100 < n * MIN_AGREE_PCT)
        ok = 0, printf("FAIL: agreement under %d%%\n", MIN_AGREE_PCT);
    if (t->unmatched)
        ok = 0, printf("FAIL: %zu disagreements match no documented class\n", t->unmatched);
    if (missing)
        ok = 0, printf("FAIL: objdump lost step at %ld slots\n", missing);
    if (ok)
        printf("PASS\n");
    return ok ? 0 : 1;
}

static int run(int mode, const char *objdump, size_t n, uint64_t seed)
{
    bool code32 = mode == 32;
    struct sample *s = calloc(n, sizeof(*s));
    char path[] = "/tmp/trap86-dec-XXXXXX";
    int fd = mkstemp(path);
    if (!s || fd < 0) {
        perror("setup");
        return 1;
    }
    close(fd);
    rng_state = seed;
    for (size_t i = 0; i < n; i++) {
        struct insn in;
        if (rnd() % 32 == 0)
            generate_long(s[i].b);
        else
            generate(s[i].b);
        s[i].ours = decode_insn(&in, s[i].b, CAND_SIZE, code32, CPU_MODEL_486);
    }
    long missing = objdump_lengths(objdump, path, code32, s, n);
    unlink(path);
    if (missing < 0) {
        fprintf(stderr, "running %s failed\n", objdump);
        return 1;
    }
    struct tally t;
    compare_all(s, n, code32, &t);
    report(&t, n, mode, missing);
    int rc = verdict(&t, n, missing);
    free(s);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "16") && strcmp(argv[1], "32"))) {
        fprintf(stderr, "usage: %s 16|32 OBJDUMP [N [SEED]]\n", argv[0]);
        return 2;
    }
    if (!argv[2][0] || access(argv[2], X_OK) != 0) {
        printf("SKIP: objdump not found (\"%s\")\n", argv[2]);
        return 77;
    }
    size_t n = argc > 3 ? strtoul(argv[3], NULL, 0) : DEFAULT_N;
    uint64_t seed = argc > 4 ? strtoull(argv[4], NULL, 0) : DEFAULT_SEED;
    return run(atoi(argv[1]), argv[2], n, seed);
}
