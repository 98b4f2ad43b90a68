; test-roms/shift.asm - shift and rotate family: SHL/SHR/SAR/ROL/ROR/RCL/RCR
; with counts 0, 1, n and beyond the operand width (count masked to 5 bits;
; RCL/RCR then reduced mod 9/17), CF and OF for count 1, and SHLD/SHRD.
; Only architecturally defined flags are checked: OF only for count 1, AF
; never, CF not for SHL/SHR counts >= width.  Expected values from SDM vol. 2.
%include "lib.inc"

SZP equ F_SF|F_ZF|F_PF
SH1 equ F_CF|F_OF|F_SF|F_ZF|F_PF        ; shift by 1: all but AF defined
SHN equ F_CF|F_SF|F_ZF|F_PF             ; shift by n>1
ROT1 equ F_CF|F_OF

; SH name, size(b/w/d), pre, op, a, count(in CL), result, mask, flags
%macro SH 9
        mov     cl, %6
%ifidn %2, b
        mov     al, %5
        %3
        %4      al, cl
        CHKF    {%1, " flags"}, %8, %9
        CHKB    {%1, " res"}, al, %7
%elifidn %2, w
        mov     ax, %5
        %3
        %4      ax, cl
        CHKF    {%1, " flags"}, %8, %9
        CHKW    {%1, " res"}, ax, %7
%else
        mov     eax, %5
        %3
        %4      eax, cl
        CHKF    {%1, " flags"}, %8, %9
        CHKD    {%1, " res"}, eax, %7
%endif
%endmacro

%macro PRESET 0                 ; flags := CF|ZF|PF (SF=OF=0)
        xor     dx, dx
        stc
%endmacro

main:
; ---- SHL/SAL ----
        SH "shl8 81 by 1", b, nop, shl, 0x81, 1, 0x02, SH1, F_CF|F_OF
        SH "shl8 40 by 1", b, nop, shl, 0x40, 1, 0x80, SH1, F_OF|F_SF
        SH "shl8 1F by 4", b, nop, shl, 0x1F, 4, 0xF0, SHN, F_CF|F_SF|F_PF
        SH "shl8 by 0 keeps flags", b, PRESET, shl, 0x81, 0, 0x81, SH1, F_CF|F_ZF|F_PF
        SH "shl8 by 32 masked to 0", b, PRESET, shl, 0x81, 32, 0x81, SH1, F_CF|F_ZF|F_PF
        SH "shl16 by 16", w, nop, shl, 0xFFFF, 16, 0x0000, SZP, F_ZF|F_PF
        SH "shl16 by 17", w, nop, shl, 0xFFFF, 17, 0x0000, SZP, F_ZF|F_PF
        SH "shl32 by 33 masked to 1", d, nop, shl, 0x40000000, 33, 0x80000000, SH1, F_OF|F_SF|F_PF
        SH "shl32 by 31", d, nop, shl, 3, 31, 0x80000000, SHN, F_CF|F_SF|F_PF
        mov     al, 0x03
        shl     al, 1                           ; D0 /4 form
        CHKF    "shl8 D0 form flags", SH1, F_PF
        CHKB    "shl8 D0 form res", al, 0x06
        mov     word [es:0x1000], 0x0101
        shl     word [es:0x1000], 7             ; C1 /4 ib, memory
        CHKF    "shl16 mem by 7 flags", SHN, F_SF
        CHKW    "shl16 mem by 7 res", word [es:0x1000], 0x8080
; ---- SHR ----
        SH "shr8 81 by 1", b, nop, shr, 0x81, 1, 0x40, SH1, F_CF|F_OF
        SH "shr8 01 by 1", b, nop, shr, 0x01, 1, 0x00, SH1, F_CF|F_ZF|F_PF
        SH "shr16 1234 by 8", w, nop, shr, 0x1234, 8, 0x0012, SHN, F_PF
        SH "shr8 FF by 9", b, nop, shr, 0xFF, 9, 0x00, SZP, F_ZF|F_PF
        SH "shr32 by 36 masked to 4", d, nop, shr, 0x8000000F, 36, 0x08000000, SHN, F_CF|F_PF
        SH "shr16 by 0 keeps flags", w, PRESET, shr, 0x1234, 0, 0x1234, SH1, F_CF|F_ZF|F_PF
; ---- SAR ----
        SH "sar8 81 by 1", b, nop, sar, 0x81, 1, 0xC0, SH1, F_CF|F_SF|F_PF
        SH "sar8 7F by 1", b, nop, sar, 0x7F, 1, 0x3F, SH1, F_CF|F_PF
        SH "sar16 8000 by 15", w, nop, sar, 0x8000, 15, 0xFFFF, SHN, F_SF|F_PF
        SH "sar8 80 by 9", b, nop, sar, 0x80, 9, 0xFF, SZP, F_SF|F_PF
        SH "sar32 by 31", d, nop, sar, 0x40000000, 31, 0x00000000, SHN, F_CF|F_ZF|F_PF
