; test-roms/pm_paging.asm - 32-bit paging with 4 KiB pages (SDM Vol. 3,
; 4.3 "32-Bit Paging", 4.6 "Access Rights", 4.7 "Page-Fault Exceptions",
; 4.8 "Accessed and Dirty Flags", 4.10.4 "Invalidation of TLBs"): reads and
; writes through remapped pages (and the alias through the identity map);
; the accessed flag of the PDE and PTE after a read and the dirty flag after
; a write; #PF error codes and CR2 for not-present PDEs and PTEs (read and
; write), user accesses to supervisor pages (PTE or PDE U/S=0), user writes
; to read-only pages, supervisor writes to read-only pages with CR0.WP=0
; (allowed) and CR0.WP=1 (fault); a dword write or read straddling into a
; not-present page (CR2 = start of the second page, first page untouched);
; INVLPG and a CR3 reload making changed PTEs visible; a #PF in the middle
; of REP MOVSD leaving ECX/ESI/EDI at the faulting iteration.
;
; Layout (physical): page directory 20000h, page table for 0-4 MiB
; (identity, U/S=1 R/W=1) 21000h, page table for 4-8 MiB 22000h, page
; table for 12-16 MiB 23000h; test frames 30000h-3CFFFh.  The 4-8 MiB
; linear window (page k at 400000h + k*1000h, PTE at 22000h + k*4):
;   0 -> 30000h supervisor, writable     7 -> 36000h (INVLPG test)
;   1 -> 31000h user, writable (A/D)     8 -> 38000h (CR3 reload test)
;   2    not present                     9 -> 3A000h (REP MOVSD source)
;   3 -> 33000h supervisor, read-only    A -> 3B000h (REP MOVSD destination)
;   4 -> 34000h user, read-only          B    not present
;   5 -> 35000h user, writable           C -> 3C000h user, writable (INVLPG
;   6    not present                          to not-present)
;                                        D -> 34000h user, read-only
; 8-12 MiB: PDE not present.  12-16 MiB: PDE supervisor, PTE 0 -> 3C000h
; user writable.
%include "lib32.inc"

PD      equ 0x20000
PT0     equ 0x21000
PT1     equ 0x22000
PT3     equ 0x23000
WIN     equ 0x400000
%define PTE(k) (PT1 + (k)*4)
%define LIN(k) (WIN + (k)*0x1000)

; fill a 4 KiB frame with dwords (frame | index*4 ^ tag)
%macro FILLFRAME 2
        mov     edi, %1
        mov     ecx, 1024
        mov     eax, %2
%%l:    mov     [edi], eax
        add     eax, 4
        add     edi, 4
        loop    %%l
%endmacro

; R0PF name, error, cr2, instruction: the instruction at CPL 0 raises #PF.
%macro R0PF 4+
        xor     eax, eax
        mov     cr2, eax
        ARM32   %%r
%%f:    %4
        nop
%%r:    mov     ebx, cr2
        CHKEXC32 %1, 14, %2, %%f
        CHKD32  {%1, " cr2"}, ebx, %3
%endmacro

; R3PF name, error, cr2, instruction: the same at CPL 3.
%macro R3PF 4+
        xor     eax, eax
        mov     cr2, eax
        ARM32   %%r
        RING3   %%u
%%u:    R3_SEGS
%%f:    %4
        int     0x30
%%r:    mov     ebx, cr2
        CHKEXC32 %1, 14, %2, %%f
        CHKD32  {%1, " cr2"}, ebx, %3
        CHKD32  {%1, " pushed cs"}, dword [EXC32_CS], SEL_CODE3|3
%endmacro

; R3OK name, instruction: the instruction runs at CPL 3 without a fault.
%macro R3OK 2+
        ARM32   %%r
        RING3   %%u
%%u:    R3_SEGS
        %2
        int     0x30
%%r:    CHKNOEXC32 %1
%endmacro

main:
        PM_ENTER
        cld
