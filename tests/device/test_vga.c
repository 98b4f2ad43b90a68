/*
 * tests/device/test_vga.c - the standard VGA driven only through its ports
 * (0x3B0-0x3DF, 0x1CE-0x1D0), the legacy window and LFB bus callbacks (on
 * an MMIO bus of their own) and a manual clock.  Expected values come from
 * the IBM VGA Technical Reference (register meanings, the mode 3 register
 * table) and the Bochs DISPI interface description, not from the code.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board/bus.h"
#include "board/clock.h"
#include "devices/vga.h"
#include "devices/vga_dump.h"

enum { LFB_BASE = 0xE0000000u };

struct rig {
    struct clock clk;
    struct bus *io, *mmio;
    struct vga *vga;
};

static void rig_init(struct rig *r)
{
    memset(r, 0, sizeof(*r));
    clock_init(&r->clk, CLOCK_MANUAL, 0, NULL, NULL);
    r->io = bus_create("port", NULL, CPU_LOG_UNIMP);
    r->mmio = bus_create("mmio", NULL, CPU_LOG_GUEST_ERRORS);
    r->vga = vga_create(r->io, &r->clk);
    ck_assert_ptr_nonnull(r->vga);
    ck_assert_int_eq(vga_map_legacy(r->vga, r->mmio), 0);
    ck_assert_int_eq(bus_map(r->mmio, "lfb", LFB_BASE, VGA_BAR0_SIZE, vga_lfb_ops(), r->vga), 0);
}

static void rig_free(struct rig *r)
{
    vga_destroy(r->vga);
    bus_destroy(r->mmio);
    bus_destroy(r->io);
}

static void out8(struct rig *r, uint16_t port, uint8_t v)
{
    bus_write(r->io, port, v, 1);
}
static uint8_t in8(struct rig *r, uint16_t port)
{
    return (uint8_t)bus_read(r->io, port, 1);
}
static void wmem(struct rig *r, uint32_t a, uint8_t v)
{
    bus_write(r->mmio, a, v, 1);
}
static uint8_t rmem(struct rig *r, uint32_t a)
{
    return (uint8_t)bus_read(r->mmio, a, 1);
}

static void indexed(struct rig *r, uint16_t port, uint8_t i, uint8_t v)
{
    out8(r, port, i);
    out8(r, port + 1, v);
}

static void seq(struct rig *r, uint8_t i, uint8_t v)
{
    indexed(r, 0x3C4, i, v);
}
static void gc(struct rig *r, uint8_t i, uint8_t v)
{
    indexed(r, 0x3CE, i, v);
}
static void crtc(struct rig *r, uint8_t i, uint8_t v)
{
    indexed(r, 0x3D4, i, v);
}

static uint8_t crtc_read(struct rig *r, uint8_t i)
{
    out8(r, 0x3D4, i);
    return in8(r, 0x3D5);
}

static void dispi(struct rig *r, uint16_t i, uint16_t v)
{
    bus_write(r->io, 0x1CE, i, 2);
    bus_write(r->io, 0x1CF, v, 2);
}

static uint16_t dispi_read(struct rig *r, uint16_t i)
{
    bus_write(r->io, 0x1CE, i, 2);
    return (uint16_t)bus_read(r->io, 0x1CF, 2);
}

/* Planar graphics addressing at A0000/64K: sequential planes, write mode
 * 0, no set/reset, bit mask 0xFF, all planes enabled. */
static void planar_setup(struct rig *r)
{
    out8(r, 0x3C2, 0x63);
    seq(r, 2, 0x0F);
    seq(r, 4, 0x06);
    gc(r, 1, 0x00);
    gc(r, 3, 0x00);
    gc(r, 5, 0x00);
    gc(r, 6, 0x05);
    gc(r, 8, 0xFF);
}

/* Write one byte into each plane at A0000 + @off: planes get @p[0..3]. */
static void fill_planes(struct rig *r, uint32_t off, const uint8_t p[4])
{
    for (unsigned k = 0; k < 4; k++) {
        seq(r, 2, (uint8_t)(1u << k));
        wmem(r, 0xA0000 + off, p[k]);
    }
    seq(r, 2, 0x0F);
}

