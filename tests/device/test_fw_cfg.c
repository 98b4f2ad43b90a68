/*
 * tests/device/test_fw_cfg.c - the QEMU firmware configuration device as
 * SeaBIOS drives it: a 16-bit selector write to 0x510, byte reads from
 * 0x511; plus the board-side e820 and bootorder builders.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "board/bus.h"
#include "devices/fw_cfg.h"

static void select_item(struct bus *io, uint16_t key)
{
    bus_write(io, 0x510, key, 2);
}

static void read_bytes(struct bus *io, uint8_t *out, size_t n)
{
    for (size_t k = 0; k < n; k++)
        out[k] = (uint8_t)bus_read(io, 0x511, 1);
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

START_TEST(test_fw_cfg_signature_and_id)
{
    struct bus *io = bus_create("port", NULL, CPU_LOG_UNIMP);
    struct fw_cfg *fw = fw_cfg_create(io);
    ck_assert_ptr_nonnull(fw);
    uint8_t b[8];
    select_item(io, FW_CFG_SIGNATURE);
    read_bytes(io, b, 4);
    ck_assert(memcmp(b, "QEMU", 4) == 0);
    select_item(io, FW_CFG_ID);
    read_bytes(io, b, 4);
    ck_assert_uint_eq(b[0], 0x01); /* traditional interface, no DMA */
    ck_assert_uint_eq(b[1] | b[2] | b[3], 0);
    /* re-selecting rewinds; a byte write to the selector is ignored */
    select_item(io, FW_CFG_SIGNATURE);
    ck_assert_uint_eq(bus_read(io, 0x511, 1), 'Q');
    bus_write(io, 0x510, FW_CFG_ID, 1);
    ck_assert_uint_eq(bus_read(io, 0x511, 1), 'E');
    /* unknown keys read 0; the 0x514 DMA port is not decoded */
    select_item(io, 0x1234);
    ck_assert_uint_eq(bus_read(io, 0x511, 1), 0);
    ck_assert(!bus_claims(io, 0x514, 8));
    /* numeric items: reserved keys are refused */
    ck_assert_int_eq(fw_cfg_add_item(fw, FW_CFG_SIGNATURE, "XXXX", 4), -1);
    ck_assert_int_eq(fw_cfg_add_item(fw, 0x0020, "x", 1), -1);
    ck_assert_int_eq(fw_cfg_add_item_int(fw, FW_CFG_NB_CPUS, 1, 2), 0);
    select_item(io, FW_CFG_NB_CPUS);
    ck_assert_uint_eq(bus_read(io, 0x511, 1), 1);
    ck_assert_uint_eq(bus_read(io, 0x511, 1), 0);
    ck_assert_ptr_null(state_desc_check(&fw_cfg_state_desc));
    fw_cfg_destroy(fw);
    bus_destroy(io);
}
END_TEST

