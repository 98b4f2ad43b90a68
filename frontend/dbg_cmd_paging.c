/*
 * frontend/dbg_cmd_paging.c - `page LADDR` (the 32-bit paging walk of one
 * linear address, level by level) and `info tab` (the present mappings as
 * merged ranges, like Bochs's `info tab`); SDM Vol. 3, 4.3 "32-Bit
 * Paging" and 4.6 "Access Rights".
 *
 * Invariant: no side effects, as mmu/paging.c's paging_probe: page tables
 * are read with cpu_debug_read on physical addresses, so no accessed or
 * dirty bit is set and nothing faults.  The final physical address comes
 * from cpu_debug_translate, so it is A20-masked as the CPU's would be.
 */
#include <inttypes.h>

#include "dbg_commands.h"
#include "dbg_expr.h"
#include "dbg_internal.h"

enum {
    PG_P = 1, PG_RW = 2, PG_US = 4, PG_PWT = 8, PG_PCD = 0x10, PG_A = 0x20, PG_D = 0x40,
    PG_PS = 0x80, PG_G = 0x100
};
enum { ENTRIES = 1024 };
static const uint32_t CR0_PG = 1u << 31, CR4_PSE = 1u << 4, BIG_MASK = 0xFFC00000u;

static uint32_t le32(const uint8_t *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* The 32-bit page-table entry at physical @pa (0, not present, if unreadable). */
static uint32_t read_entry(struct dbg *d, uint32_t pa)
{
    uint8_t b[4];
    return cpu_debug_read(d->c, pa, false, b, 4) == 4 ? le32(b) : 0;
}

/* Whether PDE @pde maps a 4 MiB page (CR4.PSE and PDE.PS). */
static bool is_big(const struct cpu_regs *r, uint32_t pde)
{
    return (r->cr[4] & CR4_PSE) && (pde & PG_PS);
}

/* "P RW us ..." for entry @v: upper case set, lower case clear; @pde adds PS. */
static void print_flags(uint32_t v, bool pde, FILE *out)
{
    static const struct { uint32_t bit; const char *set, *clear; } names[] = {
        {PG_P, "P", "p"},       {PG_RW, "RW", "rw"}, {PG_US, "US", "us"},
        {PG_PWT, "PWT", "pwt"}, {PG_PCD, "PCD", "pcd"}, {PG_A, "A", "a"},
        {PG_D, "D", "d"},       {PG_PS, "PS", "ps"},   {PG_G, "G", "g"},
    };
    for (unsigned k = 0; k < sizeof(names) / sizeof(names[0]); k++)
        if (pde || names[k].bit != PG_PS)
            fprintf(out, " %s", (v & names[k].bit) ? names[k].set : names[k].clear);
    fputc('\n', out);
}

/* "S RW", "U RO"...: the effective rights @rights (AND of the entries). */
static const char *rights_text(uint32_t rights)
{
    static const char *const text[4] = {"S RO", "S RW", "U RO", "U RW"};
    return text[((rights & PG_US) ? 2 : 0) | ((rights & PG_RW) ? 1 : 0)];
}

/* The last line of `page`: the translation of @lin with rights @rights. */
static void print_final(struct dbg *d, uint32_t lin, uint32_t rights, FILE *out)
{
    uint32_t pa;
    if (cpu_debug_translate(d->c, lin, &pa))
        fprintf(out, "physical 0x%08" PRIx32 " (%s)\n", pa, rights_text(rights));
    else
        fprintf(out, "Error: cpu_debug_translate disagrees (not present)\n");
}

/* The PTE level of `page` for @lin under PDE @pde. */
static void page_pte(struct dbg *d, uint32_t lin, uint32_t pde, FILE *out)
{
    uint32_t pte_pa = (pde & 0xFFFFF000u) | ((lin >> 10) & 0xFFC);
    uint32_t pte = read_entry(d, pte_pa);
    fprintf(out, "PTE[0x%03" PRIx32 "] at 0x%08" PRIx32 ": 0x%08" PRIx32,
            (lin >> 12) & 0x3FF, pte_pa, pte);
    print_flags(pte, false, out);
    if (!(pte & PG_P)) {
        fprintf(out, "not present at the PTE level\n");
        return;
    }
    fprintf(out, "4 KiB page at 0x%08" PRIx32 "\n", pte & 0xFFFFF000u);
    print_final(d, lin, pde & pte, out);
}

/* `page LADDR`: each level of the walk for LADDR. */
bool dbg_cmd_page(struct dbg *d, char *args, FILE *out)
{
    uint64_t v;
    if (!*args) {
        fprintf(out, "Usage: page LADDR\n");
        return true;
    }
    const char *err = dbg_eval(d, args, &v);
    if (err) {
        fprintf(out, "Error: %s: %s\n", args, err);
        return true;
    }
    uint32_t lin = (uint32_t)v, pa;
    struct cpu_regs r;
    cpu_get_regs(d->c, &r);
    if (!(r.cr[0] & CR0_PG)) {
        cpu_debug_translate(d->c, lin, &pa);
        fprintf(out, "paging is off: linear 0x%08" PRIx32 " = physical 0x%08" PRIx32
                " (A20-masked)\n", lin, pa);
        return true;
    }
    uint32_t pde_pa = (r.cr[3] & 0xFFFFF000u) | ((lin >> 20) & 0xFFC);
    uint32_t pde = read_entry(d, pde_pa);
    fprintf(out, "linear 0x%08" PRIx32 ": CR3 0x%08" PRIx32 " CR4.PSE=%d\n", lin, r.cr[3],
            (r.cr[4] & CR4_PSE) ? 1 : 0);
    fprintf(out, "PDE[0x%03" PRIx32 "] at 0x%08" PRIx32 ": 0x%08" PRIx32, lin >> 22,
            pde_pa, pde);
    print_flags(pde, true, out);
    if (!(pde & PG_P))
        fprintf(out, "not present at the PDE level\n");
    else if (!is_big(&r, pde))
        page_pte(d, lin, pde, out);
    else {
        fprintf(out, "4 MiB page at 0x%08" PRIx32 "\n", pde & BIG_MASK);
        print_final(d, lin, pde, out);
    }
    return true;
}

/** A run of contiguous mappings with the same rights (`info tab`). */
struct tab_run {
    bool open;
    uint32_t lin, phys, rights;
    uint64_t len;
};

static void run_flush(struct tab_run *run, FILE *out)
{
    if (!run->open)
        return;
    fprintf(out, "0x%08" PRIx32 "-0x%08" PRIx32 " -> 0x%08" PRIx32 "-0x%08" PRIx32 "  %s\n",
            run->lin, (uint32_t)(run->lin + run->len - 1), run->phys,
            (uint32_t)(run->phys + run->len - 1), rights_text(run->rights));
    run->open = false;
}

/* Add the mapping @lin -> @phys of @len bytes with @rights, merging runs. */
static void run_add(struct tab_run *run, uint32_t lin, uint32_t phys, uint32_t len,
                    uint32_t rights, FILE *out)
{
    rights &= PG_RW | PG_US;
    if (run->open && run->lin + run->len == lin && run->phys + run->len == phys &&
        run->rights == rights) {
        run->len += len;
        return;
    }
    run_flush(run, out);
    *run = (struct tab_run){true, lin, phys, rights, len};
}

/* The present pages of the page table under PDE @pde (linear @base up). */
static void tab_table(struct dbg *d, uint32_t base, uint32_t pde, struct tab_run *run,
                      FILE *out)
{
    uint8_t pt[ENTRIES * 4];
    if (cpu_debug_read(d->c, pde & 0xFFFFF000u, false, pt, sizeof pt) != sizeof pt)
        return;
    for (uint32_t k = 0; k < ENTRIES; k++) {
        uint32_t pte = le32(pt + 4 * k);
        if (pte & PG_P)
            run_add(run, base + (k << 12), pte & 0xFFFFF000u, 0x1000, pde & pte, out);
    }
}

/* `info tab`: the present mappings as merged ranges. */
bool dbg_cmd_info_tab(struct dbg *d, char *args, FILE *out)
{
    struct cpu_regs r;
    cpu_get_regs(d->c, &r);
    if (!(r.cr[0] & CR0_PG)) {
        fprintf(out, "paging is off\n");
        return true;
    }
    uint8_t pd[ENTRIES * 4];
    struct tab_run run = {0};
    if (cpu_debug_read(d->c, r.cr[3] & 0xFFFFF000u, false, pd, sizeof pd) != sizeof pd)
        return true;
    for (uint32_t k = 0; k < ENTRIES; k++) {
        uint32_t pde = le32(pd + 4 * k);
        if (!(pde & PG_P))
            continue;
        if (is_big(&r, pde))
            run_add(&run, k << 22, pde & BIG_MASK, 1u << 22, pde, out);
        else
            tab_table(d, k << 22, pde, &run, out);
    }
    run_flush(&run, out);
    return true;
}
