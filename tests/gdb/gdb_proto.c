/*
 * tests/gdb/gdb_proto.c - Check tests of the GDB stub, packet by packet,
 * over a real TCP connection, against the fake debugger session
 * (fake_dbg.c) and the test ROM (gdb_target.asm, argv[1]).
 * Each test builds a fresh machine, stub and client.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu_debug.h"
#include "fake_dbg.h"
#include "gdb_client.h"

static const char *rom_path;

struct fixture {
    struct dbg *d;
    struct gdbstub *s;
    struct gdb_client c;
    char r[CLIENT_BUF];
};

static struct fixture *setup(void)
{
    static uint8_t rom[65536];
    FILE *f = fopen(rom_path, "rb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fread(rom, 1, sizeof(rom), f), sizeof(rom));
    fclose(f);
    struct fixture *x = calloc(1, sizeof(*x));
    x->d = fake_dbg_create(rom, sizeof(rom));
    ck_assert_ptr_nonnull(x->d);
    x->s = gdbstub_create(x->d, "tcp::0");
    ck_assert_ptr_nonnull(x->s);
    fake_dbg_set_stub(x->d, x->s);
    ck_assert(client_connect(&x->c, x->s, gdbstub_port(x->s)));
    return x;
}

static void teardown(struct fixture *x)
{
    if (x->c.fd >= 0)
        client_close(&x->c);
    fake_dbg_destroy(x->d);
    free(x);
}

/* Send @payload and check the reply is exactly @want. */
static void expect_reply(struct fixture *x, const char *payload, const char *want)
{
    ck_assert_msg(client_transact(&x->c, payload, x->r, sizeof(x->r)), "no reply to %s", payload);
    ck_assert_str_eq(x->r, want);
}

static const struct fake_dbg_stats *stats(struct fixture *x)
{
    return fake_dbg_stats(x->d);
}

START_TEST(test_qsupported_announces_packet_size_and_features)
{
    struct fixture *x = setup();
    expect_reply(x, "qSupported:multiprocess+;swbreak+;hwbreak+",
                 "PacketSize=4000;qXfer:features:read+;vContSupported+;QStartNoAckMode+;"
                 "swbreak+;hwbreak+");
    teardown(x);
}
END_TEST

START_TEST(test_bad_checksum_is_nacked_and_then_a_good_packet_works)
{
    struct fixture *x = setup();
    client_send_raw(&x->c, "$qC#00", 6);
    client_pump(&x->c, 50);
    ck_assert_uint_eq(x->c.len, 1);
    ck_assert_int_eq(x->c.buf[0], '-');
    client_drain(&x->c);
    expect_reply(x, "qC", "QC1");
    teardown(x);
}
END_TEST

START_TEST(test_nak_makes_the_stub_resend_its_last_packet)
{
    struct fixture *x = setup();
    expect_reply(x, "qAttached", "1");
    client_send_raw(&x->c, "-", 1);
    ck_assert(client_reply(&x->c, x->r, sizeof(x->r)));
    ck_assert_str_eq(x->r, "1");
    teardown(x);
}
END_TEST

START_TEST(test_target_xml_read_in_chunks_describes_36_registers)
{
    struct fixture *x = setup();
    char *xml = calloc(1, 65536), req[80];
    size_t len = 0;
    for (;;) {
        snprintf(req, sizeof(req), "qXfer:features:read:target.xml:%zx,100", len);
        ck_assert(client_transact(&x->c, req, x->r, sizeof(x->r)));
        ck_assert(x->r[0] == 'm' || x->r[0] == 'l');
        ck_assert_uint_le(strlen(x->r + 1), 0x100);
        memcpy(xml + len, x->r + 1, strlen(x->r + 1));
        len += strlen(x->r + 1);
        if (x->r[0] == 'l')
            break;
    }
    ck_assert_ptr_nonnull(strstr(xml, "<architecture>i386</architecture>"));
    ck_assert_ptr_nonnull(strstr(xml, "<feature name=\"org.gnu.gdb.i386.core\">"));
    ck_assert_ptr_nonnull(strstr(xml, "<feature name=\"org.trap86.sys\">"));
    ck_assert_ptr_nonnull(strstr(xml, "name=\"st7\" bitsize=\"80\" type=\"i387_ext\""));
    ck_assert_ptr_nonnull(strstr(xml, "name=\"cr4\" bitsize=\"32\""));
    int regs = 0;
    for (const char *p = xml; (p = strstr(p, "<reg ")); p++)
        regs++;
    ck_assert_int_eq(regs, 36);
    expect_reply(x, "qXfer:features:read:other.xml:0,100", "E00");
    free(xml);
    teardown(x);
}
END_TEST

