#!/usr/bin/env python3
"""Expected number text for test/panels.test.ts, written by NumPy (the formatter the prep scripts use) and
Python's math.fsum / round, never by regionlab.

Run: python3 make_number_text.py  (NumPy >= 1.24; the committed file was made with NumPy 2.4.6, Python 3)
Writes expected_number_text.csv: kind, input (hex bits of the double; for f32 the float32 bits), expected.
"""
import csv
import math
import random
import struct

import numpy as np

rows = []
rng = random.Random(20261201)


def f64hex(x):
    return struct.pack(">d", x).hex()


def f32hex(x):
    return struct.pack(">f", x).hex()


# float64: shortest positional round-trip text, trailing ".0" trimmed
f64 = [0.1, 1e-7, 1.5e-10, 1e21, 123456789012345680000.0, 2.5, -0.5, 286.3704823827899, 0.9940000000000001, 1e300, 5e-324]
f64 += [rng.uniform(-1e6, 1e6) for _ in range(200)] + [10 ** rng.uniform(-12, 25) for _ in range(200)]
for x in f64:
    rows.append(("f64", f64hex(x), np.format_float_positional(np.float64(x), unique=True, trim="-")))

# float32: shortest text for the 32-bit value (ties to even, e.g. 1477.53125)
f32 = [6082.60009765625, 1477.53125, 1484.40625, 138.953125, 2171.15625, 0.1, 3.4028234663852886e38, 1e-30]
f32 += [rng.uniform(-1e5, 1e5) for _ in range(300)] + [10 ** rng.uniform(-8, 12) for _ in range(200)]
# exact ties of the 8th significant digit: x.5 at various magnitudes
f32 += [k + 0.5 for k in range(1, 60)] + [(k * 2 + 1) / 2 ** 6 for k in range(100000, 100060)]
for x in f32:
    v = np.float32(x)
    rows.append(("f32", f32hex(float(v)), np.format_float_positional(v, unique=True, trim="-")))

# math.fsum and round(.., 10) of vectors, as the Chen county sums
for n in (3, 10, 50, 200):
    for _ in range(10):
        xs = [10 ** rng.uniform(-4, 2) for _ in range(n)]
        rows.append(("fsum10", " ".join(f64hex(x) for x in xs), f64hex(round(math.fsum(xs), 10))))
rows.append(("fsum10", " ".join(f64hex(x) for x in [1e16, 1.0, -1e16, 1e-3]), f64hex(round(math.fsum([1e16, 1.0, -1e16, 1e-3]), 10))))

with open("expected_number_text.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["kind", "input", "expected"])
    w.writerows(rows)
print(len(rows), "rows")
