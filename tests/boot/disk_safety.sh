#!/bin/bash
# tests/boot/disk_safety.sh TRAP86 PYTHON WRITER_MBR WORKDIR: the "Disk
# safety" test of issue 7, with test-roms/hd_writer.asm booted from -hda
# through Debian's SeaBIOS.  The writer fills LBA 64.. with the dword LBA
# (complemented on its second pass) and prints "ACK <lba>" on port 0xE9
# after each INT 13h write returned.  Checks:
#   1. while one trap86 runs the writer, a second trap86 given the same
#      image (plainly, and with -snapshot) is refused with an "in use"
#      message and a non-zero status, before running any guest code;
#   2. SIGTERM to the first after a few hundred acknowledged writes makes
#      it exit with 143 (128 + SIGTERM) and every acknowledged sector holds
#      exactly what its last acknowledged write put there; sectors never
#      written are still zero (at most the one write in flight may have
#      landed);
#   3. with -snapshot, the writer's writes succeed (ACK lines) and the
#      image file is bit-identical afterwards.
# Exit 77 (skip) when the firmware is missing.
set -u
trap86=$1 python=$2 mbr=$3 work=$4
. "$(dirname "$0")/common.sh"
need_firmware
[ -f "$mbr" ] || { echo "missing $mbr (build the hd_writer target)"; exit 1; }
mkdir -p "$work"
img=$work/hd.img
rm -f "$img" "$work"/*.txt
cp "$mbr" "$img"
truncate -s 8M "$img"
fw=(-bios /usr/share/seabios/bios.bin -vgabios /usr/share/seabios/vgabios-stdvga.bin
    -boot c -display none -postcode-port none -no-reboot)
fail=0

# acks FILE: how many ACK lines FILE holds.
acks() { grep -c '^ACK ' "$1" 2>/dev/null || true; }

"$trap86" "${fw[@]}" -hda "$img" >"$work/writer.txt" 2>"$work/writer.err" &
pid=$!
for _ in $(seq 1 600); do
    [ "$(acks "$work/writer.txt")" -ge 1 ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
done
# 1. A second instance is refused while the first holds the image.
for extra in "" "-snapshot"; do
    # shellcheck disable=SC2086
    "$trap86" "${fw[@]}" $extra -hda "$img" -max-insns 1000 >"$work/second.txt" 2>&1
    rc=$?
    if [ $rc -eq 0 ] || ! grep -q "hd.img.*in use" "$work/second.txt"; then
        echo "FAIL: second trap86 ($extra) not refused (status $rc):"
        cat "$work/second.txt"
        fail=1
    else
        echo "second trap86 ${extra:-(plain)} refused: $(head -1 "$work/second.txt")"
    fi
done
# 2. SIGTERM while the guest writes (the last ACK line may be cut short).
for _ in $(seq 1 600); do
    [ "$(acks "$work/writer.txt")" -ge 300 ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
done
kill -TERM $pid 2>/dev/null
wait $pid
rc=$?
n=$(acks "$work/writer.txt")
echo "writer stopped by SIGTERM with status $rc after $n acknowledged writes"
[ $rc -eq 143 ] || { echo "FAIL: status $rc, want 143"; cat "$work/writer.err"; fail=1; }
[ "$n" -ge 300 ] || { echo "FAIL: only $n acknowledged writes"; fail=1; }
grep -q '^ERR' "$work/writer.txt" && { echo "FAIL: a BIOS write failed"; fail=1; }
"$python" - "$work/writer.txt" "$img" <<'PY' || fail=1
import struct, sys
FIRST, LAST = 64, 16383
want = {}
k = 0
for line in open(sys.argv[1]):
    if not line.startswith("ACK "):
        continue
    # The sequence gives the LBA; a line cut short by the signal still
    # says the write returned ("ACK " is printed only after it has).
    n = LAST - FIRST + 1
    lba = FIRST + k % n
    digits = line[4:12]
    if len(digits) == 8 and line.endswith("\n"):
        assert int(digits, 16) == lba, "ACK out of order: " + digits
    want[lba] = lba ^ (0xFFFFFFFF if (k // n) % 2 else 0)
    k += 1
img = open(sys.argv[2], "rb").read()
bad = 0
for lba, v in want.items():
    if img[lba * 512:(lba + 1) * 512] != struct.pack("<I", v) * 128:
        print("FAIL: acknowledged LBA %d does not hold %08x" % (lba, v)); bad = 1
        break
in_flight = FIRST + k % (LAST - FIRST + 1)
for lba in range(FIRST, LAST + 1):
    if lba in want or lba == in_flight:
        continue
    if img[lba * 512:(lba + 1) * 512] != bytes(512):
        print("FAIL: LBA %d was written but never acknowledged" % lba); bad = 1
        break
print("%d acknowledged sectors checked in the image" % len(want))
sys.exit(bad)
PY
# 3. -snapshot: writes succeed, the file stays bit-identical.
cp "$img" "$work/before.img"
"$trap86" "${fw[@]}" -snapshot -hda "$img" -icount shift=3 -exit-after 3 \
    >"$work/snap.txt" 2>"$work/snap.err"
rc=$?
n=$(acks "$work/snap.txt")
echo "-snapshot run: status $rc, $n acknowledged writes"
[ $rc -eq 0 ] || { echo "FAIL: -snapshot status $rc"; cat "$work/snap.err"; fail=1; }
[ "$n" -ge 100 ] || { echo "FAIL: -snapshot: only $n writes acknowledged"; fail=1; }
cmp "$work/before.img" "$img" || { echo "FAIL: -snapshot changed the image"; fail=1; }
rm -f "$work/before.img"
[ $fail -eq 0 ] && echo "PASS"
exit $fail