START_TEST(test_g_reports_the_reset_state_in_gdb_order)
{
    struct fixture *x = setup();
    ck_assert(client_transact(&x->c, "g", x->r, sizeof(x->r)));
    ck_assert_uint_eq(strlen(x->r), 2 * (16 * 4 + 8 * 10 + 8 * 4 + 4 * 4));
    ck_assert(!strncmp(x->r + 8 * 8, "f0ff0000", 8));           /* eip = 0xfff0 */
    ck_assert(!strncmp(x->r + 10 * 8, "00f00000", 8));          /* cs = 0xf000 */
    ck_assert(!strncmp(x->r + 16 * 8 + 80 * 2, "7f030000", 8)); /* fctrl */
    teardown(x);
}
END_TEST

START_TEST(test_p_reads_one_register_and_rejects_unknown_numbers)
{
    struct fixture *x = setup();
    expect_reply(x, "p8", "f0ff0000");
    expect_reply(x, "p1a", "ffff0000"); /* ftag: all empty */
    expect_reply(x, "p10", "00000000000000000000");
    expect_reply(x, "p24", "E01");
    expect_reply(x, "pzz", "E01");
    teardown(x);
}
END_TEST

START_TEST(test_P_and_G_write_registers)
{
    struct fixture *x = setup();
    struct cpu_regs r;
    expect_reply(x, "P0=78563412", "OK");
    cpu_get_regs(dbg_cpu(x->d), &r);
    ck_assert_uint_eq(r.gpr[R_EAX], 0x12345678);
    expect_reply(x, "P0=7856", "E01");
    expect_reply(x, "Pb=0010", "E01");    /* ss is 4 bytes wide in the XML */
    expect_reply(x, "Pb=00100000", "OK"); /* real mode: ss = 0x1000 */
    cpu_get_regs(dbg_cpu(x->d), &r);
    ck_assert_uint_eq(r.seg[SEG_SS].base, 0x10000);
    ck_assert(client_transact(&x->c, "g", x->r, sizeof(x->r)));
    static char g[CLIENT_BUF + 1];
    g[0] = 'G';
    memcpy(g + 1, x->r, strlen(x->r) + 1);
    memcpy(g + 1 + 8, "efbeadde", 8); /* ecx */
    expect_reply(x, g, "OK");
    cpu_get_regs(dbg_cpu(x->d), &r);
    ck_assert_uint_eq(r.gpr[R_ECX], 0xdeadbeef);
    ck_assert_uint_eq(r.eip, 0xfff0);
    expect_reply(x, "G00", "E01");
    teardown(x);
}
END_TEST

START_TEST(test_m_reads_linear_memory)
{
    struct fixture *x = setup();
    expect_reply(x, "mf1300,10", "efbeadde67452301efcdab890df0feca");
    expect_reply(x, "mf1300", "E01");
    expect_reply(x, "m123456789,4", "E01");
    teardown(x);
}
END_TEST

