; test-roms/vga_vbe800x600x32.asm - Bochs VBE 800x600, 32 bits per pixel, through
; DISPI and the PCI linear framebuffer, from scratch (issue 8): the ROM
; finds the VGA at PCI 00:02.0 with configuration mechanism #1, puts BAR0
; at E0000000h, enables memory decoding, sets XRES/YRES/BPP and ENABLE =
; ENABLED | LFB_ENABLED, and draws from 32-bit protected mode (flat
; segments).  Firmware-free: run as `trap86 -bios vga_vbe800x600x32.bin -display
; none -screendump OUT.png`; the expected frame (800x600) is
; tests/vga/vga_ref.py's "vbe800x600x32".
;
; Pattern (duplicated in tests/vga/vga_ref.py): the dword at LFB +
; (y * 800 + x) * 4 is X8R8G8B8 with
;   R = x & FFh,  G = y & FFh,
;   B = ((((x >> 5) XOR (y >> 5)) & 1) << 7) | (((x + y) >> 4) & 7Fh)
;   X (not displayed) = (x XOR y) & FFh
%include "vga_common.inc"

main:
        VBE_START 800, 600, 32
        mov     edi, VBE_LFB
        xor     ebx, ebx                ; y
.row:   xor     ecx, ecx                ; x
.pix:   mov     eax, ecx
        xor     eax, ebx
        and     eax, 0xFF               ; X
        shl     eax, 8
        mov     edx, ecx
        and     edx, 0xFF
        or      eax, edx                ; R
        shl     eax, 8
        mov     edx, ebx
        and     edx, 0xFF
        or      eax, edx                ; G
        shl     eax, 8
        mov     edx, ecx
        shr     edx, 5
        mov     ebp, ebx
        shr     ebp, 5
        xor     edx, ebp
        and     edx, 1
        shl     edx, 7
        or      eax, edx
        lea     edx, [ecx + ebx]
        shr     edx, 4
        and     edx, 0x7F
        or      eax, edx                ; B
        stosd
        inc     ecx
        cmp     ecx, 800
        jb      .pix
        inc     ebx
        cmp     ebx, 600
        jb      .row
        VGA_DONE32 "vga_vbe800x600x32: drawn"

bits 16
        VBE_GDT
        ROM_END
