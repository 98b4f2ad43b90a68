/*
 * frontend/gdb_query.c - the GDB stub's q and Q packets: qSupported,
 * QStartNoAckMode, qXfer:features:read (the target description), qRcmd
 * (gdb's "monitor" command, run by dbg_command), and the single-thread
 * answers qC, qAttached, qOffsets, qfThreadInfo/qsThreadInfo.  GDB manual,
 * "GDB Remote Serial Protocol" > "General Query Packets".
 *
 * Invariants: queries never change the guest (qRcmd runs a monitor
 * command, which may; that is the user's request); unknown queries get
 * the empty reply.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdbstub_internal.h"

/* Output bytes per O packet of a monitor command. */
enum { RCMD_CHUNK = 1024 };

/* qXfer:features:read:ANNEX:OFFSET,LENGTH - only target.xml exists. */
static void query_features(struct gdbstub *s, const char *p)
{
    static const char annex[] = "target.xml:";
    uint32_t off, len;
    if (strncmp(p, annex, sizeof(annex) - 1)) {
        gdb_send_str(s, "E00");
        return;
    }
    p += sizeof(annex) - 1;
    if (!gdb_parse_hex32(&p, &off) || *p++ != ',' || !gdb_parse_hex32(&p, &len) || *p) {
        gdb_send_str(s, "E01");
        return;
    }
    size_t total = strlen(s->xml);
    if (off > total)
        off = (uint32_t)total;
    if (len > GDB_PACKET_MAX / 2)
        len = GDB_PACKET_MAX / 2; /* framing escapes may double the size */
    size_t n = total - off < len ? total - off : len;
    s->out[0] = off + n < total ? 'm' : 'l';
    memcpy(s->out + 1, s->xml + off, n);
    gdb_send(s, s->out, n + 1);
}

/* Send @n bytes of monitor output as hex-encoded O packets. */
static void send_console_output(struct gdbstub *s, const char *text, size_t n)
{
    for (size_t done = 0; done < n && s->conn_fd >= 0; done += RCMD_CHUNK) {
        size_t k = n - done < RCMD_CHUNK ? n - done : RCMD_CHUNK;
        s->out[0] = 'O';
        gdb_hex_encode(text + done, k, s->out + 1);
        gdb_send(s, s->out, 1 + 2 * k);
    }
}

/* qRcmd,HEX: run the decoded line as a console command. */
static void query_rcmd(struct gdbstub *s, const char *hex)
{
    size_t hn = strlen(hex);
    char line[GDB_PACKET_MAX / 2 + 1];
    if (hn % 2 || hn / 2 >= sizeof(line) || !gdb_hex_decode(hex, hn / 2, line) ||
        memchr(line, '\0', hn / 2)) {
        gdb_send_str(s, "E01");
        return;
    }
    line[hn / 2] = '\0';
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        gdb_send_str(s, "E01");
        return;
    }
    bool go_on = dbg_command(s->d, line, f);
    if (fclose(f) == 0)
        send_console_output(s, text, len);
    free(text);
    gdb_send_str(s, "OK");
    s->quit |= !go_on; /* "monitor quit": close as after k */
}

static void query_supported(struct gdbstub *s)
{
    char buf[160];
    snprintf(buf, sizeof(buf),
             "PacketSize=%x;qXfer:features:read+;vContSupported+;QStartNoAckMode+;"
             "swbreak+;hwbreak+",
             (unsigned)GDB_PACKET_MAX);
    gdb_send_str(s, buf);
}

/* Queries with a fixed answer for our one thread, one process. */
static const char *simple_answer(const char *p)
{
    static const struct {
        const char *q, *a;
        bool prefix;
    } answers[] = {
        {"qC", "QC1", false},
        {"qAttached", "1", true},
        {"qOffsets", "Text=0;Data=0;Bss=0", false},
        {"qfThreadInfo", "m1", false},
        {"qsThreadInfo", "l", false},
    };
    for (size_t i = 0; i < sizeof(answers) / sizeof(answers[0]); i++) {
        size_t n = strlen(answers[i].q);
        if (!strncmp(p, answers[i].q, n) && (p[n] == '\0' || (answers[i].prefix && p[n] == ':')))
            return answers[i].a;
    }
    return "";
}

void gdb_handle_query(struct gdbstub *s, const char *p, size_t n)
{
    if (strlen(p) != n) {
        gdb_send_str(s, ""); /* no query carries binary data */
    } else if (!strcmp(p, "qSupported") || !strncmp(p, "qSupported:", 11)) {
        query_supported(s);
    } else if (!strcmp(p, "QStartNoAckMode")) {
        gdb_send_str(s, "OK");
        s->noack = true;
    } else if (!strncmp(p, "qXfer:features:read:", 20)) {
        query_features(s, p + 20);
    } else if (!strncmp(p, "qRcmd,", 6)) {
        query_rcmd(s, p + 6);
    } else {
        gdb_send_str(s, simple_answer(p));
    }
}
