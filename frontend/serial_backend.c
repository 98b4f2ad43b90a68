/*
 * frontend/serial_backend.c - the -serial backends (serial_backend.h).
 *
 * Each COM port's backend has an input descriptor (the terminal, or the
 * connected socket), an output descriptor, and for a TCP server the
 * listening socket.  Input is read into a small buffer only once the
 * previous read has been taken by the UART completely, so a guest that
 * does not read its receiver stalls the peer instead of losing bytes.
 * Output to a socket is buffered (OUT_BUF bytes; beyond that bytes are
 * dropped) and flushed without blocking; to the terminal and files it is
 * written at once.
 *
 * Invariants: conn_fd >= 0 only while a peer is connected; in_fd is
 * conn_fd for TCP, 0 for stdio until its end of file, else -1; the
 * terminal's saved settings are restored exactly when they were changed.
 */
#define _GNU_SOURCE /* ppoll */
#include "serial_backend.h"

#include "board/pc.h"
#include "devices/uart16550.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

enum { IN_BUF = 256, OUT_BUF = 65536, MAX_FDS = 3 * PC_SERIAL_PORTS };

struct serial_port {
    struct serial_spec spec;
    int in_fd, out_fd, conn_fd, listen_fd;
    uint8_t in[IN_BUF];
    size_t in_pos, in_len; /**< in[in_pos..in_len) waits for the UART */
    uint8_t *out;          /**< TCP output buffer (OUT_BUF bytes) */
    size_t out_len;
    struct uart *uart;
    bool tty_raw; /**< saved holds the terminal's settings to restore */
    struct termios saved;
};

struct serial_set {
    struct serial_port port[PC_SERIAL_PORTS];
    unsigned n;
};

/* ---- parsing ---------------------------------------------------------------- */

/* One tcp flag, the @n bytes at @f: server, nowait, or QEMU's newer
 * server=on|off and wait=on|off.  0, or -1 when unknown. */
static int tcp_flag(const char *f, size_t n, struct serial_spec *out)
{
    static const struct {
        const char *name;
        bool server, nowait;
    } flags[] = {{"server", true, false}, {"server=on", true, false}, {"server=off", false, false},
                 {"nowait", false, true}, {"wait=off", false, true},  {"wait=on", false, false}};
    for (size_t k = 0; k < sizeof(flags) / sizeof(flags[0]); k++) {
        if (strlen(flags[k].name) != n || strncmp(f, flags[k].name, n))
            continue;
        if (!strncmp(f, "server", 6))
            out->server = flags[k].server;
        else
            out->nowait = flags[k].nowait;
        return 0;
    }
    return -1;
}

/* "tcp:[HOST]:PORT[,server][,nowait]" after the "tcp:". */
static const char *parse_tcp(const char *a, struct serial_spec *out)
{
    const char *colon = strrchr(a, ':');
    const char *comma = strchr(a, ',');
    if (!colon || (comma && colon > comma))
        return "expected tcp:[HOST]:PORT[,server][,nowait]";
    size_t hl = (size_t)(colon - a);
    if (hl >= sizeof(out->host))
        return "host name too long";
    snprintf(out->host, sizeof(out->host), "%.*s", (int)hl, hl ? a : "127.0.0.1");
    char *end;
    unsigned long port = strtoul(colon + 1, &end, 10);
    if (end == colon + 1 || port == 0 || port > 65535 || (*end && *end != ','))
        return "expected a TCP port 1..65535";
    out->port = (unsigned)port;
    for (const char *p = end; *p == ',';) {
        size_t n = strcspn(p + 1, ",");
        if (tcp_flag(p + 1, n, out))
            return "unknown tcp option (server, nowait, server=on|off, wait=on|off)";
        p += 1 + n;
    }
    return NULL;
}

