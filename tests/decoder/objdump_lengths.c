/*
 * tests/decoder/objdump_lengths.c - run GNU objdump over the candidate slots.
 *
 * Role: the only code that talks to objdump.  Writes the slot file, runs
 * "objdump -D -z -b binary -m i386 -M i8086|i386 --insn-width=16" through
 * popen and records, for every slot, the length and text of the instruction
 * objdump starts at the slot's first byte.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dectest.h"

static int write_slots(const char *path, const struct sample *s, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    uint8_t slot[SLOT_SIZE];
    memset(slot, 0x90, sizeof(slot));
    for (size_t i = 0; i < n; i++) {
        memcpy(slot, s[i].b, CAND_SIZE);
        if (fwrite(slot, 1, SLOT_SIZE, f) != SLOT_SIZE) {
            fclose(f);
            return -1;
        }
    }
    return fclose(f) ? -1 : 0;
}

/** Count the hex byte pairs in @p up to a tab or the end of the line. */
static int count_bytes(const char **p)
{
    int n = 0;
    const char *q = *p;
    while (*q && *q != '\t' && *q != '\n') {
        if (isxdigit((unsigned char)q[0]) && isxdigit((unsigned char)q[1])) {
            n++;
            q += 2;
        } else {
            q++;
        }
    }
    *p = q;
    return n;
}

static void set_text(struct sample *s, const char *t)
{
    while (*t == ' ')
        t++;
    snprintf(s->text, sizeof(s->text), "%s", t);
    char *nl = strchr(s->text, '\n');
    if (nl)
        *nl = 0;
    s->bad = strstr(s->text, "(bad)") != NULL || strncmp(s->text, ".byte", 5) == 0;
}

/**
 * Parse one "addr:\tbytes\ttext" line.  @cur is the slot whose first
 * instruction is still open (continuation lines add to it), or NULL.
 */
static struct sample *parse_line(const char *line, struct sample *s, size_t n,
                                 struct sample *cur)
{
    char *end;
    unsigned long addr = strtoul(line, &end, 16);
    if (end == line || end[0] != ':' || end[1] != '\t')
        return cur;
    const char *p = end + 2;
    int nb = count_bytes(&p);
    if (*p != '\t') { /* wrapped byte list: continuation of the last line */
        if (cur)
            cur->theirs += nb;
        return cur;
    }
    if (addr % SLOT_SIZE != 0 || addr / SLOT_SIZE >= n)
        return NULL;
    cur = &s[addr / SLOT_SIZE];
    cur->theirs = nb;
    set_text(cur, p + 1);
    return cur;
}

long objdump_lengths(const char *objdump, const char *path, bool code32,
                     struct sample *s, size_t n)
{
    if (write_slots(path, s, n))
        return -1;
    char cmd[4096];
    snprintf(cmd, sizeof(cmd),
             "'%s' -D -z -b binary -m i386 -M %s --insn-width=16 '%s'",
             objdump, code32 ? "i386" : "i8086", path);
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    for (size_t i = 0; i < n; i++)
        s[i].theirs = 0;
    char line[1024];
    struct sample *cur = NULL;
    while (fgets(line, sizeof(line), p))
        cur = parse_line(line, s, n, cur);
    if (pclose(p) != 0)
        return -1;
    long missing = 0;
    for (size_t i = 0; i < n; i++)
        missing += s[i].theirs == 0;
    return missing;
}
