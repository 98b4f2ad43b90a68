/*
 * devices/piix3_ide.c - PIIX3 function 1, the IDE controller's PCI face
 * (see piix3_ide.h): identity, command register, BAR4 and the IDE timing
 * registers IDETIM (40h-43h, bit 15 IDE decode enable) and SIDETIM (44h),
 * which are stored only.
 *
 * Invariant: mapped_base is the port BAR4 is mapped at, 0 when unmapped.
 */
#include "piix3_ide.h"

#include <stdlib.h>

struct piix3_ide {
    struct pci_function fn;
    uint32_t mapped_base; /**< wiring: derived from the config space */
    struct pci_bus *pci;
    struct bus *io;
    struct ide *ide;
};

const struct state_desc piix3_ide_state_desc = {
    "piix3-ide",
    1,
    sizeof(struct piix3_ide),
    (const struct state_field[]){
        STATE_STRUCTS(struct piix3_ide, fn, 1, &pci_function_state_desc),
    },
    1,
};

enum { BM_BAR = 4, IDETIM = 0x40, SIDETIM = 0x44 };

static uint32_t bm_read(void *opaque, uint32_t offset, unsigned size)
{
    return ide_bm_read(((struct piix3_ide *)opaque)->ide, offset, size);
}

static void bm_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    ide_bm_write(((struct piix3_ide *)opaque)->ide, offset, val, size);
}

static const struct bus_ops bm_ops = {bm_read, bm_write, 1, 4};

/* Map BAR4 where the configuration space says (or nowhere). */
static void update_bar(struct piix3_ide *p)
{
    uint32_t base = pci_function_bar_address(&p->fn, BM_BAR) & 0xFFFF;
    if (!(pci_get_word(&p->fn, PCI_COMMAND) & PCI_COMMAND_IO) || base > 0xFFF0)
        base = 0;
    if (base == p->mapped_base)
        return;
    if (p->mapped_base)
        bus_unmap(p->io, p->mapped_base, p);
    p->mapped_base = 0;
    if (base && bus_map(p->io, "piix3-ide-bm", base, IDE_BM_SIZE, &bm_ops, p) == 0)
        p->mapped_base = base;
}

static void config_write(void *opaque, uint8_t offset, unsigned size, uint32_t old)
{
    update_bar(opaque);
}

static void init_registers(struct piix3_ide *p)
{
    struct pci_function *f = &p->fn;
    pci_function_init(f, 0x8086, PIIX3_IDE_DEVICE_ID, 0x00, 0x010180, 0x00);
    pci_function_set_bar(f, BM_BAR, IDE_BM_SIZE, PCI_BAR_IO);
    pci_set_word(f, PCI_STATUS, 0x0280); /* fast back-to-back, medium DEVSEL */
    f->wmask[PCI_INTERRUPT_LINE] = 0;
    for (unsigned r = IDETIM; r <= SIDETIM; r++)
        f->wmask[r] = 0xFF;
    f->config_write = config_write;
    f->opaque = p;
}

void piix3_ide_reset(struct piix3_ide *p)
{
    init_registers(p);
    update_bar(p);
}

struct piix3_ide *piix3_ide_create(struct pci_bus *pci, struct bus *io, struct ide *ide)
{
    struct piix3_ide *p = calloc(1, sizeof(*p));
    if (!p)
        return NULL;
    p->pci = pci;
    p->io = io;
    p->ide = ide;
    init_registers(p);
    if (pci_register(pci, pci_devfn(1, 1), &p->fn) < 0) {
        free(p);
        return NULL;
    }
    return p;
}

void piix3_ide_destroy(struct piix3_ide *p)
{
    if (!p)
        return;
    if (p->mapped_base)
        bus_unmap(p->io, p->mapped_base, p);
    pci_unregister(p->pci, pci_devfn(1, 1));
    free(p);
}
