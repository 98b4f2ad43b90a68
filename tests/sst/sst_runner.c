/*
 * tests/sst/sst_runner.c - SingleStepTests 80286 real-mode runner.
 *
 *   sst_runner [-v] [-n N] [-i INDEX] [--model 486|pentium] DIR [OPFILE...]
 *
 * DIR holds the suite's XX.MOO.gz files, metadata.json and (one level up)
 * revocation_list.txt.  Without OPFILE arguments every *.MOO.gz in DIR runs;
 * otherwise only the named ones ("00", "F6.7" or "F6.7.MOO.gz").  For each
 * test: revoked and excluded tests are counted and skipped; the others run
 * from their initial state until HLT and are compared with the final state.
 *
 * Exit status: 0 when the pass rate of run tests is >= 99.5% overall and
 * >= 98% in every file; 1 otherwise or on a malformed file; 2 on usage
 * errors; 77 (ctest SKIP) when DIR does not exist.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "exclusions.h"
#include "meta.h"
#include "sst_report.h"

#define BUDGET 100000
#define MIN_TOTAL_PCT 99.5
#define MIN_FILE_PCT 98.0

struct options {
    const char *dir;
    bool verbose;
    int nshow;     /**< failures printed per file with -v */
    long only_idx; /**< run only this test index (-1: all) */
    enum cpu_model model;
    int nfiles;
    char **files;
};

/** Counts for one file or for the whole run. */
struct stats {
    unsigned long run, passed, revoked, excluded, excl[EXCL_COUNT];
};

/** Everything shared by the files of one run. */
struct runner {
    struct options opt;
    struct sst_machine m;
    struct sst_meta meta;
    struct sst_revoked revoked;
    struct stats total;
    unsigned files, files_below, files_bad;
};

static double pct(const struct stats *s) { return s->run ? 100.0 * s->passed / s->run : 100.0; }

static void add_stats(struct stats *to, const struct stats *from)
{
    to->run += from->run;
    to->passed += from->passed;
    to->revoked += from->revoked;
    to->excluded += from->excluded;
    for (int k = 0; k < EXCL_COUNT; k++)
        to->excl[k] += from->excl[k];
}

/* Run one test; true when it passed. Prints the diff / summary of failures. */
static bool run_test(struct runner *R, const struct moo_file *f, const struct moo_test *t,
                     const char *opname, uint16_t fm, unsigned long nfail, char *first, size_t nfirst)
{
    struct sst_result res;
    sst_load(&R->m, t);
    enum cpu_stop stop = cpu_run(R->m.cpu, BUDGET);
    sst_check(&R->m, t, &f->rmsk, fm, stop, &res);
    if (!res.pass && nfail == 0)
        sst_summarize(first, nfirst, t, &res, &R->m);
    if (!res.pass && R->opt.verbose && nfail < (unsigned long)R->opt.nshow)
        sst_print_failure(stdout, opname, t, &res, &R->m, fm);
    sst_unload(&R->m, t);
    return res.pass;
}

/* Count a test as revoked or excluded; false when it is to be run. */
static bool skipped(struct runner *R, const struct moo_test *t, struct stats *s)
{
    if (t->has_hash && revoked_has(&R->revoked, t->hash)) {
        s->revoked++;
        return true;
    }
    int e = excl_classify(t);
    if (e >= 0) {
        s->excluded++;
        s->excl[e]++;
        return true;
    }
    return false;
}

static void report_file(struct runner *R, const char *opname, const struct stats *s, const char *first)
{
    printf("%-6s passed=%lu run=%lu excluded=%lu revoked=%lu", opname, s->passed, s->run,
           s->excluded, s->revoked);
    if (s->passed != s->run)
        printf(" FAILED=%lu (%.2f%%) first: %s", s->run - s->passed, pct(s), first);
    printf("\n");
    R->files++;
    if (s->run && pct(s) < MIN_FILE_PCT)
        R->files_below++;
}

static void run_file(struct runner *R, const char *path, const char *opname)
{
    struct moo_file f;
    struct moo_test t;
    struct stats s = {0};
    char first[512] = "";
    if (moo_open(&f, path)) {
        printf("%-6s ERROR %s\n", opname, f.err);
        R->files_bad++;
        return;
    }
    uint16_t fm = meta_flags_mask(&R->meta, opname);
    int got;
    while ((got = moo_next(&f, &t)) > 0) {
        if ((R->opt.only_idx >= 0 && t.index != R->opt.only_idx) || skipped(R, &t, &s))
            continue;
        s.passed += run_test(R, &f, &t, opname, fm, s.run - s.passed, first, sizeof(first));
        s.run++;
    }
    if (got < 0) {
        printf("%-6s ERROR %s\n", opname, f.err);
        R->files_bad++;
    }
    moo_close(&f);
    report_file(R, opname, &s, first);
    add_stats(&R->total, &s);
}

