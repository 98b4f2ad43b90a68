/*
 * board/pc_internal.h - the machine's struct, shared by the files of the
 * board that build it (pc.c), wire its interrupt and timer chips
 * (pc_chipset.c) and drive its time (pc_time.c).  Nothing outside board/
 * includes this.
 *
 * Invariant: intr mirrors the level last given to cpu_set_intr.
 */
#ifndef T86_BOARD_PC_INTERNAL_H
#define T86_BOARD_PC_INTERNAL_H

#include "clock.h"
#include "devices/pci.h"
#include "memmap.h"
#include "pc.h"

struct bus;

struct pc_keys_entry;

struct pc {
    struct board_log log; /**< first: buses point at it */
    struct memmap mem;
    struct bus *io;
    struct cpu *cpu;
    struct clock clock;
    struct debugcon *debugcon;
    struct debugexit *debugexit;
    struct postcode *postcode;
    struct bochs_ports *bochs; /**< Bochs BIOS firmware ports (pc_bochs.c) */
    struct pic *pic[2];        /**< master, slave */
    struct pit *pit;
    struct portb *portb;
    struct port92 *port92;
    struct pci_bus *pci;
    struct i440fx *i440fx;
    struct piix3 *piix3;
    struct fw_cfg *fw_cfg;
    struct rtc *rtc;
    struct i8042 *kbc;
    struct ps2kbd *kbd;
    struct ps2mouse *mouse;
    struct dma *dma;
    struct fdc *fdc;
    struct vga *vga;
    struct pci_function vga_pci;
    uint8_t *vga_rom;
    size_t vga_rom_size;
    uint32_t pci_window_base;
    struct timer keys_timer;      /**< -send-keys (pc_keys.c) */
    bool keys_armed;              /**< keys_timer initialised */
    struct pc_keys_entry *keys;   /**< sorted by time */
    size_t keys_count, keys_next; /**< entries; the one being typed */
    size_t keys_pos;              /**< next character of keys[keys_next] */
    bool reset_requested;         /**< a device pulsed reset; done after the slice */
    bool intr;
    struct timer exit_timer;       /**< -exit-after (pc_time.c) */
    bool exit_armed;               /**< exit_timer initialised */
    bool exit_timed;               /**< the exit came from exit_timer */
    struct blockdev *floppy[2];    /**< the disks in drives A: and B: (owned) */
    struct ide *ide;               /**< the two IDE channels (pc_ide.c) */
    struct piix3_ide *ide_pci;     /**< their PCI function 00:01.1 */
    struct blockdev *ide_media[4]; /**< IDE drive images (owned), by drive number */
    bool ide_cd[4];                /**< IDE drive n is a CD-ROM */
    char boot_order[8];            /**< -boot letters, NUL-terminated */
    bool boot_menu;
    bool snapshot; /**< -snapshot: pc_floppy_change opens with an overlay */
    uint64_t display_render_ns; /**< host time in pc_display_render (pc_display.c) */
    bool kernel_boot; /**< -kernel: the multiboot ROM boots first */
    bool exit_requested;
    int exit_status;
    struct uart *uart[PC_SERIAL_PORTS]; /**< COM1, COM2; NULL: absent (pc_serial.c) */
    struct pc_host_input host;          /**< serial backends; poll NULL: none */
    bool icount;                        /**< virtual time from instructions */
};

/** Create the Bochs BIOS firmware ports (pc_bochs.c); false on failure. */
bool pc_bochs_create(struct pc *m);
/** Pass on unfinished firmware message lines and free the ports. */
void pc_bochs_destroy(struct pc *m);
/**
 * End the emulation with @status after the current slice: the path of the
 * debug-exit device and the Bochs shutdown port (the first request wins).
 */
void pc_request_exit(struct pc *m, int status);
/** Create the PICs, the PIT and port B with their wiring; false on failure. */
bool pc_chipset_create(struct pc *m);
/** Reset the PICs, the PIT and port B. */
void pc_chipset_reset(struct pc *m);
/** Free the chipset devices (NULL ones are skipped). */
void pc_chipset_destroy(struct pc *m);
/** Create the RTC/CMOS and fill the CMOS map (pc_isa.c). */
bool pc_isa_create(struct pc *m, const struct pc_config *cfg);
/** Reset the RTC and refill the CMOS map. */
void pc_isa_reset(struct pc *m);
/** Free the ISA devices. */
void pc_isa_destroy(struct pc *m);
/** Create the DMA pair and the floppy controller with @cfg's drives (pc_storage.c). */
bool pc_storage_create(struct pc *m, const struct pc_config *cfg);
/** Reset them. */
void pc_storage_reset(struct pc *m);
/** Free them (the floppy images stay open: the caller closes them). */
void pc_storage_destroy(struct pc *m);
/** Create the PIIX3 IDE function and channels with @cfg's drives (pc_ide.c); after pc_pci_create.
 */
bool pc_ide_create(struct pc *m, const struct pc_config *cfg);
/** Reset them. */
void pc_ide_reset(struct pc *m);
/** Free them and close the IDE images (flushing them). */
void pc_ide_destroy(struct pc *m);
struct rtc;
/** Fill the CMOS hard disk bytes (0x12, 0x19-0x2C) for the IDE disks (pc_isa.c calls it). */
void pc_ide_cmos(struct pc *m, struct rtc *r);
/** Free the -send-keys timer and text (pc_keys.c). */
void pc_keys_destroy(struct pc *m);
/** Create the PCI VGA when @cfg has a VGA BIOS (pc_vga.c); after pc_pci_create. */
bool pc_vga_create(struct pc *m, const struct pc_config *cfg);
/** Reset the VGA (if any). */
void pc_vga_reset(struct pc *m);
/** Free the VGA (if any). */
void pc_vga_destroy(struct pc *m);
/** Create the PCI bus, host and ISA bridges and fw_cfg (pc_pci.c). */
bool pc_pci_create(struct pc *m);
/** Reset them; the PAM reset re-routes all of C0000-FFFFF to ROM. */
void pc_pci_reset(struct pc *m);
/** Free them (NULL ones are skipped). */
void pc_pci_destroy(struct pc *m);
/** Add @cfg's -kernel image and loader ROM to fw_cfg, if any (pc_multiboot.c). */
bool pc_multiboot_create(struct pc *m, const struct pc_config *cfg);
/**
 * ISA interrupt line @n (0..15) of the machine @opaque changed to @level:
 * the irq_line callback every ISA device's IRQ is made from
 * (irq_line_make(pc_isa_irq, m, n)); IRQ n reaches master IRn or slave
 * IR(n-8).
 */
void pc_isa_irq(void *opaque, unsigned n, bool level);
/** Create the COM ports @cfg asks for (pc_serial.c). */
bool pc_serial_create(struct pc *m, const struct pc_config *cfg);
/** Reset them. */
void pc_serial_reset(struct pc *m);
/** Free them. */
void pc_serial_destroy(struct pc *m);
/** The cpu_bus interrupt-acknowledge callback (opaque = the machine). */
uint8_t pc_intr_ack(void *opaque);
/** Initialise the machine's clock for @cfg (after the CPU exists). */
void pc_time_init(struct pc *m, const struct pc_config *cfg);
/** Free the -exit-after timer, if armed. */
void pc_time_destroy(struct pc *m);

#endif
