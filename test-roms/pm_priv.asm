; test-roms/pm_priv.asm - privilege rules at CPL 3: with IOPL 0, CLI, STI,
; IN and OUT (no I/O bitmap: the TSS I/O map base is past its limit) raise
; #GP(0); POPF(D) silently keeps IF and IOPL; with IOPL 3, CLI/STI/IN work
; and POPF may change IF but still not IOPL; HLT, LGDT, LIDT, MOV CR0 both
; ways, LMSW and CLTS raise #GP(0) at CPL 3 whatever IOPL.  At CPL 0, POPF
; sets TF and the single-step #DB (vector 1, a trap) comes after the next
; instruction.  (The STI and MOV SS interrupt shadows need an interrupt
; source and are not tested.)
%include "lib32.inc"

; R3GP name, eflags, instruction...: at CPL 3 with the given EFLAGS, the
; instruction raises #GP(0)
%macro R3GP 3+
        ARM32   %%rec
        RING3   %%u, %2
%%u:    R3_SEGS
%%f:    %3
        int     0x30
%%rec:  CHKEXC32 %1, 13, 0, %%f
%endmacro

; R3OK name, eflags, instruction...: no fault
%macro R3OK 3+
        ARM32   %%rec
        RING3   %%u, %2
%%u:    R3_SEGS
        %3
        int     0x30
%%rec:  CHKNOEXC32 %1
%endmacro

; R3POPF name, eflags at entry, value popped, want (EFLAGS & IF|IOPL after)
%macro R3POPF 4
        ARM32   %%rec
        RING3   %%u, %2
%%u:    R3_SEGS
        push    dword %3
        popfd
        pushfd
        pop     dword [0x1100]
        int     0x30
%%rec:  CHKNOEXC32 %1
        mov     eax, [0x1100]
        and     eax, 0x3200
        CHKD32  %1, eax, %4
%endmacro

main:
        PM_ENTER
; ---- IOPL 0 ----
        R3GP    "cpl3 iopl0 cli", 0x002, cli
        R3GP    "cpl3 iopl0 sti", 0x002, sti
        R3GP    "cpl3 iopl0 in imm", 0x002, in al, 0x80
        R3GP    "cpl3 iopl0 in dx", 0x002, in ax, dx
        R3GP    "cpl3 iopl0 out imm", 0x002, out 0x80, al
        R3GP    "cpl3 iopl0 out dx", 0x002, out dx, eax
        R3GP    "cpl3 iopl0 insb", 0x002, insb
        R3GP    "cpl3 iopl0 outsb", 0x002, outsb
        R3POPF  "cpl3 iopl0 popf keeps if=0 and iopl", 0x002, 0x3202, 0x0000
        R3POPF  "cpl3 iopl0 popf keeps if=1", 0x202, 0x002, 0x0200
; ---- IOPL 3 ----
        R3OK    "cpl3 iopl3 cli", 0x3202, cli
        R3OK    "cpl3 iopl3 sti", 0x3002, sti
        R3OK    "cpl3 iopl3 in", 0x3002, in al, 0x80
        R3POPF  "cpl3 iopl3 popf clears if keeps iopl", 0x3202, 0x0002, 0x3000
        R3POPF  "cpl3 iopl3 popf sets if", 0x3002, 0x0202, 0x3200
        ARM32   .r1
        RING3   .u1, 0x3202
.u1:    cli
        pushfd
        pop     dword [ss:0x1104]
        int     0x30
.r1:    CHKD32  "cpl3 iopl3 cli clears if", dword [0x1104], 0x3002
; ---- always privileged ----
        R3GP    "cpl3 iopl3 hlt", 0x3002, hlt
        R3GP    "cpl3 hlt", 0x002, hlt
        R3GP    "cpl3 lgdt", 0x002, lgdt [0x1200]
        R3GP    "cpl3 lidt", 0x002, lidt [0x1200]
        R3GP    "cpl3 mov cr0 read", 0x002, mov eax, cr0
        R3GP    "cpl3 mov cr0 write", 0x002, mov cr0, eax
        R3GP    "cpl3 lmsw", 0x002, lmsw ax
        R3GP    "cpl3 clts", 0x3002, clts
; ---- TF set by POPF at CPL 0 ----
        mov     eax, dr6
        and     eax, ~0x4000
        mov     dr6, eax
        ARM32   .r2
        push    dword 0x102
        popfd
.f2:    nop
.a2:    nop
        nop
.r2:    CHKB32  "popf tf single-step vector", byte [EXC32_VEC], 1
        CHKD32  "popf tf trap after next insn", dword [EXC32_EIP], .a2
        CHKD32  "popf tf pushed eflags", dword [EXC32_EFL], 0x102
        CHKD32  "popf tf handler tf clear", dword [EXC32_HEFL], 0x002
        mov     eax, dr6
        and     eax, 0x4000
        CHKD32  "popf tf dr6 bs", eax, 0x4000
        FINISH32

bits 16
        ROM_END
