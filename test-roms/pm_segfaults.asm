; test-roms/pm_segfaults.asm - protected-mode segment checks and their
; faults with error codes: segment-register loads (null SS, selector past the
; GDT limit, SS with RPL or DPL != CPL, non-writable SS, code into SS, DS
; with DPL < CPL and RPL > DPL, execute-only code into DS, not-present data
; in DS (#NP) and SS (#SS)), accesses (write to read-only data and to code,
; past a byte-granular limit, expand-down lower/upper bounds, SS-relative
; past the limit (#SS(0)), through a null DS), far JMP to a data segment,
; to a not-present and to a DPL-3 code segment, the answers (and ZF) of
; LAR/LSL/VERR/VERW at CPL 0 and CPL 3, and ARPL.
; qemu-differs: write read-only data: QEMU 7.2 TCG does not check segment limits, rights or null selectors on data accesses (SDM Vol. 3A 5.3, 5.6, 6.3.1)
; qemu-differs: write through cs: QEMU 7.2 TCG does not check segment limits, rights or null selectors on data accesses (SDM Vol. 3A 5.3, 5.6, 6.3.1)
; qemu-differs: write readable code in ds: QEMU 7.2 TCG does not check segment limits, rights or null selectors on data accesses (SDM Vol. 3A 5.3, 5.6, 6.3.1)
; qemu-differs: dword read crossing limit: QEMU 7.2 TCG does not check segment limits, rights or null selectors on data accesses (SDM Vol. 3A 5.3, 5.6, 6.3.1)
; qemu-differs: byte read past limit: QEMU 7.2 TCG does not check segment limits, rights or null selectors on data accesses (SDM Vol. 3A 5.3, 5.6, 6.3.1)
; qemu-differs: expand-down below lower bound: QEMU 7.2 TCG does not check segment limits, rights or null selectors on data accesses (SDM Vol. 3A 5.3, 5.6, 6.3.1)
; qemu-differs: expand-down word straddling lower bound: QEMU 7.2 TCG does not check segment limits, rights or null selectors on data accesses (SDM Vol. 3A 5.3, 5.6, 6.3.1)
; qemu-differs: expand-down word past 64k top: QEMU 7.2 TCG does not check segment limits, rights or null selectors on data accesses (SDM Vol. 3A 5.3, 5.6, 6.3.1)
; qemu-differs: expand-down byte past 64k top: QEMU 7.2 TCG does not check segment limits, rights or null selectors on data accesses (SDM Vol. 3A 5.3, 5.6, 6.3.1)
; qemu-differs: ss-relative read past limit: QEMU 7.2 TCG does not check segment limits, rights or null selectors on data accesses (SDM Vol. 3A 5.3, 5.6, 6.3.1)
; qemu-differs: ss override past limit: QEMU 7.2 TCG does not check segment limits, rights or null selectors on data accesses (SDM Vol. 3A 5.3, 5.6, 6.3.1)
; qemu-differs: read through null ds: QEMU 7.2 TCG does not check segment limits, rights or null selectors on data accesses (SDM Vol. 3A 5.3, 5.6, 6.3.1)
; qemu-differs: write through null es: QEMU 7.2 TCG does not check segment limits, rights or null selectors on data accesses (SDM Vol. 3A 5.3, 5.6, 6.3.1)
; qemu-differs: read through null fs: QEMU 7.2 TCG does not check segment limits, rights or null selectors on data accesses (SDM Vol. 3A 5.3, 5.6, 6.3.1)
%include "lib32.inc"

; LOADFAULT name, sreg, selector, vector, error: load sreg, expect a fault
%macro LOADFAULT 5
        ARM32   %%rec
        mov     ax, %3
%%f:    mov     %2, ax
        int     0x30
%%rec:  CHKEXC32 %1, %4, %5, %%f
%endmacro

; LOADOK name, sreg, selector: the load succeeds (registers restored after)
%macro LOADOK 3
        ARM32   %%rec
        mov     ax, %3
        mov     %2, ax
        int     0x30
%%rec:  CHKNOEXC32 %1
%endmacro

; ACCFAULT name, vector, error, segsetup-sreg, selector, instruction...
%macro ACCFAULT 6+
        ARM32   %%rec
        mov     ax, %5
        mov     %4, ax
%%f:    %6
        int     0x30
%%rec:  CHKEXC32 %1, %2, %3, %%f
%endmacro

%macro ACCOK 4+
        ARM32   %%rec
        mov     ax, %3
        mov     %2, ax
        %4
        int     0x30
%%rec:  CHKNOEXC32 %1
%endmacro

; ZF of the last instruction into EDI (1/0)
%macro ZF_TO_EDI 0
        pushfd
        pop     edi
        shr     edi, 6
        and     edi, 1
%endmacro

main:
        PM_ENTER
; ---- segment register loads at CPL 0 ----
        LOADFAULT "load null ss", ss, 0, 13, 0
        LOADFAULT "load null ss rpl3", ss, 3, 13, 0
        LOADFAULT "load ds past gdt limit", ds, GDT_LIMIT+1, 13, GDT_LIMIT+1
        LOADFAULT "load ss past gdt limit", ss, 0x1F8, 13, 0x1F8
        LOADFAULT "load ds ldt selector no ldt", ds, 0x0C, 13, 0x0C
        LOADFAULT "load ss rpl1 at cpl0", ss, SEL_DATA0|1, 13, SEL_DATA0
        LOADFAULT "load ss dpl1 at cpl0", ss, SEL_DATA1, 13, SEL_DATA1
        LOADFAULT "load ss read-only data", ss, SEL_RODATA, 13, SEL_RODATA
        LOADFAULT "load ss code segment", ss, SEL_CODE0, 13, SEL_CODE0
        LOADFAULT "load ss tss descriptor", ss, SEL_TSS, 13, SEL_TSS
        LOADFAULT "load ss not present", ss, SEL_NOTP, 12, SEL_NOTP
        LOADFAULT "load ds not present", ds, SEL_NOTP, 11, SEL_NOTP
        LOADFAULT "load es not present", es, SEL_NOTP, 11, SEL_NOTP
        LOADFAULT "load ds execute-only code", ds, SEL_XCODE, 13, SEL_XCODE
        LOADFAULT "load fs tss descriptor", fs, SEL_TSS, 13, SEL_TSS
        LOADFAULT "load gs ldt descriptor", gs, SEL_LDT, 13, SEL_LDT
        LOADFAULT "load ds rpl3 dpl0 data", ds, SEL_DATA0|3, 13, SEL_DATA0
        LOADOK  "load ds null", ds, 0
        LOADOK  "load ds readable code", ds, SEL_CODE0
        LOADOK  "load ds conforming code rpl3", ds, SEL_CONF|3
        LOADOK  "load ds dpl1 data at cpl0", ds, SEL_DATA1
        LOADOK  "load ss small writable data", ss, SEL_SMALL
        CHKB32  "not-present load leaves descriptor unaccessed", byte [GDT_ADDR+SEL_NOTP+5], 0x12
        CHKB32  "ds load sets accessed bit", byte [GDT_ADDR+SEL_DATA1+5], 0xB3
; ---- accesses ----
        ACCFAULT "write read-only data", 13, 0, ds, SEL_RODATA, mov dword [0x1000], 1
        ACCOK   "read read-only data", ds, SEL_RODATA, mov eax, [0x1000]
        ACCFAULT "write through cs", 13, 0, ds, SEL_DATA0, mov dword [cs:0x1000], 1
        ACCFAULT "write readable code in ds", 13, 0, ds, SEL_CODE0, mov byte [0x10], 1
        ACCOK   "read last dword below limit", ds, SEL_SMALL, mov eax, [0xAFFC]
        ACCFAULT "dword read crossing limit", 13, 0, ds, SEL_SMALL, mov eax, [0xAFFD]
        ACCFAULT "byte read past limit", 13, 0, es, SEL_SMALL, mov al, [es:0xB000]
        ACCFAULT "expand-down below lower bound", 13, 0, es, SEL_EXPDN, mov al, [es:0x0FFF]
        ACCFAULT "expand-down word straddling lower bound", 13, 0, es, SEL_EXPDN, mov ax, [es:0x0FFF]
        ACCOK   "expand-down at lower bound", es, SEL_EXPDN, mov al, [es:0x1000]
        ACCOK   "expand-down last word", es, SEL_EXPDN, mov ax, [es:0xFFFE]
        ACCFAULT "expand-down word past 64k top", 13, 0, es, SEL_EXPDN, mov ax, [es:0xFFFF]
        ACCFAULT "expand-down byte past 64k top", 13, 0, es, SEL_EXPDN, mov al, [es:0x10000]
        mov     ebp, 0xB000
        ACCFAULT "ss-relative read past limit", 12, 0, ss, SEL_SMALL, mov eax, [ebp]
        ACCFAULT "ss override past limit", 12, 0, ss, SEL_SMALL, mov eax, [ss:0xAFFE]
        ACCOK   "ss-relative read below limit", ss, SEL_SMALL, mov eax, [ebp-4]
        ACCFAULT "read through null ds", 13, 0, ds, 0, mov eax, [0x1000]
        ACCFAULT "write through null es", 13, 0, es, 3, stosb
        ACCFAULT "read through null fs", 13, 0, fs, 0, mov eax, [fs:0x1000]
; ---- far JMP targets ----
        ARM32   .j1
.fj1:   jmp     SEL_DATA0:0
.j1:    CHKEXC32 "far jmp to data segment", 13, SEL_DATA0, .fj1
        ARM32   .j2
.fj2:   jmp     SEL_NOTPC:0
.j2:    CHKEXC32 "far jmp to not-present code", 11, SEL_NOTPC, .fj2
        ARM32   .j3
.fj3:   jmp     (SEL_CODE3|3):.fj3
.j3:    CHKEXC32 "far jmp to dpl3 code at cpl0", 13, SEL_CODE3, .fj3
        ARM32   .j4
.fj4:   jmp     0:0
.j4:    CHKEXC32 "far jmp to null selector", 13, 0, .fj4
        ARM32   .j5
.fj5:   jmp     SEL_CODE0:0x10000
.j5:    CHKEXC32 "far jmp past code limit", 13, 0, .fj5
        ARM32   .j6
        jmp     SEL_CONF:.j6c
.j6c:   int     0x30
.j6:    CHKNOEXC32 "far jmp to conforming code"
; ---- loads at CPL 3 ----
        ARM32   .r1
        RING3   .u1
.u1:    R3_SEGS
        mov     ax, SEL_DATA0|3
.f1:    mov     ds, ax
        int     0x30
.r1:    CHKEXC32 "cpl3 load ds dpl0", 13, SEL_DATA0, .f1
        CHKD32  "cpl3 fault pushed cs", dword [EXC32_CS], SEL_CODE3|3
        CHKD32  "cpl3 fault pushed ss", dword [EXC32_SS], SEL_DATA3|3
        CHKD32  "cpl3 fault pushed esp", dword [EXC32_ESP], R3_STACK
        ARM32   .r2
        RING3   .u2
.u2:    R3_SEGS
        mov     ax, SEL_DATA1|3
.f2:    mov     es, ax
        int     0x30
.r2:    CHKEXC32 "cpl3 load es dpl1", 13, SEL_DATA1, .f2
        ARM32   .r3
        RING3   .u3
.u3:    R3_SEGS
        mov     ax, SEL_DATA3|2
.f3:    mov     ss, ax
        int     0x30
.r3:    CHKEXC32 "cpl3 load ss rpl2", 13, SEL_DATA3, .f3
        ARM32   .r4
        RING3   .u4
.u4:    R3_SEGS
        mov     ax, SEL_CONF|3
        mov     fs, ax
        mov     ax, SEL_DATA3|3
        mov     ss, ax
        int     0x30
.r4:    CHKNOEXC32 "cpl3 load fs conforming and ss dpl3"
; ---- LAR/LSL/VERR/VERW at CPL 0 ----
        mov     cx, SEL_CODE0
        mov     eax, 0xDEADBEEF
        lar     eax, cx
        ZF_TO_EDI
        CHKD32  "lar code0", eax, 0x00409B00
        CHKD32  "lar code0 zf", edi, 1
        mov     cx, SEL_TSS
        lar     eax, cx
        ZF_TO_EDI
        CHKD32  "lar busy tss", eax, 0x00008B00
        CHKD32  "lar busy tss zf", edi, 1
        mov     cx, SEL_NOTP
        lar     eax, cx
        ZF_TO_EDI
        CHKD32  "lar not-present data", eax, 0x00C01200
        CHKD32  "lar not-present data zf", edi, 1
        mov     cx, SEL_RODATA
        lar     ax, cx
        CHKW32  "lar16 read-only data accessed", ax, 0x9100
        mov     eax, 0x11111111
        mov     cx, 0
        lar     eax, cx
        ZF_TO_EDI
        CHKD32  "lar null keeps dest", eax, 0x11111111
        CHKD32  "lar null zf", edi, 0
        mov     cx, GDT_LIMIT+1
        lar     eax, cx
        ZF_TO_EDI
        CHKD32  "lar past gdt limit zf", edi, 0
        mov     cx, SEL_SMALL
        lsl     eax, cx
        ZF_TO_EDI
        CHKD32  "lsl byte-granular limit", eax, 0xAFFF
        CHKD32  "lsl byte-granular zf", edi, 1
        mov     cx, SEL_DATA0
        lsl     eax, cx
        CHKD32  "lsl page-granular limit", eax, 0xFFFFFFFF
        mov     cx, SEL_TSS
        lsl     eax, cx
        CHKD32  "lsl tss limit", eax, 0x67
        mov     eax, 0x22222222
        mov     cx, SEL_LDT|4           ; TI=1, LDTR null
        lsl     eax, cx
        ZF_TO_EDI
        CHKD32  "lsl ldt selector without ldt zf", edi, 0
        CHKD32  "lsl failure keeps dest", eax, 0x22222222
        mov     cx, SEL_CODE0
        verr    cx
        ZF_TO_EDI
        CHKD32  "verr readable code", edi, 1
        mov     cx, SEL_XCODE
        verr    cx
        ZF_TO_EDI
        CHKD32  "verr execute-only code", edi, 0
        mov     cx, SEL_CODE0
        verw    cx
        ZF_TO_EDI
        CHKD32  "verw code", edi, 0
        mov     cx, SEL_RODATA
        verw    cx
        ZF_TO_EDI
        CHKD32  "verw read-only data", edi, 0
        mov     cx, SEL_DATA0
        verw    cx
        ZF_TO_EDI
        CHKD32  "verw writable data", edi, 1
        mov     cx, SEL_TSS
        verr    cx
        ZF_TO_EDI
        CHKD32  "verr tss", edi, 0
        mov     word [0x1200], SEL_DATA1
        verw    word [0x1200]
        ZF_TO_EDI
        CHKD32  "verw memory operand dpl1 data", edi, 1
; ---- LAR/LSL/VERR/VERW at CPL 3 (results stored, checked at CPL 0) ----
        ARM32   .r5
        RING3   .u5
.u5:    R3_SEGS
        mov     cx, SEL_DATA0
        mov     eax, 0x33333333
        lar     eax, cx
        setz    [0x1300]
        mov     [0x1304], eax
        mov     cx, SEL_DATA3|3
        lar     eax, cx
        setz    [0x1308]
        mov     [0x130C], eax
        mov     cx, SEL_CONF
        lar     eax, cx
        setz    [0x1310]
        mov     cx, SEL_DATA1|3
        lsl     eax, cx
        setz    [0x1314]
        mov     cx, SEL_CODE3|3
        verr    cx
        setz    [0x1318]
        mov     cx, SEL_CONF|3
        verr    cx
        setz    [0x131C]
        mov     cx, SEL_DATA3           ; RPL 0 but CPL 3: DPL 3 still ok
        verw    cx
        setz    [0x1320]
        mov     cx, SEL_DATA0|3
        verw    cx
        setz    [0x1324]
        mov     cx, SEL_TSS
        lsl     eax, cx
        setz    [0x1328]
        int     0x30
.r5:    CHKNOEXC32 "cpl3 lar lsl verr verw"
        CHKB32  "cpl3 lar dpl0 data zf", byte [0x1300], 0
        CHKD32  "cpl3 lar dpl0 data keeps dest", dword [0x1304], 0x33333333
        CHKB32  "cpl3 lar dpl3 data zf", byte [0x1308], 1
        CHKD32  "cpl3 lar dpl3 data", dword [0x130C], 0x00C0F300
        CHKB32  "cpl3 lar conforming dpl0 zf", byte [0x1310], 1
        CHKB32  "cpl3 lsl dpl1 data zf", byte [0x1314], 0
        CHKB32  "cpl3 verr dpl3 code zf", byte [0x1318], 1
        CHKB32  "cpl3 verr conforming dpl0 zf", byte [0x131C], 1
        CHKB32  "cpl3 verw dpl3 data zf", byte [0x1320], 1
        CHKB32  "cpl3 verw dpl0 data zf", byte [0x1324], 0
        CHKB32  "cpl3 lsl dpl0 tss zf", byte [0x1328], 0
; ---- ARPL ----
        mov     ax, 0x0010
        mov     bx, 0x0013
        arpl    ax, bx
        ZF_TO_EDI
        CHKW32  "arpl raises rpl", ax, 0x0013
        CHKD32  "arpl raises rpl zf", edi, 1
        mov     ax, 0x0012
        mov     bx, 0x0011
        arpl    ax, bx
        ZF_TO_EDI
        CHKW32  "arpl keeps higher rpl", ax, 0x0012
        CHKD32  "arpl keeps higher rpl zf", edi, 0
        mov     word [0x1400], 0xFFF8
        mov     bx, 0x0002
        arpl    [0x1400], bx
        ZF_TO_EDI
        CHKW32  "arpl memory operand", word [0x1400], 0xFFFA
        CHKD32  "arpl memory operand zf", edi, 1
        FINISH32

bits 16
        ROM_END
