/*
 * devices/fdc.c - the 82077AA's registers, phases, resets, interrupt and
 * the commands that do not move data (see fdc.h; the data commands are in
 * fdc_data.c).  Facts from the Intel 82077AA CHMOS Single-Chip Floppy Disk
 * Controller datasheet (order no. 290166): "Register Description" (SRA,
 * SRB, DOR, TDR, MSR, DSR, FIFO, DIR, CCR), "Reset", "Command Set" /
 * "Command Description" and "Status Register 0..3".
 *
 * Invariants: every command byte is accepted only in the command phase
 * (RQM set, DIO clear); a command's handler runs once all its bytes are in;
 * an unknown first byte is answered at once with ST0 = 0x80 (invalid); the
 * INT line follows int_pending gated by DOR bit 3 and changes only through
 * fdc_update_irq.
 */
#include "fdc_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DRIVE_FIELD(m) STATE_FIELD(struct fdc_drive, m, 1)
static const struct state_desc fdc_drive_desc = {
    "drive",
    1,
    sizeof(struct fdc_drive),
    (const struct state_field[]){DRIVE_FIELD(pcn), DRIVE_FIELD(id_index), DRIVE_FIELD(changed),
                                 DRIVE_FIELD(busy), DRIVE_FIELD(int_pending), DRIVE_FIELD(st0)},
    6,
};
#undef DRIVE_FIELD

#define F(m)     STATE_FIELD(struct fdc, m, 1)
#define FA(m, n) STATE_FIELD(struct fdc, m, n)
static const struct state_field fdc_fields[] = {
    STATE_STRUCTS(struct fdc, drive, FDC_DRIVES, &fdc_drive_desc),
    F(dor),
    F(tdr),
    F(dsr),
    F(rate),
    F(phase),
    F(int_pending),
    FA(cmd, 9),
    F(cmd_len),
    F(cmd_pos),
    FA(res, 10),
    F(res_len),
    F(res_pos),
    F(res_int),
    FA(specify, 2),
    F(config),
    F(pretrk),
    F(perp),
    F(last_eot),
    F(lock),
    F(op),
    F(drv),
    F(hds),
    F(c),
    F(h),
    F(r),
    F(n),
    F(eot),
    F(mt),
    F(fill),
    F(sc),
    F(fmt_done),
    F(st0),
    F(st1),
    F(st2),
    F(pio_ready),
    F(buf_pos),
    F(buf_len),
    FA(buf, FDC_SECTOR),
};
#undef F
#undef FA

const struct state_desc fdc_state_desc = {
    "fdc", 1, sizeof(struct fdc), fdc_fields, sizeof(fdc_fields) / sizeof(fdc_fields[0]),
};

/* ---- shared helpers ------------------------------------------------------------ */

void fdc_update_irq(struct fdc *f)
{
    irq_set(&f->cfg.irq, f->int_pending && (f->dor & DOR_DMAEN));
}

void fdc_set_int(struct fdc *f, bool level)
{
    f->int_pending = level;
    fdc_update_irq(f);
}

static void raise_int(struct fdc *f)
{
    fdc_set_int(f, true);
}

static void lower_int(struct fdc *f)
{
    fdc_set_int(f, false);
}

void fdc_result(struct fdc *f, const uint8_t *res, unsigned n, bool irq)
{
    memcpy(f->res, res, n);
    f->res_len = (uint8_t)n;
    f->res_pos = 0;
    f->phase = PH_RESULT;
    f->op = OP_NONE;
    f->pio_ready = false;
    f->res_int = irq;
    if (irq)
        raise_int(f);
}

void fdc_move_head(struct fdc *f, unsigned drive, uint8_t cyl)
{
    struct fdc_drive *d = &f->drive[drive];
    if (d->pcn != cyl && f->media[drive]) /* the step pulse resets DSKCHG */
        d->changed = false;
    d->pcn = cyl;
}

bool fdc_pio(const struct fdc *f)
{
    return f->specify[1] & 1;
}

static void command_phase(struct fdc *f)
{
    f->phase = PH_COMMAND;
    f->cmd_pos = f->cmd_len = 0;
}

static uint64_t deadline(struct fdc *f)
{
    return clock_now(f->cfg.clock) + FDC_DELAY_NS;
}

/* ---- reset ------------------------------------------------------------------------ */

/* Enter reset ("Reset": DOR or DSR): stop everything; CONFIGURE's EFIFO,
 * FIFOTHR and PRETRK survive only when LOCKed. */
