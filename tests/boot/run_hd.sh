#!/bin/bash
# tests/boot/run_hd.sh TRAP86 PYTHON MBR WORKDIR [BIOS VGABIOS]: the "Hard
# disk" test, through Debian's SeaBIOS or the firmware given (the Bochs BIOS).
# Builds a 16 MiB image holding test-roms/hd_mbr.asm (MBR) in LBA 0-3 and
# in every later sector l the dword l then bytes (i + l) & 0xFF, boots it
# through Debian's SeaBIOS from -hda with -boot c in deterministic time,
# and checks that
#   - trap86 exits with status 1 (the program wrote 0 to port 0xF4 after
#     all its INT 13h checks passed) and printed "HD: all checks passed";
#   - the image file then holds pattern W (byte k = (k * 5 + 0x11) & 0xFF)
#     at LBA 9 (written with AH=03) and LBA 30000-30002 (AH=43), and every
#     other sector is unchanged;
#   - a read-only copy of the image is refused for writes: the same boot
#     fails its first write (status 3) and the file is byte-identical.
# Exit 77 (skip) when the firmware is missing.
set -u
trap86=$1 python=$2 mbr=$3 work=$4
bios=${5:-/usr/share/seabios/bios.bin} vga=${6:-/usr/share/seabios/vgabios-stdvga.bin}
. "$(dirname "$0")/common.sh"
need_files "$bios" "$vga"
[ -f "$mbr" ] || { echo "missing $mbr (build the hd_mbr target)"; exit 1; }
mkdir -p "$work"
img=$work/hd.img
"$python" - "$mbr" "$img" <<'PY' || exit 1
import struct, sys
mbr = open(sys.argv[1], "rb").read()
assert len(mbr) == 2048
out = bytearray(mbr)
for l in range(4, 32768):
    out += struct.pack("<I", l) + bytes((i + l) & 0xFF for i in range(4, 512))
open(sys.argv[2], "wb").write(out)
PY
cp "$img" "$work/orig.img"
run() {
    "$trap86" -bios "$bios" -vgabios "$vga" \
        -hda "$1" -boot c -icount shift=3 -no-reboot -display none -postcode-port none \
        -max-insns 300000000 >"$2" 2>"$2.err"
}
run "$img" "$work/out.txt"
rc=$?
cat "$work/out.txt"
fail=0
[ $rc -eq 1 ] || { echo "FAIL: exit status $rc, want 1"; cat "$work/out.txt.err"; fail=1; }
grep -q "HD: all checks passed" "$work/out.txt" || { echo "FAIL: no success line"; fail=1; }
"$python" - "$work/orig.img" "$img" <<'PY' || fail=1
import sys
a = open(sys.argv[1], "rb").read()
b = open(sys.argv[2], "rb").read()
w = bytes((k * 5 + 0x11) & 0xFF for k in range(1536))
bad = 0
if len(a) != len(b):
    print("FAIL: image size changed"); sys.exit(1)
if b[9 * 512:10 * 512] != w[:512]:
    print("FAIL: LBA 9 does not hold the AH=03 pattern"); bad = 1
if b[30000 * 512:30003 * 512] != w:
    print("FAIL: LBA 30000-30002 do not hold the AH=43 pattern"); bad = 1
for l in range(len(a) // 512):
    if l == 9 or 30000 <= l <= 30002:
        continue
    if a[l * 512:(l + 1) * 512] != b[l * 512:(l + 1) * 512]:
        print("FAIL: sector %d changed" % l); bad = 1
        break
sys.exit(bad)
PY
# Read-only image: writes must fail, the file must stay as it was.
cp "$work/orig.img" "$work/ro.img"
chmod a-w "$work/ro.img"
run "$work/ro.img" "$work/out-ro.txt"
rc=$?
[ $rc -eq 3 ] || { echo "FAIL: read-only image: exit status $rc, want 3"; fail=1; }
grep -q "AH=03 write" "$work/out-ro.txt" || { echo "FAIL: read-only: the write did not fail"; fail=1; }
cmp -s "$work/orig.img" "$work/ro.img" || { echo "FAIL: the read-only image changed"; fail=1; }
rm -f "$work/ro.img" "$work/orig.img"
[ $fail -eq 0 ] && echo "PASS"
exit $fail
