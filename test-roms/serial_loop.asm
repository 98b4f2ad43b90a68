; test-roms/serial_loop.asm - COM1 (16550A at 0x3F8, IRQ 4) in two parts.
;
; (a) Internal loopback (MCR bit 4), expectations from the TI PC16550D
; datasheet: scratch and divisor latch registers; IIR bits 7-6 follow FCR0;
; MCR outputs drive the MSR inputs (DTR->DSR, RTS->CTS, OUT1->RI,
; OUT2->DCD) with their delta bits; four looped-back bytes under a trigger
; level of 8 raise no "received data" interrupt but the character timeout
; (IIR CCh); eight bytes reach the trigger level (IIR C4h); enabling ETBEI
; with THR empty raises THRE (IIR C2h) and reading IIR clears it; without
; FIFOs a second byte overruns (LSR OE) and the priorities are line status
; (06h), then received data (04h); the trailing edge of RI (OUT1 1->0)
; gives TERI and a modem-status interrupt (00h).
;
; (b) Over the wire (tests/serial or test-roms/serial_tcp.py as the peer,
; COM1 on a TCP socket): at 115200 8N1 with FIFOs (trigger 14) the ROM
; sends a 44-byte line (polling LSR.THRE), then waits in HLT for IRQ 4
; while the peer echoes the line upper-cased; the FIFO-level and timeout
; interrupts collect it, and it must match.
;
; Waits are bounded by iteration counts only as guards against hangs;
; what is checked never depends on the host's speed.
;
; qemu-differs: loopback msr dtr rts out2 with deltas: QEMU 7.2 computes MSR from MCR in loopback mode without delta bits; PC16550D datasheet, MCR bit 4: in loopback "the modem status interrupts are also operational", their sources being the MCR bits
; qemu-differs: ri trailing edge gives modem status iir: the same QEMU loopback MSR (no TERI, so no modem-status interrupt)
; qemu-differs: msr teri: the same QEMU loopback MSR
%include "lib.inc"

COM1     equ 0x3F8
RBR      equ COM1+0
IER      equ COM1+1
IIR      equ COM1+2
FCR      equ COM1+2
LCR      equ COM1+3
MCR      equ COM1+4
LSR      equ COM1+5
MSR      equ COM1+6
SCR      equ COM1+7

IRQCNT   equ 0xF00      ; IRQ 4 handler invocations
LASTIIR  equ 0xF02      ; IIR as the handler read it first
RXCNT    equ 0xF04      ; bytes the handler took
RXBUF    equ 0x1000     ; ... stored here
RXMAX    equ 0x100

%macro OUTB 2           ; port, value
        mov     dx, %1
        mov     al, %2
        out     dx, al
%endmacro

%macro INB 1            ; AL = port
        mov     dx, %1
        in      al, dx
%endmacro

main:
        mov     word [ss:0x0C*4], com1_irq
        mov     word [ss:0x0C*4+2], 0xF000
        call    pic_init
        mov     al, 0xEF                        ; IRQ 4 only
        out     0x21, al

; ---- (a) registers -------------------------------------------------------------
        INB     IIR
        CHKB    "reset iir no interrupt, fifos off", al, 0x01
        OUTB    SCR, 0x5A
        INB     SCR
        CHKB    "scratch register", al, 0x5A
        OUTB    LCR, 0x83                       ; DLAB, 8N1
        OUTB    COM1, 48                        ; 2400 baud: 4.2 ms a char
        OUTB    COM1+1, 0
        INB     COM1
        CHKB    "divisor latch low", al, 48
        OUTB    LCR, 0x03
        INB     LCR
        CHKB    "lcr readback", al, 0x03
        OUTB    FCR, 0x87                       ; FIFOs on, both reset, trigger 8
        INB     IIR
        CHKB    "iir fifo bits with fcr0", al, 0xC1

