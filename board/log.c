/*
 * board/log.c - formatting of board and device diagnostics.
 *
 * Messages are formatted into a bounded stack buffer (long messages are
 * truncated) and handed to the machine's sink with the category's -d name,
 * the same names the CPU library uses.
 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>

const char *board_log_category_name(unsigned category)
{
    switch (category) {
    case CPU_LOG_INT: return "int";
    case CPU_LOG_UNIMP: return "unimp";
    case CPU_LOG_RESET: return "cpu_reset";
    case CPU_LOG_GUEST_ERRORS: return "guest_errors";
    case CPU_LOG_FIRMWARE: return "firmware";
    default: return "board";
    }
}

void board_log(const struct board_log *log, unsigned category, const char *fmt, ...)
{
    if (!board_log_enabled(log, category))
        return;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    log->fn(log->opaque, board_log_category_name(category), msg);
}
