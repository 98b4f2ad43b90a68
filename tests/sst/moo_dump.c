/*
 * tests/sst/moo_dump.c - MOO reader tool, independent of the CPU.
 *
 *   moo_dump FILE.MOO.gz [INDEX...]   print the given tests (default: 0)
 *   moo_dump --check DIR              check every *.MOO.gz in DIR
 *
 * --check verifies what the format promises: the header's test count
 * matches the TEST chunks and META's count, indices run 0..n-1, every test
 * has a hash, complete INIT registers, and instruction bytes that end with
 * the HLT (F4) the suite appends.  Exit 77 (ctest SKIP) when DIR is absent.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "meta.h"
#include "moo.h"
#include "moo_print.h"

static int dump(const char *path, int argc, char **argv)
{
    struct moo_file f;
    struct moo_test t;
    if (moo_open(&f, path)) {
        fprintf(stderr, "%s\n", f.err);
        return 1;
    }
    printf("MOO v%u.%u cpu '%s' tests %u\n", f.major, f.minor, f.cpu_id, f.test_count);
    int got;
    while ((got = moo_next(&f, &t)) > 0) {
        bool want = argc == 0 && t.index == 0;
        for (int k = 0; k < argc; k++)
            want |= (long)t.index == atol(argv[k]);
        if (want)
            moo_dump_test(stdout, &t);
    }
    if (f.has_meta)
        printf("META opcode %08x mnemonic '%s' mode %u\n", f.opcode, f.mnemonic, f.cpu_mode);
    if (got < 0)
        fprintf(stderr, "%s\n", f.err);
    moo_close(&f);
    return got < 0;
}

/* Check one file's structure; prints and returns the number of problems. */
static unsigned check_file(const char *path)
{
    struct moo_file f;
    struct moo_test t;
    if (moo_open(&f, path)) {
        printf("%s\n", f.err);
        return 1;
    }
    unsigned n = 0, bad = 0;
    int got;
    while ((got = moo_next(&f, &t)) > 0) {
        bool ok = t.index == n && t.has_hash && t.nbytes >= 2 && t.bytes[t.nbytes - 1] == 0xF4;
        if (!ok && bad++ < 3)
            printf("%s: test %u (#%u) malformed\n", path, t.index, n);
        n++;
    }
    if (got < 0 || n != f.test_count || !f.has_meta) {
        printf("%s: %s; %u tests, header says %u\n", path, got < 0 ? f.err : "count/META", n,
               f.test_count);
        bad++;
    }
    moo_close(&f);
    return bad;
}

static int is_moo(const struct dirent *d)
{
    size_t n = strlen(d->d_name);
    return n > 7 && !strcmp(d->d_name + n - 7, ".MOO.gz");
}

static int check_dir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
        printf("SKIP: SingleStepTests folder %s not found\n", dir);
        return 77;
    }
    struct dirent **list;
    int n = scandir(dir, &list, is_moo, alphasort);
    unsigned bad = n < 0;
    for (int k = 0; k < n; k++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, list[k]->d_name);
        bad += check_file(path);
        free(list[k]);
    }
    if (n >= 0)
        free(list);
    printf("checked %d files, %u problems\n", n, bad);
    return bad || n <= 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "--check"))
        return check_dir(argv[2]);
    if (argc >= 2)
        return dump(argv[1], argc - 2, argv + 2);
    fprintf(stderr, "usage: moo_dump FILE.MOO.gz [INDEX...] | moo_dump --check DIR\n");
    return 2;
}
