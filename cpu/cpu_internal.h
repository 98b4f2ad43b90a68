/*
 * cpu/cpu_internal.h - the CPU state and the inline helpers every handler
 * family uses (register, memory, stack and flag access).
 *
 * Private to cpu/ and mmu/.  Invariants:
 *   - gpr[EA_NONE] (gpr[8]) is always 0, so EA = gpr[base] + (gpr[index] << scale)
 *     needs no branch for absent registers.
 *   - eflags holds every flag except that, while lf.op != LF_NONE, its six
 *     status flags are stale and lf describes them (see alu.h).
 *   - During a handler, eip already points at the next instruction and
 *     prev_eip / prev_esp hold the values to restore if it faults.
 *   - Handlers never leave an instruction half done except through
 *     cpu_fault(), which unwinds to the run loop (see fault.h).
 * Host is assumed little-endian (x86-64, AArch64).
 */
#ifndef T86_CPU_INTERNAL_H
#define T86_CPU_INTERNAL_H

#include <setjmp.h>
#include <string.h>

#include "../mmu/mmu.h"
#include "alu.h"
#include "cpu.h"
#include "cpu_debug.h"
#include "decode.h"
#include "fault.h"

/** Decoded-instruction cache geometry (entries, direct-mapped). */
#define DCACHE_BITS 15
#define DCACHE_SIZE (1u << DCACHE_BITS)
/** Self-modifying-code granularity: one bit per 64-byte chunk of a page. */
#define SMC_CHUNK_SHIFT 6

/** A cached decoded instruction, keyed by physical address and code size. */
struct decoded {
    uint32_t tag;  /**< physical address of the first byte */
    uint32_t gen;  /**< cache generation; stale when != cpu.dgen */
    uint8_t code32;
    struct insn i;
    /**
     * Successors seen last time: [0] fall-through, [1] the last other
     * target, each with the linear address it was fetched at and the
     * physical address it was decoded from.  Hints only: one is used after
     * checking that the MMU epoch is unchanged (so the linear address still
     * maps to that physical address) and that the entry still holds a live
     * decode of it; a stale hint costs a normal lookup, never a wrong
     * instruction.
     */
    struct succ {
        uint32_t lin, tag;
        struct decoded *d;
    } succ[2];
};

/** Segment descriptor cache attribute bits (descriptor bits 40-47, 52-55). */
enum { SA_TYPE = 0x0F, SA_S = 0x10, SA_DPL = 0x60, SA_P = 0x80, SA_DB = 0x400, SA_G = 0x800 };

/**
 * Access checks of one segment register, derived from its descriptor cache
 * by seg_refresh() whenever the register or the CPU mode changes, so that
 * an access costs one flag test (flat segments) or one range compare.
 * Valid offsets are lo..hi (expand-down segments have lo = limit + 1).
 */
struct seg_acc {
    uint32_t lo, hi;
    bool rd, wr;         /**< fast-path test: reads / writes allowed (false while #AC is armed) */
    bool rd_ok, wr_ok;   /**< the segment's real rights, used by the slow path */
    bool flat_rd, flat_wr; /**< allowed and covering all 4 GiB: no test */
};

struct cpu {
    uint32_t gpr[9];
    uint32_t eip;
    uint32_t eflags;
    struct lazy_flags lf;
    struct cpu_seg seg[SEG_COUNT];
    struct seg_acc acc[SEG_COUNT];
    bool ac_armed; /**< CR0.AM, EFLAGS.AC and CPL 3: accesses check alignment */
    uint32_t cr[5];
    uint32_t dr[8];
    uint32_t testreg[8];
    uint32_t gdtr_base, idtr_base;
    uint16_t gdtr_limit, idtr_limit;
    struct cpu_seg ldtr, tr;
    uint8_t cpl;
    bool code32;  /**< CS.D: default operand/address size */
    bool stack32; /**< SS.B: ESP (true) or SP */

