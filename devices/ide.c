/*
 * devices/ide.c - the IDE channels' registers (see ide.h): the command
 * block (data, error/features, sector count, LBA low/mid/high, device,
 * status/command) and the control block (alternate status / device
 * control), the 16- and 32-bit PIO data port, software reset, INTRQ and
 * the busy timer.  ATA commands are in ide_ata.c, packet commands in
 * ide_atapi.c, bus-master DMA in ide_bmdma.c.
 *
 * Facts from ATA/ATAPI-6 (T13/1410D): 7.1-7.16 (registers; a write to a
 * command block register clears HOB and pushes the old value into the
 * "previous content" read back with HOB set, 7.3.1 / 6.20), 9.2 (software
 * reset and the signatures of 9.12), 5.2.9 (a device 1 absent behind a
 * present device 0: device 0 answers with status 00h).
 *
 * Invariants: reading the status register clears the pending interrupt,
 * the alternate status never does; a channel without drives floats (reads
 * 0xFF); commands written while BSY is set are ignored except DEVICE RESET;
 * selecting the other device drops a command in progress (select_changed).
 */
#include "ide_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DRIVE_FIELD(m) STATE_FIELD(struct ide_drive, m, 1)
static const struct state_desc ide_drive_desc = {
    "drive",
    1,
    sizeof(struct ide_drive),
    (const struct state_field[]){DRIVE_FIELD(kind), DRIVE_FIELD(cyls), DRIVE_FIELD(heads),
                                 DRIVE_FIELD(spt), DRIVE_FIELD(cur_heads), DRIVE_FIELD(cur_spt),
                                 DRIVE_FIELD(mult), DRIVE_FIELD(xfer_mode), DRIVE_FIELD(standby),
                                 DRIVE_FIELD(sense_key), DRIVE_FIELD(asc), DRIVE_FIELD(ascq),
                                 DRIVE_FIELD(unit_attention), DRIVE_FIELD(locked),
                                 DRIVE_FIELD(media_event), DRIVE_FIELD(tray_open)},
    16,
};
#undef DRIVE_FIELD

#define F(m)     STATE_FIELD(struct ide_channel, m, 1)
#define FA(m, n) STATE_FIELD(struct ide_channel, m, n)
static const struct state_field ide_channel_fields[] = {
    STATE_STRUCTS(struct ide_channel, drive, 2, &ide_drive_desc),
    F(feature),
    F(count),
    F(lba_low),
    F(lba_mid),
    F(lba_high),
    F(hob_feature),
    F(hob_count),
    F(hob_low),
    F(hob_mid),
    F(hob_high),
    F(select),
    F(status),
    F(error),
    F(devctl),
    F(cmd),
    F(sig),
    F(next_status),
    F(next_irq),
    F(int_pending),
    F(xfer),
    F(lba),
    F(left),
    F(block),
    F(byte_limit),
    F(buf_pos),
    F(buf_len),
    F(chunk_end),
    FA(packet, 12),
    F(bm_cmd),
    F(bm_status),
    F(bm_prd),
    F(prd_cur),
    F(prd_off),
    F(dma_armed),
    FA(buf, IDE_BUF),
};
#undef F
#undef FA

static const struct state_desc ide_channel_desc = {
    "ch",
    2,
    sizeof(struct ide_channel),
    ide_channel_fields,
    sizeof(ide_channel_fields) / sizeof(ide_channel_fields[0]),
};

const struct state_desc ide_state_desc = {
    "ide",
    1,
    sizeof(struct ide),
    (const struct state_field[]){STATE_STRUCTS(struct ide, ch, IDE_CHANNELS, &ide_channel_desc)},
    1,
};

/* ---- shared helpers ------------------------------------------------------------ */

static unsigned chan_index(const struct ide *d, const struct ide_channel *c)
{
    return (unsigned)(c - d->ch);
}

unsigned ide_cur_index(const struct ide *d, const struct ide_channel *c)
{
    return chan_index(d, c) * 2 + (c->select >> 4 & 1);
}

void ide_update_irq(struct ide *d, struct ide_channel *c)
{
    irq_set(&d->cfg.irq[chan_index(d, c)], c->int_pending && !(c->devctl & DC_NIEN));
}

static void set_int(struct ide *d, struct ide_channel *c, bool level)
{
    c->int_pending = level;
    if (level)
        c->bm_status |= 0x04; /* PIIX3 BMISX bit 2: the drive raised IDEIRQ */
    ide_update_irq(d, c);
}

