/*
 * frontend/kernel.h - -kernel, -append and -initrd: read the Multiboot
 * kernel and its modules, build the image the board hands the loader ROM
 * (board/multiboot.h, docs/multiboot.md) and put it in the machine's
 * configuration.
 *
 * Invariant: a failure prints exactly one line on stderr naming the option
 * and the file, and leaves nothing allocated.
 */
#ifndef T86_FRONTEND_KERNEL_H
#define T86_FRONTEND_KERNEL_H

#include <stddef.h>

#include "board/multiboot.h"
#include "board/pc.h"
#include "frontend.h"

/** The Multiboot loader option ROM (roms/multiboot-loader.asm), built in. */
extern const unsigned char t86_multiboot_rom[];
extern const size_t t86_multiboot_rom_size;

/**
 * Build @o's -kernel image into *@img for a machine of @o->ram_mb MiB and
 * point @cfg at it and at the loader ROM.  The caller frees *@img with
 * multiboot_image_free after pc_create.  Returns 0, or -1 after printing
 * why (*@img then empty).
 */
int kernel_configure(const struct options *o, struct pc_config *cfg, struct multiboot_image *img);

#endif
