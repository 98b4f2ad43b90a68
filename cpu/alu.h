/*
 * cpu/alu.h - pure ALU operations and lazy flag evaluation.
 *
 * Every function here is a pure function of its operands and width: no CPU
 * state, so each can be unit-tested on its own.  Arithmetic results record
 * a struct lazy_flags; the six status flags (OF SF ZF AF PF CF) are only
 * computed from it when something reads them (lazy_flags_eval).
 * Widths are 8, 16 or 32; operands and results are kept masked to the width.
 */
#ifndef T86_ALU_H
#define T86_ALU_H

#include <stdbool.h>
#include <stdint.h>

/** Operation that produced the pending flags. */
enum lf_op { LF_NONE, LF_ADD, LF_ADC, LF_SUB, LF_SBB, LF_LOGIC, LF_INC, LF_DEC };

/** Everything needed to compute OSZAPC later. */
struct lazy_flags {
    uint32_t a, b, res; /**< operands and result, masked to width */
    uint8_t op;         /**< enum lf_op */
    uint8_t width;      /**< 8, 16 or 32 */
    uint8_t cin;        /**< carry in (ADC/SBB) or preserved CF (INC/DEC) */
};

/** The arithmetic status flag bits. */
#define ALU_STATUS_FLAGS 0x8D5u

/** ALU operation numbers, in the 00-3F / group-1 ModRM.reg order. */
enum { ALU_ADD, ALU_OR, ALU_ADC, ALU_SBB, ALU_AND, ALU_SUB, ALU_XOR, ALU_CMP };

/** All-ones mask of @width bits. */
static inline uint32_t width_mask(unsigned width)
{
    return width == 32 ? 0xFFFFFFFFu : ((1u << width) - 1);
}

/** Sign bit of @width. */
static inline uint32_t width_sign(unsigned width) { return 1u << (width - 1); }

/** PF of the low byte of @v: set when it has an even number of 1 bits. */
static inline uint32_t parity_flag(uint32_t v)
{
    return (0x9669u >> ((v ^ (v >> 4)) & 0xF)) & 1 ? 0x4u : 0u;
}

/** Compute OF SF ZF AF PF CF (as EFLAGS bits) from @lf. */
uint32_t lazy_flags_eval(const struct lazy_flags *lf);

/*
 * Single flags of a pending operation, for the hot readers (Jcc, SETcc,
 * ADC/SBB carry-in, INC/DEC) that need one or two flags, not all six.
 * Each agrees with the corresponding bit of lazy_flags_eval.
 */

/** CF of @lf (0 or 1). */
static inline bool lazy_flags_cf(const struct lazy_flags *lf)
{
    switch (lf->op) {
    case LF_ADD: return lf->res < lf->a;
    case LF_ADC: return lf->res < lf->a || (lf->cin && lf->res == lf->a);
    case LF_SUB: return lf->a < lf->b;
    case LF_SBB: return (uint64_t)lf->a < (uint64_t)lf->b + lf->cin;
    case LF_INC:
    case LF_DEC: return lf->cin;
    default: return false;
    }
}

/** OF of @lf. */
static inline bool lazy_flags_of(const struct lazy_flags *lf)
{
    uint32_t s = width_sign(lf->width);
    switch (lf->op) {
    case LF_ADD:
    case LF_ADC: return (lf->a ^ lf->res) & (lf->b ^ lf->res) & s;
    case LF_SUB:
    case LF_SBB: return (lf->a ^ lf->b) & (lf->a ^ lf->res) & s;
    case LF_INC: return lf->res == s;
    case LF_DEC: return lf->res == s - 1;
    default: return false;
    }
}

/** ZF of @lf (results are kept masked to the width). */
static inline bool lazy_flags_zf(const struct lazy_flags *lf) { return lf->res == 0; }

/** SF of @lf. */
static inline bool lazy_flags_sf(const struct lazy_flags *lf)
{
    return lf->res & width_sign(lf->width);
}

/**
 * (Inline so that the lazy-flag record lives in registers until it is
 * stored into the CPU: a record built in memory and copied whole stalls
 * store forwarding.)
 * One of the eight group-1 operations (ALU_*) on @a and @b at @width, with
 * carry-in @cin for ADC/SBB.  Fills @lf and returns the result (CMP returns
 * @a unchanged, its flags being those of SUB).
 */
static inline uint32_t alu_binop(unsigned op, uint32_t a, uint32_t b, unsigned width, bool cin,
                   struct lazy_flags *lf)
{
    uint32_t m = width_mask(width), res;
    uint8_t kind;
    switch (op) {
    case ALU_ADD: res = a + b; kind = LF_ADD; break;
    case ALU_OR: res = a | b; kind = LF_LOGIC; break;
    case ALU_ADC: res = a + b + cin; kind = LF_ADC; break;
    case ALU_SBB: res = a - b - cin; kind = LF_SBB; break;
    case ALU_AND: res = a & b; kind = LF_LOGIC; break;
    case ALU_XOR: res = a ^ b; kind = LF_LOGIC; break;
    default: res = a - b; kind = LF_SUB; break; /* SUB, CMP */
    }
    lf->a = a & m;
    lf->b = b & m;
    lf->res = res & m;
    lf->op = kind;
    lf->width = (uint8_t)width;
    lf->cin = cin;
    return op == ALU_CMP ? (a & m) : (res & m);
}

/** INC (@dec false) or DEC at @width; @cf is the CF to preserve. */
static inline uint32_t alu_incdec(bool dec, uint32_t a, unsigned width, bool cf, struct lazy_flags *lf)
{
    uint32_t m = width_mask(width);
    lf->a = a & m;
    lf->b = 1;
    lf->res = (dec ? a - 1 : a + 1) & m;
    lf->op = dec ? LF_DEC : LF_INC;
    lf->width = (uint8_t)width;
    lf->cin = cf;
    return lf->res;
}

/** SZP flags of a result at @width (for eager flag computations). */
uint32_t alu_szp(uint32_t res, unsigned width);

/** Result of a shift/rotate with its complete new status flags. */
struct shift_result {
    uint32_t res;
    uint32_t flags;   /**< new values of the flags in @changed */
    uint32_t changed; /**< which EFLAGS bits the operation wrote */
};

/**
 * Group-2 shift or rotate @op (0=ROL 1=ROR 2=RCL 3=RCR 4=SHL 5=SHR 6=SAL 7=SAR)
 * of @a by @count (already masked to 5 bits) at @width, given the current
 * @flags (for CF in and for the flags a zero count leaves alone).
 * Follows the 386/486 results (SDM Vol. 2, "SAL/SAR/SHL/SHR", "RCL/RCR/ROL/ROR").
 */
struct shift_result alu_shift(unsigned op, uint32_t a, unsigned count, unsigned width,
                              uint32_t flags);

/** SHLD (@left) / SHRD of @dst with fill bits from @src by @count (masked 0-31). */
struct shift_result alu_shxd(bool left, uint32_t dst, uint32_t src, unsigned count,
                             unsigned width, uint32_t flags);

#endif
