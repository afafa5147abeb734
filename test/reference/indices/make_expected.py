"""Expected numbers for test/indices.test.ts, written from the published formulas with NumPy (independent of
regionlab's code). Inputs: a seeded synthetic provincial indicator panel (indicators.csv), 30 units x 3 years.
Run from the project root: /usr/bin/python3 test/reference/indices/make_expected.py"""
import json
import numpy as np

rs = np.random.RandomState(20240607)
units, years, m = 30, [2020, 2021, 2022], 5
rows = []
for y in years:
    X = rs.lognormal(mean=1.0, sigma=0.6, size=(units, m))
    for u in range(units):
        rows.append([f"p{u:02d}", y] + [round(v, 6) for v in X[u]])
pop = np.round(rs.uniform(500, 10000, size=units), 1)
region = np.array(["east", "central", "west"])[np.arange(units) % 3]
with open("test/reference/indices/indicators.csv", "w") as f:
    f.write("id,year,x1,x2,x3,x4,x5\n")
    for r in rows:
        f.write(",".join(str(v) for v in r) + "\n")
data = np.array([r[2:] for r in rows], dtype=float)
yr = np.array([r[1] for r in rows])
dirs = np.array([1, 1, -1, 1, -1])

def standardize(X, shift):
    lo, hi = X.min(0), X.max(0)
    Z = np.where(dirs > 0, (X - lo) / (hi - lo), (hi - X) / (hi - lo))
    return Z + shift

def entropy(X, shift):
    Z = standardize(X, shift)
    P = Z / Z.sum(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        L = np.where(P > 0, P * np.log(P), 0.0)
    e = -L.sum(0) / np.log(X.shape[0])
    d = 1 - e
    w = d / d.sum()
    return Z, e, w, Z @ w

out = {}
Z, e, w, s = entropy(data, 0.0001)
out["pooled"] = {"entropy": e.tolist(), "weights": w.tolist(), "scores": s.tolist()}
# TOPSIS (min-max standardised, weighted)
V = Z * w
dp = np.sqrt(((V - V.max(0)) ** 2).sum(1)); dm = np.sqrt(((V - V.min(0)) ** 2).sum(1))
out["pooled"]["closeness"] = (dm / (dp + dm)).tolist()
# obstacle degree
I = 1 - Z
O = (w * I) / (w * I).sum(1, keepdims=True)
out["pooled"]["obstacle_mean"] = O.mean(0).tolist()
per = {}
for y in years:
    Zy, ey, wy, sy = entropy(data[yr == y], 0.0)
    per[str(y)] = {"weights": wy.tolist(), "scores": sy.tolist()}
out["per_year"] = per
# inequality on x1 of 2022 with population weights and region groups
v = data[yr == 2022][:, 0]
out["cv_plain"] = float(v.std() / v.mean())
out["cv_sample"] = float(v.std(ddof=1) / v.mean())
mu_w = (pop * v).sum() / pop.sum()
out["cv_weighted"] = float(np.sqrt((pop * (v - mu_w) ** 2).sum() / pop.sum()) / mu_w)
def theil(v, p):
    mu = (p * v).sum() / p.sum()
    return float(((p / p.sum()) * (v / mu) * np.log(v / mu)).sum())
out["theil_plain"] = theil(v, np.ones_like(v))
out["theil_weighted"] = theil(v, pop)
Yt, Pt = (pop * v).sum(), pop.sum()
between = within = 0.0
for g in ["east", "central", "west"]:
    k = region == g
    Yg, Pg = (pop[k] * v[k]).sum(), pop[k].sum()
    between += (Yg / Yt) * np.log((Yg / Yt) / (Pg / Pt))
    within += (Yg / Yt) * theil(v[k], pop[k])
out["theil_between"] = float(between); out["theil_within"] = float(within)
out["gini_plain"] = float(np.abs(v[:, None] - v[None, :]).sum() / (2 * len(v) ** 2 * v.mean()))
out["gini_weighted"] = float((pop[:, None] * pop[None, :] * np.abs(v[:, None] - v[None, :])).sum() / (2 * Pt ** 2 * mu_w))
# coupling coordination of two and three subsystems (scores scaled into [0, 1])
U = Z[:, :3] / Z[:, :3].max(0)
C2 = 2 * np.sqrt(U[:, 0] * U[:, 1]) / (U[:, 0] + U[:, 1]); T2 = 0.5 * U[:, 0] + 0.5 * U[:, 1]
C3 = 3 * np.cbrt(U.prod(1)) / U.sum(1); T3 = U @ np.array([0.5, 0.3, 0.2])
out["coupling2"] = {"C": C2.tolist(), "D": np.sqrt(C2 * T2).tolist()}
out["coupling3"] = {"C": C3.tolist(), "D": np.sqrt(C3 * T3).tolist()}
out["pop"] = pop.tolist(); out["region"] = region.tolist()
json.dump(out, open("test/reference/indices/expected.json", "w"))
print("ok")
