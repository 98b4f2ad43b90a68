#!/bin/bash
# tests/window/close.sh TRAP86 IMAGE WORKDIR WM_CLOSE: closing trap86's
# window ends the run like SIGTERM does, but with status 0: FreeDOS writes
# a file typed into the window (echo > HELLO.TXT), the window is closed as
# a window manager does (WM_CLOSE: WM_DELETE_WINDOW) while DOS runs, and
# then the -screendump file exists and the image holds the file (mtools),
# so the disk was flushed.  The monitor (-monitor stdio, a FIFO) only
# watches the screen.  Exit 77 (skip) when the image, firmware, mtools,
# Xvfb or xdotool is missing.
set -u
trap86=$1 image=$2 work=$3 wm_close=$4
. "$(dirname "$0")/common.sh"
need_files "$image" "$wm_close"
need_firmware
need_x
need_command mtype mtools
mkdir -p "$work" && cd "$work" || exit 1
rm -f fifo screen.txt exit.txt err.txt
private_copy "$image" fd.img || exit 1
start_xvfb "$work"
mkfifo fifo
"$trap86" -fda fd.img -display sdl -monitor stdio -postcode-port none -screendump exit.txt \
    <fifo >out.txt 2>err.txt &
trap86_pid=$!
exec 3>fifo
fail=0
win=$(find_window)
[ -n "$win" ] || { echo "no trap86 window"; cat err.txt; exit 1; }
focus_window "$win"
prompts() { # prompts N: until a screendump shows N prompts (40 s)
    local i
    for i in $(seq 1 80); do
        echo "screendump $work/screen.txt" >&3
        sleep 0.5
        [ "$(grep -c 'A:\\>' screen.txt 2>/dev/null)" -ge "$1" ] && return 0
    done
    echo "timed out waiting for $1 prompts"
    return 1
}
prompts 1 || fail=1
xdotool type --delay 50 "echo hello from the window> HELLO.TXT"
xdotool key Return
prompts 2 || fail=1
"$wm_close" "$win" || fail=1
wait_exit
exec 3>&-
echo "exit status $status"
[ "$status" = 0 ] || fail=1
[ -s exit.txt ] || { echo "-screendump not written"; fail=1; }
got=$(mtype -i fd.img ::HELLO.TXT 2>&1 | tr -d '\r')
echo "HELLO.TXT: $got"
[ "$got" = "hello from the window" ] || { echo "the file did not reach the image"; fail=1; }
echo "--- stderr"; cat err.txt
exit $fail
