; test-roms/pm_iobitmap.asm - the TSS I/O permission bitmap and alignment
; checking (SDM Vol. 1, 19.5.2 "I/O Permission Bit Map"; Vol. 3, 6.15
; "Interrupt 17-Alignment Check Exception (#AC)"): at CPL 3 with IOPL 0,
; IN/OUT (immediate and DX forms, INS/OUTS) to ports whose bitmap bits are
; clear run, to ports with a set bit raise #GP(0); a word or dword access
; is allowed only if every covered port's bit is clear (also across a
; bitmap byte boundary); a port whose bitmap bytes reach past the TSS limit
; faults, and so does every port when the I/O map base lies beyond the
; limit; IOPL 3 skips the bitmap.  #AC(0) for a misaligned dword load or
; word store at CPL 3 with CR0.AM=1 and EFLAGS.AC=1; no #AC with either
; clear, at CPL 0, or for an aligned access.
%include "lib32.inc"
; qemu-differs: ac misaligned dword load cpl3: QEMU (TCG) does not implement alignment checking; CR0.AM and EFLAGS.AC have no effect (SDM Vol. 3 6.15: #AC(0))
; qemu-differs: ac misaligned word store cpl3: QEMU (TCG) does not implement alignment checking (SDM Vol. 3 6.15: #AC(0))

; ---- a TSS with an I/O bitmap, appended to lib32's GDT -------------------------
; Bitmap at TSS+68h covers ports 0-3FFh (68h-E7h); the byte at E8h (ports
; 400h-407h) is 00h but is the last byte inside the limit (E8h), so the
; second byte the processor reads for those ports lies beyond the limit.
; Allowed ports: 21h and 2E6h-2EBh (across the 2E7h/2E8h byte boundary).
SEL_IOTSS equ 0x98
IOTSS     equ 0xA000
IO_GDT_LIMIT equ 0x9F
io_gdt_ext:
        DESC    IOTSS, 0xE8, 0x89, 0x00
io_gdt_ext_end:
io_gdtr: dw IO_GDT_LIMIT
         dd GDT_ADDR

V_OUT   equ 0x1100

; ALLOW port: clear the port's bit in the bitmap
%macro ALLOW 1
        and     byte [IOTSS+0x68+((%1)>>3)], ~(1 << ((%1) & 7)) & 0xFF
%endmacro

; R3GP name, instruction: the instruction at CPL 3 (IOPL 0) raises #GP(0).
%macro R3GP 2+
        ARM32   %%r
        RING3   %%u
%%u:    R3_SEGS
%%f:    %2
        int     0x30
%%r:    CHKEXC32 %1, 13, 0, %%f
%endmacro

; R3OK name, eflags, {instruction} [, {instruction}]: the instructions at
; CPL 3 run without a fault.
%macro R3OK 3-4
        ARM32   %%r
        RING3   %%u, %2
%%u:    R3_SEGS
        %3
        %4
        int     0x30
%%r:    CHKNOEXC32 %1
%endmacro

; R3AC name, instruction: #AC(0) at CPL 3 with EFLAGS.AC.
%macro R3AC 2+
        ARM32   %%r
        RING3   %%u, 0x40002
%%u:    R3_SEGS
%%f:    %2
        int     0x30
%%r:    CHKEXC32 %1, 17, 0, %%f
        CHKD32  {%1, " ring3 esp kept"}, dword [EXC32_ESP], R3_STACK
%endmacro

main:
        PM_ENTER
; ---- lib32's TSS: I/O map base 68h = beyond the limit 67h ----
        R3GP    "io map base beyond tss limit denies in", in al, 0x21
        R3GP    "io map base beyond tss limit denies out", out 0x21, al
        R3OK    "iopl3 skips the bitmap", 0x3002, {in al, 0xA1}
; ---- the TSS with a bitmap ----
        mov     esi, 0xF0000 + (io_gdt_ext - $$)
        mov     edi, GDT_ADDR + GDT_LIMIT + 1
        mov     ecx, (io_gdt_ext_end - io_gdt_ext) / 4
        cld
        rep     movsd
        lgdt    [cs:io_gdtr]
        mov     edi, IOTSS
        xor     eax, eax
        mov     ecx, 0x68 / 4
        rep     stosd
        mov     al, 0xFF
        mov     ecx, 0x80
        rep     stosb
        mov     byte [IOTSS+0xE8], 0
        mov     dword [IOTSS+4], TSS_ESP0
        mov     dword [IOTSS+8], SEL_DATA0
        mov     word [IOTSS+0x66], 0x68
        ALLOW   0x21
        ALLOW   0x2E6
        ALLOW   0x2E7
        ALLOW   0x2E8
        ALLOW   0x2E9
        ALLOW   0x2EA
        ALLOW   0x2EB
        mov     ax, SEL_IOTSS
        ltr     ax
        mov     dword [V_OUT], 0
        R3OK    "cpl3 in allowed port", 0x002, {in al, 0x21}, {mov [V_OUT], al}
        CHKB32  "cpl3 in allowed port value", byte [V_OUT], 0xFF
        mov     eax, 0xFF
        R3OK    "cpl3 out allowed port", 0x002, {out 0x21, al}
        mov     edx, 0x21
        R3OK    "cpl3 in dx allowed port", 0x002, {in al, dx}
        R3GP    "cpl3 in denied port", in al, 0xA1
        R3GP    "cpl3 out denied port", out 0xA1, al
        mov     edx, 0x20
        R3GP    "cpl3 in dx denied port", in al, dx
        R3GP    "cpl3 word in allowed then denied port", in ax, 0x21
        mov     edx, 0x2E6
        R3OK    "cpl3 byte in allowed port 2e6", 0x002, {in al, dx}
        mov     edx, 0x2E7
        R3OK    "cpl3 word in across bitmap byte boundary", 0x002, {in ax, dx}
        mov     edx, 0x2E8
        R3OK    "cpl3 dword in all ports allowed", 0x002, {in eax, dx}
        mov     edx, 0x2EA
        R3GP    "cpl3 dword in last port denied", in eax, dx
        mov     edx, 0x2E5
        R3GP    "cpl3 word in first port denied", in ax, dx
        mov     edx, 0x2EB
        R3GP    "cpl3 word out second port denied", out dx, ax
        mov     edx, 0x2E4
        R3GP    "cpl3 dword out straddling denied and allowed", out dx, eax
        mov     edx, 0x21
        mov     esi, 0x1200
        mov     byte [0x1200], 0xFF             ; keep the PIC masked
        R3OK    "cpl3 outsb allowed port", 0x002, {outsb}
        mov     edx, 0xA1
        mov     esi, 0x1200
        R3GP    "cpl3 outsb denied port", outsb
        mov     edx, 0x21
        mov     edi, 0x1204
        mov     byte [0x1204], 0
        R3OK    "cpl3 insb allowed port", 0x002, {insb}
        CHKB32  "cpl3 insb allowed port value", byte [0x1204], 0xFF
        mov     edx, 0xA1
        mov     edi, 0x1208
        R3GP    "cpl3 insb denied port", insb
        mov     edx, 0x400
        R3GP    "cpl3 port bitmap bytes past tss limit", in al, dx
        mov     edx, 0x8000
        R3GP    "cpl3 port far beyond tss limit", in al, dx
        mov     edx, 0xFFFF
        R3GP    "cpl3 port ffff beyond tss limit", in al, dx
        R3OK    "cpl3 iopl3 denied port no bitmap check", 0x3002, {in al, 0xA1}
        mov     edx, 0x400
        R3OK    "cpl3 iopl3 port beyond limit no bitmap check", 0x3002, {in al, dx}
        mov     dword [V_OUT], 0
        ARM32   .r0
        mov     ebx, esp
        in      al, 0xA1
        mov     [V_OUT], al
.r0:    CHKB32  "cpl0 iopl0 denied port no bitmap check", byte [EXC32_VEC], 0xFF
        CHKB32  "cpl0 iopl0 denied port value", byte [V_OUT], 0xFF

; ---- alignment check ----
        mov     eax, cr0
        or      eax, 0x40000                    ; CR0.AM
        mov     cr0, eax
        R3AC    "ac misaligned dword load cpl3", mov eax, [0x1001]
        R3AC    "ac misaligned word store cpl3", mov word [0x1003], 0
        R3OK    "ac aligned dword load cpl3 no fault", 0x40002, {mov eax, [0x1004]}
        R3OK    "ac byte load at odd address no fault", 0x40002, {mov al, [0x1003]}
        R3OK    "ac eflags.ac clear no fault", 0x00002, {mov eax, [0x1001]}
        ARM32   .r1
        push    dword 0x40002
        popfd
        mov     eax, [0x1001]
.r1:    push    dword 0x2
        popfd
        CHKB32  "ac at cpl0 no fault", byte [EXC32_VEC], 0xFF
        mov     eax, cr0
        and     eax, ~0x40000
        mov     cr0, eax
        R3OK    "ac cr0.am clear no fault", 0x40002, {mov eax, [0x1001]}
        FINISH32

bits 16
        ROM_END
