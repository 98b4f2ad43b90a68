/*
 * tests/sst/moo.h - reader for SingleStepTests MOO files (format v1.x, as
 * described in ../shared/sst-80286/moo_format_v1.md).
 *
 * A MOO file is a "MOO " header chunk followed by chunks (META, RMSK, TEST,
 * ...), each "type(4) length(4) payload".  moo_open() decompresses a whole
 * .MOO.gz into memory; moo_next() then walks the TEST chunks one by one.
 * Invariants:
 *   - every pointer in a struct moo_test points into the file's buffer and
 *     stays valid until moo_close();
 *   - every length was checked against its enclosing chunk, so accessors
 *     never read out of bounds;
 *   - unknown chunks (e.g. GMET, CYCL) are skipped by their length, as the
 *     format asks.
 */
#ifndef T86_SST_MOO_H
#define T86_SST_MOO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Register order of REGS / RMSK bitmasks (bit n = register n). */
enum moo_reg {
    MOO_AX, MOO_BX, MOO_CX, MOO_DX, MOO_CS, MOO_SS, MOO_DS, MOO_ES,
    MOO_SP, MOO_BP, MOO_SI, MOO_DI, MOO_IP, MOO_FLAGS, MOO_NREGS
};

/** A 16-bit register file: v[r] is meaningful when mask bit r is set. */
struct moo_regs {
    uint16_t mask;
    uint16_t v[MOO_NREGS];
};

/** RAM entries: count packed entries of uint32 address + uint8 value. */
struct moo_ram {
    const uint8_t *p;
    uint32_t count;
};

/** An INIT or FINA snapshot. */
struct moo_state {
    struct moo_regs regs;
    struct moo_regs rmsk; /**< undefined-bit masks (mask 0 when absent) */
    struct moo_ram ram;
};

/** One test. */
struct moo_test {
    uint32_t index;
    const char *name; /**< not NUL-terminated; name_len bytes */
    uint32_t name_len;
    const uint8_t *bytes; /**< instruction bytes (the suite appends the HLT) */
    uint32_t nbytes;
    struct moo_state init, final;
    bool has_excp;
    uint8_t excp_num;
    uint32_t excp_flag_addr; /**< physical address of the pushed FLAGS word */
    bool has_hash;
    uint8_t hash[20];
};

/** An open MOO file. */
struct moo_file {
    uint8_t *buf;
    size_t len, pos; /**< pos: offset of the next top-level chunk */
    uint8_t major, minor;
    uint32_t test_count;
    char cpu_id[5];
    bool has_meta;
    uint32_t opcode;
    char mnemonic[9];
    uint8_t cpu_mode;
    struct moo_regs rmsk; /**< file-wide RMSK (mask 0 when absent) */
    char err[160];
};

/** Read and decompress @path (gzip or plain). Returns 0, or -1 with f->err set. */
int moo_open(struct moo_file *f, const char *path);
/** Next test: 1 = *t filled, 0 = end of file, -1 = malformed (f->err set). */
int moo_next(struct moo_file *f, struct moo_test *t);
/** Free the buffer. */
void moo_close(struct moo_file *f);

static inline uint32_t moo_rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint16_t moo_rd16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

/** Address of RAM entry @k (k < r->count). */
static inline uint32_t moo_ram_addr(const struct moo_ram *r, uint32_t k)
{
    return moo_rd32(r->p + 5 * (size_t)k);
}

/** Value of RAM entry @k (k < r->count). */
static inline uint8_t moo_ram_val(const struct moo_ram *r, uint32_t k)
{
    return r->p[5 * (size_t)k + 4];
}

/** Find @addr among the entries; true and *val set when present. */
bool moo_ram_find(const struct moo_ram *r, uint32_t addr, uint8_t *val);

/** Register name ("ax", ... "flags"). */
const char *moo_reg_name(enum moo_reg r);

#endif
