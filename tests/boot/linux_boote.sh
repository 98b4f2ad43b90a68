#!/bin/bash
# tests/boot/linux_boote.sh TRAP86 IMAGE WORKDIR: BootE Linux 2.4 (its kernel
# emulates the FPU, so no x87 is needed) boots from a floppy through SeaBIOS
# in deterministic time to "Please press Enter to activate this console";
# Enter, then `uname -a` typed through the PS/2 keyboard prints the kernel's
# Linux line on the screen.  Exit 77 (skip) when the image or firmware is
# missing.
set -u
trap86=$1 image=$2 work=$3
. "$(dirname "$0")/common.sh"
need_files "$image"
need_firmware
mkdir -p "$work" && cd "$work" || exit 1
private_copy "$image" fd.img || exit 1
"$trap86" -fda fd.img -icount shift=3 -display none -postcode-port none \
    -exit-after 18 -screendump before.txt >out1.txt 2>&1
"$trap86" -fda fd.img -icount shift=3 -display none -postcode-port none \
    -send-keys '20:\n' -send-keys '22:uname -a\n' -exit-after 25 -screendump after.txt >out2.txt 2>&1
cat after.txt
fail=0
grep -q 'Welcome to BootE Linux' before.txt || { echo "no BootE banner"; fail=1; }
grep -q 'Please press Enter to activate this console' before.txt || { echo "no console prompt"; fail=1; }
grep -A1 'uname -a$' after.txt | grep -q '^Linux bootE 2\.4\.20 .* i486' ||
    { echo "no Linux line after uname -a"; fail=1; }
exit $fail
