#!/bin/bash
# tests/vga/run_trap86.sh TRAP86 PYTHON ROM NAME WORKDIR: run the
# firmware-free pattern ROM test-roms/vga_NAME.asm (assembled to ROM) under
# trap86 as its BIOS, with the screendump written at exit, and compare that
# PNG pixel for pixel with vga_ref.py's frame NAME (compare_frames.py).
# The ROM must print "vga_NAME: drawn" on port 0xE9 and leave through port
# 0xF4 with 0 (exit status 1).
set -u
trap86=$1 python=$2 rom=$3 name=$4 work=$5
here=$(dirname "$0")
mkdir -p "$work"
rm -f "$work/trap86.png" "$work/diff.png"
"$python" "$here/vga_ref.py" "$name" "$work/reference.png" ||
    { echo "vga_ref.py $name failed"; exit 1; }
"$trap86" -bios "$rom" -display none -no-reboot -max-insns 500000000 \
    -screendump "$work/trap86.png" >"$work/trap86.txt" 2>"$work/trap86-err.txt"
status=$?
echo "trap86 exit status $status; debug console:"
cat "$work/trap86.txt"
[ -s "$work/trap86-err.txt" ] && { echo "trap86 stderr:"; cat "$work/trap86-err.txt"; }
if ! grep -qx "vga_$name: drawn" "$work/trap86.txt"; then
    echo "FAIL: the ROM did not finish drawing"
    exit 1
fi
if [ "$status" -ne 1 ]; then
    echo "FAIL: exit status $status, want 1 (the ROM writes 0 to port 0xF4)"
    exit 1
fi
if [ ! -f "$work/trap86.png" ]; then
    echo "FAIL: no screendump written"
    exit 1
fi
exec "$python" "$here/compare_frames.py" "$work/trap86.png" "$work/reference.png" \
    --diff "$work/diff.png"
