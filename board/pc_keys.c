/*
 * board/pc_keys.c - typing text into the guest at given guest times
 * (-send-keys AT:TEXT, repeatable), through the PS/2 keyboard and the
 * 8042: exactly the path a real key press takes.  Also the host's key
 * presses and mouse motion from a window (pc_key, pc_mouse).
 *
 * Characters go one at a time, PC_KEYS_INTERVAL_NS apart, like a fast
 * typist: a burst would overrun the BIOS's 15-key type-ahead buffer, which
 * real BIOSes answer with a beep and a lost key.
 *
 * Invariants: entries are kept sorted by time (stable: equal times keep
 * their command-line order); `next` indexes the entry being typed and
 * `pos` its next character; the timer is pending exactly while something
 * is left to type.  Everything runs off the board's virtual clock, so
 * under -icount the same run types at the same instruction.
 */
#include <stdlib.h>
#include <string.h>

#include "devices/ps2kbd.h"
#include "devices/ps2mouse.h"
#include "pc_internal.h"

enum { PC_KEYS_INTERVAL_NS = 30 * 1000 * 1000 };

struct pc_keys_entry {
    uint64_t at_ns;
    char *text;
};

/* Arm the timer for the next character, or leave it idle when done. */
static void keys_rearm(struct pc *m, uint64_t now)
{
    while (m->keys_next < m->keys_count && !m->keys[m->keys_next].text[m->keys_pos]) {
        m->keys_next++;
        m->keys_pos = 0;
    }
    if (m->keys_next == m->keys_count)
        return;
    const struct pc_keys_entry *e = &m->keys[m->keys_next];
    uint64_t when = m->keys_pos ? now + PC_KEYS_INTERVAL_NS : e->at_ns;
    timer_mod(&m->keys_timer, when > now ? when : now);
}

static void pc_keys_fire(void *opaque)
{
    struct pc *m = opaque;
    if (m->keys_next < m->keys_count && m->kbd) {
        char one[2] = {m->keys[m->keys_next].text[m->keys_pos], 0};
        ps2kbd_type_text(m->kbd, one);
        m->keys_pos++;
    }
    keys_rearm(m, clock_now(&m->clock));
}

int pc_send_keys(struct pc *m, uint64_t at_ns, const char *text)
{
    struct pc_keys_entry *grown = realloc(m->keys, (m->keys_count + 1) * sizeof *grown);
    if (!grown)
        return -1;
    m->keys = grown;
    char *copy = strdup(text);
    if (!copy)
        return -1;
    size_t i = m->keys_count++;
    while (i > m->keys_next + (m->keys_pos ? 1 : 0) && m->keys[i - 1].at_ns > at_ns) {
        m->keys[i] = m->keys[i - 1];
        i--;
    }
    m->keys[i] = (struct pc_keys_entry){at_ns, copy};
    if (!m->keys_armed) {
        timer_init(&m->keys_timer, &m->clock, pc_keys_fire, m);
        m->keys_armed = true;
    }
    if (!m->keys_pos)
        timer_del(&m->keys_timer);
    if (!timer_pending(&m->keys_timer))
        keys_rearm(m, clock_now(&m->clock));
    return 0;
}

void pc_keys_destroy(struct pc *m)
{
    if (m->keys_armed)
        timer_destroy(&m->keys_timer);
    for (size_t i = 0; i < m->keys_count; i++)
        free(m->keys[i].text);
    free(m->keys);
}

void pc_key(struct pc *m, unsigned key, bool down)
{
    if (m->kbd && key < T86_KEY_COUNT)
        ps2kbd_key(m->kbd, (enum t86_key)key, down);
}

void pc_mouse(struct pc *m, int dx, int dy, int dz, unsigned buttons)
{
    if (m->mouse)
        ps2mouse_move(m->mouse, dx, dy, dz,
                      buttons & (PS2MOUSE_LEFT | PS2MOUSE_RIGHT | PS2MOUSE_MIDDLE));
}
