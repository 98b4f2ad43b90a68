; test-roms/stack.asm - stack family: PUSH/POP of registers, memory,
; segment registers and immediates (16- and 32-bit operand size, imm8
; sign extension), PUSHA/POPA and PUSHAD/POPAD (frame layout, SP not
; reloaded), PUSHF/POPF (real-mode writable bits of FLAGS/EFLAGS), the
; value PUSH SP stores (SP before the decrement on the 286 and later) and
; POP SP.
%include "lib.inc"

main:
        mov     sp, 0x7000
; ---- register, immediate, memory ----
        mov     ax, 0x1234
        push    ax
        CHKW    "push ax sp", sp, 0x6FFE
        CHKW    "push ax mem", word [ss:0x6FFE], 0x1234
        pop     bx
        CHKW    "pop bx", bx, 0x1234
        CHKW    "pop bx sp", sp, 0x7000
        mov     eax, 0xDEADBEEF
        push    eax
        CHKW    "push eax sp", sp, 0x6FFC
        pop     ecx
        CHKD    "pop ecx", ecx, 0xDEADBEEF
        push    word 0xA55A
        pop     ax
        CHKW    "push imm16", ax, 0xA55A
        push    byte -2
        CHKW    "push imm8 sp", sp, 0x6FFE
        pop     ax
        CHKW    "push imm8 sign extended", ax, 0xFFFE
        o32 push byte -2                        ; 66 6A FE
        CHKW    "push o32 imm8 sp", sp, 0x6FFC
        pop     eax
        CHKD    "push o32 imm8 sign extended", eax, 0xFFFFFFFE
        push    dword 0x12345678
        pop     eax
        CHKD    "push imm32", eax, 0x12345678
        mov     word [es:0x1000], 0xCAFE
        push    word [es:0x1000]
        pop     word [es:0x1002]
        CHKW    "push/pop mem16", word [es:0x1002], 0xCAFE
        mov     dword [es:0x1004], 0x01020304
        push    dword [es:0x1004]
        pop     dword [es:0x1008]
        CHKD    "push/pop mem32", dword [es:0x1008], 0x01020304
        CHKW    "push/pop mem sp", sp, 0x7000
; ---- segment registers ----
        push    cs
        pop     ax
        CHKW    "push cs", ax, 0xF000
        push    ss
        pop     ax
        CHKW    "push ss", ax, 0
        mov     ax, 0x1234
        mov     fs, ax
        push    fs
        pop     gs
        mov     ax, gs
        CHKW    "push fs pop gs", ax, 0x1234
        push    ds
        push    es
        pop     ds
        mov     ax, ds
        pop     ds
        CHKW    "push es pop ds", ax, 0
        o32 push cs
        CHKW    "push o32 cs sp", sp, 0x6FFC
        CHKW    "push o32 cs low word", word [ss:0x6FFC], 0xF000
        o32 pop fs                              ; reads 4 bytes, low word used
        CHKW    "pop o32 fs sp", sp, 0x7000
        mov     ax, fs
        CHKW    "pop o32 fs", ax, 0xF000
; ---- PUSH SP / POP SP ----
        push    sp
        pop     ax
        CHKW    "push sp pushes old sp", ax, 0x7000
        o32 push esp
        pop     eax
        CHKD    "push esp pushes old esp", eax, 0x7000
        push    word 0x6F00
        pop     sp
        CHKW    "pop sp loads value", sp, 0x6F00
        mov     sp, 0x7000
; ---- PUSHA/POPA ----
        mov     ax, 0x1111
        mov     cx, 0x2222
        mov     dx, 0x3333
        mov     bx, 0x4444
        mov     bp, 0x5555
        mov     si, 0x6666
        mov     di, 0x7777
        pusha
        CHKW    "pusha sp", sp, 0x7000 - 16
        CHKW    "pusha ax slot", word [ss:0x7000-2], 0x1111
        CHKW    "pusha cx slot", word [ss:0x7000-4], 0x2222
        CHKW    "pusha dx slot", word [ss:0x7000-6], 0x3333
        CHKW    "pusha bx slot", word [ss:0x7000-8], 0x4444
        CHKW    "pusha sp slot", word [ss:0x7000-10], 0x7000
        CHKW    "pusha bp slot", word [ss:0x7000-12], 0x5555
        CHKW    "pusha si slot", word [ss:0x7000-14], 0x6666
        CHKW    "pusha di slot", word [ss:0x7000-16], 0x7777
        mov     word [ss:0x7000-10], 0x0100     ; popa must ignore this
        xor     ax, ax
        mov     cx, ax
        mov     dx, ax
        mov     bx, ax
        mov     bp, ax
        mov     si, ax
        mov     di, ax
        popa
        CHKW    "popa sp", sp, 0x7000
        CHKW    "popa ax", ax, 0x1111
        CHKW    "popa bx", bx, 0x4444
        CHKW    "popa bp", bp, 0x5555
        CHKW    "popa di", di, 0x7777
        mov     eax, 0xA0000001
        mov     ecx, 0xA0000002
        mov     edx, 0xA0000003
        mov     ebx, 0xA0000004
        mov     ebp, 0xA0000006
        mov     esi, 0xA0000007
        mov     edi, 0xA0000008
        pushad
        CHKW    "pushad sp", sp, 0x7000 - 32
        CHKD    "pushad eax slot", dword [ss:0x7000-4], 0xA0000001
        CHKD    "pushad esp slot", dword [ss:0x7000-20], 0x7000
        CHKD    "pushad edi slot", dword [ss:0x7000-32], 0xA0000008
        mov     dword [ss:0x7000-20], 0x0100
        xor     eax, eax
        mov     ebx, eax
        mov     edi, eax
        popad
        CHKW    "popad sp", sp, 0x7000
        CHKD    "popad eax", eax, 0xA0000001
        CHKD    "popad ebx", ebx, 0xA0000004
        CHKD    "popad edi", edi, 0xA0000008
; ---- PUSHF/POPF ----
        push    word 0x0000
        popf
        pushf
        pop     ax
        CHKW    "popf 0000 reads back", ax, 0x0002
        push    word 0xFEFF                     ; all but TF
        popf
        pushf
        pop     ax
        push    word 0x0002
        popf
        CHKW    "popf FEFF reads back", ax, 0x7ED7
        CHKW    "pushf sp", sp, 0x7000
        push    dword 0x00040002                ; AC (486)
        popfd
        pushfd
        pop     eax
        push    dword 0x00000002
        popfd
        CHKD    "popfd ac reads back", eax, 0x00040002
        push    dword 0x00030002                ; VM, RF: not set by POPFD
        popfd
        pushfd
        pop     eax
        CHKD    "popfd vm rf ignored", eax, 0x00000002
        FINISH

        ROM_END
