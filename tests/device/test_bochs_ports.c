/*
 * tests/device/test_bochs_ports.c - the Bochs BIOS / VGA BIOS firmware
 * ports driven through the port bus only: message characters become
 * lines per source (0x402 info, 0x403 debug, 0x500 VGA BIOS), '\r' is
 * dropped and long lines come in pieces, 0x400/0x401 report panics, the
 * characters "Shutdown" in sequence at 0x8900 ask for power-off once, and
 * reads return all ones.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "board/bus.h"
#include "devices/bochs_ports.h"

/* What the wiring callbacks saw. */
struct seen {
    char lines[8][BOCHS_PORTS_LINE_MAX];
    enum bochs_source src[8];
    unsigned nlines;
    int panics[4];
    unsigned npanics;
    unsigned shutdowns;
};

static void on_line(void *o, enum bochs_source src, const char *text)
{
    struct seen *s = o;
    if (s->nlines < 8) {
        strcpy(s->lines[s->nlines], text);
        s->src[s->nlines++] = src;
    }
}

static void on_panic(void *o, int line)
{
    struct seen *s = o;
    if (s->npanics < 4)
        s->panics[s->npanics++] = line;
}

static void on_shutdown(void *o)
{
    ((struct seen *)o)->shutdowns++;
}

/* Write @text one byte at a time to @port. */
static void put(struct bus *io, uint16_t port, const char *text)
{
    for (; *text; text++)
        bus_write(io, port, (uint8_t)*text, 1);
}

/* A bus with the ports on it, reporting to @s. */
static struct bus *rig(struct seen *s, struct bochs_ports **d)
{
    memset(s, 0, sizeof(*s));
    struct bochs_ports_wiring w = {on_line, on_panic, on_shutdown, s};
    struct bus *io = bus_create("port", NULL, CPU_LOG_UNIMP);
    *d = bochs_ports_create(io, &w);
    ck_assert_ptr_nonnull(*d);
    return io;
}

START_TEST(test_bochs_ports_messages_become_lines_per_source)
{
    struct seen s;
    struct bochs_ports *d;
    struct bus *io = rig(&s, &d);
    put(io, 0x402, "Bochs BIOS\r\n");
    put(io, 0x403, "dbg: ");
    put(io, 0x500, "VGABios\n");
    put(io, 0x403, "x\n");
    ck_assert_uint_eq(s.nlines, 3);
    ck_assert_str_eq(s.lines[0], "Bochs BIOS");
    ck_assert_int_eq(s.src[0], BOCHS_SRC_INFO);
    ck_assert_str_eq(s.lines[1], "VGABios");
    ck_assert_int_eq(s.src[1], BOCHS_SRC_VGABIOS);
    ck_assert_str_eq(s.lines[2], "dbg: x"); /* the debug line was not cut by 0x500 */
    ck_assert_int_eq(s.src[2], BOCHS_SRC_DEBUG);
    put(io, 0x402, "unfinished");
    ck_assert_uint_eq(s.nlines, 3);
    bochs_ports_flush(d);
    ck_assert_uint_eq(s.nlines, 4);
    ck_assert_str_eq(s.lines[3], "unfinished");
    ck_assert_str_eq(bochs_source_name(BOCHS_SRC_VGABIOS), "vgabios");
    bochs_ports_destroy(d);
    bus_destroy(io);
}
END_TEST

START_TEST(test_bochs_ports_long_line_comes_in_pieces)
{
    struct seen s;
    struct bochs_ports *d;
    struct bus *io = rig(&s, &d);
    for (unsigned k = 0; k < BOCHS_PORTS_LINE_MAX + 10; k++)
        bus_write(io, 0x402, 'a' + k % 26, 1);
    bus_write(io, 0x402, '\n', 1);
    ck_assert_uint_eq(s.nlines, 2);
    size_t total = strlen(s.lines[0]) + strlen(s.lines[1]);
    ck_assert_uint_eq(total, BOCHS_PORTS_LINE_MAX + 10);
    ck_assert_uint_eq(strlen(s.lines[0]), BOCHS_PORTS_LINE_MAX - 1);
    ck_assert_int_eq(s.lines[1][0], 'a' + (BOCHS_PORTS_LINE_MAX - 1) % 26);
    bochs_ports_destroy(d);
    bus_destroy(io);
}
END_TEST

START_TEST(test_bochs_ports_panic_ports_report_line_numbers)
{
    struct seen s;
    struct bochs_ports *d;
    struct bus *io = rig(&s, &d);
    bus_write(io, 0x400, 1234, 2);
    bus_write(io, 0x401, 0, 1);
    ck_assert_uint_eq(s.npanics, 2);
    ck_assert_int_eq(s.panics[0], 1234);
    ck_assert_int_eq(s.panics[1], -1);
    bochs_ports_destroy(d);
    bus_destroy(io);
}
END_TEST

START_TEST(test_bochs_ports_shutdown_needs_the_whole_word_in_sequence)
{
    struct seen s;
    struct bochs_ports *d;
    struct bus *io = rig(&s, &d);
    put(io, 0x8900, "ShutXdown");
    put(io, 0x8900, "Shutdow");
    ck_assert_uint_eq(s.shutdowns, 0);
    put(io, 0x8900, "SShutdown"); /* a repeated S restarts the word */
    ck_assert_uint_eq(s.shutdowns, 1);
    put(io, 0x8900, "Shutdown");
    ck_assert_uint_eq(s.shutdowns, 2);
    ck_assert_uint_eq(bus_read(io, 0x8900, 1), 0xFF);
    ck_assert_uint_eq(bus_read(io, 0x402, 1), 0xFF);
    bochs_ports_destroy(d);
    bus_destroy(io);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("bochs_ports");
    TCase *tc = tcase_create("ports");
    tcase_add_test(tc, test_bochs_ports_messages_become_lines_per_source);
    tcase_add_test(tc, test_bochs_ports_long_line_comes_in_pieces);
    tcase_add_test(tc, test_bochs_ports_panic_ports_report_line_numbers);
    tcase_add_test(tc, test_bochs_ports_shutdown_needs_the_whole_word_in_sequence);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
