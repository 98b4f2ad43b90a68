; test-roms/pm_v86.asm - virtual-8086 mode without VME (SDM Vol. 3, 20.2
; "Virtual-8086 Mode", 20.2.7 "Sensitive Instructions", 20.2.8 "Protected-
; Mode Sensitive Instructions / I/O in V86 mode", 20.3 "Interrupt and
; Exception Handling in Virtual-8086 Mode"; Vol. 2 IRET, INT n, PUSHF):
; IRETD from CPL 0 with EFLAGS.VM=1 (IOPL 0 and IOPL 3) loads the V86
; segment registers from the stack and runs 16-bit code with linear =
; seg*16 + offset; INT n with IOPL 0 raises #GP(0) to the ring-0 handler
; with the full V86 frame (GS, FS, DS, ES, SS, ESP, EFLAGS, CS, EIP, error)
; on the TSS ring-0 stack and DS/ES/FS/GS null inside the handler; with
; IOPL 3 INT n goes through a DPL-3 interrupt gate to ring 0 and IRETD
; returns to V86 after the INT with the segment registers restored; INT3
; is not IOPL-sensitive (gate DPL checked against CPL 3); PUSHF/POPF/CLI/
; STI/IRET fault with IOPL 0 and work with IOPL 3 (PUSHFD clears VM and RF
; in the image, POPF leaves IOPL alone); IN/OUT consult the TSS I/O
; permission bitmap at any IOPL; HLT and MOV from CR0 fault at CPL 3.
%include "lib32.inc"

; ---- a TSS with an I/O permission bitmap, appended to lib32's GDT --------------
SEL_IOTSS equ 0x98
IOTSS     equ 0xA000
V86_GDT_LIMIT equ 0x9F
v86_gdt_ext:
        DESC    IOTSS, 0xE8, 0x89, 0x00         ; bitmap 68h-E7h, 0FFh at E8h
v86_gdt_ext_end:
v86_gdtr: dw V86_GDT_LIMIT
          dd GDT_ADDR

; RAM records
V_FRM   equ 0x1800      ; vector, error, EIP, CS, EFLAGS, ESP, SS, ES, DS, FS, GS
V_HDS   equ 0x1840      ; handler DS, ES, FS, GS on entry (words)
V_HES   equ 0x1844
V_HFS   equ 0x1848
V_HGS   equ 0x184C
V_HEFL  equ 0x1850      ; handler EFLAGS
V_HESP  equ 0x1854      ; handler ESP on entry (address of the pushed EIP or error)
V_HSS   equ 0x1858
V_OUT   equ 0x1100      ; V86 code stores here (through SS=0)

V86_EFL0 equ 0x00020002 ; VM, IOPL 0
V86_EFL3 equ 0x00023002 ; VM, IOPL 3
V86_SP   equ 0x5000

; V86GO label, eflags: IRETD from ring 0 into V86 at F000:label, SS:SP =
; 0000:5000, DS=ES=FS=GS=0.
%macro V86GO 2
        push    dword 0                         ; GS
        push    dword 0                         ; FS
        push    dword 0                         ; DS
        push    dword 0                         ; ES
        push    dword 0                         ; SS
        push    dword V86_SP                    ; ESP
        push    dword %2                        ; EFLAGS
        push    dword 0xF000                    ; CS
        push    dword %1                        ; EIP
        iretd
%endmacro

; CLRREC: zero the V86 output area and the frame records.
%macro CLRREC 0
        cld
        xor     eax, eax
        mov     edi, V_OUT
        mov     ecx, 0x40
        rep     stosd
        mov     edi, V_FRM
        mov     ecx, 0x20
        rep     stosd
%endmacro

; V86GP name, eflags, error, instruction: the instruction in V86 raises
; #GP(error) with the pushed CS:EIP of the instruction.
%macro V86GP 4+
        ARM32   %%r
        V86GO   %%v, %2
bits 16
%%v:
%%f:    %4
        int     0x30
        hlt
bits 32
%%r:    CHKEXC32 %1, 13, %3, %%f
        CHKD32  {%1, " pushed cs"}, dword [EXC32_CS], 0xF000
        mov     eax, [EXC32_EFL]
        and     eax, 0x20000
        CHKD32  {%1, " pushed eflags vm"}, eax, 0x20000
%endmacro

; V86OK name, eflags, instruction [, instruction]: the instruction(s) run
; in V86 without a fault; the code then leaves V86 with INT 30h (IOPL 3:
; through the DPL-3 gate, vector 30h; IOPL 0: #GP(0) at the INT).
%macro V86OK 3-4
        ARM32   %%r
        V86GO   %%v, %2
bits 16
%%v:    %3
        %4
%%x:    int     0x30
        hlt
bits 32
%%r:
%if (%2) & 0x3000
        CHKB32  {%1, " no fault"}, byte [EXC32_VEC], 0x30
%else
        CHKB32  {%1, " no fault (int 30h gp)"}, byte [EXC32_VEC], 13
        CHKD32  {%1, " no fault eip at int 30h"}, dword [EXC32_EIP], %%x
%endif
%endmacro

main:
        PM_ENTER
        SETGATE 13, vh13, SEL_CODE0, 0x8E00
        SETGATE 0x21, vh21, SEL_CODE0, 0xEE00   ; interrupt gate, DPL 3
; ---- the TSS with an I/O bitmap: ports 21h allowed, everything else denied
        mov     esi, 0xF0000 + (v86_gdt_ext - $$)
        mov     edi, GDT_ADDR + GDT_LIMIT + 1
        mov     ecx, (v86_gdt_ext_end - v86_gdt_ext) / 4
        cld
        rep     movsd
        lgdt    [cs:v86_gdtr]
        mov     edi, IOTSS
        xor     eax, eax
        mov     ecx, 0x68 / 4
        rep     stosd
        mov     al, 0xFF
        mov     ecx, 0x81
        rep     stosb                           ; bitmap + terminator
        mov     dword [IOTSS+4], TSS_ESP0
        mov     dword [IOTSS+8], SEL_DATA0
        mov     word [IOTSS+0x66], 0x68
        and     byte [IOTSS+0x68+(0x21>>3)], ~(1 << (0x21 & 7))
        mov     ax, SEL_IOTSS
        ltr     ax
        mov     dword [0x23450], 0x12345678     ; read from V86 as 2345:0000

; ---- IRETD into V86 with IOPL 3; segment arithmetic ----
        CLRREC
        ARM32   .r1
        V86GO   .v1, V86_EFL3
bits 16
.v1:    mov     [ss:V_OUT+0x00], cs
        mov     [ss:V_OUT+0x04], ss
        mov     [ss:V_OUT+0x08], sp
        mov     [ss:V_OUT+0x0C], ds
        mov     ax, 0x0100
        mov     ds, ax
        mov     word [0x0110], 0xBEEF           ; 0100:0110 = linear 1110h
        mov     ax, 0x2345
        mov     es, ax
        mov     eax, [es:0x0000]
        mov     [ss:V_OUT+0x14], eax
        o32 pushf
        pop     eax
        mov     [ss:V_OUT+0x18], eax
.f1:    int     0x30
.a1:    hlt
bits 32
.r1:    CHKB32  "iretd to v86 iopl3 int 30h dpl3 gate vector", byte [EXC32_VEC], 0x30
        CHKD32  "iretd to v86 int 30h pushed eip", dword [EXC32_EIP], .a1
        CHKD32  "iretd to v86 int 30h pushed cs", dword [EXC32_CS], 0xF000
        CHKD32  "iretd to v86 int 30h pushed eflags", dword [EXC32_EFL], V86_EFL3
        CHKW32  "iretd to v86 cs", word [V_OUT+0x00], 0xF000
        CHKW32  "iretd to v86 ss", word [V_OUT+0x04], 0
        CHKW32  "iretd to v86 sp", word [V_OUT+0x08], V86_SP
        CHKW32  "iretd to v86 ds from stack", word [V_OUT+0x0C], 0
        CHKW32  "v86 write ds*16+offset", word [0x1110], 0xBEEF
        CHKD32  "v86 read es*16+offset", dword [V_OUT+0x14], 0x12345678
        CHKD32  "v86 iopl3 pushfd clears vm and rf in image", dword [V_OUT+0x18], 0x00003002
        CHKW32  "v86 int to ring0 handler ds null", word [EXC32_DS], 0
        CHKW32  "v86 int to ring0 handler es null", word [EXC32_ES], 0
        CHKD32  "v86 int to ring0 frame on tss esp0", dword [EXC32_FRM], TSS_ESP0 - 36

; ---- IRETD into V86 with IOPL 0 ----
        CLRREC
        ARM32   .r2
        V86GO   .v2, V86_EFL0
bits 16
.v2:    mov     ax, 0x0100
        mov     ds, ax
        mov     word [0x0120], 0xF00D
.f2:    int     0x30
        hlt
bits 32
.r2:    CHKW32  "iretd to v86 iopl0 code runs", word [0x1120], 0xF00D
        CHKEXC32 "v86 iopl0 int 30h", 13, 0, .f2

; ---- INT 21h with IOPL 0: #GP(0) with the V86 frame ----
        CLRREC
        ARM32   .r3
        V86GO   .v3, V86_EFL0
bits 16
.v3:    mov     ax, 0x0100
        mov     ds, ax
        mov     ax, 0x0200
        mov     es, ax
        mov     ax, 0x0300
        mov     fs, ax
        mov     ax, 0x0400
        mov     gs, ax
        mov     sp, 0x4FF0
.f3:    int     0x21
        hlt
bits 32
.r3:    CHKD32  "v86 iopl0 int 21h vector", dword [V_FRM+0x00], 13
        CHKD32  "v86 iopl0 int 21h error 0", dword [V_FRM+0x04], 0
        CHKD32  "v86 iopl0 int 21h frame eip", dword [V_FRM+0x08], .f3
        CHKD32  "v86 iopl0 int 21h frame cs", dword [V_FRM+0x0C], 0xF000
        CHKD32  "v86 iopl0 int 21h frame eflags", dword [V_FRM+0x10], V86_EFL0
        CHKD32  "v86 iopl0 int 21h frame esp", dword [V_FRM+0x14], 0x4FF0
        CHKD32  "v86 iopl0 int 21h frame ss", dword [V_FRM+0x18], 0
        CHKD32  "v86 iopl0 int 21h frame es", dword [V_FRM+0x1C], 0x0200
        CHKD32  "v86 iopl0 int 21h frame ds", dword [V_FRM+0x20], 0x0100
        CHKD32  "v86 iopl0 int 21h frame fs", dword [V_FRM+0x24], 0x0300
        CHKD32  "v86 iopl0 int 21h frame gs", dword [V_FRM+0x28], 0x0400
        CHKW32  "v86 iopl0 int 21h handler ds null", word [V_HDS], 0
        CHKW32  "v86 iopl0 int 21h handler es null", word [V_HES], 0
        CHKW32  "v86 iopl0 int 21h handler fs null", word [V_HFS], 0
        CHKW32  "v86 iopl0 int 21h handler gs null", word [V_HGS], 0
        CHKW32  "v86 iopl0 int 21h handler ss from tss", word [V_HSS], SEL_DATA0
        CHKD32  "v86 iopl0 int 21h frame on tss esp0", dword [V_HESP], TSS_ESP0 - 40
        mov     eax, [V_HEFL]
        and     eax, 0x20200
        CHKD32  "v86 iopl0 int 21h handler vm and if clear", eax, 0

; ---- INT 21h with IOPL 3: DPL-3 interrupt gate, IRETD back to V86 ----
        CLRREC
        ARM32   .r4
        V86GO   .v4, V86_EFL3
bits 16
.v4:    mov     ax, 0x0100
        mov     ds, ax
        mov     ax, 0x0200
        mov     es, ax
        mov     ax, 0x0300
        mov     fs, ax
        mov     ax, 0x0400
        mov     gs, ax
        mov     sp, 0x4FF0
        mov     eax, 0                          ; flags untouched
.f4:    int     0x21
.a4:    mov     [ss:V_OUT+0x00], ds
        mov     [ss:V_OUT+0x04], es
        mov     [ss:V_OUT+0x08], fs
        mov     [ss:V_OUT+0x0C], gs
        mov     [ss:V_OUT+0x10], sp
        mov     [ss:V_OUT+0x14], eax
        o32 pushf
        pop     eax
        mov     [ss:V_OUT+0x18], eax
        mov     word [ss:V_OUT+0x1C], 1         ; ran after the INT
        int     0x30
        hlt
bits 32
.r4:    CHKB32  "v86 iopl3 int 21h back in v86 then int 30h", byte [EXC32_VEC], 0x30
        CHKD32  "v86 iopl3 int 21h vector", dword [V_FRM+0x00], 0x21
        CHKD32  "v86 iopl3 int 21h frame eip after int", dword [V_FRM+0x08], .a4
        CHKD32  "v86 iopl3 int 21h frame cs", dword [V_FRM+0x0C], 0xF000
        CHKD32  "v86 iopl3 int 21h frame eflags", dword [V_FRM+0x10], V86_EFL3
        CHKD32  "v86 iopl3 int 21h frame esp", dword [V_FRM+0x14], 0x4FF0
        CHKD32  "v86 iopl3 int 21h frame ss", dword [V_FRM+0x18], 0
        CHKD32  "v86 iopl3 int 21h frame es", dword [V_FRM+0x1C], 0x0200
        CHKD32  "v86 iopl3 int 21h frame ds", dword [V_FRM+0x20], 0x0100
        CHKD32  "v86 iopl3 int 21h frame fs", dword [V_FRM+0x24], 0x0300
        CHKD32  "v86 iopl3 int 21h frame gs", dword [V_FRM+0x28], 0x0400
        CHKW32  "v86 iopl3 int 21h handler ds null", word [V_HDS], 0
        CHKW32  "v86 iopl3 int 21h handler es null", word [V_HES], 0
        CHKW32  "v86 iopl3 int 21h handler fs null", word [V_HFS], 0
        CHKW32  "v86 iopl3 int 21h handler gs null", word [V_HGS], 0
        CHKD32  "v86 iopl3 int 21h frame on tss esp0", dword [V_HESP], TSS_ESP0 - 36
        mov     eax, [V_HEFL]
        and     eax, 0x20200
        CHKD32  "v86 iopl3 int 21h handler vm and if clear", eax, 0
        CHKW32  "iretd back to v86 continues after int", word [V_OUT+0x1C], 1
        CHKW32  "iretd back to v86 restores ds", word [V_OUT+0x00], 0x0100
        CHKW32  "iretd back to v86 restores es", word [V_OUT+0x04], 0x0200
        CHKW32  "iretd back to v86 restores fs", word [V_OUT+0x08], 0x0300
        CHKW32  "iretd back to v86 restores gs", word [V_OUT+0x0C], 0x0400
        CHKW32  "iretd back to v86 restores sp", word [V_OUT+0x10], 0x4FF0
        CHKD32  "iretd back to v86 handler eax kept", dword [V_OUT+0x14], 0x5A5A5A5A
        CHKD32  "iretd back to v86 eflags", dword [V_OUT+0x18], 0x00003002

; ---- INT3 is not IOPL-sensitive ----
        V86GP   "v86 iopl0 int3 through dpl0 gate", V86_EFL0, 3*8+2, int3
        V86GP   "v86 iopl3 int3 through dpl0 gate", V86_EFL3, 3*8+2, int3
        SETGATE 3, lib32_exc_3, SEL_CODE0, 0xEE00
        ARM32   .r5
        V86GO   .v5, V86_EFL0
bits 16
.v5:    int3
.a5:    hlt
bits 32
.r5:    CHKB32  "v86 iopl0 int3 through dpl3 gate vector", byte [EXC32_VEC], 3
        CHKD32  "v86 iopl0 int3 through dpl3 gate eip", dword [EXC32_EIP], .a5
        SETGATE 3, lib32_exc_3, SEL_CODE0, 0x8E00

; ---- IOPL-sensitive instructions with IOPL 0 ----
        V86GP   "v86 iopl0 pushf", V86_EFL0, 0, pushf
        V86GP   "v86 iopl0 pushfd", V86_EFL0, 0, o32 pushf
        V86GP   "v86 iopl0 popf", V86_EFL0, 0, popf
        V86GP   "v86 iopl0 popfd", V86_EFL0, 0, o32 popf
        V86GP   "v86 iopl0 cli", V86_EFL0, 0, cli
        V86GP   "v86 iopl0 sti", V86_EFL0, 0, sti
        V86GP   "v86 iopl0 iret", V86_EFL0, 0, iret
        V86GP   "v86 iopl0 int 21h", V86_EFL0, 0, int 0x21
; ---- and with IOPL 3 ----
        CLRREC
        V86OK   "v86 iopl3 cli", V86_EFL3, cli
        CLRREC
        V86OK   "v86 iopl3 sti", V86_EFL3, sti
        CLRREC
        ARM32   .r6
        V86GO   .v6, V86_EFL3
bits 16
.v6:    push    word 0x0001                     ; CF, IOPL 0
        popf
        pushf
        pop     word [ss:V_OUT]
        push    word 0x0006                     ; PF, IOPL 0
        push    word 0xF000
        push    word .i6
        iret
        hlt
.i6:    pushf
        pop     word [ss:V_OUT+2]
        int     0x30
        hlt
bits 32
.r6:    CHKB32  "v86 iopl3 popf and iret no fault", byte [EXC32_VEC], 0x30
        CHKW32  "v86 iopl3 popf keeps iopl", word [V_OUT], 0x3003
        CHKW32  "v86 iopl3 iret keeps iopl", word [V_OUT+2], 0x3006

; ---- always-faulting instructions ----
        V86GP   "v86 iopl3 hlt", V86_EFL3, 0, hlt
        V86GP   "v86 iopl0 hlt", V86_EFL0, 0, hlt
        V86GP   "v86 mov eax cr0", V86_EFL3, 0, mov eax, cr0
        V86GP   "v86 lidt", V86_EFL3, 0, lidt [ss:0x1000]

; ---- IN/OUT and the I/O permission bitmap ----
        CLRREC
        V86OK   "v86 iopl0 in allowed port", V86_EFL0, {in al, 0x21}, {mov [ss:V_OUT], al}
        CHKB32  "v86 iopl0 in allowed port value", byte [V_OUT], 0xFF
        V86GP   "v86 iopl0 in denied port", V86_EFL0, 0, in al, 0xA1
        V86GP   "v86 iopl3 in denied port", V86_EFL3, 0, in al, 0xA1
        V86GP   "v86 iopl3 out denied port", V86_EFL3, 0, out 0xA1, al
        mov     edx, 0x20
        V86GP   "v86 iopl3 in dx denied port", V86_EFL3, 0, in al, dx
        V86GP   "v86 iopl3 word in straddling allowed and denied", V86_EFL3, 0, in ax, 0x21
        CLRREC
        mov     eax, 0xFF
        V86OK   "v86 iopl3 out allowed port", V86_EFL3, {out 0x21, al}
        CLRREC
        mov     edx, 0x21
        V86OK   "v86 iopl3 in dx allowed port", V86_EFL3, {in al, dx}, {mov [ss:V_OUT], al}
        CHKB32  "v86 iopl3 in dx allowed port value", byte [V_OUT], 0xFF
        FINISH32

; ---- handlers ------------------------------------------------------------------
bits 32
; #GP (error code pushed): record the frame, then the lib32 recovery
vh13:   mov     [ss:V_HESP], esp
        push    dword 13
        call    vsave
        jmp     lib32_exc_common
; INT 21h through the DPL-3 gate: record, set EAX, IRETD back
vh21:   mov     [ss:V_HESP], esp
        push    dword 0xFFFFFFFF
        push    dword 0x21
        call    vsave
        add     esp, 8
        mov     eax, 0x5A5A5A5A
        iretd
; record 11 dwords from [ESP+4] and the handler's segment registers
vsave:  mov     [ss:V_HDS], ds
        mov     [ss:V_HES], es
        mov     [ss:V_HFS], fs
        mov     [ss:V_HGS], gs
        mov     [ss:V_HSS], ss
        pushfd
        pop     dword [ss:V_HEFL]
        push    eax
        push    ecx
        xor     ecx, ecx
.cp:    mov     eax, [esp+12+ecx*4]
        mov     [ss:V_FRM+ecx*4], eax
        inc     ecx
        cmp     ecx, 11
        jb      .cp
        pop     ecx
        pop     eax
        ret

bits 16
        ROM_END
