/*
 * tests/unicorn/ucdiff.h - shared types of the trap86-versus-unicorn
 * differential test (docs/unicorn.md).
 *
 * One case is one instruction, run from the same register file and memory
 * image on both engines in 32-bit flat protected mode at CPL 0.  Invariants:
 *   - guest physical = linear memory is [0, UD_MEM_SIZE) in both engines,
 *     the GDT lives at UD_GDT, the instruction at UD_CODE_EIP;
 *   - every address a generated case touches lies in [UD_WIN_LO, UD_MEM_SIZE)
 *     (the generator checks this and regenerates otherwise), and 16-bit
 *     effective addresses reach it too because the targets are below 64 KiB;
 *   - each engine's memory is a private copy of one pristine image; writes
 *     are recorded as dirty ranges, compared, then restored from the image.
 */
#ifndef T86_TESTS_UCDIFF_H
#define T86_TESTS_UCDIFF_H

#include <stdbool.h>
#include <stdint.h>

#include "optable.h"

/* ---- guest memory layout ------------------------------------------------ */
enum {
    UD_MEM_SIZE = 0x20000,  /**< mapped bytes from address 0 */
    UD_GDT = 0x0800,        /**< GDT base */
    UD_GDT_LIMIT = 0x3F,    /**< eight descriptors */
    UD_CODE_PAGE = 0x1000,  /**< page holding the instruction */
    UD_CODE_EIP = 0x1800,   /**< where every instruction starts */
    UD_WIN_LO = 0x2000,     /**< lowest address a case may touch */
    UD_TGT_LO = 0x3000,     /**< memory operands are aimed into [TGT_LO, TGT_HI) */
    UD_TGT_HI = 0xF000,
    UD_STACK_LO = 0xC000,   /**< initial ESP range */
    UD_STACK_HI = 0xF000,
};

/** Selectors of the GDT built by memimg.c. */
enum {
    SEL_CODE = 0x08, SEL_DATA = 0x10, SEL_DATA_NA = 0x18, SEL_RODATA = 0x20,
    SEL_XCODE = 0x28, SEL_DATA3 = 0x30, SEL_NOTP = 0x38
};

/* ---- forms -------------------------------------------------------------- */

/** What the generator must know about a form beyond its table row. */
enum ud_kind {
    K_PLAIN, K_STRING, K_XLAT, K_ENTER, K_LEAVE, K_STACK, K_POPF, K_POP_SREG,
    K_MOV_SREG, K_LOAD_FAR, K_SEL_TEST, K_BT_REG, K_DIV, K_CMPXCHG, K_BOUND,
    K_MOFFS, K_ARPL
};

/** One covered form: a row of the generated opcode table. */
struct ud_form {
    const struct opdesc *d;
    unsigned row;      /**< index into t86_opdesc */
    enum ud_kind kind;
    bool stack;        /**< pushes or pops */
    bool seg_load;     /**< needs descriptor tables (GDT built in both engines) */
};

/** Build the covered-form list; returns its length. */
unsigned forms_build(struct ud_form *out, unsigned max);
/** Print every row with its verdict (covered, or the exclusion reason). */
void forms_list(void);
/** "MNEM operands" of a form, for reports. */
const char *form_name(const struct ud_form *f, char *buf, unsigned size);

/* ---- cases -------------------------------------------------------------- */
enum { UD_MAX_INSN = 16, UD_MAX_PATCH = 6, UD_PATCH_BYTES = 200 };

/** Bytes written into the memory image before the case runs. */
struct ud_patch {
    uint32_t addr;
    uint16_t len;
    uint8_t bytes[UD_PATCH_BYTES];
};

/** One generated case. */
struct ud_case {
    const struct ud_form *form;
    uint8_t code[UD_MAX_INSN];
    uint8_t len;
    uint32_t gpr[8];
    uint32_t eflags;
    bool op16, addr16, mem; /**< 66 / 67 present; ModRM selects memory */
    uint8_t rep;            /**< 0, 0xF2 or 0xF3 */
    uint8_t seg;            /**< segment override prefix byte, 0 if none */
    bool lock;              /**< F0 present */
    uint8_t reg, rm;        /**< ModRM fields (reg also for non-ModRM forms: 0) */
    uint32_t ea;            /**< linear address of the ModRM memory operand */
    uint32_t imm;           /**< first immediate */
    uint8_t imm2;           /**< ENTER level byte */
    unsigned npatch;
    struct ud_patch patch[UD_MAX_PATCH];
};

