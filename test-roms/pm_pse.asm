; test-roms/pm_pse.asm - 4 MiB pages with CR4.PSE on the Pentium model
; (SDM Vol. 3, 4.3 "32-Bit Paging", Table 4-5 "Format of a 32-Bit
; Page-Directory Entry that Maps a 4-MByte Page"; 4.8 "Accessed and Dirty
; Flags"): a PDE with PS=1 maps 4 MiB directly; its A bit is set on a read
; and its D bit on a write; a not-present 4 MiB PDE faults with CR2; a
; supervisor-only
; 4 MiB page faults for a user read (error 5).  Runs with -cpu pentium.
%include "lib32.inc"

PD      equ 0x20000
PT0     equ 0x21000
BIG     equ 0x800000                ; linear 8-12 MiB: one 4 MiB page
%define PDE(k) (PD + (k)*4)

main:
        PM_ENTER
        cld
        mov     edi, PD
        xor     eax, eax
        mov     ecx, 2*1024
        rep     stosd
        mov     dword [PDE(0)], PT0 | 7
        mov     edi, PT0
        mov     eax, 7
        mov     ecx, 1024
.id:    stosd
        add     eax, 0x1000
        loop    .id
        mov     dword [PDE(2)], 0x00000000 | 0x80 | 7   ; 8 MiB -> physical 0, user, RW
        mov     dword [PDE(3)], 0x00000000 | 0x80 | 3   ; 12 MiB -> physical 0, supervisor
        mov     dword [0x50000], 0x12345678
        mov     eax, cr4
        or      eax, 0x10                       ; PSE
        mov     cr4, eax
        mov     eax, PD
        mov     cr3, eax
        mov     eax, cr0
        or      eax, 0x80000000
        mov     cr0, eax
; ---- a read through the 4 MiB page ----
        mov     eax, [BIG + 0x50000]
        CHKD32  "pse read through 4mib page", eax, 0x12345678
        mov     eax, [PDE(2)]
        and     eax, 0x60
        CHKD32  "pse pde accessed not dirty after read", eax, 0x20
; ---- a write sets D in the PDE ----
        mov     dword [BIG + 0x50004], 0xCAFEF00D
        CHKD32  "pse write lands in physical memory", dword [0x50004], 0xCAFEF00D
        mov     eax, [PDE(2)]
        and     eax, 0x60
        CHKD32  "pse pde dirty after write", eax, 0x60
; ---- a not-present 4 MiB PDE ----
        xor     eax, eax
        mov     cr2, eax
        ARM32   .r1
.f1:    mov     eax, [BIG + 0x800000 + 0x1234]  ; 16 MiB: PDE 4 not present
.r1:    mov     ebx, cr2
        CHKEXC32 "pse not present pde", 14, 0, .f1
        CHKD32  "pse not present cr2", ebx, BIG + 0x800000 + 0x1234
; ---- user read of a supervisor 4 MiB page ----
        xor     eax, eax
        mov     cr2, eax
        ARM32   .r2
        RING3   .u2
.u2:    R3_SEGS
.f2:    mov     eax, [BIG + 0x400000 + 0x50000]
        int     0x30
.r2:    mov     ebx, cr2
        CHKEXC32 "pse user read of supervisor page", 14, 5, .f2
        CHKD32  "pse user read cr2", ebx, BIG + 0x400000 + 0x50000
; ---- user read of a user 4 MiB page ----
        ARM32   .r3
        RING3   .u3
.u3:    R3_SEGS
        mov     eax, [BIG + 0x50000]
        int     0x30
.r3:    CHKNOEXC32 "pse user read of user page"
        FINISH32

bits 16
        ROM_END
