/*
 * tests/device/test_dma.c - the 8237A pair driven through its ports
 * (0x00-0x0F, 0xC0-0xDF, page registers 0x81-0x8F) with a fake guest
 * memory behind struct dma_mem_ops; transfers are requested the way a
 * device would, through dma_transfer.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "board/bus.h"
#include "devices/dma.h"

enum { MEM_SIZE = 4 << 20 };

struct rig {
    struct bus *io;
    struct dma *dma;
    uint8_t *mem;
    unsigned accesses;
};

static void mem_read(void *opaque, uint32_t pa, void *buf, size_t len)
{
    struct rig *r = opaque;
    ck_assert_uint_le((uint64_t)pa + len, MEM_SIZE);
    memcpy(buf, r->mem + pa, len);
    r->accesses++;
}

static void mem_write(void *opaque, uint32_t pa, const void *buf, size_t len)
{
    struct rig *r = opaque;
    ck_assert_uint_le((uint64_t)pa + len, MEM_SIZE);
    memcpy(r->mem + pa, buf, len);
    r->accesses++;
}

static const struct dma_mem_ops mem_ops = {mem_read, mem_write};

static void rig_init(struct rig *r)
{
    memset(r, 0, sizeof(*r));
    r->io = bus_create("port", NULL, CPU_LOG_UNIMP);
    r->mem = calloc(1, MEM_SIZE);
    r->dma = dma_create(r->io, &mem_ops, r);
    ck_assert_ptr_nonnull(r->dma);
}

static void rig_free(struct rig *r)
{
    dma_destroy(r->dma);
    bus_destroy(r->io);
    free(r->mem);
}

static void out(struct rig *r, uint16_t port, uint8_t v)
{
    bus_write(r->io, port, v, 1);
}
static uint8_t in(struct rig *r, uint16_t port)
{
    return (uint8_t)bus_read(r->io, port, 1);
}

/* The BIOS's setup: channel 4 in cascade mode, unmasked. */
static void cascade_on(struct rig *r)
{
    out(r, 0xD6, 0xC0);
    out(r, 0xD4, 0x00);
}

/* Program DMA1 channel @ch: @mode, physical @pa, @n bytes, unmasked. */
static void program8(struct rig *r, unsigned ch, uint8_t mode, uint32_t pa, unsigned n)
{
    static const uint16_t page[4] = {0x87, 0x83, 0x81, 0x82};
    out(r, 0x0A, (uint8_t)(4 | ch));
    out(r, 0x0C, 0);
    out(r, 0x0B, (uint8_t)(mode | ch));
    out(r, (uint16_t)(ch * 2), pa & 0xFF);
    out(r, (uint16_t)(ch * 2), pa >> 8 & 0xFF);
    out(r, page[ch], pa >> 16 & 0xFF);
    out(r, (uint16_t)(ch * 2 + 1), (n - 1) & 0xFF);
    out(r, (uint16_t)(ch * 2 + 1), (n - 1) >> 8 & 0xFF);
    out(r, 0x0A, (uint8_t)ch);
}

static uint16_t read16(struct rig *r, uint16_t port)
{
    uint16_t lo = in(r, port);
    return (uint16_t)(lo | in(r, port) << 8);
}

START_TEST(test_dma_flip_flop_address_and_count)
{
    struct rig r;
    rig_init(&r);
    out(&r, 0x0C, 0);
    out(&r, 0x04, 0x34);
    out(&r, 0x04, 0x12);
    out(&r, 0x05, 0xFF);
    out(&r, 0x05, 0x01);
    out(&r, 0x0C, 0);
    ck_assert_uint_eq(read16(&r, 0x04), 0x1234);
    ck_assert_uint_eq(read16(&r, 0x05), 0x01FF);
    /* without a clear the pointer keeps toggling across registers */
    ck_assert_uint_eq(in(&r, 0x04), 0x34);
    ck_assert_uint_eq(in(&r, 0x05), 0x01);
    out(&r, 0x0C, 0);
    ck_assert_uint_eq(in(&r, 0x04), 0x34);
    /* a master clear also resets the pointer */
    out(&r, 0x0D, 0);
    ck_assert_uint_eq(in(&r, 0x04), 0x34);
    rig_free(&r);
}
END_TEST

