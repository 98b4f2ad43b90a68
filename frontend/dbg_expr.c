/*
 * frontend/dbg_expr.c - recursive-descent evaluator for the debugger's
 * expressions (grammar in dbg_expr.h).
 *
 * Invariant: a parse either consumes the whole string or returns an
 * error; registers are read once per evaluation (one cpu_get_regs).
 */
#include <ctype.h>
#include <string.h>

#include "dbg_expr.h"
#include "dbg_internal.h"
#include "dbg_syms.h"

/** Parser state: the text, the position, the register snapshot. */
struct parser {
    struct dbg *d;
    const char *p;
    const char *err;
    struct cpu_regs r;
};

/** A register name: where it lives and how wide it is. */
struct reg_def {
    const char *name;
    char kind; /* 'd' 32-bit gpr, 'w' 16-bit, 'l' low byte, 'h' high byte,
                  'i' eip, 'p' ip, 'f' eflags, 's' segment */
    int index;
};

static const struct reg_def reg_defs[] = {
    {"eax", 'd', R_EAX}, {"ecx", 'd', R_ECX}, {"edx", 'd', R_EDX}, {"ebx", 'd', R_EBX},
    {"esp", 'd', R_ESP}, {"ebp", 'd', R_EBP}, {"esi", 'd', R_ESI}, {"edi", 'd', R_EDI},
    {"ax", 'w', R_EAX},  {"cx", 'w', R_ECX},  {"dx", 'w', R_EDX},  {"bx", 'w', R_EBX},
    {"sp", 'w', R_ESP},  {"bp", 'w', R_EBP},  {"si", 'w', R_ESI},  {"di", 'w', R_EDI},
    {"al", 'l', R_EAX},  {"cl", 'l', R_ECX},  {"dl", 'l', R_EDX},  {"bl", 'l', R_EBX},
    {"ah", 'h', R_EAX},  {"ch", 'h', R_ECX},  {"dh", 'h', R_EDX},  {"bh", 'h', R_EBX},
    {"eip", 'i', 0},     {"ip", 'p', 0},      {"eflags", 'f', 0},  {"es", 's', SEG_ES},
    {"cs", 's', SEG_CS}, {"ss", 's', SEG_SS}, {"ds", 's', SEG_DS}, {"fs", 's', SEG_FS},
    {"gs", 's', SEG_GS},
};

static const struct reg_def *reg_find(const char *name)
{
    for (size_t k = 0; k < sizeof(reg_defs) / sizeof(reg_defs[0]); k++)
        if (!strcasecmp(reg_defs[k].name, name))
            return &reg_defs[k];
    return NULL;
}

bool dbg_reg_read(const struct cpu_regs *r, const char *name, uint64_t *v)
{
    const struct reg_def *d = reg_find(name);
    if (!d)
        return false;
    uint32_t g = d->kind == 's' ? 0 : r->gpr[d->index];
    switch (d->kind) {
    case 'd': *v = g; break;
    case 'w': *v = g & 0xFFFF; break;
    case 'l': *v = g & 0xFF; break;
    case 'h': *v = (g >> 8) & 0xFF; break;
    case 'i': *v = r->eip; break;
    case 'p': *v = r->eip & 0xFFFF; break;
    case 'f': *v = r->eflags; break;
    default: *v = r->seg[d->index].sel; break;
    }
    return true;
}

const char *dbg_reg_write(struct cpu_regs *r, const char *name, uint64_t v)
{
    const struct reg_def *d = reg_find(name);
    if (!d)
        return "no such register";
    uint32_t *g = &r->gpr[d->index], x = (uint32_t)v;
    switch (d->kind) {
    case 'd': *g = x; break;
    case 'w': *g = (*g & ~0xFFFFu) | (x & 0xFFFF); break;
    case 'l': *g = (*g & ~0xFFu) | (x & 0xFF); break;
    case 'h': *g = (*g & ~0xFF00u) | ((x & 0xFF) << 8); break;
    case 'i': r->eip = x; break;
    case 'p': r->eip = x & 0xFFFF; break;
    case 'f': r->eflags = x | 2; break;
    default:
        if ((r->cr[0] & 1) && !(r->eflags & FL_VM))
            return "segment registers can only be set in real or virtual-8086 mode";
        r->seg[d->index].sel = (uint16_t)x;
        r->seg[d->index].base = (x & 0xFFFF) << 4;
        break;
    }
    return NULL;
}

static void skip_ws(struct parser *ps)
{
    while (isspace((unsigned char)*ps->p))
        ps->p++;
}

static uint64_t fail(struct parser *ps, const char *msg)
{
    if (!ps->err)
        ps->err = msg;
    return 0;
}

/* A number: 0x hex, NNh hex, or decimal. */
static uint64_t parse_number(struct parser *ps)
{
    const char *s = ps->p, *e = s;
    while (isxdigit((unsigned char)*e))
        e++;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        uint64_t v = 0;
        for (e = s + 2; isxdigit((unsigned char)*e); e++)
            v = v * 16 + (uint64_t)(isdigit((unsigned char)*e) ? *e - '0' : (*e | 0x20) - 'a' + 10);
        if (e == s + 2)
            return fail(ps, "bad hex number");
        ps->p = e;
        return v;
    }
    bool hex = *e == 'h' || *e == 'H';
    uint64_t v = 0;
    for (const char *q = s; q < e; q++) {
        int dig = isdigit((unsigned char)*q) ? *q - '0' : (*q | 0x20) - 'a' + 10;
        if (!hex && dig > 9)
            return fail(ps, "bad number (hex needs 0x or an h suffix)");
        v = v * (hex ? 16 : 10) + (uint64_t)dig;
    }
    ps->p = e + hex;
    return v;
}

