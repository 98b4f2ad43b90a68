; test-roms/pm_multitask.asm - preemptive multitasking with hardware task
; switches (SDM Vol. 3, chapter 7; 4.3 "32-bit paging"; 3.5.1 LDTs):
; two ring-3 tasks, each with its own TSS, page directory (CR3 in the TSS)
; and LDT, are switched 10,000 times by a PIT-driven ring-0 scheduler.
;
; Scheduling: the scheduler is the main task (TR = lib32's TSS, CR3 = the
; scheduler's page directory, IF = 0).  It dispatches a task with a far JMP
; to the task's TSS.  IRQ0 (PIT counter 0, mode 2, divisor 20; the 8259A
; remapped to vectors 20h-27h) reaches the running ring-3 task through a
; DPL-0 interrupt gate; the handler, on the task's ring-0 stack
; (TSS.SS0:ESP0), does nothing but `jmp SEL_TSS:0` back to the scheduler
; (saving the whole task, inside the handler, in its TSS), and after the
; task is dispatched again it resumes right there and IRETs to ring 3.  The
; scheduler sends the EOI, checks the switch and JMPs to the other task.
; All switches are JMPs: busy bits move, NT is never set.
;
; Paging: every page directory maps 0-4 MiB identically (user, writable;
; ROM, GDT, TSSs, stacks); task A's and task B's directories also map
; linear 400000h to physical 20000h and 21000h respectively, the
; scheduler's not at all.  Each task's DS is selector 07h: entry 0 of its
; own LDT (base 400000h; limit FFFh for A, 7FFh for B).  A task loops:
; the dword at DS:0 must be its own signature and LSL 07h its own LDT
; limit, then it increments the counter at DS:4.  A task that sees
; anything else records it in its failure slot (identity-mapped RAM,
; through ES) and stops counting; the scheduler reports it as FAIL.
; After 10,000 switches the scheduler checks the counters advanced (also
; after the 5,000th switch), both private pages still hold their own
; signature and every switch came back from the IRQ0 handler of the
; dispatched task with the scheduler's CR3 reloaded.  Only
; timing-independent facts are printed.  Runs with -icount
; (TEST_ROMS_ICOUNT): about 2,100 instructions per tick.
%include "lib32.inc"

; ---- memory ----------------------------------------------------------------------
PD_S    equ 0x10000     ; scheduler page directory
PD_A    equ 0x11000
PD_B    equ 0x12000
PT_LOW  equ 0x13000     ; identity map 0-4 MiB
PT_A    equ 0x14000     ; 400000h -> PAGE_A
PT_B    equ 0x15000     ; 400000h -> PAGE_B
PAGE_A  equ 0x20000
PAGE_B  equ 0x21000
PRIV    equ 0x400000    ; the private page, linear

TSS_A   equ 0xA000
TSS_B   equ 0xA080
LDT_A   equ 0xA200
LDT_B   equ 0xA210
R0STK_A equ 0xB400
R0STK_B equ 0xB800
R3STK_A equ 0xBC00
R3STK_B equ 0xC000

SIG_A   equ 0x41414141      ; 'AAAA'
SIG_B   equ 0x42424242      ; 'BBBB'
LIM_A   equ 0xFFF
LIM_B   equ 0x7FF

; scheduler bookkeeping (dwords)
M_SWITCH  equ 0x700     ; switches done
M_NEXT    equ 0x704     ; far pointer: offset (ignored), selector
M_NEXTSEL equ 0x708
M_RUNA    equ 0x70C     ; dispatches of A, B
M_RUNB    equ 0x710
M_BADRET  equ 0x714     ; switches not back from the irq0 handler
M_BADCR3  equ 0x718     ; switches after which CR3 was not PD_S
M_BADFRM  equ 0x71C     ; irq0 frames not from ring 3
M_BADTR   equ 0x720
M_HALFA   equ 0x724     ; counters after 5,000 switches
M_HALFB   equ 0x728
M_FAILA   equ 0x730     ; failure slots: what the task saw (0 = nothing)
M_FAILB   equ 0x738