/* Read plane @k at A0000 + @off in read mode 0. */
static uint8_t plane_byte(struct rig *r, unsigned k, uint32_t off)
{
    gc(r, 4, (uint8_t)k);
    return rmem(r, 0xA0000 + off);
}

/* Mode 3 (80x25 text, 720x400) register values, IBM VGA Technical
 * Reference, BIOS parameter table for modes 3+. */
static const uint8_t mode3_seq[5] = {0x03, 0x00, 0x03, 0x00, 0x02};
static const uint8_t mode3_crtc[25] = {0x5F, 0x4F, 0x50, 0x82, 0x55, 0x81, 0xBF, 0x1F, 0x00,
                                       0x4F, 0x0D, 0x0E, 0x00, 0x00, 0x00, 0x00, 0x9C, 0x8E,
                                       0x8F, 0x28, 0x1F, 0x96, 0xB9, 0xA3, 0xFF};
static const uint8_t mode3_gc[9] = {0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x0E, 0x00, 0xFF};
static const uint8_t mode3_attr[21] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14,
                                       0x07, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D,
                                       0x3E, 0x3F, 0x0C, 0x00, 0x0F, 0x08, 0x00};

/* Program mode 3 the way the BIOS does: misc, sequencer, CRTC (protect
 * off first), graphics controller, attribute controller, PAS on. */
static void set_mode3(struct rig *r)
{
    out8(r, 0x3C2, 0x67);
    for (uint8_t i = 0; i < 5; i++)
        seq(r, i, mode3_seq[i]);
    crtc(r, 0x11, 0x00);
    for (uint8_t i = 0; i < 25; i++)
        crtc(r, i, mode3_crtc[i]);
    for (uint8_t i = 0; i < 9; i++)
        gc(r, i, mode3_gc[i]);
    in8(r, 0x3DA);
    for (uint8_t i = 0; i < 21; i++) {
        out8(r, 0x3C0, i);
        out8(r, 0x3C0, mode3_attr[i]);
    }
    out8(r, 0x3C0, 0x20);
}

