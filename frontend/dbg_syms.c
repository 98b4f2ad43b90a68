/*
 * frontend/dbg_syms.c - the `ldsym` symbol table: a sorted array of
 * (linear address, name) pairs.  Invariant: @v is sorted by address after
 * every load.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_syms.h"

struct dbg_sym {
    uint32_t addr;
    char *name;
};

struct dbg_syms {
    struct dbg_sym *v;
    size_t n, cap;
};

struct dbg_syms *dbg_syms_create(void)
{
    return calloc(1, sizeof(struct dbg_syms));
}

void dbg_syms_destroy(struct dbg_syms *s)
{
    if (!s)
        return;
    for (size_t k = 0; k < s->n; k++)
        free(s->v[k].name);
    free(s->v);
    free(s);
}

static int sym_cmp(const void *a, const void *b)
{
    const struct dbg_sym *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static bool sym_add(struct dbg_syms *s, uint32_t addr, const char *name)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        struct dbg_sym *v = realloc(s->v, cap * sizeof(*v));
        if (!v)
            return false;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n].addr = addr;
    s->v[s->n].name = strdup(name);
    return s->v[s->n++].name != NULL;
}

const char *dbg_syms_load(struct dbg_syms *s, const char *path, unsigned *count)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return strerror(errno);
    char line[512], name[256];
    unsigned long addr;
    *count = 0;
    while (fgets(line, sizeof(line), f)) {
        if (sscanf(line, "%lx %255s", &addr, name) != 2 || name[0] == '#')
            continue;
        if (!sym_add(s, (uint32_t)addr, name))
            break;
        (*count)++;
    }
    fclose(f);
    qsort(s->v, s->n, sizeof(*s->v), sym_cmp);
    return NULL;
}

bool dbg_syms_lookup(const struct dbg_syms *s, const char *name, uint32_t *addr)
{
    for (size_t k = 0; s && k < s->n; k++)
        if (!strcmp(s->v[k].name, name)) {
            *addr = s->v[k].addr;
            return true;
        }
    return false;
}

const char *dbg_syms_name(const struct dbg_syms *s, uint32_t addr, uint32_t *off)
{
    if (!s || !s->n || s->v[0].addr > addr)
        return NULL;
    size_t lo = 0, hi = s->n; /* v[lo].addr <= addr < v[hi].addr */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (s->v[mid].addr <= addr)
            lo = mid;
        else
            hi = mid;
    }
    *off = addr - s->v[lo].addr;
    return *off < 0x10000 ? s->v[lo].name : NULL;
}
