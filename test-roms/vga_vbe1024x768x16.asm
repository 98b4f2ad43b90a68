; test-roms/vga_vbe1024x768x16.asm - Bochs VBE 1024x768, 16 bits per pixel (R5G6B5),
; through DISPI and the PCI linear framebuffer, from scratch (issue 8):
; as vga_vbe800x600x32.asm (PCI configuration mechanism #1, BAR0 at E0000000h,
; DISPI with LFB_ENABLED, 32-bit protected mode with flat segments).
; Firmware-free: run as `trap86 -bios vga_vbe1024x768x16.bin -display none
; -screendump OUT.png`; the expected frame (1024x768) is
; tests/vga/vga_ref.py's "vbe1024x768x16".
;
; Pattern (duplicated in tests/vga/vga_ref.py): the word at LFB +
; (y * 1024 + x) * 2 is r << 11 | g << 5 | b with
;   r = (x >> 5) & 31,  g = ((y >> 4) XOR (x >> 4)) & 63,  b = (x XOR y) & 31
%include "vga_common.inc"

main:
        VBE_START 1024, 768, 16
        mov     edi, VBE_LFB
        xor     ebx, ebx                ; y
.row:   xor     ecx, ecx                ; x
.pix:   mov     eax, ecx
        shr     eax, 5
        and     eax, 31                 ; r
        shl     eax, 6
        mov     edx, ebx
        shr     edx, 4
        mov     ebp, ecx
        shr     ebp, 4
        xor     edx, ebp
        and     edx, 63
        or      eax, edx                ; g
        shl     eax, 5
        mov     edx, ecx
        xor     edx, ebx
        and     edx, 31
        or      eax, edx                ; b
        stosw
        inc     ecx
        cmp     ecx, 1024
        jb      .pix
        inc     ebx
        cmp     ebx, 768
        jb      .row
        VGA_DONE32 "vga_vbe1024x768x16: drawn"

bits 16
        VBE_GDT
        ROM_END
