#!/bin/bash
# test-roms/pm_qemu_reboot.sh COMPARE_CMD...: run a QEMU comparison (e.g.
# compare_qemu.sh ROM.bin TRANSCRIPT) with QEMU allowed to reset on a triple
# fault: a qemu-system-i386 wrapper placed first in PATH drops -no-reboot.
# Used for ROMs listed in TEST_ROMS_REBOOT (test-roms/CMakeLists.txt).
real=$(command -v qemu-system-i386) || { echo "qemu-system-i386 not installed: skip"; exit 77; }
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
cat >"$dir/qemu-system-i386" <<EOS
#!/bin/bash
args=()
for a in "\$@"; do [ "\$a" = -no-reboot ] || args+=("\$a"); done
exec "$real" "\${args[@]}"
EOS
chmod +x "$dir/qemu-system-i386"
PATH=$dir:$PATH "$@"
