; test-roms/bits.asm - bit and data-movement family: BT/BTS/BTR/BTC on
; registers and memory (register bit offsets beyond the operand address
; neighbouring and preceding words; immediate offsets are masked), BSF/BSR
; (zero source sets ZF), SETcc for all 16 conditions under several flag
; states, BSWAP, XADD, CMPXCHG (486), MOVZX/MOVSX, CBW/CWDE/CWD/CDQ.
; Only defined flags are checked (CF for BTx, ZF for BSF/BSR).
%include "lib.inc"

; SETALL name, flags-image, want-mask: load flags with POPF, run SETcc for
; all 16 conditions (bit i = condition 0F 90+i) and compare the mask.
%macro SETALL 3
        push    word %2
        popf
        seto    [es:0x1100]
        setno   [es:0x1101]
        setb    [es:0x1102]
        setae   [es:0x1103]
        sete    [es:0x1104]
        setne   [es:0x1105]
        setbe   [es:0x1106]
        seta    [es:0x1107]
        sets    [es:0x1108]
        setns   [es:0x1109]
        setp    [es:0x110A]
        setnp   [es:0x110B]
        setl    [es:0x110C]
        setge   [es:0x110D]
        setle   [es:0x110E]
        setg    [es:0x110F]
        xor     dx, dx
        mov     bx, 15
%%col:  shl     dx, 1
        or      dl, [es:0x1100+bx]
        dec     bx
        jns     %%col
        CHKW    %1, dx, %3
%endmacro

main:
; ---- BT family, register ----
        mov     ax, 0x0008
        bt      ax, 3
        CHKF    "bt16 r,3", F_CF, F_CF
        bt      ax, 19                          ; imm masked to 4 bits -> 3
        CHKF    "bt16 r,imm 19 masked", F_CF, F_CF
        mov     cx, 18
        bt      ax, cx                          ; reg offset mod 16 -> 2
        CHKF    "bt16 r,r 18 masked", F_CF, 0
        xor     eax, eax
        bts     eax, 31
        CHKF    "bts32 r,31 flags", F_CF, 0
        CHKD    "bts32 r,31 res", eax, 0x80000000
        mov     ecx, 63
        btr     eax, ecx
        CHKF    "btr32 r,r 63 flags", F_CF, F_CF
        CHKD    "btr32 r,r 63 res", eax, 0
        mov     bx, 0x0001
        btc     bx, 0
        CHKF    "btc16 1st flags", F_CF, F_CF
        CHKW    "btc16 1st res", bx, 0
        btc     bx, 0
        CHKF    "btc16 2nd flags", F_CF, 0
        CHKW    "btc16 2nd res", bx, 1
; ---- BT family, memory ----
        mov     dword [es:0x0FFC], 0x80000000
        mov     dword [es:0x1000], 0
        mov     dword [es:0x1004], 0
        mov     word [es:0x1002], 0x0002
        mov     cx, 17
        bt      word [es:0x1000], cx            ; word at 1002 bit 1
        CHKF    "bt16 m,r 17", F_CF, F_CF
        mov     cx, -1
        bt      word [es:0x1000], cx            ; word at 0FFE bit 15
        CHKF    "bt16 m,r -1", F_CF, F_CF
        mov     ecx, 35
        bts     dword [es:0x1000], ecx          ; dword at 1004 bit 3
        CHKF    "bts32 m,r 35 flags", F_CF, 0
        CHKD    "bts32 m,r 35 res", dword [es:0x1004], 0x00000008
        CHKW    "bts32 m,r 35 base kept", word [es:0x1000], 0
        mov     ecx, -1
        btr     dword [es:0x1000], ecx          ; dword at 0FFC bit 31
        CHKF    "btr32 m,r -1 flags", F_CF, F_CF
        CHKD    "btr32 m,r -1 res", dword [es:0x0FFC], 0
        btc     word [es:0x1002], 17            ; imm masked: bit 1 of 1002
        CHKF    "btc16 m,imm 17 flags", F_CF, F_CF
        CHKW    "btc16 m,imm 17 res", word [es:0x1002], 0
        mov     word [es:0x1000], 0x0100
        bts     word [es:0x1000], 8
        CHKF    "bts16 m,imm 8 flags", F_CF, F_CF
; ---- BSF/BSR ----
        mov     bx, 0x0100
        bsf     ax, bx
        CHKF    "bsf16 flags", F_ZF, 0
        CHKW    "bsf16 res", ax, 8
        mov     ebx, 0x00F00000
        bsr     eax, ebx
        CHKF    "bsr32 flags", F_ZF, 0
        CHKD    "bsr32 res", eax, 23
        mov     ebx, 0x80000001
        bsf     eax, ebx
        CHKD    "bsf32 bit0", eax, 0
        bsr     eax, ebx
        CHKD    "bsr32 bit31", eax, 31
        mov     word [es:0x1000], 0x8000
        bsf     cx, [es:0x1000]
        CHKW    "bsf16 mem res", cx, 15
        xor     ebx, ebx
        bsf     eax, ebx
        CHKF    "bsf32 zero sets zf", F_ZF, F_ZF
        mov     bx, 1
        cmp     bx, 1
        mov     bx, 0
        bsr     ax, bx
        CHKF    "bsr16 zero sets zf", F_ZF, F_ZF
        mov     bx, 0
        cmp     bx, 1                           ; ZF=0 before
        mov     bx, 4
        bsr     ax, bx
        CHKF    "bsr16 nonzero clears zf", F_ZF, 0
