; test-roms/mb_kernel.asm - a Multiboot v1 test kernel (Multiboot
; Specification 0.6.96): a flat binary loaded at 1 MiB through its header's
; address fields (flags bit 16), booted by trap86 -kernel and, as an
; oracle, by qemu-system-i386 -kernel (test-roms/run_multiboot.sh).
;
; It checks what the boot loader handed over (sections 3.2 and 3.3) and
; reports on port 0xE9, one line each:
;   EAX = 0x2BADB002; flags have mem (0), cmdline (2), mods (3), mmap (6)
;   "cmdline: ..." ending in " hello world" (-append "hello world")
;   exactly one module, page aligned, above the kernel, of MOD_SIZE bytes
;   with byte i = (7 * i + 1) mod 256, its string ending in " modarg"
;   a RAM range at 1 MiB, and the map reaching RAM_MB MiB (-m 32);
;   mem_lower 512..640 KiB, mem_upper >= (RAM_MB - 2) MiB
; then "PASS" or "FAIL <what>" lines and "DONE", and exits through the
; debug-exit port 0xF4 with 0 (all passed) or 1.
        bits 32
        org 0x100000

MB_MAGIC  equ 0x1BADB002
MB_FLAGS  equ (1 << 0) | (1 << 1) | (1 << 16) ; page-aligned modules, memory info, addresses
RAM_MB    equ 32
MOD_SIZE  equ 5000
DEBUG     equ 0xE9
EXIT      equ 0xF4

header:
        dd MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)
        dd header                       ; header_addr
        dd header                       ; load_addr: the file's first byte
        dd load_end                     ; load_end_addr
        dd bss_end                      ; bss_end_addr
        dd entry                        ; entry_addr

entry:
        mov esp, stack_top
        mov [mbi], ebx
        cmp eax, 0x2BADB002
        je .magic
        mov esi, s_magic
        call fail
        jmp finish
.magic: mov eax, [ebx]
        and eax, (1 << 0) | (1 << 2) | (1 << 3) | (1 << 6)
        cmp eax, (1 << 0) | (1 << 2) | (1 << 3) | (1 << 6)
        je .flags
        mov esi, s_flags
        call fail
        jmp finish
.flags: call check_cmdline
        call check_module
        call check_mmap
        call check_mem
finish:
        cmp byte [failed], 0
        jne .out
        mov esi, s_pass
        call print
.out:   mov esi, s_done
        call print
        mov al, [failed]
        out EXIT, al
.halt:  cli
        hlt
        jmp .halt

; ---- checks ---------------------------------------------------------------

check_cmdline:
        mov ebx, [mbi]
        mov esi, s_cmdline
        call print
        mov esi, [ebx + 16]
        call print
        call newline
        mov edi, s_append
        call ends_with
        jz .ok
        mov esi, s_cmdline_bad
        call fail
.ok:    ret

check_module:
        mov ebx, [mbi]
        cmp dword [ebx + 20], 1         ; mods_count
        je .one
        mov esi, s_mod_count
        jmp fail
.one:   mov ebx, [ebx + 24]             ; the module entry
        mov esi, s_module
        call print
        mov esi, [ebx + 8]
        call print
        call newline
        mov edi, s_modarg
        call ends_with
        jz .str
        mov esi, s_mod_string
        call fail
.str:   mov esi, [ebx]                  ; mod_start
        test esi, 0xFFF
        jnz .place
        cmp esi, bss_end
        jb .place
        mov ecx, [ebx + 4]
        sub ecx, esi
        cmp ecx, MOD_SIZE
        je .bytes
        mov esi, s_mod_size
        jmp fail
.place: mov esi, s_mod_place
        jmp fail
.bytes: mov dl, 1                       ; expected byte i = 7 * i + 1
.loop:  cmp [esi], dl
        jne .bad
        inc esi
        add dl, 7
        loop .loop
        ret
