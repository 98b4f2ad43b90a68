#!/bin/bash
# tests/boot/linux_ide.sh TRAP86 IMAGE WORKDIR: Linux 2.4's own IDE, ATAPI and serial
# drivers on trap86's PIIX3 and 16550A.  BootE Linux boots from the floppy with
# a blank 16 MiB -hda and an ISO 9660 -cdrom (made here with xorriso: a
# file HELLO.TXT); at its shell, typed through the keyboard, it
#   - mounts /dev/hdc read-only as iso9660 and prints the file (ATAPI
#     packet commands: TEST UNIT READY, READ CAPACITY, READ TOC, READ(10)),
#   - writes a line to /dev/hda at sector 100 with dd and syncs;
#   - writes a line to /dev/ttyS0, which -serial file: puts in a file
#     (Linux's serial driver probes COM1 and must call it a 16550A);
# the test checks the screen (the kernel found "hda: ... ATA DISK drive"
# and "hdc: ... ATAPI CD/DVD-ROM drive", the file's text) and, after
# trap86 exits, the disk image file: the line at byte 51200, nothing else
# changed.  Exit 77 (skip) when the image, firmware or xorriso is missing.
set -u
trap86=$1 image=$2 work=$3
. "$(dirname "$0")/common.sh"
need_files "$image"
need_firmware
need_command xorriso xorriso
mkdir -p "$work" && cd "$work" || exit 1
rm -rf iso cd.iso hd.img screen.txt serial.txt
private_copy "$image" fd.img || exit 1
mkdir iso && echo "text on the trap86 CD" >iso/HELLO.TXT
# Making the ISO is test setup, not what is tested: one retry, with the
# first failure's log shown (it failed once in CI without a trace).
mkiso() { rm -f cd.iso && xorriso -as mkisofs -quiet -r -o cd.iso iso >xorriso.log 2>&1; }
mkiso || { echo "xorriso failed once:"; cat xorriso.log; sleep 1; mkiso; } ||
    { echo "xorriso failed:"; cat xorriso.log; exit 1; }
truncate -s 16M hd.img
"$trap86" -fda fd.img -hda hd.img -cdrom cd.iso -serial file:serial.txt -icount shift=3 -display none \
    -postcode-port none -send-keys '20:\n' \
    -send-keys '22:mkdir /mnt/c; mount -t iso9660 -r /dev/hdc /mnt/c; cat /mnt/c/HELLO.TXT\n' \
    -send-keys '25:echo trap86 linux wrote this | dd of=/dev/hda bs=512 seek=100 conv=sync; sync\n' \
    -send-keys '28:dmesg | grep -e "^hd[ac]:" -e "^ttyS"\n' \
    -send-keys '31:echo linux on com1 >/dev/ttyS0\n' \
    -exit-after 34 -screendump screen.txt >out.txt 2>&1
rc=$?
cat screen.txt
fail=0
[ $rc -eq 0 ] || { echo "FAIL: exit status $rc"; cat out.txt; fail=1; }
grep -q '^hda: trap86 HARDDISK, ATA DISK drive' screen.txt || { echo "FAIL: no hda"; fail=1; }
grep -q '^hdc: trap86 CD-ROM, ATAPI CD/DVD-ROM drive' screen.txt || { echo "FAIL: no hdc"; fail=1; }
grep -q '^text on the trap86 CD' screen.txt || { echo "FAIL: the CD's file was not read"; fail=1; }
grep -q '^ttyS00 at 0x03f8 (irq = 4) is a 16550A' screen.txt || { echo "FAIL: no 16550A on COM1"; fail=1; }
grep -q '^linux on com1' serial.txt || { echo "FAIL: serial.txt: $(cat serial.txt)"; fail=1; }
want=$(printf 'trap86 linux wrote this\n')
got=$(dd if=hd.img bs=512 skip=100 count=1 2>/dev/null | tr -d '\0')
[ "$got" = "$want" ] || { echo "FAIL: sector 100 holds '$got'"; fail=1; }
others=$( (head -c 51200 hd.img; tail -c +51713 hd.img) | tr -d '\0' | wc -c)
[ "$others" -eq 0 ] || { echo "FAIL: $others other bytes of the disk changed"; fail=1; }
[ $fail -eq 0 ] && echo "PASS"
exit $fail
