"""Independent NumPy implementation of Borgatti & Everett (1999) core–periphery models, written from the
published definitions (not from regionlab's code), plus the concentration index, the Gini coefficient and
the paper's distance by haversine. Run: /usr/bin/python3 coreperiphery_reference.py -> expected_cp.json

Continuous (MINRES): minimise sum_{i!=j} (a_ij - c_i c_j)^2. Here solved by Comrey's iterated principal
factor method: put c_i^2 on the diagonal of the symmetric part S = (A + A^T)/2, take the leading eigenpair
(lambda, v) and set c = sqrt(lambda) v, until c stops changing (a different algorithm from ours, which uses
coordinate descent). Discrete: exhaustive search over all 2^n core sets of the 11-node graph.
"""
import csv, itertools, json
import numpy as np

def read(name):
    rows = list(csv.DictReader(open(f"{name}.csv")))
    ids = []
    for r in rows:
        for v in (r["source"], r["target"]):
            if v not in ids:
                ids.append(v)
    A = np.zeros((len(ids), len(ids)))
    for r in rows:
        i, j = ids.index(r["source"]), ids.index(r["target"])
        if i != j:
            A[i, j] += float(r["weight"])
    return ids, A

def minres_eigen(A, iters=100000, tol=1e-14):
    S = (A + A.T) / 2
    np.fill_diagonal(S, 0)
    c = S.sum(1) / np.sqrt(S.sum())
    for _ in range(iters):
        M = S.copy()
        np.fill_diagonal(M, c ** 2)
        w, V = np.linalg.eigh(M)
        v = V[:, -1] * np.sign(V[:, -1].sum())
        new = np.sqrt(max(w[-1], 0)) * v
        if np.linalg.norm(new - c) < tol * np.linalg.norm(new):
            c = new
            break
        c = new
    return c, S

def corr_offdiag(A, P):
    m = ~np.eye(len(A), dtype=bool)
    return float(np.corrcoef(A[m], P[m])[0, 1])

def gini(x):
    x = np.asarray(x, float)
    return float(np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean()))

out = {}
for name in ["small12", "rand60", "invest150"]:
    ids, A = read(name)
    c, S = minres_eigen(A)
    loss = float(((S - np.outer(c, c)) ** 2)[~np.eye(len(ids), dtype=bool)].sum())
    unit = c / np.linalg.norm(c)
    out[name] = {"ids": ids, "coreness_unit": unit.tolist(), "minres_loss": loss,
                 "corr_minres": corr_offdiag(A, np.outer(c, c)), "gini_unit": gini(unit)}

# discrete model, exhaustive, core-periphery blocks ignored
ids, A = read("small12")
n = len(ids)
m = ~np.eye(n, dtype=bool)
best = (-2, None)
for k in range(1, n):
    for core in itertools.combinations(range(n), k):
        inC = np.zeros(n, bool); inC[list(core)] = True
        CC = np.outer(inC, inC) & m
        PP = np.outer(~inC, ~inC) & m
        use = CC | PP
        pat = CC[use].astype(float)
        if pat.std() == 0 or A[use].std() == 0:
            continue
        r = float(np.corrcoef(A[use], pat)[0, 1])
        if r > best[0] + 1e-12:
            best = (r, sorted(ids[i] for i in core))
out["small12_discrete"] = {"correlation": best[0], "core": best[1]}

# Gini checks
out["gini_cases"] = [{"x": x, "gini": gini(x)} for x in ([1, 1, 1, 1], [0, 0, 0, 4], [1, 2, 3, 4, 5], [0.3, 0.01, 0.002, 0.5, 0.05, 0.0])]

# concentration index (eq. 3/4, second form), written directly
def conc(h, y, asc):
    h = np.asarray(h, float); y = np.asarray(y, float); n = len(h)
    order = np.argsort(y if asc else -y, kind="stable")
    r = np.empty(n); r[order] = np.arange(1, n + 1)
    # average ranks for ties
    for v in np.unique(y):
        idx = np.where(y == v)[0]
        r[idx] = r[idx].mean()
    p = (r - r.min()) / (r.max() - r.min())
    return float(np.mean(h / h.mean() * (2 * p - 1)))
rs = np.random.RandomState(7)
cases = []
for n, asc in [(5, True), (12, False), (24, True), (9, False)]:
    h = np.round(rs.lognormal(0, 1.2, n), 3).tolist()
    y = np.round(rs.uniform(0, 100, n), 2).tolist()
    cases.append({"h": h, "y": y, "asc": asc, "c": conc(h, y, asc)})
tied = {"h": [5, 1, 2, 2, 8, 0.5], "y": [3, 3, 1, 7, 7, 2], "asc": False}
tied["c"] = conc(tied["h"], tied["y"], False)
cases.append(tied)
out["concentration_cases"] = cases

# great-circle distance by haversine (independent of formula (1)-(2); equal in exact arithmetic)
def hav(lon1, lat1, lon2, lat2, R=6371.004):
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return float(2 * R * np.arcsin(np.sqrt(a)))
pts = {"乌海": (106.825563, 39.673734), "呼和浩特": (111.670801, 40.818311), "北京": (116.405285, 39.904989),
       "新余": (114.917346, 27.817808), "南昌": (115.858198, 28.682892), "鹤岗": (130.297964, 47.349916),
       "韶关": (113.597522, 24.810403), "深圳": (114.085947, 22.547)}
out["distances"] = [{"a": a, "b": b, "lonlat": [*pts[a], *pts[b]], "km": hav(*pts[a], *pts[b])} for a, b in itertools.combinations(pts, 2)]
json.dump(out, open("expected_cp.json", "w"), indent=1, ensure_ascii=False)
print("ok", out["small12_discrete"], out["distances"][0])
