/*
 * tests/unit/support/testmachine.h - the tiny real-mode machine shared by
 * the Check unit tests: 1 MiB of zeroed RAM behind a struct cpu_bus, one
 * struct cpu, no board and no devices.
 *
 * Invariants after tm_init():
 *   - the CPU is in real mode with every segment selector and base 0,
 *     SP = TM_STACK (8000h) and CS:IP = 0000:TM_CODE (1000h), where the
 *     test's code has been copied;
 *   - physical addresses below TM_RAM_SIZE are plain RAM, reached through
 *     mem_page; everything above reads as all ones and ignores writes;
 *   - port reads return all ones and port writes are ignored (no test
 *     records I/O);
 *   - an INTR acknowledge returns m->intr_vector (0 unless a test sets it).
 * Each struct tmachine is self-contained (no global state), so a test may
 * run several side by side.  Helpers that check something fail the current
 * Check test through ck_assert.  tm_run_suite() is the common main() tail
 * of the Check programs.
 */
#ifndef T86_TESTS_TESTMACHINE_H
#define T86_TESTS_TESTMACHINE_H

#include <check.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/cpu.h"

#define TM_RAM_SIZE    (1u << 20) /**< bytes of RAM at physical address 0 */
#define TM_CODE        0x1000u    /**< where tm_init copies code; initial IP */
#define TM_STACK       0x8000u    /**< initial SP */
#define TM_HLT_VECTORS 0x40u      /**< vectors tm_install_hlt_handlers covers */
#define TM_RUN_BUDGET  1000u      /**< instruction budget of the tm_run_* helpers */

/** A test machine; fields may be read and changed by tests directly. */
struct tmachine {
    uint8_t *ram;        /**< TM_RAM_SIZE bytes, physical address 0 upwards */
    struct cpu *cpu;     /**< the CPU, wired to this machine's bus */
    uint8_t intr_vector; /**< vector returned on INTR acknowledge */
    int hook_calls;      /**< exception count, kept by tm_stop_hook */
    int last_vector;     /**< last exception vector, kept by tm_stop_hook */
    uint32_t hlt_base;   /**< base given to tm_install_hlt_handlers, else 0 */
};

/** Create a @model CPU in the reset state described above, with the @n
 *  bytes at @code (may be NULL when @n is 0) copied to TM_CODE. */
void tm_init(struct tmachine *m, enum cpu_model model, const uint8_t *code, size_t n);
/** Destroy the CPU and free the RAM. */
void tm_free(struct tmachine *m);

/** Point vector @v of the real-mode IVT (at address 0) at @seg:@off. */
void tm_set_vector(struct tmachine *m, unsigned v, uint16_t seg, uint16_t off);
/** Point IVT vector @v at 0000:@off and put a one-byte HLT there, so a
 *  delivered vector @v stops the CPU with EIP = @off + 1. */
void tm_set_hlt_vector(struct tmachine *m, unsigned v, uint16_t off);
/** Point every vector v below TM_HLT_VECTORS at its own HLT at 0000:@base+v,
 *  so "EIP == @base + v + 1" after a halt means vector v was delivered
 *  (see tm_run_to_halt_vector). */
void tm_install_hlt_handlers(struct tmachine *m, uint16_t base);

/** The current architectural registers. */
struct cpu_regs tm_regs(struct tmachine *m);
/** Write registers (usually tm_regs() edited); also leaves the HLT state. */
void tm_set_regs(struct tmachine *m, const struct cpu_regs *r);
/** Set general register @reg (R_EAX...) to @v, all other state kept. */
void tm_set_gpr(struct tmachine *m, int reg, uint32_t v);

/** Little-endian word at physical address @a. */
uint16_t tm_get16(const struct tmachine *m, uint32_t a);
/** Little-endian dword at physical address @a. */
uint32_t tm_get32(const struct tmachine *m, uint32_t a);
/** Store little-endian word @v at physical address @a. */
void tm_put16(struct tmachine *m, uint32_t a, uint16_t v);
/** Store little-endian dword @v at physical address @a. */
void tm_put32(struct tmachine *m, uint32_t a, uint32_t v);
/** Copy @n bytes to physical address @a (behind the CPU's back: code the
 *  CPU has already decoded there needs cpu_invalidate_phys()). */
void tm_put(struct tmachine *m, uint32_t a, const uint8_t *bytes, size_t n);

/** Run up to TM_RUN_BUDGET instructions, assert the CPU stopped on HLT and
 *  return the registers. */
struct cpu_regs tm_run_to_halt(struct tmachine *m);
/** tm_run_to_halt, then return the vector v whose tm_install_hlt_handlers
 *  HLT stopped the CPU, or -1 if it halted anywhere else. */
int tm_run_to_halt_vector(struct tmachine *m);

/** Exception hook (opaque = the struct tmachine): count the exception in
 *  hook_calls, store its vector in last_vector and make cpu_run return
 *  CPU_STOP_REQUEST; the exception is dropped, not delivered. */
enum cpu_hook_action tm_stop_hook(void *opaque, struct cpu *c, int vector, uint32_t err,
                                  bool has_err);

/** Run every test of @s (CK_NORMAL output), free it and return the exit
 *  status for main(): EXIT_SUCCESS when no test failed. */
int tm_run_suite(Suite *s);

#endif
