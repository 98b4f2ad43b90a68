/*
 * tests/unicorn/main.c - command line, worker threads and the report of the
 * trap86-versus-unicorn differential test (docs/unicorn.md).
 *
 *   ucdiff [--cases N] [--seed S] [--threads T] [--case I] [--list-forms]
 *
 * Case i tests form i mod (number of forms) and is generated from (seed, i)
 * alone, so results do not depend on the thread count and "--case i"
 * replays one case with a full dump.  Each worker owns one unicorn engine,
 * one trap86 CPU and their memories.  Exit status: 0 when every difference
 * is undefined by the SDM, a documented exclusion, or pending (trap86 logged
 * "not implemented yet"), and every form got at least MIN_HITS cases when
 * N allows it; 1 otherwise; 2 on setup errors.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucdiff.h"

enum { MAX_FORMS = 512, MAX_SAMPLES = 20, MIN_HITS = 300, MAX_THREADS = 8 };

struct tally { uint64_t hits, faults, mismatch, pending, excluded; };

struct sample { uint64_t n; char what[160]; };

struct worker {
    unsigned id, nthreads;
    uint64_t seed, ncases;
    const struct ud_form *forms;
    unsigned nforms;
    const uint8_t *img;
    struct ud_mem mu, mt;
    struct uc_side *uc;
    struct t86_side *t86;
    struct tally form[MAX_FORMS];
    uint64_t excl[16];
    struct sample samples[MAX_SAMPLES];
    unsigned nsamples;
    bool setup_failed;
    bool verbose; /* print every mismatch with its bytes */
};

static void keep_sample(struct worker *w, uint64_t n, const char *what)
{
    if (w->nsamples < MAX_SAMPLES) {
        w->samples[w->nsamples].n = n;
        snprintf(w->samples[w->nsamples].what, sizeof(w->samples[0].what), "%s", what);
        w->nsamples++;
    }
}

static void print_mismatch(uint64_t n, const struct ud_case *k, const char *what)
{
    char name[64], bytes[3 * UD_MAX_INSN + 1];
    for (unsigned i = 0; i < k->len; i++)
        snprintf(bytes + 3 * i, 4, "%02x ", k->code[i]);
    printf("MISMATCH %" PRIu64 " [%s] %s| %s\n", n, form_name(k->form, name, sizeof(name)), bytes,
           what);
}

/* Generate, run on both engines and compare (the caller restores memory). */
static enum ud_verdict run_case(struct worker *w, uint64_t n, struct ud_case *k,
                                struct ud_result *ru, struct ud_result *rt, struct ud_diff *d)
{
    unsigned fi = (unsigned)(n % w->nforms);
    struct ud_undef u;
    gen_case(k, &w->forms[fi], w->seed, n);
    mem_load_case(&w->mu, k);
    mem_load_case(&w->mt, k);
    undef_for_case(k, w->mu.buf, &u);
    ucs_run(w->uc, k, ru);
    t86s_run(w->t86, k, rt);
    compare_case(k, &u, ru, rt, &w->mu, &w->mt, d);
    struct tally *t = &w->form[fi];
    t->hits++;
    t->faults += d->verdict == V_MATCH && ru->vector >= 0;
    t->mismatch += d->verdict == V_MISMATCH;
    t->pending += d->verdict == V_PENDING;
    t->excluded += d->verdict == V_EXCLUDED;
    if (d->verdict == V_EXCLUDED)
        w->excl[d->exclusion]++;
    if (d->verdict == V_MISMATCH)
        keep_sample(w, n, d->what);
    if (d->verdict == V_MISMATCH && w->verbose)
        print_mismatch(n, k, d->what);
    return d->verdict;
}

static bool worker_setup(struct worker *w)
{
    mem_init(&w->mu, w->img);
    mem_init(&w->mt, w->img);
    if (!w->mu.buf || !w->mt.buf)
        return false;
    w->uc = ucs_create(&w->mu, w->img);
    w->t86 = t86s_create(&w->mt);
    return w->uc && w->t86;
}

static void worker_teardown(struct worker *w)
{
    ucs_destroy(w->uc);
    t86s_destroy(w->t86);
    free(w->mu.buf);
    free(w->mt.buf);
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    if (!worker_setup(w)) {
        w->setup_failed = true;
        return NULL;
    }
    struct ud_case k;
    struct ud_result ru, rt;
    struct ud_diff d;
    for (uint64_t n = w->id; n < w->ncases; n += w->nthreads) {
        run_case(w, n, &k, &ru, &rt, &d);
        mem_restore(&w->mu, w->img);
        mem_restore(&w->mt, w->img);
    }
    return NULL;
}