START_TEST(test_fw_cfg_file_directory_big_endian)
{
    struct bus *io = bus_create("port", NULL, CPU_LOG_UNIMP);
    struct fw_cfg *fw = fw_cfg_create(io);
    uint8_t b[4 + 3 * 64];
    select_item(io, FW_CFG_FILE_DIR);
    read_bytes(io, b, 4);
    ck_assert_uint_eq(be32(b), 0); /* empty directory */

    uint16_t menu = 0;
    static const uint8_t big[0x104];
    ck_assert_int_eq(fw_cfg_add_file(fw, "etc/show-boot-menu", &menu, 2), 0x20);
    ck_assert_int_eq(fw_cfg_add_file(fw, "bootorder", big, sizeof(big)), 0x21);
    ck_assert_int_eq(fw_cfg_add_file(fw, "etc/show-boot-menu", &menu, 1), 0x20); /* replace */
    char longname[FW_CFG_NAME_MAX + 1];
    memset(longname, 'a', sizeof(longname) - 1);
    longname[FW_CFG_NAME_MAX] = '\0';
    ck_assert_int_eq(fw_cfg_add_file(fw, longname, "x", 1), -1);

    select_item(io, FW_CFG_FILE_DIR);
    read_bytes(io, b, sizeof(b));
    ck_assert_uint_eq(be32(b), 2);
    const uint8_t *e0 = b + 4, *e1 = b + 4 + 64;
    ck_assert_uint_eq(be32(e0), 1); /* size after the replacement */
    ck_assert_uint_eq(e0[4] << 8 | e0[5], 0x0020);
    ck_assert_str_eq((const char *)e0 + 8, "etc/show-boot-menu");
    ck_assert_uint_eq(be32(e1), 0x104);
    ck_assert_uint_eq(e1[4], 0x00);
    ck_assert_uint_eq(e1[5], 0x21);
    ck_assert_str_eq((const char *)e1 + 8, "bootorder");
    ck_assert_uint_eq(e1[63], 0);
    /* past the two entries the directory reads 0 */
    for (unsigned k = 4 + 2 * 64; k < sizeof(b); k++)
        ck_assert_uint_eq(b[k], 0);
    fw_cfg_destroy(fw);
    bus_destroy(io);
}
END_TEST

START_TEST(test_fw_cfg_file_read_sequential_and_past_end)
{
    struct bus *io = bus_create("port", NULL, CPU_LOG_UNIMP);
    struct fw_cfg *fw = fw_cfg_create(io);
    int sel = fw_cfg_add_file(fw, "etc/boot-fail-wait", "\x60\xEA\x00\x00", 4);
    ck_assert_int_eq(sel, 0x20);
    select_item(io, (uint16_t)sel);
    uint8_t b[8];
    read_bytes(io, b, 8);
    const uint8_t want[8] = {0x60, 0xEA, 0, 0, 0, 0, 0, 0};
    ck_assert(memcmp(b, want, 8) == 0);
    /* a word read returns two successive bytes, first in the low byte */
    select_item(io, (uint16_t)sel);
    ck_assert_uint_eq(bus_read(io, 0x510, 2), 0xEA60);
    ck_assert_uint_eq(bus_read(io, 0x511, 1), 0x00);
    /* writes to the data port do not change the item */
    bus_write(io, 0x511, 0x55, 1);
    select_item(io, (uint16_t)sel);
    ck_assert_uint_eq(bus_read(io, 0x511, 1), 0x60);
    /* replacing the selected item with a shorter one keeps reads in range */
    ck_assert_int_eq(fw_cfg_add_file_int(fw, "etc/boot-fail-wait", 7, 1), sel);
    ck_assert_uint_eq(bus_read(io, 0x511, 1), 0);
    select_item(io, (uint16_t)sel);
    ck_assert_uint_eq(bus_read(io, 0x511, 1), 7);
    /* shrinking the selected item clamps the offset to its new end */
    ck_assert_int_eq(fw_cfg_add_file(fw, "etc/boot-fail-wait", "ABCD", 4), sel);
    read_bytes(io, b, 3);
    ck_assert_int_eq(fw_cfg_add_file(fw, "etc/boot-fail-wait", "a", 1), sel);
    ck_assert_int_eq(fw_cfg_add_file(fw, "etc/boot-fail-wait", "WXYZ", 4), sel);
    ck_assert_uint_eq(bus_read(io, 0x511, 1), 'X');
    fw_cfg_reset(fw);
    ck_assert_uint_eq(bus_read(io, 0x511, 1), 'Q');
    fw_cfg_destroy(fw);
    bus_destroy(io);
}
END_TEST

