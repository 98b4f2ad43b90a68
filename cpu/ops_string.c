/*
 * cpu/ops_string.c - the string instructions MOVS, CMPS, STOS, LODS, SCAS,
 * INS and OUTS, with REP, REPE and REPNE in both address sizes.
 *
 * Invariants:
 *   - The source is seg:(E)SI with seg = DS or the override; the
 *     destination is always ES:(E)DI (SDM Vol. 2 "MOVS").  The address size
 *     picks SI/DI/CX or ESI/EDI/ECX; a 16-bit size changes only the low
 *     words, wrapping at 64K.
 *   - One iteration does its memory and port accesses before it moves any
 *     index register, so a fault leaves a consistent state to restart from.
 *   - A REP instruction runs at most REP_CHUNK iterations per step, then
 *     asks the run loop to execute it again (not counted as retired) so
 *     interrupts and
 *     stop requests are seen between chunks, as on hardware, where a REP
 *     string instruction is interruptible between iterations (SDM Vol. 2
 *     "REP/REPE/REPZ/REPNE/REPNZ").
 *   - Every iteration uses up one instruction of the run slice's budget
 *     (cpu_run), though the REP retires once: a guest that spends its time
 *     in long REP STOSD/MOVSD (redrawing a framebuffer) still ends its
 *     slices on time, so timers, -exit-after and the window are served.
 *   - F2 acts as plain REP on the instructions that do not test ZF.
 *   - A data breakpoint hit ends the chunk after the iteration that hit it,
 *     so its #DB trap reports EIP at the REP instruction with the counts of
 *     the iterations done (SDM Vol. 3, 17.3.1.2).
 */
#include "cpu_internal.h"
#include "optable_handlers.h"

enum { REP_CHUNK = 1024 };

/* Element size in bytes. */
static inline unsigned esize(const struct insn *i)
{
    return op_width(i) / 8;
}

/* Index register value at the address size. */
static inline uint32_t sidx(const struct cpu *c, const struct insn *i, unsigned r)
{
    return c->gpr[r] & addr_mask(i);
}

/* Move index register @r one element on, by DF. */
static inline void advance(struct cpu *c, const struct insn *i, unsigned r)
{
    uint32_t step = (c->eflags & FL_DF) ? (uint32_t) - (int32_t)esize(i) : esize(i);
    uint32_t m = addr_mask(i);
    c->gpr[r] = (c->gpr[r] & ~m) | ((c->gpr[r] + step) & m);
}

/* One iteration; returns the ZF the iteration produced (CMPS/SCAS). */
typedef bool (*str_iter)(struct cpu *c, const struct insn *i);

static bool movs_once(struct cpu *c, const struct insn *i)
{
    unsigned n = esize(i);
    uint32_t v = seg_read(c, i->seg, sidx(c, i, R_ESI), n);
    seg_write(c, SEG_ES, sidx(c, i, R_EDI), v, n);
    advance(c, i, R_ESI);
    advance(c, i, R_EDI);
    return true;
}

static bool stos_once(struct cpu *c, const struct insn *i)
{
    unsigned n = esize(i);
    seg_write(c, SEG_ES, sidx(c, i, R_EDI), c->gpr[R_EAX], n);
    advance(c, i, R_EDI);
    return true;
}

static bool lods_once(struct cpu *c, const struct insn *i)
{
    unsigned n = esize(i);
    reg_write(c, R_EAX, seg_read(c, i->seg, sidx(c, i, R_ESI), n), n * 8);
    advance(c, i, R_ESI);
    return true;
}

/* CMPS compares [src] - [dst] (SDM "CMPS": SRC1 is the DS:SI operand). */
static bool cmps_once(struct cpu *c, const struct insn *i)
{
    unsigned n = esize(i);
    uint32_t a = seg_read(c, i->seg, sidx(c, i, R_ESI), n);
    uint32_t b = seg_read(c, SEG_ES, sidx(c, i, R_EDI), n);
    alu_binop(ALU_CMP, a, b, n * 8, false, &c->lf);
    advance(c, i, R_ESI);
    advance(c, i, R_EDI);
    return a == b;
}

