/*
 * tests/device/test_pic.c - the 8259A pair, driven only through its ports
 * (0x20/0x21, 0xA0/0xA1, ELCR 0x4D0/0x4D1), its IR input pins and INTA
 * cycles, with the INT pins recorded.  The test wires the pair the way the
 * board does: slave INT to master IR2.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/bus.h"
#include "devices/pic.h"

/* Records the master INT pin. */
struct int_rec {
    bool level;
    int rises;
};

struct rig {
    struct bus *io;
    struct pic *master, *slave;
    struct int_rec rec;
};

static void record_int(void *opaque, unsigned n, bool level)
{
    struct int_rec *r = opaque;
    r->rises += level && !r->level;
    r->level = level;
}

static void to_master_ir(void *opaque, unsigned n, bool level)
{
    pic_set_irq(((struct rig *)opaque)->master, n, level);
}

/* Build the pair and program it like a PC BIOS: vectors 08h/70h, cascade on
 * IR2, 8086 mode (plus @icw4_extra), all unmasked. */
static void rig_init(struct rig *r, uint8_t icw4_extra)
{
    memset(r, 0, sizeof(*r));
    r->io = bus_create("port", NULL, CPU_LOG_UNIMP);
    struct pic_config m = {PIC_MASTER_PORT, PIC_MASTER_ELCR, PIC_MASTER_ELCR_MASK, true,
                           irq_line_make(record_int, &r->rec, 0), NULL};
    struct pic_config s = {PIC_SLAVE_PORT, PIC_SLAVE_ELCR, PIC_SLAVE_ELCR_MASK, false,
                           irq_line_make(to_master_ir, r, 2), NULL};
    r->master = pic_create(r->io, &m);
    r->slave = pic_create(r->io, &s);
    ck_assert_ptr_nonnull(r->master);
    ck_assert_ptr_nonnull(r->slave);
    static const uint8_t icw[2][4] = {{0x11, 0x08, 0x04, 0x01}, {0x11, 0x70, 0x02, 0x01}};
    for (unsigned k = 0; k < 2; k++) {
        uint16_t port = k ? 0xA0 : 0x20;
        bus_write(r->io, port, icw[k][0], 1);
        for (unsigned j = 1; j < 4; j++)
            bus_write(r->io, port + 1, icw[k][j] | (j == 3 ? icw4_extra : 0), 1);
        bus_write(r->io, port + 1, 0x00, 1);
    }
}

static void rig_free(struct rig *r)
{
    pic_destroy(r->master);
    pic_destroy(r->slave);
    bus_destroy(r->io);
}

/* An INTA cycle on the pair, as the board runs it. */
static uint8_t inta(struct rig *r)
{
    struct pic_ack a = pic_acknowledge(r->master);
    if (a.cascade)
        a = pic_acknowledge(r->slave);
    return a.vector;
}

static uint8_t read_isr(struct rig *r, uint16_t port)
{
    bus_write(r->io, port, 0x0B, 1);
    return (uint8_t)bus_read(r->io, port, 1);
}

static uint8_t read_irr(struct rig *r, uint16_t port)
{
    bus_write(r->io, port, 0x0A, 1);
    return (uint8_t)bus_read(r->io, port, 1);
}

static void irq(struct rig *r, unsigned n, bool level)
{
    pic_set_irq(n < 8 ? r->master : r->slave, n & 7, level);
}

