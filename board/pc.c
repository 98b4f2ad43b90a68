/*
 * board/pc.c - building, wiring and resetting the PC machine.
 *
 * This is the one place that knows which device sits where:
 *   ports:  debug console (0xE9), debug exit (0xF4-0xF7), POST codes (0x80)
 *           unless the configuration moves or removes them; the interrupt
 *           controllers, the PIT and port B (pc_chipset.c);
 *   memory: see memmap.h.
 * The CPU's struct cpu_bus is implemented here by forwarding to the memory
 * map and the port bus; interrupt acknowledge goes to the PICs.  Unclaimed
 * ports read as all ones and are logged under -d unimp (a device we do not
 * model); unmapped memory is logged under -d guest_errors.
 */
#include <stdio.h>
#include <stdlib.h>

#include "blockdev.h"
#include "bus.h"
#include "devices/debugcon.h"
#include "devices/debugexit.h"
#include "devices/postcode.h"
#include "devices/vga_dump.h"
#include "pc_internal.h"

/* ---- struct cpu_bus ------------------------------------------------------ */

static uint8_t *pc_mem_page(void *opaque, uint32_t paddr, bool write)
{
    return memmap_page(&((struct pc *)opaque)->mem, paddr, write);
}

static uint32_t pc_mem_read(void *opaque, uint32_t paddr, unsigned size)
{
    return memmap_read(&((struct pc *)opaque)->mem, paddr, size);
}

static void pc_mem_write(void *opaque, uint32_t paddr, uint32_t val, unsigned size)
{
    memmap_write(&((struct pc *)opaque)->mem, paddr, val, size);
}

/* Port accesses: due timers fire first, so devices are seen up to date. */
static uint32_t pc_io_read(void *opaque, uint16_t port, unsigned size)
{
    struct pc *m = opaque;
    clock_sync(&m->clock);
    return bus_read(m->io, port, size);
}

static void pc_io_write(void *opaque, uint16_t port, uint32_t val, unsigned size)
{
    struct pc *m = opaque;
    clock_sync(&m->clock);
    bus_write(m->io, port, val, size);
}

/* ---- devices ------------------------------------------------------------- */

void pc_request_exit(struct pc *m, int status)
{
    if (!m->exit_requested) {
        m->exit_requested = true;
        m->exit_status = status;
    }
    cpu_request_stop(m->cpu);
}

static void pc_debug_exit(void *opaque, int status)
{
    pc_request_exit(opaque, status);
}

/* Create the configured devices; returns false on failure. */
static bool pc_wire_devices(struct pc *m, const struct pc_config *cfg)
{
    if (cfg->debugcon_port >= 0) {
        m->debugcon = debugcon_create(m->io, (uint16_t)cfg->debugcon_port, cfg->debugcon_out);
        if (!m->debugcon)
            return false;
    }
    if (cfg->debugexit_port >= 0) {
        m->debugexit = debugexit_create(m->io, (uint16_t)cfg->debugexit_port, pc_debug_exit, m);
        if (!m->debugexit)
            return false;
    }
    if (cfg->postcode_port >= 0) {
        m->postcode = postcode_create(m->io, (uint16_t)cfg->postcode_port, cfg->postcode_out);
        if (!m->postcode)
            return false;
    }
    return pc_bochs_create(m) && pc_chipset_create(m) && pc_isa_create(m, cfg) &&
           pc_storage_create(m, cfg) && pc_serial_create(m, cfg) && pc_pci_create(m) &&
           pc_ide_create(m, cfg) && pc_multiboot_create(m, cfg) && pc_vga_create(m, cfg);
}

/* ---- lifetime ------------------------------------------------------------ */

/* Check @cfg; NULL when usable, else why not. */
static const char *pc_config_error(const struct pc_config *cfg)
{
    if (cfg->ram_mb < PC_RAM_MIN_MB || cfg->ram_mb > PC_RAM_MAX_MB)
        return "RAM size must be between 1 and 2048 MiB";
    if (cfg->model != CPU_MODEL_386 && cfg->model != CPU_MODEL_486 &&
        cfg->model != CPU_MODEL_PENTIUM)
        return "unknown CPU model";
    if (cfg->icount && cfg->icount_shift > CLOCK_MAX_SHIFT)
        return "icount shift must be between 0 and 10";
    return memmap_rom_size_error(cfg->rom_size);
}

