; test-roms/alu.asm - integer ALU family: ADD/ADC/SUB/SBB/AND/OR/XOR/CMP/
; INC/DEC/NEG/NOT/TEST at 8, 16 and 32 bits, register and memory forms.
; Each case checks the result and the architecturally defined status
; flags (read through PUSHFD); AF is not checked for the logical ops
; (undefined there).  Expected values derived from the Intel SDM vol. 2.
%include "lib.inc"

; BIN name, size(b/w/d), pre, op, a, b, result, mask, flags
%macro BIN 9
%ifidn %2, b
        mov     al, %5
        mov     bl, %6
        %3
        %4      al, bl
        CHKF    {%1, " flags"}, %8, %9
        CHKB    {%1, " res"}, al, %7
%elifidn %2, w
        mov     ax, %5
        mov     bx, %6
        %3
        %4      ax, bx
        CHKF    {%1, " flags"}, %8, %9
        CHKW    {%1, " res"}, ax, %7
%else
        mov     eax, %5
        mov     ebx, %6
        %3
        %4      eax, ebx
        CHKF    {%1, " flags"}, %8, %9
        CHKD    {%1, " res"}, eax, %7
%endif
%endmacro

; UN name, size, pre, op, a, result, mask, flags
%macro UN 8
%ifidn %2, b
        mov     al, %5
        %3
        %4      al
        CHKF    {%1, " flags"}, %7, %8
        CHKB    {%1, " res"}, al, %6
%elifidn %2, w
        mov     ax, %5
        %3
        %4      ax
        CHKF    {%1, " flags"}, %7, %8
        CHKW    {%1, " res"}, ax, %6
%else
        mov     eax, %5
        %3
        %4      eax
        CHKF    {%1, " flags"}, %7, %8
        CHKD    {%1, " res"}, eax, %6
%endif
%endmacro

main:
; ---- 8-bit ----
        BIN "add8 7F+01", b, nop, add, 0x7F, 0x01, 0x80, F_ARITH, F_OF|F_SF|F_AF
        BIN "add8 FF+01", b, nop, add, 0xFF, 0x01, 0x00, F_ARITH, F_CF|F_PF|F_AF|F_ZF
        BIN "add8 80+80", b, nop, add, 0x80, 0x80, 0x00, F_ARITH, F_CF|F_PF|F_ZF|F_OF
        BIN "adc8 FF+00+1", b, stc, adc, 0xFF, 0x00, 0x00, F_ARITH, F_CF|F_PF|F_AF|F_ZF
        BIN "adc8 12+34+0", b, clc, adc, 0x12, 0x34, 0x46, F_ARITH, 0
        BIN "sub8 00-01", b, nop, sub, 0x00, 0x01, 0xFF, F_ARITH, F_CF|F_PF|F_AF|F_SF
        BIN "sub8 80-01", b, nop, sub, 0x80, 0x01, 0x7F, F_ARITH, F_OF|F_AF
        BIN "sbb8 05-05-1", b, stc, sbb, 0x05, 0x05, 0xFF, F_ARITH, F_CF|F_PF|F_AF|F_SF
        BIN "sbb8 7F-FF-0", b, clc, sbb, 0x7F, 0xFF, 0x80, F_ARITH, F_CF|F_OF|F_SF
        BIN "cmp8 10-20", b, nop, cmp, 0x10, 0x20, 0x10, F_ARITH, F_CF|F_PF|F_SF
        BIN "cmp8 42-42", b, nop, cmp, 0x42, 0x42, 0x42, F_ARITH, F_ZF|F_PF
        BIN "and8 F0&3C", b, stc, and, 0xF0, 0x3C, 0x30, F_LOGIC, F_PF
        BIN "or8 80|01", b, stc, or, 0x80, 0x01, 0x81, F_LOGIC, F_SF|F_PF
        BIN "xor8 AA^AA", b, stc, xor, 0xAA, 0xAA, 0x00, F_LOGIC, F_ZF|F_PF
        BIN "test8 80&80", b, stc, test, 0x80, 0x80, 0x80, F_LOGIC, F_SF
        UN  "inc8 FF cf=1", b, stc, inc, 0xFF, 0x00, F_ARITH, F_CF|F_ZF|F_PF|F_AF
        UN  "inc8 7F cf=0", b, clc, inc, 0x7F, 0x80, F_ARITH, F_OF|F_SF|F_AF
        UN  "dec8 80 cf=1", b, stc, dec, 0x80, 0x7F, F_ARITH, F_CF|F_OF|F_AF
        UN  "dec8 01 cf=0", b, clc, dec, 0x01, 0x00, F_ARITH, F_ZF|F_PF
        UN  "neg8 00", b, stc, neg, 0x00, 0x00, F_ARITH, F_ZF|F_PF
        UN  "neg8 01", b, clc, neg, 0x01, 0xFF, F_ARITH, F_CF|F_SF|F_PF|F_AF
        UN  "neg8 80", b, clc, neg, 0x80, 0x80, F_ARITH, F_CF|F_OF|F_SF
        ; NOT changes no flags: establish ZF|PF|CF first.
        xor     cx, cx
        stc
        UN  "not8 55", b, nop, not, 0x55, 0xAA, F_ARITH, F_CF|F_ZF|F_PF

