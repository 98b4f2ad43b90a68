/*
 * tests/device/test_pci.c - PCI configuration mechanism #1, the i440FX
 * host bridge and the PIIX3 ISA bridge, driven through ports 0xCF8-0xCFF
 * only (plus the board-side callbacks they report to).
 */
#include <check.h>
#include <stdlib.h>

#include "board/bus.h"
#include "devices/i440fx.h"
#include "devices/pci.h"
#include "devices/piix3.h"

/* ---- a machine with the two chipset functions, and recorders ---------- */

struct pam_call {
    uint32_t base, size;
    bool re, we;
};

struct rec {
    struct pam_call pam[32];
    unsigned npam;
    int pirq_irq[4];
    unsigned npirq;
    int resets;
    bool hard;
};

static void on_pam(void *o, uint32_t base, uint32_t size, bool re, bool we)
{
    struct rec *r = o;
    if (r->npam < 32)
        r->pam[r->npam] = (struct pam_call){base, size, re, we};
    r->npam++;
}

static void on_pirq(void *o, unsigned pirq, int irq)
{
    struct rec *r = o;
    r->pirq_irq[pirq & 3] = irq;
    r->npirq++;
}

static void on_reset(void *o, bool hard)
{
    struct rec *r = o;
    r->resets++;
    r->hard = hard;
}

struct rig {
    struct bus *io;
    struct pci_bus *pci;
    struct i440fx *nb;
    struct piix3 *sb;
    struct rec rec;
};

static void rig_up(struct rig *g)
{
    g->io = bus_create("port", NULL, CPU_LOG_UNIMP);
    g->pci = pci_create(g->io);
    ck_assert_ptr_nonnull(g->pci);
    struct i440fx_config cfg = {.ram_size = 32u << 20};
    struct i440fx_wiring nw = {on_pam, &g->rec};
    struct piix3_wiring sw = {on_pirq, on_reset, &g->rec};
    g->nb = i440fx_create(g->pci, &cfg, &nw);
    g->sb = piix3_create(g->pci, &sw);
    ck_assert_ptr_nonnull(g->nb);
    ck_assert_ptr_nonnull(g->sb);
}

static void rig_down(struct rig *g)
{
    piix3_destroy(g->sb);
    i440fx_destroy(g->nb);
    pci_destroy(g->pci);
    bus_destroy(g->io);
}

static uint32_t cfg_addr(unsigned dev, unsigned fn, unsigned reg)
{
    return 0x80000000u | dev << 11 | fn << 8 | (reg & 0xFC);
}

static uint32_t cfg_read(struct bus *io, unsigned dev, unsigned fn, unsigned reg, unsigned size)
{
    bus_write(io, 0xCF8, cfg_addr(dev, fn, reg), 4);
    return bus_read(io, 0xCFC + (reg & 3), size);
}

static void cfg_write(struct bus *io, unsigned dev, unsigned fn, unsigned reg, uint32_t v,
                      unsigned size)
{
    bus_write(io, 0xCF8, cfg_addr(dev, fn, reg), 4);
    bus_write(io, 0xCFC + (reg & 3), v, size);
}

/* ---- mechanism #1 --------------------------------------------------------- */

START_TEST(test_pci_config_address_roundtrip)
{
    struct rig g = {0};
    rig_up(&g);
    bus_write(g.io, 0xCF8, 0x80000000u, 4);
    ck_assert_uint_eq(bus_read(g.io, 0xCF8, 4), 0x80000000u);
    /* reserved bits 30:24 and 1:0 read back 0 */
    bus_write(g.io, 0xCF8, 0xFFFFFFFFu, 4);
    ck_assert_uint_eq(bus_read(g.io, 0xCF8, 4), 0x80FFFFFCu);
    /* a word write is not a CONFIG_ADDRESS access */
    bus_write(g.io, 0xCF8, 0x1234, 2);
    ck_assert_uint_eq(bus_read(g.io, 0xCF8, 4), 0x80FFFFFCu);
    ck_assert_uint_eq(bus_read(g.io, 0xCF8, 2), 0xFFFF);
    /* with the enable bit clear CONFIG_DATA is not a configuration cycle */
    bus_write(g.io, 0xCF8, 0x00000000u, 4);
    ck_assert_uint_eq(bus_read(g.io, 0xCFC, 4), 0xFFFFFFFFu);
    pci_reset(g.pci);
    ck_assert_uint_eq(bus_read(g.io, 0xCF8, 4), 0);
    rig_down(&g);
}
END_TEST

