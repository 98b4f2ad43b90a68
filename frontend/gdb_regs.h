/*
 * frontend/gdb_regs.h - the register file gdb sees: numbering, sizes, the
 * target description XML, and conversion to and from struct cpu_regs.
 *
 * Numbering is the order of the registers in the target description (GDB
 * manual, "Target Descriptions" > "Standard Target Features" > "i386
 * Features"): 0-7 eax ecx edx ebx esp ebp esi edi, 8 eip, 9 eflags,
 * 10-15 cs ss ds es fs gs, 16-23 st0-st7 (10 bytes each), 24-31 fctrl
 * fstat ftag fiseg fioff foseg fooff fop, then the custom feature
 * "org.trap86.sys": 32-35 cr0 cr2 cr3 cr4.  All values little endian.
 *
 * Invariants: the XML and the g-packet layout come from one table, so
 * they cannot disagree.  trap86 has no x87 state yet: st0-st7 read as
 * zeros and the control words as after FNINIT; writes to them are ignored.
 */
#ifndef T86_FRONTEND_GDB_REGS_H
#define T86_FRONTEND_GDB_REGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/cpu.h"

/** Number of registers gdb knows, and well-known numbers. */
enum { GDB_NUM_REGS = 36, GDB_REG_EIP = 8, GDB_REG_EFLAGS = 9, GDB_REG_MAX_SIZE = 10 };

/** Size in bytes of register @n, or 0 when there is no such register. */
unsigned gdb_reg_size(int n);
/** Size of the g-packet register block (all registers in order). */
size_t gdb_regs_total(void);
/** Store register @n of @r into @out (gdb_reg_size(n) bytes); returns the size. */
unsigned gdb_reg_get(const struct cpu_regs *r, int n, uint8_t *out);
/**
 * Set register @n of @r from @in.  A segment selector that changes is
 * loaded as the CPU's mode would (real/V86: base = sel * 16; protected:
 * the descriptor is read from the GDT or LDT through @c).  Returns false
 * when the value cannot be loaded; @r is then unchanged.
 */
bool gdb_reg_set(struct cpu *c, struct cpu_regs *r, int n, const uint8_t *in);
/** The target description (qXfer:features:read:target.xml), malloc'ed. */
char *gdb_target_xml(void);

#endif
