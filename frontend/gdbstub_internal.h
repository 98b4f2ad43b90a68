/*
 * frontend/gdbstub_internal.h - what the parts of the GDB stub share: the
 * stub's state and the entry points between its files.
 *
 *   gdbstub.c      sockets, the connection, byte input, sending packets
 *   gdb_packet.c   framing and encodings (gdb_packet.h)
 *   gdb_regs.c     the register file and target description (gdb_regs.h)
 *   gdb_cmds.c     packet dispatch: registers, memory, run control
 *   gdb_query.c    q/Q packets: qSupported, qXfer, qRcmd, threads...
 *   gdb_points.c   Z/z breakpoints and watchpoints, stop replies
 *
 * Invariants: at most one client (conn_fd); every send to a client that
 * is gone is a no-op; the guest's run state only changes through packets
 * that ask for it (c, s, vCont, D, k, Ctrl-C) and connecting (which stops
 * the guest, as QEMU does).  waiting is true exactly while gdb expects a
 * stop reply.
 */
#ifndef T86_FRONTEND_GDBSTUB_INTERNAL_H
#define T86_FRONTEND_GDBSTUB_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontend/dbg.h"
#include "gdb_packet.h"

/** Breakpoints and watchpoints one client can hold at a time. */
enum { GDB_MAX_POINTS = 64 };

/** A breakpoint or watchpoint gdb inserted (Z packet) and the dbg ids. */
struct gdb_point {
    bool used;
    char type;          /**< '0'..'4' as in the Z packet */
    uint32_t addr, len; /**< linear address; kind (bp) or length (watch) */
    int ids[2];         /**< dbg ids; a watch crossing a page has two */
    uint32_t phys[2];   /**< watch: physical start of each part */
    int nids;
};

struct gdbstub {
    struct dbg *d;
    int listen_fd, conn_fd, port;
    bool noack;   /**< QStartNoAckMode accepted */
    bool waiting; /**< gdb waits for a stop reply */
    bool quit;    /**< k received: close after the reply */
    char *xml;    /**< target description */
    struct gdb_point points[GDB_MAX_POINTS];
    size_t last_len;                   /**< framed length of the last packet sent */
    char last[2 * GDB_PACKET_MAX + 8]; /**< last packet sent, for '-' */
    char out[GDB_PACKET_MAX + 1];      /**< reply payload being built */
    struct gdb_rx rx;
};

/** Send @n payload bytes as one packet (remembered for a resend). */
void gdb_send(struct gdbstub *s, const void *payload, size_t n);
/** Send a NUL-terminated payload. */
void gdb_send_str(struct gdbstub *s, const char *payload);
/** Drop the connection: remove the client's points, keep the run state. */
void gdb_disconnect(struct gdbstub *s);

/** Handle one received packet (@n bytes at @p, NUL-terminated). */
void gdb_handle_packet(struct gdbstub *s, const char *p, size_t n);
/** Handle a q or Q packet. */
void gdb_handle_query(struct gdbstub *s, const char *p, size_t n);
/** Handle Z (@insert) or z packets. */
void gdb_handle_point(struct gdbstub *s, const char *p, bool insert);
/** Remove every point the client inserted. */
void gdb_points_clear(struct gdbstub *s);
/** Send the stop reply for @st (GDB manual, "Stop Reply Packets"). */
void gdb_send_stop_reply(struct gdbstub *s, const struct dbg_stop *st);

#endif
