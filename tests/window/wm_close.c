/*
 * tests/window/wm_close.c - close an X window the way a window manager's
 * close button does: send it a WM_PROTOCOLS client message carrying
 * WM_DELETE_WINDOW (ICCCM 2.0, section 4.2.8.1), which the window's
 * program answers by closing itself (SDL2: SDL_QUIT).
 *
 * Usage: wm_close WINDOW_ID (decimal or 0x hex, as xdotool prints it).
 * Exit status 0 when the message was sent, 1 otherwise.
 */
#include <X11/Xlib.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: wm_close WINDOW_ID\n");
        return 1;
    }
    Window w = (Window)strtoul(argv[1], NULL, 0);
    Display *dpy = XOpenDisplay(NULL);
    if (!dpy || !w) {
        fprintf(stderr, "wm_close: no display or no window\n");
        return 1;
    }
    XEvent ev = {0};
    ev.xclient.type = ClientMessage;
    ev.xclient.window = w;
    ev.xclient.message_type = XInternAtom(dpy, "WM_PROTOCOLS", False);
    ev.xclient.format = 32;
    ev.xclient.data.l[0] = (long)XInternAtom(dpy, "WM_DELETE_WINDOW", False);
    ev.xclient.data.l[1] = CurrentTime;
    Status ok = XSendEvent(dpy, w, False, NoEventMask, &ev);
    XSync(dpy, False);
    XCloseDisplay(dpy);
    return ok ? 0 : 1;
}
