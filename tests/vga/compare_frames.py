#!/usr/bin/env python3
"""tests/vga/compare_frames.py - compare a screendump with a reference
frame, pixel for pixel, on exact RGB values.

Usage: compare_frames.py IMAGE REFERENCE.png [--downscale] [--diff OUT.png]

IMAGE and REFERENCE are PNGs (8-bit greyscale, RGB, grey+alpha or RGBA,
not interlaced, filter types 0-4: W3C PNG Specification 9 and 11.2.2;
alpha is ignored) or binary PPMs (P6, maxval 255: what QEMU's screendump
writes), decoded with the standard library and zlib only.

--downscale: IMAGE may be an integer multiple of REFERENCE in width and/or
height (QEMU shows 320-pixel modes with doubled pixels and 200/240-line
modes with doubled scan lines: 640x400, 640x480).  Every block of the
factor's size must then be one colour (a block that is not counts as
differing), and one pixel of each block is compared.

Prints the sizes, the number of differing pixels and the first few
differences.  --diff writes a PNG that is black where the frames agree
and the reference colour where they do not.
Exit status: 0 identical, 1 different (or different sizes), 2 unreadable.
"""
import struct
import sys
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}   # colour type -> bytes per pixel


class ImageError(Exception):
    pass


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def unfilter(kind, line, prev, bpp):
    if kind == 0:
        return
    if kind == 1:
        for i in range(bpp, len(line)):
            line[i] = (line[i] + line[i - bpp]) & 0xFF
    elif kind == 2:
        for i in range(len(line)):
            line[i] = (line[i] + prev[i]) & 0xFF
    elif kind == 3:
        for i in range(len(line)):
            a = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + ((a + prev[i]) >> 1)) & 0xFF
    elif kind == 4:
        for i in range(len(line)):
            a = line[i - bpp] if i >= bpp else 0
            c = prev[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + paeth(a, prev[i], c)) & 0xFF
    else:
        raise ImageError("unknown PNG filter type %d" % kind)


def decode_png(data):
    pos, header, idat = 8, None, []
    while True:
        if pos + 8 > len(data):
            raise ImageError("truncated PNG (no IEND)")
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        payload = data[pos + 8:pos + 8 + length]
        crc = data[pos + 8 + length:pos + 12 + length]
        if len(crc) != 4 or zlib.crc32(kind + payload) != struct.unpack(">I", crc)[0]:
            raise ImageError("bad CRC in chunk %r" % kind)
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", payload)
        elif kind == b"IDAT":
            idat.append(payload)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        raise ImageError("no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in CHANNELS or interlace:
        raise ImageError("only 8-bit, non-interlaced grey/RGB(A) PNGs are handled")
    bpp = CHANNELS[colour]
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    if len(raw) < height * (stride + 1):
        raise ImageError("PNG image data too short")
    rgb, prev = bytearray(), bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        line = bytearray(raw[start + 1:start + 1 + stride])
        unfilter(raw[start], line, prev, bpp)
        if colour == 2:
            rgb += line
        elif colour == 6:
            for x in range(width):
                rgb += line[x * 4:x * 4 + 3]
        else:
            for x in range(width):
                g = line[x * bpp]
                rgb += bytes((g, g, g))
        prev = line
    return width, height, bytes(rgb)


def decode_ppm(data):
    fields, pos = [], 2
    while len(fields) < 3:
        while pos < len(data) and data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            while pos < len(data) and data[pos:pos + 1] != b"\n":
                pos += 1
            continue
        start = pos
        while pos < len(data) and not data[pos:pos + 1].isspace():
            pos += 1
        if start == pos:
            raise ImageError("truncated PPM header")
        fields.append(int(data[start:pos]))
    width, height, maxval = fields
    if maxval != 255:
        raise ImageError("PPM maxval %d (only 255 is handled)" % maxval)
    pixels = data[pos + 1:pos + 1 + width * height * 3]
    if len(pixels) != width * height * 3:
        raise ImageError("PPM pixel data too short")
    return width, height, pixels


def decode(path):
    """(width, height, RGB bytes, top row first)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] == SIGNATURE:
        return decode_png(data)
    if data[:2] == b"P6":
        return decode_ppm(data)
    raise ImageError("%s: neither a PNG nor a binary PPM" % path)


def encode_png(width, height, rgb):
    def chunk(kind, payload):
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))
    stride = width * 3
    raw = b"".join(b"\x00" + rgb[y * stride:(y + 1) * stride] for y in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (SIGNATURE + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def downscale(width, height, rgb, ref_w, ref_h):
    """Reduce an integer multiple of ref_w x ref_h; blocks that are not one
    colour are returned as a set of reference coordinates."""
    if width % ref_w or height % ref_h:
        return None
    fx, fy = width // ref_w, height // ref_h
    out, mixed = bytearray(), set()
    for y in range(ref_h):
        for x in range(ref_w):
            o = ((y * fy) * width + x * fx) * 3
            px = rgb[o:o + 3]
            for dy in range(fy):
                row = ((y * fy + dy) * width + x * fx) * 3
                if rgb[row:row + fx * 3] != px * fx:
                    mixed.add((x, y))
                    break
            out += px
    print("downscaled %dx%d by %dx%d to %dx%d (%d blocks not one colour)"
          % (width, height, fx, fy, ref_w, ref_h, len(mixed)))
    return bytes(out), mixed


def main(argv):
    files, scale, diff_out = [], False, None
    it = iter(argv)
    for a in it:
        if a == "--downscale":
            scale = True
        elif a == "--diff":
            diff_out = next(it)
        else:
            files.append(a)
    if len(files) != 2:
        sys.exit(__doc__)
    try:
        w, h, img = decode(files[0])
        rw, rh, ref = decode(files[1])
    except (OSError, ValueError, ImageError, zlib.error) as e:
        print("compare_frames: %s" % e)
        return 2
    print("image %s: %dx%d, reference %s: %dx%d" % (files[0], w, h, files[1], rw, rh))
    mixed = set()
    if (w, h) != (rw, rh):
        reduced = downscale(w, h, img, rw, rh) if scale else None
        if reduced is None:
            print("sizes differ: %dx%d vs %dx%d" % (w, h, rw, rh))
            return 1
        img, mixed = reduced
    diff, shown = 0, 0
    marks = bytearray(len(ref)) if diff_out else None
    for y in range(rh):
        row = y * rw * 3
        if img[row:row + rw * 3] == ref[row:row + rw * 3] and not mixed:
            continue
        for x in range(rw):
            o = row + x * 3
            a, b = img[o:o + 3], ref[o:o + 3]
            if a != b or (x, y) in mixed:
                diff += 1
                if marks is not None:
                    marks[o:o + 3] = b if b != b"\0\0\0" else b"\xff\xff\xff"
                if shown < 10:
                    shown += 1
                    print("  (%d,%d): image %02x%02x%02x, reference %02x%02x%02x%s"
                          % (x, y, a[0], a[1], a[2], b[0], b[1], b[2],
                             " (block not one colour)" if (x, y) in mixed else ""))
    if diff_out:
        with open(diff_out, "wb") as f:
            f.write(encode_png(rw, rh, bytes(marks)))
    print("%d differing pixels of %d" % (diff, rw * rh))
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