START_TEST(test_dma_16bit_channel_word_addressing_and_page)
{
    struct rig r;
    rig_init(&r);
    uint8_t data[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    out(&r, 0xD6, 0x45); /* channel 5: single, write (to memory) */
    out(&r, 0xD8, 0);
    out(&r, 0xC4, 0x00); /* word address 0x0100 = byte 0x200 */
    out(&r, 0xC4, 0x01);
    out(&r, 0xC6, 3); /* 4 words */
    out(&r, 0xC6, 0);
    out(&r, 0x8B, 0x13); /* bit 0 of a DMA2 page is not used */
    ck_assert(!dma_channel_ready(r.dma, 5));
    out(&r, 0xD4, 0x01);
    ck_assert(dma_channel_ready(r.dma, 5));
    ck_assert(!dma_channel_ready(r.dma, 1)); /* DMA1 still masked */
    ck_assert_uint_eq(dma_transfer(r.dma, 5, data, sizeof(data), true), 8);
    ck_assert_mem_eq(r.mem + 0x120200, data, 8);
    out(&r, 0xD8, 0);
    ck_assert_uint_eq(read16(&r, 0xC4), 0x0104);
    ck_assert_uint_eq(read16(&r, 0xC6), 0xFFFF);
    ck_assert_uint_eq(in(&r, 0xD0) & 0x02, 0x02); /* TC of channel 5 */
    rig_free(&r);
}
END_TEST

START_TEST(test_dma_transfer_sets_tc_and_status)
{
    struct rig r;
    rig_init(&r);
    cascade_on(&r);
    uint8_t src[16];
    for (unsigned k = 0; k < sizeof(src); k++)
        src[k] = (uint8_t)(0xA0 + k);
    program8(&r, 2, 0x44, 0x31000, 10);
    ck_assert_uint_eq(in(&r, 0x08) & 0x04, 0);
    ck_assert_uint_eq(dma_transfer(r.dma, 2, src, sizeof(src), true), 10);
    ck_assert_mem_eq(r.mem + 0x31000, src, 10);
    ck_assert_uint_eq(r.mem[0x3100A], 0);
    ck_assert_uint_eq(in(&r, 0x08) & 0x0F, 0x04);
    ck_assert_uint_eq(in(&r, 0x08) & 0x0F, 0); /* cleared by the read */
    ck_assert(!dma_channel_ready(r.dma, 2));   /* masked at TC */
    ck_assert_uint_eq(in(&r, 0x0F) & 0x04, 0x04);
    ck_assert_uint_eq(dma_transfer(r.dma, 2, src, sizeof(src), true), 0);
    /* a read transfer (memory to device) fills the device's buffer */
    uint8_t dst[4] = {0};
    program8(&r, 1, 0x48, 0x31002, 4);
    ck_assert_uint_eq(dma_transfer(r.dma, 1, dst, sizeof(dst), false), 4);
    ck_assert_mem_eq(dst, src + 2, 4);
    rig_free(&r);
}
END_TEST

START_TEST(test_dma_autoinit_reloads)
{
    struct rig r;
    rig_init(&r);
    cascade_on(&r);
    uint8_t a[6] = {1, 2, 3, 4, 5, 6}, b[4] = {9, 9, 9, 9};
    program8(&r, 3, 0x54, 0x2000, 4); /* auto-init, write */
    ck_assert_uint_eq(dma_transfer(r.dma, 3, a, sizeof(a), true), 4);
    ck_assert(dma_channel_ready(r.dma, 3)); /* not masked */
    out(&r, 0x0C, 0);
    ck_assert_uint_eq(read16(&r, 0x06), 0x2000);
    ck_assert_uint_eq(read16(&r, 0x07), 3);
    ck_assert_uint_eq(dma_transfer(r.dma, 3, b, sizeof(b), true), 4);
    ck_assert_mem_eq(r.mem + 0x2000, b, 4);
    ck_assert_uint_eq(in(&r, 0x08) & 0x08, 0x08);
    rig_free(&r);
}
END_TEST

START_TEST(test_dma_decrement_mode_moves_downwards)
{
    struct rig r;
    rig_init(&r);
    cascade_on(&r);
    uint8_t a[3] = {1, 2, 3};
    program8(&r, 0, 0x64, 0x5002, 3);
    ck_assert_uint_eq(dma_transfer(r.dma, 0, a, sizeof(a), true), 3);
    ck_assert_uint_eq(r.mem[0x5002], 1);
    ck_assert_uint_eq(r.mem[0x5001], 2);
    ck_assert_uint_eq(r.mem[0x5000], 3);
    rig_free(&r);
}
END_TEST

START_TEST(test_dma_masked_channel_not_ready)
{
    struct rig r;
    rig_init(&r);
    uint8_t buf[4] = {0};
    program8(&r, 2, 0x44, 0x1000, 4);
    ck_assert(!dma_channel_ready(r.dma, 2)); /* cascade channel 4 still masked */
    cascade_on(&r);
    ck_assert(dma_channel_ready(r.dma, 2));
    out(&r, 0x0A, 0x06); /* single mask set */
    ck_assert(!dma_channel_ready(r.dma, 2));
    ck_assert_uint_eq(dma_transfer(r.dma, 2, buf, 4, true), 0);
    ck_assert_uint_eq(r.accesses, 0);
    out(&r, 0x0E, 0); /* clear all masks */
    ck_assert(dma_channel_ready(r.dma, 2));
    out(&r, 0x0F, 0x0F); /* all masks set */
    ck_assert(!dma_channel_ready(r.dma, 2));
    out(&r, 0x0F, 0x00);
    out(&r, 0x08, 0x04); /* controller disable */
    ck_assert(!dma_channel_ready(r.dma, 2));
    out(&r, 0x08, 0x00);
    out(&r, 0xDE, 0x0F); /* all masks of DMA2, the cascade among them */
    ck_assert(!dma_channel_ready(r.dma, 2));
    out(&r, 0xDE, 0x00);
    ck_assert(dma_channel_ready(r.dma, 2));
    out(&r, 0x0D, 0); /* master clear masks everything */
    ck_assert(!dma_channel_ready(r.dma, 2));
    ck_assert(!dma_channel_ready(r.dma, 4)); /* cascade mode never transfers */
    rig_free(&r);
}
END_TEST

START_TEST(test_dma_register_fuzz_stays_in_bounds)
{
    struct rig r;
    rig_init(&r);
    static const uint16_t ports[] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09,
                                     0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0xC0, 0xC2, 0xC4, 0xC8,
                                     0xCC, 0xD0, 0xD2, 0xD4, 0xD6, 0xD8, 0xDA, 0xDC, 0xDE, 0x81,
                                     0x82, 0x83, 0x87, 0x89, 0x8A, 0x8B, 0x8F};
    enum { NPORTS = sizeof(ports) / sizeof(ports[0]) };
    uint8_t buf[300];
    srand(8237);
    for (int k = 0; k < 100000; k++) {
        uint16_t p = ports[(unsigned)rand() % NPORTS];
        if (rand() & 1)
            out(&r, p, (uint8_t)rand());
        else
            in(&r, p);
        /* keep every page inside the fake memory (mem ops assert the bounds) */
        for (uint16_t pg = 0x81; pg <= 0x8F; pg++)
            if (in(&r, pg) > 0x3F)
                out(&r, pg, in(&r, pg) & 0x3F);
        unsigned ch = (unsigned)rand() % DMA_CHANNELS;
        size_t len = (size_t)rand() % sizeof(buf);
        bool ready = dma_channel_ready(r.dma, ch);
        unsigned before = r.accesses;
        size_t n = dma_transfer(r.dma, ch, buf, len, rand() & 1);
        ck_assert_uint_le(n, len);
        if (!ready) { /* a channel that is not ready moves and touches nothing */
            ck_assert_uint_eq(n, 0);
            ck_assert_uint_eq(r.accesses, before);
        }
        if (ch >= 4)
            ck_assert_uint_eq(n % 2, 0); /* whole words only */
    }
    ck_assert_ptr_null(state_desc_check(&dma_state_desc));
    rig_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dma");
    TCase *tc = tcase_create("ports");
    tcase_add_test(tc, test_dma_flip_flop_address_and_count);
    tcase_add_test(tc, test_dma_16bit_channel_word_addressing_and_page);
    tcase_add_test(tc, test_dma_transfer_sets_tc_and_status);
    tcase_add_test(tc, test_dma_autoinit_reloads);
    tcase_add_test(tc, test_dma_decrement_mode_moves_downwards);
    tcase_add_test(tc, test_dma_masked_channel_not_ready);
    tcase_add_test(tc, test_dma_register_fuzz_stays_in_bounds);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
