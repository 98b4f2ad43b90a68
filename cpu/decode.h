/*
 * cpu/decode.h - the instruction decoder.
 *
 * decode_insn turns raw bytes into a struct insn using the generated opcode
 * table; it has no side effects and touches no CPU state, so tests can call
 * it on any buffer.  Invariant: a struct insn depends only on its bytes, the
 * code size (16/32) and the CPU model, which is why decoded instructions
 * can be cached by physical address with the code size in the key.
 */
#ifndef T86_DECODE_H
#define T86_DECODE_H

#include <stdbool.h>
#include <stdint.h>

#include "optable.h"

/** insn.flags bits. */
enum {
    INSN_OP32 = 1,    /**< operand size is 32 bits */
    INSN_ADDR32 = 2,  /**< address size is 32 bits */
    INSN_LOCK = 4,    /**< F0 prefix */
    INSN_REPZ = 8,    /**< F3 prefix (REP/REPE) */
    INSN_REPNZ = 16,  /**< F2 prefix (REPNE) */
    INSN_MEM = 32,    /**< ModRM selects memory */
    INSN_SEGOVR = 64, /**< a segment override prefix was present */
};

/** Register number used for "no base/index": always reads as zero. */
#define EA_NONE 8

/** A decoded instruction. */
struct insn {
    op_handler fn;
    const struct opdesc *d;
    uint32_t disp; /**< displacement (sign-extended) or moffs */
    uint32_t imm;  /**< first immediate (IMM_BS sign-extended) */
    uint16_t imm2; /**< far-pointer selector, or ENTER's level byte */
    uint16_t op;   /**< opcode, 0x100 | byte for 0F xx */
    uint8_t len;
    uint8_t flags; /**< INSN_* */
    uint8_t modrm, reg, rm;
    uint8_t seg;   /**< segment of the memory operand (override or default) */
    uint8_t base, index, scale; /**< EA = base + (index << scale) + disp */
};

/** decode_insn results besides a positive length. */
enum {
    DECODE_UD = -1,      /**< undefined opcode or invalid LOCK: #UD */
    DECODE_TOO_LONG = -2, /**< over 15 bytes: #GP(0) */
    DECODE_SHORT = -3,   /**< ran out of the @avail bytes given */
};

/**
 * Decode one instruction from @bytes (@avail of them readable).
 * @code32 selects the default operand/address size; @model is the CPU
 * model (cpu_model value): rows whose minimum CPU exceeds it are #UD.
 * Returns the length (1..15) or a DECODE_* code.
 */
int decode_insn(struct insn *out, const uint8_t *bytes, unsigned avail, bool code32,
                int model);

#endif
