; test-roms/pm_v86mon.asm - a small virtual-8086 monitor (SDM Vol. 3,
; chapter 20 "8086 Emulation": 20.2 "Virtual-8086 Mode", 20.3 "Interrupt
; and Exception Handling in Virtual-8086 Mode", Table 20-2; Vol. 2 CLI, STI,
; PUSHF, POPF, IRET, INT n).  Runs on trap86 with -cpu pentium.
;
; A ring-0 32-bit monitor (GDT, IDT, a TSS with ESP0/SS0, an interrupt
; redirection bitmap and an I/O bitmap denying every port) runs an ordinary
; real-mode guest copied to 0200:0000 in virtual-8086 mode, twice:
;
; 1. IOPL 0, CR4.VME=0: every sensitive instruction traps to the monitor's
;    #GP handler (error code 0), which decodes it at CS:IP and emulates it:
;    INT 21h (AH=02 print DL, AH=30h version), INT 20h (guest exit), other
;    INT n reflected through the guest's IVT (FLAGS/CS/IP on the V86 stack),
;    OUT DX,AL / OUT imm8,AL to port E9h performed by the monitor (the
;    guest's text reaches the debug console this way), port 80h as a probe
;    that records the V86 EFLAGS and the virtual IF, IN AL from virtual
;    ports, and CLI/STI/PUSHF/POPF/IRET on a virtual IF kept by the monitor.
; 2. IOPL 0, CR4.VME=1: INT 21h and INT 60h have clear redirection bits and
;    go through the guest's IVT at linear 0 to real-mode handlers that IRET
;    back (16-bit IRET under VME), CLI/STI/PUSHF/POPF act on EFLAGS.VIF
;    without faulting (checked through PUSHF images and the VIF the monitor
;    sees in the saved EFLAGS at probes), INT 20h has its redirection bit set
;    and still reaches the monitor's #GP handler; OUT/IN still trap.
; The guest computes the same checksum and the same FLAGS images in both
; runs.  Then single-instruction cases under VME: STI, POPF and IRET with
; VIP set and IF=1 -> #GP(0), CLI and POPF(IF=0) with VIP set do not fault,
; PUSHFD (32-bit) still faults, the FLAGS frame pushed by a redirected INT
; with IOPL < 3 (IF = VIF, IOPL 3, VIF cleared) and with IOPL 3 (real IF,
; IF cleared).
;
; QEMU (-cpu pentium) runs the guest of run 2 correctly only because the
; monitor's emulation catches what VME should have handled; the checks that
; tell the two apart differ:
; qemu-differs: vme int 21h not seen by monitor: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme int 21h redirected to ivt handler: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme int 60h not reflected by monitor: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme cli sti pushf popf iret no gp: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme gp traps total: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme saved eflags after cli vif 0 if 1: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme saved eflags after popf if=0 vif 0: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme saved eflags in redirected int handler vif 0: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme cli with vip set eip: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme cli with vip set clears vif only: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme popf if=0 with vip set eip: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme popf if=0 with vip set flags: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme sti without vip eip: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme sti sets vif not if: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme popf if=1 sets vif eip: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme popf if=1 sets vif keeps if iopl: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme pushf image eip: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme pushf image if from vif iopl 3: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme int 61h redirected iopl0 hlt in stub eip: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme int 61h redirected iopl0 esp: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme int 61h redirected iopl0 pushed ip: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme int 61h redirected iopl0 pushed cs: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme int 61h redirected iopl0 pushed flags: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme int 61h redirected iopl0 clears vif keeps if: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme int 61h redirected iopl3 hlt in stub error: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme int 61h redirected iopl3 hlt in stub eip: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme int 61h redirected iopl3 pushed flags: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
; qemu-differs: vme int 61h redirected iopl3 clears if keeps vif: QEMU 7.2 TCG accepts CR4.VME but ignores it in V86 mode (CLI/STI/PUSHF/POPF/IRET/INT n stay IOPL-sensitive, no redirection bitmap); SDM Vol. 3 20.3.3, 20.4
%include "lib32.inc"

; ---- a TSS with interrupt redirection and I/O bitmaps ----------------------------
SEL_IOTSS equ 0x98
IOTSS     equ 0xA000
IOT_REDIR equ 0x68      ; 32-byte redirection bitmap 68h-87h
IOT_IOMAP equ 0x88      ; I/O bitmap 88h-A7h (ports 00-FFh), 0FFh at A8h
V86_GDT_LIMIT equ 0x9F
v86_gdt_ext:
        DESC    IOTSS, 0xA8, 0x89, 0x00
v86_gdt_ext_end:
v86_gdtr: dw V86_GDT_LIMIT
          dd GDT_ADDR

; ---- monitor variables ---------------------------------------------------------------
MON_RAW    equ 0x1800   ; 1: #GP goes to the lib32 recorder (single-instruction tests)
MON_VIF    equ 0x1804   ; the monitor's virtual IF (no VME)
MON_N21    equ 0x1808   ; INT 21h emulated
MON_NOUT   equ 0x180C   ; OUTs to port E9h performed
MON_NIN    equ 0x1810   ; INs emulated
MON_NFLAG  equ 0x1814   ; CLI/STI/PUSHF/POPF/IRET emulated
MON_NREFL  equ 0x1818   ; INT n reflected to the guest IVT
MON_NPROBE equ 0x181C   ; port 80h probes
MON_ERROR  equ 0x1820   ; OR of all #GP error codes
MON_NGP    equ 0x1824   ; #GP traps
MON_AX     equ 0x1828   ; guest AX at exit
MON_TEFL   equ 0x182C   ; saved EFLAGS at exit
MON_TVIF   equ 0x1830   ; MON_VIF at exit
MON_OP     equ 0x1834   ; opcode at exit
MON_OUTLEN equ 0x1838
MON_PROBE  equ 0x1840   ; 8 x (saved EFLAGS, MON_VIF)
MON_OUTBUF equ 0x1900   ; bytes written to port E9h by the guest

GSEG    equ 0x0200      ; guest code/data segment (linear 2000h)
GLIN    equ GSEG * 16
GSS     equ 0x0300      ; guest stack 0300:1000 (linear 3000h-3FFFh)
GSP     equ 0x1000
%define G(x) ((x) - guest_start)
%define GD(x) (GLIN + (x) - guest_start)        ; linear address of guest data

EFL_VM  equ 0x00020000
EFL_VIF equ 0x00080000
EFL_VIP equ 0x00100000

; GUESTGO eflags: IRETD from ring 0 into the guest at 0200:g_main.
%macro GUESTGO 1
        push    dword GSEG                      ; GS
        push    dword GSEG                      ; FS
        push    dword GSEG                      ; DS
        push    dword GSEG                      ; ES
        push    dword GSS                       ; SS
        push    dword GSP                       ; ESP
        push    dword %1                        ; EFLAGS
        push    dword GSEG                      ; CS
        push    dword G(g_main)                 ; EIP
        iretd
%endmacro

; VGO label, eflags: IRETD into V86 at F000:label, SS:SP = 0000:5000.
%macro VGO 2
        push    dword 0
        push    dword 0
        push    dword 0
        push    dword 0
        push    dword 0                         ; SS
        push    dword 0x5000                    ; ESP
        push    dword %2
        push    dword 0xF000
        push    dword %1
        iretd
%endmacro

; VGP name, eflags, instruction...: in V86 (the #GP handler only records),
; the last instruction raises #GP(0) at its own address.
%macro VGP 3-*
        ARM32   %%r
        VGO     %%v, %2
bits 16
%%v:
%rotate 2
%rep %0 - 3
        %1
%rotate 1
%endrep
%%f:    %1
        hlt
bits 32
%rotate 1
%%r:    CHKEXC32 %1, 13, 0, %%f
%endmacro

; VHLT name, eflags, instruction...: the instructions run in V86 without a
; fault and the HLT after them raises #GP(0).
%macro VHLT 3-*
        ARM32   %%r
        VGO     %%v, %2
bits 16
%%v:
%rotate 2
%rep %0 - 2
        %1
%rotate 1
%endrep
%%h:    hlt
bits 32
%%r:    CHKEXC32 %1, 13, 0, %%h
%endmacro

main:
        PM_ENTER
        SETGATE 13, gp_handler, SEL_CODE0, 0x8E00
        mov     esi, 0xF0000 + (v86_gdt_ext - $$)
        mov     edi, GDT_ADDR + GDT_LIMIT + 1
        mov     ecx, (v86_gdt_ext_end - v86_gdt_ext) / 4
        cld
        rep     movsd
        lgdt    [cs:v86_gdtr]
        mov     edi, IOTSS
        xor     eax, eax
        mov     ecx, IOT_REDIR / 4
        rep     stosd
        mov     al, 0xFF
        mov     ecx, 0xA9 - IOT_REDIR
        rep     stosb                   ; no redirection, all ports denied
        mov     dword [IOTSS+4], TSS_ESP0
        mov     dword [IOTSS+8], SEL_DATA0
        mov     word [IOTSS+0x66], IOT_IOMAP
        and     byte [IOTSS+IOT_REDIR+(0x21>>3)], ~(1 << (0x21 & 7))
        and     byte [IOTSS+IOT_REDIR+(0x60>>3)], ~(1 << (0x60 & 7))
        and     byte [IOTSS+IOT_REDIR+(0x61>>3)], ~(1 << (0x61 & 7))
        mov     ax, SEL_IOTSS
        ltr     ax
        ; the guest's IVT at linear 0
        mov     dword [0x21*4], (GSEG << 16) | G(g_int21)
        mov     dword [0x60*4], (GSEG << 16) | G(g_int60)
        mov     dword [0x61*4], 0xF0000000 | (stub61 - $$)

; ==== run 1: IOPL 0, no VME: the monitor emulates ===================================
        call    guest_reset
        ARM32   .t1
        GUESTGO EFL_VM | 0x0202                 ; IOPL 0, IF 1
.t1:    CHKB32  "mon guest exits with int 20h", byte [EXC32_VEC], 0x20
        CHKD32  "mon guest exit eip after int 20h", dword [EXC32_EIP], G(g_exit) + 2
        CHKD32  "mon guest exit cs", dword [EXC32_CS], GSEG
        CHKD32  "mon all gp error codes 0", dword [MON_ERROR], 0
        CHKD32  "mon guest checksum in ax", dword [MON_AX], GUEST_SUM
        CHKD32  "mon int 21h emulated", dword [MON_N21], MSG1_LEN + 1
        CHKD32  "mon int 60h reflected to guest ivt", dword [MON_NREFL], 1
        CHKD32  "mon out e9 performed", dword [MON_NOUT], MSG1_LEN + MSG2_LEN + 1
        call    outbuf_ok
        CHKD32  "mon guest text reached port e9", eax, 1
        CHKD32  "mon in emulated", dword [MON_NIN], 2
        CHKD32  "mon cli sti pushf popf iret emulated", dword [MON_NFLAG], 12
        CHKD32  "mon probes", dword [MON_NPROBE], 5
        CHKD32  "mon gp traps total", dword [MON_NGP], MSG1_LEN + 1 + MSG2_LEN + 1 + 2 + 12 + 5 + 1 + 1
        mov     eax, [MON_TEFL]
        and     eax, EFL_VM | EFL_VIF | 0x3200
        CHKD32  "mon saved eflags at exit vm if", eax, EFL_VM | 0x0200
        CHKD32  "mon virtual if at exit", dword [MON_TVIF], 1
        CHKD32  "mon virtual if after cli", dword [MON_PROBE+0*8+4], 0
        CHKD32  "mon virtual if after sti", dword [MON_PROBE+1*8+4], 1
        CHKD32  "mon virtual if after popf if=0", dword [MON_PROBE+2*8+4], 0
        CHKD32  "mon virtual if after popf if=1", dword [MON_PROBE+3*8+4], 1
        CHKD32  "mon virtual if in reflected int handler", dword [MON_PROBE+4*8+4], 0
        mov     eax, [MON_PROBE+0*8]
        and     eax, EFL_VM | EFL_VIF | 0x3200
        CHKD32  "mon real if stays set after guest cli", eax, EFL_VM | 0x0200
        mov     ebx, 1                          ; 1 = run without VME
        call    guest_checks

; ==== run 2: IOPL 0, CR4.VME=1 =============================================================
        ARM32   .cr4                            ; no CR4 (not a Pentium): stop here
        mov     eax, cr4
        or      eax, 1
        mov     cr4, eax
.cr4:   CHKB32  "mov cr4 sets vme without fault", byte [EXC32_VEC], 0xFF
        cmp     byte [EXC32_VEC], 0xFF
        je      .vme
        FINISH32
.vme:   call    guest_reset
        ARM32   .t2
        GUESTGO EFL_VM | EFL_VIF | 0x0202       ; IOPL 0, IF 1, VIF 1
.t2:    CHKB32  "vme guest int 20h redir bit set to gp", byte [EXC32_VEC], 0x20
        CHKD32  "vme guest exit eip after int 20h", dword [EXC32_EIP], G(g_exit) + 2
        CHKD32  "vme all gp error codes 0", dword [MON_ERROR], 0
        CHKD32  "vme guest checksum in ax", dword [MON_AX], GUEST_SUM
        CHKD32  "vme int 21h not seen by monitor", dword [MON_N21], 0
        CHKW32  "vme int 21h redirected to ivt handler", word [GD(d_n21)], MSG1_LEN + 1
        CHKD32  "vme int 60h not reflected by monitor", dword [MON_NREFL], 0
        CHKD32  "vme out e9 performed", dword [MON_NOUT], MSG1_LEN + MSG2_LEN + 1
        call    outbuf_ok
        CHKD32  "vme guest text reached port e9", eax, 1
        CHKD32  "vme in emulated", dword [MON_NIN], 2
        CHKD32  "vme cli sti pushf popf iret no gp", dword [MON_NFLAG], 0
        CHKD32  "vme probes", dword [MON_NPROBE], 5
        CHKD32  "vme gp traps total", dword [MON_NGP], MSG1_LEN + MSG2_LEN + 1 + 2 + 5 + 1
        mov     eax, [MON_TEFL]
        and     eax, EFL_VM | EFL_VIF | EFL_VIP | 0x3200
        CHKD32  "vme saved eflags at exit vif after sti", eax, EFL_VM | EFL_VIF | 0x0200
        CHKD32  "vme monitor virtual if untouched", dword [MON_TVIF], 1
%macro PROBE 3
        mov     eax, [MON_PROBE+(%2)*8]
        and     eax, EFL_VM | EFL_VIF | EFL_VIP | 0x3200
        CHKD32  %1, eax, %3
%endmacro
        PROBE   "vme saved eflags after cli vif 0 if 1", 0, EFL_VM | 0x0200
        PROBE   "vme saved eflags after sti vif 1", 1, EFL_VM | EFL_VIF | 0x0200
        PROBE   "vme saved eflags after popf if=0 vif 0", 2, EFL_VM | 0x0200
        PROBE   "vme saved eflags after popf if=1 vif 1", 3, EFL_VM | EFL_VIF | 0x0200
        PROBE   "vme saved eflags in redirected int handler vif 0", 4, EFL_VM | 0x0200
        mov     ebx, 2
        call    guest_checks

; ==== single instructions under VME (IOPL 0) ===============================================
        mov     byte [MON_RAW], 1
        VGP     "vme sti with vip set", EFL_VM | EFL_VIP | 0x0202, sti
        mov     eax, [EXC32_EFL]
        and     eax, EFL_VIF | EFL_VIP | 0x0200
        CHKD32  "vme sti with vip set leaves vif", eax, EFL_VIP | 0x0200
        VGP     "vme popf if=1 with vip set", EFL_VM | EFL_VIP | 0x0202, {push word 0x0202}, popf
        VGP     "vme iret if=1 with vip set", EFL_VM | EFL_VIP | 0x0202, {push word 0x0202}, {push word 0xF000}, {push word 0}, iret
        VGP     "vme pushfd 32-bit", EFL_VM | EFL_VIF | 0x0202, o32 pushf
        VGP     "vme popfd 32-bit", EFL_VM | EFL_VIF | 0x0202, {push dword 0x0202}, o32 popf
        VGP     "vme iretd 32-bit", EFL_VM | EFL_VIF | 0x0202, {push dword 0x0202}, {push dword 0xF000}, {push dword 0}, o32 iret
        VGP     "vme int 20h redir bit set", EFL_VM | EFL_VIF | 0x0202, int 0x20
        VHLT    "vme cli with vip set", EFL_VM | EFL_VIF | EFL_VIP | 0x0202, cli
        mov     eax, [EXC32_EFL]
        and     eax, EFL_VIF | EFL_VIP | 0x0200
        CHKD32  "vme cli with vip set clears vif only", eax, EFL_VIP | 0x0200
        VHLT    "vme popf if=0 with vip set", EFL_VM | EFL_VIP | 0x0202, {push word 0x08C3}, popf
        mov     eax, [EXC32_EFL]
        and     eax, EFL_VIF | EFL_VIP | 0x3FFF
        CHKD32  "vme popf if=0 with vip set flags", eax, EFL_VIP | 0x0AC3
        VHLT    "vme sti without vip", EFL_VM | 0x0002, sti
        mov     eax, [EXC32_EFL]
        and     eax, EFL_VIF | EFL_VIP | 0x0200
        CHKD32  "vme sti sets vif not if", eax, EFL_VIF
        VHLT    "vme popf if=1 sets vif", EFL_VM | 0x0002, {push word 0x0A00}, popf
        mov     eax, [EXC32_EFL]
        and     eax, EFL_VIF | 0x3FFF
        CHKD32  "vme popf if=1 sets vif keeps if iopl", eax, EFL_VIF | 0x0802
        VHLT    "vme pushf image", EFL_VM | EFL_VIF | 0x0083, pushf, {pop ax}, {mov [ss:0x1700], ax}
        CHKW32  "vme pushf image if from vif iopl 3", word [0x1700], 0x3283
        ; redirected INT 61h (stub: HLT) with IOPL 0: FLAGS frame IF = VIF, IOPL 3
        ARM32   .r61
        VGO     .v61, EFL_VM | EFL_VIF | 0x02C3
bits 16
.v61:   int     0x61
        hlt
bits 32
.r61:   CHKEXC32 "vme int 61h redirected iopl0 hlt in stub", 13, 0, stub61 - $$
        mov     eax, [EXC32_FRM]                ; lib32 records SS:ESP only for CS RPL != 0
        mov     eax, [eax+12]
        CHKD32  "vme int 61h redirected iopl0 esp", eax, 0x5000 - 6
        CHKW32  "vme int 61h redirected iopl0 pushed ip", word [0x5000-6], .v61 + 2 - $$
        CHKW32  "vme int 61h redirected iopl0 pushed cs", word [0x5000-4], 0xF000
        CHKW32  "vme int 61h redirected iopl0 pushed flags", word [0x5000-2], 0x32C3
        mov     eax, [EXC32_EFL]
        and     eax, EFL_VIF | EFL_VIP | 0x3FFF
        CHKD32  "vme int 61h redirected iopl0 clears vif keeps if", eax, 0x02C3
        ; and with IOPL 3: a real-mode INT (IF cleared, real IF in the image)
        ARM32   .r62
        VGO     .v62, EFL_VM | EFL_VIF | 0x3203
bits 16
.v62:   int     0x61
        hlt
bits 32
.r62:   CHKEXC32 "vme int 61h redirected iopl3 hlt in stub", 13, 0, stub61 - $$
        CHKW32  "vme int 61h redirected iopl3 pushed flags", word [0x5000-2], 0x3203
        mov     eax, [EXC32_EFL]
        and     eax, EFL_VIF | EFL_VIP | 0x3FFF
        CHKD32  "vme int 61h redirected iopl3 clears if keeps vif", eax, EFL_VIF | 0x3003
        mov     byte [MON_RAW], 0
        FINISH32

; ---- ring-0 helpers ----------------------------------------------------------------------
; guest_reset: copy the guest image to 0200:0000, clear the monitor state.
guest_reset:
        pushad
        cld
        mov     esi, 0xF0000 + (guest_start - $$)
        mov     edi, GLIN
        mov     ecx, guest_end - guest_start
        rep     movsb
        mov     edi, MON_RAW
        xor     eax, eax
        mov     ecx, 0x200 / 4
        rep     stosd
        mov     dword [MON_VIF], 1
        popad
        ret

; outbuf_ok: EAX = 1 when the bytes written to port E9h are msg1, msg2, LF.
outbuf_ok:
        push    ecx
        push    esi
        push    edi
        cld
        xor     eax, eax
        cmp     dword [MON_OUTLEN], MSG1_LEN + MSG2_LEN + 1
        jne     .out
        mov     esi, MON_OUTBUF
        mov     edi, 0xF0000 + (g_msg1 - $$)
        mov     ecx, MSG1_LEN
        repe    cmpsb
        jne     .out
        mov     edi, 0xF0000 + (g_msg2 - $$)
        mov     ecx, MSG2_LEN
        repe    cmpsb
        jne     .out
        cmp     byte [esi], 10
        jne     .out
        inc     eax
.out:   pop     edi
        pop     esi
        pop     ecx
        ret

; guest_checks: what the guest stored (the same in both runs).  EBX = run.
%macro GCHK 3
        cmp     ebx, 1
        jne     %%two
        CHKW32  {"mon guest ", %1}, word [GD(%2)], %3
        jmp     %%done
%%two:  CHKW32  {"vme guest ", %1}, word [GD(%2)], %3
%%done:
%endmacro
guest_checks:
        GCHK    "in al dx virtual port", d_in_dx, 0x99 ^ 0xA5
        GCHK    "in al imm virtual port", d_in_imm, 0x98 ^ 0xA5
        GCHK    "int 21h ah=30h ax", d_ver, 0x0A05
        GCHK    "pushf after cli if 0 iopl 3", d_pf_cli, 0x3046
        GCHK    "pushf after sti if 1 iopl 3", d_pf_sti, 0x3246
        GCHK    "pushf after popf if=0 cf", d_pf_popf0, 0x3003
        GCHK    "pushf after popf if=1 zf", d_pf_popf1, 0x3242
        GCHK    "int 60h handler sees flags image", d_60flags, 0x3242
        GCHK    "int 60h handler pushf if 0", d_60inflags, 0x3042
        GCHK    "int 60h handler bx", d_bx60, 0x3333
        GCHK    "pushf after iret from int 60h", d_pf_after60, 0x3242
        GCHK    "checksum stored", d_sum, GUEST_SUM
        ret

; ---- the #GP handler: the monitor ---------------------------------------------------
; Frame after PUSHAD (EBP = ESP): EDI 0, ESI 4, EBP 8, EBX 16, EDX 20, ECX 24,
; EAX 28, error 32, EIP 36, CS 40, EFLAGS 44, ESP 48, SS 52, ES 56, DS 60.
F_EAX equ 28
F_ERR equ 32
F_EIP equ 36
F_CS  equ 40
F_EFL equ 44
F_ESP equ 48
F_SS  equ 52
gp_handler:
        cmp     byte [ss:MON_RAW], 0
        je      .emu
        push    dword 13
        jmp     lib32_exc_common
.emu:   pushad
        mov     ebp, esp
        mov     ax, SEL_DATA0
        mov     ds, ax
        mov     es, ax
        cld
        inc     dword [MON_NGP]
        mov     eax, [ebp+F_ERR]
        or      [MON_ERROR], eax
        movzx   esi, word [ebp+F_CS]
        shl     esi, 4
        movzx   eax, word [ebp+F_EIP]
        add     esi, eax                        ; linear CS:IP
        movzx   eax, byte [esi]
        cmp     al, 0xCD
        je      .int
        cmp     al, 0xEE
        je      .outdx
        cmp     al, 0xE6
        je      .outimm
        cmp     al, 0xEC
        je      .indx
        cmp     al, 0xE4
        je      .inimm
        cmp     al, 0xFA
        je      .cli
        cmp     al, 0xFB
        je      .sti
        cmp     al, 0x9C
        je      .pushf
        cmp     al, 0x9D
        je      .popf
        cmp     al, 0xCF
        je      .iret
        jmp     .exit                           ; HLT or anything else: stop

.int:   movzx   ecx, byte [esi+1]
        add     word [ebp+F_EIP], 2
        cmp     cl, 0x20
        je      .exit
        cmp     cl, 0x21
        jne     .reflect
        inc     dword [MON_N21]
        mov     eax, [ebp+F_EAX]
        cmp     ah, 0x02
        jne     .n30
        mov     al, [ebp+20]                    ; DL
        call    put_e9
        jmp     .resume
.n30:   cmp     ah, 0x30
        jne     .nsup
        mov     word [ebp+F_EAX], 0x0A05
        jmp     .resume
.nsup:  mov     word [ebp+F_EAX], 0xFFFF
        jmp     .resume
.reflect:                                       ; real-mode INT on the V86 stack
        inc     dword [MON_NREFL]
        call    vflags
        call    vpush
        mov     ax, [ebp+F_CS]
        call    vpush
        mov     ax, [ebp+F_EIP]
        call    vpush
        mov     eax, [ecx*4]
        mov     [ebp+F_EIP], ax
        mov     word [ebp+F_EIP+2], 0
        shr     eax, 16
        mov     [ebp+F_CS], eax
        and     dword [ebp+F_EFL], ~0x100       ; TF
        mov     dword [MON_VIF], 0
        jmp     .resume

.outdx: mov     edx, [ebp+20]
        inc     word [ebp+F_EIP]
        jmp     .out
.outimm:
        movzx   edx, byte [esi+1]
        add     word [ebp+F_EIP], 2
.out:   mov     eax, [ebp+F_EAX]
        cmp     dx, 0xE9
        jne     .n_e9
        call    put_e9
        jmp     .resume
.n_e9:  cmp     dx, 0x80
        jne     .resume
        inc     dword [MON_NPROBE]
        movzx   eax, al
        and     eax, 7
        mov     ecx, [ebp+F_EFL]
        mov     [MON_PROBE+eax*8], ecx
        mov     ecx, [MON_VIF]
        mov     [MON_PROBE+eax*8+4], ecx
        jmp     .resume

.indx:  mov     edx, [ebp+20]
        inc     word [ebp+F_EIP]
        jmp     .in
.inimm: movzx   edx, byte [esi+1]
        add     word [ebp+F_EIP], 2
.in:    inc     dword [MON_NIN]
        xor     dl, 0xA5                        ; virtual port: value port^A5h
        mov     [ebp+F_EAX], dl
        jmp     .resume

.cli:   inc     dword [MON_NFLAG]
        mov     dword [MON_VIF], 0
        inc     word [ebp+F_EIP]
        jmp     .resume
.sti:   inc     dword [MON_NFLAG]
        mov     dword [MON_VIF], 1
        inc     word [ebp+F_EIP]
        jmp     .resume
.pushf: inc     dword [MON_NFLAG]
        inc     word [ebp+F_EIP]
        call    vflags
        call    vpush
        jmp     .resume
.popf:  inc     dword [MON_NFLAG]
        inc     word [ebp+F_EIP]
        call    vpop
        call    setvflags
        jmp     .resume
.iret:  inc     dword [MON_NFLAG]
        call    vpop
        mov     [ebp+F_EIP], ax
        mov     word [ebp+F_EIP+2], 0
        call    vpop
        mov     [ebp+F_CS], ax
        call    vpop
        call    setvflags
        jmp     .resume

.exit:  mov     [MON_OP], eax
        mov     eax, [ebp+F_EAX]
        mov     [MON_AX], ax
        mov     eax, [ebp+F_EFL]
        mov     [MON_TEFL], eax
        mov     eax, [MON_VIF]
        mov     [MON_TVIF], eax
        popad
        push    dword 0x20                      ; "guest exited" for the recorder
        jmp     lib32_exc_common

.resume:
        popad
        add     esp, 4                          ; error code
        iretd

; put_e9: perform the guest's OUT E9h, AL and keep a copy.
put_e9: inc     dword [MON_NOUT]
        out     0xE9, al
        mov     edx, [MON_OUTLEN]
        cmp     edx, 0xFF
        jae     .full
        mov     [MON_OUTBUF+edx], al
        inc     dword [MON_OUTLEN]
.full:  ret

; vflags: AX = the guest's virtual FLAGS (IF = virtual IF, IOPL shown as 3).
vflags: mov     eax, [ebp+F_EFL]
        and     eax, 0xFFFF & ~0x3200
        or      eax, 0x3000
        cmp     dword [MON_VIF], 0
        je      .r
        or      eax, 0x0200
.r:     ret

; setvflags: AX = FLAGS image popped by the guest: status flags and DF go to
; the saved EFLAGS, IF to the virtual IF.
setvflags:
        movzx   eax, ax
        mov     edx, eax
        and     eax, 0x0CD5
        and     dword [ebp+F_EFL], ~0x0CD5
        or      [ebp+F_EFL], eax
        shr     edx, 9
        and     edx, 1
        mov     [MON_VIF], edx
        ret

; vpush AX / vpop -> AX on the guest's SS:SP.
vpush:  sub     word [ebp+F_ESP], 2
        movzx   edi, word [ebp+F_SS]
        shl     edi, 4
        movzx   edx, word [ebp+F_ESP]
        mov     [edi+edx], ax
        ret
vpop:   movzx   edi, word [ebp+F_SS]
        shl     edi, 4
        movzx   edx, word [ebp+F_ESP]
        movzx   eax, word [edi+edx]
        add     word [ebp+F_ESP], 2
        ret

; ---- V86 code run from the ROM (CS = F000) ------------------------------------------------
bits 16
stub61: hlt                                     ; IVT 61h: HLT -> #GP to the recorder
        iret

; ---- the guest: ordinary real-mode code, copied to 0200:0000 -----------------------
guest_start:
g_main: mov     ax, cs
        mov     ds, ax
        mov     es, ax
        cld
        ; a line through INT 21h AH=02 (print DL)
        mov     si, G(g_msg1)
.p1:    lodsb
        test    al, al
        jz      .p1d
        mov     dl, al
        mov     ah, 0x02
        int     0x21
        jmp     .p1
.p1d:   ; a line through OUT DX, AL and OUT imm8, AL to port E9h
        mov     si, G(g_msg2)
        mov     dx, 0xE9
.p2:    lodsb
        test    al, al
        jz      .p2d
        out     dx, al
        jmp     .p2
.p2d:   mov     al, 10
        out     0xE9, al
        ; IN from ports the monitor virtualizes
        mov     dx, 0x99
        in      al, dx
        mov     [G(d_in_dx)], al
        in      al, 0x98
        mov     [G(d_in_imm)], al
        ; INT 21h AH=30h returns AX
        mov     ax, 0x3000
        int     0x21
        mov     [G(d_ver)], ax
        sub     cx, cx                          ; ZF PF, other status flags 0
        ; the interrupt flag, as the guest sees it
        cli
        mov     al, 0
        out     0x80, al                        ; probe 0
        pushf
        pop     word [G(d_pf_cli)]
        sti
        mov     al, 1
        out     0x80, al                        ; probe 1
        pushf
        pop     word [G(d_pf_sti)]
        push    word 0x0001                     ; IF 0, CF 1
        popf
        pushf
        pop     word [G(d_pf_popf0)]
        mov     al, 2
        out     0x80, al                        ; probe 2
        push    word 0x0240                     ; IF 1, ZF 1
        popf
        pushf
        pop     word [G(d_pf_popf1)]
        mov     al, 3
        out     0x80, al                        ; probe 3
        ; a software interrupt to the guest's own handler (IVT 60h)
        mov     bx, 0x1111
        int     0x60
        mov     [G(d_bx60)], bx
        pushf
        pop     word [G(d_pf_after60)]
        ; real-mode arithmetic and string work: a checksum
        mov     di, G(d_buf)
        xor     cx, cx
        mov     al, 11
.f:     stosb
        add     al, 37
        inc     cx
        cmp     cx, 256
        jb      .f
        mov     si, G(d_buf)
        mov     di, G(d_buf2)
        mov     cx, 128
        rep     movsw
        mov     si, G(d_buf2)
        mov     cx, 256
        xor     bx, bx                          ; s1
        xor     dx, dx                          ; s2
.c:     lodsb
        xor     ah, ah
        add     bx, ax
        add     dx, bx
        loop    .c
        mov     ax, dx
        rol     ax, 5
        xor     ax, bx
        mov     cx, 3
        mul     cx                              ; DX:AX = 3 * ((s2 rol 5) ^ s1)
        mov     cx, 13
        div     cx                              ; AX = quotient, DX = remainder
        shl     dx, 12
        xor     ax, dx
        mov     [G(d_sum)], ax
        sti
g_exit: int     0x20
        hlt

; IVT 21h: the "DOS" stub (reached through VME redirection in run 2)
g_int21:
        cmp     ah, 0x02
        jne     .n2
        push    ax
        push    dx
        mov     al, dl
        mov     dx, 0xE9
        out     dx, al                          ; traps: the monitor performs it
        pop     dx
        pop     ax
        inc     word [cs:G(d_n21)]
        iret
.n2:    cmp     ah, 0x30
        jne     .n3
        mov     ax, 0x0A05
        inc     word [cs:G(d_n21)]
        iret
.n3:    mov     ax, 0xFFFF
        iret

; IVT 60h: record the FLAGS image and the FLAGS inside, BX += 2222h
g_int60:
        push    bp
        mov     bp, sp
        push    ax
        mov     ax, [bp+6]
        mov     [cs:G(d_60flags)], ax
        pushf
        pop     word [cs:G(d_60inflags)]
        mov     al, 4
        out     0x80, al                        ; probe 4
        add     bx, 0x2222
        pop     ax
        pop     bp
        iret

g_msg1: db      "v86 guest: printed through int 21h ah=02", 10
MSG1_LEN equ $ - g_msg1
        db      0
g_msg2: db      "v86 guest: printed through out to port e9"
MSG2_LEN equ $ - g_msg2
        db      0
d_in_dx:        dw 0
d_in_imm:       dw 0
d_ver:          dw 0
d_pf_cli:       dw 0
d_pf_sti:       dw 0
d_pf_popf0:     dw 0
d_pf_popf1:     dw 0
d_60flags:      dw 0
d_60inflags:    dw 0
d_bx60:         dw 0
d_pf_after60:   dw 0
d_sum:          dw 0
d_n21:          dw 0
d_buf:          times 256 db 0
d_buf2:         times 256 db 0
guest_end:

; the checksum the guest computes, for the monitor's check
GUEST_SUM equ 0xAEAB

        ROM_END
