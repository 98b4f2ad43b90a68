/*
 * tests/window/test_sdl_keymap.c - the window's key tables
 * (frontend/sdl_keymap.c): every PS/2 key of enum t86_key is reachable
 * from some SDL scancode (a key missing from the table could never be
 * typed), the extended keys land on their own t86 keys (not their
 * non-extended twins: right Ctrl is not left Ctrl, keypad Enter is not
 * Enter), keys a 104-key PS/2 keyboard lacks map to nothing, and the
 * hot-key table.
 */
#include <check.h>
#include <stdlib.h>

#include "sdl_keymap.h"

START_TEST(test_keymap_reaches_every_t86_key)
{
    bool seen[T86_KEY_COUNT] = {false};
    for (int sc = 0; sc < SDL_NUM_SCANCODES; sc++) {
        enum t86_key k = sdl_keymap_key((SDL_Scancode)sc);
        ck_assert_int_lt(k, T86_KEY_COUNT);
        seen[k] = true;
    }
    for (int k = 1; k < T86_KEY_COUNT; k++)
        ck_assert_msg(seen[k], "enum t86_key %d has no SDL scancode", k);
}
END_TEST

START_TEST(test_keymap_extended_keys_are_distinct)
{
    static const struct {
        SDL_Scancode sc;
        enum t86_key key;
    } cases[] = {
        {SDL_SCANCODE_RCTRL, T86_KEY_RCTRL},
        {SDL_SCANCODE_LCTRL, T86_KEY_LCTRL},
        {SDL_SCANCODE_RALT, T86_KEY_RALT},
        {SDL_SCANCODE_LALT, T86_KEY_LALT},
        {SDL_SCANCODE_KP_ENTER, T86_KEY_KP_ENTER},
        {SDL_SCANCODE_RETURN, T86_KEY_ENTER},
        {SDL_SCANCODE_KP_DIVIDE, T86_KEY_KP_SLASH},
        {SDL_SCANCODE_SLASH, T86_KEY_SLASH},
        {SDL_SCANCODE_UP, T86_KEY_UP},
        {SDL_SCANCODE_KP_8, T86_KEY_KP_8},
        {SDL_SCANCODE_INSERT, T86_KEY_INSERT},
        {SDL_SCANCODE_KP_0, T86_KEY_KP_0},
        {SDL_SCANCODE_DELETE, T86_KEY_DELETE},
        {SDL_SCANCODE_KP_PERIOD, T86_KEY_KP_DOT},
        {SDL_SCANCODE_LGUI, T86_KEY_LMETA},
        {SDL_SCANCODE_RGUI, T86_KEY_RMETA},
        {SDL_SCANCODE_APPLICATION, T86_KEY_MENU},
        {SDL_SCANCODE_PAUSE, T86_KEY_PAUSE},
        {SDL_SCANCODE_PRINTSCREEN, T86_KEY_PRINTSCREEN},
        {SDL_SCANCODE_NONUSBACKSLASH, T86_KEY_102ND},
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        ck_assert_int_eq(sdl_keymap_key(cases[i].sc), cases[i].key);
}
END_TEST

START_TEST(test_keymap_keys_a_ps2_keyboard_lacks_are_ignored)
{
    static const SDL_Scancode none[] = {
        SDL_SCANCODE_UNKNOWN,        SDL_SCANCODE_F13,   SDL_SCANCODE_F24,   SDL_SCANCODE_MUTE,
        SDL_SCANCODE_INTERNATIONAL1, SDL_SCANCODE_LANG1, SDL_SCANCODE_POWER, SDL_SCANCODE_AUDIOPLAY,
    };
    for (unsigned i = 0; i < sizeof(none) / sizeof(none[0]); i++)
        ck_assert_int_eq(sdl_keymap_key(none[i]), T86_KEY_NONE);
    ck_assert_int_eq(sdl_keymap_key((SDL_Scancode)-1), T86_KEY_NONE);
    ck_assert_int_eq(sdl_keymap_key(SDL_NUM_SCANCODES), T86_KEY_NONE);
}
END_TEST

START_TEST(test_keymap_hotkeys)
{
    ck_assert_int_eq(sdl_keymap_hotkey(SDL_SCANCODE_G), T86_HOTKEY_UNGRAB);
    ck_assert_int_eq(sdl_keymap_hotkey(SDL_SCANCODE_F), T86_HOTKEY_FULLSCREEN);
    ck_assert_int_eq(sdl_keymap_hotkey(SDL_SCANCODE_S), T86_HOTKEY_SCREENSHOT);
    ck_assert_int_eq(sdl_keymap_hotkey(SDL_SCANCODE_U), T86_HOTKEY_INTEGER);
    ck_assert_int_eq(sdl_keymap_hotkey(SDL_SCANCODE_1), T86_HOTKEY_SIZE1);
    ck_assert_int_eq(sdl_keymap_hotkey(SDL_SCANCODE_2), T86_HOTKEY_SIZE2);
    ck_assert_int_eq(sdl_keymap_hotkey(SDL_SCANCODE_3), T86_HOTKEY_SIZE3);
    ck_assert_int_eq(sdl_keymap_hotkey(SDL_SCANCODE_D), T86_HOTKEY_FLOPPY);
    ck_assert_int_eq(sdl_keymap_hotkey(SDL_SCANCODE_Q), T86_HOTKEY_QUIT);
    /* Ctrl+Alt+Del and Ctrl+Alt+Backspace belong to the guest */
    ck_assert_int_eq(sdl_keymap_hotkey(SDL_SCANCODE_DELETE), T86_HOTKEY_NONE);
    ck_assert_int_eq(sdl_keymap_hotkey(SDL_SCANCODE_BACKSPACE), T86_HOTKEY_NONE);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sdl_keymap");
    TCase *tc = tcase_create("sdl_keymap");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_keymap_reaches_every_t86_key);
    tcase_add_test(tc, test_keymap_extended_keys_are_distinct);
    tcase_add_test(tc, test_keymap_keys_a_ps2_keyboard_lacks_are_ignored);
    tcase_add_test(tc, test_keymap_hotkeys);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
