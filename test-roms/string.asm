; test-roms/string.asm - string family: MOVS/STOS/LODS/CMPS/SCAS at byte,
; word and dword size, REP/REPE/REPNE termination, DF=1, segment override
; of the source, REP with CX=0, and 16- versus 32-bit address size (the 67h
; prefix switches to ESI/EDI/ECX; without it the upper halves are left
; alone).  All addresses stay below 64 KiB.  Source strings live in the
; ROM (DS=CS); destinations are in RAM at ES=0.
%include "lib.inc"

main:
; ---- MOVS ----
        mov     si, s_hello
        mov     di, 0x1000
        mov     cx, 11
        rep movsb
        CHKW    "rep movsb cx", cx, 0
        CHKW    "rep movsb si", si, s_hello + 11 - $$
        CHKW    "rep movsb di", di, 0x100B
        CHKD    "rep movsb data0", dword [es:0x1000], 0x4C4C4548
        CHKB    "rep movsb data10", byte [es:0x100A], 'D'
        mov     si, s_hello
        mov     di, 0x1100
        mov     cx, 3
        rep movsw
        CHKW    "rep movsw di", di, 0x1106
        CHKW    "rep movsw data4", word [es:0x1104], 'O '
        mov     si, s_hello
        mov     di, 0x1200
        mov     cx, 2
        rep movsd
        CHKW    "rep movsd si", si, s_hello + 8 - $$
        CHKD    "rep movsd data4", dword [es:0x1204], 'O WO'
        std
        mov     si, s_hello + 10
        mov     di, 0x130A
        mov     cx, 11
        rep movsb
        cld
        CHKW    "std rep movsb si", si, s_hello - 1 - $$
        CHKW    "std rep movsb di", di, 0x12FF
        CHKB    "std rep movsb data0", byte [es:0x1300], 'H'
        CHKB    "std rep movsb data10", byte [es:0x130A], 'D'
        ; ES: override of the source, ES:SI -> ES:DI
        mov     si, 0x1000
        mov     di, 0x1400
        es movsw
        CHKW    "es: movsw data", word [es:0x1400], 'HE'
        ; REP with CX=0 does nothing (and changes no flags)
        xor     dx, dx                          ; ZF=PF=1
        mov     si, s_hello
        mov     di, 0x1500
        mov     byte [es:0x1500], 0x77
        xor     cx, cx
        rep movsb
        CHKF    "rep cx=0 flags", F_ZF|F_PF|F_CF, F_ZF|F_PF
        CHKW    "rep cx=0 di", di, 0x1500
        CHKB    "rep cx=0 data", byte [es:0x1500], 0x77
; ---- STOS ----
        mov     dword [es:0x1608], 0
        mov     ax, 0xABCD
        mov     di, 0x1600
        mov     cx, 4
        rep stosw
        CHKW    "rep stosw di", di, 0x1608
        CHKW    "rep stosw last", word [es:0x1606], 0xABCD
        CHKW    "rep stosw beyond", word [es:0x1608], 0
        std
        mov     eax, 0x11223344
        mov     di, 0x1700
        stosd
        cld
        CHKW    "std stosd di", di, 0x16FC
        CHKD    "std stosd data", dword [es:0x1700], 0x11223344
        mov     al, 0x5A
        mov     di, 0x1800
        stosb
        CHKW    "stosb di", di, 0x1801
        CHKB    "stosb data", byte [es:0x1800], 0x5A
; ---- LODS ----
        mov     si, s_hello
        lodsb
        CHKB    "lodsb al", al, 'H'
        lodsw
        CHKW    "lodsw ax", ax, 'EL'
        lodsd
        CHKD    "lodsd eax", eax, 'LO W'
        CHKW    "lods si", si, s_hello + 7 - $$
        std
        lodsw
        cld
        CHKW    "std lodsw ax", ax, 'OR'
        CHKW    "std lodsw si", si, s_hello + 5 - $$
