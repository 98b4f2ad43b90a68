/*
 * devices/pci.h - the PCI configuration space of bus 0, reached through
 * configuration mechanism #1 (PCI Local Bus Specification 2.1, 3.7.4.1):
 * CONFIG_ADDRESS at 0xCF8 (dword accesses only) and CONFIG_DATA at
 * 0xCFC-0xCFF (byte, word or dword at 0xCFC + (register offset & 3)).
 *
 * A PCI function is a struct pci_function owned by its device (or a test):
 * the 256-byte configuration space (PCI 2.1, 6.1), a write mask per byte
 * (set bits are writable, clear bits read-only) and a write-one-to-clear
 * mask per byte (status bits, PCI 2.1 6.2.3).  The board registers each
 * function at a device/function number on bus 0.  After a configuration
 * write has been applied the function's config_write callback sees the
 * offset, size and the old value of the written bytes, so a device reacts
 * to BAR, command or chipset register changes.
 *
 * Base address registers (PCI 2.1, 6.2.5.1) and the expansion ROM base
 * address register (6.2.5.2) are nothing but write masks: the bits below
 * the decoded size are read-only (0, or the type bits), so writing all
 * ones reads back the size mask the firmware sizes the BAR with.
 *
 * 0xCF9 lies inside CONFIG_ADDRESS's dword but is the PIIX3's reset
 * control register; byte accesses to it go to an optional hook
 * (pci_set_cf9_hook), every other non-dword access to 0xCF8-0xCFB is a
 * normal I/O cycle nobody claims (reads all ones, writes dropped).
 *
 * Invariants: CONFIG_ADDRESS holds only bit 31 and bits 23:2 (30:24 and
 * 1:0 read 0); reads of absent functions, of buses other than 0 and of
 * CONFIG_DATA while bit 31 is clear return all ones (master abort); a
 * registered function's read-only bits never change through the ports.
 */
#ifndef T86_DEVICES_PCI_H
#define T86_DEVICES_PCI_H

#include <stdbool.h>
#include <stdint.h>

#include "board/bus.h"
#include "board/state.h"

/** Ports of configuration mechanism #1 (PCI 2.1, 3.7.4.1). */
enum {
    PCI_CONFIG_ADDRESS_PORT = 0xCF8,
    PCI_CONFIG_DATA_PORT = 0xCFC,
    PCI_RESET_CONTROL_PORT = 0xCF9, /**< PIIX3 RC register, see pci_set_cf9_hook */
    PCI_CONFIG_ENABLE = 0x80000000u,
};

/** Offsets in the type 0 configuration header (PCI 2.1, 6.1, figure 6-1). */
enum {
    PCI_VENDOR_ID = 0x00,
    PCI_DEVICE_ID = 0x02,
    PCI_COMMAND = 0x04,
    PCI_STATUS = 0x06,
    PCI_REVISION_ID = 0x08,
    PCI_CLASS_PROG = 0x09, /**< class code: prog-if 0x09, subclass 0x0A, base 0x0B */
    PCI_CACHE_LINE_SIZE = 0x0C,
    PCI_LATENCY_TIMER = 0x0D,
    PCI_HEADER_TYPE = 0x0E,
    PCI_BIST = 0x0F,
    PCI_BAR0 = 0x10, /**< six BARs, 0x10-0x27 */
    PCI_SUBSYSTEM_VENDOR_ID = 0x2C,
    PCI_SUBSYSTEM_ID = 0x2E,
    PCI_ROM_ADDRESS = 0x30,
    PCI_INTERRUPT_LINE = 0x3C,
    PCI_INTERRUPT_PIN = 0x3D,
    PCI_CONFIG_SIZE = 256,
    PCI_NUM_BARS = 6,
};

/** Command register bits (PCI 2.1, 6.2.2). */
enum {
    PCI_COMMAND_IO = 0x0001,
    PCI_COMMAND_MEMORY = 0x0002,
    PCI_COMMAND_MASTER = 0x0004,
    PCI_COMMAND_PARITY = 0x0040,
    PCI_COMMAND_SERR = 0x0100,
};

/** Header type bit 7: the device has more than one function (6.2.1). */
enum { PCI_HEADER_MULTI_FUNCTION = 0x80 };

/** BAR kinds for pci_function_set_bar (PCI 2.1, 6.2.5.1). */
enum {
    PCI_BAR_MEM32 = 0x0,    /**< 32-bit memory space, anywhere */
    PCI_BAR_IO = 0x1,       /**< I/O space (bit 0 hardwired to 1) */
    PCI_BAR_PREFETCH = 0x8, /**< or-ed into PCI_BAR_MEM32: prefetchable */
    PCI_ROM_ENABLE = 0x1,   /**< expansion ROM address decode enable (6.2.5.2) */
};