.bad:   mov esi, s_mod_bytes
        jmp fail

; Walk the memory map: EBP = 1 when a RAM range starts at 1 MiB, EDX = the
; highest end below 4 GiB of the RAM and reserved ranges.
check_mmap:
        mov ebx, [mbi]
        mov esi, [ebx + 48]             ; mmap_addr
        mov edi, esi
        add edi, [ebx + 44]             ; mmap_length
        xor ebp, ebp
        xor edx, edx
.entry: cmp esi, edi
        jae .done
        cmp dword [esi + 8], 0          ; base above 4 GiB: ignore
        jne .next
        cmp dword [esi + 4], 0x100000
        jne .end
        cmp dword [esi + 20], 1
        jne .end
        mov ebp, 1
.end:   mov eax, [esi + 4]
        add eax, [esi + 12]
        cmp eax, edx
        jbe .next
        mov edx, eax
.next:  add esi, [esi]
        add esi, 4
        jmp .entry
.done:  test ebp, ebp
        jnz .high
        mov esi, s_mmap_low
        jmp fail
.high:  cmp edx, RAM_MB << 20
        jae .ok
        mov esi, s_mmap_size
        jmp fail
.ok:    ret

check_mem:
        mov ebx, [mbi]
        mov eax, [ebx + 4]              ; mem_lower
        cmp eax, 512
        jb .bad
        cmp eax, 640
        ja .bad
        cmp dword [ebx + 8], (RAM_MB - 2) * 1024
        jb .bad
        ret
.bad:   mov esi, s_mem
        jmp fail

; ---- helpers --------------------------------------------------------------

; ZF set when the string print just wrote ends with the NUL-terminated
; string at EDI.  Input: ESI just past the printed string's NUL (where
; print leaves it).  ECX is clobbered.
ends_with:
        push esi
        push edi
        dec esi                         ; at the NUL
        mov ecx, edi
.len:   cmp byte [ecx], 0
        je .have
        inc ecx
        jmp .len
.have:  sub ecx, edi                    ; suffix length
        sub esi, ecx
        repe cmpsb
        pop edi
        pop esi
        ret

; Print "FAIL " and the string at ESI, note the failure.
fail:
        push esi
        mov esi, s_fail
        call print
        pop esi
        call print
        call newline
        mov byte [failed], 1
        ret

; Print the NUL-terminated string at ESI; ESI ends past its NUL.
print:
        push eax
.loop:  lodsb
        test al, al
        jz .done
        out DEBUG, al
        jmp .loop
.done:  pop eax
        ret

newline:
        push eax
        mov al, 10
        out DEBUG, al
        pop eax
        ret

s_magic:        db 'EAX is not 0x2BADB002', 0
s_flags:        db 'info flags lack mem, cmdline, mods or mmap', 0
s_cmdline:      db 'cmdline: ', 0
s_append:       db ' hello world', 0
s_cmdline_bad:  db 'command line does not end in " hello world"', 0
s_module:       db 'module: ', 0
s_modarg:       db ' modarg', 0
s_mod_count:    db 'not exactly one module', 0
s_mod_string:   db 'module string does not end in " modarg"', 0
s_mod_place:    db 'module not page aligned above the kernel', 0
s_mod_size:     db 'module size is not 5000', 0
s_mod_bytes:    db 'module bytes differ from the pattern', 0
s_mmap_low:     db 'no RAM range at 1 MiB in the memory map', 0
s_mmap_size:    db 'memory map does not reach the RAM size', 0
s_mem:          db 'mem_lower or mem_upper out of range', 0
s_fail:         db 'FAIL ', 0
s_pass:         db 'PASS', 10, 0
s_done:         db 'DONE', 10, 0

        align 4
load_end:

; bss: zeroed by the loader (bss_end_addr)
mbi             equ load_end
failed          equ load_end + 4
stack_top       equ load_end + 0x1000
bss_end         equ load_end + 0x1000
