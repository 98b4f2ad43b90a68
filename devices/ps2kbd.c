/*
 * devices/ps2kbd.c - a PS/2 keyboard (see ps2kbd.h).
 *
 * Scan codes: sets 1 and 2 from the IBM PC AT and PS/2 Technical
 * References (set 2 is the keyboard's native set, set 1 what the 8042
 * delivers after translation), set 3 from the PS/2 reference's set 3
 * table.  Set 1 breaks set bit 7; sets 2 and 3 prefix 0xF0; extended keys
 * carry 0xE0 in sets 1 and 2.  Pause has no break code.
 *
 * Three queues, drained in this order: resp (command responses, which go
 * ahead of scan codes, as the keyboard answers a command before resuming
 * transmission), buf (the 16-byte scan code buffer) and ev (key events not
 * yet encoded).  An event is encoded only when its whole sequence fits in
 * buf, with the modifier state as it was then (for PrintScreen and Pause).
 *
 * Invariants: buf_len <= PS2KBD_BUF, resp_len <= PS2KBD_RESP, ev_len <=
 * PS2KBD_EVENTS; param is 0 or the command whose parameter comes next;
 * set is 1, 2 or 3.
 */
#include "ps2kbd.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum { PS2KBD_BUF = 16, PS2KBD_RESP = 4, PS2KBD_SEQ = 8 };

/* Bytes the keyboard sends. */
enum {
    KBD_ACK = 0xFA,
    KBD_RESEND = 0xFE,
    KBD_BAT_OK = 0xAA,
    KBD_ECHO = 0xEE,
    KBD_ID0 = 0xAB,
    KBD_ID1 = 0x83,
};

/* Typematic default: 10.9 characters/s after 500 ms. */
enum { KBD_TYPEMATIC_DEFAULT = 0x2B };

/* Modifier bits tracked for PrintScreen and Pause. */
enum { MOD_SHIFT = 1, MOD_CTRL = 2, MOD_ALT = 4 };

/* Event encoding in ev[]: key code, bit 7 = pressed. */
enum { EV_DOWN = 0x80 };

struct ps2kbd {
    uint8_t buf[PS2KBD_BUF];
    uint8_t buf_head, buf_len;
    uint8_t resp[PS2KBD_RESP];
    uint8_t resp_len;
    uint8_t ev[PS2KBD_EVENTS];
    uint16_t ev_head, ev_len;
    uint8_t set;   /**< scan code set 1..3 */
    bool scanning; /**< 0xF4 / 0xF5 */
    uint8_t leds;
    uint8_t typematic;
    uint8_t param;     /**< command awaiting its parameter, or 0 */
    uint8_t last_sent; /**< for 0xFE resend */
    uint8_t held[3];   /**< left/right pressed bits per MOD_* index (shift, ctrl, alt) */
    /* wiring, not state */
    struct ps2_host host;
};

const struct state_desc ps2kbd_state_desc = {
    "ps2kbd",
    1,
    sizeof(struct ps2kbd),
    (const struct state_field[]){
        STATE_FIELD(struct ps2kbd, buf, PS2KBD_BUF),
        STATE_FIELD(struct ps2kbd, buf_head, 1),
        STATE_FIELD(struct ps2kbd, buf_len, 1),
        STATE_FIELD(struct ps2kbd, resp, PS2KBD_RESP),
        STATE_FIELD(struct ps2kbd, resp_len, 1),
        STATE_FIELD(struct ps2kbd, ev, PS2KBD_EVENTS),
        STATE_FIELD(struct ps2kbd, ev_head, 1),
        STATE_FIELD(struct ps2kbd, ev_len, 1),
        STATE_FIELD(struct ps2kbd, set, 1),
        STATE_FIELD(struct ps2kbd, scanning, 1),
        STATE_FIELD(struct ps2kbd, leds, 1),
        STATE_FIELD(struct ps2kbd, typematic, 1),
        STATE_FIELD(struct ps2kbd, param, 1),
        STATE_FIELD(struct ps2kbd, last_sent, 1),
        STATE_FIELD(struct ps2kbd, held, 3),
    },
    15,
};

/* ---- scan code tables ----------------------------------------------------- */

/** One key: its code in sets 1, 2 and 3; ext = 0xE0 prefix in sets 1 and 2. */
struct keycodes {
    uint8_t s1, s2, s3;
    bool ext;
};

