; test-roms/pm_debugregs.asm - debug registers and #DB (SDM Vol. 3, 17.2
; "Debug Registers", 17.3.1 "Debug Exception (#DB)", 17.3.1.1 "Instruction-
; Breakpoint Exception Condition", 17.3.1.2 "Data Memory and I/O Breakpoint
; Exception Conditions", 17.3.1.4 "Single-Step Exception Condition"):
; instruction breakpoints in DR0-DR3 (local and global enables) are faults
; before the instruction with DR6.Bn set; the handler sets RF in the saved
; EFLAGS and IRETD resumes without a second #DB, while a breakpoint in a
; loop hits on every pass; data write breakpoints (RW=01) are traps after
; the writing instruction (EIP of the next one, the write done) and ignore
; reads; read/write breakpoints (RW=11) also catch reads; LEN 1/2/4 cover
; the aligned range and catch any overlapping access; single-step (TF)
; traps after one instruction with DR6.BS.
;
; The instruction breakpoints are set on small code snippets copied to RAM
; at 2000h and called through the flat code segment (CS base 0): QEMU 7.2
; crashes (SIGSEGV) when an instruction breakpoint hits code whose CS base
; is not 0, as lib32's code segments (base F0000h) have.
%include "lib32.inc"
; qemu-differs: two write breakpoints dr6 b0 b1: QEMU stops at the first matching watchpoint and reports only its DR6.Bn when one access hits two data breakpoints (SDM Vol. 3 17.2.3: B0-B3 are set for every breakpoint whose condition is met)

SNIP    equ 0x2000      ; RAM copy of snip_start..snip_end
%define SN(x) (SNIP + (x) - snip_start)

; RAM records
DB_CNT  equ 0x1000      ; #DB count
DB_DR6  equ 0x1004      ; DR6 in the handler (last)
DB_EIP  equ 0x1008      ; pushed EIP (last)
DB_EFL  equ 0x100C      ; pushed EFLAGS (last)
DB_HEFL equ 0x1010      ; EFLAGS in the handler
DB_CS   equ 0x1014      ; pushed CS (last)
DB_ECX  equ 0x1018      ; ECX at the #DB (last)
DB_LOG  equ 0x1020      ; pushed EIPs, in order (8 slots)
DR7_ON  equ 0x400       ; DR7 bit 10 (reserved, 1)

; DBRESET: clear the records and DR6.
%macro DBRESET 0
        mov     dword [DB_CNT], 0
        mov     dword [DB_DR6], 0xFFFFFFFF
        mov     dword [DB_EIP], 0xFFFFFFFF
        mov     dword [DB_EFL], 0xFFFFFFFF
        mov     dword [DB_CS], 0xFFFFFFFF
        xor     eax, eax
        mov     dr6, eax
%endmacro

; DRCLR: point DR0-DR3 at addresses nothing touches (DR6.Bn may be set
; for a matching breakpoint even when it is not enabled, SDM 17.2.3).
%macro DRCLR 0
        mov     eax, 0x00F00000
        mov     dr0, eax
        mov     dr1, eax
        mov     dr2, eax
        mov     dr3, eax
%endmacro

; SETDR n, address, dr7: DRn = address, DR7 = dr7 | bit 10.
%macro SETDR 3
        mov     eax, %2
        mov     dr%1, eax
        mov     eax, (%3) | DR7_ON
        mov     dr7, eax
%endmacro

%macro DR7OFF 0
        mov     eax, DR7_ON
        mov     dr7, eax
%endmacro

