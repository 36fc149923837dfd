#!/usr/bin/env python3
"""make_material: well-formed material files for the tests and the bench
(the service checks what it is given), made with python3's zlib alone.

  make_material.py png OUT            600 x 800 scan-like PNG (a red band,
                                      blue and white squares)
  make_material.py pdf OUT [PAGES]    A4 pages (vector): "PAGE n" in a black
                                      band, a blue square (default 2 pages)
  make_material.py scan OUT           one A4 page holding a 2480 x 3508
                                      (300 dpi) greyscale scan: text-like
                                      strokes, Flate-compressed
"""
import os
import struct
import sys
import zlib


def png(path, w=600, h=800):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    rows = bytearray()
    for y in range(h):
        rows.append(0)
        for x in range(w):
            if 100 < y < 200 and 50 < x < w - 50:
                rows += b"\xc8\x1e\x1e"
            elif (x // 40 + y // 40) % 2 == 0:
                rows += b"\xf0\xf0\xf0"
            else:
                rows += b"\x1e\x3c\xc8"
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(bytes(rows))) + chunk(b"IEND", b""))
    open(path, "wb").write(data)


def pdf_file(path, objects):
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    open(path, "wb").write(out)


def stream(dictionary, data):
    return b"<< %s /Length %d >>\nstream\n" % (dictionary, len(data)) + data + b"\nendstream"


def pdf(path, pages=2):
    font = 3 + 2 * pages
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(pages)), pages)]
    for i in range(pages):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                    b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, 4 + 2 * i))
        content = (b"0 0 0 rg 50 700 495 100 re f BT /F1 36 Tf 1 1 1 rg 70 735 Td (PAGE %d) Tj ET "
                   b"0 0 1 rg 50 100 200 200 re f" % (i + 1))
        objs.append(stream(b"", content))
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pdf_file(path, objs)


def scan(path, w=2480, h=3508):
    rows = bytearray()
    paper = bytes(0xec + (i & 7) for i in range(256))   # grainy off-white, as scanned
    for y in range(h):
        line = bytearray(os.urandom(w).translate(paper))
        if 300 <= y % 120 < 336 and 250 < y < h - 250:   # lines of "text"
            for x in range(250, w - 250):
                if (x * 7 + y * 3) % 23 < 9 and (x // 60) % 5 != 4:
                    line[x] = 0x20
        rows += line
    img = stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                 b"/BitsPerComponent 8 /Filter /FlateDecode" % (w, h), zlib.compress(bytes(rows), 6))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
            stream(b"", b"q 595 0 0 842 0 0 cm /Im1 Do Q"), img]
    pdf_file(path, objs)


if __name__ == "__main__":
    what, out = sys.argv[1], sys.argv[2]
    if what == "png":
        png(out)
    elif what == "pdf":
        pdf(out, int(sys.argv[3]) if len(sys.argv) > 3 else 2)
    elif what == "scan":
        scan(out)
    else:
        sys.exit("make_material: png, pdf or scan")
