; test-roms/vga_mode12h.asm - VGA mode 12h (640x480, 16 colours, four
; planes: pixel (x, y) is bit 7 - (x & 7) of byte y * 80 + (x >> 3) in
; plane p = colour bit p) set from scratch by this ROM, drawn through each
; of the graphics controller's write modes 0-3 in its own screen region,
; with set/reset, enable set/reset, data rotate, logical functions, bit
; mask, map mask and the latches, and read modes 0 and 1 (issue 8).
; Firmware-free: run as `trap86 -bios vga_mode12h.bin -display none
; -screendump OUT.png`; the expected frame (640x480) is
; tests/vga/vga_ref.py's "mode12h".  Register semantics: IBM VGA Technical
; Reference, Graphics Controller registers (Set/Reset, Enable Set/Reset,
; Color Compare, Data Rotate, Read Map Select, Graphics Mode, Color Don't
; Care, Bit Mask) and Sequencer Map Mask.
;
; Regions (bx = byte column 0-79, "left" = bx < 40, "right" = bx >= 40);
; duplicated in tests/vga/vga_ref.py:
; band 0, y 0-119, write mode 0:
;   left:  colour ((x >> 1) + (y >> 3)) & 15, written one plane at a time
;          (map mask 1 << p, plain write mode 0)
;   right: all planes = B = ((bx * 7) XOR y) & FFh (map mask 0Fh); then for
;          y 60-119: read (latches = B), write D = (bx + 3y) & FFh with
;          enable set/reset 05h, set/reset 04h, rotate 3, XOR, bit mask F0h
;          (even y) or 3Ch (odd y)
; band 1, y 120-239:
;   left:  write mode 1 copy, map mask 0Bh: byte (bx, y) <- latches read
;          at ((bx + 35) mod 40, y - 120)
;   right, y 120-179: read mode 1, colour compare 04h, colour don't care
;          0Ch, of (bx, y - 60); the result written (write mode 0) to all
;          planes
;   right, y 180-239: read mode 0, read map p, of (bx, y - 120), written
;          to plane (p + 1) & 3 (map mask)
; band 2, y 240-359, write mode 2:
;   left:  pixel by pixel: bit mask 80h >> (x & 7), read, write colour
;          ((x + y) >> 2) & 15
;   right: colour (y >> 3) & 15 (bit mask FFh); then OR with (bx >> 2) & 15
;          under bit mask 3Ch; then for y 300-359 AND with 09h under bit
;          mask 81h (each after a read)
; band 3, y 360-479, write mode 3 over a write mode 2 fill of colour
;   (bx >> 3) & 15, enable set/reset 0 (ignored by write mode 3):
;   left:  set/reset (y >> 2) & 15, rotate 1, replace, bit mask FFh, data
;          (bx * 25h + y) & FFh
;   right: set/reset (y >> 3) & 15, rotate 2, AND, bit mask F0h, data
;          (bx XOR 5y) & FFh
; Attribute palette: the BIOS's 00 01 02 03 04 05 14 07 38-3F; DAC from
; vga_load_dac.
%include "vga_common.inc"

mode_12h:                               ; IBM VGA Technical Reference, mode 12h
        db      0xE3
        db      0x01, 0x0F, 0x00, 0x06                  ; SR1-SR4
        db      0x5F, 0x4F, 0x50, 0x82, 0x54, 0x80, 0x0B, 0x3E ; CR0-CR7
        db      0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 ; CR8-CRF
        db      0xEA, 0x8C, 0xDF, 0x28, 0x00, 0xE7, 0x04, 0xE3 ; CR10-CR17
        db      0xFF                                    ; CR18
        db      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x0F, 0xFF ; GR0-GR8
        db      0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07 ; AR0-AR7
        db      0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F ; AR8-ARF
        db      0x01, 0x00, 0x0F, 0x00, 0x00            ; AR10-AR14

; DI = y * 80 + bx for BX = y, SI = bx.  Clobbers nothing else.
%macro ADDR 0
        imul    di, bx, 80
        add     di, si
%endmacro

main:
        mov     si, mode_12h
        call    vga_set_mode
        call    vga_clear_vram
        mov     si, mode_12h
        call    vga_set_mode
        mov     ax, 0xA000
        mov     es, ax

; ---- band 0 left: one plane at a time ----------------------------------------
        xor     bp, bp                  ; plane p