void ide_busy(struct ide *d, struct ide_channel *c, uint8_t st, bool irq)
{
    unsigned n = chan_index(d, c);
    c->status = ST_BSY;
    c->next_status = st;
    c->next_irq = irq;
    c->dma_armed = false;
    timer_mod(&d->timer[n], clock_now(d->cfg.clock) + IDE_DELAY_NS);
}

void ide_abort(struct ide *d, struct ide_channel *c, uint8_t error)
{
    c->error = error;
    c->xfer = X_NONE;
    ide_busy(d, c, ST_DRDY | ST_DSC | ST_ERR, true);
}

void ide_done(struct ide *d, struct ide_channel *c)
{
    c->error = 0;
    c->xfer = X_NONE;
    ide_busy(d, c, ST_DRDY | ST_DSC, true);
}

void ide_ready_now(struct ide *d, struct ide_channel *c, uint8_t st)
{
    timer_del(&d->timer[chan_index(d, c)]);
    c->dma_armed = false;
    c->status = st;
    set_int(d, c, true);
}

void ide_signature(struct ide_channel *c, unsigned unit, bool atapi)
{
    c->count = c->lba_low = 1;
    c->lba_mid = atapi ? 0x14 : 0;
    c->lba_high = atapi ? 0xEB : 0;
    c->select = (uint8_t)(unit << 4);
}

static void busy_due(struct ide *d, struct ide_channel *c)
{
    if (c->dma_armed) {
        c->dma_armed = false;
        ide_dma_run(d, c);
        return;
    }
    c->status = c->next_status;
    if (c->next_irq)
        set_int(d, c, true);
}

static void busy_due0(void *o)
{
    struct ide *d = o;
    busy_due(d, &d->ch[0]);
}

static void busy_due1(void *o)
{
    struct ide *d = o;
    busy_due(d, &d->ch[1]);
}

/* ---- reset ------------------------------------------------------------------------ */

/* Reset the drives of @c (hardware reset, SRST): signatures, ready status. */
static void reset_channel(struct ide *d, struct ide_channel *c)
{
    unsigned n = chan_index(d, c);
    timer_del(&d->timer[n]);
    c->xfer = X_NONE;
    c->dma_armed = false;
    c->error = 0x01; /* diagnostic passed (9.12) */
    c->feature = c->hob_feature = c->hob_count = c->hob_low = c->hob_mid = c->hob_high = 0;
    ide_signature(c, 0, c->drive[0].kind == KIND_CDROM);
    c->status = c->drive[0].kind == KIND_DISK ? ST_DRDY | ST_DSC : 0;
    for (unsigned u = 0; u < 2; u++) {
        c->drive[u].mult = 0;
        c->drive[u].standby = false;
        c->drive[u].cur_heads = c->drive[u].heads;
        c->drive[u].cur_spt = c->drive[u].spt;
    }
    c->buf_pos = c->buf_len = 0;
    c->sig = true;
    set_int(d, c, false);
    c->bm_status &= (uint8_t)~0x04;
}

void ide_reset(struct ide *d)
{
    for (unsigned n = 0; n < IDE_CHANNELS; n++) {
        struct ide_channel *c = &d->ch[n];
        c->devctl = 0;
        c->bm_cmd = 0;
        c->bm_status &= 0x60; /* drive DMA capable bits survive */
        c->bm_prd = 0;
        reset_channel(d, c);
    }
}

/* ---- the data port ------------------------------------------------------------------ */

static bool data_open(const struct ide_channel *c)
{
    return (c->status & (ST_BSY | ST_DRQ)) == ST_DRQ && c->buf_pos < c->buf_len;
}

/* The end of the block or chunk the data port is moving. */
static uint32_t data_end(const struct ide_channel *c)
{
    if (c->xfer == X_ATAPI_IN && c->chunk_end < c->buf_len)
        return c->chunk_end;
    return c->buf_len;
}

static void data_block_done(struct ide *d, struct ide_channel *c)
{
    switch (c->xfer) {
    case X_PIO_IN:
    case X_PIO_OUT: ide_ata_block_done(d, c); break;
    case X_PACKET:
    case X_ATAPI_IN: ide_atapi_chunk_done(d, c); break;
    default: /* X_INFO: IDENTIFY read out */
        c->xfer = X_NONE;
        c->status = ST_DRDY | ST_DSC;
        break;
    }
}

static uint32_t data_read(struct ide *d, struct ide_channel *c, unsigned size)
{
    if (!data_open(c) || c->xfer == X_PIO_OUT || c->xfer == X_PACKET)
        return size == 4 ? 0xFFFFFFFFu : 0xFFFF;
    uint32_t v = 0, end = data_end(c);
    for (unsigned k = 0; k < size && c->buf_pos < end; k++)
        v |= (uint32_t)c->buf[c->buf_pos++] << (8 * k);
    if (c->buf_pos >= end)
        data_block_done(d, c);
    return v;
}

