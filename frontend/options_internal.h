/*
 * frontend/options_internal.h - option parsers shared between the option
 * table (options.c) and the files that hold the longer parsers
 * (options_board.c).  Each takes the option's value and returns NULL or a
 * one-line reason, leaving @o unchanged on error.
 */
#ifndef T86_FRONTEND_OPTIONS_INTERNAL_H
#define T86_FRONTEND_OPTIONS_INTERNAL_H

#include "frontend.h"

/** -send-keys AT:TEXT (repeatable): escapes \n \r \t \b \e \\ \^X. */
const char *options_set_send_keys(struct options *o, const char *a);
/** -boot [order=]LETTERS[,menu=on|off][,once=..]: letters a b c d n. */
const char *options_set_boot(struct options *o, const char *a);
/** -rtc base=utc|localtime|YYYY-MM-DD[THH:MM:SS][,clock=host|vm]. */
const char *options_set_rtc(struct options *o, const char *a);
/** -exit-after SECONDS of guest time (a decimal fraction allowed). */
const char *options_set_exit_after(struct options *o, const char *a);
/** -vga std|none: the PCI VGA 1234:1111, or no card. */
const char *options_set_vga(struct options *o, const char *a);

/** -hda FILE / -hdb FILE: IDE hard disk, primary master / slave (options_ide.c). */
const char *options_set_hda(struct options *o, const char *a);
const char *options_set_hdb(struct options *o, const char *a);
/** -cdrom FILE: ISO image in the secondary master ATAPI CD-ROM. */
const char *options_set_cdrom(struct options *o, const char *a);
/** -drive file=F,if=ide,index=N,media=disk|cdrom[,format=raw][,readonly=on]. */
const char *options_set_drive(struct options *o, const char *a);

/** -display none|sdl[,integer=on|off][,full-screen=on|off] (display_options.c). */
const char *options_set_display(struct options *o, const char *a);
/** -nographic: no window (QEMU also sends the serial port to stdio; trap86 does not). */
const char *options_set_nographic(struct options *o, const char *a);
/** -full-screen: start the window in full-screen mode. */
const char *options_set_full_screen(struct options *o, const char *a);

#endif