.b0l_plane:
        mov     cx, bp
        mov     ah, 1
        shl     ah, cl
        SEQW    2, ah
        xor     bx, bx                  ; y
.b0l_row:
        xor     si, si                  ; bx
.b0l_byte:
        mov     di, si
        shl     di, 3                   ; x
        xor     dl, dl                  ; the plane byte
.b0l_bit:
        mov     ax, di
        shr     ax, 1
        mov     cx, bx
        shr     cx, 3
        add     ax, cx
        and     al, 15                  ; colour
        mov     cx, bp
        shr     al, cl
        and     al, 1
        shl     dl, 1
        or      dl, al
        inc     di
        test    di, 7
        jnz     .b0l_bit
        ADDR
        mov     [es:di], dl
        inc     si
        cmp     si, 40
        jb      .b0l_byte
        inc     bx
        cmp     bx, 120
        jb      .b0l_row
        inc     bp
        cmp     bp, 4
        jb      .b0l_plane
        SEQW    2, 0x0F

; ---- band 0 right: plain fill, then set/reset + rotate + XOR + bit mask ------
        xor     bx, bx
.b0r_row:
        mov     si, 40
.b0r_byte:
        imul    ax, si, 7
        xor     ax, bx
        ADDR
        mov     [es:di], al
        inc     si
        cmp     si, 80
        jb      .b0r_byte
        inc     bx
        cmp     bx, 120
        jb      .b0r_row

        GCW     0, 0x04                 ; set/reset 0100b
        GCW     1, 0x05                 ; enable set/reset: planes 0 and 2
        GCW     3, 0x1B                 ; XOR, rotate right 3
        mov     bx, 60
.b0x_row:
        mov     ah, 0xF0
        test    bl, 1
        jz      .b0x_mask
        mov     ah, 0x3C
.b0x_mask:
        GCW     8, ah
        mov     si, 40
.b0x_byte:
        ADDR
        mov     al, [es:di]             ; load the latches
        imul    ax, bx, 3
        add     ax, si
        mov     [es:di], al
        inc     si
        cmp     si, 80
        jb      .b0x_byte
        inc     bx
        cmp     bx, 120
        jb      .b0x_row
        GCW     0, 0x00
        GCW     1, 0x00
        GCW     3, 0x00
        GCW     8, 0xFF

; ---- band 1 left: write mode 1 copy through the latches, map mask 0Bh --------
        GCW     5, 0x01
        SEQW    2, 0x0B
        mov     bx, 120
.b1l_row:
        xor     si, si
.b1l_byte:
        lea     ax, [si+35]
        cmp     ax, 40
        jb      .b1l_src
        sub     ax, 40
.b1l_src:
        imul    di, bx, 80
        add     di, ax
        sub     di, 120 * 80
        mov     al, [es:di]             ; latches <- source
        ADDR
        mov     [es:di], al             ; the data is not used
        inc     si
        cmp     si, 40
        jb      .b1l_byte
        inc     bx
        cmp     bx, 240
        jb      .b1l_row
        SEQW    2, 0x0F

; ---- band 1 right, y 120-179: read mode 1 (colour compare) -------------------
        GCW     5, 0x08                 ; read mode 1, write mode 0
        GCW     2, 0x04                 ; colour compare 0100b
        GCW     7, 0x0C                 ; compare planes 2 and 3 only
        mov     bx, 120
.b1c_row:
        mov     si, 40
.b1c_byte:
        ADDR
        mov     al, [es:di - 60 * 80]
        mov     [es:di], al
        inc     si
        cmp     si, 80
        jb      .b1c_byte
        inc     bx
        cmp     bx, 180
        jb      .b1c_row
        GCW     5, 0x00
        GCW     2, 0x00
        GCW     7, 0x0F

; ---- band 1 right, y 180-239: read map p -> plane p + 1 ----------------------
        xor     bp, bp
.b1m_plane:
        mov     ax, bp
        mov     ah, al
        GCW     4, ah                   ; read map select p
        mov     cx, bp
        inc     cx
        and     cl, 3
        mov     ah, 1
        shl     ah, cl
        SEQW    2, ah                   ; write plane p + 1
        mov     bx, 180
.b1m_row:
        mov     si, 40