START_TEST(test_vga_misc_output_selects_crtc_address)
{
    struct rig r;
    rig_init(&r);
    out8(&r, 0x3B4, 0x0C); /* power-on: mono addresses */
    out8(&r, 0x3B5, 0x12);
    ck_assert_uint_eq(in8(&r, 0x3B5), 0x12);
    ck_assert_uint_eq(in8(&r, 0x3D5), 0xFF);
    ck_assert_uint_eq(in8(&r, 0x3DA), 0xFF);
    out8(&r, 0x3C2, 0x67);
    ck_assert_uint_eq(in8(&r, 0x3CC), 0x67);
    ck_assert_uint_eq(crtc_read(&r, 0x0C), 0x12); /* one register file */
    out8(&r, 0x3B4, 0x0C);
    out8(&r, 0x3B5, 0x34); /* now ignored */
    ck_assert_uint_eq(in8(&r, 0x3B5), 0xFF);
    ck_assert_uint_eq(in8(&r, 0x3BA), 0xFF);
    ck_assert_uint_eq(crtc_read(&r, 0x0C), 0x12);
    out8(&r, 0x3DA, 0x05); /* feature control follows the address select */
    ck_assert_uint_eq(in8(&r, 0x3CA), 0x05);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_attribute_flip_flop_reset_by_input_status_read)
{
    struct rig r;
    rig_init(&r);
    out8(&r, 0x3C2, 0x67);
    in8(&r, 0x3DA);
    out8(&r, 0x3C0, 0x01);
    out8(&r, 0x3C0, 0x2A);
    ck_assert_uint_eq(in8(&r, 0x3C1), 0x2A);
    out8(&r, 0x3C0, 0x02); /* index; the next write would be data... */
    in8(&r, 0x3DA);        /* ...but the status read resets the flip-flop */
    out8(&r, 0x3C0, 0x21);
    ck_assert_uint_eq(in8(&r, 0x3C0), 0x21);
    out8(&r, 0x3C0, 0x15); /* palette 1 with PAS = 1: locked */
    out8(&r, 0x3C0, 0x02);
    ck_assert_uint_eq(in8(&r, 0x3C1), 0x00); /* register 2 never written */
    in8(&r, 0x3DA);
    out8(&r, 0x3C0, 0x01);
    ck_assert_uint_eq(in8(&r, 0x3C1), 0x2A);
    in8(&r, 0x3BA); /* the unselected mono status port does not reset it */
    out8(&r, 0x3C0, 0x07);
    ck_assert_uint_eq(in8(&r, 0x3C0), 0x01);
    ck_assert_uint_eq(in8(&r, 0x3C1), 0x07);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_dac_rgb_sequence_and_autoincrement)
{
    struct rig r;
    rig_init(&r);
    ck_assert_uint_eq(in8(&r, 0x3C6), 0xFF);
    out8(&r, 0x3C8, 0x05);
    ck_assert_uint_eq(in8(&r, 0x3C7), 0x00);
    const uint8_t w[6] = {0x3F, 0x20, 0x41, 0x01, 0x02, 0x03};
    for (unsigned k = 0; k < 6; k++)
        out8(&r, 0x3C9, w[k]);
    ck_assert_uint_eq(in8(&r, 0x3C8), 0x07);
    out8(&r, 0x3C7, 0x05);
    ck_assert_uint_eq(in8(&r, 0x3C7), 0x03);
    const uint8_t want[6] = {0x3F, 0x20, 0x01, 0x01, 0x02, 0x03}; /* 6-bit */
    for (unsigned k = 0; k < 6; k++)
        ck_assert_uint_eq(in8(&r, 0x3C9), want[k]);
    ck_assert_uint_eq(in8(&r, 0x3C9), 0x00); /* entry 7 */
    out8(&r, 0x3C8, 0xFF);                   /* the write index wraps to 0 */
    for (unsigned k = 0; k < 4; k++)
        out8(&r, 0x3C9, 0x11);
    ck_assert_uint_eq(in8(&r, 0x3C8), 0x00);
    out8(&r, 0x3C7, 0x00);
    ck_assert_uint_eq(in8(&r, 0x3C9), 0x00); /* one component is still latched */
    out8(&r, 0x3C6, 0x0F);
    ck_assert_uint_eq(in8(&r, 0x3C6), 0x0F);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_crtc_protect_bit)
{
    struct rig r;
    rig_init(&r);
    out8(&r, 0x3C2, 0x67);
    crtc(&r, 0x11, 0x80);
    crtc(&r, 0x00, 0x5F);
    crtc(&r, 0x07, 0xFF);
    crtc(&r, 0x08, 0x12);
    ck_assert_uint_eq(crtc_read(&r, 0x00), 0x00);
    ck_assert_uint_eq(crtc_read(&r, 0x07), 0x10); /* line compare bit 8 */
    ck_assert_uint_eq(crtc_read(&r, 0x08), 0x12);
    crtc(&r, 0x11, 0x0E);
    crtc(&r, 0x00, 0x5F);
    crtc(&r, 0x07, 0x1F);
    ck_assert_uint_eq(crtc_read(&r, 0x00), 0x5F);
    ck_assert_uint_eq(crtc_read(&r, 0x07), 0x1F);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_text_mode_odd_even_planes)
{
    struct rig r;
    rig_init(&r);
    planar_setup(&r);
    seq(&r, 2, 0x04);
    wmem(&r, 0xA0000, 0x7E); /* a font byte in plane 2 */
    set_mode3(&r);
    const uint8_t text[4] = {'A', 0x07, 'B', 0x70};
    for (unsigned k = 0; k < 4; k++)
        wmem(&r, 0xB8000 + k, text[k]);
    ck_assert_uint_eq(rmem(&r, 0xB8001), 0x07);
    ck_assert_uint_eq(rmem(&r, 0xB8002), 'B');
    planar_setup(&r);
    ck_assert_uint_eq(plane_byte(&r, 0, 0), 'A');
    ck_assert_uint_eq(plane_byte(&r, 0, 2), 'B');
    ck_assert_uint_eq(plane_byte(&r, 1, 0), 0x07);
    ck_assert_uint_eq(plane_byte(&r, 1, 2), 0x70);
    ck_assert_uint_eq(plane_byte(&r, 0, 1), 0x00);
    ck_assert_uint_eq(plane_byte(&r, 2, 0), 0x7E); /* the map mask kept it */
    ck_assert_uint_eq(plane_byte(&r, 3, 0), 0x00);
    rig_free(&r);
}
END_TEST

