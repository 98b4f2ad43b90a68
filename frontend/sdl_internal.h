/*
 * frontend/sdl_internal.h - the SDL2 window's state and the helpers its
 * files share: sdl_display.c (display.h: opening, pacing, the host-input
 * hook), sdl_window.c (window, renderer, texture, frames, title),
 * sdl_input.c (keyboard, mouse, focus), sdl_hotkeys.c (Ctrl+Alt+key
 * actions, the floppy file dialog).
 *
 * Invariants: @px holds the last frame rendered, @fw x @fh pixels, and the
 * texture holds the same pixels; @pressed lists exactly the keys the guest
 * saw go down and not yet up; @swallowed marks scancodes whose press was a
 * hot key, so their release is not sent either; while @grabbed the pointer
 * is in SDL's relative mode and its motion goes to the guest's PS/2 mouse.
 * Everything runs on the run loop's thread.
 */
#ifndef T86_FRONTEND_SDL_INTERNAL_H
#define T86_FRONTEND_SDL_INTERNAL_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "board/clock.h"
#include "devices/ps2kbd.h"
#include "display.h"
#include "sdl_keymap.h"

struct display {
    struct pc *m;
    const struct options *o;
    struct serial_set *serial; /**< polled with the window (NULL: none) */
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Texture *tex;        /**< @fw x @fh, NULL when there is no picture */
    bool tex_integer;        /**< the texture was made for integer scaling (nearest) */
    uint32_t *px;            /**< the frame, 0x00RRGGBB, pitch @fw */
    unsigned fw, fh;         /**< frame size (0 x 0: no picture) */
    char mode[48];           /**< pc_display_info's mode name */
    uint64_t frame_ns;       /**< host ns between frames */
    uint64_t next_frame_ns;  /**< host time the next frame is due */
    uint64_t next_events_ns; /**< host time events are next looked at */
    uint64_t next_title_ns;  /**< host time the title is next updated */
    uint64_t title_icount;   /**< the CPU's count at the last title update */
    uint64_t title_ns;       /**< host time of the last title update */
    uint64_t open_ns;        /**< host time the window opened */
    uint64_t frames;         /**< frames presented */
    bool integer;            /**< integer scaling */
    bool redraw;             /**< present again even if no row changed */
    bool running;            /**< the guest runs (title) */
    bool grabbed;            /**< the mouse is grabbed */
    bool quit;               /**< the user closed the window */
    unsigned buttons;        /**< mouse buttons the guest saw held (PS2MOUSE_*) */
    bool pressed[T86_KEY_COUNT];
    bool swallowed[SDL_NUM_SCANCODES];
    char title[256];     /**< the title last set */
    char floppy0[1024];  /**< the image changed into A: through the dialog ("" none) */
    uint64_t disk_io[6]; /**< pc_disk_io_count of A:, B:, IDE 0-3 at the last title */
    pid_t dialog_pid;    /**< the file dialog (zenity) running, 0 none */
    int dialog_fd;       /**< its stdout, -1 none */
    char dialog_buf[1024];
    size_t dialog_len;
};

/** Monotonic host time in ns (the board clock's host time source). */
static inline uint64_t sdl_host_ns(void)
{
    return clock_host_ns();
}

/* ---- sdl_window.c ---- */
/** Create the window and renderer (@d->o says full screen, integer); -1 with SDL_GetError set. */
int sdl_window_create(struct display *d);
/** Destroy the texture, renderer and window, and free the frame. */
void sdl_window_destroy(struct display *d);
/** Render the guest's changed rows, upload them and present if anything changed. */
void sdl_window_frame(struct display *d);
/** Update the title bar (MIPS since the last update). */
void sdl_window_title(struct display *d);
/** Full screen on / off. */
void sdl_window_toggle_fullscreen(struct display *d);
/** Leave full screen and size the window at @scale times the mode's size. */
void sdl_window_set_scale(struct display *d, unsigned scale);

/* ---- sdl_input.c ---- */
/** Handle one event; true when it gave the guest input (a key, mouse motion). */
bool sdl_input_event(struct display *d, const SDL_Event *ev);
/** Release every key and button the guest sees held, and the mouse grab. */
void sdl_input_release_all(struct display *d);
/** Grab (@on) or release the mouse. */
void sdl_input_grab(struct display *d, bool on);

/* ---- sdl_hotkeys.c ---- */
/** Carry out hot key @k. */
void sdl_hotkey_run(struct display *d, enum t86_hotkey k);
/** Collect the file dialog's answer when it has ended; change the floppy then. */
void sdl_hotkey_poll_dialog(struct display *d);
/** Stop a file dialog still open. */
void sdl_hotkey_close_dialog(struct display *d);

#endif
