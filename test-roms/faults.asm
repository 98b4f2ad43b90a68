; test-roms/faults.asm - processor exceptions in real mode: #UD (vector 6)
; for undefined opcodes and LOCK on a non-lockable instruction, #NM
; (vector 7) for an ESC with CR0.EM=1 or CR0.TS=1 and for WAIT with
; CR0.TS=MP=1, FNSTSW with EM=0 on this FPU-less 486 (memory untouched),
; #GP (vector 13) for a data access crossing DS:FFFF and #SS (vector 12)
; for a BP-based (stack-segment) access crossing SS:FFFF.  Every one is a fault: the
; pushed CS:IP must address the first byte (prefixes included).
;
; qemu-differs: fnstsw without fpu: QEMU's 486 always has an x87, FNSTSW stores the status word
; qemu-differs: gp word read ds:ffff: QEMU TCG does no segment limit checks in real mode
; qemu-differs: gp dword write ds:fffd: QEMU TCG does no segment limit checks in real mode
; qemu-differs: ss word read ss:ffff: QEMU TCG does no segment limit checks in real mode
; qemu-differs: lock mov reg: QEMU 7.2 TCG accepts LOCK on MOV (SDM: #UD for LOCK on a non-lockable instruction)
%include "lib.inc"

main:
        SETVEC  6
        SETVEC  7
        SETVEC  12
        SETVEC  13
; ---- #UD ----
        ARM     .u1
.fu1:   db      0x0F, 0xFF                      ; undefined two-byte opcode
.u1:    CHKEXC  "ud 0f ff", 6, .fu1
        ARM     .u2
.fu2:   db      0x0F, 0x0B                      ; UD2
.u2:    CHKEXC  "ud2", 6, .fu2
        ARM     .u3
.fu3:   db      0xF0, 0x90                      ; LOCK NOP
.u3:    CHKEXC  "lock nop", 6, .fu3
        ARM     .u4
.fu4:   db      0xF0, 0x89, 0xD8                ; LOCK MOV AX,BX
.u4:    CHKEXC  "lock mov reg", 6, .fu4
        ARM     .u5
.fu5:   db      0xF0, 0x01, 0xD8                ; LOCK ADD AX,BX (reg dest)
.u5:    CHKEXC  "lock add reg dest", 6, .fu5
        mov     word [es:0x1000], 1
        ARM     .u6
        lock add word [es:0x1000], 1            ; lockable: no fault
.u6:    CHKB    "lock add mem no fault", byte [ss:EXC_VEC], 0xFF
        CHKW    "lock add mem result", word [es:0x1000], 2
; ---- #NM ----
        mov     eax, cr0
        or      al, 4                           ; EM
        mov     cr0, eax
        ARM     .n1
.fn1:   fninit
.n1:    CHKEXC  "nm esc with em", 7, .fn1
        ARM     .n2
.fn2:   fnstsw  [es:0x1000]
.n2:    CHKEXC  "nm fnstsw with em", 7, .fn2
        mov     eax, cr0
        and     al, ~4
        or      al, 8                           ; TS, MP=0
        mov     cr0, eax
        ARM     .n3
.fn3:   fninit
.n3:    CHKEXC  "nm esc with ts", 7, .fn3
        ARM     .n4
        wait                                    ; TS=1 MP=0: no #NM
.n4:    CHKB    "wait ts mp=0 no fault", byte [ss:EXC_VEC], 0xFF
        mov     eax, cr0
        or      al, 8 | 2                       ; TS, MP
        mov     cr0, eax
        ARM     .n5
.fn5:   wait
.n5:    CHKEXC  "nm wait with ts mp", 7, .fn5
        clts
        mov     eax, cr0
        and     eax, 0x0E
        CHKD    "cr0 after clts", eax, 2
        mov     eax, cr0
        and     al, ~2
        mov     cr0, eax
        ARM     .n6
        wait                                    ; TS=0: no fault
.n6:    CHKB    "wait ts=0 no fault", byte [ss:EXC_VEC], 0xFF
; ---- FNSTSW without an FPU ----
        mov     word [es:0x1000], 0xBEEF
        ARM     .x1
        fnstsw  [es:0x1000]
.x1:    CHKB    "fnstsw without fpu no fault", byte [ss:EXC_VEC], 0xFF
        CHKW    "fnstsw without fpu keeps memory", word [es:0x1000], 0xBEEF
; ---- #GP: data segment limit ----
        push    ds
        xor     ax, ax
        mov     ds, ax
        mov     word [0xFFFE], 0x1234
        mov     ax, [0xFFFE]                    ; last full word: fine
        pop     ds
        CHKW    "word read ds:fffe ok", ax, 0x1234
        push    ds
        xor     ax, ax
        mov     ds, ax
        mov     bx, 0x5555
        ARM     .g1
.fg1:   mov     bx, [0xFFFF]
.g1:    pop     ds
        CHKEXC  "gp word read ds:ffff", 13, .fg1
        CHKW    "gp word read ds:ffff bx kept", bx, 0x5555
        push    ds
        xor     ax, ax
        mov     ds, ax
        ARM     .g2
.fg2:   mov     dword [0xFFFD], 0
.g2:    pop     ds
        CHKEXC  "gp dword write ds:fffd", 13, .fg2
; ---- #SS: stack segment limit ----
        mov     bp, 0xFFFF
        ARM     .s1
.fs1:   mov     ax, [bp]
.s1:    CHKEXC  "ss word read ss:ffff", 12, .fs1
        FINISH

        ROM_END
