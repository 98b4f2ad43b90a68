/*
 * frontend/dbg_info.h - register and descriptor-table views: r, sreg,
 * creg, dreg, info gdt|idt|ldt|tss|eflags|cpu, print-stack, and the
 * segment lookups the disassembler needs.  Reads guest memory only
 * through cpu_debug_read (no side effects).
 */
#ifndef T86_FRONTEND_DBG_INFO_H
#define T86_FRONTEND_DBG_INFO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct dbg;

/** The linear base of selector @sel as a far transfer would load it
 * (real/V86 mode: sel * 16; protected: from the GDT or LDT).  False when
 * the descriptor cannot be read. */
bool dbg_seg_base(struct dbg *d, uint16_t sel, uint32_t *base);

/** `r`: general registers, EIP and EFLAGS. */
void dbg_info_regs(struct dbg *d, FILE *out);
/** `sreg`: segment registers with their descriptor caches, GDTR, IDTR, LDTR, TR. */
void dbg_info_sregs(struct dbg *d, FILE *out);
/** `creg`: CR0, CR2, CR3, CR4. */
void dbg_info_cregs(struct dbg *d, FILE *out);
/** `dreg`: DR0-DR3, DR6, DR7. */
void dbg_info_dregs(struct dbg *d, FILE *out);
/** `info eflags`: the flags by name. */
void dbg_info_eflags(struct dbg *d, FILE *out);
/** `info gdt|idt|ldt [first [last]]` with @which 'g', 'i' or 'l'; @args the rest. */
void dbg_info_table(struct dbg *d, char which, const char *args, FILE *out);
/** `info tss`: the current TSS's fields. */
void dbg_info_tss(struct dbg *d, FILE *out);
/** `print-stack [n]`: @n stack entries from SS:ESP. */
void dbg_print_stack(struct dbg *d, unsigned n, FILE *out);

#endif
