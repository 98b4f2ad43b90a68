#!/bin/sh
# Installs every Debian 12 package trap86 needs to build and test.
# Idempotent: apt-get skips what is already installed.  Run as root or
# through sudo; CI calls it from .ci/run on a clean machine.
set -e
PKGS="build-essential cmake pkg-config python3 nasm check zlib1g-dev binutils qemu-system-x86 libunicorn-dev bochs bochs-sdl bochs-term tmux bochsbios vgabios libcapstone-dev libedit-dev gdb mtools seabios memtest86+ syslinux syslinux-common dosfstools grub-pc-bin grub-common xorriso libsdl2-dev xvfb xdotool x11-apps libx11-dev"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
missing=""
for p in $PKGS; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup-deps: installing$missing"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi
