; test-roms/pm_gates.asm - IDT gates and privilege transitions: interrupt
; gate clears IF, trap gate keeps it; INT n from CPL 3 through a DPL-3 gate
; switches to the ring-0 stack from TSS.SS0:ESP0 and pushes SS:ESP, EFLAGS,
; CS:EIP of ring 3; INT n through a DPL-0 gate from CPL 3 -> #GP(n*8+2); a
; not-present gate -> #NP(n*8+2); the frame of an exception with an error
; code (same level and from ring 3); IRET to ring 3 nulls DS/ES holding
; DPL-0 data but keeps DPL-3 data and conforming code selectors; RETF and
; RETF imm16 to an outer level (stack switch, parameter bytes skipped on
; both stacks); a 16-bit interrupt gate (16-bit frame, 16-bit IRET back);
; the stack switch from a 16-bit TSS (SS0:SP0).
%include "lib32.inc"

main:
        PM_ENTER
        SETGATE 0x40, gate40, SEL_CODE0, 0x8E00        ; interrupt gate DPL 0
        SETGATE 0x41, gate41, SEL_CODE0, 0x8F00        ; trap gate DPL 0
        SETGATE 0x42, gate40, SEL_CODE0, 0x8E00        ; DPL 0
        SETGATE 0x43, gate40, SEL_CODE0, 0x6E00        ; DPL 3, not present
        SETGATE 0x44, gate16, SEL_CODE16, 0x8600       ; 16-bit interrupt gate
; ---- interrupt vs trap gate ----
        ARM32   .r1
        push    dword 0x202                     ; IF=1, all status flags 0
        popfd
.f1:    int     0x40
.a1:    nop
.r1:    cli
        CHKB32  "int gate vector", byte [EXC32_VEC], 0x40
        CHKD32  "int gate pushed eip", dword [EXC32_EIP], .a1
        CHKD32  "int gate pushed cs", dword [EXC32_CS], SEL_CODE0
        CHKD32  "int gate pushed eflags if", dword [EXC32_EFL], 0x202
        CHKD32  "int gate clears if", dword [EXC32_HEFL], 0x002
        ARM32   .r2
        push    dword 0x202
        popfd
        int     0x41
.r2:    pushfd
        cli
        pop     ebx
        CHKB32  "trap gate vector", byte [EXC32_VEC], 0x41
        CHKD32  "trap gate keeps if", dword [EXC32_HEFL], 0x202
        CHKD32  "trap gate handler runs with if", ebx, 0x202
; ---- INT n from ring 3 through a DPL-3 gate ----
        ARM32   .r3
        RING3   .u3, 0x202
.u3:    R3_SEGS
        mov     esp, R3_STACK - 0x10
.f3:    int     0x30
.a3:
.r3:    CHKB32  "cpl3 int dpl3 gate vector", byte [EXC32_VEC], 0x30
        CHKD32  "cpl3 int pushed eip", dword [EXC32_EIP], .a3
        CHKD32  "cpl3 int pushed cs", dword [EXC32_CS], SEL_CODE3|3
        CHKD32  "cpl3 int pushed eflags", dword [EXC32_EFL], 0x202
        CHKD32  "cpl3 int pushed esp", dword [EXC32_ESP], R3_STACK - 0x10
        CHKD32  "cpl3 int pushed ss", dword [EXC32_SS], SEL_DATA3|3
        CHKD32  "cpl3 int stack from tss esp0", dword [EXC32_FRM], TSS_ESP0 - 20
        CHKD32  "cpl3 int handler if clear", dword [EXC32_HEFL], 0x002
        CHKW32  "cpl3 int handler sees ring3 ds", word [EXC32_DS], SEL_DATA3|3
; ---- DPL-0 gate from ring 3, not-present gate ----
        ARM32   .r4
        RING3   .u4
.u4:    R3_SEGS
.f4:    int     0x42
        int     0x30
.r4:    CHKEXC32 "cpl3 int dpl0 gate", 13, 0x42*8+2, .f4
        CHKD32  "cpl3 int dpl0 gate pushed cs", dword [EXC32_CS], SEL_CODE3|3
        ARM32   .r5
        RING3   .u5
.u5:    R3_SEGS
.f5:    int     0x43
        int     0x30
.r5:    CHKEXC32 "int not-present gate", 11, 0x43*8+2, .f5
        ARM32   .r6
.f6:    int     0x43
.r6:    CHKEXC32 "cpl0 int not-present gate", 11, 0x43*8+2, .f6
; ---- exception frames with error code ----
        ARM32   .r7
        mov     ax, SEL_NOTP
.f7:    mov     ds, ax
.r7:    mov     ecx, [EXC32_FRM]
        mov     ecx, [ecx-4]                    ; before checks reuse the stack
        CHKEXC32 "same-level np frame", 11, SEL_NOTP, .f7
        mov     ebx, [EXC32_RESP]
        sub     ebx, 12
        CHKD32  "same-level eip slot 12 below old esp", dword [EXC32_FRM], ebx
        CHKD32  "same-level error code in frame", ecx, SEL_NOTP
        ARM32   .r8
        RING3   .u8
.u8:    R3_SEGS
.f8:    cli
        int     0x30