    uint32_t prev_eip, prev_esp;
    uint8_t irq_shadow;   /**< instructions left with interrupts inhibited */
    bool halted;
    bool intr;            /**< INTR line level */
    volatile int stop_req;
    /**
     * Nonzero when the run loop must look at interrupts, shadows, halts,
     * stop requests, shutdown or TF before the next instruction; set with
     * cpu_kick by whatever raises one of those, cleared by the run loop
     * once none is left.  Keeps the per-instruction check to one load.
     */
    volatile int events;

    /* faults (fault.c) */
    jmp_buf fault_jmp;
    int exc_vector;
    uint32_t exc_error;
    int exc_nesting;      /**< exceptions raised while delivering */
    bool shutdown;
    cpu_exception_hook hook;
    void *hook_opaque;

    /* architectural debug registers (debugregs.c) */
    uint8_t dbreg_exec, dbreg_data; /**< DR0-3 enabled as instruction / data breakpoints */
    uint8_t dbreg_io;               /**< DR0-3 enabled as I/O breakpoints (CR4.DE) */
    uint8_t dbreg_hits;             /**< data breakpoints hit by the current instruction */
    bool task_trap;                 /**< a task switch loaded a TSS with the T bit set */

    /* debugger support (debug.c, cpu_debug.h) */
    cpu_debug_fn dbg_fn;
    void *dbg_opaque;
    cpu_watch_fn watch_fn;
    void *watch_opaque;
    uint16_t *watch_count; /**< per physical page, NULL until a first watch */

    /* diagnostics */
    cpu_log_fn log_fn;
    void *log_opaque;
    unsigned log_mask;

    /* memory */
    struct mmu mmu;
    struct decoded *dcache;
    uint32_t dgen;
    uint64_t *code_bits; /**< per physical page, chunks holding decoded code */
    void *code_page_list; /**< pages with code marks (dcache.c) */
    struct insn uncached; /**< decoded instruction that could not be cached */
    /* successor chaining (exec.c): the entry just fetched, the linear
       address just after it, and the MMU epoch it was translated in */
    struct decoded *last;
    uint32_t last_lin_end, last_epoch;
    struct cpu_stats stats;

    uint64_t icount;
    /** cpu_run stops when icount reaches this; string iterations beyond the
     *  first lower it (ops_string.c), so a slice's work is bounded by its
     *  budget counted in instructions and REP iterations. */
    uint64_t slice_end;
    enum cpu_model model;
    struct cpu_bus bus;
};

/** Make the run loop look at pending events before the next instruction. */
static inline void cpu_kick(struct cpu *c) { c->events = 1; }

/* ---- width and registers ---------------------------------------------- */

/** Operation width of @i in bits: 8, 16 or 32. */
static inline unsigned op_width(const struct insn *i)
{
    return i->d->byte ? 8 : (i->flags & INSN_OP32) ? 32 : 16;
}

/** Operand size in bits ignoring the row's byte flag: 16 or 32. */
static inline unsigned op_size(const struct insn *i) { return (i->flags & INSN_OP32) ? 32 : 16; }

/** Read register @r at @width (8-bit numbering AL CL DL BL AH CH DH BH). */
static inline uint32_t reg_read(const struct cpu *c, unsigned r, unsigned width)
{
    if (width == 8)
        return (c->gpr[r & 3] >> ((r & 4) << 1)) & 0xFF;
    if (width == 16)
        return c->gpr[r] & 0xFFFF;
    return c->gpr[r];
}

/** Write register @r at @width, preserving the untouched bits. */
static inline void reg_write(struct cpu *c, unsigned r, uint32_t v, unsigned width)
{
    if (width == 8) {
        unsigned sh = (r & 4) << 1;
        c->gpr[r & 3] = (c->gpr[r & 3] & ~(0xFFu << sh)) | ((v & 0xFF) << sh);
    } else if (width == 16) {
        c->gpr[r] = (c->gpr[r] & 0xFFFF0000u) | (v & 0xFFFF);
    } else {
        c->gpr[r] = v;
    }
}

/** Address-size mask of @i. */
static inline uint32_t addr_mask(const struct insn *i)
{
    return (i->flags & INSN_ADDR32) ? 0xFFFFFFFFu : 0xFFFFu;
}