; ---- ROL/ROR ----
        SH "rol8 81 by 1", b, nop, rol, 0x81, 1, 0x03, ROT1, F_CF|F_OF
        SH "rol8 40 by 1", b, stc, rol, 0x40, 1, 0x80, ROT1, F_OF
        SH "rol16 1234 by 4", w, nop, rol, 0x1234, 4, 0x2341, F_CF, F_CF
        SH "rol8 81 by 9", b, nop, rol, 0x81, 9, 0x03, F_CF, F_CF
        SH "rol8 by 0 keeps flags", b, PRESET, rol, 0x80, 0, 0x80, SH1, F_CF|F_ZF|F_PF
        SH "rol32 by 32 masked to 0", d, PRESET, rol, 0x12345678, 32, 0x12345678, SH1, F_CF|F_ZF|F_PF
        SH "ror8 01 by 1", b, nop, ror, 0x01, 1, 0x80, ROT1, F_CF|F_OF
        SH "ror8 02 by 1", b, stc, ror, 0x02, 1, 0x01, ROT1, 0
        SH "ror32 by 8", d, stc, ror, 0x12345678, 8, 0x78123456, F_CF, 0
        SH "ror16 by 20", w, nop, ror, 0x0001, 20, 0x1000, F_CF, 0
        ; rotates touch only CF/OF: ZF|PF from PRESET must survive
        SH "rol8 keeps szp", b, PRESET, rol, 0x81, 1, 0x03, SZP, F_ZF|F_PF
; ---- RCL/RCR ----
        SH "rcl8 80 by 1 cf=1", b, stc, rcl, 0x80, 1, 0x01, ROT1, F_CF|F_OF
        SH "rcl8 40 by 1 cf=0", b, clc, rcl, 0x40, 1, 0x80, ROT1, F_OF
        SH "rcl16 8001 by 3 cf=1", w, stc, rcl, 0x8001, 3, 0x000E, F_CF, 0
        SH "rcl8 by 9 is identity", b, stc, rcl, 0x5A, 9, 0x5A, F_CF, F_CF
        SH "rcl16 by 17 is identity", w, clc, rcl, 0x8000, 17, 0x8000, F_CF, 0
        SH "rcl8 by 10 is by 1", b, clc, rcl, 0x80, 10, 0x00, F_CF, F_CF
        SH "rcl32 by 33 masked to 1", d, stc, rcl, 0x80000000, 33, 0x00000001, ROT1, F_CF|F_OF
        SH "rcr8 01 by 1 cf=1", b, stc, rcr, 0x01, 1, 0x80, ROT1, F_CF|F_OF
        SH "rcr8 01 by 1 cf=0", b, clc, rcr, 0x01, 1, 0x00, ROT1, F_CF
        SH "rcr32 0F by 4 cf=0", d, clc, rcr, 0x0000000F, 4, 0xE0000000, F_CF, F_CF
        SH "rcr16 by 18 is by 1", w, stc, rcr, 0x0002, 18, 0x8001, F_CF, 0
        SH "rcr8 by 0 keeps flags", b, PRESET, rcr, 0x01, 0, 0x01, SH1, F_CF|F_ZF|F_PF

; ---- SHLD/SHRD ----
        mov     ax, 0x1234
        mov     bx, 0xABCD
        shld    ax, bx, 4
        CHKF    "shld16 by 4 flags", SHN, F_CF
        CHKW    "shld16 by 4 res", ax, 0x234A
        mov     ax, 0x4000
        mov     bx, 0x8000
        shld    ax, bx, 1
        CHKF    "shld16 by 1 flags", SH1, F_OF|F_SF
        CHKW    "shld16 by 1 res", ax, 0x8001
        mov     eax, 0x12345678
        mov     ebx, 0x9ABCDEF0
        mov     cl, 36
        shld    eax, ebx, cl
        CHKF    "shld32 by cl=36 flags", SHN, F_CF
        CHKD    "shld32 by cl=36 res", eax, 0x23456789
        mov     eax, 0x12345678
        mov     ebx, 0xAABBCCDD
        shrd    eax, ebx, 8
        CHKF    "shrd32 by 8 flags", SHN, F_SF|F_PF
        CHKD    "shrd32 by 8 res", eax, 0xDD123456
        mov     eax, 0x00000001
        mov     ebx, 0x00000000
        shrd    eax, ebx, 1
        CHKF    "shrd32 by 1 flags", SH1, F_CF|F_ZF|F_PF
        CHKD    "shrd32 by 1 res", eax, 0
        mov     word [es:0x1000], 0x1234
        mov     bx, 0x000F
        mov     cl, 4
        shrd    word [es:0x1000], bx, cl
        CHKF    "shrd16 mem by 4 flags", SHN, F_SF
        CHKW    "shrd16 mem by 4 res", word [es:0x1000], 0xF123
        PRESET
        mov     eax, 0x11111111
        mov     ebx, 0x22222222
        mov     cl, 32
        shrd    eax, ebx, cl
        CHKF    "shrd32 by 32 masked to 0 flags", SH1, F_CF|F_ZF|F_PF
        CHKD    "shrd32 by 32 masked to 0 res", eax, 0x11111111
        FINISH

        ROM_END
