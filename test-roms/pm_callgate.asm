; test-roms/pm_callgate.asm - far CALL/JMP through call gates (SDM Vol. 3,
; 5.8.3 "Call Gates", 5.8.4 "Accessing a Code Segment Through a Call Gate",
; 5.8.5 "Stack Switching", 5.8.6 "Returning from a Called Procedure"; Vol. 2
; CALL, JMP, RET Operation): a 32-bit gate from ring 3 to ring-0 code
; (stack from TSS.SS0:ESP0, old SS:ESP, copied parameters in order, CS:EIP;
; RETF imm releases the parameters on both stacks); a 16-bit gate with word
; parameters; a same-privilege call through a gate (only CS:EIP pushed);
; conforming targets (CPL unchanged); JMP through gates (no stack switch,
; non-conforming target needs DPL == CPL); the gate faults with their error
; codes, and an invalid TSS.SS0 (#TS/#SS reported through IDT gates to a
; conforming handler, which runs at CPL 3 on the ring-3 stack because the
; ring-0 stack is unusable at that point).
%include "lib32.inc"
; qemu-differs: call gate conforming cs keeps cpl3: QEMU loads CS.RPL with the conforming target's DPL (0) on a CALL through a gate instead of the CPL (SDM Vol. 3 5.8.4: CPL unchanged, CS.RPL = CPL); its CPL does stay 3
; qemu-differs: jmp gate not-present target vector: QEMU raises #GP(target) instead of #NP(target) for a JMP through a call gate to a not-present code segment (SDM Vol. 2 JMP)
; qemu-differs: call gate offset beyond limit: QEMU does not check the gate offset against the target CS limit on a CALL through a gate (SDM Vol. 2 CALL: #GP(0)) and does not limit-check the fetch; the ROM plants INT 30h at CODE0:10000h so it comes back
; qemu-differs: tss esp0 no room for frame: QEMU does not check the SS limit when it pushes the frame on the inner stack of a CALL through a gate (SDM Vol. 2 CALL: #SS(SS selector) when the new stack has no room for the parameters plus 16 bytes); the call goes through
; qemu-differs: tss ss0 not present vector: QEMU raises #TS(SS0) instead of #SS(SS0) when TSS.SS0 names a not-present stack segment on a CALL to an inner level (SDM Vol. 2 CALL; Vol. 3 5.8.5)

; ---- call gates appended to lib32's GDT ----------------------------------------
G32_3   equ 0x98    ; 32-bit gate DPL 3 -> CODE0:cg32, 3 dword parameters
G16_3   equ 0xA0    ; 16-bit gate DPL 3 -> CODE16:cg16, 2 word parameters
G32_0   equ 0xA8    ; 32-bit gate DPL 0 -> CODE0:cg_same, count 2 (unused)
G_NP    equ 0xB0    ; DPL 3, not present
G_NULL  equ 0xB8    ; DPL 3, target selector null
G_DATA  equ 0xC0    ; DPL 3, target DATA0
G_TDPL  equ 0xC8    ; DPL 3, target CODE3 (DPL 3 non-conforming)
G_NPC   equ 0xD0    ; DPL 3, target NOTPC (not present)
G_LIM   equ 0xD8    ; DPL 3, target CODE0 offset 10000h (limit FFFFh)
G_CONF  equ 0xE0    ; DPL 3 -> CONF:cf_call, count 3
G_RPL   equ 0xE8    ; DPL 3 -> (CODE0|3):cg_rpl, target selector RPL 3
G_CJMP  equ 0xF0    ; DPL 3 -> CONF:cf_jmp
G_JMP0  equ 0xF8    ; DPL 0 -> CODE0:cg_jmp0
G16_0   equ 0x100   ; 16-bit gate DPL 0 -> CODE0:cg_same16 (32-bit code)
CG_GDT_LIMIT equ 0x107

; CGATE target selector, offset, access byte, parameter count
%macro CGATE 4
        dw      ((%2) - $$) & 0xFFFF
        dw      %1
        db      %4
        db      %3
        dw      ((%2) - $$) >> 16
%endmacro
; CGATEA: the same with an absolute offset
%macro CGATEA 4
        dw      (%2) & 0xFFFF
        dw      %1
        db      %4
        db      %3
        dw      (%2) >> 16
%endmacro

cg_gdt_ext:
        CGATE   SEL_CODE0, cg32, 0xEC, 3                ; 98
        CGATE   SEL_CODE16, cg16, 0xE4, 2               ; A0
        CGATE   SEL_CODE0, cg_same, 0x8C, 2             ; A8
        CGATE   SEL_CODE0, cg32, 0x6C, 0                ; B0 (P=0)
        CGATE   0, cg32, 0xEC, 0                        ; B8
        CGATE   SEL_DATA0, cg32, 0xEC, 0                ; C0
        CGATE   SEL_CODE3, cg32, 0xEC, 0                ; C8
        CGATE   SEL_NOTPC, cg32, 0xEC, 0                ; D0
        CGATEA  SEL_CODE0, 0x10000, 0xEC, 0             ; D8
        CGATE   SEL_CONF, cf_call, 0xEC, 3              ; E0
        CGATE   SEL_CODE0|3, cg_rpl, 0xEC, 0            ; E8
        CGATE   SEL_CONF, cf_jmp, 0xEC, 0               ; F0
        CGATE   SEL_CODE0, cg_jmp0, 0x8C, 0             ; F8
        CGATE   SEL_CODE0, cg_same16, 0x84, 1           ; 100
cg_gdt_ext_end:

cg_gdtr: dw CG_GDT_LIMIT
         dd GDT_ADDR

far32:   dd 0                                           ; m16:32 -> G32_3
         dw G32_3|3

; RAM records (ROM-private scratch)
C_ESP    equ 0x1700     ; callee ESP, SS, CS, DS
C_SS     equ 0x1704
C_CS     equ 0x1708
C_DS     equ 0x170C
R_ESP    equ 0x1720     ; ring-3 ESP, CS, SS, DS after the return
R_CS     equ 0x1724
R_SS     equ 0x1728
R_DS     equ 0x172C
R_ESP0   equ 0x1730     ; ring-3 ESP at the CALL
C_STK    equ 0x1740     ; callee stack copy, 8 dwords from [ESP]
H_VEC    equ 0x1800     ; conforming #TS/#SS handler: vector, error, EIP, CS
H_ERR    equ 0x1804
H_EIP    equ 0x1808
H_PCS    equ 0x180C
H_CS     equ 0x1810     ; the handler's own CS
H_ESP    equ 0x1814

; R3FAULT name, vector, error, instruction: run the instruction at CPL 3
; and check the fault it raises (vector, error code, EIP, CS, and that the
; outer stack pointer is the one of the faulting instruction).
%macro R3FAULT 4+
        ARM32   %%r
        RING3   %%u
%%u:    R3_SEGS
%%f:    %4
        int     0x30
%%r:    CHKEXC32 %1, %2, %3, %%f
        CHKD32  {%1, " pushed cs"}, dword [EXC32_CS], SEL_CODE3|3
        CHKD32  {%1, " ring3 esp kept"}, dword [EXC32_ESP], R3_STACK
%endmacro

; R0FAULT name, vector, error, instruction: the same at CPL 0.
%macro R0FAULT 4+
        ARM32   %%r
        mov     ebx, esp
%%f:    %4
        nop
%%r:    mov     ecx, esp
        CHKEXC32 %1, %2, %3, %%f
        CHKD32  {%1, " esp kept"}, ecx, ebx
%endmacro

; TSFAULT name, ss0, vector, error: CALL G32_3 from ring 3 with TSS.SS0 =
; ss0; the fault goes to the conforming handler (CPL 3, ring-3 stack).
%macro TSFAULT 4-5 TSS_ESP0
        mov     dword [H_VEC], 0xFF
        mov     dword [H_ERR], 0xFFFFFFFF
        mov     dword [H_EIP], 0xFFFFFFFF
        mov     dword [H_PCS], 0xFFFFFFFF
        mov     dword [H_CS], 0xFFFFFFFF
        mov     dword [H_ESP], 0xFFFFFFFF
        ARM32   %%r
        mov     dword [TSS_ADDR+8], %2
        mov     dword [TSS_ADDR+4], %5
        RING3   %%u
%%u:    R3_SEGS
%%f:    call    G32_3|3:0
        int     0x30
%%r:    mov     dword [TSS_ADDR+8], SEL_DATA0
        mov     dword [TSS_ADDR+4], TSS_ESP0
        CHKB32  {%1, " vector"}, byte [H_VEC], %3
        CHKD32  {%1, " error"}, dword [H_ERR], %4
        CHKD32  {%1, " eip"}, dword [H_EIP], %%f
        CHKW32  {%1, " pushed cs"}, word [H_PCS], SEL_CODE3|3
        CHKW32  {%1, " handler cs conforming cpl3"}, word [H_CS], SEL_CONF|3
        CHKD32  {%1, " handler on ring3 stack"}, dword [H_ESP], R3_STACK - 16
%endmacro

main:
        PM_ENTER
        mov     esi, 0xF0000 + (cg_gdt_ext - $$)
        mov     edi, GDT_ADDR + GDT_LIMIT + 1
        mov     ecx, (cg_gdt_ext_end - cg_gdt_ext) / 4
        cld
        rep     movsd
        lgdt    [cs:cg_gdtr]

; ---- 32-bit gate, ring 3 -> ring 0, three dword parameters ----
        mov     edi, TSS_ESP0 - 0x40                    ; poison the ring-0 stack
        mov     eax, 0xDEADBEEF
        mov     ecx, 0x11
        rep     stosd
        ARM32   .r1
        RING3   .u1
.u1:    R3_SEGS
        push    dword 0x11111111                        ; parameter 1 (highest)
        push    dword 0x22222222
        push    dword 0x33333333
        mov     [ss:R_ESP0], esp
.f1:    call    far [cs:far32]
.a1:    mov     [ss:R_ESP], esp
        mov     [ss:R_CS], cs
        mov     [ss:R_SS], ss
        mov     [ss:R_DS], ds
        int     0x30
.r1:    CHKNOEXC32 "call gate32 ring3 to ring0"
        CHKD32  "call gate32 caller esp before call", dword [R_ESP0], R3_STACK - 12
        CHKW32  "call gate32 callee cs cpl0", word [C_CS], SEL_CODE0
        CHKW32  "call gate32 callee ss from tss ss0", word [C_SS], SEL_DATA0
        CHKD32  "call gate32 callee esp", dword [C_ESP], TSS_ESP0 - 28
        CHKW32  "call gate32 callee ds unchanged", word [C_DS], SEL_DATA3|3
        CHKD32  "call gate32 stack old eip", dword [C_STK], .a1
        CHKW32  "call gate32 stack old cs", word [C_STK+4], SEL_CODE3|3
        CHKD32  "call gate32 stack param 3 lowest", dword [C_STK+8], 0x33333333
        CHKD32  "call gate32 stack param 2", dword [C_STK+12], 0x22222222
        CHKD32  "call gate32 stack param 1 highest", dword [C_STK+16], 0x11111111
        CHKD32  "call gate32 stack old esp", dword [C_STK+20], R3_STACK - 12
        CHKW32  "call gate32 stack old ss", word [C_STK+24], SEL_DATA3|3
        CHKD32  "call gate32 stack top is tss esp0", dword [C_STK+28], 0xDEADBEEF
        CHKD32  "retf 12 to ring3 releases params on ring3 stack", dword [R_ESP], R3_STACK
        CHKW32  "retf 12 to ring3 cs", word [R_CS], SEL_CODE3|3
        CHKW32  "retf 12 to ring3 ss", word [R_SS], SEL_DATA3|3
        CHKW32  "retf 12 to ring3 keeps dpl3 ds", word [R_DS], SEL_DATA3|3

; ---- 16-bit gate, ring 3 -> ring 0, two word parameters ----
        mov     edi, TSS_ESP0 - 0x40
        mov     eax, 0xDEADBEEF
        mov     ecx, 0x11
        rep     stosd
        ARM32   .r2
        RING3   .u2
.u2:    R3_SEGS
        push    word 0xAAAA                             ; parameter 1
        push    word 0xBBBB                             ; parameter 2
        mov     [ss:R_ESP0], esp
.f2:    call    G16_3|3:0
.a2:    mov     [ss:R_ESP], esp
        mov     [ss:R_CS], cs
        mov     [ss:R_SS], ss
        int     0x30
.r2:    CHKNOEXC32 "call gate16 ring3 to ring0"
        CHKW32  "call gate16 callee cs cpl0", word [C_CS], SEL_CODE16
        CHKW32  "call gate16 callee ss from tss ss0", word [C_SS], SEL_DATA0
        CHKD32  "call gate16 callee esp", dword [C_ESP], TSS_ESP0 - 12
        CHKW32  "call gate16 stack old ip", word [C_STK], .a2-$$
        CHKW32  "call gate16 stack old cs", word [C_STK+2], SEL_CODE3|3
        CHKW32  "call gate16 stack param 2 lowest", word [C_STK+4], 0xBBBB
        CHKW32  "call gate16 stack param 1 highest", word [C_STK+6], 0xAAAA
        CHKW32  "call gate16 stack old sp", word [C_STK+8], R3_STACK - 4
        CHKW32  "call gate16 stack old ss", word [C_STK+10], SEL_DATA3|3
        CHKW32  "call gate16 stack top is tss esp0", word [C_STK+12], 0xBEEF
        CHKD32  "retf 4 (16-bit) to ring3 releases params", dword [R_ESP], R3_STACK
        CHKW32  "retf 4 (16-bit) to ring3 cs", word [R_CS], SEL_CODE3|3
        CHKW32  "retf 4 (16-bit) to ring3 ss", word [R_SS], SEL_DATA3|3

; ---- same privilege through a gate: ring 0 -> ring 0 ----
        mov     dword [C_STK+8], 0x5A5A5A5A
        mov     ebx, esp
        call    G32_0:0
.a3:    mov     ecx, esp
        CHKD32  "call gate same level esp minus 8", dword [C_ESP], ebx
        CHKD32  "call gate same level esp restored", ecx, ebx
        CHKW32  "call gate same level ss unchanged", word [C_SS], SEL_DATA0
        CHKW32  "call gate same level cs", word [C_CS], SEL_CODE0
        CHKD32  "call gate same level pushed eip", dword [C_STK], .a3
        CHKW32  "call gate same level pushed cs", word [C_STK+4], SEL_CODE0

; ---- 16-bit gate at the same level from 32-bit code: word CS:IP ----
        mov     dword [C_STK], 0x5A5A5A5A
        mov     ebx, esp
        call    G16_0:0
.a8:    mov     ecx, esp
        mov     edx, ebx
        sub     edx, 4
        CHKD32  "call gate16 same level esp minus 4", dword [C_ESP], edx
        CHKD32  "call gate16 same level esp restored", ecx, ebx
        CHKW32  "call gate16 same level pushed ip", word [C_STK], .a8-$$
        CHKW32  "call gate16 same level pushed cs", word [C_STK+2], SEL_CODE0

; ---- target selector RPL in the gate is ignored: CS.RPL = new CPL ----
        ARM32   .r4
        RING3   .u4
.u4:    R3_SEGS
        call    G_RPL|3:0
        int     0x30
.r4:    CHKNOEXC32 "call gate target rpl3"
        CHKW32  "call gate target rpl3 callee cs rpl0", word [C_CS], SEL_CODE0

; ---- conforming target: CPL unchanged, no stack switch ----
        ARM32   .r5
        RING3   .u5
.u5:    R3_SEGS
        push    dword 0x44444444
        mov     [ss:R_ESP0], esp
        call    G_CONF|3:0
.a5:    mov     [ss:R_ESP], esp
        int     0x30
.r5:    CHKNOEXC32 "call gate conforming"
        CHKW32  "call gate conforming cs keeps cpl3", word [C_CS], SEL_CONF|3
        CHKW32  "call gate conforming ss unchanged", word [C_SS], SEL_DATA3|3
        CHKD32  "call gate conforming esp minus 8", dword [C_ESP], R3_STACK - 12
        CHKD32  "call gate conforming pushed eip", dword [C_STK], .a5
        CHKW32  "call gate conforming pushed cs", word [C_STK+4], SEL_CODE3|3
        CHKD32  "call gate conforming no param copy", dword [C_STK+8], 0x44444444
        CHKD32  "call gate conforming retf esp", dword [R_ESP], R3_STACK - 4

; ---- JMP through gates ----
        mov     ebx, esp
        jmp     G_JMP0:0
jmp0_back:
        mov     ecx, esp
        CHKW32  "jmp gate ring0 cs", word [C_CS], SEL_CODE0
        CHKD32  "jmp gate ring0 nothing pushed", dword [C_ESP], ebx
        CHKD32  "jmp gate ring0 esp after", ecx, ebx
        ARM32   .r6
        RING3   .u6
.u6:    R3_SEGS
        jmp     G_CJMP|3:0
.r6:    CHKNOEXC32 "jmp gate conforming"
        CHKW32  "jmp gate conforming cs keeps cpl3", word [C_CS], SEL_CONF|3
        CHKW32  "jmp gate conforming ss unchanged", word [C_SS], SEL_DATA3|3
        CHKD32  "jmp gate conforming nothing pushed", dword [C_ESP], R3_STACK
        R3FAULT "jmp gate ring3 to ring0 nonconforming", 13, SEL_CODE0, jmp G32_3|3:0
        R0FAULT "jmp gate ring0 to dpl3 code", 13, SEL_CODE3, jmp G_TDPL:0
        R0FAULT "jmp gate not-present target", 11, SEL_NOTPC, jmp G_NPC:0
        R3FAULT "jmp gate dpl0 from ring3", 13, G32_0, jmp G32_0|3:0

; ---- CALL gate faults ----
        R3FAULT "call gate dpl0 from ring3", 13, G32_0, call G32_0|3:0
        R0FAULT "call gate rpl3 above dpl0", 13, G32_0, call G32_0|3:0
        R3FAULT "call gate not present", 11, G_NP, call G_NP|3:0
        R3FAULT "call gate null target", 13, 0, call G_NULL|3:0
        R3FAULT "call gate data target", 13, SEL_DATA0, call G_DATA|3:0
        R0FAULT "call gate target dpl3 from ring0", 13, SEL_CODE3, call G_TDPL:0
        R3FAULT "call gate target not present", 11, SEL_NOTPC, call G_NPC|3:0
        mov     word [0x100000], 0x30CD                 ; int 30h at CODE0:10000h
        R3FAULT "call gate offset beyond limit", 13, 0, call G_LIM|3:0
        R0FAULT "jmp gate offset beyond limit", 13, 0, jmp G_LIM:0

; ---- invalid TSS.SS0 on the CALL to ring 0 ----
        SETGATE 10, ts_conf, SEL_CONF, 0x8E00
        SETGATE 12, ss_conf, SEL_CONF, 0x8E00
        TSFAULT "tss ss0 dpl3", SEL_DATA3, 10, SEL_DATA3
        TSFAULT "tss ss0 rpl3", SEL_DATA0|3, 10, SEL_DATA0
        TSFAULT "tss ss0 read-only", SEL_RODATA, 10, SEL_RODATA
        TSFAULT "tss ss0 code", SEL_CODE0, 10, SEL_CODE0
        TSFAULT "tss ss0 beyond gdt", 0x1F0, 10, 0x1F0
        TSFAULT "tss ss0 null", 0, 10, 0
        TSFAULT "tss ss0 not present", SEL_NOTP, 12, SEL_NOTP
        TSFAULT "tss esp0 no room for frame", SEL_SMALL, 12, SEL_SMALL, 0xB00C
        SETGATE 10, lib32_exc_10, SEL_CODE0, 0x8E00
        SETGATE 12, lib32_exc_12, SEL_CODE0, 0x8E00
; the gate still works with SS0 restored
        ARM32   .r7
        RING3   .u7
.u7:    R3_SEGS
        call    G32_3|3:0
        int     0x30
.r7:    CHKNOEXC32 "call gate after ss0 restored"
        CHKD32  "call gate after ss0 restored callee esp", dword [C_ESP], TSS_ESP0 - 28
        FINISH32

; ---- callees -------------------------------------------------------------------
bits 32
; ring 0 (CODE0), via G32_3: record, then RETF 12 to ring 3
cg32:   mov     [ss:C_ESP], esp
        mov     [ss:C_SS], ss
        mov     [ss:C_CS], cs
        mov     [ss:C_DS], ds
        xor     ecx, ecx
.cp:    mov     eax, [esp+ecx*4]
        mov     [ss:C_STK+ecx*4], eax
        inc     ecx
        cmp     ecx, 8
        jb      .cp
        retf    12

; ring 0 via G32_0 from ring 0, and via G_JMP0 (JMP)
cg_same:
        mov     [ss:C_ESP], esp
        add     dword [ss:C_ESP], 8
        mov     [ss:C_SS], ss
        mov     [ss:C_CS], cs
        mov     eax, [esp]
        mov     [ss:C_STK], eax
        mov     eax, [esp+4]
        mov     [ss:C_STK+4], eax
        retf
cg_same16:
        mov     [ss:C_ESP], esp
        mov     eax, [esp]
        mov     [ss:C_STK], eax
        o16 retf
cg_jmp0:
        mov     [ss:C_ESP], esp
        mov     [ss:C_CS], cs
        jmp     SEL_CODE0:jmp0_back

cg_rpl: mov     [ss:C_CS], cs
        retf

; conforming (CONF), via G_CONF and G_CJMP: runs at CPL 3
cf_call:
        mov     [ss:C_ESP], esp
        mov     [ss:C_SS], ss
        mov     [ss:C_CS], cs
        mov     eax, [esp]
        mov     [ss:C_STK], eax
        mov     eax, [esp+4]
        mov     [ss:C_STK+4], eax
        mov     eax, [esp+8]
        mov     [ss:C_STK+8], eax
        retf
cf_jmp: mov     [ss:C_ESP], esp
        mov     [ss:C_SS], ss
        mov     [ss:C_CS], cs
        int     0x30

; #TS / #SS handlers through interrupt gates to CONF: CPL 3, ring-3 stack
; (error code, EIP, CS, EFLAGS).  Restore SS0 before INT 30h needs it.
ts_conf:
        mov     dword [ss:H_VEC], 10
        jmp     h_common
ss_conf:
        mov     dword [ss:H_VEC], 12
h_common:
        mov     eax, [esp]
        mov     [ss:H_ERR], eax
        mov     eax, [esp+4]
        mov     [ss:H_EIP], eax
        mov     eax, [esp+8]
        mov     [ss:H_PCS], eax
        mov     [ss:H_CS], cs
        mov     [ss:H_ESP], esp
        mov     dword [ss:TSS_ADDR+8], SEL_DATA0
        mov     dword [ss:TSS_ADDR+4], TSS_ESP0
        int     0x30

bits 16
; ring 0 16-bit (CODE16), via G16_3: record six words, RETF 4 to ring 3
cg16:   mov     [ss:C_ESP], esp
        mov     [ss:C_SS], ss
        mov     [ss:C_CS], cs
%assign k 0
%rep 7
        mov     ax, [esp+k]
        mov     [ss:C_STK+k], ax
%assign k k+2
%endrep
        retf    4

        ROM_END