/* clang-format off */
static const struct keycodes keytab[T86_KEY_COUNT] = {
    [T86_KEY_A] = {0x1E, 0x1C, 0x1C}, [T86_KEY_B] = {0x30, 0x32, 0x32},
    [T86_KEY_C] = {0x2E, 0x21, 0x21}, [T86_KEY_D] = {0x20, 0x23, 0x23},
    [T86_KEY_E] = {0x12, 0x24, 0x24}, [T86_KEY_F] = {0x21, 0x2B, 0x2B},
    [T86_KEY_G] = {0x22, 0x34, 0x34}, [T86_KEY_H] = {0x23, 0x33, 0x33},
    [T86_KEY_I] = {0x17, 0x43, 0x43}, [T86_KEY_J] = {0x24, 0x3B, 0x3B},
    [T86_KEY_K] = {0x25, 0x42, 0x42}, [T86_KEY_L] = {0x26, 0x4B, 0x4B},
    [T86_KEY_M] = {0x32, 0x3A, 0x3A}, [T86_KEY_N] = {0x31, 0x31, 0x31},
    [T86_KEY_O] = {0x18, 0x44, 0x44}, [T86_KEY_P] = {0x19, 0x4D, 0x4D},
    [T86_KEY_Q] = {0x10, 0x15, 0x15}, [T86_KEY_R] = {0x13, 0x2D, 0x2D},
    [T86_KEY_S] = {0x1F, 0x1B, 0x1B}, [T86_KEY_T] = {0x14, 0x2C, 0x2C},
    [T86_KEY_U] = {0x16, 0x3C, 0x3C}, [T86_KEY_V] = {0x2F, 0x2A, 0x2A},
    [T86_KEY_W] = {0x11, 0x1D, 0x1D}, [T86_KEY_X] = {0x2D, 0x22, 0x22},
    [T86_KEY_Y] = {0x15, 0x35, 0x35}, [T86_KEY_Z] = {0x2C, 0x1A, 0x1A},
    [T86_KEY_1] = {0x02, 0x16, 0x16}, [T86_KEY_2] = {0x03, 0x1E, 0x1E},
    [T86_KEY_3] = {0x04, 0x26, 0x26}, [T86_KEY_4] = {0x05, 0x25, 0x25},
    [T86_KEY_5] = {0x06, 0x2E, 0x2E}, [T86_KEY_6] = {0x07, 0x36, 0x36},
    [T86_KEY_7] = {0x08, 0x3D, 0x3D}, [T86_KEY_8] = {0x09, 0x3E, 0x3E},
    [T86_KEY_9] = {0x0A, 0x46, 0x46}, [T86_KEY_0] = {0x0B, 0x45, 0x45},
    [T86_KEY_GRAVE] = {0x29, 0x0E, 0x0E}, [T86_KEY_MINUS] = {0x0C, 0x4E, 0x4E},
    [T86_KEY_EQUAL] = {0x0D, 0x55, 0x55}, [T86_KEY_LBRACKET] = {0x1A, 0x54, 0x54},
    [T86_KEY_RBRACKET] = {0x1B, 0x5B, 0x5B}, [T86_KEY_BACKSLASH] = {0x2B, 0x5D, 0x5C},
    [T86_KEY_SEMICOLON] = {0x27, 0x4C, 0x4C}, [T86_KEY_APOSTROPHE] = {0x28, 0x52, 0x52},
    [T86_KEY_COMMA] = {0x33, 0x41, 0x41}, [T86_KEY_DOT] = {0x34, 0x49, 0x49},
    [T86_KEY_SLASH] = {0x35, 0x4A, 0x4A}, [T86_KEY_102ND] = {0x56, 0x61, 0x13},
    [T86_KEY_F1] = {0x3B, 0x05, 0x07}, [T86_KEY_F2] = {0x3C, 0x06, 0x0F},
    [T86_KEY_F3] = {0x3D, 0x04, 0x17}, [T86_KEY_F4] = {0x3E, 0x0C, 0x1F},
    [T86_KEY_F5] = {0x3F, 0x03, 0x27}, [T86_KEY_F6] = {0x40, 0x0B, 0x2F},
    [T86_KEY_F7] = {0x41, 0x83, 0x37}, [T86_KEY_F8] = {0x42, 0x0A, 0x3F},
    [T86_KEY_F9] = {0x43, 0x01, 0x47}, [T86_KEY_F10] = {0x44, 0x09, 0x4F},
    [T86_KEY_F11] = {0x57, 0x78, 0x56}, [T86_KEY_F12] = {0x58, 0x07, 0x5E},
    [T86_KEY_ESC] = {0x01, 0x76, 0x08}, [T86_KEY_BACKSPACE] = {0x0E, 0x66, 0x66},
    [T86_KEY_TAB] = {0x0F, 0x0D, 0x0D}, [T86_KEY_ENTER] = {0x1C, 0x5A, 0x5A},
    [T86_KEY_SPACE] = {0x39, 0x29, 0x29}, [T86_KEY_CAPSLOCK] = {0x3A, 0x58, 0x14},
    [T86_KEY_LSHIFT] = {0x2A, 0x12, 0x12}, [T86_KEY_RSHIFT] = {0x36, 0x59, 0x59},
    [T86_KEY_LCTRL] = {0x1D, 0x14, 0x11}, [T86_KEY_RCTRL] = {0x1D, 0x14, 0x58, true},
    [T86_KEY_LALT] = {0x38, 0x11, 0x19}, [T86_KEY_RALT] = {0x38, 0x11, 0x39, true},
    [T86_KEY_LMETA] = {0x5B, 0x1F, 0x8B, true}, [T86_KEY_RMETA] = {0x5C, 0x27, 0x8C, true},
    [T86_KEY_MENU] = {0x5D, 0x2F, 0x8D, true}, [T86_KEY_INSERT] = {0x52, 0x70, 0x67, true},
    [T86_KEY_DELETE] = {0x53, 0x71, 0x64, true}, [T86_KEY_HOME] = {0x47, 0x6C, 0x6E, true},
    [T86_KEY_END] = {0x4F, 0x69, 0x65, true}, [T86_KEY_PAGEUP] = {0x49, 0x7D, 0x6F, true},
    [T86_KEY_PAGEDOWN] = {0x51, 0x7A, 0x6D, true}, [T86_KEY_UP] = {0x48, 0x75, 0x63, true},
    [T86_KEY_DOWN] = {0x50, 0x72, 0x60, true}, [T86_KEY_LEFT] = {0x4B, 0x6B, 0x61, true},
    [T86_KEY_RIGHT] = {0x4D, 0x74, 0x6A, true}, [T86_KEY_NUMLOCK] = {0x45, 0x77, 0x76},
    [T86_KEY_KP_SLASH] = {0x35, 0x4A, 0x77, true}, [T86_KEY_KP_STAR] = {0x37, 0x7C, 0x7E},
    [T86_KEY_KP_MINUS] = {0x4A, 0x7B, 0x84}, [T86_KEY_KP_PLUS] = {0x4E, 0x79, 0x7C},
    [T86_KEY_KP_ENTER] = {0x1C, 0x5A, 0x79, true}, [T86_KEY_KP_DOT] = {0x53, 0x71, 0x71},
    [T86_KEY_KP_0] = {0x52, 0x70, 0x70}, [T86_KEY_KP_1] = {0x4F, 0x69, 0x69},
    [T86_KEY_KP_2] = {0x50, 0x72, 0x72}, [T86_KEY_KP_3] = {0x51, 0x7A, 0x7A},
    [T86_KEY_KP_4] = {0x4B, 0x6B, 0x6B}, [T86_KEY_KP_5] = {0x4C, 0x73, 0x73},
    [T86_KEY_KP_6] = {0x4D, 0x74, 0x74}, [T86_KEY_KP_7] = {0x47, 0x6C, 0x6C},
    [T86_KEY_KP_8] = {0x48, 0x75, 0x75}, [T86_KEY_KP_9] = {0x49, 0x7D, 0x7D},
    [T86_KEY_SCROLLLOCK] = {0x46, 0x7E, 0x5F},
    /* sets 1 and 2 of these two are sequences (encode_special) */
    [T86_KEY_PRINTSCREEN] = {0x37, 0x7C, 0x57, true}, [T86_KEY_PAUSE] = {0x45, 0x77, 0x62},
};
/* clang-format on */