/** Generate case number @n of @seed for form @f (deterministic). */
void gen_case(struct ud_case *k, const struct ud_form *f, uint64_t seed, uint64_t n);

/* ---- memory images -------------------------------------------------------- */
enum { UD_MAX_DIRTY = 24 };

struct ud_range { uint32_t lo, hi; };

/** One engine's guest memory and the ranges written since the last restore. */
struct ud_mem {
    uint8_t *buf;           /**< UD_MEM_SIZE bytes, page aligned */
    struct ud_range dirty[UD_MAX_DIRTY];
    unsigned ndirty;
    bool all_dirty;         /**< too many ranges: treat everything as dirty */
    bool stray;             /**< a write outside [0, UD_MEM_SIZE) happened */
};

/** Fill @img (UD_MEM_SIZE bytes) with the pristine image of @seed. */
void img_build(uint8_t *img, uint64_t seed);
/** Allocate an engine memory as a copy of @img. */
void mem_init(struct ud_mem *m, const uint8_t *img);
/** Record a write of @len bytes at @addr. */
void mem_mark(struct ud_mem *m, uint32_t addr, uint32_t len);
/** Write the case's code (plus a HLT) and patches, marking them dirty. */
void mem_load_case(struct ud_mem *m, const struct ud_case *k);
/** Mark as dirty every byte that differs from @img (for engines without write hooks). */
void mem_scan(struct ud_mem *m, const uint8_t *img);
/** Copy the dirty ranges back from @img and forget them. */
void mem_restore(struct ud_mem *m, const uint8_t *img);

/* ---- engines ------------------------------------------------------------ */

/** Final state of one engine after one case. */
struct ud_result {
    uint32_t gpr[8], eip, eflags;
    uint16_t sel[6];
    int vector;   /**< exception vector, or -1 */
    int error;    /**< engine error (uc_err, or a cpu_stop other than HALT), 0 if none */
    bool pending; /**< trap86 logged "not implemented yet" */
};

struct uc_side;
struct uc_side *ucs_create(struct ud_mem *m, const uint8_t *img);
void ucs_destroy(struct uc_side *u);
void ucs_run(struct uc_side *u, const struct ud_case *k, struct ud_result *r);

struct t86_side;
struct t86_side *t86s_create(struct ud_mem *m);
void t86s_destroy(struct t86_side *t);
void t86s_run(struct t86_side *t, const struct ud_case *k, struct ud_result *r);

/* ---- comparison ------------------------------------------------------------ */

/** What the SDM leaves undefined for one case. */
struct ud_undef {
    uint32_t flags;        /**< EFLAGS bits not compared */
    uint32_t gpr_mask[8];  /**< register bits not compared */
    uint32_t mem_lo, mem_hi; /**< memory bytes not compared ([lo, hi), empty if lo == hi) */
};

/** Fill @u for case @k; @pre is the memory image the case starts from. */
void undef_for_case(const struct ud_case *k, const uint8_t *pre, struct ud_undef *u);

/** Verdict of one case. */
enum ud_verdict { V_MATCH, V_MISMATCH, V_PENDING, V_EXCLUDED };

/** What differed (ud_diff.parts). */
enum {
    D_VECTOR = 1, D_ERROR = 2, D_GPR = 4, D_EIP = 8, D_FLAGS = 16, D_SEL = 32, D_MEM = 64
};

struct ud_diff {
    enum ud_verdict verdict;
    unsigned parts;       /**< D_* bits */
    uint8_t gpr_diff;     /**< registers that differ (bit per GPR) */
    int exclusion;        /**< index into the exclusion table when V_EXCLUDED */
    char what[160];       /**< first difference, for the report */
};

void compare_case(const struct ud_case *k, const struct ud_undef *u, const struct ud_result *ru,
                  const struct ud_result *rt, const struct ud_mem *mu, const struct ud_mem *mt,
                  struct ud_diff *out);
/** Number of documented exclusions and their names. */
unsigned exclusion_count(void);
const char *exclusion_name(unsigned i);

#endif
