/*
 * frontend/dbg_commands.c - the debugger's command language: the command
 * table, dbg_command, and the execution-control, breakpoint, register and
 * trace commands (Bochs names; QEMU monitor names for the monitor).
 *
 * Invariant: the table below is the one list of commands; `help` prints
 * from it, so adding a command is one row plus its handler.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dbg_commands.h"
#include "dbg_expr.h"
#include "dbg_info.h"
#include "dbg_internal.h"
#include "dbg_syms.h"

char *dbg_cmd_split(char *line, char **rest)
{
    while (isspace((unsigned char)*line))
        line++;
    char *p = line;
    while (*p && !isspace((unsigned char)*p) && *p != '/')
        p++;
    char *name_end = p;
    while (isspace((unsigned char)*p))
        p++;
    *rest = p;
    size_t n = strlen(p);
    while (n && isspace((unsigned char)p[n - 1]))
        p[--n] = '\0';
    if (*name_end && name_end != p)
        *name_end = '\0';
    else if (*name_end == '/') {
        memmove(name_end + 1, name_end, strlen(name_end) + 1);
        *name_end = '\0';
        *rest = name_end + 1;
    }
    return line;
}

const struct dbg_cmd *dbg_cmd_find(const struct dbg_cmd *table, unsigned n, const char *name)
{
    size_t len = strlen(name);
    for (unsigned k = 0; k < n && len; k++)
        for (const char *p = table[k].names; p;) {
            const char *bar = strchr(p, '|');
            size_t plen = bar ? (size_t)(bar - p) : strlen(p);
            if (plen == len && !strncmp(p, name, len))
                return &table[k];
            p = bar ? bar + 1 : NULL;
        }
    return NULL;
}

/* Evaluate @s or print the error; false on error. */
static bool eval_or_say(struct dbg *d, const char *s, uint64_t *v, FILE *out)
{
    const char *err = dbg_eval(d, s, v);
    if (err)
        fprintf(out, "Error: %s: %s\n", s, err);
    return !err;
}

static bool cmd_step(struct dbg *d, char *args, FILE *out)
{
    uint64_t n = 1;
    if (*args && !eval_or_say(d, args, &n, out))
        return true;
    dbg_step_n(d, n);
    return true;
}

static bool cmd_next(struct dbg *d, char *args, FILE *out)
{
    dbg_next(d);
    return true;
}

static bool cmd_continue(struct dbg *d, char *args, FILE *out)
{
    dbg_continue(d);
    return true;
}

static bool cmd_stop(struct dbg *d, char *args, FILE *out)
{
    if (!dbg_stopped(d))
        dbg_interrupt(d);
    return true;
}

static bool cmd_quit(struct dbg *d, char *args, FILE *out)
{
    return false;
}

/* Split "ADDR [if "COND"]": *@cond is NULL or the condition text. */
static bool split_condition(char *args, char **cond, FILE *out)
{
    *cond = NULL;
    char *p = strstr(args, " if ");
    if (!p)
        return true;
    *p = '\0';
    char *c = p + 4;
    while (isspace((unsigned char)*c))
        c++;
    size_t n = strlen(c);
    if (n >= 2 && c[0] == '"' && c[n - 1] == '"') {
        c[n - 1] = '\0';
        c++;
    }
    if (!*c) {
        fprintf(out, "Error: empty condition\n");
        return false;
    }
    *cond = c;
    return true;
}

