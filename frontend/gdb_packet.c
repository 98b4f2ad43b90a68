/*
 * frontend/gdb_packet.c - GDB Remote Serial Protocol framing and encodings
 * (see gdb_packet.h; GDB manual, "GDB Remote Serial Protocol" > "Overview",
 * "Interrupts", "Packet Acknowledgment").
 *
 * Invariants: every index into r->buf is checked against GDB_PACKET_MAX;
 * an overlong packet is consumed to its end and reported as GDB_RX_BAD.
 */
#include "gdb_packet.h"

#include <string.h>

/* Receiver states. */
enum { RX_IDLE, RX_DATA, RX_SUM };

void gdb_rx_reset(struct gdb_rx *r)
{
    r->state = RX_IDLE;
    r->sum = 0;
    r->got = 0;
    r->bad = false;
    r->want = 0;
    r->len = 0;
    r->buf[0] = '\0';
}

int gdb_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Outside a packet: '$' starts one, the rest are single-byte messages. */
static enum gdb_rx_event rx_idle(struct gdb_rx *r, uint8_t byte)
{
    switch (byte) {
    case '$':
        gdb_rx_reset(r);
        r->state = RX_DATA;
        return GDB_RX_NONE;
    case 0x03: return GDB_RX_INTERRUPT;
    case '+': return GDB_RX_ACK;
    case '-': return GDB_RX_NAK;
    default: return GDB_RX_NONE; /* line noise between packets */
    }
}

/* Inside the payload: collect bytes until '#'. */
static enum gdb_rx_event rx_data(struct gdb_rx *r, uint8_t byte)
{
    if (byte == '#') {
        r->state = RX_SUM;
        r->got = 0;
        return GDB_RX_NONE;
    }
    r->sum = (uint8_t)(r->sum + byte);
    if (r->len >= GDB_PACKET_MAX) {
        r->bad = true;
        return GDB_RX_NONE;
    }
    r->buf[r->len++] = (char)byte;
    r->buf[r->len] = '\0';
    return GDB_RX_NONE;
}

/* The two checksum digits; the second one decides the packet's fate. */
static enum gdb_rx_event rx_sum(struct gdb_rx *r, uint8_t byte)
{
    int d = gdb_hex_digit((char)byte);
    r->bad |= d < 0;
    if (r->got == 0) {
        r->got = 1;
        r->want = (uint8_t)(d < 0 ? 0 : d << 4);
        return GDB_RX_NONE;
    }
    r->state = RX_IDLE;
    bool ok = !r->bad && (uint8_t)(r->want | d) == r->sum;
    return ok ? GDB_RX_PACKET : GDB_RX_BAD;
}

enum gdb_rx_event gdb_rx_feed(struct gdb_rx *r, uint8_t byte)
{
    if (byte == '$' && r->state != RX_IDLE) {
        /* An unfinished packet followed by a new one: drop the old. */
        gdb_rx_reset(r);
        r->state = RX_DATA;
        return GDB_RX_NONE;
    }
    switch (r->state) {
    case RX_DATA: return rx_data(r, byte);
    case RX_SUM: return rx_sum(r, byte);
    default: return rx_idle(r, byte);
    }
}

static bool needs_escape(uint8_t b)
{
    return b == '#' || b == '$' || b == '}' || b == '*';
}

size_t gdb_frame(const void *payload, size_t n, char *out, size_t cap)
{
    const uint8_t *p = payload;
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    uint8_t sum = 0;
    if (cap < 4)
        return 0;
    out[o++] = '$';
    for (size_t i = 0; i < n; i++) {
        if (o + 2 + 3 > cap)
            return 0;
        uint8_t b = p[i];
        if (needs_escape(b)) {
            out[o++] = '}';
            sum = (uint8_t)(sum + '}');
            b ^= 0x20;
        }
        out[o++] = (char)b;
        sum = (uint8_t)(sum + b);
    }
    out[o++] = '#';
    out[o++] = hex[sum >> 4];
    out[o++] = hex[sum & 15];
    return o;
}

void gdb_hex_encode(const void *in, size_t n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    const uint8_t *p = in;
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[p[i] >> 4];
        out[2 * i + 1] = hex[p[i] & 15];
    }
}

bool gdb_hex_decode(const char *in, size_t n, void *out)
{
    uint8_t *p = out;
    for (size_t i = 0; i < n; i++) {
        int hi = gdb_hex_digit(in[2 * i]), lo = hi < 0 ? -1 : gdb_hex_digit(in[2 * i + 1]);
        if (lo < 0)
            return false;
        p[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

bool gdb_parse_hex32(const char **p, uint32_t *v)
{
    const char *s = *p;
    uint32_t x = 0;
    int n = 0, d;
    while ((d = gdb_hex_digit(s[n])) >= 0) {
        if (++n > 8)
            return false;
        x = x << 4 | (uint32_t)d;
    }
    if (n == 0)
        return false;
    *v = x;
    *p = s + n;
    return true;
}

long gdb_unescape(const char *in, size_t n, uint8_t *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t b = (uint8_t)in[i];
        if (b == '}') {
            if (++i >= n)
                return -1;
            b = (uint8_t)in[i] ^ 0x20;
        }
        if (o >= cap)
            return -1;
        out[o++] = b;
    }
    return (long)o;
}
