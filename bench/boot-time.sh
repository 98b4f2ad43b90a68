#!/bin/bash
# bench/boot-time.sh - host wall time for FreeDOS to reach its first prompt
# on trap86, qemu-system-i386 (TCG) and Bochs, side by side in one run.
#
#   bench/boot-time.sh [IMAGE]   (default: ../shared/images/freedos722.img
#                                 beside the repository)
#   BOOT_RUNS=n     runs per engine and clock, the median is shown (default 3)
#   BOOT_TIMEOUT=s  seconds before a run is killed and counted FAILED (300)
#   TRAP86=path     the trap86 binary (default: build/trap86)
#
# The end marker: bench/dosexit.asm is assembled into DOSEXIT.COM, copied
# with mtools onto a private copy of the image, and a line running it is
# appended to the copy's AUTOEXEC.BAT.  COMMAND.COM runs AUTOEXEC.BAT just
# before it shows its first prompt, so the moment DOSEXIT.COM runs is the
# moment the prompt is reached.  It writes a marker line to port 0xE9 and
# then stops every engine: port 0xF4 (trap86's debug exit and QEMU's
# isa-debug-exit) and the string "Shutdown" to port 0x8900 (Bochs).  A run
# counts only if the engine printed the marker and stopped through that
# port; otherwise the engine is reported FAILED instead of a time.
#
# Each engine boots its own copy of the prepared image per run.  Two clock
# groups are measured, each compared with trap86 in the same group:
#   host clock      guest time follows the host clock: trap86 and QEMU by
#                   default, Bochs with 'clock: sync=realtime' and its
#                   default 'cpu: ips=4000000';
#   8 ns/insn       guest time derived from the instruction count, 2^3 ns
#                   per instruction: trap86 and QEMU '-icount shift=3' (QEMU
#                   with sleep=off: idle time jumps to the next timer, as in
#                   trap86), Bochs 'clock: sync=none' with 'cpu: ips=125000000'.
# trap86 and QEMU run Debian's SeaBIOS; Bochs runs its own BIOS
# (BIOS-bochs-latest) and the LGPL VGA BIOS, as the bochs packages ship them.
# Engines that are not installed are reported and skipped.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
IMAGE=${1:-$ROOT/../shared/images/freedos722.img}
RUNS=${BOOT_RUNS:-3}
TIMEOUT=${BOOT_TIMEOUT:-300}
TRAP86=${TRAP86:-$ROOT/build/trap86}
SEABIOS=/usr/share/seabios/bios.bin
SEAVGA=/usr/share/seabios/vgabios-stdvga.bin
BOCHSBIOS=/usr/share/bochs/BIOS-bochs-latest
BOCHSVGA=/usr/share/vgabios/vgabios.bin
MARKER="BOOT-TIME: FreeDOS prompt reached"
EXIT_STATUS=33 # DOSEXIT.COM writes 0x10 to port 0xF4: status (0x10 << 1) | 1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

die() {
    echo "boot-time: $*" >&2
    exit 1
}

for tool in nasm mcopy mtype; do
    command -v $tool >/dev/null || die "$tool not found (sh scripts/setup-deps.sh installs it)"
done
[ -f "$IMAGE" ] || die "no image $IMAGE"
IMAGE=$(realpath "$IMAGE")

bochs_floppy_type() { # bochs_floppy_type BYTES -> bochsrc floppy type, or nothing
    case $1 in
    368640) echo 360k ;;
    737280) echo 720k ;;
    1228800) echo 1_2 ;;
    1474560) echo 1_44 ;;
    2949120) echo 2_88 ;;
    esac
}
BOCHS_FLOPPY=$(bochs_floppy_type "$(stat -c %s "$IMAGE")")