; ---- (a) loopback modem lines -------------------------------------------------
        OUTB    MCR, 0x18                       ; LOOP, OUT2
        INB     MSR                             ; clear the deltas
        OUTB    MCR, 0x1B                       ; + DTR, RTS
        INB     MSR
        CHKB    "loopback msr dtr rts out2 with deltas", al, 0xB3
        INB     MSR
        CHKB    "msr deltas cleared by read", al, 0xB0

; ---- (a) character timeout below the trigger level -----------------------------
        call    reset_counts
        OUTB    IER, 0x01                       ; received data (and timeout)
        mov     si, msg4
        mov     cx, 4
        call    send_bytes
        call    wait_temt
        INB     IIR
        CHKB    "4 bytes under trigger 8: no interrupt yet", al, 0xC1
        call    wait_irq
        CHKB    "timeout interrupt iir", byte [ss:LASTIIR], 0xCC
        CHKW    "timeout: bytes received", word [ss:RXCNT], 4
        CHKB    "timeout: first byte", byte [ss:RXBUF], 'w'
        CHKB    "timeout: last byte", byte [ss:RXBUF+3], 'z'

; ---- (a) trigger level 8 ----------------------------------------------------------
        call    reset_counts
        mov     si, msg8
        mov     cx, 8
        call    send_bytes
        call    wait_irq
        CHKB    "trigger level 8 iir", byte [ss:LASTIIR], 0xC4
        CHKW    "trigger level 8: bytes received", word [ss:RXCNT], 8
        CHKB    "trigger level 8: eighth byte", byte [ss:RXBUF+7], '8'

; ---- (a) THRE ------------------------------------------------------------------------
        call    reset_counts
        OUTB    IER, 0x02                       ; THR is empty: THRE at once
        call    wait_irq
        CHKB    "thre interrupt iir", byte [ss:LASTIIR], 0xC2
        INB     IIR
        CHKB    "thre cleared by the iir read", al, 0xC1
        OUTB    IER, 0x00

; ---- (a) no FIFOs: overrun, priorities --------------------------------------------
        OUTB    FCR, 0x00
        OUTB    IER, 0x05                       ; line status, received data
        OUTB    COM1+0, 'p'
        call    wait_temt
        INB     IIR
        CHKB    "first byte: received data", al, 0x04
        OUTB    COM1+0, 'q'                     ; LSR is not read: OE stays
        mov     ebx, 0x04000000
.ovr:   INB     IIR
        cmp     al, 0x04
        jne     .ovr_done
        dec     ebx
        jnz     .ovr
.ovr_done:
        CHKB    "overrun: line status first", al, 0x06
        INB     LSR
        CHKB    "overrun: lsr oe dr thre temt", al, 0x63
        INB     IIR
        CHKB    "then received data", al, 0x04
        INB     RBR
        CHKB    "rbr holds the later byte", al, 'q'
        INB     IIR
        CHKB    "then nothing", al, 0x01

; ---- (a) modem status: RI trailing edge ---------------------------------------------
        OUTB    MCR, 0x1C                       ; LOOP, OUT2, OUT1 (RI on)
        INB     MSR
        OUTB    IER, 0x08
        OUTB    MCR, 0x18                       ; RI falls: TERI
        INB     IIR
        CHKB    "ri trailing edge gives modem status iir", al, 0x00
        INB     MSR
        CHKB    "msr teri", al, 0x84
        INB     IIR
        CHKB    "modem status cleared by msr read", al, 0x01
        OUTB    IER, 0x00

; ---- (b) over the wire ------------------------------------------------------------------
        OUTB    LCR, 0x83
        OUTB    COM1, 1                         ; 115200 baud
        OUTB    COM1+1, 0
        OUTB    LCR, 0x03
        OUTB    FCR, 0xC7                       ; FIFOs, both reset, trigger 14
        OUTB    MCR, 0x0B                       ; DTR, RTS, OUT2; no loopback
        INB     LSR
        INB     MSR
        call    reset_counts
        OUTB    IER, 0x01
        mov     si, line
        mov     cx, LINE_LEN
        call    send_bytes
        mov     si, .s_sent
        call    lib_puts
        call    wait_line
        CHKW    "echo: bytes received", word [ss:RXCNT], LINE_LEN
        call    compare_echo
        CHKW    "echo: upper-cased line matches", ax, 0
        FINISH