static const uint8_t base_planes[4] = {0x12, 0x34, 0x56, 0x78};

START_TEST(test_vga_write_mode_0_set_reset_and_bit_mask)
{
    struct rig r;
    rig_init(&r);
    planar_setup(&r);
    fill_planes(&r, 0, base_planes);
    rmem(&r, 0xA0000); /* latches = 12 34 56 78 */
    gc(&r, 0, 0x01);
    gc(&r, 1, 0x05);
    gc(&r, 8, 0x0F);
    wmem(&r, 0xA0000, 0xAA);
    const uint8_t want[4] = {0x1F, 0x3A, 0x50, 0x7A};
    for (unsigned k = 0; k < 4; k++)
        ck_assert_uint_eq(plane_byte(&r, k, 0), want[k]);
    gc(&r, 1, 0x00);
    gc(&r, 8, 0xFF);
    fill_planes(&r, 1, base_planes);
    rmem(&r, 0xA0001);
    gc(&r, 3, 0x18); /* XOR with the latches */
    wmem(&r, 0xA0001, 0xFF);
    for (unsigned k = 0; k < 4; k++)
        ck_assert_uint_eq(plane_byte(&r, k, 1), (uint8_t)~base_planes[k]);
    gc(&r, 3, 0x04); /* rotate right by 4 */
    wmem(&r, 0xA0002, 0x12);
    ck_assert_uint_eq(plane_byte(&r, 3, 2), 0x21);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_write_modes_1_2_3)
{
    struct rig r;
    rig_init(&r);
    planar_setup(&r);
    fill_planes(&r, 0, base_planes);
    rmem(&r, 0xA0000);
    gc(&r, 5, 0x01);
    wmem(&r, 0xA0010, 0x00); /* mode 1: the latches, whatever the data */
    for (unsigned k = 0; k < 4; k++)
        ck_assert_uint_eq(plane_byte(&r, k, 0x10), base_planes[k]);
    rmem(&r, 0xA0000);
    gc(&r, 5, 0x02);
    gc(&r, 8, 0xF0);
    wmem(&r, 0xA0020, 0x05); /* mode 2: data bits 3-0 are the colour */
    const uint8_t want2[4] = {0xF2, 0x04, 0xF6, 0x08};
    for (unsigned k = 0; k < 4; k++)
        ck_assert_uint_eq(plane_byte(&r, k, 0x20), want2[k]);
    rmem(&r, 0xA0000);
    gc(&r, 5, 0x03);
    gc(&r, 0, 0x03);
    gc(&r, 8, 0xFF);
    wmem(&r, 0xA0030, 0x0F); /* mode 3: set/reset colour, data ANDs the mask */
    const uint8_t want3[4] = {0x1F, 0x3F, 0x50, 0x70};
    for (unsigned k = 0; k < 4; k++)
        ck_assert_uint_eq(plane_byte(&r, k, 0x30), want3[k]);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_read_mode_1_color_compare)
{
    struct rig r;
    rig_init(&r);
    planar_setup(&r);
    const uint8_t p[4] = {0xF0, 0xCC, 0xAA, 0x00};
    fill_planes(&r, 0, p);
    gc(&r, 5, 0x08);
    gc(&r, 2, 0x03);
    gc(&r, 7, 0x0F);
    ck_assert_uint_eq(rmem(&r, 0xA0000), 0x40);
    gc(&r, 7, 0x03);
    ck_assert_uint_eq(rmem(&r, 0xA0000), 0xC0);
    gc(&r, 7, 0x00);
    ck_assert_uint_eq(rmem(&r, 0xA0000), 0xFF);
    gc(&r, 2, 0x0C);
    gc(&r, 7, 0x0F);
    ck_assert_uint_eq(rmem(&r, 0xA0000), 0x00);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_chain4_mapping)
{
    struct rig r;
    rig_init(&r);
    planar_setup(&r);
    seq(&r, 4, 0x0E);
    gc(&r, 5, 0x40);
    for (unsigned n = 0; n < 8; n++)
        wmem(&r, 0xA0000 + n, (uint8_t)(n + 1));
    ck_assert_uint_eq(rmem(&r, 0xA0005), 6);
    seq(&r, 4, 0x06);
    gc(&r, 5, 0x00);
    for (unsigned k = 0; k < 4; k++) {
        ck_assert_uint_eq(plane_byte(&r, k, 0), k + 1);
        ck_assert_uint_eq(plane_byte(&r, k, 4), k + 5);
        ck_assert_uint_eq(plane_byte(&r, k, 1), 0);
    }
    rig_free(&r);
}
END_TEST

