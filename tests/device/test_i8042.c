/*
 * tests/device/test_i8042.c - the 8042 keyboard controller driven only
 * through ports 0x60 and 0x64, with a PS/2 keyboard and mouse attached
 * (their key and motion inputs are the "user"), IRQ1 and IRQ12 recorded
 * as lines (level and rising edges), and the A20 and reset wiring
 * recorded.  The devices need no clock: the controller takes a byte as
 * soon as its output buffer is free.
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

/* ---- controller commands ----------------------------------------------- */

START_TEST(test_i8042_self_test_returns_55)
{
    struct rig r;
    rig_init(&r, true);
    ck_assert_uint_eq(status(&r) & (I8042_STAT_OBF | I8042_STAT_SYS), 0);
    cmd(&r, 0xAA);
    ck_assert_uint_eq(status(&r) & I8042_STAT_IBF, 0);
    EXPECT(&r, false, 0x55);
    ck_assert_uint_ne(status(&r) & I8042_STAT_SYS, 0); /* set by a passed self-test */
    rig_free(&r);
}
END_TEST

START_TEST(test_i8042_interface_tests_return_00)
{
    struct rig r;
    rig_init(&r, true);
    cmd(&r, 0xAB);
    EXPECT(&r, false, 0x00);
    cmd(&r, 0xA9);
    EXPECT(&r, false, 0x00);
    cmd(&r, 0xA4);
    EXPECT(&r, false, 0xF1); /* no password installed */
    rig_free(&r);
}
END_TEST

START_TEST(test_i8042_command_byte_roundtrip)
{
    struct rig r;
    rig_init(&r, true);
    cmd(&r, 0x60);
    ck_assert_uint_ne(status(&r) & I8042_STAT_A2, 0);
    wdata(&r, 0x65);
    ck_assert_uint_eq(status(&r) & I8042_STAT_A2, 0);
    ck_assert_uint_ne(status(&r) & I8042_STAT_SYS, 0); /* bit 2 of 0x65 */
    cmd(&r, 0x20);
    EXPECT(&r, false, 0x65);
    set_cmdbyte(&r, 0x40);
    ck_assert_uint_eq(status(&r) & I8042_STAT_SYS, 0);
    cmd(&r, 0x20);
    EXPECT(&r, false, 0x40);
    cmd(&r, 0x7F); /* RAM byte 31 */
    wdata(&r, 0x5A);
    cmd(&r, 0x3F);
    EXPECT(&r, false, 0x5A);
    cmd(&r, 0x20);
    EXPECT(&r, false, 0x40);
    rig_free(&r);
}
END_TEST

START_TEST(test_i8042_responses_queue_behind_full_buffer)
{
    struct rig r;
    rig_init(&r, true);
    cmd(&r, 0xD2);
    wdata(&r, 0x11);
    cmd(&r, 0xD2);
    wdata(&r, 0x22);
    cmd(&r, 0xAA);
    EXPECT(&r, false, 0x11, 0x22, 0x55);
    rig_free(&r);
}
END_TEST

START_TEST(test_i8042_input_port_and_test_inputs)
{
    struct rig r;
    rig_init(&r, true);
    cmd(&r, 0xC0);
    EXPECT(&r, false, 0xA0); /* keylock off, no manufacturing jumper */
    cmd(&r, 0xE0);
    EXPECT(&r, false, 0x03); /* clock and data idle high */
    cmd(&r, 0xAD);
    cmd(&r, 0xE0);
    EXPECT(&r, false, 0x02); /* clock held low */
    rig_free(&r);
}
END_TEST

/* ---- A20 and reset ------------------------------------------------------- */

