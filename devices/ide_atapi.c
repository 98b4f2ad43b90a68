/*
 * devices/ide_atapi.c - an ATAPI CD-ROM drive (see ide.h): the ATA side
 * (IDENTIFY PACKET DEVICE, PACKET, DEVICE RESET; ATA/ATAPI-6 8.16, 8.21,
 * 8.10 and the packet protocols 9.8-9.9) and the packet commands of
 * SFF-8020i rev 2.6 / MMC-2 (T10/1228D) on a 2048-byte-block ISO image:
 * TEST UNIT READY, REQUEST SENSE, INQUIRY, READ CAPACITY, READ(10/12),
 * SEEK, MODE SENSE(10), START STOP UNIT, PREVENT ALLOW MEDIUM REMOVAL,
 * READ TOC/PMA/ATIP (formats 0 and 1), GET CONFIGURATION, GET EVENT STATUS
 * NOTIFICATION, READ DISC INFORMATION, MECHANISM STATUS and SET CD SPEED.
 *
 * Invariants: a command either moves data (PIO chunks of at most the byte
 * count limit, or bus-master DMA when the PACKET's feature bit 0 asked)
 * and then completes, or completes at once; completion with a sense key
 * held by the drive is CHECK CONDITION (ERR, the key in error bits 7:4);
 * a pending unit attention fails the next command other than INQUIRY,
 * REQUEST SENSE and GET EVENT STATUS NOTIFICATION, once.
 */
#include "ide_internal.h"

#include <string.h>

/* Sense keys and additional sense codes (SPC-2 / MMC-2 annex). */
enum {
    SK_NOT_READY = 0x02,
    SK_MEDIUM_ERROR = 0x03,
    SK_ILLEGAL_REQUEST = 0x05,
    SK_UNIT_ATTENTION = 0x06,
    ASC_UNRECOVERED_READ = 0x11,
    ASC_INVALID_OPCODE = 0x20,
    ASC_LBA_OUT_OF_RANGE = 0x21,
    ASC_INVALID_FIELD = 0x24,
    ASC_MEDIUM_CHANGED = 0x28,
    ASC_SAVING_NOT_SUPPORTED = 0x39,
    ASC_NO_MEDIUM = 0x3A,
    ASC_REMOVAL_PREVENTED = 0x53,
};

static struct blockdev *disc(const struct ide *d, const struct ide_channel *c)
{
    struct ide_drive *dr = ide_cur((struct ide_channel *)c);
    return dr->tray_open ? NULL : d->media[ide_cur_index(d, c)];
}

static uint32_t blocks(const struct ide *d, const struct ide_channel *c)
{
    struct blockdev *b = disc(d, c);
    return b ? (uint32_t)(blockdev_sectors(b) / 4) : 0;
}

static uint32_t be16(const uint8_t *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v >> 16);
    put16(p + 2, v);
}

/* ---- completion ------------------------------------------------------------------------ */

void ide_atapi_finish(struct ide *d, struct ide_channel *c)
{
    struct ide_drive *dr = ide_cur(c);
    uint8_t st = ST_DRDY | ST_DSC;
    c->xfer = X_NONE;
    c->count = IR_IO | IR_COD;
    c->error = 0;
    if (dr->sense_key) {
        c->error = (uint8_t)(dr->sense_key << 4 | ER_ABRT);
        st |= ST_ERR;
    }
    ide_busy(d, c, st, true);
}

/* CHECK CONDITION with sense @key / @asc / @ascq. */
static void fail_q(struct ide *d, struct ide_channel *c, uint8_t key, uint8_t asc, uint8_t ascq)
{
    struct ide_drive *dr = ide_cur(c);
    dr->sense_key = key;
    dr->asc = asc;
    dr->ascq = ascq;
    ide_atapi_finish(d, c);
}

/* CHECK CONDITION with sense @key / @asc, qualifier 00h. */
static void fail(struct ide *d, struct ide_channel *c, uint8_t key, uint8_t asc)
{
    fail_q(d, c, key, asc, 0);
}

/* Offer the next PIO chunk of buf: at most the byte count limit. */
static void next_chunk(struct ide *d, struct ide_channel *c)
{
    uint32_t n = c->buf_len - c->buf_pos;
    if (n > c->byte_limit)
        n = c->byte_limit;
    c->chunk_end = c->buf_pos + n;
    c->lba_mid = (uint8_t)n;
    c->lba_high = (uint8_t)(n >> 8);
    c->count = IR_IO;
    c->xfer = X_ATAPI_IN;
    ide_busy(d, c, ST_DRDY | ST_DSC | ST_DRQ, true);
}