/** A device/function number: device 0-31 in bits 7:3, function in 2:0. */
static inline uint8_t pci_devfn(unsigned dev, unsigned fn)
{
    return (uint8_t)(dev << 3 | fn);
}

/** One PCI function's configuration space as the bus sees it. */
struct pci_function {
    uint8_t config[PCI_CONFIG_SIZE];  /**< the space itself (state) */
    uint8_t wmask[PCI_CONFIG_SIZE];   /**< writable bits (wiring) */
    uint8_t w1cmask[PCI_CONFIG_SIZE]; /**< write-one-to-clear bits (wiring) */
    /**
     * Called after a configuration write of @size bytes at @offset was
     * applied; @old holds the previous value of those bytes (little
     * endian).  NULL: nobody cares.
     */
    void (*config_write)(void *opaque, uint8_t offset, unsigned size, uint32_t old);
    void *opaque;
};

/** Snapshot descriptor of a struct pci_function (its config bytes). */
extern const struct state_desc pci_function_state_desc;

/**
 * Zero @f and give it the identity of a function: vendor and device ID,
 * revision, 24-bit @class_code (base << 16 | subclass << 8 | prog-if) and
 * @header_type.  Writable by default: command bits IO, memory, master,
 * parity and SERR enable, cache line size, latency timer and interrupt
 * line; status bits 15:11 and 8 are write-one-to-clear.  Callbacks are
 * cleared.
 */
void pci_function_init(struct pci_function *f, uint16_t vendor, uint16_t device, uint8_t revision,
                       uint32_t class_code, uint8_t header_type);

/**
 * Make BAR @n (0-5) decode @size bytes (a power of two, at least 16 for
 * memory and 4 for I/O) of the kind @flags (PCI_BAR_IO, or PCI_BAR_MEM32
 * optionally | PCI_BAR_PREFETCH).  Returns 0, or -1 on bad arguments.
 */
int pci_function_set_bar(struct pci_function *f, unsigned n, uint32_t size, uint32_t flags);
/** Make the expansion ROM BAR decode @size bytes (power of two, >= 2 KiB). */
int pci_function_set_rom(struct pci_function *f, uint32_t size);
/** Base address BAR @n is programmed to (type bits stripped). */
uint32_t pci_function_bar_address(const struct pci_function *f, unsigned n);
/** Base address of the expansion ROM BAR (the enable bit stripped). */
uint32_t pci_function_rom_address(const struct pci_function *f);

/** Little-endian accessors of the config space (@off + width <= 256). */
uint8_t pci_get_byte(const struct pci_function *f, uint8_t off);
uint16_t pci_get_word(const struct pci_function *f, uint8_t off);
uint32_t pci_get_long(const struct pci_function *f, uint8_t off);
void pci_set_byte(struct pci_function *f, uint8_t off, uint8_t v);
void pci_set_word(struct pci_function *f, uint8_t off, uint16_t v);
void pci_set_long(struct pci_function *f, uint8_t off, uint32_t v);

/** Optional receiver of byte accesses to port 0xCF9. */
struct pci_cf9_hook {
    uint8_t (*read)(void *opaque);
    void (*write)(void *opaque, uint8_t val);
    void *opaque;
};

struct pci_bus;

/** Snapshot descriptor of struct pci_bus's state. */
extern const struct state_desc pci_bus_state_desc;

/** Create bus 0 and map 0xCF8-0xCFF on @io.  NULL on failure. */
struct pci_bus *pci_create(struct bus *io);
/** Free the bus (registered functions belong to their devices). NULL ok. */
void pci_destroy(struct pci_bus *pci);
/** Reset: CONFIG_ADDRESS = 0 (functions reset through their devices). */
void pci_reset(struct pci_bus *pci);

/**
 * Put @f at @devfn of bus 0.  Returns 0, or -1 when the slot is taken.
 * @f must outlive the bus or be removed with pci_unregister.
 */
int pci_register(struct pci_bus *pci, uint8_t devfn, struct pci_function *f);
/** Remove whatever sits at @devfn. */
void pci_unregister(struct pci_bus *pci, uint8_t devfn);
/** Route byte accesses to 0xCF9 to @hook (copied; NULL disconnects). */
void pci_set_cf9_hook(struct pci_bus *pci, const struct pci_cf9_hook *hook);

/**
 * Configuration read of @size (1, 2, 4) bytes at @offset of @devfn, as
 * CONFIG_DATA would return it (all ones for an absent function).
 * @offset + @size must not exceed 256.
 */
uint32_t pci_config_read(struct pci_bus *pci, uint8_t devfn, uint8_t offset, unsigned size);
/** Configuration write, applying masks and calling config_write. */
void pci_config_write(struct pci_bus *pci, uint8_t devfn, uint8_t offset, uint32_t val,
                      unsigned size);

#endif
