#!/bin/bash
# tests/boot/run_cdrom.sh TRAP86 WORKDIR [BIOS VGABIOS]: the "CD-ROM" test
# (through SeaBIOS, or the firmware given: the Bochs BIOS).  Makes an El
# Torito ISO with grub-mkrescue from an empty tree (no grub.cfg, so GRUB
# stops at its prompt), boots it through Debian's SeaBIOS from -cdrom with
# -boot d in deterministic time, types "ls /boot/grub" at the prompt (GRUB
# then reads the ISO 9660 directory through INT 13h, i.e. ATAPI READ(10))
# and checks the text screendump for the "grub>" prompt and the listing.
# Also checks that -cdrom refuses an image whose size is not a multiple
# of 2048 bytes, naming the file, and that the monitor's eject cdrom and
# change cdrom FILE empty and refill the drive (info device ide shows the
# disc's size) and refuse that bad image.
# Exit 77 (skip) when the firmware or grub-mkrescue/xorriso/mtools are missing.
set -u
trap86=$1 work=$2
bios=${3:-/usr/share/seabios/bios.bin} vga=${4:-/usr/share/seabios/vgabios-stdvga.bin}
. "$(dirname "$0")/common.sh"
need_files "$bios" "$vga"
need_command grub-mkrescue grub-common
need_command xorriso xorriso
need_command mformat mtools
[ -d /usr/lib/grub/i386-pc ] || { echo "grub-pc-bin missing: skip"; exit 77; }
mkdir -p "$work"
rm -rf "$work/root" "$work/grub.iso"
mkdir -p "$work/root/boot/grub"
grub-mkrescue -o "$work/grub.iso" "$work/root" >"$work/mkrescue.log" 2>&1 ||
    { echo "grub-mkrescue failed:"; cat "$work/mkrescue.log"; exit 1; }
fail=0
screen=$work/screen.txt
"$trap86" -bios "$bios" -vgabios "$vga" \
    -cdrom "$work/grub.iso" -boot d -icount shift=3 -no-reboot -display none \
    -postcode-port none -send-keys '4:ls /boot/grub\n' -exit-after 6 \
    -screendump "$screen" >"$work/out.txt" 2>&1
rc=$?
[ $rc -eq 0 ] || { echo "FAIL: exit status $rc"; cat "$work/out.txt"; fail=1; }
cat "$screen"
grep -q "grub>" "$screen" || { echo "FAIL: no grub> prompt on the screen"; fail=1; }
grep -q "i386-pc/" "$screen" || { echo "FAIL: ls /boot/grub did not list i386-pc/"; fail=1; }
# A truncated ISO is refused with the file named.
head -c 1000000 "$work/grub.iso" >"$work/bad.iso"
truncate -s 1049088 "$work/bad.iso" # 2049 x 512: whole sectors, not whole blocks
"$trap86" -cdrom "$work/bad.iso" -display none -max-insns 1 >"$work/bad.txt" 2>&1
rc=$?
grep -q "bad.iso.*2048" "$work/bad.txt" && [ $rc -ne 0 ] ||
    { echo "FAIL: bad ISO not refused:"; cat "$work/bad.txt"; fail=1; }
# The monitor swaps the disc (the machine stays stopped: -S).
sectors=$(($(stat -c %s "$work/grub.iso") / 512))
printf '%s\n' "info device ide" "eject cdrom" "info device ide" "change cdrom $work/bad.iso" \
    "change cdrom $work/grub.iso" "info device ide" "quit" |
    "$trap86" -cdrom "$work/grub.iso" -display none -S -monitor stdio >"$work/monitor.txt" 2>&1
cat "$work/monitor.txt"
grep -c "drive 2: cdrom, $sectors sectors" "$work/monitor.txt" | grep -qx 2 ||
    { echo "FAIL: info device ide does not show the disc twice"; fail=1; }
grep -q "drive 2: cdrom, 0 sectors" "$work/monitor.txt" ||
    { echo "FAIL: the ejected drive is not empty"; fail=1; }
grep -q "cdrom: ejected" "$work/monitor.txt" || { echo "FAIL: no eject answer"; fail=1; }
grep -q "Error: change cdrom: .*bad.iso" "$work/monitor.txt" ||
    { echo "FAIL: change accepted a bad ISO"; fail=1; }
grep -q "cdrom: inserted '.*grub.iso' (read-only)" "$work/monitor.txt" ||
    { echo "FAIL: change cdrom did not insert the ISO"; fail=1; }
[ $fail -eq 0 ] && echo "PASS"
exit $fail
