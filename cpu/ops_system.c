/*
 * cpu/ops_system.c - system instructions: descriptor-table registers
 * (SGDT/SIDT/LGDT/LIDT, SLDT/STR/LLDT/LTR), segment checks (VERR/VERW,
 * LAR/LSL, ARPL), machine status word (SMSW/LMSW/CLTS), control, debug and
 * test register moves, cache/TLB control (INVD/WBINVD/INVLPG), HLT,
 * CLI/STI, CPUID, RDTSC and RDMSR/WRMSR.
 *
 * Scope: real-address mode and CPL 0.  Protected-mode rules that need
 * descriptors arrive with the protected-mode issue; until then every
 * privileged handler calls require_cpl0(), which already raises #GP(0) when
 * CR0.PE=1 and CPL>0 (this covers virtual-8086 mode, where CPL is 3).
 *
 * Invariants:
 *   - Every check and every memory access that can fault happens before the
 *     first write to architectural state (fault.h); multi-part memory
 *     stores check the whole operand against the segment limit first.
 *   - Exception priority: #UD for an invalid register number (a decode-time
 *     fault) is raised before the privilege #GP(0) (SDM Vol. 3, 6.9, Table
 *     6-2: decode faults outrank faults on executing the instruction).
 *   - Any change to state the MMU caches (CR0.PG/WP/PE, CR3, CR4.PSE and
 *     INVLPG) flushes the software TLB through mmu_flush().
 * Reference: Intel SDM Vol. 2 instruction pages named per handler, and
 * Vol. 3 2.5 (control registers), 17.2 (debug registers).
 */
#include "cpu_internal.h"
#include "optable_handlers.h"
#include "vme.h"

/* CR0 bits (SDM Vol. 3, 2.5). */
enum {
    CR0_PE = 1u << 0, CR0_MP = 1u << 1, CR0_EM = 1u << 2, CR0_TS = 1u << 3,
    CR0_ET = 1u << 4, CR0_NE = 1u << 5, CR0_WP = 1u << 16, CR0_AM = 1u << 18,
    CR0_NW = 1u << 29, CR0_CD = 1u << 30, CR0_PG = 1u << 31
};
/* CR4 bits implemented by the Pentium (SDM Vol. 3, 2.5). */
enum {
    CR4_VME = 1u << 0, CR4_PVI = 1u << 1, CR4_TSD = 1u << 2, CR4_DE = 1u << 3,
    CR4_PSE = 1u << 4, CR4_MCE = 1u << 6
};
/* DR6/DR7 fixed bits (SDM Vol. 3, 17.2.3, 17.2.4). */
enum { DR6_FIXED1 = 0xFFFF0FF0u, DR6_BIT12 = 1u << 12, DR6_BD = 1u << 13 };
enum { DR7_FIXED1 = 1u << 10, DR7_RSVD0 = 0xD800u, DR7_BIT12 = 1u << 12, DR7_GD = 1u << 13 };

/** MSR number of the time-stamp counter (SDM Vol. 4, IA32_TIME_STAMP_COUNTER). */
#define MSR_TSC 0x10u

/** True in protected mode (CR0.PE set). */
static inline bool prot_mode(const struct cpu *c) { return c->cr[0] & CR0_PE; }

/** True in protected mode outside virtual-8086 mode. */
static inline bool pm_not_v86(const struct cpu *c)
{
    return prot_mode(c) && !(c->eflags & FL_VM);
}

/**
 * Privileged instructions: #GP(0) when CR0.PE=1 and CPL>0 (SDM Vol. 3, 5.9
 * "Privileged Instructions").  Real mode always runs at CPL 0.
 */
static void require_cpl0(struct cpu *c)
{
    if (prot_mode(c) && c->cpl > 0)
        cpu_fault(c, EXC_GP, 0);
}


/* ---- descriptor-table registers ------------------------------------------ */

/*
 * SGDT/SIDT m (SDM "SGDT", "SIDT"): 16-bit limit, then the 32-bit base.
 * With a 16-bit operand size only 24 base bits are stored and the fourth
 * base byte is written as 0 (386 and later; the 286 wrote FFh).
 */
