; test-roms/control.asm - control-transfer family: near/far CALL, RET, JMP
; (direct, register- and memory-indirect), RET/RETF imm16, LOOP/LOOPE/
; LOOPNE, JCXZ/JECXZ, ENTER/LEAVE with nesting levels 0, 1 and 2, INT n and
; IRET through the IVT (pushed image and IF/TF clearing), INT3, INTO, and
; BOUND (#BR, vector 5, a fault: the pushed IP addresses the BOUND).
; Traps (INT3, INT n, INTO) push the address of the next instruction.
%include "lib.inc"

main:
        SETVEC  3
        SETVEC  4
        SETVEC  5
; ---- near CALL/RET ----
        mov     sp, 0x7000
        call    sub_retaddr
.ra1:   CHKW    "call near direct ret addr", ax, .ra1 - $$
        CHKW    "call near direct sp", sp, 0x7000
        mov     bx, sub_retaddr
        call    bx
.ra2:   CHKW    "call near reg ret addr", ax, .ra2 - $$
        mov     word [es:0x1000], sub_retaddr
        call    word [es:0x1000]
.ra3:   CHKW    "call near mem ret addr", ax, .ra3 - $$
        push    word 0x1111
        push    word 0x2222
        call    sub_ret4
        CHKW    "ret imm16 sp", sp, 0x7000
; ---- far CALL/RET ----
        call    0xF000:far_sub
.ra4:   CHKW    "call far direct ip", ax, .ra4 - $$
        CHKW    "call far direct cs", dx, 0xF000
        CHKW    "call far direct sp", sp, 0x7000
        mov     word [es:0x1004], far_sub
        mov     word [es:0x1006], 0xF000
        call    far [es:0x1004]
.ra5:   CHKW    "call far mem ip", ax, .ra5 - $$
        push    word 0xAAAA
        push    word 0xBBBB
        push    word 0xCCCC
        call    0xF000:far_ret6
        CHKW    "retf imm16 sp", sp, 0x7000
        o32 call dword 0xF000:far_sub32
.ra6:   CHKW    "call far o32 sp", sp, 0x7000
        CHKD    "call far o32 pushed eip", eax, .ra6 - $$
        CHKW    "call far o32 pushed cs", dx, 0xF000
; ---- JMP ----
        mov     ax, 0
        mov     bx, .j1
        jmp     bx
        mov     ax, 0xDEAD
.j1:    CHKW    "jmp near reg", ax, 0
        mov     word [es:0x1000], .j2
        jmp     word [es:0x1000]
        mov     ax, 0xDEAD
.j2:    CHKW    "jmp near mem", ax, 0
        jmp     0xF000:.j3
        mov     ax, 0xDEAD
.j3:    CHKW    "jmp far direct", ax, 0
        mov     word [es:0x1004], .j4
        mov     word [es:0x1006], 0xF000
        jmp     far [es:0x1004]
        mov     ax, 0xDEAD
.j4:    CHKW    "jmp far mem", ax, 0
        CHKW    "jmp far mem cs", cs, 0xF000
; ---- LOOP family, JCXZ ----
        xor     ax, ax
        mov     cx, 5
.l1:    inc     ax
        loop    .l1
        CHKW    "loop 5 iterations", ax, 5
        CHKW    "loop 5 cx", cx, 0
        mov     ecx, 0x00010001
        xor     ax, ax
.l2:    inc     ax
        loop    .l2                             ; a16: only CX counts
        CHKW    "loop a16 iterations", ax, 1
        CHKD    "loop a16 ecx", ecx, 0x00010000
        mov     ecx, 3
        xor     ax, ax
.l2b:   inc     ax
        a32 loop .l2b
        CHKW    "loop a32 iterations", ax, 3
        ; LOOPE: continue while ZF=1
        mov     si, 0
        mov     cx, 10
.l3:    inc     si
        cmp     si, 4
        loopne  .l3                             ; stops when si==4
        CHKW    "loopne stop on zf", si, 4
        CHKW    "loopne cx", cx, 6
        mov     si, 0
        mov     cx, 10
.l4:    inc     si
        cmp     si, si
        cmp     si, 3
        loope   .l4                             ; ZF=0 first pass: stops
        CHKW    "loope stop on nz", si, 1
        CHKW    "loope cx", cx, 9
        mov     cx, 10
        xor     si, si
.l5:    inc     si
        test    si, 0                           ; ZF=1 always
        loope   .l5
        CHKW    "loope to cx=0", si, 10
        xor     ax, ax
        mov     ecx, 0x00010000
        jcxz    .c1
        mov     ax, 1
.c1:    CHKW    "jcxz cx=0 taken", ax, 0
        jecxz   .c2
        mov     ax, 2
.c2:    CHKW    "jecxz ecx!=0 not taken", ax, 2
        mov     cx, 1
        jcxz    .c3
        mov     ax, 3
.c3:    CHKW    "jcxz cx=1 not taken", ax, 3
; ---- ENTER/LEAVE ----
        mov     sp, 0x7000
        mov     bp, 0x6000
        enter   8, 0
        CHKW    "enter 8,0 bp", bp, 0x6FFE
        CHKW    "enter 8,0 sp", sp, 0x6FF6
        CHKW    "enter 8,0 saved bp", word [ss:0x6FFE], 0x6000
        leave
        CHKW    "leave 0 sp", sp, 0x7000
        CHKW    "leave 0 bp", bp, 0x6000
        enter   4, 1
        CHKW    "enter 4,1 bp", bp, 0x6FFE
        CHKW    "enter 4,1 sp", sp, 0x6FF8
        CHKW    "enter 4,1 frame ptr", word [ss:0x6FFC], 0x6FFE
        leave
        CHKW    "leave 1 sp", sp, 0x7000
        CHKW    "leave 1 bp", bp, 0x6000
        mov     word [ss:0x5FFE], 0x7777        ; outer display entry
        enter   0, 2
        CHKW    "enter 0,2 bp", bp, 0x6FFE
        CHKW    "enter 0,2 sp", sp, 0x6FFA
        CHKW    "enter 0,2 display", word [ss:0x6FFC], 0x7777
        CHKW    "enter 0,2 frame ptr", word [ss:0x6FFA], 0x6FFE
        leave
        CHKW    "leave 2 sp", sp, 0x7000
        CHKW    "leave 2 bp", bp, 0x6000
        o32 enter 4, 0
        CHKW    "enter32 4,0 sp", sp, 0x6FF8
        CHKD    "enter32 4,0 saved ebp", dword [ss:0x6FFC], 0x6000
        o32 leave
        CHKW    "leave32 sp", sp, 0x7000
; ---- INT n / IRET ----
        mov     word [ss:0x40*4], int40_handler
        mov     word [ss:0x40*4+2], 0xF000
        mov     sp, 0x7000
        mov     ax, 0x08D5                      ; OF SF ZF AF PF CF
        or      ax, F_IF
        push    ax
        popf
        int     0x40
.i1:    CHKF    "iret restores flags", 0x0FD5 | F_IF, 0x08D5 | F_IF
        cli
        CHKW    "int40 ran", word [ss:0x520], 0x4040
        CHKW    "int40 pushed ip", word [ss:0x522], .i1 - $$
        CHKW    "int40 pushed cs", word [ss:0x524], 0xF000
        CHKW    "int40 pushed flags", word [ss:0x526], 0x08D7 | F_IF
        CHKW    "int40 handler if tf", word [ss:0x528], 0
        CHKW    "int iret sp", sp, 0x7000
; ---- INT3, INT 3, INTO ----
        ARM     .t1
        int3
.t1:    CHKEXC  "int3 cc", 3, .t1
        ARM     .t2
        int     3                               ; CD 03
.t2:    CHKEXC  "int 3 cd03", 3, .t2
        mov     al, 0x7F
        add     al, 1                           ; OF=1
        ARM     .t3
        into
.t3:    CHKEXC  "into of=1", 4, .t3
        mov     al, 1
        add     al, 1                           ; OF=0
        ARM     .t4
        into
.t4:    CHKB    "into of=0 no trap", byte [ss:EXC_VEC], 0xFF
; ---- BOUND ----
        mov     word [es:0x1000], 10
        mov     word [es:0x1002], 20
        mov     ax, 15
        ARM     .b1
        bound   ax, [es:0x1000]
.b1:    CHKB    "bound in range", byte [ss:EXC_VEC], 0xFF
        mov     ax, 20
        ARM     .b2
        bound   ax, [es:0x1000]
.b2:    CHKB    "bound upper inclusive", byte [ss:EXC_VEC], 0xFF
        mov     ax, 21
        ARM     .b3
.fb3:   bound   ax, [es:0x1000]
.b3:    CHKEXC  "bound above #BR", 5, .fb3
        mov     ax, 9
        ARM     .b4
.fb4:   bound   ax, [es:0x1000]
.b4:    CHKEXC  "bound below #BR", 5, .fb4
        mov     word [es:0x1000], -5
        mov     word [es:0x1002], 5
        mov     ax, -3
        ARM     .b5
        bound   ax, [es:0x1000]
.b5:    CHKB    "bound signed in range", byte [ss:EXC_VEC], 0xFF
        mov     dword [es:0x1008], 0x10000
        mov     dword [es:0x100C], 0x20000
        mov     eax, 0x30000
        ARM     .b6
.fb6:   bound   eax, [es:0x1008]
.b6:    CHKEXC  "bound32 above #BR", 5, .fb6
        FINISH

; returns its own return address in AX
sub_retaddr:
        mov     bp, sp
        mov     ax, [bp]
        ret
sub_ret4:
        ret     4
far_sub:
        mov     bp, sp
        mov     ax, [bp]
        mov     dx, [bp+2]
        retf
far_ret6:
        retf    6
far_sub32:
        mov     bp, sp
        mov     eax, [bp]
        mov     dx, [bp+4]
        o32 retf
int40_handler:
        push    bp
        mov     bp, sp
        push    ax
        mov     word [ss:0x520], 0x4040
        mov     ax, [bp+2]
        mov     [ss:0x522], ax
        mov     ax, [bp+4]
        mov     [ss:0x524], ax
        mov     ax, [bp+6]
        mov     [ss:0x526], ax
        pushf
        pop     ax
        and     ax, F_IF | F_TF
        mov     [ss:0x528], ax
        pop     ax
        pop     bp
        iret

        ROM_END