; ---- GDT extension -----------------------------------------------------------------
T_A     equ 0x98
T_B     equ 0xA0
SEL_LDTA equ 0xA8
SEL_LDTB equ 0xB0
MT_GDT_LIMIT equ 0xB7
SEL_PRIV equ 0x07       ; LDT entry 0, RPL 3

mt_gdt_ext:
        DESC    TSS_A, 0x67, 0x89, 0
        DESC    TSS_B, 0x67, 0x89, 0
        DESC    LDT_A, 0x0F, 0x82, 0
        DESC    LDT_B, 0x0F, 0x82, 0
mt_gdt_ext_end:
mt_gdtr: dw MT_GDT_LIMIT
         dd GDT_ADDR

mt_ldt_a:
        DESC    PRIV, LIM_A, 0xF2, 0x40
        dq      0
mt_ldt_b:
        DESC    PRIV, LIM_B, 0xF2, 0x40
        dq      0

DIVISOR equ 20

%macro BUSYCHK 3
        CHKB32  {%1}, byte [GDT_ADDR+(%2)+5], %3
%endmacro


; MKTASK tss, cr3, ldt, signature, limit, ring-0 stack, ring-3 stack, fail slot
%macro MKTASK 8
        mov     edi, %1
        xor     eax, eax
        mov     ecx, 0x68 / 4
        rep     stosd
        mov     dword [%1+0x04], %6             ; ESP0
        mov     dword [%1+0x08], SEL_DATA0      ; SS0
        mov     dword [%1+0x1C], %2             ; CR3
        mov     dword [%1+0x20], utask          ; EIP
        mov     dword [%1+0x24], 0x202          ; EFLAGS: IF
        mov     dword [%1+0x34], %4             ; EBX: signature
        mov     dword [%1+0x30], %5             ; EDX: LDT limit
        mov     dword [%1+0x38], %7             ; ESP
        mov     dword [%1+0x44], %8             ; EDI: failure slot
        mov     word [%1+0x48], SEL_DATA3|3     ; ES
        mov     word [%1+0x4C], SEL_CODE3|3     ; CS
        mov     word [%1+0x50], SEL_DATA3|3     ; SS
        mov     word [%1+0x54], SEL_PRIV        ; DS: from the LDT
        mov     word [%1+0x60], %3              ; LDT
        mov     word [%1+0x66], 0x68
%endmacro

main:
        ; real mode: remap the PICs (vectors 20h/28h), everything masked
        mov     al, 0x11
        out     0x20, al
        mov     al, 0x20
        out     0x21, al
        mov     al, 0x04
        out     0x21, al
        mov     al, 0x01
        out     0x21, al
        mov     al, 0x11
        out     0xA0, al
        mov     al, 0x28
        out     0xA1, al
        mov     al, 0x02
        out     0xA1, al
        mov     al, 0x01
        out     0xA1, al
        mov     al, 0xFF
        out     0xA1, al
        out     0x21, al
        PM_ENTER
        ARM32   unexpected
        cld
        mov     esi, 0xF0000 + (mt_gdt_ext - $$)
        mov     edi, GDT_ADDR + GDT_LIMIT + 1
        mov     ecx, (mt_gdt_ext_end - mt_gdt_ext) / 4
        rep     movsd
        lgdt    [cs:mt_gdtr]
        mov     esi, 0xF0000 + (mt_ldt_a - $$)
        mov     edi, LDT_A
        mov     ecx, 8
        rep     movsd                           ; both LDTs
        SETGATE 0x20, irq0, SEL_CODE0, 0x8E00
        SETGATE 0x27, spurious, SEL_CODE0, 0x8E00

; ---- page tables ----
        mov     edi, PD_S
        xor     eax, eax
        mov     ecx, 6 * 1024
        rep     stosd
        mov     edi, PT_LOW
        mov     eax, 0x007                      ; present, writable, user
