/*
 * cpu/ops_flags.c - direct flag instructions: CLC, STC, CMC, CLD, STD,
 * LAHF, SAHF.  (CLI/STI, which depend on privilege, are in ops_system.c;
 * PUSHF/POPF in ops_stack.c.)
 *
 * Invariant: status flags go through flags_set_status so the lazy-flag
 * state stays consistent; DF lives only in eflags.
 */
#include "cpu_internal.h"
#include "optable_handlers.h"

void op_clc(struct cpu *c, const struct insn *i) { flags_set_status(c, FL_CF, 0); }
void op_stc(struct cpu *c, const struct insn *i) { flags_set_status(c, FL_CF, FL_CF); }
void op_cmc(struct cpu *c, const struct insn *i) { flags_set_status(c, FL_CF, ~flags_get(c)); }
void op_cld(struct cpu *c, const struct insn *i) { c->eflags &= ~FL_DF; }
void op_std(struct cpu *c, const struct insn *i) { c->eflags |= FL_DF; }

/* LAHF (SDM "LAHF"): AH = SF:ZF:0:AF:0:PF:1:CF. */
void op_lahf(struct cpu *c, const struct insn *i)
{
    uint32_t f = (flags_get(c) & 0xD5) | 0x02;
    reg_write(c, 4, f, 8); /* 8-bit register 4 is AH */
}

/* SAHF (SDM "SAHF"): SF ZF AF PF CF from AH. */
void op_sahf(struct cpu *c, const struct insn *i)
{
    flags_set_status(c, 0xD5, reg_read(c, 4, 8));
}
