/*
 * tests/unicorn/t86_side.c - runs one case on trap86.
 *
 * The CPU is a CPU_MODEL_486 in protected mode (CR0 = PE|ET) at CPL 0 with
 * flat 32-bit segment caches whose selectors match the GDT of memimg.c.
 * The bus serves the code page through mem_page (reads only) and every
 * other access through mem_read/mem_write, so each guest write is recorded
 * as a dirty range.  A HLT follows the instruction: CPU_STOP_HALT with EIP
 * one past the instruction means it completed.  Exceptions go to a hook that
 * records the vector and stops the run without delivering them; a
 * CPU_LOG_UNIMP message marks the case as pending (trap86 feature missing).
 */
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "ucdiff.h"

enum { T86_BUDGET = 100000 };

struct t86_side {
    struct cpu *cpu;
    struct ud_mem *mem;
    struct cpu_regs base; /**< register file every case starts from */
    int vector;
    bool unimp;
};

static uint8_t *bus_page(void *o, uint32_t paddr, bool write)
{
    struct t86_side *t = o;
    if (write || (paddr & ~0xFFFu) != UD_CODE_PAGE)
        return NULL;
    return t->mem->buf + UD_CODE_PAGE;
}

static uint32_t bus_read(void *o, uint32_t paddr, unsigned size)
{
    struct t86_side *t = o;
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint32_t)(paddr + i < UD_MEM_SIZE ? t->mem->buf[paddr + i] : 0xFF) << (8 * i);
    return v;
}

static void bus_write(void *o, uint32_t paddr, uint32_t val, unsigned size)
{
    struct t86_side *t = o;
    mem_mark(t->mem, paddr, size);
    for (unsigned i = 0; i < size && paddr + i < UD_MEM_SIZE; i++)
        t->mem->buf[paddr + i] = (uint8_t)(val >> (8 * i));
}

static uint32_t bus_in(void *o, uint16_t port, unsigned size) { return 0xFFFFFFFFu; }
static void bus_out(void *o, uint16_t port, uint32_t val, unsigned size) {}
static uint8_t bus_ack(void *o) { return 0; }

static enum cpu_hook_action on_exception(void *o, struct cpu *c, int vector, uint32_t err,
                                         bool has_err)
{
    struct t86_side *t = o;
    t->vector = vector;
    cpu_request_stop(c);
    return CPU_HOOK_RESUME;
}

static void on_log(void *o, const char *category, const char *msg)
{
    ((struct t86_side *)o)->unimp = true;
}

static void flat_seg(struct cpu_seg *s, uint16_t sel, uint16_t access)
{
    s->sel = sel;
    s->base = 0;
    s->limit = 0xFFFFFFFFu;
    s->attr = access | 0xC00; /* D/B and G */
}

static void build_base_regs(struct t86_side *t)
{
    struct cpu_regs *r = &t->base;
    cpu_get_regs(t->cpu, r);
    for (int s = 0; s < SEG_COUNT; s++)
        flat_seg(&r->seg[s], SEL_DATA, 0x93);
    flat_seg(&r->seg[SEG_CS], SEL_CODE, 0x9B);
    r->cr[0] = 0x11; /* PE | ET */
    r->gdtr_base = UD_GDT;
    r->gdtr_limit = UD_GDT_LIMIT;
    r->idtr_base = 0;
    r->idtr_limit = 0x3FF;
    r->ldtr.sel = 0;
    r->tr.sel = 0;
}

struct t86_side *t86s_create(struct ud_mem *m)
{
    struct t86_side *t = calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    t->mem = m;
    struct cpu_bus bus = {t, bus_page, bus_read, bus_write, bus_in, bus_out, bus_ack};
    t->cpu = cpu_create(CPU_MODEL_486, &bus);
    if (!t->cpu) {
        free(t);
        return NULL;
    }
    cpu_set_exception_hook(t->cpu, on_exception, t);
    cpu_set_log(t->cpu, on_log, t, CPU_LOG_UNIMP);
    build_base_regs(t);
    return t;
}

void t86s_destroy(struct t86_side *t)
{
    if (!t)
        return;
    cpu_destroy(t->cpu);
    free(t);
}

static void collect(struct t86_side *t, const struct ud_case *k, enum cpu_stop stop,
                    struct ud_result *r)
{
    struct cpu_regs out;
    cpu_get_regs(t->cpu, &out);
    memcpy(r->gpr, out.gpr, sizeof(r->gpr));
    r->eflags = out.eflags;
    r->eip = out.eip;
    for (int s = 0; s < SEG_COUNT; s++)
        r->sel[s] = out.seg[s].sel;
    r->vector = t->vector;
    r->pending = t->unimp;
    r->error = 0;
    if (stop == CPU_STOP_HALT && out.eip == UD_CODE_EIP + k->len + 1u)
        r->eip = UD_CODE_EIP + k->len; /* report the address the HLT sits at */
    else if (stop != CPU_STOP_REQUEST || t->vector < 0)
        r->error = 100 + (int)stop;
}

void t86s_run(struct t86_side *t, const struct ud_case *k, struct ud_result *r)
{
    struct cpu_regs in = t->base;
    memcpy(in.gpr, k->gpr, sizeof(in.gpr));
    in.eip = UD_CODE_EIP;
    in.eflags = k->eflags;
    cpu_invalidate_phys(t->cpu, UD_CODE_EIP, UD_MAX_INSN + 1);
    cpu_set_regs(t->cpu, &in);
    t->vector = -1;
    t->unimp = false;
    enum cpu_stop stop = cpu_run(t->cpu, T86_BUDGET);
    collect(t, k, stop, r);
}
