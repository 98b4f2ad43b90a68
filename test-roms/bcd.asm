; test-roms/bcd.asm - decimal-adjust family: DAA, DAS, AAA, AAS, AAM, AAD
; (including the non-10 immediate forms of AAM/AAD).  Checked flags are
; the defined ones: DAA/DAS CF AF SF ZF PF; AAA/AAS CF AF; AAM/AAD SF ZF
; PF.  AAA/AAS cases avoid the AL wrap cases where the 486 and later
; CPUs' "AX+106h"/"AX-6" formulations differ.  Expected values: SDM vol. 2.
%include "lib.inc"

DAF equ F_CF|F_AF|F_SF|F_ZF|F_PF
AAF equ F_CF|F_AF
SZP equ F_SF|F_ZF|F_PF

; ADJ name, setup-op, a, b, adjust-op, want-ax(or al), mask, flags
%macro ADJ8 8                   ; checks AL
        mov     al, %3
        %2      al, %4
        %5
        CHKF    {%1, " flags"}, %7, %8
        CHKB    {%1, " al"}, al, %6
%endmacro
%macro ADJ16 8                  ; checks AX
        mov     ax, %3
        %2      al, %4
        %5
        CHKF    {%1, " flags"}, %7, %8
        CHKW    {%1, " ax"}, ax, %6
%endmacro

main:
; ---- DAA ----
        ADJ8 "daa 38+45", add, 0x38, 0x45, daa, 0x83, DAF, F_AF|F_SF
        ADJ8 "daa 99+01", add, 0x99, 0x01, daa, 0x00, DAF, F_CF|F_AF|F_ZF|F_PF
        ADJ8 "daa 88+88", add, 0x88, 0x88, daa, 0x76, DAF, F_CF|F_AF
        ADJ8 "daa 12+00", add, 0x12, 0x00, daa, 0x12, DAF, F_PF
        ADJ8 "daa 50+50", add, 0x50, 0x50, daa, 0x00, DAF, F_CF|F_ZF|F_PF
        ADJ8 "daa 09+01", add, 0x09, 0x01, daa, 0x10, DAF, F_AF
; ---- DAS ----
        ADJ8 "das 35-47", sub, 0x35, 0x47, das, 0x88, DAF, F_CF|F_AF|F_SF|F_PF
        ADJ8 "das 50-01", sub, 0x50, 0x01, das, 0x49, DAF, F_AF
        ADJ8 "das 00-00", sub, 0x00, 0x00, das, 0x00, DAF, F_ZF|F_PF
        ADJ8 "das 10-20", sub, 0x10, 0x20, das, 0x90, DAF, F_CF|F_SF|F_PF
; ---- AAA ----
        ADJ16 "aaa 09+08", add, 0x0009, 0x08, aaa, 0x0107, AAF, F_CF|F_AF
        ADJ16 "aaa 0105+04", add, 0x0105, 0x04, aaa, 0x0109, AAF, 0
        ADJ16 "aaa 0B+00", add, 0x000B, 0x00, aaa, 0x0101, AAF, F_CF|F_AF
        ADJ16 "aaa 3x high nibble cleared", add, 0x0235, 0x01, aaa, 0x0206, AAF, 0
; ---- AAS ----
        ADJ16 "aas 0208-09", sub, 0x0208, 0x09, aas, 0x0109, AAF, F_CF|F_AF
        ADJ16 "aas 0307-02", sub, 0x0307, 0x02, aas, 0x0305, AAF, 0
        ADJ16 "aas 050C-00", sub, 0x050C, 0x00, aas, 0x0406, AAF, F_CF|F_AF
; ---- AAM ----
        mov     ax, 0x003F
        aam
        CHKF    "aam 63 flags", SZP, F_PF
        CHKW    "aam 63 ax", ax, 0x0603
        mov     ax, 0x0050
        aam
        CHKF    "aam 80 flags", SZP, F_ZF|F_PF
        CHKW    "aam 80 ax", ax, 0x0800
        mov     ax, 0x00FF
        db      0xD4, 0x10                      ; AAM 16
        CHKF    "aam16 FF flags", SZP, F_PF
        CHKW    "aam16 FF ax", ax, 0x0F0F
        mov     ax, 0x00C8
        db      0xD4, 0x03                      ; AAM 3: 200 = 66*3+2
        CHKW    "aam3 200 ax", ax, 0x4202
; ---- AAD ----
        mov     ax, 0x0607
        aad
        CHKF    "aad 0607 flags", SZP, 0
        CHKW    "aad 0607 ax", ax, 0x0043
        mov     ax, 0x1906
        aad
        CHKF    "aad 1906 flags", SZP, F_ZF|F_PF
        CHKW    "aad 1906 ax", ax, 0x0000
        mov     ax, 0x0F0F
        db      0xD5, 0x10                      ; AAD 16
        CHKF    "aad16 0F0F flags", SZP, F_SF|F_PF
        CHKW    "aad16 0F0F ax", ax, 0x00FF
        FINISH

        ROM_END
