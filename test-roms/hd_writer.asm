; test-roms/hd_writer.asm - a hard-disk boot sector that writes without end,
; for the "SIGTERM during guest writes" disk-safety test
; (tests/boot/disk_safety.sh).
;
; Booted by SeaBIOS from -hda with -boot c.  From LBA 64 upwards it fills
; one sector with the dword LBA repeated 128 times, writes it with INT 13h
; AH=43 (extended write, the IDE write has completed when the BIOS returns)
; and only then prints "ACK xxxxxxxx" (the LBA in hex) on port 0xE9.  After
; LBA 16383 it starts again at 64 with the dwords complemented, so every
; ACK line names a sector whose content the script can predict: the last
; ACK for an LBA says what the image must hold there once trap86 has been
; stopped with SIGTERM.  On a BIOS error it prints "ERR" and exits through
; the debug-exit port 0xF4 with 1 (trap86 status 3).
bits 16
org 0x7C00

FIRST   equ 64
LAST    equ 16383

start:
        cli
        xor     ax, ax
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, 0x7C00
        sti
        cld
        mov     [drive], dl
        xor     ebp, ebp                ; pattern XOR mask: 0, then ~0
.pass:  mov     ebx, FIRST
.next:  mov     eax, ebx                ; fill 0x8000 with the dword LBA ^ mask
        xor     eax, ebp
        mov     di, 0x8000
        mov     cx, 128
        rep stosd
        mov     [dap_lba], ebx
        mov     si, dap
        mov     ah, 0x43
        xor     al, al                  ; no verify
        mov     dl, [drive]
        int     0x13
        jc      error
        mov     si, msg_ack
        call    print
        mov     eax, ebx
        call    hex32
        mov     al, 10
        out     0xE9, al
        inc     ebx
        cmp     ebx, LAST
        jbe     .next
        not     ebp
        jmp     .pass

error:
        mov     si, msg_err
        call    print
        mov     al, 1
        out     0xF4, al
.halt:  hlt
        jmp     .halt

; print: the NUL-terminated string at DS:SI to port 0xE9.
print:
        lodsb
        test    al, al
        jz      .done
        out     0xE9, al
        jmp     print
.done:  ret

; hex32: EAX as eight hex digits to port 0xE9 (clobbers EAX, CX, EDX).
hex32:
        mov     edx, eax
        mov     cx, 8
.digit: rol     edx, 4
        mov     al, dl
        and     al, 0x0F
        add     al, '0'
        cmp     al, '9'
        jbe     .out
        add     al, 'A' - '0' - 10
.out:   out     0xE9, al
        loop    .digit
        ret

msg_ack db "ACK ", 0
msg_err db "ERR", 10, 0
drive   db 0
align 4
dap:    db 16, 0
        dw 1                            ; sectors
        dw 0x8000, 0                    ; buffer 0000:8000
dap_lba dd 0, 0

        times 510 - ($ - $$) db 0
        dw 0xAA55