START_TEST(test_pci_absent_function_reads_all_ones)
{
    struct rig g = {0};
    rig_up(&g);
    ck_assert_uint_eq(cfg_read(g.io, 5, 0, 0, 4), 0xFFFFFFFFu);
    ck_assert_uint_eq(cfg_read(g.io, 1, 1, 0, 2), 0xFFFF); /* no IDE function */
    ck_assert_uint_eq(cfg_read(g.io, 0, 1, 0x0E, 1), 0xFF);
    /* bus 1 does not exist even where bus 0 has a device */
    bus_write(g.io, 0xCF8, 0x80010000u, 4);
    ck_assert_uint_eq(bus_read(g.io, 0xCFC, 4), 0xFFFFFFFFu);
    /* writes to an absent function are harmless */
    cfg_write(g.io, 5, 0, 0x04, 0xFFFF, 2);
    ck_assert_uint_eq(cfg_read(g.io, 5, 0, 0x04, 2), 0xFFFF);
    rig_down(&g);
}
END_TEST

START_TEST(test_pci_i440fx_ids_and_class)
{
    struct rig g = {0};
    rig_up(&g);
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, 0x00, 4), 0x12378086u);
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, 0x0A, 2), 0x0600);
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, 0x0E, 1), 0x00);
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, 0x04, 2), 0x0006);
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, 0x06, 2), 0x0280);
    /* the IDs are read-only */
    cfg_write(g.io, 0, 0, 0x00, 0, 4);
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, 0x00, 4), 0x12378086u);
    /* SMRAM is stored, its base segment field fixed at 010b */
    cfg_write(g.io, 0, 0, I440FX_SMRAM, 0xFF, 1);
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, I440FX_SMRAM, 1), 0x7A);
    /* DRB: 32 MiB is four 8 MiB units; the rows are stored */
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, I440FX_DRB0, 1), 4);
    cfg_write(g.io, 0, 0, I440FX_DRB0 + 1, 0x10, 1);
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, I440FX_DRB0 + 1, 1), 0x10);
    ck_assert_ptr_null(state_desc_check(&i440fx_state_desc));
    rig_down(&g);
}
END_TEST

START_TEST(test_pci_piix3_is_multifunction_bridge)
{
    struct rig g = {0};
    rig_up(&g);
    ck_assert_uint_eq(cfg_read(g.io, 1, 0, 0x00, 4), 0x70008086u);
    ck_assert_uint_eq(cfg_read(g.io, 1, 0, 0x0A, 2), 0x0601);
    ck_assert_uint_eq(cfg_read(g.io, 1, 0, 0x0E, 1) & PCI_HEADER_MULTI_FUNCTION,
                      PCI_HEADER_MULTI_FUNCTION);
    ck_assert_uint_eq(cfg_read(g.io, 1, 0, PIIX3_PIRQRC, 4), 0x80808080u);
    ck_assert_uint_eq(cfg_read(g.io, 1, 0, PIIX3_TOM, 1), 0x02);
    cfg_write(g.io, 1, 0, PIIX3_TOM, 0x21, 1); /* bit 0 reserved */
    ck_assert_uint_eq(cfg_read(g.io, 1, 0, PIIX3_TOM, 1), 0x20);
    ck_assert_ptr_null(state_desc_check(&piix3_state_desc));
    ck_assert_ptr_null(state_desc_check(&pci_bus_state_desc));
    rig_down(&g);
}
END_TEST

/* ---- a fake function: BAR sizing --------------------------------------- */

struct fake_writes {
    unsigned calls;
    uint8_t last_offset;
    uint32_t last_old;
};

static void fake_config_write(void *o, uint8_t offset, unsigned size, uint32_t old)
{
    struct fake_writes *w = o;
    w->calls++;
    w->last_offset = offset;
    w->last_old = old;
}

