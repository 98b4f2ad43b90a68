/*
 * tests/unicorn/compare.c - compares the two engines' final states and
 * applies the documented exclusions (docs/unicorn.md, "Exclusions").
 *
 * Compared: exception vector, engine errors, the eight GPRs, EIP, EFLAGS,
 * the six selectors, and every memory byte either engine wrote (union of
 * both dirty lists, which always include the GDT), minus what undef.c marks
 * undefined.  The result records which parts differ (D_* bits) and the first
 * difference in words.  A case where trap86 logged "not implemented yet" is
 * PENDING whatever the states.  An exclusion is a predicate over the case
 * and the differing parts under which unicorn is wrong by the SDM (or, for
 * one reserved encoding, by the hardware); it only ever turns a mismatch
 * into EXCLUDED.
 */
#include <stdio.h>
#include <string.h>

#include "cpu/cpu.h"
#include "ucdiff.h"

/* ---- exclusions --------------------------------------------------------- */

struct exclusion {
    const char *name;
    bool (*applies)(const struct ud_case *k, const struct ud_diff *d, const struct ud_result *ru,
                    const struct ud_result *rt);
};

/* A write through a CS override: trap86 #GP(0), unicorn writes the code segment. */
static bool cs_write(const struct ud_case *k, const struct ud_diff *d, const struct ud_result *ru,
                     const struct ud_result *rt)
{
    bool mem = k->mem || k->form->d->imm == IMM_MOFFS;
    return k->seg == 0x2E && mem && rt->vector == 13 && ru->vector == -1;
}

/* LOCK NEG: unicorn's flags are wrong, everything else agrees. */
static bool lock_neg_flags(const struct ud_case *k, const struct ud_diff *d,
                           const struct ud_result *ru, const struct ud_result *rt)
{
    return k->lock && !strcmp(k->form->d->mnem, "NEG") && d->parts == D_FLAGS;
}

/* 66 BSWAP: unicorn swaps all 32 bits; trap86 keeps the upper half. */
static bool bswap16_upper(const struct ud_case *k, const struct ud_diff *d,
                          const struct ud_result *ru, const struct ud_result *rt)
{
    unsigned r = k->form->d->op & 7;
    return !strcmp(k->form->d->mnem, "BSWAP") && k->op16 && d->parts == D_GPR &&
           d->gpr_diff == 1u << r && (rt->gpr[r] >> 16) == (k->gpr[r] >> 16);
}

/* F6 /1, F7 /1: hardware executes TEST; unicorn raises #UD. */
static bool test_alias(const struct ud_case *k, const struct ud_diff *d, const struct ud_result *ru,
                       const struct ud_result *rt)
{
    const struct opdesc *o = k->form->d;
    return (o->op == 0xF6 || o->op == 0xF7) && o->reg == 1 && ru->vector == 6 && rt->vector != 6;
}

static const struct exclusion exclusions[] = {
    {"CS-override write: unicorn misses #GP", cs_write},
    {"LOCK NEG: unicorn flags wrong", lock_neg_flags},
    {"16-bit BSWAP: unicorn changes bits 31:16", bswap16_upper},
    {"F6/F7 /1 TEST alias: unicorn #UD", test_alias},
};

unsigned exclusion_count(void) { return sizeof(exclusions) / sizeof(exclusions[0]); }
const char *exclusion_name(unsigned i) { return exclusions[i].name; }

/* ---- differences ------------------------------------------------------------ */

static const char *const gpr_names[8] = {"EAX", "ECX", "EDX", "EBX", "ESP", "EBP", "ESI", "EDI"};

/* Record part @part; the first one also gets its description. */
static void note(struct ud_diff *d, unsigned part, const char *fmt, unsigned a, unsigned b)
{
    if (!d->parts)
        snprintf(d->what, sizeof(d->what), fmt, a, b);
    d->parts |= part;
}

