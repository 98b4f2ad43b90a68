; test-roms/irq_pit_real.asm - 8259A and 8254 in real mode: the ROM programs
; both PICs (ICW1-4), runs PIT counter 0 in mode 2 on IRQ0 with an IVT
; handler that counts and sends EOI, and checks: HLT with IF=1 returns only
; after an interrupt; ISR (OCW3 read) has IR0 set inside the handler and
; clear after the non-specific EOI; a masked IRQ0 (OCW1) takes no interrupt
; but still sets IRR (mode 0 keeps the line high); unmasking delivers it;
; the poll command (OCW3 0Ch) returns 80h|level, acts as an INTA (ISR set,
; IRR cleared), returns 0 with nothing pending or only masked requests;
; specific EOI (60h+level) clears only its level; without EOI further IRQ0s
; stay blocked; auto-EOI mode (ICW4=03h) leaves ISR clear in the handler;
; PIT read-back status; counter 2 behind port 0x61 (gate bit 0, OUT bit 5):
; latch command, latch held until read, mode 0 one-shot whose OUT goes high
; at terminal count and stays high.
;
; Only timing-independent facts are printed: counts are compared against
; bounds ("irq0 count >= 5"), delays are measured by PIT periods (HLT
; wake-ups or wraps of the latched counter 0 count), never by loops.
;
; Known trap86 failure (kept on purpose): "irr ir0 set once out0 reads high".
; In real-time mode the PIT's OUT0 edge reaches the 8259A only when its
; timer fires between CPU slices, up to a whole slice (100000 instructions,
; about 0.75 ms here) after the edge, while read-back computes OUT0 from the
; clock at once, so the guest sees OUT0 high with IRR0 still clear.  On the
; 8254/8259A the rising OUT0 edge sets IRR0 immediately; passes with -icount.
;
; qemu-differs: irr ir0 set once out0 reads high: QEMU raises IRQ0 from a host timer callback, so IRR now and then lags the OUT level computed at read time (2 runs in 10 here); trap86 fails it every run, see above
; qemu-differs: ch2 control word sets mode0 out low: QEMU 7.2's pit_ioport_write only stores the mode on a control word ("XXX: update irq timer ?"), so OUT stays high; 8254 datasheet, Mode 0: "OUT will be initially low" after the Control Word is written
; qemu-differs: ch2 gate low: QEMU 7.2's i8254 ignores GATE in modes 0 and 4 ("XXX: just disable/enable counting" in pit_set_gate), so counter 2 counts with port 0x61 bit 0 clear; 8254 datasheet, Mode 0: "GATE = 0 disables counting"
%include "lib.inc"

TICKS    equ 0x700      ; IRQ0 handler invocations
HMODE    equ 0x702      ; handler EOI: 0 non-specific (20h), 1 none, 2 specific (60h)
ISR_IN   equ 0x704      ; master ISR read in the handler before its EOI
ISR_OUT  equ 0x705      ; master ISR read in the handler after its EOI
HLT_HITS equ 0x706      ; IRQ0s whose pushed IP is ..@hlt_ret (woke a HLT)
SPUR     equ 0x708      ; vector 0Fh (IR7, spurious) count
BADHLT   equ 0x70A      ; HLTs that returned without an IRQ0

DIV1MS   equ 1193       ; PIT divisor: about 1 ms

main:
        mov     word [ss:0x08*4], irq0_h
        mov     word [ss:0x08*4+2], 0xF000
        mov     word [ss:0x0F*4], spur_h
        mov     word [ss:0x0F*4+2], 0xF000
        mov     word [ss:TICKS], 0
        mov     word [ss:HMODE], 0
        mov     word [ss:HLT_HITS], 0
        mov     word [ss:SPUR], 0
        mov     word [ss:BADHLT], 0
        mov     al, 0x01                        ; ICW4: 8086 mode, normal EOI
        call    pic_init
        mov     al, 0xFE                        ; OCW1: IRQ0 only
        out     0x21, al
        in      al, 0x21
        CHKB    "pic master imr readback", al, 0xFE
        in      al, 0xA1
        CHKB    "pic slave imr readback", al, 0xFF