/* Input status 1 at @ns of virtual time. */
static uint8_t status1_at(struct rig *r, uint64_t ns)
{
    clock_warp_to(&r->clk, ns);
    return in8(r, 0x3DA);
}

START_TEST(test_vga_retrace_bit_follows_virtual_time)
{
    struct rig r;
    rig_init(&r);
    out8(&r, 0x3C2, 0x67);
    /* 31.778 us lines (800 dots at 25.175 MHz), 449 lines a frame */
    ck_assert_uint_eq(status1_at(&r, 6359492) & 9, 0);                     /* line 200, dot 100 */
    ck_assert_uint_eq(status1_at(&r, 6355520 + 27900) & 9, 1);             /* line 200, dot ~700 */
    ck_assert_uint_eq(status1_at(&r, 13028860) & 9, 1);                    /* line 410: blank */
    ck_assert_uint_eq(status1_at(&r, 13108000) & 9, 9);                    /* line 412.5 */
    ck_assert_uint_eq(status1_at(&r, 13140037) & 9, 9);                    /* line 413.5 */
    ck_assert_uint_eq(status1_at(&r, 13161000) & 9, 1);                    /* line 414.2 */
    ck_assert_uint_eq(status1_at(&r, 13140037 + 14268142) & 9, 9);         /* a frame later */
    ck_assert_uint_eq(status1_at(&r, 13140037 + 14268142 + 95000) & 9, 1); /* line 416.5 */
    unsigned starts = 0;
    bool was = true;
    uint64_t t0 = clock_now(&r.clk);
    for (uint64_t t = 0; t < 1000000000u; t += 20000) {
        bool vr = status1_at(&r, t0 + t) & 8;
        starts += vr && !was;
        was = vr;
    }
    ck_assert_uint_ge(starts, 69);
    ck_assert_uint_le(starts, 71);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_retrace_follows_the_programmed_crtc_mode12h_60hz)
{
    struct rig r;
    rig_init(&r);
    /* mode 12h's clock and CRTC timing (IBM BIOS parameter table): 25.175
     * MHz, 8-dot cells, 100 x 8 = 800 dots a line, vertical total 20Bh + 2
     * = 525 lines, display end 1DFh (480 lines), retrace from line 1EAh
     * (490) until the low 4 bits reach 0Ch: lines 490-491 */
    out8(&r, 0x3C2, 0xE3);
    seq(&r, 1, 0x01);
    crtc(&r, 0x11, 0x0C); /* protect off */
    crtc(&r, 0x00, 0x5F);
    crtc(&r, 0x01, 0x4F);
    crtc(&r, 0x06, 0x0B);
    crtc(&r, 0x07, 0x3E);
    crtc(&r, 0x10, 0xEA);
    crtc(&r, 0x12, 0xDF);
    crtc(&r, 0x11, 0x8C);
    /* dot d of line l is at (l * 800 + d) / 25.175 MHz (virtual time only moves forward) */
    ck_assert_uint_eq(status1_at(&r, 7628000) & 9, 0);  /* line 240, dot 34: displayed */
    ck_assert_uint_eq(status1_at(&r, 15543000) & 9, 1); /* line 489: blank, no retrace */
    ck_assert_uint_eq(status1_at(&r, 15606800) & 9, 9); /* line 491 */
    ck_assert_uint_eq(status1_at(&r, 15639000) & 9, 1); /* line 492 */
    unsigned starts = 0;
    bool was = true;
    uint64_t t0 = clock_now(&r.clk);
    for (uint64_t t = 0; t < 1000000000u; t += 20000) {
        bool vr = status1_at(&r, t0 + t) & 8;
        starts += vr && !was;
        was = vr;
    }
    ck_assert_uint_ge(starts, 59); /* 59.94 Hz, not mode 3's 70 */
    ck_assert_uint_le(starts, 61);
    rig_free(&r);
}
END_TEST

