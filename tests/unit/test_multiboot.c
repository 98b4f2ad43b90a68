/*
 * tests/unit/test_multiboot.c - the host half of -kernel (board/multiboot.h):
 * finding and checking the Multiboot header (Multiboot Specification
 * 0.6.96, section 3.1), loading a.out-kludge and ELF32 kernels, placing the
 * modules and the boot information structure (section 3.3), the errors for
 * bad kernels, and the stream the loader ROM reads.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "board/multiboot.h"

enum { MiB = 1 << 20 };

static const struct multiboot_range test_map[2] = {{0, 0xA0000, 1}, {MiB, 31 * MiB, 1}};

static void put32(uint8_t *p, uint32_t v)
{
    for (unsigned k = 0; k < 4; k++)
        p[k] = (uint8_t)(v >> (8 * k));
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A Multiboot header at @f + @off with @flags and, with bit 16, the
 * address fields @a[0..4] (header, load, load_end, bss_end, entry). */
static void put_header(uint8_t *f, size_t off, uint32_t flags, const uint32_t *a)
{
    put32(f + off, MULTIBOOT_HEADER_MAGIC);
    put32(f + off + 4, flags);
    put32(f + off + 8, -(MULTIBOOT_HEADER_MAGIC + flags));
    for (unsigned k = 0; a && k < 5; k++)
        put32(f + off + 12 + 4 * k, a[k]);
}

/* An input for @kernel of @size bytes with a 32 MiB machine. */
static struct multiboot_input input(const uint8_t *kernel, size_t size)
{
    return (struct multiboot_input){.kernel = kernel,
                                    .kernel_size = size,
                                    .cmdline = "k",
                                    .ram_size = 32 * MiB,
                                    .map = test_map,
                                    .map_count = 2};
}

/* A 4 KiB a.out-kludge kernel whose text fills the file from 1 MiB. */
static uint8_t *aout_kernel(uint32_t bss_end)
{
    uint8_t *f = malloc(4096);
    for (unsigned k = 0; k < 4096; k++)
        f[k] = (uint8_t)(k * 3);
    uint32_t a[5] = {MiB + 0x40, MiB, 0, bss_end, MiB + 0x80};
    put_header(f, 0x40, MULTIBOOT_AOUT_KLUDGE | MULTIBOOT_PAGE_ALIGN, a);
    return f;
}

/* Build @in expecting failure; the reason contains @what. */
static void expect_error(const struct multiboot_input *in, const char *what)
{
    struct multiboot_image img;
    char err[256] = "";
    ck_assert_int_eq(multiboot_build(in, &img, err, sizeof(err)), -1);
    ck_assert_msg(strstr(err, what), "error '%s' lacks '%s'", err, what);
    ck_assert_uint_eq(img.chunk_count, 0);
}

START_TEST(test_multiboot_aout_kernel_loads_at_its_header_addresses)
{
    uint8_t *f = aout_kernel(MiB + 0x2000);
    struct multiboot_input in = input(f, 4096);
    struct multiboot_image img;
    char err[256];
    ck_assert_int_eq(multiboot_build(&in, &img, err, sizeof(err)), 0);
    ck_assert_uint_eq(img.entry, MiB + 0x80);
    ck_assert_uint_eq(img.chunk_count, 3); /* text, bss, info */
    ck_assert_uint_eq(img.chunks[0].addr, MiB);
    ck_assert_uint_eq(img.chunks[0].len, 4096);
    ck_assert(memcmp(img.chunks[0].data, f, 4096) == 0);
    ck_assert_uint_eq(img.chunks[1].addr, MiB + 0x1000);
    ck_assert_uint_eq(img.chunks[1].len, 0x1000);
    ck_assert_ptr_null(img.chunks[1].data);
    ck_assert_uint_eq(img.info_addr, MiB + 0x2000); /* the page after the bss */
    ck_assert_uint_eq(img.chunks[2].addr, img.info_addr);
    size_t len;
    uint8_t *s = multiboot_serialize(&img, &len);
    ck_assert_uint_eq(get32(s), MULTIBOOT_STREAM_MAGIC);
    ck_assert_uint_eq(get32(s + 4), MiB + 0x80);
    ck_assert_uint_eq(get32(s + 8), img.info_addr);
    ck_assert_uint_eq(get32(s + 12), 3);
    ck_assert_uint_eq(get32(s + 16), MiB);
    ck_assert_uint_eq(get32(s + 24), 0); /* bytes follow */
    ck_assert(memcmp(s + 28, f, 4096) == 0);
    ck_assert_uint_eq(get32(s + 28 + 4096 + 8), 1); /* bss: zero fill, no bytes */
    ck_assert_uint_eq(len, 16 + 3 * 12 + 4096 + img.chunks[2].len);
    free(s);
    multiboot_image_free(&img);
    ck_assert_uint_eq(img.chunk_count, 0);
    free(f);
}
END_TEST