/* pb/lb/vb: add a breakpoint of @kind from "ADDR [if "COND"]". */
static bool break_cmd(struct dbg *d, enum dbg_bp_kind kind, char *args, FILE *out)
{
    char *cond;
    bool has_seg;
    uint16_t seg = 0;
    uint32_t addr;
    uint64_t v;
    if (!split_condition(args, &cond, out))
        return true;
    if (cond && dbg_eval(d, cond, &v)) {
        fprintf(out, "Error: condition \"%s\": %s\n", cond, dbg_eval(d, cond, &v));
        return true;
    }
    const char *err = dbg_eval_segoff(d, args, &has_seg, &seg, &addr);
    if (!err && (kind == DBG_BP_VIRT) != has_seg)
        err = kind == DBG_BP_VIRT ? "expected SEG:OFF" : "expected an address without segment";
    if (err) {
        fprintf(out, "Error: %s: %s\n", args, err);
        return true;
    }
    int id = dbg_break_add(d, kind, seg, addr, cond);
    if (id < 0)
        fprintf(out, "Error: too many breakpoints\n");
    else if (kind == DBG_BP_VIRT)
        fprintf(out, "Breakpoint %d at %04x:%08" PRIx32 "\n", id, seg, addr);
    else
        fprintf(out, "Breakpoint %d at 0x%08" PRIx32 " (%s)\n", id, addr,
                kind == DBG_BP_PHYS ? "physical" : "linear");
    return true;
}

static bool cmd_pb(struct dbg *d, char *a, FILE *o)
{
    return break_cmd(d, DBG_BP_PHYS, a, o);
}
static bool cmd_lb(struct dbg *d, char *a, FILE *o)
{
    return break_cmd(d, DBG_BP_LIN, a, o);
}
static bool cmd_vb(struct dbg *d, char *a, FILE *o)
{
    return break_cmd(d, DBG_BP_VIRT, a, o);
}

static bool cmd_blist(struct dbg *d, char *args, FILE *out)
{
    dbg_break_list(d, out);
    return true;
}

/* d/bpe/bpd: apply @op to breakpoint number @args. */
static bool bp_number_cmd(struct dbg *d, char *args, FILE *out, int op)
{
    uint64_t n;
    if (!eval_or_say(d, args, &n, out))
        return true;
    bool ok = op == 0 ? dbg_break_del(d, (int)n) : dbg_break_enable(d, (int)n, op > 0);
    if (!ok)
        fprintf(out, "Error: no breakpoint %" PRIu64 "\n", n);
    return true;
}

static bool cmd_del(struct dbg *d, char *a, FILE *o)
{
    return bp_number_cmd(d, a, o, 0);
}
static bool cmd_bpe(struct dbg *d, char *a, FILE *o)
{
    return bp_number_cmd(d, a, o, 1);
}
static bool cmd_bpd(struct dbg *d, char *a, FILE *o)
{
    return bp_number_cmd(d, a, o, -1);
}

static bool cmd_watch(struct dbg *d, char *args, FILE *out)
{
    char *rest;
    char *kind = dbg_cmd_split(args, &rest);
    char *len_s = strchr(rest, ' ');
    uint64_t addr, len = 1;
    if (len_s)
        *len_s++ = '\0';
    if ((strcmp(kind, "r") && strcmp(kind, "w")) || !*rest) {
        fprintf(out, "Usage: watch r|w PADDR [len]\n");
        return true;
    }
    if (!eval_or_say(d, rest, &addr, out) || (len_s && !eval_or_say(d, len_s, &len, out)))
        return true;
    int id = dbg_watch_add(d, (uint32_t)addr, (uint32_t)len, kind[0] == 'r');
    if (id < 0)
        fprintf(out, "Error: cannot add watchpoint\n");
    else
        fprintf(out, "Watchpoint %d: %s 0x%08" PRIx32 " len %" PRIu64 "\n", id,
                kind[0] == 'r' ? "read/write" : "write", (uint32_t)addr, len);
    return true;
}

static bool cmd_unwatch(struct dbg *d, char *args, FILE *out)
{
    uint64_t n = (uint64_t)-1;
    if (*args && !eval_or_say(d, args, &n, out))
        return true;
    if (!dbg_watch_del(d, *args ? (int)n : -1))
        fprintf(out, "Error: no such watchpoint\n");
    return true;
}

static bool cmd_regs(struct dbg *d, char *a, FILE *out)
{
    dbg_info_regs(d, out);
    return true;
}

static bool cmd_sreg(struct dbg *d, char *a, FILE *out)
{
    dbg_info_sregs(d, out);
    return true;
}

static bool cmd_creg(struct dbg *d, char *a, FILE *out)
{
    dbg_info_cregs(d, out);
    return true;
}