; ---- SETcc ----
        SETALL  "setcc flags=none", 0x0002, 0xAAAA
        SETALL  "setcc flags=C,P,Z,S,O", 0x08C7, 0x6555
        SETALL  "setcc flags=S", 0x0082, 0x59AA
        SETALL  "setcc flags=O,Z", 0x0842, 0x5A59
        SETALL  "setcc flags=C", 0x0003, 0xAA66
        mov     ax, -1
        cmp     ax, 1
        setl    al
        setb    ah
        CHKW    "setl/setb after cmp -1,1", ax, 0x0001
        mov     al, 0x55
        stc
        setc    al
        CHKB    "setc reg", al, 1
; ---- BSWAP ----
        mov     eax, 0x12345678
        bswap   eax
        CHKD    "bswap eax", eax, 0x78563412
        mov     edi, 0xAABBCCDD
        bswap   edi
        CHKD    "bswap edi", edi, 0xDDCCBBAA
; ---- XADD ----
        mov     ax, 5
        mov     bx, 3
        xadd    ax, bx
        CHKW    "xadd16 dest", ax, 8
        CHKW    "xadd16 src", bx, 5
        mov     byte [es:0x1000], 0xFF
        mov     cl, 1
        xadd    [es:0x1000], cl
        CHKF    "xadd8 mem flags", F_ARITH, F_CF|F_ZF|F_PF|F_AF
        CHKB    "xadd8 mem dest", byte [es:0x1000], 0
        CHKB    "xadd8 mem src", cl, 0xFF
        mov     eax, 0x7FFFFFFF
        mov     edx, 1
        xadd    eax, edx
        CHKF    "xadd32 flags", F_ARITH, F_OF|F_SF|F_AF|F_PF
        CHKD    "xadd32 dest", eax, 0x80000000
        CHKD    "xadd32 src", edx, 0x7FFFFFFF
; ---- CMPXCHG ----
        mov     byte [es:0x1000], 5
        mov     al, 5
        mov     cl, 9
        cmpxchg [es:0x1000], cl
        CHKF    "cmpxchg8 equal flags", F_ARITH, F_ZF|F_PF
        CHKB    "cmpxchg8 equal mem", byte [es:0x1000], 9
        CHKB    "cmpxchg8 equal al", al, 5
        mov     al, 4
        mov     cl, 7
        cmpxchg [es:0x1000], cl
        CHKF    "cmpxchg8 differ flags", F_ARITH, F_CF|F_SF|F_AF
        CHKB    "cmpxchg8 differ mem", byte [es:0x1000], 9
        CHKB    "cmpxchg8 differ al", al, 9
        mov     ax, 0x1234
        mov     bx, 0x1234
        mov     cx, 0xBEEF
        cmpxchg bx, cx
        CHKF    "cmpxchg16 equal zf", F_ZF, F_ZF
        CHKW    "cmpxchg16 equal dest", bx, 0xBEEF
        mov     eax, 1
        mov     ebx, 2
        mov     ecx, 3
        cmpxchg ebx, ecx
        CHKF    "cmpxchg32 differ flags", F_ARITH, F_CF|F_SF|F_AF|F_PF
        CHKD    "cmpxchg32 differ eax", eax, 2
        CHKD    "cmpxchg32 differ dest", ebx, 2
; ---- MOVZX/MOVSX and sign extension ----
        mov     bl, 0x80
        movzx   ax, bl
        CHKW    "movzx16 r8", ax, 0x0080
        movsx   ax, bl
        CHKW    "movsx16 r8", ax, 0xFF80
        mov     word [es:0x1000], 0x8001
        movsx   eax, word [es:0x1000]
        CHKD    "movsx32 m16", eax, 0xFFFF8001
        movzx   eax, word [es:0x1000]
        CHKD    "movzx32 m16", eax, 0x00008001
        mov     bl, 0x7F
        movsx   ecx, bl
        CHKD    "movsx32 r8 positive", ecx, 0x7F
        mov     ax, 0x1280
        cbw
        CHKW    "cbw 80", ax, 0xFF80
        mov     ax, 0x807F
        cbw
        CHKW    "cbw 7F", ax, 0x007F
        mov     eax, 0x12348000
        cwde
        CHKD    "cwde 8000", eax, 0xFFFF8000
        mov     dx, 0
        mov     ax, 0x8000
        cwd
        CHKW    "cwd 8000", dx, 0xFFFF
        mov     edx, 0xFFFFFFFF
        mov     eax, 0x7FFFFFFF
        cdq
        CHKD    "cdq 7FFFFFFF", edx, 0
        mov     eax, 0x80000000
        cdq
        CHKD    "cdq 80000000", edx, 0xFFFFFFFF
        FINISH

        ROM_END
