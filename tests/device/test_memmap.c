/*
 * tests/device/test_memmap.c - the PC memory map's BIOS shadowing
 * (memmap_set_shadow, driven by the i440FX PAM registers): with writes
 * routed to RAM and reads to ROM, the BIOS can copy itself into the RAM
 * underneath; then reads from RAM see the copy; segments are 16 KiB.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "board/memmap.h"

static uint8_t rom[0x20000];

static void init(struct memmap *mm)
{
    for (unsigned k = 0; k < sizeof(rom); k++)
        rom[k] = (uint8_t)(k * 7);
    ck_assert_int_eq(memmap_init(mm, 2u << 20, rom, sizeof(rom), NULL), 0);
}

START_TEST(test_shadow_off_reads_rom_and_drops_writes)
{
    struct memmap mm;
    init(&mm);
    ck_assert_uint_eq(memmap_read(&mm, 0xF0010, 1), rom[0x10010]);
    memmap_write(&mm, 0xF0010, 0xAB, 1);
    ck_assert_uint_eq(memmap_read(&mm, 0xF0010, 1), rom[0x10010]);
    ck_assert_ptr_null(memmap_page(&mm, 0xF0000, true));
    memmap_free(&mm);
}
END_TEST

START_TEST(test_shadow_write_then_read_ram_sees_the_copy)
{
    struct memmap mm;
    init(&mm);
    memmap_set_shadow(&mm, 0xF0000, 0x10000, false, true); /* copy phase */
    memmap_write(&mm, 0xF0010, 0xAB, 1);
    ck_assert_uint_eq(memmap_read(&mm, 0xF0010, 1), rom[0x10010]); /* still ROM */
    ck_assert_ptr_nonnull(memmap_page(&mm, 0xF0000, true));
    memmap_set_shadow(&mm, 0xF0000, 0x10000, true, false); /* lock it */
    ck_assert_uint_eq(memmap_read(&mm, 0xF0010, 1), 0xAB);
    memmap_write(&mm, 0xF0010, 0xCD, 1); /* write-protected: goes to ROM, dropped */
    ck_assert_uint_eq(memmap_read(&mm, 0xF0010, 1), 0xAB);
    memmap_free(&mm);
}
END_TEST

START_TEST(test_shadow_segments_are_16k)
{
    struct memmap mm;
    init(&mm);
    memmap_set_shadow(&mm, 0xE4000, 0x4000, true, true);
    memmap_write(&mm, 0xE4000, 0x11, 1);
    ck_assert_uint_eq(memmap_read(&mm, 0xE4000, 1), 0x11);
    ck_assert_uint_eq(memmap_read(&mm, 0xE0000, 1), rom[0]);       /* neighbour: ROM */
    ck_assert_uint_eq(memmap_read(&mm, 0xE8000, 1), rom[0x8000]);
    memmap_free(&mm);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("memmap");
    TCase *tc = tcase_create("shadow");
    tcase_add_test(tc, test_shadow_off_reads_rom_and_drops_writes);
    tcase_add_test(tc, test_shadow_write_then_read_ram_sees_the_copy);
    tcase_add_test(tc, test_shadow_segments_are_16k);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
