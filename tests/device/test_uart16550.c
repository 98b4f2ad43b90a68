/*
 * tests/device/test_uart16550.c - the 16550A UART driven only through its
 * ports (COM1's 0x3F8..0x3FF), a manual clock the test moves, an IRQ
 * recorder on its line and a recorder of the bytes its transmitter sends.
 * The expectations come from the TI PC16550D datasheet: register reset
 * values (Table IV), interrupt priorities (Table V), FIFO trigger levels
 * and the character timeout ("FIFO Interrupt Mode Operation").
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "board/bus.h"
#include "board/clock.h"
#include "devices/uart16550.h"

enum { BASE = 0x3F8 };

struct rig {
    struct clock clk;
    struct bus *io;
    struct uart *u;
    bool level;     /**< IRQ as last reported */
    unsigned rises; /**< rising edges */
    uint8_t sent[64];
    uint64_t sent_at[64];
    unsigned nsent;
};

static void record_irq(void *opaque, unsigned n, bool level)
{
    struct rig *r = opaque;
    r->rises += level && !r->level;
    r->level = level;
}

static void record_tx(void *opaque, uint8_t byte)
{
    struct rig *r = opaque;
    if (r->nsent < 64) {
        r->sent_at[r->nsent] = clock_now(&r->clk);
        r->sent[r->nsent++] = byte;
    }
}

static void rig_init(struct rig *r)
{
    memset(r, 0, sizeof(*r));
    clock_init(&r->clk, CLOCK_MANUAL, 0, NULL, NULL);
    r->io = bus_create("port", NULL, CPU_LOG_UNIMP);
    struct uart_wiring w = {&r->clk, irq_line_make(record_irq, r, 4), record_tx, r};
    r->u = uart_create(r->io, BASE, &w);
    ck_assert_ptr_nonnull(r->u);
}

static void rig_free(struct rig *r)
{
    uart_destroy(r->u);
    bus_destroy(r->io);
}

static uint8_t rd(struct rig *r, unsigned reg)
{
    return (uint8_t)bus_read(r->io, BASE + reg, 1);
}

static void wr(struct rig *r, unsigned reg, uint8_t v)
{
    bus_write(r->io, BASE + reg, v, 1);
}

static void at(struct rig *r, uint64_t ns)
{
    clock_warp_to(&r->clk, ns);
}

static uint64_t now(struct rig *r)
{
    return clock_now(&r->clk);
}

/* 115200 baud (divisor 1), 8 data bits, no parity, 1 stop bit. */
static void setup_115200_8n1(struct rig *r)
{
    wr(r, UART_LCR, UART_LCR_DLAB | 3);
    wr(r, UART_DLL, 1);
    wr(r, UART_DLM, 0);
    wr(r, UART_LCR, 3);
}

/* Ten bits at 115200 baud: 10 * 16 / 1.8432 MHz, rounded up. */
static const uint64_t CHAR_8N1_115200 = 86806;

START_TEST(test_uart_reset_register_values)
{
    struct rig r;
    rig_init(&r);
    ck_assert_uint_eq(rd(&r, UART_IER), 0);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_NO_INT);
    ck_assert_uint_eq(rd(&r, UART_LCR), 0);
    ck_assert_uint_eq(rd(&r, UART_MCR), 0);
    ck_assert_uint_eq(rd(&r, UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);
    ck_assert_uint_eq(rd(&r, UART_MSR), UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD);
    wr(&r, UART_SCR, 0x5A);
    ck_assert_uint_eq(rd(&r, UART_SCR), 0x5A);
    ck_assert(!r.level);
    rig_free(&r);
}
END_TEST