START_TEST(test_vbe_dispi_id_and_mode_set)
{
    struct rig r;
    rig_init(&r);
    out8(&r, 0x3C2, 0x67);
    dispi(&r, 0, 0xB0C0);
    ck_assert_uint_eq(dispi_read(&r, 0), 0xB0C0);
    dispi(&r, 0, 0xB0C5);
    dispi(&r, 0, 0x1234);
    ck_assert_uint_eq(dispi_read(&r, 0), 0xB0C5);
    ck_assert_uint_eq(dispi_read(&r, 10), 256); /* 16 MiB in 64 KiB units */
    dispi(&r, 4, VBE_DISPI_GETCAPS);
    ck_assert_uint_eq(dispi_read(&r, 1), VBE_DISPI_MAX_XRES);
    ck_assert_uint_eq(dispi_read(&r, 3), 32);
    dispi(&r, 4, 0);
    dispi(&r, 1, 800);
    dispi(&r, 2, 600);
    dispi(&r, 3, 32);
    dispi(&r, 1, 801); /* not a multiple of 8: refused */
    ck_assert_uint_eq(dispi_read(&r, 1), 800);
    wmem(&r, LFB_BASE + 100, 0x99);
    dispi(&r, 4, VBE_DISPI_ENABLED | VBE_DISPI_LFB_ENABLED);
    ck_assert_uint_eq(dispi_read(&r, 4), 0x41);
    ck_assert_uint_eq(rmem(&r, LFB_BASE + 100), 0); /* cleared on enable */
    ck_assert_uint_eq(dispi_read(&r, 6), 800);
    ck_assert_uint_eq(dispi_read(&r, 7), (16u << 20) / 3200);
    dispi(&r, 1, 1024); /* mode registers are frozen while enabled */
    ck_assert_uint_eq(dispi_read(&r, 1), 800);
    bus_write(r.mmio, LFB_BASE, 0xAABBCCDD, 4);
    ck_assert_uint_eq(vga_vram(r.vga)[0], 0xDD);
    dispi(&r, 5, 1); /* bank 1 through the A0000 window */
    wmem(&r, 0xA0000, 0x5A);
    ck_assert_uint_eq(rmem(&r, LFB_BASE + 0x10000), 0x5A);
    dispi(&r, 4, 0);
    dispi(&r, 4, VBE_DISPI_ENABLED | VBE_DISPI_NOCLEARMEM);
    ck_assert_uint_eq(bus_read(r.mmio, LFB_BASE, 4), 0xAABBCCDD);
    ck_assert_uint_eq(dispi_read(&r, 5), 0); /* enabling resets the bank */
    ck_assert_int_eq(vga_text_snapshot(r.vga, NULL, 0, NULL, NULL), -1);
    rig_free(&r);
}
END_TEST

static void put_text(struct rig *r, uint32_t at, const char *s, uint8_t attr)
{
    for (unsigned k = 0; s[k]; k++) {
        wmem(r, at + 2 * k, (uint8_t)s[k]);
        wmem(r, at + 2 * k + 1, attr);
    }
}