; IBP n, enable bits, name: instruction breakpoint in DRn on one MOV.
%macro IBP 3
        DRCLR
        DBRESET
        SETDR   %1, SN(sn_one), %2
        mov     ebx, 0
        call    SEL_FCODE0:SN(sn_one)
        DR7OFF
        CHKD32  {%3, " one #db"}, dword [DB_CNT], 1
        CHKD32  {%3, " fault eip at instruction"}, dword [DB_EIP], SN(sn_one)
        CHKD32  {%3, " fault cs"}, dword [DB_CS], SEL_FCODE0
        mov     eax, [DB_DR6]
        and     eax, 0x400F
        CHKD32  {%3, " dr6 b"}, eax, 1 << %1
        CHKD32  {%3, " instruction ran once after rf"}, ebx, 0x1111
%endmacro

; DBW name, count, instruction: with the data breakpoints armed, the
; instruction raises `count` #DB traps.  DBW2 name, count, {setup},
; {instruction}: the same after a setup instruction.
%macro DBW 3+
        DBW2    %1, %2, {nop}, {%3}
%endmacro
%macro DBW2 4
        DBRESET
        %3
        %4
%%a:    nop
        CHKD32  {%1, " count"}, dword [DB_CNT], %2
%if %2
        CHKD32  {%1, " trap eip after instruction"}, dword [DB_EIP], %%a
%endif
%endmacro

main:
        PM_ENTER
        cld
        mov     esi, 0xF0000 + snip_start
        mov     edi, SNIP
        mov     ecx, snip_end - snip_start
        rep     movsb
        SETGATE 1, dbh, SEL_CODE0, 0x8E00
        DR7OFF
        mov     eax, dr7
        CHKD32  "dr7 reads back", eax, DR7_ON
        SETDR   2, 0x12345678, 0x30
        mov     eax, dr2
        CHKD32  "dr2 reads back", eax, 0x12345678
        mov     eax, dr7
        CHKD32  "dr7 reads back enables", eax, DR7_ON | 0x30
        DR7OFF
; ---- instruction breakpoints, DR0-DR3 ----
        IBP     0, 0x01, "dr0 local instruction breakpoint"
        IBP     1, 0x04, "dr1 local instruction breakpoint"
        IBP     2, 0x10, "dr2 local instruction breakpoint"
        IBP     3, 0x40, "dr3 local instruction breakpoint"
        IBP     0, 0x02, "dr0 global instruction breakpoint"
        IBP     3, 0x80, "dr3 global instruction breakpoint"
        DBRESET
        SETDR   0, SN(sn_one), 1
        call    SEL_FCODE0:SN(sn_one)
        DR7OFF
        mov     eax, [DB_EFL]
        and     eax, 0x10000
        CHKD32  "instruction breakpoint pushed eflags rf clear", eax, 0
        mov     eax, [DB_HEFL]
        and     eax, 0x10300
        CHKD32  "instruction breakpoint handler rf tf if clear", eax, 0
        DBRESET
        SETDR   1, 0x00F00000, 0x04             ; no match
        nop
        DR7OFF
        CHKD32  "instruction breakpoint elsewhere no #db", dword [DB_CNT], 0
; a breakpoint in a loop: RF suppresses it once, each pass hits
        DBRESET
        xor     ecx, ecx
        SETDR   1, SN(sn_loop), 0x04
        call    SEL_FCODE0:SN(sn_loop)
        DR7OFF
        CHKD32  "instruction breakpoint in loop hits each pass", dword [DB_CNT], 3
        CHKD32  "instruction breakpoint loop ran 3 times", ecx, 3
        CHKD32  "instruction breakpoint loop eip 1", dword [DB_LOG], SN(sn_loop)
        CHKD32  "instruction breakpoint loop eip 3", dword [DB_LOG+8], SN(sn_loop)
; disabled breakpoint: DRn loaded but L/G clear
        DBRESET
        SETDR   0, SN(sn_one), 0x04
        call    SEL_FCODE0:SN(sn_one)
        DR7OFF
        CHKD32  "instruction breakpoint not enabled no #db", dword [DB_CNT], 0