/* The data phase: buf[0, buf_len) then c->left more blocks. */
static void data_in(struct ide *d, struct ide_channel *c)
{
    c->buf_pos = 0;
    if (!c->buf_len && !c->left) {
        ide_atapi_finish(d, c);
        return;
    }
    if (c->feature & 1) { /* DMA */
        c->xfer = X_ATAPI_DMA;
        c->status = ST_DRDY | ST_DSC | ST_DRQ;
        ide_dma_kick(d, c);
        return;
    }
    if (!c->buf_len && !ide_atapi_refill(d, c)) {
        ide_atapi_finish(d, c);
        return;
    }
    next_chunk(d, c);
}

/* Answer @len bytes already in buf, cut to the allocation length @alloc. */
static void reply(struct ide *d, struct ide_channel *c, uint32_t len, uint32_t alloc)
{
    c->buf_len = len < alloc ? len : alloc;
    c->left = 0;
    data_in(d, c);
}

bool ide_atapi_refill(struct ide *d, struct ide_channel *c)
{
    uint32_t n = c->left < IDE_BUF / CD_BLOCK ? c->left : IDE_BUF / CD_BLOCK;
    struct blockdev *b = disc(d, c);
    if (!b || blockdev_read(b, c->lba * 4, c->buf, n * 4) != 0) {
        struct ide_drive *dr = ide_cur(c);
        dr->sense_key = b ? SK_MEDIUM_ERROR : SK_NOT_READY;
        dr->asc = b ? ASC_UNRECOVERED_READ : ASC_NO_MEDIUM;
        dr->ascq = 0;
        c->left = 0;
        return false;
    }
    c->lba += n;
    c->left -= n;
    c->buf_pos = 0;
    c->buf_len = n * CD_BLOCK;
    return true;
}

/* ---- packet commands --------------------------------------------------------------------- */

static void cmd_request_sense(struct ide *d, struct ide_channel *c)
{
    struct ide_drive *dr = ide_cur(c);
    memset(c->buf, 0, 18);
    c->buf[0] = 0x70; /* current error, fixed format */
    c->buf[2] = dr->sense_key;
    c->buf[7] = 10;
    c->buf[12] = dr->asc;
    c->buf[13] = dr->ascq;
    dr->sense_key = dr->asc = dr->ascq = 0;
    reply(d, c, 18, c->packet[4]);
}

static void cmd_inquiry(struct ide *d, struct ide_channel *c)
{
    memset(c->buf, 0, 36);
    c->buf[0] = 0x05; /* CD/DVD device */
    c->buf[1] = 0x80; /* removable */
    c->buf[3] = 0x21; /* ATAPI, response data format 1 */
    c->buf[4] = 31;
    memcpy(c->buf + 8, "TRAP86  ", 8);
    memcpy(c->buf + 16, "CD-ROM          ", 16);
    memcpy(c->buf + 32, "1.0 ", 4);
    reply(d, c, 36, be16(c->packet + 3));
}

static void cmd_read_capacity(struct ide *d, struct ide_channel *c)
{
    put32(c->buf, blocks(d, c) - 1);
    put32(c->buf + 4, CD_BLOCK);
    reply(d, c, 8, 8);
}

/* READ(10) and READ(12) (MMC-2 6.1.x): blocks of 2048 bytes. */
static void cmd_read(struct ide *d, struct ide_channel *c, uint32_t count)
{
    uint32_t lba = be32(c->packet + 2);
    if ((uint64_t)lba + count > blocks(d, c)) {
        fail(d, c, SK_ILLEGAL_REQUEST, ASC_LBA_OUT_OF_RANGE);
        return;
    }
    c->lba = lba;
    c->left = count;
    c->buf_len = 0;
    data_in(d, c);
}

/* Append mode page @page at buf + @at; returns its length (0: not supported). */
static uint32_t mode_page(struct ide_channel *c, const struct ide_drive *dr, unsigned page,
                          uint32_t at)
{
    uint8_t *p = c->buf + at;
    switch (page) {
    case 0x01: /* read error recovery */
        memset(p, 0, 12);
        p[0] = 0x01, p[1] = 0x0A, p[3] = 5;
        return 12;
    case 0x0D: /* CD device parameters */
        memset(p, 0, 8);
        p[0] = 0x0D, p[1] = 0x06, p[5] = 60, p[7] = 75;
        return 8;
    case 0x0E: /* CD audio control */
        memset(p, 0, 16);
        p[0] = 0x0E, p[1] = 0x0E, p[2] = 0x04, p[8] = 1, p[9] = 0xFF, p[10] = 2, p[11] = 0xFF;
        return 16;
    case 0x2A: /* CD capabilities and mechanical status */
        memset(p, 0, 20);
        p[0] = 0x2A, p[1] = 0x12, p[2] = 0x00, p[4] = 0x71;
        p[6] = (uint8_t)(0x29 | (dr->locked ? 0x02 : 0)); /* tray, eject, lock */
        put16(p + 8, 706);                                /* 4x, KB/s */
        put16(p + 10, 256);
        put16(p + 12, 512);
        put16(p + 14, 706);
        return 20;
    default: return 0;
    }
}

