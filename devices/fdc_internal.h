/*
 * devices/fdc_internal.h - the 82077AA model's private state, shared by
 * its two files only: fdc.c (ports, phases, reset, interrupt, the
 * non-data commands) and fdc_data.c (READ DATA, WRITE DATA, READ ID and
 * FORMAT TRACK against the media).  Nothing else includes it.
 *
 * Invariants: phase says what the FIFO port does (command bytes in,
 * execution data in or out in PIO mode, result bytes out); cmd_pos <
 * cmd_len only in the command phase; int_pending is the controller's INT
 * before the DOR DMA gate; a drive's int_pending holds the ST0 a SENSE
 * INTERRUPT STATUS will report for it.
 */
#ifndef T86_DEVICES_FDC_INTERNAL_H
#define T86_DEVICES_FDC_INTERNAL_H

#include "fdc.h"

enum fdc_phase { PH_COMMAND, PH_EXEC, PH_RESULT, PH_RESET };
enum fdc_op { OP_NONE, OP_READ, OP_WRITE, OP_READ_ID, OP_FORMAT };

/* Status register bits (82077AA datasheet, "Status Register 0..3"). */
enum {
    ST0_ABNORMAL = 0x40,
    ST0_INVALID = 0x80,
    ST0_READY_CHANGED = 0xC0,
    ST0_SE = 0x20,
    ST0_EC = 0x10,
    ST1_EN = 0x80,
    ST1_DE = 0x20,
    ST1_ND = 0x04,
    ST1_NW = 0x02,
    ST1_MA = 0x01,
    ST2_WC = 0x10,
    ST2_BC = 0x02,
    ST3_WP = 0x40,
    ST3_RDY = 0x20,
    ST3_T0 = 0x10,
    ST3_TS = 0x08,
};
/* DOR, MSR and CONFIGURE bits. */
enum {
    DOR_NRESET = 0x04,
    DOR_DMAEN = 0x08,
    MSR_RQM = 0x80,
    MSR_DIO = 0x40,
    MSR_NDMA = 0x20,
    MSR_CB = 0x10,
    CONF_EIS = 0x40,
    CONF_EFIFO = 0x20,
    CONF_POLL = 0x10,
    CONF_DEFAULT = CONF_EFIFO,
};

enum { FDC_SECTOR = 512 };

struct fdc_drive {
    uint8_t pcn;      /**< present cylinder (head position) */
    uint8_t id_index; /**< sector the next READ ID finds (0-based) */
    bool changed;     /**< disk-change latch */
    bool busy;        /**< MSR drive-busy bit: seek issued, not yet sensed */
    bool int_pending; /**< a SENSE INTERRUPT STATUS would report st0 */
    uint8_t st0;
};

struct fdc {
    struct fdc_drive drive[FDC_DRIVES];
    uint8_t dor, tdr, dsr, rate; /**< rate: DSR/CCR bits 1-0 */
    uint8_t phase;
    bool int_pending;
    uint8_t cmd[9], cmd_len, cmd_pos;
    uint8_t res[10], res_len, res_pos;
    bool res_int;       /**< the result phase raised INT */
    uint8_t specify[2]; /**< SRT/HUT, HLT/ND */
    uint8_t config, pretrk, perp, last_eot;
    bool lock;
    /* the data command being executed */
    uint8_t op, drv, hds, c, h, r, n, eot, mt, fill, sc, fmt_done;
    uint8_t st0, st1, st2;
    bool pio_ready; /**< PIO execution: buf is open to the FIFO */
    uint16_t buf_pos, buf_len;
    uint8_t buf[FDC_SECTOR];
    /* wiring, not state */
    struct fdc_config cfg;
    struct blockdev *media[FDC_DRIVES];
    const struct floppy_geometry *geo[FDC_DRIVES];
    struct timer timer;       /**< execution phase of a data command */
    struct timer reset_timer; /**< post-reset drive polling */
    struct timer seek_timer[FDC_DRIVES];
};

/* fdc.c */
/** Recompute the INT line from int_pending and the DOR DMA gate. */
void fdc_update_irq(struct fdc *f);
/** Set the controller's INT (before the DMA gate). */
void fdc_set_int(struct fdc *f, bool level);
/** Enter the result phase with @n bytes of @res; raise INT if @irq. */
void fdc_result(struct fdc *f, const uint8_t *res, unsigned n, bool irq);
/** Move @drive's head to @cyl (a step clears the disk-change line if media is in). */
void fdc_move_head(struct fdc *f, unsigned drive, uint8_t cyl);
/** True when the controller is in non-DMA (PIO) mode (SPECIFY ND). */
bool fdc_pio(const struct fdc *f);

/* fdc_data.c */
/** READ DATA / WRITE DATA / READ ID / FORMAT TRACK: check, start execution. */
void fdc_cmd_read(struct fdc *f);
void fdc_cmd_write(struct fdc *f);
void fdc_cmd_read_id(struct fdc *f);
void fdc_cmd_format(struct fdc *f);
/** The execution phase's delay has passed: do the data command's work. */
void fdc_exec_due(struct fdc *f);
/** PIO execution: the CPU reads / writes one FIFO byte. */
uint8_t fdc_pio_read(struct fdc *f);
void fdc_pio_write(struct fdc *f, uint8_t v);

#endif