prepare_image() { # the image with DOSEXIT.COM run last by AUTOEXEC.BAT -> $WORK/base.img
    local img=$WORK/base.img auto=$WORK/AUTOEXEC.BAT
    nasm -f bin -o "$WORK/DOSEXIT.COM" "$ROOT/bench/dosexit.asm"
    cp "$IMAGE" "$img"
    chmod u+w "$img"
    mcopy -o -i "$img" "$WORK/DOSEXIT.COM" ::DOSEXIT.COM
    # Keep the batch file's lines; drop a trailing DOS end-of-file mark
    # (^Z) and end the last line before appending ours.
    if mtype -i "$img" ::AUTOEXEC.BAT >"$auto.orig" 2>/dev/null; then
        tr -d '\032' <"$auto.orig" >"$auto"
        if [ -s "$auto" ] && [ "$(tail -c 1 "$auto" | od -An -c | tr -d ' ')" != '\n' ]; then
            printf '\r\n' >>"$auto"
        fi
    else
        : >"$auto"
    fi
    printf 'A:\\DOSEXIT.COM\r\n' >>"$auto"
    mcopy -o -i "$img" "$auto" ::AUTOEXEC.BAT
}

bochsrc() { # bochsrc IMG SYNC IPS -> path of a bochsrc booting IMG
    cat >"$1.bochsrc" <<RC
megs: 32
romimage: file=$BOCHSBIOS
vgaromimage: file=$BOCHSVGA
display_library: sdl2
floppya: $BOCHS_FLOPPY=$1, status=inserted
boot: floppy
cpu: ips=$3
clock: sync=$2
port_e9_hack: enabled=1
sound: driver=dummy
speaker: enabled=0
log: -
panic: action=fatal
error: action=ignore
info: action=ignore
debug: action=ignore
RC
    echo "$1.bochsrc"
}

# run_engine ENGINE IMG -> the engine's output (stdout and stderr); the
# exit status is the engine's.  Debian's bochs has its debugger built in
# and stops at the first instruction: 'c' on stdin continues.  Its SDL2
# display runs on SDL's dummy video driver (Debian builds no 'nogui').
run_engine() {
    local tr=("$TRAP86" -bios "$SEABIOS" -vgabios "$SEAVGA" -fda "$2" -display none
        -postcode-port none -debugcon stdio)
    # shellcheck disable=SC2054 # the commas belong to QEMU's option values
    local qe=(qemu-system-i386 -accel tcg -m 32 -drive "if=floppy,format=raw,file=$2"
        -display none -debugcon stdio -device isa-debug-exit,iobase=0xf4,iosize=0x04 -no-reboot)
    case $1 in
    trap86) timeout "$TIMEOUT" "${tr[@]}" 2>&1 ;;
    trap86-icount) timeout "$TIMEOUT" "${tr[@]}" -icount shift=3 2>&1 ;;
    qemu) timeout "$TIMEOUT" "${qe[@]}" 2>&1 ;;
    qemu-icount) timeout "$TIMEOUT" "${qe[@]}" -icount shift=3,sleep=off 2>&1 ;;
    bochs) (cd "$WORK" && printf 'c\n' | SDL_VIDEODRIVER=dummy timeout "$TIMEOUT" \
        bochs -q -f "$(bochsrc "$2" realtime 4000000)" 2>&1) ;;
    bochs-icount) (cd "$WORK" && printf 'c\n' | SDL_VIDEODRIVER=dummy timeout "$TIMEOUT" \
        bochs -q -f "$(bochsrc "$2" none 125000000)" 2>&1) ;;
    esac
}

have_engine() {
    case $1 in
    trap86*) [ -x "$TRAP86" ] && [ -f "$SEABIOS" ] && [ -f "$SEAVGA" ] ;;
    qemu*) command -v qemu-system-i386 >/dev/null ;;
    bochs*) command -v bochs >/dev/null && [ -f "$BOCHSBIOS" ] && [ -f "$BOCHSVGA" ] &&
        [ -n "$BOCHS_FLOPPY" ] ;;
    esac
}

stopped_by_marker() { # stopped_by_marker ENGINE STATUS OUTFILE: the run counts
    grep -qaF "$MARKER" "$3" || return 1
    case $1 in
    trap86* | qemu*) [ "$2" = $EXIT_STATUS ] ;;
    bochs*) grep -qa 'Shutdown port: shutdown requested' "$3" ;;
    esac
}

