; test-roms/muldiv.asm - multiply/divide family: MUL, IMUL (one, two and
; three operands), DIV, IDIV at 8/16/32 bits, and the divide error (#DE,
; vector 0) for division by zero, quotient overflow and AAM 0.  #DE is a
; fault: the pushed CS:IP must address the dividing instruction and the
; destination registers must be left unchanged.  Only CF/OF are checked
; after multiplies (SF/ZF/AF/PF undefined); no flags after divides.
%include "lib.inc"

CO equ F_CF|F_OF

main:
        SETVEC  0
; ---- MUL ----
        mov     al, 0x10
        mov     bl, 0x10
        mul     bl
        CHKF    "mul8 10*10 flags", CO, CO
        CHKW    "mul8 10*10 ax", ax, 0x0100
        mov     al, 5
        mov     bl, 6
        mul     bl
        CHKF    "mul8 5*6 flags", CO, 0
        CHKW    "mul8 5*6 ax", ax, 30
        mov     ax, 0x1234
        mov     bx, 0x0100
        mul     bx
        CHKF    "mul16 flags", CO, CO
        CHKW    "mul16 dx", dx, 0x0012
        CHKW    "mul16 ax", ax, 0x3400
        mov     eax, 0xFFFFFFFF
        mov     ebx, 2
        mul     ebx
        CHKF    "mul32 flags", CO, CO
        CHKD    "mul32 edx", edx, 1
        CHKD    "mul32 eax", eax, 0xFFFFFFFE
        mov     dword [es:0x1000], 0x10
        mov     eax, 0x01000000
        mul     dword [es:0x1000]
        CHKF    "mul32 mem flags", CO, 0
        CHKD    "mul32 mem eax", eax, 0x10000000
        CHKD    "mul32 mem edx", edx, 0
; ---- IMUL one operand ----
        mov     al, -2
        mov     bl, 3
        imul    bl
        CHKF    "imul8 -2*3 flags", CO, 0
        CHKW    "imul8 -2*3 ax", ax, 0xFFFA
        mov     al, 0x40
        mov     bl, 2
        imul    bl
        CHKF    "imul8 40*2 flags", CO, CO
        CHKW    "imul8 40*2 ax", ax, 0x0080
        mov     ax, -1
        mov     bx, -1
        imul    bx
        CHKF    "imul16 -1*-1 flags", CO, 0
        CHKW    "imul16 -1*-1 dx", dx, 0
        CHKW    "imul16 -1*-1 ax", ax, 1
        mov     eax, 0x10000
        mov     ebx, 0x10000
        imul    ebx
        CHKF    "imul32 flags", CO, CO
        CHKD    "imul32 edx", edx, 1
        CHKD    "imul32 eax", eax, 0
        mov     eax, -3
        mov     ebx, 0x7FFFFFFF
        imul    ebx
        CHKF    "imul32 neg flags", CO, CO
        CHKD    "imul32 neg edx", edx, 0xFFFFFFFE
        CHKD    "imul32 neg eax", eax, 0x80000003
; ---- IMUL two and three operands ----
        mov     cx, 300
        mov     bx, 300
        imul    cx, bx
        CHKF    "imul16 r,r flags", CO, CO
        CHKW    "imul16 r,r res", cx, 0x5F90
        mov     ecx, -7
        mov     ebx, 6
        imul    ecx, ebx
        CHKF    "imul32 r,r flags", CO, 0
        CHKD    "imul32 r,r res", ecx, -42
        mov     bx, 100
        imul    cx, bx, -5
        CHKF    "imul16 r,r,imm8 flags", CO, 0
        CHKW    "imul16 r,r,imm8 res", cx, -500
        mov     dword [es:0x1000], 0x12345
        imul    ecx, [es:0x1000], 0x10000
        CHKF    "imul32 r,m,imm32 flags", CO, CO
        CHKD    "imul32 r,m,imm32 res", ecx, 0x23450000
        mov     word [es:0x1000], 0x4000
        mov     dx, 2
        imul    dx, [es:0x1000]
        CHKF    "imul16 r,m flags", CO, CO
        CHKW    "imul16 r,m res", dx, 0x8000
