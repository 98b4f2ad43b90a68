#!/bin/bash
# tests/vga/run_qemu.sh PYTHON ROM NAME WORKDIR: the oracle for vga_ref.py.
# Runs the same pattern ROM under qemu-system-i386 (-M pc -vga std, the ROM
# as firmware; qemu_shot.py takes QEMU's screendump once the ROM has drawn)
# and compares QEMU's frame pixel for pixel with vga_ref.py's frame NAME,
# so the reference generator is checked against an emulator we did not
# write.  Exit 77 (skip) when qemu-system-i386 is not installed.
#
# Where QEMU 7.2 is known not to be the hardware, the reference is
# computed QEMU's way (vga_ref.py --qemu; hw/display/vga.c):
#   qemu-differs: DAC widening: c6_to_8() turns a 6-bit DAC value v into
#     (v << 2) | (v & 1) * 3 instead of (v << 2) | (v >> 4), so the two low
#     bits of every palette-mode component differ (not VBE direct colour)
#   qemu-differs: line graphics: vga_draw_text() copies the 8th dot into
#     the 9th for codes B0h-DFh; the IBM VGA Technical Reference (Attribute
#     Mode Control bit 2) gives C0h-DFh (text_font only)
#   qemu-differs: frame size: QEMU shows 320-pixel modes with each pixel
#     doubled and 200/240-line modes with each line doubled (mode 4 and
#     13h 640x400, mode X 640x480); compare_frames.py --downscale checks
#     that every 2x2 block is one colour and compares one pixel of each
set -u
python=$1 rom=$2 name=$3 work=$4
here=$(dirname "$0")
command -v qemu-system-i386 >/dev/null ||
    { echo "qemu-system-i386 not installed: skip"; exit 77; }
mkdir -p "$work"
rm -f "$work/qemu.ppm" "$work/diff-qemu.png"
"$python" "$here/vga_ref.py" "$name" "$work/reference-qemu.png" --qemu ||
    { echo "vga_ref.py $name --qemu failed"; exit 1; }
"$python" "$here/qemu_shot.py" "$rom" "$work/qemu.ppm" --timeout 60
status=$?
[ "$status" -eq 0 ] || exit "$status"
exec "$python" "$here/compare_frames.py" "$work/qemu.ppm" "$work/reference-qemu.png" \
    --downscale --diff "$work/diff-qemu.png"
