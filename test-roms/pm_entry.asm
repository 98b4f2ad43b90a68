; test-roms/pm_entry.asm - entering and leaving protected mode: LGDT/LIDT,
; CR0.PE, the far jump into a 32-bit code segment, segment loads, 32-bit code
; (operand size, a flat code segment), the values SGDT/SIDT/SMSW/STR/SLDT
; report (before and after LTR/LLDT, TSS busy bit set by LTR), then the way
; back: far jump to a 16-bit code segment, 64 KiB data segments, CR0.PE=0,
; far jump to F000, real-mode segment reloads, and real-mode checks (output,
; addressing, the IVT) working again afterwards.
%include "lib32.inc"

main:
        ; real mode first: SMSW shows PE=0
        smsw    ax
        and     ax, 1
        CHKW    "real mode smsw pe", ax, 0
        PM_ENTER
        ; now 32-bit ring 0
        smsw    ax
        and     ax, 1
        CHKW32  "pm smsw pe", ax, 1
        mov     eax, cr0
        and     eax, 1
        CHKD32  "pm cr0 pe", eax, 1
        mov     ax, cs
        CHKW32  "pm cs selector", ax, SEL_CODE0
        mov     ax, ss
        CHKW32  "pm ss selector", ax, SEL_DATA0
        ; 32-bit operand size by default: push/pop move 4 bytes
        mov     ebx, esp
        push    eax
        sub     ebx, esp
        pop     eax
        CHKD32  "32-bit push size", ebx, 4
        mov     eax, 0x12345678
        mov     [0x1000], eax
        CHKD32  "32-bit store to flat ram", dword [0x1000], 0x12345678
        ; descriptor-table registers
        sgdt    [0x1010]
        CHKW32  "sgdt limit", word [0x1010], GDT_LIMIT
        CHKD32  "sgdt base", dword [0x1012], GDT_ADDR
        sidt    [0x1020]
        CHKW32  "sidt limit", word [0x1020], 0x7FF
        CHKD32  "sidt base", dword [0x1022], IDT_ADDR
        str     ax
        CHKW32  "str after ltr", ax, SEL_TSS
        CHKB32  "ltr sets tss busy", byte [GDT_ADDR+SEL_TSS+5], 0x8B
        mov     eax, 0xFFFFFFFF
        str     eax
        CHKD32  "str reg32 zero-extends", eax, SEL_TSS
        mov     word [0x1030], 0xAAAA
        sldt    [0x1030]
        CHKW32  "sldt initially null", word [0x1030], 0
        mov     ax, SEL_LDT
        lldt    ax
        sldt    ax
        CHKW32  "sldt after lldt", ax, SEL_LDT
        xor     ax, ax
        lldt    ax
        sldt    ax
        CHKW32  "sldt after lldt null", ax, 0
        ; accessed bit set in the DS descriptor by the load
        CHKB32  "data descriptor accessed", byte [GDT_ADDR+SEL_DATA0+5], 0x93
        ; a flat code segment: EIP is the linear address
        jmp     SEL_FCODE0:(0xF0000 + .flat)
.flat:  call    .here
.here:  pop     ebx                     ; (no checks here: CS base is 0)
        jmp     SEL_CODE0:.back
.back:  CHKD32  "flat code eip is linear", ebx, 0xF0000 + .here
        mov     ax, cs
        CHKW32  "back in rom code segment", ax, SEL_CODE0
        ; ---- return to real mode ----
        jmp     SEL_CODE16:.c16
bits 16
.c16:   mov     ax, SEL_DATA16
        mov     ds, ax
        mov     es, ax
        mov     fs, ax
        mov     gs, ax
        mov     ss, ax
        mov     sp, R0_STACK
        mov     eax, cr0
        and     al, ~1
        mov     cr0, eax
        jmp     0xF000:.real
.real:  xor     ax, ax
        mov     ss, ax
        mov     es, ax
        mov     fs, ax
        mov     gs, ax
        mov     ax, cs
        mov     ds, ax
        CHKW    "real mode again cs", cs, 0xF000
        smsw    ax
        and     ax, 1
        CHKW    "real mode again smsw pe", ax, 0
        ; a real-mode segment value is a paragraph again: 0100:0000 = 0x1000
        mov     ax, 0x100
        mov     es, ax
        CHKW    "real mode segment arithmetic", word [es:0], 0x5678
        xor     ax, ax
        mov     es, ax
        ; real-mode IVT dispatch still works: LIDT back to the IVT
        o32 lidt [cs:ivt_idtr]
        SETVEC  6
        ARM     .ud
.fud:   ud2
.ud:    CHKEXC  "real mode ud2 through ivt", 6, .fud
        FINISH

ivt_idtr: dw 0x3FF
          dd 0

        ROM_END
