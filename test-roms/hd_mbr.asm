; test-roms/hd_mbr.asm - a self-checking hard-disk boot sector for the IDE
; model, booted by SeaBIOS from -hda with -boot c (tests/boot/run_hd.sh).
;
; The image the test script builds holds this program in LBA 0-3 and, in
; every later sector l, the dword l followed by bytes (i + l) & 0xFF for
; offsets i = 4..511.  The program
;   - loads its sectors 1-3 with INT 13h AH=02 (CHS 0/0/2),
;   - reads the geometry (AH=08) and checks CHS reads at 0/0/5 (3 sectors),
;     0/1/1 and 1/0/1 land on the LBAs that geometry implies,
;   - checks the extensions (AH=41) and an AH=42 read of LBA 20000-20001,
;   - writes pattern W (byte k = (k * 5 + 0x11) & 0xFF) with AH=03 to
;     CHS 0/0/10 (LBA 9) and with AH=43 to LBA 30000-30002, reading both
;     back (AH=02, AH=42) and comparing,
; then prints "HD: all checks passed" on port 0xE9 and exits through the
; debug-exit port 0xF4 with 0 (trap86 exit status 1); on a failure it
; prints which step failed and writes 1 (status 3).  The script then
; checks the image file bytes.
bits 16
org 0x7C00

start:
        cli
        xor     ax, ax
        mov     ds, ax
        mov     ss, ax
        mov     sp, 0x7C00
        sti
        cld
        mov     [drive], dl
        mov     ax, 0x0203              ; read 3 sectors: the rest of us
        mov     cx, 0x0002
        xor     dh, dh
        mov     bx, 0x7E00
        int     0x13
        mov     si, msg_load
        jc      fail
        jmp     main

; print: the NUL-terminated string at DS:SI to port 0xE9.
print:
        lodsb
        test    al, al
        jz      .done
        out     0xE9, al
        jmp     print
.done:  ret

; fail: print the step name at SI, then FAIL, and exit with status 3.
fail:
        call    print
        mov     si, msg_fail
        call    print
        mov     al, 1
        out     0xF4, al
.halt:  hlt
        jmp     .halt

msg_load db "HD: AH=02 load of sectors 1-3", 0
msg_fail db " FAILED", 13, 10, 0
drive   db 0

        times 510 - ($ - $$) db 0
        dw      0xAA55

; ---- sector 1 on ----------------------------------------------------------------

; check_n: CX sectors at ES:DI hold the pattern of LBA EAX, EAX+1, ...
; CF set on a mismatch.
check_n:
        push    cx
        cmp     [es:di], eax
        jne     .bad
        mov     bx, 4
.byte:  mov     dl, bl
        add     dl, al
        cmp     [es:di + bx], dl
        jne     .bad
        inc     bx
        cmp     bx, 512
        jb      .byte
        inc     eax
        add     di, 512
        pop     cx
        loop    check_n
        clc
        ret
.bad:   pop     cx
        stc
        ret

; chs_read: AL sectors at CX/DH (INT 13h CX encoding) into 1000:0000.
chs_read:
        push    ax
        mov     ax, 0x1000
        mov     es, ax
        pop     ax
        xor     bx, bx
        mov     ah, 0x02
        mov     dl, [drive]
        int     0x13
        ret

; same: CX bytes at 1000:0000 equal those at 2000:0000?  ZF set if so.
same:
        push    ds
        mov     ax, 0x1000
        mov     es, ax
        mov     ax, 0x2000
        mov     ds, ax
        xor     si, si
        xor     di, di
        repe cmpsb
        pop     ds
        ret

