#!/bin/bash
# tests/boot/run_demo.sh TRAP86 PYTHON IMAGE WORKDIR: boot the demo floppy
# (build/roms/demo-floppy.img, from roms/demo-floppy.asm) through Debian's
# SeaBIOS and VGA BIOS in deterministic time, once per CPU model with a
# different -m each, and check that
#   - trap86 exits 0 (the demo ends with cli; hlt);
#   - the debug console (stdout) shows the banner, the CPUID vendor
#     GenuineIntel with the model's family/model/stepping and feature
#     names (cpu/ops_system.c op_cpuid), 639 KiB conventional memory, a
#     RAM size equal to -m, and the protected-mode CRC-32 line, whose value
#     must equal zlib's CRC-32 of the same bytes of the image (an oracle we
#     did not write);
#   - every line of the debug console is also on the text screen.
# -cpu 386 is not run: Debian's SeaBIOS itself uses BSWAP (a 486
# instruction) during POST and cannot boot on a 386.
# Exit 77 (skip) when the firmware is missing.
set -u
trap86=$1 python=$2 image=$3 work=$4
bios=/usr/share/seabios/bios.bin vga=/usr/share/seabios/vgabios-stdvga.bin
for f in "$bios" "$vga"; do
    [ -f "$f" ] || { echo "missing $f: skip"; exit 77; }
done
[ -f "$image" ] || { echo "missing $image (build the trap86 target)"; exit 1; }
mkdir -p "$work"
fail=0
bad() { echo "FAIL ($cpu): $*"; fail=1; }

# expect FILE TEXT: FILE has a line containing TEXT (fixed string).
expect() { grep -qF -- "$2" "$1" || bad "no '$2' in $(basename "$1")"; }

# check_crc OUT: the CRC-32 line agrees with zlib on the image's bytes.
check_crc() {
    local line n crc want
    line=$(grep -o 'CRC-32 of the [0-9]* demo bytes at 0000:7C00 = [0-9A-F]*h' "$1")
    [ -n "$line" ] || { bad "no CRC-32 line"; return; }
    n=$(echo "$line" | sed 's/CRC-32 of the \([0-9]*\) .*/\1/')
    crc=$(echo "$line" | sed 's/.* = \([0-9A-F]*\)h/\1/')
    want=$("$python" -c 'import sys, zlib
data = open(sys.argv[1], "rb").read(int(sys.argv[2]))
print("%08X" % zlib.crc32(data))' "$image" "$n")
    [ "$crc" = "$want" ] || bad "guest CRC-32 $crc, zlib says $want"
}

# check_screen OUT SCREEN: every non-empty console line is a screen line.
check_screen() {
    local line
    while IFS= read -r line; do
        [ -z "$line" ] && continue
        grep -qxF -- "$line" "$2" || bad "console line not on the screen: '$line'"
    done <"$1"
}

# run CPU MIB SIGNATURE FEATURES: boot, then check console and screen.
run() {
    cpu=$1
    local out=$work/out-$1.txt screen=$work/screen-$1.txt rc
    cp "$image" "$work/fd-$1.img"
    "$trap86" -bios "$bios" -vgabios "$vga" -fda "$work/fd-$1.img" -cpu "$1" -m "$2" \
        -icount shift=3 -no-reboot -display none -postcode-port none \
        -max-insns 200000000 -screendump "$screen" >"$out" 2>"$work/err-$1.txt"
    rc=$?
    [ $rc -eq 0 ] || bad "exit status $rc: $(cat "$work/err-$1.txt")"
    expect "$out" "This is trap86, a pure-software IA-32 PC emulator,"
    expect "$out" "booted through SeaBIOS from the built-in demo floppy."
    expect "$out" "CPUID present (EFLAGS.ID toggles), vendor GenuineIntel, highest leaf 1"
    expect "$out" "$3"
    expect "$out" "$4"
    expect "$out" "Memory: 639 KiB conventional (INT 12h)"
    expect "$out" "RAM: $2 MiB"
    expect "$out" "back in real mode"
    expect "$out" "trap86 -fda freedos.img"
    expect "$out" "Halting with interrupts off (cli; hlt)"
    check_crc "$out"
    expect "$screen" "This is trap86, a pure-software IA-32 PC emulator,"
    expect "$screen" "GenuineIntel"
    check_screen "$out" "$screen"
    echo "== -cpu $1 -m $2: stdout"
    cat "$out"
}

run 486 32 "family 4, model 8, stepping 0 (signature 00000480h)" \
    "features EDX=00000000h ECX=00000000h: none"
run pentium 64 "family 5, model 2, stepping 1 (signature 00000521h)" \
    "features EDX=0000013Eh ECX=00000000h: VME DE PSE TSC MSR CX8"
exit $fail
