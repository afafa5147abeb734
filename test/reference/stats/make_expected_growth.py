"""Expected numbers for kernel-lib/src/stats/growth.ts, computed independently with numpy.

Run: /usr/bin/python3 make_expected_growth.py  (writes expected_growth.json next to this script)
Cases are endpoint pairs, including the figures printed by 戴翔、宋悦 (2025) and two synthetic cases.
"""
import json
import os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))

cagr_cases = [
    {"start": 381.4, "end": 59359.85, "years": 43},
    {"start": 181.2, "end": 33790.44, "years": 43},
    {"start": 21636.0, "end": 1678000.0, "years": 28},
    {"start": 100.0, "end": 50.0, "years": 7},
    {"start": 3.0, "end": 4.0, "years": 6},
]
for c in cagr_cases:
    m = np.float64(c["end"]) / np.float64(c["start"])
    c["multiple"] = float(m)
    c["cagr"] = float(np.expm1(np.log(m) / c["years"]))
    c["range_low"] = float(np.expm1(np.log((c["end"] - 0.005) / (c["start"] + 0.05)) / c["years"]))
    c["range_high"] = float(np.expm1(np.log((c["end"] + 0.005) / (c["start"] - 0.05)) / c["years"]))

doubling = [{"rate": r, "years": float(np.log(2) / np.log1p(r))} for r in (0.01, 0.07, 0.1245, 0.5)]

# multiplicative: exports = world exports x share
f_world = (20017.0, 238000.0)
f_share = (181.2 / 20017.0, 33790.44 / 238000.0)
lw, ls = np.log(f_world[1] / f_world[0]), np.log(f_share[1] / f_share[0])
ltot = np.log(33790.44 / 181.2)
mult = {
    "years": 43,
    "world_share": float(lw / ltot), "share_share": float(ls / ltot),
    "world_cagr": float(np.expm1(lw / 43)), "share_cagr": float(np.expm1(ls / 43)), "total_cagr": float(np.expm1(ltot / 43)),
    "closure": float(np.exp(lw + ls - ltot) - 1),
}
# with a total that the factors do not close
mult_open = {"closure": float((2.0 * 3.0) / 5.0 - 1), "share_a": float(np.log(2.0) / np.log(5.0)), "share_b": float(np.log(3.0) / np.log(5.0))}

# additive: trade = exports + imports
x = np.array([181.2, 33790.44]); m = np.array([381.4 - 181.2, 59359.85 - 33790.44])
X0, XT = x[0] + m[0], x[1] + m[1]
add = {
    "years": 43,
    "exports_contribution": float((x[1] - x[0]) / X0), "imports_contribution": float((m[1] - m[0]) / X0),
    "exports_share_of_increase": float((x[1] - x[0]) / (XT - X0)), "imports_cagr": float((m[1] / m[0]) ** (1 / 43) - 1),
    "exports_share_start": float(x[0] / X0), "exports_share_end": float(x[1] / XT), "total_cagr": float((XT / X0) ** (1 / 43) - 1),
}
struct = {"start": [29.6, 48.1, 22.3], "end": [7.1, 38.3, 54.6]}
struct["norm"] = float(0.5 * np.abs(np.array(struct["end"]) - np.array(struct["start"])).sum())

out = {"numpy": np.__version__, "cagr": cagr_cases, "doubling": doubling, "multiplicative": mult, "multiplicative_open": mult_open,
       "additive": add, "structural": struct}
with open(os.path.join(here, "expected_growth.json"), "w") as fh:
    json.dump(out, fh, indent=1)
print(json.dumps(out, indent=1))
