; test-roms/vga_modex.asm - "mode X": 320x240, 256 colours, unchained (four
; planes: pixel (x, y) is byte y * 80 + (x >> 2) of plane x & 3), set from
; scratch by this ROM (issue 8): mode 13h's registers with chain-4 off
; (SR4 = 06h), byte addressing (CR14h = 00h, CR17h = E3h) and 480-line
; vertical timing (Misc = E3h, CR6/7/10h/11h/12h/15h/16h), as in M. Abrash,
; "Graphics Programming Black Book", ch. 47.  Firmware-free: run as
; `trap86 -bios vga_modex.bin -display none -screendump OUT.png`; the
; expected frame (320x240) is tests/vga/vga_ref.py's "modex".
;
; Pattern (duplicated in tests/vga/vga_ref.py), colour index at (x, y):
;   (((x >> 3) * 8 + (y >> 3)) XOR ((x & 3) << 6)) & FFh
; Attribute palette AR0-ARF = 00h-0Fh (identity), DAC from vga_load_dac.
%include "vga_common.inc"

mode_x:
        db      0xE3
        db      0x01, 0x0F, 0x00, 0x06                  ; SR1-SR4: unchained
        db      0x5F, 0x4F, 0x50, 0x82, 0x54, 0x80, 0x0D, 0x3E ; CR0-CR7
        db      0x00, 0x41, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 ; CR8-CRF
        db      0xEA, 0xAC, 0xDF, 0x28, 0x00, 0xE7, 0x06, 0xE3 ; CR10-CR17
        db      0xFF                                    ; CR18
        db      0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x05, 0x0F, 0xFF ; GR0-GR8
%assign i 0
%rep 16
        db      i                                       ; AR0-ARF
%assign i i+1
%endrep
        db      0x41, 0x00, 0x0F, 0x00, 0x00            ; AR10-AR14

main:
        mov     si, mode_x
        call    vga_set_mode
        call    vga_clear_vram
        mov     si, mode_x
        call    vga_set_mode
        mov     ax, 0xA000
        mov     es, ax
        xor     bp, bp                  ; plane p
.plane: mov     cx, bp
        mov     ah, 1
        shl     ah, cl
        SEQW    2, ah                   ; map mask: plane p only
        xor     di, di
        xor     bx, bx                  ; y
.row:   mov     cx, bp                  ; x = p, p + 4, ...
.pix:   mov     ax, cx
        shr     ax, 3
        shl     ax, 3
        mov     dx, bx
        shr     dx, 3
        add     ax, dx
        mov     dx, cx
        and     dx, 3
        shl     dx, 6
        xor     ax, dx
        stosb
        add     cx, 4
        cmp     cx, 320
        jb      .pix
        inc     bx
        cmp     bx, 240
        jb      .row
        inc     bp
        cmp     bp, 4
        jb      .plane
        SEQW    2, 0x0F
        call    vga_load_dac
        VGA_DONE "vga_modex: drawn"

        ROM_END
