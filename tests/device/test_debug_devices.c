/*
 * tests/device/test_debug_devices.c - the port bus and the debug devices
 * (debug console, debug-exit, POST-code display), driven only through
 * port reads and writes on a bus, with output captured in memory streams
 * and exit requests recorded.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/bus.h"
#include "devices/debugcon.h"
#include "devices/debugexit.h"
#include "devices/postcode.h"

/* A captured output stream. */
struct capture {
    FILE *f;
    char *buf;
    size_t len;
};

static void capture_open(struct capture *c) { c->f = open_memstream(&c->buf, &c->len); }
static const char *capture_text(struct capture *c)
{
    fflush(c->f);
    return c->buf;
}
static void capture_close(struct capture *c)
{
    fclose(c->f);
    free(c->buf);
}

/* Log recorder for unmapped accesses. */
struct log_rec {
    int lines;
    char last[256];
};
static void log_fn(void *o, const char *cat, const char *msg)
{
    struct log_rec *r = o;
    r->lines++;
    snprintf(r->last, sizeof(r->last), "[%s] %s", cat, msg);
}

START_TEST(test_debugcon_writes_each_byte_to_its_stream)
{
    struct capture cap;
    capture_open(&cap);
    struct bus *io = bus_create("port", NULL, CPU_LOG_UNIMP);
    struct debugcon *d = debugcon_create(io, 0xE9, cap.f);
    const char *msg = "hi\n";
    for (const char *p = msg; *p; p++)
        bus_write(io, 0xE9, (uint8_t)*p, 1);
    debugcon_flush(d);
    ck_assert_str_eq(capture_text(&cap), "hi\n");
    /* QEMU's debugcon reads back 0xE9 (Bochs's "port E9 hack" signature). */
    ck_assert_uint_eq(bus_read(io, 0xE9, 1), 0xE9);
    debugcon_destroy(d);
    bus_destroy(io);
    capture_close(&cap);
}
END_TEST

static int exit_status = -1;
static void on_exit_req(void *o, int status) { exit_status = status; }

START_TEST(test_debugexit_requests_status_value_shifted_left_plus_one)
{
    struct bus *io = bus_create("port", NULL, CPU_LOG_UNIMP);
    struct debugexit *d = debugexit_create(io, 0xF4, on_exit_req, NULL);
    exit_status = -1;
    bus_write(io, 0xF4, 0, 1);
    ck_assert_int_eq(exit_status, 1);
    bus_write(io, 0xF4, 0x21, 1);
    ck_assert_int_eq(exit_status, 0x43);
    exit_status = -1;
    bus_write(io, 0xF3, 0x21, 1); /* a neighbouring port does nothing */
    ck_assert_int_eq(exit_status, -1);
    debugexit_destroy(d);
    bus_destroy(io);
}
END_TEST

START_TEST(test_postcode_logs_only_new_codes_and_latches_last)
{
    struct capture cap;
    capture_open(&cap);
    struct bus *io = bus_create("port", NULL, CPU_LOG_UNIMP);
    struct postcode *p = postcode_create(io, 0x80, cap.f);
    ck_assert_uint_eq(bus_read(io, 0x80, 1), 0xFF);
    bus_write(io, 0x80, 0x12, 1);
    bus_write(io, 0x80, 0x12, 1);
    bus_write(io, 0x80, 0x34, 1);
    ck_assert_str_eq(capture_text(&cap), "POST: 0x12\nPOST: 0x34\n");
    ck_assert_uint_eq(bus_read(io, 0x80, 1), 0x34);
    postcode_reset(p);
    ck_assert_uint_eq(bus_read(io, 0x80, 1), 0xFF);
    postcode_destroy(p);
    bus_destroy(io);
    capture_close(&cap);
}
END_TEST

START_TEST(test_bus_splits_word_write_across_byte_devices)
{
    struct capture cap;
    capture_open(&cap);
    struct bus *io = bus_create("port", NULL, CPU_LOG_UNIMP);
    struct postcode *p = postcode_create(io, 0x80, cap.f);
    struct postcode *q = postcode_create(io, 0x81, cap.f);
    bus_write(io, 0x80, 0xBBAA, 2); /* low byte to 0x80, high byte to 0x81 */
    ck_assert_str_eq(capture_text(&cap), "POST: 0xAA\nPOST: 0xBB\n");
    ck_assert_uint_eq(bus_read(io, 0x80, 2), 0xBBAA);
    postcode_destroy(p);
    postcode_destroy(q);
    bus_destroy(io);
    capture_close(&cap);
}
END_TEST

START_TEST(test_bus_unmapped_port_reads_ones_and_logs_one_line_per_access)
{
    struct log_rec rec = {0};
    struct board_log log = {log_fn, &rec, CPU_LOG_UNIMP};
    struct bus *io = bus_create("port", &log, CPU_LOG_UNIMP);
    ck_assert_uint_eq(bus_read(io, 0x300, 1), 0xFF);
    ck_assert_uint_eq(bus_read(io, 0x300, 2), 0xFFFF);
    bus_write(io, 0x300, 0x55, 1);
    ck_assert_int_eq(rec.lines, 3); /* the word read is one line, not two */
    ck_assert_ptr_nonnull(strstr(rec.last, "300"));
    bus_destroy(io);
}
END_TEST

START_TEST(test_bus_rejects_overlapping_regions)
{
    struct capture cap;
    capture_open(&cap);
    struct bus *io = bus_create("port", NULL, CPU_LOG_UNIMP);
    struct postcode *p = postcode_create(io, 0x80, cap.f);
    ck_assert_ptr_null(postcode_create(io, 0x80, cap.f));
    postcode_destroy(p);
    bus_destroy(io);
    capture_close(&cap);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("debug_devices");
    TCase *tc = tcase_create("ports");
    tcase_add_test(tc, test_debugcon_writes_each_byte_to_its_stream);
    tcase_add_test(tc, test_debugexit_requests_status_value_shifted_left_plus_one);
    tcase_add_test(tc, test_postcode_logs_only_new_codes_and_latches_last);
    tcase_add_test(tc, test_bus_splits_word_write_across_byte_devices);
    tcase_add_test(tc, test_bus_unmapped_port_reads_ones_and_logs_one_line_per_access);
    tcase_add_test(tc, test_bus_rejects_overlapping_regions);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
