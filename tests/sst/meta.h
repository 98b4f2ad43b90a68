/*
 * tests/sst/meta.h - what the runner needs from the suite's side files:
 * the per-opcode "flags-mask" of metadata.json and the hashes of
 * revocation_list.txt.
 *
 * metadata.json is read with a tiny JSON walker that only follows a path of
 * object keys (opcodes -> "F6" -> reg -> "7" -> flags-mask); it does not
 * build a tree.  Invariant: lookups never read past the loaded text.
 */
#ifndef T86_SST_META_H
#define T86_SST_META_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** The loaded metadata.json text. */
struct sst_meta {
    char *text;
    size_t len;
};

/** Load metadata.json; returns 0 or -1 (missing/unreadable). */
int meta_load(struct sst_meta *m, const char *path);
void meta_free(struct sst_meta *m);
/**
 * FLAGS mask for opcode file @opname ("00", "F6.7"): the bits the suite
 * defines for that opcode.  0xFFFF when the metadata gives no mask.
 */
uint16_t meta_flags_mask(const struct sst_meta *m, const char *opname);

/** Sorted list of revoked SHA-1 hashes. */
struct sst_revoked {
    uint8_t (*hash)[20];
    size_t n;
};

/** Load revocation_list.txt (one hex hash a line, '#' comments). A missing file is an empty list. */
int revoked_load(struct sst_revoked *r, const char *path);
void revoked_free(struct sst_revoked *r);
bool revoked_has(const struct sst_revoked *r, const uint8_t hash[20]);

#endif
