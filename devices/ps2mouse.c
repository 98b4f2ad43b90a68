/*
 * devices/ps2mouse.c - a PS/2 mouse with IntelliMouse wheel (see
 * ps2mouse.h; IBM PS/2 Hardware Interface Technical Reference, "Pointing
 * Device"; the 200-100-80 sample-rate sequence and packet byte 4 are from
 * Microsoft's IntelliMouse PS/2 protocol description).
 *
 * One output queue holds command responses and packets; any command
 * except Resend empties it first (the mouse stops transmitting to take a
 * command).  Counters dx, dy (PS/2 sense: up positive) and dz accumulate
 * movement until a packet takes at most one packet's worth of it.
 *
 * Invariants: q_len <= PS2MOUSE_Q; a packet enters the queue whole;
 * |dx|, |dy|, |dz| <= PS2MOUSE_MAX_COUNT; id is 0 or 3; param is 0 or the
 * command (0xE8, 0xF3) whose parameter comes next; a byte >= 0xE6 in its
 * place is taken as a command instead.
 */
#include "ps2mouse.h"

#include <stddef.h>
#include <stdlib.h>

enum { PS2MOUSE_Q = 32, PS2MOUSE_MAX_COUNT = 1 << 20 };

enum { MOUSE_ACK = 0xFA, MOUSE_RESEND = 0xFE, MOUSE_BAT_OK = 0xAA };

/* Status byte 0 bits (0xE9). */
enum {
    ST_RIGHT = 1,
    ST_MIDDLE = 2,
    ST_LEFT = 4,
    ST_SCALE21 = 0x10,
    ST_ENABLED = 0x20,
    ST_REMOTE = 0x40
};

/* Packet byte 0 bits. */
enum { PK_ALWAYS1 = 0x08, PK_XSIGN = 0x10, PK_YSIGN = 0x20, PK_XOVF = 0x40, PK_YOVF = 0x80 };

struct ps2mouse {
    uint8_t q[PS2MOUSE_Q];
    uint8_t q_head, q_len;
    int32_t dx, dy, dz;   /**< unreported movement */
    uint8_t buttons;      /**< held now */
    uint8_t sent_buttons; /**< in the last packet */
    uint8_t rate;         /**< samples per second */
    uint8_t resolution;   /**< 0..3: 1, 2, 4, 8 counts/mm */
    bool scale21;
    bool remote;
    bool reporting;
    bool wrap;
    uint8_t id;
    uint8_t rates[3]; /**< the last three sample rates set, oldest first */
    uint8_t param;
    uint8_t last_sent;
    /* wiring, not state */
    struct ps2_host host;
};

const struct state_desc ps2mouse_state_desc = {
    "ps2mouse",
    1,
    sizeof(struct ps2mouse),
    (const struct state_field[]){
        STATE_FIELD(struct ps2mouse, q, PS2MOUSE_Q),
        STATE_FIELD(struct ps2mouse, q_head, 1),
        STATE_FIELD(struct ps2mouse, q_len, 1),
        STATE_FIELD(struct ps2mouse, dx, 1),
        STATE_FIELD(struct ps2mouse, dy, 1),
        STATE_FIELD(struct ps2mouse, dz, 1),
        STATE_FIELD(struct ps2mouse, buttons, 1),
        STATE_FIELD(struct ps2mouse, sent_buttons, 1),
        STATE_FIELD(struct ps2mouse, rate, 1),
        STATE_FIELD(struct ps2mouse, resolution, 1),
        STATE_FIELD(struct ps2mouse, scale21, 1),
        STATE_FIELD(struct ps2mouse, remote, 1),
        STATE_FIELD(struct ps2mouse, reporting, 1),
        STATE_FIELD(struct ps2mouse, wrap, 1),
        STATE_FIELD(struct ps2mouse, id, 1),
        STATE_FIELD(struct ps2mouse, rates, 3),
        STATE_FIELD(struct ps2mouse, param, 1),
        STATE_FIELD(struct ps2mouse, last_sent, 1),
    },
    18,
};

/* ---- queue and packets ---------------------------------------------------- */

static void push(struct ps2mouse *m, uint8_t v)
{
    if (m->q_len < PS2MOUSE_Q) {
        m->q[(m->q_head + m->q_len) % PS2MOUSE_Q] = v;
        m->q_len++;
    }
}

static unsigned packet_size(const struct ps2mouse *m)
{
    return m->id == 3 ? 4 : 3;
}

