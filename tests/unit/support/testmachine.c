/*
 * tests/unit/support/testmachine.c - the shared real-mode test machine
 * (see testmachine.h for the contract).  The bus callbacks serve RAM through
 * mem_page only; the slow paths and ports are inert.
 */
#include "testmachine.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static uint8_t *mem_page(void *o, uint32_t paddr, bool write)
{
    struct tmachine *m = o;
    return paddr < TM_RAM_SIZE ? m->ram + (paddr & ~0xFFFu) : NULL;
}
static uint32_t mem_read(void *o, uint32_t paddr, unsigned size)
{
    return 0xFFFFFFFFu;
}
static void mem_write(void *o, uint32_t paddr, uint32_t val, unsigned size) {}
static uint32_t io_read(void *o, uint16_t port, unsigned size)
{
    return 0xFFFFFFFFu;
}
static void io_write(void *o, uint16_t port, uint32_t val, unsigned size) {}
static uint8_t intr_ack(void *o)
{
    return ((struct tmachine *)o)->intr_vector;
}

void tm_init(struct tmachine *m, enum cpu_model model, const uint8_t *code, size_t n)
{
    memset(m, 0, sizeof(*m));
    struct cpu_bus bus = {m, mem_page, mem_read, mem_write, io_read, io_write, intr_ack};
    m->ram = calloc(1, TM_RAM_SIZE);
    ck_assert_ptr_nonnull(m->ram);
    m->cpu = cpu_create(model, &bus);
    ck_assert_ptr_nonnull(m->cpu);
    if (n)
        tm_put(m, TM_CODE, code, n);
    struct cpu_regs r = tm_regs(m);
    for (int s = 0; s < SEG_COUNT; s++) {
        r.seg[s].sel = 0;
        r.seg[s].base = 0;
    }
    r.gpr[R_ESP] = TM_STACK;
    r.eip = TM_CODE;
    tm_set_regs(m, &r);
}

void tm_free(struct tmachine *m)
{
    cpu_destroy(m->cpu);
    free(m->ram);
    m->cpu = NULL;
    m->ram = NULL;
}

void tm_set_vector(struct tmachine *m, unsigned v, uint16_t seg, uint16_t off)
{
    tm_put16(m, v * 4, off);
    tm_put16(m, v * 4 + 2, seg);
}

void tm_set_hlt_vector(struct tmachine *m, unsigned v, uint16_t off)
{
    tm_set_vector(m, v, 0x0000, off);
    m->ram[off] = 0xF4; /* hlt */
}

void tm_install_hlt_handlers(struct tmachine *m, uint16_t base)
{
    for (unsigned v = 0; v < TM_HLT_VECTORS; v++)
        tm_set_hlt_vector(m, v, (uint16_t)(base + v));
    m->hlt_base = base;
}

struct cpu_regs tm_regs(struct tmachine *m)
{
    struct cpu_regs r;
    cpu_get_regs(m->cpu, &r);
    return r;
}

void tm_set_regs(struct tmachine *m, const struct cpu_regs *r)
{
    cpu_set_regs(m->cpu, r);
}

void tm_set_gpr(struct tmachine *m, int reg, uint32_t v)
{
    struct cpu_regs r = tm_regs(m);
    r.gpr[reg] = v;
    tm_set_regs(m, &r);
}

uint16_t tm_get16(const struct tmachine *m, uint32_t a)
{
    return (uint16_t)(m->ram[a] | m->ram[a + 1] << 8);
}

uint32_t tm_get32(const struct tmachine *m, uint32_t a)
{
    return (uint32_t)tm_get16(m, a) | (uint32_t)tm_get16(m, a + 2) << 16;
}

void tm_put16(struct tmachine *m, uint32_t a, uint16_t v)
{
    m->ram[a] = v & 0xFF;
    m->ram[a + 1] = v >> 8;
}

void tm_put32(struct tmachine *m, uint32_t a, uint32_t v)
{
    tm_put16(m, a, v & 0xFFFF);
    tm_put16(m, a + 2, v >> 16);
}

void tm_put(struct tmachine *m, uint32_t a, const uint8_t *bytes, size_t n)
{
    memcpy(m->ram + a, bytes, n);
}

struct cpu_regs tm_run_to_halt(struct tmachine *m)
{
    ck_assert_int_eq(cpu_run(m->cpu, TM_RUN_BUDGET), CPU_STOP_HALT);
    return tm_regs(m);
}

int tm_run_to_halt_vector(struct tmachine *m)
{
    uint32_t eip = tm_run_to_halt(m).eip;
    if (m->hlt_base && eip > m->hlt_base && eip <= m->hlt_base + TM_HLT_VECTORS)
        return (int)(eip - m->hlt_base - 1);
    return -1;
}

enum cpu_hook_action tm_stop_hook(void *opaque, struct cpu *c, int vector, uint32_t err,
                                  bool has_err)
{
    struct tmachine *m = opaque;
    m->hook_calls++;
    m->last_vector = vector;
    cpu_request_stop(c);
    return CPU_HOOK_RESUME;
}

int tm_run_suite(Suite *s)
{
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
