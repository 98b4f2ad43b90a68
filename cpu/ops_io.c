/*
 * cpu/ops_io.c - IN and OUT with an immediate or DX port.
 *
 * Invariant: every port access goes through port_in/port_out
 * (cpu_internal.h), which apply the protected-mode permission check before
 * the bus sees the access.  Reference: SDM Vol. 2 "IN", "OUT".
 */
#include "cpu_internal.h"
#include "optable_handlers.h"

/* Port operand: imm8 for E4-E7, DX for EC-EF. */
static inline uint16_t io_port(const struct cpu *c, const struct insn *i)
{
    return (i->op & 8) ? (uint16_t)c->gpr[R_EDX] : (uint16_t)(i->imm & 0xFF);
}

void op_in(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    reg_write(c, R_EAX, port_in(c, io_port(c, i), w / 8), w);
}

void op_out(struct cpu *c, const struct insn *i)
{
    unsigned w = op_width(i);
    port_out(c, io_port(c, i), reg_read(c, R_EAX, w), w / 8);
}
