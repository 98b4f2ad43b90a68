/*
 * tests/gdb/gdb_client.h - a minimal RSP client for the stub tests.  The
 * stub and the client live in one thread: every wait pumps
 * gdbstub_handle_input, so no helper thread is needed.
 *
 * Invariants: every wait is bounded (CLIENT_TIMEOUT_MS), so a stub that
 * stops answering fails the test instead of hanging it.
 */
#ifndef T86_TESTS_GDB_CLIENT_H
#define T86_TESTS_GDB_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

struct gdbstub;

enum { CLIENT_TIMEOUT_MS = 5000, CLIENT_BUF = 1 << 17 };

struct gdb_client {
    int fd;
    struct gdbstub *stub;
    size_t len;
    char buf[CLIENT_BUF];
};

/** Connect to 127.0.0.1:@port; false on failure. */
bool client_connect(struct gdb_client *c, struct gdbstub *stub, int port);
/** Close the connection and let the stub notice. */
void client_close(struct gdb_client *c);
/** Send raw bytes. */
void client_send_raw(struct gdb_client *c, const void *bytes, size_t n);
/** Send @payload framed with a correct checksum. */
void client_send(struct gdb_client *c, const char *payload);
/** Let the stub run and collect what it sent for about @ms milliseconds. */
void client_pump(struct gdb_client *c, int ms);
/** Discard everything received so far (after pumping). */
void client_drain(struct gdb_client *c);
/**
 * Wait for the next packet; its payload (escapes undone) goes to @out
 * (capacity @cap).  Acks before it are skipped.  False on timeout or a
 * bad checksum.
 */
bool client_reply(struct gdb_client *c, char *out, size_t cap);
/** Send @payload and wait for the reply: client_send + client_reply. */
bool client_transact(struct gdb_client *c, const char *payload, char *out, size_t cap);
/** True when the stub has closed the connection. */
bool client_closed_by_peer(struct gdb_client *c);

#endif
