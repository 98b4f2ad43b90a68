/*
 * tests/device/test_ps2kbd.c - the PS/2 keyboard and mouse, driven only
 * through the 8042's ports (0x60, 0x64; mouse bytes through command 0xD4)
 * with translation off, so the devices' own bytes are seen: set 2 make /
 * break sequences, command responses, mouse packets.  Key presses and
 * mouse motion are the user's input (ps2kbd_key, ps2kbd_type_text,
 * ps2mouse_move).  The mouse lives here too: it shares the rig.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "board/bus.h"
#include "devices/i8042.h"
#include "devices/ps2kbd.h"
#include "devices/ps2mouse.h"

struct rig {
    struct bus *io;
    struct i8042 *kc;
    struct ps2kbd *kbd;
    struct ps2mouse *mouse;
    bool irq[PS2_PORTS];
    unsigned rises[PS2_PORTS], falls[PS2_PORTS];
    int a20_calls, resets;
    bool a20;
};

static void record_irq(void *opaque, unsigned n, bool level)
{
    struct rig *r = opaque;
    if (level && !r->irq[n])
        r->rises[n]++;
    if (!level && r->irq[n])
        r->falls[n]++;
    r->irq[n] = level;
}

static void set_a20(void *o, bool en)
{
    struct rig *r = o;
    r->a20_calls++;
    r->a20 = en;
}

static void do_reset(void *o)
{
    ((struct rig *)o)->resets++;
}

static void rig_init(struct rig *r, bool devices)
{
    memset(r, 0, sizeof(*r));
    r->io = bus_create("port", NULL, CPU_LOG_UNIMP);
    struct i8042_wiring w = {set_a20, do_reset, r};
    struct irq_line irq[PS2_PORTS] = {irq_line_make(record_irq, r, 0),
                                      irq_line_make(record_irq, r, 1)};
    r->kc = i8042_create(r->io, &w, irq);
    ck_assert_ptr_nonnull(r->kc);
    if (!devices)
        return;
    struct ps2_host hk = i8042_host(r->kc, PS2_PORT_KBD), ha = i8042_host(r->kc, PS2_PORT_AUX);
    r->kbd = ps2kbd_create(&hk);
    r->mouse = ps2mouse_create(&ha);
    ck_assert_ptr_nonnull(r->kbd);
    ck_assert_ptr_nonnull(r->mouse);
    struct ps2_device dk = ps2kbd_device(r->kbd), dm = ps2mouse_device(r->mouse);
    i8042_attach(r->kc, PS2_PORT_KBD, &dk);
    i8042_attach(r->kc, PS2_PORT_AUX, &dm);
}

static void rig_free(struct rig *r)
{
    i8042_destroy(r->kc);
    ps2kbd_destroy(r->kbd);
    ps2mouse_destroy(r->mouse);
    bus_destroy(r->io);
}

static void cmd(struct rig *r, uint8_t v)
{
    bus_write(r->io, I8042_CMD_PORT, v, 1);
}
static void wdata(struct rig *r, uint8_t v)
{
    bus_write(r->io, I8042_DATA_PORT, v, 1);
}
static uint8_t status(struct rig *r)
{
    return (uint8_t)bus_read(r->io, I8042_CMD_PORT, 1);
}
static uint8_t rdata(struct rig *r)
{
    return (uint8_t)bus_read(r->io, I8042_DATA_PORT, 1);
}

static void set_cmdbyte(struct rig *r, uint8_t v)
{
    cmd(r, 0x60);
    wdata(r, v);
}

static void tap(struct rig *r, enum t86_key k)
{
    ps2kbd_key(r->kbd, k, true);
    ps2kbd_key(r->kbd, k, false);
}

/* Read exactly @n bytes from port 0x60, each flagged @aux in AUXB. */
static void expect_bytes(struct rig *r, bool aux, const uint8_t *b, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        uint8_t s = status(r);
        ck_assert_msg(s & I8042_STAT_OBF, "byte %u of %u (0x%02x) missing", i, n, b[i]);
        ck_assert_msg(((s & I8042_STAT_AUXB) != 0) == aux, "byte %u: AUXB %d", i, !aux);
        uint8_t v = rdata(r);
        ck_assert_msg(v == b[i], "byte %u: got 0x%02x, want 0x%02x", i, v, b[i]);
    }
    ck_assert_msg(!(status(r) & I8042_STAT_OBF), "extra byte 0x%02x", rdata(r));
}

