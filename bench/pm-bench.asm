; bench/pm-bench.asm - the interpreter benchmark guest.
;
; A 64 KiB ROM (run with -bios) that enters 32-bit flat protected mode and
; runs a fixed loop of ALU, load/store, branch, call/return and stack
; instructions ITERS times, then prints a checksum on port 0xE9 and exits
; through port 0xF4 (QEMU isa-debug-exit) or, on Bochs, its 0x8900
; shutdown port.  Assemble-time parameters:
;   -DITERS=n   loop iterations (0 gives the start-up baseline)
;   -DMODE=m    0: paging off; 1: paging on (identity, 4 KiB pages);
;               2: paging off and a store into the code page every iteration
; The loop body is LOOP_INSNS instructions (15, 16 with MODE 2); the
; script bench/run-bench.sh turns wall time into guest MIPS.
; The loop is copied to RAM so that MODE 2 can store next to it: the
; store lands 256 bytes after the loop, in the same 4 KiB page but not in
; a 64-byte chunk holding code.

%ifndef ITERS
%define ITERS 1000000
%endif
%ifndef MODE
%define MODE 0
%endif

bits 16
org 0

RAM_CODE equ 0x10000            ; loop copied here
PD       equ 0x20000            ; page directory
PT       equ 0x21000            ; page table for 0-4 MiB
DATA     equ 0x30000            ; loop data

start:
        cli
        cld
        mov     al, 0xFF                ; mask both 8259s
        out     0x21, al
        out     0xA1, al
        mov     ax, cs
        mov     ds, ax
        lgdt    [gdt_desc]
        mov     eax, cr0
        or      al, 1
        mov     cr0, eax
        jmp     dword 0x08:(0xF0000 + pm_entry)

bits 32
pm_entry:
        mov     ax, 0x10
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     esp, 0x9000
        ; copy the loop to RAM
        mov     esi, 0xF0000 + loop_start
        mov     edi, RAM_CODE
        mov     ecx, loop_end - loop_start
        rep     movsb
%if MODE == 1
        call    enable_paging
%endif
        mov     eax, 1
        mov     ebx, 3
        xor     ecx, ecx
        mov     esi, DATA
        mov     dword [esi], 0
        mov     dword [esi+4], 0
        xor     edi, edi
        mov     ebp, ITERS
        mov     edx, RAM_CODE           ; absolute: NASM's org is the ROM offset
        call    edx
        ; checksum = eax ^ ecx ^ [DATA+4] ^ edi
        xor     eax, ecx
        xor     eax, [DATA+4]
        xor     eax, edi
        call    print_checksum
        mov     al, 0
        out     0xF4, al                ; QEMU isa-debug-exit
        mov     esi, 0xF0000 + shutdown_str
        mov     dx, 0x8900              ; Bochs shutdown port
.sd:    lodsb
        test    al, al
        jz      .halt
        out     dx, al
        jmp     .sd
.halt:  hlt
        jmp     .halt

; identity-map the first 4 MiB and turn paging on
enable_paging:
        mov     edi, PT
        mov     eax, 0x007              ; present, writable, user
.pte:   stosd
        add     eax, 0x1000
        cmp     edi, PT + 4096
        jb      .pte
        mov     dword [PD], PT | 7
        mov     eax, PD
        mov     cr3, eax
        mov     eax, cr0
        or      eax, 0x80000000
        mov     cr0, eax
        ret

print_checksum:
        mov     edx, eax
        mov     esi, 0xF0000 + cks_str
.s:     lodsb
        test    al, al
        jz      .hex
        out     0xE9, al
        jmp     .s
.hex:   mov     ecx, 8
.h:     rol     edx, 4
        mov     al, dl
        and     al, 0x0F
        add     al, '0'
        cmp     al, '9'
        jbe     .o
        add     al, 7
.o:     out     0xE9, al
        loop    .h
        mov     al, 10
        out     0xE9, al
        ret

; ---- the measured loop (position independent; runs at RAM_CODE) ----
loop_start:
        test    ebp, ebp
        jz      .done
.top:   add     eax, ebx                ; 1
        xor     ecx, eax                ; 2
        mov     [esi], eax              ; 3  store
        mov     edx, [esi+4]            ; 4  load
        add     edx, ecx                ; 5
        mov     [esi+4], edx            ; 6  store
        push    eax                     ; 7
        call    .sub                    ; 8  (+2 in .sub)
        pop     ebx                     ; 11
        rol     ebx, 3                  ; 12
%if MODE == 2
        mov     [RAM_CODE + 256], edi   ; store into the code page
%endif
        inc     edi                     ; 13
        cmp     edi, ebp                ; 14
        jne     .top                    ; 15
.done:  ret
.sub:   lea     eax, [eax + ebx*2 + 1]  ; 9
        ret                             ; 10
loop_end:

cks_str:      db "CHECKSUM ", 0
shutdown_str: db "Shutdown", 0

align 8
gdt:    dq 0
        dq 0x00CF9B000000FFFF           ; 08: flat 32-bit code
        dq 0x00CF93000000FFFF           ; 10: flat 32-bit data
gdt_end:
gdt_desc:
        dw gdt_end - gdt - 1
        dd 0xF0000 + gdt

        times 0xFFF0 - ($ - $$) db 0xFF
bits 16
reset:  jmp     0xF000:start
        times 0x10000 - ($ - $$) db 0xFF
