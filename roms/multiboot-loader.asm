; roms/multiboot-loader.asm - trap86's Multiboot v1 loader: an option ROM
; the board hands SeaBIOS as the fw_cfg file "genroms/trap86-multiboot.bin"
; with -kernel (board/pc_multiboot.c, docs/multiboot.md).
;
; SeaBIOS runs every genroms/ file as an option ROM during POST; the init
; entry (offset 3) only returns.  The PnP expansion header (BIOS Boot
; Specification 1.01, appendix C / Plug and Play BIOS Specification 1.0A,
; "Option ROM header") has a Bootstrap Entry Vector, so SeaBIOS lists the
; ROM as a boot device named "/rom@genroms/trap86-multiboot.bin", which the
; board's "bootorder" puts first.  When SeaBIOS boots it, the BEV:
;   1. finds the fw_cfg file "etc/trap86/multiboot" in the directory (item
;      0x19: big-endian count, then 64-byte entries {be32 size, be16
;      select, u16 reserved, char name[56]}), else prints a line on port
;      0xE9 and returns to SeaBIOS, which tries the next boot device;
;   2. enables A20 (port 0x92), loads a flat GDT kept in this ROM (the
;      accessed bits preset, so the CPU never writes the read-only ROM),
;      and enters 32-bit protected mode with interrupts off;
;   3. reads the stream the host built (multiboot_serialize): {u32 "T86M",
;      u32 entry, u32 info address, u32 count} then per chunk {u32 address,
;      u32 length, u32 kind} and, for kind 0, the bytes, copied with
;      rep insb from the data port; kind 1 is zero filled with rep stosb;
;   4. jumps to the entry with the machine state of the Multiboot
;      Specification 0.6.96, section 3.2: EAX = 0x2BADB002, EBX = the
;      information structure, CS a flat 32-bit code segment, DS ES FS GS SS
;      flat 32-bit data segments, A20 on, CR0.PG clear, CR0.PE set, IF and
;      VM clear.
; roms/optionrom.py fills in the PnP header checksum and the last byte, so
; the whole ROM sums to 0 mod 256.

        bits 16
        org 0

FW_CFG_SELECTOR equ 0x510
FW_CFG_DATA     equ 0x511
FW_CFG_FILE_DIR equ 0x19
DEBUG_PORT      equ 0xE9
CODE_SEL        equ 0x08
DATA_SEL        equ 0x10

rom_start:
        db 0x55, 0xAA                   ; option ROM signature
        db rom_blocks                   ; size in 512-byte blocks
        jmp short init                  ; initialization entry (offset 3)
        times 0x18 - ($ - $$) db 0
        dw 0                            ; 0x18: no PCI data structure
        dw pnp_header                   ; 0x1A: PnP expansion header

; Initialization entry: nothing to set up.
init:
        retf

        align 16
pnp_header:
        db '$PnP'
        db 1                            ; structure revision
        db 2                            ; length in 16-byte units
        dw 0                            ; no next header
        db 0                            ; reserved
        db 0                            ; checksum (roms/optionrom.py)
        dd 0                            ; device identifier
        dw manufacturer                 ; manufacturer string
        dw product                      ; product name string
        db 0, 0, 0                      ; device type code
        db 0                            ; device indicators
        dw 0                            ; boot connection vector: none
        dw 0                            ; disconnect vector: none
        dw bev                          ; bootstrap entry vector
        dw 0                            ; reserved
        dw 0                            ; static resource information: none

manufacturer:   db 'trap86', 0
product:        db 'Multiboot kernel (-kernel)', 0
data_name:      db 'etc/trap86/multiboot'   ; fw_cfg file name, NUL padded
        times 56 - ($ - data_name) db 0
msg_missing:    db 'trap86-multiboot: no etc/trap86/multiboot in fw_cfg', 10, 0
msg_bad:        db 'trap86-multiboot: bad image stream', 10, 0

; The flat GDT: null, code (0x08), data (0x10), 4 GiB, accessed bits set.
        align 8
gdt:
        dq 0
        dw 0xFFFF, 0
        db 0, 0x9B, 0xCF, 0
        dw 0xFFFF, 0
        db 0, 0x93, 0xCF, 0
gdt_end:

; Print the NUL-terminated string at DS:SI on the debug console.
print16:
        mov dx, DEBUG_PORT
