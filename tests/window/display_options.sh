#!/bin/bash
# tests/window/display_options.sh TRAP86 ROM WORKDIR [SDL2_FOUND]: the
# -display / -nographic / -full-screen options (docs/window.md) without
# an X server: bad values are usage errors (status 2, one line); with no
# display -display sdl falls back to headless with one info line on
# stderr, while the default (no -display) and an unreachable DISPLAY fall
# back silently; no window opens (SDL's offscreen driver is never taken
# for one).  ROM is the firmware-free default guest, which ends in HLT with
# interrupts off (status 0).
set -u
trap86=$1 rom=$2 work=$3
mkdir -p "$work" && cd "$work" || exit 1
unset DISPLAY WAYLAND_DISPLAY
fail=0
run() { # run ARGS...: trap86 on ROM; sets rc, err.txt
    "$trap86" -bios "$rom" -vga none -debugcon null -max-insns 100000 "$@" >out.txt 2>err.txt
    rc=$?
}
expect_error() { # expect_error PATTERN ARGS...
    local pat=$1
    shift
    run "$@"
    if [ "$rc" != 2 ] || [ "$(wc -l <err.txt)" != 1 ] || ! grep -qE -- "$pat" err.txt; then
        echo "FAIL: $* -> status $rc, stderr: $(cat err.txt)"
        fail=1
    else
        echo "ok: $* -> $(cat err.txt)"
    fi
}
expect_run() { # expect_run LINES ARGS...: status 0, LINES stderr lines but the HLT report
    local want=$1
    shift
    run "$@"
    local lines
    lines=$(grep -vc 'guest halted' err.txt)
    if [ "$rc" != 0 ] || [ "$lines" != "$want" ]; then
        echo "FAIL: DISPLAY=${DISPLAY-} $* -> status $rc, stderr: $(cat err.txt)"
        fail=1
    else
        echo "ok: DISPLAY=${DISPLAY-} $* -> status 0, $lines line(s) $(grep -v 'guest halted' err.txt)"
    fi
}
expect_error "-display gtk: expected sdl" -display gtk
expect_error "-display sdl,integer=maybe: expected" -display sdl,integer=maybe
expect_error "-display sdl,zoom=on: expected" -display sdl,zoom=on
expect_error "-display none,integer=on: expected" -display none,integer=on
expect_error "-display needs a value" -display
expect_run 0 -display none
expect_run 0 -nographic
expect_run 0
expect_run 0 -full-screen
expect_run 1 -display sdl
expect_run 1 -display sdl,integer=on,full-screen=off
grep -q "running headless" err.txt || { echo "FAIL: the fallback line does not say headless"; fail=1; }
export DISPLAY=:31999 # no server there
expect_run 0
expect_run 1 -display sdl
"$trap86" --help >help.txt
grep -q -- '-display sdl|none' help.txt || { echo "FAIL: --help does not list -display sdl"; fail=1; }
exit $fail
