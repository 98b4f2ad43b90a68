/*
 * devices/ide_ata.c - the ATA command set of an IDE hard disk (see ide.h):
 * IDENTIFY DEVICE, the PIO, multiple and DMA reads and writes in their
 * 28- and 48-bit forms, READ VERIFY, SET MULTIPLE MODE, INITIALIZE DEVICE
 * PARAMETERS, SET FEATURES, FLUSH CACHE, the power-management commands,
 * SEEK, RECALIBRATE and READ NATIVE MAX ADDRESS.  Facts from ATA/ATAPI-6
 * (T13/1410D): section 8 (each command), 6.2 (CHS, LBA28, LBA48
 * addressing), 9.5-9.7 (PIO data-in / data-out and DMA protocols).
 *
 * Invariants: a transfer never reaches past the image's last sector (IDNF
 * instead); a read-only image is never written (ABRT); a PIO data-in
 * block interrupts when it is ready, a data-out block after it was
 * written, the first data-out block does not.
 */
#include "ide_internal.h"

#include <string.h>

/* ---- IDENTIFY DEVICE (8.15) ---------------------------------------------------------- */

void ide_id_string(uint16_t *w, const char *s, unsigned len)
{
    size_t n = strlen(s);
    for (unsigned k = 0; k < len; k += 2) {
        uint8_t hi = (uint8_t)(k < n ? s[k] : ' ');
        uint8_t lo = (uint8_t)(k + 1 < n ? s[k + 1] : ' ');
        w[k / 2] = (uint16_t)(hi << 8 | lo);
    }
}

/* Words 63 and 88: the supported DMA modes and the one SET FEATURES chose. */
static void id_dma_modes(uint16_t w[256], uint8_t mode)
{
    w[63] = 0x0007;
    w[88] = 0x003F;
    if ((mode & 0xF8) == 0x20)
        w[63] |= (uint16_t)(0x100 << (mode & 7));
    else if ((mode & 0xF8) == 0x40)
        w[88] |= (uint16_t)(0x100 << (mode & 7));
}

static void id_capacity(uint16_t w[256], const struct ide_drive *dr, uint64_t sectors)
{
    uint64_t lba28 = sectors > 0x0FFFFFFF ? 0x0FFFFFFF : sectors;
    /* Current cylinders (word 54) follow INITIALIZE DEVICE PARAMETERS:
     * as many as the current heads and sectors per track cover, at most
     * the default cylinders' capacity and 65535 (ATA-6 8.15.46). */
    uint64_t per_cyl = (uint64_t)dr->cur_heads * dr->cur_spt;
    uint64_t cap = (uint64_t)dr->cyls * dr->heads * dr->spt;
    uint64_t cur_cyls = per_cyl ? (cap < sectors ? cap : sectors) / per_cyl : 0;
    if (cur_cyls > 65535)
        cur_cyls = 65535;
    uint32_t chs = (uint32_t)(cur_cyls * per_cyl);
    w[1] = dr->cyls;
    w[3] = dr->heads;
    w[6] = dr->spt;
    w[54] = (uint16_t)cur_cyls;
    w[55] = dr->cur_heads;
    w[56] = dr->cur_spt;
    w[57] = (uint16_t)chs;
    w[58] = (uint16_t)(chs >> 16);
    w[60] = (uint16_t)lba28;
    w[61] = (uint16_t)(lba28 >> 16);
    for (unsigned k = 0; k < 4; k++)
        w[100 + k] = (uint16_t)(sectors >> (16 * k));
}