static void store_table_reg(struct cpu *c, const struct insn *i, uint16_t limit, uint32_t base)
{
    uint32_t off = ea_offset(c, i);
    seg_check_write(c, i->seg, off, 6);
    if (!(i->flags & INSN_OP32))
        base &= 0x00FFFFFFu;
    seg_write(c, i->seg, off, limit, 2);
    seg_write(c, i->seg, off + 2, base, 4);
}

void op_sgdt(struct cpu *c, const struct insn *i)
{
    store_table_reg(c, i, c->gdtr_limit, c->gdtr_base);
}

void op_sidt(struct cpu *c, const struct insn *i)
{
    store_table_reg(c, i, c->idtr_limit, c->idtr_base);
}

/*
 * LGDT/LIDT m (SDM "LGDT/LIDT"): read limit and base before changing
 * anything; a 16-bit operand size keeps only 24 base bits.  Privileged.
 */
static void load_table_reg(struct cpu *c, const struct insn *i, uint16_t *limit, uint32_t *base)
{
    require_cpl0(c);
    uint32_t off = ea_offset(c, i);
    seg_check_read(c, i->seg, off, 6);
    uint16_t l = (uint16_t)seg_read(c, i->seg, off, 2);
    uint32_t b = seg_read(c, i->seg, off + 2, 4);
    if (!(i->flags & INSN_OP32))
        b &= 0x00FFFFFFu;
    *limit = l;
    *base = b;
}

void op_lgdt(struct cpu *c, const struct insn *i)
{
    load_table_reg(c, i, &c->gdtr_limit, &c->gdtr_base);
}

void op_lidt(struct cpu *c, const struct insn *i)
{
    load_table_reg(c, i, &c->idtr_limit, &c->idtr_base);
}

/* ---- machine status word ------------------------------------------------- */

/*
 * SMSW r/m (SDM "SMSW"): memory gets the low 16 bits of CR0.  A 32-bit
 * register destination gets all of CR0 (the SDM leaves its high half
 * undefined; the 386, 486 and Pentium copy the whole register).
 */
void op_smsw(struct cpu *c, const struct insn *i)
{
    if (i->flags & INSN_MEM)
        rm_write(c, i, c->cr[0] & 0xFFFF, 16);
    else
        reg_write(c, i->rm, c->cr[0], op_size(i));
}

/*
 * LMSW r/m16 (SDM "LMSW"): loads only PE, MP, EM and TS; PE can be set
 * but not cleared.  Privileged.
 */
void op_lmsw(struct cpu *c, const struct insn *i)
{
    require_cpl0(c);
    uint32_t msw = rm_read(c, i, 16) & 0xF;
    uint32_t old = c->cr[0];
    c->cr[0] = (old & ~0xEu) | (msw & 0xEu) | ((old | msw) & CR0_PE);
    if ((old ^ c->cr[0]) & CR0_PE) {
        mmu_flush(&c->mmu);
        seg_refresh_all(c);
    }
}

/* CLTS (SDM "CLTS"): clear CR0.TS.  Privileged. */
void op_clts(struct cpu *c, const struct insn *i)
{
    require_cpl0(c);
    c->cr[0] &= ~(uint32_t)CR0_TS;
}

/* ---- caches and TLB ------------------------------------------------------ */

/*
 * INVLPG m (SDM "INVLPG"): invalidate the TLB entry of the operand's page.
 * No limit check and no memory access.  The MMU offers only a full flush,
 * which is a correct (if broader) invalidation.  Privileged.
 */
void op_invlpg(struct cpu *c, const struct insn *i)
{
    require_cpl0(c);
    mmu_invlpg(&c->mmu, c->seg[i->seg].base + ea_offset(c, i));
}

/* INVD / WBINVD (SDM "INVD", "WBINVD"): no caches are modelled.  Privileged. */
void op_invd(struct cpu *c, const struct insn *i)
{
    require_cpl0(c);
}

void op_wbinvd(struct cpu *c, const struct insn *i)
{
    require_cpl0(c);
}