.r8:    CHKEXC32 "cpl3 gp frame", 13, 0, .f8
        CHKD32  "cpl3 gp frame on tss stack", dword [EXC32_FRM], TSS_ESP0 - 20
        CHKD32  "cpl3 gp frame error slot", dword [TSS_ESP0 - 24], 0
        CHKD32  "cpl3 gp frame ss slot", dword [TSS_ESP0 - 4], SEL_DATA3|3
; ---- IRET to ring 3: data segment registers ----
        ARM32   .r9
        mov     ax, SEL_DATA0
        mov     ds, ax
        mov     es, ax
        mov     ax, SEL_DATA3|3
        mov     fs, ax
        mov     ax, SEL_CONF
        mov     gs, ax
        RING3   .u9
.u9:    mov     [ss:0x1500], ds
        mov     [ss:0x1504], es
        mov     [ss:0x1508], fs
        mov     [ss:0x150C], gs
        mov     [ss:0x1510], cs
        int     0x30
.r9:    CHKNOEXC32 "iret to ring3"
        CHKW32  "iret to ring3 nulls ds dpl0", word [0x1500], 0
        CHKW32  "iret to ring3 nulls es dpl0", word [0x1504], 0
        CHKW32  "iret to ring3 keeps fs dpl3", word [0x1508], SEL_DATA3|3
        CHKW32  "iret to ring3 keeps gs conforming", word [0x150C], SEL_CONF
        CHKW32  "iret to ring3 cs rpl3", word [0x1510], SEL_CODE3|3
        CHKW32  "handler entry ds null", word [EXC32_DS], 0
; ---- RETF to an outer level ----
        ARM32   .r10
        push    dword SEL_DATA3|3
        push    dword R3_STACK
        push    dword SEL_CODE3|3
        push    dword .u10
        mov     ax, SEL_DATA0
        mov     ds, ax
        retf
.u10:   mov     [ss:0x1520], esp
        mov     [ss:0x1524], ss
        mov     [ss:0x1528], ds
        int     0x30
.r10:   CHKNOEXC32 "retf to ring3"
        CHKD32  "retf to ring3 esp", dword [0x1520], R3_STACK
        CHKW32  "retf to ring3 ss", word [0x1524], SEL_DATA3|3
        CHKW32  "retf to ring3 nulls ds dpl0", word [0x1528], 0
        ARM32   .r11
        mov     dword [R3_STACK], 0xAAAA5555
        push    dword SEL_DATA3|3
        push    dword R3_STACK - 8
        push    dword 0x11111111                ; parameter bytes
        push    dword 0x22222222
        push    dword SEL_CODE3|3
        push    dword .u11
        retf    8
.u11:   mov     [ss:0x1530], esp
        int     0x30
.r11:   CHKNOEXC32 "retf imm to ring3"
        CHKD32  "retf imm to ring3 esp skips params", dword [0x1530], R3_STACK
        ARM32   .r12
        push    dword 0x33333333
        push    dword SEL_CODE0
        push    dword .u12
        retf    4
.u12:   mov     ebx, esp
        int     0x30
.r12:   mov     ecx, [EXC32_RESP]
        CHKD32  "retf imm same level esp", ebx, ecx
; ---- 16-bit interrupt gate ----
        mov     ebx, esp
        mov     [lib32_ebx_save], esp
        push    dword 0x202
        popfd
        int     0x44
.a13:   cli
        mov     ecx, esp
        CHKD32  "16-bit gate frame size", dword [0x1600], 6
        CHKW32  "16-bit gate pushed ip", word [0x1604], .a13-$$
        CHKW32  "16-bit gate pushed cs", word [0x1606], SEL_CODE0
        CHKW32  "16-bit gate pushed flags", word [0x1608], 0x202
        CHKD32  "16-bit gate handler if", dword [0x160C], 0x002
        CHKD32  "16-bit iret restores esp", ecx, ebx
; ---- stack switch from a 16-bit TSS ----
        mov     ax, SEL_TSS16
        ltr     ax
        str     ax
        CHKW32  "ltr 16-bit tss", ax, SEL_TSS16
        ARM32   .r14
        RING3   .u14
.u14:   int     0x30
.r14:   CHKB32  "16-bit tss int vector", byte [EXC32_VEC], 0x30
        CHKD32  "16-bit tss stack from sp0", dword [EXC32_FRM], TSS_ESP0 - 0x400 - 20
        CHKD32  "16-bit tss pushed esp", dword [EXC32_ESP], R3_STACK
        FINISH32

gate40: push    dword 0xFFFFFFFF
        push    dword 0x40
        jmp     lib32_exc_common
gate41: push    dword 0xFFFFFFFF
        push    dword 0x41
        jmp     lib32_exc_common

bits 16
; 16-bit gate handler (CS = SEL_CODE16): record frame size and contents.
gate16: push    eax
        push    ebx
        pushfd
        pop     dword [ss:0x160C]
        lea     eax, [esp+8]
        mov     ebx, [ss:lib32_ebx_save]
        sub     ebx, eax
        mov     [ss:0x1600], ebx
        mov     ax, [esp+8]
        mov     [ss:0x1604], ax
        mov     ax, [esp+10]
        mov     [ss:0x1606], ax
        mov     ax, [esp+12]
        mov     [ss:0x1608], ax
        pop     ebx
        pop     eax
        iret
lib32_ebx_save equ 0x1610

        ROM_END