static void enter_reset(struct fdc *f)
{
    timer_del(&f->timer);
    timer_del(&f->reset_timer);
    for (unsigned d = 0; d < FDC_DRIVES; d++) {
        timer_del(&f->seek_timer[d]);
        f->drive[d].busy = f->drive[d].int_pending = false;
    }
    f->phase = PH_RESET;
    f->op = OP_NONE;
    f->pio_ready = false;
    f->cmd_pos = f->cmd_len = f->res_len = f->res_pos = 0;
    f->perp &= 0x3C; /* "Perpendicular Mode": a reset clears GAP and WGATE */
    if (f->lock) {
        f->config &= CONF_EFIFO | 0x0F; /* EIS and POLL return to their defaults */
    } else {
        f->config = CONF_DEFAULT;
        f->pretrk = 0;
    }
    lower_int(f);
}

/* Leave reset: accept commands; the drive polling then interrupts. */
static void leave_reset(struct fdc *f)
{
    command_phase(f);
    timer_mod(&f->reset_timer, deadline(f));
}

/* The post-reset poll: one "ready changed" status per drive for the four
 * SENSE INTERRUPT STATUS commands the datasheet's "Reset" requires. */
static void reset_done(void *opaque)
{
    struct fdc *f = opaque;
    for (unsigned d = 0; d < FDC_DRIVES; d++) {
        f->drive[d].int_pending = true;
        f->drive[d].st0 = (uint8_t)(ST0_READY_CHANGED | d);
    }
    raise_int(f);
}

static void exec_due(void *opaque)
{
    struct fdc *f = opaque;
    if (f->phase == PH_EXEC)
        fdc_exec_due(f);
}

/* ---- seeks -------------------------------------------------------------------------- */

static void seek_due(struct fdc *f, unsigned d)
{
    f->drive[d].int_pending = true;
    raise_int(f);
}

static void seek_due0(void *o)
{
    seek_due(o, 0);
}
static void seek_due1(void *o)
{
    seek_due(o, 1);
}
static void seek_due2(void *o)
{
    seek_due(o, 2);
}
static void seek_due3(void *o)
{
    seek_due(o, 3);
}

/* Start a head move of drive @d to @cyl; it completes (SE) after the delay.
 * @ok false: the drive never reported track 0 (equipment check). */
static void start_seek(struct fdc *f, unsigned d, unsigned head, uint8_t cyl, bool ok)
{
    if (ok)
        fdc_move_head(f, d, cyl);
    f->drive[d].st0 = (uint8_t)(ST0_SE | head << 2 | d | (ok ? 0 : ST0_ABNORMAL | ST0_EC));
    f->drive[d].busy = true;
    f->drive[d].int_pending = false;
    timer_mod(&f->seek_timer[d], deadline(f));
    command_phase(f);
}

/* SEEK, and RELATIVE SEEK (bit 7 RS, bit 6 DIR: 1 = toward higher tracks). */
static void cmd_seek(struct fdc *f)
{
    unsigned d = f->cmd[1] & 3, head = f->cmd[1] >> 2 & 1, cyl = f->cmd[2];
    if (f->cmd[0] & 0x80) {
        unsigned pcn = f->drive[d].pcn;
        cyl = f->cmd[0] & 0x40 ? pcn + cyl : (pcn > cyl ? pcn - cyl : 0);
        cyl = cyl > 255 ? 255 : cyl;
    }
    start_seek(f, d, head, (uint8_t)cyl, true);
}

static void cmd_recalibrate(struct fdc *f)
{
    unsigned d = f->cmd[1] & 3;
    start_seek(f, d, 0, 0, d < f->cfg.drives);
}

/* SENSE INTERRUPT STATUS: the lowest drive with a pending status, else invalid. */
static void cmd_sense_int(struct fdc *f)
{
    lower_int(f);
    for (unsigned d = 0; d < FDC_DRIVES; d++) {
        struct fdc_drive *dr = &f->drive[d];
        if (!dr->int_pending)
            continue;
        dr->int_pending = dr->busy = false;
        fdc_result(f, (uint8_t[]){dr->st0, dr->pcn}, 2, false);
        return;
    }
    fdc_result(f, (uint8_t[]){ST0_INVALID}, 1, false);
}

/* ---- commands without data ------------------------------------------------------------ */

static void cmd_specify(struct fdc *f)
{
    f->specify[0] = f->cmd[1];
    f->specify[1] = f->cmd[2];
    command_phase(f);
}

