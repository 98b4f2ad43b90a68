/*
 * frontend/dbg_disasm.h - disassembly for `u`, `x /i`, traces and stop
 * lines: Capstone for the text, trap86's own decoder (cpu_insn_length) for
 * instruction lengths, so the listing walks instructions exactly as the
 * CPU would.  Bytes the decoder rejects, or Capstone cannot decode, are
 * shown as `db`.
 */
#ifndef T86_FRONTEND_DBG_DISASM_H
#define T86_FRONTEND_DBG_DISASM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct dbg;
struct dbg_disasm;

/** Open Capstone (16- and 32-bit handles); NULL when it cannot. */
struct dbg_disasm *dbg_disasm_create(void);
/** Close it. */
void dbg_disasm_destroy(struct dbg_disasm *dis);

/** Where code lives: a CS value and the code size. */
struct dbg_code_loc {
    uint16_t sel;
    uint32_t base; /**< CS.base: linear = base + ip */
    uint32_t ip;
    bool code32;
};

/**
 * Format one instruction at @loc into @text ("mnemonic operands", with
 * "; -> SEL:OFF (LIN) <sym>" for direct branches) and its bytes as hex
 * into @hex.  Returns its length (1 for db).
 */
unsigned dbg_disasm_one(struct dbg *d, const struct dbg_code_loc *loc, char *text, size_t tsize,
                        char *hex, size_t hsize);

/** Format "SEL:IP (LIN)  bytes  text" for @loc into @line; returns the length. */
unsigned dbg_disasm_line(struct dbg *d, const struct dbg_code_loc *loc, char *line, size_t size);

/** Print @count instructions from @loc: "SEL:IP (LIN)  bytes  text". */
void dbg_disasm_print(struct dbg *d, FILE *out, struct dbg_code_loc loc, unsigned count);

#endif
