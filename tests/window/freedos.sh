#!/bin/bash
# tests/window/freedos.sh TRAP86 PYTHON IMAGE REFERENCE WORKDIR WM_CLOSE:
# FreeDOS in trap86's SDL window on a private Xvfb (docs/window.md).
#   - `-fda COPY -display sdl` opens a window titled "trap86 - running -
#     N MIPS - text 80x25 - A: fd.img", found with xdotool, showing
#     "A*: fd.img" (disk activity) while DOS boots from the floppy;
#   - at the A:\> prompt a PNG screendump (monitor, through a FIFO) matches
#     REFERENCE (QEMU's screen of the same floppy) in >= 97% of pixels;
#   - `dir` + Enter typed into the window (xdotool, XTest) reach DOS: the
#     monitor's text screendump shows the listing;
#   - an X screenshot of the window (xwd) shows the picture in a plausible
#     layout (xwd_check.py);
#   - Ctrl+Alt+U turns integer scaling on: the 720x400 frame sits 1:1 in
#     the 720x540 window, 70 black lines above it;
#   - Ctrl+Alt+S writes trap86-YYYYMMDD-HHMMSS.png in the current directory;
#   - Ctrl+Alt+D without zenity (trap86 runs with an empty PATH) says to
#     use the monitor's change floppy0;
#   - closing the window as a window manager does (WM_CLOSE sends
#     WM_DELETE_WINDOW) ends trap86 with status 0 and writes -screendump.
# Exit 77 (skip) when the image, firmware, Xvfb or xdotool is missing.
set -u
trap86=$1 python=$2 image=$3 reference=$4 work=$5 wm_close=$6
. "$(dirname "$0")/common.sh"
need_files "$image" "$reference" "$wm_close"
need_firmware
need_x
mkdir -p "$work" && cd "$work" || exit 1
rm -f fifo screen.txt prompt.png exit.txt trap86-*.png err.txt out.txt ./*.xwd
private_copy "$image" fd.img || exit 1
start_xvfb "$work"
mkfifo fifo
PATH=/nonexistent "$trap86" -fda fd.img -display sdl -monitor stdio -postcode-port none -screendump exit.txt \
    <fifo >out.txt 2>err.txt &
trap86_pid=$!
exec 3>fifo
say() { echo "$*" >&3; }
fail=0
win=$(find_window)
[ -n "$win" ] || { echo "no trap86 window"; cat err.txt; exit 1; }
focus_window "$win"
echo "window $win: $(xdotool getwindowname "$win")"
# While DOS boots from A:, the title marks the drive busy ("A*: fd.img").
busy=
for _ in $(seq 1 200); do
    t=$(xdotool getwindowname "$win" 2>/dev/null)
    [[ $t == *"A*: fd.img"* ]] && { busy=$t; break; }
    sleep 0.1
done
[ -n "$busy" ] && echo "busy title: $busy" || { echo "the title never showed A: busy"; fail=1; }

# dump_until TEXT: monitor text screendumps until one shows TEXT (40 s).
dump_until() {
    local i
    for i in $(seq 1 80); do
        say "screendump $work/screen.txt"
        sleep 0.5
        grep -qF -- "$1" screen.txt 2>/dev/null && return 0
    done
    echo "timed out waiting for '$1' on the screen"
    return 1
}
dump_until 'A:\>' || fail=1
sleep 1 # the prompt's line is complete, the cursor settled

title=$(xdotool getwindowname "$win")
echo "title: $title"
[[ $title =~ ^trap86\ -\ running\ -\ [0-9.]+\ MIPS\ -\ text\ 80x25\ -\ A:\ fd\.img$ ]] ||
    { echo "unexpected title"; fail=1; }

say "screendump $work/prompt.png"
for _ in $(seq 1 25); do [ -s prompt.png ] && break; sleep 0.2; done
sleep 0.3
cmp=$("$python" "$(dirname "$0")/../boot/compare_png.py" prompt.png "$reference")
echo "$cmp"
diff=$(echo "$cmp" | sed -n 's/^\([0-9]*\) differing pixels (\([0-9]*\)x\([0-9]*\).*/\1 \2 \3/p')
read -r n w h <<<"$diff"
if [ -z "$n" ] || [ $((n * 100)) -gt $((w * h * 3)) ]; then
    echo "the prompt's PNG differs from the reference in more than 3% of its pixels"
    fail=1
fi

xdotool type --delay 50 "dir"
xdotool key Return
dump_until 'bytes free' || fail=1
grep -q 'COMMAND  COM' screen.txt || { echo "no COMMAND.COM in the listing"; fail=1; }

sleep 0.5 # a frame or two after the listing
xwd -silent -id "$win" -out window.xwd || fail=1
"$python" "$(dirname "$0")/xwd_check.py" window.xwd --png window.png || fail=1

xdotool key ctrl+alt+u
wait_for err.txt "integer scaling on" 10 || fail=1
sleep 0.5
xwd -silent -id "$win" -out integer.xwd || fail=1
"$python" "$(dirname "$0")/xwd_check.py" integer.xwd --top 70 || fail=1

xdotool key ctrl+alt+s
wait_for err.txt "screenshot saved to trap86-" 10 || fail=1
ls trap86-*.png >/dev/null 2>&1 || { echo "no trap86-*.png written"; fail=1; }

xdotool key ctrl+alt+d
wait_for err.txt "type the path in the monitor: change floppy0 FILE" 10 || fail=1

"$wm_close" "$win" || fail=1
wait_exit
exec 3>&-
echo "exit status $status"
[ "$status" = 0 ] || fail=1
grep -q 'bytes free' exit.txt 2>/dev/null || { echo "-screendump not written at exit"; fail=1; }
grep -q 'the window was closed' err.txt || { echo "no close message"; fail=1; }
echo "--- stderr"; cat err.txt
exit $fail
