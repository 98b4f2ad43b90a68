; test-roms/irq_shadow.asm - interrupt shadows (SDM Vol. 3A 6.8.3, "STI",
; "MOV", "POP") with a real IRQ0 from the 8259A/8254.
;
; Deterministic part: with IF=0, PIT counter 0 in mode 0 (one-shot) raises
; IRQ0 and the ROM spins until IRR bit 0 shows it pending; then:
;   sti / nop           -> taken after the NOP (STI shadow)
;   sti / cli           -> not taken at all (still pending afterwards)
;   sti / sti / nop     -> taken after the second STI: an STI executed with
;                          IF=1 sets no new shadow (SDM "STI": "interrupts
;                          may be recognized before RET executes" in
;                          STI; STI; RET)
;   sti / hlt           -> HLT runs, the interrupt wakes it (IP after HLT)
;   popf (IF=1) / nop   -> taken right after POPF (no shadow)
;   iret (IF=1)         -> taken at the IRET target (no shadow)
; Statistical part: PIT mode 2 interrupts a long run of
;   mov ss, ax / mov bx, ax     (MOV SS shadow)
;   push ss / pop ss / mov bx, ax (POP SS shadow)
;   cli / sti / mov bx, ax      (IF=0 and the STI shadow)
; until 30 IRQ0s landed inside the run; the handler counts pushed IPs at a
; forbidden offset (right after MOV SS / POP SS / CLI / STI), which must be
; zero.  Only counts against bounds are printed.
; qemu-differs: mov ss shadow: QEMU 7.2 TCG occasionally delivers an asynchronous IRQ right after MOV SS (seen in 1 of several CI runs); the SDM (Vol. 3, 6.8.3) inhibits it for one instruction, as trap86 does
%include "lib.inc"

SH_IP    equ 0x700      ; pushed IP of the last IRQ0 (deterministic handler)
SH_CNT   equ 0x702      ; IRQ0s taken
ST_BASE  equ 0x704      ; statistical: block start, length, forbidden-offset mask
ST_LEN   equ 0x706
ST_BAD   equ 0x708      ; IRQ0s at a forbidden offset
ST_IN    equ 0x70A      ; IRQ0s inside the block
ST_MASK  equ 0x70C

main:
        mov     word [ss:0x08*4], sh_h
        mov     word [ss:0x08*4+2], 0xF000
        call    pic_init
        mov     al, 0xFE
        out     0x21, al

; ---- sti / nop ----
        call    arm_pending
        CHKB    "irq0 pending in irr (if=0)", al, 1
        sti
        nop
.a1:    nop
        cli
        CHKW    "sti nop: one irq", word [ss:SH_CNT], 1
        CHKW    "sti nop: taken after the nop", word [ss:SH_IP], .a1-$$

; ---- sti / cli ----
        call    arm_pending
        sti
        cli
        nop
        CHKW    "sti cli: no irq", word [ss:SH_CNT], 0
        call    read_irr
        and     al, 1
        CHKB    "sti cli: irq0 still pending", al, 1
        sti
        nop
.a2:    nop
        cli
        CHKW    "sti cli: pending irq taken later", word [ss:SH_CNT], 1
        CHKW    "sti cli: later irq after the nop", word [ss:SH_IP], .a2-$$

; ---- sti / sti / nop ----
        call    arm_pending
        sti
        sti
.a3:    nop
        nop
        cli
        CHKW    "sti sti: one irq", word [ss:SH_CNT], 1
        CHKW    "sti sti: taken after the second sti", word [ss:SH_IP], .a3-$$

; ---- sti / hlt ----
        call    arm_pending
        sti
        hlt
.a4:    cli
        CHKW    "sti hlt: one irq", word [ss:SH_CNT], 1
        CHKW    "sti hlt: wakes hlt (ip after hlt)", word [ss:SH_IP], .a4-$$

; ---- popf setting IF ----
        call    arm_pending
        push    word 0x0202
        popf
.a5:    nop
        nop
        cli
        CHKW    "popf if=1: one irq", word [ss:SH_CNT], 1
        CHKW    "popf if=1: taken right after popf", word [ss:SH_IP], .a5-$$

; ---- iret setting IF ----
        call    arm_pending
        push    word 0x0202
        push    cs
        push    word .a6
        iret
        hlt                                     ; not reached
.a6:    nop
        nop
        cli
        CHKW    "iret if=1: one irq", word [ss:SH_CNT], 1
        CHKW    "iret if=1: taken at the iret target", word [ss:SH_IP], .a6-$$