START_TEST(test_multiboot_aout_load_addr_before_header_skips_file_start)
{
    uint8_t f[0x2000] = {0};
    f[0x800] = 0xAB;
    /* header at file offset 0x1000 loaded at 2 MiB + 0x800: load_addr
     * 2 MiB is file offset 0x800 */
    uint32_t a[5] = {2 * MiB + 0x800, 2 * MiB, 2 * MiB + 0x1000, 0, 2 * MiB};
    put_header(f, 0x1000, MULTIBOOT_AOUT_KLUDGE, a);
    struct multiboot_input in = input(f, sizeof(f));
    struct multiboot_image img;
    char err[256];
    ck_assert_int_eq(multiboot_build(&in, &img, err, sizeof(err)), 0);
    ck_assert_uint_eq(img.chunks[0].addr, 2 * MiB);
    ck_assert_uint_eq(img.chunks[0].len, 0x1000);
    ck_assert_uint_eq(img.chunks[0].data[0], 0xAB);
    ck_assert_uint_eq(img.chunks[0].data[0x800], 0x02); /* the magic's first byte */
    multiboot_image_free(&img);
}
END_TEST

/* A minimal ELF32 i386 executable with @n program headers @ph (8 words
 * each: type, offset, vaddr, paddr, filesz, memsz, flags, align) and a
 * Multiboot header without address fields at offset 0x100. */
static size_t elf_kernel(uint8_t *f, size_t cap, const uint32_t (*ph)[8], unsigned n)
{
    memset(f, 0, cap);
    memcpy(f,
           "\x7f"
           "ELF\x01\x01\x01",
           7);
    put16(f + 16, 2);        /* ET_EXEC */
    put16(f + 18, 3);        /* EM_386 */
    put32(f + 24, 0x100010); /* e_entry */
    put32(f + 28, 52);       /* e_phoff */
    put16(f + 42, 32);
    put16(f + 44, (uint16_t)n);
    for (unsigned k = 0; k < n; k++)
        for (unsigned w = 0; w < 8; w++)
            put32(f + 52 + 32 * k + 4 * w, ph[k][w]);
    put_header(f, 0x100, MULTIBOOT_MEMORY_INFO, NULL);
    for (size_t k = 0x200; k < cap; k++)
        f[k] = (uint8_t)k;
    return cap;
}

START_TEST(test_multiboot_elf_kernel_loads_pt_load_segments_at_paddr)
{
    static uint8_t f[0x1000];
    const uint32_t ph[3][8] = {
        {1, 0x200, 0xC0100000, 0x100000, 0x100, 0x100, 5, 0x1000},
        {4, 0x300, 0, 0, 0x10, 0x10, 4, 4}, /* PT_NOTE: not loaded */
        {1, 0x400, 0xC0101000, 0x101000, 0x10, 0x2000, 6, 0x1000},
    };
    struct multiboot_input in = input(f, elf_kernel(f, sizeof(f), ph, 3));
    struct multiboot_image img;
    char err[256];
    ck_assert_msg(multiboot_build(&in, &img, err, sizeof(err)) == 0, "%s", err);
    ck_assert_uint_eq(img.entry, 0x100010);
    ck_assert_uint_eq(img.chunk_count, 4);
    ck_assert_uint_eq(img.chunks[0].addr, 0x100000);
    ck_assert_uint_eq(img.chunks[0].len, 0x100);
    ck_assert(memcmp(img.chunks[0].data, f + 0x200, 0x100) == 0);
    ck_assert_uint_eq(img.chunks[1].addr, 0x101000);
    ck_assert(memcmp(img.chunks[1].data, f + 0x400, 0x10) == 0);
    ck_assert_uint_eq(img.chunks[2].addr, 0x101010);
    ck_assert_uint_eq(img.chunks[2].len, 0x1FF0);
    ck_assert_ptr_null(img.chunks[2].data);
    ck_assert_uint_eq(img.info_addr, 0x103000);
    multiboot_image_free(&img);
}
END_TEST