/* pc_create failed before the machine could own @cfg's disks: close them. */
static struct pc *pc_create_fail(const struct pc_config *cfg, struct pc *m, const char *why,
                                 const char **err)
{
    blockdev_close(cfg->floppy[0]);
    blockdev_close(cfg->floppy[1]);
    for (unsigned n = 0; n < 4; n++)
        blockdev_close(cfg->ide[n]);
    free(m);
    *err = why;
    return NULL;
}

struct pc *pc_create(const struct pc_config *cfg, const char **err)
{
    const char *bad = pc_config_error(cfg);
    if (bad)
        return pc_create_fail(cfg, NULL, bad, err);
    struct pc *m = calloc(1, sizeof(*m));
    if (!m)
        return pc_create_fail(cfg, NULL, "out of memory", err);
    m->log = cfg->log;
    snprintf(m->boot_order, sizeof(m->boot_order), "%s", cfg->boot_order ? cfg->boot_order : "cad");
    m->boot_menu = cfg->boot_menu;
    m->snapshot = cfg->snapshot;
    m->kernel_boot = cfg->multiboot != NULL;
    if (memmap_init(&m->mem, cfg->ram_mb << 20, cfg->rom, (uint32_t)cfg->rom_size, &m->log) < 0)
        return pc_create_fail(cfg, m, "out of memory", err);
    m->floppy[0] = cfg->floppy[0]; /* owned from here on: pc_destroy closes them */
    m->floppy[1] = cfg->floppy[1];
    for (unsigned n = 0; n < 4; n++) {
        m->ide_media[n] = cfg->ide[n];
        m->ide_cd[n] = cfg->ide_cd[n];
    }
    struct cpu_bus bus = {m,          pc_mem_page, pc_mem_read, pc_mem_write,
                          pc_io_read, pc_io_write, pc_intr_ack};
    m->io = bus_create("port", &m->log, CPU_LOG_UNIMP);
    m->cpu = m->io ? cpu_create(cfg->model, &bus) : NULL;
    if (m->cpu)
        pc_time_init(m, cfg);
    *err = !m->cpu                    ? "out of memory"
           : !pc_wire_devices(m, cfg) ? "cannot place a device on its port (ports overlap?)"
                                      : NULL;
    if (*err) {
        pc_destroy(m);
        return NULL;
    }
    cpu_set_log(m->cpu, m->log.fn, m->log.opaque, m->log.mask);
    pc_reset(m);
    return m;
}

void pc_destroy(struct pc *m)
{
    if (!m)
        return;
    pc_flush(m);
    cpu_destroy(m->cpu);
    debugcon_destroy(m->debugcon);
    debugexit_destroy(m->debugexit);
    postcode_destroy(m->postcode);
    pc_bochs_destroy(m);
    pc_keys_destroy(m);
    pc_time_destroy(m);
    pc_vga_destroy(m);
    pc_ide_destroy(m);
    pc_pci_destroy(m);
    pc_storage_destroy(m);
    pc_serial_destroy(m);
    pc_isa_destroy(m);
    pc_chipset_destroy(m);
    bus_destroy(m->io);
    memmap_free(&m->mem);
    free(m);
}

void pc_reset(struct pc *m)
{
    board_log(&m->log, CPU_LOG_RESET, "system reset: CPU, devices, A20 enabled; RAM kept");
    if (m->postcode)
        postcode_reset(m->postcode);
    pc_chipset_reset(m);
    pc_isa_reset(m);
    pc_storage_reset(m);
    pc_ide_reset(m);
    pc_serial_reset(m);
    pc_vga_reset(m);
    cpu_set_a20(m->cpu, true);
    cpu_reset(m->cpu);
    pc_pci_reset(m); /* after the CPU: PAM reports flush its caches */
}

struct cpu *pc_cpu(struct pc *m)
{
    return m->cpu;
}

void pc_flush(struct pc *m)
{
    debugcon_flush(m->debugcon);
}

const char *pc_screendump(struct pc *m, const char *path)
{
    if (!m->vga)
        return "no VGA card (give -vgabios)";
    return vga_dump(m->vga, path);
}

bool pc_take_reset_request(struct pc *m)
{
    bool r = m->reset_requested;
    m->reset_requested = false;
    return r;
}

bool pc_exit_requested(const struct pc *m, int *status)
{
    if (m->exit_requested)
        *status = m->exit_status;
    return m->exit_requested;
}
