/*
 * tests/unicorn/gen.c - the random case generator.
 *
 * gen_case(seed, n) is a pure function of its arguments (splitmix64 seeded
 * from both), so any case can be regenerated from the seed and its number.
 * A case gets random prefixes (66, 67, a segment override, LOCK on lockable
 * memory forms, F2/F3 on string forms), a random ModRM/SIB/displacement
 * aimed at a random target in [UD_TGT_LO, UD_TGT_HI) by solving the base
 * register (or displacement) for it, random immediates, random registers
 * and OSZAPC/DF (IF = TF = 0), and fresh random bytes around every address it
 * touches.  Invariant: every address the instruction may touch lies in
 * [UD_WIN_LO, UD_MEM_SIZE) (below 64 KiB with a 67 prefix); a draw that
 * breaks it is thrown away and drawn again (touched_ok).
 */
#include <string.h>

#include "cpu/cpu.h"
#include "ucdiff.h"

struct rng { uint64_t s; };

static uint64_t rnext(struct rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint32_t rbelow(struct rng *r, uint32_t n) { return (uint32_t)(rnext(r) % n); }
static bool rchance(struct rng *r, unsigned pct) { return rbelow(r, 100) < pct; }

/* A register or memory value: uniform half the time, else an edge value. */
static uint32_t rvalue(struct rng *r)
{
    static const uint32_t edge[] = {0, 1, 0xFFFFFFFFu, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000,
                                    0xFFFF, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFF80u, 0x100};
    if (rchance(r, 50))
        return (uint32_t)rnext(r);
    if (rchance(r, 30))
        return rbelow(r, 41);
    uint32_t v = edge[rbelow(r, sizeof(edge) / sizeof(edge[0]))];
    return rchance(r, 25) ? v ^ (1u << rbelow(r, 32)) : v;
}

static uint16_t rselector(struct rng *r)
{
    static const uint16_t sels[] = {0x00, 0x03, SEL_CODE, SEL_DATA, SEL_DATA | 3, SEL_DATA_NA,
                                    SEL_RODATA, SEL_XCODE, SEL_DATA3, SEL_DATA3 | 3, SEL_NOTP,
                                    0x40, 0x14, SEL_DATA, SEL_DATA_NA};
    if (rchance(r, 5))
        return (uint16_t)rnext(r);
    return sels[rbelow(r, sizeof(sels) / sizeof(sels[0]))];
}

/* ---- the case under construction --------------------------------------- */

struct gen {
    struct ud_case *k;
    struct rng r;
    const struct opdesc *d;
    uint8_t mod;         /* ModRM.mod, 3 when no ModRM */
    uint32_t moffs;
    uint32_t win_hi;     /* end of the addressable window for this case */
};

static void emit(struct gen *g, uint32_t v, unsigned bytes)
{
    for (unsigned i = 0; i < bytes && g->k->len < UD_MAX_INSN; i++)
        g->k->code[g->k->len++] = (uint8_t)(v >> (8 * i));
}

static unsigned op_bytes(const struct gen *g)
{
    return g->d->byte ? 1 : g->k->op16 ? 2 : 4;
}

static bool has_modrm(const struct opdesc *d) { return d->dec & DEC_MODRM; }

static void choose_prefixes(struct gen *g)
{
    struct ud_case *k = g->k;
    static const uint8_t segs[] = {0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65};
    k->op16 = rchance(&g->r, 30);
    k->addr16 = rchance(&g->r, 20);
    g->k->seg = rchance(&g->r, 20) ? segs[rbelow(&g->r, 6)] : 0;
    k->rep = 0;
    if (g->k->form->kind == K_STRING && rchance(&g->r, 70))
        k->rep = rchance(&g->r, 50) ? 0xF3 : 0xF2;
    g->win_hi = k->addr16 ? 0x10000 : UD_MEM_SIZE;
}

/* Prefix bytes in random order (LOCK decided after the ModRM). */
static void emit_prefixes(struct gen *g)
{
    uint8_t p[5];
    unsigned n = 0;
    if (g->k->op16)
        p[n++] = 0x66;
    if (g->k->addr16)
        p[n++] = 0x67;
    if (g->k->seg)
        p[n++] = g->k->seg;
    if (g->k->rep)
        p[n++] = g->k->rep;
    if (g->k->lock)
        p[n++] = 0xF0;
    for (unsigned i = n; i > 1; i--) {
        unsigned j = rbelow(&g->r, i);
        uint8_t t = p[i - 1];
        p[i - 1] = p[j];
        p[j] = t;
    }
    for (unsigned i = 0; i < n; i++)
        emit(g, p[i], 1);
}

static void emit_opcode(struct gen *g)
{
    if (g->d->op & 0x100)
        emit(g, 0x0F, 1);
    emit(g, g->d->op & 0xFF, 1);
}

/* ---- ModRM and the effective address --------------------------------------- */

static uint32_t pick_target(struct gen *g)
{
    uint32_t t = UD_TGT_LO + rbelow(&g->r, UD_TGT_HI - UD_TGT_LO);
    return rchance(&g->r, 70) ? t & ~(op_bytes(g) - 1) : t;
}

static uint8_t pick_reg_field(struct gen *g)
{
    enum ud_kind kind = g->k->form->kind;
    if (g->d->reg >= 0)
        return (uint8_t)g->d->reg;
    if (kind == K_MOV_SREG || !strcmp(g->d->operands, "Ev,Sw")) {
        static const uint8_t usual[] = {0, 2, 3, 4, 5};
        return rchance(&g->r, 90) ? usual[rbelow(&g->r, 5)] : (uint8_t)rbelow(&g->r, 8);
    }
    return (uint8_t)rbelow(&g->r, 8);
}

static uint32_t pick_disp32(struct gen *g)
{
    if (rchance(&g->r, 50))
        return (uint32_t)rnext(&g->r);
    return rbelow(&g->r, 0x2000) - 0x1000;
}

/* 16-bit addressing (SDM Vol. 2, Table 2-1): solve a base for target @t. */
static void ea16(struct gen *g, uint8_t rm, uint32_t t)
{
    static const int8_t r1[8] = {R_EBX, R_EBX, R_EBP, R_EBP, R_ESI, R_EDI, R_EBP, R_EBX};
    static const int8_t r2[8] = {R_ESI, R_EDI, R_ESI, R_EDI, -1, -1, -1, -1};
    uint32_t *gpr = g->k->gpr;
    if (g->mod == 0 && rm == 6) {
        emit(g, t, 2);
    } else {
        uint32_t disp = g->mod == 1 ? (uint32_t)(int8_t)rnext(&g->r) : (uint32_t)rnext(&g->r);
        disp = g->mod == 0 ? 0 : disp;
        uint32_t rest = t - disp;
        if (r2[rm] >= 0) {
            uint16_t v2 = (uint16_t)rnext(&g->r);
            gpr[r2[rm]] = (gpr[r2[rm]] & 0xFFFF0000u) | v2;
            rest -= v2;
        }
        gpr[r1[rm]] = (gpr[r1[rm]] & 0xFFFF0000u) | (rest & 0xFFFF);
        emit(g, disp, g->mod == 1 ? 1 : g->mod == 2 ? 2 : 0);
    }
    g->k->ea = t;
}

/* Base value so that base + index * 2^scale + disp == t; handles base == index. */
static uint32_t solve_sib(struct gen *g, int base, int index, unsigned scale, uint32_t disp,
                          uint32_t *t)
{
    uint32_t *gpr = g->k->gpr;
    if (index < 0)
        return *t - disp;
    if (index == base) {
        uint32_t m = 1u + (1u << scale);
        uint32_t v = (*t - disp) / m;
        *t = v * m + disp;
        return v;
    }
    gpr[index] = rchance(&g->r, 70) ? rbelow(&g->r, 0x800) - 0x400 : (uint32_t)rnext(&g->r);
    return *t - (gpr[index] << scale) - disp;
}

/* 32-bit addressing (SDM Vol. 2, Tables 2-2 and 2-3). */
static void ea32(struct gen *g, uint8_t rm, uint32_t t)
{
    uint32_t *gpr = g->k->gpr;
    if (g->mod == 0 && rm == 5) {
        emit(g, t, 4);
        g->k->ea = t;
        return;
    }
    int base = rm, index = -1;
    unsigned scale = 0;
    if (rm == 4) {
        uint8_t sib = (uint8_t)rnext(&g->r);
        emit(g, sib, 1);
        scale = sib >> 6;
        index = (sib >> 3 & 7) == 4 ? -1 : sib >> 3 & 7;
        base = (g->mod == 0 && (sib & 7) == 5) ? -1 : sib & 7;
    }
    uint32_t disp = g->mod == 1 ? (uint32_t)(int8_t)rnext(&g->r) : g->mod == 2 ? pick_disp32(g) : 0;
    if (base < 0) { /* mod 0, SIB base 5: disp32 plays the base */
        disp = solve_sib(g, -2, index, scale, 0, &t);
        emit(g, disp, 4);
    } else {
        gpr[base] = solve_sib(g, base, index, scale, disp, &t);
        emit(g, disp, g->mod == 1 ? 1 : g->mod == 2 ? 4 : 0);
    }
    g->k->ea = t;
}

static void emit_modrm(struct gen *g)
{
    const struct opdesc *d = g->d;
    struct ud_case *k = g->k;
    k->reg = pick_reg_field(g);
    g->mod = (uint8_t)rbelow(&g->r, 4);
    if (d->dec & DEC_MEM_ONLY)
        g->mod = (uint8_t)rbelow(&g->r, 3);
    else if (d->dec & DEC_REG_ONLY)
        g->mod = 3;
    else if (g->mod != 3 && rchance(&g->r, 33))
        g->mod = 3; /* half register, half memory */
    k->rm = (uint8_t)rbelow(&g->r, 8);
    k->mem = g->mod != 3;
    emit(g, (uint32_t)(g->mod << 6 | k->reg << 3 | k->rm), 1);
    if (!k->mem)
        return;
    if (k->addr16)
        ea16(g, k->rm, pick_target(g));
    else
        ea32(g, k->rm, pick_target(g));
}

/* ---- immediates --------------------------------------------------------- */

static bool is_shift_imm(const struct opdesc *d)
{
    return d->op == 0xC0 || d->op == 0xC1 || d->op == 0x1A4 || d->op == 0x1AC;
}

static void emit_imm(struct gen *g)
{
    const struct opdesc *d = g->d;
    struct ud_case *k = g->k;
    uint32_t v = rvalue(&g->r);
    switch (d->imm) {
    case IMM_B:
    case IMM_BS:
        if (is_shift_imm(d) && rchance(&g->r, 60))
            v = rbelow(&g->r, 34);
        k->imm = v & 0xFF;
        emit(g, v, 1);
        break;
    case IMM_W:
        k->imm = v & 0xFFFF;
        emit(g, v, 2);
        break;
    case IMM_Z:
        k->imm = k->op16 ? v & 0xFFFF : v;
        emit(g, v, k->op16 ? 2 : 4);
        break;
    case IMM_MOFFS:
        g->moffs = pick_target(g);
        k->ea = g->moffs;
        emit(g, g->moffs, k->addr16 ? 2 : 4);
        break;
    case IMM_ENTER:
        k->imm = rchance(&g->r, 70) ? rbelow(&g->r, 65) : v & 0xFFFF;
        k->imm2 = (uint8_t)(rchance(&g->r, 60) ? rbelow(&g->r, 4) : rnext(&g->r));
        emit(g, k->imm, 2);
        emit(g, k->imm2, 1);
        break;
    default:
        break;
    }
}

/* ---- registers ------------------------------------------------------------ */

static void random_state(struct gen *g)
{
    struct ud_case *k = g->k;
    for (int i = 0; i < 8; i++)
        k->gpr[i] = rvalue(&g->r);
    k->gpr[R_ESP] = UD_STACK_LO + rbelow(&g->r, UD_STACK_HI - UD_STACK_LO);
    if (rchance(&g->r, 90))
        k->gpr[R_ESP] &= ~3u;
    k->eflags = 0x2 | ((uint32_t)rnext(&g->r) & (FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF | FL_DF));
}

/* Set the low @bytes of register @r (4: all of it). */
static void set_low(uint32_t *reg, uint32_t v, unsigned bytes)
{
    uint32_t mask = bytes >= 4 ? 0xFFFFFFFFu : (1u << (8 * bytes)) - 1;
    *reg = (*reg & ~mask) | (v & mask);
}

static uint32_t rtarget(struct gen *g)
{
    return UD_TGT_LO + rbelow(&g->r, UD_TGT_HI - UD_TGT_LO);
}

/* Implicit registers the form needs pointed into the window or kept small. */
static void implicit_regs(struct gen *g)
{
    struct ud_case *k = g->k;
    unsigned asz = k->addr16 ? 2 : 4;
    switch (k->form->kind) {
    case K_STRING:
        set_low(&k->gpr[R_ESI], rtarget(g), asz);
        set_low(&k->gpr[R_EDI], rtarget(g), asz);
        if (k->rep)
            set_low(&k->gpr[R_ECX], rbelow(&g->r, 41), asz);
        break;
    case K_XLAT:
        set_low(&k->gpr[R_EBX], rtarget(g), asz);
        break;
    case K_ENTER:
    case K_LEAVE:
        k->gpr[R_EBP] = UD_STACK_LO + rbelow(&g->r, UD_STACK_HI - UD_STACK_LO);
        break;
    case K_DIV:
        if (rchance(&g->r, 50))
            k->gpr[R_EDX] = rbelow(&g->r, 4);
        if (g->d->byte && rchance(&g->r, 50))
            k->gpr[R_EAX] &= 0xFFFF00FFu;
        break;
    case K_BT_REG:
        if (rchance(&g->r, 80))
            k->gpr[k->reg] = rbelow(&g->r, 0x1000) - 0x800;
        break;
    default:
        break;
    }
}

/* ---- touched addresses ------------------------------------------------------ */

struct span { uint32_t lo, hi; };

/* Byte offset a BT* Ev,Gv memory form adds to its EA (SDM "BT"). */
static uint32_t bt_offset(const struct ud_case *k)
{
    if (k->op16)
        return (uint32_t)(2 * ((int32_t)(int16_t)k->gpr[k->reg] >> 4));
    return (uint32_t)(4 * ((int32_t)k->gpr[k->reg] >> 5));
}

static uint32_t addr_reg(const struct ud_case *k, int r)
{
    return k->addr16 ? k->gpr[r] & 0xFFFF : k->gpr[r];
}

static uint32_t string_width(const struct ud_case *k)
{
    return k->form->d->byte ? 1 : k->op16 ? 2 : 4;
}

/* Fill @s with the ranges the case may touch; returns how many. */
static unsigned touched(const struct gen *g, struct span *s)
{
    const struct ud_case *k = g->k;
    unsigned n = 0;
    if (k->mem) {
        uint32_t ea = k->ea + (k->form->kind == K_BT_REG ? bt_offset(k) : 0);
        s[n++] = (struct span){ea - 8, ea + 24};
    }
    if (k->form->d->imm == IMM_MOFFS)
        s[n++] = (struct span){g->moffs - 8, g->moffs + 16};
    if (k->form->stack)
        s[n++] = (struct span){k->gpr[R_ESP] - 48, k->gpr[R_ESP] + 48};
    if (k->form->kind == K_ENTER || k->form->kind == K_LEAVE)
        s[n++] = (struct span){k->gpr[R_EBP] - 136, k->gpr[R_EBP] + 24};
    if (k->form->kind == K_XLAT)
        s[n++] = (struct span){addr_reg(k, R_EBX), addr_reg(k, R_EBX) + 256};
    if (k->form->kind == K_STRING) {
        uint32_t cnt = k->rep ? addr_reg(k, R_ECX) : 1;
        uint32_t span = (cnt ? cnt : 1) * string_width(k) + 8;
        s[n++] = (struct span){addr_reg(k, R_ESI) - span, addr_reg(k, R_ESI) + span};
        s[n++] = (struct span){addr_reg(k, R_EDI) - span, addr_reg(k, R_EDI) + span};
    }
    return n;
}

static bool touched_ok(const struct gen *g)
{
    struct span s[8];
    unsigned n = touched(g, s);
    for (unsigned i = 0; i < n; i++)
        if (s[i].lo < UD_WIN_LO || s[i].hi > g->win_hi || s[i].lo >= s[i].hi)
            return false;
    return true;
}

/* ---- memory patches --------------------------------------------------------- */

static struct ud_patch *new_patch(struct gen *g, uint32_t lo, uint32_t len)
{
    struct ud_case *k = g->k;
    if (k->npatch == UD_MAX_PATCH)
        return NULL;
    if (len > UD_PATCH_BYTES)
        len = UD_PATCH_BYTES;
    struct ud_patch *p = &k->patch[k->npatch++];
    p->addr = lo;
    p->len = (uint16_t)len;
    for (uint32_t i = 0; i < len; i++)
        p->bytes[i] = (uint8_t)rnext(&g->r);
    return p;
}

/* Store @v (@bytes long) at @addr inside patch @p, if it is covered. */
static void poke(struct ud_patch *p, uint32_t addr, uint32_t v, unsigned bytes)
{
    for (unsigned i = 0; p && i < bytes; i++)
        if (addr + i >= p->addr && addr + i < p->addr + p->len)
            p->bytes[addr + i - p->addr] = (uint8_t)(v >> (8 * i));
}

/* Values the instruction reads from its memory operand, when they matter. */
static void operand_value(struct gen *g, struct ud_patch *p)
{
    struct ud_case *k = g->k;
    unsigned sz = op_bytes(g);
    switch (k->form->kind) {
    case K_MOV_SREG:
    case K_SEL_TEST:
        poke(p, k->ea, rselector(&g->r), 2);
        break;
    case K_LOAD_FAR:
        poke(p, k->ea + (k->op16 ? 2 : 4), rselector(&g->r), 2);
        break;
    case K_CMPXCHG:
        if (rchance(&g->r, 40))
            poke(p, k->ea, k->gpr[R_EAX], sz);
        break;
    case K_BOUND: {
        uint32_t idx = k->gpr[k->reg], lo = idx - rbelow(&g->r, 8), hi = idx + rbelow(&g->r, 8);
        if (rchance(&g->r, 50)) {
            poke(p, k->ea, lo, sz);
            poke(p, k->ea + sz, hi, sz);
        }
        break;
    }
    default:
        if (rchance(&g->r, 50))
            poke(p, k->ea + (k->form->kind == K_BT_REG ? bt_offset(k) : 0), rvalue(&g->r), 4);
        break;
    }
}

/* Register sources that should hold selectors or equal EAX. */
static void register_value(struct gen *g)
{
    struct ud_case *k = g->k;
    enum ud_kind kind = k->form->kind;
    if (kind == K_MOV_SREG || kind == K_SEL_TEST)
        set_low(&k->gpr[k->rm], rselector(&g->r), 2);
    else if (kind == K_CMPXCHG && rchance(&g->r, 40))
        k->gpr[k->rm] = g->d->byte && k->rm >= 4 ? k->gpr[k->rm] : k->gpr[R_EAX];
}

static void stack_patch(struct gen *g)
{
    struct ud_case *k = g->k;
    uint32_t esp = k->gpr[R_ESP];
    struct ud_patch *p = new_patch(g, esp - 48, 96);
    if (k->form->kind == K_POPF)
        poke(p, esp, rvalue(&g->r) & ~(uint32_t)FL_TF, 4);
    else if (k->form->kind == K_POP_SREG)
        poke(p, esp, rselector(&g->r), 2);
}

/* String operands: fresh bytes, sometimes equal so REPE runs longer. */
static void string_patches(struct gen *g)
{
    struct ud_case *k = g->k;
    uint32_t w = string_width(k), cnt = k->rep ? addr_reg(k, R_ECX) : 1;
    uint32_t len = (cnt ? cnt : 1) * w + 8;
    uint32_t si = addr_reg(k, R_ESI), di = addr_reg(k, R_EDI);
    struct ud_patch *ps = new_patch(g, si - len, 2 * len);
    struct ud_patch *pd = new_patch(g, di - len, 2 * len);
    const char *m = g->d->mnem;
    if (!ps || !pd || !rchance(&g->r, 40))
        return;
    if (!strncmp(m, "CMPS", 4))
        memcpy(pd->bytes, ps->bytes, pd->len < ps->len ? pd->len : ps->len);
    else if (!strncmp(m, "SCAS", 4))
        for (uint32_t i = 0; i < pd->len; i++)
            pd->bytes[i] = (uint8_t)(k->gpr[R_EAX] >> (8 * (i % w)));
    if (rchance(&g->r, 50))
        pd->bytes[rbelow(&g->r, pd->len)] ^= 1;
}

static void make_patches(struct gen *g)
{
    struct ud_case *k = g->k;
    k->npatch = 0;
    if (k->mem) {
        uint32_t ea = k->ea + (k->form->kind == K_BT_REG ? bt_offset(k) : 0);
        operand_value(g, new_patch(g, (k->form->kind == K_BT_REG ? ea : k->ea) - 8, 32));
    } else if (has_modrm(g->d)) {
        register_value(g);
    }
    if (g->d->imm == IMM_MOFFS)
        new_patch(g, g->moffs - 8, 24);
    if (k->form->stack)
        stack_patch(g);
    if (k->form->kind == K_ENTER || k->form->kind == K_LEAVE)
        new_patch(g, k->gpr[R_EBP] - 136, 160);
    if (k->form->kind == K_XLAT)
        new_patch(g, addr_reg(k, R_EBX), 256 > UD_PATCH_BYTES ? UD_PATCH_BYTES : 256);
    if (k->form->kind == K_STRING)
        string_patches(g);
}

/* ---- one case ----------------------------------------------------------------- */

static void draw(struct gen *g)
{
    struct ud_case *k = g->k;
    k->len = 0;
    k->mem = false;
    k->reg = k->rm = 0;
    k->ea = 0;
    k->imm = 0;
    k->imm2 = 0;
    g->mod = 3;
    g->moffs = 0;
    random_state(g);
    choose_prefixes(g);
    implicit_regs(g);
    /* LOCK is decided up front from the form: lockable rows with a memory
     * ModRM get it 30% of the time; the ModRM below is forced to memory. */
    g->k->lock = (g->d->attr & OPA_LOCK) && rchance(&g->r, 30);
    emit_prefixes(g);
    emit_opcode(g);
    if (has_modrm(g->d)) {
        emit_modrm(g);
        if (g->k->lock && !k->mem) {
            k->len = 0; /* redraw: LOCK needs a memory operand */
            return;
        }
    }
    emit_imm(g);
}

void gen_case(struct ud_case *k, const struct ud_form *f, uint64_t seed, uint64_t n)
{
    struct gen g = {.k = k, .d = f->d};
    g.r.s = seed * 0x2545F4914F6CDD1DULL ^ (n + 1) * 0x9E3779B97F4A7C15ULL;
    memset(k, 0, sizeof(*k));
    k->form = f;
    for (int tries = 0; tries < 1000; tries++) {
        draw(&g);
        if (k->len && touched_ok(&g))
            break;
    }
    make_patches(&g);
}
