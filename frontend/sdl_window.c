/*
 * frontend/sdl_window.c - the SDL2 window, its renderer and the texture
 * the guest's frame lives in: frames (only the changed rows are rendered
 * and uploaded), letterboxed aspect-correct or integer scaling
 * (display_layout.h), full screen, window size hot keys and the title.
 *
 * Invariants: the texture is @d->fw x @d->fh and XRGB8888, the layout of
 * pc_display_render's 0x00RRGGBB pixels (SDL_PIXELFORMAT_RGB888 has no
 * alpha, so nothing is blended); a frame is presented only when a row
 * changed or the window needs repainting (@d->redraw); nothing is drawn
 * while the window is hidden or minimised.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/pc.h"
#include "display_layout.h"
#include "display_title.h"
#include "frontend.h"
#include "sdl_internal.h"

/* The window's size when it opens: text 80x25 (720 x 400) at 4:3, the
 * screen PC firmware starts in (the VGA is not set up yet at this point). */
enum { INITIAL_W = 720, INITIAL_H = 540 };

int sdl_window_create(struct display *d)
{
    Uint32 flags = SDL_WINDOW_RESIZABLE;
    if (d->o->display_fullscreen)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    d->win = SDL_CreateWindow("trap86", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, INITIAL_W,
                              INITIAL_H, flags);
    if (!d->win)
        return -1;
    d->ren = SDL_CreateRenderer(d->win, -1, 0);
    if (!d->ren)
        d->ren = SDL_CreateRenderer(d->win, -1, SDL_RENDERER_SOFTWARE);
    if (!d->ren)
        return -1;
    d->redraw = true;
    return 0;
}

void sdl_window_destroy(struct display *d)
{
    if (d->tex)
        SDL_DestroyTexture(d->tex);
    if (d->ren)
        SDL_DestroyRenderer(d->ren);
    if (d->win)
        SDL_DestroyWindow(d->win);
    free(d->px);
    d->tex = NULL;
    d->ren = NULL;
    d->win = NULL;
    d->px = NULL;
}

/* Make the frame buffer and texture @w x @h (none for 0 x 0); false when
 * they cannot be made (then there is no picture). */
static bool resize_frame(struct display *d, unsigned w, unsigned h)
{
    if (d->tex)
        SDL_DestroyTexture(d->tex);
    free(d->px);
    d->tex = NULL;
    d->px = NULL;
    d->fw = w;
    d->fh = h;
    if (!w || !h)
        return false;
    d->px = calloc((size_t)w * h, sizeof(*d->px));
    d->tex = d->px ? SDL_CreateTexture(d->ren, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STREAMING,
                                       (int)w, (int)h)
                   : NULL;
    if (!d->tex) {
        free(d->px);
        d->px = NULL;
    }
    return d->tex != NULL;
}

/* Clear the window, draw the frame where display_layout puts it, present. */
static void present(struct display *d)
{
    SDL_SetRenderDrawColor(d->ren, 0, 0, 0, 255);
    SDL_RenderClear(d->ren);
    int ow = 0, oh = 0;
    SDL_GetRendererOutputSize(d->ren, &ow, &oh);
    if (d->tex && ow > 0 && oh > 0) {
        unsigned ax, ay;
        display_aspect(d->mode, d->fw, d->fh, &ax, &ay);
        struct display_rect r =
            display_layout(d->fw, d->fh, ax, ay, (unsigned)ow, (unsigned)oh, d->integer);
        bool exact = r.w % (int)d->fw == 0 && r.h % (int)d->fh == 0;
        SDL_SetTextureScaleMode(d->tex, exact ? SDL_ScaleModeNearest : SDL_ScaleModeLinear);
        SDL_RenderCopy(d->ren, d->tex, NULL, &(SDL_Rect){r.x, r.y, r.w, r.h});
    }
    SDL_RenderPresent(d->ren);
    d->redraw = false;
    d->frames++;
}

void sdl_window_frame(struct display *d)
{
    if (SDL_GetWindowFlags(d->win) & (SDL_WINDOW_HIDDEN | SDL_WINDOW_MINIMIZED))
        return;
    struct pc_display_info info;
    pc_display_info(d->m, &info); /* zeroed without a VGA: no picture */
    snprintf(d->mode, sizeof(d->mode), "%s", info.mode);
    d->frame_ns = display_frame_interval_ns(info.refresh_hz);
    bool full = false;
    if (info.width != d->fw || info.height != d->fh || (d->fw && !d->tex)) {
        full = resize_frame(d, info.width, info.height);
        d->redraw = true;
    }
    unsigned y0 = 0, y1 = 0;
    if (d->tex && pc_display_render(d->m, d->px, d->fw, d->fw, d->fh, full, &y0, &y1) && y1 > y0) {
        SDL_Rect rows = {0, (int)y0, (int)d->fw, (int)(y1 - y0)};
        SDL_UpdateTexture(d->tex, &rows, d->px + (size_t)y0 * d->fw, (int)(d->fw * 4));
        d->redraw = true;
    }
    if (d->redraw)
        present(d);
}

void sdl_window_title(struct display *d)
{
    uint64_t now = sdl_host_ns(), insns = cpu_icount(pc_cpu(d->m));
    char disks[256], title[sizeof(d->title)];
    unsigned busy = 0;
    for (unsigned k = 0; k < 6; k++) { /* A:, B:, IDE 0-3: activity since the last title */
        uint64_t n = pc_disk_io_count(d->m, k);
        busy |= (n != d->disk_io[k]) << k;
        d->disk_io[k] = n;
    }
    display_title_disks(disks, sizeof(disks), d->o, d->floppy0[0] ? d->floppy0 : NULL, busy);
    struct display_title t = {
        .running = d->running,
        .mips = display_title_mips(insns >= d->title_icount ? insns - d->title_icount : 0,
                                   now - d->title_ns),
        .mode = d->mode,
        .disks = disks,
        .grabbed = d->grabbed,
    };
    display_title_format(title, sizeof(title), &t);
    d->title_icount = insns;
    d->title_ns = now;
    if (strcmp(title, d->title)) {
        memcpy(d->title, title, sizeof(title));
        SDL_SetWindowTitle(d->win, title);
    }
}

void sdl_window_toggle_fullscreen(struct display *d)
{
    bool on = !(SDL_GetWindowFlags(d->win) & SDL_WINDOW_FULLSCREEN_DESKTOP);
    if (SDL_SetWindowFullscreen(d->win, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) != 0)
        fprintf(stderr, "trap86: full screen: %s\n", SDL_GetError());
    d->redraw = true;
}

void sdl_window_set_scale(struct display *d, unsigned scale)
{
    unsigned ax = 4, ay = 3, w, h, fw = d->fw ? d->fw : 640;
    if (d->fw)
        display_aspect(d->mode, d->fw, d->fh, &ax, &ay);
    display_natural_size(fw, ax, ay, scale, &w, &h);
    SDL_SetWindowFullscreen(d->win, 0);
    SDL_SetWindowSize(d->win, (int)w, (int)h);
    d->redraw = true;
}
