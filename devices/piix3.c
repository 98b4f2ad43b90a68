/*
 * devices/piix3.c - PIIX3 function 0, the PCI-to-ISA bridge (see piix3.h).
 *
 * Invariants: the state is the configuration space plus the reset control
 * byte; the effective PIRQ routes are derived from PIRQRC, never stored
 * apart, and pirq_changed fires exactly when a write or reset changes one.
 */
#include "piix3.h"

#include <stddef.h>
#include <stdlib.h>

struct piix3 {
    struct pci_function fn;
    uint8_t rc; /**< reset control register (0CF9h): SRST and RCPU */
    struct pci_bus *pci;
    struct piix3_wiring w;
};

const struct state_desc piix3_state_desc = {
    "piix3",
    1,
    sizeof(struct piix3),
    (const struct state_field[]){
        STATE_STRUCTS(struct piix3, fn, 1, &pci_function_state_desc),
        STATE_FIELD(struct piix3, rc, 1),
    },
    2,
};

/* The IRQ a PIRQRC value routes to: -1 when disabled or reserved. */
static int route_of(uint8_t v)
{
    unsigned irq = v & 0x0F;
    if (v & PIIX3_PIRQ_DISABLE)
        return -1;
    if (irq <= 2 || irq == 8 || irq == 13) /* reserved encodings */
        return -1;
    return (int)irq;
}

int piix3_pirq_irq(const struct piix3 *p, unsigned pirq)
{
    return pirq < 4 ? route_of(p->fn.config[PIIX3_PIRQRC + pirq]) : -1;
}

static void config_write(void *opaque, uint8_t offset, unsigned size, uint32_t old)
{
    struct piix3 *p = opaque;
    for (unsigned k = 0; k < size; k++) {
        unsigned reg = offset + k;
        if (reg < PIIX3_PIRQRC || reg > PIIX3_PIRQRC + 3)
            continue;
        int before = route_of((uint8_t)(old >> (8 * k)));
        int now = route_of(p->fn.config[reg]);
        if (before != now && p->w.pirq_changed)
            p->w.pirq_changed(p->w.opaque, reg - PIIX3_PIRQRC, now);
    }
}

/* Writable bits of the stored-only chipset registers. */
static void set_chipset_masks(struct pci_function *f)
{
    static const uint8_t rw[] = {
        0x4C, 0x4E, 0x4F,             /* IORT, XBCS */
        0x69, 0x6A, 0x6B,             /* TOM, MSTAT */
        0x70, 0x71, 0x76, 0x77,       /* MBIRQ0-1, MBDMA0-1 */
        0x78, 0x79, 0x80, 0x82,       /* PCSC, APICBASE, DLC */
        0xA0, 0xA2, 0xA3, 0xA4, 0xA5, /* SMICNTL, SMIEN, SEE */
        0xA6, 0xA7, 0xA8, 0xAA, 0xAB, /* SEE, FTMR, SMIREQ */
        0xAC, 0xAE,                   /* CTLTMR, CTHTMR */
    };
    for (unsigned k = 0; k < sizeof(rw); k++)
        f->wmask[rw[k]] = 0xFF;
    f->wmask[PIIX3_TOM] = 0xFE; /* bit 0 reserved */
    for (unsigned r = PIIX3_PIRQRC; r < PIIX3_PIRQRC + 4; r++)
        f->wmask[r] = 0x8F; /* IRQROUTEN and the IRQ; 6:4 reserved */
}

static void init_registers(struct piix3 *p)
{
    struct pci_function *f = &p->fn;
    pci_function_init(f, PIIX3_VENDOR_ID, PIIX3_ISA_DEVICE_ID, 0x00, 0x060100,
                      PCI_HEADER_MULTI_FUNCTION);
    pci_set_word(f, PCI_COMMAND, 0x0007); /* I/O, memory, master: hardwired on */
    pci_set_word(f, PCI_STATUS, 0x0200);  /* medium DEVSEL timing */
    f->wmask[PCI_COMMAND] = 0x08;         /* special cycle enable */
    f->wmask[PCI_COMMAND + 1] = 0;
    f->wmask[PCI_CACHE_LINE_SIZE] = 0;
    f->wmask[PCI_LATENCY_TIMER] = 0;
    f->wmask[PCI_INTERRUPT_LINE] = 0;
    set_chipset_masks(f);
    f->config[0x4C] = 0x4D; /* IORT */
    f->config[0x4E] = 0x03; /* XBCS: RTC and keyboard controller decode */
    f->config[PIIX3_TOM] = 0x02;
    for (unsigned r = 0; r < 4; r++)
        f->config[PIIX3_PIRQRC + r] = PIIX3_PIRQ_DISABLE;
    f->config[0x70] = f->config[0x71] = 0x80; /* MBIRQ: disabled */
    f->config[0x76] = f->config[0x77] = 0x04; /* MBDMA: disabled */
    f->config_write = config_write;
    f->opaque = p;
    p->rc = 0;
}

void piix3_reset(struct piix3 *p)
{
    int before[4];
    for (unsigned k = 0; k < 4; k++)
        before[k] = piix3_pirq_irq(p, k);
    init_registers(p);
    for (unsigned k = 0; k < 4; k++)
        if (before[k] != -1 && p->w.pirq_changed)
            p->w.pirq_changed(p->w.opaque, k, -1);
}

static uint8_t rc_read(void *opaque)
{
    return ((struct piix3 *)opaque)->rc;
}

static void rc_write(void *opaque, uint8_t val)
{
    struct piix3 *p = opaque;
    uint8_t old = p->rc;
    p->rc = val & (PIIX3_RC_SRST | PIIX3_RC_RCPU);
    if (!(old & PIIX3_RC_RCPU) && (p->rc & PIIX3_RC_RCPU) && p->w.reset)
        p->w.reset(p->w.opaque, p->rc & PIIX3_RC_SRST);
}

struct piix3 *piix3_create(struct pci_bus *pci, const struct piix3_wiring *w)
{
    struct piix3 *p = calloc(1, sizeof(*p));
    if (!p)
        return NULL;
    p->pci = pci;
    p->w = *w;
    init_registers(p);
    if (pci_register(pci, pci_devfn(1, 0), &p->fn) < 0) {
        free(p);
        return NULL;
    }
    pci_set_cf9_hook(pci, &(struct pci_cf9_hook){rc_read, rc_write, p});
    return p;
}

void piix3_destroy(struct piix3 *p)
{
    if (!p)
        return;
    pci_unregister(p->pci, pci_devfn(1, 0));
    pci_set_cf9_hook(p->pci, NULL);
    free(p);
}