/* ---- control registers (SDM "MOV—Move to/from Control Registers") -------- */

/** #UD unless CR@n exists on this model: CR0, CR2, CR3; CR4 on the Pentium. */
static void check_cr_exists(struct cpu *c, unsigned n)
{
    if (n == 0 || n == 2 || n == 3)
        return;
    if (n == 4 && c->model >= CPU_MODEL_PENTIUM)
        return;
    cpu_fault(c, EXC_UD, 0);
}

/* MOV r32, CRn (0F 20): the ModRM mod bits are ignored (always a register). */
void op_mov_r_cr(struct cpu *c, const struct insn *i)
{
    check_cr_exists(c, i->reg);
    require_cpl0(c);
    c->gpr[i->rm] = c->cr[i->reg];
}

/*
 * New CR0 value (SDM Vol. 3, 2.5; SDM "MOV" to CR0): bits the model lacks
 * are ignored.  The 386 has PE MP EM TS ET PG, with ET software-written (it
 * selects the 387 protocol); the 486 and Pentium add NE WP AM NW CD and
 * hardwire ET to 1.  PG without PE, and NW without CD (486+), are #GP(0).
 */
static uint32_t cr0_value(struct cpu *c, uint32_t v)
{
    uint32_t writable = CR0_PE | CR0_MP | CR0_EM | CR0_TS | CR0_PG;
    if (c->model == CPU_MODEL_386) {
        writable |= CR0_ET;
    } else {
        writable |= CR0_NE | CR0_WP | CR0_AM | CR0_NW | CR0_CD;
        if ((v & CR0_NW) && !(v & CR0_CD))
            cpu_fault(c, EXC_GP, 0);
    }
    if ((v & CR0_PG) && !(v & CR0_PE))
        cpu_fault(c, EXC_GP, 0);
    v &= writable;
    if (c->model != CPU_MODEL_386)
        v |= CR0_ET;
    return v;
}

/** New CR4 value (Pentium, SDM Vol. 3, 2.5): a reserved bit set is #GP(0). */
static uint32_t cr4_value(struct cpu *c, uint32_t v)
{
    uint32_t writable = CR4_VME | CR4_PVI | CR4_TSD | CR4_DE | CR4_PSE | CR4_MCE;
    if (v & ~writable)
        cpu_fault(c, EXC_GP, 0);
    return v;
}

/*
 * MOV CRn, r32 (0F 22).  A PE change switches the segment access rules
 * (seg_refresh_all); CS keeps its cache until the next far jump.  CR3 is stored whole (SDM Vol. 3, Table 4-3:
 * the bits other than the page-directory base, PWT and PCD are ignored).
 */
void op_mov_cr_r(struct cpu *c, const struct insn *i)
{
    unsigned n = i->reg;
    check_cr_exists(c, n);
    require_cpl0(c);
    uint32_t v = c->gpr[i->rm], old = c->cr[n], flush_bits = 0;
    if (n == 0) {
        v = cr0_value(c, v);
        flush_bits = CR0_PE | CR0_WP | CR0_PG;
    } else if (n == 4) {
        v = cr4_value(c, v);
        flush_bits = CR4_PSE;
    }
    c->cr[n] = v;
    if (n == 3 || ((old ^ v) & flush_bits))
        mmu_flush(&c->mmu);
    if (n == 0 && ((old ^ v) & CR0_PE))
        seg_refresh_all(c); /* segment checks differ between the modes */
    if (n == 0) {
        cpu_set_cpl(c, c->cpl); /* the TLB privilege tag depends on CR0.PG */
        ac_update(c);           /* and alignment checking on CR0.AM */
    }
    if (n == 4 && ((old ^ v) & CR4_DE))
        debugregs_changed(c); /* RW=10 means I/O breakpoints only with DE */
}

/* ---- debug registers (SDM "MOV—Move to/from Debug Registers") ------------ */

