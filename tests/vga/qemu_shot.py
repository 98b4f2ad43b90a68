#!/usr/bin/env python3
"""tests/vga/qemu_shot.py - run a vga_*.bin pattern ROM under QEMU and take
its screendump once the ROM has drawn.

Usage: qemu_shot.py ROM.bin OUT.ppm [--timeout SECONDS]

QEMU runs the ROM as its firmware on the i440FX PC with the standard VGA
(`-M pc -vga std`, PCI 1234:1111 at 00:02.0, as trap86).  There is no
isa-debug-exit device: the ROM's final write to port 0xF4 goes nowhere
and the ROM halts with interrupts off, so the picture stays put.  When the
debug console (port 0xE9) shows the ROM's "...: drawn" line, the monitor
(HMP on stdin) takes `screendump OUT.ppm` (QEMU writes a binary PPM of the
current frame) and quits.  Exit status: 0 screendump taken, 1 the ROM
failed or QEMU did not get there in time, 77 no qemu-system-i386.
"""
import os
import shutil
import subprocess
import sys
import time


def ppm_complete(path):
    """True when @path is a whole binary PPM (header and all pixel bytes)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return False
    fields, pos = [], 0
    while len(fields) < 4:
        while pos < len(data) and data[pos:pos + 1].isspace():
            pos += 1
        if pos < len(data) and data[pos:pos + 1] == b"#":
            while pos < len(data) and data[pos:pos + 1] != b"\n":
                pos += 1
            continue
        start = pos
        while pos < len(data) and not data[pos:pos + 1].isspace():
            pos += 1
        if start == pos:
            return False
        fields.append(data[start:pos])
    if fields[0] != b"P6":
        return False
    width, height = int(fields[1]), int(fields[2])
    return len(data) >= pos + 1 + width * height * 3


def main(argv):
    args, timeout = [], 60.0
    it = iter(argv)
    for a in it:
        if a == "--timeout":
            timeout = float(next(it))
        else:
            args.append(a)
    if len(args) != 2:
        sys.exit(__doc__)
    rom, out = args
    qemu = shutil.which("qemu-system-i386")
    if not qemu:
        print("qemu-system-i386 not installed: skip")
        return 77
    log = out + ".debugcon.txt"
    for f in (out, log):
        if os.path.exists(f):
            os.remove(f)
    cmd = [qemu, "-M", "pc", "-m", "32", "-vga", "std", "-display", "none",
           "-bios", rom, "-debugcon", "file:" + log, "-monitor", "stdio",
           "-serial", "none", "-parallel", "none", "-nic", "none", "-no-reboot"]
    print(" ".join(cmd))
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + timeout
    status, text = 1, ""
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with open(log, "r", errors="replace") as f:
                    text = f.read()
            except OSError:
                text = ""
            if "FAIL" in text:
                print("the ROM failed under QEMU")
                break
            if "drawn" in text:
                proc.stdin.write(("screendump %s\n" % out).encode())
                proc.stdin.flush()
                while time.monotonic() < deadline and not ppm_complete(out):
                    time.sleep(0.05)
                status = 0 if ppm_complete(out) else 1
                break
            time.sleep(0.05)
        else:
            print("QEMU did not finish drawing within %.0f s" % timeout)
    finally:
        if proc.poll() is None:
            try:
                proc.stdin.write(b"quit\n")
                proc.stdin.flush()
            except OSError:
                pass
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        err = proc.stderr.read().decode(errors="replace")
    print("debug console: %s" % text.strip())
    if err.strip():
        print("qemu stderr: %s" % err.strip())
    if status == 0:
        print("screendump %s taken" % out)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
