/*
 * frontend/sdl_keymap.h - the window's keyboard tables: SDL scancodes (the
 * USB HID usage of the physical key, whatever the host's layout) to
 * trap86's PS/2 keys (enum t86_key, devices/ps2kbd.h), and Ctrl+Alt+key
 * to the window's hot keys.  Tables only; unit-tested
 * (tests/window/test_sdl_keymap.c).
 *
 * Every enum t86_key has a scancode.  Keys a PS/2 keyboard of the 104-key
 * layout does not have (the Japanese and Korean extra keys, multimedia and
 * ACPI power keys, F13-F24) map to T86_KEY_NONE and are ignored.
 */
#ifndef T86_FRONTEND_SDL_KEYMAP_H
#define T86_FRONTEND_SDL_KEYMAP_H

#include <SDL.h>

#include "devices/ps2kbd.h"

/** The window's hot keys, each Ctrl+Alt+a key (docs/window.md). */
enum t86_hotkey {
    T86_HOTKEY_NONE,
    T86_HOTKEY_UNGRAB,     /**< G: release the mouse */
    T86_HOTKEY_FULLSCREEN, /**< F: full screen on / off */
    T86_HOTKEY_SCREENSHOT, /**< S: trap86-YYYYMMDD-HHMMSS.png in the current directory */
    T86_HOTKEY_INTEGER,    /**< U: integer scaling on / off */
    T86_HOTKEY_SIZE1,      /**< 1: window at 1x the mode's (aspect-corrected) size */
    T86_HOTKEY_SIZE2,      /**< 2: at 2x */
    T86_HOTKEY_SIZE3,      /**< 3: at 3x */
    T86_HOTKEY_FLOPPY,     /**< D: change the disk in A: */
    T86_HOTKEY_QUIT,       /**< Q: quit, as closing the window */
};

/** The PS/2 key at scancode @sc, T86_KEY_NONE when there is none. */
enum t86_key sdl_keymap_key(SDL_Scancode sc);
/** The hot key Ctrl+Alt+@sc means, T86_HOTKEY_NONE when none. */
enum t86_hotkey sdl_keymap_hotkey(SDL_Scancode sc);

#endif
