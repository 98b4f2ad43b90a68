/*
 * tests/sst/sst_check.c - final-state comparison (see sst_check.h).
 */
#include "sst_check.h"

static void apply_rmsk(const struct moo_regs *rm, uint16_t mask[MOO_NREGS])
{
    if (!rm)
        return;
    for (int k = 0; k < MOO_NREGS; k++)
        if (rm->mask >> k & 1)
            mask[k] &= rm->v[k];
}

static void check_regs(struct sst_machine *m, const struct moo_test *t,
                       const struct moo_regs *file_rmsk, uint16_t flags_mask, struct sst_result *r)
{
    sst_read_regs(m, r->got);
    r->regdiff = 0;
    for (int k = 0; k < MOO_NREGS; k++) {
        bool given = t->final.regs.mask >> k & 1;
        r->exp[k] = given ? t->final.regs.v[k] : t->init.regs.v[k];
        r->mask[k] = k == MOO_FLAGS ? flags_mask : 0xFFFF;
    }
    apply_rmsk(file_rmsk, r->mask);
    apply_rmsk(&t->final.rmsk, r->mask);
    for (int k = 0; k < MOO_NREGS; k++)
        if ((r->got[k] ^ r->exp[k]) & r->mask[k])
            r->regdiff |= (uint16_t)(1u << k);
}

/* Final value of register @k: given in FINA, else unchanged from INIT. */
static uint16_t final_reg(const struct moo_test *t, int k)
{
    return (t->final.regs.mask >> k & 1) ? t->final.regs.v[k] : t->init.regs.v[k];
}

/*
 * Where the exception pushed FLAGS: the EXCP chunk's address, except that
 * the suite rounds it down to an even address when SP is odd.  A real-mode
 * exception pushes FLAGS, CS, IP, so FLAGS sit at final SS:(SP + 4), which
 * is what we use (and what the EXCP address is whenever SP is even).
 */
static uint32_t excp_flags_addr(const struct moo_test *t, unsigned byte)
{
    uint32_t ss = final_reg(t, MOO_SS), sp = final_reg(t, MOO_SP);
    return (ss << 4) + ((sp + 4 + byte) & 0xFFFF);
}

uint8_t sst_ram_mask(const struct moo_test *t, uint16_t flags_mask, uint32_t addr)
{
    if (!t->has_excp)
        return 0xFF;
    if (addr == excp_flags_addr(t, 0))
        return (uint8_t)flags_mask;
    if (addr == excp_flags_addr(t, 1))
        return (uint8_t)(flags_mask >> 8);
    return 0xFF;
}

bool sst_ram_expected(const struct moo_test *t, uint32_t addr, uint8_t *val)
{
    return moo_ram_find(&t->final.ram, addr, val) || moo_ram_find(&t->init.ram, addr, val);
}

static bool ram_bad(struct sst_machine *m, const struct moo_test *t, uint16_t fm, uint32_t a, uint8_t v)
{
    return a < SST_RAM_SIZE && ((m->ram[a] ^ v) & sst_ram_mask(t, fm, a));
}

static uint32_t check_ram(struct sst_machine *m, const struct moo_test *t, uint16_t fm)
{
    uint32_t bad = 0;
    const struct moo_ram *fin = &t->final.ram, *ini = &t->init.ram;
    for (uint32_t k = 0; k < fin->count; k++)
        bad += ram_bad(m, t, fm, moo_ram_addr(fin, k), moo_ram_val(fin, k));
    for (uint32_t k = 0; k < ini->count; k++) {
        uint32_t a = moo_ram_addr(ini, k);
        uint8_t dummy;
        if (!moo_ram_find(fin, a, &dummy))
            bad += ram_bad(m, t, fm, a, moo_ram_val(ini, k));
    }
    return bad;
}

void sst_check(struct sst_machine *m, const struct moo_test *t, const struct moo_regs *file_rmsk,
               uint16_t flags_mask, enum cpu_stop stop, struct sst_result *r)
{
    r->stop = stop;
    check_regs(m, t, file_rmsk, flags_mask, r);
    r->ram_diff = check_ram(m, t, flags_mask);
    r->pass = stop == CPU_STOP_HALT && !r->regdiff && !r->ram_diff;
}