START_TEST(test_multiboot_rejects_overlapping_elf_segments)
{
    static uint8_t f[0x1000];
    const uint32_t ph[2][8] = {{1, 0x200, 0, 0x100000, 0x100, 0x1000, 5, 0},
                               {1, 0x400, 0, 0x100800, 0x10, 0x10, 5, 0}};
    struct multiboot_input in = input(f, elf_kernel(f, sizeof(f), ph, 2));
    expect_error(&in, "overlapping");
}
END_TEST

START_TEST(test_multiboot_rejects_non_i386_elf_and_truncated_segments)
{
    static uint8_t f[0x1000];
    const uint32_t ph[1][8] = {{1, 0xF00, 0, 0x100000, 0x200, 0x200, 5, 0}};
    struct multiboot_input in = input(f, elf_kernel(f, sizeof(f), ph, 1));
    expect_error(&in, "truncated");
    put16(f + 18, 62); /* EM_X86_64 */
    expect_error(&in, "i386");
    f[0] = 0;
    expect_error(&in, "not an ELF file");
}
END_TEST

START_TEST(test_multiboot_rejects_bad_magic_checksum_and_late_header)
{
    uint8_t *f = aout_kernel(0);
    struct multiboot_input in = input(f, 4096);
    put32(f + 0x48, 0); /* checksum */
    expect_error(&in, "checksum");
    put32(f + 0x40, 0x1BADB003);
    expect_error(&in, "not a Multiboot kernel");
    free(f);
    static uint8_t big[12000];
    put_header(big, 8192, MULTIBOOT_MEMORY_INFO, NULL); /* past the first 8192 bytes */
    in = input(big, sizeof(big));
    expect_error(&in, "not a Multiboot kernel");
    put_header(big, 8192 - 12, MULTIBOOT_MEMORY_INFO, NULL); /* the last place allowed */
    expect_error(&in, "not an ELF file");
}
END_TEST

START_TEST(test_multiboot_rejects_truncated_kernels)
{
    uint8_t *f = aout_kernel(0);
    struct multiboot_input in = input(f, 0x40 + 20); /* address fields cut off */
    expect_error(&in, "truncated");
    put32(f + 0x40 + 20, MiB + 0x2000); /* load_end_addr past the 4 KiB file */
    in = input(f, 4096);
    expect_error(&in, "truncated");
    free(f);
}
END_TEST

START_TEST(test_multiboot_rejects_low_and_beyond_ram_loads)
{
    uint8_t *f = aout_kernel(0);
    uint32_t low[5] = {0x10040, 0x10000, 0, 0, 0x10080};
    put_header(f, 0x40, MULTIBOOT_AOUT_KLUDGE, low);
    struct multiboot_input in = input(f, 4096);
    expect_error(&in, "outside RAM above 1 MiB");
    uint32_t high[5] = {MiB + 0x40, MiB, 0, 3 * MiB, MiB + 0x80};
    put_header(f, 0x40, MULTIBOOT_AOUT_KLUDGE, high);
    in.ram_size = 2 * MiB; /* the bss runs past RAM */
    expect_error(&in, "outside RAM");
    free(f);
}
END_TEST

START_TEST(test_multiboot_refuses_required_flags_it_lacks)
{
    uint8_t *f = aout_kernel(0);
    uint32_t a[5] = {MiB + 0x40, MiB, 0, 0, MiB + 0x80};
    struct multiboot_input in = input(f, 4096);
    put_header(f, 0x40, MULTIBOOT_AOUT_KLUDGE | MULTIBOOT_VIDEO_MODE, a);
    expect_error(&in, "video mode");
    put_header(f, 0x40, MULTIBOOT_AOUT_KLUDGE | 1u << 5, a);
    expect_error(&in, "features trap86 lacks");
    put_header(f, 0x40, MULTIBOOT_AOUT_KLUDGE | 1u << 20, a); /* optional: ignored */
    struct multiboot_image img;
    char err[256];
    ck_assert_int_eq(multiboot_build(&in, &img, err, sizeof(err)), 0);
    multiboot_image_free(&img);
    free(f);
}
END_TEST

/* The NUL-terminated string at guest address @addr inside the info chunk. */
static const char *info_string(const struct multiboot_image *img, uint32_t addr)
{
    const struct multiboot_chunk *c = &img->chunks[img->chunk_count - 1];
    ck_assert(addr >= c->addr && addr < c->addr + c->len);
    return (const char *)c->data + (addr - c->addr);
}

