/*
 * devices/fdc_data.c - the 82077AA's data commands against the media:
 * READ DATA, WRITE DATA, READ ID and FORMAT TRACK (Intel 82077AA datasheet,
 * order no. 290166, "Data Transfer Commands", "Format Track", "Read ID",
 * and the table of C/H/R/N after command termination).
 *
 * The image stores sector data only, in the standard layout of its
 * geometry (board/blockdev.h): on physical track t, side s, the IDs are
 * C = t, H = s, R = 1..sectors, N = 2 (512 bytes).  A command whose C, H,
 * R or N names no such ID ends with "no data" (ST1 ND, and ST2 WC/BC for a
 * cylinder mismatch); a side or track beyond the image, FM mode or a data
 * rate the media was not recorded at finds no address mark (ST1 MA); so
 * does an empty drive (the real controller would wait for index pulses
 * forever; trap86 answers at once).  FORMAT fills the sectors whose IDs
 * fit that layout and ignores other IDs (the image cannot hold them).
 *
 * Transfers: in DMA mode the whole execution phase runs when its deadline
 * fires, one sector per dma_xfer call; a call moving less than a sector
 * is terminal count and ends the command after that sector (a write pads
 * the sector with zeros, as the datasheet's TC description says).  With
 * the DMA gate (DOR bit 3) closed or no DMA callback the controller waits
 * in the execution phase like the real chip, until a reset.  In PIO mode
 * (SPECIFY ND) the sector buffer is opened to the FIFO port and INT is
 * raised for each sector; the command ends at EOT.
 *
 * Invariants: C/H/R always name the sector the command is at, so the
 * result phase reports them unchanged after an error and advanced past
 * the last sector transferred after a normal end.
 */
#include "fdc_internal.h"

#include <string.h>

enum { MFM = 0x40, MT = 0x80 };

/* ---- sector addressing --------------------------------------------------------- */

/* Was the media recorded at the data rate now selected (DSR/CCR)?  250
 * kb/s media also read at 300 kb/s (a 360K disk in a 1.2M drive). */
static bool rate_matches(const struct fdc *f, const struct floppy_geometry *g)
{
    switch (g->rate_kbps) {
    case 250: return f->rate == 2 || f->rate == 1;
    case 500: return f->rate == 0;
    default: return f->rate == 3;
    }
}

/* The result phase: ST0-ST2 and C/H/R/N; INT. */
static void finish(struct fdc *f)
{
    uint8_t st0 = (uint8_t)((f->st0 & 0xF8) | f->hds << 2 | f->drv);
    fdc_result(f, (uint8_t[]){st0, f->st1, f->st2, f->c, f->h, f->r, f->n}, 7, true);
}

/* Abnormal termination with @st1 / @st2. */
static void fail(struct fdc *f, uint8_t st1, uint8_t st2)
{
    f->st0 |= ST0_ABNORMAL;
    f->st1 |= st1;
    f->st2 |= st2;
    finish(f);
}

/* Is there a formatted track under the selected head?  Else fails (MA). */
static bool track_ok(struct fdc *f)
{
    const struct floppy_geometry *g = f->geo[f->drv];
    bool ok = g && (f->cmd[0] & MFM) && rate_matches(f, g) && f->hds < g->heads &&
              f->drive[f->drv].pcn < g->cylinders;
    if (!ok)
        fail(f, ST1_MA, 0);
    return ok;
}

/* Does the sector C/H/R/N exist on the track under the head?  Else fails. */
static bool locate(struct fdc *f)
{
    if (!track_ok(f))
        return false;
    if (f->c != f->drive[f->drv].pcn) {
        fail(f, ST1_ND, f->c == 0xFF ? ST2_BC : ST2_WC);
        return false;
    }
    if (f->h != f->hds || f->n != 2 || f->r < 1 || f->r > f->geo[f->drv]->sectors) {
        fail(f, ST1_ND, 0);
        return false;
    }
    return true;
}