static void data_write(struct ide *d, struct ide_channel *c, uint32_t v, unsigned size)
{
    if (!data_open(c) || (c->xfer != X_PIO_OUT && c->xfer != X_PACKET))
        return;
    for (unsigned k = 0; k < size && c->buf_pos < c->buf_len; k++)
        c->buf[c->buf_pos++] = (uint8_t)(v >> (8 * k));
    if (c->buf_pos >= c->buf_len)
        data_block_done(d, c);
}

/* ---- command block ----------------------------------------------------------------- */

static bool channel_empty(const struct ide_channel *c)
{
    return c->drive[0].kind == KIND_NONE && c->drive[1].kind == KIND_NONE;
}

static uint8_t read_status(struct ide *d, struct ide_channel *c, bool clear)
{
    if (ide_cur(c)->kind == KIND_NONE)
        return 0; /* 5.2.9: device 0 answers for an absent device 1 */
    if (clear && c->int_pending)
        set_int(d, c, false);
    return c->status;
}

static uint8_t read_reg(struct ide *d, struct ide_channel *c, unsigned reg)
{
    bool hob = c->devctl & DC_HOB;
    /*
     * An absent device 1 (its partner present): device 0 answers status
     * reads with 00h (read_status); the cylinder registers read FFh, the
     * "no device" signature BIOSes test for after a reset (the Bochs BIOS
     * would otherwise take device 0's ATAPI signature for a second CD-ROM
     * and wait for it forever; QEMU reads FFh there too).
     */
    if ((reg == 4 || reg == 5) && ide_cur(c)->kind == KIND_NONE)
        return 0xFF;
    switch (reg) {
    case 1: return hob ? c->hob_feature : c->error;
    case 2: return hob ? c->hob_count : c->count;
    case 3: return hob ? c->hob_low : c->lba_low;
    case 4: return hob ? c->hob_mid : c->lba_mid;
    case 5: return hob ? c->hob_high : c->lba_high;
    case 6: return c->select | 0xA0;
    case 7: return read_status(d, c, true);
    default: return 0xFF; /* a byte of the 16-bit Data register: not the status (no INTRQ ack) */
    }
}

static void push(uint8_t *cur, uint8_t *hob, uint8_t v)
{
    *hob = *cur;
    *cur = v;
}

static void command(struct ide *d, struct ide_channel *c, uint8_t v)
{
    struct ide_drive *dr = ide_cur(c);
    if (dr->kind == KIND_NONE && v != 0x90)
        return; /* nobody there to execute it */
    if ((c->status & ST_BSY) && v != 0x08)
        return;
    set_int(d, c, false);
    c->cmd = v;
    if (v == 0x90) { /* EXECUTE DEVICE DIAGNOSTIC (8.11): both devices */
        reset_channel(d, c);
        ide_busy(d, c, c->status, true);
        return;
    }
    if (dr->kind == KIND_CDROM)
        ide_atapi_command(d, c, v);
    else
        ide_ata_command(d, c, v);
}

/*
 * The DEV bit changed.  ATA/ATAPI-6 7.10 (Device register): the host
 * writes it only with BSY and DRQ clear, else the result is indeterminate; here a
 * command in progress is dropped, so that its transfer never reaches the
 * other drive's image (or a missing one).  9.12: after a reset each
 * device holds its own signature; as long as no register was written the
 * newly selected device shows its own, and its own reset status.
 */
static void select_changed(struct ide *d, struct ide_channel *c)
{
    const struct ide_drive *dr = ide_cur(c);
    if (c->devctl & DC_SRST)
        return;
    if ((c->status & (ST_BSY | ST_DRQ)) || c->xfer != X_NONE || c->dma_armed) {
        timer_del(&d->timer[chan_index(d, c)]);
        c->xfer = X_NONE;
        c->dma_armed = false;
        c->buf_pos = c->buf_len = 0;
        c->status = dr->kind == KIND_NONE ? 0 : ST_DRDY | ST_DSC;
    } else if (c->sig && dr->kind != KIND_NONE) {
        uint8_t sel = c->select;
        ide_signature(c, sel >> 4 & 1, dr->kind == KIND_CDROM);
        c->select = sel;
        c->status = dr->kind == KIND_DISK ? ST_DRDY | ST_DSC : 0;
    }
}