void ide_identify_disk(const struct ide *d, unsigned n, uint16_t w[256])
{
    const struct ide_drive *dr = &d->ch[n / 2].drive[n % 2];
    char serial[21];
    snprintf(serial, sizeof(serial), "T86HD%05u", n);
    memset(w, 0, 512);
    w[0] = 0x0040; /* fixed device */
    id_capacity(w, dr, blockdev_sectors(d->media[n]));
    /*
     * Words 4 and 5 are retired since ATA-2; ATA-1 (X3.221-1994, 8.7
     * IDENTIFY DRIVE) defined them as unformatted bytes per track and per
     * sector.  The Bochs BIOS still takes its PIO block size from word 5
     * (0 would make it transfer nothing), so report what ATA-1 drives did.
     */
    w[4] = (uint16_t)(512 * dr->spt);
    w[5] = 512;
    ide_id_string(&w[10], serial, 20);
    ide_id_string(&w[23], "1.0", 8);
    ide_id_string(&w[27], "trap86 HARDDISK", 40);
    w[47] = 0x8000 | IDE_MAX_MULT;
    w[49] = 0x0B00; /* IORDY, LBA, DMA */
    w[51] = 0x0200;
    w[53] = 0x0007; /* words 54-58, 64-70 and 88 are valid */
    w[59] = dr->mult ? (uint16_t)(0x0100 | dr->mult) : 0;
    w[64] = 0x0003; /* PIO 3 and 4 */
    w[65] = w[66] = w[67] = w[68] = 120;
    w[80] = 0x007E; /* ATA-1 .. ATA-6 */
    w[82] = 0x4000;
    w[83] = 0x7400; /* FLUSH CACHE EXT, FLUSH CACHE, 48-bit address */
    w[84] = 0x4000;
    w[85] = 0x4000;
    w[86] = 0x3400;
    w[87] = 0x4000;
    w[93] = 0x6001;
    id_dma_modes(w, dr->xfer_mode);
}

static void put_words(struct ide_channel *c, const uint16_t w[256])
{
    for (unsigned k = 0; k < 256; k++) {
        c->buf[2 * k] = (uint8_t)w[k];
        c->buf[2 * k + 1] = (uint8_t)(w[k] >> 8);
    }
    c->buf_pos = 0;
    c->buf_len = 512;
    c->xfer = X_INFO;
}

static void cmd_identify(struct ide *d, struct ide_channel *c)
{
    uint16_t w[256];
    ide_identify_disk(d, ide_cur_index(d, c), w);
    put_words(c, w);
    ide_busy(d, c, ST_DRDY | ST_DSC | ST_DRQ, true);
}

/* ---- addressing (6.2) ----------------------------------------------------------------- */

static bool is_ext(uint8_t cmd)
{
    switch (cmd) {
    case 0x24:
    case 0x25:
    case 0x29:
    case 0x34:
    case 0x35:
    case 0x39:
    case 0x42: return true;
    default: return false;
    }
}

/* The command's first sector and count; false for a CHS sector 0 or a
 * range past the end of the image. */
static bool decode_range(struct ide *d, struct ide_channel *c, uint64_t *lba, uint32_t *count)
{
    struct ide_drive *dr = ide_cur(c);
    if (is_ext(c->cmd)) {
        *lba = (uint64_t)c->hob_high << 40 | (uint64_t)c->hob_mid << 32 |
               (uint64_t)c->hob_low << 24 | (uint32_t)c->lba_high << 16 | c->lba_mid << 8 |
               c->lba_low;
        *count = (uint32_t)(c->hob_count << 8 | c->count);
        *count = *count ? *count : 65536;
    } else if (c->select & DEV_LBA) {
        *lba = (uint32_t)(c->select & 0x0F) << 24 | (uint32_t)c->lba_high << 16 | c->lba_mid << 8 |
               c->lba_low;
        *count = c->count ? c->count : 256;
    } else {
        unsigned cyl = c->lba_high << 8 | c->lba_mid, head = c->select & 0x0F;
        if (c->lba_low == 0 || c->lba_low > dr->cur_spt || head >= dr->cur_heads)
            return false;
        *lba = ((uint64_t)cyl * dr->cur_heads + head) * dr->cur_spt + c->lba_low - 1;
        *count = c->count ? c->count : 256;
    }
    return *lba + *count <= blockdev_sectors(d->media[ide_cur_index(d, c)]);
}

/* ---- PIO transfers (9.5, 9.6) ----------------------------------------------------------- */

/* Read the next DRQ block into buf and offer it after the delay. */
static void load_block(struct ide *d, struct ide_channel *c)
{
    uint32_t n = c->left < c->block ? c->left : c->block;
    if (blockdev_read(d->media[ide_cur_index(d, c)], c->lba, c->buf, n) != 0) {
        ide_abort(d, c, ER_UNC);
        return;
    }
    c->lba += n;
    c->left -= n;
    c->buf_pos = 0;
    c->buf_len = n * IDE_SECTOR;
    c->xfer = X_PIO_IN;
    ide_busy(d, c, ST_DRDY | ST_DSC | ST_DRQ, true);
}