START_TEST(test_uart_dlab_selects_divisor_latch)
{
    struct rig r;
    rig_init(&r);
    wr(&r, UART_IER, 0x05);
    wr(&r, UART_LCR, UART_LCR_DLAB);
    ck_assert_uint_eq(rd(&r, UART_DLL), 12); /* reset: 9600 baud */
    ck_assert_uint_eq(rd(&r, UART_DLM), 0);
    wr(&r, UART_DLL, 0x34);
    wr(&r, UART_DLM, 0x12);
    ck_assert_uint_eq(rd(&r, UART_DLL), 0x34);
    ck_assert_uint_eq(rd(&r, UART_DLM), 0x12);
    wr(&r, UART_LCR, 0);
    ck_assert_uint_eq(rd(&r, UART_IER), 0x05);
    ck_assert_uint_eq(rd(&r, UART_IER), 0x05);
    rig_free(&r);
}
END_TEST

START_TEST(test_uart_char_time_follows_divisor_and_frame)
{
    struct rig r;
    rig_init(&r);
    setup_115200_8n1(&r);
    ck_assert_uint_eq(uart_char_ns(r.u), CHAR_8N1_115200);
    /* 8E2: 1 + 8 + 1 + 2 = 12 bits */
    wr(&r, UART_LCR, 3 | UART_LCR_PEN | 0x10 | UART_LCR_STB);
    ck_assert_uint_eq(uart_char_ns(r.u), (12ull * 16 * 1000000000 + 1843199) / 1843200);
    /* 5N1.5: 1 + 5 + 1.5 = 7.5 bits, at divisor 12 */
    wr(&r, UART_LCR, UART_LCR_DLAB | UART_LCR_STB);
    wr(&r, UART_DLL, 12);
    wr(&r, UART_LCR, UART_LCR_STB);
    ck_assert_uint_eq(uart_char_ns(r.u), (15ull * 12 * 16 * 1000000000 + 3686399) / 3686400);
    rig_free(&r);
}
END_TEST

START_TEST(test_uart_transmit_leaves_after_one_char_time)
{
    struct rig r;
    rig_init(&r);
    setup_115200_8n1(&r);
    wr(&r, UART_THR, 'A');
    /* THR moved to the shift register: THRE, but not TEMT */
    ck_assert_uint_eq(rd(&r, UART_LSR), UART_LSR_THRE);
    at(&r, CHAR_8N1_115200 - 1);
    ck_assert_uint_eq(r.nsent, 0);
    ck_assert_uint_eq(rd(&r, UART_LSR) & UART_LSR_TEMT, 0);
    at(&r, CHAR_8N1_115200);
    ck_assert_uint_eq(r.nsent, 1);
    ck_assert_uint_eq(r.sent[0], 'A');
    ck_assert_uint_eq(rd(&r, UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);
    rig_free(&r);
}
END_TEST

START_TEST(test_uart_tx_fifo_sends_back_to_back)
{
    struct rig r;
    rig_init(&r);
    setup_115200_8n1(&r);
    wr(&r, UART_FCR, UART_FCR_ENABLE);
    for (unsigned k = 0; k < 3; k++)
        wr(&r, UART_THR, (uint8_t)('a' + k));
    ck_assert_uint_eq(rd(&r, UART_LSR) & (UART_LSR_THRE | UART_LSR_TEMT), 0);
    at(&r, 3 * CHAR_8N1_115200 + 10);
    ck_assert_uint_eq(r.nsent, 3);
    ck_assert_uint_eq(r.sent[2], 'c');
    ck_assert_uint_eq(r.sent_at[0], CHAR_8N1_115200);
    ck_assert_uint_eq(r.sent_at[1], 2 * CHAR_8N1_115200);
    ck_assert_uint_eq(r.sent_at[2], 3 * CHAR_8N1_115200);
    ck_assert_uint_eq(rd(&r, UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);
    rig_free(&r);
}
END_TEST

START_TEST(test_uart_tx_word_length_masks_data)
{
    struct rig r;
    rig_init(&r);
    setup_115200_8n1(&r);
    wr(&r, UART_LCR, 2); /* 7 bits */
    wr(&r, UART_THR, 0xC1);
    at(&r, now(&r) + uart_char_ns(r.u));
    ck_assert_uint_eq(r.nsent, 1);
    ck_assert_uint_eq(r.sent[0], 0x41);
    rig_free(&r);
}
END_TEST

START_TEST(test_uart_thre_cleared_by_iir_read)
{
    struct rig r;
    rig_init(&r);
    wr(&r, UART_MCR, UART_MCR_OUT2);
    wr(&r, UART_IER, UART_IER_THRI); /* THR is empty: THRE at once */
    ck_assert(r.level);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_THRI);
    ck_assert(!r.level);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_NO_INT);
    ck_assert_uint_eq(rd(&r, UART_LSR) & UART_LSR_THRE, UART_LSR_THRE);
    rig_free(&r);
}
END_TEST