.b1m_byte:
        ADDR
        mov     al, [es:di - 120 * 80]
        mov     [es:di], al
        inc     si
        cmp     si, 80
        jb      .b1m_byte
        inc     bx
        cmp     bx, 240
        jb      .b1m_row
        inc     bp
        cmp     bp, 4
        jb      .b1m_plane
        GCW     4, 0x00
        SEQW    2, 0x0F

; ---- band 2 left: write mode 2, pixel by pixel -------------------------------
        GCW     5, 0x02
        mov     bx, 240
.b2l_row:
        xor     cx, cx                  ; x
.b2l_pix:
        mov     ah, 0x80
        push    cx
        and     cl, 7
        shr     ah, cl
        pop     cx
        GCW     8, ah
        mov     si, cx
        shr     si, 3
        ADDR
        mov     al, [es:di]             ; latches
        mov     ax, cx
        add     ax, bx
        shr     ax, 2
        and     al, 15
        mov     [es:di], al
        inc     cx
        cmp     cx, 320
        jb      .b2l_pix
        inc     bx
        cmp     bx, 360
        jb      .b2l_row

; ---- band 2 right: write mode 2 fill, OR, AND --------------------------------
        GCW     8, 0xFF
        mov     bx, 240
.b2f_row:
        mov     si, 40
.b2f_byte:
        ADDR
        mov     ax, bx
        shr     ax, 3
        and     al, 15
        mov     [es:di], al
        inc     si
        cmp     si, 80
        jb      .b2f_byte
        inc     bx
        cmp     bx, 360
        jb      .b2f_row

        GCW     3, 0x10                 ; OR
        GCW     8, 0x3C
        mov     bx, 240
.b2o_row:
        mov     si, 40
.b2o_byte:
        ADDR
        mov     al, [es:di]
        mov     ax, si
        shr     ax, 2
        and     al, 15
        mov     [es:di], al
        inc     si
        cmp     si, 80
        jb      .b2o_byte
        inc     bx
        cmp     bx, 360
        jb      .b2o_row

        GCW     3, 0x08                 ; AND
        GCW     8, 0x81
        mov     bx, 300
.b2a_row:
        mov     si, 40
.b2a_byte:
        ADDR
        mov     al, [es:di]
        mov     byte [es:di], 0x09
        inc     si
        cmp     si, 80
        jb      .b2a_byte
        inc     bx
        cmp     bx, 360
        jb      .b2a_row
        GCW     3, 0x00
        GCW     8, 0xFF

; ---- band 3: write mode 2 fill, then write mode 3 ----------------------------
        mov     bx, 360
.b3f_row:
        xor     si, si
.b3f_byte:
        ADDR
        mov     ax, si
        shr     ax, 3
        mov     [es:di], al
        inc     si
        cmp     si, 80
        jb      .b3f_byte
        inc     bx
        cmp     bx, 480
        jb      .b3f_row

        GCW     5, 0x03                 ; write mode 3
        GCW     1, 0x00                 ; enable set/reset 0: ignored in mode 3
        GCW     3, 0x01                 ; replace, rotate right 1
        mov     bx, 360
.b3l_row:
        mov     ax, bx
        shr     ax, 2
        and     al, 15
        mov     ah, al
        GCW     0, ah
        xor     si, si
.b3l_byte:
        ADDR
        mov     al, [es:di]
        imul    ax, si, 0x25
        add     ax, bx
        mov     [es:di], al
        inc     si
        cmp     si, 40
        jb      .b3l_byte
        inc     bx
        cmp     bx, 480
        jb      .b3l_row

        GCW     3, 0x0A                 ; AND, rotate right 2
        GCW     8, 0xF0
        mov     bx, 360
.b3r_row:
        mov     ax, bx
        shr     ax, 3
        and     al, 15
        mov     ah, al
        GCW     0, ah
        mov     si, 40
.b3r_byte:
        ADDR
        mov     al, [es:di]
        imul    ax, bx, 5
        xor     ax, si
        mov     [es:di], al
        inc     si
        cmp     si, 80
        jb      .b3r_byte
        inc     bx
        cmp     bx, 480
        jb      .b3r_row
        GCW     5, 0x00
        GCW     3, 0x00
        GCW     0, 0x00
        GCW     8, 0xFF

        call    vga_load_dac
        VGA_DONE "vga_mode12h: drawn"

        ROM_END