START_TEST(test_pci_bar_sizing_memory_and_rom)
{
    struct rig g = {0};
    rig_up(&g);
    struct pci_function f;
    struct fake_writes fw = {0};
    pci_function_init(&f, 0x1234, 0x1111, 0, 0x030000, 0);
    ck_assert_int_eq(pci_function_set_bar(&f, 0, 16u << 20, PCI_BAR_MEM32 | PCI_BAR_PREFETCH), 0);
    ck_assert_int_eq(pci_function_set_bar(&f, 1, 32, PCI_BAR_IO), 0);
    ck_assert_int_eq(pci_function_set_rom(&f, 64u << 10), 0);
    ck_assert_int_eq(pci_function_set_bar(&f, 2, 24, PCI_BAR_MEM32), -1); /* not 2^n */
    f.config_write = fake_config_write;
    f.opaque = &fw;
    ck_assert_int_eq(pci_register(g.pci, pci_devfn(2, 0), &f), 0);
    ck_assert_int_eq(pci_register(g.pci, pci_devfn(2, 0), &f), -1);

    cfg_write(g.io, 2, 0, 0x10, 0xFFFFFFFFu, 4);
    ck_assert_uint_eq(cfg_read(g.io, 2, 0, 0x10, 4), 0xFF000008u);
    ck_assert_uint_eq(fw.calls, 1);
    ck_assert_uint_eq(fw.last_offset, 0x10);
    ck_assert_uint_eq(fw.last_old, 0x00000008u);
    cfg_write(g.io, 2, 0, 0x10, 0xE0123456u, 4);
    ck_assert_uint_eq(pci_function_bar_address(&f, 0), 0xE0000000u);

    cfg_write(g.io, 2, 0, 0x14, 0xFFFFFFFFu, 4);
    ck_assert_uint_eq(cfg_read(g.io, 2, 0, 0x14, 4), 0xFFFFFFE1u);
    cfg_write(g.io, 2, 0, 0x14, 0xC000, 4);
    ck_assert_uint_eq(pci_function_bar_address(&f, 1), 0xC000);

    cfg_write(g.io, 2, 0, PCI_ROM_ADDRESS, 0xFFFFF800u, 4);
    ck_assert_uint_eq(cfg_read(g.io, 2, 0, PCI_ROM_ADDRESS, 4), 0xFFFF0000u);
    cfg_write(g.io, 2, 0, PCI_ROM_ADDRESS, 0xFEBF0001u, 4);
    ck_assert_uint_eq(cfg_read(g.io, 2, 0, PCI_ROM_ADDRESS, 4), 0xFEBF0001u);
    ck_assert_uint_eq(pci_function_rom_address(&f), 0xFEBF0000u);
    /* an unimplemented BAR stays 0 */
    cfg_write(g.io, 2, 0, 0x18, 0xFFFFFFFFu, 4);
    ck_assert_uint_eq(cfg_read(g.io, 2, 0, 0x18, 4), 0);
    pci_unregister(g.pci, pci_devfn(2, 0));
    ck_assert_uint_eq(cfg_read(g.io, 2, 0, 0, 4), 0xFFFFFFFFu);
    rig_down(&g);
}
END_TEST

START_TEST(test_pci_byte_and_word_access_at_offsets)
{
    struct rig g = {0};
    rig_up(&g);
    /* byte reads at 0xCFC + (offset & 3) */
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, 0x00, 1), 0x86);
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, 0x01, 1), 0x80);
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, 0x02, 1), 0x37);
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, 0x03, 1), 0x12);
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, 0x02, 2), 0x1237);
    /* a word write at 0xCFE only touches bytes 2-3 of the dword */
    cfg_write(g.io, 1, 0, PIIX3_PIRQRC + 2, 0x0B0A, 2);
    ck_assert_uint_eq(cfg_read(g.io, 1, 0, PIIX3_PIRQRC, 4), 0x0B0A8080u);
    cfg_write(g.io, 1, 0, PIIX3_PIRQRC + 1, 0x05, 1);
    ck_assert_uint_eq(cfg_read(g.io, 1, 0, PIIX3_PIRQRC, 4), 0x0B0A0580u);
    /* status is write-one-to-clear: writing ones leaves the read-only bits */
    cfg_write(g.io, 0, 0, 0x06, 0xFFFF, 2);
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, 0x06, 2), 0x0280);
    struct pci_function f;
    pci_function_init(&f, 0x1234, 0x5678, 0, 0xFF0000, 0);
    pci_set_word(&f, PCI_STATUS, 0x2280); /* received master abort + RO bits */
    ck_assert_int_eq(pci_register(g.pci, pci_devfn(3, 0), &f), 0);
    cfg_write(g.io, 3, 0, PCI_STATUS, 0x0000, 2);
    ck_assert_uint_eq(cfg_read(g.io, 3, 0, PCI_STATUS, 2), 0x2280);
    cfg_write(g.io, 3, 0, PCI_STATUS, 0x2000, 2);
    ck_assert_uint_eq(cfg_read(g.io, 3, 0, PCI_STATUS, 2), 0x0280);
    /* a byte write to the command register leaves the status alone */
    pci_set_word(&f, PCI_STATUS, 0x2280);
    cfg_write(g.io, 3, 0, PCI_COMMAND, 0xFF, 1);
    ck_assert_uint_eq(cfg_read(g.io, 3, 0, PCI_COMMAND, 4), 0x22800047u);
    rig_down(&g);
}
END_TEST