START_TEST(test_multiboot_places_modules_and_boot_information)
{
    uint8_t *f = aout_kernel(MiB + 0x1800);
    uint8_t m1[10], m2[5000];
    memset(m1, 1, sizeof(m1));
    memset(m2, 2, sizeof(m2));
    struct multiboot_module mods[2] = {{m1, sizeof(m1), "a.bin x=1"}, {m2, sizeof(m2), "b.bin"}};
    struct multiboot_input in = input(f, 4096);
    in.cmdline = "/boot/k.bin hello world";
    in.modules = mods;
    in.module_count = 2;
    struct multiboot_image img;
    char err[256];
    ck_assert_int_eq(multiboot_build(&in, &img, err, sizeof(err)), 0);
    ck_assert_uint_eq(img.chunk_count, 5); /* text, bss, 2 modules, info */
    ck_assert_uint_eq(img.chunks[2].addr, 0x102000);
    ck_assert_uint_eq(img.chunks[3].addr, 0x103000);
    ck_assert_uint_eq(img.info_addr, 0x105000);
    const uint8_t *mbi = img.chunks[4].data;
    ck_assert_uint_eq(get32(mbi + MBI_FLAGS), 0x24D); /* mem, cmdline, mods, mmap, name */
    ck_assert_uint_eq(get32(mbi + MBI_MEM_LOWER), 640);
    ck_assert_uint_eq(get32(mbi + MBI_MEM_UPPER), 31 * 1024);
    ck_assert_str_eq(info_string(&img, get32(mbi + MBI_CMDLINE)), "/boot/k.bin hello world");
    ck_assert_uint_eq(get32(mbi + MBI_MODS_COUNT), 2);
    const uint8_t *mod = mbi + (get32(mbi + MBI_MODS_ADDR) - img.info_addr);
    ck_assert_uint_eq(get32(mod), 0x102000);
    ck_assert_uint_eq(get32(mod + 4), 0x10200A);
    ck_assert_str_eq(info_string(&img, get32(mod + 8)), "a.bin x=1");
    ck_assert_uint_eq(get32(mod + 16), 0x103000);
    ck_assert_uint_eq(get32(mod + 20), 0x103000 + 5000);
    ck_assert_str_eq(info_string(&img, get32(mod + 24)), "b.bin");
    ck_assert_uint_eq(get32(mbi + MBI_MMAP_LENGTH), 48);
    const uint8_t *mm = mbi + (get32(mbi + MBI_MMAP_ADDR) - img.info_addr);
    ck_assert_uint_eq(get32(mm), 20);
    ck_assert_uint_eq(get32(mm + 12), 0xA0000);
    ck_assert_uint_eq(get32(mm + 24 + 4), MiB);
    ck_assert_uint_eq(get32(mm + 24 + 12), 31 * MiB);
    ck_assert_uint_eq(get32(mm + 24 + 20), 1);
    ck_assert_str_eq(info_string(&img, get32(mbi + MBI_LOADER_NAME)), "trap86");
    multiboot_image_free(&img);
    free(f);
}
END_TEST

START_TEST(test_multiboot_rejects_modules_beyond_ram)
{
    uint8_t *f = aout_kernel(0);
    static uint8_t big[2 * MiB];
    struct multiboot_module mod = {big, sizeof(big), "big"};
    struct multiboot_input in = input(f, 4096);
    in.modules = &mod;
    in.module_count = 1;
    in.ram_size = 3 * MiB;
    expect_error(&in, "module 1 does not fit");
    free(f);
}
END_TEST

static Suite *multiboot_suite(void)
{
    Suite *s = suite_create("multiboot");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_multiboot_aout_kernel_loads_at_its_header_addresses);
    tcase_add_test(tc, test_multiboot_aout_load_addr_before_header_skips_file_start);
    tcase_add_test(tc, test_multiboot_elf_kernel_loads_pt_load_segments_at_paddr);
    tcase_add_test(tc, test_multiboot_rejects_overlapping_elf_segments);
    tcase_add_test(tc, test_multiboot_rejects_non_i386_elf_and_truncated_segments);
    tcase_add_test(tc, test_multiboot_rejects_bad_magic_checksum_and_late_header);
    tcase_add_test(tc, test_multiboot_rejects_truncated_kernels);
    tcase_add_test(tc, test_multiboot_rejects_low_and_beyond_ram_loads);
    tcase_add_test(tc, test_multiboot_refuses_required_flags_it_lacks);
    tcase_add_test(tc, test_multiboot_places_modules_and_boot_information);
    tcase_add_test(tc, test_multiboot_rejects_modules_beyond_ram);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(multiboot_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
