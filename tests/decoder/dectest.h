/*
 * tests/decoder/dectest.h - shared types of the decoder-vs-objdump test.
 *
 * Each random candidate occupies a SLOT_SIZE-byte slot of the file given to
 * objdump: CAND_SIZE random bytes followed by NOPs (0x90).  Only the
 * instruction objdump starts at the slot's first byte is compared; the NOP
 * tail guarantees objdump is back in step at the next slot (docs/decoder.md).
 */
#ifndef T86_DECTEST_H
#define T86_DECTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CAND_SIZE 16
#define SLOT_SIZE 32
#define TEXT_SIZE 64

/** One random encoding and both verdicts on it. */
struct sample {
    uint8_t b[CAND_SIZE];
    int ours;             /**< decode_insn result: length or DECODE_* */
    int theirs;           /**< objdump's length at the slot start (0 = none) */
    bool bad;             /**< objdump printed "(bad)" or ".byte" */
    char text[TEXT_SIZE]; /**< objdump's mnemonic text, for reports */
};

/** A documented disagreement class (see rules.c and docs/decoder.md). */
struct rule {
    const char *name;
    const char *why;
    bool (*match)(const struct sample *s, bool code32);
};

extern const struct rule dec_rules[];
extern const unsigned dec_rule_count;

/** Is 0F @op (0x100 | byte, or just the byte) implemented by a 486? */
bool dec_is_486_0f(unsigned op);

/** Does objdump agree with us on @s (same length, or both reject)? */
bool dec_agree(const struct sample *s, bool code32);

/**
 * Write the slots of @s[0..n) to @path, run @objdump on it in 16- or 32-bit
 * mode and fill in theirs/bad/text.  Returns the number of slots where no
 * instruction started (desynchronisation), or -1 on I/O failure.
 */
long objdump_lengths(const char *objdump, const char *path, bool code32,
                     struct sample *s, size_t n);

#endif
