/*
 * cpu/cpu.h - public interface of the trap86 IA-32 interpreter library.
 *
 * The CPU is an opaque handle.  It touches memory and ports only through the
 * struct cpu_bus given to cpu_create(), so any number of CPUs (machines) can
 * live in one process.  All guest state lives inside the handle.
 *
 * Faults: every guest exception is raised through the single mechanism in
 * cpu/fault.h; a board or monitor may watch them with cpu_set_exception_hook.
 */
#ifndef T86_CPU_H
#define T86_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "bus.h"

/** CPU models; a spec row is available when its minimum <= the model. */
enum cpu_model { CPU_MODEL_386 = 3, CPU_MODEL_486 = 4, CPU_MODEL_PENTIUM = 5 };

/** Segment register numbers, in ModRM.reg / SDM order. */
enum { SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS, SEG_COUNT };

/** General register numbers, in ModRM order. */
enum { R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI };

/** EFLAGS bits (SDM Vol. 1, 3.4.3). */
enum {
    FL_CF = 1u << 0,
    FL_PF = 1u << 2,
    FL_AF = 1u << 4,
    FL_ZF = 1u << 6,
    FL_SF = 1u << 7,
    FL_TF = 1u << 8,
    FL_IF = 1u << 9,
    FL_DF = 1u << 10,
    FL_OF = 1u << 11,
    FL_IOPL = 3u << 12,
    FL_NT = 1u << 14,
    FL_RF = 1u << 16,
    FL_VM = 1u << 17,
    FL_AC = 1u << 18,
    FL_VIF = 1u << 19,
    FL_VIP = 1u << 20,
    FL_ID = 1u << 21
};

/** A segment register with its hidden descriptor cache. */
struct cpu_seg {
    uint16_t sel;
    uint32_t base;
    uint32_t limit; /**< byte-granular effective limit */
    uint16_t attr;  /**< descriptor bits 40-47 and 52-55 (type, S, DPL, P, AVL, D/B, G) */
};

/** Architectural register file, as read and written by cpu_get/set_regs. */
struct cpu_regs {
    uint32_t gpr[8];
    uint32_t eip;
    uint32_t eflags;
    struct cpu_seg seg[SEG_COUNT];
    uint32_t cr[5];
    uint32_t dr[8];
    uint32_t gdtr_base, idtr_base;
    uint16_t gdtr_limit, idtr_limit;
    struct cpu_seg ldtr, tr;
};

/** Why cpu_run returned. */
enum cpu_stop {
    CPU_STOP_BUDGET,   /**< executed the requested number of instructions */
    CPU_STOP_HALT,     /**< HLT executed; EIP points after it */
    CPU_STOP_SHUTDOWN, /**< triple fault: the CPU entered shutdown */
    CPU_STOP_REQUEST,  /**< cpu_request_stop() was called (e.g. by a device) */
    CPU_STOP_DEBUG,    /**< the debug hook (cpu_debug.h) asked to stop before an instruction */
};

/** What an exception hook decides. */
enum cpu_hook_action {
    CPU_HOOK_DELIVER, /**< deliver the exception through the guest IVT/IDT */
    CPU_HOOK_RESUME,  /**< drop it and resume at the (possibly changed) EIP */
};

struct cpu;

/** Exception hook: sees every exception before guest delivery. */
typedef enum cpu_hook_action (*cpu_exception_hook)(void *opaque, struct cpu *c, int vector,
                                                   uint32_t error_code, bool has_error);

/** Create a CPU of @model wired to @bus (copied). Returns NULL on OOM. */
struct cpu *cpu_create(enum cpu_model model, const struct cpu_bus *bus);
/** Free a CPU. */
void cpu_destroy(struct cpu *c);
/** Processor reset (SDM Vol. 3, 9.1.1): CS:EIP = F000:FFF0, base FFFF0000. */
void cpu_reset(struct cpu *c);
/** Execute up to @budget instructions; returns why it stopped. */
enum cpu_stop cpu_run(struct cpu *c, uint64_t budget);
/** Make the current or next cpu_run return CPU_STOP_REQUEST soon. */
void cpu_request_stop(struct cpu *c);
/** Level of the INTR line (maskable interrupt request). */
void cpu_set_intr(struct cpu *c, bool level);
/** Read the architectural registers (lazy flags are folded into eflags). */
void cpu_get_regs(struct cpu *c, struct cpu_regs *r);
/** Write the architectural registers. Flushes the TLB. */
void cpu_set_regs(struct cpu *c, const struct cpu_regs *r);
/** Retired-instruction counter. */
uint64_t cpu_icount(const struct cpu *c);
/** The model the CPU was created as. */
enum cpu_model cpu_get_model(const struct cpu *c);
/** Set the A20 gate (true = address line 20 passes through). */
void cpu_set_a20(struct cpu *c, bool enabled);
/** Physical memory changed behind the CPU's back (DMA, loader): drop decoded code. */
void cpu_invalidate_phys(struct cpu *c, uint32_t paddr, uint32_t len);
/** The memory map changed: drop all host pointers and decoded code. */
void cpu_memory_map_changed(struct cpu *c);
/** Install an exception hook (NULL removes it). */
void cpu_set_exception_hook(struct cpu *c, cpu_exception_hook hook, void *opaque);
/** Hook for diagnostics (-d int, -d cpu_reset...). Called with a message. */
typedef void (*cpu_log_fn)(void *opaque, const char *category, const char *msg);
/** Install the diagnostics log sink; @mask selects categories (CPU_LOG_*). */
void cpu_set_log(struct cpu *c, cpu_log_fn fn, void *opaque, unsigned mask);
/** Log categories, matching QEMU's -d names. */
enum {
    CPU_LOG_INT = 1,
    CPU_LOG_UNIMP = 2,
    CPU_LOG_RESET = 4,
    CPU_LOG_GUEST_ERRORS = 8,
    CPU_LOG_FIRMWARE = 16, /**< board only: firmware debug-port messages */
};
/** Statistics of the decoded-instruction cache. */
struct cpu_stats {
    uint64_t decode_hits, decode_misses, smc_invalidations;
};
/** Read the decoded-instruction cache statistics. */
void cpu_get_stats(const struct cpu *c, struct cpu_stats *s);

#endif