.pt:    stosd
        add     eax, 0x1000
        cmp     edi, PT_LOW + 0x1000
        jb      .pt
        mov     dword [PT_A], PAGE_A | 7
        mov     dword [PT_B], PAGE_B | 7
        mov     dword [PD_S], PT_LOW | 7
        mov     dword [PD_A], PT_LOW | 7
        mov     dword [PD_B], PT_LOW | 7
        mov     dword [PD_A + (PRIV >> 22) * 4], PT_A | 7
        mov     dword [PD_B + (PRIV >> 22) * 4], PT_B | 7
        mov     edi, PAGE_A
        xor     eax, eax
        mov     ecx, 2 * 1024
        rep     stosd
        mov     dword [PAGE_A], SIG_A
        mov     dword [PAGE_B], SIG_B
        mov     edi, 0x700
        mov     ecx, 0x40 / 4
        rep     stosd

; ---- tasks ----
        MKTASK  TSS_A, PD_A, SEL_LDTA, SIG_A, LIM_A, R0STK_A, R3STK_A, M_FAILA
        MKTASK  TSS_B, PD_B, SEL_LDTB, SIG_B, LIM_B, R0STK_B, R3STK_B, M_FAILB
        mov     dword [TSS_ADDR+0x1C], PD_S     ; the scheduler's CR3
        mov     eax, PD_S
        mov     cr3, eax
        mov     eax, cr0
        or      eax, 0x80000000
        mov     cr0, eax
        mov     eax, cr0
        and     eax, 0x80000001
        CHKD32  "paging on", eax, 0x80000001

; ---- the PIT, IRQ0 only ----
        mov     al, 0x34                        ; counter 0, LSB+MSB, mode 2
        out     0x43, al
        mov     al, DIVISOR & 0xFF
        out     0x40, al
        mov     al, DIVISOR >> 8
        out     0x40, al
        mov     al, 0xFE
        out     0x21, al

; ---- the scheduler ----
        mov     dword [M_NEXTSEL], T_A
sched:  jmp     far [M_NEXT]
.back:  mov     al, 0x20                        ; EOI
        out     0x20, al
        str     ax
        cmp     ax, SEL_TSS
        je      .tr
        inc     dword [M_BADTR]
.tr:    mov     eax, cr3
        cmp     eax, PD_S
        je      .cr3
        inc     dword [M_BADCR3]
.cr3:   mov     ebx, TSS_A
        mov     ecx, M_RUNA
        cmp     dword [M_NEXTSEL], T_A
        je      .who
        mov     ebx, TSS_B
        mov     ecx, M_RUNB
.who:   inc     dword [ecx]
        cmp     dword [ebx+0x20], irq0.resume   ; it left from the handler
        jne     .badret
        cmp     word [ebx+0x4C], SEL_CODE0
        je      .retok
.badret:
        inc     dword [M_BADRET]
        jmp     .next
.retok: mov     edx, [ebx+0x38]                 ; its ring-0 stack: the frame
        cmp     dword [edx+4], SEL_CODE3|3      ; pushed CS
        jne     .badfrm
        cmp     dword [edx+16], SEL_DATA3|3     ; pushed SS
        je      .next
.badfrm:
        inc     dword [M_BADFRM]
.next:  xor     dword [M_NEXTSEL], T_A ^ T_B
        inc     dword [M_SWITCH]
        cmp     dword [M_SWITCH], 5000
        jne     .nohalf
        mov     eax, [PAGE_A+4]
        mov     [M_HALFA], eax
        mov     eax, [PAGE_B+4]
        mov     [M_HALFB], eax
.nohalf:
        cmp     dword [M_SWITCH], 10000
        jb      sched

