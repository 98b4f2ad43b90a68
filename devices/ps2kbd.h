/*
 * devices/ps2kbd.h - a PS/2 (MF II, 104-key) keyboard on a PS/2 port.
 *
 * The keyboard speaks scan code set 2 natively (sets 1 and 3 selectable
 * with command 0xF0) and answers the host commands of the IBM PS/2
 * keyboard (IBM PS/2 Hardware Interface Technical Reference, "Keyboard";
 * IBM PC AT Technical Reference for the AT command set): 0xED LEDs,
 * 0xEE echo, 0xF0 scan code set, 0xF2 identify (AB 83), 0xF3 typematic,
 * 0xF4 enable, 0xF5 disable, 0xF6 defaults, 0xF7-0xFD set 3 key types
 * (acknowledged, all keys stay make/break), 0xFE resend, 0xFF reset (ACK,
 * then AA).  Every accepted byte is acknowledged with 0xFA.
 *
 * The frontend presses keys with ps2kbd_key() or types text with
 * ps2kbd_type_text().  Those events wait in a ring (the user's fingers)
 * and enter the keyboard's 16-byte output buffer only while scanning is
 * enabled and the whole make or break sequence fits, so typed text is
 * never lost or torn while the guest is slow; the buffer itself drains one
 * byte at a time into the controller through struct ps2_host.
 *
 * Not modelled: typematic repeat (the host repeats keys itself), the
 * "fake shift" prefixes set 2 adds around navigation keys under Shift or
 * NumLock, and per-key set 3 modes.
 */
#ifndef T86_DEVICES_PS2KBD_H
#define T86_DEVICES_PS2KBD_H

#include <stdbool.h>
#include <stdint.h>

#include "board/state.h"
#include "i8042.h"

/** trap86 key codes: the keys of a US 104-key keyboard (plus ISO's 102nd). */
/* clang-format off */
enum t86_key {
    T86_KEY_NONE = 0,
    T86_KEY_A, T86_KEY_B, T86_KEY_C, T86_KEY_D, T86_KEY_E, T86_KEY_F, T86_KEY_G,
    T86_KEY_H, T86_KEY_I, T86_KEY_J, T86_KEY_K, T86_KEY_L, T86_KEY_M, T86_KEY_N,
    T86_KEY_O, T86_KEY_P, T86_KEY_Q, T86_KEY_R, T86_KEY_S, T86_KEY_T, T86_KEY_U,
    T86_KEY_V, T86_KEY_W, T86_KEY_X, T86_KEY_Y, T86_KEY_Z,
    T86_KEY_1, T86_KEY_2, T86_KEY_3, T86_KEY_4, T86_KEY_5,
    T86_KEY_6, T86_KEY_7, T86_KEY_8, T86_KEY_9, T86_KEY_0,
    T86_KEY_GRAVE, T86_KEY_MINUS, T86_KEY_EQUAL, T86_KEY_LBRACKET, T86_KEY_RBRACKET,
    T86_KEY_BACKSLASH, T86_KEY_SEMICOLON, T86_KEY_APOSTROPHE, T86_KEY_COMMA,
    T86_KEY_DOT, T86_KEY_SLASH, T86_KEY_102ND,
    T86_KEY_F1, T86_KEY_F2, T86_KEY_F3, T86_KEY_F4, T86_KEY_F5, T86_KEY_F6,
    T86_KEY_F7, T86_KEY_F8, T86_KEY_F9, T86_KEY_F10, T86_KEY_F11, T86_KEY_F12,
    T86_KEY_ESC, T86_KEY_BACKSPACE, T86_KEY_TAB, T86_KEY_ENTER, T86_KEY_SPACE,
    T86_KEY_CAPSLOCK, T86_KEY_LSHIFT, T86_KEY_RSHIFT, T86_KEY_LCTRL, T86_KEY_RCTRL,
    T86_KEY_LALT, T86_KEY_RALT, T86_KEY_LMETA, T86_KEY_RMETA, T86_KEY_MENU,
    T86_KEY_INSERT, T86_KEY_DELETE, T86_KEY_HOME, T86_KEY_END, T86_KEY_PAGEUP,
    T86_KEY_PAGEDOWN, T86_KEY_UP, T86_KEY_DOWN, T86_KEY_LEFT, T86_KEY_RIGHT,
    T86_KEY_NUMLOCK, T86_KEY_KP_SLASH, T86_KEY_KP_STAR, T86_KEY_KP_MINUS,
    T86_KEY_KP_PLUS, T86_KEY_KP_ENTER, T86_KEY_KP_DOT,
    T86_KEY_KP_0, T86_KEY_KP_1, T86_KEY_KP_2, T86_KEY_KP_3, T86_KEY_KP_4,
    T86_KEY_KP_5, T86_KEY_KP_6, T86_KEY_KP_7, T86_KEY_KP_8, T86_KEY_KP_9,
    T86_KEY_SCROLLLOCK, T86_KEY_PRINTSCREEN, T86_KEY_PAUSE,
    T86_KEY_COUNT /**< number of codes; not a key */
};
/* clang-format on */

