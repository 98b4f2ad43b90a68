/*
 * tests/gdb/gdb_client.c - the minimal RSP client of the stub tests (see
 * gdb_client.h).  Framing is done with the stub's own gdb_frame for
 * sending, but replies are parsed independently here, so a framing bug
 * in the stub shows up as a bad reply.
 */
#include "gdb_client.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "frontend/dbg.h"
#include "frontend/gdb_packet.h"

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

bool client_connect(struct gdb_client *c, struct gdbstub *stub, int port)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    c->stub = stub;
    c->len = 0;
    c->fd = socket(AF_INET, SOCK_STREAM, 0);
    if (c->fd < 0 || connect(c->fd, (struct sockaddr *)&sa, sizeof(sa)))
        return false;
    client_pump(c, 20); /* let the stub accept */
    return true;
}

void client_close(struct gdb_client *c)
{
    close(c->fd);
    c->fd = -1;
    for (int i = 0; i < 5; i++)
        gdbstub_handle_input(c->stub);
}

void client_send_raw(struct gdb_client *c, const void *bytes, size_t n)
{
    const char *p = bytes;
    long end = now_ms() + CLIENT_TIMEOUT_MS;
    while (n && c->fd >= 0 && now_ms() < end) {
        ssize_t w = send(c->fd, p, n, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            return; /* the stub closed the connection */
        if (w <= 0) {
            client_drain(c); /* the socket buffer is full: let the stub read */
            continue;
        }
        p += w;
        n -= (size_t)w;
    }
}

void client_send(struct gdb_client *c, const char *payload)
{
    static char frame[2 * GDB_PACKET_MAX + 8];
    size_t n = gdb_frame(payload, strlen(payload), frame, sizeof(frame));
    client_send_raw(c, frame, n);
}

/* One round: the stub handles input, we read what it wrote. */
static void pump_once(struct gdb_client *c, int wait_ms)
{
    gdbstub_handle_input(c->stub);
    struct pollfd p = {.fd = c->fd, .events = POLLIN};
    if (c->fd < 0 || poll(&p, 1, wait_ms) <= 0)
        return;
    if (c->len == sizeof(c->buf))
        c->len = 0; /* overflow: the caller was not reading; drop */
    ssize_t n = recv(c->fd, c->buf + c->len, sizeof(c->buf) - c->len, MSG_DONTWAIT);
    if (n > 0)
        c->len += (size_t)n;
}

void client_pump(struct gdb_client *c, int ms)
{
    long end = now_ms() + ms;
    do
        pump_once(c, 1);
    while (now_ms() < end);
}

void client_drain(struct gdb_client *c)
{
    pump_once(c, 0);
    c->len = 0;
}

/* Parse a packet at the start of the buffer: >0 bytes consumed when one
 * is complete, 0 when more is needed, -1 when it is malformed. */
static long parse_packet(struct gdb_client *c, char *out, size_t cap)
{
    char *hash = memchr(c->buf + 1, '#', c->len - 1);
    if (!hash || (size_t)(hash - c->buf) + 3 > c->len)
        return 0;
    size_t n = (size_t)(hash - c->buf) - 1;
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++)
        sum = (sum + (uint8_t)c->buf[1 + i]) & 0xFF;
    int hi = gdb_hex_digit(hash[1]), lo = gdb_hex_digit(hash[2]);
    if (hi < 0 || lo < 0 || (unsigned)(hi << 4 | lo) != sum)
        return -1;
    long got = gdb_unescape(c->buf + 1, n, (uint8_t *)out, cap - 1);
    if (got < 0)
        return -1;
    out[got] = '\0';
    return (long)(n + 4);
}

bool client_reply(struct gdb_client *c, char *out, size_t cap)
{
    long end = now_ms() + CLIENT_TIMEOUT_MS;
    while (now_ms() < end) {
        size_t skip = 0;
        while (skip < c->len && c->buf[skip] != '$')
            skip++; /* acks */
        memmove(c->buf, c->buf + skip, c->len - skip);
        c->len -= skip;
        long used = c->len ? parse_packet(c, out, cap) : 0;
        if (used < 0)
            return false;
        if (used > 0) {
            memmove(c->buf, c->buf + used, c->len - (size_t)used);
            c->len -= (size_t)used;
            return true;
        }
        pump_once(c, 2);
    }
    return false;
}

bool client_transact(struct gdb_client *c, const char *payload, char *out, size_t cap)
{
    client_send(c, payload);
    return client_reply(c, out, cap);
}

bool client_closed_by_peer(struct gdb_client *c)
{
    for (int i = 0; i < 20; i++) {
        gdbstub_handle_input(c->stub);
        struct pollfd p = {.fd = c->fd, .events = POLLIN};
        char b[256];
        if (poll(&p, 1, 5) > 0 && recv(c->fd, b, sizeof(b), MSG_DONTWAIT) == 0)
            return true;
    }
    return false;
}
