#!/usr/bin/env python3
"""Expected values of declining-cities-investment's public pull factors (study.ts realPullFactors), computed here
independently from the prepared CSVs with the rules the notebook states:
  GDP: prefecture_econ_maswiebe_1991_2019 `gdp` by ECharts short name (a panel name ending in 市 that is not an
  ECharts unit matches without the 市); province-level units from province_gdp_1992_2020. 2001 and 2013: own year,
  else the nearest within 1 year (earlier on a tie). 2022: the last real year L < 2022 with 2022 - L <= 5, carried
  forward at the OLS slope of ln(gdp) on the year over the real years in [L - 5, L] (at least 3).
  Tertiary share, FDI: city_sustainability_287_2004_2012; nearest real year within 2 (2013), 11 (2001), 18 (2022).
  Kind: own year "real"; nearest within 1 (GDP) or 2 (287 panel) "real, other year"; else "filled".
Usage: python3 declining_pull_factors.py <dir holding the prepared CSVs> > declining_pull_factors.json"""
import csv, json, math, sys

d = sys.argv[1]
rows = lambda f: list(csv.DictReader(open(f"{d}/{f}", encoding="utf-8")))
places = rows("china_prefectures_echarts.csv")
names = {p["name_zh"] for p in places}

def by_unit(rs, col):
    out = {}
    for r in rs:
        if r[col] == "":
            continue
        u = r["name_zh"]
        k = u if u in names else (u[:-1] if u.endswith("市") and u[:-1] in names else u)
        out.setdefault(k, {})[int(r["year"])] = float(r[col])
    return out

pref = by_unit(rows("prefecture_econ_maswiebe_1991_2019.csv"), "gdp")
prov = by_unit(rows("province_gdp_1992_2020.csv"), "gdp_100m_yuan")
city = rows("city_sustainability_287_2004_2012.csv")
tert, fdi = by_unit(city, "tertiary_share_gdp_pct"), by_unit(city, "fdi_actual_10k_usd")

def nearest(s, y, w):
    best = None
    for yy in sorted(s):
        if abs(yy - y) <= w and (best is None or abs(yy - y) < abs(best - y)):
            best = yy
    return best

def trend(s, y, years, ahead):
    last = max([yy for yy in s if yy < y], default=None)
    if last is None or y - last > ahead:
        return None
    win = [yy for yy in sorted(s) if last - years <= yy <= last]
    if len(win) < 3 or any(s[yy] <= 0 for yy in win):
        return None
    lg = [math.log(s[yy]) for yy in win]
    mx, ml = sum(win) / len(win), sum(lg) / len(lg)
    b = sum((x - mx) * (l - ml) for x, l in zip(win, lg)) / sum((x - mx) ** 2 for x in win)
    return s[last] * math.exp(b * (y - last)), last

def value(s, y, rule, real_within):
    if s is None:
        return None
    if y in s:
        return {"value": s[y], "from": y, "kind": "real"}
    if "trend" in rule:
        t = trend(s, y, *rule["trend"])
        if t:
            return {"value": t[0], "from": t[1], "kind": "filled"}
    if "nearest" in rule:
        b = nearest(s, y, rule["nearest"])
        if b is not None:
            return {"value": s[b], "from": b, "kind": "real, other year" if abs(b - y) <= real_within else "filled"}
    return None

out = {"counts": {}, "values": {}}
gdp_series = lambda p: prov.get(p["name_zh"]) if p["unit_kind"] == "province_level" else pref.get(p["name_zh"])
factors = {
    "gdp": (gdp_series, lambda y: {"trend": (5, 5)} if y == 2022 else {"nearest": 1}, 1),
    "tertiary_share": (lambda p: tert.get(p["name_zh"]), lambda y: {"nearest": {2013: 2, 2001: 11, 2022: 18}[y]}, 2),
    "fdi": (lambda p: fdi.get(p["name_zh"]), lambda y: {"nearest": {2013: 2, 2001: 11, 2022: 18}[y]}, 2),
}
pick = {"gdp": ["银川", "北京", "吐鲁番", "固原", "乌海"], "tertiary_share": ["北京", "银川"], "fdi": ["北京", "银川"]}
for f, (series, rule, rw) in factors.items():
    for y in (2001, 2013, 2022):
        vals = {p["name_zh"]: value(series(p), y, rule(y), rw) for p in places}
        c = {}
        for v in vals.values():
            k = v["kind"] if v else "none"
            c[k] = c.get(k, 0) + 1
        out["counts"][f"{f}-{y}"] = c
        for n in pick[f]:
            out["values"][f"{f}-{y}-{n}"] = vals[n]
json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
print()
