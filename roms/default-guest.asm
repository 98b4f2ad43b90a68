; roms/default-guest.asm - trap86's built-in default guest.
;
; A 64 KiB real-mode ROM, run when trap86 is started without -bios.  It
; greets on the debug console (port 0xE9), identifies the CPU the way
; period software did (EFLAGS.AC for 386 vs 486, EFLAGS.ID for CPUID),
; tests conventional memory with two patterns, prints the primes below
; 100, and halts with interrupts disabled, which ends the run with exit
; status 0.  It doubles as a smoke test (test-roms/ has the real ones).
;
; Layout: code at F000:0000; the reset vector at F000:FFF0 jumps to it.

bits 16
org 0

start:
        cli
        cld
        xor     ax, ax
        mov     ss, ax
        mov     sp, 0x7000
        mov     ax, cs
        mov     ds, ax
        mov     si, msg_banner
        call    puts
        call    identify_cpu
        call    memory_test
        call    primes
        mov     si, msg_bye
        call    puts
.halt:  hlt
        jmp     .halt

; puts: print the NUL-terminated string at DS:SI.
puts:
        push    ax
.next:  lodsb
        test    al, al
        jz      .done
        out     0xE9, al
        jmp     .next
.done:  pop     ax
        ret

; putdec: print AX in decimal.
putdec:
        push    ax
        push    bx
        push    cx
        push    dx
        mov     bx, 10
        xor     cx, cx
.div:   xor     dx, dx
        div     bx
        push    dx
        inc     cx
        test    ax, ax
        jnz     .div
.out:   pop     ax
        add     al, '0'
        out     0xE9, al
        loop    .out
        pop     dx
        pop     cx
        pop     bx
        pop     ax
        ret

; identify_cpu: 386 if EFLAGS.AC cannot be toggled; 486 without CPUID if
; EFLAGS.ID cannot; otherwise print the CPUID vendor string and family.
identify_cpu:
        mov     si, msg_cpu
        call    puts
        pushfd
        pop     eax
        mov     ecx, eax
        xor     eax, 1 << 18            ; AC
        push    eax
        popfd
        pushfd
        pop     eax
        xor     eax, ecx
        test    eax, 1 << 18
        jnz     .not386
        mov     si, msg_386
        jmp     .print
.not386:
        mov     eax, ecx
        xor     eax, 1 << 21            ; ID
        push    eax
        popfd
        pushfd
        pop     eax
        xor     eax, ecx
        test    eax, 1 << 21
        jnz     .cpuid
        mov     si, msg_486
        jmp     .print
.cpuid: xor     eax, eax
        cpuid
        mov     si, msg_cpuid
        call    puts
        mov     eax, ebx
        call    put4
        mov     eax, edx
        call    put4
        mov     eax, ecx
        call    put4
        mov     eax, 1
        cpuid
        shr     ax, 8
        and     ax, 0x0F
        mov     si, msg_family
        call    puts
        call    putdec
        mov     si, msg_nl
.print: call    puts
        push    ecx
        popfd
        ret

; put4: print the four characters in EAX, low byte first.
put4:
        push    bx
        mov     bx, 4
.c:     out     0xE9, al
        shr     eax, 8
        dec     bx
        jnz     .c
        pop     bx
        ret

; memory_test: write and read back two patterns over 0x08000-0x9FFFF.
memory_test:
        mov     si, msg_mem
        call    puts
        mov     bx, 0x0800              ; segment, in 16-byte paragraphs
        xor     dx, dx                  ; KiB tested / 4
.seg:   mov     es, bx
        xor     di, di
        mov     cx, 0x0800              ; 4 KiB as words
        mov     ax, 0x55AA
        rep     stosw
        xor     di, di
        mov     cx, 0x0800
        repe    scasw
        jne     .bad
        xor     di, di
        mov     cx, 0x0800
        not     ax
        rep     stosw
        xor     di, di
        mov     cx, 0x0800
        repe    scasw
        jne     .bad
        inc     dx
        add     bx, 0x100
        cmp     bx, 0xA000
        jb      .seg
        mov     ax, dx
        shl     ax, 2
        add     ax, 32                  ; the first 32 KiB hold the stack
        call    putdec
        mov     si, msg_kok
        jmp     puts
.bad:   mov     si, msg_bad
        jmp     puts

; primes: print the primes below 100 by trial division.
primes:
        mov     si, msg_primes
        call    puts
        mov     bx, 2
.cand:  mov     cx, 2
.try:   mov     ax, cx
        mul     cx
        cmp     ax, bx
        ja      .prime
        mov     ax, bx
        xor     dx, dx
        div     cx
        test    dx, dx
        jz      .skip
        inc     cx
        jmp     .try
.prime: mov     ax, bx
        call    putdec
        mov     al, ' '
        out     0xE9, al
.skip:  inc     bx
        cmp     bx, 100
        jb      .cand
        mov     si, msg_nl
        jmp     puts

msg_banner: db "trap86 default guest: a real-mode program in ROM, talking through port 0xE9", 10, 0
msg_cpu:    db "CPU: ", 0
msg_386:    db "386 (EFLAGS.AC is fixed)", 10, 0
msg_486:    db "486 without CPUID (EFLAGS.ID is fixed)", 10, 0
msg_cpuid:  db "CPUID vendor ", 0
msg_family: db ", family ", 0
msg_mem:    db "Conventional memory: ", 0
msg_kok:    db " KiB OK", 10, 0
msg_bad:    db "FAILED", 10, 0
msg_primes: db "Primes below 100: ", 0
msg_nl:     db 10, 0
msg_bye:    db "Done; halting with interrupts disabled.", 10, 0

        times 0xFFF0 - ($ - $$) db 0xFF
reset:  jmp     0xF000:start
        times 0x10000 - ($ - $$) db 0xFF
