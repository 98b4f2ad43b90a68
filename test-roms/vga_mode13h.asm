; test-roms/vga_mode13h.asm - VGA mode 13h (320x200, 256 colours, chain-4:
; byte y * 320 + x of A0000h is pixel (x, y)) set from scratch by this ROM
; with its own 256-entry DAC (issue 8).  Firmware-free: run as
; `trap86 -bios vga_mode13h.bin -display none -screendump OUT.png`; the
; expected frame (320x200) is tests/vga/vga_ref.py's "mode13h".
;
; Pattern (duplicated in tests/vga/vga_ref.py), colour index at (x, y):
;   y < 100:   (x + (y >> 2)) & FFh      (sloping gradient bands)
;   y >= 100:  (x XOR y) & FFh
; Attribute palette AR0-ARF = 00h-0Fh (identity), DAC from vga_load_dac.
%include "vga_common.inc"

mode_13h:                               ; IBM VGA Technical Reference, mode 13h
        db      0x63
        db      0x01, 0x0F, 0x00, 0x0E                  ; SR1-SR4: chain-4
        db      0x5F, 0x4F, 0x50, 0x82, 0x54, 0x80, 0xBF, 0x1F ; CR0-CR7
        db      0x00, 0x41, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 ; CR8-CRF
        db      0x9C, 0x8E, 0x8F, 0x28, 0x40, 0x96, 0xB9, 0xA3 ; CR10-CR17
        db      0xFF                                    ; CR18
        db      0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x05, 0x0F, 0xFF ; GR0-GR8
%assign i 0
%rep 16
        db      i                                       ; AR0-ARF
%assign i i+1
%endrep
        db      0x41, 0x00, 0x0F, 0x00, 0x00            ; AR10-AR14

main:
        mov     si, mode_13h
        call    vga_set_mode
        call    vga_clear_vram
        mov     si, mode_13h
        call    vga_set_mode
        mov     ax, 0xA000
        mov     es, ax
        xor     di, di
        xor     bx, bx                  ; y
.row:   xor     cx, cx                  ; x
.pix:   cmp     bx, 100
        jae     .xor
        mov     ax, bx
        shr     ax, 2
        add     ax, cx
        jmp     .put
.xor:   mov     ax, cx
        xor     ax, bx
.put:   stosb
        inc     cx
        cmp     cx, 320
        jb      .pix
        inc     bx
        cmp     bx, 200
        jb      .row
        call    vga_load_dac
        VGA_DONE "vga_mode13h: drawn"

        ROM_END