/* Image sector of a located R on the current track. */
static uint64_t sector_lba(const struct fdc *f, uint8_t r)
{
    const struct floppy_geometry *g = f->geo[f->drv];
    return ((uint64_t)f->drive[f->drv].pcn * g->heads + f->hds) * g->sectors + r - 1u;
}

/* Step C/H/R past the current sector; false when the command ends there
 * (EOT of the last side), per the datasheet's C/H/R/N table. */
static bool next_sector(struct fdc *f)
{
    if (f->r != f->eot) {
        f->r++;
        return true;
    }
    f->r = 1;
    if (f->mt && f->hds == 0) {
        f->hds = 1;
        f->h ^= 1;
        return true;
    }
    if (f->mt)
        f->h ^= 1;
    f->c++;
    return false;
}

static bool load_sector(struct fdc *f)
{
    if (blockdev_read(f->media[f->drv], sector_lba(f, f->r), f->buf, 1) == 0)
        return true;
    fail(f, ST1_DE, 0x20); /* ST2 DD: data error in the data field */
    return false;
}

static bool store_sector(struct fdc *f, uint8_t r)
{
    if (blockdev_write(f->media[f->drv], sector_lba(f, r), f->buf, 1) == 0)
        return true;
    fail(f, ST1_DE, 0);
    return false;
}

/* ---- DMA execution -------------------------------------------------------------------- */

static size_t dma(struct fdc *f, void *buf, size_t len, bool to_memory)
{
    return f->cfg.dma_xfer(f->cfg.dma_opaque, buf, len, to_memory);
}

/* READ DATA / WRITE DATA through DMA, sector by sector until EOT or TC. */
static void rw_dma(struct fdc *f)
{
    bool write = f->op == OP_WRITE;
    for (;;) {
        if (!locate(f) || (!write && !load_sector(f)))
            return;
        size_t moved = dma(f, f->buf, FDC_SECTOR, !write);
        if (moved == 0)
            break; /* TC came with the previous sector */
        if (write) {
            memset(f->buf + moved, 0, FDC_SECTOR - moved);
            if (!store_sector(f, f->r))
                return;
        }
        if (!next_sector(f) || moved < FDC_SECTOR)
            break;
    }
    finish(f);
}

/* One FORMAT ID (C, H, R, N): fill its sector if it fits the image. */
static bool format_id(struct fdc *f, const uint8_t id[4])
{
    f->c = id[0];
    f->h = id[1];
    f->r = id[2];
    f->n = id[3];
    if (id[0] != f->drive[f->drv].pcn || id[1] != f->hds || id[3] != 2 || id[2] < 1 ||
        id[2] > f->geo[f->drv]->sectors)
        return true;
    memset(f->buf, f->fill, FDC_SECTOR);
    return store_sector(f, id[2]);
}

static void format_dma(struct fdc *f)
{
    for (unsigned k = 0; k < f->sc; k++) {
        uint8_t id[4];
        if (dma(f, id, 4, false) < 4)
            break;
        if (!format_id(f, id))
            return;
    }
    finish(f);
}

/* ---- PIO execution ------------------------------------------------------------------- */

/* Open the buffer (@len bytes) to the FIFO and interrupt. */
static void pio_open(struct fdc *f, uint16_t len)
{
    f->buf_pos = 0;
    f->buf_len = len;
    f->pio_ready = true;
    fdc_set_int(f, true);
}

/* PIO READ/WRITE DATA: present the current sector. */
static void pio_sector(struct fdc *f)
{
    if (!locate(f) || (f->op == OP_READ && !load_sector(f)))
        return;
    pio_open(f, FDC_SECTOR);
}

/* The CPU has moved the whole buffer. */
static void pio_done(struct fdc *f)
{
    f->pio_ready = false;
    if (f->op == OP_FORMAT) {
        if (!format_id(f, f->buf))
            return;
        if (++f->fmt_done < f->sc)
            pio_open(f, 4);
        else
            finish(f);
        return;
    }
    if (f->op == OP_WRITE && !store_sector(f, f->r))
        return;
    if (next_sector(f))
        pio_sector(f);
    else
        finish(f);
}