START_TEST(test_vga_text_snapshot_80x25)
{
    struct rig r;
    rig_init(&r);
    set_mode3(&r);
    put_text(&r, 0xB8000, "Hello", 0x1F);
    put_text(&r, 0xB8000 + 160, "\xC9\xCD\x01", 0x07); /* line 2: CP437 graphics */
    put_text(&r, 0xB8000 + 24 * 160 + 158, "Z", 0x07);
    char buf[8192];
    unsigned cols = 0, rows = 0;
    int n = vga_text_snapshot(r.vga, buf, sizeof(buf), &cols, &rows);
    ck_assert_uint_eq(cols, 80);
    ck_assert_uint_eq(rows, 25);
    ck_assert_int_eq(n, (int)strlen(buf));
    ck_assert_int_eq(strncmp(buf, "Hello\n", 6), 0);
    ck_assert_int_eq(strncmp(buf + 6, "\u2554\u2550\u263A\n", 10), 0);
    const char *last = strrchr(buf, '\n');
    ck_assert_ptr_nonnull(last);
    ck_assert_int_eq(last[1], '\0');
    ck_assert_int_eq(strncmp(last - 80, "                                     ", 37), 0);
    ck_assert_int_eq(last[-1], 'Z');
    crtc(&r, 0x0C, 0x00); /* start address 80: the screen scrolls a row */
    crtc(&r, 0x0D, 80);
    vga_text_snapshot(r.vga, buf, sizeof(buf), NULL, NULL);
    ck_assert_int_eq(strncmp(buf, "\u2554\u2550\u263A\n", 10), 0);
    char small[3];
    ck_assert_int_eq(vga_text_snapshot(r.vga, small, sizeof(small), NULL, NULL), n - 5);
    ck_assert_int_eq(small[0], '\0'); /* a 3-byte glyph does not fit in 3 */
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_text_snapshot_rows_and_columns_follow_crtc)
{
    struct rig r;
    rig_init(&r);
    set_mode3(&r);
    unsigned cols, rows;
    crtc(&r, 0x09, 0x47); /* 8-line characters: 400 / 8 = 50 rows */
    vga_text_snapshot(r.vga, NULL, 0, &cols, &rows);
    ck_assert_uint_eq(rows, 50);
    crtc(&r, 0x12, 0x5D); /* 350 lines: 43 rows */
    vga_text_snapshot(r.vga, NULL, 0, &cols, &rows);
    ck_assert_uint_eq(rows, 43);
    crtc(&r, 0x11, 0x0E); /* mode 3 left registers 0-7 protected */
    crtc(&r, 0x01, 0x27); /* 40 columns, pitch 40 */
    crtc(&r, 0x13, 0x14);
    put_text(&r, 0xB8000 + 80, "row1", 0x07);
    char buf[4096];
    vga_text_snapshot(r.vga, buf, sizeof(buf), &cols, &rows);
    ck_assert_uint_eq(cols, 40);
    ck_assert_int_eq(strncmp(buf, "\nrow1\n", 6), 0);
    gc(&r, 6, 0x05); /* graphics: no text */
    ck_assert_int_eq(vga_text_snapshot(r.vga, buf, sizeof(buf), &cols, &rows), -1);
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_dump_writes_text_file)
{
    struct rig r;
    rig_init(&r);
    set_mode3(&r);
    put_text(&r, 0xB8000, "dump", 0x07);
    char path[] = "/tmp/test_vga_dump_XXXXXX.txt";
    int fd = mkstemps(path, 4);
    ck_assert_int_ge(fd, 0);
    ck_assert_ptr_null(vga_dump(r.vga, path));
    FILE *f = fopen(path, "r");
    char line[128] = {0};
    ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
    ck_assert_str_eq(line, "dump\n");
    fclose(f);
    unlink(path);
    ck_assert_ptr_nonnull(vga_dump(r.vga, "/tmp/x.bmp")); /* unknown format */
    rig_free(&r);
}
END_TEST

START_TEST(test_vga_state_desc_valid)
{
    ck_assert_ptr_null(state_desc_check(&vga_state_desc));
    ck_assert_uint_eq(vga_rom_bar_size(39936), 0x10000);
    ck_assert_uint_eq(vga_rom_bar_size(100), VGA_ROM_BAR_MIN);
}
END_TEST