/* Codes of the Print Screen and Pause sequences: SysRq, Break (E0-prefixed). */
static const struct keycodes code_sysrq = {0x54, 0x84, 0x57, false};
static const struct keycodes code_break = {0x46, 0x7E, 0x62, true};
static const struct keycodes code_fake_shift = {0x2A, 0x12, 0x12, true};

/* ---- encoding ------------------------------------------------------------ */

/** A sequence under construction. */
struct seq {
    uint8_t b[PS2KBD_SEQ];
    unsigned n;
};

static void put(struct seq *s, uint8_t v)
{
    if (s->n < PS2KBD_SEQ)
        s->b[s->n++] = v;
}

/* Make (@down) or break of one key code in scan code set @set. */
static void emit(struct seq *s, unsigned set, const struct keycodes *c, bool down)
{
    if (set == 3) {
        if (!down)
            put(s, 0xF0);
        put(s, c->s3);
        return;
    }
    if (c->ext)
        put(s, 0xE0);
    if (set == 1) {
        put(s, down ? c->s1 : (uint8_t)(c->s1 | 0x80));
        return;
    }
    if (!down)
        put(s, 0xF0);
    put(s, c->s2);
}

static unsigned mods(const struct ps2kbd *k)
{
    return (k->held[0] ? MOD_SHIFT : 0) | (k->held[1] ? MOD_CTRL : 0) | (k->held[2] ? MOD_ALT : 0);
}

