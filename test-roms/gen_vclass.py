#!/usr/bin/env python3
"""Generate test-roms pm_vclass_gen.asm from cpu/opcodes.spec.

Usage: gen_vclass.py SPEC OUT.asm

The ROM runs each opcode form whose virtualization class is `priv` or `sens`
at CPL 3 with IOPL 0 (no TSS I/O bitmap) and checks the class against the
CPU:
  priv  -> the form raises #GP(0) at the form's first byte;
  sens  -> the form does not trap at CPL 3 (it runs to the `int 0x30` that
           ends the ring-3 block); POPF additionally must keep IF and IOPL.
Every priv/sens row needs an entry in TESTS below (or in SKIP, with the
reason); an unknown row stops the build, so a new row cannot slip past the
ROM, and a row whose class disagrees with the CPU makes the ROM fail.
"""
import sys

# (op, reg) -> list of (variant name, setup asm lines, instruction asm).
# The instruction is labelled; setup runs first at CPL 3 with DS=ES=FS=GS=
# ring-3 flat data.  0x1800 is ring-3 scratch data; `{t}` is a label
# generated for the form (the continuation of branches).
R3 = "SEL_DATA3|3"
PTR = [f"mov dword [0x1800], R3_STACK-0x100", f"mov word [0x1804], {R3}"]
TESTS = {
    # ---- privileged ----
    (0xF4, -1): [("", [], "hlt")],
    (0xFA, -1): [("", [], "cli")],
    (0xFB, -1): [("", [], "sti")],
    (0x100, 2): [("reg", ["xor eax, eax"], "lldt ax"),
                 ("mem", ["mov word [0x1800], 0"], "lldt [0x1800]")],
    (0x100, 3): [("reg", ["mov eax, SEL_TSS"], "ltr ax"),
                 ("mem", ["mov word [0x1800], SEL_TSS"], "ltr [0x1800]")],
    (0x101, 2): [("", ["mov word [0x1800], 0"], "lgdt [0x1800]")],
    (0x101, 3): [("", ["mov word [0x1800], 0"], "lidt [0x1800]")],
    (0x101, 6): [("reg", ["mov eax, 1"], "lmsw ax"),
                 ("mem", ["mov word [0x1800], 1"], "lmsw [0x1800]")],
    (0x101, 7): [("", [], "invlpg [0x1800]")],
    (0x106, -1): [("", [], "clts")],
    (0x108, -1): [("", [], "invd")],
    (0x109, -1): [("", [], "wbinvd")],
    (0x120, -1): [("cr0", [], "mov eax, cr0"), ("cr3", [], "mov ebx, cr3")],
    (0x121, -1): [("", [], "mov eax, dr7")],
    (0x122, -1): [("cr0", ["mov eax, 0x11"], "mov cr0, eax")],
    (0x123, -1): [("", ["xor eax, eax"], "mov dr7, eax")],
    (0x124, -1): [("", [], "mov eax, tr6")],
    (0x126, -1): [("", ["xor eax, eax"], "mov tr6, eax")],
    # ---- sensitive, unprivileged ----
    (0x07, -1): [("", [f"push dword {R3}"], "pop es")],
    (0x0E, -1): [("", [], "push cs")],
    (0x16, -1): [("", [], "push ss")],
    (0x17, -1): [("", ["push ss"], "pop ss")],
    (0x1F, -1): [("", [f"push dword {R3}"], "pop ds")],
    (0x1A1, -1): [("", [f"push dword {R3}"], "pop fs")],
    (0x1A9, -1): [("", [f"push dword {R3}"], "pop gs")],
    (0x6C, -1): [("", ["mov edi, 0x1800", "mov dx, 0x80"], "insb")],
    (0x6D, -1): [("", ["mov edi, 0x1800", "mov dx, 0x80"], "insd")],
    (0x6E, -1): [("", ["mov esi, 0x1800", "mov dx, 0x80"], "outsb")],
    (0x6F, -1): [("", ["mov esi, 0x1800", "mov dx, 0x80"], "outsd")],
    (0x8C, -1): [("reg", [], "mov ax, cs"), ("mem", [], "mov [0x1800], ss")],
    (0x8E, -1): [("", [f"mov eax, {R3}"], "mov es, ax")],
    (0x9A, -1): [("", [], "call (SEL_CODE3|3):{t}")],
    (0x9C, -1): [("", [], "pushfd")],
    (0x9D, -1): [("", ["push dword 0x3202"], "popfd")],
    (0xC4, -1): [("", PTR, "les eax, [0x1800]")],
    (0xC5, -1): [("", PTR, "lds eax, [0x1800]")],
    (0x1B2, -1): [("", PTR, "lss esp, [0x1800]")],
    (0x1B4, -1): [("", PTR, "lfs eax, [0x1800]")],
    (0x1B5, -1): [("", PTR, "lgs eax, [0x1800]")],
    (0xCA, -1): [("", ["push dword 0", "push dword SEL_CODE3|3", "push dword {t}"], "retf 4")],
    (0xCB, -1): [("", ["push dword SEL_CODE3|3", "push dword {t}"], "retf")],
    (0xCD, -1): [("", [], "int 0x30")],
    (0xCF, -1): [("", ["push dword 0x3202", "push dword SEL_CODE3|3", "push dword {t}"], "iretd")],
    (0xE4, -1): [("", [], "in al, 0x80")],
    (0xE5, -1): [("", [], "in eax, 0x80")],
    (0xE6, -1): [("", [], "out 0x80, al")],
    (0xE7, -1): [("", [], "out 0x80, eax")],
    (0xEA, -1): [("", [], "jmp (SEL_CODE3|3):{t}")],
    (0xEC, -1): [("", ["mov dx, 0x80"], "in al, dx")],
    (0xED, -1): [("", ["mov dx, 0x80"], "in eax, dx")],
    (0xEE, -1): [("", ["mov dx, 0x80"], "out dx, al")],
    (0xEF, -1): [("", ["mov dx, 0x80"], "out dx, eax")],
    (0xFF, 3): [("", ["mov dword [0x1800], {t}", "mov word [0x1804], SEL_CODE3|3"], "call far [0x1800]")],
    (0xFF, 5): [("", ["mov dword [0x1800], {t}", "mov word [0x1804], SEL_CODE3|3"], "jmp far [0x1800]")],
    (0x100, 0): [("reg", [], "sldt ax"), ("mem", [], "sldt [0x1800]")],
    (0x100, 1): [("reg", [], "str ax"), ("mem", [], "str [0x1800]")],
    (0x100, 4): [("", [f"mov eax, {R3}"], "verr ax")],
    (0x100, 5): [("", [f"mov eax, {R3}"], "verw ax")],
    (0x101, 0): [("", [], "sgdt [0x1800]")],
    (0x101, 1): [("", [], "sidt [0x1800]")],
    (0x101, 4): [("reg", [], "smsw eax"), ("mem", [], "smsw [0x1800]")],
    (0x102, -1): [("", [f"mov ecx, {R3}"], "lar eax, cx")],
    (0x103, -1): [("", [f"mov ecx, {R3}"], "lsl eax, cx")],
    (0x1A2, -1): [("", ["xor eax, eax"], "cpuid")],
}

