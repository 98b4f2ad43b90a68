/*
 * board/irq.h - interrupt lines as values.
 *
 * A device that drives an interrupt (or any other output pin) is given a
 * struct irq_line when it is created and sets its level with irq_set(); it
 * never knows what is on the other end.  The board owns the routing: the
 * line's handler (an ISA IRQ number to the right 8259A input, the PIC's INT
 * output to the CPU's INTR, the slave PIC's INT to master IR2).  Tests hand
 * devices a line whose handler records levels.
 *
 * Invariants: a line with no handler is a pin left unconnected (irq_set
 * does nothing); devices report levels, and may report the same level
 * twice, so receivers must detect edges themselves.
 */
#ifndef T86_BOARD_IRQ_H
#define T86_BOARD_IRQ_H

#include <stdbool.h>

/** Receiver of a line: input @n of @opaque now sees @level. */
typedef void (*irq_handler)(void *opaque, unsigned n, bool level);

/** One wire: the receiver's handler, its opaque and the input number. */
struct irq_line {
    irq_handler fn;
    void *opaque;
    unsigned n;
};

/** Drive @line to @level (nothing when the line is unconnected). */
static inline void irq_set(const struct irq_line *line, bool level)
{
    if (line->fn)
        line->fn(line->opaque, line->n, level);
}

/** Build a line to input @n of @opaque's @fn. */
static inline struct irq_line irq_line_make(irq_handler fn, void *opaque, unsigned n)
{
    return (struct irq_line){fn, opaque, n};
}

#endif