/* Print Screen: E0 12 E0 7C alone, E0 7C with Shift or Ctrl, SysRq with Alt. */
static void encode_printscreen(struct seq *s, unsigned set, unsigned m, bool down)
{
    const struct keycodes *c = &keytab[T86_KEY_PRINTSCREEN];
    if (m & MOD_ALT) {
        emit(s, set, &code_sysrq, down);
    } else if (m & (MOD_SHIFT | MOD_CTRL)) {
        emit(s, set, c, down);
    } else if (down) {
        emit(s, set, &code_fake_shift, true);
        emit(s, set, c, true);
    } else {
        emit(s, set, c, false);
        emit(s, set, &code_fake_shift, false);
    }
}

/* Pause: make only; E1 + Ctrl and NumLock make and break, Break with Ctrl. */
static void encode_pause(struct seq *s, unsigned set, unsigned m, bool down)
{
    if (!down)
        return;
    if (m & MOD_CTRL) {
        emit(s, set, &code_break, true);
        emit(s, set, &code_break, false);
        return;
    }
    put(s, 0xE1);
    emit(s, set, &keytab[T86_KEY_LCTRL], true);
    emit(s, set, &keytab[T86_KEY_NUMLOCK], true);
    put(s, 0xE1);
    emit(s, set, &keytab[T86_KEY_LCTRL], false);
    emit(s, set, &keytab[T86_KEY_NUMLOCK], false);
}

/* The bytes event @key/@down produces now. */
static void encode(const struct ps2kbd *k, enum t86_key key, bool down, struct seq *s)
{
    s->n = 0;
    if (k->set != 3 && key == T86_KEY_PRINTSCREEN)
        encode_printscreen(s, k->set, mods(k), down);
    else if (k->set != 3 && key == T86_KEY_PAUSE)
        encode_pause(s, k->set, mods(k), down);
    else
        emit(s, k->set, &keytab[key], down);
}

/* Track held modifiers (bit 0 = left key, bit 1 = right key). */
static void track_mods(struct ps2kbd *k, enum t86_key key, bool down)
{
    static const enum t86_key keys[3][2] = {
        {T86_KEY_LSHIFT, T86_KEY_RSHIFT},
        {T86_KEY_LCTRL, T86_KEY_RCTRL},
        {T86_KEY_LALT, T86_KEY_RALT},
    };
    for (unsigned i = 0; i < 3; i++) {
        for (unsigned side = 0; side < 2; side++) {
            if (keys[i][side] != key)
                continue;
            uint8_t bit = (uint8_t)(1u << side);
            k->held[i] = down ? (uint8_t)(k->held[i] | bit) : (uint8_t)(k->held[i] & ~bit);
        }
    }
}

/* ---- queues --------------------------------------------------------------- */

static void buf_push(struct ps2kbd *k, uint8_t v)
{
    k->buf[(k->buf_head + k->buf_len) % PS2KBD_BUF] = v;
    k->buf_len++;
}

/* Encode waiting key events while scanning and while their bytes fit. */
static void feed(struct ps2kbd *k)
{
    while (k->scanning && k->ev_len) {
        uint8_t e = k->ev[k->ev_head];
        enum t86_key key = (enum t86_key)(e & ~EV_DOWN);
        bool down = e & EV_DOWN;
        struct seq s;
        encode(k, key, down, &s);
        if (s.n > (unsigned)(PS2KBD_BUF - k->buf_len))
            return;
        for (unsigned i = 0; i < s.n; i++)
            buf_push(k, s.b[i]);
        track_mods(k, key, down);
        k->ev_head = (uint16_t)((k->ev_head + 1) % PS2KBD_EVENTS);
        k->ev_len--;
    }
}