/*
 * Map debug register @n: DR4/DR5 alias DR6/DR7 unless CR4.DE is set, when
 * they are #UD (SDM Vol. 3, 17.2.2).  Then the privilege check, then
 * DR7.GD: the access raises #DB with DR6.BD set and GD cleared (17.2.4).
 */
static unsigned dr_access(struct cpu *c, unsigned n)
{
    if (n == 4 || n == 5) {
        if (c->cr[4] & CR4_DE)
            cpu_fault(c, EXC_UD, 0);
        n += 2;
    }
    require_cpl0(c);
    if (c->dr[7] & DR7_GD) {
        c->dr[6] |= DR6_BD;
        c->dr[7] &= ~(uint32_t)DR7_GD;
        cpu_fault(c, EXC_DB, 0);
    }
    return n;
}

void op_mov_r_dr(struct cpu *c, const struct insn *i)
{
    unsigned n = dr_access(c, i->reg);
    c->gpr[i->rm] = c->dr[n];
}

/*
 * MOV DRn, r32 (0F 23).  DR6 bits 4-11 and 16-31 read as 1 (17.2.3); DR7
 * bit 10 reads as 1 and bits 11, 14, 15 as 0 (17.2.4).  Bit 12 of DR6 and
 * of DR7 can be set on the 386/486 but is hardwired to 0 on the Pentium
 * (SDM Vol. 3, Architecture Compatibility, "Differences in Debug Register
 * DR6" / "DR7").
 */
void op_mov_dr_r(struct cpu *c, const struct insn *i)
{
    unsigned n = dr_access(c, i->reg);
    uint32_t v = c->gpr[i->rm];
    bool p5 = c->model >= CPU_MODEL_PENTIUM;
    if (n == 6)
        v = (v | DR6_FIXED1) & ~(p5 ? (uint32_t)DR6_BIT12 : 0u);
    else if (n == 7)
        v = (v | DR7_FIXED1) & ~((uint32_t)DR7_RSVD0 & ~(p5 ? 0u : (uint32_t)DR7_BIT12));
    c->dr[n] = v;
    if (n != 6)
        debugregs_changed(c);
}

/* ---- test registers (SDM Vol. 3, compatibility: "Test Registers") -------- */

/** #UD unless TR@n exists: TR6-TR7 on the 386, TR3-TR7 on the 486, none on the Pentium. */
static void check_tr_exists(struct cpu *c, unsigned n)
{
    unsigned lowest = c->model == CPU_MODEL_386 ? 6 : 3;
    if (c->model >= CPU_MODEL_PENTIUM || n < lowest)
        cpu_fault(c, EXC_UD, 0);
}

void op_mov_r_tr(struct cpu *c, const struct insn *i)
{
    check_tr_exists(c, i->reg);
    require_cpl0(c);
    c->gpr[i->rm] = c->testreg[i->reg];
}

/* MOV TRn, r32: stored only; no cache or TLB test function is modelled. */
void op_mov_tr_r(struct cpu *c, const struct insn *i)
{
    check_tr_exists(c, i->reg);
    require_cpl0(c);
    c->testreg[i->reg] = c->gpr[i->rm];
}

/* ---- HLT, CLI, STI -------------------------------------------------------- */

/*
 * HLT (SDM "HLT"): privileged.  The run loop (exec.c) returns
 * CPU_STOP_HALT while halted; an unmasked INTR wakes the CPU with EIP
 * already past the HLT.
 */
void op_hlt(struct cpu *c, const struct insn *i)
{
    require_cpl0(c);
    c->halted = true;
    cpu_kick(c);
}

/*
 * CLI/STI IOPL check (SDM "CLI", "STI"): in protected mode (and V86 mode,
 * where CPL is 3) #GP(0) when CPL > IOPL.  The VME/PVI variants come with
 * virtual-8086 support.
 */
static void require_iopl(struct cpu *c)
{
    if (prot_mode(c) && c->cpl > ((c->eflags & FL_IOPL) >> 12))
        cpu_fault(c, EXC_GP, 0);
}

void op_cli(struct cpu *c, const struct insn *i)
{
    if (vif_mode(c)) {
        vif_cli(c);
        return;
    }
    require_iopl(c);
    flags_commit(c);
    c->eflags &= ~(uint32_t)FL_IF;
}