START_TEST(test_M_and_X_write_memory_with_escapes)
{
    struct fixture *x = setup();
    expect_reply(x, "M2000,4:01020304", "OK");
    expect_reply(x, "m2000,4", "01020304");
    expect_reply(x, "M2000,4:0102", "E01");
    /* X with '}' escapes: }] is '}' (0x7d), }\x03 is '#' (0x23), }\x04 '$' */
    const char *body = "X2004,3:}]}\x03}\x04";
    char sum[3];
    unsigned s = 0;
    client_send_raw(&x->c, "$", 1);
    client_send_raw(&x->c, body, strlen(body));
    client_send_raw(&x->c, "#", 1);
    for (const char *p = body; *p; p++)
        s += (unsigned char)*p;
    snprintf(sum, sizeof(sum), "%02x", s & 0xFF);
    client_send_raw(&x->c, sum, 2);
    ck_assert(client_reply(&x->c, x->r, sizeof(x->r)));
    ck_assert_str_eq(x->r, "OK");
    expect_reply(x, "m2004,3", "7d2324");
    expect_reply(x, "X2000,0:", "OK");
    teardown(x);
}
END_TEST

START_TEST(test_Z0_sets_a_linear_breakpoint_and_z0_removes_it)
{
    struct fixture *x = setup();
    int kind;
    uint32_t addr;
    expect_reply(x, "Z0,f1200,1", "OK");
    expect_reply(x, "Z0,f1200,1", "OK"); /* idempotent */
    fake_dbg_last_break(x->d, &kind, &addr);
    ck_assert_int_eq(kind, DBG_BP_LIN);
    ck_assert_uint_eq(addr, 0xf1200);
    ck_assert_int_eq(stats(x)->breaks, 1);
    expect_reply(x, "Z1,f1100,1", "OK");
    ck_assert_int_eq(stats(x)->breaks, 2);
    expect_reply(x, "z0,f1200,1", "OK");
    expect_reply(x, "z1,f1100,1", "OK");
    ck_assert_int_eq(stats(x)->breaks, 0);
    expect_reply(x, "Z0,f1200", "E01");
    expect_reply(x, "Z9,f1200,1", "");
    teardown(x);
}
END_TEST

START_TEST(test_Z2_Z3_Z4_set_physical_watchpoints)
{
    struct fixture *x = setup();
    uint32_t pa, len;
    int rw;
    expect_reply(x, "Z2,2000,4", "OK");
    fake_dbg_last_watch(x->d, &pa, &len, &rw);
    ck_assert_uint_eq(pa, 0x2000);
    ck_assert_uint_eq(len, 4);
    ck_assert_int_eq(rw, 0);
    expect_reply(x, "Z3,2004,2", "OK");
    fake_dbg_last_watch(x->d, &pa, &len, &rw);
    ck_assert_int_eq(rw, 1);
    expect_reply(x, "Z4,2ffe,4", "OK"); /* crosses a page: two parts */
    ck_assert_int_eq(stats(x)->watches, 4);
    expect_reply(x, "z4,2ffe,4", "OK");
    expect_reply(x, "z3,2004,2", "OK");
    expect_reply(x, "z2,2000,4", "OK");
    ck_assert_int_eq(stats(x)->watches, 0);
    teardown(x);
}
END_TEST

START_TEST(test_continue_then_breakpoint_stop_reports_swbreak)
{
    struct fixture *x = setup();
    expect_reply(x, "Z0,f1200,1", "OK");
    client_send(&x->c, "vCont;c");
    client_pump(&x->c, 20);
    ck_assert_int_eq(stats(x)->continues, 1);
    fake_dbg_stop(x->d, &(struct dbg_stop){.reason = DBG_STOP_BREAKPOINT, .id = 1});
    ck_assert(client_reply(&x->c, x->r, sizeof(x->r)));
    ck_assert_str_eq(x->r, "T05swbreak:;thread:1;");
    client_send(&x->c, "s"); /* the reply to s comes with the stop */
    client_pump(&x->c, 20);
    ck_assert_int_eq(stats(x)->steps, 1);
    fake_dbg_stop(x->d, &(struct dbg_stop){.reason = DBG_STOP_STEP});
    ck_assert(client_reply(&x->c, x->r, sizeof(x->r)));
    ck_assert_str_eq(x->r, "T05thread:1;");
    teardown(x);
}
END_TEST

