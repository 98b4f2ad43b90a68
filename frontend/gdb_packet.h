/*
 * frontend/gdb_packet.h - GDB Remote Serial Protocol framing: the receive
 * state machine that turns a byte stream into packets, outgoing framing
 * with checksums and escapes, and the hex and binary encodings the packets
 * carry.  No sockets and no machine here: pure functions of their input.
 *
 * References (GDB manual, appendix "GDB Remote Serial Protocol"):
 * "Overview" for $payload#cs framing, the checksum (sum of the payload
 * bytes modulo 256) and the escape byte '}' (next byte XOR 0x20) for '#',
 * '$', '}' and '*'; "Interrupts" for the raw 0x03 byte; "Packet
 * Acknowledgment" for '+' / '-'.
 *
 * Invariants: gdb_rx_feed never reads or writes past its buffer, whatever
 * bytes it is fed; a packet longer than GDB_PACKET_MAX is reported as
 * GDB_RX_BAD, never truncated into a valid-looking one.  A '$' always
 * starts a new packet, so garbage can never wedge the receiver.
 */
#ifndef T86_FRONTEND_GDB_PACKET_H
#define T86_FRONTEND_GDB_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Largest payload we accept (announced as PacketSize in qSupported). */
enum { GDB_PACKET_MAX = 16384 };

/** What one received byte completed. */
enum gdb_rx_event {
    GDB_RX_NONE,      /**< nothing yet */
    GDB_RX_PACKET,    /**< a packet with a good checksum is in buf/len */
    GDB_RX_BAD,       /**< a packet with a bad checksum, bad digits or too long */
    GDB_RX_INTERRUPT, /**< a raw 0x03 outside a packet */
    GDB_RX_ACK,       /**< '+' outside a packet */
    GDB_RX_NAK,       /**< '-' outside a packet: resend the last packet */
};

/** Receiver state; zero it with gdb_rx_reset. */
struct gdb_rx {
    int state;
    uint8_t sum;  /**< running checksum of the payload */
    uint8_t got;  /**< checksum digits received so far (high nibble first) */
    uint8_t want; /**< the checksum the sender claims, as far as received */
    bool bad;     /**< payload exceeded GDB_PACKET_MAX or a bad checksum digit */
    size_t len;
    char buf[GDB_PACKET_MAX + 1]; /**< payload, NUL-terminated (may hold NULs) */
};

/** Forget any partial packet. */
void gdb_rx_reset(struct gdb_rx *r);
/** Feed one byte; returns what it completed.  On GDB_RX_PACKET the payload
 * stays in r->buf (r->len bytes) until the next byte is fed. */
enum gdb_rx_event gdb_rx_feed(struct gdb_rx *r, uint8_t byte);

/**
 * Frame @n payload bytes as $payload#cs into @out (capacity @cap), escaping
 * '#', '$', '}' and '*'.  Returns the framed length, or 0 when it does not
 * fit.  2 * n + 4 bytes are always enough.
 */
size_t gdb_frame(const void *payload, size_t n, char *out, size_t cap);

/** Value of hex digit @c, or -1. */
int gdb_hex_digit(char c);
/** Write @n bytes as 2n lowercase hex digits (no NUL) into @out. */
void gdb_hex_encode(const void *in, size_t n, char *out);
/** Decode 2n hex digits from @in into @n bytes; false on a bad digit. */
bool gdb_hex_decode(const char *in, size_t n, void *out);
/**
 * Parse a hex number of 1..8 digits at *@p into @v and advance *@p past it.
 * False (nothing advanced) when there is no digit or more than 8.
 */
bool gdb_parse_hex32(const char **p, uint32_t *v);
/**
 * Undo the binary escapes of an X packet: @n bytes at @in into @out
 * (capacity @cap).  Returns the decoded length, or -1 on a dangling escape
 * or overflow.
 */
long gdb_unescape(const char *in, size_t n, uint8_t *out, size_t cap);

#endif
