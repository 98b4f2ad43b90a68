#!/bin/bash
# tests/boot/run_freedos.sh TRAP86 IMAGE WORKDIR PROMPT INSNS [BIOS VGABIOS]:
# boot a FreeDOS floppy through Debian's SeaBIOS and VGA BIOS (or the BIOS
# and VGA BIOS given, e.g. the Bochs BIOS) in deterministic time (INSNS
# instructions), twice, and check that the text screen shows
# the kernel's banner and a line starting with PROMPT (a grep -F string),
# and that both runs leave the same screen (determinism).
# Exit 77 (skip) when the image or the firmware is missing.
set -u
trap86=$1 image=$2 work=$3 prompt=$4 insns=$5
bios=${6:-/usr/share/seabios/bios.bin} vga=${7:-/usr/share/seabios/vgabios-stdvga.bin}
for f in "$image" "$bios" "$vga"; do
    [ -f "$f" ] || { echo "missing $f: skip"; exit 77; }
done
mkdir -p "$work"
run() { # run N: boot a private copy of the image, dump the screen to screenN.txt
    cp "$image" "$work/fd$1.img" && chmod u+w "$work/fd$1.img"
    "$trap86" -bios "$bios" -vgabios "$vga" -fda "$work/fd$1.img" -icount shift=3 \
        -max-insns "$insns" -no-reboot -display none -postcode-port none \
        -screendump "$work/screen$1.txt" >"$work/out$1.txt" 2>&1
}
run 1
run 2
fail=0
grep -qF "$prompt" "$work/screen1.txt" || { echo "no '$prompt' on the screen"; fail=1; }
grep -q 'FreeDOS kernel' "$work/screen1.txt" || { echo "no FreeDOS kernel line"; fail=1; }
grep -q 'Booting from Floppy' "$work/screen1.txt" || { echo "no BIOS floppy boot line"; fail=1; }
cmp -s "$work/screen1.txt" "$work/screen2.txt" || { echo "two -icount runs differ"; fail=1; }
# stderr names CS:EIP where the instruction limit stopped each run
cmp -s "$work/out1.txt" "$work/out2.txt" || { echo "two -icount runs stop at different places"; fail=1; }
grep -q 'instruction limit reached' "$work/out1.txt" || { echo "no instruction-limit report"; fail=1; }
cmp -s "$work/fd1.img" "$work/fd2.img" || { echo "two -icount runs leave different images"; fail=1; }
cat "$work/screen1.txt"
exit $fail