; ---- 16-bit ----
        BIN "add16 7FFF+1", w, nop, add, 0x7FFF, 1, 0x8000, F_ARITH, F_OF|F_SF|F_AF|F_PF
        BIN "add16 FFFF+1", w, nop, add, 0xFFFF, 1, 0x0000, F_ARITH, F_CF|F_ZF|F_PF|F_AF
        BIN "adc16 1234+4321+1", w, stc, adc, 0x1234, 0x4321, 0x5556, F_ARITH, F_PF
        BIN "sub16 8000-1", w, nop, sub, 0x8000, 1, 0x7FFF, F_ARITH, F_OF|F_AF|F_PF
        BIN "sbb16 0-0-1", w, stc, sbb, 0, 0, 0xFFFF, F_ARITH, F_CF|F_AF|F_SF|F_PF
        BIN "cmp16 5-5", w, nop, cmp, 5, 5, 5, F_ARITH, F_ZF|F_PF
        BIN "cmp16 7FFF-FFFF", w, nop, cmp, 0x7FFF, 0xFFFF, 0x7FFF, F_ARITH, F_CF|F_OF|F_SF|F_PF
        BIN "and16 FF00&0F0F", w, stc, and, 0xFF00, 0x0F0F, 0x0F00, F_LOGIC, F_PF
        BIN "or16 0|0", w, stc, or, 0, 0, 0, F_LOGIC, F_ZF|F_PF
        BIN "xor16 8000^0001", w, stc, xor, 0x8000, 0x0001, 0x8001, F_LOGIC, F_SF
        BIN "test16 8000&8000", w, stc, test, 0x8000, 0x8000, 0x8000, F_LOGIC, F_SF|F_PF
        UN  "inc16 7FFF", w, clc, inc, 0x7FFF, 0x8000, F_ARITH, F_OF|F_SF|F_AF|F_PF
        UN  "dec16 0000", w, clc, dec, 0x0000, 0xFFFF, F_ARITH, F_SF|F_AF|F_PF
        UN  "neg16 8000", w, clc, neg, 0x8000, 0x8000, F_ARITH, F_CF|F_OF|F_SF|F_PF
        UN  "neg16 0001", w, clc, neg, 0x0001, 0xFFFF, F_ARITH, F_CF|F_SF|F_PF|F_AF
        xor     cx, cx
        clc
        UN  "not16 1234", w, nop, not, 0x1234, 0xEDCB, F_ARITH, F_ZF|F_PF