/* Open buf for the next data-out block. */
static void open_out_block(struct ide_channel *c)
{
    uint32_t n = c->left < c->block ? c->left : c->block;
    c->buf_pos = 0;
    c->buf_len = n * IDE_SECTOR;
    c->xfer = X_PIO_OUT;
}

static void start_pio(struct ide *d, struct ide_channel *c, bool write, bool multiple)
{
    struct ide_drive *dr = ide_cur(c);
    uint64_t lba;
    uint32_t count;
    if (multiple && !dr->mult) {
        ide_abort(d, c, ER_ABRT);
        return;
    }
    if (!decode_range(d, c, &lba, &count)) {
        ide_abort(d, c, ER_IDNF);
        return;
    }
    if (write && blockdev_readonly(d->media[ide_cur_index(d, c)])) {
        ide_abort(d, c, ER_ABRT); /* write protected: never touch the image */
        return;
    }
    c->lba = lba;
    c->left = count;
    c->block = multiple ? dr->mult : 1;
    c->error = 0;
    if (!write) {
        load_block(d, c);
        return;
    }
    open_out_block(c);
    c->status = ST_DRDY | ST_DSC | ST_DRQ; /* 9.6: no interrupt before the first block */
}

void ide_ata_block_done(struct ide *d, struct ide_channel *c)
{
    if (c->xfer == X_PIO_IN) {
        if (c->left) {
            load_block(d, c);
        } else {
            c->xfer = X_NONE;
            c->status = ST_DRDY | ST_DSC;
        }
        return;
    }
    /*
     * PIO data-out (ATA-6 9.8): the device is BSY while it takes the
     * block, then asks for the next one or ends with INTRQ.  The image
     * write has finished here, so that BSY period is over before the host
     * can look: status is final at once.  The Bochs BIOS depends on it (it
     * reads the status once, right after the last word, and wants DRDY
     * with BSY and DRQ clear, or DRQ for the next block).
     */
    uint32_t n = c->buf_len / IDE_SECTOR;
    if (blockdev_write(d->media[ide_cur_index(d, c)], c->lba, c->buf, n) != 0) {
        ide_abort(d, c, ER_ABRT);
        return;
    }
    c->lba += n;
    c->left -= n;
    if (!c->left) {
        c->error = 0;
        c->xfer = X_NONE;
        ide_ready_now(d, c, ST_DRDY | ST_DSC);
        return;
    }
    open_out_block(c);
    ide_ready_now(d, c, ST_DRDY | ST_DSC | ST_DRQ);
}

/* READ / WRITE DMA (+EXT): the bus master moves the data (9.7). */
static void start_dma(struct ide *d, struct ide_channel *c, bool write)
{
    uint64_t lba;
    uint32_t count;
    if (!decode_range(d, c, &lba, &count)) {
        ide_abort(d, c, ER_IDNF);
        return;
    }
    if (write && blockdev_readonly(d->media[ide_cur_index(d, c)])) {
        ide_abort(d, c, ER_ABRT);
        return;
    }
    c->lba = lba;
    c->left = count;
    c->error = 0;
    c->xfer = write ? X_DMA_WRITE : X_DMA_READ;
    c->status = ST_DRDY | ST_DSC | ST_DRQ;
    ide_dma_kick(d, c);
}

/* ---- commands without data ---------------------------------------------------------------- */

static void cmd_verify(struct ide *d, struct ide_channel *c)
{
    uint64_t lba;
    uint32_t count;
    if (!decode_range(d, c, &lba, &count))
        ide_abort(d, c, ER_IDNF);
    else
        ide_done(d, c);
}

/* SET MULTIPLE MODE (8.39): 0 disables, else a power of two up to the maximum. */
static void cmd_set_multiple(struct ide *d, struct ide_channel *c)
{
    uint8_t n = c->count;
    if (n > IDE_MAX_MULT || (n & (n - 1))) {
        ide_abort(d, c, ER_ABRT);
        return;
    }
    ide_cur(c)->mult = n;
    ide_done(d, c);
}

/* INITIALIZE DEVICE PARAMETERS (ATA-4 8.16; obsolete in ATA-6 but used by BIOSes). */
static void cmd_init_params(struct ide *d, struct ide_channel *c)
{
    struct ide_drive *dr = ide_cur(c);
    if (!c->count) {
        ide_abort(d, c, ER_ABRT);
        return;
    }
    dr->cur_spt = c->count;
    dr->cur_heads = (uint16_t)((c->select & 0x0F) + 1);
    ide_done(d, c);
}