; ---- DIV ----
        mov     ax, 1000
        mov     bl, 7
        div     bl
        CHKB    "div8 1000/7 quot", al, 142
        CHKB    "div8 1000/7 rem", ah, 6
        mov     dx, 1
        xor     ax, ax
        mov     bx, 3
        div     bx
        CHKW    "div16 10000h/3 quot", ax, 0x5555
        CHKW    "div16 10000h/3 rem", dx, 1
        mov     edx, 1
        xor     eax, eax
        mov     ebx, 0x10
        div     ebx
        CHKD    "div32 quot", eax, 0x10000000
        CHKD    "div32 rem", edx, 0
        mov     edx, 0
        mov     eax, 0xFFFFFFFF
        mov     dword [es:0x1000], 0x10000
        div     dword [es:0x1000]
        CHKD    "div32 mem quot", eax, 0xFFFF
        CHKD    "div32 mem rem", edx, 0xFFFF
; ---- IDIV ----
        mov     ax, -7
        mov     bl, 2
        idiv    bl
        CHKB    "idiv8 -7/2 quot", al, -3
        CHKB    "idiv8 -7/2 rem", ah, -1
        mov     ax, -128
        mov     bl, 1
        idiv    bl
        CHKW    "idiv8 -128/1", ax, 0x0080
        mov     ax, -100
        cwd
        mov     bx, -7
        idiv    bx
        CHKW    "idiv16 -100/-7 quot", ax, 14
        CHKW    "idiv16 -100/-7 rem", dx, -2
        mov     eax, 100
        cdq
        mov     ecx, -7
        idiv    ecx
        CHKD    "idiv32 100/-7 quot", eax, -14
        CHKD    "idiv32 100/-7 rem", edx, 2
; ---- #DE ----
        mov     ax, 0x1234
        mov     bl, 0
        ARM     .r1
.f1:    div     bl
.r1:    CHKEXC  "div8 by zero #DE", 0, .f1
        CHKW    "div8 by zero ax kept", ax, 0x1234
        mov     ax, 0x1000
        mov     bl, 0x10
        ARM     .r2
.f2:    div     bl
.r2:    CHKEXC  "div8 overflow #DE", 0, .f2
        CHKW    "div8 overflow ax kept", ax, 0x1000
        mov     dx, 5
        mov     ax, 0
        mov     bx, 5
        ARM     .r3
.f3:    div     bx
.r3:    CHKEXC  "div16 overflow #DE", 0, .f3
        mov     edx, 0
        mov     eax, 1
        mov     dword [es:0x1000], 0
        ARM     .r4
.f4:    div     dword [es:0x1000]
.r4:    CHKEXC  "div32 mem by zero #DE", 0, .f4
        CHKD    "div32 mem by zero eax kept", eax, 1
        mov     ax, -128
        mov     bl, -1
        ARM     .r5
.f5:    idiv    bl
.r5:    CHKEXC  "idiv8 -128/-1 #DE", 0, .f5
        mov     ax, 0x0100
        mov     bl, 2
        ARM     .r6
.f6:    idiv    bl                              ; 256/2 = 128 > 127
.r6:    CHKEXC  "idiv8 256/2 #DE", 0, .f6
        mov     edx, 0x80000000
        xor     eax, eax
        mov     ecx, 1
        ARM     .r7
.f7:    idiv    ecx
.r7:    CHKEXC  "idiv32 overflow #DE", 0, .f7
        mov     ax, 0x0042
        ARM     .r8
.f8:    db      0xD4, 0x00                      ; AAM 0
.r8:    CHKEXC  "aam 0 #DE", 0, .f8
        CHKW    "aam 0 ax kept", ax, 0x0042
        mov     ax, 0x1234
        mov     bl, 0
        ARM     .r9
.f9:    es div  bl                              ; prefixed: IP at the prefix
.r9:    CHKEXC  "div8 with prefix #DE", 0, .f9
        CHKW    "de count", word [ss:EXC_NUM], 9
        FINISH

        ROM_END
