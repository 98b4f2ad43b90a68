#!/usr/bin/env python3
"""tests/vga/vga_ref.py - the expected frames of the vga_*.asm pattern ROMs.

Usage: vga_ref.py NAME OUT.png [--qemu]
       vga_ref.py --list

An independent reference: it links nothing of trap86 and reads nothing
from the ROMs.  Each pattern below is the closed-form definition written
in the ROM's header comment, duplicated here; the register values that
matter (attribute palette, DAC, line graphics) are duplicated too.  From
them it computes what a VGA sends to the monitor, following the IBM VGA
Technical Reference:

  * text (alphanumeric) modes: the character code (plane 0) and attribute
    (plane 1) of each cell; the glyph's scan line from plane 2 (bit 7 =
    leftmost dot); 9-dot cells whose 9th dot is background, except for
    codes C0h-DFh when Attribute Mode Control bit 2 (Enable Line Graphics)
    is set, where it repeats the 8th dot; with blink disabled (bit 3 = 0)
    attribute bits 7-4 are the background colour;
  * the attribute controller maps a 4-bit colour c to DAC index
    AR[c] (P5-P0) with Color Select bits 3-2 as P7-P6 (both 0 here);
    in 256-colour modes the 8-bit pixel is the DAC index;
  * the DAC's 6-bit components become 8 bits as (v << 2) | (v >> 4) (bit
    replication: 0 -> 00h, 3Fh -> FFh);
  * Bochs VBE (DISPI) direct colour: 32 bpp = X8R8G8B8 (the top byte is
    not displayed), 16 bpp = R5G6B5 widened by bit replication, (r << 3) |
    (r >> 2) and (g << 2) | (g >> 4).

Frame sizes (the mode's logical resolution, one PNG pixel per VGA pixel,
no pixel or scan-line doubling): text 720x400 (80 x 9 dots, 25 x 16 scan
lines), mode 4 320x200, mode 12h 640x480, mode 13h 320x200, mode X
320x240, VBE XRES x YRES.

--qemu computes what QEMU 7.2's screendump shows instead, for the
documented places where QEMU is not the hardware (hw/display/vga.c):
  * c6_to_8() widens a 6-bit DAC value as (v << 2) | (v & 1) * 3, not by
    replicating the top bits (only the two low bits of each component
    differ);
  * vga_draw_text() repeats the 8th dot into the 9th for codes B0h-DFh,
    not C0h-DFh as the IBM reference gives for Enable Line Graphics.
Everything else (geometry, memory layout, palette path, write modes) is
the same computation.
"""
import struct
import sys
import zlib

# ---- shared register values (test-roms/vga_common.inc) -----------------------


def dac6(i):
    """vga_load_dac: the 6-bit R, G, B of DAC entry i."""
    return ((5 * i) & 63, (i >> 2) ^ 0x2A, (11 * i + 20) & 63)


def widen6(v, qemu=False):
    """A 6-bit DAC component as 8 bits."""
    if qemu:
        return (v << 2) | (v & 1) * 3
    return (v << 2) | (v >> 4)


def dac_table(qemu):
    return [bytes(widen6(c, qemu) for c in dac6(i)) for i in range(256)]


def rol8(v, n):
    n &= 7
    return ((v << n) | (v >> (8 - n))) & 0xFF


def ror8(v, n):
    n &= 7
    return ((v >> n) | (v << (8 - n))) & 0xFF


class Frame:
    def __init__(self, width, height):
        self.width, self.height = width, height
        self.rgb = bytearray(width * height * 3)

    def put(self, x, y, rgb):
        o = (y * self.width + x) * 3
        self.rgb[o:o + 3] = rgb


# ---- text 80x25, 9-dot cells (vga_text_font.asm) -----------------------------

TEXT_AR = [(5 * i + 2) & 63 for i in range(16)]


def text_glyph(c, s):
    if s in (0, 15):
        return 0x00
    if s == 1:
        return 0xFF
    if s == 14:
        return 0x81
    if 2 <= s <= 5:
        return (c >> 4) * 0x11
    if 6 <= s <= 9:
        return (c & 0x0F) * 0x11
    return rol8(c ^ 0x5A, s & 7)


