#!/bin/bash
# bench/boot-screens.sh - host wall time from process start until a guest's
# first screen shows on the VGA text screen, for linux.img and memtest86+,
# on trap86, qemu-system-i386 (TCG) and Bochs side by side in one run.
#
#   bench/boot-screens.sh
#   SCREENS_RUNS=n     runs per guest and engine, the median is shown (default 3)
#   SCREENS_TIMEOUT=s  seconds before a run is stopped and counted FAILED (120)
#   SCREENS_IMAGES=d   directory holding linux.img (default ../shared/images
#                      beside the repository)
#   MEMTEST=path       memtest86+ 32-bit binary (default /boot/memtest86+ia32.bin)
#   TRAP86=path        the trap86 binary (default: build/trap86, copied first)
#
# Guests and markers (every marker string must be on the screen at once):
#   linux    linux.img, BootE Linux 2.4 (a bzImage floppy): "Please press
#            Enter to activate this console", busybox init's last line
#   memtest  memtest86+ written raw at offset 0 of a zeroed 1.44 MB image:
#            "Memtest86+ v6" (title) and "<ESC> Exit" (footer), both drawn
#            when memtest draws its main screen, just before its
#            "Press <F1> to configure" prompt (which some engines pass in
#            well under a second, so it is not itself a marker)
#
# How each engine's screen is read, every POLL seconds (0.05):
#   trap86  monitor command 'screendump FILE.txt' through a FIFO on stdin
#   qemu    monitor command 'pmemsave 0xb8000 4000 FILE' through a FIFO on
#           stdin; the character bytes (every other byte) are the screen
#   bochs   display_library 'term' (package bochs-term): with the debugger
#           compiled in, Bochs draws the text screen with curses on a new
#           pseudo-terminal and names it on stderr ("Bochs connected to
#           screen /dev/pts/N"); a private tmux server renders that terminal
#           and 'tmux capture-pane -p' is the screen.  The guest runs
#           undisturbed (no debugger stops); the screen reaches the terminal
#           at Bochs's VGA update rate, set to 20 Hz here.
# The time is taken when the poll that shows the markers returns, so it
# includes up to about one poll interval and the engine's reply time.
#
# Each run boots a private copy of the image in a temporary directory;
# engines that are not installed are reported and skipped; a run whose
# markers never appear is FAILED and the script exits 1.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${SCREENS_RUNS:-3}
TIMEOUT=${SCREENS_TIMEOUT:-120}
IMAGES=${SCREENS_IMAGES:-$ROOT/../shared/images}
MEMTEST=${MEMTEST:-/boot/memtest86+ia32.bin}
TRAP86=${TRAP86:-$ROOT/build/trap86}
POLL=0.05
MEGS=32
SEABIOS=/usr/share/seabios/bios.bin
SEAVGA=/usr/share/seabios/vgabios-stdvga.bin
BOCHSBIOS=/usr/share/bochs/BIOS-bochs-latest
BOCHSVGA=/usr/share/vgabios/vgabios.bin
BOCHS_TERM_PLUGIN=/usr/lib/x86_64-linux-gnu/bochs/plugins/libbx_term_gui.so.0.0.0
WORK=$(mktemp -d)
TMUX_SOCK=trap86-screens-$$
ENGINE_PID=""

# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
    tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() {
    echo "boot-screens: $*" >&2
    exit 1
}

declare -A MARKERS=(
    [linux]="Please press Enter to activate this console"
    [memtest]="Memtest86+ v6|<ESC> Exit"
)
declare -A GUEST_IMAGE=([linux]=$IMAGES/linux.img [memtest]=$WORK/memtest.img)

prepare_images() {
    [ -f "$IMAGES/linux.img" ] || die "no image $IMAGES/linux.img"
    [ -f "$MEMTEST" ] || die "no memtest86+ binary $MEMTEST (apt-get install memtest86+)"
    # memtest86+'s image starts with a floppy boot sector: written raw at
    # offset 0 of a zeroed 1,474,560-byte image it boots as a 1.44 MB floppy.
    truncate -s 1474560 "$WORK/memtest.img"
    dd if="$MEMTEST" of="$WORK/memtest.img" conv=notrunc status=none
}

have_engine() {
    case $1 in
    trap86) [ -x "$TRAP86" ] && [ -f "$SEABIOS" ] && [ -f "$SEAVGA" ] ;;
    qemu) command -v qemu-system-i386 >/dev/null && command -v perl >/dev/null ;;
    bochs) command -v bochs >/dev/null && command -v tmux >/dev/null && [ -f "$BOCHSBIOS" ] &&
        [ -f "$BOCHSVGA" ] && [ -f "$BOCHS_TERM_PLUGIN" ] ;;
    esac
}

# screen_shows FILE GUEST: every marker of GUEST is in FILE (builtins only:
# the poll loop forks as little as it can, the host has few cores)
screen_shows() {
    local m text="" s
    [ -s "$1" ] || return 1
    read -r -d '' text <"$1" || true
    IFS='|' read -ra m <<<"${MARKERS[$2]}"
    for s in "${m[@]}"; do
        [[ $text == *"$s"* ]] || return 1
    done
}

