// Gradient-boosted trees: 100 trees of depth 6 (xgboost exact, η = 0.3, λ = 1) on 10,000 × 20, then exact
// TreeSHAP (pred_contribs) for the same 10,000 rows — kernel-lib against python3-xgboost's C++ core in the
// same run. xgboost is timed single-threaded (nthread=1, like our single JS thread) and with all cores.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

function makeData(n, p) {
  let s = 20260501;
  const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const X = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: p }, () => Number((r() * 4 - 2).toFixed(4)));
    X.push(x);
    y.push(Number((Math.sin(x[0]) * 2 + x[1] * x[2] + 0.5 * x[3] + (x[4] > 0 ? 1 : -1) + 0.3 * (r() - 0.5)).toFixed(6)));
  }
  return { X, y };
}

exports.run = async function run(ctx) {
  const { trainGbdt, shapValues, predictGbdt } = require(path.join(ctx.root, "kernel-lib", "dist", "gbdt"));
  const n = 10000;
  const p = 20;
  const { X, y } = makeData(n, p);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rl-bench-gbdt-"));
  const file = path.join(dir, "data.csv");
  fs.writeFileSync(file, [...Array.from({ length: p }, (_, j) => `x${j}`), "y"].join(",") + "\n" + X.map((x, i) => [...x, y[i]].join(",")).join("\n") + "\n");
  const params = { nEstimators: 100, maxDepth: 6, learningRate: 0.3, lambda: 1, minChildWeight: 1, baseScore: 0.5 };
  let model;
  const trainMs = ctx.timeIt(() => (model = trainGbdt(X, y, params)), 1);
  const shapMs = ctx.timeIt(() => shapValues(model, X), 1);
  const ourPred = predictGbdt(model, X);
  const results = [
    { name: "train 100 trees depth 6, 10k x 20 (exact)", ours_ms: trainMs },
    { name: "TreeSHAP pred_contribs, 10k rows x 100 trees", ours_ms: shapMs },
  ];
  if (!fs.existsSync("/usr/bin/python3") || spawnSync("/usr/bin/python3", ["-c", "import xgboost"]).status !== 0) {
    return results.map((r) => ({ ...r, reference: "python3-xgboost", reference_ms: null, ratio: null, note: "skipped reference: apt-get install python3-xgboost" }));
  }
  const py = `
import time, json, numpy as np, pandas as pd, xgboost as xgb
d = pd.read_csv(${JSON.stringify(file)})
X = d[[f"x{j}" for j in range(${p})]].to_numpy(); y = d["y"].to_numpy()
out = {}
for nt in (1, 0):
    kw = {"nthread": nt} if nt else {}
    dm = xgb.DMatrix(X, label=y, **kw)
    prm = {"tree_method": "exact", "max_depth": 6, "eta": 0.3, "reg_lambda": 1, "min_child_weight": 1, "base_score": 0.5, **kw}
    t0 = time.perf_counter(); b = xgb.train(prm, dm, 100); t1 = time.perf_counter()
    c = b.predict(dm, pred_contribs=True); t2 = time.perf_counter()
    out[str(nt)] = {"train": (t1 - t0) * 1000, "shap": (t2 - t1) * 1000}
    pred = b.predict(dm)
out["pred"] = pred.astype(float).tolist()
print(json.dumps(out))
`;
  const r = spawnSync("/usr/bin/python3", ["-c", py], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) return results.map((x) => ({ ...x, reference: "python3-xgboost", reference_ms: null, ratio: null, note: "reference failed: " + r.stderr.trim().split("\n").pop() }));
  const ref = JSON.parse(r.stdout);
  let maxDiff = 0;
  ref.pred.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - ourPred[i]))));
  const same = `max |pred − xgboost pred| = ${maxDiff.toExponential(2)}`;
  const out = [];
  const keys = ["train", "shap"];
  results.forEach((res, k) => {
    const one = ref["1"][keys[k]];
    const all = ref["0"][keys[k]];
    out.push({ ...res, reference: "xgboost nthread=1", reference_ms: one, ratio: one / res.ours_ms, note: `ratio = xgboost time / ours (>1: we are faster); ${same}` });
    out.push({ ...res, name: res.name + " [xgb all cores]", reference: `xgboost nthread=${os.cpus().length}`, reference_ms: all, ratio: all / res.ours_ms, note: "same run, xgboost multi-threaded" });
  });
  return out;
};
