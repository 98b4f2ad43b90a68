; test-roms/vga_mode4.asm - VGA mode 04h (CGA-compatible 320x200, 4
; colours, 2 bits per pixel, even scan lines at B8000h and odd ones at
; BA000h) set from scratch by this ROM (issue 8).  Firmware-free: run as
; `trap86 -bios vga_mode4.bin -display none -screendump OUT.png`; the
; expected frame (320x200) is tests/vga/vga_ref.py's "mode4".
;
; Pattern (duplicated in tests/vga/vga_ref.py), pixel value at (x, y):
;   x < 64 or y < 16:  (x + y) & 3                    (diagonal stripes)
;   otherwise:         ((x >> 5) + (y >> 4)) & 3      (32x16 blocks)
; Byte (y & 1) * 2000h + (y >> 1) * 80 + (x >> 2) of B8000h holds pixels
; x & ~3 .. x | 3, leftmost in bits 7-6.  Attribute palette AR0-AR3 =
; 00h, 13h, 15h, 17h (the BIOS's mode 4 values), DAC from vga_load_dac.
%include "vga_common.inc"

mode_4:                                 ; IBM VGA Technical Reference, mode 4
        db      0x63
        db      0x09, 0x03, 0x00, 0x02                  ; SR1-SR4
        db      0x2D, 0x27, 0x28, 0x90, 0x2B, 0x80, 0xBF, 0x1F ; CR0-CR7
        db      0x00, 0xC1, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 ; CR8-CRF
        db      0x9C, 0x8E, 0x8F, 0x14, 0x00, 0x96, 0xB9, 0xA2 ; CR10-CR17
        db      0xFF                                    ; CR18
        db      0x00, 0x00, 0x00, 0x00, 0x00, 0x30, 0x0F, 0x00, 0xFF ; GR0-GR8
        db      0x00, 0x13, 0x15, 0x17, 0x02, 0x04, 0x06, 0x07 ; AR0-AR7
        db      0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17 ; AR8-ARF
        db      0x01, 0x00, 0x03, 0x00, 0x00            ; AR10-AR14

; pixel: BX = y, CX = x -> AL = value (0-3).  Preserves the rest.
pixel:
        cmp     cx, 64
        jb      .stripe
        cmp     bx, 16
        jb      .stripe
        mov     ax, cx
        shr     ax, 5
        push    bx
        shr     bx, 4
        add     ax, bx
        pop     bx
        and     al, 3
        ret
.stripe:
        mov     ax, cx
        add     ax, bx
        and     al, 3
        ret

main:
        mov     si, mode_4
        call    vga_set_mode
        call    vga_clear_vram
        mov     si, mode_4
        call    vga_set_mode
        mov     ax, 0xB800
        mov     es, ax
        xor     bx, bx                  ; y
.row:   mov     di, bx
        shr     di, 1
        imul    di, di, 80
        test    bl, 1
        jz      .even
        add     di, 0x2000
.even:  xor     cx, cx                  ; x
.byte:  xor     dl, dl
.pix:   call    pixel
        shl     dl, 2
        or      dl, al
        inc     cx
        test    cl, 3
        jnz     .pix
        mov     [es:di], dl
        inc     di
        cmp     cx, 320
        jb      .byte
        inc     bx
        cmp     bx, 200
        jb      .row
        call    vga_load_dac
        VGA_DONE "vga_mode4: drawn"

        ROM_END
