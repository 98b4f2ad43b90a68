#!/bin/bash
# tests/window/input.sh TRAP86 ROM WORKDIR WM_CLOSE: the window's keyboard
# and mouse reach the guest's PS/2 devices.  ROM (input_rom.asm) polls the
# 8042 and prints "KEY XX" per keyboard byte (scan code set 2) and "MOUSE
# dx dy buttons" per mouse packet on the debug console.  On a private Xvfb:
#   - extended keys typed into the window give their set 2 codes: arrows,
#     Ins/Del/Home/End/PgUp/PgDn, right Ctrl/Alt, keypad Enter and /, the
#     Windows and Menu keys, Pause and PrintScreen;
#   - a key held while the window loses the focus is released;
#   - a click grabs the mouse (the title says how to release it); the
#     pointer moved right and up gives packets with dx > 0 and dy > 0
#     (PS/2's Y is up); left and right clicks give buttons 1 and 2;
#   - Ctrl+Alt+G releases the grab: motion then gives no packets, and the
#     hot key's G never reaches the guest (no 34 make code);
#   - closing the window ends trap86 with status 0.
# Exit 77 (skip) when Xvfb or xdotool is missing.
set -u
trap86=$1 rom=$2 work=$3 wm_close=$4
. "$(dirname "$0")/common.sh"
need_files "$rom" "$wm_close"
need_x
mkdir -p "$work" && cd "$work" || exit 1
rm -f con.txt err.txt
start_xvfb "$work"
"$trap86" -bios "$rom" -vga none -display sdl -debugcon file:con.txt -postcode-port none \
    >/dev/null 2>err.txt &
trap86_pid=$!
fail=0
win=$(find_window)
[ -n "$win" ] || { echo "no trap86 window"; cat err.txt; exit 1; }
focus_window "$win"
wait_for con.txt "MOUSE READY" || exit 1

# keys: the codes each key must produce, in order (make, then break)
keys="Up:E0,75,E0,F0,75 Insert:E0,70 Delete:E0,71 Home:E0,6C End:E0,69 Prior:E0,7D Next:E0,7A
Control_R:E0,14 Alt_R:E0,11 KP_Enter:E0,5A KP_Divide:E0,4A Super_L:E0,1F Super_R:E0,27 Menu:E0,2F
Pause:E1,14,77,E1,F0,14,F0,77 Print:E0,12,E0,7C,E0,F0,7C,E0,F0,12"
for k in $keys; do
    xdotool key "${k%%:*}"
    sleep 0.1
done
sleep 0.5
codes=$(sed -n 's/^KEY //p' con.txt | tr '\n' ',')
for k in $keys; do
    [[ ",$codes" == *",${k#*:},"* ]] || { echo "${k%%:*}: no ${k#*:} in $codes"; fail=1; }
done

# a key held while the window loses the focus is released (LShift: 12, F0
# 12) before the host releases it (SDL resets its keyboard on focus loss;
# the window also releases every key the guest holds)
xdotool keydown Shift_L
sleep 0.3
root=$(xdotool search --maxdepth 0 "" 2>/dev/null | head -1)
timeout 5 xdotool windowfocus --sync "$root"
sleep 0.3
codes=$(sed -n 's/^KEY //p' con.txt | tr '\n' ',') # Shift is still held on the host
xdotool keyup Shift_L
focus_window "$win"
[[ ",$codes" == *",12,F0,12," ]] || { echo "Shift not released on focus loss: $codes"; fail=1; }

# the mouse: grab with a click, move, click left and right
grabbed() { [[ $(xdotool getwindowname "$win") == *"Ctrl+Alt+G releases the mouse"* ]]; }
for try in 1 2 3; do # a click right after the focus came back is sometimes lost in X
    xdotool mousemove --window "$win" 200 200 click 1
    sleep 0.7
    grabbed && break
    echo "click $try did not grab the mouse"
done
grabbed || { echo "title does not say the mouse is grabbed"; fail=1; }
for _ in 1 2 3; do
    xdotool mousemove_relative -- 15 -10
    sleep 0.1
done
xdotool click 1
sleep 0.2
xdotool click 3
sleep 0.5
grep -Eq '^MOUSE [1-9][0-9]* [1-9][0-9]* 0$' con.txt || { echo "no motion right and up"; fail=1; }
grep -q '^MOUSE 0 0 1$' con.txt || { echo "no left button"; fail=1; }
grep -q '^MOUSE 0 0 2$' con.txt || { echo "no right button"; fail=1; }

# Ctrl+Alt+G: released; the guest sees Ctrl and Alt but not the G
before=$(grep -c '^MOUSE' con.txt)
xdotool key ctrl+alt+g
sleep 0.3
xdotool mousemove_relative -- 20 20
sleep 0.5
[ "$(grep -c '^MOUSE' con.txt)" = "$before" ] || { echo "motion after Ctrl+Alt+G"; fail=1; }
grep -q '^KEY 34$' con.txt && { echo "the hot key's G reached the guest"; fail=1; }
[[ $(xdotool getwindowname "$win") == *"releases the mouse"* ]] &&
    { echo "title still says grabbed"; fail=1; }

"$wm_close" "$win" || fail=1
wait_exit
echo "exit status $status"
[ "$status" = 0 ] || fail=1
echo "--- guest transcript"; grep -v '^KEY' con.txt; echo "keys: $codes"
echo "--- stderr"; cat err.txt
exit $fail
