/*
 * tests/sst/meta.c - metadata.json key-path walker and revocation list
 * (see meta.h).  The JSON walker understands objects, arrays, strings with
 * escapes, numbers and literals, which is all it needs to skip values.
 */
#include "meta.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/** A cursor over [p, end). */
struct jcur {
    const char *p, *end;
};

static void skip_ws(struct jcur *j)
{
    while (j->p < j->end && isspace((unsigned char)*j->p))
        j->p++;
}

/* At '"': sets [*s, *s + *n) to the raw string body and moves past it. */
static bool read_string(struct jcur *j, const char **s, size_t *n)
{
    if (j->p >= j->end || *j->p != '"')
        return false;
    const char *start = ++j->p;
    while (j->p < j->end && *j->p != '"')
        j->p += (*j->p == '\\' && j->p + 1 < j->end) ? 2 : 1;
    if (j->p >= j->end)
        return false;
    *s = start;
    *n = (size_t)(j->p - start);
    j->p++;
    return true;
}

/* Skip one value of any kind; depth-first with a bracket counter. */
static bool skip_value(struct jcur *j)
{
    int depth = 0;
    do {
        skip_ws(j);
        if (j->p >= j->end)
            return false;
        char ch = *j->p;
        const char *s;
        size_t n;
        if (ch == '"') {
            if (!read_string(j, &s, &n))
                return false;
        } else if (ch == '{' || ch == '[') {
            depth++;
            j->p++;
        } else if (ch == '}' || ch == ']') {
            depth--;
            j->p++;
        } else if (ch == ',' || ch == ':') {
            j->p++;
        } else {
            while (j->p < j->end && !strchr(",:]} \t\r\n", *j->p))
                j->p++;
        }
    } while (depth > 0);
    return depth == 0;
}

/* At an object '{': moves to the value of member @key. */
static bool find_member(struct jcur *j, const char *key)
{
    skip_ws(j);
    if (j->p >= j->end || *j->p != '{')
        return false;
    j->p++;
    for (;;) {
        skip_ws(j);
        const char *s;
        size_t n;
        if (!read_string(j, &s, &n))
            return false;
        skip_ws(j);
        if (j->p >= j->end || *j->p != ':')
            return false;
        j->p++;
        skip_ws(j);
        if (n == strlen(key) && !memcmp(s, key, n))
            return true;
        if (!skip_value(j))
            return false;
        skip_ws(j);
        if (j->p >= j->end || *j->p != ',')
            return false;
        j->p++;
    }
}

/* Follow @keys from the root; true with *out set when an integer is there. */
static bool lookup_int(const struct sst_meta *m, const char *const *keys, int nkeys, long *out)
{
    struct jcur j = {m->text, m->text + m->len};
    for (int k = 0; k < nkeys; k++)
        if (!find_member(&j, keys[k]))
            return false;
    char buf[24];
    size_t n = 0;
    while (j.p < j.end && n + 1 < sizeof(buf) && (isdigit((unsigned char)*j.p) || *j.p == '-'))
        buf[n++] = *j.p++;
    buf[n] = 0;
    if (!n)
        return false;
    *out = strtol(buf, NULL, 10);
    return true;
}

int meta_load(struct sst_meta *m, const char *path)
{
    memset(m, 0, sizeof(*m));
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return -1;
    size_t cap = 1 << 16;
    m->text = malloc(cap);
    size_t got;
    while (m->text && (got = fread(m->text + m->len, 1, cap - m->len, fp)) > 0) {
        m->len += got;
        if (m->len == cap) {
            char *nt = realloc(m->text, cap *= 2);
            if (!nt)
                free(m->text);
            m->text = nt;
        }
    }
    fclose(fp);
    return m->text ? 0 : -1;
}

void meta_free(struct sst_meta *m)
{
    free(m->text);
    m->text = NULL;
}

uint16_t meta_flags_mask(const struct sst_meta *m, const char *opname)
{
    if (!m->text)
        return 0xFFFF;
    char op[8] = {0}, reg[4] = {0};
    const char *dot = strchr(opname, '.');
    size_t oplen = dot ? (size_t)(dot - opname) : strlen(opname);
    if (oplen >= sizeof(op) || (dot && strlen(dot + 1) >= sizeof(reg)))
        return 0xFFFF;
    memcpy(op, opname, oplen);
    if (dot)
        strcpy(reg, dot + 1);
    const char *plain[] = {"opcodes", op, "flags-mask"};
    const char *group[] = {"opcodes", op, "reg", reg, "flags-mask"};
    long v;
    if (dot ? lookup_int(m, group, 5, &v) : lookup_int(m, plain, 3, &v))
        return (uint16_t)v;
    return 0xFFFF;
}

static int hexval(int ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    ch = tolower(ch);
    return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* Parse 40 hex digits at the start of @s into @out. */
static bool parse_hash(const char *s, uint8_t out[20])
{
    for (int k = 0; k < 20; k++) {
        int hi = hexval((unsigned char)s[2 * k]), lo = hi < 0 ? -1 : hexval((unsigned char)s[2 * k + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[k] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

static int cmp_hash(const void *a, const void *b) { return memcmp(a, b, 20); }

int revoked_load(struct sst_revoked *r, const char *path)
{
    memset(r, 0, sizeof(*r));
    FILE *fp = fopen(path, "r");
    if (!fp)
        return 0;
    char line[256];
    size_t cap = 0;
    while (fgets(line, sizeof(line), fp)) {
        const char *s = line;
        while (isspace((unsigned char)*s))
            s++;
        uint8_t h[20];
        if (*s == '#' || !parse_hash(s, h))
            continue;
        if (r->n == cap) {
            cap = cap ? cap * 2 : 64;
            void *nh = realloc(r->hash, cap * 20);
            if (!nh) {
                fclose(fp);
                return -1;
            }
            r->hash = nh;
        }
        memcpy(r->hash[r->n++], h, 20);
    }
    fclose(fp);
    if (r->n)
        qsort(r->hash, r->n, 20, cmp_hash);
    return 0;
}

void revoked_free(struct sst_revoked *r)
{
    free(r->hash);
    r->hash = NULL;
    r->n = 0;
}

bool revoked_has(const struct sst_revoked *r, const uint8_t hash[20])
{
    return r->n && bsearch(hash, r->hash, r->n, 20, cmp_hash) != NULL;
}
