; tests/gdb/gdb_target.asm - the guest the GDB stub tests debug: a 64 KiB
; ROM (mapped at 0xF0000) that enters 32-bit protected mode at once with
; flat segments (so EIP is the linear address), then loops five times:
; ecx += 1, store ecx to VAR, call a subroutine; then exits through the
; debug-exit port 0xF4 with value 0 (trap86 exit status 1).
;
; The tests rely on these fixed linear addresses (keep them in sync with
; run_gdb.sh and gdb_proto.c):
;   0xF1000  pm32: 32-bit entry
;   0xF1100  main loop ("inc ecx")
;   0xF1200  sub: "mov eax, 0x12345678" (5 bytes), add [VAR+4], eax, ret
;   0xF1300  four data words 0xdeadbeef 0x01234567 0x89abcdef 0xcafef00d
;   0x2000   VAR (RAM), 0x2004 VAR+4
bits 16
org 0

ROM_LIN  equ 0xF0000
VAR      equ 0x2000
SEL_CODE equ 0x08
SEL_DATA equ 0x10

start:
        cli
        o32 lgdt [cs:gdtr]
        mov     eax, cr0
        or      al, 1
        mov     cr0, eax
        jmp     dword SEL_CODE:(ROM_LIN + pm32)

        align 8
gdt:    dq 0
        dq 0x00CF9A000000FFFF           ; 0x08: code, base 0, 4 GiB, 32-bit
        dq 0x00CF92000000FFFF           ; 0x10: data, base 0, 4 GiB
gdt_end:
gdtr:   dw gdt_end - gdt - 1
        dd ROM_LIN + gdt

        times 0x1000 - ($ - $$) db 0
bits 32
pm32:                                   ; 0xF1000
        mov     ax, SEL_DATA
        mov     ds, ax
        mov     es, ax
        mov     fs, ax
        mov     gs, ax
        mov     ss, ax
        mov     esp, 0x8000
        xor     ecx, ecx
        mov     dword [VAR], 0
        mov     dword [VAR + 4], 0
        jmp     main_loop

        times 0x1100 - ($ - $$) db 0x90
main_loop:                              ; 0xF1100
        inc     ecx
        mov     [VAR], ecx
        call    sub
        cmp     ecx, 5
        jb      main_loop
        mov     al, 0
        out     0xF4, al
        hlt
        jmp     $

        times 0x1200 - ($ - $$) db 0x90
sub:                                    ; 0xF1200
        mov     eax, 0x12345678
        add     [VAR + 4], eax
        ret

        times 0x1300 - ($ - $$) db 0
data:                                   ; 0xF1300
        dd 0xdeadbeef, 0x01234567, 0x89abcdef, 0xcafef00d

        times 0xFFF0 - ($ - $$) db 0
bits 16
reset:                                  ; F000:FFF0
        jmp     0xF000:start
        times 0x10000 - ($ - $$) db 0
