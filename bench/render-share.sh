#!/bin/bash
# bench/render-share.sh - the share of host time trap86's SDL window spends
# rendering (pc_display_render), in two cases side by side in one run:
#   idle  FreeDOS (../shared/images/freedos722.img) sitting at its A:\>
#         prompt: only the cursor blink changes rows;
#   vbe   bench/vbe-redraw.asm redrawing all of an 800x600x32 VBE screen
#         in a new colour, frame after frame.
# Each runs SECONDS (default 15) of guest time in real time in a window on a
# private Xvfb; trap86 prints the frames shown and the share on stderr when
# the window closes.  Needs Xvfb, nasm and a trap86 built with SDL2.
#   bench/render-share.sh [SECONDS]
set -u
cd "$(dirname "$0")/.."
secs=${1:-15}
trap86=${TRAP86:-build/trap86}
img=${IMAGES:-../shared/images}/freedos722.img
work=$(mktemp -d)
trap 'kill $xpid 2>/dev/null; rm -rf "$work"' EXIT
nasm -f bin -I test-roms/ -o "$work/vbe.bin" bench/vbe-redraw.asm || exit 1
cp "$img" "$work/fd.img" && chmod u+w "$work/fd.img" || exit 1
for d in $(seq 90 120); do [ -e /tmp/.X11-unix/X$d ] || break; done
Xvfb :$d -screen 0 1280x1024x24 >/dev/null 2>&1 &
xpid=$!
sleep 1
run() { # run NAME ARGS...: one window run, print its share line
    local name=$1
    shift
    DISPLAY=:$d "$trap86" -display sdl -exit-after "$secs" "$@" >"$work/$name.out" 2>"$work/$name.err"
    printf '%-5s %s\n' "$name" "$(grep -o 'window: .*' "$work/$name.err" || echo "no window line: $(tail -1 "$work/$name.err")")"
}
echo "render share, $secs s of guest time each, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
run idle -fda "$work/fd.img"
run vbe -bios "$work/vbe.bin"
