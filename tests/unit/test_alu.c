/*
 * tests/unit/test_alu.c - the pure ALU functions of cpu/alu.c.
 *
 * Two kinds of test:
 *   - tables of hand-checked cases (operands, width, expected result and
 *     OSZAPC), each derived from the SDM's definition of the flags;
 *   - a differential run against the host processor: on an x86 host the
 *     same operation is executed natively and every flag the SDM defines
 *     for it is compared, over edge values and seeded random operands.
 *     The host is an oracle we did not write.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "cpu/alu.h"

enum { F_C = 0x1, F_P = 0x4, F_A = 0x10, F_Z = 0x40, F_S = 0x80, F_O = 0x800 };

struct binop_case {
    unsigned op, width;
    uint32_t a, b;
    bool cin;
    uint32_t res, flags;
};

static const struct binop_case binop_table[] = {
    {ALU_ADD, 8, 0x7F, 0x01, 0, 0x80, F_O | F_S | F_A},
    {ALU_ADD, 8, 0xFF, 0x01, 0, 0x00, F_C | F_Z | F_A | F_P},
    {ALU_ADD, 16, 0x8000, 0x8000, 0, 0x0000, F_C | F_O | F_Z | F_P},
    {ALU_ADD, 32, 0xFFFFFFFF, 0xFFFFFFFF, 0, 0xFFFFFFFE, F_C | F_S | F_A},
    {ALU_ADC, 8, 0xFF, 0x00, 1, 0x00, F_C | F_Z | F_A | F_P},
    {ALU_ADC, 16, 0x7FFF, 0x0000, 1, 0x8000, F_O | F_S | F_A | F_P},
    {ALU_SUB, 8, 0x00, 0x01, 0, 0xFF, F_C | F_S | F_A | F_P},
    {ALU_SUB, 8, 0x80, 0x01, 0, 0x7F, F_O | F_A},
    {ALU_SBB, 32, 0x00000000, 0xFFFFFFFF, 1, 0x00000000, F_C | F_Z | F_A | F_P},
    {ALU_SBB, 16, 0x8000, 0x0000, 1, 0x7FFF, F_O | F_A | F_P},
    {ALU_CMP, 16, 0x1234, 0x1234, 0, 0x1234, F_Z | F_P},
    {ALU_AND, 8, 0xF0, 0x0F, 0, 0x00, F_Z | F_P},
    {ALU_OR, 32, 0x80000000, 0x1, 0, 0x80000001, F_S},
    {ALU_XOR, 16, 0xFFFF, 0x00FF, 0, 0xFF00, F_S | F_P},
};

START_TEST(test_alu_binop_table)
{
    const struct binop_case *t = &binop_table[_i];
    struct lazy_flags lf;
    uint32_t r = alu_binop(t->op, t->a, t->b, t->width, t->cin, &lf);
    ck_assert_msg(r == t->res, "case %d: result %#x want %#x", _i, r, t->res);
    uint32_t f = lazy_flags_eval(&lf);
    ck_assert_msg(f == t->flags, "case %d: flags %#x want %#x", _i, f, t->flags);
}
END_TEST

START_TEST(test_incdec_preserves_cf_and_sets_of_at_sign_boundary)
{
    struct lazy_flags lf;
    ck_assert_uint_eq(alu_incdec(false, 0x7FFF, 16, true, &lf), 0x8000);
    ck_assert_uint_eq(lazy_flags_eval(&lf), F_O | F_S | F_A | F_P | F_C);
    ck_assert_uint_eq(alu_incdec(true, 0x80, 8, false, &lf), 0x7F);
    ck_assert_uint_eq(lazy_flags_eval(&lf), F_O | F_A);
    ck_assert_uint_eq(alu_incdec(true, 0x1, 32, true, &lf), 0);
    ck_assert_uint_eq(lazy_flags_eval(&lf), F_Z | F_P | F_C);
}
END_TEST

struct shift_case {
    unsigned op, count, width;
    uint32_t a, flags_in, res, changed_mask, flags;
};

/* op: 0 ROL 1 ROR 2 RCL 3 RCR 4 SHL 5 SHR 7 SAR. */
static const struct shift_case shift_table[] = {
    {4, 1, 8, 0x81, 0, 0x02, 0x8D5, F_C | F_O},         /* SHL: CF=old MSB, OF=MSB^CF */
    {4, 0, 8, 0x81, F_C, 0x81, 0, 0},                   /* zero count: nothing changes */
    {4, 8, 8, 0x01, 0, 0x00, 0x8D5, F_C | F_Z | F_P},   /* last bit out lands in CF */
    {4, 9, 8, 0x01, 0, 0x00, 0x8D5, F_Z | F_P},         /* counts above width: CF 0 */
    {5, 1, 16, 0x8001, 0, 0x4000, 0x8D5, F_C | F_O | F_P}, /* SHR: OF = old MSB */
    {7, 1, 16, 0x8001, 0, 0xC000, 0x8D5, F_C | F_S | F_P}, /* SAR: OF = 0 */
    {7, 31, 8, 0x80, 0, 0xFF, 0x8D5, F_C | F_S | F_P},     /* SAR fills with the sign */
    {0, 1, 8, 0x80, 0, 0x01, 0x801, F_C | F_O},            /* ROL */
    {0, 8, 8, 0x81, 0, 0x81, 0x801, F_C},                  /* ROL by width: CF=LSB */
    {4, 1, 32, 0x40000000, 0, 0x80000000, 0x8D5, F_O | F_S | F_P}, /* SHL into the sign */
    {1, 1, 8, 0x01, 0, 0x80, 0x801, F_C | F_O},            /* ROR: OF = top two bits */
    {2, 1, 8, 0x80, F_C, 0x01, 0x801, F_C | F_O},          /* RCL through CF */
    {2, 9, 8, 0x55, 0, 0x55, 0x801, 0},                    /* RCL by 9 = identity */
    {3, 1, 16, 0x0001, F_C, 0x8000, 0x801, F_C | F_O},     /* RCR */
};

