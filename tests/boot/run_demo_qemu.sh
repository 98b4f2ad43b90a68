#!/bin/bash
# tests/boot/run_demo_qemu.sh TRAP86 IMAGE WORKDIR: the demo floppy under
# an emulator we did not write.  Boots IMAGE under qemu-system-i386 (its
# own SeaBIOS, debug console on port 0xE9) and under trap86 (Debian's
# SeaBIOS), both with 128 MiB, and checks that both print the same banner,
# CPUID vendor, RAM size and protected-mode CRC-32 line, and the final
# line.  QEMU does not exit when the guest halts: it is killed once the
# final line is out (or after 20 seconds).
# Exit 77 (skip) when qemu-system-i386 or the firmware is missing.
set -u
trap86=$1 image=$2 work=$3
bios=/usr/share/seabios/bios.bin vga=/usr/share/seabios/vgabios-stdvga.bin
qemu=$(command -v qemu-system-i386) || { echo "no qemu-system-i386: skip"; exit 77; }
for f in "$bios" "$vga"; do
    [ -f "$f" ] || { echo "missing $f: skip"; exit 77; }
done
[ -f "$image" ] || { echo "missing $image (build the trap86 target)"; exit 1; }
mkdir -p "$work"
final='Halting with interrupts off'

cp "$image" "$work/qemu.img"
: >"$work/qemu.txt"
timeout 20 "$qemu" -drive "file=$work/qemu.img,if=floppy,format=raw" -m 128 -nic none \
    -debugcon "file:$work/qemu.txt" -display none -no-reboot 2>"$work/qemu-err.txt" &
pid=$!
for _ in $(seq 200); do
    grep -qF "$final" "$work/qemu.txt" && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
done
kill $pid 2>/dev/null
wait $pid 2>/dev/null

cp "$image" "$work/trap86.img"
"$trap86" -bios "$bios" -vgabios "$vga" -fda "$work/trap86.img" -m 128 -icount shift=3 \
    -no-reboot -display none -postcode-port none -max-insns 200000000 \
    >"$work/trap86.txt" 2>"$work/trap86-err.txt"
echo "trap86 exit status $?"

fail=0
# same PATTERN: the text matching PATTERN (grep -oE) exists and agrees.
same() {
    local q t
    q=$(grep -oE -- "$1" "$work/qemu.txt")
    t=$(grep -oE -- "$1" "$work/trap86.txt")
    if [ -z "$q" ] || [ "$q" != "$t" ]; then
        printf 'FAIL: lines matching /%s/ differ\n  qemu:   %s\n  trap86: %s\n' "$1" "$q" "$t"
        fail=1
    fi
}
same '^This is trap86, a pure-software IA-32 PC emulator,$'
same '^booted through SeaBIOS from the built-in demo floppy\.$'
same 'CPUID present \(EFLAGS.ID toggles\), vendor GenuineIntel'
same 'RAM: 128 MiB'
same '^Protected mode: .*$'
same 'CRC-32 of the [0-9]+ demo bytes at 0000:7C00 = [0-9A-F]{8}h, back in real mode'
same "$final"
echo "== qemu-system-i386 debug console:"
cat "$work/qemu.txt"
[ -s "$work/qemu-err.txt" ] && { echo "== qemu stderr:"; cat "$work/qemu-err.txt"; }
exit $fail
