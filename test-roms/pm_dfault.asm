; test-roms/pm_dfault.asm - exception classes while delivering an exception
; (SDM Vol. 3A 6.15, "Interrupt 8 - Double Fault"): a benign #UD whose IDT
; gate is not present is followed by #NP(6*8+2) handled serially; a #GP
; (contributory) whose gate is not present raises #NP (contributory) while
; delivering, which becomes #DF with error code 0; with the #DF gate not
; present as well, the next #NP during #DF delivery is a triple fault: the
; CPU shuts down and the board resets.  The ROM then runs again from the
; reset vector, finds its RAM marker (RAM survives the reset), restores the
; counters of the first run and finishes.  Runs WITHOUT -no-reboot (see
; TEST_ROMS_REBOOT in CMakeLists.txt); QEMU resets too.
; qemu-differs: ud with gate not present gives np error: QEMU 7.2 leaves the EXT bit (bit 0) clear when a not-present IDT gate is hit while delivering an exception; SDM Vol. 3A 6.13 sets EXT for faults during delivery of an earlier exception (0x33)
%include "lib32.inc"

MARKER     equ 0x700            ; dword: 'TRIP' once the triple fault is armed
SAVED_PASS equ 0x704
SAVED_FAIL equ 0x706

main:
        cmp     dword [es:MARKER], 'TRIP'
        je      second_run
        PM_ENTER
; ---- benign then contributory: handled serially ----
        and     byte [IDT_ADDR+6*8+5], 0x7F     ; #UD gate not present
        ARM32   .r1
.f1:    ud2
.r1:    CHKEXC32 "ud with gate not present gives np", 11, 6*8+2+1, .f1
        or      byte [IDT_ADDR+6*8+5], 0x80
; ---- contributory then contributory: double fault ----
        and     byte [IDT_ADDR+13*8+5], 0x7F    ; #GP gate not present
        ARM32   .r2
        mov     dword [EXC32_NUM], 0
        mov     ax, GDT_LIMIT+1
.f2:    mov     ds, ax
.r2:    CHKB32  "gp then np gives df vector", byte [EXC32_VEC], 8
        CHKD32  "gp then np gives df error 0", dword [EXC32_ERR], 0
        CHKD32  "df counted once", dword [EXC32_NUM], 1
        ARM32   .r3
        mov     ax, SEL_NOTP
.f3:    mov     ds, ax
.r3:    CHKEXC32 "np with gp gate missing is plain np", 11, SEL_NOTP, .f3
        or      byte [IDT_ADDR+13*8+5], 0x80
        ARM32   .r4
        mov     ax, GDT_LIMIT+1
.f4:    mov     ds, ax
.r4:    CHKEXC32 "gp gate restored", 13, GDT_LIMIT+1, .f4
; ---- triple fault ----
        mov     ax, [PASS_CNT]
        mov     [SAVED_PASS], ax
        mov     ax, [FAIL_CNT]
        mov     [SAVED_FAIL], ax
        mov     dword [MARKER], 'TRIP'
        mov     esi, s_triple
        call    lib32_puts
        and     byte [IDT_ADDR+13*8+5], 0x7F
        and     byte [IDT_ADDR+8*8+5], 0x7F
        mov     ax, GDT_LIMIT+1
        mov     ds, ax                          ; #GP -> #NP -> #DF -> #NP: shutdown
        mov     esi, s_survived
        call    lib32_puts
        FINISH32

s_triple:   db "triple fault next: expecting a reset", 10, 0
s_survived: db "FAIL triple fault did not reset", 10, 0

bits 16
second_run:
        mov     dword [es:MARKER], 0
        mov     ax, [es:SAVED_PASS]
        mov     [es:PASS_CNT], ax
        mov     ax, [es:SAVED_FAIL]
        mov     [es:FAIL_CNT], ax
        smsw    ax
        and     ax, 1
        CHKW    "after triple fault reset in real mode", ax, 0
        CHKW    "after triple fault cs:ip from reset vector", cs, 0xF000
        FINISH

        ROM_END
