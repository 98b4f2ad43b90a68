/*
 * cpu/alu.c - pure ALU operations: the group-1 arithmetic and logic ops,
 * INC/DEC, lazy flag evaluation, shifts/rotates and SHLD/SHRD.
 *
 * Invariants: no CPU state is touched; every input and output is masked to
 * the operation width.  Flag rules follow the Intel SDM Vol. 1, 3.4.3.1
 * "Status Flags" and the Vol. 2 pages of each instruction; where the SDM
 * calls a flag undefined we produce what the 386/486 produce (documented
 * next to the code).
 */
#include "alu.h"

uint32_t alu_szp(uint32_t res, unsigned width)
{
    uint32_t f = parity_flag(res);
    if ((res & width_mask(width)) == 0)
        f |= 0x40;
    if (res & width_sign(width))
        f |= 0x80;
    return f;
}

uint32_t lazy_flags_eval(const struct lazy_flags *lf)
{
    uint32_t f = alu_szp(lf->res, lf->width);
    f |= lazy_flags_cf(lf) ? 1u : 0u;
    f |= lazy_flags_of(lf) ? 0x800u : 0u;
    /* AF: carry out of bit 3.  Logic ops leave AF clear on the 386/486. */
    if (lf->op != LF_LOGIC)
        f |= (lf->a ^ lf->b ^ lf->res) & 0x10;
    return f;
}

/* Result of a shift that writes all six status flags. */
static struct shift_result shift_flags(uint32_t res, unsigned width, uint32_t cf, uint32_t of)
{
    struct shift_result r;
    r.res = res & width_mask(width);
    r.flags = alu_szp(r.res, width) | (cf ? 1u : 0u) | (of ? 0x800u : 0u);
    r.changed = ALU_STATUS_FLAGS;
    return r;
}

/* Result of a rotate, which writes only CF and OF. */
static struct shift_result rot_flags(uint32_t res, unsigned width, uint32_t cf, uint32_t of)
{
    struct shift_result r = {res & width_mask(width), (cf ? 1u : 0u) | (of ? 0x800u : 0u),
                             0x801u};
    return r;
}

/* Bit @n of @v (0 when n is beyond 63). */
static inline uint32_t bit64(uint64_t v, unsigned n) { return n < 64 ? (v >> n) & 1 : 0; }

/*
 * SHL/SAL, SHR, SAR (SDM Vol. 2 "SAL/SAR/SHL/SHR").  Counts may exceed the
 * width (8/16-bit operands take counts up to 31).  OF extends the count-1
 * formula to every count (see SHR below); AF is left clear.
 */
static struct shift_result do_shift(unsigned op, uint32_t a, unsigned n, unsigned width)
{
    uint32_t s = width_sign(width), m = width_mask(width);
    if (op == 4 || op == 6) {
        uint64_t r = (uint64_t)a << n;
        uint32_t cf = bit64(r, width);
        return shift_flags((uint32_t)r & m, width, cf, ((r & s) != 0) ^ cf);
    }
    if (op == 5) {
        uint32_t cf = bit64(a, n - 1);
        uint32_t res = n >= width ? 0 : a >> n;
        /* OF: for a count of 1 the SDM's MSB of the original operand, which
           equals the XOR of the result's top two bits; that XOR is what the
           286 (SingleStepTests C0 /5) gives for every count. */
        return shift_flags(res, width, cf, ((res ^ (res << 1)) & s) != 0);
    }
    int64_t sa = (a & s) ? (int64_t)a - ((int64_t)m + 1) : (int64_t)a;
    unsigned k = n > 40 ? 40 : n;
    uint32_t cf = (uint32_t)((sa >> (k - 1)) & 1);
    return shift_flags((uint32_t)(sa >> k) & m, width, cf, 0);
}

/* ROL/ROR/RCL/RCR (SDM Vol. 2 "RCL/RCR/ROL/ROR"). */
static struct shift_result do_rotate(unsigned op, uint32_t a, unsigned n, unsigned width,
                                     uint32_t cf_in)
{
    uint32_t s = width_sign(width), m = width_mask(width);
    if (op < 2) {
        unsigned k = n % width;
        uint32_t res = k ? ((a << k) | (a >> (width - k))) & m : a;
        if (op == 1)
            res = k ? ((a >> k) | (a << (width - k))) & m : a;
        if (op == 0)
            return rot_flags(res, width, res & 1, ((res & s) != 0) ^ (res & 1));
        return rot_flags(res, width, (res & s) != 0, ((res ^ (res << 1)) & s) != 0);
    }
    unsigned k = n % (width + 1);
    uint64_t wide = ((uint64_t)cf_in << width) | a; /* width+1 bit value, CF on top */
    uint64_t wm = ((uint64_t)1 << (width + 1)) - 1;
    if (op == 2)
        wide = ((wide << k) | (wide >> (width + 1 - k))) & wm;
    else
        wide = ((wide >> k) | (wide << (width + 1 - k))) & wm;
    uint32_t res = (uint32_t)wide & m, cf = (uint32_t)(wide >> width) & 1;
    if (op == 2)
        return rot_flags(res, width, cf, ((res & s) != 0) ^ cf);
    return rot_flags(res, width, cf, ((res ^ (res << 1)) & s) != 0);
}

struct shift_result alu_shift(unsigned op, uint32_t a, unsigned count, unsigned width,
                              uint32_t flags)
{
    a &= width_mask(width);
    if (count == 0) {
        struct shift_result r = {a, 0, 0};
        return r;
    }
    if (op < 4)
        return do_rotate(op, a, count, width, flags & 1);
    return do_shift(op, a, count, width);
}

/*
 * SHLD/SHRD (SDM Vol. 2 "SHLD", "SHRD").  A count above the operand size
 * (16-bit operands only) has an undefined result; like the 486 we shift
 * through the 32-bit concatenation src:dst repeated, i.e. treat it modulo
 * 32 on a double-width value.  OF follows the count-1 rule for all counts.
 */
struct shift_result alu_shxd(bool left, uint32_t dst, uint32_t src, unsigned count,
                             unsigned width, uint32_t flags)
{
    uint32_t m = width_mask(width), s = width_sign(width);
    dst &= m;
    src &= m;
    if (count == 0) {
        struct shift_result r = {dst, 0, 0};
        return r;
    }
    /* 32-bit: src:dst.  16-bit: the pattern repeats (dst:src:dst), which
       is what a count of 17-31 sees on the 486. */
    unsigned parts = width == 32 ? 2 : 3;
    uint64_t res, cf;
    if (left) {
        uint64_t cat = width == 32 ? ((uint64_t)dst << 32) | src
                                   : ((uint64_t)dst << 32) | ((uint64_t)src << 16) | dst;
        unsigned top = parts * width;
        res = (cat >> (top - width - count)) & m;
        cf = (cat >> (top - count)) & 1;
    } else {
        uint64_t cat = width == 32 ? ((uint64_t)src << 32) | dst
                                   : ((uint64_t)dst << 32) | ((uint64_t)src << 16) | dst;
        res = (cat >> count) & m;
        cf = (cat >> (count - 1)) & 1;
    }
    uint32_t of = ((res ^ dst) & s) != 0;
    return shift_flags((uint32_t)res, width, (uint32_t)cf, of);
}
