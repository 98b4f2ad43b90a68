#!/bin/bash
# Installs what trap86 needs, builds it, and runs every test tier:
#   1. deps     apt-get packages (scripts/setup-deps.sh)
#   2. build    Release-with-debug-info build in build/
#   3. test     ctest -j2: unit, device, decoder, SST, unicorn differential,
#               test ROMs (and their QEMU runs), console sessions, gdb
#   4. asan     a second build in build-asan/ with AddressSanitizer and
#               UndefinedBehaviorSanitizer, running the unit, device, ROM,
#               SST, differential, console, gdb, cli tiers and the IDE boot
#               tests (label ide) and the VGA pattern ROMs (label vga); any sanitizer
#               report fails.
# Prints the wall time of each stage.  .ci/run calls exactly this script.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}
declare -a STAGES=()

stage() { # stage NAME COMMAND...
    local name=$1 t0=$SECONDS
    shift
    echo "=== $name: $*"
    "$@"
    STAGES+=("$name $((SECONDS - t0))s")
}

configure_build() { # configure_build DIR [CMAKE ARGS...]
    local dir=$1
    shift
    cmake -S . -B "$dir" "$@" >/dev/null
    cmake --build "$dir" -j"$JOBS"
}

stage deps sh scripts/setup-deps.sh
stage build configure_build build
stage test ctest --test-dir build -j"$JOBS" --output-on-failure
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
stage asan-build configure_build build-asan -DTRAP86_SANITIZE=ON
stage asan-test ctest --test-dir build-asan -j"$JOBS" --output-on-failure -L 'unit|device|rom|sst|diff|console|gdb|cli|ide|vga' -LE qemu

echo "=== stage times"
printf '  %s\n' "${STAGES[@]}"
echo "=== all tests passed"