/* SENSE DRIVE STATUS: ST3 (RDY and TS always set on the 82077AA). */
static void cmd_sense_drive(struct fdc *f)
{
    unsigned d = f->cmd[1] & 3, head = f->cmd[1] >> 2 & 1;
    bool wp = !f->media[d] || blockdev_readonly(f->media[d]);
    uint8_t st3 = (uint8_t)(ST3_RDY | ST3_TS | head << 2 | d);
    st3 |= (uint8_t)((wp ? ST3_WP : 0) | (f->drive[d].pcn == 0 ? ST3_T0 : 0));
    fdc_result(f, &st3, 1, false);
}

static void cmd_version(struct fdc *f)
{
    fdc_result(f, (uint8_t[]){0x90}, 1, false);
}

static void cmd_configure(struct fdc *f)
{
    f->config = f->cmd[2] & 0x7F;
    f->pretrk = f->cmd[3];
    command_phase(f);
}

static void cmd_lock(struct fdc *f)
{
    f->lock = f->cmd[0] >> 7;
    fdc_result(f, (uint8_t[]){(uint8_t)(f->lock << 4)}, 1, false);
}

/* PERPENDICULAR MODE: OW (bit 7) allows D3-D0 to change; GAP, WGATE always. */
static void cmd_perpendicular(struct fdc *f)
{
    uint8_t v = f->cmd[1];
    uint8_t drives = v & 0x80 ? v & 0x3C : f->perp & 0x3C;
    f->perp = (uint8_t)(drives | (v & 3));
    command_phase(f);
}

static void cmd_dumpreg(struct fdc *f)
{
    uint8_t r[10] = {
        f->drive[0].pcn, f->drive[1].pcn, f->drive[2].pcn, f->drive[3].pcn,
        f->specify[0],   f->specify[1],   f->last_eot,     (uint8_t)(f->lock << 7 | f->perp),
        f->config,       f->pretrk};
    fdc_result(f, r, 10, false);
}

/* The command set ("Command Set"): first byte & mask == opcode. */
struct fdc_cmd {
    uint8_t opcode, mask, len;
    void (*run)(struct fdc *f);
};

static const struct fdc_cmd commands[] = {
    {0x06, 0x1F, 9, fdc_cmd_read},    {0x05, 0x3F, 9, fdc_cmd_write},
    {0x0A, 0xBF, 2, fdc_cmd_read_id}, {0x0D, 0xBF, 6, fdc_cmd_format},
    {0x03, 0xFF, 3, cmd_specify},     {0x04, 0xFF, 2, cmd_sense_drive},
    {0x07, 0xFF, 2, cmd_recalibrate}, {0x08, 0xFF, 1, cmd_sense_int},
    {0x0F, 0x3F, 3, cmd_seek},        {0x10, 0xFF, 1, cmd_version},
    {0x13, 0xFF, 4, cmd_configure},   {0x14, 0x7F, 1, cmd_lock},
    {0x0E, 0xFF, 1, cmd_dumpreg},     {0x12, 0xFF, 2, cmd_perpendicular},
};

static const struct fdc_cmd *find_command(uint8_t b)
{
    for (size_t k = 0; k < sizeof(commands) / sizeof(commands[0]); k++)
        if ((b & commands[k].mask) == commands[k].opcode)
            return &commands[k];
    return NULL;
}

/* A byte written to the FIFO in the command phase. */
static void command_byte(struct fdc *f, uint8_t v)
{
    if (f->cmd_pos == 0) {
        const struct fdc_cmd *c = find_command(v);
        if (!c) {
            fdc_result(f, (uint8_t[]){ST0_INVALID}, 1, false);
            return;
        }
        f->cmd_len = c->len;
    }
    f->cmd[f->cmd_pos++] = v;
    if (f->cmd_pos == f->cmd_len)
        find_command(f->cmd[0])->run(f);
}

/* ---- registers ------------------------------------------------------------------------- */

static uint8_t read_msr(const struct fdc *f)
{
    uint8_t busy = 0;
    for (unsigned d = 0; d < FDC_DRIVES; d++)
        busy |= (uint8_t)(f->drive[d].busy << d);
    switch (f->phase) {
    case PH_COMMAND: return (uint8_t)(busy | MSR_RQM | (f->cmd_pos ? MSR_CB : 0));
    case PH_RESULT: return (uint8_t)(busy | MSR_RQM | MSR_DIO | MSR_CB);
    case PH_EXEC: break;
    default: return 0;
    }
    uint8_t v = (uint8_t)(busy | MSR_CB | (fdc_pio(f) ? MSR_NDMA : 0));
    if (f->pio_ready)
        v |= (uint8_t)(MSR_RQM | (f->op == OP_READ ? MSR_DIO : 0));
    return v;
}

