/*
 * devices/i440fx.c - the 82441FX PMC host bridge (see i440fx.h).
 *
 * Invariants: the state is the function's configuration space and nothing
 * else, so the PAM attributes are read from it; a PAM nibble only ever
 * holds RE and WE (the write masks drop the reserved bits); pam_changed is
 * called exactly for the segments whose RE/WE differ from before a write.
 */
#include "i440fx.h"

#include <stddef.h>
#include <stdlib.h>

struct i440fx {
    struct pci_function fn;
    struct pci_bus *pci;
    struct i440fx_config cfg;
    struct i440fx_wiring w;
};

const struct state_desc i440fx_state_desc = {
    "i440fx",
    1,
    sizeof(struct i440fx),
    (const struct state_field[]){STATE_STRUCTS(struct i440fx, fn, 1, &pci_function_state_desc)},
    1,
};

/* One PAM segment: its register, nibble shift and address range. */
struct pam_segment {
    uint8_t reg, shift;
    uint32_t base, size;
};

/* Segment @k (0 = F0000-FFFFF, 1..12 = C0000.. in 16 KiB steps). */
static struct pam_segment pam_segment(unsigned k)
{
    if (k == 0)
        return (struct pam_segment){I440FX_PAM0, 4, 0xF0000, 0x10000};
    unsigned idx = k - 1; /* PAM1 low nibble is C0000 */
    return (struct pam_segment){(uint8_t)(I440FX_PAM0 + 1 + idx / 2), (uint8_t)(4 * (idx % 2)),
                                I440FX_PAM_BASE + idx * 0x4000, 0x4000};
}

static unsigned pam_bits(uint8_t reg_value, unsigned shift)
{
    return (reg_value >> shift) & 3;
}

static void report(struct i440fx *x, const struct pam_segment *s, unsigned attr)
{
    if (x->w.pam_changed)
        x->w.pam_changed(x->w.opaque, s->base, s->size, attr & I440FX_PAM_RE, attr & I440FX_PAM_WE);
}

/* Byte @reg's value before the write of @size bytes at @offset (@old). */
static uint8_t old_byte(uint8_t reg, uint8_t offset, unsigned size, uint32_t old,
                        const struct pci_function *f)
{
    if (reg < offset || reg >= offset + size)
        return f->config[reg];
    return (uint8_t)(old >> (8 * (reg - offset)));
}

/* Report the segments whose attributes a configuration write changed, in
   ascending address order (C0000 first, F0000 last). */
static void config_write(void *opaque, uint8_t offset, unsigned size, uint32_t old)
{
    struct i440fx *x = opaque;
    if (offset > I440FX_PAM0 + 6 || offset + size <= I440FX_PAM0)
        return;
    for (unsigned n = 1; n <= I440FX_PAM_SEGMENTS; n++) {
        unsigned k = n % I440FX_PAM_SEGMENTS;
        struct pam_segment s = pam_segment(k);
        unsigned before = pam_bits(old_byte(s.reg, offset, size, old, &x->fn), s.shift);
        unsigned now = pam_bits(x->fn.config[s.reg], s.shift);
        if (before != now)
            report(x, &s, now);
    }
}

void i440fx_pam_resync(struct i440fx *x)
{
    for (unsigned n = 1; n <= I440FX_PAM_SEGMENTS; n++) {
        struct pam_segment s = pam_segment(n % I440FX_PAM_SEGMENTS);
        report(x, &s, pam_bits(x->fn.config[s.reg], s.shift));
    }
}

int i440fx_pam_attr(const struct i440fx *x, uint32_t paddr)
{
    if (paddr < I440FX_PAM_BASE || paddr > 0xFFFFF)
        return -1;
    unsigned k = paddr >= 0xF0000 ? 0 : 1 + (paddr - I440FX_PAM_BASE) / 0x4000;
    struct pam_segment s = pam_segment(k);
    return (int)pam_bits(x->fn.config[s.reg], s.shift);
}

/* Writable bits of the chipset registers the PMC only stores. */
static void set_chipset_masks(struct pci_function *f)
{
    for (unsigned r = 0x50; r <= 0x58; r++) /* PMCCFG, DETURBO, DBC, AXC, DRAMR, DRAMC, DRAMT */
        f->wmask[r] = 0xFF;
    f->wmask[I440FX_PAM0] = 0x30; /* PAM0 bits 3:0 reserved */
    for (unsigned r = I440FX_PAM0 + 1; r <= I440FX_PAM0 + 6; r++)
        f->wmask[r] = 0x33;                        /* RE and WE of both nibbles */
    for (unsigned r = I440FX_DRB0; r <= 0x68; r++) /* DRB0-7, FDHC */
        f->wmask[r] = 0xFF;
    f->wmask[0x70] = 0xFF;         /* MTT */
    f->wmask[0x71] = 0xFF;         /* CLT */
    f->wmask[I440FX_SMRAM] = 0x78; /* D_OPEN, D_CLS, D_LCK, G_SMRAME; 2:0 = 010b fixed */
    f->wmask[0x90] = 0xFF;         /* ERRCMD */
    f->w1cmask[0x91] = 0xFF;       /* ERRSTS: write one to clear */
    f->wmask[0x93] = 0xFF;         /* TRC */
}

/* Every register to its datasheet default and the board's identity. */
static void init_registers(struct i440fx *x)
{
    struct pci_function *f = &x->fn;
    pci_function_init(f, I440FX_VENDOR_ID, I440FX_DEVICE_ID, 0x02, 0x060000, 0x00);
    pci_set_word(f, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER); /* 0006h */
    pci_set_word(f, PCI_STATUS, 0x0280); /* fast back-to-back, medium DEVSEL */
    f->wmask[PCI_COMMAND] = 0;           /* MAE, BME hardwired to 1 */
    f->wmask[PCI_COMMAND + 1] = 0x01;    /* SERR# enable */
    f->wmask[PCI_LATENCY_TIMER] = 0xF8;  /* MLT counts in 8 clocks */
    f->wmask[PCI_CACHE_LINE_SIZE] = 0;
    f->wmask[PCI_INTERRUPT_LINE] = 0; /* no interrupt */
    pci_set_word(f, PCI_SUBSYSTEM_VENDOR_ID, x->cfg.subsystem_vendor);
    pci_set_word(f, PCI_SUBSYSTEM_ID, x->cfg.subsystem_id);
    set_chipset_masks(f);
    uint32_t rows = x->cfg.ram_size / (8u << 20); /* DRB: cumulative, 8 MiB units */
    for (unsigned r = 0; r < 8; r++)
        f->config[I440FX_DRB0 + r] = (uint8_t)(rows ? (rows > 255 ? 255 : rows) : 1);
    f->config[I440FX_SMRAM] = 0x02;
    f->config_write = config_write;
    f->opaque = x;
}

void i440fx_reset(struct i440fx *x)
{
    init_registers(x);
    i440fx_pam_resync(x);
}

struct i440fx *i440fx_create(struct pci_bus *pci, const struct i440fx_config *cfg,
                             const struct i440fx_wiring *w)
{
    struct i440fx *x = calloc(1, sizeof(*x));
    if (!x)
        return NULL;
    x->pci = pci;
    x->cfg = *cfg;
    x->w = *w;
    init_registers(x);
    if (pci_register(pci, pci_devfn(0, 0), &x->fn) < 0) {
        free(x);
        return NULL;
    }
    return x;
}

void i440fx_destroy(struct i440fx *x)
{
    if (!x)
        return;
    pci_unregister(x->pci, pci_devfn(0, 0));
    free(x);
}
