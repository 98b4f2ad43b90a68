/*
 * devices/ide_internal.h - the IDE model's private state, shared by its
 * files only: ide.c (registers, PIO data port, reset, interrupt, the
 * channel's busy timer), ide_ata.c (ATA commands), ide_atapi.c (PACKET
 * and the SCSI/MMC commands) and ide_bmdma.c (bus-master DMA).  Nothing
 * else includes it.
 *
 * Invariants: a channel's task file is shared by its two drives (as on the
 * cable); buf_pos <= buf_len <= IDE_BUF; while BSY is set the host sees
 * neither DRQ nor the data port; when the busy timer fires, status becomes
 * next_status and INTRQ is raised if next_irq; xfer says what the data
 * port or the bus master is moving and what happens when a block is done.
 */
#ifndef T86_DEVICES_IDE_INTERNAL_H
#define T86_DEVICES_IDE_INTERNAL_H

#include "ide.h"

/* Status and error bits (ATA/ATAPI-6, 7.15.6 and 7.9.6). */
enum {
    ST_ERR = 0x01,
    ST_DRQ = 0x08,
    ST_DSC = 0x10,
    ST_DF = 0x20,
    ST_DRDY = 0x40,
    ST_BSY = 0x80,
    ER_AMNF = 0x01,
    ER_ABRT = 0x04,
    ER_IDNF = 0x10,
    ER_UNC = 0x40,
};
/* Device control register (7.8): nIEN, SRST, HOB. */
enum { DC_NIEN = 0x02, DC_SRST = 0x04, DC_HOB = 0x80 };
/* Device register (7.10): LBA mode, DEV. */
enum { DEV_LBA = 0x40, DEV_DEV = 0x10 };
/* ATAPI interrupt reason in the sector count register (SFF-8020i 5.12). */
enum { IR_COD = 0x01, IR_IO = 0x02 };

enum ide_kind { KIND_NONE, KIND_DISK, KIND_CDROM };
/* What the data port (or the bus master) is moving. */
enum ide_xfer {
    X_NONE,
    X_PIO_IN,    /**< ATA read: buf holds a block for the host */
    X_PIO_OUT,   /**< ATA write: the host fills buf */
    X_INFO,      /**< a one-block answer (IDENTIFY) */
    X_PACKET,    /**< ATAPI: the host writes the 12-byte command packet */
    X_ATAPI_IN,  /**< ATAPI data in by PIO */
    X_DMA_READ,  /**< ATA read DMA, waiting for the bus master */
    X_DMA_WRITE, /**< ATA write DMA, waiting for the bus master */
    X_ATAPI_DMA, /**< ATAPI data in by DMA */
};

enum { IDE_SECTOR = 512, CD_BLOCK = 2048, IDE_BUF = 16 * CD_BLOCK, IDE_MAX_MULT = 16 };

struct ide_drive {
    uint8_t kind;
    uint16_t cyls, heads, spt;    /**< default CHS translation (IDENTIFY 1, 3, 6) */
    uint16_t cur_heads, cur_spt;  /**< INITIALIZE DEVICE PARAMETERS */
    uint8_t mult;                 /**< SET MULTIPLE MODE (0: disabled) */
    uint8_t xfer_mode;            /**< SET FEATURES 03h value */
    bool standby;                 /**< power mode, for CHECK POWER MODE */
    uint8_t sense_key, asc, ascq; /**< ATAPI: REQUEST SENSE answer */
    bool unit_attention;          /**< ATAPI: medium changed, not yet reported */
    bool locked;                  /**< ATAPI: PREVENT MEDIUM REMOVAL */
    bool media_event;             /**< ATAPI: GET EVENT STATUS new-media flag */
    bool tray_open;               /**< ATAPI: START STOP UNIT ejected the disc */
};

struct ide_channel {
    struct ide_drive drive[2];
    uint8_t feature, count, lba_low, lba_mid, lba_high; /**< task file */
    uint8_t hob_feature, hob_count, hob_low, hob_mid, hob_high;
    uint8_t select, status, error, devctl, cmd;
    bool sig;            /**< no register written since reset: each device shows its signature */
    uint8_t next_status; /**< status once the busy timer fires */
    bool next_irq;
    bool int_pending;
    uint8_t xfer;                         /**< enum ide_xfer */
    uint64_t lba;                         /**< next sector (ATA) or block (ATAPI) */
    uint32_t left;                        /**< sectors / blocks still to move after buf */
    uint16_t block;                       /**< ATA sectors per DRQ block */
    uint16_t byte_limit;                  /**< ATAPI byte count limit */
    uint32_t buf_pos, buf_len, chunk_end; /**< chunk_end: ATAPI DRQ chunk */
    uint8_t packet[12];
    uint8_t bm_cmd, bm_status;
    uint32_t bm_prd;  /**< PRD table base (bus master register 4-7) */
    uint32_t prd_cur; /**< the PRD entry being used */
    uint32_t prd_off; /**< bytes of it already moved */
    bool dma_armed;   /**< the busy timer runs the DMA transfer */
    uint8_t buf[IDE_BUF];
};