#define EXPECT(r, aux, ...)                                                                        \
    expect_bytes(r, aux, (const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}))

/* Read everything waiting into @out (kbd and aux bytes separately). */
static unsigned drain(struct rig *r, uint8_t *kbd, unsigned *nk, uint8_t *aux, unsigned *na)
{
    unsigned n = 0;
    while (status(r) & I8042_STAT_OBF) {
        bool is_aux = status(r) & I8042_STAT_AUXB;
        uint8_t v = rdata(r);
        if (is_aux)
            aux[(*na)++] = v;
        else
            kbd[(*nk)++] = v;
        n++;
    }
    return n;
}

static void mouse(struct rig *r, uint8_t v)
{
    cmd(r, 0xD4);
    wdata(r, v);
}

static void press(struct rig *r, enum t86_key k)
{
    ps2kbd_key(r->kbd, k, true);
}
static void release(struct rig *r, enum t86_key k)
{
    ps2kbd_key(r->kbd, k, false);
}

/* ---- keyboard ------------------------------------------------------------- */

START_TEST(test_ps2kbd_reset_acks_and_self_test_aa)
{
    struct rig r;
    rig_init(&r, true);
    wdata(&r, 0xF0);
    wdata(&r, 0x03);
    EXPECT(&r, false, 0xFA, 0xFA);
    wdata(&r, 0xFF);
    EXPECT(&r, false, 0xFA, 0xAA);
    wdata(&r, 0xF0);
    wdata(&r, 0x00);
    EXPECT(&r, false, 0xFA, 0xFA, 0x02); /* reset restored set 2 */
    rig_free(&r);
}
END_TEST

START_TEST(test_ps2kbd_make_break_set2)
{
    struct rig r;
    rig_init(&r, true);
    set_cmdbyte(&r, I8042_CB_KBD_INT);
    tap(&r, T86_KEY_Z);
    ck_assert(r.irq[0]);
    EXPECT(&r, false, 0x1A, 0xF0, 0x1A);
    ck_assert_uint_eq(r.rises[0], 3);
    tap(&r, T86_KEY_F7);
    EXPECT(&r, false, 0x83, 0xF0, 0x83);
    tap(&r, T86_KEY_KP_5);
    EXPECT(&r, false, 0x73, 0xF0, 0x73);
    rig_free(&r);
}
END_TEST

START_TEST(test_ps2kbd_extended_key_sequences)
{
    struct rig r;
    rig_init(&r, true);
    tap(&r, T86_KEY_RIGHT);
    EXPECT(&r, false, 0xE0, 0x74, 0xE0, 0xF0, 0x74);
    tap(&r, T86_KEY_RCTRL);
    EXPECT(&r, false, 0xE0, 0x14, 0xE0, 0xF0, 0x14);
    tap(&r, T86_KEY_RALT);
    EXPECT(&r, false, 0xE0, 0x11, 0xE0, 0xF0, 0x11);
    tap(&r, T86_KEY_KP_ENTER);
    EXPECT(&r, false, 0xE0, 0x5A, 0xE0, 0xF0, 0x5A);
    tap(&r, T86_KEY_KP_SLASH);
    EXPECT(&r, false, 0xE0, 0x4A, 0xE0, 0xF0, 0x4A);
    tap(&r, T86_KEY_LMETA);
    EXPECT(&r, false, 0xE0, 0x1F, 0xE0, 0xF0, 0x1F);
    tap(&r, T86_KEY_DELETE);
    EXPECT(&r, false, 0xE0, 0x71, 0xE0, 0xF0, 0x71);
    tap(&r, T86_KEY_PRINTSCREEN);
    EXPECT(&r, false, 0xE0, 0x12, 0xE0, 0x7C, 0xE0, 0xF0, 0x7C, 0xE0, 0xF0, 0x12);
    press(&r, T86_KEY_LSHIFT);
    tap(&r, T86_KEY_PRINTSCREEN); /* with Shift: no fake shift */
    release(&r, T86_KEY_LSHIFT);
    EXPECT(&r, false, 0x12, 0xE0, 0x7C, 0xE0, 0xF0, 0x7C, 0xF0, 0x12);
    press(&r, T86_KEY_RALT);
    tap(&r, T86_KEY_PRINTSCREEN); /* Alt+PrintScreen is SysRq */
    release(&r, T86_KEY_RALT);
    EXPECT(&r, false, 0xE0, 0x11, 0x84, 0xF0, 0x84, 0xE0, 0xF0, 0x11);
    rig_free(&r);
}
END_TEST

