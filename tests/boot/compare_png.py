#!/usr/bin/env python3
"""tests/boot/compare_png.py - compare two screenshots of a text screen.

Usage: compare_png.py OURS.png REFERENCE.png [--ignore-rows N,M,...]
                      [--cell WxH]

Both PNGs (8-bit, colour type 2 RGB or 6 RGBA, and 0 grey or 4 grey with
alpha, as the reference screens are; not interlaced, any of the filter
types 0-4; PNG Specification sections 9 and 11.2.2) are decoded with the
standard library only and binarised: a pixel is lit when any of R, G, B
(or the grey level) is above 0x40; alpha is ignored.  Text rows (bands of H pixels, 16 by default) in
--ignore-rows are skipped.  Prints the number of differing pixels and the
first differing character cell (row, column of WxH cells, 9x16 by
default).  Exit status: 0 same, 1 different (or different sizes), 2 a file
that cannot be read as such a PNG.
"""
import struct
import sys
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# colour type: (bytes per pixel, leading colour bytes: R,G,B or grey)
CHANNELS = {0: (1, 1), 2: (3, 3), 4: (2, 1), 6: (4, 3)}
LIT = 0x40


class PngError(Exception):
    pass


def read_chunks(data):
    """Yield (type, payload) of each chunk, checking its CRC."""
    if data[:8] != SIGNATURE:
        raise PngError("not a PNG signature")
    pos = 8
    while pos + 12 <= len(data):
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        payload = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(ctype + payload) != crc:
            raise PngError("bad CRC in chunk %r" % ctype)
        yield ctype, payload
        if ctype == b"IEND":
            return
        pos += 12 + length
    raise PngError("no IEND chunk")


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def unfilter(kind, line, prev, bpp):
    """Undo filter @kind (0-4) of one scan line in place."""
    if kind == 0:
        return
    for i in range(len(line)):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if kind == 1:
            pred = a
        elif kind == 2:
            pred = b
        elif kind == 3:
            pred = (a + b) // 2
        elif kind == 4:
            pred = paeth(a, b, c)
        else:
            raise PngError("unknown filter type %d" % kind)
        line[i] = (line[i] + pred) & 0xFF


def decode(path):
    """(width, height, rows): rows of booleans, True where a pixel is lit."""
    with open(path, "rb") as f:
        data = f.read()
    header, idat = None, b""
    for ctype, payload in read_chunks(data):
        if ctype == b"IHDR":
            header = struct.unpack(">IIBBBBB", payload)
        elif ctype == b"IDAT":
            idat += payload
    if header is None:
        raise PngError("no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in CHANNELS or interlace:
        raise PngError("only 8-bit grey/RGB(A), non-interlaced PNGs are handled")
    bpp, ncolour = CHANNELS[colour]
    raw = zlib.decompress(idat)
    stride = width * bpp
    if len(raw) < height * (stride + 1):
        raise PngError("image data too short")
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        line = bytearray(raw[start + 1:start + 1 + stride])
        unfilter(raw[start], line, prev, bpp)
        rows.append([max(line[x * bpp:x * bpp + ncolour]) > LIT for x in range(width)])
        prev = line
    return width, height, rows


def parse_args(argv):
    args = {"ignore": set(), "cell": (9, 16), "files": []}
    it = iter(argv)
    for a in it:
        if a == "--ignore-rows":
            args["ignore"] = {int(n) for n in next(it).split(",") if n != ""}
        elif a == "--cell":
            w, h = next(it).lower().split("x")
            args["cell"] = (int(w), int(h))
        else:
            args["files"].append(a)
    if len(args["files"]) != 2:
        sys.exit(__doc__)
    return args


def compare(ours, ref, ignore, cell):
    """Count differing pixels outside the ignored text rows; report the first."""
    diff, first = 0, None
    for y, (a, b) in enumerate(zip(ours, ref)):
        if y // cell[1] in ignore:
            continue
        for x in range(len(a)):
            if a[x] != b[x]:
                diff += 1
                if first is None:
                    first = (y // cell[1], x // cell[0], x, y)
    return diff, first


def main(argv):
    args = parse_args(argv)
    try:
        w1, h1, ours = decode(args["files"][0])
        w2, h2, ref = decode(args["files"][1])
    except (OSError, PngError, zlib.error) as e:
        print("compare_png: %s" % e)
        return 2
    if (w1, h1) != (w2, h2):
        print("sizes differ: %dx%d vs %dx%d" % (w1, h1, w2, h2))
        return 1
    diff, first = compare(ours, ref, args["ignore"], args["cell"])
    print("%d differing pixels (%dx%d, ignored text rows: %s)"
          % (diff, w1, h1, sorted(args["ignore"]) or "none"))
    if first:
        print("first difference: text row %d, column %d (pixel %d,%d)" % first)
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
