// Panel bench: two-way FE with SEs clustered by unit on a 300 × 20 panel with 10 regressors, re-estimated FITS
// times (as a placebo or bootstrap loop would), through bench/harness.js. Two peers, each with ours in the
// convention it uses: fixest 0.14 feols(y ~ x | id + year, cluster = ~id) (the strongest; ours with preset
// "fixest": G/(G−1)·(N−1)/(N−K), K nested) and plm plm(within, twoways) + vcovHC(arellano, HC0) (ours with
// preset "plm"). Both sides re-estimate from data in memory; coefficients and SEs are asserted equal.
// The Hansen threshold row has no peer here (xthreg is Stata): reported without a ratio.
"use strict";
const path = require("path");

function makePanel(createRng) {
  const rng = createRng(20240601, "bench/panel");
  const N = 300, T = 20, K = 10;
  const cols = { id: [], year: [], y: new Float64Array(N * T) };
  for (let k = 0; k < K; k++) cols[`x${k + 1}`] = new Float64Array(N * T);
  const a = Array.from({ length: N }, () => rng.normal());
  const g = Array.from({ length: T }, () => rng.normal());
  let r = 0;
  for (let i = 0; i < N; i++)
    for (let t = 0; t < T; t++, r++) {
      cols.id.push(i + 1);
      cols.year.push(2000 + t);
      let y = a[i] + g[t] + rng.normal();
      for (let k = 0; k < K; k++) {
        const x = rng.normal() + 0.5 * a[i];
        cols[`x${k + 1}`][r] = x;
        y += 0.1 * (k + 1) * x;
      }
      cols.y[r] = y;
    }
  return cols;
}

// Double-threshold Hansen (1999) model as xthreg thnum(2) grid(300) trim(0.01 0.01) bs(300 300) on a 271 × 12
// balanced panel with 6 regressors (5 regime-independent + 1 regime-dependent). Stata is not available here,
// so there is no reference timing; the target is < 30 s on 2 cores.
function thresholdBench(ctx, lib, createRng) {
  const rng = createRng(20240618, "bench/panel threshold");
  const N = 271, T = 12;
  const cols = { id: [], year: [], y: new Float64Array(N * T), q: new Float64Array(N * T), rx: new Float64Array(N * T) };
  for (let k = 1; k <= 5; k++) cols[`x${k}`] = new Float64Array(N * T);
  let r = 0;
  for (let i = 0; i < N; i++) {
    const a = rng.normal();
    for (let t = 0; t < T; t++, r++) {
      cols.id.push(i + 1);
      cols.year.push(2000 + t);
      const q = rng.uniform() * 10;
      const rx = rng.normal(1, 1);
      let y = a + (q <= 3 ? 1 : q <= 7 ? -0.5 : 0.8) * rx + rng.normal();
      for (let k = 1; k <= 5; k++) {
        const x = rng.normal() + 0.3 * a;
        cols[`x${k}`][r] = x;
        y += 0.2 * k * x;
      }
      cols.q[r] = q;
      cols.rx[r] = rx;
      cols.y[r] = y;
    }
  }
  const table = lib.asTable(cols);
  const opts = { id: "id", time: "year", y: "y", x: ["x1", "x2", "x3", "x4", "x5"], rx: "rx", q: "q", nthresh: 2, trim: 0.01, grid: 300, bootstrap: 300, seed: 1 };
  const speedup = ctx.threadSpeedup("double threshold, 100 bootstrap draws per test, 271x12x6", (threads) => lib.threshold(table, { ...opts, bootstrap: 100, keepDraws: true, threads }).tests.map((t) => t.bootF));
  return [speedup, ctx.oursOnly("double threshold, 300 bootstrap draws, 271x12x6", "no peer here (xthreg is Stata): no ratio; target < 30 s on 2 cores", () => lib.threshold(table, opts),
    (res) => `thresholds ${res.thresholds.map((v) => v.toFixed(3)).join(", ")}; F = ${res.tests.map((t) => t.F.toFixed(1)).join(", ")}; p = ${res.tests.map((t) => t.p_value).join(", ")}`)];
}

