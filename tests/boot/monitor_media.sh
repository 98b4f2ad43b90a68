#!/bin/bash
# tests/boot/monitor_media.sh TRAP86 IMAGE WORKDIR: the QEMU-style monitor
# commands on a running FreeDOS, driven through -monitor stdio:
#   sendkey               types "type b:one.txt" + ret, key by key
#   screendump FILE.txt   shows the file's text from disk B:
#   change floppy1 FILE   puts a second data disk in B:; DOS sees the
#                         disk-change line and reads the new disk's file
#   eject floppy1         takes it out; a DOS "dir b:" then fails
# The data disks are made here with mtools (mformat, mcopy).  Host timing
# decides when each command lands, so every step waits for the screen
# to show the previous one's result; `ptime` measures guest time.  Exit 77 (skip) when the image, the
# firmware or mtools is missing.
set -u
trap86=$1 image=$2 work=$3
. "$(dirname "$0")/common.sh"
need_files "$image"
need_firmware
need_command mformat mtools
mkdir -p "$work" && cd "$work" || exit 1
rm -f fifo screen.txt one.img two.img
private_copy "$image" fd.img || exit 1
for n in one two; do
    mformat -C -i $n.img -f 1440 -v ${n^^} :: || exit 1
    printf 'text of disk %s\r\n' $n >$n.txt
    mcopy -i $n.img $n.txt ::${n^^}.TXT || exit 1
done
mkfifo fifo
"$trap86" -fda fd.img -fdb one.img -icount shift=3 -display none -postcode-port none \
    -monitor stdio <fifo >out.txt 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT # never leave a trap86 holding the lock
exec 3>fifo
say() { echo "$*" >&3; }
type_line() { # sendkey each character of $1, then ret
    local s=$1 c i
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        case $c in
        ' ') say "sendkey spc" ;; '.') say "sendkey dot" ;; ':') say "sendkey shift-semicolon" ;;
        *) say "sendkey $c" ;;
        esac
    done
    say "sendkey ret"
}
wait_screen() { # wait_screen TEXT: until a screendump shows TEXT (120 s)
    for _ in $(seq 1 240); do
        say "screendump $work/screen.txt"
        sleep 0.5
        grep -qF "$1" screen.txt 2>/dev/null && return 0
    done
    echo "timed out waiting for '$1' on the screen"
    return 1
}
ptime() { say ptime; sleep 0.3; grep -o 'ptime: [0-9]*' out.txt | tail -1 | cut -d' ' -f2; }
wait_guest_seconds() { # let $1 s of guest time pass (-icount shift=3: 8 ns each)
    local start now
    start=$(ptime)
    for _ in $(seq 1 400); do
        now=$(ptime)
        [ $((now - start)) -ge $(($1 * 125000000)) ] && return 0
    done
    echo "guest time did not advance"
    return 1
}
fail=0
wait_screen 'A:\>' || fail=1
type_line 'type b:one.txt'
wait_screen 'text of disk one' || fail=1
say "change floppy1 $work/two.img"
# SeaBIOS reports floppies without a change line (INT 13h AH=15h), so DOS
# trusts its cached directory for 2 s after the last access (as with a
# real drive lacking the line): swap disks the way a person would, slowly.
wait_guest_seconds 3 || fail=1
type_line 'type b:two.txt'
wait_screen 'text of disk two' || fail=1
say "eject floppy1"
type_line 'dir b:'
wait_screen 'Abort' || wait_screen 'not ready' || fail=1
say "sendkey f"
say "quit"
exec 3>&-
wait $pid
echo "--- screen"; cat screen.txt
echo "--- monitor"; grep -v '^(trap86)\s*$' out.txt | head -20
grep -q "floppy1: inserted '$work/two.img'" out.txt || { echo "no change report"; fail=1; }
grep -q "floppy1: ejected" out.txt || { echo "no eject report"; fail=1; }
exit $fail
