/*
 * frontend/serial_backend.h - the host ends of the COM ports (-serial):
 * stdio (the terminal, in raw mode while the guest runs), file:PATH
 * (output only), tcp:[HOST]:PORT[,server][,nowait] (a socket; HOST
 * defaults to 127.0.0.1), null (output discarded, no input) and none (no
 * port).  The first -serial is COM1, the second COM2; without any, COM1
 * exists with its output discarded and COM2 does not (QEMU's machines
 * have COM1 too; its output goes to a window trap86 does not have).
 *
 * Single-threaded: the machine polls the backends through its host-input
 * hook (pc_set_host_input) between slices and while the guest waits in
 * HLT; every descriptor is read only after poll reports it ready.  Input
 * enters a UART only as fast as uart_receive takes it; the rest waits in
 * the backend, and no more is read from the host until it is taken.
 *
 * Invariants: a terminal put in raw mode is restored by serial_close on
 * every path main takes to exit (including a caught SIGINT/SIGTERM); a
 * TCP server accepts one client at a time and a new one after the last
 * hung up; output to a peer that is not connected is discarded.
 */
#ifndef T86_FRONTEND_SERIAL_BACKEND_H
#define T86_FRONTEND_SERIAL_BACKEND_H

#include <stdbool.h>
#include <stddef.h>

struct pc;
struct pc_config;

/** The kinds of -serial backend. */
enum serial_kind { SERIAL_NONE, SERIAL_NULL, SERIAL_STDIO, SERIAL_FILE, SERIAL_TCP };

/** A parsed -serial value. */
struct serial_spec {
    enum serial_kind kind;
    const char *path; /**< SERIAL_FILE: points into the parsed text */
    char host[64];    /**< SERIAL_TCP: "127.0.0.1" when not given */
    unsigned port;    /**< SERIAL_TCP: 1..65535 */
    bool server;      /**< ,server: listen instead of connecting */
    bool nowait;      /**< ,nowait: do not wait for the first client */
};

/** Parse @text into @out; NULL, or a one-line reason. */
const char *serial_spec_parse(const char *text, struct serial_spec *out);

struct serial_set;

/**
 * Open the backends for the -serial values @specs[0..@n) (n <= 2; n = 0
 * gives COM1 = null).  A TCP server without nowait waits here for its
 * first client; a TCP client connects here.  NULL on failure with a
 * one-line reason in @err.
 */
struct serial_set *serial_open(const char *const *specs, unsigned n, char *err, size_t errlen);
/** Fill @cfg->serial: which COM ports exist and their transmit callbacks. */
void serial_configure(struct serial_set *s, struct pc_config *cfg);
/**
 * Connect the backends to @m's UARTs and install them as @m's host input;
 * a stdio backend puts the terminal in raw mode (Ctrl-C still signals).
 */
void serial_attach(struct serial_set *s, struct pc *m);
/** Deliver pending input now, without waiting (what the machine's hook does between slices). */
void serial_poll(struct serial_set *s);
/** Flush, close, and restore the terminal. NULL is ignored. */
void serial_close(struct serial_set *s);

#endif