static bool cmd_dreg(struct dbg *d, char *a, FILE *out)
{
    dbg_info_dregs(d, out);
    return true;
}

static bool cmd_set(struct dbg *d, char *args, FILE *out)
{
    char *eq = strchr(args, '=');
    uint64_t v;
    if (!eq) {
        fprintf(out, "Usage: set REG = EXPR\n");
        return true;
    }
    *eq = '\0';
    char *rest, *name = dbg_cmd_split(args, &rest);
    if (!eval_or_say(d, eq + 1, &v, out))
        return true;
    struct cpu_regs r;
    cpu_get_regs(d->c, &r);
    const char *err = dbg_reg_write(&r, name, v);
    if (err)
        fprintf(out, "Error: %s: %s\n", name, err);
    else
        cpu_set_regs(d->c, &r);
    return true;
}

static bool cmd_calc(struct dbg *d, char *args, FILE *out)
{
    uint64_t v;
    if (eval_or_say(d, args, &v, out))
        fprintf(out, "0x%" PRIx64 " %" PRIu64 "\n", v, v);
    return true;
}

static bool cmd_ptime(struct dbg *d, char *args, FILE *out)
{
    fprintf(out, "ptime: %" PRIu64 "\n", cpu_icount(d->c));
    return true;
}

static bool cmd_ldsym(struct dbg *d, char *args, FILE *out)
{
    unsigned n;
    const char *err = dbg_syms_load(d->syms, args, &n);
    if (err)
        fprintf(out, "Error: ldsym %s: %s\n", args, err);
    else
        fprintf(out, "Loaded %u symbols from %s\n", n, args);
    return true;
}

static bool cmd_print_stack(struct dbg *d, char *args, FILE *out)
{
    uint64_t n = 16;
    if (*args && !eval_or_say(d, args, &n, out))
        return true;
    dbg_print_stack(d, (unsigned)n, out);
    return true;
}

/* "on"/"off" into *@flag; false with a usage line otherwise. */
static bool on_off(const char *args, bool *flag, const char *cmd, FILE *out)
{
    if (strcmp(args, "on") && strcmp(args, "off")) {
        fprintf(out, "Usage: %s on|off\n", cmd);
        return false;
    }
    *flag = !strcmp(args, "on");
    return true;
}

static bool cmd_trace(struct dbg *d, char *args, FILE *out)
{
    if (on_off(args, &d->trace, "trace", out))
        fprintf(out, "Tracing %s\n", d->trace ? "on" : "off");
    dbg_update_hook(d);
    return true;
}

static bool cmd_trace_reg(struct dbg *d, char *args, FILE *out)
{
    if (on_off(args, &d->trace_reg, "trace-reg", out))
        fprintf(out, "Register tracing %s\n", d->trace_reg ? "on" : "off");
    d->trace_prev_valid = false;
    return true;
}