/* Random index/data traffic on every port the device owns. */
START_TEST(test_vga_register_fuzz_does_not_crash)
{
    struct rig r;
    rig_init(&r);
    srand(1994);
    char buf[512];
    for (int k = 0; k < 200000; k++) {
        unsigned x = (unsigned)rand();
        uint16_t port = (x & 7) == 0 ? (uint16_t)(0x1CE + x % 3) : (uint16_t)(0x3B0 + x % 0x30);
        unsigned size = (x >> 8 & 1) + 1;
        if (x >> 9 & 1) {
            uint32_t v = bus_read(r.io, port, size);
            ck_assert_uint_le(v, size == 1 ? 0xFFu : 0xFFFFu);
        } else {
            bus_write(r.io, port, (uint32_t)rand(), size);
        }
        if (k % 1000 == 0) {
            clock_warp_to(&r.clk, clock_now(&r.clk) + (uint64_t)rand() % 1000000);
            int n = vga_text_snapshot(r.vga, buf, sizeof(buf), NULL, NULL);
            ck_assert(n < 0 || strlen(buf) <= (size_t)n);
        }
    }
    rig_free(&r);
}
END_TEST

/* Random register settings with random window and LFB accesses. */
START_TEST(test_vga_memory_fuzz_does_not_crash)
{
    struct rig r;
    rig_init(&r);
    srand(640);
    for (int k = 0; k < 200000; k++) {
        unsigned x = (unsigned)rand();
        uint32_t val = (uint32_t)rand();
        switch (x % 8) {
        case 0: seq(&r, (uint8_t)(x >> 3 & 7), (uint8_t)val); break;
        case 1: gc(&r, (uint8_t)(x >> 3 & 15), (uint8_t)val); break;
        case 2: out8(&r, 0x3C2, (uint8_t)(val | 2)); break;
        case 3: dispi(&r, (uint16_t)(x >> 3 & 15), (uint16_t)val); break;
        case 4: bus_write(r.mmio, LFB_BASE + (val & 0xFFFFFF), x, 1 + (x >> 3) % 4); break;
        case 5: bus_read(r.mmio, LFB_BASE + (val & 0xFFFFFF), 1 + (x >> 3) % 4); break;
        case 6: bus_write(r.mmio, 0xA0000 + val % 0x20000, x >> 3, 1 + (x >> 5) % 4); break;
        default: bus_read(r.mmio, 0xA0000 + val % 0x20000, 1 + (x >> 5) % 4); break;
        }
    }
    rig_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vga");
    TCase *tc = tcase_create("vga");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_vga_misc_output_selects_crtc_address);
    tcase_add_test(tc, test_vga_attribute_flip_flop_reset_by_input_status_read);
    tcase_add_test(tc, test_vga_dac_rgb_sequence_and_autoincrement);
    tcase_add_test(tc, test_vga_crtc_protect_bit);
    tcase_add_test(tc, test_vga_text_mode_odd_even_planes);
    tcase_add_test(tc, test_vga_write_mode_0_set_reset_and_bit_mask);
    tcase_add_test(tc, test_vga_write_modes_1_2_3);
    tcase_add_test(tc, test_vga_read_mode_1_color_compare);
    tcase_add_test(tc, test_vga_chain4_mapping);
    tcase_add_test(tc, test_vga_retrace_bit_follows_virtual_time);
    tcase_add_test(tc, test_vga_retrace_follows_the_programmed_crtc_mode12h_60hz);
    tcase_add_test(tc, test_vbe_dispi_id_and_mode_set);
    tcase_add_test(tc, test_vga_text_snapshot_80x25);
    tcase_add_test(tc, test_vga_text_snapshot_rows_and_columns_follow_crtc);
    tcase_add_test(tc, test_vga_dump_writes_text_file);
    tcase_add_test(tc, test_vga_state_desc_valid);
    tcase_add_test(tc, test_vga_register_fuzz_does_not_crash);
    tcase_add_test(tc, test_vga_memory_fuzz_does_not_crash);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