START_TEST(test_ctrl_c_interrupts_a_running_guest)
{
    struct fixture *x = setup();
    expect_reply(x, "vCont?", "vCont;c;C;s;S");
    client_send(&x->c, "c");
    client_pump(&x->c, 20);
    client_send_raw(&x->c, "\x03", 1);
    client_pump(&x->c, 20);
    ck_assert_int_eq(stats(x)->interrupts, 1);
    fake_dbg_stop(x->d, &(struct dbg_stop){.reason = DBG_STOP_INTERRUPT});
    ck_assert(client_reply(&x->c, x->r, sizeof(x->r)));
    ck_assert_str_eq(x->r, "T02thread:1;");
    expect_reply(x, "?", "T02thread:1;");
    teardown(x);
}
END_TEST

START_TEST(test_watch_stop_reports_the_linear_address)
{
    struct fixture *x = setup();
    expect_reply(x, "Z2,2000,4", "OK");
    expect_reply(x, "Z4,2ffe,4", "OK");
    client_send(&x->c, "c");
    client_pump(&x->c, 20);
    fake_dbg_stop(x->d, &(struct dbg_stop){.reason = DBG_STOP_WATCH, .id = 1, .addr = 0x2002});
    ck_assert(client_reply(&x->c, x->r, sizeof(x->r)));
    ck_assert_str_eq(x->r, "T05watch:2002;thread:1;");
    client_send(&x->c, "c");
    client_pump(&x->c, 20);
    fake_dbg_stop(x->d, &(struct dbg_stop){.reason = DBG_STOP_WATCH, .id = 3, .addr = 0x3001});
    ck_assert(client_reply(&x->c, x->r, sizeof(x->r)));
    ck_assert_str_eq(x->r, "T05awatch:3001;thread:1;");
    teardown(x);
}
END_TEST

START_TEST(test_qrcmd_sends_hex_output_then_ok)
{
    struct fixture *x = setup();
    char want[128] = "O";
    const char *out = "fake monitor: info gdt\n";
    for (size_t i = 0; out[i]; i++)
        snprintf(want + 1 + 2 * i, 3, "%02x", (unsigned char)out[i]);
    expect_reply(x, "qRcmd,696e666f20676474", want);
    ck_assert(client_reply(&x->c, x->r, sizeof(x->r)));
    ck_assert_str_eq(x->r, "OK");
    expect_reply(x, "qRcmd,696", "E01");
    ck_assert_int_eq(stats(x)->commands, 1);
    teardown(x);
}
END_TEST

START_TEST(test_detach_removes_points_and_resumes)
{
    struct fixture *x = setup();
    expect_reply(x, "Z0,f1200,1", "OK");
    expect_reply(x, "Z2,2000,4", "OK");
    expect_reply(x, "D", "OK");
    ck_assert_int_eq(stats(x)->breaks, 0);
    ck_assert_int_eq(stats(x)->watches, 0);
    ck_assert_int_eq(stats(x)->continues, 1);
    ck_assert(client_closed_by_peer(&x->c));
    teardown(x);
}
END_TEST

START_TEST(test_kill_quits_the_session)
{
    struct fixture *x = setup();
    client_send(&x->c, "k");
    ck_assert(client_closed_by_peer(&x->c));
    ck_assert_int_eq(stats(x)->quits, 1);
    teardown(x);
}
END_TEST

START_TEST(test_second_client_is_closed_and_first_keeps_working)
{
    struct fixture *x = setup();
    struct gdb_client *other = calloc(1, sizeof(*other));
    ck_assert(client_connect(other, x->s, gdbstub_port(x->s)));
    ck_assert(client_closed_by_peer(other));
    client_close(other);
    free(other);
    expect_reply(x, "qC", "QC1");
    teardown(x);
}
END_TEST