; ---- PIT counter 0, mode 2: status, count, ticks through HLT ----
        mov     bx, DIV1MS
        call    pit0_mode2
        mov     al, 0xE2                        ; read-back: status only, counter 0
        out     0x43, al
        in      al, 0x40
        and     al, 0x3F                        ; OUT/null count are timing
        CHKB    "pit ch0 readback status mode2 word", al, 0x34
        call    pit0_latch
        mov     bl, 0
        cmp     ax, 1
        jb      .c1
        cmp     ax, DIV1MS
        ja      .c1
        mov     bl, 1
.c1:    CHKB    "pit ch0 latched count in 1..divisor", bl, 1

        mov     byte [ss:ISR_IN], 0xEE
        mov     byte [ss:ISR_OUT], 0xEE
        mov     word [ss:TICKS], 0
        mov     cx, 1000                        ; bound on HLTs
        sti
.hl:    mov     dx, [ss:TICKS]
        hlt
..@hlt_ret:
        cmp     dx, [ss:TICKS]
        jne     .hok
        inc     word [ss:BADHLT]
.hok:   cmp     word [ss:TICKS], 5
        jae     .hdone
        loop    .hl
.hdone: cli
        call    ticks_ge5
        CHKB    "irq0 count >= 5 through hlt", bl, 1
        CHKW    "hlt returns only after an irq", word [ss:BADHLT], 0
        mov     bl, 0
        cmp     word [ss:HLT_HITS], 1
        jb      .c2
        mov     bl, 1
.c2:    CHKB    "irq0 pushed ip after hlt", bl, 1
        CHKB    "isr ir0 set in handler", byte [ss:ISR_IN], 0x01
        CHKB    "isr clear after non-specific eoi", byte [ss:ISR_OUT], 0x00
        call    read_isr
        CHKB    "isr clear in main", al, 0x00
        CHKW    "no spurious irq7 (mode 2)", word [ss:SPUR], 0

; ---- masking IRQ0 with OCW1 (mode 2 running) ----
        mov     al, 0xFF
        out     0x21, al
        mov     bx, [ss:TICKS]
        sti
        mov     cx, 5
        call    wait_wraps                      ; 5 periods of counter 0
        cli
        mov     ax, [ss:TICKS]
        sub     ax, bx
        CHKW    "masked irq0 takes no interrupt in 5 periods", ax, 0
        mov     al, 0xFE
        out     0x21, al
        mov     dx, [ss:TICKS]
        sti
        hlt
        cli
        mov     bl, 0
        cmp     [ss:TICKS], dx
        je      .c3
        mov     bl, 1
.c3:    CHKB    "unmasked irq0 wakes hlt", bl, 1

; ---- mode 0 one-shot on counter 0: IRR, ISR, poll, specific EOI (IF=0) ----
        mov     bx, 0x0100
        call    pit0_mode0
        call    wait_out0
        CHKB    "pit ch0 mode0 out high at tc", al, 1
        call    read_irr
        and     al, 1
        CHKB    "irr ir0 set once out0 reads high", al, 1
        call    wait_irr0                       ; the rest does not depend on it
        CHKB    "irr ir0 set after mode0 tc", al, 1
        mov     al, 0xE2
        out     0x43, al
        in      al, 0x40
        and     al, 0xBF                        ; null count: QEMU has none
        CHKB    "pit ch0 readback status mode0 after tc", al, 0xB0
        call    read_isr
        CHKB    "isr empty before poll", al, 0x00
        mov     al, 0x0C                        ; OCW3 poll
        out     0x20, al
        in      al, 0x20
        CHKB    "poll returns 80h|ir0", al, 0x80
        call    read_isr
        CHKB    "poll sets isr like inta", al, 0x01
        call    read_irr
        and     al, 1
        CHKB    "poll clears edge irr", al, 0
        mov     al, 0x0C
        out     0x20, al
        in      al, 0x20
        CHKB    "poll with nothing pending", al, 0x00
        mov     al, 0x61                        ; specific EOI, IR1
        out     0x20, al
        call    read_isr
        CHKB    "specific eoi ir1 keeps isr ir0", al, 0x01
        mov     al, 0x60                        ; specific EOI, IR0
        out     0x20, al
        call    read_isr
        CHKB    "specific eoi ir0 clears isr", al, 0x00
        call    read_irr
        and     al, 1
        CHKB    "mode0 out stays high: no new request", al, 0

