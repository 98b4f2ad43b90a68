/*
 * cpu/stackswitch.h - the pieces of a privilege change shared by interrupt
 * delivery (interrupt.c) and call gates (gates.c): reading the inner
 * stack from the TSS, pushing a frame onto a stack that is not loaded yet,
 * and switching SS:ESP once nothing can fault any more.
 */
#ifndef T86_STACKSWITCH_H
#define T86_STACKSWITCH_H

#include "descriptor.h"

/** Slots pushed in one go, outermost first (31 call-gate parameters + 6). */
struct frame {
    uint32_t v[40];
    unsigned count, size; /**< number of slots, bytes per slot (2 or 4) */
};

/**
 * SS:ESP for privilege @dpl from the current TSS (SDM Vol. 3, 7.2.1,
 * Figures 7-2 and 7-11), checked as that level's stack segment (SDM Vol. 3,
 * 6.12.1): #TS for a bad selector or descriptor, #SS when not present, with
 * @ext as the EXT bit of the error code.
 */
void tss_inner_stack(struct cpu *c, unsigned dpl, unsigned ext, uint16_t *ss, uint32_t *esp,
                     struct desc *d);

/**
 * Write @f below offset @top of the stack described by cache @ss (not
 * necessarily the loaded SS), after checking that every slot fits (else
 * #SS with error @err).  Writes use the privilege @user.  *@new_top gets
 * the new stack offset.
 */
void frame_push(struct cpu *c, const struct cpu_seg *ss, uint32_t top, const struct frame *f,
                uint32_t *new_top, uint32_t err, bool user);

/**
 * Load SS from @sel / @d (already checked) and set the stack pointer to
 * @sp; with a 16-bit stack ESP[31:16] come from @esp_hi_from.
 */
void stack_commit(struct cpu *c, uint16_t sel, struct desc *d, uint32_t sp, uint32_t esp_hi_from);

#endif
