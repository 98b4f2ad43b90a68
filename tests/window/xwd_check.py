#!/usr/bin/env python3
"""tests/window/xwd_check.py - check an X screenshot of trap86's window.

Usage: xwd_check.py WINDOW.xwd [--png OUT.png] [--top Y]

Reads an xwd(1) dump (XWD version 7, ZPixmap, 24/32 bits per pixel, as
X servers write for TrueColor windows) with the standard library only,
and checks that the guest's picture is there in a plausible layout:
  - at least 1% of the pixels are lit (any of R, G, B above 0x40);
  - the lit pixels lie inside the window, starting in its top part (the
    first lines of a text screen) and reaching its left quarter (text is
    left-aligned), and not every pixel is lit (a blank white window).
With --top Y the first lit line must be line Y or below (a letterbox
bar above the picture, as integer scaling leaves), within 3 lines.
Prints the window size, the lit share and the lit bounding box.  With
--png also writes the picture as an RGB PNG (for a person to look at).
Exit status: 0 plausible, 1 not, 2 a file that cannot be read.
"""
import struct
import sys
import zlib

LIT = 0x40


def read_xwd(path):
    """(width, height, rows of (r, g, b) tuples)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 100:
        raise ValueError("too short for an XWD header")
    order = ">" if struct.unpack(">I", data[4:8])[0] == 7 else "<"
    h = struct.unpack(order + "25I", data[:100])
    header_size, version, fmt, depth, width, height = h[:6]
    byte_order, bpp, bpl, masks, ncolors = h[7], h[11], h[12], h[14:17], h[19]
    if version != 7 or fmt != 2 or bpp not in (24, 32):
        raise ValueError("only XWD 7 ZPixmap with 24/32-bit pixels is handled")
    pos = header_size + ncolors * 12
    shifts = [(m & -m).bit_length() - 1 for m in masks]
    step = bpp // 8
    rows = []
    for y in range(height):
        line = data[pos + y * bpl:pos + y * bpl + width * step]
        row = []
        for x in range(width):
            b = line[x * step:x * step + step]
            v = int.from_bytes(b, "little" if byte_order == 0 else "big")
            row.append(tuple((v & m) >> s for m, s in zip(masks, shifts)))
        rows.append(row)
    return width, height, rows


def write_png(path, width, height, rows):
    raw = b"".join(b"\0" + bytes(c for px in row for c in px) for row in rows)

    def chunk(kind, payload):
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload)))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw)))
        f.write(chunk(b"IEND", b""))


def parse_args(argv):
    args = {"png": None, "top": None, "files": []}
    it = iter(argv)
    for a in it:
        if a == "--png":
            args["png"] = next(it)
        elif a == "--top":
            args["top"] = int(next(it))
        else:
            args["files"].append(a)
    if len(args["files"]) != 1:
        sys.exit(__doc__)
    return args


def main(argv):
    args = parse_args(argv)
    try:
        width, height, rows = read_xwd(args["files"][0])
    except (OSError, ValueError, struct.error) as e:
        print("xwd_check: %s" % e)
        return 2
    if args["png"]:
        write_png(args["png"], width, height, rows)
    lit = [(x, y) for y, row in enumerate(rows) for x, px in enumerate(row) if max(px) > LIT]
    share = len(lit) / float(width * height) if width and height else 0.0
    print("window %dx%d, %.2f%% lit" % (width, height, 100 * share))
    if not lit:
        print("FAIL: the window is black")
        return 1
    x0, y0 = min(p[0] for p in lit), min(p[1] for p in lit)
    x1, y1 = max(p[0] for p in lit), max(p[1] for p in lit)
    print("lit pixels from (%d,%d) to (%d,%d)" % (x0, y0, x1, y1))
    ok = 0.01 <= share <= 0.9 and y0 < height // 4 and x0 < width // 4
    if args["top"] is not None and not args["top"] <= y0 <= args["top"] + 3:
        print("FAIL: the picture starts at line %d, not %d" % (y0, args["top"]))
        ok = False
    print("layout plausible" if ok else "FAIL: implausible layout")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