/* Offer bytes to the host until it refuses one or nothing is left. */
static void pump(struct ps2kbd *k)
{
    for (;;) {
        if (k->resp_len) {
            if (!ps2_host_send(&k->host, k->resp[0]))
                return;
            k->last_sent = k->resp[0];
            memmove(k->resp, k->resp + 1, --k->resp_len);
            continue;
        }
        feed(k);
        if (!k->buf_len || !ps2_host_send(&k->host, k->buf[k->buf_head]))
            return;
        k->last_sent = k->buf[k->buf_head];
        k->buf_head = (uint8_t)((k->buf_head + 1) % PS2KBD_BUF);
        k->buf_len--;
    }
}

static void respond(struct ps2kbd *k, uint8_t v)
{
    if (k->resp_len < PS2KBD_RESP)
        k->resp[k->resp_len++] = v;
}

/* ---- commands ------------------------------------------------------------- */

/* Power-on defaults of the settable state (not the set, not the queues). */
static void defaults(struct ps2kbd *k)
{
    k->typematic = KBD_TYPEMATIC_DEFAULT;
    k->param = 0;
}

static void clear_buffer(struct ps2kbd *k)
{
    k->buf_len = 0;
}

/* The parameter byte of command @cmd. */
static void parameter(struct ps2kbd *k, uint8_t cmd, uint8_t v)
{
    switch (cmd) {
    case 0xED: k->leds = v & 7; break;
    case 0xF3: k->typematic = v & 0x7F; break;
    case 0xF0:
        if (v > 3) {
            respond(k, KBD_RESEND);
            k->param = cmd;
            return;
        }
        respond(k, KBD_ACK);
        if (v == 0)
            respond(k, k->set);
        else
            k->set = v;
        return;
    default: k->param = cmd; break; /* 0xFB-0xFD take key codes until a command */
    }
    respond(k, KBD_ACK);
}

static void command(struct ps2kbd *k, uint8_t cmd)
{
    switch (cmd) {
    case 0xED:
    case 0xF0:
    case 0xF3:
    case 0xFB:
    case 0xFC:
    case 0xFD:
        k->param = cmd;
        respond(k, KBD_ACK);
        break;
    case 0xEE: respond(k, KBD_ECHO); break;
    case 0xF2:
        respond(k, KBD_ACK);
        respond(k, KBD_ID0);
        respond(k, KBD_ID1);
        break;
    case 0xF4:
        clear_buffer(k);
        k->scanning = true;
        respond(k, KBD_ACK);
        break;
    case 0xF5:
        defaults(k);
        clear_buffer(k);
        k->scanning = false;
        respond(k, KBD_ACK);
        break;
    case 0xF6:
        defaults(k);
        clear_buffer(k);
        respond(k, KBD_ACK);
        break;
    case 0xF7:
    case 0xF8:
    case 0xF9:
    case 0xFA: respond(k, KBD_ACK); break;
    case 0xFE: respond(k, k->last_sent); break;
    case 0xFF:
        ps2kbd_reset(k);
        respond(k, KBD_ACK);
        respond(k, KBD_BAT_OK);
        break;
    default: respond(k, KBD_RESEND); break;
    }
}

/* A byte from the host (struct ps2_device.write). */
static void kbd_write(void *opaque, uint8_t v)
{
    struct ps2kbd *k = opaque;
    uint8_t cmd = k->param;
    k->resp_len = 0; /* a new byte from the host aborts an unsent answer */
    if (cmd && v < 0xED) {
        k->param = 0;
        parameter(k, cmd, v);
    } else {
        k->param = 0;
        command(k, v);
    }
    pump(k);
}

static void kbd_ready(void *opaque)
{
    pump(opaque);
}

/* ---- public API ------------------------------------------------------------ */

struct ps2kbd *ps2kbd_create(const struct ps2_host *host)
{
    struct ps2kbd *k = calloc(1, sizeof(*k));
    if (!k)
        return NULL;
    k->host = *host;
    ps2kbd_reset(k);
    return k;
}

struct ps2_device ps2kbd_device(struct ps2kbd *k)
{
    return (struct ps2_device){kbd_write, kbd_ready, k};
}

void ps2kbd_destroy(struct ps2kbd *k)
{
    free(k);
}

void ps2kbd_reset(struct ps2kbd *k)
{
    defaults(k);
    clear_buffer(k);
    k->resp_len = 0;
    k->set = 2;
    k->scanning = true;
    k->leds = 0;
    k->last_sent = 0;
    memset(k->held, 0, sizeof(k->held));
}

