/*
 * devices/fdc.h - an Intel 82077AA-compatible floppy disk controller in
 * PC-AT mode (ports 0x3F0-0x3F5 and 0x3F7; 0x3F6 belongs to the hard-disk
 * controller), up to four drives, interrupt on IRQ6, data on DMA channel 2.
 *
 * The controller never touches the DMA chip or the IRQ controller by name:
 * it is given an irq_line and a dma_xfer callback (the board routes it to
 * dma_transfer on channel 2).  Media are board/blockdev images with a
 * standard floppy geometry; the board owns, flushes and closes them.
 *
 * Timing is deadline-driven: a seek, a recalibrate, a reset and the
 * execution phase of a data command each complete FDC_DELAY_NS of virtual
 * time after they start (one board/clock.h timer each), then raise the
 * interrupt.  Nothing happens per instruction.
 *
 * Invariants: INT reaches the line only while DOR bit 3 (DMA gate) is set,
 * as in PC-AT mode; the phase (command, execution, result) alone decides
 * MSR's RQM/DIO/CB bits; a drive's disk-change line is set by insert and
 * eject and cleared only by a head step with media present.
 */
#ifndef T86_DEVICES_FDC_H
#define T86_DEVICES_FDC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "board/blockdev.h"
#include "board/bus.h"
#include "board/clock.h"
#include "board/irq.h"
#include "board/state.h"

enum { FDC_PORT = 0x3F0, FDC_IRQ = 6, FDC_DMA = 2, FDC_DRIVES = 4 };
/** Virtual time a seek, reset or command execution takes. */
enum { FDC_DELAY_NS = 100000 };

/**
 * Move @len bytes between @buf and guest memory through the DMA channel
 * (@to_memory: device to memory, i.e. a disk read).  Returns the bytes
 * moved; fewer than @len means terminal count (TC) came first.
 */
typedef size_t (*fdc_dma_fn)(void *opaque, void *buf, size_t len, bool to_memory);

/** What the board connects to the controller. */
struct fdc_config {
    struct bus *io;
    uint16_t port; /**< FDC_PORT */
    struct clock *clock;
    struct irq_line irq; /**< IRQ6 */
    fdc_dma_fn dma_xfer; /**< DMA channel 2 (NULL: DMA requests are never served) */
    void *dma_opaque;
    unsigned drives; /**< connected drives, 1..4 (recalibrate fails on others) */
    /**
     * Data commands always seek to their C first, as if CONFIGURE had set
     * EIS.  The 82077AA seeks implicitly only with EIS (datasheet,
     * "Configure": implied seek) and otherwise ends with ND + WC; the
     * Bochs BIOS never issues SEEK before READ DATA and relies on the
     * implied seek that the Bochs and QEMU controllers always perform, so
     * the PC board sets this.  false: the datasheet behaviour.
     */
    bool implied_seek;
};

struct fdc;

/** Snapshot descriptor of struct fdc's state (media are re-inserted by the board). */
extern const struct state_desc fdc_state_desc;

/** Create the controller as @cfg says; it starts held in reset (DOR = 0).  NULL on failure. */
struct fdc *fdc_create(const struct fdc_config *cfg);
/** Free the controller and its timers (not the media).  NULL is ignored. */
void fdc_destroy(struct fdc *f);
/** RESET pin: DOR = 0 (controller held in reset), CONFIGURE and LOCK to defaults. */
void fdc_reset(struct fdc *f);
/**
 * Put @media in @drive (0..3), replacing any disk (the board keeps owning
 * it).  Sets the drive's disk-change line.  Returns 0, or -1 with a reason
 * in @err when the image has no floppy geometry or @drive is not connected.
 */
int fdc_insert(struct fdc *f, unsigned drive, struct blockdev *media, char *err, size_t errlen);
/** Remove the disk from @drive; sets its disk-change line. */
void fdc_eject(struct fdc *f, unsigned drive);
/** The disk in @drive, or NULL. */
struct blockdev *fdc_media(const struct fdc *f, unsigned drive);
/** Print the registers, the command in progress and each drive to @out (debugger). */
void fdc_dump(const struct fdc *f, FILE *out);

#endif