/* SET FEATURES (8.37): transfer mode (03h) and the cache switches. */
static void cmd_set_features(struct ide *d, struct ide_channel *c)
{
    struct ide_drive *dr = ide_cur(c);
    uint8_t mode = c->count;
    switch (c->feature) {
    case 0x03:
        if (mode <= 0x01 || (mode >= 0x08 && mode <= 0x0C) || (mode >= 0x20 && mode <= 0x22) ||
            (mode >= 0x40 && mode <= 0x45)) {
            dr->xfer_mode = mode;
            ide_done(d, c);
            return;
        }
        break;
    case 0x02:
    case 0x82:
    case 0x55:
    case 0xAA:
    case 0x66:
    case 0xCC: ide_done(d, c); return;
    default: break;
    }
    ide_abort(d, c, ER_ABRT);
}

static void cmd_flush(struct ide *d, struct ide_channel *c)
{
    if (blockdev_flush(d->media[ide_cur_index(d, c)]) != 0)
        ide_abort(d, c, ER_ABRT);
    else
        ide_done(d, c);
}

/* READ NATIVE MAX ADDRESS (+EXT, 8.32/8.33): the last LBA in the task file. */
static void cmd_native_max(struct ide *d, struct ide_channel *c, bool ext)
{
    uint64_t max = blockdev_sectors(d->media[ide_cur_index(d, c)]) - 1;
    if (!ext && max > 0x0FFFFFFF)
        max = 0x0FFFFFFF;
    c->lba_low = (uint8_t)max;
    c->lba_mid = (uint8_t)(max >> 8);
    c->lba_high = (uint8_t)(max >> 16);
    if (ext) {
        c->hob_low = (uint8_t)(max >> 24);
        c->hob_mid = (uint8_t)(max >> 32);
        c->hob_high = (uint8_t)(max >> 40);
    } else {
        c->select = (uint8_t)((c->select & 0xF0) | (max >> 24 & 0x0F));
    }
    ide_done(d, c);
}

/* IDLE, STANDBY (+IMMEDIATE), SLEEP, CHECK POWER MODE (8.5, 8.17-8.19, 8.45-8.48). */
static bool power_command(struct ide *d, struct ide_channel *c, uint8_t cmd)
{
    struct ide_drive *dr = ide_cur(c);
    switch (cmd) {
    case 0xE3:
    case 0x97:
    case 0xE1:
    case 0x95: dr->standby = false; break;
    case 0xE2:
    case 0x96:
    case 0xE0:
    case 0x94:
    case 0xE6:
    case 0x99: dr->standby = true; break;
    case 0xE5:
    case 0x98: c->count = dr->standby ? 0x00 : 0xFF; break;
    default: return false;
    }
    ide_done(d, c);
    return true;
}

void ide_ata_command(struct ide *d, struct ide_channel *c, uint8_t cmd)
{
    switch (cmd) {
    case 0xEC: cmd_identify(d, c); return;
    case 0x20:
    case 0x21:
    case 0x24: start_pio(d, c, false, false); return;
    case 0x30:
    case 0x31:
    case 0x34: start_pio(d, c, true, false); return;
    case 0xC4:
    case 0x29: start_pio(d, c, false, true); return;
    case 0xC5:
    case 0x39: start_pio(d, c, true, true); return;
    case 0xC8:
    case 0xC9:
    case 0x25: start_dma(d, c, false); return;
    case 0xCA:
    case 0xCB:
    case 0x35: start_dma(d, c, true); return;
    case 0x40:
    case 0x41:
    case 0x42: cmd_verify(d, c); return;
    case 0xC6: cmd_set_multiple(d, c); return;
    case 0x91: cmd_init_params(d, c); return;
    case 0xEF: cmd_set_features(d, c); return;
    case 0xE7:
    case 0xEA: cmd_flush(d, c); return;
    case 0xF8: cmd_native_max(d, c, false); return;
    case 0x27: cmd_native_max(d, c, true); return;
    default: break;
    }
    if ((cmd & 0xF0) == 0x10 || (cmd & 0xF0) == 0x70) { /* RECALIBRATE, SEEK */
        ide_done(d, c);
        return;
    }
    if (!power_command(d, c, cmd))
        ide_abort(d, c, ER_ABRT); /* unknown, NOP, or a packet command on a disk */
}