/*
 * STI: when IF was clear, interrupts are recognized only after the next
 * instruction completes (SDM "STI"; Vol. 3, 6.8.3): one-instruction shadow.
 */
void op_sti(struct cpu *c, const struct insn *i)
{
    if (vif_mode(c)) {
        vif_sti(c);
        return;
    }
    require_iopl(c);
    flags_commit(c);
    if (!(c->eflags & FL_IF)) {
        c->irq_shadow = 1;
        cpu_kick(c);
    }
    c->eflags |= FL_IF;
}

/* ---- identification and counters ----------------------------------------- */

/*
 * Processor signature (family/model/stepping): the same value cpu_reset()
 * leaves in EDX, as SDM Vol. 3, 9.1.4 requires (486: family 4 model 8;
 * Pentium: family 5 model 2 stepping 1).
 */
static uint32_t cpu_signature(const struct cpu *c)
{
    return c->model >= CPU_MODEL_PENTIUM ? 0x0521u : 0x0480u;
}

/*
 * CPUID (SDM "CPUID"): leaf 0 gives the highest basic leaf (1) and
 * "GenuineIntel"; leaf 1 the signature and features.  FPU (EDX bit 0) is
 * always clear: there is no FPU.  Pentium: VME DE PSE TSC MSR CX8.  A leaf
 * above 1 returns the highest basic leaf's data, as the SDM specifies.
 */
void op_cpuid(struct cpu *c, const struct insn *i)
{
    if (c->gpr[R_EAX] == 0) {
        c->gpr[R_EAX] = 1;
        c->gpr[R_EBX] = 0x756E6547u; /* "Genu" */
        c->gpr[R_EDX] = 0x49656E69u; /* "ineI" */
        c->gpr[R_ECX] = 0x6C65746Eu; /* "ntel" */
        return;
    }
    uint32_t feat = 0;
    if (c->model >= CPU_MODEL_PENTIUM)
        feat = 1u << 1 | 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 8;
    c->gpr[R_EAX] = cpu_signature(c);
    c->gpr[R_EBX] = 0;
    c->gpr[R_ECX] = 0;
    c->gpr[R_EDX] = feat;
}

/*
 * RDTSC (SDM "RDTSC"): #GP(0) when CR4.TSD and CPL>0 in protected mode.
 * The counter is the retired-instruction count, so runs are deterministic.
 */
void op_rdtsc(struct cpu *c, const struct insn *i)
{
    if ((c->cr[4] & CR4_TSD) && prot_mode(c) && c->cpl > 0)
        cpu_fault(c, EXC_GP, 0);
    c->gpr[R_EAX] = (uint32_t)c->icount;
    c->gpr[R_EDX] = (uint32_t)(c->icount >> 32);
}

/*
 * RDMSR (SDM "RDMSR"): privileged; only the TSC (MSR 10h) exists, any
 * other ECX is #GP(0).
 */
void op_rdmsr(struct cpu *c, const struct insn *i)
{
    require_cpl0(c);
    if (c->gpr[R_ECX] != MSR_TSC)
        cpu_fault(c, EXC_GP, 0);
    c->gpr[R_EAX] = (uint32_t)c->icount;
    c->gpr[R_EDX] = (uint32_t)(c->icount >> 32);
}

/*
 * WRMSR (SDM "WRMSR"): privileged; unknown MSRs are #GP(0).  A write to
 * the TSC is accepted and ignored: the TSC is the retired-instruction
 * counter, which also drives cpu_run's budget, so it is not rewritable.
 */
void op_wrmsr(struct cpu *c, const struct insn *i)
{
    require_cpl0(c);
    if (c->gpr[R_ECX] != MSR_TSC)
        cpu_fault(c, EXC_GP, 0);
    cpu_log(c, CPU_LOG_UNIMP, "WRMSR to the TSC ignored (value %08x:%08x)", c->gpr[R_EDX],
            c->gpr[R_EAX]);
}
