/*
 * tests/sst/exclusions.c - the 286-versus-IA-32 exclusion predicates (see
 * exclusions.h and docs/sst.md).  A small 16-bit instruction scanner finds
 * prefixes, the opcode and the ModRM byte, and computes a 16-bit effective
 * address from the test's initial registers (SDM Vol. 2A, Table 2-1).
 */
#include "exclusions.h"

/** What the scanner learns about an instruction. */
struct sst_insn {
    bool lock, rep;
    int seg; /**< segment override as enum moo_reg (MOO_ES...), or -1 */
    uint8_t op;
    bool has_modrm;
    uint8_t mod, reg, rm;
    const uint8_t *after_modrm; /**< first displacement byte */
    unsigned avail;             /**< bytes left from after_modrm */
    unsigned len;               /**< length without the HLT the suite appends */
};

/* One-byte opcodes of the 286 that take a ModRM byte (SDM Vol. 2D, Table A-2). */
static bool op_has_modrm(uint8_t op)
{
    if (op < 0x40)
        return (op & 7) < 4;
    return op == 0x62 || op == 0x63 || op == 0x69 || op == 0x6B || (op >= 0x80 && op <= 0x8F) ||
           op == 0xC0 || op == 0xC1 || (op >= 0xC4 && op <= 0xC7) || (op >= 0xD0 && op <= 0xD3) ||
           (op >= 0xD8 && op <= 0xDF) || op == 0xF6 || op == 0xF7 || op == 0xFE || op == 0xFF;
}

static int seg_prefix(uint8_t b)
{
    switch (b) {
    case 0x26: return MOO_ES;
    case 0x2E: return MOO_CS;
    case 0x36: return MOO_SS;
    case 0x3E: return MOO_DS;
    default: return -1;
    }
}

static bool scan(const struct moo_test *t, struct sst_insn *in)
{
    const uint8_t *b = t->bytes;
    unsigned n = t->nbytes, k = 0;
    *in = (struct sst_insn){.seg = -1};
    in->len = (n && b[n - 1] == 0xF4) ? n - 1 : n;
    for (; k < n; k++) {
        if (seg_prefix(b[k]) >= 0)
            in->seg = seg_prefix(b[k]);
        else if (b[k] == 0xF0)
            in->lock = true;
        else if (b[k] == 0xF2 || b[k] == 0xF3)
            in->rep = true;
        else
            break;
    }
    if (k >= n)
        return false;
    in->op = b[k++];
    in->has_modrm = op_has_modrm(in->op) && k < n;
    if (in->has_modrm) {
        in->mod = b[k] >> 6;
        in->reg = b[k] >> 3 & 7;
        in->rm = b[k] & 7;
        in->after_modrm = b + k + 1;
        in->avail = n - k - 1;
    }
    return true;
}

static uint16_t ireg(const struct moo_test *t, enum moo_reg r) { return t->init.regs.v[r]; }

/* 16-bit effective address and its default segment; false for register operands. */
static bool ea16(const struct moo_test *t, const struct sst_insn *in, uint16_t *off, int *seg)
{
    static const enum moo_reg base[8] = {MOO_BX, MOO_BX, MOO_BP, MOO_BP, MOO_SI, MOO_DI, MOO_BP, MOO_BX};
    static const int index[8] = {MOO_SI, MOO_DI, MOO_SI, MOO_DI, -1, -1, -1, -1};
    if (!in->has_modrm || in->mod == 3)
        return false;
    unsigned dlen = in->mod == 1 ? 1 : (in->mod == 2 || (in->mod == 0 && in->rm == 6)) ? 2 : 0;
    if (dlen > in->avail)
        return false;
    const uint8_t *d = in->after_modrm;
    uint16_t disp = dlen == 1 ? (uint16_t)(int8_t)d[0] : dlen == 2 ? (uint16_t)(d[0] | d[1] << 8) : 0;
    bool direct = in->mod == 0 && in->rm == 6;
    uint16_t a = direct ? 0 : ireg(t, base[in->rm]);
    if (!direct && index[in->rm] >= 0)
        a += ireg(t, (enum moo_reg)index[in->rm]);
    *off = (uint16_t)(a + disp);
    *seg = in->seg >= 0 ? in->seg : (!direct && (in->rm == 2 || in->rm == 3 || in->rm == 6)) ? MOO_SS : MOO_DS;
    return true;
}

