; bench/vbe-redraw.asm - a firmware-free ROM that redraws the whole Bochs
; VBE 800x600x32 screen without end, each frame in a new colour, for
; measuring the share of host time trap86's window spends rendering while
; every row changes every frame (bench/render-share.sh).  Built from the
; VGA test ROMs' mode-set code (test-roms/vga_common.inc).
%include "vga_common.inc"

main:
        VBE_START 800, 600, 32
        xor     eax, eax
.frame: mov     edi, VBE_LFB
        mov     ecx, 800 * 600
        rep stosd                       ; one full frame in colour EAX
        add     eax, 0x00030507
        jmp     .frame

bits 16
        VBE_GDT
        ROM_END