; ---- build the page tables ----
        mov     edi, PD
        xor     eax, eax
        mov     ecx, 4*1024
        rep     stosd                           ; PD, PT0, PT1, PT3 zero
        mov     dword [PD+0*4], PT0 | 7
        mov     dword [PD+1*4], PT1 | 7
        mov     dword [PD+3*4], PT3 | 3         ; supervisor PDE
        mov     edi, PT0
        mov     eax, 7
        mov     ecx, 1024
.id:    stosd
        add     eax, 0x1000
        loop    .id
        mov     dword [PTE(0)], 0x30000 | 3
        mov     dword [PTE(1)], 0x31000 | 7
        mov     dword [PTE(3)], 0x33000 | 1
        mov     dword [PTE(4)], 0x34000 | 5
        mov     dword [PTE(5)], 0x35000 | 7
        mov     dword [PTE(7)], 0x36000 | 3
        mov     dword [PTE(8)], 0x38000 | 3
        mov     dword [PTE(9)], 0x3A000 | 3
        mov     dword [PTE(10)], 0x3B000 | 3
        mov     dword [PTE(12)], 0x3C000 | 7
        mov     dword [PTE(13)], 0x34000 | 5
        mov     dword [PT3], 0x3C000 | 7
        FILLFRAME 0x30000, 0x30000000
        FILLFRAME 0x31000, 0x31000000
        FILLFRAME 0x33000, 0x33000000
        FILLFRAME 0x34000, 0x34000000
        FILLFRAME 0x35000, 0x35000000
        FILLFRAME 0x36000, 0x36000000
        FILLFRAME 0x37000, 0x37000000
        FILLFRAME 0x38000, 0x38000000
        FILLFRAME 0x39000, 0x39000000
        FILLFRAME 0x3A000, 0x3A000000
        FILLFRAME 0x3B000, 0x3B000000
        FILLFRAME 0x3C000, 0x3C000000
; ---- enable paging ----
        mov     eax, PD
        mov     cr3, eax
        mov     eax, cr0
        or      eax, 0x80000000
        mov     cr0, eax
        jmp     short .pg
.pg:    mov     eax, cr0
        and     eax, 0x80000001
        CHKD32  "cr0 pg and pe", eax, 0x80000001
        mov     eax, cr3
        CHKD32  "cr3 reads back", eax, PD
        CHKD32  "identity map read of the gdt", dword [GDT_ADDR+8], 0x0000FFFF
; ---- reads and writes through remapped pages ----
        CHKD32  "remapped page 0 first dword", dword [LIN(0)], 0x30000000
        CHKD32  "remapped page 0 offset 0x7fc", dword [LIN(0)+0x7FC], 0x300007FC
        CHKD32  "remapped page 9 last dword", dword [LIN(9)+0xFFC], 0x3A000FFC
        mov     dword [LIN(0)+0x10], 0xCAFEF00D
        CHKD32  "write through remap visible in identity alias", dword [0x30010], 0xCAFEF00D
        mov     dword [0x30014], 0x12344321
        CHKD32  "identity write visible through remap", dword [LIN(0)+0x14], 0x12344321
; ---- accessed and dirty flags ----
        CHKD32  "pte a/d clear before access", dword [PTE(1)], 0x31000 | 7
        mov     eax, [LIN(1)+0x20]
        CHKD32  "read through page 1", eax, 0x31000020
        CHKD32  "pte accessed after read, not dirty", dword [PTE(1)], 0x31000 | 0x27
        mov     eax, [PD+1*4]
        and     eax, 0x60
        CHKD32  "pde accessed after read", eax, 0x20
        mov     dword [LIN(1)+0x20], 0x5555AAAA
        CHKD32  "pte dirty after write", dword [PTE(1)], 0x31000 | 0x67
        CHKD32  "write through page 1 lands in frame", dword [0x31020], 0x5555AAAA
        mov     eax, [PD+1*4]
        and     eax, 0x40
        CHKD32  "pde dirty flag untouched by write", eax, 0
        mov     eax, [PTE(5)]
        and     eax, 0x60
        CHKD32  "untouched pte has no a/d", eax, 0
