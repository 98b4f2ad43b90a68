/*
 * cpu/ops_bcd.c - decimal and conversion instructions: DAA, DAS, AAA, AAS,
 * AAM, AAD, SALC, CBW/CWDE and CWD/CDQ.
 *
 * Invariants: flags are computed eagerly (these are rare) and published
 * with flags_set_status; the pseudo-code followed is the SDM Vol. 2 page
 * of each instruction.  Flags the SDM leaves undefined are noted per
 * handler.
 */
#include "cpu_internal.h"
#include "optable_handlers.h"

static inline uint32_t al(const struct cpu *c) { return c->gpr[R_EAX] & 0xFF; }

/* DAA (SDM "DAA"); OF undefined: cleared. */
void op_daa(struct cpu *c, const struct insn *i)
{
    uint32_t f = flags_get(c), a = al(c), r = a, out = 0;
    if ((a & 0xF) > 9 || (f & FL_AF)) {
        r += 6;
        out |= FL_AF | ((f & FL_CF) || r > 0xFF ? FL_CF : 0);
    }
    if (a > 0x99 || (f & FL_CF)) {
        r += 0x60;
        out |= FL_CF;
    }
    reg_write(c, R_EAX, r, 8);
    flags_set_status(c, ALU_STATUS_FLAGS, out | alu_szp(r, 8));
}

/* DAS (SDM "DAS"); OF undefined: cleared. */
void op_das(struct cpu *c, const struct insn *i)
{
    uint32_t f = flags_get(c), a = al(c), r = a, out = 0;
    if ((a & 0xF) > 9 || (f & FL_AF)) {
        r -= 6;
        out |= FL_AF | ((f & FL_CF) || a < 6 ? FL_CF : 0);
    }
    if (a > 0x99 || (f & FL_CF)) {
        r -= 0x60;
        out |= FL_CF;
    }
    reg_write(c, R_EAX, r, 8);
    flags_set_status(c, ALU_STATUS_FLAGS, out | alu_szp(r, 8));
}

/*
 * AAA/AAS (SDM "AAA", "AAS"): the 286 and later adjust AX as a whole
 * (AX +/- 106h).  OF SF ZF PF are undefined: SZP follow the new AL.
 */
static void ascii_adjust(struct cpu *c, bool sub)
{
    uint32_t f = flags_get(c), ax = c->gpr[R_EAX] & 0xFFFF, out = 0;
    if ((ax & 0xF) > 9 || (f & FL_AF)) {
        ax = sub ? ax - 0x106 : ax + 0x106;
        out = FL_AF | FL_CF;
    }
    ax = (ax & 0xFF0F) & 0xFFFF;
    reg_write(c, R_EAX, ax, 16);
    flags_set_status(c, ALU_STATUS_FLAGS, out | alu_szp(ax, 8));
}

void op_aaa(struct cpu *c, const struct insn *i) { ascii_adjust(c, false); }
void op_aas(struct cpu *c, const struct insn *i) { ascii_adjust(c, true); }

/* AAM imm8 (SDM "AAM"): #DE on a zero base; OF AF CF undefined: cleared. */
void op_aam(struct cpu *c, const struct insn *i)
{
    uint32_t base = i->imm & 0xFF, a = al(c);
    if (base == 0)
        cpu_fault(c, EXC_DE, 0);
    uint32_t r = a % base;
    reg_write(c, R_EAX, ((a / base) << 8) | r, 16);
    flags_set_status(c, ALU_STATUS_FLAGS, alu_szp(r, 8));
}

/*
 * AAD imm8 (SDM "AAD"): AL = AL + AH * base, AH = 0.  OF AF CF are
 * undefined; we give those of the 8-bit addition AL + AH*base, which is how
 * the instruction is executed.
 */
void op_aad(struct cpu *c, const struct insn *i)
{
    struct lazy_flags lf;
    uint32_t base = i->imm & 0xFF, ah = (c->gpr[R_EAX] >> 8) & 0xFF;
    uint32_t r = alu_binop(ALU_ADD, al(c), (ah * base) & 0xFF, 8, false, &lf);
    reg_write(c, R_EAX, r, 16);
    c->lf = lf;
}

/* SALC (D6, undocumented on the 8086-486): AL = CF ? FF : 00. */
void op_salc(struct cpu *c, const struct insn *i)
{
    reg_write(c, R_EAX, get_cf(c) ? 0xFF : 0, 8);
}

/* CBW / CWDE (SDM "CBW/CWDE/CDQE"). */
void op_cbw(struct cpu *c, const struct insn *i)
{
    if (i->flags & INSN_OP32)
        c->gpr[R_EAX] = (uint32_t)(int32_t)(int16_t)c->gpr[R_EAX];
    else
        reg_write(c, R_EAX, (uint32_t)(int16_t)(int8_t)c->gpr[R_EAX], 16);
}

/* CWD / CDQ (SDM "CWD/CDQ/CQO"). */
void op_cwd(struct cpu *c, const struct insn *i)
{
    unsigned w = op_size(i);
    bool neg = reg_read(c, R_EAX, w) & width_sign(w);
    reg_write(c, R_EDX, neg ? 0xFFFFFFFFu : 0, w);
}