; ---- 32-bit ----
        BIN "add32 7FFFFFFF+1", d, nop, add, 0x7FFFFFFF, 1, 0x80000000, F_ARITH, F_OF|F_SF|F_AF|F_PF
        BIN "add32 FFFFFFFF+1", d, nop, add, 0xFFFFFFFF, 1, 0, F_ARITH, F_CF|F_ZF|F_PF|F_AF
        BIN "adc32 FFFFFFFF+FFFFFFFF+1", d, stc, adc, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, F_ARITH, F_CF|F_AF|F_SF|F_PF
        BIN "sub32 0-1", d, nop, sub, 0, 1, 0xFFFFFFFF, F_ARITH, F_CF|F_AF|F_SF|F_PF
        BIN "sbb32 80000000-1-0", d, clc, sbb, 0x80000000, 1, 0x7FFFFFFF, F_ARITH, F_OF|F_AF|F_PF
        BIN "sbb32 1-0-1", d, stc, sbb, 1, 0, 0, F_ARITH, F_ZF|F_PF
        BIN "cmp32 1-80000000", d, nop, cmp, 1, 0x80000000, 1, F_ARITH, F_CF|F_OF|F_SF
        BIN "and32 FFFF0000&0F0F0F0F", d, stc, and, 0xFFFF0000, 0x0F0F0F0F, 0x0F0F0000, F_LOGIC, F_PF
        BIN "or32 12340000|5678", d, stc, or, 0x12340000, 0x5678, 0x12345678, F_LOGIC, F_PF
        BIN "xor32 80000000^1", d, stc, xor, 0x80000000, 1, 0x80000001, F_LOGIC, F_SF
        BIN "test32 F0000000&10000000", d, stc, test, 0xF0000000, 0x10000000, 0xF0000000, F_LOGIC, F_PF
        UN  "inc32 FFFFFFFF", d, clc, inc, 0xFFFFFFFF, 0, F_ARITH, F_ZF|F_PF|F_AF
        UN  "dec32 1 cf=1", d, stc, dec, 1, 0, F_ARITH, F_CF|F_ZF|F_PF
        UN  "neg32 1", d, clc, neg, 1, 0xFFFFFFFF, F_ARITH, F_CF|F_SF|F_PF|F_AF
        UN  "neg32 80000000", d, clc, neg, 0x80000000, 0x80000000, F_ARITH, F_CF|F_OF|F_SF|F_PF
        xor     cx, cx
        stc
        UN  "not32 0", d, nop, not, 0, 0xFFFFFFFF, F_ARITH, F_CF|F_ZF|F_PF

; ---- immediate and memory forms ----
        mov     word [es:0x1000], 0x00FF
        add     word [es:0x1000], byte 1       ; sign-extended imm8
        CHKF    "add16 mem+imm8 flags", F_ARITH, F_AF|F_PF
        CHKW    "add16 mem+imm8 res", word [es:0x1000], 0x0100
        mov     byte [es:0x1002], 0x01
        sub     byte [es:0x1002], 2
        CHKF    "sub8 mem-imm flags", F_ARITH, F_CF|F_AF|F_SF|F_PF
        CHKB    "sub8 mem-imm res", byte [es:0x1002], 0xFF
        mov     dword [es:0x1004], 0x80000000
        mov     eax, 0xFFFFFFFF
        add     eax, [es:0x1004]
        CHKF    "add32 reg+mem flags", F_ARITH, F_CF|F_OF|F_PF
        CHKD    "add32 reg+mem res", eax, 0x7FFFFFFF
        mov     ax, 0xFFFF
        and     ax, byte -16                    ; imm8 sign-extended to FFF0
        CHKW    "and16 imm8 sext res", ax, 0xFFF0
        mov     word [es:0x1008], 0xFFFF
        inc     word [es:0x1008]
        CHKF    "inc16 mem flags", F_ARITH & ~F_CF, F_ZF|F_PF|F_AF
        CHKW    "inc16 mem res", word [es:0x1008], 0
        mov     word [es:0x100A], 5
        neg     word [es:0x100A]
        CHKW    "neg16 mem res", word [es:0x100A], 0xFFFB
        mov     al, 0x10
        cmp     al, 0x90                        ; 10-90=80: signed overflow
        CHKF    "cmp8 imm 10-90 flags", F_ARITH, F_CF|F_OF|F_SF
        FINISH

        ROM_END