# one_run ENGINE N -> seconds, or "FAILED(reason)"
one_run() {
    local img=$WORK/$1-$2.img out=$WORK/$1-$2.out t0 t1 st=0
    cp "$WORK/base.img" "$img"
    t0=$(date +%s.%N)
    run_engine "$1" "$img" >"$out" || st=$?
    t1=$(date +%s.%N)
    if stopped_by_marker "$1" "$st" "$out"; then
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
    elif [ "$st" = 124 ]; then
        echo "FAILED(timeout)"
    elif grep -qaF "$MARKER" "$out"; then
        echo "FAILED(marker,status=$st)"
    else
        echo "FAILED(no-marker,status=$st)"
    fi
    rm -f "$img"
}

median() { # median X... -> the median
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
        END { if (NR % 2) printf "%.2f", v[(NR + 1) / 2];
              else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

version_of() {
    case $1 in
    trap86) "$TRAP86" -version 2>/dev/null | head -1 ;;
    qemu) qemu-system-i386 --version | head -1 ;;
    bochs) echo "bochs $(dpkg-query -W -f='${Version}' bochs 2>/dev/null || echo '?')" \
        "(bochsbios $(dpkg-query -W -f='${Version}' bochsbios 2>/dev/null || echo '?')," \
        "vgabios $(dpkg-query -W -f='${Version}' vgabios 2>/dev/null || echo '?'))" ;;
    esac
}

prepare_image
# A private copy of trap86, so that a rebuild during the run changes nothing.
if [ -x "$TRAP86" ]; then
    cp "$TRAP86" "$WORK/trap86"
    TRAP86=$WORK/trap86
fi
size=$(stat -c %s "$IMAGE")
echo "FreeDOS boot to its first prompt: host wall-clock seconds, median of $RUNS runs"
echo "image:  $IMAGE ($size bytes), AUTOEXEC.BAT ends with A:\\DOSEXIT.COM"
echo "prompt: COMMAND.COM runs AUTOEXEC.BAT just before it shows its first prompt,"
echo "        so the time until DOSEXIT.COM stops the engine is the time to the prompt"
echo "host:   $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs"
for e in trap86 qemu bochs; do
    have_engine $e && echo "$(printf '%-7s' $e) $(version_of $e)"
done
echo "firmware: trap86, qemu: SeaBIOS $(dpkg-query -W -f='${Version}' seabios 2>/dev/null || echo '?');" \
    "bochs: BIOS-bochs-latest + LGPL VGA BIOS"
echo
printf '%-14s %-36s %9s  %-22s %s\n' engine clock "median s" "runs (s)" "x trap86 time"
declare -A MED
status=0
declare -A CLOCK=([trap86]="host clock" [qemu]="host clock, TCG"
    [bochs]="host clock: sync=realtime ips=4000000" [trap86-icount]="-icount shift=3"
    [qemu-icount]="TCG -icount shift=3,sleep=off"
    [bochs-icount]="8 ns/insn: sync=none ips=125000000")
for e in trap86 qemu bochs trap86-icount qemu-icount bochs-icount; do
    if ! have_engine "$e"; then
        printf '%-14s %-36s %9s\n' "$e" "${CLOCK[$e]}" "not installed (or no firmware), skipped"
        continue
    fi
    times=() failed=""
    for n in $(seq "$RUNS"); do
        t=$(one_run "$e" "$n")
        times+=("$t")
        case $t in FAILED*) failed=$t ;; esac
    done
    if [ -n "$failed" ]; then
        printf '%-14s %-36s %9s  %s\n' "$e" "${CLOCK[$e]}" FAILED "${times[*]}"
        status=1
        continue
    fi
    MED[$e]=$(median "${times[@]}")
    ref=trap86
    case $e in *-icount) ref=trap86-icount ;; esac
    ratio="-"
    if [ -n "${MED[$ref]:-}" ]; then
        ratio=$(awk -v a="${MED[$e]}" -v b="${MED[$ref]}" 'BEGIN { printf "%.2fx", a / b }')
    fi
    printf '%-14s %-36s %9s  %-22s %s\n' "$e" "${CLOCK[$e]}" "${MED[$e]}" "${times[*]}" "$ratio"
done
echo
echo "x trap86 time: this engine's median / trap86's median in the same clock group"
echo "(above 1: slower to the prompt than trap86).  Bochs takes about 9-10 s of"
echo "guest time to the prompt (its BIOS and device timing), the SeaBIOS machines"
echo "under 1 s, so Bochs's times measure more than its CPU speed."
exit $status