START_TEST(test_uart_thre_irq_when_fifo_drains_to_shift_register)
{
    struct rig r;
    rig_init(&r);
    setup_115200_8n1(&r);
    wr(&r, UART_FCR, UART_FCR_ENABLE);
    wr(&r, UART_MCR, UART_MCR_OUT2);
    wr(&r, UART_IER, UART_IER_THRI);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_FIFO | UART_IIR_THRI);
    wr(&r, UART_THR, '1'); /* straight into the TSR: THR empty again */
    wr(&r, UART_THR, '2'); /* waits in the FIFO */
    ck_assert(!r.level);
    at(&r, CHAR_8N1_115200); /* '1' sent, '2' to the TSR: FIFO empty */
    ck_assert(r.level);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_FIFO | UART_IIR_THRI);
    ck_assert(!r.level);
    /* writing THR also clears it */
    at(&r, 2 * CHAR_8N1_115200);
    wr(&r, UART_IER, 0);
    wr(&r, UART_IER, UART_IER_THRI);
    ck_assert(r.level);
    wr(&r, UART_THR, '3');
    wr(&r, UART_THR, '4');
    ck_assert(!r.level);
    rig_free(&r);
}
END_TEST

/* Receive @n bytes 'a', 'b', ... from the other end; all must fit. */
static void receive(struct rig *r, unsigned n)
{
    uint8_t buf[UART_FIFO_SIZE];
    for (unsigned k = 0; k < n; k++)
        buf[k] = (uint8_t)('a' + k);
    ck_assert_uint_eq(uart_receive(r->u, buf, n), n);
}

START_TEST(test_uart_fifo_trigger_level_raises_rx_irq)
{
    static const uint8_t fcr_bits[4] = {0x00, 0x40, 0x80, 0xC0};
    static const unsigned level[4] = {1, 4, 8, 14};
    for (unsigned t = 0; t < 4; t++) {
        struct rig r;
        rig_init(&r);
        setup_115200_8n1(&r);
        wr(&r, UART_FCR, (uint8_t)(UART_FCR_ENABLE | fcr_bits[t]));
        wr(&r, UART_MCR, UART_MCR_OUT2);
        wr(&r, UART_IER, UART_IER_RDI);
        if (level[t] > 1)
            receive(&r, level[t] - 1);
        ck_assert(!r.level);
        ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_FIFO | UART_IIR_NO_INT);
        uint8_t one = 'z';
        ck_assert_uint_eq(uart_receive(r.u, &one, 1), 1);
        ck_assert(r.level);
        ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_FIFO | UART_IIR_RDI);
        ck_assert_uint_eq(rd(&r, UART_RBR), level[t] > 1 ? 'a' : 'z');
        ck_assert(!r.level); /* below the trigger level again */
        rig_free(&r);
    }
}
END_TEST

