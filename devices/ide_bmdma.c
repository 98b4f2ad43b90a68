/*
 * devices/ide_bmdma.c - the PIIX3's bus-master IDE (Intel 82371FB/SB
 * datasheet, 2.7 "Bus Master IDE I/O Registers" and 3.6 "Bus Master IDE
 * Function"): per channel a command register (BMICX: bit 0 start/stop,
 * bit 3 read/write control), a status register (BMISX: bit 0 active,
 * bit 1 error and bit 2 interrupt, both write-one-to-clear, bits 5-6
 * drive DMA capable) and the physical address of the Physical Region
 * Descriptor table (BMIDTPX).  A PRD is two dwords: a physical address
 * and a byte count (bits 15:0, 0 meaning 64 KiB) with end-of-table in
 * bit 31.
 *
 * Invariants: a transfer starts only when both a DMA command waits on the
 * drive and the start bit is set, and runs as a whole when the channel's
 * busy timer fires; guest memory is touched only through the board's
 * dma_mem_ops; Active clears when the PRD table is used up or the start
 * bit is cleared.
 */
#include "ide_internal.h"

enum { BM_START = 0x01, BM_TO_MEMORY = 0x08 };
enum { BS_ACTIVE = 0x01, BS_ERROR = 0x02, BS_INT = 0x04, BS_CAPABLE = 0x60 };
enum { PRD_EOT = 0x80000000u };

static bool dma_waiting(const struct ide_channel *c)
{
    return c->xfer == X_DMA_READ || c->xfer == X_DMA_WRITE || c->xfer == X_ATAPI_DMA;
}

void ide_dma_kick(struct ide *d, struct ide_channel *c)
{
    if (!(c->bm_cmd & BM_START) || !dma_waiting(c) || c->dma_armed)
        return;
    unsigned n = (unsigned)(c - d->ch);
    c->dma_armed = true;
    timer_mod(&d->timer[n], clock_now(d->cfg.clock) + IDE_DELAY_NS);
}

/* Read PRD @addr: its buffer address and length; true for the table's last entry. */
static bool prd_read(struct ide *d, uint32_t addr, uint32_t *base, uint32_t *len)
{
    uint8_t e[8];
    d->cfg.mem->read(d->cfg.mem_opaque, addr, e, 8);
    uint32_t ctl = (uint32_t)e[4] | e[5] << 8 | (uint32_t)e[6] << 16 | (uint32_t)e[7] << 24;
    *base = ((uint32_t)e[0] | e[1] << 8 | (uint32_t)e[2] << 16 | (uint32_t)e[3] << 24) & ~1u;
    /* PIIX3 PRD format: the byte count is bits 15:1 (bit 0 reserved), a zero count 64 KiB. */
    *len = ctl & 0xFFFE ? ctl & 0xFFFE : 0x10000;
    return ctl & PRD_EOT;
}

uint32_t ide_dma_move(struct ide *d, struct ide_channel *c, uint8_t *buf, uint32_t len,
                      bool to_memory)
{
    uint32_t done = 0;
    while (done < len && (c->bm_status & BS_ACTIVE)) {
        uint32_t base, plen;
        bool eot = prd_read(d, c->prd_cur, &base, &plen);
        uint32_t n = plen - c->prd_off;
        n = n < len - done ? n : len - done;
        if (to_memory)
            d->cfg.mem->write(d->cfg.mem_opaque, base + c->prd_off, buf + done, n);
        else
            d->cfg.mem->read(d->cfg.mem_opaque, base + c->prd_off, buf + done, n);
        done += n;
        c->prd_off += n;
        if (c->prd_off < plen)
            continue;
        c->prd_off = 0;
        c->prd_cur += 8;
        if (eot)
            c->bm_status &= (uint8_t)~BS_ACTIVE; /* the table is used up */
    }
    return done;
}

