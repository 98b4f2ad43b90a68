# tests/window/common.sh - sourced by the window tests: skip (exit 77)
# when a prerequisite is missing, run a private Xvfb, find trap86's window,
# and clean up every process the test started (by its pid).
. "$(dirname "${BASH_SOURCE[0]}")/../boot/common.sh" # need_files, need_command, private_copy

xvfb_pid="" trap86_pid=""

# cleanup: stop trap86 and the X server if still running (EXIT trap).
cleanup() {
    [ -n "$trap86_pid" ] && kill "$trap86_pid" 2>/dev/null
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
    wait 2>/dev/null
}
trap cleanup EXIT

# need_x: skip unless Xvfb, xdotool and xwd are installed.
need_x() {
    need_command Xvfb xvfb
    need_command xdotool xdotool
    need_command xwd x11-apps
}

# start_xvfb DIR: a private X server (1280x1024, 24 bits) on a display
# number it picks itself (-displayfd: no race with a parallel test);
# exports DISPLAY.  The log is DIR/xvfb.log.
start_xvfb() {
    local dir=$1 i
    rm -f "$dir/xvfb.num"
    unset WAYLAND_DISPLAY
    Xvfb -displayfd 5 -screen 0 1280x1024x24 -nolisten tcp 5>"$dir/xvfb.num" 2>"$dir/xvfb.log" &
    xvfb_pid=$!
    for i in $(seq 1 100); do
        [ -s "$dir/xvfb.num" ] && break
        sleep 0.1
    done
    [ -s "$dir/xvfb.num" ] || { echo "Xvfb did not start:"; tail -5 "$dir/xvfb.log"; exit 1; }
    export DISPLAY=:$(head -1 "$dir/xvfb.num")
}

# find_window: print the id of trap86's window (title "trap86..."), waiting
# up to 20 s for it; empty when it does not appear.
find_window() {
    timeout 20 xdotool search --sync --name '^trap86' 2>/dev/null | head -1
}

# focus_window ID: give the window the keyboard focus (there is no window
# manager), so xdotool's XTest key presses go to it as a real keyboard's
# do (synthetic events sent to a window are not seen by the X server's
# key state, which SDL consults when the focus or a grab changes).
focus_window() {
    xdotool windowfocus --sync "$1" 2>/dev/null || xdotool windowfocus "$1"
}

# wait_for FILE TEXT [SECONDS]: until FILE contains TEXT (default 30 s).
wait_for() {
    local i
    for i in $(seq 1 $((${3:-30} * 5))); do
        grep -qF -- "$2" "$1" 2>/dev/null && return 0
        sleep 0.2
    done
    echo "timed out waiting for '$2' in $1"
    return 1
}

# wait_exit: wait up to 20 s for trap86 to exit; sets $status (124: it did not).
wait_exit() {
    local i
    status=124
    for i in $(seq 1 100); do
        kill -0 "$trap86_pid" 2>/dev/null || break
        sleep 0.2
    done
    kill -0 "$trap86_pid" 2>/dev/null && return 1
    wait "$trap86_pid"
    status=$?
    trap86_pid=""
}