START_TEST(test_uart_char_timeout)
{
    struct rig r;
    rig_init(&r);
    setup_115200_8n1(&r);
    wr(&r, UART_FCR, UART_FCR_ENABLE | 0xC0); /* trigger 14 */
    wr(&r, UART_MCR, UART_MCR_OUT2);
    wr(&r, UART_IER, UART_IER_RDI);
    at(&r, 1000);
    receive(&r, 3);
    at(&r, 1000 + 4 * CHAR_8N1_115200 - 1);
    ck_assert(!r.level);
    at(&r, 1000 + 4 * CHAR_8N1_115200);
    ck_assert(r.level);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_FIFO | UART_IIR_TIMEOUT);
    ck_assert_uint_eq(rd(&r, UART_RBR), 'a'); /* clears it, restarts the timer */
    ck_assert(!r.level);
    uint64_t t0 = now(&r);
    at(&r, t0 + 4 * CHAR_8N1_115200 - 1);
    ck_assert(!r.level);
    at(&r, t0 + 4 * CHAR_8N1_115200);
    ck_assert(r.level);
    ck_assert_uint_eq(rd(&r, UART_RBR), 'b');
    ck_assert_uint_eq(rd(&r, UART_RBR), 'c');
    at(&r, now(&r) + 100 * CHAR_8N1_115200); /* empty: no timeout */
    ck_assert(!r.level);
    ck_assert_uint_eq(rd(&r, UART_LSR) & UART_LSR_DR, 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_uart_no_timeout_without_fifos)
{
    struct rig r;
    rig_init(&r);
    setup_115200_8n1(&r);
    wr(&r, UART_MCR, UART_MCR_OUT2);
    wr(&r, UART_IER, UART_IER_RDI);
    receive(&r, 1);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_RDI);
    ck_assert_uint_eq(uart_can_receive(r.u), 0);
    at(&r, 10 * CHAR_8N1_115200);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_RDI);
    ck_assert_uint_eq(rd(&r, UART_RBR), 'a');
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_NO_INT);
    rig_free(&r);
}
END_TEST

START_TEST(test_uart_receive_takes_only_what_fits)
{
    struct rig r;
    rig_init(&r);
    uint8_t buf[40];
    memset(buf, 'x', sizeof(buf));
    ck_assert_uint_eq(uart_receive(r.u, buf, 40), 1); /* FIFOs off: RBR */
    ck_assert_uint_eq(uart_receive(r.u, buf, 40), 0);
    wr(&r, UART_FCR, UART_FCR_ENABLE); /* empties the receiver */
    ck_assert_uint_eq(uart_can_receive(r.u), 16);
    ck_assert_uint_eq(uart_receive(r.u, buf, 40), 16);
    ck_assert_uint_eq(uart_receive(r.u, buf, 40), 0);
    ck_assert_uint_eq(rd(&r, UART_LSR) & UART_LSR_OE, 0); /* never overruns */
    rd(&r, UART_RBR);
    ck_assert_uint_eq(uart_can_receive(r.u), 1);
    rig_free(&r);
}
END_TEST

START_TEST(test_uart_loopback)
{
    struct rig r;
    rig_init(&r);
    setup_115200_8n1(&r);
    wr(&r, UART_FCR, UART_FCR_ENABLE);
    wr(&r, UART_MCR, UART_MCR_LOOP);
    uint8_t b = 'q';
    ck_assert_uint_eq(uart_receive(r.u, &b, 1), 0); /* serial input disconnected */
    wr(&r, UART_THR, 0x55);
    wr(&r, UART_THR, 0xAA);
    at(&r, CHAR_8N1_115200 - 1);
    ck_assert_uint_eq(rd(&r, UART_LSR) & UART_LSR_DR, 0);
    at(&r, 2 * CHAR_8N1_115200);
    ck_assert_uint_eq(r.nsent, 0); /* nothing leaves the chip */
    ck_assert_uint_eq(rd(&r, UART_LSR), UART_LSR_DR | UART_LSR_THRE | UART_LSR_TEMT);
    ck_assert_uint_eq(rd(&r, UART_RBR), 0x55);
    ck_assert_uint_eq(rd(&r, UART_RBR), 0xAA);
    /* the MCR outputs drive the MSR inputs; the peer's are disconnected */
    ck_assert_uint_eq(rd(&r, UART_MSR), UART_MSR_DCTS | UART_MSR_DDSR | UART_MSR_DDCD);
    wr(&r, UART_MCR, UART_MCR_LOOP | UART_MCR_DTR | UART_MCR_OUT1);
    ck_assert_uint_eq(rd(&r, UART_MSR), UART_MSR_DDSR | UART_MSR_DSR | UART_MSR_RI);
    wr(&r, UART_MCR, UART_MCR_LOOP | UART_MCR_RTS | UART_MCR_OUT2);
    ck_assert_uint_eq(rd(&r, UART_MSR), UART_MSR_DCTS | UART_MSR_DDSR | UART_MSR_TERI |
                                            UART_MSR_DDCD | UART_MSR_CTS | UART_MSR_DCD);
    rig_free(&r);
}
END_TEST

