/*
 * devices/bochs_ports.c - the Bochs BIOS and VGA BIOS firmware ports (see
 * bochs_ports.h for the port map).
 *
 * Invariants: each message source has its own line buffer, always
 * NUL-terminated with len < BOCHS_PORTS_LINE_MAX; shutdown_pos counts how
 * many characters of "Shutdown" have arrived in sequence at port 0x8900.
 */
#include "bochs_ports.h"

#include <stdlib.h>

struct msg_line {
    char text[BOCHS_PORTS_LINE_MAX];
    unsigned len;
};

struct bochs_ports {
    struct bochs_ports_wiring w;
    struct msg_line lines[3]; /**< by enum bochs_source */
    unsigned shutdown_pos;
};

static const char shutdown_word[] = "Shutdown";

const char *bochs_source_name(enum bochs_source src)
{
    switch (src) {
    case BOCHS_SRC_INFO: return "bochs-bios";
    case BOCHS_SRC_DEBUG: return "bochs-bios-debug";
    default: return "vgabios";
    }
}

/* Hand the line of @src to the board and empty it. */
static void emit_line(struct bochs_ports *d, enum bochs_source src)
{
    struct msg_line *l = &d->lines[src];
    l->text[l->len] = '\0';
    if (d->w.line)
        d->w.line(d->w.opaque, src, l->text);
    l->len = 0;
}

/* One message character @c from @src. */
static void put_char(struct bochs_ports *d, enum bochs_source src, uint8_t c)
{
    struct msg_line *l = &d->lines[src];
    if (c == '\n') {
        emit_line(d, src);
        return;
    }
    if (c == '\r')
        return;
    l->text[l->len++] = (char)c;
    if (l->len == BOCHS_PORTS_LINE_MAX - 1)
        emit_line(d, src);
}

static void bios_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct bochs_ports *d = opaque;
    switch (offset) {
    case 0:
        if (d->w.panic)
            d->w.panic(d->w.opaque, (int)(val & 0xFFFF));
        break;
    case 1:
        if (d->w.panic)
            d->w.panic(d->w.opaque, -1);
        break;
    case 2: put_char(d, BOCHS_SRC_INFO, (uint8_t)val); break;
    default: put_char(d, BOCHS_SRC_DEBUG, (uint8_t)val); break;
    }
}

static void vgabios_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    put_char(opaque, BOCHS_SRC_VGABIOS, (uint8_t)val);
}

/* "Shutdown" one character at a time; anything else starts over. */
static void shutdown_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct bochs_ports *d = opaque;
    uint8_t c = (uint8_t)val;
    if (c == (uint8_t)shutdown_word[d->shutdown_pos])
        d->shutdown_pos++;
    else
        d->shutdown_pos = c == (uint8_t)shutdown_word[0] ? 1 : 0;
    if (d->shutdown_pos == sizeof(shutdown_word) - 1) {
        d->shutdown_pos = 0;
        if (d->w.shutdown)
            d->w.shutdown(d->w.opaque);
    }
}

/* 0x400 takes a 16-bit line number; the others are byte ports (a wider
 * write reaches the bus split into bytes, low byte first). */
static const struct bus_ops bios_ops = {
    .read = NULL,
    .write = bios_write,
    .min_size = 1,
    .max_size = 2,
};
static const struct bus_ops byte_ops[2] = {
    {.read = NULL, .write = vgabios_write, .min_size = 1, .max_size = 1},
    {.read = NULL, .write = shutdown_write, .min_size = 1, .max_size = 1},
};

struct bochs_ports *bochs_ports_create(struct bus *io, const struct bochs_ports_wiring *w)
{
    struct bochs_ports *d = calloc(1, sizeof(*d));
    if (!d)
        return NULL;
    d->w = *w;
    if (bus_map(io, "bochs-bios", BOCHS_PANIC_PORT, BOCHS_BIOS_PORTS, &bios_ops, d) < 0 ||
        bus_map(io, "vgabios", BOCHS_VGABIOS_PORT, 1, &byte_ops[0], d) < 0 ||
        bus_map(io, "bochs-shutdown", BOCHS_SHUTDOWN_PORT, 1, &byte_ops[1], d) < 0) {
        bus_unmap(io, BOCHS_PANIC_PORT, d);
        bus_unmap(io, BOCHS_VGABIOS_PORT, d);
        free(d);
        return NULL;
    }
    return d;
}

void bochs_ports_flush(struct bochs_ports *d)
{
    if (!d)
        return;
    for (unsigned s = BOCHS_SRC_INFO; s <= BOCHS_SRC_VGABIOS; s++)
        if (d->lines[s].len)
            emit_line(d, (enum bochs_source)s);
}

void bochs_ports_destroy(struct bochs_ports *d)
{
    free(d);
}
