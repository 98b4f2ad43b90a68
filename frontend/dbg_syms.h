/*
 * frontend/dbg_syms.h - the symbol table loaded by `ldsym` (lines
 * "ADDR NAME", ADDR a linear address in hex with or without 0x).
 *
 * Invariant: the table is kept sorted by address, so lookups of the
 * nearest symbol at or below an address are a binary search.
 */
#ifndef T86_FRONTEND_DBG_SYMS_H
#define T86_FRONTEND_DBG_SYMS_H

#include <stdbool.h>
#include <stdint.h>

struct dbg_syms;

/** An empty table (NULL on OOM). */
struct dbg_syms *dbg_syms_create(void);
/** Free the table. */
void dbg_syms_destroy(struct dbg_syms *s);
/** Add the symbols of file @path; returns NULL (and *@count added) or an error. */
const char *dbg_syms_load(struct dbg_syms *s, const char *path, unsigned *count);
/** The address of symbol @name; false when unknown. */
bool dbg_syms_lookup(const struct dbg_syms *s, const char *name, uint32_t *addr);
/** The nearest symbol at or below @addr (at most 64 KiB below) and *@off
 * from it, or NULL. */
const char *dbg_syms_name(const struct dbg_syms *s, uint32_t addr, uint32_t *off);

#endif