START_TEST(test_uart_loopback_overrun_sets_oe)
{
    struct rig r;
    rig_init(&r);
    setup_115200_8n1(&r);
    wr(&r, UART_MCR, UART_MCR_LOOP | UART_MCR_OUT2);
    wr(&r, UART_IER, UART_IER_RLSI | UART_IER_RDI);
    wr(&r, UART_THR, 1);
    at(&r, CHAR_8N1_115200);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_RDI);
    wr(&r, UART_THR, 2);
    at(&r, 2 * CHAR_8N1_115200);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_RLSI);
    ck_assert_uint_eq(rd(&r, UART_LSR) & UART_LSR_OE, UART_LSR_OE);
    ck_assert_uint_eq(rd(&r, UART_LSR) & UART_LSR_OE, 0); /* cleared by the read */
    ck_assert_uint_eq(rd(&r, UART_RBR), 2);               /* RBR was overwritten */
    rig_free(&r);
}
END_TEST

START_TEST(test_uart_out2_gates_irq)
{
    struct rig r;
    rig_init(&r);
    wr(&r, UART_IER, UART_IER_THRI);
    ck_assert(!r.level);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_THRI); /* pending inside the chip */
    wr(&r, UART_IER, 0);
    wr(&r, UART_IER, UART_IER_THRI);
    wr(&r, UART_MCR, UART_MCR_OUT2);
    ck_assert(r.level);
    wr(&r, UART_MCR, 0);
    ck_assert(!r.level);
    ck_assert_uint_eq(r.rises, 1);
    rig_free(&r);
}
END_TEST

START_TEST(test_uart_interrupt_priority)
{
    struct rig r;
    rig_init(&r);
    setup_115200_8n1(&r);
    wr(&r, UART_MCR, UART_MCR_LOOP | UART_MCR_OUT2);
    rd(&r, UART_MSR);
    /* two looped-back bytes without FIFOs: data and an overrun */
    wr(&r, UART_THR, 7);
    at(&r, CHAR_8N1_115200);
    wr(&r, UART_THR, 8);
    at(&r, 2 * CHAR_8N1_115200);
    wr(&r, UART_MCR, UART_MCR_LOOP | UART_MCR_OUT2 | UART_MCR_DTR); /* DDSR */
    wr(&r, UART_IER, 0x0F);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_RLSI);
    rd(&r, UART_LSR);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_RDI);
    rd(&r, UART_RBR);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_THRI);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_MSI);
    ck_assert(r.level);
    rd(&r, UART_MSR);
    ck_assert_uint_eq(rd(&r, UART_IIR), UART_IIR_NO_INT);
    ck_assert(!r.level);
    rig_free(&r);
}
END_TEST

