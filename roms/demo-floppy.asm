; roms/demo-floppy.asm - trap86's built-in demo floppy (a 1.44M image).
;
; Sector 0 is a boot sector: the BIOS loads it at 0000:7C00 and it loads
; the rest of the program, sector by sector with INT 13h (resetting the
; drive and retrying on errors), to 0000:7E00 and jumps to it.  The
; program runs in real mode through BIOS services and prints to the VGA
; text screen (INT 10h), mirroring every character to the debug console
; (port 0xE9): a banner, what the CPU reports, the memory maps, the BIOS
; date and video mode, the result of a 32-bit protected-mode round trip,
; and how to run other guests.  Then it halts for good with interrupts
; off (cli; hlt), which ends a trap86 run with exit status 0.
;
; Invariants: everything runs with CS = DS = ES = SS = 0 and offsets equal
; to linear addresses (org 7C00h), so the 32-bit flat code in
; demo-pm.inc uses the same labels.  Variables live in the free low memory
; at 0600h (see `absolute` below), never inside the image, so the loaded
; program stays byte-identical to the file: the protected-mode CRC-32 of
; it can be checked against the image on the host.  Code before the 386
; check (the boot sector, putc/puts, cpu_is_386) uses only 8086
; instructions.
;
; Assemble: nasm -f bin -i roms/ -o demo-floppy.img roms/demo-floppy.asm

bits 16
cpu 686
org 0x7C00

FLOPPY_BYTES      equ 1474560
SECTORS_PER_TRACK equ 18            ; 1.44M: 80 cylinders, 2 heads, 18 sectors
HEADS             equ 2
DISK_RETRIES      equ 5

; Variables in free conventional memory below the stack (which grows down
; from 7C00h); never part of the image.
absolute 0x0600
boot_drive:     resb 1              ; DL from the BIOS
col:            resb 1              ; screen column of the next character
attr:           resb 1              ; text attribute for putc
video_mode:     resb 1              ; INT 10h AH=0Fh results at start
video_cols:     resb 1
video_page:     resb 1
e820_count:     resw 1              ; entries printed
ram_top:        resd 2              ; highest end of a usable E820 range
pm_result:      resd 1              ; CRC-32 computed in protected mode
cpuid_max:      resd 1              ; highest basic CPUID leaf
brand:          resb 49             ; CPUID brand string + NUL
alignb 4
e820_buf:       resb 24

section .text

; ---- boot sector ----------------------------------------------------------

boot:
        cli
        xor     ax, ax
        mov     ds, ax
        mov     es, ax
        mov     ss, ax
        mov     sp, 0x7C00
        jmp     0x0000:.flat            ; some BIOSes enter at 07C0:0000
.flat:  sti
        cld
        mov     [boot_drive], dl
        mov     bx, program             ; ES:BX = load address
        mov     si, 1                   ; LBA of the first program sector
.load:  call    boot_read_sector
        add     bx, 512
        inc     si
        cmp     si, PROGRAM_SECTORS + 1
        jb      .load
        jmp     program

; boot_read_sector: read LBA SI to ES:BX, resetting the drive and retrying
; up to DISK_RETRIES times; on failure print a message and halt.
boot_read_sector:
        mov     di, DISK_RETRIES
.try:   mov     ax, si
        xor     dx, dx
        mov     cx, SECTORS_PER_TRACK
        div     cx                      ; AX = track (cyl * heads + head)
        mov     cl, dl
        inc     cl                      ; CL = sector, 1-based
        mov     dh, al
        and     dh, HEADS - 1           ; DH = head
        shr     ax, 1
        mov     ch, al                  ; CH = cylinder (< 80)
        mov     dl, [boot_drive]
        mov     ax, 0x0201              ; read one sector
        int     0x13
        jnc     .ok
        xor     ax, ax                  ; reset the drive, then retry
        mov     dl, [boot_drive]
        int     0x13
        dec     di
        jnz     .try
        mov     si, msg_disk_error
.msg:   lodsb
        test    al, al
        jz      .dead
        out     0xE9, al
        mov     ah, 0x0E
        xor     bx, bx
        int     0x10
        jmp     .msg
.dead:  cli
        hlt
        jmp     .dead
.ok:    ret

msg_disk_error: db `trap86 demo floppy: disk read error, halted.\r\n`, 0

        times 510 - ($ - $$) db 0       ; a negative count: boot sector too big
        dw      0xAA55

; ---- the program (sectors 1..PROGRAM_SECTORS) ------------------------------

program:
        mov     byte [attr], 0x07
        mov     byte [col], 0
        call    video_query
        call    clear_screen
        call    print_banner
        call    cpu_is_386
        jnc     .is386
        mov     si, msg_need_386
        call    puts
        jmp     halt_forever
.is386: xor     ax, ax
        mov     fs, ax
        mov     gs, ax
        call    cpu_report
        call    memory_report
        call    bios_report
        call    video_report
        call    pm_report
        mov     byte [attr], 0x0E
        mov     si, msg_other_guests
        call    puts
        mov     byte [attr], 0x07
        mov     si, msg_halting
        call    puts
halt_forever:
        cli
        hlt
        jmp     halt_forever

; print_banner: the two banner lines, in bright white.
print_banner:
        mov     byte [attr], 0x0F
        mov     si, msg_banner
        call    puts
        mov     byte [attr], 0x07
        ret

msg_banner:
        db `This is trap86, a pure-software IA-32 PC emulator,\n`
        db `booted through SeaBIOS from the built-in demo floppy.\n\n`, 0
msg_need_386:
        db `This demo needs a 386 or later (FLAGS bits 12-15 say 8086/286).\n`, 0
msg_other_guests:
        db `\nTo run another guest: trap86 -fda freedos.img  (trap86 -help for more)\n`, 0
msg_halting:
        db `Halting with interrupts off (cli; hlt): trap86 exits with status 0.\n`, 0

%include "demo-print.inc"
%include "demo-cpu.inc"
%include "demo-memory.inc"
%include "demo-bios.inc"
%include "demo-pm.inc"

image_end:
IMAGE_BYTES     equ image_end - $$
PROGRAM_SECTORS equ (image_end - program + 511) / 512

        times -(image_end - $$ > 0xFE00 - 0x7C00) db 0 ; negative: too big for segment 0
        times FLOPPY_BYTES - ($ - $$) db 0