static bool scas_once(struct cpu *c, const struct insn *i)
{
    unsigned n = esize(i);
    uint32_t b = seg_read(c, SEG_ES, sidx(c, i, R_EDI), n);
    uint32_t a = reg_read(c, R_EAX, n * 8);
    alu_binop(ALU_CMP, a, b, n * 8, false, &c->lf);
    advance(c, i, R_EDI);
    return a == b;
}

/* INS: the destination is checked before the port is read. */
static bool ins_once(struct cpu *c, const struct insn *i)
{
    unsigned n = esize(i);
    uint32_t di = sidx(c, i, R_EDI);
    seg_check_write(c, SEG_ES, di, n);
    uint32_t v = port_in(c, (uint16_t)c->gpr[R_EDX], n);
    seg_write(c, SEG_ES, di, v, n);
    advance(c, i, R_EDI);
    return true;
}

static bool outs_once(struct cpu *c, const struct insn *i)
{
    unsigned n = esize(i);
    uint32_t v = seg_read(c, i->seg, sidx(c, i, R_ESI), n);
    port_out(c, (uint16_t)c->gpr[R_EDX], v, n);
    advance(c, i, R_ESI);
    return true;
}

/* Decrement the count register at the address size; returns the new count. */
static inline uint32_t count_dec(struct cpu *c, const struct insn *i)
{
    uint32_t m = addr_mask(i);
    c->gpr[R_ECX] = (c->gpr[R_ECX] & ~m) | ((c->gpr[R_ECX] - 1) & m);
    return c->gpr[R_ECX] & m;
}

/*
 * Run @fn once, or under a REP prefix up to REP_CHUNK times.  @tests_zf:
 * REPE stops when an iteration clears ZF, REPNE when one sets it.
 */
/* Up to REP_CHUNK iterations; *@done gets how many ran.  True when the
 * REP has ended (count exhausted, or REPE/REPNE's condition failed). */
static bool rep_iterate(struct cpu *c, const struct insn *i, str_iter fn, bool tests_zf,
                        unsigned *done)
{
    bool want_eq = (i->flags & INSN_REPZ) != 0;
    for (*done = 0; *done < REP_CHUNK;) {
        if (sidx(c, i, R_ECX) == 0)
            return true;
        bool eq = fn(c, i);
        ++*done;
        uint32_t left = count_dec(c, i);
        if ((tests_zf && eq != want_eq) || left == 0)
            return true;
        if (c->dbreg_hits) /* data breakpoint: trap after this iteration */
            return false;
    }
    return false;
}

/* Charge @n more string iterations to the run slice as instructions, so a
 * slice's work is bounded by its budget; never below the instruction in
 * progress (a slice always completes what it started retiring). */
static void rep_charge(struct cpu *c, unsigned n)
{
    uint64_t room = c->slice_end > c->icount + 1 ? c->slice_end - c->icount - 1 : 0;
    c->slice_end -= n < room ? n : room;
}

static void string_run(struct cpu *c, const struct insn *i, str_iter fn, bool tests_zf)
{
    if (!(i->flags & (INSN_REPZ | INSN_REPNZ))) {
        fn(c, i);
        return;
    }
    unsigned done;
    bool ended = rep_iterate(c, i, fn, tests_zf, &done);
    if (!ended) {
        c->eip = c->prev_eip;
        c->icount--; /* not retired yet: the run loop's increment is undone */
    }
    rep_charge(c, ended && done ? done - 1 : done);
}

void op_movs(struct cpu *c, const struct insn *i)
{
    string_run(c, i, movs_once, false);
}
void op_stos(struct cpu *c, const struct insn *i)
{
    string_run(c, i, stos_once, false);
}
void op_lods(struct cpu *c, const struct insn *i)
{
    string_run(c, i, lods_once, false);
}
void op_cmps(struct cpu *c, const struct insn *i)
{
    string_run(c, i, cmps_once, true);
}
void op_scas(struct cpu *c, const struct insn *i)
{
    string_run(c, i, scas_once, true);
}
void op_ins(struct cpu *c, const struct insn *i)
{
    string_run(c, i, ins_once, false);
}
void op_outs(struct cpu *c, const struct insn *i)
{
    string_run(c, i, outs_once, false);
}