/** Effective address (offset) of @i's memory operand. */
static inline uint32_t ea_offset(const struct cpu *c, const struct insn *i)
{
    return (c->gpr[i->base] + (c->gpr[i->index] << i->scale) + i->disp) & addr_mask(i);
}

/* ---- memory ------------------------------------------------------------ */

static inline uint32_t host_load(const uint8_t *p, unsigned size)
{
    if (size == 1)
        return *p;
    if (size == 2) {
        uint16_t v;
        memcpy(&v, p, 2);
        return v;
    }
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static inline void host_store(uint8_t *p, uint32_t v, unsigned size)
{
    if (size == 1)
        *p = (uint8_t)v;
    else if (size == 2) {
        uint16_t w = (uint16_t)v;
        memcpy(p, &w, 2);
    } else
        memcpy(p, &v, 4);
}

/** Read @size bytes at linear address @lin. */
static inline uint32_t lin_read(struct cpu *c, uint32_t lin, unsigned size)
{
    struct tlb_entry *e = tlb_slot(&c->mmu, lin);
    if (e->tag_r == tlb_tag(&c->mmu, lin) && (lin & 0xFFF) <= 0x1000 - size) {
        e->hits++;
        return host_load(e->host + (lin & 0xFFF), size);
    }
    return mmu_read_slow(c, lin, size);
}

/** Write @size bytes at linear address @lin. */
static inline void lin_write(struct cpu *c, uint32_t lin, uint32_t v, unsigned size)
{
    struct tlb_entry *e = tlb_slot(&c->mmu, lin);
    if (e->tag_w == tlb_tag(&c->mmu, lin) && (lin & 0xFFF) <= 0x1000 - size) {
        e->hits++;
        host_store(e->host + (lin & 0xFFF), v, size);
    } else {
        mmu_write_slow(c, lin, v, size);
    }
}

/**
 * Supervisor ("implicit") read of descriptor tables, the IDT and the TSS:
 * paging checks it as a CPL 0 access whatever the CPL (SDM Vol. 3, 5.13,
 * 4.6 "Access Rights").
 */
static inline uint32_t lin_read_sys(struct cpu *c, uint32_t lin, unsigned size)
{
    return c->mmu.utag ? mmu_read_acc(c, lin, size, 0) : lin_read(c, lin, size);
}

/** Supervisor write (accessed and busy bits), see lin_read_sys. */
static inline void lin_write_sys(struct cpu *c, uint32_t lin, uint32_t v, unsigned size)
{
    if (c->mmu.utag)
        mmu_write_acc(c, lin, v, size, 0);
    else
        lin_write(c, lin, v, size);
}

/** Write with an explicit privilege (@user: a CPL 3 access under paging). */
static inline void lin_write_as(struct cpu *c, uint32_t lin, uint32_t v, unsigned size, bool user)
{
    if ((c->mmu.utag != 0) == user)
        lin_write(c, lin, v, size);
    else
        mmu_write_acc(c, lin, v, size, user ? MMU_USER : 0);
}

/** Re-evaluate whether alignment checking is armed (CR0.AM, EFLAGS.AC, CPL). */
void ac_update(struct cpu *c);

/** Set the CPL, and the TLB privilege tag that goes with it. */
static inline void cpu_set_cpl(struct cpu *c, unsigned cpl)
{
    c->cpl = (uint8_t)cpl;
    c->mmu.utag = (cpl == 3 && (c->cr[0] & 0x80000000u)) ? TLB_USER : 0;
    if (c->ac_armed || (c->eflags & FL_AC))
        ac_update(c);
}

/**
 * The slow path of a segment access check: alignment (#AC(0) when armed,
 * SDM Vol. 3, 6.15 "Interrupt 17"), then the real rights and range; raises
 * #SS(0) for SS and #GP(0) otherwise (SDM Vol. 3, 5.3, 5.4), or returns
 * when the access is allowed after all.
 */
void seg_check_slow(struct cpu *c, unsigned s, uint32_t off, unsigned size, bool write);

/** True when @size bytes at @off are inside the range of @a. */
static inline bool seg_in_range(const struct seg_acc *a, uint32_t off, unsigned size)
{
    return off >= a->lo && (uint64_t)off + size - 1 <= a->hi;
}

/** Check that @size bytes at @off of segment @s may be read. */
static inline void seg_check_read(struct cpu *c, unsigned s, uint32_t off, unsigned size)
{
    const struct seg_acc *a = &c->acc[s];
    if (!a->flat_rd && !(a->rd && seg_in_range(a, off, size)))
        seg_check_slow(c, s, off, size, false);
}

/** Check that @size bytes at @off of segment @s may be written. */
static inline void seg_check_write(struct cpu *c, unsigned s, uint32_t off, unsigned size)
{
    const struct seg_acc *a = &c->acc[s];
    if (!a->flat_wr && !(a->wr && seg_in_range(a, off, size)))
        seg_check_slow(c, s, off, size, true);
}

/** Read @size bytes at @s:@off. */
static inline uint32_t seg_read(struct cpu *c, unsigned s, uint32_t off, unsigned size)
{
    seg_check_read(c, s, off, size);
    return lin_read(c, c->seg[s].base + off, size);
}

/** Write @size bytes at @s:@off. */
static inline void seg_write(struct cpu *c, unsigned s, uint32_t off, uint32_t v, unsigned size)
{
    seg_check_write(c, s, off, size);
    lin_write(c, c->seg[s].base + off, v, size);
}

/** Read the ModRM r/m operand of @i at @width. */
static inline uint32_t rm_read(struct cpu *c, const struct insn *i, unsigned width)
{
    if (!(i->flags & INSN_MEM))
        return reg_read(c, i->rm, width);
    return seg_read(c, i->seg, ea_offset(c, i), width / 8);
}

/** Write the ModRM r/m operand of @i at @width. */
static inline void rm_write(struct cpu *c, const struct insn *i, uint32_t v, unsigned width)
{
    if (!(i->flags & INSN_MEM))
        reg_write(c, i->rm, v, width);
    else
        seg_write(c, i->seg, ea_offset(c, i), v, width / 8);
}

/* ---- stack ------------------------------------------------------------- */

/** Current stack pointer (SP or ESP by SS.B). */
static inline uint32_t stack_ptr(const struct cpu *c)
{
    return c->stack32 ? c->gpr[R_ESP] : (c->gpr[R_ESP] & 0xFFFF);
}

/** Set the stack pointer, touching only SP when SS.B is clear. */
static inline void set_stack_ptr(struct cpu *c, uint32_t v)
{
    if (c->stack32)
        c->gpr[R_ESP] = v;
    else
        c->gpr[R_ESP] = (c->gpr[R_ESP] & 0xFFFF0000u) | (v & 0xFFFF);
}

/** Push @v as @size bytes (2 or 4). */
static inline void push(struct cpu *c, uint32_t v, unsigned size)
{
    uint32_t sp = (stack_ptr(c) - size) & (c->stack32 ? 0xFFFFFFFFu : 0xFFFFu);
    seg_write(c, SEG_SS, sp, v, size);
    set_stack_ptr(c, sp);
}

/** Pop @size bytes (2 or 4). */
static inline uint32_t pop(struct cpu *c, unsigned size)
{
    uint32_t sp = stack_ptr(c);
    uint32_t v = seg_read(c, SEG_SS, sp, size);
    set_stack_ptr(c, sp + size);
    return v;
}

/** Read @size bytes at stack offset SP + @delta without popping. */
static inline uint32_t stack_peek(struct cpu *c, uint32_t delta, unsigned size)
{
    uint32_t off = (stack_ptr(c) + delta) & (c->stack32 ? 0xFFFFFFFFu : 0xFFFFu);
    return seg_read(c, SEG_SS, off, size);
}

/* ---- flags ------------------------------------------------------------- */

/** Current EFLAGS with the lazy status flags folded in. */
static inline uint32_t flags_get(const struct cpu *c)
{
    if (c->lf.op == LF_NONE)
        return c->eflags;
    return (c->eflags & ~ALU_STATUS_FLAGS) | lazy_flags_eval(&c->lf);
}

/** Fold the lazy flags into eflags so it can be edited directly. */
static inline void flags_commit(struct cpu *c)
{
    c->eflags = flags_get(c);
    c->lf.op = LF_NONE;
}

/** Replace the status flags in @mask with @val (others untouched). */
static inline void flags_set_status(struct cpu *c, uint32_t mask, uint32_t val)
{
    flags_commit(c);
    c->eflags = (c->eflags & ~mask) | (val & mask);
}

/** CF as 0 or 1. */
static inline bool get_cf(const struct cpu *c)
{
    return c->lf.op == LF_NONE ? (c->eflags & FL_CF) : lazy_flags_cf(&c->lf);
}

/** Evaluate condition code @cc from the EFLAGS image @f. */
static inline bool cond_from_flags(uint32_t f, unsigned cc)
{
    bool r;
    switch (cc >> 1) {
    case 0: r = f & FL_OF; break;
    case 1: r = f & FL_CF; break;
    case 2: r = f & FL_ZF; break;
    case 3: r = f & (FL_CF | FL_ZF); break;
    case 4: r = f & FL_SF; break;
    case 5: r = f & FL_PF; break;
    case 6: r = !(f & FL_SF) != !(f & FL_OF); break;
    default: r = (f & FL_ZF) || (!(f & FL_SF) != !(f & FL_OF)); break;
    }
    return r ^ (cc & 1);
}

/**
 * Evaluate condition code @cc (0-15, the low nibble of Jcc/SETcc), reading
 * only the flags it needs from a pending lazy operation.
 */
static inline bool cond_eval(const struct cpu *c, unsigned cc)
{
    const struct lazy_flags *lf = &c->lf;
    if (lf->op == LF_NONE)
        return cond_from_flags(c->eflags, cc);
    bool r;
    switch (cc >> 1) {
    case 0: r = lazy_flags_of(lf); break;
    case 1: r = lazy_flags_cf(lf); break;
    case 2: r = lazy_flags_zf(lf); break;
    case 3: r = lazy_flags_cf(lf) || lazy_flags_zf(lf); break;
    case 4: r = lazy_flags_sf(lf); break;
    case 5: r = parity_flag(lf->res) != 0; break;
    case 6: r = lazy_flags_sf(lf) != lazy_flags_of(lf); break;
    default: r = lazy_flags_zf(lf) || (lazy_flags_sf(lf) != lazy_flags_of(lf)); break;
    }
    return r ^ (cc & 1);
}

/**
 * Write EFLAGS from a POPF/IRET/SAHF-style value: bits in @mask change,
 * restricted to what the model can write (AC on 486+, ID on Pentium) and
 * keeping the fixed bits (1 set; 3, 5, 15 clear).
 */
void flags_write(struct cpu *c, uint32_t val, uint32_t mask);

/* ---- I/O ports ---------------------------------------------------------- */

/**
 * Check that the current privilege may access @size ports at @port.
 * Real mode always may; protected-mode IOPL and the TSS bitmap are
 * checked in segment.c (io_permission_slow).
 */
void io_permission_slow(struct cpu *c, uint16_t port, unsigned size);
/** A port access (I/O breakpoints with CR4.DE): record hits (debugregs.c). */
void debugregs_io(struct cpu *c, uint16_t port, unsigned size);
static inline void io_check(struct cpu *c, uint16_t port, unsigned size)
{
    if (c->cr[0] & 1)
        io_permission_slow(c, port, size);
    if (c->dbreg_io)
        debugregs_io(c, port, size);
}

/** IN: read @size bytes from @port through the bus. */
static inline uint32_t port_in(struct cpu *c, uint16_t port, unsigned size)
{
    io_check(c, port, size);
    return c->bus.io_read(c->bus.opaque, port, size) & width_mask(size * 8);
}

/** OUT: write @size bytes to @port through the bus. */
static inline void port_out(struct cpu *c, uint16_t port, uint32_t v, unsigned size)
{
    io_check(c, port, size);
    c->bus.io_write(c->bus.opaque, port, v & width_mask(size * 8), size);
}

/* ---- control transfer and segments (cpu/segment.c, cpu/interrupt.c) ---- */

/** True in protected mode outside virtual-8086 mode. */
static inline bool pm_mode(const struct cpu *c)
{
    return (c->cr[0] & 1) && !(c->eflags & FL_VM);
}

/** Recompute the access checks of segment register @s (after any change). */
void seg_refresh(struct cpu *c, unsigned s);
/** seg_refresh for every segment register, and CPL/code and stack size. */
void seg_refresh_all(struct cpu *c);
/**
 * Load data or stack segment register @s (not CS) with @sel: the real-mode
 * rule, or every protected-mode check of SDM Vol. 2 "MOV" / "POP".
 */
void seg_load(struct cpu *c, unsigned s, uint16_t sel);
/** seg_load during a task switch: wrong descriptors raise #TS(selector). */
void seg_load_task(struct cpu *c, unsigned s, uint16_t sel);
/** Far JMP to @sel:@eip (real mode, or a code segment in protected mode). */
void far_jump(struct cpu *c, uint16_t sel, uint32_t eip);
/**
 * Far CALL to @sel:@eip pushing CS:EIP as @n-byte slots (real mode, or a
 * same-privilege code segment in protected mode).
 */
void far_call(struct cpu *c, uint16_t sel, uint32_t eip, unsigned n);
/**
 * Far RET with @n-byte slots, releasing @extra more bytes; in protected
 * mode also the return to an outer privilege level.
 */
void far_return(struct cpu *c, unsigned n, uint32_t extra);
/** IRET with @n-byte slots (real mode or protected mode). */
void interrupt_return(struct cpu *c, unsigned n);
/** Deliver interrupt @vector (software INT n/INT3/INTO: @soft true). */
void cpu_interrupt(struct cpu *c, int vector, bool soft);
/**
 * Raise a trap-class exception between instructions (single-step, data
 * breakpoint): offer it to the exception hook, then deliver it unless the
 * hook resumed.  Faults go through cpu_fault instead.
 */
void cpu_raise(struct cpu *c, int vector, uint32_t error_code);
/** Deliver exception @vector (after the hook declined it). */
void cpu_deliver_exception(struct cpu *c, int vector, uint32_t error_code);
/** Deliver the single-step #DB trap after an instruction run with TF=1. */
void cpu_single_step_trap(struct cpu *c);
/** Log a message in @category if enabled (CPU_LOG_*). */
void cpu_log(struct cpu *c, unsigned category, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- debug registers (cpu/debugregs.c) ------------------------------------ */

/** DR7 (or a DR0-3) changed: recompute the enabled breakpoints. */
void debugregs_changed(struct cpu *c);
/** True when linear page of @lin holds an enabled data breakpoint. */
bool debugregs_page_watched(const struct cpu *c, uint32_t lin);
/** An access of @size bytes at @lin (slow path): record data breakpoint hits. */
void debugregs_access(struct cpu *c, uint32_t lin, unsigned size, bool write);
/** True (DR6 updated) when an instruction breakpoint matches @lin. */
bool debugregs_exec_hit(struct cpu *c, uint32_t lin);
/** Deliver the #DB trap for the data breakpoints the last instruction hit. */
void debugregs_deliver_data_trap(struct cpu *c);

/* ---- debugger support (cpu/debug.c) -------------------------------------- */

/** True when physical page of @paddr is watched. */
bool page_watched(const struct cpu *c, uint32_t paddr);
/** Report an access to a watched page to the watch hook. */
void cpu_watch_access(struct cpu *c, uint32_t paddr, unsigned size, bool write, uint32_t old,
                      uint32_t val);
/** Call the debug hook for the instruction at CS:EIP; true: stop before it. */
bool cpu_debug_check(struct cpu *c);

/* ---- decoded-instruction cache (cpu/dcache.c) --------------------------- */

/** Physical write of @size bytes at @paddr seen by the SMC detector. */
void smc_write(struct cpu *c, uint32_t paddr, unsigned size);
/** True when physical page @ppage holds decoded code. */
static inline bool page_has_code(const struct cpu *c, uint32_t ppage)
{
    return c->code_bits[ppage >> 12] != 0;
}

#endif