START_TEST(test_pic_reset_state_masks_everything)
{
    struct rig r;
    rig_init(&r, 0);
    pic_reset(r.master, 0x08);
    ck_assert_uint_eq(bus_read(r.io, 0x21, 1), 0xFF);
    irq(&r, 3, true);
    ck_assert(!r.rec.level);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_init_sequence_sets_vector_base_and_clears_mask)
{
    struct rig r;
    rig_init(&r, 0);
    ck_assert_uint_eq(bus_read(r.io, 0x21, 1), 0x00);
    irq(&r, 3, true);
    ck_assert(r.rec.level);
    ck_assert_uint_eq(inta(&r), 0x0B);
    ck_assert(!r.rec.level);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_masked_input_requests_but_does_not_interrupt)
{
    struct rig r;
    rig_init(&r, 0);
    bus_write(r.io, 0x21, 0x08, 1);
    irq(&r, 3, true);
    ck_assert(!r.rec.level);
    ck_assert_uint_eq(read_irr(&r, 0x20), 0x08);
    bus_write(r.io, 0x21, 0x00, 1);
    ck_assert(r.rec.level);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_lowest_input_wins_and_in_service_blocks_lower)
{
    struct rig r;
    rig_init(&r, 0);
    irq(&r, 5, true);
    irq(&r, 1, true);
    ck_assert_uint_eq(inta(&r), 0x09);
    ck_assert(!r.rec.level); /* IR5 waits behind IR1 in service */
    bus_write(r.io, 0x20, 0x20, 1); /* non-specific EOI */
    ck_assert(r.rec.level);
    ck_assert_uint_eq(inta(&r), 0x0D);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_higher_priority_nests_over_in_service)
{
    struct rig r;
    rig_init(&r, 0);
    irq(&r, 5, true);
    ck_assert_uint_eq(inta(&r), 0x0D);
    irq(&r, 1, true);
    ck_assert(r.rec.level);
    ck_assert_uint_eq(inta(&r), 0x09);
    ck_assert_uint_eq(read_isr(&r, 0x20), 0x22);
    bus_write(r.io, 0x20, 0x20, 1); /* non-specific EOI: the highest, IR1 */
    ck_assert_uint_eq(read_isr(&r, 0x20), 0x20);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_specific_eoi_clears_named_level)
{
    struct rig r;
    rig_init(&r, 0);
    irq(&r, 5, true);
    inta(&r);
    irq(&r, 1, true);
    inta(&r);
    bus_write(r.io, 0x20, 0x65, 1); /* specific EOI, level 5 */
    ck_assert_uint_eq(read_isr(&r, 0x20), 0x02);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_auto_eoi)
{
    struct rig r;
    rig_init(&r, 0x02);
    irq(&r, 4, true);
    ck_assert_uint_eq(inta(&r), 0x0C);
    ck_assert_uint_eq(read_isr(&r, 0x20), 0x00);
    irq(&r, 6, true); /* nothing in service blocks it */
    ck_assert(r.rec.level);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_edge_triggered_needs_a_new_rising_edge)
{
    struct rig r;
    rig_init(&r, 0);
    irq(&r, 3, true);
    inta(&r);
    bus_write(r.io, 0x20, 0x20, 1);
    ck_assert(!r.rec.level); /* the line is still high, but no new edge */
    irq(&r, 3, true);
    ck_assert(!r.rec.level);
    irq(&r, 3, false);
    irq(&r, 3, true);
    ck_assert(r.rec.level);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_level_triggered_reasserts_after_eoi)
{
    struct rig r;
    rig_init(&r, 0);
    bus_write(r.io, 0x4D0, 0x08, 1); /* IRQ3 level-sensed */
    irq(&r, 3, true);
    ck_assert_uint_eq(inta(&r), 0x0B);
    ck_assert(!r.rec.level);
    bus_write(r.io, 0x20, 0x20, 1);
    ck_assert(r.rec.level); /* still high: another interrupt */
    ck_assert_uint_eq(inta(&r), 0x0B);
    irq(&r, 3, false); /* the device is satisfied before the EOI */
    bus_write(r.io, 0x20, 0x20, 1);
    ck_assert(!r.rec.level);
    ck_assert_int_eq(r.rec.rises, 2);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_icw1_ltim_makes_every_input_level_sensed)
{
    struct rig r;
    rig_init(&r, 0);
    static const uint8_t icw[] = {0x19, 0x08, 0x04, 0x01, 0x00}; /* LTIM */
    bus_write(r.io, 0x20, icw[0], 1);
    for (unsigned k = 1; k < 5; k++)
        bus_write(r.io, 0x21, icw[k], 1);
    irq(&r, 0, true); /* IRQ0 cannot be level in the ELCR, but LTIM wins */
    inta(&r);
    bus_write(r.io, 0x20, 0x20, 1);
    ck_assert(r.rec.level);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_elcr_reserved_bits_stay_edge)
{
    struct rig r;
    rig_init(&r, 0);
    bus_write(r.io, 0x4D0, 0xFF, 1);
    bus_write(r.io, 0x4D1, 0xFF, 1);
    ck_assert_uint_eq(bus_read(r.io, 0x4D0, 1), 0xF8);
    ck_assert_uint_eq(bus_read(r.io, 0x4D1, 1), 0xDE);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_spurious_irq7_when_request_vanishes)
{
    struct rig r;
    rig_init(&r, 0);
    irq(&r, 3, true);
    ck_assert(r.rec.level);
    irq(&r, 3, false); /* gone before INTA */
    ck_assert(!r.rec.level);
    ck_assert_uint_eq(inta(&r), 0x0F);
    ck_assert_uint_eq(read_isr(&r, 0x20), 0x00); /* a spurious IR7 is not in service */
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_cascade_delivers_slave_vector)
{
    struct rig r;
    rig_init(&r, 0);
    irq(&r, 8, true);
    ck_assert(r.rec.level);
    ck_assert_uint_eq(inta(&r), 0x70);
    ck_assert_uint_eq(read_isr(&r, 0x20), 0x04);
    ck_assert_uint_eq(read_isr(&r, 0xA0), 0x01);
    irq(&r, 14, true);
    ck_assert(!r.rec.level); /* master IR2 in service blocks the slave */
    bus_write(r.io, 0xA0, 0x20, 1);
    bus_write(r.io, 0x20, 0x20, 1);
    ck_assert(r.rec.level);
    ck_assert_uint_eq(inta(&r), 0x76);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_spurious_irq15_leaves_master_cascade_in_service)
{
    struct rig r;
    rig_init(&r, 0);
    irq(&r, 9, true);
    irq(&r, 9, false);
    irq(&r, 9, true);
    ck_assert(r.rec.level);
    /* the slave loses its request between the master's and its own INTA */
    struct pic_ack a = pic_acknowledge(r.master);
    ck_assert(a.cascade);
    irq(&r, 9, false);
    a = pic_acknowledge(r.slave);
    ck_assert_uint_eq(a.vector, 0x77);
    ck_assert_uint_eq(read_isr(&r, 0xA0), 0x00);
    ck_assert_uint_eq(read_isr(&r, 0x20), 0x04);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_special_fully_nested_lets_slave_interrupt_itself)
{
    struct rig r;
    rig_init(&r, 0x10); /* SFNM */
    irq(&r, 12, true);
    ck_assert_uint_eq(inta(&r), 0x74);
    irq(&r, 9, true); /* higher priority on the same slave */
    ck_assert(r.rec.level);
    ck_assert_uint_eq(inta(&r), 0x71);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_poll_command)
{
    struct rig r;
    rig_init(&r, 0);
    bus_write(r.io, 0x21, 0xFF, 1); /* polled systems mask INT */
    bus_write(r.io, 0x20, 0x0C, 1);
    ck_assert_uint_eq(bus_read(r.io, 0x20, 1), 0x00); /* nothing requested */
    bus_write(r.io, 0x21, 0x00, 1);
    irq(&r, 6, true);
    bus_write(r.io, 0x20, 0x0C, 1);
    ck_assert_uint_eq(bus_read(r.io, 0x21, 1), 0x86);
    ck_assert_uint_eq(read_isr(&r, 0x20), 0x40);
    ck_assert_uint_eq(bus_read(r.io, 0x21, 1), 0x00); /* poll is one read only: IMR */
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_rotate_on_nonspecific_eoi)
{
    struct rig r;
    rig_init(&r, 0);
    irq(&r, 1, true);
    ck_assert_uint_eq(inta(&r), 0x09);
    bus_write(r.io, 0x20, 0xA0, 1); /* rotate: IR1 becomes lowest */
    irq(&r, 0, true);
    irq(&r, 3, true);
    ck_assert_uint_eq(inta(&r), 0x0B); /* order 2,3,...,7,0,1 */
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_set_priority_command)
{
    struct rig r;
    rig_init(&r, 0);
    bus_write(r.io, 0x20, 0xC4, 1); /* IR4 lowest: 5,6,7,0,1,2,3,4 */
    irq(&r, 0, true);
    irq(&r, 6, true);
    ck_assert_uint_eq(inta(&r), 0x0E);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_rotate_on_specific_eoi)
{
    struct rig r;
    rig_init(&r, 0);
    irq(&r, 5, true);
    inta(&r);
    bus_write(r.io, 0x20, 0xE5, 1); /* EOI 5 and make it lowest: 6,7,0,... */
    ck_assert_uint_eq(read_isr(&r, 0x20), 0x00);
    irq(&r, 0, true);
    irq(&r, 7, true);
    ck_assert_uint_eq(inta(&r), 0x0F);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_rotate_in_auto_eoi_mode)
{
    struct rig r;
    rig_init(&r, 0x02);
    bus_write(r.io, 0x20, 0x80, 1); /* rotate in AEOI: set */
    irq(&r, 0, true);
    ck_assert_uint_eq(inta(&r), 0x08);
    irq(&r, 0, false);
    irq(&r, 0, true);
    irq(&r, 7, true);
    ck_assert_uint_eq(inta(&r), 0x0F); /* IR0 is now the lowest */
    bus_write(r.io, 0x20, 0x00, 1);    /* rotate in AEOI: clear */
    irq(&r, 3, true);
    ck_assert_uint_eq(inta(&r), 0x08); /* priorities stay where IR7 left them */
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_special_mask_mode_allows_lower_priority)
{
    struct rig r;
    rig_init(&r, 0);
    irq(&r, 3, true);
    inta(&r);
    irq(&r, 5, true);
    ck_assert(!r.rec.level);
    bus_write(r.io, 0x21, 0x08, 1); /* mask the level in service */
    bus_write(r.io, 0x20, 0x68, 1); /* set special mask mode */
    ck_assert(r.rec.level);
    ck_assert_uint_eq(inta(&r), 0x0D);
    bus_write(r.io, 0x20, 0x48, 1); /* reset special mask mode */
    bus_write(r.io, 0x20, 0x65, 1);
    irq(&r, 6, true);
    ck_assert(!r.rec.level); /* IR3 in service blocks again */
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_ocw3_selects_irr_or_isr_and_a0_reads_imr)
{
    struct rig r;
    rig_init(&r, 0);
    irq(&r, 4, true);
    irq(&r, 6, true);
    ck_assert_uint_eq(read_irr(&r, 0x20), 0x50);
    inta(&r);
    ck_assert_uint_eq(read_irr(&r, 0x20), 0x40);
    ck_assert_uint_eq(read_isr(&r, 0x20), 0x10);
    ck_assert_uint_eq(bus_read(r.io, 0x20, 1), 0x10); /* selection sticks */
    bus_write(r.io, 0x21, 0xA5, 1);
    ck_assert_uint_eq(bus_read(r.io, 0x21, 1), 0xA5);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_state_desc_describes_registers)
{
    struct rig r;
    rig_init(&r, 0);
    ck_assert_ptr_null(state_desc_check(&pic_state_desc));
    bus_write(r.io, 0x21, 0x5A, 1);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_uint_eq(state_dump(&pic_state_desc, r.master, f), pic_state_desc.nfields);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(buf, "pic.imr = 0x5a\n"));
    ck_assert_ptr_nonnull(strstr(buf, "pic.icw2 = 0x8\n"));
    free(buf);
    rig_free(&r);
}
END_TEST