static const struct dbg_cmd commands[] = {
    {"s|step|si", cmd_step, "s [n]", "execute n instructions (default 1)"},
    {"n|next|p", cmd_next, "n", "step over CALL, INT and REP string instructions"},
    {"c|continue|cont", cmd_continue, "c", "continue the guest"},
    {"stop", cmd_stop, "stop", "stop the running guest"},
    {"pb|b|break|pbreak", cmd_pb, "pb ADDR [if \"EXPR\"]", "physical-address breakpoint"},
    {"lb|lbreak", cmd_lb, "lb ADDR [if \"EXPR\"]", "linear-address breakpoint"},
    {"vb|vbreak", cmd_vb, "vb SEG:OFF [if \"EXPR\"]", "CS:EIP breakpoint"},
    {"blist", cmd_blist, "blist", "list breakpoints and watchpoints"},
    {"d|del|delete", cmd_del, "d N", "delete breakpoint N"},
    {"bpe", cmd_bpe, "bpe N", "enable breakpoint N"},
    {"bpd", cmd_bpd, "bpd N", "disable breakpoint N"},
    {"watch", cmd_watch, "watch r|w PADDR [len]", "stop on reads and writes (r) or writes (w)"},
    {"unwatch", cmd_unwatch, "unwatch [N]", "delete watchpoint N (default all)"},
    {"x", dbg_cmd_x, "x /nuf LADDR",
     "examine linear memory (units b h w g; formats x d u o t c s i)"},
    {"xp", dbg_cmd_xp, "xp /nuf PADDR", "examine physical memory"},
    {"u|disasm|disassemble", dbg_cmd_u, "u [/n] [ADDR|SEG:OFF]", "disassemble n instructions"},
    {"ldsym", cmd_ldsym, "ldsym FILE", "load symbols (lines \"ADDR NAME\", linear addresses)"},
    {"r|reg|registers", cmd_regs, "r", "general registers, EIP, EFLAGS"},
    {"sreg", cmd_sreg, "sreg", "segment and descriptor-table registers"},
    {"creg", cmd_creg, "creg", "control registers"},
    {"dreg", cmd_dreg, "dreg", "debug registers"},
    {"set", cmd_set, "set REG = EXPR", "change a register"},
    {"info", dbg_cmd_info, "info WHAT", "gdt idt ldt tss tab eflags cpu registers break device"},
    {"page", dbg_cmd_page, "page LADDR", "show the paging walk of a linear address"},
    {"print-stack", cmd_print_stack, "print-stack [n]", "n stack entries (default 16)"},
    {"trace", cmd_trace, "trace on|off", "print every executed instruction"},
    {"trace-reg", cmd_trace_reg, "trace-reg on|off", "add changed registers to the trace"},
    {"setpmem", dbg_cmd_setpmem, "setpmem ADDR SIZE VAL",
     "write 1, 2 or 4 bytes of physical memory"},
    {"writemem", dbg_cmd_writemem, "writemem FILE LADDR LEN", "save linear memory to FILE"},
    {"calc|?", cmd_calc, "calc EXPR", "evaluate an expression"},
    {"ptime", cmd_ptime, "ptime", "retired-instruction count"},
    {"system_reset", dbg_cmd_system_reset, "system_reset", "reset the machine"},
    {"screendump", dbg_cmd_screendump, "screendump FILE", "save the screen (.txt or .png)"},
    {"sendkey", dbg_cmd_sendkey, "sendkey KEYS", "press keys together, e.g. ctrl-alt-delete"},
    {"change", dbg_cmd_change, "change floppy0|floppy1|cdrom FILE", "put another disk image in a drive"},
    {"eject", dbg_cmd_eject, "eject [-f] floppy0|floppy1|cdrom", "take the disk out (flushed, closed)"},
    {"q|quit|exit", cmd_quit, "q", "quit trap86"},
    {"h|help", dbg_cmd_help, "help [COMMAND]", "this list"},
};

enum { COMMAND_COUNT = sizeof(commands) / sizeof(commands[0]) };

void dbg_commands_help(const char *name, FILE *out)
{
    const struct dbg_cmd *c = *name ? dbg_cmd_find(commands, COMMAND_COUNT, name) : NULL;
    if (*name && !c) {
        fprintf(out, "Error: no command '%s'\n", name);
        return;
    }
    for (unsigned k = 0; k < COMMAND_COUNT; k++)
        if (!c || c == &commands[k])
            fprintf(out, "  %-28s %s (%s)\n", commands[k].usage, commands[k].help,
                    commands[k].names);
}

bool dbg_command(struct dbg *d, const char *line, FILE *out)
{
    size_t n = strlen(line);
    char *copy = malloc(n + 2), *args; /* +1: dbg_cmd_split may split "x/4" */
    if (!copy)
        return true;
    memcpy(copy, line, n + 1);
    char *name = dbg_cmd_split(copy, &args);
    bool keep = true;
    if (*name && *name != '#') {
        const struct dbg_cmd *c = dbg_cmd_find(commands, COMMAND_COUNT, name);
        if (c)
            keep = c->fn(d, args, out);
        else
            fprintf(out, "Error: unknown command '%s' (try help)\n", name);
    }
    if (!keep) /* quit, from any front end (console, monitor, gdb's k / monitor quit) */
        d->quit = true;
    free(copy);
    return keep;
}