static int32_t clamp(int32_t v, int32_t lo, int32_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Scaling 2:1 (stream mode only): 0 1 1 3 6 9, then twice the count. */
static int32_t scale21(int32_t v)
{
    static const int32_t small[6] = {0, 1, 1, 3, 6, 9};
    int32_t a = v < 0 ? -v : v;
    int32_t s = a < 6 ? small[a] : 2 * a;
    return v < 0 ? -s : s;
}

/* Byte 0 sign and overflow bits for a 9-bit count, which it clamps. */
static uint8_t axis_bits(int32_t *v, uint8_t sign, uint8_t ovf)
{
    uint8_t bits = 0;
    if (*v < -256 || *v > 255) {
        bits |= ovf;
        *v = clamp(*v, -256, 255);
    }
    return *v < 0 ? (uint8_t)(bits | sign) : bits;
}

/* Queue one packet taking at most one packet's worth of the counters. */
static void make_packet(struct ps2mouse *m, bool stream)
{
    int32_t x = clamp(m->dx, -256, 255), y = clamp(m->dy, -256, 255);
    int32_t z = m->id == 3 ? clamp(m->dz, -8, 7) : 0;
    m->dx -= x;
    m->dy -= y;
    m->dz = m->id == 3 ? m->dz - z : 0;
    if (stream && m->scale21) {
        x = scale21(x);
        y = scale21(y);
    }
    uint8_t b0 = (uint8_t)(PK_ALWAYS1 | (m->buttons & 7));
    b0 |= axis_bits(&x, PK_XSIGN, PK_XOVF);
    b0 |= axis_bits(&y, PK_YSIGN, PK_YOVF);
    push(m, b0);
    push(m, (uint8_t)(x & 0xFF));
    push(m, (uint8_t)(y & 0xFF));
    if (m->id == 3)
        push(m, (uint8_t)(z & 0xFF));
    m->sent_buttons = m->buttons;
}

static bool streaming(const struct ps2mouse *m)
{
    return m->reporting && !m->remote && !m->wrap;
}

static bool has_news(const struct ps2mouse *m)
{
    return m->dx || m->dy || m->dz || m->buttons != m->sent_buttons;
}

/* Offer bytes to the host until it refuses one; build packets on the way. */
static void pump(struct ps2mouse *m)
{
    for (;;) {
        if (!m->q_len && streaming(m) && has_news(m))
            make_packet(m, true);
        if (!m->q_len || !ps2_host_send(&m->host, m->q[m->q_head]))
            return;
        m->last_sent = m->q[m->q_head];
        m->q_head = (uint8_t)((m->q_head + 1) % PS2MOUSE_Q);
        m->q_len--;
    }
}

/* ---- commands ------------------------------------------------------------- */

static void clear_counters(struct ps2mouse *m)
{
    m->dx = m->dy = m->dz = 0;
    m->sent_buttons = m->buttons;
}

static void defaults(struct ps2mouse *m)
{
    m->rate = 100;
    m->resolution = 2;
    m->scale21 = false;
    m->remote = false;
    m->reporting = false;
    m->param = 0;
    clear_counters(m);
}

static void status_bytes(struct ps2mouse *m)
{
    uint8_t s = (m->buttons & PS2MOUSE_LEFT ? ST_LEFT : 0) |
                (m->buttons & PS2MOUSE_MIDDLE ? ST_MIDDLE : 0) |
                (m->buttons & PS2MOUSE_RIGHT ? ST_RIGHT : 0);
    s |= (m->scale21 ? ST_SCALE21 : 0) | (m->reporting ? ST_ENABLED : 0) |
         (m->remote ? ST_REMOTE : 0);
    push(m, s);
    push(m, m->resolution);
    push(m, m->rate);
}

/* 0xF3's parameter; 200, 100, 80 in a row selects the wheel mouse. */
static void set_rate(struct ps2mouse *m, uint8_t v)
{
    m->rate = v;
    m->rates[0] = m->rates[1];
    m->rates[1] = m->rates[2];
    m->rates[2] = v;
    if (m->rates[0] == 200 && m->rates[1] == 100 && m->rates[2] == 80)
        m->id = 3;
}

static void parameter(struct ps2mouse *m, uint8_t cmd, uint8_t v)
{
    if (cmd == 0xE8 && v > 3) {
        push(m, MOUSE_RESEND);
        m->param = cmd;
        return;
    }
    push(m, MOUSE_ACK);
    if (cmd == 0xE8)
        m->resolution = v;
    else
        set_rate(m, v);
}

/* Commands that only change a mode, after their ACK. */
static bool mode_command(struct ps2mouse *m, uint8_t cmd)
{
    switch (cmd) {
    case 0xE6: m->scale21 = false; return true;
    case 0xE7: m->scale21 = true; return true;
    case 0xEA:
        m->remote = false;
        clear_counters(m);
        return true;
    case 0xEC: m->wrap = false; return true;
    case 0xEE:
        m->wrap = true;
        clear_counters(m);
        return true;
    case 0xF0:
        m->remote = true;
        clear_counters(m);
        return true;
    case 0xF4:
        m->reporting = true;
        clear_counters(m);
        return true;
    case 0xF5:
        m->reporting = false;
        clear_counters(m);
        return true;
    case 0xF6: defaults(m); return true;
    default: return false;
    }
}

static void command(struct ps2mouse *m, uint8_t cmd)
{
    switch (cmd) {
    case 0xE8:
    case 0xF3:
        push(m, MOUSE_ACK);
        m->param = cmd;
        return;
    case 0xE9:
        push(m, MOUSE_ACK);
        status_bytes(m);
        return;
    case 0xEB:
        push(m, MOUSE_ACK);
        make_packet(m, false);
        return;
    case 0xF2:
        push(m, MOUSE_ACK);
        push(m, m->id);
        return;
    case 0xFE: push(m, m->last_sent); return;
    case 0xFF:
        ps2mouse_reset(m);
        push(m, MOUSE_ACK);
        push(m, MOUSE_BAT_OK);
        push(m, 0x00);
        return;
    default: break;
    }
    if (mode_command(m, cmd))
        push(m, MOUSE_ACK);
    else
        push(m, MOUSE_RESEND);
}

/* A byte from the host (struct ps2_device.write). */
static void mouse_write(void *opaque, uint8_t v)
{
    struct ps2mouse *m = opaque;
    uint8_t cmd = m->param;
    if (v != 0xFE)
        m->q_len = 0; /* the host interrupts any transmission */
    m->param = 0;
    if (cmd && v < 0xE6) /* rates and resolutions are below every command */
        parameter(m, cmd, v);
    else if (m->wrap && v != 0xEC && v != 0xFF)
        push(m, v); /* wrap mode echoes */
    else
        command(m, v);
    pump(m);
}

static void mouse_ready(void *opaque)
{
    pump(opaque);
}

/* ---- public API ------------------------------------------------------------ */

struct ps2mouse *ps2mouse_create(const struct ps2_host *host)
{
    struct ps2mouse *m = calloc(1, sizeof(*m));
    if (!m)
        return NULL;
    m->host = *host;
    ps2mouse_reset(m);
    return m;
}

struct ps2_device ps2mouse_device(struct ps2mouse *m)
{
    return (struct ps2_device){mouse_write, mouse_ready, m};
}

void ps2mouse_destroy(struct ps2mouse *m)
{
    free(m);
}

void ps2mouse_reset(struct ps2mouse *m)
{
    m->q_len = 0;
    m->q_head = 0;
    m->id = 0;
    m->wrap = false;
    m->rates[0] = m->rates[1] = m->rates[2] = 0;
    m->last_sent = 0;
    defaults(m);
}

void ps2mouse_move(struct ps2mouse *m, int dx, int dy, int dz, unsigned buttons)
{
    m->dx = clamp(m->dx + clamp(dx, -PS2MOUSE_MAX_COUNT, PS2MOUSE_MAX_COUNT), -PS2MOUSE_MAX_COUNT,
                  PS2MOUSE_MAX_COUNT);
    m->dy = clamp(m->dy - clamp(dy, -PS2MOUSE_MAX_COUNT, PS2MOUSE_MAX_COUNT), -PS2MOUSE_MAX_COUNT,
                  PS2MOUSE_MAX_COUNT);
    m->dz = clamp(m->dz + clamp(dz, -PS2MOUSE_MAX_COUNT, PS2MOUSE_MAX_COUNT), -PS2MOUSE_MAX_COUNT,
                  PS2MOUSE_MAX_COUNT);
    uint8_t b = (uint8_t)(buttons & 7);
    /* A button change gets its own packet now, so a click between two
       host reads is not coalesced away. */
    if (b != m->buttons) {
        m->buttons = b;
        if (streaming(m) && (unsigned)(PS2MOUSE_Q - m->q_len) >= packet_size(m))
            make_packet(m, true);
    }
    pump(m);
}