static void cmd_mode_sense(struct ide *d, struct ide_channel *c)
{
    static const uint8_t all[] = {0x01, 0x0D, 0x0E, 0x2A};
    unsigned page = c->packet[2] & 0x3F, pc = c->packet[2] >> 6;
    uint32_t len = 8;
    if (pc == 3) {
        fail(d, c, SK_ILLEGAL_REQUEST, ASC_SAVING_NOT_SUPPORTED);
        return;
    }
    memset(c->buf, 0, 8);
    for (unsigned k = 0; k < sizeof(all); k++)
        if (page == 0x3F || page == all[k])
            len += mode_page(c, ide_cur(c), all[k], len);
    if (len == 8) {
        fail(d, c, SK_ILLEGAL_REQUEST, ASC_INVALID_FIELD);
        return;
    }
    put16(c->buf, len - 2);
    c->buf[2] = disc(d, c) ? 0x01 : 0x70; /* 120 mm data CD, or no disc */
    reply(d, c, len, be16(c->packet + 7));
}

/* START STOP UNIT (MMC-2): LoEj with Start clear opens the tray, with Start set closes it. */
static void cmd_start_stop(struct ide *d, struct ide_channel *c)
{
    struct ide_drive *dr = ide_cur(c);
    uint8_t v = c->packet[4];
    if (v & 0x02) {
        if (!(v & 0x01) && dr->locked) {
            /* MMC-2 START STOP UNIT: MEDIUM REMOVAL PREVENTED is 53h/02h (SPC-2 annex D;
             * 53h/00h is MEDIA LOAD OR EJECT FAILED). */
            fail_q(d, c, SK_ILLEGAL_REQUEST, ASC_REMOVAL_PREVENTED, 0x02);
            return;
        }
        bool was_open = dr->tray_open;
        dr->tray_open = !(v & 0x01);
        if (was_open && !dr->tray_open && d->media[ide_cur_index(d, c)])
            dr->media_event = true;
    }
    ide_atapi_finish(d, c);
}

/* One READ TOC address: LBA, or MSF (LBA + 150 frames of 1/75 s). */
static void put_addr(uint8_t *p, uint32_t lba, bool msf)
{
    if (!msf) {
        put32(p, lba);
        return;
    }
    lba += 150;
    p[0] = 0;
    p[1] = (uint8_t)(lba / (75 * 60));
    p[2] = (uint8_t)(lba / 75 % 60);
    p[3] = (uint8_t)(lba % 75);
}

/* READ TOC/PMA/ATIP (MMC-2 6.1.x): format 0 (TOC), format 1 (session info). */
static void cmd_read_toc(struct ide *d, struct ide_channel *c)
{
    bool msf = c->packet[1] & 0x02;
    unsigned format = c->packet[2] & 0x0F, track = c->packet[6];
    uint32_t len = 4;
    if (!format && !c->packet[2])
        format = c->packet[9] >> 6; /* SFF-8020i placed the format in byte 9 */
    if (format > 1 || (format == 0 && track > 1 && track != 0xAA)) {
        fail(d, c, SK_ILLEGAL_REQUEST, ASC_INVALID_FIELD);
        return;
    }
    memset(c->buf, 0, 32);
    c->buf[2] = c->buf[3] = 1;
    if (format == 1) {
        c->buf[5] = 0x14, c->buf[6] = 1;
        put_addr(c->buf + 8, 0, msf);
        len = 12;
    } else {
        if (track <= 1) {
            c->buf[5] = 0x14, c->buf[6] = 1; /* track 1: data, ADR 1 */
            put_addr(c->buf + 8, 0, msf);
            len += 8;
        }
        c->buf[len + 1] = 0x14, c->buf[len + 2] = 0xAA; /* lead-out */
        put_addr(c->buf + len + 4, blocks(d, c), msf);
        len += 8;
    }
    put16(c->buf, len - 2);
    reply(d, c, len, be16(c->packet + 7));
}