START_TEST(test_ps2kbd_pause_sequence)
{
    struct rig r;
    rig_init(&r, true);
    press(&r, T86_KEY_PAUSE);
    EXPECT(&r, false, 0xE1, 0x14, 0x77, 0xE1, 0xF0, 0x14, 0xF0, 0x77);
    release(&r, T86_KEY_PAUSE); /* no break code */
    ck_assert_uint_eq(status(&r) & I8042_STAT_OBF, 0);
    press(&r, T86_KEY_LCTRL);
    tap(&r, T86_KEY_PAUSE); /* Ctrl+Pause is Break */
    release(&r, T86_KEY_LCTRL);
    EXPECT(&r, false, 0x14, 0xE0, 0x7E, 0xE0, 0xF0, 0x7E, 0xF0, 0x14);
    rig_free(&r);
}
END_TEST

START_TEST(test_ps2kbd_type_text_with_shift)
{
    struct rig r;
    rig_init(&r, true);
    ck_assert_uint_eq(ps2kbd_type_text(r.kbd, "Ab!\n"), 4);
    EXPECT(&r, false, 0x12, 0x1C, 0xF0, 0x1C, 0xF0, 0x12, /* A */
           0x32, 0xF0, 0x32,                              /* b */
           0x12, 0x16, 0xF0, 0x16, 0xF0, 0x12,            /* ! */
           0x5A, 0xF0, 0x5A);                             /* Enter */
    /* ^A is Ctrl+A; DEL (0x7F) types nothing and is skipped */
    ck_assert_uint_eq(ps2kbd_type_text(r.kbd, "\x01\x7f:"), 2);
    EXPECT(&r, false, 0x14, 0x1C, 0xF0, 0x1C, 0xF0, 0x14, /* Ctrl+A */
           0x12, 0x4C, 0xF0, 0x4C, 0xF0, 0x12);           /* : */
    rig_free(&r);
}
END_TEST

/* More text than the 16-byte buffer holds arrives whole, in order. */
START_TEST(test_ps2kbd_long_text_is_not_lost)
{
    struct rig r;
    rig_init(&r, true);
    const char *text = "ver /? 0123456789 the quick brown fox";
    ck_assert_uint_eq(ps2kbd_type_text(r.kbd, text), strlen(text));
    uint8_t k[512], a[8];
    unsigned nk = 0, na = 0;
    drain(&r, k, &nk, a, &na);
    unsigned makes = 0, shifts = 0;
    for (unsigned i = 0; i < nk; i++) {
        if (k[i] == 0xF0) {
            i++;
            continue;
        }
        if (k[i] == 0x12)
            shifts++;
        else
            makes++;
    }
    ck_assert_uint_eq(makes, strlen(text));
    ck_assert_uint_eq(shifts, 1); /* '?' */
    ck_assert_uint_eq(nk, 3 * strlen(text) + 3);
    rig_free(&r);
}
END_TEST

START_TEST(test_ps2kbd_identify_echo_resend)
{
    struct rig r;
    rig_init(&r, true);
    wdata(&r, 0xF2);
    EXPECT(&r, false, 0xFA, 0xAB, 0x83);
    wdata(&r, 0xEE);
    EXPECT(&r, false, 0xEE);
    tap(&r, T86_KEY_X);
    EXPECT(&r, false, 0x22, 0xF0, 0x22);
    wdata(&r, 0xFE);
    EXPECT(&r, false, 0x22);
    wdata(&r, 0x01); /* not a command */
    EXPECT(&r, false, 0xFE);
    rig_free(&r);
}
END_TEST