; ---- data write breakpoint (DR1, RW=01, LEN=4) ----
        DRCLR
        mov     dword [0x1100], 0
        SETDR   1, 0x1100, 0x04 | (0xD << 20)
        DBW     "write breakpoint dword write", 1, mov dword [0x1100], 0xAABBCCDD
        mov     eax, [DB_DR6]
        and     eax, 0x400F
        CHKD32  "write breakpoint dr6 b1", eax, 2
        CHKD32  "write breakpoint write completed", dword [0x1100], 0xAABBCCDD
        mov     eax, [DB_EFL]
        and     eax, 0x10000
        CHKD32  "write breakpoint pushed eflags rf clear", eax, 0
        DBW     "write breakpoint ignores read", 0, mov eax, [0x1100]
        DBW     "write breakpoint byte write in range", 1, mov byte [0x1103], 1
        DBW     "write breakpoint byte write after range", 0, mov byte [0x1104], 1
        DBW2    "write breakpoint push onto watched dword", 1, {mov esp, 0x1104}, {push eax}
        mov     esp, R0_STACK
        DBRESET
        mov     edi, 0x10F8
        mov     ecx, 4
        mov     eax, 0x77777777
        cld
.rs:    rep     stosd
        CHKD32  "write breakpoint rep stosd one #db", dword [DB_CNT], 1
        CHKD32  "write breakpoint rep stosd trap eip at rep", dword [DB_EIP], .rs
        CHKD32  "write breakpoint rep stosd trap ecx after hit iteration", dword [DB_ECX], 1
        CHKD32  "write breakpoint rep stosd completes", ecx, 0
        CHKD32  "write breakpoint rep stosd last dword", dword [0x1104], 0x77777777
        DR7OFF

; ---- read/write breakpoint (DR2, RW=11, LEN=4) ----
        DRCLR
        mov     dword [0x1200], 0x600DF00D
        SETDR   2, 0x1200, 0x10 | (0xF << 24)
        DBW     "read/write breakpoint read", 1, mov eax, [0x1200]
        mov     ebx, eax
        mov     eax, [DB_DR6]
        and     eax, 0x400F
        CHKD32  "read/write breakpoint read dr6 b2", eax, 4
        CHKD32  "read/write breakpoint read value", ebx, 0x600DF00D
        DBW     "read/write breakpoint word read overlapping", 1, mov ax, [0x11FF]
        DBW     "read/write breakpoint write", 1, mov dword [0x1200], 1
        DBW     "read/write breakpoint read-modify-write", 1, inc dword [0x1200]
        DBW     "read/write breakpoint read outside", 0, mov eax, [0x1204]
        DR7OFF

; ---- LEN 2 (DR3 = 1302h, RW=01) ----
        DRCLR
        SETDR   3, 0x1302, 0x40 | (0x5 << 28)
        DBW     "len2 byte write at second byte", 1, mov byte [0x1303], 1
        DBW     "len2 byte write at first byte", 1, mov byte [0x1302], 1
        DBW     "len2 byte write after range", 0, mov byte [0x1304], 1
        DBW     "len2 byte write before range", 0, mov byte [0x1301], 1
        DBW     "len2 word write overlapping low", 1, mov word [0x1301], 1
        DBW     "len2 dword write covering", 1, mov dword [0x1300], 1
        DBW     "len2 word write at range", 1, mov word [0x1302], 1
        mov     eax, [DB_DR6]
        and     eax, 0x400F
        CHKD32  "len2 dr6 b3", eax, 8
        DR7OFF
; ---- LEN 4 (DR0 = 1404h, RW=01) ----
        DRCLR
        SETDR   0, 0x1404, 0x01 | (0xD << 16)
        DBW     "len4 byte write at last byte", 1, mov byte [0x1407], 1
        DBW     "len4 byte write after range", 0, mov byte [0x1408], 1
        DBW     "len4 byte write before range", 0, mov byte [0x1403], 1
        DBW     "len4 word write overlapping low", 1, mov word [0x1403], 1
        DBW     "len4 dword write overlapping high", 1, mov dword [0x1407], 1
        DBW     "len4 word write in middle", 1, mov word [0x1405], 1
        mov     eax, [DB_DR6]
        and     eax, 0x400F
        CHKD32  "len4 dr6 b0", eax, 1
        DR7OFF