/* SDM Vol. 2A, LOCK: valid only with these instructions, memory destination. */
static bool lockable(const struct sst_insn *in)
{
    if (!in->has_modrm || in->mod == 3)
        return false;
    uint8_t op = in->op;
    if (op < 0x40)
        return (op & 7) < 2 && (op >> 3) != 7; /* ADD..XOR Eb,Gb / Ev,Gv; not CMP */
    if (op >= 0x80 && op <= 0x83)
        return in->reg != 7; /* group 1 except CMP */
    if (op == 0x86 || op == 0x87)
        return true; /* XCHG */
    if (op == 0xF6 || op == 0xF7)
        return in->reg == 2 || in->reg == 3; /* NOT, NEG */
    if (op == 0xFE || op == 0xFF)
        return in->reg <= 1; /* INC, DEC */
    return false;
}

/* Number of words a stack-popping instruction reads at SS:SP, SS:SP+2, ... */
static unsigned pop_words(const struct sst_insn *in)
{
    uint8_t op = in->op;
    if (op == 0x07 || op == 0x17 || op == 0x1F || (op >= 0x58 && op <= 0x5F) || op == 0x9D ||
        op == 0xC2 || op == 0xC3 || (op == 0x8F && in->reg == 0))
        return 1;
    if (op == 0xCA || op == 0xCB)
        return 2;
    if (op == 0xCF)
        return 3;
    return op == 0x61 ? 8 : 0;
}

/* First iteration k < iters at which @start +/- 2k reaches offset FFFF, or -1. */
static long first_overrun(uint16_t start, unsigned iters, bool down)
{
    for (unsigned k = 0; k < iters; k++)
        if ((uint16_t)(start + (down ? -2 * (int)k : 2 * (int)k)) == 0xFFFF)
            return (long)k;
    return -1;
}

/* Word string source (MOVSW, CMPSW, LODSW, OUTSW) with an SS override. */
static bool string_ss_overrun(const struct moo_test *t, const struct sst_insn *in)
{
    uint8_t op = in->op;
    if (in->seg != MOO_SS || !(op == 0xA5 || op == 0xA7 || op == 0xAD || op == 0x6F))
        return false;
    unsigned iters = in->rep ? ireg(t, MOO_CX) : 1;
    bool down = ireg(t, MOO_FLAGS) & 0x400;
    long ks = first_overrun(ireg(t, MOO_SI), iters, down);
    long kd = (op == 0xA5 || op == 0xA7) ? first_overrun(ireg(t, MOO_DI), iters, down) : -1;
    return ks >= 0 && (kd < 0 || ks <= kd);
}

/* The 286 recorded interrupt 13 for an access that IA-32 checks against SS. */
static bool ss_overrun(const struct moo_test *t, const struct sst_insn *in)
{
    if (!t->has_excp || t->excp_num != 13)
        return false;
    uint16_t off;
    int seg;
    if (ea16(t, in, &off, &seg) && seg == MOO_SS && off == 0xFFFF)
        return true;
    if (in->op == 0xC9 && ireg(t, MOO_BP) == 0xFFFF) /* LEAVE reads SS:BP */
        return true;
    unsigned n = pop_words(in);
    if (n && first_overrun(ireg(t, MOO_SP), n, false) >= 0)
        return true;
    return string_ss_overrun(t, in);
}

/* POPF / IRET whose popped FLAGS image has IOPL or NT (bits 12-14) set. */
static bool pops_iopl_nt(const struct moo_test *t, const struct sst_insn *in)
{
    if ((in->op != 0x9D && in->op != 0xCF) || t->has_excp)
        return false;
    unsigned at = in->op == 0xCF ? 4 : 0; /* IRET pops IP, CS, then FLAGS */
    uint32_t hi = ((uint32_t)ireg(t, MOO_SS) << 4) + (uint16_t)(ireg(t, MOO_SP) + at + 1);
    uint8_t v;
    return moo_ram_find(&t->init.ram, hi, &v) && (v & 0x70);
}