static void diff_regs(const struct ud_undef *u, const struct ud_result *a, const struct ud_result *b,
                      struct ud_diff *d)
{
    if (a->vector != b->vector)
        note(d, D_VECTOR, "vector uc %d trap86 %d", (unsigned)a->vector, (unsigned)b->vector);
    if (a->error != b->error)
        note(d, D_ERROR, "engine error uc %d trap86 %d", (unsigned)a->error, (unsigned)b->error);
    for (int i = 0; i < 8; i++) {
        uint32_t m = ~u->gpr_mask[i];
        if ((a->gpr[i] & m) != (b->gpr[i] & m)) {
            char fmt[48];
            snprintf(fmt, sizeof(fmt), "%s uc %%08x trap86 %%08x", gpr_names[i]);
            note(d, D_GPR, fmt, a->gpr[i], b->gpr[i]);
            d->gpr_diff |= (uint8_t)(1u << i);
        }
    }
    if (a->eip != b->eip)
        note(d, D_EIP, "EIP uc %08x trap86 %08x", a->eip, b->eip);
    uint32_t fm = ~u->flags & 0x003F7FD5u;
    if ((a->eflags & fm) != (b->eflags & fm))
        note(d, D_FLAGS, "EFLAGS uc %08x trap86 %08x", a->eflags, b->eflags);
    for (int s = 0; s < 6; s++)
        if (a->sel[s] != b->sel[s])
            note(d, D_SEL, "selector uc %04x trap86 %04x", a->sel[s], b->sel[s]);
}

static void diff_range(const struct ud_undef *u, const struct ud_mem *a, const struct ud_mem *b,
                       uint32_t lo, uint32_t hi, struct ud_diff *d)
{
    if (!memcmp(a->buf + lo, b->buf + lo, hi - lo))
        return;
    for (uint32_t x = lo; x < hi; x++) {
        if (a->buf[x] != b->buf[x] && !(x >= u->mem_lo && x < u->mem_hi)) {
            char fmt[48];
            snprintf(fmt, sizeof(fmt), "memory %05x uc %%02x trap86 %%02x", x);
            note(d, D_MEM, fmt, a->buf[x], b->buf[x]);
            return;
        }
    }
}

static void diff_dirty(const struct ud_undef *u, const struct ud_mem *a, const struct ud_mem *b,
                       const struct ud_mem *list, struct ud_diff *d)
{
    if (list->all_dirty) {
        diff_range(u, a, b, 0, UD_MEM_SIZE, d);
        return;
    }
    for (unsigned i = 0; i < list->ndirty; i++)
        diff_range(u, a, b, list->dirty[i].lo, list->dirty[i].hi, d);
}

static void diff_memory(const struct ud_undef *u, const struct ud_mem *mu, const struct ud_mem *mt,
                        struct ud_diff *d)
{
    if (mu->stray || mt->stray)
        note(d, D_MEM, "write outside guest memory (uc %d trap86 %d)", mu->stray, mt->stray);
    diff_dirty(u, mu, mt, mu, d);
    diff_dirty(u, mu, mt, mt, d);
}

void compare_case(const struct ud_case *k, const struct ud_undef *u, const struct ud_result *ru,
                  const struct ud_result *rt, const struct ud_mem *mu, const struct ud_mem *mt,
                  struct ud_diff *out)
{
    memset(out, 0, sizeof(*out));
    out->exclusion = -1;
    diff_regs(u, ru, rt, out);
    diff_memory(u, mu, mt, out);
    if (rt->pending) {
        out->verdict = V_PENDING;
        return;
    }
    if (!out->parts) {
        out->verdict = V_MATCH;
        return;
    }
    for (unsigned i = 0; i < exclusion_count(); i++) {
        if (exclusions[i].applies(k, out, ru, rt)) {
            out->verdict = V_EXCLUDED;
            out->exclusion = (int)i;
            return;
        }
    }
    out->verdict = V_MISMATCH;
}
