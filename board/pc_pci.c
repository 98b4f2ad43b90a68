/*
 * board/pc_pci.c - the PCI side of the PC: configuration mechanism #1 with
 * the i440FX host bridge (00:00.0) and the PIIX3 ISA bridge (00:01.0), the
 * BIOS shadowing their PAM registers drive, the 0xCF9 reset, and the
 * fw_cfg items SeaBIOS reads.
 *
 *   PAM change   -> memmap_set_shadow + cpu_memory_map_changed
 *   0xCF9 reset  -> the machine resets after the current slice
 *   fw_cfg       -> NB_CPUS (0x05) = 1, boot menu (0x0E) and
 *                   "etc/show-boot-menu" = 0 (1 with -boot menu=on),
 *                   "etc/e820" for the RAM (below 640 KiB and above
 *                   1 MiB), "bootorder" from the -boot letters
 * Invariant: after pc_pci_reset the memory map's shadow state equals the
 * PAM registers (i440fx_reset reports every segment).
 */
#include "devices/fw_cfg.h"
#include "devices/i440fx.h"
#include "devices/pci.h"
#include "devices/piix3.h"
#include "pc_internal.h"
#include "pc_multiboot.h"

static void pc_pam_changed(void *opaque, uint32_t base, uint32_t size, bool read_ram,
                           bool write_ram)
{
    struct pc *m = opaque;
    memmap_set_shadow(&m->mem, base, size, read_ram, write_ram);
    cpu_memory_map_changed(m->cpu);
}

/* No PCI device raises interrupts yet: routes are only recorded. */
static void pc_pirq_changed(void *opaque, unsigned pirq, int irq) {}

static void pc_cf9_reset(void *opaque, bool hard)
{
    struct pc *m = opaque;
    board_log(&m->log, CPU_LOG_RESET, "%s reset requested through port 0xCF9",
              hard ? "hard" : "soft");
    m->reset_requested = true;
    cpu_request_stop(m->cpu);
}

/*
 * The OpenFirmware path SeaBIOS gives the boot device of -boot letter @c
 * (floppies behind the PIIX3 ISA bridge at 00:01.0, ATA/ATAPI on the
 * PIIX3 IDE function 00:01.1), or NULL for a letter with no device.
 */
static const char *boot_path(char c)
{
    switch (c) {
    case 'a': return "/pci@i0cf8/isa@1/fdc@03f0/floppy@0";
    case 'b': return "/pci@i0cf8/isa@1/fdc@03f0/floppy@1";
    case 'c': return "/pci@i0cf8/ide@1,1/drive@0/disk@0";
    case 'd': return "/pci@i0cf8/ide@1,1/drive@1/disk@0";
    default: return NULL;
    }
}

/* "bootorder" from the -boot letters (at most four entries), after the
 * multiboot loader ROM's boot entry with -kernel (board/pc_multiboot.c). */
static bool pc_fw_cfg_bootorder(struct pc *m)
{
    const char *order[5];
    unsigned n = 0;
    if (m->kernel_boot)
        order[n++] = PC_MULTIBOOT_BOOT_PATH;
    for (const char *p = m->boot_order; *p && n < 5; p++)
        if (boot_path(*p))
            order[n++] = boot_path(*p);
    return fw_cfg_add_bootorder(m->fw_cfg, order, n) >= 0;
}

/* The firmware configuration items (docs/cmos.md lists the CMOS side). */
static bool pc_fw_cfg_fill(struct pc *m)
{
    uint64_t ram = m->mem.ram_size;
    struct fw_cfg_e820_entry e[2] = {{0, 0xA0000, 1}, {0x100000, ram - 0x100000, 1}};
    unsigned n = ram > 0x100000 ? 2 : 1;
    /* items return 0, files their selector; both -1 on failure */
    return fw_cfg_add_item_int(m->fw_cfg, 0x05, 1, 2) == 0 &&
           fw_cfg_add_item_int(m->fw_cfg, 0x0E, m->boot_menu, 2) == 0 &&
           fw_cfg_add_file_int(m->fw_cfg, "etc/show-boot-menu", m->boot_menu, 2) >= 0 &&
           fw_cfg_add_e820(m->fw_cfg, e, n) >= 0 && pc_fw_cfg_bootorder(m);
}

bool pc_pci_create(struct pc *m)
{
    m->pci = pci_create(m->io);
    if (!m->pci)
        return false;
    struct i440fx_config xc = {.ram_size = m->mem.ram_size};
    struct i440fx_wiring xw = {pc_pam_changed, m};
    struct piix3_wiring pw = {pc_pirq_changed, pc_cf9_reset, m};
    m->i440fx = i440fx_create(m->pci, &xc, &xw);
    m->piix3 = m->i440fx ? piix3_create(m->pci, &pw) : NULL;
    m->fw_cfg = m->piix3 ? fw_cfg_create(m->io) : NULL;
    return m->fw_cfg && pc_fw_cfg_fill(m);
}

void pc_pci_reset(struct pc *m)
{
    pci_reset(m->pci);
    i440fx_reset(m->i440fx);
    piix3_reset(m->piix3);
    fw_cfg_reset(m->fw_cfg);
}

void pc_pci_destroy(struct pc *m)
{
    fw_cfg_destroy(m->fw_cfg);
    piix3_destroy(m->piix3);
    i440fx_destroy(m->i440fx);
    pci_destroy(m->pci);
}