const char *serial_spec_parse(const char *text, struct serial_spec *out)
{
    memset(out, 0, sizeof(*out));
    if (!strcmp(text, "none"))
        out->kind = SERIAL_NONE;
    else if (!strcmp(text, "null"))
        out->kind = SERIAL_NULL;
    else if (!strcmp(text, "stdio"))
        out->kind = SERIAL_STDIO;
    else if (!strncmp(text, "file:", 5)) {
        out->kind = SERIAL_FILE;
        out->path = text + 5;
        return *out->path ? NULL : "file: needs a path";
    } else if (!strncmp(text, "tcp:", 4)) {
        out->kind = SERIAL_TCP;
        return parse_tcp(text + 4, out);
    } else
        return "expected stdio, file:PATH, tcp:[HOST]:PORT[,server][,nowait], null or none";
    return NULL;
}

/* ---- opening ------------------------------------------------------------------ */

static void set_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* The IPv4 address of @p's host and port in @sa; -1 with @err set. */
static int tcp_address(const struct serial_port *p, struct sockaddr_in *sa, char *err,
                       size_t errlen)
{
    struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *res;
    int rc = getaddrinfo(p->spec.host, NULL, &hints, &res);
    if (rc) {
        snprintf(err, errlen, "cannot resolve '%s': %s", p->spec.host, gai_strerror(rc));
        return -1;
    }
    *sa = *(struct sockaddr_in *)res->ai_addr;
    sa->sin_port = htons((uint16_t)p->spec.port);
    freeaddrinfo(res);
    return 0;
}

/* A peer connected (or we connected to one) on @fd. */
static void tcp_connected(struct serial_port *p, int fd)
{
    set_nonblock(fd);
    p->conn_fd = p->in_fd = p->out_fd = fd;
}