/* ---- single-case replay ---------------------------------------------------- */

static void dump_result(const char *who, const struct ud_result *r)
{
    printf("%-7s vector %d error %d pending %d eip %08x eflags %08x\n        ", who, r->vector,
           r->error, r->pending, r->eip, r->eflags);
    for (int i = 0; i < 8; i++)
        printf("%08x ", r->gpr[i]);
    printf("\n        sel %04x %04x %04x %04x %04x %04x\n", r->sel[0], r->sel[1], r->sel[2],
           r->sel[3], r->sel[4], r->sel[5]);
}

static void dump_case(const struct ud_case *k)
{
    char name[64];
    printf("form    %s\nbytes  ", form_name(k->form, name, sizeof(name)));
    for (unsigned i = 0; i < k->len; i++)
        printf(" %02x", k->code[i]);
    printf("\nbefore  eflags %08x ea %08x imm %x\n        ", k->eflags, k->ea, k->imm);
    for (int i = 0; i < 8; i++)
        printf("%08x ", k->gpr[i]);
    printf("\n");
    for (unsigned i = 0; i < k->npatch; i++)
        printf("patch   %05x len %u\n", k->patch[i].addr, k->patch[i].len);
}

/* Bytes around the memory operand, for --case. */
static void dump_memory(const char *who, const uint8_t *buf, const struct ud_case *k)
{
    uint32_t a = k->ea >= 8 ? k->ea - 8 : 0;
    printf("%-7s %05x:", who, a);
    for (uint32_t i = 0; i < 24 && a + i < UD_MEM_SIZE; i++)
        printf(" %02x", buf[a + i]);
    printf("\n");
}

static int replay(struct worker *w, uint64_t n)
{
    if (!worker_setup(w))
        return 2;
    struct ud_case k;
    struct ud_result ru, rt;
    struct ud_diff d;
    gen_case(&k, &w->forms[n % w->nforms], w->seed, n);
    mem_load_case(&w->mu, &k);
    dump_case(&k);
    dump_memory("pre", w->mu.buf, &k);
    mem_restore(&w->mu, w->img);
    enum ud_verdict v = run_case(w, n, &k, &ru, &rt, &d);
    dump_memory("uc", w->mu.buf, &k);
    dump_memory("trap86", w->mt.buf, &k);
    dump_result("unicorn", &ru);
    dump_result("trap86", &rt);
    printf("verdict %d %s\n", (int)v, d.what);
    worker_teardown(w);
    return v == V_MISMATCH;
}

/* ---- report --------------------------------------------------------------------- */

static void merge(struct worker *ws, unsigned nt, struct worker *sum)
{
    for (unsigned t = 0; t < nt; t++) {
        for (unsigned f = 0; f < sum->nforms; f++) {
            sum->form[f].hits += ws[t].form[f].hits;
            sum->form[f].faults += ws[t].form[f].faults;
            sum->form[f].mismatch += ws[t].form[f].mismatch;
            sum->form[f].pending += ws[t].form[f].pending;
            sum->form[f].excluded += ws[t].form[f].excluded;
        }
        for (unsigned e = 0; e < 16; e++)
            sum->excl[e] += ws[t].excl[e];
        for (unsigned s = 0; s < ws[t].nsamples; s++)
            keep_sample(sum, ws[t].samples[s].n, ws[t].samples[s].what);
    }
}

static uint64_t print_forms(const struct worker *s, uint64_t *min_hits, uint64_t *pending)
{
    uint64_t mism = 0;
    char name[64];
    *min_hits = UINT64_MAX;
    *pending = 0;
    printf("%-30s %8s %8s %8s %8s %8s\n", "form", "hits", "faulted", "mismatch", "pending",
           "excluded");
    for (unsigned f = 0; f < s->nforms; f++) {
        const struct tally *t = &s->form[f];
        printf("%-30s %8" PRIu64 " %8" PRIu64 " %8" PRIu64 " %8" PRIu64 " %8" PRIu64 "%s\n",
               form_name(&s->forms[f], name, sizeof(name)), t->hits, t->faults, t->mismatch,
               t->pending, t->excluded, t->pending ? "  PENDING" : "");
        mism += t->mismatch;
        *pending += t->pending;
        *min_hits = t->hits < *min_hits ? t->hits : *min_hits;
    }
    return mism;
}

