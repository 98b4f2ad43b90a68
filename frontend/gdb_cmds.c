/*
 * frontend/gdb_cmds.c - the GDB stub's packet dispatch and the packets for
 * registers (g G p P), memory (m M X) and run control (? c s C S vCont D k
 * H T).  GDB manual, "GDB Remote Serial Protocol" > "Packets".
 *
 * Invariants: a packet is parsed completely before anything changes, so a
 * malformed one (bad hex, wrong length, trailing garbage) gets an error
 * reply and changes nothing.  Addresses are linear, and $pc is EIP (not
 * CS.base + EIP), as QEMU's stub does.  Unknown packets get the empty
 * reply.
 */
#include <stdio.h>
#include <string.h>

#include "cpu/cpu_debug.h"
#include "gdb_regs.h"
#include "gdbstub_internal.h"

/* Error replies: E01 malformed packet, E0e (EFAULT) memory not mapped. */
static const char ERR_ARGS[] = "E01", ERR_FAULT[] = "E0e";

/* Parse "ADDR,LEN" at *@p (advancing past it). */
static bool parse_addr_len(const char **p, uint32_t *addr, uint32_t *len)
{
    return gdb_parse_hex32(p, addr) && *(*p)++ == ',' && gdb_parse_hex32(p, len);
}

static void cmd_read_regs(struct gdbstub *s)
{
    struct cpu_regs r;
    uint8_t v[GDB_REG_MAX_SIZE];
    size_t o = 0;
    cpu_get_regs(dbg_cpu(s->d), &r);
    for (int i = 0; i < GDB_NUM_REGS; i++) {
        unsigned n = gdb_reg_get(&r, i, v);
        gdb_hex_encode(v, n, s->out + o);
        o += 2 * n;
    }
    gdb_send(s, s->out, o);
}

static void cmd_write_regs(struct gdbstub *s, const char *hex, size_t n)
{
    struct cpu *c = dbg_cpu(s->d);
    struct cpu_regs r;
    uint8_t v[GDB_REG_MAX_SIZE];
    if (n != 2 * gdb_regs_total()) {
        gdb_send_str(s, ERR_ARGS);
        return;
    }
    cpu_get_regs(c, &r);
    for (int i = 0; i < GDB_NUM_REGS; i++) {
        unsigned size = gdb_reg_size(i);
        if (!gdb_hex_decode(hex, size, v) || !gdb_reg_set(c, &r, i, v)) {
            gdb_send_str(s, ERR_ARGS);
            return;
        }
        hex += 2 * size;
    }
    cpu_set_regs(c, &r);
    gdb_send_str(s, "OK");
}

static void cmd_read_reg(struct gdbstub *s, const char *p)
{
    struct cpu_regs r;
    uint8_t v[GDB_REG_MAX_SIZE];
    uint32_t n;
    if (!gdb_parse_hex32(&p, &n) || *p || n >= GDB_NUM_REGS) {
        gdb_send_str(s, ERR_ARGS);
        return;
    }
    cpu_get_regs(dbg_cpu(s->d), &r);
    unsigned size = gdb_reg_get(&r, (int)n, v);
    gdb_hex_encode(v, size, s->out);
    gdb_send(s, s->out, 2 * size);
}

static void cmd_write_reg(struct gdbstub *s, const char *p)
{
    struct cpu *c = dbg_cpu(s->d);
    struct cpu_regs r;
    uint8_t v[GDB_REG_MAX_SIZE];
    uint32_t n;
    bool ok = gdb_parse_hex32(&p, &n) && n < GDB_NUM_REGS && *p++ == '=';
    unsigned size = ok ? gdb_reg_size((int)n) : 0;
    ok = ok && strlen(p) == 2 * size && gdb_hex_decode(p, size, v);
    cpu_get_regs(c, &r);
    if (!ok || !gdb_reg_set(c, &r, (int)n, v)) {
        gdb_send_str(s, ERR_ARGS);
        return;
    }
    cpu_set_regs(c, &r);
    gdb_send_str(s, "OK");
}

static void cmd_read_mem(struct gdbstub *s, const char *p)
{
    uint32_t addr, len;
    uint8_t buf[GDB_PACKET_MAX / 2];
    if (!parse_addr_len(&p, &addr, &len) || *p) {
        gdb_send_str(s, ERR_ARGS);
        return;
    }
    if (len > sizeof(buf))
        len = sizeof(buf); /* gdb accepts a shorter reply */
    size_t got = cpu_debug_read(dbg_cpu(s->d), addr, true, buf, len);
    if (got == 0 && len) {
        gdb_send_str(s, ERR_FAULT);
        return;
    }
    gdb_hex_encode(buf, got, s->out);
    gdb_send(s, s->out, 2 * got);
}

/* M (hex) and X (binary) writes: "ADDR,LEN:DATA". */
static void cmd_write_mem(struct gdbstub *s, const char *p, size_t n, bool binary)
{
    const char *start = p;
    uint32_t addr, len;
    uint8_t buf[GDB_PACKET_MAX];
    if (!parse_addr_len(&p, &addr, &len) || *p++ != ':' || len > sizeof(buf)) {
        gdb_send_str(s, ERR_ARGS);
        return;
    }
    size_t left = n - (size_t)(p - start);
    bool ok = binary ? gdb_unescape(p, left, buf, sizeof(buf)) == (long)len
                     : left == 2 * (size_t)len && gdb_hex_decode(p, len, buf);
    if (!ok) {
        gdb_send_str(s, ERR_ARGS);
        return;
    }
    size_t put = len ? cpu_debug_write(dbg_cpu(s->d), addr, true, buf, len) : 0;
    gdb_send_str(s, put == len ? "OK" : ERR_FAULT);
}

