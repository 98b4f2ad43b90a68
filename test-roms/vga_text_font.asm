; test-roms/vga_text_font.asm - VGA text mode 80x25 (720x400, 9-dot cells) with
; a font this ROM loads into plane 2 itself (issue 8).  Firmware-free: run
; as `trap86 -bios vga_text_font.bin -display none -screendump OUT.png`; the
; expected frame is tests/vga/vga_ref.py's "text_font".
;
; Pattern (duplicated in tests/vga/vga_ref.py):
;   glyph of character c, scan lines s = 0-15 (bit 7 = leftmost dot):
;     s = 0, 15: 00h          s = 1: FFh           s = 14: 81h
;     s = 2-5:   (c >> 4) * 11h     (high nibble, twice)
;     s = 6-9:   (c & 0Fh) * 11h    (low nibble, twice)
;     s = 10-13: rol8(c XOR 5Ah, s & 7)
;     scan lines 16-31 of each 32-byte glyph slot are 0
;   cell (row r 0-24, column k 0-79):
;     character  (r * 80 + k) & FFh            (every code, C0h-DFh included)
;     background bg = ((k >> 3) + r) & 15       (bit 3 = bright background:
;                                                blink is disabled)
;     foreground bg XOR (((k & 7) + 1) | ((r & 1) << 3))   (never = bg)
;   attribute palette AR[i] = (5 * i + 2) & 63, colour select 0, DAC from
;   vga_load_dac.  AR10h = 04h: line graphics on (the 9th dot of C0h-DFh
;   repeats the 8th, IBM VGA Technical Reference, Attribute Mode Control
;   bit 2), blink off (bit 3 = 0: attribute bit 7 is background
;   intensity).  Cursor off (CR0Ah bit 5).  Character maps A = B = 0.
%include "vga_common.inc"

mode_text:
        db      0x67                                    ; misc: 28 MHz, 3Dx
        db      0x00, 0x03, 0x00, 0x02                  ; SR1-SR4: 9 dots
        db      0x5F, 0x4F, 0x50, 0x82, 0x55, 0x81, 0xBF, 0x1F ; CR0-CR7
        db      0x00, 0x4F, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00 ; CR8-CRF, CRA: no cursor
        db      0x9C, 0x8E, 0x8F, 0x28, 0x1F, 0x96, 0xB9, 0xA3 ; CR10-CR17
        db      0xFF                                    ; CR18
        db      0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x0E, 0x00, 0xFF ; GR0-GR8
%assign i 0
%rep 16
        db      (5 * i + 2) & 63                        ; AR0-ARF
%assign i i+1
%endrep
        db      0x04, 0x00, 0x0F, 0x08, 0x00            ; AR10-AR14

main:
        mov     si, mode_text
        call    vga_set_mode
        call    vga_clear_vram
        ; font loading: plane 2 only, sequential addressing, read map 2,
        ; A0000h-AFFFFh (IBM VGA Technical Reference, "Loading a character
        ; generator": SR2 = 04h, SR4 = 06h/07h, GR4 = 02h, GR5 = 00h,
        ; GR6 = 04h)
        SEQW    2, 0x04
        SEQW    4, 0x06
        GCW     4, 0x02
        GCW     5, 0x00
        GCW     6, 0x04
        mov     ax, 0xA000
        mov     es, ax
        xor     di, di
        xor     bx, bx                  ; BL = character c
.char:  xor     cx, cx                  ; CL = scan line s
.scan:  xor     al, al
        test    cl, cl
        jz      .put                    ; s = 0
        cmp     cl, 15
        je      .put
        mov     al, 0xFF
        cmp     cl, 1
        je      .put
        mov     al, 0x81
        cmp     cl, 14
        je      .put
        cmp     cl, 10
        jae     .hash
        mov     al, bl
        cmp     cl, 6
        jae     .low
        shr     al, 4                   ; s = 2-5: high nibble
.low:   and     al, 0x0F
        mov     ah, 0x11
        mul     ah
        jmp     .put
.hash:  mov     al, bl                  ; s = 10-13
        xor     al, 0x5A
        rol     al, cl                  ; the 386 masks the count to 5 bits:
                                        ; 10-13 rotate like 2-5 = s & 7
.put:   stosb
        inc     cx
        cmp     cx, 16
        jb      .scan
        xor     al, al
        mov     cx, 16
        rep     stosb                   ; scan lines 16-31
        inc     bx
        cmp     bx, 256
        jb      .char
        ; back to the text mode's own register values
        mov     si, mode_text
        call    vga_set_mode
        ; the text buffer at B8000h (odd/even: character to plane 0,
        ; attribute to plane 1)
        mov     ax, 0xB800
        mov     es, ax
        xor     di, di
        xor     bx, bx                  ; BX = row r
.row:   xor     cx, cx                  ; CX = column k
.col:   mov     ax, bx
        imul    ax, ax, 80
        add     ax, cx                  ; AL = (r * 80 + k) & FFh
        mov     dl, cl
        shr     dl, 3
        add     dl, bl
        and     dl, 15                  ; DL = bg
        mov     dh, cl
        and     dh, 7
        inc     dh
        mov     ah, bl
        and     ah, 1
        shl     ah, 3
        or      dh, ah                  ; DH = fg XOR bg
        xor     dh, dl                  ; DH = fg
        shl     dl, 4
        or      dl, dh
        mov     ah, dl                  ; AH = attribute
        stosw
        inc     cx
        cmp     cx, 80
        jb      .col
        inc     bx
        cmp     bx, 25
        jb      .row
        call    vga_load_dac
        VGA_DONE "vga_text_font: drawn"

        ROM_END