/* GET CONFIGURATION (MMC-2 6.1.4): the profile list and the core feature. */
static void cmd_get_configuration(struct ide *d, struct ide_channel *c)
{
    bool media = disc(d, c) != NULL;
    uint8_t *p = c->buf;
    memset(p, 0, 28);
    put32(p, 24);
    put16(p + 6, media ? 0x0008 : 0); /* current profile: CD-ROM */
    p[10] = 0x03, p[11] = 4;          /* feature 0: profile list */
    put16(p + 12, 0x0008);
    p[14] = media;
    put16(p + 16, 0x0001); /* feature 1: core, ATAPI interface */
    p[18] = 0x07, p[19] = 8;
    put32(p + 20, 2);
    reply(d, c, 28, be16(c->packet + 7));
}

/* GET EVENT STATUS NOTIFICATION (MMC-2 6.1.5), polled, media class only. */
static void cmd_event_status(struct ide *d, struct ide_channel *c)
{
    struct ide_drive *dr = ide_cur(c);
    if (!(c->packet[1] & 1)) {
        fail(d, c, SK_ILLEGAL_REQUEST, ASC_INVALID_FIELD);
        return;
    }
    memset(c->buf, 0, 8);
    c->buf[3] = 0x10; /* supported: media */
    if (!(c->packet[4] & 0x10)) {
        c->buf[2] = 0x80; /* no event available */
        reply(d, c, 4, be16(c->packet + 7));
        return;
    }
    c->buf[1] = 6;
    c->buf[2] = 0x04;
    c->buf[4] = dr->media_event ? 0x02 : 0x00; /* new media */
    c->buf[5] = (uint8_t)((disc(d, c) ? 0x02 : 0) | (dr->tray_open ? 0x01 : 0));
    dr->media_event = false;
    reply(d, c, 8, be16(c->packet + 7));
}

static void cmd_disc_info(struct ide *d, struct ide_channel *c)
{
    memset(c->buf, 0, 34);
    c->buf[1] = 32;
    c->buf[2] = 0x0E; /* complete disc, complete last session */
    c->buf[3] = c->buf[4] = c->buf[5] = c->buf[6] = 1;
    put32(c->buf + 16, 0xFFFFFFFF); /* no lead-in / lead-out start times */
    put32(c->buf + 20, 0xFFFFFFFF);
    reply(d, c, 34, be16(c->packet + 7));
}

static void cmd_mechanism_status(struct ide *d, struct ide_channel *c)
{
    memset(c->buf, 0, 8);
    c->buf[1] = ide_cur(c)->tray_open ? 0x10 : 0;
    reply(d, c, 8, be16(c->packet + 8));
}

/* Commands that need a disc in the drive. */
static bool needs_medium(uint8_t op)
{
    switch (op) {
    case 0x00:
    case 0x25:
    case 0x28:
    case 0xA8:
    case 0x2B:
    case 0x43:
    case 0x51: return true;
    default: return false;
    }
}

static void run_packet(struct ide *d, struct ide_channel *c)
{
    struct ide_drive *dr = ide_cur(c);
    uint8_t *p = c->packet, op = p[0];
    c->buf_len = 0;
    c->left = 0;
    if (op != 0x03)
        dr->sense_key = dr->asc = dr->ascq = 0;
    if (dr->unit_attention && op != 0x03 && op != 0x12 && op != 0x4A) {
        dr->unit_attention = false;
        fail(d, c, SK_UNIT_ATTENTION, ASC_MEDIUM_CHANGED);
        return;
    }
    if (needs_medium(op) && !disc(d, c)) {
        fail(d, c, SK_NOT_READY, ASC_NO_MEDIUM);
        return;
    }
    switch (op) {
    case 0x00:
    case 0x2B:
    case 0xBB: ide_atapi_finish(d, c); return;
    case 0x03: cmd_request_sense(d, c); return;
    case 0x12: cmd_inquiry(d, c); return;
    case 0x1B: cmd_start_stop(d, c); return;
    case 0x1E:
        dr->locked = p[4] & 1;
        ide_atapi_finish(d, c);
        return;
    case 0x25: cmd_read_capacity(d, c); return;
    case 0x28: cmd_read(d, c, be16(p + 7)); return;
    case 0xA8: cmd_read(d, c, be32(p + 6)); return;
    case 0x43: cmd_read_toc(d, c); return;
    case 0x46: cmd_get_configuration(d, c); return;
    case 0x4A: cmd_event_status(d, c); return;
    case 0x51: cmd_disc_info(d, c); return;
    case 0x5A: cmd_mode_sense(d, c); return;
    case 0xBD: cmd_mechanism_status(d, c); return;
    default: fail(d, c, SK_ILLEGAL_REQUEST, ASC_INVALID_OPCODE); return;
    }
}