# --- trap86 and QEMU: a monitor on stdin, fed through a FIFO on fd 3 ---

start_monitored() { # start_monitored ENGINE IMG RUNDIR
    mkfifo "$3/monitor"
    case $1 in
    trap86)
        "$TRAP86" -bios "$SEABIOS" -vgabios "$SEAVGA" -m $MEGS -fda "$2" -display none \
            -postcode-port none -debugcon none -monitor stdio <"$3/monitor" >"$3/out" 2>&1 &
        ;;
    qemu)
        qemu-system-i386 -accel tcg -m $MEGS -nic none -drive "if=floppy,format=raw,file=$2" \
            -display none -monitor stdio <"$3/monitor" >"$3/out" 2>&1 &
        ;;
    esac
    ENGINE_PID=$!
    exec 3>"$3/monitor"
}

request_screen() { # request_screen ENGINE RUNDIR: ask for a dump of the screen
    case $1 in
    trap86) echo "screendump $2/screen.txt" >&3 || true ;;
    # HMP parses an unquoted path as part of the size expression ("/").
    # Linux's VGA console scrolls by moving the display start address, so
    # the whole 32 KiB text window is read, not only its first page.
    qemu) echo "pmemsave 0xb8000 32768 \"$2/vram.bin\"" >&3 || true ;;
    esac
}

read_screen() { # read_screen ENGINE RUNDIR -> the screen's text in RUNDIR/screen.txt
    case $1 in
    qemu)
        # Cells of (character, attribute): keep the characters, printable
        # ASCII only, 80 to a line.
        if [ -s "$2/vram.bin" ]; then
            perl -0777 -ne '$_ = join "", map { substr($_, 0, 1) } unpack("(a2)*", $_);
                tr/\x20-\x7e/ /c; print "$_\n" for unpack("(a80)*", $_)' \
                "$2/vram.bin" >"$2/screen.txt" 2>/dev/null || true
        fi
        ;;
    bochs) tmux -L "$TMUX_SOCK" capture-pane -p -t screen >"$2/screen.txt" 2>/dev/null || true ;;
    esac
}

stop_monitored() {
    echo quit >&3 2>/dev/null || true
    exec 3>&-
    for _ in $(seq 1 40); do
        kill -0 "$ENGINE_PID" 2>/dev/null || break
        sleep 0.05
    done
}

# --- Bochs: term display on its own pseudo-terminal, rendered by tmux ---

bochsrc() { # bochsrc IMG RUNDIR -> a bochsrc booting IMG with the term display
    cat >"$2/bochsrc" <<RC
megs: $MEGS
romimage: file=$BOCHSBIOS
vgaromimage: file=$BOCHSVGA
display_library: term
vga: extension=vbe, update_freq=20
floppya: 1_44=$1, status=inserted
boot: floppy
clock: sync=realtime
sound: driver=dummy
speaker: enabled=0
log: $2/bochs.log
panic: action=fatal
error: action=ignore
info: action=ignore
debug: action=ignore
RC
    echo "$2/bochsrc"
}

start_bochs() { # start_bochs IMG RUNDIR
    local pts="" rc
    rc=$(bochsrc "$1" "$2")
    echo c >"$2/continue.rc" # the debugger stops at the first instruction
    # The term display's curses sizes its screen from LINES and COLUMNS.
    (cd "$2" && exec env TERM=screen LINES=25 COLUMNS=80 bochs -q -f "$rc" -rc "$2/continue.rc" \
        </dev/null >"$2/out" 2>"$2/err") &
    ENGINE_PID=$!
    for _ in $(seq 1 500); do
        pts=$(grep -ao '/dev/pts/[0-9]*' "$2/err" 2>/dev/null | head -1) || true
        [ -n "$pts" ] && break
        kill -0 "$ENGINE_PID" 2>/dev/null || return 1
        sleep 0.01
    done
    [ -n "$pts" ] || return 1
    # Read Bochs's terminal raw (no echo back to Bochs, no line editing) and
    # let tmux render it on an 80x25 pane.
    tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -s screen -x 80 -y 25 \
        "stty -F $pts raw -echo && exec cat $pts"
}

stop_bochs() {
    # The term display turns SIGINT and SIGTERM into key presses: SIGKILL.
    kill -KILL "$ENGINE_PID" 2>/dev/null || true
    tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true
}

# shellcheck disable=SC2317 # run by one_run's EXIT trap
run_cleanup() {
    if [ -n "$ENGINE_PID" ]; then
        kill -KILL "$ENGINE_PID" 2>/dev/null || true
        wait "$ENGINE_PID" 2>/dev/null || true
    fi
    tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true
}

