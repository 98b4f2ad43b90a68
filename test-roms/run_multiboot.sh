#!/bin/bash
# test-roms/run_multiboot.sh EMU PYTHON KERNEL WORKDIR [TRAP86]: boot the
# Multiboot test kernel (mb_kernel.asm) with -append "hello world" and one
# module "mod.bin modarg" (5000 bytes, byte i = (7 * i + 1) mod 256, made
# here) under EMU = trap86 (through SeaBIOS and the loader ROM) or qemu
# (qemu-system-i386's own loader, the oracle), with -m 32.  Passes when
# the exit status is 1 (the kernel wrote 0 to port 0xF4), the transcript
# has PASS and DONE and no FAIL, and it shows the command line and module
# string the loader must have passed.  77 (skip) without the firmware or
# QEMU.
emu=$1 python=$2 kernel=$3 work=$4 trap86=$5
mkdir -p "$work" || exit 1
cd "$work" || exit 1
cp "$kernel" mb_kernel.bin || exit 1
"$python" -c 'import sys; sys.stdout.buffer.write(bytes((7 * i + 1) & 255 for i in range(5000)))' >mod.bin
args=(-kernel mb_kernel.bin -append "hello world" -initrd "mod.bin modarg" -m 32 -display none
      -debugcon stdio)
if [ "$emu" = qemu ]; then
  command -v qemu-system-i386 >/dev/null || { echo "qemu-system-i386 not installed: skipped"; exit 77; }
  timeout 60 qemu-system-i386 "${args[@]}" -device isa-debug-exit,iobase=0xf4,iosize=4 \
    -no-reboot >transcript.txt
else
  [ -e /usr/share/seabios/bios.bin ] || { echo "SeaBIOS not installed: skipped"; exit 77; }
  "$trap86" "${args[@]}" -icount shift=3 -no-reboot -max-insns 400000000 >transcript.txt
fi
status=$?
cat transcript.txt
rc=0
fail() { echo "run_multiboot: $*" >&2; rc=1; }
[ "$status" -eq 1 ] || fail "exit status $status, want 1"
grep -q '^FAIL' transcript.txt && fail "the kernel reported failures"
grep -qx 'PASS' transcript.txt || fail "no PASS line"
grep -qx 'DONE' transcript.txt || fail "no DONE line"
grep -qx 'cmdline: mb_kernel.bin hello world' transcript.txt || fail "command line not 'mb_kernel.bin hello world'"
grep -qx 'module: mod.bin modarg' transcript.txt || fail "module string not 'mod.bin modarg'"
exit $rc
