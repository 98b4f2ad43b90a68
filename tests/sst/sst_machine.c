/*
 * tests/sst/sst_machine.c - the SingleStepTests machine (see sst_machine.h).
 *
 * Real-address mode register loading follows SDM Vol. 3A, 20.1.1: a
 * segment's base is selector * 16; the hidden limit is 0FFFFH, data
 * segments read/write (attribute 93H), CS execute/read (9BH), as after
 * reset (SDM Vol. 3A, 9.1.1, Table 9-1).
 */
#include "sst_machine.h"

#include <stdlib.h>
#include <string.h>

/* MOO register number of each general register, in ModRM order (EAX...EDI). */
static const enum moo_reg gpr_map[8] = {MOO_AX, MOO_CX, MOO_DX, MOO_BX,
                                        MOO_SP, MOO_BP, MOO_SI, MOO_DI};
/* MOO register number of each segment register ES, CS, SS, DS. */
static const enum moo_reg seg_map[4] = {MOO_ES, MOO_CS, MOO_SS, MOO_DS};

static uint8_t *mem_page(void *o, uint32_t paddr, bool write)
{
    struct sst_machine *m = o;
    return paddr < SST_RAM_SIZE ? m->ram + (paddr & ~0xFFFu) : NULL;
}

static uint32_t mem_read(void *o, uint32_t paddr, unsigned size) { return 0xFFFFFFFFu; }
static void mem_write(void *o, uint32_t paddr, uint32_t val, unsigned size) {}

/* The suite's IN instructions read all ones (suite README, "6C, 6D, E4..."). */
static uint32_t io_read(void *o, uint16_t port, unsigned size)
{
    return size >= 4 ? 0xFFFFFFFFu : (1u << (8 * size)) - 1;
}

static void io_write(void *o, uint16_t port, uint32_t val, unsigned size) {}

static enum cpu_hook_action hook(void *o, struct cpu *c, int vector, uint32_t err, bool has_err)
{
    struct sst_machine *m = o;
    if (m->nexc < SST_MAX_EXC)
        m->exc_vec[m->nexc] = vector;
    m->nexc++;
    return CPU_HOOK_DELIVER;
}

int sst_machine_init(struct sst_machine *m, enum cpu_model model)
{
    memset(m, 0, sizeof(*m));
    m->ram = calloc(1, SST_RAM_SIZE);
    struct cpu_bus bus = {m, mem_page, mem_read, mem_write, io_read, io_write, NULL};
    m->cpu = m->ram ? cpu_create(model, &bus) : NULL;
    if (!m->cpu) {
        sst_machine_free(m);
        return -1;
    }
    cpu_set_exception_hook(m->cpu, hook, m);
    return 0;
}

void sst_machine_free(struct sst_machine *m)
{
    if (m->cpu)
        cpu_destroy(m->cpu);
    free(m->ram);
    m->cpu = NULL;
    m->ram = NULL;
}

static void write_ram(struct sst_machine *m, const struct moo_ram *r)
{
    for (uint32_t k = 0; k < r->count; k++) {
        uint32_t a = moo_ram_addr(r, k);
        if (a < SST_RAM_SIZE)
            m->ram[a] = moo_ram_val(r, k);
    }
}

static void set_seg(struct cpu_seg *s, uint16_t sel, uint16_t attr)
{
    s->sel = sel;
    s->base = (uint32_t)sel << 4;
    s->limit = 0xFFFF;
    s->attr = attr;
}

void sst_load(struct sst_machine *m, const struct moo_test *t)
{
    const uint16_t *v = t->init.regs.v;
    cpu_reset(m->cpu);
    cpu_set_a20(m->cpu, true);
    write_ram(m, &t->init.ram);
    cpu_memory_map_changed(m->cpu);
    struct cpu_regs r;
    cpu_get_regs(m->cpu, &r);
    for (int k = 0; k < 8; k++)
        r.gpr[k] = v[gpr_map[k]];
    for (int s = 0; s < 4; s++)
        set_seg(&r.seg[s], v[seg_map[s]], s == SEG_CS ? 0x9B : 0x93);
    set_seg(&r.seg[SEG_FS], 0, 0x93);
    set_seg(&r.seg[SEG_GS], 0, 0x93);
    r.eip = v[MOO_IP];
    /* The suite's initial FLAGS went through LOADALL: a real-mode 286 cannot
     * hold IOPL/NT, so its README says to clear the top four bits. */
    r.eflags = (v[MOO_FLAGS] & 0x0FFFu) | 0x2u;
    cpu_set_regs(m->cpu, &r);
    m->nexc = 0;
}

void sst_unload(struct sst_machine *m, const struct moo_test *t)
{
    const struct moo_ram *lists[2] = {&t->init.ram, &t->final.ram};
    for (int l = 0; l < 2; l++)
        for (uint32_t k = 0; k < lists[l]->count; k++) {
            uint32_t a = moo_ram_addr(lists[l], k);
            if (a < SST_RAM_SIZE)
                m->ram[a] = 0;
        }
}

void sst_read_regs(struct sst_machine *m, uint16_t out[MOO_NREGS])
{
    struct cpu_regs r;
    cpu_get_regs(m->cpu, &r);
    for (int k = 0; k < 8; k++)
        out[gpr_map[k]] = (uint16_t)r.gpr[k];
    for (int s = 0; s < 4; s++)
        out[seg_map[s]] = r.seg[s].sel;
    out[MOO_IP] = (uint16_t)r.eip;
    out[MOO_FLAGS] = (uint16_t)r.eflags;
}