def text_cell(r, k):
    ch = (r * 80 + k) & 0xFF
    bg = ((k >> 3) + r) & 15
    fg = bg ^ (((k & 7) + 1) | ((r & 1) << 3))
    return ch, (bg << 4) | fg


def frame_text(qemu):
    dac = dac_table(qemu)
    colour = [dac[TEXT_AR[c]] for c in range(16)]
    lg_first = 0xB0 if qemu else 0xC0
    f = Frame(720, 400)
    for r in range(25):
        for k in range(80):
            ch, attr = text_cell(r, k)
            fg, bg = colour[attr & 15], colour[attr >> 4]
            for s in range(16):
                g = text_glyph(ch, s)
                dots = g << 1
                if lg_first <= ch <= 0xDF:
                    dots |= g & 1
                for d in range(9):
                    f.put(k * 9 + d, r * 16 + s, fg if dots >> (8 - d) & 1 else bg)
    return f


# ---- mode 4: CGA 320x200x4 (vga_mode4.asm) -----------------------------------

MODE4_AR = [0x00, 0x13, 0x15, 0x17]


def frame_mode4(qemu):
    dac = dac_table(qemu)
    f = Frame(320, 200)
    for y in range(200):
        for x in range(320):
            if x < 64 or y < 16:
                c = (x + y) & 3
            else:
                c = ((x >> 5) + (y >> 4)) & 3
            f.put(x, y, dac[MODE4_AR[c]])
    return f


# ---- mode 12h: 640x480x16 planar, write modes 0-3 (vga_mode12h.asm) ----------

MODE12_AR = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07,
             0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F]


def bits_of(byte):
    """The 8 pixels of a plane byte, leftmost (bit 7) first."""
    return [(byte >> (7 - i)) & 1 for i in range(8)]


def colours_of(planes):
    """Four plane bytes -> the 8 pixel colours (plane p = colour bit p)."""
    return [sum(((planes[p] >> (7 - i)) & 1) << p for p in range(4)) for i in range(8)]


def planes_of(colours):
    """8 pixel colours -> four plane bytes."""
    return [sum(((colours[i] >> p) & 1) << (7 - i) for i in range(8)) for p in range(4)]


def mode12_r0l(x, y):
    return ((x >> 1) + (y >> 3)) & 15


def mode12_r0r_planes(bx, y):
    """Band 0 right (bytes 40-79, y 0-119): a write-mode-0 fill of all
    planes with B, then for y >= 60 a second write mode 0 pass: enable
    set/reset 05h with set/reset 04h, rotate 3, XOR, bit mask F0h (even y)
    or 3Ch (odd y), latches loaded with B by a read first."""
    b = ((bx * 7) ^ y) & 0xFF
    if y < 60:
        return [b, b, b, b]
    m = 0xF0 if y % 2 == 0 else 0x3C
    rd = ror8((bx + 3 * y) & 0xFF, 3)
    sr = [0x00, None, 0xFF, None]        # set/reset 0100b on planes 0 and 2
    out = []
    for p in range(4):
        v = sr[p] if sr[p] is not None else rd
        out.append((((v ^ b) & m) | (b & ~m)) & 0xFF)
    return out


def mode12_planes(bx, y):
    """The four plane bytes of byte column bx (0-79) on line y."""
    left = bx < 40
    if y < 120:                          # band 0: write mode 0
        if left:
            return planes_of([mode12_r0l(bx * 8 + i, y) for i in range(8)])
        return mode12_r0r_planes(bx, y)
    if y < 240:                          # band 1: latches and read modes
        if left:                         # write mode 1 copy, map mask 0Bh
            src = mode12_planes((bx + 35) % 40, y - 120)
            return [src[0], src[1], 0, src[3]]
        if y < 180:                      # read mode 1: colour compare
            cols = colours_of(mode12_planes(bx, y - 60))
            r = sum((1 << (7 - i)) for i in range(8) if (cols[i] & 0x0C) == 0x04)
            return [r, r, r, r]
        src = mode12_planes(bx, y - 120)  # read mode 0, plane p -> p+1
        return [src[3], src[0], src[1], src[2]]
    if y < 360:                          # band 2: write mode 2
        if left:
            return planes_of([((bx * 8 + i + y) >> 2) & 15 for i in range(8)])
        y2, x2 = (y >> 3) & 15, (bx >> 2) & 15
        cols = []
        for i in range(8):
            k = 7 - i
            if (0x3C >> k) & 1:
                cols.append(y2 | x2)
            elif (0x81 >> k) & 1 and y >= 300:
                cols.append(y2 & 9)
            else:
                cols.append(y2)
        return planes_of(cols)
    p3 = (bx >> 3) & 15                  # band 3: write mode 3
    if left:
        sr = (y >> 2) & 15
        e = ror8((bx * 0x25 + y) & 0xFF, 1)
        return planes_of([sr if (e >> (7 - i)) & 1 else p3 for i in range(8)])
    sr = (y >> 3) & 15
    e = ror8((bx ^ (y * 5)) & 0xFF, 2) & 0xF0
    return planes_of([(p3 & sr) if (e >> (7 - i)) & 1 else p3 for i in range(8)])