START_TEST(test_fw_cfg_e820_and_bootorder_helpers)
{
    const struct fw_cfg_e820_entry e[2] = {
        {0x0, 0x9FC00, FW_CFG_E820_RAM},
        {0x100000, 0x01F00000, FW_CFG_E820_RAM},
    };
    uint8_t buf[40];
    ck_assert_uint_eq(fw_cfg_e820_encode(NULL, 0, e, 2), 40);
    ck_assert_uint_eq(fw_cfg_e820_encode(buf, sizeof(buf), e, 2), 40);
    const uint8_t first[20] = {0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0xFC, 0x09, 0, 0, 0, 0, 0, 1, 0, 0, 0};
    ck_assert(memcmp(buf, first, 20) == 0);
    ck_assert_uint_eq(buf[20 + 2], 0x10); /* 0x100000 little endian */
    ck_assert_uint_eq(buf[20 + 8 + 3], 0x01);
    ck_assert_uint_eq(buf[20 + 16], 1);

    const char *paths[] = {"/pci@i0cf8/ide@1,1/drive@0/disk@0", "/isa/fdc@03f0/floppy@0"};
    char text[128];
    size_t need = fw_cfg_bootorder_encode(NULL, 0, paths, 2);
    ck_assert_uint_eq(need, strlen(paths[0]) + 1 + strlen(paths[1]) + 1);
    ck_assert_uint_eq(fw_cfg_bootorder_encode(text, sizeof(text), paths, 2), need);
    ck_assert_str_eq(text, "/pci@i0cf8/ide@1,1/drive@0/disk@0\n/isa/fdc@03f0/floppy@0");

    /* through the device */
    struct bus *io = bus_create("port", NULL, CPU_LOG_UNIMP);
    struct fw_cfg *fw = fw_cfg_create(io);
    int se = fw_cfg_add_e820(fw, e, 2), sb = fw_cfg_add_bootorder(fw, paths, 2);
    ck_assert_int_eq(se, 0x20);
    ck_assert_int_eq(sb, 0x21);
    uint8_t got[40];
    select_item(io, (uint16_t)se);
    read_bytes(io, got, 40);
    ck_assert(memcmp(got, buf, 40) == 0);
    uint8_t dir[4 + 128];
    select_item(io, FW_CFG_FILE_DIR);
    read_bytes(io, dir, sizeof(dir));
    ck_assert_str_eq((const char *)dir + 4 + 8, "etc/e820");
    ck_assert_uint_eq(be32(dir + 4 + 64), need);
    ck_assert_str_eq((const char *)dir + 4 + 64 + 8, "bootorder");
    fw_cfg_destroy(fw);
    bus_destroy(io);
}
END_TEST

START_TEST(test_fw_cfg_register_fuzz_does_not_crash)
{
    struct bus *io = bus_create("port", NULL, CPU_LOG_UNIMP);
    struct fw_cfg *fw = fw_cfg_create(io);
    ck_assert_int_eq(fw_cfg_add_file(fw, "etc/show-boot-menu", "\0\0", 2), 0x20);
    srand(0x510);
    for (int k = 0; k < 200000; k++) {
        uint16_t port = (uint16_t)(0x50E + rand() % 8);
        unsigned size = 1u << (rand() % 3);
        uint32_t v = (uint32_t)rand();
        if (rand() % 4 == 0) /* often pick an existing item */
            bus_write(io, 0x510, v % 0x22, 2);
        else if (rand() & 1)
            bus_write(io, port, v, size);
        else
            (void)bus_read(io, port, size);
    }
    select_item(io, FW_CFG_SIGNATURE);
    uint8_t b[4];
    read_bytes(io, b, 4);
    ck_assert(memcmp(b, "QEMU", 4) == 0);
    fw_cfg_destroy(fw);
    bus_destroy(io);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fw_cfg");
    TCase *tc = tcase_create("ports");
    tcase_add_test(tc, test_fw_cfg_signature_and_id);
    tcase_add_test(tc, test_fw_cfg_file_directory_big_endian);
    tcase_add_test(tc, test_fw_cfg_file_read_sequential_and_past_end);
    tcase_add_test(tc, test_fw_cfg_e820_and_bootorder_helpers);
    tcase_add_test(tc, test_fw_cfg_register_fuzz_does_not_crash);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
