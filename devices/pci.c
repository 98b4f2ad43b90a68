/*
 * devices/pci.c - PCI bus 0 behind configuration mechanism #1 (see pci.h).
 *
 * Two port regions: 0xCF8-0xCFB (CONFIG_ADDRESS, plus the 0xCF9 byte hook)
 * and 0xCFC-0xCFF (CONFIG_DATA), so the port bus splits any access that
 * straddles the two.  Invariants: config_address only ever holds the bits
 * of PCI_ADDRESS_MASK; a configuration access never leaves the 256-byte
 * space (register offset <= 0xFC, data offset + size <= 4); writes change
 * only bits the function's write masks allow.
 */
#include "pci.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Bit 31 enable, 23:16 bus, 15:11 device, 10:8 function, 7:2 register;
   30:24 reserved and 1:0 read as 0 (PCI 2.1, 3.7.4.1). */
#define PCI_ADDRESS_MASK 0x80FFFFFCu

struct pci_bus {
    uint32_t config_address;
    struct pci_function *fn[256]; /**< by devfn; bus 0 only */
    struct pci_cf9_hook cf9;
};

const struct state_desc pci_bus_state_desc = {
    "pci",
    1,
    sizeof(struct pci_bus),
    (const struct state_field[]){STATE_FIELD(struct pci_bus, config_address, 1)},
    1,
};

const struct state_desc pci_function_state_desc = {
    "pci_function",
    1,
    sizeof(struct pci_function),
    (const struct state_field[]){STATE_FIELD(struct pci_function, config, PCI_CONFIG_SIZE)},
    1,
};

/* ---- the configuration space of one function ---------------------------- */

uint8_t pci_get_byte(const struct pci_function *f, uint8_t off)
{
    return f->config[off];
}

uint16_t pci_get_word(const struct pci_function *f, uint8_t off)
{
    return (uint16_t)(f->config[off] | f->config[off + 1] << 8);
}

uint32_t pci_get_long(const struct pci_function *f, uint8_t off)
{
    return (uint32_t)pci_get_word(f, off) | (uint32_t)pci_get_word(f, off + 2) << 16;
}

void pci_set_byte(struct pci_function *f, uint8_t off, uint8_t v)
{
    f->config[off] = v;
}

void pci_set_word(struct pci_function *f, uint8_t off, uint16_t v)
{
    f->config[off] = (uint8_t)v;
    f->config[off + 1] = (uint8_t)(v >> 8);
}

void pci_set_long(struct pci_function *f, uint8_t off, uint32_t v)
{
    pci_set_word(f, off, (uint16_t)v);
    pci_set_word(f, off + 2, (uint16_t)(v >> 16));
}

/* Set the write mask of the little-endian dword at @off. */
static void set_wmask_long(struct pci_function *f, uint8_t off, uint32_t m)
{
    for (unsigned k = 0; k < 4; k++)
        f->wmask[off + k] = (uint8_t)(m >> (8 * k));
}

void pci_function_init(struct pci_function *f, uint16_t vendor, uint16_t device, uint8_t revision,
                       uint32_t class_code, uint8_t header_type)
{
    memset(f, 0, sizeof(*f));
    pci_set_word(f, PCI_VENDOR_ID, vendor);
    pci_set_word(f, PCI_DEVICE_ID, device);
    pci_set_byte(f, PCI_REVISION_ID, revision);
    pci_set_byte(f, PCI_CLASS_PROG, (uint8_t)class_code);
    pci_set_word(f, PCI_CLASS_PROG + 1, (uint16_t)(class_code >> 8));
    pci_set_byte(f, PCI_HEADER_TYPE, header_type);
    /* Command (6.2.2): the enables a simple function implements. */
    uint16_t cmd = PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_PARITY |
                   PCI_COMMAND_SERR;
    f->wmask[PCI_COMMAND] = (uint8_t)cmd;
    f->wmask[PCI_COMMAND + 1] = (uint8_t)(cmd >> 8);
    /* Status (6.2.3): error bits 15:11 and 8 are cleared by writing 1. */
    f->w1cmask[PCI_STATUS + 1] = 0xF9;
    f->wmask[PCI_CACHE_LINE_SIZE] = 0xFF;
    f->wmask[PCI_LATENCY_TIMER] = 0xFF;
    f->wmask[PCI_INTERRUPT_LINE] = 0xFF; /* 6.2.4: written by POST */
}