; ---- not-present pages ----
        R0PF    "read not-present pte", 0, LIN(2)+8, mov eax, [LIN(2)+8]
        R0PF    "write not-present pte", 2, LIN(2)+0x100, mov dword [LIN(2)+0x100], 1
        R0PF    "read not-present pde", 0, 0x800010, mov eax, [0x800010]
        R0PF    "write not-present pde", 2, 0x9FF000, mov byte [0x9FF000], 1
        R3PF    "cpl3 read not-present pte", 4, LIN(2)+4, mov eax, [LIN(2)+4]
        R3PF    "cpl3 write not-present pte", 6, LIN(2)+4, mov [LIN(2)+4], eax
        mov     eax, [PTE(2)]
        CHKD32  "not-present pte left unchanged", eax, 0
; ---- user/supervisor ----
        R3PF    "cpl3 read supervisor page", 5, LIN(0)+0x40, mov eax, [LIN(0)+0x40]
        R3PF    "cpl3 write supervisor page", 7, LIN(0)+0x44, mov [LIN(0)+0x44], eax
        R3PF    "cpl3 read through supervisor pde", 5, 0xC00008, mov eax, [0xC00008]
        R3OK    "cpl3 read user page", mov eax, [LIN(5)]
        R3OK    "cpl3 write user page", mov dword [LIN(5)+0x80], 0x77777777
        CHKD32  "cpl3 write user page stored", dword [0x35080], 0x77777777
; ---- read-only pages ----
        R3OK    "cpl3 read user read-only page", mov eax, [LIN(4)+0x10]
        R3PF    "cpl3 write user read-only page", 7, LIN(4)+0x10, mov dword [LIN(4)+0x10], 0
        CHKD32  "read-only page unchanged after cpl3 write", dword [0x34010], 0x34000010
        mov     eax, [PTE(4)]
        and     eax, 0x40
        CHKD32  "faulting write leaves pte clean", eax, 0
        mov     eax, cr0
        and     eax, ~0x10000
        mov     cr0, eax
        ARM32   .wp0
        mov     dword [LIN(3)+0x20], 0xD00DFEED
.wp0:   CHKB32  "cpl0 write read-only page wp=0 no fault", byte [EXC32_VEC], 0xFF
        CHKD32  "cpl0 write read-only page wp=0 stored", dword [0x33020], 0xD00DFEED
        CHKD32  "cpl0 write read-only page wp=0 sets dirty", dword [PTE(3)], 0x33000 | 0x61
        mov     dword [PTE(3)], 0x33000 | 1     ; clean again
        mov     eax, cr0
        or      eax, 0x10000
        mov     cr0, eax
        mov     eax, cr3
        mov     cr3, eax
        R0PF    "cpl0 write read-only page wp=1", 3, LIN(3)+0x24, mov dword [LIN(3)+0x24], 0
        CHKD32  "wp=1 faulting write not stored", dword [0x33024], 0x33000024
        ARM32   .wp1r
        mov     eax, [LIN(3)+0x24]
.wp1r:  CHKB32  "cpl0 read read-only page wp=1 no fault", byte [EXC32_VEC], 0xFF
        R3PF    "cpl3 write user read-only page wp=1", 7, LIN(4)+0x18, mov dword [LIN(4)+0x18], 0
        mov     eax, cr0
        and     eax, ~0x10000
        mov     cr0, eax
        mov     eax, cr3
        mov     cr3, eax
