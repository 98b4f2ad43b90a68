/*
 * tests/unicorn/uc_side.c - runs one case on unicorn (UC_MODE_32).
 *
 * Setup, once: guest memory [0, UD_MEM_SIZE) is the engine's ud_mem buffer
 * (uc_mem_map_ptr), GDTR points at the GDT of memimg.c, CR0 has PE set (UC_MODE_32 already
 * starts with it), and CS/SS/DS/ES/FS/GS are loaded with the GDT selectors
 * through uc_reg_write, which reads the descriptors like a real segment
 * load; IDTR matches trap86's.  That state is saved as a context and
 * restored before every case.
 * Per case: write the GPRs, EIP and EFLAGS, write the code with
 * uc_mem_write and drop cached translations of the code page, then
 * uc_emu_start(EIP, EIP + len).  An interrupt hook records exception
 * vectors and stops; #UD comes back as UC_ERR_INSN_INVALID.  Guest writes
 * are found afterwards by comparing the memory with the pristine image
 * (mem_scan): unicorn 2.0.1 computes wrong EFLAGS for shifts with a memory
 * operand when a UC_HOOK_MEM_WRITE hook is installed, so there is none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uc_api.h"
#include "ucdiff.h"

struct uc_side {
    const struct uc_api *api;
    uc_engine *uc;
    uc_context *ctx;
    struct ud_mem *mem;
    const uint8_t *img; /**< pristine image, for mem_scan */
    int vector;
};

static const int gpr_ids[8] = {UC_X86_REG_EAX, UC_X86_REG_ECX, UC_X86_REG_EDX, UC_X86_REG_EBX,
                               UC_X86_REG_ESP, UC_X86_REG_EBP, UC_X86_REG_ESI, UC_X86_REG_EDI};
static const int seg_ids[6] = {UC_X86_REG_ES, UC_X86_REG_CS, UC_X86_REG_SS,
                               UC_X86_REG_DS, UC_X86_REG_FS, UC_X86_REG_GS};

static void on_intr(uc_engine *uc, uint32_t intno, void *user)
{
    struct uc_side *u = user;
    u->vector = (int)intno;
    u->api->emu_stop(uc);
}

static int check(uc_err e, const char *what)
{
    if (e != UC_ERR_OK)
        fprintf(stderr, "unicorn setup: %s: error %d\n", what, (int)e);
    return e != UC_ERR_OK;
}

/* Protected mode with the flat GDT: descriptor registers, CR0, selectors. */
static int enter_protected_mode(const struct uc_api *api, uc_engine *uc)
{
    uc_x86_mmr gdtr = {0, UD_GDT, UD_GDT_LIMIT, 0};
    uc_x86_mmr idtr = {0, 0, 0x3FF, 0};
    uint32_t cr0 = 0;
    int bad = check(api->reg_write(uc, UC_X86_REG_GDTR, &gdtr), "GDTR");
    bad |= check(api->reg_write(uc, UC_X86_REG_IDTR, &idtr), "IDTR");
    bad |= check(api->reg_read(uc, UC_X86_REG_CR0, &cr0), "read CR0");
    cr0 |= 0x11; /* PE | ET */
    bad |= check(api->reg_write(uc, UC_X86_REG_CR0, &cr0), "CR0");
    uint16_t sels[6] = {SEL_DATA, SEL_CODE, SEL_DATA, SEL_DATA, SEL_DATA, SEL_DATA};
    for (int s = 0; s < 6; s++)
        bad |= check(api->reg_write(uc, seg_ids[s], &sels[s]), "segment selector");
    return bad;
}

static int add_hooks(struct uc_side *u)
{
    uc_hook h;
    return check(u->api->hook_add(u->uc, &h, UC_HOOK_INTR, (void *)on_intr, u, 1, 0), "intr hook");
}

struct uc_side *ucs_create(struct ud_mem *m, const uint8_t *img)
{
    struct uc_side *u = calloc(1, sizeof(*u));
    if (!u)
        return NULL;
    u->mem = m;
    u->img = img;
    u->api = uc_api_load();
    if (!u->api) {
        free(u);
        return NULL;
    }
    int bad = check(u->api->open(UC_ARCH_X86, UC_MODE_32, &u->uc), "uc_open");
    if (!bad)
        bad = check(u->api->mem_map_ptr(u->uc, 0, UD_MEM_SIZE, UC_PROT_ALL, m->buf), "map");
    if (!bad)
        bad = enter_protected_mode(u->api, u->uc) || add_hooks(u);
    if (!bad)
        bad = check(u->api->context_alloc(u->uc, &u->ctx), "context") ||
              check(u->api->context_save(u->uc, u->ctx), "context save");
    if (bad) {
        ucs_destroy(u);
        return NULL;
    }
    return u;
}

void ucs_destroy(struct uc_side *u)
{
    if (!u)
        return;
    if (u->ctx)
        u->api->context_free(u->ctx);
    if (u->uc)
        u->api->close(u->uc);
    free(u);
}

static void load_state(struct uc_side *u, const struct ud_case *k)
{
    uint32_t eip = UD_CODE_EIP, eflags = k->eflags;
    int ids[10];
    void *vals[10];
    for (int i = 0; i < 8; i++) {
        ids[i] = gpr_ids[i];
        vals[i] = (void *)&k->gpr[i];
    }
    ids[8] = UC_X86_REG_EIP;
    vals[8] = &eip;
    ids[9] = UC_X86_REG_EFLAGS;
    vals[9] = &eflags;
    u->api->context_restore(u->uc, u->ctx);
    u->api->reg_write_batch(u->uc, ids, vals, 10);
    u->api->ctl(u->uc, UC_CTL_WRITE(UC_CTL_TB_REMOVE_CACHE, 2), (uint64_t)UD_CODE_PAGE,
                 (uint64_t)UD_CODE_PAGE + 0x1000);
}

static void read_state(struct uc_side *u, struct ud_result *r)
{
    int ids[8 + 2 + 6];
    void *vals[8 + 2 + 6];
    uint32_t sel32[6] = {0};
    for (int i = 0; i < 8; i++) {
        ids[i] = gpr_ids[i];
        vals[i] = &r->gpr[i];
    }
    ids[8] = UC_X86_REG_EIP;
    vals[8] = &r->eip;
    ids[9] = UC_X86_REG_EFLAGS;
    vals[9] = &r->eflags;
    for (int s = 0; s < 6; s++) {
        ids[10 + s] = seg_ids[s];
        vals[10 + s] = &sel32[s];
    }
    u->api->reg_read_batch(u->uc, ids, vals, 16);
    for (int s = 0; s < 6; s++)
        r->sel[s] = (uint16_t)sel32[s];
}

void ucs_run(struct uc_side *u, const struct ud_case *k, struct ud_result *r)
{
    load_state(u, k);
    u->vector = -1;
    uc_err e = u->api->emu_start(u->uc, UD_CODE_EIP, UD_CODE_EIP + k->len, 0, 0);
    memset(r, 0, sizeof(*r));
    read_state(u, r);
    mem_scan(u->mem, u->img);
    r->vector = u->vector;
    r->error = 0;
    if (e == UC_ERR_INSN_INVALID)
        r->vector = 6;
    else if (e != UC_ERR_OK)
        r->error = (int)e;
}
