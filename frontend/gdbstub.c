/*
 * frontend/gdbstub.c - the GDB stub's transport: the listening TCP socket,
 * the one client connection, byte input through the framing state machine
 * (gdb_packet.c) and packet output with acknowledgments (GDB manual, "GDB
 * Remote Serial Protocol" > "Overview", "Packet Acknowledgment",
 * "Interrupts").  dbg_run polls gdbstub_fd and calls gdbstub_handle_input.
 *
 * Invariants: both sockets are non-blocking; input is consumed as it comes
 * and partial packets wait in the receiver; a second client is accepted
 * and closed at once; a send that cannot complete drops the client, never
 * the guest; disconnecting removes the client's breakpoints but leaves the
 * guest running or stopped as it was.
 */
#define _GNU_SOURCE /* accept4 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gdb_regs.h"
#include "gdbstub_internal.h"

/* How long a send may wait for a client that does not read. */
enum { SEND_TIMEOUT_MS = 5000, READS_PER_CALL = 64 };

/* Parse "tcp::PORT" or "tcp:ADDR:PORT" into @sa; false when malformed. */
static bool parse_spec(const char *spec, struct sockaddr_in *sa)
{
    memset(sa, 0, sizeof(*sa));
    sa->sin_family = AF_INET;
    if (strncmp(spec, "tcp:", 4))
        return false;
    const char *host = spec + 4, *colon = strrchr(host, ':');
    if (!colon)
        return false;
    char *end;
    errno = 0;
    long port = strtol(colon + 1, &end, 10);
    if (colon[1] == '\0' || *end || errno || port < 0 || port > 65535)
        return false;
    sa->sin_port = htons((uint16_t)port);
    char addr[64];
    size_t n = (size_t)(colon - host);
    if (n >= sizeof(addr))
        return false;
    memcpy(addr, host, n);
    addr[n] = '\0';
    if (n == 0 || !strcmp(addr, "localhost"))
        strcpy(addr, "127.0.0.1");
    return inet_pton(AF_INET, addr, &sa->sin_addr) == 1;
}

/* Bind and listen on @sa; returns the socket or -1 with errno set. */
static int open_listener(const struct sockaddr_in *sa)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(fd, (const struct sockaddr *)sa, sizeof(*sa)) || listen(fd, 1)) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

/* Print where the stub listens, in the form -gdb accepts. */
static void announce(const struct sockaddr_in *sa, int port)
{
    char addr[INET_ADDRSTRLEN] = "";
    if (sa->sin_addr.s_addr != htonl(INADDR_LOOPBACK))
        inet_ntop(AF_INET, &sa->sin_addr, addr, sizeof(addr));
    fprintf(stderr, "trap86: gdb stub listening on tcp:%s:%d\n", addr, port);
}

struct gdbstub *gdbstub_create(struct dbg *d, const char *spec)
{
    struct sockaddr_in sa;
    if (!spec || !parse_spec(spec, &sa)) {
        fprintf(stderr, "trap86: -gdb: expected tcp::PORT or tcp:ADDR:PORT, got '%s'\n",
                spec ? spec : "");
        return NULL;
    }
    struct gdbstub *s = calloc(1, sizeof(*s));
    if (s)
        s->xml = gdb_target_xml();
    if (!s || !s->xml) {
        fprintf(stderr, "trap86: -gdb: out of memory\n");
        free(s);
        return NULL;
    }
    s->d = d;
    s->conn_fd = -1;
    s->listen_fd = open_listener(&sa);
    socklen_t len = sizeof(sa);
    if (s->listen_fd < 0 || getsockname(s->listen_fd, (struct sockaddr *)&sa, &len)) {
        fprintf(stderr, "trap86: -gdb %s: %s\n", spec, strerror(errno));
        gdbstub_destroy(s);
        return NULL;
    }
    s->port = ntohs(sa.sin_port);
    gdb_rx_reset(&s->rx);
    announce(&sa, s->port);
    return s;
}

void gdbstub_destroy(struct gdbstub *s)
{
    if (!s)
        return;
    if (s->conn_fd >= 0)
        close(s->conn_fd);
    if (s->listen_fd >= 0)
        close(s->listen_fd);
    free(s->xml);
    free(s);
}

