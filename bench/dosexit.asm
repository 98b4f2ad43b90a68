; bench/dosexit.asm - DOSEXIT.COM, the end marker of bench/boot-time.sh.
;
; A DOS .COM program that bench/boot-time.sh appends to a private copy of
; a FreeDOS floppy's AUTOEXEC.BAT.  COMMAND.COM runs AUTOEXEC.BAT just
; before it shows its first prompt, so the moment this program runs is
; the moment the prompt is reached.  It:
;   1. writes MARKER (below) to port 0xE9, the debug console of trap86
;      (-debugcon), QEMU (-debugcon) and Bochs (port_e9_hack);
;   2. writes DEBUG_EXIT_VALUE to port 0xF4: the debug-exit device of
;      trap86 and QEMU's isa-debug-exit, both exit with status
;      (DEBUG_EXIT_VALUE << 1) | 1;
;   3. writes the string "Shutdown" byte by byte to port 0x8900, the
;      Bochs shutdown port;
;   4. if it is still running (no engine exited), returns to DOS.
; The ports are written in this order so that the marker is out before
; any engine can stop; on an engine without a device at a port the write
; is ignored.

bits 16
org 0x100

DEBUG_EXIT_VALUE equ 0x10               ; exit status 33 on trap86 and QEMU

start:
        cld
        mov     si, marker
        mov     dx, 0xE9
        call    out_string
        mov     al, DEBUG_EXIT_VALUE
        out     0xF4, al
        mov     si, shutdown
        mov     dx, 0x8900
        call    out_string
        mov     ax, 0x4C00              ; DOS: terminate, return code 0
        int     0x21

; out_string: write the NUL-terminated string at DS:SI to port DX, one
; byte at a time.  Clobbers AL and SI.
out_string:
        lodsb
        test    al, al
        jz      .done
        out     dx, al
        jmp     out_string
.done:  ret

marker:   db "BOOT-TIME: FreeDOS prompt reached", 13, 10, 0
shutdown: db "Shutdown", 0