/* ---- chipset callbacks ---------------------------------------------------- */

START_TEST(test_i440fx_pam_write_reports_ranges)
{
    struct rig g = {0};
    rig_up(&g);
    i440fx_reset(g.nb); /* reports all 13 segments: ROM side */
    ck_assert_uint_eq(g.rec.npam, 13);
    ck_assert(!g.rec.pam[0].re && !g.rec.pam[0].we);
    ck_assert_uint_eq(g.rec.pam[12].base, 0xF0000);
    g.rec.npam = 0;

    /* SeaBIOS's unlock: dword 0x58 <- 0x33333000 covers PAM0-PAM2 */
    cfg_write(g.io, 0, 0, 0x58, 0x33333000u, 4);
    ck_assert_uint_eq(g.rec.npam, 5);
    ck_assert_uint_eq(g.rec.pam[0].base, 0xC0000);
    ck_assert_uint_eq(g.rec.pam[0].size, 0x4000);
    ck_assert_uint_eq(g.rec.pam[3].base, 0xCC000);
    ck_assert_uint_eq(g.rec.pam[4].base, 0xF0000);
    ck_assert_uint_eq(g.rec.pam[4].size, 0x10000);
    ck_assert(g.rec.pam[4].re && g.rec.pam[4].we);
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, 0x59, 1), 0x30);
    ck_assert_int_eq(i440fx_pam_attr(g.nb, 0xFFFF0), 3);

    /* writing the same value again reports nothing */
    g.rec.npam = 0;
    cfg_write(g.io, 0, 0, 0x59, 0x30, 1);
    ck_assert_uint_eq(g.rec.npam, 0);

    /* lock F segment read-only; the reserved low nibble of PAM0 stays 0 */
    cfg_write(g.io, 0, 0, 0x59, 0x1F, 1);
    ck_assert_uint_eq(g.rec.npam, 1);
    ck_assert(g.rec.pam[0].re && !g.rec.pam[0].we);
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, 0x59, 1), 0x10);

    /* write-only E4000 segment (PAM5 high nibble), as the Bochs BIOS uses */
    g.rec.npam = 0;
    cfg_write(g.io, 0, 0, 0x5E, 0x20, 1);
    ck_assert_uint_eq(g.rec.npam, 1);
    ck_assert_uint_eq(g.rec.pam[0].base, 0xE4000);
    ck_assert(!g.rec.pam[0].re && g.rec.pam[0].we);
    ck_assert_int_eq(i440fx_pam_attr(g.nb, 0xE7FFF), 2);
    ck_assert_int_eq(i440fx_pam_attr(g.nb, 0xBFFFF), -1);
    rig_down(&g);
}
END_TEST

