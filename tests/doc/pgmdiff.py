#!/usr/bin/env python3
"""pgmdiff A.pgm B.pgm — how far two grayscale renderings of a page are apart.

Prints "mean=M far=F" (mean absolute difference per pixel, 0-255; share of
pixels more than 80 apart, in %) and exits 0 when both are within the
tolerance (mean <= 2.5, far <= 0.5%), 1 when not or the sizes differ.
A page drawn again with the same fonts differs by antialiasing at most; a
moved line, a changed number or another document is far more.
"""
import sys

MEAN_MAX, FAR_MAX, FAR = 2.5, 0.5, 80


def read_pgm(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:  # P5 width height maxval, with comments
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P5" or int(fields[3]) != 255:
        sys.exit(f"{path}: not an 8-bit binary PGM")
    w, h = int(fields[1]), int(fields[2])
    return w, h, data[pos + 1:pos + 1 + w * h]


a, b = read_pgm(sys.argv[1]), read_pgm(sys.argv[2])
if a[:2] != b[:2]:
    print(f"sizes differ: {a[0]}x{a[1]} and {b[0]}x{b[1]}")
    sys.exit(1)
diff = [abs(x - y) for x, y in zip(a[2], b[2])]
mean = sum(diff) / len(diff)
far = 100.0 * sum(d > FAR for d in diff) / len(diff)
print(f"mean={mean:.2f} far={far:.2f}%")
sys.exit(0 if mean <= MEAN_MAX and far <= FAR_MAX else 1)