; ---- statistical: MOV SS, POP SS, CLI/STI ----
        mov     word [ss:0x08*4], st_h
        mov     bx, 0x0100                      ; mode 2, ~215 us period
        mov     al, 0x34
        call    pit0_load

        mov     word [ss:ST_BASE], ..@blk_mss
        mov     word [ss:ST_LEN], ..@blk_mss_end - ..@blk_mss
        mov     word [ss:ST_MASK], 0x04         ; offset 2: after MOV SS
        call    st_reset
        xor     ax, ax
        mov     cx, 20000
        sti
.l1:
..@blk_mss:
%rep 256
        mov     ss, ax
        mov     bx, ax
%endrep
..@blk_mss_end:
        cmp     word [ss:ST_IN], 30
        jae     .d1
        dec     cx
        jnz     .l1
.d1:    cli
        call    st_in_ok
        CHKB    "mov ss run: >= 30 irqs inside", bl, 1
        CHKW    "mov ss shadow no irq right after mov ss", word [ss:ST_BAD], 0

        mov     word [ss:ST_BASE], ..@blk_pss
        mov     word [ss:ST_LEN], ..@blk_pss_end - ..@blk_pss
        mov     word [ss:ST_MASK], 0x04         ; offset 2: after POP SS
        call    st_reset
        xor     ax, ax
        mov     cx, 20000
        sti
.l2:
..@blk_pss:
%rep 256
        push    ss
        pop     ss
        mov     bx, ax
%endrep
..@blk_pss_end:
        cmp     word [ss:ST_IN], 30
        jae     .d2
        dec     cx
        jnz     .l2
.d2:    cli
        call    st_in_ok
        CHKB    "pop ss run: >= 30 irqs inside", bl, 1
        CHKW    "pop ss run: no irq right after pop ss", word [ss:ST_BAD], 0

        mov     word [ss:ST_BASE], ..@blk_sti
        mov     word [ss:ST_LEN], ..@blk_sti_end - ..@blk_sti
        mov     word [ss:ST_MASK], 0x06         ; offsets 1 (after CLI), 2 (after STI)
        call    st_reset
        xor     ax, ax
        mov     cx, 20000
        sti
.l3:
..@blk_sti:
%rep 256
        cli
        sti
        mov     bx, ax
%endrep
..@blk_sti_end:
        cmp     word [ss:ST_IN], 30
        jae     .d3
        dec     cx
        jnz     .l3
.d3:    cli
        call    st_in_ok
        CHKB    "cli sti run: >= 30 irqs inside", bl, 1
        CHKW    "cli sti run: no irq after cli or sti", word [ss:ST_BAD], 0

        mov     al, 0xFF
        out     0x21, al
        FINISH

; ---- helpers ----------------------------------------------------------------

pic_init:
        mov     al, 0x11
        out     0x20, al
        mov     al, 0x08
        out     0x21, al
        mov     al, 0x04
        out     0x21, al
        mov     al, 0x01
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

; pit0_load: control word AL for counter 0 (LSB+MSB), count BX.
pit0_load:
        out     0x43, al
        mov     al, bl
        out     0x40, al
        mov     al, bh
        out     0x40, al
        ret

read_irr:
        mov     al, 0x0A
        out     0x20, al
        in      al, 0x20
        ret

; arm_pending: IF=0; clear the records, start a short mode 0 one-shot on
; counter 0 and spin until IRR shows IRQ0.  AL=1 when it did.
arm_pending:
        cli
        mov     word [ss:SH_IP], 0xFFFF
        mov     word [ss:SH_CNT], 0
        push    bx
        mov     bx, 0x0040
        mov     al, 0x30
        call    pit0_load
        pop     bx
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

st_reset:
        mov     word [ss:ST_BAD], 0
        mov     word [ss:ST_IN], 0
        ret

st_in_ok:
        mov     bl, 0
        cmp     word [ss:ST_IN], 30
        jb      .n
        mov     bl, 1
.n:     ret

; Deterministic handler: record the pushed IP, return with IF=0.
sh_h:
        push    bp
        mov     bp, sp
        push    ax
        mov     ax, [bp+2]
        mov     [ss:SH_IP], ax
        inc     word [ss:SH_CNT]
        and     word [bp+6], 0xFDFF
        mov     al, 0x20
        out     0x20, al
        pop     ax
        pop     bp
        iret

; Statistical handler: classify the pushed IP by its offset in the block.
st_h:
        push    bp
        mov     bp, sp
        push    ax
        push    cx
        mov     ax, [bp+2]
        sub     ax, [ss:ST_BASE]
        cmp     ax, [ss:ST_LEN]
        jae     .out
        inc     word [ss:ST_IN]
        mov     cl, al
        and     cl, 3
        mov     al, 1
        shl     al, cl
        test    [ss:ST_MASK], al
        jz      .out
        inc     word [ss:ST_BAD]
.out:   mov     al, 0x20
        out     0x20, al
        pop     cx
        pop     ax
        pop     bp
        iret

        ROM_END
