/*
 * cpu/task.h - hardware task switching (task.c).
 */
#ifndef T86_TASK_H
#define T86_TASK_H

#include "descriptor.h"

/** What started a task switch (SDM Vol. 3, 7.3, Table 7-2). */
enum task_source { TASK_JMP, TASK_CALL, TASK_IRET, TASK_INT };

/**
 * Switch to the task whose TSS selector is @sel (descriptor @d already
 * read).  @ext is the EXT bit for error codes; for TASK_INT with
 * @has_error the error code @err is pushed on the new task's stack.
 */
void task_switch(struct cpu *c, uint16_t sel, struct desc *d, enum task_source src, unsigned ext,
                 bool has_error, uint32_t err);

/**
 * Through task gate @g (from the GDT, an LDT or the IDT): check the TSS it
 * names and switch to it.
 */
void task_gate_switch(struct cpu *c, const struct desc *g, enum task_source src, unsigned ext,
                      bool has_error, uint32_t err);

/** IRET with NT=1: return to the task in the current TSS's back-link. */
void task_return(struct cpu *c);

#endif