static uint8_t read_fifo(struct fdc *f)
{
    if (f->phase == PH_EXEC && f->pio_ready)
        return fdc_pio_read(f);
    if (f->phase != PH_RESULT)
        return 0xFF;
    if (f->res_pos == 0 && f->res_int)
        lower_int(f); /* reading the result of a command that interrupted clears INT */
    uint8_t v = f->res[f->res_pos++];
    if (f->res_pos >= f->res_len)
        command_phase(f);
    return v;
}

static void write_fifo(struct fdc *f, uint8_t v)
{
    if (f->phase == PH_EXEC && f->pio_ready)
        fdc_pio_write(f, v);
    else if (f->phase == PH_COMMAND)
        command_byte(f, v);
}

/* SRA and SRB as in PS/2 mode ("Status Register A/B"). */
static uint8_t read_sra(const struct fdc *f)
{
    unsigned d = f->dor & 3;
    bool wp = !f->media[d] || blockdev_readonly(f->media[d]);
    return (uint8_t)((f->int_pending ? 0x80 : 0) | (f->cfg.drives >= 2 ? 0 : 0x40) |
                     (f->drive[d].pcn ? 0x10 : 0) | (wp ? 0 : 0x02));
}

static uint8_t read_srb(const struct fdc *f)
{
    return (uint8_t)(0xC0 | (f->dor & 1) << 5 | (f->dor >> 4 & 3));
}

/* DIR bit 7: the selected drive's DSKCHG (set while no disk is in). */
static uint8_t read_dir(const struct fdc *f)
{
    unsigned d = f->dor & 3;
    return f->drive[d].changed || !f->media[d] ? 0x80 : 0x00;
}

static void write_dor(struct fdc *f, uint8_t v)
{
    uint8_t old = f->dor;
    f->dor = v;
    if (!(v & DOR_NRESET) && f->phase != PH_RESET)
        enter_reset(f);
    else if ((v & DOR_NRESET) && !(old & DOR_NRESET))
        leave_reset(f);
    fdc_update_irq(f);
}

/* DSR: bit 7 software reset (self-clearing), bits 4-2 precompensation,
 * bits 1-0 data rate (shared with CCR). */
static void write_dsr(struct fdc *f, uint8_t v)
{
    f->dsr = v & 0x7F;
    f->rate = v & 3;
    if ((v & 0x80) && (f->dor & DOR_NRESET)) {
        enter_reset(f);
        leave_reset(f);
    }
}

static uint32_t fdc_read(void *opaque, uint32_t offset, unsigned size)
{
    struct fdc *f = opaque;
    switch (offset) {
    case 0: return read_sra(f);
    case 1: return read_srb(f);
    case 2: return f->dor;
    case 3: return f->tdr;
    case 4: return read_msr(f);
    case 5: return read_fifo(f);
    default: return 0xFF;
    }
}

static void fdc_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct fdc *f = opaque;
    uint8_t v = (uint8_t)val;
    switch (offset) {
    case 2: write_dor(f, v); break;
    case 3: f->tdr = v & 3; break;
    case 4: write_dsr(f, v); break;
    case 5: write_fifo(f, v); break;
    default: break; /* SRA, SRB are read-only */
    }
}

static uint32_t fdc_dir_read(void *opaque, uint32_t offset, unsigned size)
{
    return read_dir(opaque);
}

/* CCR: the data rate bits only. */
static void fdc_ccr_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    ((struct fdc *)opaque)->rate = val & 3;
}

static const struct bus_ops fdc_ops = {fdc_read, fdc_write, 1, 1};
static const struct bus_ops fdc_dir_ops = {fdc_dir_read, fdc_ccr_write, 1, 1};

/* ---- media and lifetime -------------------------------------------------------------- */

int fdc_insert(struct fdc *f, unsigned drive, struct blockdev *media, char *err, size_t errlen)
{
    if (drive >= f->cfg.drives) {
        snprintf(err, errlen, "floppy drive %u is not connected", drive);
        return -1;
    }
    const struct floppy_geometry *g = blockdev_floppy_geometry(media, err, errlen);
    if (!g)
        return -1;
    f->media[drive] = media;
    f->geo[drive] = g;
    f->drive[drive].changed = true;
    f->drive[drive].id_index = 0;
    return 0;
}