; masked request: IRR set, not polled, not taken; unmask delivers it
        mov     al, 0xFF
        out     0x21, al
        mov     bx, 0x0100
        call    pit0_mode0
        call    wait_irr0
        CHKB    "masked irq0 still sets irr", al, 1
        mov     al, 0x0C
        out     0x20, al
        in      al, 0x20
        CHKB    "poll ignores masked request", al, 0x00
        call    read_irr
        and     al, 1
        CHKB    "irr kept after poll of masked request", al, 1
        mov     bx, [ss:TICKS]
        sti
        mov     cx, 2
        call    wait_wraps0                     ; counter 0 is mode 0: just spin
        cli
        mov     ax, [ss:TICKS]
        sub     ax, bx
        CHKW    "masked pending irq0 not taken", ax, 0
        sti
        mov     al, 0xFE
        out     0x21, al                        ; taken right here (IF=1)
        mov     cx, 0xFFFF
.w4:    cmp     [ss:TICKS], bx
        jne     .w4d
        loop    .w4
.w4d:   cli
        mov     ax, [ss:TICKS]
        sub     ax, bx
        CHKW    "unmasking delivers the pending irq0 once", ax, 1
        call    read_isr
        CHKB    "isr clear after delivered irq0", al, 0x00

; ---- no EOI: ISR blocks further IRQ0s; specific EOI in the handler ----
        mov     word [ss:HMODE], 1
        mov     word [ss:TICKS], 0
        mov     bx, DIV1MS
        call    pit0_mode2
        sti
        mov     cx, 0xFFFF                      ; the first IRQ0 (however late)
.w5:    cmp     word [ss:TICKS], 0
        jne     .w5d
        call    pit0_latch
        loop    .w5
.w5d:   mov     cx, 5
        call    wait_wraps
        cli
        CHKW    "without eoi only one irq0 in 5 periods", word [ss:TICKS], 1
        call    read_isr
        CHKB    "isr ir0 stays set without eoi", al, 0x01
        mov     al, 0x60
        out     0x20, al
        call    read_isr
        CHKB    "specific eoi from main clears isr", al, 0x00
        mov     word [ss:HMODE], 2
        mov     word [ss:TICKS], 0
        mov     byte [ss:ISR_OUT], 0xEE
        call    hlt_until3
        call    ticks_ge3
        CHKB    "specific eoi in handler: irq0 count >= 3", bl, 1
        CHKB    "isr clear after specific eoi in handler", byte [ss:ISR_OUT], 0x00

; ---- auto-EOI (ICW4 = 03h) ----
        mov     al, 0x03
        call    pic_init
        mov     al, 0xFE
        out     0x21, al
        mov     word [ss:HMODE], 1              ; handler sends no EOI
        mov     word [ss:TICKS], 0
        mov     byte [ss:ISR_IN], 0xEE
        mov     bx, DIV1MS
        call    pit0_mode2
        call    hlt_until3
        call    ticks_ge3
        CHKB    "auto-eoi: irq0 count >= 3 without eoi", bl, 1
        CHKB    "auto-eoi: isr clear in handler", byte [ss:ISR_IN], 0x00
        call    read_isr
        CHKB    "auto-eoi: isr clear in main", al, 0x00

; ---- counter 2 behind port 0x61 ----
        mov     al, 0x01                        ; back to normal EOI
        call    pic_init
        mov     al, 0xFE
        out     0x21, al
        mov     word [ss:HMODE], 0
        mov     bx, DIV1MS
        call    pit0_mode2                      ; the 1 ms HLT clock
        in      al, 0x61
        and     al, 0xFC                        ; gate 2 low, speaker off
        out     0x61, al
        in      al, 0x61
        and     al, 0x03
        CHKB    "port61 gate2 and speaker bits read back 0", al, 0
        mov     al, 0xB0                        ; counter 2, LSB+MSB, mode 0
        out     0x43, al
        xor     al, al
        out     0x42, al
        mov     al, 0x80                        ; count 8000h (27.5 ms)
        out     0x42, al
        in      al, 0x61
        and     al, 0x20
        CHKB    "ch2 mode0 out low after count written", al, 0
        call    delay3
        call    pit2_latch
        mov     si, ax
        CHKW    "ch2 gate low holds initial count", si, 0x8000
        call    delay3
        call    pit2_latch
        sub     ax, si
        CHKW    "ch2 gate low count unchanged after 2 periods", ax, 0
        in      al, 0x61
        or      al, 0x01                        ; gate 2 high: counting starts
        out     0x61, al
        in      al, 0x61
        and     al, 0x03
        CHKB    "port61 gate2 bit reads back 1", al, 1
        mov     al, 0xE8                        ; read-back: status only, counter 2
        out     0x43, al
        in      al, 0x42
        and     al, 0xBF
        CHKB    "ch2 status before tc (out low, mode 0)", al, 0x30
        call    pit2_latch
        mov     si, ax
        call    delay3
        call    pit2_latch
        mov     bl, 0
        cmp     si, ax
        jbe     .c5
        sub     si, ax
        cmp     si, 1000                        ; >= 2 periods of 1193 ticks passed
        jb      .c5
        mov     bl, 1
