"""Expected numbers for test/spatial-structure.test.ts (rank-size, primacy, Herfindahl, polycentricity, market
access), written from the textbook formulas with NumPy, independent of regionlab's code.
Input: spatial_structure_input.csv (15 seeded synthetic places with lon/lat and a size), written by this script.
Run from the project root: /usr/bin/python3 test/reference/indices/make_expected_spatial_structure.py"""
import json
import numpy as np

rs = np.random.RandomState(20250412)
n = 15
lon = np.round(rs.uniform(100, 122, n), 4)
lat = np.round(rs.uniform(22, 42, n), 4)
size = np.round(rs.lognormal(mean=7.5, sigma=0.9, size=n), 2)
with open("test/reference/indices/spatial_structure_input.csv", "w") as f:
    f.write("id,lon,lat,size\n")
    for i in range(n):
        f.write(f"p{i:02d},{lon[i]},{lat[i]},{size[i]}\n")

s = np.sort(size)[::-1]
out = {}

def zipf(top, shift):
    y = np.log(s[:top]); x = np.log(np.arange(1, top + 1) - shift)
    X = np.column_stack([np.ones(top), x])
    b, res, *_ = np.linalg.lstsq(X, y, rcond=None)
    e = y - X @ b
    sigma2 = e @ e / (top - 2)
    cov = sigma2 * np.linalg.inv(X.T @ X)
    r2 = 1 - (e @ e) / np.sum((y - y.mean()) ** 2)
    return {"top": top, "shift": shift, "intercept": b[0], "q": -b[1], "se": np.sqrt(cov[1, 1]), "se_gabaix": abs(b[1]) * np.sqrt(2 / top), "r2": r2}

out["rank_size"] = [zipf(n, 0.0), zipf(10, 0.0), zipf(n, 0.5), zipf(4, 0.0)]
out["primacy"] = {"two": s[0] / s[1], "four": s[0] / s[1:4].sum(), "eleven": 2 * s[0] / s[1:11].sum(), "top_share": s[0] / s.sum()}
out["top3_share"] = s[:3].sum() / s.sum()
sh = s / s.sum(); H = np.sum(sh ** 2)
out["herfindahl"] = {"h": H, "normalized": (H - 1 / n) / (1 - 1 / n), "effective": 1 / H}

# market access with haversine great-circle distances (R = 6371.004 km); same sphere as the law of cosines
R = 6371.004
la, lo = np.radians(lat), np.radians(lon)
dlat = la[:, None] - la[None, :]; dlon = lo[:, None] - lo[None, :]
a = np.sin(dlat / 2) ** 2 + np.cos(la[:, None]) * np.cos(la[None, :]) * np.sin(dlon / 2) ** 2
D = 2 * R * np.arcsin(np.sqrt(a))
np.fill_diagonal(D, np.inf)
self_d = np.round(rs.uniform(20, 80, n), 3)
def ma(theta, own):
    ext = (size[None, :] * D ** -theta).sum(axis=1)
    o = size * self_d ** -theta if own else np.zeros(n)
    return {"theta": theta, "own": own, "external": ext.tolist(), "own_term": o.tolist(), "access": (ext + o).tolist()}
out["self_distance"] = self_d.tolist()
out["market_access"] = [ma(1.0, False), ma(1.0, True), ma(2.0, True)]

def conv(o):
    if isinstance(o, dict): return {k: conv(v) for k, v in o.items()}
    if isinstance(o, list): return [conv(v) for v in o]
    if isinstance(o, (np.floating, np.integer)): return float(o)
    return o
with open("test/reference/indices/expected_spatial_structure.json", "w") as f:
    json.dump(conv(out), f, indent=1)
print("numpy", np.__version__)
