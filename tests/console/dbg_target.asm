; tests/console/dbg_target.asm - the target of the scripted debugger
; sessions (tests/console/*.txt).  A 64 KiB BIOS image, CS = F000 from the
; reset vector.  The sessions rely on the labels' offsets, which
; dbg_target.sym (generated from the NASM map at build time) lists as
; linear addresses for `ldsym`; offsets quoted in the expectation files are
; checked there too, so moving code means updating them.
;
; Real mode: a near CALL to `sub1`, a loop writing word [0x2000] with
; EAX = 1..10, a far CALL to `far_sub` at F000:FF00, then protected mode
; with a GDT and an IDT held in the ROM (accessed bits preset, so the CPU
; never writes them), 32-bit code, and exit through port 0xF4 (status 1).
bits 16
org 0

start:
        cli
        xor     ax, ax
        mov     ds, ax
        mov     ss, ax
        mov     sp, 0x7000
        mov     eax, 5
        call    sub1
after_call:
        xor     eax, eax
loop1:
        inc     eax
        mov     [0x2000], ax
        cmp     eax, 10
        jne     loop1
        call    0xF000:far_sub
after_far:
        lgdt    [cs:gdtr]
        lidt    [cs:idtr]
        mov     eax, cr0
        or      al, 1
        mov     cr0, eax
        jmp     dword 0x08:pm32

sub1:
        mov     bx, 0x1234
        add     ax, bx
        ret

bits 32
pm32:
        mov     ax, 0x10
        mov     ds, ax
        mov     ss, ax
        mov     esp, 0x7000
        mov     ecx, 3
pm_loop:
        dec     ecx
        jnz     pm_loop
        call    pm_sub
pm_exit:
        mov     al, 0
        out     0xF4, al
        hlt

pm_sub:
        mov     edx, 0xCAFE
        ret

pm_int:
        iretd

align 8
gdt:
        dq      0
        ; 0x08: 32-bit code, base F0000, limit FFFF, DPL 0, accessed
        dw      0xFFFF, 0x0000
        db      0x0F, 0x9B, 0x40, 0x00
        ; 0x10: flat 32-bit data, 4 GiB, DPL 0, accessed
        dw      0xFFFF, 0x0000
        db      0x00, 0x93, 0xCF, 0x00
gdt_end:

idt:
        ; vectors 0-1: 32-bit interrupt gates to 0x08:pm_int, DPL 0
        dw      pm_int, 0x08, 0x8E00, 0
        dw      pm_int, 0x08, 0x8E00, 0
        ; vector 2: 32-bit trap gate, DPL 3
        dw      pm_int, 0x08, 0xEF00, 0
idt_end:

gdtr:   dw      gdt_end - gdt - 1
        dd      0xF0000 + gdt
idtr:   dw      idt_end - idt - 1
        dd      0xF0000 + idt

bits 16
        times 0xFF00-($-$$) db 0xFF
far_sub:
        mov     dx, 0x5678
        retf

        times 0xFFF0-($-$$) db 0xFF
        jmp     0xF000:start
        times 0x10000-($-$$) db 0xFF