.loop:  lodsb
        test al, al
        jz .done
        out dx, al
        jmp .loop
.done:  ret

; EAX = the next 4 fw_cfg data bytes as a big-endian number (DX = data port).
read_be32:
        in al, dx
        shl eax, 8
        in al, dx
        shl eax, 8
        in al, dx
        shl eax, 8
        in al, dx
        ret

; Find the fw_cfg file data_name.  CF clear and BX = its selector, or CF
; set.  DS = CS.
find_file:
        mov dx, FW_CFG_SELECTOR
        mov ax, FW_CFG_FILE_DIR
        out dx, ax
        inc dx
        call read_be32
        mov ecx, eax                    ; entries left
.entry: test ecx, ecx
        jz .none
        call read_be32                  ; size (unused)
        in al, dx                       ; be16 selector
        mov bh, al
        in al, dx
        mov bl, al
        in al, dx                       ; reserved
        in al, dx
        mov si, data_name
        mov di, 56
        xor ah, ah                      ; 0 while the name matches
.name:  in al, dx
        cmp al, [si]
        je .same
        mov ah, 1
.same:  inc si
        dec di
        jnz .name
        test ah, ah
        jz .found
        dec ecx
        jmp .entry
.found: clc
        ret
.none:  stc
        ret

; Bootstrap entry vector: SeaBIOS far-calls it to boot.
bev:
        pushad
        push ds
        push cs
        pop ds
        cld
        call find_file
        jnc load
        mov si, msg_missing
        call print16
        pop ds
        popad
        retf                            ; SeaBIOS tries the next device

; BX = the stream's selector.  Switch to flat 32-bit protected mode.
load:
        cli
        in al, 0x92                     ; fast A20 on, no reset
        or al, 2
        and al, 0xFE
        out 0x92, al
        xor ebp, ebp
        mov bp, cs
        shl ebp, 4                      ; EBP = linear address of the ROM
        xor edi, edi
        mov di, ss
        shl edi, 4
        movzx eax, sp
        add edi, eax                    ; EDI = linear address of the stack
        lea eax, [ebp + gdt]
        push eax                        ; GDTR image on the stack: base
        push word gdt_end - gdt - 1     ; and limit
        mov si, sp
        o32 lgdt [ss:si]
        mov eax, cr0
        or al, 1
        mov cr0, eax
        push dword CODE_SEL
        lea eax, [ebp + pm_entry]
        push eax
        o32 retf

        bits 32
; EAX = the next 4 fw_cfg data bytes as a little-endian number.
read_le32:
        push ecx
        mov ecx, 4
.byte:  in al, dx
        ror eax, 8
        loop .byte
        pop ecx
        ret

pm_entry:
        mov ax, DATA_SEL
        mov ds, ax
        mov es, ax
        mov fs, ax
        mov gs, ax
        mov ss, ax
        lea esp, [edi - 8]              ; the GDTR image is no longer needed
        mov dx, FW_CFG_SELECTOR
        mov ax, bx
        out dx, ax
        inc dx
        call read_le32
        cmp eax, 'T86M'
        jne bad_stream
        call read_le32
        push eax                        ; entry
        call read_le32
        push eax                        ; information structure
        call read_le32
        mov ebx, eax                    ; chunks left
.chunk: test ebx, ebx
        jz start_kernel
        call read_le32
        mov edi, eax                    ; address
        call read_le32
        mov esi, eax                    ; length
        call read_le32                  ; kind
        mov ecx, esi
        test eax, eax
        jnz .zero
        rep insb                        ; the bytes follow in the stream
        jmp .next
.zero:  xor eax, eax
        rep stosb
.next:  dec ebx
        jmp .chunk

start_kernel:
        pop ebx                         ; EBX = information structure
        pop ecx
        mov eax, 0x2BADB002
        jmp ecx

bad_stream:
        lea esi, [ebp + msg_bad]
        mov dx, DEBUG_PORT
.loop:  lodsb
        test al, al
        jz .halt
        out dx, al
        jmp .loop
.halt:  hlt
        jmp .halt

        times (512 - (($ - $$ + 1) % 512)) % 512 db 0
        db 0                            ; checksum byte (roms/optionrom.py)
rom_end:
rom_blocks equ (rom_end - rom_start) / 512