/* A register or symbol name. */
static uint64_t parse_name(struct parser *ps)
{
    char name[128];
    size_t n = 0;
    while ((isalnum((unsigned char)*ps->p) || strchr("_.$@", *ps->p)) && *ps->p) {
        if (n < sizeof(name) - 1)
            name[n++] = *ps->p;
        ps->p++;
    }
    name[n] = '\0';
    uint64_t v;
    uint32_t a;
    if (dbg_reg_read(&ps->r, name, &v))
        return v;
    if (dbg_syms_lookup(ps->d->syms, name, &a))
        return a;
    return fail(ps, "unknown register or symbol");
}

static uint64_t parse_binary(struct parser *ps, int level);

static uint64_t parse_unary(struct parser *ps)
{
    skip_ws(ps);
    char ch = *ps->p;
    if (ch == '-' || ch == '~' || ch == '!' || ch == '+') {
        ps->p++;
        uint64_t v = parse_unary(ps);
        return ch == '-' ? (uint64_t)0 - v : ch == '~' ? ~v : ch == '!' ? !v : v;
    }
    if (ch == '(') {
        ps->p++;
        uint64_t v = parse_binary(ps, 0);
        skip_ws(ps);
        if (*ps->p != ')')
            return fail(ps, "missing )");
        ps->p++;
        return v;
    }
    if (isdigit((unsigned char)ch))
        return parse_number(ps);
    if (isalpha((unsigned char)ch) || ch == '_' || ch == '.')
        return parse_name(ps);
    return fail(ps, ch ? "syntax error" : "expression expected");
}

/* Binary operators by level, loosest (0) first. */
static const char *const levels[][4] = {
    {"||"},       {"&&"},     {"|"},           {"^"}, {"&"}, {"==", "!="}, {"<=", ">=", "<", ">"},
    {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"},
};
enum { LEVELS = sizeof(levels) / sizeof(levels[0]) };

/* The operator of @level at the parser's position, or NULL. */
static const char *match_op(struct parser *ps, int level)
{
    for (int k = 0; k < 4 && levels[level][k]; k++) {
        const char *op = levels[level][k];
        size_t n = strlen(op);
        if (strncmp(ps->p, op, n))
            continue;
        /* "|" and "&" must not be the start of "||" / "&&"; "<" not of "<<". */
        if (n == 1 && (ps->p[1] == op[0] || (strchr("<>", op[0]) && ps->p[1] == '=')))
            continue;
        return op;
    }
    return NULL;
}

static uint64_t apply(struct parser *ps, const char *op, uint64_t a, uint64_t b)
{
    switch (op[0]) {
    case '|': return op[1] ? (a || b) : (a | b);
    case '&': return op[1] ? (a && b) : (a & b);
    case '^': return a ^ b;
    case '=': return a == b;
    case '!': return a != b;
    case '<': return op[1] == '<' ? (b < 64 ? a << b : 0) : op[1] ? a <= b : a < b;
    case '>': return op[1] == '>' ? (b < 64 ? a >> b : 0) : op[1] ? a >= b : a > b;
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    default:
        if (!b)
            return fail(ps, "division by zero");
        return op[0] == '/' ? a / b : a % b;
    }
}

static uint64_t parse_binary(struct parser *ps, int level)
{
    if (level == LEVELS)
        return parse_unary(ps);
    uint64_t v = parse_binary(ps, level + 1);
    for (;;) {
        skip_ws(ps);
        const char *op = match_op(ps, level);
        if (!op || ps->err)
            return v;
        ps->p += strlen(op);
        v = apply(ps, op, v, parse_binary(ps, level + 1));
    }
}

const char *dbg_eval(struct dbg *d, const char *s, uint64_t *v)
{
    struct parser ps = {.d = d, .p = s};
    cpu_get_regs(d->c, &ps.r);
    *v = parse_binary(&ps, 0);
    skip_ws(&ps);
    if (!ps.err && *ps.p)
        ps.err = "syntax error";
    return ps.err;
}

const char *dbg_eval_segoff(struct dbg *d, const char *s, bool *has_seg, uint16_t *seg,
                            uint32_t *off)
{
    char buf[256];
    const char *colon = strchr(s, ':');
    uint64_t v;
    *has_seg = colon != NULL;
    if (colon) {
        size_t n = (size_t)(colon - s);
        if (n >= sizeof(buf))
            return "expression too long";
        memcpy(buf, s, n);
        buf[n] = '\0';
        const char *err = dbg_eval(d, buf, &v);
        if (err)
            return err;
        *seg = (uint16_t)v;
        s = colon + 1;
    }
    const char *err = dbg_eval(d, s, &v);
    *off = (uint32_t)v;
    return err;
}
