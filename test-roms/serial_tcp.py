#!/usr/bin/env python3
"""test-roms/serial_tcp.py - be the far end of COM1 for serial_loop.asm.

Usage: serial_tcp.py [--qemu-differs ROM.asm] TRANSCRIPT CMD...

Picks a free TCP port on 127.0.0.1, runs CMD with every "@PORT@" replaced
by it (the emulator listens there as a server for COM1, its debug console
on stdout goes to TRANSCRIPT), connects, reads one line from the guest,
sends it back upper-cased, and drains what follows until the emulator
exits.  Passes (exit 0) only when the emulator exits with status 1
(isa-debug-exit 0), the transcript has a DONE line and no FAIL line, and
the line received is the one the ROM sends.  With --qemu-differs, FAIL
lines of checks tagged "; qemu-differs: NAME: reason" in ROM.asm are
expected (QEMU as the oracle disagrees with the datasheet there) and then
exit status 3 is accepted too.  Exit 77 (skip) when CMD[0] is not
installed.
"""
import os
import shutil
import socket
import subprocess
import sys
import time

EXPECTED = b"the quick brown fox jumps over the lazy dog\n"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def connect(port, proc, deadline):
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=1)
        except OSError:
            time.sleep(0.05)
    return None


def echo_line(sock, deadline):
    """Read up to a newline; send it back upper-cased; return what came."""
    got = b""
    while b"\n" not in got and time.monotonic() < deadline:
        try:
            chunk = sock.recv(256)
        except socket.timeout:
            continue
        if not chunk:
            break
        got += chunk
    sock.sendall(got.upper())
    return got


def differs_tags(asm):
    tags = []
    with open(asm, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("; qemu-differs:"):
                tags.append(line[len("; qemu-differs:"):].split(": ")[0].strip())
    return tags


def unexpected_fails(lines, tags):
    """FAIL lines not covered by @tags, and whether any tagged one failed."""
    bad, tagged = [], False
    for l in lines:
        if not l.startswith("FAIL "):
            continue
        name = l[5:].split(" got=")[0]
        if name in tags:
            tagged = True
        else:
            bad.append(l)
    return bad, tagged


def main():
    args = sys.argv[1:]
    tags = []
    if args[0] == "--qemu-differs":
        tags = differs_tags(args[1])
        args = args[2:]
    transcript, cmd = args[0], args[1:]
    if not shutil.which(cmd[0]):
        print(f"{cmd[0]} not installed: skip")
        return 77
    port = free_port()
    cmd = [a.replace("@PORT@", str(port)) for a in cmd]
    print("running:", " ".join(cmd))
    deadline = time.monotonic() + 60
    with open(transcript, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stdin=subprocess.DEVNULL)
        sock = connect(port, proc, deadline)
        got = b""
        if sock:
            got = echo_line(sock, deadline)
            sock.settimeout(0.2)
            while proc.poll() is None and time.monotonic() < deadline:
                try:
                    if not sock.recv(256):
                        break
                except socket.timeout:
                    pass
            sock.close()
        try:
            status = proc.wait(timeout=max(1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            status = proc.wait()
    with open(transcript, "rb") as f:
        text = f.read().decode(errors="replace")
    sys.stdout.write(text)
    rc = 0
    if sock is None:
        print("serial_tcp: could not connect to the emulator", file=sys.stderr)
        rc = 1
    if got != EXPECTED:
        print(f"serial_tcp: received {got!r}, want {EXPECTED!r}", file=sys.stderr)
        rc = 1
    lines = text.splitlines()
    bad, tagged = unexpected_fails(lines, tags)
    if status != 1 and not (tagged and status == 3):
        print(f"serial_tcp: exit status {status}, want 1", file=sys.stderr)
        rc = 1
    if bad:
        print("serial_tcp: transcript has FAIL lines:", *bad, sep="\n  ", file=sys.stderr)
        rc = 1
    if not any(l.startswith("DONE") for l in lines):
        print("serial_tcp: no DONE line", file=sys.stderr)
        rc = 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