/** Keyboard LED bits as set by command 0xED. */
enum { PS2KBD_LED_SCROLL = 1, PS2KBD_LED_NUM = 2, PS2KBD_LED_CAPS = 4 };

/** Key events that can wait for the keyboard's buffer (ps2kbd_key). */
enum { PS2KBD_EVENTS = 256 };

struct ps2kbd;

/** Snapshot descriptor of struct ps2kbd's state. */
extern const struct state_desc ps2kbd_state_desc;

/**
 * Create a keyboard that sends its bytes to @host (copied; from
 * i8042_host()).  Connect its device side with
 * i8042_attach(kc, PS2_PORT_KBD, &(struct ps2_device){...}) built by
 * ps2kbd_device().  Returns NULL on allocation failure.
 */
struct ps2kbd *ps2kbd_create(const struct ps2_host *host);
/** The device side of @k, for i8042_attach(). */
struct ps2_device ps2kbd_device(struct ps2kbd *k);
/** Free the keyboard. NULL is ignored. */
void ps2kbd_destroy(struct ps2kbd *k);
/**
 * Power-on: set 2, scanning enabled, LEDs off, default typematic, empty
 * buffer.  Pending key events are kept (they are the user's).  Nothing is
 * sent (a real keyboard sends AA after power-on; the BIOS resets it anyway).
 */
void ps2kbd_reset(struct ps2kbd *k);

/**
 * Press (@down) or release key @key.  The make / break sequence of the
 * current scan code set is queued; PrintScreen and Pause produce their
 * multi-byte sequences (set 2: E0 12 E0 7C; E1 14 77 E1 F0 14 F0 77, with
 * no break), Ctrl+Pause gives Break (E0 7E E0 F0 7E), Alt+PrintScreen
 * gives SysRq (84).  Returns false when the event ring is full or @key is
 * not a key.
 */
bool ps2kbd_key(struct ps2kbd *k, enum t86_key key, bool down);
/**
 * Type @text on a US layout: each character is pressed and released, with
 * Left Shift around it when the character needs Shift.  '\n' and '\r' are
 * Enter, '\t' Tab, '\b' Backspace, 0x1B Esc; the other control characters
 * 0x01-0x1A are Left Ctrl + the letter (0x1A is Ctrl+Z); other characters
 * outside printable ASCII are skipped.  Returns the number of characters queued
 * (fewer than strlen(@text) only when the event ring fills up).
 */
unsigned ps2kbd_type_text(struct ps2kbd *k, const char *text);
/** The LED bits last set by the host (PS2KBD_LED_*). */
uint8_t ps2kbd_leds(const struct ps2kbd *k);

#endif