# Forms not run, with the reason.
SKIP = {
    (0x130, -1): "WRMSR is a Pentium form: #UD on the -cpu 486 model before any privilege check",
    (0x132, -1): "RDMSR is a Pentium form: #UD on the -cpu 486 model before any privilege check",
    (0x131, -1): "RDTSC is a Pentium form: #UD on the -cpu 486 model",
}

# sens rows whose CPL-3/IOPL-0 behaviour is a #GP(0) although the class is
# sens: the I/O instructions (cond iopl) are checked against IOPL and then
# the TSS I/O permission bitmap (SDM Vol. 1 18.5); this TSS has none, so
# every port is denied.  They are "sensitive" in the table because with an
# IOPL or bitmap granting the port they run unprivileged.
IOPL_TRAPS = {(op, -1) for op in (0x6C, 0x6D, 0x6E, 0x6F, 0xE4, 0xE5, 0xE6,
                                  0xE7, 0xEC, 0xED, 0xEE, 0xEF)}

# Known QEMU differences (check-name prefix, reason).
QEMU_DIFFERS = [
    ("priv MOV Rd,Td", "QEMU 7.2 does not implement the 386/486 test registers: #UD instead of #GP(0)"),
    ("priv MOV Td,Rd", "QEMU 7.2 does not implement the 386/486 test registers: #UD instead of #GP(0)"),
]