static int tcp_listen(struct serial_port *p, const struct sockaddr_in *sa, char *err, size_t errlen)
{
    int one = 1, fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
        bind(fd, (const struct sockaddr *)sa, sizeof(*sa)) < 0 || listen(fd, 1) < 0) {
        snprintf(err, errlen, "cannot listen on %s:%u: %s", p->spec.host, p->spec.port,
                 strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    p->listen_fd = fd;
    if (p->spec.nowait) {
        set_nonblock(fd);
        return 0;
    }
    fprintf(stderr, "trap86: -serial: waiting for a connection on tcp:%s:%u\n", p->spec.host,
            p->spec.port);
    int c = accept(fd, NULL, NULL);
    if (c < 0) {
        snprintf(err, errlen, "accept on %s:%u: %s", p->spec.host, p->spec.port, strerror(errno));
        return -1;
    }
    set_nonblock(fd);
    tcp_connected(p, c);
    return 0;
}

static int tcp_open(struct serial_port *p, char *err, size_t errlen)
{
    struct sockaddr_in sa;
    if (tcp_address(p, &sa, err, errlen))
        return -1;
    if (p->spec.server)
        return tcp_listen(p, &sa, err, errlen);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (const struct sockaddr *)&sa, sizeof(sa)) < 0) {
        snprintf(err, errlen, "cannot connect to %s:%u: %s", p->spec.host, p->spec.port,
                 strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    tcp_connected(p, fd);
    return 0;
}

static int port_open(struct serial_port *p, char *err, size_t errlen)
{
    switch (p->spec.kind) {
    case SERIAL_STDIO:
        p->in_fd = 0;
        p->out_fd = 1;
        return 0;
    case SERIAL_FILE:
        p->out_fd = open(p->spec.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (p->out_fd < 0)
            snprintf(err, errlen, "cannot create '%s': %s", p->spec.path, strerror(errno));
        return p->out_fd < 0 ? -1 : 0;
    case SERIAL_TCP:
        p->out = malloc(OUT_BUF);
        if (!p->out) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        return tcp_open(p, err, errlen);
    default: return 0;
    }
}

struct serial_set *serial_open(const char *const *specs, unsigned n, char *err, size_t errlen)
{
    struct serial_set *s = calloc(1, sizeof(*s));
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->n = n ? (n < PC_SERIAL_PORTS ? n : PC_SERIAL_PORTS) : 1;
    for (unsigned k = 0; k < PC_SERIAL_PORTS; k++)
        s->port[k].in_fd = s->port[k].out_fd = s->port[k].conn_fd = s->port[k].listen_fd = -1;
    for (unsigned k = 0; k < s->n; k++) {
        struct serial_port *p = &s->port[k];
        const char *why = serial_spec_parse(n ? specs[k] : "null", &p->spec);
        if (why) {
            snprintf(err, errlen, "%s", why);
            serial_close(s);
            return NULL;
        }
        if (port_open(p, err, errlen)) {
            serial_close(s);
            return NULL;
        }
    }
    return s;
}

/* ---- output --------------------------------------------------------------------- */

/* Write what the TCP buffer holds, as far as the socket takes it now. */
static void flush_out(struct serial_port *p)
{
    size_t done = 0;
    while (done < p->out_len && p->conn_fd >= 0) {
        ssize_t w = send(p->conn_fd, p->out + done, p->out_len - done, MSG_NOSIGNAL);
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    memmove(p->out, p->out + done, p->out_len - done);
    p->out_len -= done;
}

/* A byte left the UART (its wiring's tx callback). */
static void serial_tx(void *opaque, uint8_t byte)
{
    struct serial_port *p = opaque;
    if (p->spec.kind == SERIAL_TCP) {
        if (p->conn_fd < 0 || p->out_len >= OUT_BUF)
            return; /* no peer, or a peer that does not read */
        p->out[p->out_len++] = byte;
        flush_out(p);
    } else if (p->out_fd >= 0) {
        ssize_t w;
        do
            w = write(p->out_fd, &byte, 1);
        while (w < 0 && errno == EINTR);
    }
}

void serial_configure(struct serial_set *s, struct pc_config *cfg)
{
    for (unsigned k = 0; k < s->n; k++)
        cfg->serial[k] =
            (struct pc_serial_config){s->port[k].spec.kind != SERIAL_NONE, serial_tx, &s->port[k]};
}

/* ---- input ------------------------------------------------------------------------ */

/* Offer the buffered input to the UART; true when it took some. */
static bool feed(struct serial_port *p)
{
    if (!p->uart || p->in_pos == p->in_len)
        return false;
    size_t k = uart_receive(p->uart, p->in + p->in_pos, p->in_len - p->in_pos);
    p->in_pos += k;
    return k > 0;
}

/* The peer hung up: a server listens for the next one. */
static void hang_up(struct serial_port *p)
{
    if (p->conn_fd >= 0)
        close(p->conn_fd);
    p->conn_fd = p->in_fd = p->out_fd = -1;
    p->out_len = 0;
}

static void read_input(struct serial_port *p)
{
    if (p->in_pos < p->in_len)
        return; /* the UART has not taken the last read yet */
    ssize_t r = read(p->in_fd, p->in, sizeof(p->in));
    if (r > 0) {
        p->in_pos = 0;
        p->in_len = (size_t)r;
    } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
        if (p->spec.kind == SERIAL_TCP)
            hang_up(p);
        else
            p->in_fd = -1; /* end of the terminal's input */
    }
}

static void accept_peer(struct serial_port *p)
{
    int c = accept(p->listen_fd, NULL, NULL);
    if (c >= 0)
        tcp_connected(p, c);
}

/* The descriptors worth polling for @p, appended at @fds[*n]. */
static void add_fds(struct serial_port *p, struct pollfd *fds, nfds_t *n)
{
    if (p->listen_fd >= 0 && p->conn_fd < 0)
        fds[(*n)++] = (struct pollfd){.fd = p->listen_fd, .events = POLLIN};
    short ev = (short)((p->in_fd >= 0 && p->in_pos == p->in_len ? POLLIN : 0) |
                       (p->conn_fd >= 0 && p->out_len ? POLLOUT : 0));
    if (ev)
        fds[(*n)++] = (struct pollfd){.fd = p->in_fd >= 0 ? p->in_fd : p->conn_fd, .events = ev};
}

/* Handle what poll reported for @p's descriptors in @fds. */
static void serve(struct serial_port *p, const struct pollfd *fds, nfds_t n)
{
    for (nfds_t i = 0; i < n; i++) {
        if (!fds[i].revents)
            continue;
        if (fds[i].fd == p->listen_fd && p->conn_fd < 0)
            accept_peer(p);
        else if (fds[i].fd == p->in_fd && (fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
            read_input(p);
        else if (fds[i].fd == p->conn_fd && (fds[i].revents & POLLOUT))
            flush_out(p);
    }
}

/* The machine's host-input hook: feed, poll (waiting up to @timeout_ns
 * when nothing was fed), serve, feed again. */
static bool serial_host_poll(void *opaque, uint64_t timeout_ns)
{
    struct serial_set *s = opaque;
    bool fed = false;
    for (unsigned k = 0; k < s->n; k++)
        fed |= feed(&s->port[k]);
    struct pollfd fds[MAX_FDS];
    nfds_t n = 0;
    for (unsigned k = 0; k < s->n; k++)
        add_fds(&s->port[k], fds, &n);
    if (fed || (!n && !timeout_ns))
        return fed;
    struct timespec ts = {(time_t)(timeout_ns / 1000000000u), (long)(timeout_ns % 1000000000u)};
    if (ppoll(fds, n, &ts, NULL) <= 0)
        return fed;
    for (unsigned k = 0; k < s->n; k++) {
        serve(&s->port[k], fds, n);
        fed |= feed(&s->port[k]);
    }
    return fed;
}

/* Input can still come: a terminal not at its end, a peer, a listener. */
static bool serial_host_live(void *opaque)
{
    struct serial_set *s = opaque;
    for (unsigned k = 0; k < s->n; k++) {
        const struct serial_port *p = &s->port[k];
        if (p->uart && (p->in_fd >= 0 || p->listen_fd >= 0 || p->in_pos < p->in_len))
            return true;
    }
    return false;
}

void serial_poll(struct serial_set *s)
{
    serial_host_poll(s, 0);
}

/* ---- the terminal ------------------------------------------------------------------ */

/* Raw input for the guest: no line editing, echo or CR/LF translation,
 * no XON/XOFF; output processing and the signal keys stay as they are. */
static void tty_raw(struct serial_port *p)
{
    struct termios t;
    if (!isatty(0) || tcgetattr(0, &p->saved) != 0)
        return;
    t = p->saved;
    t.c_iflag &= (tcflag_t) ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t.c_lflag &= (tcflag_t) ~(ECHO | ECHONL | ICANON | IEXTEN);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    p->tty_raw = tcsetattr(0, TCSANOW, &t) == 0;
}

void serial_attach(struct serial_set *s, struct pc *m)
{
    bool input = false;
    for (unsigned k = 0; k < s->n; k++) {
        struct serial_port *p = &s->port[k];
        p->uart = pc_uart(m, k);
        if (p->spec.kind == SERIAL_STDIO)
            tty_raw(p);
        input |= p->spec.kind == SERIAL_STDIO || p->spec.kind == SERIAL_TCP;
    }
    struct pc_host_input in = {serial_host_poll, serial_host_live, s};
    if (input)
        pc_set_host_input(m, &in);
}

void serial_close(struct serial_set *s)
{
    if (!s)
        return;
    for (unsigned k = 0; k < s->n; k++) {
        struct serial_port *p = &s->port[k];
        if (p->tty_raw)
            tcsetattr(0, TCSANOW, &p->saved);
        if (p->conn_fd >= 0) {
            set_nonblock(p->conn_fd);
            flush_out(p);
            close(p->conn_fd);
        }
        if (p->listen_fd >= 0)
            close(p->listen_fd);
        if (p->spec.kind == SERIAL_FILE && p->out_fd >= 0)
            close(p->out_fd);
        free(p->out);
    }
    free(s);
}