START_TEST(test_disconnect_mid_packet_keeps_the_guest_stopped_and_points_go)
{
    struct fixture *x = setup();
    expect_reply(x, "Z0,f1200,1", "OK");
    client_send_raw(&x->c, "$m2000,", 7);
    client_close(&x->c);
    ck_assert(dbg_stopped(x->d));
    ck_assert_int_eq(stats(x)->breaks, 0);
    ck_assert_int_eq(stats(x)->continues + stats(x)->steps, 0);
    ck_assert(client_connect(&x->c, x->s, gdbstub_port(x->s)));
    expect_reply(x, "?", "T05thread:1;");
    teardown(x);
}
END_TEST

START_TEST(test_noack_mode_stops_acks)
{
    struct fixture *x = setup();
    expect_reply(x, "QStartNoAckMode", "OK");
    client_send_raw(&x->c, "+", 1);
    client_pump(&x->c, 20);
    client_drain(&x->c);
    client_send(&x->c, "qC");
    client_pump(&x->c, 50);
    ck_assert_int_eq(x->c.buf[0], '$'); /* no '+' first */
    ck_assert(client_reply(&x->c, x->r, sizeof(x->r)));
    ck_assert_str_eq(x->r, "QC1");
    teardown(x);
}
END_TEST

START_TEST(test_simple_queries_and_unknown_packets)
{
    struct fixture *x = setup();
    expect_reply(x, "qOffsets", "Text=0;Data=0;Bss=0");
    expect_reply(x, "qfThreadInfo", "m1");
    expect_reply(x, "qsThreadInfo", "l");
    expect_reply(x, "Hg0", "OK");
    expect_reply(x, "T1", "OK");
    expect_reply(x, "vMustReplyEmpty", "");
    expect_reply(x, "qTStatus", "");
    expect_reply(x, "!", "");
    teardown(x);
}
END_TEST

START_TEST(test_exit_is_reported_with_W)
{
    struct fixture *x = setup();
    client_send(&x->c, "c");
    client_pump(&x->c, 20);
    fake_dbg_stop(x->d, &(struct dbg_stop){.reason = DBG_STOP_EXITED, .exit_status = 3});
    ck_assert(client_reply(&x->c, x->r, sizeof(x->r)));
    ck_assert_str_eq(x->r, "W03");
    teardown(x);
}
END_TEST

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gdb_proto gdb_target.bin\n");
        return 2;
    }
    rom_path = argv[1];
    Suite *s = suite_create("gdbstub");
    TCase *tc = tcase_create("packets");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_qsupported_announces_packet_size_and_features);
    tcase_add_test(tc, test_bad_checksum_is_nacked_and_then_a_good_packet_works);
    tcase_add_test(tc, test_nak_makes_the_stub_resend_its_last_packet);
    tcase_add_test(tc, test_target_xml_read_in_chunks_describes_36_registers);
    tcase_add_test(tc, test_g_reports_the_reset_state_in_gdb_order);
    tcase_add_test(tc, test_p_reads_one_register_and_rejects_unknown_numbers);
    tcase_add_test(tc, test_P_and_G_write_registers);
    tcase_add_test(tc, test_m_reads_linear_memory);
    tcase_add_test(tc, test_M_and_X_write_memory_with_escapes);
    tcase_add_test(tc, test_Z0_sets_a_linear_breakpoint_and_z0_removes_it);
    tcase_add_test(tc, test_Z2_Z3_Z4_set_physical_watchpoints);
    tcase_add_test(tc, test_continue_then_breakpoint_stop_reports_swbreak);
    tcase_add_test(tc, test_ctrl_c_interrupts_a_running_guest);
    tcase_add_test(tc, test_watch_stop_reports_the_linear_address);
    tcase_add_test(tc, test_qrcmd_sends_hex_output_then_ok);
    tcase_add_test(tc, test_detach_removes_points_and_resumes);
    tcase_add_test(tc, test_kill_quits_the_session);
    tcase_add_test(tc, test_second_client_is_closed_and_first_keeps_working);
    tcase_add_test(tc, test_disconnect_mid_packet_keeps_the_guest_stopped_and_points_go);
    tcase_add_test(tc, test_noack_mode_stops_acks);
    tcase_add_test(tc, test_simple_queries_and_unknown_packets);
    tcase_add_test(tc, test_exit_is_reported_with_W);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