static bool power_of_two(uint32_t v)
{
    return v && !(v & (v - 1));
}

int pci_function_set_bar(struct pci_function *f, unsigned n, uint32_t size, uint32_t flags)
{
    bool io = flags & PCI_BAR_IO;
    if (n >= PCI_NUM_BARS || !power_of_two(size) || size < (io ? 4u : 16u))
        return -1;
    if (io ? flags != PCI_BAR_IO : (flags & ~(uint32_t)PCI_BAR_PREFETCH) != 0)
        return -1;
    uint8_t off = (uint8_t)(PCI_BAR0 + 4 * n);
    /* 6.2.5.1: the low bits encode the kind and are read-only; address
       bits below the decoded size are hardwired to 0. */
    pci_set_long(f, off, flags);
    set_wmask_long(f, off, ~(size - 1));
    return 0;
}

int pci_function_set_rom(struct pci_function *f, uint32_t size)
{
    if (!power_of_two(size) || size < 0x800)
        return -1;
    /* 6.2.5.2: bit 0 enables decoding, bits 10:1 are reserved (0),
       bits 31:11 hold the address down to the ROM's size. */
    pci_set_long(f, PCI_ROM_ADDRESS, 0);
    set_wmask_long(f, PCI_ROM_ADDRESS, ~(size - 1) | PCI_ROM_ENABLE);
    return 0;
}

uint32_t pci_function_bar_address(const struct pci_function *f, unsigned n)
{
    if (n >= PCI_NUM_BARS)
        return 0;
    uint32_t v = pci_get_long(f, (uint8_t)(PCI_BAR0 + 4 * n));
    return v & ((v & PCI_BAR_IO) ? ~3u : ~15u);
}

uint32_t pci_function_rom_address(const struct pci_function *f)
{
    return pci_get_long(f, PCI_ROM_ADDRESS) & ~0x7FFu;
}

/* ---- the bus ------------------------------------------------------------- */

static uint32_t ones(unsigned size)
{
    return size >= 4 ? 0xFFFFFFFFu : (1u << (8 * size)) - 1;
}

uint32_t pci_config_read(struct pci_bus *pci, uint8_t devfn, uint8_t offset, unsigned size)
{
    const struct pci_function *f = pci->fn[devfn];
    /* Master abort: the host bridge returns all ones (3.7.4.1). */
    if (!f || (unsigned)offset + size > PCI_CONFIG_SIZE)
        return ones(size);
    uint32_t v = 0;
    for (unsigned k = size; k-- > 0;)
        v = v << 8 | f->config[offset + k];
    return v;
}

/* Apply one byte of a configuration write through the masks. */
static void write_byte(struct pci_function *f, uint8_t off, uint8_t val)
{
    uint8_t old = f->config[off], wm = f->wmask[off], w1c = f->w1cmask[off];
    uint8_t v = (uint8_t)((old & ~wm) | (val & wm));
    f->config[off] = (uint8_t)(v & ~(val & w1c));
}

void pci_config_write(struct pci_bus *pci, uint8_t devfn, uint8_t offset, uint32_t val,
                      unsigned size)
{
    struct pci_function *f = pci->fn[devfn];
    if (!f || (unsigned)offset + size > PCI_CONFIG_SIZE)
        return;
    uint32_t old = 0;
    for (unsigned k = size; k-- > 0;)
        old = old << 8 | f->config[offset + k];
    for (unsigned k = 0; k < size; k++)
        write_byte(f, (uint8_t)(offset + k), (uint8_t)(val >> (8 * k)));
    if (f->config_write)
        f->config_write(f->opaque, offset, size, old);
}

