/*
 * frontend/sdl_input.c - the window's events: keys to the guest's PS/2
 * keyboard (press and release, host key repeat as repeated presses, as a
 * keyboard's typematic does), Ctrl+Alt hot keys, the mouse (grabbed by a
 * click, then relative motion, wheel and three buttons to the PS/2
 * mouse), focus, repaint and close.
 *
 * Invariants (sdl_internal.h): the guest never sees a release without its
 * press nor keeps a key held after the window lost the focus; the click
 * that grabs the mouse is the window's, not the guest's.
 */
#include <stdio.h>

#include "board/pc.h"
#include "devices/ps2mouse.h"
#include "sdl_internal.h"

/* Send key @k down or up, keeping @d->pressed in step. */
static void send_key(struct display *d, enum t86_key k, bool down)
{
    if (k == T86_KEY_NONE || (!down && !d->pressed[k]))
        return;
    d->pressed[k] = down;
    pc_key(d->m, k, down);
}

void sdl_input_release_all(struct display *d)
{
    for (unsigned k = 0; k < T86_KEY_COUNT; k++)
        send_key(d, (enum t86_key)k, false);
    for (unsigned s = 0; s < SDL_NUM_SCANCODES; s++)
        d->swallowed[s] = false;
    if (d->buttons) {
        d->buttons = 0;
        pc_mouse(d->m, 0, 0, 0, 0);
    }
    sdl_input_grab(d, false);
}

void sdl_input_grab(struct display *d, bool on)
{
    if (d->grabbed == on)
        return;
    if (SDL_SetRelativeMouseMode(on ? SDL_TRUE : SDL_FALSE) != 0 && on) {
        fprintf(stderr, "trap86: cannot grab the mouse: %s\n", SDL_GetError());
        return;
    }
    d->grabbed = on;
    d->title[0] = 0; /* the title says how to release it */
    d->next_title_ns = 0;
}

/* A key went down or up; true when the guest got it. */
static bool on_key(struct display *d, const SDL_KeyboardEvent *e)
{
    SDL_Scancode sc = e->keysym.scancode;
    if (sc < 0 || sc >= SDL_NUM_SCANCODES)
        return false;
    bool down = e->type == SDL_KEYDOWN;
    if (d->swallowed[sc]) { /* the rest of a hot key */
        d->swallowed[sc] = down;
        return false;
    }
    enum t86_hotkey hk = sdl_keymap_hotkey(sc);
    Uint16 mod = e->keysym.mod; /* when the key went down, not after the queue */
    if (down && hk != T86_HOTKEY_NONE && (mod & KMOD_CTRL) && (mod & KMOD_ALT)) {
        d->swallowed[sc] = true;
        sdl_hotkey_run(d, hk);
        return false;
    }
    enum t86_key k = sdl_keymap_key(sc);
    if (k == T86_KEY_NONE)
        return false;
    send_key(d, k, down);
    return true;
}

/* The PS2MOUSE_* bit of SDL button @b, 0 for others. */
static unsigned button_bit(Uint8 b)
{
    return b == SDL_BUTTON_LEFT     ? PS2MOUSE_LEFT
           : b == SDL_BUTTON_RIGHT  ? PS2MOUSE_RIGHT
           : b == SDL_BUTTON_MIDDLE ? PS2MOUSE_MIDDLE
                                    : 0;
}

/* A mouse button; a click in the window grabs the mouse first. */
static bool on_button(struct display *d, const SDL_MouseButtonEvent *e)
{
    unsigned bit = button_bit(e->button);
    if (!d->grabbed) {
        if (e->type == SDL_MOUSEBUTTONDOWN)
            sdl_input_grab(d, true);
        return false;
    }
    if (!bit || (e->type == SDL_MOUSEBUTTONUP && !(d->buttons & bit)))
        return false;
    d->buttons = e->type == SDL_MOUSEBUTTONDOWN ? d->buttons | bit : d->buttons & ~bit;
    pc_mouse(d->m, 0, 0, 0, d->buttons);
    return true;
}

/* Motion or the wheel while grabbed; true when the guest got it. */
static bool on_motion(struct display *d, const SDL_Event *ev)
{
    if (!d->grabbed)
        return false;
    if (ev->type == SDL_MOUSEMOTION) {
        if (!ev->motion.xrel && !ev->motion.yrel)
            return false;
        pc_mouse(d->m, ev->motion.xrel, ev->motion.yrel, 0, d->buttons);
        return true;
    }
    int y = ev->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -ev->wheel.y : ev->wheel.y;
    if (!y)
        return false;
    pc_mouse(d->m, 0, 0, -y, d->buttons); /* SDL: up is positive; PS/2: toward the user */
    return true;
}

/* Window events: repaint, focus lost, close. */
static void on_window(struct display *d, const SDL_WindowEvent *e)
{
    switch (e->event) {
    case SDL_WINDOWEVENT_FOCUS_LOST: sdl_input_release_all(d); break;
    case SDL_WINDOWEVENT_CLOSE: d->quit = true; break;
    case SDL_WINDOWEVENT_EXPOSED:
    case SDL_WINDOWEVENT_SIZE_CHANGED:
    case SDL_WINDOWEVENT_RESTORED:
        d->redraw = true;
        d->next_frame_ns = 0;
        break;
    default: break;
    }
}

bool sdl_input_event(struct display *d, const SDL_Event *ev)
{
    switch (ev->type) {
    case SDL_QUIT: d->quit = true; return true;
    case SDL_KEYDOWN:
    case SDL_KEYUP: return on_key(d, &ev->key);
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: return on_button(d, &ev->button);
    case SDL_MOUSEMOTION:
    case SDL_MOUSEWHEEL: return on_motion(d, ev);
    case SDL_WINDOWEVENT: on_window(d, &ev->window); return d->quit;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        d->fw = d->fh = 0; /* textures are lost: make and fill them again */
        d->next_frame_ns = 0;
        return false;
    default: return false;
    }
}