START_TEST(test_pic_register_fuzz_keeps_int_consistent)
{
    static const uint16_t ports[] = {0x20, 0x21, 0xA0, 0xA1, 0x4D0, 0x4D1};
    struct rig r;
    rig_init(&r, 0);
    srand(8259);
    for (int k = 0; k < 200000; k++) {
        int op = rand() % 8;
        uint16_t port = ports[rand() % 6];
        if (op < 3)
            bus_write(r.io, port, (uint32_t)rand() & 0xFF, 1);
        else if (op < 5)
            bus_read(r.io, port, 1);
        else if (op < 7)
            irq(&r, (unsigned)rand() % 16, rand() & 1);
        else if (r.rec.level)
            inta(&r);
        ck_assert_int_eq(r.rec.level, pic_int_level(r.master));
    }
    rig_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pic");
    TCase *tc = tcase_create("ports");
    tcase_add_test(tc, test_pic_reset_state_masks_everything);
    tcase_add_test(tc, test_pic_init_sequence_sets_vector_base_and_clears_mask);
    tcase_add_test(tc, test_pic_masked_input_requests_but_does_not_interrupt);
    tcase_add_test(tc, test_pic_lowest_input_wins_and_in_service_blocks_lower);
    tcase_add_test(tc, test_pic_higher_priority_nests_over_in_service);
    tcase_add_test(tc, test_pic_specific_eoi_clears_named_level);
    tcase_add_test(tc, test_pic_auto_eoi);
    tcase_add_test(tc, test_pic_edge_triggered_needs_a_new_rising_edge);
    tcase_add_test(tc, test_pic_level_triggered_reasserts_after_eoi);
    tcase_add_test(tc, test_pic_icw1_ltim_makes_every_input_level_sensed);
    tcase_add_test(tc, test_pic_elcr_reserved_bits_stay_edge);
    tcase_add_test(tc, test_pic_spurious_irq7_when_request_vanishes);
    tcase_add_test(tc, test_pic_cascade_delivers_slave_vector);
    tcase_add_test(tc, test_pic_spurious_irq15_leaves_master_cascade_in_service);
    tcase_add_test(tc, test_pic_special_fully_nested_lets_slave_interrupt_itself);
    tcase_add_test(tc, test_pic_poll_command);
    tcase_add_test(tc, test_pic_rotate_on_nonspecific_eoi);
    tcase_add_test(tc, test_pic_set_priority_command);
    tcase_add_test(tc, test_pic_rotate_on_specific_eoi);
    tcase_add_test(tc, test_pic_rotate_in_auto_eoi_mode);
    tcase_add_test(tc, test_pic_special_mask_mode_allows_lower_priority);
    tcase_add_test(tc, test_pic_ocw3_selects_irr_or_isr_and_a0_reads_imr);
    tcase_add_test(tc, test_pic_state_desc_describes_registers);
    tcase_add_test(tc, test_pic_register_fuzz_keeps_int_consistent);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