/* The function CONFIG_ADDRESS selects, or -1 (disabled, other bus). */
static int selected_devfn(const struct pci_bus *pci)
{
    uint32_t a = pci->config_address;
    if (!(a & PCI_CONFIG_ENABLE) || ((a >> 16) & 0xFF) != 0)
        return -1;
    return (int)((a >> 8) & 0xFF);
}

static uint32_t data_read(void *opaque, uint32_t offset, unsigned size)
{
    struct pci_bus *pci = opaque;
    int devfn = selected_devfn(pci);
    if (devfn < 0)
        return ones(size);
    uint8_t reg = (uint8_t)(pci->config_address & 0xFC);
    return pci_config_read(pci, (uint8_t)devfn, (uint8_t)(reg + offset), size);
}

static void data_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct pci_bus *pci = opaque;
    int devfn = selected_devfn(pci);
    if (devfn < 0)
        return;
    uint8_t reg = (uint8_t)(pci->config_address & 0xFC);
    pci_config_write(pci, (uint8_t)devfn, (uint8_t)(reg + offset), val, size);
}

/* 0xCF8-0xCFB: only a full dword at 0xCF8 is CONFIG_ADDRESS (3.7.4.1);
   a byte at 0xCF9 is the reset control hook; anything else is an I/O
   cycle nobody claims. */
static uint32_t address_read(void *opaque, uint32_t offset, unsigned size)
{
    struct pci_bus *pci = opaque;
    if (offset == 0 && size == 4)
        return pci->config_address;
    if (offset == 1 && size == 1 && pci->cf9.read)
        return pci->cf9.read(pci->cf9.opaque);
    return ones(size);
}

static void address_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct pci_bus *pci = opaque;
    if (offset == 0 && size == 4)
        pci->config_address = val & PCI_ADDRESS_MASK;
    else if (offset == 1 && size == 1 && pci->cf9.write)
        pci->cf9.write(pci->cf9.opaque, (uint8_t)val);
}

static const struct bus_ops address_ops = {
    .read = address_read,
    .write = address_write,
    .min_size = 1,
    .max_size = 4,
};

static const struct bus_ops data_ops = {
    .read = data_read,
    .write = data_write,
    .min_size = 1,
    .max_size = 4,
};

struct pci_bus *pci_create(struct bus *io)
{
    struct pci_bus *pci = calloc(1, sizeof(*pci));
    if (!pci)
        return NULL;
    /* bus.h has no unmap, so make sure both maps can succeed (short of
       running out of memory, after which the port bus must be discarded). */
    if (bus_claims(io, PCI_CONFIG_ADDRESS_PORT, 8) ||
        bus_map(io, "pci-config-address", PCI_CONFIG_ADDRESS_PORT, 4, &address_ops, pci) < 0 ||
        bus_map(io, "pci-config-data", PCI_CONFIG_DATA_PORT, 4, &data_ops, pci) < 0) {
        free(pci);
        return NULL;
    }
    return pci;
}

void pci_destroy(struct pci_bus *pci)
{
    free(pci);
}

void pci_reset(struct pci_bus *pci)
{
    pci->config_address = 0;
}

int pci_register(struct pci_bus *pci, uint8_t devfn, struct pci_function *f)
{
    if (!f || pci->fn[devfn])
        return -1;
    pci->fn[devfn] = f;
    return 0;
}

void pci_unregister(struct pci_bus *pci, uint8_t devfn)
{
    pci->fn[devfn] = NULL;
}

void pci_set_cf9_hook(struct pci_bus *pci, const struct pci_cf9_hook *hook)
{
    if (hook)
        pci->cf9 = *hook;
    else
        memset(&pci->cf9, 0, sizeof(pci->cf9));
}
