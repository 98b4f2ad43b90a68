#!/bin/bash
# tests/cli/cli_errors.sh TRAP86 WORKDIR: bad input on the command line
# gets exit status 2, one clear line on stderr naming what is wrong, and
# loses nothing: every image given stays bit-identical.  Also: a second
# trap86 cannot open an image the first one holds, and a file without
# write permission is reported as a write-protected disk.
set -u
trap86=$1 work=$2
mkdir -p "$work" && cd "$work" || exit 1
rm -f good.img short.img odd.img ro.img
head -c 1474560 /dev/zero >good.img
head -c 1474048 /dev/zero >short.img # truncated: whole sectors, no floppy format
head -c 1474000 /dev/zero >odd.img   # not even whole sectors
head -c 737280 /dev/zero >ro.img && chmod a-w ro.img
sums() { sha256sum good.img short.img odd.img ro.img; }
before=$(sums)
fail=0
# expect_error PATTERN ARGS...: status 2 and PATTERN (grep -E) on stderr
expect_error() {
    local pat=$1
    shift
    "$trap86" -display none "$@" >out.txt 2>err.txt
    local rc=$?
    if [ $rc != 2 ] || ! grep -qE -- "$pat" err.txt; then
        echo "FAIL: trap86 $* -> status $rc, stderr: $(cat err.txt)"
        fail=1
    else
        echo "ok: $* -> $(head -1 err.txt)"
    fi
}
expect_error "unknown option '-frobnicate'" -frobnicate
expect_error "-fda needs a value" -fda
expect_error "-fda: short.img: image of 1474048 bytes is no floppy format.*truncated" -fda short.img
expect_error "-fda: odd.img: size 1474000 bytes is not a whole number of 512-byte sectors" -fda odd.img
expect_error "cannot open|No such file" -fda missing.img
expect_error "-bios: cannot open 'missing.bin': No such file" -bios missing.bin
expect_error "-vgabios: cannot open 'nothing.bin'" -vgabios nothing.bin
expect_error "-m 4096: RAM size must be between 1 and 2048" -m 4096
expect_error "-boot order=x: expected boot letters" -boot order=x
expect_error "-rtc base=yesterday: expected base=utc" -rtc base=yesterday
expect_error "-rtc base=2006-13-01: expected" -rtc base=2006-13-01
expect_error "-send-keys 5:a\\\\q: unknown escape" -send-keys '5:a\q'
expect_error "-send-keys later: expected SECONDS:TEXT" -send-keys later
expect_error "-exit-after -1: expected a positive" -exit-after -1
expect_error "-vga cirrus: expected std or none" -vga cirrus
expect_error "-icount shift=11" -icount shift=11
expect_error "-hda: odd.img: size 1474000 bytes is not a whole number of 512-byte sectors" -hda odd.img
expect_error "-hda: .*missing.img" -hda missing.img
expect_error "-hdb: .*already given|-hda.*-hdb|same image|in use" -hda good.img -hdb good.img
expect_error "-cdrom: short.img: size is not a multiple of 2048 bytes" -cdrom short.img
expect_error "-drive .*unknown -drive key" -drive file=good.img,index=0,cache=none
expect_error "-drive .*needs file= and index=" -drive file=good.img
expect_error "-serial .*" -serial bogus:thing
expect_error "-kernel: .*missing.img" -kernel missing.img
expect_error "-kernel 'good.img': not a Multiboot kernel" -kernel good.img
# a running trap86 holds good.img: a second one is refused
# real time and no exit: it holds the lock until killed below.  Wait until
# /proc/locks shows its lock on the image's inode before starting the second
# one: probing by taking the lock ourselves (flock(1), or a second trap86 in
# a loop) could hold it at the instant the first one starts, and under ASan
# and load that made the first one fail instead.
"$trap86" -fda good.img -display none >/dev/null 2>&1 &
pid=$!
trap 'kill -9 $pid 2>/dev/null' EXIT
inode=$(stat -c %i good.img)
for _ in $(seq 1 300); do
    grep -q ":$inode " /proc/locks && break
    sleep 0.1
done
"$trap86" -fda good.img -display none -max-insns 1 >/dev/null 2>err.txt
grep -q "good.img.*in use by another process" err.txt || { echo "FAIL: no lock error: $(cat err.txt)"; fail=1; }
kill $pid
wait $pid 2>/dev/null
# a read-only file is a write-protected disk, said once on stderr
"$trap86" -fda ro.img -display none -max-insns 1000 >/dev/null 2>err.txt
grep -q "'ro.img' is read-only; the guest sees a write-protected disk" err.txt ||
    { echo "FAIL: no read-only notice: $(cat err.txt)"; fail=1; }
[ "$(sums)" = "$before" ] || { echo "FAIL: an image changed"; fail=1; }
chmod u+w ro.img
exit $fail