static int is_moo(const struct dirent *d)
{
    size_t n = strlen(d->d_name);
    return n > 7 && !strcmp(d->d_name + n - 7, ".MOO.gz");
}

/* Run @name: "F6.7", "F6.7.MOO.gz" or a path ending so. */
static void run_named(struct runner *R, const char *name)
{
    const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
    char opname[64], path[4096];
    snprintf(opname, sizeof(opname), "%s", base);
    size_t n = strlen(opname);
    if (n > 7 && !strcmp(opname + n - 7, ".MOO.gz"))
        opname[n - 7] = 0;
    snprintf(path, sizeof(path), "%s/%s.MOO.gz", R->opt.dir, opname);
    run_file(R, path, opname);
}

static int run_all(struct runner *R)
{
    struct dirent **list;
    int n = scandir(R->opt.dir, &list, is_moo, alphasort);
    if (n < 0) {
        perror(R->opt.dir);
        return -1;
    }
    for (int k = 0; k < n; k++) {
        run_named(R, list[k]->d_name);
        free(list[k]);
    }
    free(list);
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: sst_runner [-v] [-n N] [-i INDEX] [--model 486|pentium] DIR [OPFILE...]\n");
    return 2;
}

static int parse_args(int argc, char **argv, struct options *o)
{
    *o = (struct options){.nshow = 3, .only_idx = -1, .model = CPU_MODEL_486};
    o->files = calloc((size_t)argc, sizeof(char *));
    for (int k = 1; k < argc; k++) {
        const char *a = argv[k];
        if (!strcmp(a, "-v"))
            o->verbose = true;
        else if (!strcmp(a, "-n") && k + 1 < argc)
            o->nshow = atoi(argv[++k]);
        else if (!strcmp(a, "-i") && k + 1 < argc)
            o->only_idx = atol(argv[++k]);
        else if (!strcmp(a, "--model") && k + 1 < argc)
            o->model = !strcmp(argv[++k], "pentium") ? CPU_MODEL_PENTIUM : CPU_MODEL_486;
        else if (a[0] == '-')
            return -1;
        else if (!o->dir)
            o->dir = a;
        else
            o->files[o->nfiles++] = argv[k];
    }
    return o->dir ? 0 : -1;
}

/* Load metadata.json and ../revocation_list.txt (the suite's layout). */
static void load_side_files(struct runner *R)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/metadata.json", R->opt.dir);
    if (meta_load(&R->meta, path))
        fprintf(stderr, "warning: %s missing: no flags masks\n", path);
    snprintf(path, sizeof(path), "%s/../revocation_list.txt", R->opt.dir);
    if (revoked_load(&R->revoked, path))
        fprintf(stderr, "warning: cannot read %s\n", path);
}

static void report_total(struct runner *R, double secs)
{
    const struct stats *t = &R->total;
    unsigned long considered = t->run + t->excluded;
    printf("EXCLUSIONS");
    for (int k = 0; k < EXCL_COUNT; k++)
        printf(" %s=%lu", excl_name(k), t->excl[k]);
    printf(" (%.2f%% of non-revoked tests)\n", considered ? 100.0 * t->excluded / considered : 0.0);
    printf("TOTAL passed=%lu run=%lu excluded=%lu revoked=%lu pass%%=%.3f files=%u files_below_%.0f%%=%u "
           "time=%.1fs\n",
           t->passed, t->run, t->excluded, t->revoked, pct(t), R->files, MIN_FILE_PCT,
           R->files_below, secs);
}

int main(int argc, char **argv)
{
    struct runner R = {0};
    if (parse_args(argc, argv, &R.opt))
        return usage();
    struct stat st;
    if (stat(R.opt.dir, &st) || !S_ISDIR(st.st_mode)) {
        printf("SKIP: SingleStepTests folder %s not found (see ../shared/README.md)\n", R.opt.dir);
        return 77;
    }
    if (sst_machine_init(&R.m, R.opt.model)) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    load_side_files(&R);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (R.opt.nfiles == 0 && run_all(&R))
        R.files_bad++;
    for (int k = 0; k < R.opt.nfiles; k++)
        run_named(&R, R.opt.files[k]);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    report_total(&R, (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    bool ok = !R.files_bad && !R.files_below && pct(&R.total) >= MIN_TOTAL_PCT;
    sst_machine_free(&R.m);
    meta_free(&R.meta);
    revoked_free(&R.revoked);
    free(R.opt.files);
    return ok ? 0 : 1;
}
