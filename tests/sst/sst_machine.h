/*
 * tests/sst/sst_machine.h - the bare machine the SingleStepTests run on:
 * one CPU over 16 MiB of RAM (the suite's 286 had 24 address lines, all
 * RAM), ports that read as all ones and ignore writes, no interrupts.
 *
 * One machine is reused for every test.  Invariants: before a test,
 * sst_load() resets the CPU, writes the test's RAM bytes, tells the CPU the
 * memory changed (so no decoded instruction survives from an earlier test)
 * and loads the registers; after it, sst_unload() zeroes the bytes the test
 * named, so tests do not see each other's data.
 */
#ifndef T86_SST_MACHINE_H
#define T86_SST_MACHINE_H

#include "cpu/cpu.h"
#include "moo.h"

#define SST_RAM_SIZE (16u << 20)
#define SST_MAX_EXC 8

struct sst_machine {
    uint8_t *ram;
    struct cpu *cpu;
    int nexc;                 /**< exceptions seen by the hook during the test */
    int exc_vec[SST_MAX_EXC]; /**< their vectors, in order */
};

/** Create the machine with a CPU of @model. Returns 0 or -1 (OOM). */
int sst_machine_init(struct sst_machine *m, enum cpu_model model);
void sst_machine_free(struct sst_machine *m);
/** Set the machine to test @t's initial state. */
void sst_load(struct sst_machine *m, const struct moo_test *t);
/** Clear the RAM bytes @t named (initial and final). */
void sst_unload(struct sst_machine *m, const struct moo_test *t);
/** Read the 16-bit register file in MOO order. */
void sst_read_regs(struct sst_machine *m, uint16_t out[MOO_NREGS]);

#endif