.c5:    CHKB    "ch2 counts down >= 1000 ticks in 2 periods", bl, 1
        mov     al, 0x80                        ; latch counter 2
        out     0x43, al
        call    delay3
        mov     al, 0x80                        ; ignored: a count is latched
        out     0x43, al
        in      al, 0x42
        mov     ah, al
        in      al, 0x42
        xchg    al, ah
        mov     si, ax
        call    pit2_latch                      ; a fresh latch
        mov     bl, 0
        cmp     si, ax
        jbe     .c6
        sub     si, ax
        cmp     si, 1000
        jb      .c6
        mov     bl, 1
.c6:    CHKB    "ch2 latch held until read", bl, 1
        mov     cx, 200                         ; TC at most 27.5 ms away
        sti
.w2:    hlt
        in      al, 0x61
        test    al, 0x20
        jnz     .w2d
        loop    .w2
.w2d:   cli
        in      al, 0x61
        and     al, 0x20
        CHKB    "ch2 mode0 out high at tc (port61 bit5)", al, 0x20
        mov     al, 0xE8
        out     0x43, al
        in      al, 0x42
        CHKB    "ch2 status after tc", al, 0xB0
        call    delay3
        in      al, 0x61
        and     al, 0x20
        CHKB    "ch2 mode0 out stays high after tc", al, 0x20
        mov     al, 0xC8                        ; read-back: count and status
        out     0x43, al
        in      al, 0x42
        CHKB    "ch2 readback count+status: status first", al, 0xB0
        in      al, 0x42
        in      al, 0x42
        mov     al, 0xB0                        ; new control word: OUT low
        out     0x43, al
        in      al, 0x61
        and     al, 0x20
        CHKB    "ch2 control word sets mode0 out low", al, 0
        in      al, 0x61
        and     al, 0xFC
        out     0x61, al

        CHKW    "no spurious irq7", word [ss:SPUR], 0
        mov     al, 0xFF
        out     0x21, al
        FINISH

; ---- helpers ----------------------------------------------------------------

; pic_init: AL = master ICW4.  Master 08h, slave 70h on IR2; all masked.
pic_init:
        push    ax
        mov     al, 0x11                        ; ICW1: edge, cascade, ICW4
        out     0x20, al
        mov     al, 0x08                        ; ICW2
        out     0x21, al
        mov     al, 0x04                        ; ICW3: slave on IR2
        out     0x21, al
        pop     ax
        out     0x21, al                        ; ICW4
        mov     al, 0x11
        out     0xA0, al
        mov     al, 0x70
        out     0xA1, al
        mov     al, 0x02                        ; ICW3: slave id 2
        out     0xA1, al
        mov     al, 0x01
        out     0xA1, al
        mov     al, 0xFF
        out     0xA1, al
        out     0x21, al
        ret

; pit0_mode2 / pit0_mode0: counter 0, LSB+MSB, count BX.
pit0_mode2:
        mov     al, 0x34
        jmp     pit0_load
pit0_mode0:
        mov     al, 0x30
pit0_load:
        out     0x43, al
        mov     al, bl
        out     0x40, al
        mov     al, bh
        out     0x40, al
        ret

; pit0_latch / pit2_latch: AX = latched count.
pit0_latch:
        mov     al, 0x00
        out     0x43, al
        in      al, 0x40
        mov     ah, al
        in      al, 0x40
        xchg    al, ah
        ret