START_TEST(test_i8042_a20_via_output_port_and_dd_df)
{
    struct rig r;
    rig_init(&r, true);
    cmd(&r, 0xD0);
    EXPECT(&r, false, 0xCF); /* power-on: A20 on, reset inactive */
    cmd(&r, 0xD1);
    wdata(&r, 0xCD);
    ck_assert_int_eq(r.a20_calls, 1);
    ck_assert(!r.a20);
    cmd(&r, 0xD0);
    EXPECT(&r, false, 0xCD);
    cmd(&r, 0xDF);
    ck_assert(r.a20);
    cmd(&r, 0xD0);
    EXPECT(&r, false, 0xCF);
    cmd(&r, 0xDD);
    ck_assert(!r.a20);
    cmd(&r, 0xD1);
    wdata(&r, 0xDF);
    ck_assert(r.a20);
    ck_assert_int_eq(r.a20_calls, 4);
    ck_assert_int_eq(r.resets, 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_i8042_pulse_fe_resets)
{
    struct rig r;
    rig_init(&r, true);
    cmd(&r, 0xFE);
    ck_assert_int_eq(r.resets, 1);
    cmd(&r, 0xFF); /* pulses nothing */
    cmd(&r, 0xF1); /* bit 0 not pulsed */
    ck_assert_int_eq(r.resets, 1);
    cmd(&r, 0xF0);
    ck_assert_int_eq(r.resets, 2);
    cmd(&r, 0xD1);
    wdata(&r, 0x02); /* reset line written low */
    ck_assert_int_eq(r.resets, 3);
    cmd(&r, 0xD0);
    ck_assert_uint_eq(rdata(&r) & I8042_OUT_RESET, I8042_OUT_RESET); /* pulse over */
    ck_assert_uint_eq(status(&r) & I8042_STAT_OBF, 0);
    rig_free(&r);
}
END_TEST

/* ---- interrupts ------------------------------------------------------------ */

START_TEST(test_i8042_irq1_on_obf_when_enabled)
{
    struct rig r;
    rig_init(&r, true);
    set_cmdbyte(&r, 0x00);
    ps2kbd_key(r.kbd, T86_KEY_A, true);
    ck_assert_uint_ne(status(&r) & I8042_STAT_OBF, 0);
    ck_assert_uint_eq(r.rises[0], 0);  /* disabled: no IRQ */
    set_cmdbyte(&r, I8042_CB_KBD_INT); /* enabling with OBF full raises it */
    ck_assert(r.irq[0]);
    ck_assert_uint_eq(rdata(&r), 0x1C);
    ck_assert(!r.irq[0]);
    ps2kbd_key(r.kbd, T86_KEY_A, false); /* F0 1C */
    ck_assert(r.irq[0]);
    ck_assert_uint_eq(r.rises[0], 2);
    ck_assert_uint_eq(rdata(&r), 0xF0);
    ck_assert_uint_eq(r.falls[0], 2); /* lowered by the read ... */
    ck_assert_uint_eq(r.rises[0], 3); /* ... and a fresh edge for the refill */
    ck_assert_uint_eq(rdata(&r), 0x1C);
    ck_assert(!r.irq[0]);
    ck_assert_uint_eq(r.rises[1], 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_i8042_aux_routing_sets_auxb_and_irq12)
{
    struct rig r;
    rig_init(&r, true);
    set_cmdbyte(&r, I8042_CB_KBD_INT | I8042_CB_AUX_INT);
    cmd(&r, 0xD4);
    wdata(&r, 0xF4); /* enable reporting */
    ck_assert(r.irq[1]);
    ck_assert(!r.irq[0]);
    EXPECT(&r, true, 0xFA);
    ck_assert(!r.irq[1]);
    ps2mouse_move(r.mouse, 1, 0, 0, PS2MOUSE_RIGHT);
    ck_assert_uint_eq(r.rises[1], 2);
    EXPECT(&r, true, 0x0A, 0x01, 0x00);
    ck_assert_uint_eq(r.rises[0], 0);
    cmd(&r, 0xD3); /* write aux output buffer */
    wdata(&r, 0x77);
    EXPECT(&r, true, 0x77);
    cmd(&r, 0xD2); /* write keyboard output buffer */
    wdata(&r, 0x66);
    ck_assert(r.irq[0]);
    EXPECT(&r, false, 0x66);
    ck_assert_uint_eq(r.rises[1], 5);
    rig_free(&r);
}
END_TEST

/* ---- ports and arbitration ------------------------------------------------- */

START_TEST(test_i8042_kbd_disable_holds_bytes_until_enable)
{
    struct rig r;
    rig_init(&r, true);
    cmd(&r, 0xAD);
    tap(&r, T86_KEY_B);
    ck_assert_uint_eq(status(&r) & I8042_STAT_OBF, 0);
    cmd(&r, 0x20);
    EXPECT(&r, false, I8042_CB_KBD_DIS);
    cmd(&r, 0xAE);
    EXPECT(&r, false, 0x32, 0xF0, 0x32);
    cmd(&r, 0xAD);
    wdata(&r, 0xEE); /* sending to the keyboard enables its interface */
    EXPECT(&r, false, 0xEE);
    cmd(&r, 0x20);
    EXPECT(&r, false, 0x00);
    rig_free(&r);
}
END_TEST

START_TEST(test_i8042_aux_disable_a7_a8)
{
    struct rig r;
    rig_init(&r, true);
    cmd(&r, 0xD4);
    wdata(&r, 0xF4);
    EXPECT(&r, true, 0xFA);
    cmd(&r, 0xA7);
    cmd(&r, 0x20);
    EXPECT(&r, false, I8042_CB_AUX_DIS);
    ps2mouse_move(r.mouse, -1, 0, 0, 0);
    ck_assert_uint_eq(status(&r) & I8042_STAT_OBF, 0);
    cmd(&r, 0xA8);
    EXPECT(&r, true, 0x18, 0xFF, 0x00);
    rig_free(&r);
}
END_TEST

START_TEST(test_i8042_arbitration_interleaves_without_loss)
{
    struct rig r;
    rig_init(&r, true);
    cmd(&r, 0xD4);
    wdata(&r, 0xF4);
    EXPECT(&r, true, 0xFA);
    cmd(&r, 0xD2);
    wdata(&r, 0x99); /* fills the buffer so both devices have to wait */
    tap(&r, T86_KEY_Q);
    tap(&r, T86_KEY_W);
    ps2mouse_move(r.mouse, 3, 0, 0, PS2MOUSE_LEFT);
    ps2mouse_move(r.mouse, 0, 0, 0, 0);
    ck_assert_uint_eq(rdata(&r), 0x99);
    uint8_t k[32], a[32];
    bool src[64];
    unsigned nk = 0, na = 0, n = 0;
    while ((status(&r) & I8042_STAT_OBF) && n < 64) {
        src[n] = status(&r) & I8042_STAT_AUXB;
        uint8_t v = rdata(&r);
        if (src[n++])
            a[na++] = v;
        else
            k[nk++] = v;
    }
    const uint8_t want_k[] = {0x15, 0xF0, 0x15, 0x1D, 0xF0, 0x1D};
    const uint8_t want_a[] = {0x09, 0x03, 0x00, 0x08, 0x00, 0x00};
    ck_assert_uint_eq(nk, sizeof(want_k));
    ck_assert_uint_eq(na, sizeof(want_a));
    ck_assert_mem_eq(k, want_k, nk);
    ck_assert_mem_eq(a, want_a, na);
    for (unsigned i = 1; i < n; i++) /* both had bytes throughout: they alternate */
        ck_assert_int_ne(src[i], src[i - 1]);
    rig_free(&r);
}
END_TEST

START_TEST(test_i8042_write_to_absent_device_times_out)
{
    struct rig r;
    rig_init(&r, false);
    wdata(&r, 0xFF);
    ck_assert_uint_ne(status(&r) & I8042_STAT_TIMEOUT, 0);
    EXPECT(&r, false, 0xFE);
    cmd(&r, 0xD4);
    wdata(&r, 0xF2);
    ck_assert_uint_ne(status(&r) & I8042_STAT_TIMEOUT, 0);
    EXPECT(&r, true, 0xFE);
    rig_free(&r);
}
END_TEST

/* ---- translation ------------------------------------------------------------ */

START_TEST(test_i8042_translation_set2_to_set1)
{
    struct rig r;
    rig_init(&r, true);
    tap(&r, T86_KEY_A);
    EXPECT(&r, false, 0x1C, 0xF0, 0x1C); /* translation off: set 2 as sent */
    set_cmdbyte(&r, I8042_CB_XLATE);
    tap(&r, T86_KEY_A);
    EXPECT(&r, false, 0x1E, 0x9E); /* F0 becomes bit 7 */
    tap(&r, T86_KEY_RCTRL);
    EXPECT(&r, false, 0xE0, 0x1D, 0xE0, 0x9D);
    tap(&r, T86_KEY_F7); /* set 2 0x83 */
    EXPECT(&r, false, 0x41, 0xC1);
    tap(&r, T86_KEY_PRINTSCREEN);
    EXPECT(&r, false, 0xE0, 0x2A, 0xE0, 0x37, 0xE0, 0xB7, 0xE0, 0xAA);
    tap(&r, T86_KEY_PAUSE);
    EXPECT(&r, false, 0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5);
    wdata(&r, 0xF2);
    EXPECT(&r, false, 0xFA, 0xAB, 0x41); /* the ID is translated too */
    wdata(&r, 0xF0);
    wdata(&r, 0x00);
    EXPECT(&r, false, 0xFA, 0xFA, 0x41); /* set 2 reads as 0x41 */
    rig_free(&r);
}
END_TEST

/* Every key: the 8042's translation of set 2 equals the keyboard's set 1. */
START_TEST(test_i8042_translation_matches_keyboard_set1)
{
    struct rig r;
    rig_init(&r, true);
    for (int key = T86_KEY_NONE + 1; key < T86_KEY_COUNT; key++) {
        uint8_t x[16], n1[16], a[4];
        unsigned nx = 0, n = 0, na = 0;
        set_cmdbyte(&r, I8042_CB_XLATE);
        tap(&r, (enum t86_key)key);
        drain(&r, x, &nx, a, &na);
        set_cmdbyte(&r, 0);
        wdata(&r, 0xF0);
        wdata(&r, 0x01);
        EXPECT(&r, false, 0xFA, 0xFA);
        tap(&r, (enum t86_key)key);
        drain(&r, n1, &n, a, &na);
        wdata(&r, 0xF0);
        wdata(&r, 0x02);
        EXPECT(&r, false, 0xFA, 0xFA);
        ck_assert_msg(nx == n && nx >= 1 && memcmp(x, n1, n) == 0, "key %d", key);
        ck_assert_uint_eq(na, 0);
    }
    rig_free(&r);
}
END_TEST

/* ---- robustness ---------------------------------------------------------------- */

static void check_invariants(struct rig *r)
{
    uint8_t s = status(r);
    ck_assert_uint_eq(s & I8042_STAT_IBF, 0);
    if (s & I8042_STAT_AUXB)
        ck_assert_uint_ne(s & I8042_STAT_OBF, 0);
    if (r->irq[0])
        ck_assert_uint_eq(s & (I8042_STAT_OBF | I8042_STAT_AUXB), I8042_STAT_OBF);
    if (r->irq[1])
        ck_assert_uint_eq(s & (I8042_STAT_OBF | I8042_STAT_AUXB), I8042_STAT_OBF | I8042_STAT_AUXB);
}

static void fuzz_step(struct rig *r)
{
    unsigned op = (unsigned)rand() % 8;
    uint8_t v = (uint8_t)rand();
    switch (op) {
    case 0: cmd(r, v); break;
    case 1: cmd(r, (uint8_t)(0xA0 | (v & 0x5F))); break; /* mostly real commands */
    case 2:
    case 3: wdata(r, v); break;
    case 4: rdata(r); break;
    case 5: status(r); break;
    case 6:
        if (r->kbd)
            ps2kbd_key(r->kbd, (enum t86_key)(v % T86_KEY_COUNT), v & 1);
        break;
    default:
        if (r->mouse)
            ps2mouse_move(r->mouse, (int8_t)v, (int8_t)(v * 7), (int8_t)v >> 4, v & 7);
        break;
    }
}

static void fuzz(bool devices, unsigned seed)
{
    struct rig r;
    rig_init(&r, devices);
    srand(seed);
    for (int k = 0; k < 100000; k++) {
        fuzz_step(&r);
        check_invariants(&r);
    }
    /* still a working controller afterwards */
    while (status(&r) & I8042_STAT_OBF)
        rdata(&r);
    cmd(&r, 0xAA);
    ck_assert_uint_eq(rdata(&r), 0x55);
    rig_free(&r);
}

START_TEST(test_i8042_register_fuzz_with_devices_does_not_crash)
{
    fuzz(true, 8042);
}
END_TEST

START_TEST(test_i8042_register_fuzz_without_devices_does_not_crash)
{
    fuzz(false, 42);
}
END_TEST

START_TEST(test_i8042_state_descriptors_are_valid)
{
    ck_assert_ptr_null(state_desc_check(&i8042_state_desc));
    ck_assert_ptr_null(state_desc_check(&ps2kbd_state_desc));
    ck_assert_ptr_null(state_desc_check(&ps2mouse_state_desc));
    ck_assert_uint_gt(i8042_state_desc.nfields, 10);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("i8042");
    TCase *tc = tcase_create("ports");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_i8042_self_test_returns_55);
    tcase_add_test(tc, test_i8042_interface_tests_return_00);
    tcase_add_test(tc, test_i8042_command_byte_roundtrip);
    tcase_add_test(tc, test_i8042_responses_queue_behind_full_buffer);
    tcase_add_test(tc, test_i8042_input_port_and_test_inputs);
    tcase_add_test(tc, test_i8042_a20_via_output_port_and_dd_df);
    tcase_add_test(tc, test_i8042_pulse_fe_resets);
    tcase_add_test(tc, test_i8042_irq1_on_obf_when_enabled);
    tcase_add_test(tc, test_i8042_aux_routing_sets_auxb_and_irq12);
    tcase_add_test(tc, test_i8042_kbd_disable_holds_bytes_until_enable);
    tcase_add_test(tc, test_i8042_aux_disable_a7_a8);
    tcase_add_test(tc, test_i8042_arbitration_interleaves_without_loss);
    tcase_add_test(tc, test_i8042_write_to_absent_device_times_out);
    tcase_add_test(tc, test_i8042_translation_set2_to_set1);
    tcase_add_test(tc, test_i8042_translation_matches_keyboard_set1);
    tcase_add_test(tc, test_i8042_register_fuzz_with_devices_does_not_crash);
    tcase_add_test(tc, test_i8042_register_fuzz_without_devices_does_not_crash);
    tcase_add_test(tc, test_i8042_state_descriptors_are_valid);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
