/*
 * board/state.h - declarative description of device state, the base of
 * snapshots (issue 3 prepares them; no snapshot file format exists yet).
 *
 * A device keeps its state in a private struct and exports one
 * struct state_desc naming every field of it that is guest-visible state:
 * name, byte offset, element size and element count.  A field may itself
 * be an array of structures described by another descriptor (@sub).
 * Pointers, callbacks and timers are wiring, not state, and are never
 * described; a device re-derives them (and re-arms its timers) on load.
 *
 * Invariants (checked by state_desc_check): every field lies inside the
 * described struct, scalar fields are 1, 2, 4 or 8 bytes wide and little-
 * endian host integers (bool counts as 1 byte), and fields do not overlap.
 * @version changes whenever the meaning or layout of the fields changes.
 */
#ifndef T86_BOARD_STATE_H
#define T86_BOARD_STATE_H

#include <stddef.h>
#include <stdio.h>

struct state_desc;

/** One field: @count elements of @size bytes at @offset. */
struct state_field {
    const char *name;
    size_t offset, size, count;
    const struct state_desc *sub; /**< element layout, NULL for integers */
};

/** A described struct of @size bytes. */
struct state_desc {
    const char *name;
    unsigned version;
    size_t size;
    const struct state_field *fields;
    unsigned nfields;
};

/** Describe a scalar (or array of scalars) member @m of struct type @T. */
#define STATE_FIELD(T, m, n) {#m, offsetof(T, m), sizeof(((T *)0)->m) / (n), (n), NULL}
/** Describe an array of @n structures member @m of @T laid out as @d. */
#define STATE_STRUCTS(T, m, n, d) {#m, offsetof(T, m), sizeof(((T *)0)->m) / (n), (n), (d)}

/**
 * Print every described field of the struct at @state as
 * "desc.field[i] = 0xVALUE" lines (nested: "pit.ch[0].mode = 0x2") on @out.
 * Returns the number of lines written.
 */
unsigned state_dump(const struct state_desc *desc, const void *state, FILE *out);
/** NULL when @desc satisfies the invariants above, else what is wrong. */
const char *state_desc_check(const struct state_desc *desc);

#endif