static void print_pending(const struct worker *s)
{
    char name[64];
    printf("pending forms (trap86 logged \"not implemented yet\"):");
    for (unsigned f = 0; f < s->nforms; f++)
        if (s->form[f].pending)
            printf("\n  %s (%" PRIu64 " of %" PRIu64 ")", form_name(&s->forms[f], name, sizeof(name)),
                   s->form[f].pending, s->form[f].hits);
    printf("\n");
}

static int report(struct worker *s, uint64_t ncases)
{
    uint64_t min_hits, pending;
    uint64_t mism = print_forms(s, &min_hits, &pending);
    printf("exclusions:\n");
    for (unsigned e = 0; e < exclusion_count(); e++)
        printf("  %-40s %" PRIu64 "\n", exclusion_name(e), s->excl[e]);
    print_pending(s);
    for (unsigned i = 0; i < s->nsamples; i++)
        printf("mismatch: case %" PRIu64 ": %s\n", s->samples[i].n, s->samples[i].what);
    printf("seed %#" PRIx64 " cases %" PRIu64 " forms %u min hits %" PRIu64 " mismatches %" PRIu64
           " pending %" PRIu64 "\n",
           s->seed, ncases, s->nforms, min_hits, mism, pending);
    bool enough = ncases < (uint64_t)MIN_HITS * s->nforms || min_hits >= MIN_HITS;
    printf("%s\n", mism == 0 && enough ? "PASS" : "FAIL");
    return mism == 0 && enough ? 0 : 1;
}

/* ---- main -------------------------------------------------------------------- */

struct options { uint64_t cases, seed, one; unsigned threads; bool list, replay, verbose; };

static bool parse(int argc, char **argv, struct options *o)
{
    *o = (struct options){.cases = 1000000, .seed = 0x7a486u, .threads = 2};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--list-forms"))
            o->list = true;
        else if (!strcmp(a, "--verbose"))
            o->verbose = true;
        else if (v && !strcmp(a, "--cases"))
            o->cases = strtoull(argv[++i], NULL, 0);
        else if (v && !strcmp(a, "--seed"))
            o->seed = strtoull(argv[++i], NULL, 0);
        else if (v && !strcmp(a, "--threads"))
            o->threads = (unsigned)strtoul(argv[++i], NULL, 0);
        else if (v && !strcmp(a, "--case")) {
            o->one = strtoull(argv[++i], NULL, 0);
            o->replay = true;
        } else
            return false;
    }
    o->threads = o->threads < 1 ? 1 : o->threads > MAX_THREADS ? MAX_THREADS : o->threads;
    return true;
}

static int run_all(struct worker *ws, const struct options *o, struct worker *sum)
{
    pthread_t th[MAX_THREADS];
    for (unsigned t = 0; t < o->threads; t++)
        if (pthread_create(&th[t], NULL, worker_main, &ws[t]))
            return 2;
    for (unsigned t = 0; t < o->threads; t++)
        pthread_join(th[t], NULL);
    for (unsigned t = 0; t < o->threads; t++) {
        if (ws[t].setup_failed)
            return 2;
        worker_teardown(&ws[t]);
    }
    merge(ws, o->threads, sum);
    return report(sum, o->cases);
}

int main(int argc, char **argv)
{
    struct options o;
    if (!parse(argc, argv, &o)) {
        fprintf(stderr, "usage: %s [--cases N] [--seed S] [--threads T] [--case I] [--list-forms] [--verbose]\n",
                argv[0]);
        return 2;
    }
    if (o.list) {
        forms_list();
        return 0;
    }
    static struct ud_form forms[MAX_FORMS];
    static uint8_t img[UD_MEM_SIZE];
    static struct worker ws[MAX_THREADS + 1];
    unsigned nforms = forms_build(forms, MAX_FORMS);
    img_build(img, o.seed);
    printf("seed %#" PRIx64 " (set with --seed), %u forms, %" PRIu64 " cases, %u threads\n", o.seed,
           nforms, o.cases, o.threads);
    for (unsigned t = 0; t <= o.threads; t++)
        ws[t] = (struct worker){.id = t, .nthreads = o.threads, .seed = o.seed,
                                .ncases = o.cases, .forms = forms, .nforms = nforms, .img = img,
                                .verbose = o.verbose};
    if (o.replay)
        return replay(&ws[0], o.one);
    return run_all(ws, &o, &ws[o.threads]);
}