static void write_reg(struct ide *d, struct ide_channel *c, unsigned reg, uint8_t v)
{
    c->devctl &= (uint8_t)~DC_HOB; /* 7.8: a write to any command block register, Command too */
    if (reg != 6)
        c->sig = false;
    switch (reg) {
    case 1: push(&c->feature, &c->hob_feature, v); break;
    case 2: push(&c->count, &c->hob_count, v); break;
    case 3: push(&c->lba_low, &c->hob_low, v); break;
    case 4: push(&c->lba_mid, &c->hob_mid, v); break;
    case 5: push(&c->lba_high, &c->hob_high, v); break;
    case 6: {
        uint8_t old = c->select;
        c->select = v & 0x5F;
        if ((old ^ c->select) & DEV_DEV)
            select_changed(d, c);
        break;
    }
    case 7: command(d, c, v); break;
    default: break;
    }
}

/* Region opaque: the controller and a channel number (wiring). */
static struct ide_channel *port_chan(void *opaque, struct ide **d)
{
    struct ide_port *p = opaque;
    *d = p->ide;
    return &p->ide->ch[p->n];
}

static uint32_t cmd_read(void *opaque, uint32_t offset, unsigned size)
{
    struct ide *d;
    struct ide_channel *c = port_chan(opaque, &d);
    if (offset == 0 && size > 1)
        return data_read(d, c, size);
    if (channel_empty(c))
        return size == 4 ? 0xFFFFFFFFu : (1u << (8 * size)) - 1;
    uint32_t v = 0;
    for (unsigned k = 0; k < size; k++)
        v |= (uint32_t)read_reg(d, c, (offset + k) & 7) << (8 * k);
    return v;
}

static void cmd_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct ide *d;
    struct ide_channel *c = port_chan(opaque, &d);
    if (offset == 0 && size > 1) {
        data_write(d, c, val, size);
        return;
    }
    for (unsigned k = 0; k < size; k++)
        write_reg(d, c, (offset + k) & 7, (uint8_t)(val >> (8 * k)));
}

/* ---- control block ------------------------------------------------------------------ */

static uint32_t ctl_read(void *opaque, uint32_t offset, unsigned size)
{
    struct ide *d;
    struct ide_channel *c = port_chan(opaque, &d);
    return channel_empty(c) ? 0xFF : read_status(d, c, false);
}

/* Device control (7.8): SRST 1 -> 0 ends a software reset (9.2). */
static void ctl_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct ide *d;
    struct ide_channel *c = port_chan(opaque, &d);
    uint8_t old = c->devctl;
    c->devctl = (uint8_t)val & (DC_NIEN | DC_SRST | DC_HOB);
    if (c->devctl & DC_SRST) {
        if (!(old & DC_SRST)) {
            reset_channel(d, c);
            c->status = ST_BSY;
        }
    } else if (old & DC_SRST) {
        reset_channel(d, c);
    }
    ide_update_irq(d, c);
}

static const struct bus_ops cmd_ops = {cmd_read, cmd_write, 1, 4};
static const struct bus_ops ctl_ops = {ctl_read, ctl_write, 1, 1};

/* ---- drives and lifetime ------------------------------------------------------------ */

static struct ide_drive *drive_at(struct ide *d, unsigned n)
{
    return &d->ch[n / 2].drive[n % 2];
}

/* The default CHS translation reported in IDENTIFY words 1, 3 and 6
 * (ATA-6 6.2.1: 16 heads, 63 sectors per track, at most 16383 cylinders). */
static void set_geometry(struct ide_drive *dr, uint64_t sectors)
{
    uint64_t cyls = sectors / (16 * 63);
    dr->heads = 16;
    dr->spt = 63;
    dr->cyls = (uint16_t)(cyls > 16383 ? 16383 : cyls ? cyls : 1);
    dr->cur_heads = dr->heads;
    dr->cur_spt = dr->spt;
}

int ide_attach_disk(struct ide *d, unsigned n, struct blockdev *media, char *err, size_t errlen)
{
    if (n >= IDE_DRIVES || drive_at(d, n)->kind != KIND_NONE || !media) {
        snprintf(err, errlen, "IDE drive %u is not free", n);
        return -1;
    }
    struct ide_drive *dr = drive_at(d, n);
    memset(dr, 0, sizeof(*dr));
    dr->kind = KIND_DISK;
    set_geometry(dr, blockdev_sectors(media));
    d->media[n] = media;
    d->ch[n / 2].bm_status |= (uint8_t)(0x20 << (n % 2)); /* drive DMA capable */
    reset_channel(d, &d->ch[n / 2]);
    return 0;
}