struct ide;
/** A port region's opaque: which channel of which controller. */
struct ide_port {
    struct ide *ide;
    unsigned n;
};

struct ide {
    struct ide_channel ch[IDE_CHANNELS];
    /* wiring, not state */
    struct ide_port port[IDE_CHANNELS];
    struct ide_config cfg;
    struct blockdev *media[IDE_DRIVES];
    struct timer timer[IDE_CHANNELS];
};

/* ide.c */
/** The drive the device register selects. */
static inline struct ide_drive *ide_cur(struct ide_channel *c)
{
    return &c->drive[c->select >> 4 & 1];
}
/** Index (0..3) of the selected drive of channel @c. */
unsigned ide_cur_index(const struct ide *d, const struct ide_channel *c);
/** Recompute INTRQ of channel @c. */
void ide_update_irq(struct ide *d, struct ide_channel *c);
/** Go busy; after the delay status becomes @st and INTRQ rises if @irq. */
void ide_busy(struct ide *d, struct ide_channel *c, uint8_t st, bool irq);
/** End the command now with ERR and @error (ABRT, IDNF...), raising INTRQ after the delay. */
void ide_abort(struct ide *d, struct ide_channel *c, uint8_t error);
/** End the command successfully (DRDY | DSC), INTRQ after the delay. */
void ide_done(struct ide *d, struct ide_channel *c);
/** Status becomes @st at once, without a BSY period, and INTRQ rises now. */
void ide_ready_now(struct ide *d, struct ide_channel *c, uint8_t st);
/** Put the reset signature (ATA: 01/01/00/00, ATAPI: 01/01/14/EB) in the task file. */
void ide_signature(struct ide_channel *c, unsigned unit, bool atapi);

/* ide_ata.c */
/** Execute ATA command @cmd on the selected disk. */
void ide_ata_command(struct ide *d, struct ide_channel *c, uint8_t cmd);
/** The host moved the whole PIO block in buf (X_PIO_IN / X_PIO_OUT). */
void ide_ata_block_done(struct ide *d, struct ide_channel *c);
/** Fill the IDENTIFY DEVICE words of drive @n into @w. */
void ide_identify_disk(const struct ide *d, unsigned n, uint16_t w[256]);
/** Store @s in IDENTIFY words from @w, @len characters, two per word, high byte first. */
void ide_id_string(uint16_t *w, const char *s, unsigned len);

/* ide_atapi.c */
/** Execute ATA command @cmd on the selected CD-ROM (PACKET, IDENTIFY PACKET...). */
void ide_atapi_command(struct ide *d, struct ide_channel *c, uint8_t cmd);
/** The host wrote the packet (X_PACKET) or read the DRQ chunk (X_ATAPI_IN). */
void ide_atapi_chunk_done(struct ide *d, struct ide_channel *c);

/* ide_bmdma.c */
/** A DMA command is waiting (xfer X_DMA_*); start if the bus master is on. */
void ide_dma_kick(struct ide *d, struct ide_channel *c);
/**
 * Move @len bytes between buf and guest memory at the PRD table's current
 * position (@to_memory: a device read).  Returns the bytes the PRD table
 * covered (fewer than @len: the table ended early).
 */
uint32_t ide_dma_move(struct ide *d, struct ide_channel *c, uint8_t *buf, uint32_t len,
                      bool to_memory);
/** The busy timer fired with dma_armed: run the whole transfer and complete. */
void ide_dma_run(struct ide *d, struct ide_channel *c);
/** ATAPI: refill buf with the next blocks of a READ (left > 0).  False on error (sense set). */
bool ide_atapi_refill(struct ide *d, struct ide_channel *c);
/**
 * ATAPI: the command ended; report completion (status, interrupt reason),
 * CHECK CONDITION when the drive holds a sense key.
 */
void ide_atapi_finish(struct ide *d, struct ide_channel *c);

#endif