/* ATA READ DMA / WRITE DMA: the sectors through buf, IDE_BUF at a time. */
static bool run_ata(struct ide *d, struct ide_channel *c, uint8_t *error)
{
    struct blockdev *b = d->media[ide_cur_index(d, c)];
    bool to_memory = c->xfer == X_DMA_READ;
    while (c->left) {
        uint32_t n = c->left < IDE_BUF / IDE_SECTOR ? c->left : IDE_BUF / IDE_SECTOR;
        if (to_memory && blockdev_read(b, c->lba, c->buf, n) != 0) {
            *error = ER_UNC;
            return false;
        }
        uint32_t moved = ide_dma_move(d, c, c->buf, n * IDE_SECTOR, to_memory);
        uint32_t whole = moved / IDE_SECTOR;
        if (!to_memory && whole && blockdev_write(b, c->lba, c->buf, whole) != 0) {
            *error = ER_ABRT;
            return false;
        }
        c->lba += whole;
        c->left -= whole;
        if (moved < n * IDE_SECTOR) {
            *error = ER_ABRT; /* the PRD table ended before the data */
            return false;
        }
    }
    return true;
}

/* ATAPI data in by DMA: what buf holds, then the remaining blocks. */
static bool run_atapi(struct ide *d, struct ide_channel *c)
{
    for (;;) {
        uint32_t len = c->buf_len - c->buf_pos;
        if (ide_dma_move(d, c, c->buf + c->buf_pos, len, true) < len)
            return false;
        c->buf_pos = c->buf_len;
        if (!c->left)
            return true;
        if (!ide_atapi_refill(d, c))
            return false;
    }
}

void ide_dma_run(struct ide *d, struct ide_channel *c)
{
    uint8_t error = 0;
    if (c->xfer == X_ATAPI_DMA) {
        bool ok = run_atapi(d, c);
        if (!ok && !(c->bm_status & BS_ACTIVE))
            c->bm_status |= BS_ERROR;
        ide_atapi_finish(d, c);
        return;
    }
    if (run_ata(d, c, &error)) {
        ide_done(d, c);
        return;
    }
    c->bm_status |= BS_ERROR;
    ide_abort(d, c, error);
}

/* BMICX: starting latches the PRD table and goes active; stopping aborts. */
static void write_command(struct ide *d, struct ide_channel *c, uint8_t v)
{
    uint8_t old = c->bm_cmd;
    c->bm_cmd = v & (BM_START | BM_TO_MEMORY);
    if ((v & BM_START) && !(old & BM_START)) {
        c->prd_cur = c->bm_prd;
        c->prd_off = 0;
        c->bm_status |= BS_ACTIVE;
        ide_dma_kick(d, c);
    } else if (!(v & BM_START) && (old & BM_START)) {
        c->bm_status &= (uint8_t)~BS_ACTIVE;
        /* PIIX3 BMICX bit 0 cleared: the bus master halts, the drive keeps waiting for its
         * data (DRQ) and does not complete; disarm the pending transfer's timer too. */
        if (c->dma_armed) {
            c->dma_armed = false;
            timer_del(&d->timer[c - d->ch]);
        }
    }
}

static uint8_t read_byte(struct ide *d, uint32_t off)
{
    struct ide_channel *c = &d->ch[off >> 3 & 1];
    switch (off & 7) {
    case 0: return c->bm_cmd;
    case 2: return c->bm_status;
    case 4:
    case 5:
    case 6:
    case 7: return (uint8_t)(c->bm_prd >> (8 * (off & 3)));
    default: return 0;
    }
}

static void write_byte(struct ide *d, uint32_t off, uint8_t v)
{
    struct ide_channel *c = &d->ch[off >> 3 & 1];
    unsigned sh = 8 * (off & 3);
    switch (off & 7) {
    case 0: write_command(d, c, v); break;
    case 2:
        c->bm_status = (uint8_t)((c->bm_status & ~(BS_CAPABLE | (v & (BS_ERROR | BS_INT)))) |
                                 (v & BS_CAPABLE));
        break;
    case 4:
    case 5:
    case 6:
    case 7:
        c->bm_prd = (c->bm_prd & ~(0xFFu << sh)) | (uint32_t)v << sh;
        c->bm_prd &= ~3u;
        break;
    default: break;
    }
}

uint32_t ide_bm_read(struct ide *d, uint32_t offset, unsigned size)
{
    uint32_t v = 0;
    for (unsigned k = 0; k < size; k++)
        v |= (uint32_t)read_byte(d, (offset + k) & 15) << (8 * k);
    return v;
}

void ide_bm_write(struct ide *d, uint32_t offset, uint32_t val, unsigned size)
{
    for (unsigned k = 0; k < size; k++)
        write_byte(d, (offset + k) & 15, (uint8_t)(val >> (8 * k)));
}
