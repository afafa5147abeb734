// Reading and validating a 50,000 × 8 city-year panel CSV: kernel-lib's readTable with a full schema check
// (types, ranges, unique id-year key) against pandas.read_csv followed by the equivalent checks, in one run.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

function makeCsv(file, nUnits, nYears) {
  const lines = ["city,year,gdp,pop,share,type,lon,lat"];
  let s = 12345;
  const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let u = 0; u < nUnits; u++) for (let t = 0; t < nYears; t++) {
    lines.push(`${String(100000 + u)},${2000 + t},${(r() * 1e4).toFixed(3)},${Math.floor(r() * 1e7)},${r().toFixed(6)},${["a", "b", "c", "d"][u % 4]},${(73 + r() * 60).toFixed(5)},${(18 + r() * 35).toFixed(5)}`);
  }
  fs.writeFileSync(file, lines.join("\n") + "\n");
}

exports.run = async function run(ctx) {
  const { readTable } = require(path.join(ctx.root, "kernel-lib", "dist"));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rl-bench-")), "panel.csv");
  makeCsv(file, 2500, 20);
  const spec = {
    name: "bench panel", id: "city", time: "year",
    columns: {
      city: { type: "string", pattern: "^\\d{6}$" }, year: { type: "number", integer: true, min: 1990, max: 2030 },
      gdp: { type: "number", min: 0 }, pop: { type: "number", integer: true, min: 0 }, share: { type: "number", min: 0, max: 1 },
      type: { type: "string", levels: ["a", "b", "c", "d"] }, lon: { type: "number", min: 73, max: 136 }, lat: { type: "number", min: 18, max: 54 },
    },
  };
  const ours = ctx.timeIt(() => readTable(file, spec), 2000);
  const result = { name: "read + validate CSV, 50k rows x 8 cols", ours_ms: ours, reference: "pandas.read_csv" };
  if (!fs.existsSync("/usr/bin/python3") || spawnSync("/usr/bin/python3", ["-c", "import pandas"]).status !== 0) {
    return [{ ...result, reference_ms: null, ratio: null, note: "skipped reference: apt-get install python3-pandas" }];
  }
  const py = `
import time, pandas as pd
f = ${JSON.stringify(file)}
def once():
    d = pd.read_csv(f, dtype={"city": str, "type": str})
    assert d["city"].str.fullmatch(r"\\d{6}").all()
    for c, lo, hi in [("year", 1990, 2030), ("gdp", 0, None), ("pop", 0, None), ("share", 0, 1), ("lon", 73, 136), ("lat", 18, 54)]:
        v = pd.to_numeric(d[c], errors="raise")
        assert v.notna().all() and (v >= lo).all() and (hi is None or (v <= hi).all())
    assert d["type"].isin(["a", "b", "c", "d"]).all()
    assert not d.duplicated(["city", "year"]).any()
t0 = time.perf_counter(); n = 0
while time.perf_counter() - t0 < 2.0:
    once(); n += 1
print((time.perf_counter() - t0) / n * 1000)
`;
  const r = spawnSync("/usr/bin/python3", ["-c", py], { encoding: "utf8" });
  if (r.status !== 0) return [{ ...result, reference_ms: null, ratio: null, note: "reference failed: " + r.stderr.trim().split("\n").pop() }];
  const ref = Number(r.stdout.trim());
  return [{ ...result, reference_ms: ref, ratio: ref / ours, note: "ratio = pandas time / ours (>1: we are faster)" }];
};
