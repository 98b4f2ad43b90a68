#!/bin/bash
# bench/run-bench.sh - guest MIPS of trap86, Bochs and QEMU on the same
# benchmark ROM (bench/pm-bench.asm), side by side in one run.
#
#   bench/run-bench.sh [BUILD_DIR]        (default: build)
#   BENCH_ITERS=n  loop iterations per run (default 4000000)
#   BENCH_REPS=n   runs per measurement, the fastest is kept (default 3)
#
# For each mode (paging off, paging on, store into the code page every
# iteration) and each engine, the ROM is run with ITERS iterations and with
# 0 iterations; guest MIPS = ITERS * instructions-per-iteration divided by
# the difference in wall time, so start-up costs cancel.  Every engine must
# print the same checksum, or the script fails.  Engines that are not
# installed are reported and skipped.  Prints the ratio of trap86 to each
# other engine, and of trap86 under the debugger session (gdb stub
# listening, no breakpoints) to plain trap86: the cost of having a
# debugger attached.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
ITERS=${BENCH_ITERS:-4000000}
REPS=${BENCH_REPS:-3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
TRAP86=$BUILD/trap86
MODES=("paging-off" "paging-on" "code-page-store")
PER_ITER=(15 15 16)

assemble() { # assemble MODE ITERS -> path
    local out=$WORK/bench-$1-$2.bin
    [ -f "$out" ] || nasm -f bin -DMODE="$1" -DITERS="$2" -o "$out" "$ROOT/bench/pm-bench.asm"
    echo "$out"
}

bochsrc() { # bochsrc ROM -> path
    local rc=$WORK/bochsrc-$(basename "$1").txt
    cat >"$rc" <<RC
megs: 32
romimage: file=$1
vgaromimage: file=/usr/share/vgabios/vgabios.bin
display_library: sdl2
sound: driver=dummy
speaker: enabled=0
port_e9_hack: enabled=1
log: /dev/null
clock: sync=none
RC
    echo "$rc"
}

run_engine() { # run_engine ENGINE ROM -> prints the guest's output
    case $1 in
    trap86) "$TRAP86" -bios "$2" -display none -debugcon stdio 2>/dev/null || true ;;
    trap86-dbg) "$TRAP86" -bios "$2" -display none -debugcon stdio -gdb tcp::0 2>/dev/null || true ;;
    qemu) timeout 300 qemu-system-i386 -M isapc -cpu 486 -display none -bios "$2" \
        -device isa-debug-exit,iobase=0xf4,iosize=1 -debugcon stdio 2>/dev/null || true ;;
    bochs) printf 'c\nquit\n' | SDL_VIDEODRIVER=dummy timeout 300 bochs -q -f "$(bochsrc "$2")" \
        2>/dev/null | grep -a CHECKSUM || true ;;
    esac
}

have_engine() {
    case $1 in
    trap86 | trap86-dbg) [ -x "$TRAP86" ] ;;
    qemu) command -v qemu-system-i386 >/dev/null ;;
    bochs) command -v bochs >/dev/null && [ -f /usr/share/vgabios/vgabios.bin ] ;;
    esac
}

timed() { # timed ENGINE ROM -> "seconds checksum" (fastest of REPS)
    local best="" cks=""
    for _ in $(seq "$REPS"); do
        local t0 t1 out
        t0=$(date +%s.%N)
        out=$(run_engine "$1" "$2")
        t1=$(date +%s.%N)
        cks=$(echo "$out" | grep -ao 'CHECKSUM [0-9A-F]*' | head -1 | cut -d' ' -f2)
        local dt
        dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
        if [ -z "$best" ] || awk -v x="$dt" -v y="$best" 'BEGIN { exit !(x < y) }'; then best=$dt; fi
    done
    echo "$best ${cks:-none}"
}

declare -A MIPS
status=0
printf '%-16s %-10s %10s %10s %12s  %s\n' mode engine "t(N) s" "t(0) s" "guest MIPS" checksum
for m in 0 1 2; do
    rom=$(assemble $m "$ITERS")
    base=$(assemble $m 0)
    want=""
    for e in trap86 trap86-dbg bochs qemu; do
        if ! have_engine $e; then
            printf '%-16s %-10s %s\n' "${MODES[$m]}" $e "not installed, skipped"
            continue
        fi
        read -r tn cks < <(timed $e "$rom")
        read -r t0 _ < <(timed $e "$base")
        mips=$(awk -v n="$ITERS" -v k="${PER_ITER[$m]}" -v a="$tn" -v b="$t0" \
            'BEGIN { d = a - b; if (d <= 0) d = 0.0001; printf "%.1f", n * k / d / 1e6 }')
        MIPS[$m,$e]=$mips
        printf '%-16s %-10s %10s %10s %12s  %s\n' "${MODES[$m]}" $e "$tn" "$t0" "$mips" "$cks"
        [ -z "$want" ] && want=$cks
        if [ "$cks" != "$want" ] || [ "$cks" = none ]; then
            echo "CHECKSUM MISMATCH: $e gave $cks, expected $want" >&2
            status=1
        fi
    done
done
echo
echo "debugger cost (trap86 with the gdb stub listening, no breakpoints, / trap86):"
for m in 0 1 2; do
    if [ -n "${MIPS[$m,trap86]:-}" ] && [ -n "${MIPS[$m,trap86-dbg]:-}" ]; then
        awk -v a="${MIPS[$m,trap86-dbg]}" -v b="${MIPS[$m,trap86]}" -v m="${MODES[$m]}" \
            'BEGIN { printf "  %-16s %.3f\n", m, a / b }'
    fi
done
echo "ratios (trap86 MIPS / other engine's MIPS):"
for m in 0 1 2; do
    for e in bochs qemu; do
        if [ -n "${MIPS[$m,trap86]:-}" ] && [ -n "${MIPS[$m,$e]:-}" ]; then
            awk -v a="${MIPS[$m,trap86]}" -v b="${MIPS[$m,$e]}" -v m="${MODES[$m]}" -v e=$e \
                'BEGIN { printf "  %-16s trap86/%-6s %.2fx\n", m, e, a / b }'
        fi
    done
done
exit $status