void fdc_eject(struct fdc *f, unsigned drive)
{
    if (drive >= FDC_DRIVES)
        return;
    f->media[drive] = NULL;
    f->geo[drive] = NULL;
    f->drive[drive].changed = true;
}

struct blockdev *fdc_media(const struct fdc *f, unsigned drive)
{
    return drive < FDC_DRIVES ? f->media[drive] : NULL;
}

/*
 * The data rate after a hardware reset: trap86's choice is the rate the
 * disk in drive 0 was recorded at (500 kb/s with no disk), as if a BIOS had
 * sensed it.  SeaBIOS and DOS program the rate before every transfer; the
 * Bochs BIOS never does (Bochs's controller ignores the rate), so this is
 * what lets it read a 720K or 2.88M boot disk.
 */
static uint8_t power_on_rate(const struct fdc *f)
{
    unsigned kbps = f->geo[0] ? f->geo[0]->rate_kbps : 500;
    return kbps == 250 ? 2 : kbps == 1000 ? 3 : 0;
}

void fdc_reset(struct fdc *f)
{
    f->lock = false;
    f->dor = 0;
    enter_reset(f);
    f->tdr = f->dsr = 0;
    f->rate = power_on_rate(f);
    f->perp = 0;
    f->last_eot = 0;
    memset(f->specify, 0, sizeof(f->specify));
    for (unsigned d = 0; d < FDC_DRIVES; d++)
        f->drive[d].pcn = 0;
}

struct fdc *fdc_create(const struct fdc_config *cfg)
{
    static const timer_fn seek_fns[FDC_DRIVES] = {seek_due0, seek_due1, seek_due2, seek_due3};
    struct fdc *f = calloc(1, sizeof(*f));
    if (!f)
        return NULL;
    f->cfg = *cfg;
    if (f->cfg.drives < 1 || f->cfg.drives > FDC_DRIVES)
        f->cfg.drives = 2;
    timer_init(&f->timer, cfg->clock, exec_due, f);
    timer_init(&f->reset_timer, cfg->clock, reset_done, f);
    for (unsigned d = 0; d < FDC_DRIVES; d++) {
        timer_init(&f->seek_timer[d], cfg->clock, seek_fns[d], f);
        f->drive[d].changed = true;
    }
    fdc_reset(f);
    if (bus_map(cfg->io, "fdc", cfg->port, 6, &fdc_ops, f) < 0 ||
        bus_map(cfg->io, "fdc-dir", cfg->port + 7, 1, &fdc_dir_ops, f) < 0) {
        fdc_destroy(f);
        return NULL;
    }
    return f;
}

void fdc_destroy(struct fdc *f)
{
    if (!f)
        return;
    timer_destroy(&f->timer);
    timer_destroy(&f->reset_timer);
    for (unsigned d = 0; d < FDC_DRIVES; d++)
        timer_destroy(&f->seek_timer[d]);
    free(f);
}

void fdc_dump(const struct fdc *f, FILE *out)
{
    static const char *const phases[] = {"command", "execution", "result", "reset"};
    static const char *const rates[] = {"500", "300", "250", "1000"};
    fprintf(out, "DOR=0x%02x DSR=0x%02x rate=%s kb/s phase=%s INT=%u op=%u\n", f->dor, f->dsr,
            rates[f->rate & 3], f->phase < 4 ? phases[f->phase] : "?", f->int_pending, f->op);
    fprintf(out, "command:");
    for (unsigned k = 0; k < f->cmd_pos && k < sizeof(f->cmd); k++)
        fprintf(out, " %02x", f->cmd[k]);
    fprintf(out, "  result:");
    for (unsigned k = 0; k < f->res_len && k < sizeof(f->res); k++)
        fprintf(out, " %02x", f->res[k]);
    fprintf(out, "\nCHRN=%u/%u/%u/%u EOT=%u ST0=0x%02x ST1=0x%02x ST2=0x%02x SPECIFY=%02x %02x\n",
            f->c, f->h, f->r, f->n, f->eot, f->st0, f->st1, f->st2, f->specify[0], f->specify[1]);
    for (unsigned d = 0; d < FDC_DRIVES && d < f->cfg.drives; d++)
        fprintf(out, "drive %u: %s cylinder=%u changed=%u busy=%u\n", d,
                f->geo[d] ? f->geo[d]->name : "empty", f->drive[d].pcn, f->drive[d].changed,
                f->drive[d].busy);
}