; ---- CMPS ----
        push    es
        push    cs
        pop     es                              ; both strings in ROM
        mov     si, s_abcdef
        mov     di, s_abcxef
        mov     cx, 6
        repe cmpsb
        CHKF    "repe cmpsb flags", F_ZF|F_CF, F_CF
        CHKW    "repe cmpsb cx", cx, 2
        CHKW    "repe cmpsb si", si, s_abcdef + 4 - $$
        CHKW    "repe cmpsb di", di, s_abcxef + 4 - $$
        mov     si, s_abcdef
        mov     di, s_abcdef
        mov     cx, 3
        repe cmpsw
        CHKF    "repe cmpsw equal flags", F_ZF, F_ZF
        CHKW    "repe cmpsw equal cx", cx, 0
        mov     si, s_abcdef
        mov     di, s_abcxef
        mov     cx, 6
        repne cmpsb                             ; stops on first equal
        CHKF    "repne cmpsb flags", F_ZF, F_ZF
        CHKW    "repne cmpsb cx", cx, 5
        mov     si, s_abcxef
        mov     di, s_abcdef
        cmpsd
        CHKF    "cmpsd flags", F_ZF|F_CF|F_SF, 0
        CHKW    "cmpsd di", di, s_abcdef + 4 - $$
; ---- SCAS ----
        mov     al, 'C'
        mov     di, s_abcdef
        mov     cx, 6
        repne scasb
        CHKF    "repne scasb found flags", F_ZF, F_ZF
        CHKW    "repne scasb found cx", cx, 3
        CHKW    "repne scasb found di", di, s_abcdef + 3 - $$
        mov     al, 'Z'
        mov     di, s_abcdef
        mov     cx, 6
        repne scasb
        CHKF    "repne scasb missing flags", F_ZF, 0
        CHKW    "repne scasb missing cx", cx, 0
        CHKW    "repne scasb missing di", di, s_abcdef + 6 - $$
        mov     ax, 'AB'
        mov     di, s_abcdef
        scasw
        CHKF    "scasw flags", F_ZF, F_ZF
        mov     eax, 'ABCD'
        mov     di, s_abcxef
        mov     cx, 2
        repe scasd
        CHKF    "repe scasd flags", F_ZF, 0
        CHKW    "repe scasd cx", cx, 1
        std
        mov     al, 'A'
        mov     di, s_abcdef + 5
        mov     cx, 6
        repne scasb
        cld
        CHKW    "std repne scasb cx", cx, 0
        CHKW    "std repne scasb di", di, s_abcdef - 1 - $$
        pop     es
; ---- address size ----
        mov     esi, 0xABCD0000 + s_hello
        mov     edi, 0x12340000 + 0x1900
        mov     ecx, 0x00010003
        rep movsb                               ; a16: SI/DI/CX only
        CHKD    "a16 rep movsb ecx", ecx, 0x00010000
        CHKD    "a16 rep movsb esi", esi, 0xABCD0000 + s_hello + 3
        CHKD    "a16 rep movsb edi", edi, 0x12341903
        mov     esi, s_hello
        mov     edi, 0x1A00
        mov     ecx, 5
        a32 rep movsb
        CHKD    "a32 rep movsb ecx", ecx, 0
        CHKD    "a32 rep movsb esi", esi, s_hello + 5
        CHKD    "a32 rep movsb edi", edi, 0x1A05
        CHKD    "a32 rep movsb data", dword [es:0x1A01], 'ELLO'
        mov     edi, 0x1B00
        mov     ecx, 3
        mov     eax, 0xCAFEBABE
        a32 rep stosd
        CHKD    "a32 rep stosd edi", edi, 0x1B0C
        CHKD    "a32 rep stosd data", dword [es:0x1B08], 0xCAFEBABE
        std
        mov     esi, s_hello + 4
        a32 lodsd
        cld
        CHKD    "a32 std lodsd esi", esi, s_hello
        CHKD    "a32 std lodsd eax", eax, 'O WO'
        push    es
        push    cs
        pop     es
        mov     esi, s_abcdef
        mov     edi, s_abcxef
        mov     ecx, 3
        a32 repe cmpsw
        pop     es
        CHKD    "a32 repe cmpsw ecx", ecx, 1
        CHKD    "a32 repe cmpsw esi", esi, s_abcdef + 4
        mov     edi, 0x1C00
        mov     dword [es:0x1C00], 0x00000000
        mov     dword [es:0x1C04], 0x00FF0000
        xor     al, al
        mov     ecx, 8
        a32 repe scasb
        CHKD    "a32 repe scasb ecx", ecx, 1
        CHKD    "a32 repe scasb edi", edi, 0x1C07
        FINISH

s_hello:  db "HELLO WORLD"
s_abcdef: db "ABCDEF"
s_abcxef: db "ABCXEF"

        ROM_END
