; tests/window/input_rom.asm - a -bios ROM that reads the PS/2 keyboard
; and mouse by polling the 8042 and prints what arrives on the debug
; console (port 0xE9), for tests/window/input.sh to type, move and click
; over trap86's window and read what the guest saw.
;
; Set-up through the 8042 (IBM PS/2 Hardware Interface Technical
; Reference, "Keyboard/Auxiliary Device Controller" and "Pointing Device"):
; command byte 0 (no IRQs: the ROM polls), 0xA8 enables the auxiliary
; port, 0xD4 sends the next byte to the mouse: 0xFF reset (FA AA 00), then
; 0xF4 enable reporting (FA).  Then "MOUSE READY" and, for each 3-byte
; packet (byte 0 bit 3 set; bits 4/5 the signs of X/Y; Y up positive),
; "MOUSE dx dy buttons" in decimal; each keyboard byte (scan code set 2:
; the command byte turns translation off) as "KEY XX" in hex.  Any other
; answer during set-up prints "MOUSE ERROR XX" and the ROM stops.  Runs
; until the emulator is stopped.
%include "lib.inc"

main:
        mov     al, 0x60                ; write the command byte:
        call    kbc_cmd
        xor     al, al                  ; no IRQs, both clocks on, no translation
        call    kbc_data
        mov     al, 0xA8                ; enable the auxiliary port
        call    kbc_cmd
        mov     al, 0xFF                ; reset the mouse
        call    mouse_cmd
        call    read_aux
        mov     ah, 0xAA                ; self-test passed
        call    expect
        call    read_aux
        mov     ah, 0x00                ; device ID 0
        call    expect
        mov     al, 0xF4                ; enable reporting
        call    mouse_cmd
        mov     si, msg_ready
        call    lib_puts
        xor     di, di                  ; bytes of the packet so far
.next:  call    read_byte
        test    ah, 0x20                ; from the auxiliary device?
        jz      .key
        cmp     di, 1
        jb      .first
        je      .second
        mov     dl, al                  ; byte 2: Y
        xor     di, di
        call    put_packet
        jmp     .next
.first: test    al, 0x08                ; byte 0 has bit 3 set: else out of
        jz      .next                   ; step, look for a first byte
        mov     bl, al
        mov     di, 1
        jmp     .next
.second:
        mov     cl, al                  ; byte 1: X
        mov     di, 2
        jmp     .next
.key:   mov     si, msg_key
        call    lib_puts
        push    cx
        mov     cl, 2
        movzx   eax, al
        call    lib_puthex
        pop     cx
        call    lib_newline
        jmp     .next

; print "MOUSE dx dy buttons" for the packet BL (buttons, signs), CL, DL
put_packet:
        mov     si, msg_mouse
        call    lib_puts
        mov     al, cl
        mov     ah, bl
        and     ah, 0x10                ; X sign
        call    put_signed
        mov     al, ' '
        out     0xE9, al
        mov     al, dl
        mov     ah, bl
        and     ah, 0x20                ; Y sign
        call    put_signed
        mov     al, ' '
        out     0xE9, al
        movzx   ax, bl
        and     ax, 7                   ; buttons: 1 left, 2 right, 4 middle
        call    lib_putdec
        jmp     lib_newline

; wait until the controller's input buffer is empty (status bit 1 clear)
kbc_wait:
        push    ax
.busy:  in      al, 0x64
        test    al, 0x02
        jnz     .busy
        pop     ax
        ret

; AL to the command port 0x64
kbc_cmd:
        call    kbc_wait
        out     0x64, al
        ret

; AL to the data port 0x60
kbc_data:
        call    kbc_wait
        out     0x60, al
        ret

; AL to the mouse (0xD4 prefix), then its acknowledgement 0xFA
mouse_cmd:
        push    ax
        mov     al, 0xD4
        call    kbc_cmd
        pop     ax
        call    kbc_data
        call    read_aux
        mov     ah, 0xFA
        ; fall through

; stop with "MOUSE ERROR XX" unless AL == AH
expect:
        cmp     al, ah
        je      .ok
        mov     si, msg_error
        call    lib_puts
        mov     cl, 2
        movzx   eax, al
        call    lib_puthex
        call    lib_newline
.stop:  hlt
        jmp     .stop
.ok:    ret

; the next byte from either device in AL, the status it came with in AH
read_byte:
        in      al, 0x64
        test    al, 0x01                ; output buffer full
        jz      read_byte
        mov     ah, al
        in      al, 0x60
        ret

; the next byte from the mouse in AL (keyboard bytes are dropped)
read_aux:
        call    read_byte
        test    ah, 0x20                ; it came from the auxiliary device
        jz      read_aux
        ret

; print AL as a 9-bit two's complement number whose sign is AH != 0
put_signed:
        movzx   ax, al
        jz      .pos                    ; flags from the caller's AND
        neg     al
        jnz     .neg
        mov     ax, 256                 ; -256: AL 0 with the sign set
.neg:   push    ax
        mov     al, '-'
        out     0xE9, al
        pop     ax
.pos:   call    lib_putdec
        ret

msg_ready:  db "MOUSE READY", 10, 0
msg_mouse:  db "MOUSE ", 0
msg_error:  db "MOUSE ERROR ", 0
msg_key:    db "KEY ", 0

        ROM_END
