/*
 * board/pc_bochs.c - the Bochs BIOS and VGA BIOS firmware ports on the PC
 * (devices/bochs_ports.h): message lines go to the log under -d firmware
 * ("bochs-bios: ...", "vgabios: ..."), a BIOS panic is also logged under
 * -d guest_errors, and "Shutdown" at port 0x8900 ends the emulator with
 * status 0 the way the debug-exit device does (pc_request_exit).
 *
 * Invariant: the ports exist on every PC (they are unused by SeaBIOS and
 * by our own ROMs, and harmless to them); nothing here stops the guest
 * except the shutdown request.
 */
#include "devices/bochs_ports.h"
#include "pc_internal.h"

static void pc_bochs_line(void *opaque, enum bochs_source src, const char *text)
{
    struct pc *m = opaque;
    board_log(&m->log, CPU_LOG_FIRMWARE, "%s: %s", bochs_source_name(src), text);
}

static void pc_bochs_panic(void *opaque, int line)
{
    struct pc *m = opaque;
    if (line >= 0)
        board_log(&m->log, CPU_LOG_GUEST_ERRORS, "Bochs BIOS panic at rombios.c line %d", line);
    else
        board_log(&m->log, CPU_LOG_GUEST_ERRORS, "Bochs BIOS panic (its message follows)");
}

static void pc_bochs_shutdown(void *opaque)
{
    struct pc *m = opaque;
    board_log(&m->log, CPU_LOG_FIRMWARE, "bochs-bios: shutdown requested at port 0x8900");
    pc_request_exit(m, 0);
}

bool pc_bochs_create(struct pc *m)
{
    struct bochs_ports_wiring w = {pc_bochs_line, pc_bochs_panic, pc_bochs_shutdown, m};
    m->bochs = bochs_ports_create(m->io, &w);
    return m->bochs != NULL;
}

void pc_bochs_destroy(struct pc *m)
{
    bochs_ports_flush(m->bochs);
    bochs_ports_destroy(m->bochs);
}
