; test-roms/pm_tasks.asm - hardware task switches (SDM Vol. 3, chapter 7
; "Task Management": 7.3 "Task Switching", 7.4 "Task Linking"; 6.12.2
; "Interrupt Tasks"; Vol. 2 JMP, CALL, IRET, INT n; Interrupt 8 and 10):
;   JMP to a TSS both ways (old state saved in the old TSS: EIP, EFLAGS,
;   GPRs, segment selectors; busy bits move; NT and the back-link are left
;   alone; the new task's registers, LDTR and CR0.TS); CALL to a TSS and
;   through a task gate in the GDT (back-link, NT set in the new task, the
;   caller stays busy, IRET returns by the back-link and clears NT in the
;   saved image); INT n through a task gate in the IDT (no error code); a
;   #GP through an IDT task gate (error code on the new task's stack); a
;   double fault (#GP whose gate is not present -> #NP -> #DF) delivered to
;   a #DF task with its own stack (error code 0, back-link); JMP/CALL to a
;   busy TSS -> #GP(sel); CALL to a TSS with limit < 67h -> #TS(sel); IRET
;   with NT to a TSS that is not busy -> #TS(link); a TSS with a bad DS
;   (execute-only code -> #TS(DS), not present -> #NP(DS)) faults in the
;   context of the new task, after every selector was loaded; CR0.TS after
;   a switch (CLTS clears it); CALL to a 16-bit TSS and IRET back.
;
; All tasks run at ring 0 with CS base F0000 (labels are EIPs).  The
; "probe" tasks record what they see in RAM and return with IRET (by the
; back-link); for exceptions they also move the faulting task's saved EIP
; to a recovery label first.
%include "lib32.inc"
; qemu-differs: tss ds execute-only eip: QEMU 7.2 pushes a stale EIP (not the new task's first instruction, nor the JMP) for a fault raised while it loads the new task's segments after the commit point (SDM Vol. 3 Interrupt 10 "Saved Instruction Pointer": the first instruction of the new task)
; qemu-differs: tss ds not present eip: the same stale EIP for the #NP raised while loading the new task's DS (SDM Vol. 3 7.3 step 14, Interrupt 11)

; ---- TSSs, stacks, record areas -------------------------------------------------
TSS_A   equ 0xA000      ; JMP target
TSS_C   equ 0xA080      ; CALL target
TSS_D   equ 0xA100      ; target of the GDT task gate
TSS_I   equ 0xA180      ; INT 50h task
TSS_GP  equ 0xA200      ; #GP task
TSS_DF  equ 0xA280      ; #DF task
TSS_SH  equ 0xA300      ; limit 66h
TSS_BD  equ 0xA380      ; DS = execute-only code
TSS_BN  equ 0xA400      ; DS = not present
TSS_16  equ 0xA480      ; 16-bit TSS

STK_A   equ 0xB400
STK_C   equ 0xB800
STK_D   equ 0xBC00
STK_I   equ 0xC000
STK_GP  equ 0xC400
STK_DF  equ 0xC800
STK_BD  equ 0xCC00
STK_BN  equ 0xD000
STK_16  equ 0xD400

; probe record (see `probe`): +0 TR, +4 EFLAGS, +8 own back-link, +12 CR0,
; +16 ESP on entry, +20 dword at [ESP], +24 old task's saved EIP, +28 its
; saved EFLAGS, +32 old task's busy byte, +33 own busy byte, +36 EIP to plant
; in the old task's TSS (0 = none)
REC_C   equ 0x1100
REC_D   equ 0x1140
REC_I   equ 0x1180
REC_GP  equ 0x11C0
REC_DF  equ 0x1200
REC_16  equ 0x1300      ; 16-bit task record
REC_X   equ 0x1400      ; misc

; ---- GDT extension -----------------------------------------------------------------
T_A     equ 0x98
T_C     equ 0xA0
TG_D    equ 0xA8        ; task gate (DPL 0) -> T_D
T_D     equ 0xB0
T_I     equ 0xB8
T_GP    equ 0xC0
T_DF    equ 0xC8
T_SH    equ 0xD0
T_BD    equ 0xD8
T_BN    equ 0xE0
T_16    equ 0xE8
TK_GDT_LIMIT equ 0xEF

AVAIL32 equ 0x89
BUSY32  equ 0x8B
AVAIL16 equ 0x81
BUSY16  equ 0x83

tk_gdt_ext:
        DESC    TSS_A, 0x67, AVAIL32, 0         ; 98
        DESC    TSS_C, 0x67, AVAIL32, 0         ; A0
        dw      0, T_D, 0x8500, 0               ; A8 task gate
        DESC    TSS_D, 0x67, AVAIL32, 0         ; B0
        DESC    TSS_I, 0x67, AVAIL32, 0         ; B8
        DESC    TSS_GP, 0x67, AVAIL32, 0        ; C0
        DESC    TSS_DF, 0x67, AVAIL32, 0        ; C8
        DESC    TSS_SH, 0x66, AVAIL32, 0        ; D0 limit too small
        DESC    TSS_BD, 0x67, AVAIL32, 0        ; D8
        DESC    TSS_BN, 0x67, AVAIL32, 0        ; E0
        DESC    TSS_16, 0x2B, AVAIL16, 0        ; E8
tk_gdt_ext_end:

tk_gdtr: dw TK_GDT_LIMIT
         dd GDT_ADDR

; TASKGATE vector, TSS selector: an IDT task gate, DPL 0
%macro TASKGATE 2
        mov     dword [IDT_ADDR+(%1)*8], (%2) << 16
        mov     dword [IDT_ADDR+(%1)*8+4], 0x8500
%endmacro

; BUSY name, selector, want: the type byte of a TSS descriptor
%macro BUSY 3
        CHKB32  {%1}, byte [GDT_ADDR+(%2)+5], %3
%endmacro

; MKTSS base, eip, stack, record: a fresh 32-bit ring-0 TSS (mk_tss32)
%macro MKTSS 4
        mov     edi, %1
        mov     eax, %2
        mov     edx, %3
        mov     esi, %4
        call    mk_tss32
%endmacro

; PREP record, fix-eip: clear a probe record
%macro PREP 2
        mov     edi, %1
        mov     eax, 0xFFFFFFFF
        mov     ecx, 9
        cld
        rep     stosd
        mov     dword [%1+36], %2
%endmacro

; CHKPROBE name, record, own selector, own TSS: what a probe task saw
; (reached by CALL, a task gate or an interrupt: back-link to the main
; task, NT set, CR0.TS set, both tasks busy) and its state after the IRET
; back (available again, NT clear in its saved EFLAGS, back-link kept).
%macro CHKPROBE 4
        CHKW32  {%1, " new task tr"}, word [%2], %3
        mov     eax, [%2+4]
        and     eax, 0x4000
        CHKD32  {%1, " new task nt set"}, eax, 0x4000
        CHKW32  {%1, " back-link to old task"}, word [%2+8], SEL_TSS
        mov     eax, [%2+12]
        and     eax, 8
        CHKD32  {%1, " cr0.ts set in new task"}, eax, 8
        CHKB32  {%1, " old task stays busy"}, byte [%2+32], BUSY32
        CHKB32  {%1, " new task busy"}, byte [%2+33], BUSY32
        mov     eax, [%2+28]
        and     eax, 0x4000
        CHKD32  {%1, " old task saved nt clear"}, eax, 0
        str     ax
        CHKW32  {%1, " tr back to old task"}, ax, SEL_TSS
        CHKF32  {%1, " nt clear after iret"}, 0x4000, 0
        BUSY    {%1, " new task available after iret"}, %3, AVAIL32
        BUSY    {%1, " old task still busy after iret"}, SEL_TSS, BUSY32
        mov     eax, [%4+0x24]
        and     eax, 0x4000
        CHKD32  {%1, " iret clears nt in saved eflags"}, eax, 0
        CHKW32  {%1, " back-link kept after iret"}, word [%4], SEL_TSS
        CHKD32  {%1, " saved eip after iret"}, dword [%4+0x20], probe.again
%endmacro

; BADSEG name, TSS, selector, DS, vector, error, stack: JMP to a task whose DS is
; bad: the fault comes after the commit point, in the new task.
%macro BADSEG 7
        MKTSS   %2, bad_entry, %7, 0
        mov     word [%2+0x54], %4
        mov     word [%2+0x48], SEL_SMALL
        mov     word [%2+0x58], SEL_DATA3
        mov     word [%2+0x5C], SEL_RODATA
        mov     ax, SEL_DATA0
        mov     es, ax
        mov     fs, ax
        mov     gs, ax
        mov     word [REC_X], 0xFFFF
        ARM32   %%rec
        jmp     %3:0
%%back: str     word [REC_X+4]
        CHKEXC32 %1, %5, %6, bad_entry
        CHKD32  {%1, " pushed cs of new task"}, dword [EXC32_CS], SEL_CODE0
        mov     eax, [EXC32_EFL]
        and     eax, 0x4000
        CHKD32  {%1, " pushed eflags nt clear (jmp)"}, eax, 0
        CHKW32  {%1, " raised with tr = new task"}, word [REC_X], %3
        CHKB32  {%1, " new task busy"}, byte [REC_X+2], BUSY32
        CHKB32  {%1, " old task available"}, byte [REC_X+3], AVAIL32
        CHKD32  {%1, " frame on new task stack"}, dword [EXC32_FRM], %7 - 12
        CHKW32  {%1, " handler sees new ds selector"}, word [EXC32_DS], %4
        CHKW32  {%1, " handler sees new es selector"}, word [EXC32_ES], SEL_SMALL
        CHKW32  {%1, " tr back to main"}, word [REC_X+4], SEL_TSS
        jmp     %%done
%%rec:  str     word [REC_X]
        mov     al, [GDT_ADDR+%3+5]
        mov     [REC_X+2], al
        mov     al, [GDT_ADDR+SEL_TSS+5]
        mov     [REC_X+3], al
        jmp     SEL_TSS:0                       ; main resumes at %%back
%%done:
%endmacro

main:
        PM_ENTER
        mov     esi, 0xF0000 + (tk_gdt_ext - $$)
        mov     edi, GDT_ADDR + GDT_LIMIT + 1
        mov     ecx, (tk_gdt_ext_end - tk_gdt_ext) / 4
        cld
        rep     movsd
        lgdt    [cs:tk_gdtr]
        mov     word [TSS_ADDR], 0x1234                 ; main's back-link field

; ---- JMP to a TSS and back ------------------------------------------------------
        MKTSS   TSS_A, task_a, STK_A, 0
        mov     dword [TSS_A+0x24], 0x0002 | F_PF | F_ZF
        mov     dword [TSS_A+0x28], 0xA0000001          ; EAX
        mov     dword [TSS_A+0x2C], 0xA0000002          ; ECX
        mov     dword [TSS_A+0x30], 0xA0000003          ; EDX
        mov     dword [TSS_A+0x34], 0xA0000004          ; EBX
        mov     dword [TSS_A+0x3C], 0xA0000006          ; EBP
        mov     dword [TSS_A+0x40], 0xA0000007          ; ESI
        mov     dword [TSS_A+0x44], 0xA0000008          ; EDI
        mov     word [TSS_A+0x48], SEL_DATA3            ; ES
        mov     word [TSS_A+0x58], SEL_SMALL            ; FS
        mov     word [TSS_A+0x5C], 0                    ; GS null
        mov     word [TSS_A+0x60], SEL_LDT
        mov     word [TSS_A], 0x5678                    ; back-link field
        mov     eax, cr0
        and     al, ~8
        mov     cr0, eax
        mov     ax, SEL_SMALL
        mov     es, ax
        mov     ax, SEL_DATA3
        mov     fs, ax
        mov     ax, SEL_RODATA
        mov     gs, ax
        mov     [REC_X+0x10], esp
        mov     eax, 0x11111111
        mov     ecx, 0x22222222
        mov     edx, 0x33333333
        mov     ebx, 0x44444444
        mov     ebp, 0x66666666
        mov     esi, 0x77777777
        mov     edi, 0x88888888
        push    dword 0x0002 | F_CF | F_ZF | F_SF | F_OF
        popfd
.jmp_a: jmp     T_A:0
.a_ret: mov     [REC_X+0x14], esp
        CHKD32  "jmp back restores eax", eax, 0x11111111
        CHKD32  "jmp back restores ecx", ecx, 0x22222222
        CHKD32  "jmp back restores edx", edx, 0x33333333
        CHKD32  "jmp back restores ebx", ebx, 0x44444444
        CHKD32  "jmp back restores ebp", ebp, 0x66666666
        CHKD32  "jmp back restores esi", esi, 0x77777777
        CHKD32  "jmp back restores edi", edi, 0x88888888
        CHKD32  "jmp back restores esp", dword [REC_X+0x14], [REC_X+0x10]
        CHKF32  "jmp back restores eflags", F_ARITH | 0x4000, F_CF | F_ZF | F_SF | F_OF
        CHKW32  "jmp back restores es", es, SEL_SMALL
        CHKW32  "jmp back restores fs", fs, SEL_DATA3
        CHKW32  "jmp back restores gs", gs, SEL_RODATA
        mov     ax, SEL_DATA0
        mov     es, ax
        mov     fs, ax
        mov     gs, ax
        str     ax
        CHKW32  "jmp back tr", ax, SEL_TSS
        sldt    ax
        CHKW32  "jmp back ldtr from main tss", ax, 0
        BUSY    "jmp back main busy", SEL_TSS, BUSY32
        BUSY    "jmp back task a available", T_A, AVAIL32
        CHKW32  "jmp back leaves main back-link", word [TSS_ADDR], 0x1234
        CHKD32  "jmp back saves eip", dword [TSS_A+0x20], task_a.back
        CHKD32  "jmp back saves eflags", dword [TSS_A+0x24], 0x0002 | F_CF | F_AF
        CHKD32  "jmp back saves eax", dword [TSS_A+0x28], 0xB0000001
        CHKD32  "jmp back saves ecx", dword [TSS_A+0x2C], 0xB0000002
        CHKD32  "jmp back saves edx", dword [TSS_A+0x30], 0xB0000003
        CHKD32  "jmp back saves ebx", dword [TSS_A+0x34], 0xB0000004
        CHKD32  "jmp back saves esp", dword [TSS_A+0x38], STK_A - 4
        CHKD32  "jmp back saves ebp", dword [TSS_A+0x3C], 0xB0000006
        CHKD32  "jmp back saves esi", dword [TSS_A+0x40], 0xB0000007
        CHKD32  "jmp back saves edi", dword [TSS_A+0x44], 0xB0000008
        CHKW32  "jmp back saves es", word [TSS_A+0x48], SEL_RODATA
        CHKW32  "jmp back saves cs", word [TSS_A+0x4C], SEL_CODE0
        CHKW32  "jmp back saves ss", word [TSS_A+0x50], SEL_DATA0
        CHKW32  "jmp back saves ds", word [TSS_A+0x54], SEL_DATA0
        CHKW32  "jmp back saves fs", word [TSS_A+0x58], SEL_DATA3
        CHKW32  "jmp back saves gs", word [TSS_A+0x5C], SEL_SMALL
        CHKW32  "jmp back leaves task a back-link", word [TSS_A], 0x5678
        CHKW32  "jmp back leaves ldt field", word [TSS_A+0x60], SEL_LDT
        mov     eax, cr0
        and     eax, 8
        CHKD32  "cr0.ts set after jmp back", eax, 8
        clts
        mov     eax, cr0
        and     eax, 8
        CHKD32  "clts clears cr0.ts", eax, 0
; a second JMP resumes task A where it left off
        mov     dword [REC_X+0x20], 0
        jmp     T_A:0
        CHKD32  "jmp resumes task a after its jmp", dword [REC_X+0x20], 0xA5A5A5A5
        BUSY    "second jmp back task a available", T_A, AVAIL32

; ---- CALL to a TSS, IRET by the back-link ------------------------------------------
        MKTSS   TSS_C, probe, STK_C, REC_C
        PREP    REC_C, 0
        mov     [REC_X+0x10], esp
        clts
.call_c:
        call    T_C:0
.c_ret: CHKPROBE "call tss", REC_C, T_C, TSS_C
        CHKD32  "call tss old task saved eip", dword [REC_C+24], .c_ret
        CHKD32  "call tss no error code", dword [REC_C+16], STK_C
        mov     [REC_X+0x14], esp
        CHKD32  "call tss esp kept", dword [REC_X+0x14], [REC_X+0x10]
        mov     eax, cr0
        and     eax, 8
        CHKD32  "cr0.ts set after iret", eax, 8
        clts

; ---- CALL through a task gate in the GDT ---------------------------------------------
        MKTSS   TSS_D, probe, STK_D, REC_D
        PREP    REC_D, 0
        call    TG_D:0x12345678                         ; offset ignored
.d_ret: CHKPROBE "call task gate", REC_D, T_D, TSS_D
        CHKD32  "call task gate old task saved eip", dword [REC_D+24], .d_ret
        CHKD32  "call task gate no error code", dword [REC_D+16], STK_D
        clts

; ---- INT n through a task gate in the IDT --------------------------------------------
        MKTSS   TSS_I, probe, STK_I, REC_I
        PREP    REC_I, 0
        TASKGATE 0x50, T_I
        push    dword 0x0002 | F_CF
        popfd
        int     0x50
.i_ret: CHKPROBE "int task gate", REC_I, T_I, TSS_I
        CHKD32  "int task gate old task saved eip", dword [REC_I+24], .i_ret
        CHKD32  "int task gate old task saved eflags", dword [REC_I+28], 0x0002 | F_CF
        CHKD32  "int task gate no error code", dword [REC_I+16], STK_I
        clts

; ---- #GP through a task gate: error code on the new task's stack -----------------------
        MKTSS   TSS_GP, probe, STK_GP, REC_GP
        PREP    REC_GP, .gp_rec
        mov     eax, [IDT_ADDR+13*8]
        mov     [REC_X+0x30], eax
        mov     eax, [IDT_ADDR+13*8+4]
        mov     [REC_X+0x34], eax
        TASKGATE 13, T_GP
        mov     ax, 0x1F8
.gp_f:  mov     ds, ax
        CHKD32  "gp task gate skipped the fault", 0, 1
.gp_rec:
        CHKPROBE "gp task gate", REC_GP, T_GP, TSS_GP
        CHKD32  "gp task gate old task saved eip is the fault", dword [REC_GP+24], .gp_f
        CHKD32  "gp task gate error code pushed", dword [REC_GP+16], STK_GP - 4
        CHKD32  "gp task gate error code", dword [REC_GP+20], 0x1F8
        mov     eax, [REC_X+0x30]
        mov     [IDT_ADDR+13*8], eax
        mov     eax, [REC_X+0x34]
        mov     [IDT_ADDR+13*8+4], eax
        clts

; ---- #GP, its gate not present -> #NP -> #DF through a task gate -----------------------
        MKTSS   TSS_DF, probe, STK_DF, REC_DF
        PREP    REC_DF, .df_rec
        TASKGATE 8, T_DF
        and     byte [IDT_ADDR+13*8+5], 0x7F
        mov     dword [EXC32_NUM], 0
        mov     ax, 0x1F8
.df_f:  mov     ds, ax
        CHKD32  "df task gate skipped the fault", 0, 1
.df_rec:
        or      byte [IDT_ADDR+13*8+5], 0x80
        CHKPROBE "df task gate", REC_DF, T_DF, TSS_DF
        CHKD32  "df task gate old task saved eip is the fault", dword [REC_DF+24], .df_f
        CHKD32  "df task gate error code pushed", dword [REC_DF+16], STK_DF - 4
        CHKD32  "df task gate error code 0", dword [REC_DF+20], 0
        CHKD32  "df task gate no other handler ran", dword [EXC32_NUM], 0
        mov     dword [IDT_ADDR+8*8], 0
        mov     dword [IDT_ADDR+8*8+4], 0
        mov     word [IDT_ADDR+8*8], lib32_exc_8
        mov     word [IDT_ADDR+8*8+2], SEL_CODE0
        mov     word [IDT_ADDR+8*8+4], 0x8E00
        clts

; ---- faults before the switch: busy TSS, short TSS, IRET to an available TSS ----------
        ARM32   .r1
.f1:    jmp     SEL_TSS:0
.r1:    CHKEXC32 "jmp to busy tss", 13, SEL_TSS, .f1
        ARM32   .r2
.f2:    call    SEL_TSS:0
.r2:    CHKEXC32 "call to busy tss", 13, SEL_TSS, .f2
        ARM32   .r3
.f3:    call    T_SH:0
.r3:    CHKEXC32 "call tss limit 66h", 10, T_SH, .f3
        BUSY    "call tss limit 66h stays available", T_SH, AVAIL32
        BUSY    "call tss limit 66h main still busy", SEL_TSS, BUSY32
        str     ax
        CHKW32  "call tss limit 66h tr unchanged", ax, SEL_TSS
        mov     eax, cr0
        and     eax, 8
        CHKD32  "call tss limit 66h cr0.ts clear", eax, 0
        ARM32   .r4
        mov     word [TSS_ADDR], T_A                    ; available
        push    dword 0x4002
        popfd
.f4:    iretd
.r4:    CHKEXC32 "iret nt to available tss", 10, T_A, .f4
        mov     eax, [EXC32_EFL]
        and     eax, 0x4000
        CHKD32  "iret nt to available tss pushed nt", eax, 0x4000
        BUSY    "iret nt to available tss main still busy", SEL_TSS, BUSY32
        mov     word [TSS_ADDR], 0

; ---- bad DS in the new task: the fault is raised in the new task ---------------------
        BADSEG  "tss ds execute-only", TSS_BD, T_BD, SEL_XCODE, 10, SEL_XCODE, STK_BD
        BADSEG  "tss ds not present", TSS_BN, T_BN, SEL_NOTP, 11, SEL_NOTP, STK_BN
        clts

; ---- a 16-bit TSS ----------------------------------------------------------------
        mov     edi, TSS_16
        xor     eax, eax
        mov     ecx, 0x2C / 4
        cld
        rep     stosd
        mov     word [TSS_16+0x0E], task16              ; IP
        mov     word [TSS_16+0x10], 0x0002 | F_SF        ; FLAGS
        mov     word [TSS_16+0x12], 0x1601              ; AX
        mov     word [TSS_16+0x14], 0x1602              ; CX
        mov     word [TSS_16+0x16], 0x1603              ; DX
        mov     word [TSS_16+0x18], 0x1604              ; BX
        mov     word [TSS_16+0x1A], STK_16              ; SP
        mov     word [TSS_16+0x1C], 0x1606              ; BP
        mov     word [TSS_16+0x1E], 0x1607              ; SI
        mov     word [TSS_16+0x20], 0x1608              ; DI
        mov     word [TSS_16+0x22], SEL_SMALL           ; ES
        mov     word [TSS_16+0x24], SEL_CODE16          ; CS
        mov     word [TSS_16+0x26], SEL_DATA0           ; SS
        mov     word [TSS_16+0x28], SEL_DATA0           ; DS
        mov     edi, REC_16
        mov     eax, 0xFFFFFFFF
        mov     ecx, 16
        rep     stosd
        mov     [REC_X+0x10], esp
        call    T_16:0
.t16_ret:
        CHKW32  "tss16 ax loaded", word [REC_16+0x00], 0x1601
        CHKW32  "tss16 cx loaded", word [REC_16+0x02], 0x1602
        CHKW32  "tss16 dx loaded", word [REC_16+0x04], 0x1603
        CHKW32  "tss16 bx loaded", word [REC_16+0x06], 0x1604
        CHKW32  "tss16 sp loaded", word [REC_16+0x08], STK_16
        CHKW32  "tss16 bp loaded", word [REC_16+0x0A], 0x1606
        CHKW32  "tss16 si loaded", word [REC_16+0x0C], 0x1607
        CHKW32  "tss16 di loaded", word [REC_16+0x0E], 0x1608
        CHKW32  "tss16 es loaded", word [REC_16+0x10], SEL_SMALL
        CHKW32  "tss16 cs loaded", word [REC_16+0x12], SEL_CODE16
        CHKW32  "tss16 ss loaded", word [REC_16+0x14], SEL_DATA0
        CHKW32  "tss16 ds loaded", word [REC_16+0x16], SEL_DATA0
        CHKW32  "tss16 tr", word [REC_16+0x18], T_16
        mov     ax, [REC_16+0x1A]
        and     ax, 0x4000 | F_ARITH
        CHKW32  "tss16 flags loaded with nt", ax, 0x4000 | F_SF
        CHKW32  "tss16 back-link", word [REC_16+0x1C], SEL_TSS
        CHKB32  "tss16 busy in new task", byte [REC_16+0x1E], BUSY16
        CHKB32  "tss16 old task busy", byte [REC_16+0x1F], BUSY32
        CHKD32  "tss16 old task saved eip", dword [TSS_ADDR+0x20], .t16_ret
        BUSY    "tss16 available after iret", T_16, AVAIL16
        CHKW32  "tss16 saved ip after iret", word [TSS_16+0x0E], task16.again - $$
        mov     ax, [TSS_16+0x10]
        and     ax, 0x4000 | F_ARITH
        CHKW32  "tss16 saved flags nt clear", ax, F_SF | F_ZF
        CHKW32  "tss16 saved ax", word [TSS_16+0x12], 0x6101
        CHKW32  "tss16 saved bx", word [TSS_16+0x18], 0x6104
        CHKW32  "tss16 saved sp", word [TSS_16+0x1A], STK_16 - 2
        CHKW32  "tss16 saved es", word [TSS_16+0x22], SEL_DATA3
        CHKW32  "tss16 saved cs", word [TSS_16+0x24], SEL_CODE16
        CHKW32  "tss16 saved ds", word [TSS_16+0x28], SEL_DATA0
        mov     [REC_X+0x14], esp
        CHKD32  "tss16 main esp kept", dword [REC_X+0x14], [REC_X+0x10]
        str     ax
        CHKW32  "tss16 tr back to main", ax, SEL_TSS
        FINISH32

; ---- task code ----------------------------------------------------------------------
; mk_tss32: EDI = TSS base, EAX = EIP, EDX = stack top, ESI = record area.
; A fresh 32-bit ring-0 TSS: EFLAGS 2, CS CODE0, SS/DS/ES/FS/GS DATA0,
; ESP = EBP = SS0:ESP0 = EDX, EBX = its own base, EDI = ESI, LDT 0,
; I/O map base 68h.
mk_tss32:
        pushad
        push    eax
        push    edi
        xor     eax, eax
        mov     ecx, 0x68 / 4
        cld
        rep     stosd
        pop     edi
        pop     eax
        mov     [edi+0x04], edx
        mov     dword [edi+0x08], SEL_DATA0
        mov     [edi+0x20], eax
        mov     dword [edi+0x24], 2
        mov     [edi+0x34], edi
        mov     [edi+0x38], edx
        mov     [edi+0x3C], edx
        mov     [edi+0x44], esi
        mov     word [edi+0x48], SEL_DATA0
        mov     word [edi+0x4C], SEL_CODE0
        mov     word [edi+0x50], SEL_DATA0
        mov     word [edi+0x54], SEL_DATA0
        mov     word [edi+0x58], SEL_DATA0
        mov     word [edi+0x5C], SEL_DATA0
        mov     word [edi+0x66], 0x68
        popad
        ret

; task A (reached by JMP): checks its own registers and what the JMP saved
; in the main task's TSS, then JMPs back.
task_a:
        mov     [REC_X+0x18], esp
        CHKD32  "jmp new task eax", eax, 0xA0000001
        CHKD32  "jmp new task ecx", ecx, 0xA0000002
        CHKD32  "jmp new task edx", edx, 0xA0000003
        CHKD32  "jmp new task ebx", ebx, 0xA0000004
        CHKD32  "jmp new task ebp", ebp, 0xA0000006
        CHKD32  "jmp new task esi", esi, 0xA0000007
        CHKD32  "jmp new task edi", edi, 0xA0000008
        CHKD32  "jmp new task esp", dword [REC_X+0x18], STK_A
        CHKF32  "jmp new task eflags nt clear", F_ARITH | 0x4000, F_PF | F_ZF
        CHKW32  "jmp new task cs", cs, SEL_CODE0
        CHKW32  "jmp new task ss", ss, SEL_DATA0
        CHKW32  "jmp new task ds", ds, SEL_DATA0
        CHKW32  "jmp new task es", es, SEL_DATA3
        CHKW32  "jmp new task fs", fs, SEL_SMALL
        CHKW32  "jmp new task gs null", gs, 0
        sldt    ax
        CHKW32  "jmp new task ldtr from tss", ax, SEL_LDT
        str     ax
        CHKW32  "jmp new task tr", ax, T_A
        mov     eax, cr0
        and     eax, 8
        CHKD32  "jmp new task cr0.ts set", eax, 8
        BUSY    "jmp old task available", SEL_TSS, AVAIL32
        BUSY    "jmp new task busy", T_A, BUSY32
        CHKW32  "jmp leaves new task back-link", word [TSS_A], 0x5678
        CHKD32  "jmp saves eip", dword [TSS_ADDR+0x20], main.a_ret
        CHKD32  "jmp saves eflags", dword [TSS_ADDR+0x24], 0x0002 | F_CF | F_ZF | F_SF | F_OF
        CHKD32  "jmp saves eax", dword [TSS_ADDR+0x28], 0x11111111
        CHKD32  "jmp saves ecx", dword [TSS_ADDR+0x2C], 0x22222222
        CHKD32  "jmp saves edx", dword [TSS_ADDR+0x30], 0x33333333
        CHKD32  "jmp saves ebx", dword [TSS_ADDR+0x34], 0x44444444
        CHKD32  "jmp saves esp", dword [TSS_ADDR+0x38], [REC_X+0x10]
        CHKD32  "jmp saves ebp", dword [TSS_ADDR+0x3C], 0x66666666
        CHKD32  "jmp saves esi", dword [TSS_ADDR+0x40], 0x77777777
        CHKD32  "jmp saves edi", dword [TSS_ADDR+0x44], 0x88888888
        CHKW32  "jmp saves es", word [TSS_ADDR+0x48], SEL_SMALL
        CHKW32  "jmp saves cs", word [TSS_ADDR+0x4C], SEL_CODE0
        CHKW32  "jmp saves ss", word [TSS_ADDR+0x50], SEL_DATA0
        CHKW32  "jmp saves ds", word [TSS_ADDR+0x54], SEL_DATA0
        CHKW32  "jmp saves fs", word [TSS_ADDR+0x58], SEL_DATA3
        CHKW32  "jmp saves gs", word [TSS_ADDR+0x5C], SEL_RODATA
        CHKW32  "jmp leaves old back-link", word [TSS_ADDR], 0x1234
        CHKW32  "jmp leaves old ldt field", word [TSS_ADDR+0x60], 0
        clts
        mov     ax, SEL_RODATA
        mov     es, ax
        mov     ax, SEL_DATA3
        mov     fs, ax
        mov     ax, SEL_SMALL
        mov     gs, ax
        mov     eax, 0xB0000001
        mov     ecx, 0xB0000002
        mov     edx, 0xB0000003
        mov     ebx, 0xB0000004
        mov     ebp, 0xB0000006
        mov     esi, 0xB0000007
        mov     edi, 0xB0000008
        push    dword 0x1234                    ; ESP = STK_A - 4
        push    dword 0x0002 | F_CF | F_AF
        popfd
        jmp     SEL_TSS:0
.back:  mov     dword [REC_X+0x20], 0xA5A5A5A5
        jmp     SEL_TSS:0

; probe: a task reached by CALL, a task gate or an interrupt.  EBX = its TSS,
; EDI = its record, EBP = its stack top (all from its TSS).
probe:  str     word [edi]
        pushfd
        pop     dword [edi+4]
        mov     eax, [ebx]
        mov     [edi+8], eax
        mov     eax, cr0
        mov     [edi+12], eax
        mov     [edi+16], esp
        mov     eax, [esp]
        mov     [edi+20], eax
        mov     eax, [TSS_ADDR+0x20]
        mov     [edi+24], eax
        mov     eax, [TSS_ADDR+0x24]
        mov     [edi+28], eax
        mov     al, [GDT_ADDR+SEL_TSS+5]
        mov     [edi+32], al
        movzx   eax, word [edi]
        mov     al, [GDT_ADDR+eax+5]
        mov     [edi+33], al
        mov     eax, [edi+36]
        test    eax, eax
        jz      .ret
        mov     [TSS_ADDR+0x20], eax            ; resume the old task there
.ret:   mov     esp, ebp
        iretd
.again: jmp     probe

; never runs: the task's DS faults first
bad_entry:
        CHKD32  "bad-ds task ran", 0, 1
        jmp     SEL_TSS:0

bits 16
; 16-bit task (CS = CODE16): record, then IRET by the back-link
task16: mov     [REC_16+0x00], ax
        mov     [REC_16+0x02], cx
        mov     [REC_16+0x04], dx
        mov     [REC_16+0x06], bx
        mov     [REC_16+0x08], sp
        mov     [REC_16+0x0A], bp
        mov     [REC_16+0x0C], si
        mov     [REC_16+0x0E], di
        mov     [REC_16+0x10], es
        mov     [REC_16+0x12], cs
        mov     [REC_16+0x14], ss
        mov     [REC_16+0x16], ds
        str     word [REC_16+0x18]
        pushf
        pop     word [REC_16+0x1A]
        mov     ax, [TSS_16]
        mov     [REC_16+0x1C], ax
        mov     al, [GDT_ADDR+T_16+5]
        mov     [REC_16+0x1E], al
        mov     al, [GDT_ADDR+SEL_TSS+5]
        mov     [REC_16+0x1F], al
        mov     ax, SEL_DATA3
        mov     es, ax
        mov     ax, 0x6101
        mov     bx, 0x6104
        push    ax                              ; SP = STK_16 - 2
        push    word 0x4002 | F_SF | F_ZF
        popf
        iret
.again: jmp     task16

        ROM_END
