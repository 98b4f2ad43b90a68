#!/bin/bash
# test-roms/compare_qemu.sh ROM.bin TRANSCRIPT: run ROM.bin under QEMU
# (isapc; CPU model $QEMU_CPU, default 486) and diff QEMU's debug-console
# output against trap86's TRANSCRIPT.  Checks tagged in the ROM source
# with a line
#   ; qemu-differs: <check name>: <reason>
# are dropped from both transcripts first (any PASS/FAIL line whose name is
# exactly the tag, or starts with the tag followed by a space), and the
# DONE line is dropped too when any tag exists (its counts may differ).
# Exit 77 (skip) when qemu-system-i386 is not installed.
bin=$1
transcript=$2
qemu=$(command -v qemu-system-i386) || { echo "qemu-system-i386 not installed: skip"; exit 77; }
[ -f "$bin" ] || { echo "compare_qemu: no ROM image $bin"; exit 1; }
[ -f "$transcript" ] || { echo "compare_qemu: no trap86 transcript $transcript"; exit 1; }
src=$(dirname "$0")/$(basename "$bin" .bin).asm
qout=${transcript%.trap86.txt}.qemu.txt
[ "$qout" = "$transcript" ] && qout=$transcript.qemu

timeout 60 "$qemu" -cpu "${QEMU_CPU:-486}" -M isapc -display none -bios "$bin" \
  -device isa-debug-exit,iobase=0xf4,iosize=1 -debugcon stdio -no-reboot \
  -monitor none -serial none -parallel none >"$qout" </dev/null
status=$?
echo "qemu exit status $status"

tags=()
if [ -f "$src" ]; then
  while IFS= read -r t; do tags+=("$t"); done < <(
    sed -n 's/^[[:space:]]*;[[:space:]]*qemu-differs:[[:space:]]*//p' "$src" |
    awk '{ i = index($0, ": "); if (i) $0 = substr($0, 1, i - 1); sub(/[ \t]+$/, ""); print }')
fi

filter() {
  awk -v ntags="${#tags[@]}" -v tagstr="$(printf '%s\n' "${tags[@]}")" '
    BEGIN { n = split(tagstr, T, "\n") }
    {
      if (ntags > 0 && $0 ~ /^DONE /) next
      if ($1 == "PASS" || $1 == "FAIL") {
        name = $0; sub(/^(PASS|FAIL) /, "", name); sub(/ got=.*$/, "", name)
        for (i = 1; i <= n; i++)
          if (T[i] != "" && (name == T[i] || index(name, T[i] " ") == 1)) next
      }
      print
    }' "$1"
}

if [ ${#tags[@]} -gt 0 ]; then
  echo "dropping checks tagged qemu-differs:"
  for t in "${tags[@]}"; do
    echo "  $t"
    cat "$transcript" "$qout" | grep -E "^(PASS|FAIL) " |
      awk -v t="$t" '{ n=$0; sub(/^(PASS|FAIL) /,"",n); sub(/ got=.*$/,"",n);
                       if (n==t || index(n, t " ")==1) print "    dropped: " $0 }' | sort -u
  done
fi

if diff -u <(filter "$transcript") <(filter "$qout"); then
  echo "transcripts match"
  exit 0
fi
echo "transcripts differ (trap86 '-', qemu '+')"
exit 1
