/*
 * board/log.h - the diagnostics sink shared by the board and its devices.
 *
 * The same sink the CPU logs through (cpu_set_log in cpu/cpu.h): a callback,
 * its opaque pointer and a mask of enabled CPU_LOG_* categories.  Each
 * machine owns one; nothing here is global.  Invariant: board_log() formats
 * nothing and calls nothing when the category is masked out.
 */
#ifndef T86_BOARD_LOG_H
#define T86_BOARD_LOG_H

#include "cpu/cpu.h"

/** A log sink: @fn receives (opaque, category name, message). */
struct board_log {
    cpu_log_fn fn;
    void *opaque;
    unsigned mask; /**< enabled CPU_LOG_* categories */
};

/** True when @category (one CPU_LOG_* bit) is enabled on @log. */
static inline bool board_log_enabled(const struct board_log *log, unsigned category)
{
    return log && log->fn && (log->mask & category);
}

/** Log a printf-style message in @category (one CPU_LOG_* bit). */
void board_log(const struct board_log *log, unsigned category, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** The -d name of @category ("int", "unimp", "cpu_reset", "guest_errors", "firmware"). */
const char *board_log_category_name(unsigned category);

#endif
