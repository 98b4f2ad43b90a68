#!/bin/bash
# tests/boot/freedos_keys.sh TRAP86 IMAGE WORKDIR: boot FreeDOS (default
# firmware: Debian's SeaBIOS and VGA BIOS) in deterministic time and type
# through -send-keys, the real PS/2 keyboard and 8042 path:
#   ver                -> the shell's version line
#   ver /r             -> also the FreeDOS kernel version line
#   date + Enter       -> the date set with -rtc base= (Sat 06-17-2006)
#   copy con T86.TXT   -> a file written through the floppy controller;
#                         read back after exit with mtools, a FAT reader we
#                         did not write, and compared byte for byte
# and end with -exit-after (status 0).  The shared image is never touched:
# the run uses a private writable copy.  Exit 77 (skip) when the image, the
# firmware or mtools is missing.
set -u
trap86=$1 image=$2 work=$3
. "$(dirname "$0")/common.sh"
need_files "$image"
need_firmware
need_command mtype mtools
mkdir -p "$work"
img=$work/fd.img
private_copy "$image" "$img" || exit 1
before=$(sha256sum <"$image")
"$trap86" -fda "$img" -icount shift=3 -no-reboot -display none -postcode-port none \
    -rtc base=2006-06-17T16:01:21 \
    -send-keys '3.5:ver\n' -send-keys '3.8:ver /r\n' -send-keys '4.5:date\n\n' \
    -send-keys '5.5:copy con T86.TXT\nHELLO FROM TRAP86\n\^Z\n' \
    -exit-after 8 -screendump "$work/screen.txt" >"$work/out.txt" 2>&1
rc=$?
cat "$work/screen.txt"
fail=0
[ $rc = 0 ] || { echo "exit status $rc, expected 0 (-exit-after)"; fail=1; }
grep -q 'guest time reached -exit-after' "$work/out.txt" || { echo "no -exit-after report"; fail=1; }
grep -A2 -x 'A:\\>ver' "$work/screen.txt" | grep -q '^FreeCom version' ||
    { echo "no shell version line after ver"; fail=1; }
grep -A5 -x 'A:\\>ver /r' "$work/screen.txt" | grep -q '^FreeDOS kernel version' ||
    { echo "no kernel version line after ver /r"; fail=1; }
grep -q 'Current date is Sat 06-17-2006' "$work/screen.txt" || { echo "date is not the -rtc base"; fail=1; }
printf 'HELLO FROM TRAP86\r\n' >"$work/expect.txt"
mtype -i "$img" ::T86.TXT >"$work/got.txt" 2>&1
cmp -s "$work/expect.txt" "$work/got.txt" || { echo "T86.TXT on the image:"; od -c "$work/got.txt"; fail=1; }
[ "$(sha256sum <"$image")" = "$before" ] || { echo "the shared image changed"; fail=1; }
exit $fail
