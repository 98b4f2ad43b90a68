/*
 * tests/unicorn/memimg.c - the pristine guest memory image and the per-engine
 * copies with their dirty ranges.
 *
 * Image layout (ucdiff.h): page 0 holds the GDT at UD_GDT, the code page is
 * all HLT (F4) bytes, everything else is random.  Invariant: after
 * mem_restore an engine memory equals the pristine image byte for byte,
 * because every write to it (by the engine or by mem_load_case) is recorded
 * by mem_mark before it can be forgotten.
 */
#include <stdlib.h>
#include <string.h>

#include "ucdiff.h"

/* One flat 4 GiB descriptor with access byte @access (G=1, D/B=1). */
static void put_desc(uint8_t *img, unsigned sel, uint8_t access)
{
    uint8_t *p = img + UD_GDT + (sel & ~7u);
    static const uint8_t flat[8] = {0xFF, 0xFF, 0, 0, 0, 0, 0xCF, 0};
    memcpy(p, flat, 8);
    p[5] = access;
}

static void build_gdt(uint8_t *img)
{
    memset(img + UD_GDT, 0, UD_GDT_LIMIT + 1);
    put_desc(img, SEL_CODE, 0x9B);    /* code, execute/read, accessed */
    put_desc(img, SEL_DATA, 0x93);    /* data, read/write, accessed */
    put_desc(img, SEL_DATA_NA, 0x92); /* data, read/write, not yet accessed */
    put_desc(img, SEL_RODATA, 0x91);  /* data, read-only */
    put_desc(img, SEL_XCODE, 0x99);   /* code, execute-only */
    put_desc(img, SEL_DATA3, 0xF3);   /* data, DPL 3 */
    put_desc(img, SEL_NOTP, 0x13);    /* data, not present */
}

void img_build(uint8_t *img, uint64_t seed)
{
    uint64_t x = seed ^ 0x5DEECE66DULL;
    for (uint32_t a = 0; a < UD_MEM_SIZE; a += 8) {
        x += 0x9E3779B97F4A7C15ULL;
        uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        z ^= z >> 31;
        memcpy(img + a, &z, 8);
    }
    memset(img + UD_CODE_PAGE, 0xF4, 0x1000);
    build_gdt(img);
}

void mem_init(struct ud_mem *m, const uint8_t *img)
{
    memset(m, 0, sizeof(*m));
    m->buf = aligned_alloc(4096, UD_MEM_SIZE);
    if (m->buf)
        memcpy(m->buf, img, UD_MEM_SIZE);
}

void mem_mark(struct ud_mem *m, uint32_t addr, uint32_t len)
{
    if (addr >= UD_MEM_SIZE || len > UD_MEM_SIZE - addr) {
        m->stray = true;
        return;
    }
    uint32_t lo = addr, hi = addr + len;
    for (unsigned i = 0; i < m->ndirty; i++) {
        struct ud_range *r = &m->dirty[i];
        if (lo <= r->hi + 16 && hi + 16 >= r->lo) {
            r->lo = lo < r->lo ? lo : r->lo;
            r->hi = hi > r->hi ? hi : r->hi;
            return;
        }
    }
    if (m->ndirty == UD_MAX_DIRTY) {
        m->all_dirty = true;
        return;
    }
    m->dirty[m->ndirty++] = (struct ud_range){lo, hi};
}

void mem_load_case(struct ud_mem *m, const struct ud_case *k)
{
    memcpy(m->buf + UD_CODE_EIP, k->code, k->len);
    m->buf[UD_CODE_EIP + k->len] = 0xF4;
    mem_mark(m, UD_CODE_EIP, k->len + 1u);
    mem_mark(m, UD_GDT, UD_GDT_LIMIT + 1); /* accessed bits may be set */
    for (unsigned i = 0; i < k->npatch; i++) {
        const struct ud_patch *p = &k->patch[i];
        memcpy(m->buf + p->addr, p->bytes, p->len);
        mem_mark(m, p->addr, p->len);
    }
}

void mem_scan(struct ud_mem *m, const uint8_t *img)
{
    for (uint32_t page = 0; page < UD_MEM_SIZE; page += 0x1000) {
        if (!memcmp(m->buf + page, img + page, 0x1000))
            continue;
        uint32_t lo = page, hi = page + 0x1000;
        while (m->buf[lo] == img[lo])
            lo++;
        while (m->buf[hi - 1] == img[hi - 1])
            hi--;
        mem_mark(m, lo, hi - lo);
    }
}

void mem_restore(struct ud_mem *m, const uint8_t *img)
{
    if (m->all_dirty) {
        memcpy(m->buf, img, UD_MEM_SIZE);
    } else {
        for (unsigned i = 0; i < m->ndirty; i++)
            memcpy(m->buf + m->dirty[i].lo, img + m->dirty[i].lo,
                   m->dirty[i].hi - m->dirty[i].lo);
    }
    m->ndirty = 0;
    m->all_dirty = false;
    m->stray = false;
}