bool ps2kbd_key(struct ps2kbd *k, enum t86_key key, bool down)
{
    if (key <= T86_KEY_NONE || key >= T86_KEY_COUNT || k->ev_len == PS2KBD_EVENTS)
        return false;
    k->ev[(k->ev_head + k->ev_len) % PS2KBD_EVENTS] = (uint8_t)(key | (down ? EV_DOWN : 0));
    k->ev_len++;
    pump(k);
    return true;
}

uint8_t ps2kbd_leds(const struct ps2kbd *k)
{
    return k->leds;
}

/* ---- text ------------------------------------------------------------------ */

/* US layout: the unshifted and shifted symbol of each punctuation key. */
static const char sym_plain[] = "`-=[]\\;',./";
static const char sym_shift[] = "~_+{}|:\"<>?";
static const enum t86_key sym_key[] = {
    T86_KEY_GRAVE,    T86_KEY_MINUS,     T86_KEY_EQUAL,     T86_KEY_LBRACKET,
    T86_KEY_RBRACKET, T86_KEY_BACKSLASH, T86_KEY_SEMICOLON, T86_KEY_APOSTROPHE,
    T86_KEY_COMMA,    T86_KEY_DOT,       T86_KEY_SLASH,
};
static const char digit_shift[] = ")!@#$%^&*(";

/* The key typing printable @c (or Enter/Tab/Backspace/Esc); *@shift set
 * when it needs Shift.  T86_KEY_NONE if none. */
static enum t86_key char_key_plain(char c, bool *shift)
{
    static const enum t86_key digits[10] = {T86_KEY_0, T86_KEY_1, T86_KEY_2, T86_KEY_3, T86_KEY_4,
                                            T86_KEY_5, T86_KEY_6, T86_KEY_7, T86_KEY_8, T86_KEY_9};
    const char *p;
    *shift = false;
    if (c >= 'a' && c <= 'z')
        return (enum t86_key)(T86_KEY_A + (c - 'a'));
    if (c >= 'A' && c <= 'Z') {
        *shift = true;
        return (enum t86_key)(T86_KEY_A + (c - 'A'));
    }
    if (c >= '0' && c <= '9')
        return digits[c - '0'];
    switch (c) {
    case ' ': return T86_KEY_SPACE;
    case '\n':
    case '\r': return T86_KEY_ENTER;
    case '\t': return T86_KEY_TAB;
    case '\b': return T86_KEY_BACKSPACE;
    case 0x1B: return T86_KEY_ESC;
    case '\0': return T86_KEY_NONE;
    default: break;
    }
    if ((p = strchr(digit_shift, c)) != NULL) {
        *shift = true;
        return digits[p - digit_shift];
    }
    if ((p = strchr(sym_plain, c)) != NULL)
        return sym_key[p - sym_plain];
    if ((p = strchr(sym_shift, c)) != NULL) {
        *shift = true;
        return sym_key[p - sym_shift];
    }
    return T86_KEY_NONE;
}

/*
 * The key typing @c and the modifier held around it (Left Shift, Left Ctrl
 * for the control characters 0x01-0x1A that have no key of their own, or
 * T86_KEY_NONE); T86_KEY_NONE if no key types @c.
 */
static enum t86_key char_key(char c, enum t86_key *mod)
{
    bool shifted = false;
    enum t86_key key = char_key_plain(c, &shifted);
    *mod = shifted ? T86_KEY_LSHIFT : T86_KEY_NONE;
    if (key == T86_KEY_NONE && c >= 0x01 && c <= 0x1A) {
        *mod = T86_KEY_LCTRL;
        return (enum t86_key)(T86_KEY_A + (c - 0x01));
    }
    return key;
}

unsigned ps2kbd_type_text(struct ps2kbd *k, const char *text)
{
    unsigned typed = 0;
    for (; *text; text++) {
        enum t86_key mod;
        enum t86_key key = char_key(*text, &mod);
        if (key == T86_KEY_NONE)
            continue;
        if ((unsigned)(PS2KBD_EVENTS - k->ev_len) < (mod != T86_KEY_NONE ? 4u : 2u))
            break;
        if (mod != T86_KEY_NONE)
            ps2kbd_key(k, mod, true);
        ps2kbd_key(k, key, true);
        ps2kbd_key(k, key, false);
        if (mod != T86_KEY_NONE)
            ps2kbd_key(k, mod, false);
        typed++;
    }
    return typed;
}
