// Gradient-boosted trees, through bench/harness.js: 100 trees of depth 6 (exact greedy, η = 0.3, λ = 1) on
// 10,000 × 20, and exact TreeSHAP (pred_contribs) for SHAP_ROWS rows, kernel-lib against python3-xgboost's C++
// core, each on the same number of threads: nthread = 1 against ours on one thread, and nthread = all cores
// against ours on all cores (TreeSHAP rows on worker threads; our training is one thread in both rows, so its
// all-cores row sets one JS thread against xgboost's threads). Asserted: the predictions of the two ensembles,
// and the SHAP values of the same rows.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

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

exports.makeData = makeData;

exports.run = async function run(ctx) {
  const { trainGbdt, shapValues, predictGbdt } = require(path.join(ctx.root, "kernel-lib", "dist", "gbdt"));
  const n = 10000, p = 20, SHAP_ROWS = 2000;
  const { X, y } = makeData(n, p);
  const cores = os.cpus().length;
  const threadSets = [1, cores];
  const names = threadSets.flatMap((t) => [
    `train 100 trees depth 6, 10k x 20 (exact greedy), xgboost nthread=${t}`,
    `TreeSHAP pred_contribs, ${SHAP_ROWS} rows x 100 trees, ${t} thread${t > 1 ? "s" : ""} each`,
  ]);
  if (!ctx.hasPython("xgboost", "pandas")) return names.map((nm) => ctx.skipped(nm, "python3-xgboost", "apt-get install python3-xgboost python3-pandas"));
  const file = path.join(ctx.tempDir("gbdt"), "data.csv");
  fs.writeFileSync(file, [...Array.from({ length: p }, (_, j) => `x${j}`), "y"].join(",") + "\n" + X.map((x, i) => [...x, y[i]].join(",")).join("\n") + "\n");
  const params = { nEstimators: 100, maxDepth: 6, learningRate: 0.3, lambda: 1, minChildWeight: 1, baseScore: 0.5 };
  const py = (timed, nthread) => `
import numpy as np, pandas as pd, xgboost as xgb
d = pd.read_csv(${JSON.stringify(file)})
X = d[[f"x{j}" for j in range(${p})]].to_numpy(); y = d["y"].to_numpy()
dm = xgb.DMatrix(X, label=y, nthread=${nthread})
prm = {"tree_method": "exact", "max_depth": 6, "eta": 0.3, "reg_lambda": 1, "min_child_weight": 1, "base_score": 0.5, "nthread": ${nthread}}
${timed === "train"
    ? `bench_start(); b = xgb.train(prm, dm, 100); bench_done(b.predict(dm).astype(float).tolist())`
    : `b = xgb.train(prm, dm, 100); ds = xgb.DMatrix(X[:${SHAP_ROWS}], nthread=${nthread})
bench_start(); c = b.predict(ds, pred_contribs=True); bench_done(c.astype(float).ravel().tolist())`}
`;
  const version = ctx.runPython("import xgboost\nbench_start(); bench_done(xgboost.__version__)").answer;
  let model;
  const out = [];
  const rows = X.slice(0, SHAP_ROWS);
  for (const t of threadSets) {
    const peer = `xgboost ${version} exact, nthread=${t} (Python)`;
    const load = () => `1-min load ${os.loadavg()[0].toFixed(1)} at the end; ${cores} cores`;
    out.push(ctx.compare({
      name: names[threadSets.indexOf(t) * 2], peer,
      same: `same exact greedy split search and the same hyper-parameters; ours on one thread, xgboost on ${t}; predictions asserted (xgboost accumulates in float32)`,
      ours: () => Array.from(predictGbdt((model = trainGbdt(X, y, params)), X)),
      reference: () => ctx.runPython(py("train", t)),
      diff: (o, r) => ctx.maxAbsDiff(o, r, "predictions"), tolerance: 1e-4, unit: "max |diff| of the 10,000 predictions", note: load,
    }));
    out.push(ctx.compare({
      name: names[threadSets.indexOf(t) * 2 + 1], peer,
      same: `same path-dependent TreeSHAP values on the same ensemble (trained as above), ${t} thread${t > 1 ? "s" : ""} on each side; SHAP values asserted`,
      ours: () => shapValues(model, rows, { threads: t }).flat(),
      reference: () => ctx.runPython(py("shap", t)),
      diff: (o, r) => ctx.maxAbsDiff(o, r, "SHAP values"), tolerance: 1e-4, unit: `max |diff| of the ${SHAP_ROWS} × 21 SHAP values`, note: load,
    }));
  }
  return out;
};
