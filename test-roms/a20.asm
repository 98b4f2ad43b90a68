; test-roms/a20.asm - the A20 gate through System Control Port A (0x92):
; with A20 disabled, FFFF:0510 (linear 100600h) aliases 0000:0500; with
; it enabled the two are distinct bytes.  Port 0x92 reads back bit 1.
; (At reset trap86, like QEMU, starts with A20 enabled.)
%include "lib.inc"

main:
        push    ds
        mov     ax, 0xFFFF
        mov     fs, ax
; ---- enabled at reset ----
        mov     byte [es:0x0600], 0x11
        mov     byte [fs:0x0610], 0x22
        CHKB    "a20 on at reset low byte kept", byte [es:0x0600], 0x11
        CHKB    "a20 on at reset high byte", byte [fs:0x0610], 0x22
; ---- disable through port 0x92 ----
        in      al, 0x92
        and     al, 0xFC
        out     0x92, al
        in      al, 0x92
        and     al, 0x02
        CHKB    "port92 bit1 reads 0", al, 0x00
        mov     byte [fs:0x0610], 0x33
        CHKB    "a20 off wraps to low memory", byte [es:0x0600], 0x33
; ---- enable again ----
        in      al, 0x92
        or      al, 0x02
        and     al, 0xFE
        out     0x92, al
        in      al, 0x92
        and     al, 0x02
        CHKB    "port92 bit1 reads 1", al, 0x02
        mov     byte [es:0x0600], 0x44
        mov     byte [fs:0x0610], 0x55
        CHKB    "a20 on low byte distinct", byte [es:0x0600], 0x44
        CHKB    "a20 on high byte distinct", byte [fs:0x0610], 0x55
        pop     ds
        FINISH

        ROM_END
