#!/bin/bash
# tests/boot/sigterm_flush.sh TRAP86 IMAGE WORKDIR SIGNAL: boot FreeDOS,
# type a copy con into a file, wait until the file is on the image, then
# send SIGNAL (TERM, INT or HUP) to trap86.  A clean exit says so on
# stderr, exits with 128+N, writes its -screendump (only an orderly exit
# does) and leaves the image with the file (checked with mtools).
# Exit 77 (skip) when the image, the firmware or mtools is missing.
set -u
trap86=$1 image=$2 work=$3 sig=$4
. "$(dirname "$0")/common.sh"
need_files "$image"
need_firmware
need_command mtype mtools
mkdir -p "$work"
img=$work/fd.img
private_copy "$image" "$img" || exit 1
rm -f "$work/screen.txt"
"$trap86" -fda "$img" -icount shift=3 -display none -postcode-port none \
    -send-keys '3.5:copy con SIG.TXT\nkilled politely\n\^Z\n' \
    -screendump "$work/screen.txt" >"$work/out.txt" 2>&1 &
pid=$!
trap 'kill -9 $pid 2>/dev/null' EXIT # never leave a trap86 holding the lock
for _ in $(seq 1 240); do
    mtype -i "$img" ::SIG.TXT 2>/dev/null | grep -q 'killed politely' && break
    sleep 0.5
done
kill -s "$sig" $pid
wait $pid
rc=$?
cat "$work/out.txt"
fail=0
num=$(kill -l "$sig")
[ $rc = $((128 + num)) ] || { echo "exit status $rc, expected $((128 + num))"; fail=1; }
grep -q "terminating on signal $num" "$work/out.txt" || { echo "no clean-exit message"; fail=1; }
[ -s "$work/screen.txt" ] || { echo "no screendump: the exit was not orderly"; fail=1; }
mtype -i "$img" ::SIG.TXT | grep -q 'killed politely' || { echo "SIG.TXT missing"; fail=1; }
exit $fail