def parse(path):
    rows = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            cols = line.split()
            if len(cols) != 11:
                sys.exit(f"{path}:{n}: expected 11 columns")
            op_s, reg, mnem, operands, _fr, _fw, cpu, cls, cond, _attr, _fn = cols
            op = int(op_s, 16)
            if len(op_s) == 4:
                op = 0x100 | (op & 0xFF)
            rows.append(dict(op=op, reg=-1 if reg == "-" else int(reg), mnem=mnem,
                             operands=operands, cpu=cpu, cls=cls, cond=cond,
                             text=" ".join(cols[:4]) + f" {cpu} {cls} {cond}", where=f"{path}:{n}"))
    return rows


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_vclass.py SPEC OUT.asm")
    rows = [r for r in parse(sys.argv[1]) if r["cls"] in ("priv", "sens")]
    out = []
    w = out.append
    w("; pm_vclass_gen.asm - GENERATED by test-roms/gen_vclass.py from cpu/opcodes.spec;")
    w("; do not edit.  At CPL 3 with IOPL 0, every `priv` form must raise #GP(0)")
    w("; and every `sens` form must run without a trap (POPF keeping IF and IOPL);")
    w("; the I/O forms (sens, cond iopl) must raise #GP(0) as no I/O bitmap grants")
    w("; the port.  Skipped forms:")
    for key, why in sorted(SKIP.items()):
        w(f";   {key[0]:03X}/{key[1]}: {why}")
    for tag, why in QEMU_DIFFERS:
        w(f"; qemu-differs: {tag}: {why}")
    w('%include "lib32.inc"')
    w("")
    w("main:")
    w("        PM_ENTER")
    n = 0
    counts = {"gp": 0, "ok": 0, "skip": 0}
    for r in rows:
        key = (r["op"], r["reg"])
        if key in SKIP:
            w(f"; {r['text']}: skipped: {SKIP[key]}")
            counts["skip"] += 1
            continue
        if key not in TESTS:
            sys.exit(f"{r['where']}: no vclass test for {r['mnem']} {r['operands']} "
                     f"(class {r['cls']}); add one to TESTS or SKIP in gen_vclass.py")
        expect = "gp" if (r["cls"] == "priv" or key in IOPL_TRAPS) else "ok"
        for variant, setup, insn in TESTS[key]:
            n += 1
            t = f".t{n}"
            name = f"{r['cls']} {r['mnem']} {r['operands']}" + (f" {variant}" if variant else "")
            w(f"; {r['text']}")
            w(f"        ARM32   .r{n}")
            w(f"        RING3   .u{n}")
            w(f".u{n}:   R3_SEGS")
            for s in setup:
                w("        " + s.format(t=t))
            w(f".f{n}:   {insn.format(t=t)}")
            w(f"{t}:   nop")
            if key == (0x9D, -1):
                w("        pushfd")
                w("        pop     dword [ss:0x1900]")
            w("        int     0x30")
            if expect == "gp":
                w(f'.r{n}:   CHKEXC32 "{name}", 13, 0, .f{n}')
            else:
                w(f'.r{n}:   CHKNOEXC32 "{name}"')
                if key == (0x9D, -1):
                    w("        mov     eax, [0x1900]")
                    w("        and     eax, 0x3200")
                    w(f'        CHKD32  "{name} keeps if and iopl", eax, 0')
            counts[expect] += 1
    w("        FINISH32")
    w("")
    w("bits 16")
    w("        ROM_END")
    w(f"; {counts['gp']} forms expected to trap, {counts['ok']} not to, {counts['skip']} skipped")
    with open(sys.argv[2], "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