START_TEST(test_uart_fcr_reset_bits_empty_fifos)
{
    struct rig r;
    rig_init(&r);
    setup_115200_8n1(&r);
    wr(&r, UART_FCR, UART_FCR_ENABLE);
    receive(&r, 5);
    for (unsigned k = 0; k < 4; k++)
        wr(&r, UART_THR, 'x');
    wr(&r, UART_FCR, UART_FCR_ENABLE | UART_FCR_CLEAR_RX);
    ck_assert_uint_eq(rd(&r, UART_LSR) & UART_LSR_DR, 0);
    ck_assert_uint_eq(rd(&r, UART_LSR) & UART_LSR_THRE, 0);
    wr(&r, UART_FCR, UART_FCR_ENABLE | UART_FCR_CLEAR_TX);
    /* the XMIT FIFO is empty; the shift register still sends its byte */
    ck_assert_uint_eq(rd(&r, UART_LSR), UART_LSR_THRE);
    at(&r, 10 * CHAR_8N1_115200);
    ck_assert_uint_eq(r.nsent, 1);
    ck_assert_uint_eq(rd(&r, UART_IIR) & UART_IIR_FIFO, UART_IIR_FIFO);
    wr(&r, UART_FCR, 0);
    ck_assert_uint_eq(rd(&r, UART_IIR) & UART_IIR_FIFO, 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_uart_reset_lowers_irq_and_keeps_scr)
{
    struct rig r;
    rig_init(&r);
    wr(&r, UART_SCR, 0x77);
    wr(&r, UART_MCR, UART_MCR_OUT2);
    wr(&r, UART_IER, UART_IER_THRI);
    ck_assert(r.level);
    uart_reset(r.u);
    ck_assert(!r.level);
    ck_assert_uint_eq(rd(&r, UART_SCR), 0x77);
    ck_assert_uint_eq(rd(&r, UART_MCR), 0);
    rig_free(&r);
}
END_TEST

START_TEST(test_uart_state_descriptor_is_valid)
{
    ck_assert_ptr_null(state_desc_check(&uart_state_desc));
}
END_TEST

/* Random register traffic, received bytes and time steps: nothing may
 * crash, and the LSR and IRQ stay consistent with what the chip holds. */
START_TEST(test_uart_register_fuzz_does_not_crash)
{
    struct rig r;
    rig_init(&r);
    uint32_t seed = 12345;
    for (unsigned k = 0; k < 200000; k++) {
        seed = seed * 1103515245u + 12345u;
        unsigned op = (seed >> 16) % 8, reg = (seed >> 8) & 7;
        uint8_t v = (uint8_t)(seed >> 20);
        if (op < 3)
            wr(&r, reg, v);
        else if (op < 6)
            rd(&r, reg);
        else if (op == 6)
            uart_receive(r.u, &v, 1);
        else
            at(&r, now(&r) + (seed >> 12) % 2000000);
        if (r.level)
            ck_assert_uint_eq(rd(&r, UART_MCR) & UART_MCR_OUT2, UART_MCR_OUT2);
    }
    rig_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("uart16550");
    TCase *tc = tcase_create("uart16550");
    tcase_add_test(tc, test_uart_reset_register_values);
    tcase_add_test(tc, test_uart_dlab_selects_divisor_latch);
    tcase_add_test(tc, test_uart_char_time_follows_divisor_and_frame);
    tcase_add_test(tc, test_uart_transmit_leaves_after_one_char_time);
    tcase_add_test(tc, test_uart_tx_fifo_sends_back_to_back);
    tcase_add_test(tc, test_uart_tx_word_length_masks_data);
    tcase_add_test(tc, test_uart_thre_cleared_by_iir_read);
    tcase_add_test(tc, test_uart_thre_irq_when_fifo_drains_to_shift_register);
    tcase_add_test(tc, test_uart_fifo_trigger_level_raises_rx_irq);
    tcase_add_test(tc, test_uart_char_timeout);
    tcase_add_test(tc, test_uart_no_timeout_without_fifos);
    tcase_add_test(tc, test_uart_receive_takes_only_what_fits);
    tcase_add_test(tc, test_uart_loopback);
    tcase_add_test(tc, test_uart_loopback_overrun_sets_oe);
    tcase_add_test(tc, test_uart_out2_gates_irq);
    tcase_add_test(tc, test_uart_interrupt_priority);
    tcase_add_test(tc, test_uart_fcr_reset_bits_empty_fifos);
    tcase_add_test(tc, test_uart_reset_lowers_irq_and_keeps_scr);
    tcase_add_test(tc, test_uart_state_descriptor_is_valid);
    tcase_add_test(tc, test_uart_register_fuzz_does_not_crash);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