START_TEST(test_shift_table)
{
    const struct shift_case *t = &shift_table[_i];
    struct shift_result r = alu_shift(t->op, t->a, t->count, t->width, t->flags_in);
    ck_assert_msg(r.res == t->res, "case %d: result %#x want %#x", _i, r.res, t->res);
    ck_assert_msg(r.changed == t->changed_mask, "case %d: changed %#x", _i, r.changed);
    /* OF is defined only for a count of 1 (SDM Vol. 2 "SAL/SAR/SHL/SHR"). */
    uint32_t defined = t->count == 1 ? 0x8D5u : 0x0D5u;
    ck_assert_msg((r.flags & r.changed & defined) == t->flags, "case %d: flags %#x want %#x", _i,
                  r.flags & r.changed, t->flags);
}
END_TEST

START_TEST(test_shld_shrd_fill_from_source)
{
    struct shift_result r = alu_shxd(true, 0x12345678, 0x9ABCDEF0, 8, 32, 0);
    ck_assert_uint_eq(r.res, 0x3456789A);
    ck_assert_uint_eq(r.flags & F_C, 0); /* bit 24 of dst (0x12) shifted out last: 0 */
    r = alu_shxd(false, 0x12345678, 0x9ABCDEF0, 4, 32, 0);
    ck_assert_uint_eq(r.res, 0x01234567);
    ck_assert_uint_eq(r.flags & F_C, F_C); /* bit 3 of 0x...78 is 1 */
    r = alu_shxd(true, 0x8000, 0x0001, 1, 16, 0);
    ck_assert_uint_eq(r.res, 0x0000);
    ck_assert_uint_eq(r.flags & (F_C | F_O | F_Z), F_C | F_O | F_Z);
}
END_TEST

#if defined(__x86_64__) || defined(__i386__)
/* ---- differential run against the host processor ------------------------ */

/* Run @op natively; returns the result and the host's flags in *@fl. */
static uint32_t host_binop(unsigned op, uint32_t a, uint32_t b, unsigned w, bool cin, uint32_t *fl)
{
    unsigned long f = cin ? 1 : 0, flags;
    uint32_t r = a;
#define HOST(insn, cons, type)                                                                 \
    do {                                                                                       \
        type x = (type)a;                                                                      \
        __asm__("push %[f]\n\tpopf\n\t" insn " %[b], %[x]\n\tpushf\n\tpop %[o]"              \
                : [x] "+" cons(x), [o] "=r"(flags)                                             \
                : [b] cons((type)b), [f] "r"(f)                                                \
                : "cc");                                                                       \
        r = (uint32_t)x;                                                                       \
    } while (0)
    static const char *const names[8] = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
    (void)names;
    switch (w * 8 + op) {
    case 64: HOST("addb", "q", uint8_t); break;
    case 65: HOST("orb", "q", uint8_t); break;
    case 66: HOST("adcb", "q", uint8_t); break;
    case 67: HOST("sbbb", "q", uint8_t); break;
    case 68: HOST("andb", "q", uint8_t); break;
    case 69: HOST("subb", "q", uint8_t); break;
    case 70: HOST("xorb", "q", uint8_t); break;
    case 71: HOST("cmpb", "q", uint8_t); break;
    case 128: HOST("addw", "r", uint16_t); break;
    case 129: HOST("orw", "r", uint16_t); break;
    case 130: HOST("adcw", "r", uint16_t); break;
    case 131: HOST("sbbw", "r", uint16_t); break;
    case 132: HOST("andw", "r", uint16_t); break;
    case 133: HOST("subw", "r", uint16_t); break;
    case 134: HOST("xorw", "r", uint16_t); break;
    case 135: HOST("cmpw", "r", uint16_t); break;
    case 256: HOST("addl", "r", uint32_t); break;
    case 257: HOST("orl", "r", uint32_t); break;
    case 258: HOST("adcl", "r", uint32_t); break;
    case 259: HOST("sbbl", "r", uint32_t); break;
    case 260: HOST("andl", "r", uint32_t); break;
    case 261: HOST("subl", "r", uint32_t); break;
    case 262: HOST("xorl", "r", uint32_t); break;
    default: HOST("cmpl", "r", uint32_t); break;
    }
#undef HOST
    *fl = (uint32_t)flags & 0x8D5u;
    return r;
}

