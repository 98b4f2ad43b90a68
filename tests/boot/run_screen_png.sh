#!/bin/bash
# tests/boot/run_screen_png.sh TRAP86 PYTHON IMAGE WORKDIR INSNS REFERENCE IGNORE:
# boot a private copy of a floppy IMAGE through Debian's SeaBIOS and VGA
# BIOS in deterministic time (INSNS instructions, as run_freedos.sh does),
# dump the screen as PNG at exit and compare it with REFERENCE, a
# screenshot another emulator took (compare_png.py; IGNORE is the
# comma-separated list of 16-pixel text rows left out, e.g. the BIOS
# banner).  Exit 77 (skip) when the image, reference or firmware is missing.
set -u
trap86=$1 python=$2 image=$3 work=$4 insns=$5 reference=$6 ignore=$7
bios=/usr/share/seabios/bios.bin vga=/usr/share/seabios/vgabios-stdvga.bin
for f in "$image" "$reference" "$bios" "$vga"; do
    [ -f "$f" ] || { echo "missing $f: skip"; exit 77; }
done
mkdir -p "$work"
rm -f "$work/fd.img" "$work/screen.png" # the copy keeps the image's read-only mode
cp "$image" "$work/fd.img"
"$trap86" -bios "$bios" -vgabios "$vga" -fda "$work/fd.img" -icount shift=3 \
    -max-insns "$insns" -no-reboot -display none -postcode-port none \
    -screendump "$work/screen.png" >"$work/out.txt" 2>&1
[ -f "$work/screen.png" ] || { echo "no screendump written:"; tail -5 "$work/out.txt"; exit 1; }
exec "$python" "$(dirname "$0")/compare_png.py" "$work/screen.png" "$reference" --ignore-rows "$ignore"
