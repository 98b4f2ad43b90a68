#!/bin/bash
# test-roms/run_rom.sh TRANSCRIPT CMD...: run a test ROM under trap86, save
# its debug-console output to TRANSCRIPT, and pass only if the exit status
# is 1 (isa-debug-exit with 0), there is no FAIL line and there is a DONE line.
transcript=$1
shift
"$@" >"$transcript"
status=$?
cat "$transcript"
rc=0
if [ "$status" -ne 1 ]; then
  echo "run_rom: exit status $status, want 1" >&2
  rc=1
fi
if grep -q '^FAIL' "$transcript"; then
  echo "run_rom: transcript has FAIL lines:" >&2
  grep '^FAIL' "$transcript" >&2
  rc=1
fi
if ! grep -q '^DONE' "$transcript"; then
  echo "run_rom: no DONE line" >&2
  rc=1
fi
exit $rc
