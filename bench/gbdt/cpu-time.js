// CPU time of the gbdt bench's work on one thread, ours against python3-xgboost exact (nthread = 1), interleaved:
// `node bench/gbdt/cpu-time.js [reps]` (after `npm run build`). On a loaded machine wall time measures the
// scheduler as much as the code; process.cpuUsage and Python's time.process_time count only the time each side
// ran. Prints each repetition and the median ratios (xgboost CPU time / ours, > 1: ours is faster).
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { makeData } = require("./index.js");

const reps = Number(process.argv[2]) || 5;
const { trainGbdt, shapValues } = require(path.join(__dirname, "..", "..", "kernel-lib", "dist", "gbdt"));
const PYTHON = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const n = 10000, p = 20, SHAP_ROWS = 2000;
const { X, y } = makeData(n, p);
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gbdt-cpu-")), "data.csv");
fs.writeFileSync(file, [...Array.from({ length: p }, (_, j) => `x${j}`), "y"].join(",") + "\n" + X.map((x, i) => [...x, y[i]].join(",")).join("\n") + "\n");
const py = `
import json, time, pandas as pd, xgboost as xgb
d = pd.read_csv(${JSON.stringify(file)})
X = d[[f"x{j}" for j in range(${p})]].to_numpy(); y = d["y"].to_numpy()
dm = xgb.DMatrix(X, label=y, nthread=1)
prm = {"tree_method": "exact", "max_depth": 6, "eta": 0.3, "reg_lambda": 1, "min_child_weight": 1, "base_score": 0.5, "nthread": 1}
t = time.process_time(); b = xgb.train(prm, dm, 100); train = time.process_time() - t
ds = xgb.DMatrix(X[:${SHAP_ROWS}], nthread=1)
t = time.process_time(); b.predict(ds, pred_contribs=True); shap = time.process_time() - t
print(json.dumps([train, shap]))
`;
const params = { nEstimators: 100, maxDepth: 6, learningRate: 0.3, lambda: 1, minChildWeight: 1, baseScore: 0.5 };
const cpu = (f) => {
  const a = process.cpuUsage();
  const r = f();
  const b = process.cpuUsage(a);
  return [r, (b.user + b.system) / 1e6];
};
const median = (v) => v.slice().sort((a, b) => a - b)[v.length >> 1];
const ratios = { train: [], shap: [] };
const rows = X.slice(0, SHAP_ROWS);
for (let rep = 0; rep < reps; rep++) {
  const [model, ourTrain] = cpu(() => trainGbdt(X, y, params));
  const [, ourShap] = cpu(() => shapValues(model, rows, { threads: 1 }));
  const run = spawnSync(PYTHON, ["-c", py], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`python3-xgboost failed: ${run.stderr}`);
  const [xgbTrain, xgbShap] = JSON.parse(run.stdout.trim().split("\n").pop());
  ratios.train.push(xgbTrain / ourTrain);
  ratios.shap.push(xgbShap / ourShap);
  console.log(`rep ${rep + 1}: train ours ${ourTrain.toFixed(2)} s, xgboost ${xgbTrain.toFixed(2)} s (${(xgbTrain / ourTrain).toFixed(2)}×); TreeSHAP ours ${ourShap.toFixed(3)} s, xgboost ${xgbShap.toFixed(3)} s (${(xgbShap / ourShap).toFixed(2)}×); 1-min load ${os.loadavg()[0].toFixed(1)}`);
}
const range = (v) => `${median(v).toFixed(2)}× (${Math.min(...v).toFixed(2)}–${Math.max(...v).toFixed(2)})`;
console.log(`CPU-time ratio, one thread, median (min–max) of ${reps}: training ${range(ratios.train)}, TreeSHAP ${range(ratios.shap)}`);
