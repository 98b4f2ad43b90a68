; tests/console/paging_target.asm - the target of the paging session
; (tests/console/paging.txt: `page` and `info tab`).  A 64 KiB BIOS image
; for a Pentium (-cpu pentium: CR4.PSE), CS = F000 from the reset vector.
;
; Real mode -> protected mode with flat 4 GiB segments (code base 0, so
; EIP is the linear address 0xF0000 + offset), then page tables in RAM:
;   PD at 0x10000;
;   PDE[0] -> PT 0x11000: linear 0-4 MiB identity, supervisor read/write;
;   PDE[1] -> PT 0x12000 (PDE user, read/write), linear 0x400000 up:
;     pages 0-1 -> 0x200000-0x201FFF supervisor read/write,
;     page 2 -> 0x202000 user read/write, page 3 -> 0x203000 supervisor
;     read-only, page 4 not present, page 5 -> 0x300000 supervisor r/w;
;   PDE[2]: a 4 MiB page (PS) at physical 0x1000000, supervisor r/w;
;   PDE[3] -> PT 0x13000 (PDE supervisor): page 0 -> 0x204000 with a
;     user PTE, so the effective rights are supervisor;
; then CR3, CR4.PSE, CR0.PG, a write to linear 0x400120 (sets PTE A and
; D), and `marker` at offset 0x200 (linear 0xF0200): jmp $ forever.
bits 16
org 0

PD      equ     0x10000
PT0     equ     0x11000
PT1     equ     0x12000
PT3     equ     0x13000

start:
        cli
        lgdt    [cs:gdtr]
        mov     eax, cr0
        or      al, 1
        mov     cr0, eax
        jmp     dword 0x08:(0xF0000 + pm32)

bits 32
pm32:
        mov     ax, 0x10
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     esp, 0x7000
        cld
        mov     edi, PD                 ; clear PD, PT0, PT1, PT3
        mov     ecx, 4 * 1024
        xor     eax, eax
        rep     stosd
        mov     edi, PT0                ; identity map 0-4 MiB
        mov     eax, 0x003
        mov     ecx, 1024
fill:
        stosd
        add     eax, 0x1000
        loop    fill
        mov     dword [PD + 0], PT0 | 0x003
        mov     dword [PD + 4], PT1 | 0x007
        mov     dword [PD + 8], 0x1000000 | 0x083
        mov     dword [PD + 12], PT3 | 0x003
        mov     dword [PT1 + 0], 0x200000 | 0x003
        mov     dword [PT1 + 4], 0x201000 | 0x003
        mov     dword [PT1 + 8], 0x202000 | 0x007
        mov     dword [PT1 + 12], 0x203000 | 0x001
        mov     dword [PT1 + 20], 0x300000 | 0x003
        mov     dword [PT3 + 0], 0x204000 | 0x007
        mov     eax, PD
        mov     cr3, eax
        mov     eax, cr4
        or      eax, 0x10               ; PSE
        mov     cr4, eax
        mov     eax, cr0
        or      eax, 0x80000000         ; PG
        mov     cr0, eax
        jmp     paged
paged:
        mov     dword [0x400120], 0x12345678
        jmp     marker

        times 0x200-($-$$) db 0xFF
marker:
        jmp     marker

align 8
gdt:
        dq      0
        ; 0x08: flat 32-bit code, 4 GiB, DPL 0, accessed
        dw      0xFFFF, 0x0000
        db      0x00, 0x9B, 0xCF, 0x00
        ; 0x10: flat 32-bit data, 4 GiB, DPL 0, accessed
        dw      0xFFFF, 0x0000
        db      0x00, 0x93, 0xCF, 0x00
gdt_end:

gdtr:   dw      gdt_end - gdt - 1
        dd      0xF0000 + gdt

bits 16
        times 0xFFF0-($-$$) db 0xFF
        jmp     0xF000:start
        times 0x10000-($-$$) db 0xFF