int gdbstub_port(const struct gdbstub *s)
{
    return s->port;
}

int gdbstub_fd(const struct gdbstub *s)
{
    return s->conn_fd >= 0 ? s->conn_fd : s->listen_fd;
}

void gdb_disconnect(struct gdbstub *s)
{
    if (s->conn_fd < 0)
        return;
    gdb_points_clear(s);
    close(s->conn_fd);
    s->conn_fd = -1;
    s->noack = false;
    s->waiting = false;
    s->last_len = 0;
    gdb_rx_reset(&s->rx);
}

/* Write all of @buf, waiting a bounded time for a slow reader. */
static void send_raw(struct gdbstub *s, const char *buf, size_t n)
{
    while (n && s->conn_fd >= 0) {
        ssize_t w = send(s->conn_fd, buf, n, MSG_NOSIGNAL);
        if (w > 0) {
            buf += w;
            n -= (size_t)w;
            continue;
        }
        struct pollfd p = {.fd = s->conn_fd, .events = POLLOUT};
        bool again = w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
        if (!again || poll(&p, 1, SEND_TIMEOUT_MS) <= 0)
            gdb_disconnect(s);
    }
}

void gdb_send(struct gdbstub *s, const void *payload, size_t n)
{
    size_t len = gdb_frame(payload, n, s->last, sizeof(s->last));
    s->last_len = len;
    send_raw(s, s->last, len);
}

void gdb_send_str(struct gdbstub *s, const char *payload)
{
    gdb_send(s, payload, strlen(payload));
}

/* Accept a client; one already connected means the new one is closed. */
static void accept_pending(struct gdbstub *s)
{
    for (int i = 0; i < 8; i++) {
        int fd = accept4(s->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        if (s->conn_fd >= 0) {
            close(fd); /* one client at a time */
            continue;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        s->conn_fd = fd;
        gdb_rx_reset(&s->rx);
        if (!dbg_stopped(s->d))
            dbg_interrupt(s->d); /* gdb expects a stopped target on attach */
    }
}

/* React to one event of the framing state machine. */
static void on_event(struct gdbstub *s, enum gdb_rx_event ev)
{
    switch (ev) {
    case GDB_RX_PACKET:
        if (!s->noack)
            send_raw(s, "+", 1);
        gdb_handle_packet(s, s->rx.buf, s->rx.len);
        break;
    case GDB_RX_BAD:
        if (!s->noack)
            send_raw(s, "-", 1);
        break;
    case GDB_RX_NAK:
        if (!s->noack)
            send_raw(s, s->last, s->last_len);
        break;
    case GDB_RX_INTERRUPT:
        if (!dbg_stopped(s->d))
            dbg_interrupt(s->d);
        else if (s->waiting)
            gdbstub_report_stop(s, dbg_last_stop(s->d));
        break;
    default: break;
    }
}

/* Read what the client sent; false when it is gone or nothing is left. */
static bool read_some(struct gdbstub *s)
{
    uint8_t buf[4096];
    ssize_t n = recv(s->conn_fd, buf, sizeof(buf), 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return false;
    if (n <= 0) {
        gdb_disconnect(s);
        return false;
    }
    for (ssize_t i = 0; i < n && s->conn_fd >= 0 && !s->quit; i++)
        on_event(s, gdb_rx_feed(&s->rx, buf[i]));
    return s->conn_fd >= 0 && !s->quit;
}

void gdbstub_handle_input(struct gdbstub *s)
{
    accept_pending(s);
    for (int i = 0; i < READS_PER_CALL && s->conn_fd >= 0; i++) {
        if (!read_some(s))
            break;
    }
    if (s->quit) {
        s->quit = false;
        gdb_disconnect(s);
        dbg_command(s->d, "quit", stderr);
    }
}

void gdbstub_report_stop(struct gdbstub *s, const struct dbg_stop *st)
{
    if (!s || s->conn_fd < 0 || !s->waiting || !st || st->reason == DBG_STOP_NONE)
        return;
    s->waiting = false;
    gdb_send_stop_reply(s, st);
}