void ide_atapi_chunk_done(struct ide *d, struct ide_channel *c)
{
    if (c->xfer == X_PACKET) {
        memcpy(c->packet, c->buf, sizeof(c->packet));
        run_packet(d, c);
        return;
    }
    if (c->buf_pos < c->buf_len) {
        next_chunk(d, c);
        return;
    }
    if (c->left && ide_atapi_refill(d, c)) {
        next_chunk(d, c);
        return;
    }
    ide_atapi_finish(d, c);
}

/* ---- the ATA side -------------------------------------------------------------------------- */

static void identify_packet(struct ide *d, struct ide_channel *c)
{
    struct ide_drive *dr = ide_cur(c);
    uint16_t w[256];
    char serial[21];
    unsigned n = ide_cur_index(d, c);
    snprintf(serial, sizeof(serial), "T86CD%05u", n);
    memset(w, 0, sizeof(w));
    w[0] = 0x85C0; /* ATAPI, CD-ROM, removable, DRQ within 50 us, 12-byte packets */
    ide_id_string(&w[10], serial, 20);
    ide_id_string(&w[23], "1.0", 8);
    ide_id_string(&w[27], "trap86 CD-ROM", 40);
    w[49] = 0x0B00; /* IORDY, LBA, DMA */
    w[53] = 0x0006;
    w[63] = 0x0007;
    w[64] = 0x0003;
    w[65] = w[66] = w[67] = w[68] = 120;
    w[80] = 0x007E;
    w[82] = 0x4010; /* PACKET feature set */
    w[83] = w[84] = w[87] = 0x4000;
    w[85] = 0x4010;
    w[88] = 0x003F;
    if ((dr->xfer_mode & 0xF8) == 0x20)
        w[63] |= (uint16_t)(0x100 << (dr->xfer_mode & 7));
    else if ((dr->xfer_mode & 0xF8) == 0x40)
        w[88] |= (uint16_t)(0x100 << (dr->xfer_mode & 7));
    for (unsigned k = 0; k < 256; k++) {
        c->buf[2 * k] = (uint8_t)w[k];
        c->buf[2 * k + 1] = (uint8_t)(w[k] >> 8);
    }
    c->buf_pos = 0;
    c->buf_len = 512;
    c->xfer = X_INFO;
    ide_busy(d, c, ST_DRDY | ST_DSC | ST_DRQ, true);
}

/* PACKET (8.21): open the data port for the 12-byte command packet (no INTRQ). */
static void cmd_packet(struct ide *d, struct ide_channel *c)
{
    uint32_t limit = (uint32_t)(c->lba_high << 8 | c->lba_mid);
    /* 0, 1 (even rounding would leave 0: no progress ever) and FFFFh: the largest even count */
    c->byte_limit = (uint16_t)(limit <= 1 || limit == 0xFFFF ? 0xFFFE : limit & ~1u);
    c->buf_pos = 0;
    c->buf_len = sizeof(c->packet);
    c->xfer = X_PACKET;
    c->count = IR_COD;
    c->error = 0;
    c->status = ST_DRDY | ST_DSC | ST_DRQ;
}

static void set_features(struct ide *d, struct ide_channel *c)
{
    if (c->feature == 0x03)
        ide_cur(c)->xfer_mode = c->count;
    ide_done(d, c);
}

void ide_atapi_command(struct ide *d, struct ide_channel *c, uint8_t cmd)
{
    unsigned unit = c->select >> 4 & 1;
    switch (cmd) {
    case 0xA0: cmd_packet(d, c); return;
    case 0xA1: identify_packet(d, c); return;
    case 0x08: /* DEVICE RESET (8.10): signature, no interrupt */
        ide_signature(c, unit, true);
        c->error = 0x01;
        c->xfer = X_NONE;
        c->status = 0;
        return;
    case 0xEF: set_features(d, c); return;
    case 0xE5:
    case 0x98:
        c->count = 0xFF;
        ide_done(d, c);
        return;
    case 0xE0:
    case 0xE1:
    case 0xE2:
    case 0xE3:
    case 0xE7: ide_done(d, c); return;
    case 0xEC: /* IDENTIFY DEVICE: abort with the signature (8.15) */
        ide_signature(c, unit, true);
        ide_abort(d, c, ER_ABRT);
        return;
    default: ide_abort(d, c, ER_ABRT); return;
    }
}