; ---- LEN 1 (DR1 = 1501h, RW=01) ----
        DRCLR
        SETDR   1, 0x1501, 0x04 | (0x1 << 20)
        DBW     "len1 byte write", 1, mov byte [0x1501], 1
        DBW     "len1 byte write next", 0, mov byte [0x1502], 1
        DBW     "len1 byte write previous", 0, mov byte [0x1500], 1
        DBW     "len1 word write overlapping", 1, mov word [0x1500], 1
        DR7OFF
; ---- two breakpoints hit by one instruction ----
        DRCLR
        mov     eax, 0x1600
        mov     dr0, eax
        mov     eax, 0x1604
        mov     dr1, eax
        mov     eax, DR7_ON | 0x05 | (0xD << 16) | (0xD << 20)
        mov     dr7, eax
        DBW     "two write breakpoints one instruction", 1, mov dword [0x1602], 1
        mov     eax, [DB_DR6]
        and     eax, 0x400F
        CHKD32  "two write breakpoints dr6 b0 b1", eax, 3
        DR7OFF

; ---- single step ----
        DRCLR
        DBRESET
        pushfd
        or      dword [esp], 0x100
        popfd
.s1:    mov     eax, 1
.s2:    nop
        CHKD32  "single step one #db", dword [DB_CNT], 1
        CHKD32  "single step trap eip after instruction", dword [DB_EIP], .s2
        mov     eax, [DB_DR6]
        and     eax, 0x400F
        CHKD32  "single step dr6 bs", eax, 0x4000
        mov     eax, [DB_EFL]
        and     eax, 0x100
        CHKD32  "single step pushed eflags tf", eax, 0x100
        mov     eax, [DB_HEFL]
        and     eax, 0x100
        CHKD32  "single step handler tf clear", eax, 0
        pushfd
        pop     eax
        and     eax, 0x100
        CHKD32  "single step tf cleared by handler", eax, 0
; single step over a jump: trap at the target
        DBRESET
        pushfd
        or      dword [esp], 0x100
        popfd
        jmp     .s3
        nop
.s3:    nop
        CHKD32  "single step jmp eip at target", dword [DB_EIP], .s3
        FINISH32

; ---- code snippets run from RAM at SNIP through SEL_FCODE0 ----
snip_start:
sn_one: mov     ebx, 0x1111
        retf
sn_loop:
        inc     ecx
        cmp     ecx, 3
        jb      sn_loop
        retf
snip_end:

; ---- #DB handler: record, set RF and clear TF in the saved EFLAGS, IRETD ----
bits 32
dbh:    push    eax
        push    ebx
        pushfd
        pop     dword [ss:DB_HEFL]
        mov     ebx, [ss:DB_CNT]
        inc     dword [ss:DB_CNT]
        mov     [ss:DB_ECX], ecx
        mov     eax, dr6
        mov     [ss:DB_DR6], eax
        mov     eax, [esp+8]
        mov     [ss:DB_EIP], eax
        and     ebx, 7
        mov     [ss:DB_LOG+ebx*4], eax
        mov     eax, [esp+12]
        mov     [ss:DB_CS], eax
        mov     eax, [esp+16]
        mov     [ss:DB_EFL], eax
        cmp     dword [ss:DB_CNT], 8            ; runaway: disarm everything
        jb      .ok
        mov     eax, DR7_ON
        mov     dr7, eax
.ok:    or      dword [esp+16], 0x10000
        and     dword [esp+16], ~0x100
        pop     ebx
        pop     eax
        iretd

bits 16
        ROM_END
