/*
 * frontend/dbg_expr.h - the debugger's expression language: numbers,
 * registers, symbols, C operators, and [seg:]off addresses.
 *
 * Numbers: 0x1F (hex), 1Fh (hex, Bochs/NASM style), 31 (decimal).
 * Registers: eax..edi, ax..di, al..bh, eip, ip, eflags, cs..gs.
 * Operators, loosest first: ||  &&  |  ^  &  == !=  < > <= >=  << >>
 * + -  * / %  and unary - ~ !, with parentheses.  Values are 64-bit.
 * Invariant: evaluation never changes guest state.
 */
#ifndef T86_FRONTEND_DBG_EXPR_H
#define T86_FRONTEND_DBG_EXPR_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"

struct dbg;

/** Evaluate all of @s; returns NULL and sets *@v, or an error message. */
const char *dbg_eval(struct dbg *d, const char *s, uint64_t *v);

/** Evaluate "[seg:]off": *@has_seg tells whether a segment was given. */
const char *dbg_eval_segoff(struct dbg *d, const char *s, bool *has_seg, uint16_t *seg,
                            uint32_t *off);

/** Read register @name from @r into *@v; false when there is no such name. */
bool dbg_reg_read(const struct cpu_regs *r, const char *name, uint64_t *v);

/**
 * Write @v to register @name in @r (segment registers: real-mode or V86
 * semantics, base = selector * 16).  Returns NULL or an error message.
 */
const char *dbg_reg_write(struct cpu_regs *r, const char *name, uint64_t v);

#endif