/* Word string op whose SI or DI operand reaches FFFF, recorded as int 13. */
static bool string_wrap(const struct moo_test *t, const struct sst_insn *in)
{
    uint8_t op = in->op;
    bool src = op == 0xA5 || op == 0xA7 || op == 0xAD || op == 0x6F;
    bool dst = op == 0xA5 || op == 0xA7 || op == 0xAB || op == 0xAF || op == 0x6D;
    if (!t->has_excp || t->excp_num != 13 || !(src || dst))
        return false;
    unsigned iters = in->rep ? ireg(t, MOO_CX) : 1;
    bool down = ireg(t, MOO_FLAGS) & 0x400;
    return (src && first_overrun(ireg(t, MOO_SI), iters, down) >= 0) ||
           (dst && first_overrun(ireg(t, MOO_DI), iters, down) >= 0);
}

/* POP m16 (8F /0) whose destination word starts at offset FFFF. */
static bool pop_mem_wrap(const struct moo_test *t, const struct sst_insn *in)
{
    uint16_t off;
    int seg;
    return in->op == 0x8F && t->has_excp && t->excp_num == 13 && ea16(t, in, &off, &seg) &&
           off == 0xFFFF;
}

/* Bytes an ESC instruction's memory operand covers (SDM Vol. 1, 8.1, Table 8-x forms). */
static unsigned esc_operand_size(uint8_t op, unsigned reg)
{
    static const uint8_t size[8][8] = {
        {4, 4, 4, 4, 4, 4, 4, 4},      /* D8: m32real */
        {4, 4, 4, 4, 14, 2, 14, 2},    /* D9: m32real, FLDENV, FLDCW, FNSTENV, FNSTCW */
        {4, 4, 4, 4, 4, 4, 4, 4},      /* DA: m32int */
        {4, 4, 4, 4, 4, 10, 4, 10},    /* DB: m32int, FLD/FSTP m80 */
        {8, 8, 8, 8, 8, 8, 8, 8},      /* DC: m64real */
        {8, 8, 8, 8, 94, 4, 94, 2},    /* DD: m64real, FRSTOR, FNSAVE, FNSTSW */
        {2, 2, 2, 2, 2, 2, 2, 2},      /* DE: m16int */
        {2, 2, 2, 2, 10, 8, 10, 8},    /* DF: m16int, FBLD, FILD m64, FBSTP, FISTP m64 */
    };
    return size[op - 0xD8][reg];
}

/* ESC with a memory operand running past offset FFFF, recorded as int 13. */
static bool esc_mem(const struct moo_test *t, const struct sst_insn *in)
{
    uint16_t off;
    int seg;
    if (in->op < 0xD8 || in->op > 0xDF || !t->has_excp || t->excp_num != 13 ||
        !ea16(t, in, &off, &seg))
        return false;
    return (uint32_t)off + esc_operand_size(in->op, in->reg) > 0x10000;
}

int excl_classify(const struct moo_test *t)
{
    struct sst_insn in;
    if (!scan(t, &in))
        return -1;
    if (in.len > 10)
        return EXCL_LONG_INSN;
    if (in.lock && !lockable(&in) && !(t->has_excp && t->excp_num == 6))
        return EXCL_LOCK_UD;
    if ((in.op == 0x8C || in.op == 0x8E) && in.has_modrm && (in.reg == 4 || in.reg == 5))
        return EXCL_MOV_FSGS;
    if (ss_overrun(t, &in))
        return EXCL_SS_OVERRUN;
    if (pops_iopl_nt(t, &in))
        return EXCL_POPF_IOPL;
    if (string_wrap(t, &in))
        return EXCL_STRING_WRAP;
    if (pop_mem_wrap(t, &in))
        return EXCL_POP_MEM_WRAP;
    if (in.op == 0xD4 && in.len >= 2 && t->bytes[in.len - 1] == 0)
        return EXCL_AAM_ZERO;
    if (esc_mem(t, &in))
        return EXCL_ESC_MEM;
    return -1;
}

const char *excl_name(int id)
{
    static const char *const names[EXCL_COUNT] = {
        "insn-longer-than-10-bytes", "lock-on-non-lockable", "mov-sreg-fs-gs",
        "ss-overrun-int13-vs-ss", "popf-iret-iopl-nt", "string-word-wrap-index-update",
        "pop-mem-wrap-sp-update", "aam-zero-flags", "esc-memory-operand-overrun"};
    return id >= 0 && id < EXCL_COUNT ? names[id] : "?";
}