; ---- the end ----
        mov     al, 0xFF
        out     0x21, al
        CHKD32  "10000 task switches", dword [M_SWITCH], 10000
        CHKD32  "task a dispatched 5000 times", dword [M_RUNA], 5000
        CHKD32  "task b dispatched 5000 times", dword [M_RUNB], 5000
        CHKD32  "every switch came from the irq0 handler", dword [M_BADRET], 0
        CHKD32  "every irq0 frame from ring 3", dword [M_BADFRM], 0
        CHKD32  "scheduler cr3 reloaded after every switch", dword [M_BADCR3], 0
        CHKD32  "scheduler tr after every switch", dword [M_BADTR], 0
        CHKD32  "task a saw only its own page and ldt", dword [M_FAILA], 0
        CHKD32  "task b saw only its own page and ldt", dword [M_FAILB], 0
        CHKD32  "task a page holds its signature", dword [PAGE_A], SIG_A
        CHKD32  "task b page holds its signature", dword [PAGE_B], SIG_B
        mov     bl, 0
        cmp     dword [M_HALFA], 0
        je      .c1
        mov     bl, 1
.c1:    CHKB32  "task a counter advanced by switch 5000", bl, 1
        mov     bl, 0
        cmp     dword [M_HALFB], 0
        je      .c2
        mov     bl, 1
.c2:    CHKB32  "task b counter advanced by switch 5000", bl, 1
        mov     bl, 0
        mov     eax, [PAGE_A+4]
        cmp     eax, [M_HALFA]
        jbe     .c3
        mov     bl, 1
.c3:    CHKB32  "task a counter advanced after switch 5000", bl, 1
        mov     bl, 0
        mov     eax, [PAGE_B+4]
        cmp     eax, [M_HALFB]
        jbe     .c4
        mov     bl, 1
.c4:    CHKB32  "task b counter advanced after switch 5000", bl, 1
        BUSYCHK "scheduler tss busy", SEL_TSS, 0x8B
        BUSYCHK "task a tss available", T_A, 0x89
        BUSYCHK "task b tss available", T_B, 0x89
        CHKD32  "task a tss cr3 kept", dword [TSS_A+0x1C], PD_A
        CHKD32  "task b tss cr3 kept", dword [TSS_B+0x1C], PD_B
        CHKW32  "task a tss ldt kept", word [TSS_A+0x60], SEL_LDTA
        CHKW32  "task b tss ldt kept", word [TSS_B+0x60], SEL_LDTB
        CHKW32  "task a saved ds from its ldt", word [TSS_A+0x54], SEL_PRIV
        CHKW32  "task b saved ds from its ldt", word [TSS_B+0x54], SEL_PRIV
        mov     eax, [TSS_A+0x24]
        and     eax, 0x4200
        CHKD32  "task a saved eflags nt clear if clear", eax, 0
        mov     eax, [TSS_B+0x24]
        and     eax, 0x4200
        CHKD32  "task b saved eflags nt clear if clear", eax, 0
        CHKD32  "no exception", dword [EXC32_NUM], 0
        FINISH32

unexpected:
        cli
        mov     al, 0xFF
        out     0x21, al
        CHKB32  "unexpected exception vector", byte [EXC32_VEC], 0xFF
        CHKD32  "unexpected exception eip", dword [EXC32_EIP], 0
        FINISH32

; IRQ0 in a task (ring 0, the task's TSS.SS0:ESP0): back to the scheduler;
; the task resumes here when it is dispatched again.
irq0:   jmp     SEL_TSS:0
.resume:
        iretd

spurious:
        iretd

; the ring-3 tasks: EBX = signature, EDX = LDT limit, EDI = failure slot
; (through ES, identity-mapped), DS = SEL_PRIV (LDT entry 0, base 400000h)
utask:  cmp     [0], ebx
        jne     .badsig
        mov     ecx, SEL_PRIV
        lsl     eax, ecx
        jnz     .badldt
        cmp     eax, edx
        jne     .badldt
        inc     dword [4]
        jmp     utask
.badsig:
        mov     eax, [0]
        mov     [es:edi], eax
        jmp     .stop
.badldt:
        or      eax, 0x80000000
        mov     [es:edi], eax
.stop:  jmp     .stop

bits 16
        ROM_END