START_TEST(test_ps2kbd_scancode_set_select)
{
    struct rig r;
    rig_init(&r, true);
    wdata(&r, 0xF0);
    wdata(&r, 0x01);
    EXPECT(&r, false, 0xFA, 0xFA);
    tap(&r, T86_KEY_A);
    tap(&r, T86_KEY_HOME);
    EXPECT(&r, false, 0x1E, 0x9E, 0xE0, 0x47, 0xE0, 0xC7);
    wdata(&r, 0xF0);
    wdata(&r, 0x03);
    EXPECT(&r, false, 0xFA, 0xFA);
    tap(&r, T86_KEY_A);
    tap(&r, T86_KEY_HOME);
    tap(&r, T86_KEY_LCTRL);
    EXPECT(&r, false, 0x1C, 0xF0, 0x1C, 0x6E, 0xF0, 0x6E, 0x11, 0xF0, 0x11);
    wdata(&r, 0xF0);
    wdata(&r, 0x00);
    EXPECT(&r, false, 0xFA, 0xFA, 0x03);
    wdata(&r, 0xF0);
    wdata(&r, 0x07); /* no such set */
    EXPECT(&r, false, 0xFA, 0xFE);
    wdata(&r, 0x02);
    EXPECT(&r, false, 0xFA);
    tap(&r, T86_KEY_A);
    EXPECT(&r, false, 0x1C, 0xF0, 0x1C);
    rig_free(&r);
}
END_TEST

START_TEST(test_ps2kbd_disable_holds_keys_until_enable)
{
    struct rig r;
    rig_init(&r, true);
    wdata(&r, 0xF5);
    EXPECT(&r, false, 0xFA);
    tap(&r, T86_KEY_A);
    ck_assert_uint_eq(status(&r) & I8042_STAT_OBF, 0);
    wdata(&r, 0xF4);
    EXPECT(&r, false, 0xFA, 0x1C, 0xF0, 0x1C);
    rig_free(&r);
}
END_TEST

START_TEST(test_ps2kbd_leds_and_typematic_take_parameters)
{
    struct rig r;
    rig_init(&r, true);
    wdata(&r, 0xED);
    EXPECT(&r, false, 0xFA);
    wdata(&r, PS2KBD_LED_CAPS | PS2KBD_LED_SCROLL);
    EXPECT(&r, false, 0xFA);
    ck_assert_uint_eq(ps2kbd_leds(r.kbd), 5);
    wdata(&r, 0xF3);
    EXPECT(&r, false, 0xFA);
    wdata(&r, 0x7F);
    EXPECT(&r, false, 0xFA);
    wdata(&r, 0xED);
    wdata(&r, 0xF4); /* a command instead of the parameter */
    EXPECT(&r, false, 0xFA, 0xFA);
    ck_assert_uint_eq(ps2kbd_leds(r.kbd), 5);
    wdata(&r, 0x02); /* the parameter was abandoned: not a command now */
    EXPECT(&r, false, 0xFE);
    rig_free(&r);
}
END_TEST

/* ---- mouse ------------------------------------------------------------------ */

