/*
 * devices/rtc.h - the Motorola MC146818A real-time clock with its CMOS RAM
 * (ports 0x70 index / NMI mask, 0x71 data; optionally a second bank of
 * 128 bytes at 0x72 / 0x73 as PC chipsets provide).
 *
 * The clock does not tick.  Its time and date advance with the machine's
 * virtual clock (board/clock.h) and are brought up to date, one lump of
 * seconds at a time, whenever they are looked at; the periodic, alarm and
 * update-ended interrupts are armed as timer deadlines only while they can
 * raise IRQ.  The time base is the PC's 32.768 kHz crystal.  Under -icount
 * the clock is therefore a pure function of the instruction stream and of
 * the initial time the board passes (docs/time.md, docs/cmos.md).
 *
 * Invariants: the IRQ line is high exactly while register C's IRQF is 1
 * (IRQF = PF.PIE + AF.AIE + UF.UIE); the timer is armed for the earliest
 * tick at which a flag whose interrupt is enabled can become 1, and is
 * disarmed when there is none.
 */
#ifndef T86_DEVICES_RTC_H
#define T86_DEVICES_RTC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "board/bus.h"
#include "board/clock.h"
#include "board/irq.h"
#include "board/state.h"

enum {
    RTC_PORT = 0x70,     /**< conventional index/data port pair */
    RTC_EXT_PORT = 0x72, /**< conventional second-bank port pair */
    RTC_CMOS_SIZE = 128, /**< bytes per bank (14 registers + 114 NVRAM) */
    RTC_HZ = 32768,      /**< time base: the divider's input clock */
    RTC_REG_SECONDS = 0x00,
    RTC_REG_SECONDS_ALARM = 0x01,
    RTC_REG_MINUTES = 0x02,
    RTC_REG_MINUTES_ALARM = 0x03,
    RTC_REG_HOURS = 0x04,
    RTC_REG_HOURS_ALARM = 0x05,
    RTC_REG_DAY_OF_WEEK = 0x06, /**< 1 = Sunday .. 7 = Saturday */
    RTC_REG_DAY_OF_MONTH = 0x07,
    RTC_REG_MONTH = 0x08,
    RTC_REG_YEAR = 0x09,
    RTC_REG_A = 0x0A,
    RTC_REG_B = 0x0B,
    RTC_REG_C = 0x0C,
    RTC_REG_D = 0x0D,
    RTC_REG_CENTURY = 0x32, /**< IBM AT convention; same format as the year */
};

/* Register bits (MC146818A datasheet, "Register A" .. "Register D"). */
enum {
    RTC_A_UIP = 0x80,     /**< update in progress (read only) */
    RTC_A_DV_MASK = 0x70, /**< divider select DV2-DV0 */
    RTC_A_DV_32K = 0x20,  /**< 010: 32.768 kHz time base, the only one that runs */
    RTC_A_RS_MASK = 0x0F, /**< rate select RS3-RS0 */
    RTC_B_SET = 0x80,
    RTC_B_PIE = 0x40,
    RTC_B_AIE = 0x20,
    RTC_B_UIE = 0x10,
    RTC_B_SQWE = 0x08,
    RTC_B_DM = 0x04, /**< 1: binary, 0: BCD */
    RTC_B_24H = 0x02,
    RTC_B_DSE = 0x01,
    RTC_C_IRQF = 0x80,
    RTC_C_PF = 0x40,
    RTC_C_AF = 0x20,
    RTC_C_UF = 0x10,
    RTC_D_VRT = 0x80,
};

struct rtc;

/** Snapshot descriptor of struct rtc's state (both CMOS banks, the clock
 * fields, the divider phase and the index latches). */
extern const struct state_desc rtc_state_desc;

/**
 * Create an RTC on ports @port (index; bit 7 is the NMI mask) and @port+1
 * (data) of @io, timed by @clk, driving @irq (IRQ8 on a PC: high while
 * IRQF is 1).  The clock starts at @initial_epoch_seconds (seconds since
 * 1970-01-01T00:00:00 in whatever zone the board chose: UTC, local time,
 * or the fixed 2000-01-01 of -icount runs), running, 24-hour BCD, as a
 * battery-backed RTC left by a BIOS: A = 0x26, B = 0x02, C = 0, D = 0x80.
 * Its first update comes one second after creation.  NVRAM is zero.
 * Returns NULL on failure (allocation, or the ports are taken).
 */
struct rtc *rtc_create(struct bus *io, uint16_t port, struct clock *clk, struct irq_line irq,
                       int64_t initial_epoch_seconds);
/**
 * Also map the second 128-byte bank: index at @port (7 bits), data at
 * @port+1 (RTC_EXT_PORT on PC chipsets).  Bytes 128..255 of
 * rtc_nvram_get/set.  Returns 0, or -1 when the ports are taken.
 */
int rtc_map_extended(struct rtc *r, struct bus *io, uint16_t port);
/** Free the RTC and its timer (after the bus is no longer used). NULL is ignored. */
void rtc_destroy(struct rtc *r);
/**
 * The RESET pin ("RESET" in the datasheet): clears PIE, AIE, UIE, SQWE and
 * register C's flags, so IRQ goes low.  The time, the calendar, register A,
 * SET, DM, 24/12, DSE and the NVRAM are kept.
 */
void rtc_reset(struct rtc *r);
/**
 * Store @value at CMOS byte @index (0..255; 128..255 is the second bank)
 * for the board to fill the CMOS map.  Returns 0, or -1 for an index out of
 * range or a clock register (0x00-0x0D and the century 0x32), which only
 * rtc_set_time and the guest change.
 */
int rtc_nvram_set(struct rtc *r, unsigned index, uint8_t value);
/**
 * CMOS byte @index (0..255) as the guest would read it now, without side
 * effects (reading register C here does not clear it).  0xFF out of range.
 */
uint8_t rtc_nvram_get(struct rtc *r, unsigned index);
/**
 * Store the IBM AT checksum: the 16-bit sum of bytes 0x10..0x2D at 0x2E
 * (high byte) and 0x2F (low byte).  Call after filling the map.
 */
void rtc_update_checksum(struct rtc *r);
/**
 * Set the time and date to @epoch_seconds as of now (the divider phase,
 * hence the moment of the next update, is kept).
 */
void rtc_set_time(struct rtc *r, int64_t epoch_seconds);
/** The clock's time and date now, in seconds since 1970-01-01 (fields the
 * guest left out of range are taken modulo their range). */
int64_t rtc_get_time(struct rtc *r);
/** Bit 7 of the last write to the index port: 1 masks NMI (on a PC). */
bool rtc_nmi_masked(const struct rtc *r);

/**
 * Print the time, the control registers and the CMOS RAM 0x10-0x7F to @out
 * (debugger).  Reads the stored state only: the clock is not brought up to
 * date, so nothing changes.
 */
void rtc_dump(const struct rtc *r, FILE *out);

#endif
