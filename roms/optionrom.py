#!/usr/bin/env python3
"""roms/optionrom.py - finish an option ROM NASM assembled.

Usage: optionrom.py INPUT OUTPUT
Checks the 0x55 0xAA signature and that the size byte (offset 2, in
512-byte blocks) matches the file; sets the checksum of the PnP expansion
header the word at offset 0x1A points to (byte 9, so its length byte * 16
bytes sum to 0), then the ROM's last byte so the whole image sums to 0 mod
256, as the BIOS Boot Specification 1.01 and SeaBIOS require.
"""
import sys


def fix(rom):
    if rom[0:2] != b"\x55\xaa" or rom[2] * 512 != len(rom):
        sys.exit("optionrom.py: bad signature or size byte")
    pnp = rom[0x1A] | rom[0x1B] << 8
    if pnp:
        if rom[pnp:pnp + 4] != b"$PnP":
            sys.exit("optionrom.py: no $PnP header where offset 0x1A points")
        length = rom[pnp + 5] * 16
        rom[pnp + 9] = 0
        rom[pnp + 9] = -sum(rom[pnp:pnp + length]) & 0xFF
    rom[-1] = 0
    rom[-1] = -sum(rom) & 0xFF


def main():
    src, dst = sys.argv[1:3]
    rom = bytearray(open(src, "rb").read())
    fix(rom)
    open(dst, "wb").write(rom)


if __name__ == "__main__":
    main()
