#!/bin/bash
# tests/gdb/run_gdb.sh GDB TARGET-CMD...: start TARGET-CMD (trap86 or the
# gdb_harness) stopped with a GDB stub on a free port, drive it with real
# gdb in batch mode through a breakpoint, a single step, register and
# memory reads, a hardware watchpoint and a monitor command, then let the
# guest (tests/gdb/gdb_target.asm) exit.  Asserts on gdb's output and on
# the target's exit status (1: debug-exit with 0).
# When TARGET-CMD is trap86 and its --help does not list -gdb, exits 77
# (skipped).
set -u
gdb=$1
shift
target=("$@")
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

if [[ $(basename "$1") == trap86 ]]; then
  if ! "$1" --help 2>&1 | grep -q -- '-gdb'; then
    echo "run_gdb: SKIP: '$1 --help' does not list -gdb (the debugger front end has not landed)"
    exit 77
  fi
  target+=(-gdb tcp::0)
fi

"${target[@]}" >"$work/target.out" 2>"$work/target.err" &
pid=$!
port=
for _ in $(seq 200); do
  port=$(sed -n 's/^trap86: gdb stub listening on tcp:[^:]*:\([0-9][0-9]*\)$/\1/p' "$work/target.err")
  [[ -n $port ]] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if [[ -z $port ]]; then
  echo "run_gdb: the target did not announce a port; its stderr:" >&2
  cat "$work/target.err" >&2
  exit 1
fi

timeout 120 "$gdb" -batch -nx \
  -ex 'set architecture i386' \
  -ex "target remote :$port" \
  -ex 'break *0xf1200' \
  -ex 'continue' \
  -ex 'stepi' \
  -ex 'info registers' \
  -ex 'info registers cr0' \
  -ex 'x/4xw 0xf1300' \
  -ex 'watch *(int*)0x2000' \
  -ex 'continue' \
  -ex 'echo MONITOR-BEGIN\n' \
  -ex 'monitor info gdt' \
  -ex 'echo MONITOR-END\n' \
  -ex 'delete' \
  -ex 'continue' >"$work/gdb.out" 2>&1
gdb_status=$?

status=
for _ in $(seq 100); do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid"
    status=$?
    break
  fi
  sleep 0.1
done

cat "$work/gdb.out"
rc=0
fail() {
  echo "run_gdb: FAIL: $*" >&2
  rc=1
}
expect() { # expect DESCRIPTION EXTENDED-REGEX
  grep -Eq -- "$2" "$work/gdb.out" || fail "$1: no line matching /$2/"
}
expect "breakpoint hit" '^Breakpoint 1, 0x000f1200 in'
expect "stepi moved one instruction" '^0x000f1205 in'
expect "eax after stepi" '^eax +0x12345678 '
expect "ecx in the first iteration" '^ecx +0x1 '
expect "eip after stepi" '^eip +0xf1205 '
expect "cs is the flat code selector" '^cs +0x8 '
expect "cr0.PE set (org.trap86.sys feature)" '^cr0 +0x[0-9a-f]*[13579bdf] '
expect "memory words" '^0xf1300:[[:space:]]+0xdeadbeef[[:space:]]+0x01234567[[:space:]]+0x89abcdef[[:space:]]+0xcafef00d'
expect "hardware watchpoint set" '^Hardware watchpoint 2: \*\(int ?\*\) ?0x2000'
expect "watchpoint old value" '^Old value = 1$'
expect "watchpoint new value" '^New value = 2$'
expect "guest exit reported" 'exited (normally|with code 01)|Remote connection closed'
monitor=$(sed -n '/^MONITOR-BEGIN/,/^MONITOR-END/p' "$work/gdb.out")
grep -qi 'gdt' <<<"$monitor" || fail "monitor info gdt printed no GDT line: $monitor"
grep -Eqi 'unknown|error' <<<"$monitor" && fail "monitor info gdt failed: $monitor"
[[ $gdb_status -eq 0 ]] || fail "gdb exited with status $gdb_status"
[[ $status == 1 ]] || fail "target exit status '${status}', want 1; its stderr:
$(cat "$work/target.err")"
exit $rc