/* Resume: step or continue, optionally from a new EIP. */
static void resume(struct gdbstub *s, bool step, bool has_addr, uint32_t addr)
{
    if (has_addr) {
        struct cpu_regs r;
        cpu_get_regs(dbg_cpu(s->d), &r);
        r.eip = addr;
        cpu_set_regs(dbg_cpu(s->d), &r);
    }
    s->waiting = true;
    if (step)
        dbg_step(s->d);
    else
        dbg_continue(s->d);
}

/* c [ADDR], s [ADDR], C SIG[;ADDR], S SIG[;ADDR]: signals are ignored. */
static void cmd_resume(struct gdbstub *s, const char *p, bool step, bool with_signal)
{
    uint32_t addr = 0, sig;
    if (with_signal && !gdb_parse_hex32(&p, &sig)) {
        gdb_send_str(s, ERR_ARGS);
        return;
    }
    if (with_signal && *p == ';')
        p++;
    bool has_addr = *p != '\0';
    if (has_addr && (!gdb_parse_hex32(&p, &addr) || *p)) {
        gdb_send_str(s, ERR_ARGS);
        return;
    }
    resume(s, step, has_addr, addr);
}

/* vCont;ACTION[:TID]...: one thread, so a step anywhere means step. */
static void cmd_vcont(struct gdbstub *s, const char *p)
{
    bool step = false, any = false;
    while (*p == ';') {
        char a = p[1];
        if (a != 'c' && a != 's' && a != 'C' && a != 'S') {
            gdb_send_str(s, ERR_ARGS);
            return;
        }
        step |= a == 's' || a == 'S';
        any = true;
        p = strchr(p + 1, ';');
        if (!p)
            break;
    }
    if (!any || (p && *p)) {
        gdb_send_str(s, ERR_ARGS);
        return;
    }
    resume(s, step, false, 0);
}

static void cmd_v(struct gdbstub *s, const char *p)
{
    if (!strcmp(p, "vCont?"))
        gdb_send_str(s, "vCont;c;C;s;S");
    else if (!strncmp(p, "vCont;", 6))
        cmd_vcont(s, p + 5);
    else
        gdb_send_str(s, ""); /* vMustReplyEmpty and everything else */
}

/* ?: the last stop, or wait for the one an attach or Ctrl-C asked for. */
static void cmd_stop_reason(struct gdbstub *s)
{
    if (!dbg_stopped(s->d)) {
        s->waiting = true;
        dbg_interrupt(s->d);
        return;
    }
    struct dbg_stop st = *dbg_last_stop(s->d);
    if (st.reason == DBG_STOP_NONE)
        st.reason = DBG_STOP_STEP; /* never ran (-S): "stopped, SIGTRAP" */
    gdb_send_stop_reply(s, &st);
}

/* D: remove our points, let the guest run, say goodbye. */
static void cmd_detach(struct gdbstub *s)
{
    gdb_points_clear(s);
    gdb_send_str(s, "OK");
    if (dbg_stopped(s->d))
        dbg_continue(s->d);
    gdb_disconnect(s);
}

/* Dispatch on the first byte of the three packet families that take
 * arguments after a letter; returns false when @p is none of them. */
static bool dispatch_arg(struct gdbstub *s, const char *p, size_t n)
{
    switch (p[0]) {
    case 'p': cmd_read_reg(s, p + 1); return true;
    case 'P': cmd_write_reg(s, p + 1); return true;
    case 'm': cmd_read_mem(s, p + 1); return true;
    case 'M': cmd_write_mem(s, p + 1, n - 1, false); return true;
    case 'X': cmd_write_mem(s, p + 1, n - 1, true); return true;
    case 'c': cmd_resume(s, p + 1, false, false); return true;
    case 's': cmd_resume(s, p + 1, true, false); return true;
    case 'C': cmd_resume(s, p + 1, false, true); return true;
    case 'S': cmd_resume(s, p + 1, true, true); return true;
    case 'Z': gdb_handle_point(s, p + 1, true); return true;
    case 'z': gdb_handle_point(s, p + 1, false); return true;
    case 'q':
    case 'Q': gdb_handle_query(s, p, n); return true;
    case 'v': cmd_v(s, p); return true;
    case 'H':
    case 'T': gdb_send_str(s, "OK"); return true; /* one thread */
    default: return false;
    }
}

void gdb_handle_packet(struct gdbstub *s, const char *p, size_t n)
{
    if (n == 0) {
        gdb_send_str(s, "");
        return;
    }
    if (n == 1 && p[0] == 'g')
        cmd_read_regs(s);
    else if (p[0] == 'G')
        cmd_write_regs(s, p + 1, n - 1);
    else if (n == 1 && p[0] == '?')
        cmd_stop_reason(s);
    else if (p[0] == 'D' && (n == 1 || p[1] == ';'))
        cmd_detach(s); /* "D;PID" too */
    else if (n == 1 && p[0] == 'k')
        s->quit = true; /* no reply (GDB manual, "Packets", 'k') */
    else if (!dispatch_arg(s, p, n))
        gdb_send_str(s, "");
}