pit2_latch:
        mov     al, 0x80
        out     0x43, al
        in      al, 0x42
        mov     ah, al
        in      al, 0x42
        xchg    al, ah
        ret

read_irr:
        mov     al, 0x0A
        out     0x20, al
        in      al, 0x20
        ret
read_isr:
        mov     al, 0x0B
        out     0x20, al
        in      al, 0x20
        push    ax
        mov     al, 0x0A
        out     0x20, al
        pop     ax
        ret

; wait_wraps: wait CX wrap-arounds of counter 0 (mode 2), by latching.
wait_wraps:
        push    ax
        push    dx
        call    pit0_latch
        mov     dx, ax
.l:     call    pit0_latch
        cmp     ax, dx
        mov     dx, ax
        jbe     .l
        loop    .l
        pop     dx
        pop     ax
        ret

; wait_wraps0: a delay for when counter 0 is in mode 0 after TC (it keeps
; counting down through 0000 -> FFFF): wait CX passes of its count through
; 8000h, i.e. CX * 55 ms at most.  Used with CX small.
wait_wraps0:
        push    ax
        push    dx
        push    bx
        mov     bx, cx
.o:     call    pit0_latch
        mov     dx, ax
.l:     call    pit0_latch                      ; wait until 300 ticks passed
        mov     cx, dx
        sub     cx, ax
        cmp     cx, 300
        jb      .l
        dec     bx
        jnz     .o
        pop     bx
        pop     dx
        pop     ax
        ret

; wait_out0: spin until read-back shows counter 0 OUT high.  AL=1 seen, 0 timeout.
wait_out0:
        push    ecx
        mov     ecx, 0x400000
.l:     mov     al, 0xE2
        out     0x43, al
        in      al, 0x40
        test    al, 0x80
        jnz     .y
        dec     ecx
        jnz     .l
        xor     al, al
        jmp     .r
.y:     mov     al, 1
.r:     pop     ecx
        ret

; wait_irr0: spin until IRR bit 0 is set.  AL=1 seen, 0 timeout.
wait_irr0:
        push    ecx
        mov     ecx, 0x400000
.l:     call    read_irr
        test    al, 1
        jnz     .y
        dec     ecx
        jnz     .l
        xor     al, al
        jmp     .r
.y:     mov     al, 1
.r:     pop     ecx
        ret

; delay3: three wrap-arounds of counter 0 (at least two full periods,
; 2386 PIT ticks), measured on the counter itself, not by interrupts.
delay3:
        push    cx
        mov     cx, 3
        call    wait_wraps
        pop     cx
        ret

; hlt_until3: HLT until TICKS >= 3 (bounded), IF=0 after.
hlt_until3:
        push    cx
        mov     cx, 1000
        sti
.l:     hlt
        cmp     word [ss:TICKS], 3
        jae     .d
        loop    .l
.d:     cli
        pop     cx
        ret

ticks_ge5:
        mov     bl, 0
        cmp     word [ss:TICKS], 5
        jb      .n
        mov     bl, 1
.n:     ret
ticks_ge3:
        mov     bl, 0
        cmp     word [ss:TICKS], 3
        jb      .n
        mov     bl, 1
.n:     ret

; IRQ0 handler: count, note a HLT wake-up, ISR before/after the EOI.
irq0_h:
        push    bp
        mov     bp, sp
        push    ax
        inc     word [ss:TICKS]
        cmp     word [bp+2], ..@hlt_ret
        jne     .n
        inc     word [ss:HLT_HITS]
.n:     mov     al, 0x0B
        out     0x20, al
        in      al, 0x20
        mov     [ss:ISR_IN], al
        cmp     byte [ss:HMODE], 1
        je      .noeoi
        mov     al, 0x20
        cmp     byte [ss:HMODE], 2
        jne     .send
        mov     al, 0x60
.send:  out     0x20, al
.noeoi: in      al, 0x20                        ; OCW3 still selects ISR
        mov     [ss:ISR_OUT], al
        mov     al, 0x0A
        out     0x20, al
        pop     ax
        pop     bp
        iret

spur_h:
        inc     word [ss:SPUR]
        iret

        ROM_END