.s_sent: db "sent the line to COM1", 10, 0

; ---- helpers --------------------------------------------------------------------------------

reset_counts:
        mov     word [ss:IRQCNT], 0
        mov     word [ss:RXCNT], 0
        mov     byte [ss:LASTIIR], 0xEE
        ret

; send CX bytes at CS:SI, each once LSR.THRE is set
send_bytes:
.next:  mov     ebx, 0x01000000
.wait:  INB     LSR
        test    al, 0x20
        jnz     .go
        dec     ebx
        jnz     .wait
.go:    cs lodsb
        mov     dx, COM1
        out     dx, al
        loop    .next
        ret

; wait until LSR.TEMT (everything sent)
wait_temt:
        mov     ebx, 0x04000000
.wait:  INB     LSR
        test    al, 0x40
        jnz     .done
        dec     ebx
        jnz     .wait
.done:  ret

; HLT until the IRQ 4 handler ran at least once
wait_irq:
        mov     ecx, 100000
.loop:  cli
        cmp     word [ss:IRQCNT], 0
        jne     .done
        sti
        hlt
        dec     ecx
        jnz     .loop
.done:  cli
        ret

; HLT until LINE_LEN bytes came in (the peer echoes the line)
wait_line:
        mov     ecx, 1000000
.loop:  cli
        cmp     word [ss:RXCNT], LINE_LEN
        jae     .done
        sti
        hlt
        dec     ecx
        jnz     .loop
.done:  cli
        ret

; AX = number of received bytes that differ from the line upper-cased
compare_echo:
        xor     ax, ax
        xor     bx, bx
.next:  cmp     bx, LINE_LEN
        jae     .done
        mov     dl, [cs:line+bx]
        cmp     dl, 'a'
        jb      .cmp
        cmp     dl, 'z'
        ja      .cmp
        sub     dl, 0x20
.cmp:   cmp     dl, [ss:RXBUF+bx]
        je      .ok
        inc     ax
.ok:    inc     bx
        jmp     .next
.done:  ret

; IRQ 4: count, record IIR, take every received byte, EOI
com1_irq:
        push    ax
        push    bx
        push    dx
        inc     word [ss:IRQCNT]
        INB     IIR
        cmp     byte [ss:LASTIIR], 0xEE
        jne     .rx
        mov     [ss:LASTIIR], al
.rx:    INB     LSR
        test    al, 0x01
        jz      .done
        INB     RBR
        mov     bx, [ss:RXCNT]
        cmp     bx, RXMAX
        jae     .rx
        mov     [ss:RXBUF+bx], al
        inc     word [ss:RXCNT]
        jmp     .rx
.done:  mov     al, 0x20
        out     0x20, al
        pop     dx
        pop     bx
        pop     ax
        iret

pic_init:
        mov     al, 0x11                        ; ICW1: edge, cascade, ICW4
        out     0x20, al
        mov     al, 0x08                        ; ICW2: IRQ 0-7 at vectors 08h-0Fh
        out     0x21, al
        mov     al, 0x04                        ; ICW3: slave on IR2
        out     0x21, al
        mov     al, 0x01                        ; ICW4: 8086 mode
        out     0x21, al
        mov     al, 0x11
        out     0xA0, al
        mov     al, 0x70
        out     0xA1, al
        mov     al, 0x02
        out     0xA1, al
        mov     al, 0x01
        out     0xA1, al
        mov     al, 0xFF
        out     0xA1, al
        out     0x21, al
        ret

msg4:   db "wxyz"
msg8:   db "12345678"
line:   db "the quick brown fox jumps over the lazy dog", 10
LINE_LEN equ $ - line

        ROM_END
