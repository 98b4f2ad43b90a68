/*
 * bench/bench_realmode.c - interpreter throughput on a real-mode loop.
 *
 * Builds a bare CPU (no board) with 1 MiB of RAM, places a loop of ALU,
 * load/store, branch, call and stack instructions at 0000:1000, and runs
 * it for a fixed number of instructions.  Prints guest MIPS and the
 * decoded-instruction cache statistics.  Side-by-side comparisons with
 * Bochs and QEMU arrive with the protected-mode benchmark (issue 3).
 *
 *   bench_realmode [MILLION_INSNS]   (default 200)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cpu/cpu.h"

#define RAM_SIZE (1u << 20)

static uint8_t *ram;

static uint8_t *mem_page(void *o, uint32_t paddr, bool write)
{
    return paddr < RAM_SIZE ? ram + (paddr & ~0xFFFu) : NULL;
}
static uint32_t mem_read(void *o, uint32_t paddr, unsigned size) { return 0xFFFFFFFFu; }
static void mem_write(void *o, uint32_t paddr, uint32_t val, unsigned size) {}
static uint32_t io_read(void *o, uint16_t port, unsigned size) { return 0xFFFFFFFFu; }
static void io_write(void *o, uint16_t port, uint32_t val, unsigned size) {}

/*
 * loop:  add ax, bx ; xor cx, ax ; mov [0x2000], ax ; mov dx, [0x2000]
 *        inc si ; push dx ; call sub ; pop di ; cmp si, di ; jmp loop
 * sub:   shl bx, 1 ; adc bx, 3 ; ret
 */
static const uint8_t loop_code[] = {
    0x01, 0xD8, 0x31, 0xC1, 0xA3, 0x00, 0x20, 0x8B, 0x16, 0x00, 0x20, 0x46, 0x52,
    0xE8, 0x05, 0x00, 0x5F, 0x39, 0xFE, 0xEB, 0xEB, 0xD1, 0xE3, 0x83, 0xD3, 0x03, 0xC3,
};

int main(int argc, char **argv)
{
    uint64_t n = (argc > 1 ? strtoull(argv[1], NULL, 0) : 200) * 1000000ull;
    ram = calloc(1, RAM_SIZE);
    struct cpu_bus bus = {NULL, mem_page, mem_read, mem_write, io_read, io_write, NULL};
    struct cpu *c = cpu_create(CPU_MODEL_486, &bus);
    if (!ram || !c)
        return 1;
    memcpy(ram + 0x1000, loop_code, sizeof(loop_code));
    struct cpu_regs r;
    cpu_get_regs(c, &r);
    for (int s = 0; s < 6; s++)
        r.seg[s].sel = 0, r.seg[s].base = 0;
    r.eip = 0x1000;
    r.gpr[4] = 0x8000;
    cpu_set_regs(c, &r);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cpu_run(c, n);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    struct cpu_stats st;
    cpu_get_stats(c, &st);
    printf("real-mode loop: %llu instructions in %.3f s = %.1f MIPS\n",
           (unsigned long long)cpu_icount(c), secs, (double)cpu_icount(c) / secs / 1e6);
    printf("decoded cache: %llu hits, %llu misses, %llu SMC invalidations\n",
           (unsigned long long)st.decode_hits, (unsigned long long)st.decode_misses,
           (unsigned long long)st.smc_invalidations);
    cpu_destroy(c);
    free(ram);
    return 0;
}