; ---- page-straddling accesses ----
        mov     dword [0x35FFC], 0x44332211
        R0PF    "dword write straddling into not-present page", 2, LIN(6), mov dword [LIN(5)+0xFFE], 0xAABBCCDD
        CHKD32  "straddling write leaves first page bytes", dword [0x35FFC], 0x44332211
        R0PF    "dword read straddling into not-present page", 0, LIN(6), mov eax, [LIN(5)+0xFFD]
        R3PF    "cpl3 word write straddling into read-only page", 7, LIN(13), mov word [LIN(13)-1], 0x9988
        CHKD32  "cpl3 straddling write leaves first page bytes", dword [0x3CFFC], 0x3C000FFC
        mov     dword [PTE(6)], 0x37000 | 7     ; now present
        mov     eax, cr3
        mov     cr3, eax
        mov     dword [LIN(5)+0xFFE], 0xAABBCCDD
        CHKD32  "straddling write first page half", dword [0x35FFC], 0xCCDD2211
        CHKW32  "straddling write second page half", word [0x37000], 0xAABB
        mov     eax, [LIN(5)+0xFFD]
        CHKD32  "straddling read assembles both pages", eax, 0xBBCCDD22
        mov     dword [0x37000], 0x37000000
        mov     dword [PTE(6)], 0
        mov     eax, cr3
        mov     cr3, eax
; ---- INVLPG ----
        CHKD32  "invlpg page before change", dword [LIN(7)+8], 0x36000008
        mov     dword [PTE(7)], 0x37000 | 3
        invlpg  [LIN(7)]
        CHKD32  "invlpg makes new frame visible", dword [LIN(7)+8], 0x37000008
        invlpg  [LIN(7)+0x123]
        mov     dword [PTE(7)], 0x36000 | 3
        invlpg  [LIN(7)+0xFFF]
        CHKD32  "invlpg any offset in the page", dword [LIN(7)+8], 0x36000008
        CHKD32  "page 12 mapped before invlpg", dword [LIN(12)+4], 0x3C000004
        mov     dword [PTE(12)], 0
        invlpg  [LIN(12)]
        R0PF    "invlpg then not-present", 0, LIN(12)+4, mov eax, [LIN(12)+4]
; ---- CR3 reload ----
        CHKD32  "cr3 reload page before change", dword [LIN(8)+0x40], 0x38000040
        mov     dword [PTE(8)], 0x39000 | 3
        mov     eax, cr3
        mov     cr3, eax
        CHKD32  "cr3 reload makes new frame visible", dword [LIN(8)+0x40], 0x39000040
; ---- #PF in the middle of REP MOVSD ----
        mov     esi, LIN(9)+0x100
        mov     edi, LIN(10)+0xFF0
        mov     ecx, 8
        xor     eax, eax
        mov     cr2, eax
        ARM32   .rm
.fm:    rep     movsd
        nop
.rm:    mov     [0x1000], ecx
        mov     [0x1004], esi
        mov     [0x1008], edi
        mov     ebx, cr2
        CHKEXC32 "rep movsd page fault", 14, 2, .fm
        CHKD32  "rep movsd page fault cr2", ebx, LIN(11)
        CHKD32  "rep movsd page fault ecx remaining", dword [0x1000], 4
        CHKD32  "rep movsd page fault esi", dword [0x1004], LIN(9)+0x110
        CHKD32  "rep movsd page fault edi", dword [0x1008], LIN(11)
        CHKD32  "rep movsd copied first dword", dword [0x3BFF0], 0x3A000100
        CHKD32  "rep movsd copied fourth dword", dword [0x3BFFC], 0x3A00010C
; resume the copy after mapping the page
        mov     dword [PTE(11)], 0x3C000 | 3
        mov     ecx, [0x1000]
        mov     esi, [0x1004]
        mov     edi, [0x1008]
        rep     movsd
        CHKD32  "rep movsd resumed fifth dword", dword [0x3C000], 0x3A000110
        CHKD32  "rep movsd resumed eighth dword", dword [0x3C00C], 0x3A00011C
        CHKD32  "rep movsd resumed ecx", ecx, 0
; ---- paging off again ----
        mov     eax, cr0
        and     eax, 0x7FFFFFFF
        mov     cr0, eax
        jmp     short .np
.np:    CHKD32  "paging off linear is physical", dword [0x30000], 0x30000000
        FINISH32

bits 16
        ROM_END
