# tests/boot/common.sh - sourced by the boot test scripts: skip (exit 77)
# when a prerequisite is missing, and make private writable disk copies so
# the shared images are never touched.

# need_files FILE...: skip unless every FILE exists.
need_files() {
    local f
    for f in "$@"; do
        [ -f "$f" ] || { echo "missing $f: skip"; exit 77; }
    done
}

# need_firmware: skip unless Debian's SeaBIOS and its VGA BIOS are there.
need_firmware() {
    need_files /usr/share/seabios/bios.bin /usr/share/seabios/vgabios-stdvga.bin
}

# need_command CMD PACKAGE: skip unless CMD is on the PATH.
need_command() {
    command -v "$1" >/dev/null || { echo "$1 missing (package $2): skip"; exit 77; }
}

# private_copy SRC DST: a writable copy of a (possibly read-only) image.
private_copy() {
    cp "$1" "$2" && chmod u+w "$2"
}