def frame_mode12h(qemu):
    dac = dac_table(qemu)
    f = Frame(640, 480)
    for y in range(480):
        for bx in range(80):
            for i, c in enumerate(colours_of(mode12_planes(bx, y))):
                f.put(bx * 8 + i, y, dac[MODE12_AR[c]])
    return f


# ---- mode 13h: 320x200x256 chain-4 (vga_mode13h.asm) -------------------------

def frame_mode13h(qemu):
    dac = dac_table(qemu)
    f = Frame(320, 200)
    for y in range(200):
        for x in range(320):
            c = (x + (y >> 2)) & 0xFF if y < 100 else (x ^ y) & 0xFF
            f.put(x, y, dac[c])
    return f


# ---- mode X: 320x240x256 unchained (vga_modex.asm) ---------------------------

def frame_modex(qemu):
    dac = dac_table(qemu)
    f = Frame(320, 240)
    for y in range(240):
        for x in range(320):
            c = (((x >> 3) * 8 + (y >> 3)) ^ ((x & 3) << 6)) & 0xFF
            f.put(x, y, dac[c])
    return f


# ---- Bochs VBE through DISPI (vga_vbe800x600x32.asm, vga_vbe1024x768x16.asm) ---

def frame_vbe800x600x32(qemu):
    f = Frame(800, 600)
    for y in range(600):
        for x in range(800):
            r = x & 0xFF
            g = y & 0xFF
            b = ((((x >> 5) ^ (y >> 5)) & 1) << 7) | (((x + y) >> 4) & 0x7F)
            f.put(x, y, bytes((r, g, b)))
    return f


def frame_vbe1024x768x16(qemu):
    f = Frame(1024, 768)
    for y in range(768):
        for x in range(1024):
            r5 = (x >> 5) & 31
            g6 = ((y >> 4) ^ (x >> 4)) & 63
            b5 = (x ^ y) & 31
            f.put(x, y, bytes(((r5 << 3) | (r5 >> 2), (g6 << 2) | (g6 >> 4),
                               (b5 << 3) | (b5 >> 2))))
    return f


FRAMES = {
    "text_font": frame_text,
    "mode4": frame_mode4,
    "mode12h": frame_mode12h,
    "mode13h": frame_mode13h,
    "modex": frame_modex,
    "vbe800x600x32": frame_vbe800x600x32,
    "vbe1024x768x16": frame_vbe1024x768x16,
}


# ---- PNG (W3C PNG Specification: signature, IHDR, IDAT, IEND) ----------------

def png_bytes(frame):
    def chunk(kind, payload):
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))
    stride = frame.width * 3
    raw = b"".join(b"\x00" + bytes(frame.rgb[y * stride:(y + 1) * stride])
                   for y in range(frame.height))
    ihdr = struct.pack(">IIBBBBB", frame.width, frame.height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main(argv):
    if argv == ["--list"]:
        print("\n".join(FRAMES))
        return 0
    qemu = "--qemu" in argv
    args = [a for a in argv if a != "--qemu"]
    if len(args) != 2 or args[0] not in FRAMES:
        sys.exit(__doc__)
    frame = FRAMES[args[0]](qemu)
    with open(args[1], "wb") as f:
        f.write(png_bytes(frame))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
