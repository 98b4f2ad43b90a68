/*
 * devices/dma.h - the PC/AT pair of Intel 8237A DMA controllers and their
 * page registers.
 *
 *   DMA1 (channels 0-3, bytes)  ports 0x00-0x0F
 *   DMA2 (channels 4-7, words)  ports 0xC0-0xDF (register n at 0xC0 + 2n;
 *                               A0 is not decoded, odd ports alias)
 *   page registers              ports 0x81-0x8F (channel 2: 0x81, 3: 0x82,
 *                               1: 0x83, 0: 0x87, 6: 0x89, 7: 0x8A, 5: 0x8B,
 *                               4: 0x8F; the others are plain latches; 0x80
 *                               is left to the POST-code display)
 *
 * DMA2 channel 4 is the cascade input of DMA1: DMA1 channels move data only
 * while channel 4 is unmasked and programmed for cascade mode, as the BIOS
 * leaves it.  Devices do not raise DREQ; a device that wants to move data
 * calls dma_transfer (through a callback the board gives it), which moves
 * as much as the channel allows right away.  Guest memory is reached only
 * through the board's struct dma_mem_ops (which keeps decoded code coherent).
 *
 * Invariants: addresses and counts are the 8237A's 16-bit registers; the
 * page register supplies physical bits 23-16 (bits 23-17 on DMA2, whose
 * address register counts words, so a transfer never leaves its 64 KiB /
 * 128 KiB block: the address wraps inside it as on the AT).
 */
#ifndef T86_DEVICES_DMA_H
#define T86_DEVICES_DMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "board/bus.h"
#include "board/state.h"

enum { DMA_CHANNELS = 8 };

/** How the 8237A pair reaches guest physical memory (the board's RAM). */
struct dma_mem_ops {
    /** Copy @len bytes at physical @paddr into @buf. */
    void (*read)(void *opaque, uint32_t paddr, void *buf, size_t len);
    /** Copy @len bytes from @buf to physical @paddr. */
    void (*write)(void *opaque, uint32_t paddr, const void *buf, size_t len);
};

struct dma;

/** Snapshot descriptor of struct dma's state (both controllers, pages). */
extern const struct state_desc dma_state_desc;

/**
 * Create the pair on @io at the AT ports above; guest memory through
 * @mem / @opaque (both must outlive the device).  NULL on failure.
 */
struct dma *dma_create(struct bus *io, const struct dma_mem_ops *mem, void *opaque);
/** Free the device (after the bus is no longer used).  NULL is ignored. */
void dma_destroy(struct dma *d);
/** RESET pin: master clear of both controllers, page registers zeroed. */
void dma_reset(struct dma *d);

/**
 * Move up to @len bytes of channel @channel (0..7) between @buf and guest
 * memory, as the channel's mode says: a "write" transfer (I/O to memory)
 * stores @buf when @to_memory, a "read" transfer (memory to I/O) fills
 * @buf when !@to_memory, verify moves nothing; a direction that does not
 * match the mode touches no memory (a device reading gets 0xFF bytes).
 * The current address and count advance per byte (per word on 4-7: @len
 * is rounded down to whole words).  Stops at terminal count: sets the TC
 * status bit, then reloads (auto-initialize) or masks the channel.
 * Returns the bytes moved: 0 when the channel is not ready
 * (dma_channel_ready), less than @len when TC came first.
 */
size_t dma_transfer(struct dma *d, unsigned channel, void *buf, size_t len, bool to_memory);
/**
 * True when @channel can move data: its controller is enabled, the channel
 * is unmasked and not in cascade mode, and for channels 0-3 the cascade
 * channel 4 is unmasked and in cascade mode.
 */
bool dma_channel_ready(const struct dma *d, unsigned channel);
/** Set the DREQ input of @channel (seen only in the status register). */
void dma_set_dreq(struct dma *d, unsigned channel, bool level);

#endif