int ide_attach_cdrom(struct ide *d, unsigned n, struct blockdev *media, char *err, size_t errlen)
{
    if (n >= IDE_DRIVES || drive_at(d, n)->kind != KIND_NONE) {
        snprintf(err, errlen, "IDE drive %u is not free", n);
        return -1;
    }
    if (media && blockdev_sectors(media) % 4) {
        snprintf(err, errlen, "a CD image must be a whole number of 2048-byte blocks");
        return -1;
    }
    struct ide_drive *dr = drive_at(d, n);
    memset(dr, 0, sizeof(*dr));
    dr->kind = KIND_CDROM;
    d->media[n] = media;
    d->ch[n / 2].bm_status |= (uint8_t)(0x20 << (n % 2));
    reset_channel(d, &d->ch[n / 2]);
    return 0;
}

int ide_cd_change(struct ide *d, unsigned n, struct blockdev *media, bool force, char *err,
                  size_t errlen)
{
    if (n >= IDE_DRIVES || drive_at(d, n)->kind != KIND_CDROM) {
        snprintf(err, errlen, "IDE drive %u is not a CD-ROM", n);
        return -1;
    }
    struct ide_drive *dr = drive_at(d, n);
    if (dr->locked && !force) {
        snprintf(err, errlen, "the guest locked the CD-ROM tray (use -f)");
        return -1;
    }
    if (media && blockdev_sectors(media) % 4) {
        snprintf(err, errlen, "a CD image must be a whole number of 2048-byte blocks");
        return -1;
    }
    d->media[n] = media;
    dr->unit_attention = true;
    dr->media_event = true;
    dr->locked = false;
    dr->tray_open = false;
    return 0;
}

struct blockdev *ide_media(const struct ide *d, unsigned n)
{
    return n < IDE_DRIVES ? d->media[n] : NULL;
}

bool ide_is_cdrom(const struct ide *d, unsigned n)
{
    return n < IDE_DRIVES && d->ch[n / 2].drive[n % 2].kind == KIND_CDROM;
}

void ide_dump(const struct ide *d, FILE *out)
{
    static const char *kinds[] = {"none", "disk", "cdrom"};
    for (unsigned n = 0; n < IDE_CHANNELS; n++) {
        const struct ide_channel *c = &d->ch[n];
        fprintf(out,
                "ide%u: status=%02x error=%02x count=%02x lba=%02x%02x%02x dev=%02x ctl=%02x "
                "cmd=%02x int=%d bm_cmd=%02x bm_status=%02x prd=%08x\n",
                n, c->status, c->error, c->count, c->lba_high, c->lba_mid, c->lba_low, c->select,
                c->devctl, c->cmd, c->int_pending, c->bm_cmd, c->bm_status, c->bm_prd);
        for (unsigned u = 0; u < 2; u++) {
            const struct ide_drive *dr = &c->drive[u];
            if (dr->kind == KIND_NONE)
                continue;
            fprintf(out, "  drive %u: %s, %llu sectors%s, mult=%u mode=%02x\n", n * 2 + u,
                    kinds[dr->kind],
                    (unsigned long long)(d->media[n * 2 + u] ? blockdev_sectors(d->media[n * 2 + u])
                                                             : 0),
                    d->media[n * 2 + u] && blockdev_readonly(d->media[n * 2 + u]) ? " (read-only)"
                                                                                  : "",
                    dr->mult, dr->xfer_mode);
        }
    }
}

struct ide *ide_create(const struct ide_config *cfg)
{
    static const uint16_t base[IDE_CHANNELS] = {IDE_PRIMARY_PORT, IDE_SECONDARY_PORT};
    static const uint16_t ctl[IDE_CHANNELS] = {IDE_PRIMARY_CTL, IDE_SECONDARY_CTL};
    static const char *names[IDE_CHANNELS][2] = {{"ide0", "ide0-ctl"}, {"ide1", "ide1-ctl"}};
    struct ide *d = calloc(1, sizeof(*d));
    if (!d)
        return NULL;
    d->cfg = *cfg;
    timer_init(&d->timer[0], cfg->clock, busy_due0, d);
    timer_init(&d->timer[1], cfg->clock, busy_due1, d);
    for (unsigned n = 0; n < IDE_CHANNELS; n++) {
        d->port[n] = (struct ide_port){d, n};
        if (bus_map(cfg->io, names[n][0], base[n], 8, &cmd_ops, &d->port[n]) < 0 ||
            bus_map(cfg->io, names[n][1], ctl[n], 1, &ctl_ops, &d->port[n]) < 0) {
            ide_destroy(d);
            return NULL;
        }
    }
    ide_reset(d);
    return d;
}

void ide_destroy(struct ide *d)
{
    if (!d)
        return;
    timer_destroy(&d->timer[0]);
    timer_destroy(&d->timer[1]);
    free(d);
}
