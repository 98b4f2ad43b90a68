/*
 * cpu/optable.h - row type of the generated opcode table.
 *
 * optable.c is generated from cpu/opcodes.spec by cpu/gen_optable.py.
 * t86_opindex[op][reg] gives a row number into t86_opdesc (0 = no row: #UD);
 * op is the opcode byte, or 0x100 | second byte for the 0F map.
 */
#ifndef T86_OPTABLE_H
#define T86_OPTABLE_H

#include <stdint.h>

struct cpu;
struct insn;

/** An instruction handler: executes one decoded instruction. */
typedef void (*op_handler)(struct cpu *c, const struct insn *i);

/** Virtualization class of a form (see docs/opcodes.md). */
enum { VC_INNOCUOUS, VC_SENSITIVE, VC_PRIVILEGED };
/** What the class depends on. */
enum { VCOND_CPL = 1, VCOND_IOPL = 2, VCOND_VM = 4, VCOND_TSD = 8 };
/** Row attributes. */
enum { OPA_LOCK = 1, OPA_REP = 2, OPA_BRANCH = 4 };
/** Decode flags derived from the operands. */
enum { DEC_MODRM = 1, DEC_MEM_ONLY = 2, DEC_REG_ONLY = 4 };
/** Immediate kinds derived from the operands. */
enum {
    IMM_NONE, IMM_B, IMM_BS, IMM_W, IMM_Z, IMM_FAR, IMM_MOFFS, IMM_ENTER
};

/** One opcode form. */
struct opdesc {
    op_handler fn;
    const char *mnem;
    const char *operands;
    uint16_t op;      /**< opcode, 0x100 | byte for 0F xx */
    int8_t reg;       /**< ModRM.reg for group rows, -1 otherwise */
    uint16_t fr, fw;  /**< EFLAGS read / written */
    uint8_t cpu;      /**< minimum CPU: 0=8086 1=186 2=286 3=386 4=486 5=586 */
    uint8_t vclass;   /**< VC_* */
    uint8_t cond;     /**< VCOND_* mask */
    uint8_t attr;     /**< OPA_* mask */
    uint8_t dec;      /**< DEC_* mask */
    uint8_t imm;      /**< IMM_* */
    uint8_t byte;     /**< 1 when the operation is 8 bits wide */
};

/** Number of rows (row 0 is the empty sentinel, not counted). */
extern const unsigned t86_opdesc_count;
/** The rows; index 1..t86_opdesc_count. */
extern const struct opdesc t86_opdesc[];
/** Row number per (opcode, ModRM.reg); 0 = undefined. */
extern const uint16_t t86_opindex[512][8];

#endif
