// Causal bench: (1) a 500-draw placebo test (units permuted) of the two-way FE DID on a 290 × 21 staggered
// panel with 2 covariates, ours (placeboTest) against the same loop in R with plm (within twoways) in the same
// run; (2) Callaway–Sant'Anna with 1,000 multiplier-bootstrap draws on the same panel (target < 10 s; no R
// reference: the did package is not in Debian). ratio = reference / ours.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

function makePanel(createRng) {
  const rng = createRng(20250816, "bench/causal");
  const N = 290, T = 21;
  const cols = { id: [], year: [], cohort: [], D: [], y: new Float64Array(N * T), x1: new Float64Array(N * T), x2: new Float64Array(N * T) };
  let r = 0;
  for (let i = 0; i < N; i++) {
    const g = i < 68 ? 2014 : i < 104 ? 2015 : 0;
    const a = rng.normal();
    for (let t = 0; t < T; t++, r++) {
      const yr = 2003 + t;
      const d = g > 0 && yr >= g ? 1 : 0;
      cols.id.push(i + 1); cols.year.push(yr); cols.cohort.push(g); cols.D.push(d);
      cols.x1[r] = rng.normal(); cols.x2[r] = rng.normal() + 0.3 * a;
      cols.y[r] = a + 0.05 * t + 0.4 * cols.x1[r] - 0.2 * cols.x2[r] + 0.3 * d + rng.normal();
    }
  }
  return cols;
}

async function run(ctx) {
  const causal = require(path.join(ctx.root, "kernel-lib/dist/causal"));
  const { asTable } = require(path.join(ctx.root, "kernel-lib/dist/panel"));
  const { createRng } = require(path.join(ctx.root, "kernel-lib/dist/rng"));
  const cols = makePanel(createRng);
  const table = asTable(cols);
  const draws = 500;
  let res;
  const t0 = process.hrtime.bigint();
  res = causal.placeboTest(table, { id: "id", time: "year", y: "y", treatment: "D", covariates: ["x1", "x2"], draws, seed: 42 });
  const ours = Number(process.hrtime.bigint() - t0) / 1e6;
  const row = { name: "placebo 500 draws, TWFE DID 290x21, 2 covariates", ours_ms: ours, reference: "R plm loop (same permutation scheme)" };
  const results = [];
  if (!ctx.hasCommand("Rscript")) results.push({ ...row, reference_ms: null, ratio: null, note: "skipped reference: apt-get install r-base-core r-cran-plm" });
  else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-causal-"));
    const csv = path.join(dir, "panel.csv");
    const names = ["id", "year", "cohort", "D", "y", "x1", "x2"];
    const lines = [names.join(",")];
    for (let i = 0; i < cols.y.length; i++) lines.push(names.map((n) => cols[n][i]).join(","));
    fs.writeFileSync(csv, lines.join("\n") + "\n");
    const script = `suppressPackageStartupMessages(library(plm)); d <- read.csv("${csv}"); set.seed(1)
u <- sort(unique(d$id)); g <- tapply(d$cohort, d$id, function(v) v[1])
t0 <- proc.time()[["elapsed"]]
b <- numeric(${draws})
for (r in 1:${draws}) { gp <- sample(g); d$Dp <- as.integer(gp[match(d$id, u)] > 0 & d$year >= gp[match(d$id, u)])
  pd <- pdata.frame(d, index = c("id", "year")); b[r] <- coef(plm(y ~ Dp + x1 + x2, pd, model = "within", effect = "twoways"))[["Dp"]] }
cat((proc.time()[["elapsed"]] - t0) * 1000, "\\n")`;
    const rfile = path.join(dir, "bench.R");
    fs.writeFileSync(rfile, script);
    const rs = spawnSync("Rscript", [rfile], { encoding: "utf8" });
    fs.rmSync(dir, { recursive: true, force: true });
    const ref = Number(rs.stdout.trim().split("\n").slice(-1)[0]);
    if (rs.status !== 0 || !Number.isFinite(ref)) results.push({ ...row, reference_ms: null, ratio: null, note: `reference failed: ${(rs.stderr || "").trim().split("\n").slice(-1)[0]}` });
    else results.push({ ...row, reference_ms: ref, ratio: ref / ours, note: `target < 5000 ms on 2 cores; estimate ${res.estimate.toFixed(4)}, two-sided share beyond ${res.share_beyond_two_sided}` });
  }
  const t1 = process.hrtime.bigint();
  const cs = causal.callawaySantAnna(table, { id: "id", time: "year", y: "y", cohort: "cohort", bootstrap: 1000, seed: 7 });
  const csMs = Number(process.hrtime.bigint() - t1) / 1e6;
  results.push({ name: "Callaway-Sant'Anna, 1000 multiplier bootstrap draws, 290x21", ours_ms: csMs, reference: "did (R; not in Debian)", reference_ms: null, ratio: null, note: `target < 10000 ms; simple ATT ${cs.simple.overall.toFixed(4)} (SE ${cs.simple.overall_se.toFixed(4)}), sup-t critical value ${cs.critical_value.toFixed(3)}` });
  return results;
}

module.exports = { run };
