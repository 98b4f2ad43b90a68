#!/bin/bash
# tests/console/run_session.sh TRAP86 ROM SCRIPT EXPECT [STATUS [OPTIONS]]: run a
# scripted debugger session (stdin /dev/null, so the session ends at the
# end of the script) and check its transcript against EXPECT, whose lines
# are:
#   = LINE   LINE must appear exactly (a whole line) in the transcript
#   ! TEXT   TEXT must not appear anywhere
#   # ...    comment
# and the exit status against STATUS (default 0: the script quits).
# OPTIONS are more trap86 options, as one word list (e.g. "-cpu pentium").
# The script runs from the directory holding it, so it can name
# dbg_target.sym; the transcript is kept as SCRIPT's name + .out in the
# current (build) directory.
trap86=$1 rom=$2 script=$3 expect=$4 want=${5:-0} extra=${6:-}
out=$PWD/$(basename "$script" .txt).out
(cd "$(dirname "$script")" &&
  "$trap86" -bios "$rom" -debugger-script "$(basename "$script")" -display none \
    -max-insns 1000000 $extra </dev/null) >"$out" 2>&1
status=$?
cat "$out"
rc=0
if [ "$status" -ne "$want" ]; then
  echo "run_session: exit status $status, want $want" >&2
  rc=1
fi
while IFS= read -r line; do
  kind=${line:0:1} text=${line:2}
  case $kind in
  =) grep -qxF -- "$text" "$out" || { echo "run_session: missing line: $text" >&2; rc=1; } ;;
  !) ! grep -qF -- "$text" "$out" || { echo "run_session: unexpected: $text" >&2; rc=1; } ;;
  esac
done <"$expect"
exit $rc