uint8_t fdc_pio_read(struct fdc *f)
{
    if (f->op != OP_READ)
        return 0xFF;
    if (f->int_pending)
        fdc_set_int(f, false);
    uint8_t v = f->buf[f->buf_pos++];
    if (f->buf_pos >= f->buf_len)
        pio_done(f);
    return v;
}

void fdc_pio_write(struct fdc *f, uint8_t v)
{
    if (f->op == OP_READ)
        return;
    if (f->int_pending)
        fdc_set_int(f, false);
    f->buf[f->buf_pos++] = v;
    if (f->buf_pos >= f->buf_len)
        pio_done(f);
}

/* ---- commands ------------------------------------------------------------------------ */

/* READ ID: the next ID passing under the head. */
static void read_id(struct fdc *f)
{
    if (!track_ok(f))
        return;
    struct fdc_drive *d = &f->drive[f->drv];
    unsigned spt = f->geo[f->drv]->sectors;
    f->c = d->pcn;
    f->h = f->hds;
    f->r = (uint8_t)(d->id_index % spt + 1);
    f->n = 2;
    d->id_index = (uint8_t)((d->id_index + 1) % spt);
    finish(f);
}

void fdc_exec_due(struct fdc *f)
{
    if (f->op == OP_READ_ID) {
        read_id(f);
        return;
    }
    if (!fdc_pio(f) && (!f->cfg.dma_xfer || !(f->dor & DOR_DMAEN)))
        return; /* DRQ never acknowledged: wait for a reset */
    if (f->op != OP_FORMAT && ((f->config & CONF_EIS) || f->cfg.implied_seek))
        fdc_move_head(f, f->drv, f->c); /* implied seek */
    if (!track_ok(f))
        return;
    if (f->op != OP_READ && blockdev_readonly(f->media[f->drv])) {
        fail(f, ST1_NW, 0);
        return;
    }
    if (f->op == OP_FORMAT && f->sc == 0)
        finish(f);
    else if (f->op == OP_FORMAT && fdc_pio(f))
        pio_open(f, 4);
    else if (f->op == OP_FORMAT)
        format_dma(f);
    else if (fdc_pio(f))
        pio_sector(f);
    else
        rw_dma(f);
}

/* Common start of a data command: drive and head from byte 1, then the
 * execution phase after the delay. */
static void start(struct fdc *f, uint8_t op)
{
    f->op = op;
    f->drv = f->cmd[1] & 3;
    f->hds = f->cmd[1] >> 2 & 1;
    f->st0 = f->st1 = f->st2 = 0;
    f->pio_ready = false;
    f->phase = PH_EXEC;
    timer_mod(&f->timer, clock_now(f->cfg.clock) + FDC_DELAY_NS);
}

/* READ/WRITE DATA bytes: cmd, HDS/DS, C, H, R, N, EOT, GPL, DTL. */
static void start_rw(struct fdc *f, uint8_t op)
{
    f->mt = f->cmd[0] >> 7;
    f->c = f->cmd[2];
    f->h = f->cmd[3];
    f->r = f->cmd[4];
    f->n = f->cmd[5];
    f->eot = f->last_eot = f->cmd[6];
    start(f, op);
}

void fdc_cmd_read(struct fdc *f)
{
    start_rw(f, OP_READ);
}

void fdc_cmd_write(struct fdc *f)
{
    start_rw(f, OP_WRITE);
}

void fdc_cmd_read_id(struct fdc *f)
{
    start(f, OP_READ_ID);
}

/* FORMAT TRACK bytes: cmd, HDS/DS, N, SC, GPL, D. */
void fdc_cmd_format(struct fdc *f)
{
    f->n = f->cmd[2];
    f->sc = f->last_eot = f->cmd[3];
    f->fill = f->cmd[5];
    f->fmt_done = 0;
    start(f, OP_FORMAT);
    f->c = f->drive[f->drv].pcn;
    f->h = f->hds;
    f->r = 1;
}
