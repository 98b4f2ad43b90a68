; test-roms/irq_pit_pm.asm - PIT IRQ0 in 32-bit protected mode: the 8259A
; pair is remapped to vectors 20h/28h (in real mode, before PM_ENTER), IDT
; vector 20h is a DPL-0 32-bit interrupt gate; PIT counter 0 in mode 2
; delivers ticks through the IDT with a non-specific EOI; HLT at ring 0
; returns only after an interrupt; the gate clears IF in the handler; ISR
; has IR0 set in the handler and clear after EOI.  Then ring-3 code (IF=1,
; IOPL 0) spins until three ticks arrived: each interrupt from CPL 3 switches
; to TSS.SS0:ESP0 (a hardware interrupt ignores the gate's DPL) and pushes
; SS, ESP, EFLAGS, CS, EIP of ring 3; IRETD returns to ring 3, which ends
; with `int 0x30` from CPL 3.  Only timing-independent facts are printed.
%include "lib32.inc"

P_TICKS   equ 0x700     ; dwords
P_EIP     equ 0x704     ; last frame (any CPL)
P_CS      equ 0x708
P_EFL     equ 0x70C
P_HEFL    equ 0x710     ; EFLAGS inside the handler
P_HLTHIT  equ 0x714     ; interrupts whose pushed EIP is pm_hlt_ret
P_R3CNT   equ 0x718     ; interrupts from CPL 3
P_EIP3    equ 0x71C     ; last CPL-3 frame
P_CS3     equ 0x720
P_EFL3    equ 0x724
P_ESP3    equ 0x728
P_SS3     equ 0x72C
P_FRM3    equ 0x730     ; address of its pushed EIP (ring-0 stack)
P_ISRIN   equ 0x734     ; bytes
P_ISROUT  equ 0x735
P_SPUR    equ 0x738
P_BADHLT  equ 0x73C
P_R3CS    equ 0x740     ; CS and DS seen by ring 3 after its interrupts
P_R3DS    equ 0x744
P_R3SS    equ 0x748
P_R3ESP   equ 0x74C

DIV1MS    equ 1193

main:
        ; real mode: remap the PICs, everything masked
        mov     al, 0x11
        out     0x20, al
        mov     al, 0x20                        ; ICW2: master vectors 20h-27h
        out     0x21, al
        mov     al, 0x04
        out     0x21, al
        mov     al, 0x01
        out     0x21, al
        mov     al, 0x11
        out     0xA0, al
        mov     al, 0x28                        ; ICW2: slave vectors 28h-2Fh
        out     0xA1, al
        mov     al, 0x02
        out     0xA1, al
        mov     al, 0x01
        out     0xA1, al
        mov     al, 0xFF
        out     0xA1, al
        out     0x21, al
        PM_ENTER
        SETGATE 0x20, irq0_pm, SEL_CODE0, 0x8E00        ; interrupt gate, DPL 0
        SETGATE 0x27, spur_pm, SEL_CODE0, 0x8E00
        xor     eax, eax
        mov     edi, 0x700
        mov     ecx, 0x50 / 4
        rep     stosd
        mov     byte [P_ISRIN], 0xEE
        mov     byte [P_ISROUT], 0xEE
        ARM32   .exc                                    ; any exception ends up here

        mov     al, 0x34                        ; counter 0, LSB+MSB, mode 2
        out     0x43, al
        mov     al, DIV1MS & 0xFF
        out     0x40, al
        mov     al, DIV1MS >> 8
        out     0x40, al
        mov     al, 0xFE
        out     0x21, al
        in      al, 0x21
        CHKB32  "pm pic imr irq0 only", al, 0xFE

; ---- ring 0: HLT until five ticks ----
        mov     ecx, 1000
        sti
.hl:    mov     edx, [P_TICKS]
        hlt
..@pm_hlt_ret:
        cmp     edx, [P_TICKS]
        jne     .hok
        inc     dword [P_BADHLT]
.hok:   cmp     dword [P_TICKS], 5
        jae     .hdone
        loop    .hl
.hdone: cli
        mov     bl, 0
        cmp     dword [P_TICKS], 5
        jb      .c1
        mov     bl, 1
.c1:    CHKB32  "pm irq0 count >= 5 via idt 20h", bl, 1
        CHKD32  "pm hlt returns only after an irq", dword [P_BADHLT], 0
        mov     bl, 0
        cmp     dword [P_HLTHIT], 1
        jb      .c2
        mov     bl, 1
.c2:    CHKB32  "pm irq0 pushed eip after hlt", bl, 1
        CHKD32  "pm irq0 pushed cs ring 0", dword [P_CS], SEL_CODE0
        mov     eax, [P_EFL]
        and     eax, 0x3200
        CHKD32  "pm irq0 pushed eflags if=1", eax, 0x200
        mov     eax, [P_HEFL]
        and     eax, 0x200
        CHKD32  "pm interrupt gate clears if", eax, 0
        CHKB32  "pm isr ir0 set in handler", byte [P_ISRIN], 0x01
        CHKB32  "pm isr clear after eoi", byte [P_ISROUT], 0x00
        CHKD32  "pm no exception so far", dword [EXC32_NUM], 0

; ---- ring 3: interrupts switch to the TSS ring-0 stack ----
        mov     dword [P_R3CNT], 0
        mov     dword [P_FRM3], 0xFFFFFFFF
        ARM32   .back
        RING3   .u, 0x202
.u:     R3_SEGS
        mov     eax, [P_TICKS]
        add     eax, 3
        mov     ecx, 0x4000000                  ; bound
.spin:  cmp     [P_TICKS], eax
        jae     .sd
        dec     ecx
        jnz     .spin
.sd:    mov     [P_R3CS], cs
        mov     [P_R3DS], ds
        mov     [P_R3SS], ss
        mov     [P_R3ESP], esp
        int     0x30
.uend:
.back:  cli
        CHKNOEXC32 "ring3 spin ends with int 30h"
        CHKD32  "int 30h came from cpl 3", dword [EXC32_CS], SEL_CODE3|3
        mov     bl, 0
        cmp     dword [P_R3CNT], 3
        jb      .c3
        mov     bl, 1
.c3:    CHKB32  "cpl3 irq0 count >= 3", bl, 1
        CHKD32  "cpl3 irq pushed cs", dword [P_CS3], SEL_CODE3|3
        CHKD32  "cpl3 irq pushed ss", dword [P_SS3], SEL_DATA3|3
        CHKD32  "cpl3 irq pushed esp", dword [P_ESP3], R3_STACK
        mov     eax, [P_EFL3]
        and     eax, 0x3200
        CHKD32  "cpl3 irq pushed eflags if=1 iopl 0", eax, 0x200
        mov     bl, 0
        mov     eax, [P_EIP3]
        cmp     eax, .u
        jb      .c4
        cmp     eax, .uend
        jae     .c4
        mov     bl, 1
.c4:    CHKB32  "cpl3 irq pushed eip in ring3 code", bl, 1
        CHKD32  "cpl3 irq frame on tss esp0 stack", dword [P_FRM3], TSS_ESP0 - 20
        CHKW32  "iret back to ring3: cs", word [P_R3CS], SEL_CODE3|3
        CHKW32  "iret back to ring3: ds kept", word [P_R3DS], SEL_DATA3|3
        CHKW32  "iret back to ring3: ss", word [P_R3SS], SEL_DATA3|3
        CHKD32  "iret back to ring3: esp", dword [P_R3ESP], R3_STACK
        CHKB32  "cpl3 irq eoi: isr clear", byte [P_ISROUT], 0x00
        CHKD32  "no spurious irq7", dword [P_SPUR], 0
        mov     al, 0xFF
        out     0x21, al
        FINISH32

.exc:   cli
        CHKB32  "unexpected exception vector", byte [EXC32_VEC], 0xFF
        mov     al, 0xFF
        out     0x21, al
        FINISH32

; IRQ0 (vector 20h): count, record the frame, EOI.
; Stack: DS, EAX, then EIP, CS, EFLAGS [, ESP, SS].
irq0_pm:
        push    eax
        push    ds
        mov     ax, SEL_DATA0
        mov     ds, ax
        inc     dword [P_TICKS]
        pushfd
        pop     dword [P_HEFL]
        mov     eax, [esp+8]
        mov     [P_EIP], eax
        mov     eax, [esp+12]
        mov     [P_CS], eax
        mov     eax, [esp+16]
        mov     [P_EFL], eax
        test    byte [esp+12], 3
        jz      .r0
        inc     dword [P_R3CNT]
        mov     eax, [esp+8]
        mov     [P_EIP3], eax
        mov     eax, [esp+12]
        mov     [P_CS3], eax
        mov     eax, [esp+16]
        mov     [P_EFL3], eax
        mov     eax, [esp+20]
        mov     [P_ESP3], eax
        mov     eax, [esp+24]
        mov     [P_SS3], eax
        lea     eax, [esp+8]
        mov     [P_FRM3], eax
        jmp     .eoi
.r0:    cmp     dword [esp+8], ..@pm_hlt_ret
        jne     .eoi
        inc     dword [P_HLTHIT]
.eoi:   mov     al, 0x0B
        out     0x20, al
        in      al, 0x20
        mov     [P_ISRIN], al
        mov     al, 0x20
        out     0x20, al
        in      al, 0x20
        mov     [P_ISROUT], al
        mov     al, 0x0A
        out     0x20, al
        pop     ds
        pop     eax
        iretd

spur_pm:
        push    ds
        push    eax
        mov     ax, SEL_DATA0
        mov     ds, ax
        inc     dword [P_SPUR]
        pop     eax
        pop     ds
        iretd

bits 16
        ROM_END