START_TEST(test_ps2mouse_reset_sends_aa_00)
{
    struct rig r;
    rig_init(&r, true);
    mouse(&r, 0xFF);
    EXPECT(&r, true, 0xFA, 0xAA, 0x00);
    mouse(&r, 0xF2);
    EXPECT(&r, true, 0xFA, 0x00);
    ps2mouse_move(r.mouse, 5, 5, 0, 0); /* reporting is off after reset */
    ck_assert_uint_eq(status(&r) & I8042_STAT_OBF, 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_ps2mouse_packet_format)
{
    struct rig r;
    rig_init(&r, true);
    mouse(&r, 0xF4);
    EXPECT(&r, true, 0xFA);
    ps2mouse_move(r.mouse, 5, -3, 0, PS2MOUSE_LEFT); /* up 3 */
    EXPECT(&r, true, 0x09, 0x05, 0x03);
    ps2mouse_move(r.mouse, -2, 4, 0, PS2MOUSE_MIDDLE);
    EXPECT(&r, true, 0x3C, 0xFE, 0xFC);
    ps2mouse_move(r.mouse, 300, 0, 5, PS2MOUSE_MIDDLE); /* split; no wheel at type 0 */
    EXPECT(&r, true, 0x0C, 0xFF, 0x00, 0x0C, 0x2D, 0x00);
    ps2mouse_move(r.mouse, 0, 256, 0, 0);
    EXPECT(&r, true, 0x28, 0x00, 0x00); /* -256: sign bit, low byte 0 */
    mouse(&r, 0xF5);
    EXPECT(&r, true, 0xFA);
    ps2mouse_move(r.mouse, 1, 1, 0, 0);
    ck_assert_uint_eq(status(&r) & I8042_STAT_OBF, 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_ps2mouse_intellimouse_knock_gives_id3)
{
    struct rig r;
    rig_init(&r, true);
    static const uint8_t wrong[3] = {200, 80, 100}, knock[3] = {200, 100, 80};
    for (unsigned i = 0; i < 3; i++) {
        mouse(&r, 0xF3);
        mouse(&r, wrong[i]);
        EXPECT(&r, true, 0xFA, 0xFA);
    }
    mouse(&r, 0xF2);
    EXPECT(&r, true, 0xFA, 0x00);
    for (unsigned i = 0; i < 3; i++) {
        mouse(&r, 0xF3);
        mouse(&r, knock[i]);
        EXPECT(&r, true, 0xFA, 0xFA);
    }
    mouse(&r, 0xF2);
    EXPECT(&r, true, 0xFA, 0x03);
    mouse(&r, 0xF4);
    EXPECT(&r, true, 0xFA);
    ps2mouse_move(r.mouse, 1, 0, 2, 0);
    EXPECT(&r, true, 0x08, 0x01, 0x00, 0x02);
    ps2mouse_move(r.mouse, 0, 0, -20, 0);
    EXPECT(&r, true, 0x08, 0x00, 0x00, 0xF8, 0x08, 0x00, 0x00, 0xF8, 0x08, 0x00, 0x00, 0xFC);
    mouse(&r, 0xFF);
    EXPECT(&r, true, 0xFA, 0xAA, 0x00);
    mouse(&r, 0xF2);
    EXPECT(&r, true, 0xFA, 0x00); /* reset returns to type 0 */
    rig_free(&r);
}
END_TEST

START_TEST(test_ps2mouse_status_request_reports_settings)
{
    struct rig r;
    rig_init(&r, true);
    mouse(&r, 0xE9);
    EXPECT(&r, true, 0xFA, 0x00, 0x02, 100);
    static const uint8_t setup[] = {0xE7, 0xE8, 0x03, 0xF3, 40, 0xF4};
    for (unsigned i = 0; i < sizeof(setup); i++) {
        mouse(&r, setup[i]);
        EXPECT(&r, true, 0xFA);
    }
    ps2mouse_move(r.mouse, 0, 0, 0, PS2MOUSE_LEFT | PS2MOUSE_RIGHT);
    EXPECT(&r, true, 0x0B, 0x00, 0x00);
    mouse(&r, 0xE9);
    EXPECT(&r, true, 0xFA, 0x35, 0x03, 40);
    mouse(&r, 0xE8);
    mouse(&r, 0x09); /* no such resolution */
    EXPECT(&r, true, 0xFA, 0xFE);
    mouse(&r, 0xF6);
    EXPECT(&r, true, 0xFA);
    mouse(&r, 0xE9);
    EXPECT(&r, true, 0xFA, 0x05, 0x02, 100); /* defaults; buttons still held */
    rig_free(&r);
}
END_TEST

START_TEST(test_ps2mouse_remote_mode_read_data)
{
    struct rig r;
    rig_init(&r, true);
    mouse(&r, 0xF0);
    EXPECT(&r, true, 0xFA);
    mouse(&r, 0xF4);
    EXPECT(&r, true, 0xFA);
    ps2mouse_move(r.mouse, 7, 0, 0, 0);
    ck_assert_uint_eq(status(&r) & I8042_STAT_OBF, 0);
    mouse(&r, 0xEB);
    EXPECT(&r, true, 0xFA, 0x08, 0x07, 0x00);
    mouse(&r, 0xEB);
    EXPECT(&r, true, 0xFA, 0x08, 0x00, 0x00);
    mouse(&r, 0xEA); /* back to stream mode */
    ps2mouse_move(r.mouse, 0, 1, 0, 0);
    EXPECT(&r, true, 0xFA, 0x28, 0x00, 0xFF);
    rig_free(&r);
}
END_TEST

START_TEST(test_ps2mouse_scaling_2to1)
{
    struct rig r;
    rig_init(&r, true);
    mouse(&r, 0xE7);
    EXPECT(&r, true, 0xFA);
    mouse(&r, 0xF4);
    EXPECT(&r, true, 0xFA);
    ps2mouse_move(r.mouse, 3, 0, 0, 0);
    EXPECT(&r, true, 0x08, 0x03, 0x00);
    ps2mouse_move(r.mouse, 4, -2, 0, 0);
    EXPECT(&r, true, 0x08, 0x06, 0x01);
    ps2mouse_move(r.mouse, -10, 0, 0, 0);
    EXPECT(&r, true, 0x18, 0xEC, 0x00);
    ps2mouse_move(r.mouse, 200, 0, 0, 0); /* 400: overflow */
    EXPECT(&r, true, 0x48, 0xFF, 0x00);
    mouse(&r, 0xE6);
    EXPECT(&r, true, 0xFA);
    ps2mouse_move(r.mouse, 4, 0, 0, 0);
    EXPECT(&r, true, 0x08, 0x04, 0x00);
    rig_free(&r);
}
END_TEST

START_TEST(test_ps2mouse_click_between_reads_is_not_lost)
{
    struct rig r;
    rig_init(&r, true);
    mouse(&r, 0xF4);
    EXPECT(&r, true, 0xFA);
    ps2mouse_move(r.mouse, 0, 0, 0, PS2MOUSE_LEFT);
    ps2mouse_move(r.mouse, 0, 0, 0, 0);
    ps2mouse_move(r.mouse, 2, 0, 0, 0);
    ps2mouse_move(r.mouse, 2, 0, 0, 0);
    EXPECT(&r, true, 0x09, 0x00, 0x00, 0x08, 0x00, 0x00, 0x08, 0x04, 0x00);
    rig_free(&r);
}
END_TEST

START_TEST(test_ps2mouse_wrap_mode_echoes)
{
    struct rig r;
    rig_init(&r, true);
    mouse(&r, 0xEE);
    EXPECT(&r, true, 0xFA);
    mouse(&r, 0x12);
    EXPECT(&r, true, 0x12);
    mouse(&r, 0xF2);
    EXPECT(&r, true, 0xF2);
    mouse(&r, 0xEC);
    EXPECT(&r, true, 0xFA);
    mouse(&r, 0xF2);
    EXPECT(&r, true, 0xFA, 0x00);
    rig_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ps2");
    TCase *tk = tcase_create("keyboard");
    tcase_add_test(tk, test_ps2kbd_reset_acks_and_self_test_aa);
    tcase_add_test(tk, test_ps2kbd_make_break_set2);
    tcase_add_test(tk, test_ps2kbd_extended_key_sequences);
    tcase_add_test(tk, test_ps2kbd_pause_sequence);
    tcase_add_test(tk, test_ps2kbd_type_text_with_shift);
    tcase_add_test(tk, test_ps2kbd_long_text_is_not_lost);
    tcase_add_test(tk, test_ps2kbd_identify_echo_resend);
    tcase_add_test(tk, test_ps2kbd_scancode_set_select);
    tcase_add_test(tk, test_ps2kbd_disable_holds_keys_until_enable);
    tcase_add_test(tk, test_ps2kbd_leds_and_typematic_take_parameters);
    suite_add_tcase(s, tk);
    TCase *tm = tcase_create("mouse");
    tcase_add_test(tm, test_ps2mouse_reset_sends_aa_00);
    tcase_add_test(tm, test_ps2mouse_packet_format);
    tcase_add_test(tm, test_ps2mouse_intellimouse_knock_gives_id3);
    tcase_add_test(tm, test_ps2mouse_status_request_reports_settings);
    tcase_add_test(tm, test_ps2mouse_remote_mode_read_data);
    tcase_add_test(tm, test_ps2mouse_scaling_2to1);
    tcase_add_test(tm, test_ps2mouse_click_between_reads_is_not_lost);
    tcase_add_test(tm, test_ps2mouse_wrap_mode_echoes);
    suite_add_tcase(s, tm);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