async function run(ctx) {
  const lib = require(path.join(ctx.root, "kernel-lib/dist/panel"));
  const { createRng } = require(path.join(ctx.root, "kernel-lib/dist/rng"));
  const cols = makePanel(createRng);
  const xs = Array.from({ length: 10 }, (_, k) => `x${k + 1}`);
  const rhs = xs.join(" + ");
  const table = lib.asTable(cols); // a loop re-uses one Table, as R re-uses one data frame
  const FITS = 100;
  const csv = ctx.writeCsv(path.join(ctx.tempDir("panel"), "panel.csv"), cols);
  const ours = (preset) => () => {
    let f;
    for (let r = 0; r < FITS; r++) f = lib.feols(table, `y ~ ${rhs} | id + year`, { vcov: lib.cluster("id"), preset });
    return { coef: Array.from(f.coefficients), se: Array.from(f.se) };
  };
  const diff = (o, r) => Math.max(ctx.maxAbsDiff(o.coef, r.coef, "coefficients"), ctx.maxAbsDiff(o.se, r.se, "SEs"));
  const tol = 1e-8;
  const name = (peer) => `two-way FE + SEs clustered by unit, 300x20, 10 regressors, ${FITS} fits (${peer} convention)`;
  const results = [];
  if (!ctx.hasR("fixest")) results.push(ctx.skipped(name("fixest"), "fixest", "build it from its CRAN source (cran/fixest, with dreamerr and stringmagic) with R CMD INSTALL -l <dir>, then R_LIBS=<dir>"));
  else
    results.push(ctx.compare({
      name: name("fixest"),
      peer: "R fixest feols, 1 thread",
      same: "same estimator (two-way within on a balanced panel), same cluster-robust vcov with fixest's default small-sample factor; both single-threaded",
      ours: ours("fixest"),
      reference: () => ctx.runR(`suppressPackageStartupMessages(library(fixest)); setFixest_nthreads(1); d <- read.csv(${JSON.stringify(csv)})
bench_start(); for (r in 1:${FITS}) m <- feols(y ~ ${rhs} | id + year, d, cluster = ~id)
bench_done(list(coef = unname(coef(m)), se = unname(se(m))))`),
      diff, tolerance: tol, unit: "max |diff| of coefficients and SEs",
      note: `fixest ${ctx.rPackageVersion("fixest")}; per fit timed over ${FITS} fits`,
    }));
  if (!ctx.hasR("plm", "sandwich")) results.push(ctx.skipped(name("plm"), "plm", "apt-get install r-cran-plm"));
  else
    results.push(ctx.compare({
      name: name("plm"),
      peer: "R plm + vcovHC",
      same: "same within two-way FE estimator and the same Arellano HC0 cluster vcov (plm's default type for vcovHC on a within model is HC0)",
      ours: ours("plm"),
      reference: () => ctx.runR(`suppressPackageStartupMessages(library(plm)); d <- read.csv(${JSON.stringify(csv)}); pd <- pdata.frame(d, index = c("id", "year"))
bench_start(); for (r in 1:${FITS}) { m <- plm(y ~ ${rhs}, pd, model = "within", effect = "twoways"); v <- vcovHC(m, method = "arellano", type = "HC0", cluster = "group") }
bench_done(list(coef = unname(coef(m)), se = unname(sqrt(diag(v)))))`),
      diff, tolerance: tol, unit: "max |diff| of coefficients and SEs",
      note: `plm ${ctx.rPackageVersion("plm")}; the pdata.frame is built once, outside the timing`,
    }));
  results.push(...thresholdBench(ctx, lib, createRng));
  return results;
}

module.exports = { run };
