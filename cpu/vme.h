/*
 * cpu/vme.h - virtual-8086 mode extensions (CR4.VME) and protected-mode
 * virtual interrupts (CR4.PVI), Pentium and later (vme.c).
 */
#ifndef T86_VME_H
#define T86_VME_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;

/** In virtual-8086 mode with CR4.VME and IOPL < 3. */
bool vme_active(const struct cpu *c);
/** CLI/STI act on VIF: VME in V86 or PVI at CPL 3, with IOPL < 3. */
bool vif_mode(const struct cpu *c);
/** CLI under vif_mode: clear VIF. */
void vif_cli(struct cpu *c);
/** STI under vif_mode: #GP(0) with VIP set, else set VIF. */
void vif_sti(struct cpu *c);
/** The 16-bit FLAGS image PUSHF pushes under VME: IF from VIF, IOPL 3. */
uint32_t vme_pushf_image(struct cpu *c);
/** 16-bit POPF under VME: #GP(0) for TF or IF with VIP; IF goes to VIF. */
void vme_popf(struct cpu *c, uint32_t v);
/**
 * INT n in virtual-8086 mode with CR4.VME: through the redirection bitmap.
 * Returns true when the interrupt was dispatched through the V86 IVT,
 * false when the protected-mode handler is to be used; raises #GP(0)
 * when neither is allowed.
 */
bool vme_int(struct cpu *c, unsigned vector);
/** 16-bit IRET under VME with IOPL < 3: IF goes to VIF. */
void vme_iret16(struct cpu *c);

#endif