# one_run GUEST ENGINE N -> seconds, or "FAILED(reason)"
one_run() {
    local dir=$WORK/$1-$2-$3 img t0 el result=""
    # Runs in a subshell ($(...)), which has its own EXIT trap: never leave
    # an engine or the tmux server behind, whatever ends the run.
    trap 'run_cleanup' EXIT
    trap '' PIPE # an engine that died is noticed by kill -0, not by a write
    mkdir -p "$dir"
    img=$dir/fd.img
    cp "${GUEST_IMAGE[$1]}" "$img"
    chmod u+w "$img"
    mkfifo "$dir/tick"
    t0=${EPOCHREALTIME/./}
    case $2 in
    bochs) start_bochs "$img" "$dir" || result="FAILED(no-term-screen)" ;;
    *) start_monitored "$2" "$img" "$dir" ;;
    esac
    exec 4<>"$dir/tick" # read -t on an empty FIFO: a sleep without a fork
    while [ -z "$result" ]; do
        request_screen "$2" "$dir"
        read -r -t $POLL -u 4 _ || true
        read_screen "$2" "$dir"
        el=$((${EPOCHREALTIME/./} - t0)) # microseconds
        if screen_shows "$dir/screen.txt" "$1"; then
            printf -v result '%d.%02d' $((el / 1000000)) $((el % 1000000 / 10000))
        elif ! kill -0 "$ENGINE_PID" 2>/dev/null; then
            result="FAILED(exited)"
        elif ((el >= TIMEOUT * 1000000)); then
            result="FAILED(timeout)"
        fi
    done
    exec 4>&-
    case $2 in
    bochs) stop_bochs ;;
    *) stop_monitored ;;
    esac
    kill -KILL "$ENGINE_PID" 2>/dev/null || true
    wait "$ENGINE_PID" 2>/dev/null || true
    ENGINE_PID=""
    case $result in FAILED*)
        echo "--- $1 on $2, run $3, $result: the last screen read" >&2
        grep -av '^[[:space:]]*$' "$dir/screen.txt" 2>/dev/null | tail -8 >&2 || true
        ;;
    esac
    rm -rf "$dir"
    echo "$result"
}

median() { # median X... -> the median
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
        END { if (NR % 2) printf "%.2f", v[(NR + 1) / 2];
              else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

pkg_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo '?'; }

version_of() {
    case $1 in
    trap86) "$TRAP86" -version 2>/dev/null | head -1 ;;
    qemu) qemu-system-i386 --version | head -1 ;;
    bochs) echo "bochs $(pkg_version bochs) (bochs-term $(pkg_version bochs-term)," \
        "bochsbios $(pkg_version bochsbios), vgabios $(pkg_version vgabios)); tmux $(pkg_version tmux)" ;;
    esac
}

prepare_images
# A private copy of trap86, so that a rebuild during the run changes nothing.
if [ -x "$TRAP86" ]; then
    cp "$TRAP86" "$WORK/trap86"
    TRAP86=$WORK/trap86
fi
echo "Boot to the first screen: host wall-clock seconds from process start until"
echo "the marker text is on the VGA text screen, median of $RUNS runs (timeout ${TIMEOUT} s)"
echo "host:    $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs," \
    "load average$(cut -d' ' -f1-3 /proc/loadavg | sed 's/^/ /')"
echo "linux:   $IMAGES/linux.img; marker: \"${MARKERS[linux]}\""
echo "memtest: $MEMTEST on a zeroed 1.44 MB floppy;" \
    "markers: \"${MARKERS[memtest]//|/\" and \"}\""
for e in trap86 qemu bochs; do
    have_engine $e && echo "$(printf '%-8s' "$e:") $(version_of $e)"
done
echo "machines: $MEGS MiB RAM.  trap86: Debian SeaBIOS $(pkg_version seabios) + its VGA BIOS;"
echo "          qemu: TCG, its SeaBIOS, -nic none;"
echo "          bochs: BIOS-bochs-latest + LGPL VGA BIOS, clock: sync=realtime (ips 4000000)"
echo
printf '%-8s %-7s %9s  %-24s %s\n' guest engine "median s" "runs (s)" "x trap86 time"
status=0
for g in linux memtest; do
    declare -A MED=()
    for e in trap86 qemu bochs; do
        if ! have_engine "$e"; then
            printf '%-8s %-7s %9s\n' "$g" "$e" "not installed (or no firmware), skipped"
            continue
        fi
        times=() failed=""
        for n in $(seq "$RUNS"); do
            t=$(one_run "$g" "$e" "$n")
            times+=("$t")
            case $t in FAILED*) failed=$t ;; esac
        done
        if [ -n "$failed" ]; then
            printf '%-8s %-7s %9s  %s\n' "$g" "$e" FAILED "${times[*]}"
            status=1
            continue
        fi
        MED[$e]=$(median "${times[@]}")
        ratio="-"
        if [ -n "${MED[trap86]:-}" ]; then
            ratio=$(awk -v a="${MED[$e]}" -v b="${MED[trap86]}" 'BEGIN { printf "%.2fx", a / b }')
        fi
        printf '%-8s %-7s %9s  %-24s %s\n' "$g" "$e" "${MED[$e]}" "${times[*]}" "$ratio"
    done
    unset MED
done
echo
echo "x trap86 time: this engine's median / trap86's median for the same guest"
echo "(above 1: slower to the screen than trap86).  Times include up to one poll"
echo "interval ($POLL s); Bochs's screen also waits for its 20 Hz VGA update."
exit $status
