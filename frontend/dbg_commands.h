/*
 * frontend/dbg_commands.h - the console command table's handlers, shared
 * by the files that implement them (dbg_commands.c: dispatch, execution
 * control, breakpoints, registers; dbg_cmd_mem.c: memory and
 * disassembly; dbg_cmd_info.c: info, help and monitor commands;
 * dbg_cmd_paging.c: page and info tab; dbg_cmd_machine.c: change, eject,
 * sendkey, screendump).
 *
 * A handler gets the arguments after the command name with surrounding
 * blanks removed, writes to @out, and returns false only for quit.
 */
#ifndef T86_FRONTEND_DBG_COMMANDS_H
#define T86_FRONTEND_DBG_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

struct dbg;

/** A command handler (see above). */
typedef bool dbg_cmd_fn(struct dbg *d, char *args, FILE *out);

/** One row of a command table: "name|alias|...", handler, usage, help. */
struct dbg_cmd {
    const char *names;
    dbg_cmd_fn *fn;
    const char *usage;
    const char *help;
};

/** Find @name among the "a|b|c" names of @table (@n rows); NULL if none. */
const struct dbg_cmd *dbg_cmd_find(const struct dbg_cmd *table, unsigned n, const char *name);
/** Split "name rest" in @line: returns the name, *@rest the trimmed rest. */
char *dbg_cmd_split(char *line, char **rest);

dbg_cmd_fn dbg_cmd_x, dbg_cmd_xp, dbg_cmd_u, dbg_cmd_setpmem, dbg_cmd_writemem;
dbg_cmd_fn dbg_cmd_info, dbg_cmd_help, dbg_cmd_no_device, dbg_cmd_system_reset;
dbg_cmd_fn dbg_cmd_page, dbg_cmd_info_tab;
/** info device NAME: the table in dbg_cmd_device.c. */
dbg_cmd_fn dbg_cmd_info_device;
dbg_cmd_fn dbg_cmd_change, dbg_cmd_eject, dbg_cmd_sendkey, dbg_cmd_screendump;

/** Print the main table's help (all commands, or the one named @name). */
void dbg_commands_help(const char *name, FILE *out);

#endif
