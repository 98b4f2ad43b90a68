#!/bin/bash
# tests/boot/floppy_guests.sh TRAP86 GUEST WORKDIR: floppies made at test
# time from Debian's packages boot through SeaBIOS in deterministic time:
#   memtest   /boot/memtest86+ia32.bin written raw onto a 1.44M image
#             reaches its main screen; Enter starts the tests, and
#             screendumps at two guest times show Pass % rising
#   syslinux  a FAT floppy (mkfs.fat, syslinux --install) whose
#             SYSLINUX.CFG boots memtest86+ia32.bin as its kernel
#   grub      boot.img + a core.img from grub-mkimage: GRUB's prompt,
#             where typed `ls` lists the floppy as (fd0)
# Exit 77 (skip) when the firmware, a package's files or tools are missing.
set -u
trap86=$1 guest=$2 work=$3
. "$(dirname "$0")/common.sh"
need_firmware
memtest=/boot/memtest86+ia32.bin
mkdir -p "$work" && cd "$work" || exit 1
rm -f fd.img screen*.txt
run() { # run SECONDS [ARGS...]: boot fd.img, screendump to screenSECONDS.txt
    local t=$1
    shift
    "$trap86" -fda fd.img -icount shift=3 -display none -postcode-port none -m 16 \
        -exit-after "$t" -screendump "screen$t.txt" "$@" >"out$t.txt" 2>&1
}
pass_pct() { grep -o 'Pass *[0-9]*%' "$1" | grep -o '[0-9]*'; }
fail=0
case $guest in
memtest)
    need_files "$memtest"
    head -c 1474560 /dev/zero >fd.img
    dd if="$memtest" of=fd.img conv=notrunc status=none
    run 8 -send-keys '4:\n'
    run 12 -send-keys '4:\n'
    cat screen12.txt
    grep -q 'Memtest86+ v6' screen8.txt || { echo "no memtest main screen"; fail=1; }
    grep -q 'Memory  : *16MB' screen8.txt || { echo "memtest does not see -m 16"; fail=1; }
    grep -q 'Errors: 0' screen12.txt || { echo "memtest reports errors"; fail=1; }
    p1=$(pass_pct screen8.txt) p2=$(pass_pct screen12.txt)
    echo "Pass at 8 s: ${p1:-none}%, at 12 s: ${p2:-none}%"
    [ -n "$p1" ] && [ -n "$p2" ] && [ "$p2" -gt "$p1" ] || { echo "Pass % does not rise"; fail=1; }
    ;;
syslinux)
    need_files "$memtest"
    need_command syslinux syslinux
    need_command mkfs.fat dosfstools
    need_command mcopy mtools
    mkfs.fat -C fd.img 1440 >/dev/null && syslinux --install fd.img || exit 1
    mcopy -i fd.img "$memtest" ::MEMTEST.BIN
    printf 'DEFAULT memtest\nPROMPT 0\nTIMEOUT 1\nLABEL memtest\n  KERNEL MEMTEST.BIN\n' >cfg
    mcopy -i fd.img cfg ::SYSLINUX.CFG
    run 8
    cat screen8.txt
    grep -q 'Memtest86+ v6' screen8.txt || { echo "syslinux did not boot memtest"; fail=1; }
    ;;
grub)
    need_command grub-mkimage grub-common
    need_files /usr/lib/grub/i386-pc/boot.img
    grub-mkimage -O i386-pc -o core.img -p '(fd0)/boot/grub' biosdisk normal ls || exit 1
    cat /usr/lib/grub/i386-pc/boot.img core.img >fd.img && truncate -s 1474560 fd.img
    run 7 -send-keys '4:ls\n'
    cat screen7.txt
    grep -q 'GNU GRUB  version 2' screen7.txt || { echo "no GRUB banner"; fail=1; }
    grep -q '^grub> ls' screen7.txt || { echo "no grub> prompt with the typed ls"; fail=1; }
    grep -q '(fd0)' screen7.txt || { echo "ls does not list (fd0)"; fail=1; }
    ;;
*) echo "unknown guest $guest"; exit 2 ;;
esac
exit $fail