/* Operands: edges of each width, then seeded random values. */
static uint32_t pick(unsigned k, unsigned w)
{
    static const uint32_t edges[] = {0, 1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF,
                                     0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x0F, 0x10};
    uint32_t v = k < 14 ? edges[k] : (uint32_t)rand() ^ ((uint32_t)rand() << 16);
    return v & width_mask(w);
}

START_TEST(test_binop_flags_match_host_cpu)
{
    srand(8086);
    static const unsigned widths[3] = {8, 16, 32};
    unsigned checked = 0;
    for (unsigned op = 0; op < 8; op++)
        for (unsigned wi = 0; wi < 3; wi++)
            for (unsigned k = 0; k < 3000; k++) {
                unsigned w = widths[wi];
                uint32_t a = pick(k % 97, w), b = pick((k * 7) % 101, w), hf;
                bool cin = k & 1;
                uint32_t hr = host_binop(op, a, b, w / 8 == 1 ? 8 : w, cin, &hf);
                struct lazy_flags lf;
                uint32_t r = alu_binop(op, a, b, w, cin, &lf);
                uint32_t f = lazy_flags_eval(&lf);
                /* AF is undefined after AND/OR/XOR (SDM Vol. 2 "AND"). */
                uint32_t mask = (op == ALU_OR || op == ALU_AND || op == ALU_XOR) ? 0x8C5 : 0x8D5;
                ck_assert_msg(r == (hr & width_mask(w)) && ((f ^ hf) & mask) == 0,
                              "op %u w%u %#x,%#x cin %d: ours %#x/%#x host %#x/%#x", op, w, a, b,
                              cin, r, f, hr, hf);
                checked++;
            }
    ck_assert_uint_eq(checked, 8 * 3 * 3000);
}
END_TEST

/* Native SHL/SHR/SAR/ROL/ROR/RCL/RCR of a 16-bit value by @n. */
static uint32_t host_shift16(unsigned op, uint16_t a, uint8_t n, bool cin, uint32_t *fl)
{
    unsigned long f = cin ? 1 : 0, flags;
    uint16_t x = a;
#define HSH(insn)                                                                              \
    __asm__("push %[f]\n\tpopf\n\t" insn " %%cl, %[x]\n\tpushf\n\tpop %[o]"                   \
            : [x] "+r"(x), [o] "=r"(flags)                                                     \
            : "c"(n), [f] "r"(f)                                                               \
            : "cc")
    switch (op) {
    case 0: HSH("rolw"); break;
    case 1: HSH("rorw"); break;
    case 2: HSH("rclw"); break;
    case 3: HSH("rcrw"); break;
    case 4: HSH("shlw"); break;
    case 5: HSH("shrw"); break;
    default: HSH("sarw"); break;
    }
#undef HSH
    *fl = (uint32_t)flags;
    return x;
}

START_TEST(test_shift_results_and_defined_flags_match_host_cpu)
{
    srand(80386);
    for (unsigned op = 0; op < 8; op++) {
        if (op == 6)
            continue; /* SAL is SHL */
        for (unsigned k = 0; k < 4000; k++) {
            uint16_t a = (uint16_t)pick(k % 61, 16);
            uint8_t n = (uint8_t)(k % 32);
            bool cin = (k / 32) & 1;
            uint32_t hf, hr = host_shift16(op == 7 ? 7 : op, a, n, cin, &hf);
            struct shift_result r = alu_shift(op, a, n, 16, cin ? 1 : 0);
            ck_assert_msg(r.res == hr, "op %u %#x by %u: %#x host %#x", op, a, n, r.res, hr);
            if (n == 0)
                continue;
            /* Defined for every nonzero count: CF (SHL/SHR only up to the
               width), SF ZF PF for shifts; OF only for a count of 1. */
            uint32_t mask = op >= 4 ? 0xC4 : 0;
            if (op < 4 || n <= 16)
                mask |= F_C;
            if (n == 1)
                mask |= F_O;
            uint32_t ours = (r.flags & r.changed) | ((cin ? 1u : 0u) & ~r.changed);
            ck_assert_msg(((ours ^ hf) & mask) == 0, "op %u %#x by %u: flags %#x host %#x", op,
                          a, n, ours, hf & 0x8D5);
        }
    }
}
END_TEST
#endif

static Suite *alu_suite(void)
{
    Suite *s = suite_create("alu");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, test_alu_binop_table, 0,
                        sizeof(binop_table) / sizeof(binop_table[0]));
    tcase_add_test(tc, test_incdec_preserves_cf_and_sets_of_at_sign_boundary);
    tcase_add_loop_test(tc, test_shift_table, 0, sizeof(shift_table) / sizeof(shift_table[0]));
    tcase_add_test(tc, test_shld_shrd_fill_from_source);
#if defined(__x86_64__) || defined(__i386__)
    tcase_add_test(tc, test_binop_flags_match_host_cpu);
    tcase_add_test(tc, test_shift_results_and_defined_flags_match_host_cpu);
#endif
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(alu_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