START_TEST(test_piix3_pirq_route_callback)
{
    struct rig g = {0};
    rig_up(&g);
    /* SeaBIOS's routing 0A 0A 0B 0B in one dword */
    cfg_write(g.io, 1, 0, PIIX3_PIRQRC, 0x0B0B0A0Au, 4);
    ck_assert_uint_eq(g.rec.npirq, 4);
    ck_assert_int_eq(g.rec.pirq_irq[0], 10);
    ck_assert_int_eq(g.rec.pirq_irq[3], 11);
    ck_assert_int_eq(piix3_pirq_irq(g.sb, 2), 11);
    /* unchanged route: no call; disabling: -1 */
    cfg_write(g.io, 1, 0, PIIX3_PIRQRC, 0x0A, 1);
    ck_assert_uint_eq(g.rec.npirq, 4);
    cfg_write(g.io, 1, 0, PIIX3_PIRQRC + 1, 0x8A, 1);
    ck_assert_uint_eq(g.rec.npirq, 5);
    ck_assert_int_eq(g.rec.pirq_irq[1], -1);
    /* reserved IRQ 2 routes nowhere; reserved bits 6:4 read 0 */
    cfg_write(g.io, 1, 0, PIIX3_PIRQRC + 2, 0x72, 1);
    ck_assert_int_eq(g.rec.pirq_irq[2], -1);
    ck_assert_uint_eq(cfg_read(g.io, 1, 0, PIIX3_PIRQRC + 2, 1), 0x02);
    /* reset disables every route that was live (only PIRQA and PIRQD) */
    g.rec.npirq = 0;
    piix3_reset(g.sb);
    ck_assert_uint_eq(g.rec.npirq, 2);
    ck_assert_int_eq(g.rec.pirq_irq[0], -1);
    ck_assert_int_eq(g.rec.pirq_irq[3], -1);
    rig_down(&g);
}
END_TEST

START_TEST(test_piix3_cf9_reset_control)
{
    struct rig g = {0};
    rig_up(&g);
    bus_write(g.io, 0xCF8, 0x80000800u, 4);
    bus_write(g.io, 0xCF9, 0x02, 1); /* SeaBIOS: 02 then 06 */
    ck_assert_int_eq(g.rec.resets, 0);
    bus_write(g.io, 0xCF9, 0x06, 1);
    ck_assert_int_eq(g.rec.resets, 1);
    ck_assert(g.rec.hard);
    ck_assert_uint_eq(bus_read(g.io, 0xCF9, 1), 0x06);
    /* CONFIG_ADDRESS is untouched by the byte access */
    ck_assert_uint_eq(bus_read(g.io, 0xCF8, 4), 0x80000800u);
    rig_down(&g);
}
END_TEST

START_TEST(test_pci_register_fuzz_does_not_crash)
{
    struct rig g = {0};
    rig_up(&g);
    srand(0xCF8);
    for (int k = 0; k < 200000; k++) {
        uint16_t port = (uint16_t)(0xCF6 + rand() % 12);
        unsigned size = 1u << (rand() % 3);
        uint32_t v = (uint32_t)rand() << 16 ^ (uint32_t)rand();
        if (rand() % 3 == 0) /* mostly aim at the two chipset functions */
            bus_write(g.io, 0xCF8, 0x80000000u | (v & 0x8FC), 4);
        else if (rand() & 1)
            bus_write(g.io, port, v, size);
        else
            (void)bus_read(g.io, port, size);
    }
    /* the identities survived */
    ck_assert_uint_eq(cfg_read(g.io, 0, 0, 0, 4), 0x12378086u);
    ck_assert_uint_eq(cfg_read(g.io, 1, 0, 0, 4), 0x70008086u);
    ck_assert_uint_eq(cfg_read(g.io, 1, 0, 0x0E, 1), 0x80);
    rig_down(&g);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pci");
    TCase *tc = tcase_create("ports");
    tcase_add_test(tc, test_pci_config_address_roundtrip);
    tcase_add_test(tc, test_pci_absent_function_reads_all_ones);
    tcase_add_test(tc, test_pci_i440fx_ids_and_class);
    tcase_add_test(tc, test_pci_piix3_is_multifunction_bridge);
    tcase_add_test(tc, test_pci_bar_sizing_memory_and_rom);
    tcase_add_test(tc, test_pci_byte_and_word_access_at_offsets);
    tcase_add_test(tc, test_i440fx_pam_write_reports_ranges);
    tcase_add_test(tc, test_piix3_pirq_route_callback);
    tcase_add_test(tc, test_piix3_cf9_reset_control);
    tcase_add_test(tc, test_pci_register_fuzz_does_not_crash);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