main:
        mov     si, msg_hello
        call    print
        mov     ah, 0x08                ; geometry
        mov     dl, [drive]
        xor     di, di
        mov     es, di
        int     0x13
        mov     si, msg_08
        jc      fail
        mov     al, cl
        and     al, 0x3F
        mov     [spt], al
        inc     dh
        mov     [heads], dh

        mov     al, 3                   ; CHS 0/0/5, 3 sectors = LBA 4-6
        mov     cx, 0x0005
        mov     dh, 0
        call    chs_read
        mov     si, msg_02a
        jc      fail
        xor     di, di
        mov     eax, 4
        mov     cx, 3
        call    check_n
        jc      fail

        mov     al, 1                   ; CHS 0/1/1 = LBA spt
        mov     cx, 0x0001
        mov     dh, 1
        call    chs_read
        mov     si, msg_02b
        jc      fail
        xor     di, di
        movzx   eax, byte [spt]
        mov     cx, 1
        call    check_n
        jc      fail

        mov     al, 1                   ; CHS 1/0/1 = LBA heads * spt
        mov     cx, 0x0101
        mov     dh, 0
        call    chs_read
        mov     si, msg_02c
        jc      fail
        xor     di, di
        movzx   eax, byte [heads]
        movzx   edx, byte [spt]
        imul    eax, edx
        mov     cx, 1
        call    check_n
        jc      fail

        mov     ah, 0x41                ; extensions present?
        mov     bx, 0x55AA
        mov     dl, [drive]
        int     0x13
        mov     si, msg_41
        jc      fail
        cmp     bx, 0xAA55
        jne     fail

        mov     eax, 20000              ; AH=42 LBA 20000-20001
        mov     cx, 2
        mov     bx, 0x1000
        mov     byte [func], 0x42
        call    ext_call
        mov     si, msg_42
        jc      fail
        mov     ax, 0x1000
        mov     es, ax
        xor     di, di
        mov     eax, 20000
        mov     cx, 2
        call    check_n
        jc      fail

        mov     ax, 0x2000              ; pattern W in 2000:0000, 1536 bytes
        mov     es, ax
        xor     di, di
        mov     al, 0x11
.fill:  stosb
        add     al, 5
        cmp     di, 1536
        jb      .fill

        mov     ax, 0x2000              ; AH=03 CHS 0/0/10 = LBA 9
        mov     es, ax
        xor     bx, bx
        mov     ax, 0x0301
        mov     cx, 0x000A
        mov     dh, 0
        mov     dl, [drive]
        int     0x13
        mov     si, msg_03
        jc      fail
        mov     al, 1
        mov     cx, 0x000A
        mov     dh, 0
        call    chs_read
        jc      fail
        mov     cx, 512
        call    same
        mov     si, msg_03
        jne     fail

        mov     eax, 30000              ; AH=43 LBA 30000-30002
        mov     cx, 3
        mov     bx, 0x2000
        mov     byte [func], 0x43
        call    ext_call
        mov     si, msg_43
        jc      fail
        mov     eax, 30000
        mov     cx, 3
        mov     bx, 0x1000
        mov     byte [func], 0x42
        call    ext_call
        mov     si, msg_43
        jc      fail
        mov     cx, 1536
        call    same
        mov     si, msg_43
        jne     fail

        mov     si, msg_ok
        call    print
        mov     al, 0
        out     0xF4, al
.halt:  hlt
        jmp     .halt

; ext_call: INT 13h function [func] (extended read 42h / write 43h) of CX
; sectors at LBA EAX with the buffer at BX:0000.
ext_call:
        mov     [dap_cnt], cx
        mov     [dap_lba], eax
        mov     word [dap_off], 0
        mov     [dap_seg], bx
        mov     si, dap
        mov     dl, [drive]
        mov     ah, [func]
        mov     al, 0
        int     0x13
        ret

msg_hello db "HD: booted from the hard disk", 13, 10, 0
msg_08  db "HD: AH=08 geometry", 0
msg_02a db "HD: AH=02 CHS 0/0/5 read of LBA 4-6", 0
msg_02b db "HD: AH=02 CHS 0/1/1 read", 0
msg_02c db "HD: AH=02 CHS 1/0/1 read", 0
msg_41  db "HD: AH=41 extensions check", 0
msg_42  db "HD: AH=42 read of LBA 20000", 0
msg_03  db "HD: AH=03 write of CHS 0/0/10", 0
msg_43  db "HD: AH=43 write of LBA 30000", 0
msg_ok  db "HD: all checks passed", 13, 10, 0

align 4
dap:    db 16, 0
dap_cnt dw 0
dap_off dw 0
dap_seg dw 0
dap_lba dd 0, 0
spt     db 0
heads   db 0
func    db 0

        times 2048 - ($ - $$) db 0
