// DEA bench, through bench/harness.js. Each row runs the same model on the same DMUs on both sides and asserts
// every efficiency score equal:
//   (1) super-SBM, non-oriented, VRS, one frontier over all 1,840 DMU-years (115 cities × 16 years), 3 inputs,
//       1 output, against deaR (the strongest R peer; built from its CRAN source): model_sbmeff for every DMU,
//       then model_sbmsupereff for the efficient ones (Tone 2002), which is what our "super-sbm" reports;
//   (2) the same with one undesirable output (Tone's SBM-undesirable, as the notebooks use it) against the same
//       LPs written for R lpSolve (deaR's undesirable outputs are a different model: Pastor's translation);
//   (3) DEAP's Malmquist, 272 DMUs × 12 periods, against the same LPs for R lpSolve.
"use strict";
const fs = require("fs");
const path = require("path");
const { cityPanel, malmPanel, toCsv } = require("./gen");

async function run(ctx) {
  const dea = require(path.join(ctx.root, "kernel-lib/dist/dea"));
  const dir = ctx.tempDir("dea");
  const out = [];
  const lpSource = JSON.stringify(path.join(__dirname, "reference.R"));
  const effs = (res) => res.map((r) => r.efficiency);

  const rows = cityPanel();
  const f1 = path.join(dir, "cities.csv");
  fs.writeFileSync(f1, toCsv(rows.map((r) => ({ dmu: `${r.dmu}_${r.year}`, year: r.year, k: r.k, l: r.l, e: r.e, y: r.y, b: r.b }))));
  const base = { dmus: rows.map((r) => `${r.dmu}_${r.year}`), periods: rows.map((r) => r.year), X: rows.map((r) => [r.k, r.l, r.e]), Y: rows.map((r) => [r.y]) };

  // (1) against deaR
  const name1 = "super-SBM non-oriented VRS, global frontier, 1840 DMUs, 3 inputs, 1 output";
  if (!ctx.hasR("deaR")) out.push(ctx.skipped(name1, "deaR", "deaR is not in Debian: R CMD INSTALL -l <dir> its CRAN source (needs r-cran-lpsolve, -plotly, -igraph, -gridextra and writexl), then R_LIBS=<dir>"));
  else
    out.push(ctx.compare({
      name: name1,
      peer: "R deaR model_sbmeff + model_sbmsupereff",
      same: "same LPs: SBM for every DMU, Tone's super-SBM for the SBM-efficient ones, non-oriented, VRS, all DMU-years in one reference set; deaR with compute_target = FALSE (ours also returns slacks, peers and targets)",
      ours: () => effs(dea.dea(base, { model: "super-sbm", rts: "vrs", frontier: "global", threads: 1 })),
      reference: () => ctx.runR(`suppressPackageStartupMessages(library(deaR)); d <- read.csv(${JSON.stringify(f1)})
dd <- make_deadata(d, dmus = 1, inputs = 3:5, outputs = 6)
bench_start(); s <- model_sbmeff(dd, orientation = "no", rts = "vrs", compute_target = FALSE); e <- unname(efficiencies(s)); eff <- which(e > 1 - 1e-9)
if (length(eff)) e[eff] <- unname(efficiencies(model_sbmsupereff(dd, dmu_eval = eff, orientation = "no", rts = "vrs", compute_target = FALSE)))
bench_done(e)`),
      diff: (o, r) => ctx.maxAbsDiff(o, r, "efficiencies"), tolerance: 1e-6, unit: "max |diff| of the 1840 scores",
      note: (o) => `${o.filter((v) => v >= 1 - 1e-9).length} DMUs on the frontier; deaR ${ctx.rPackageVersion("deaR")}; ours on 1 thread (threads: 1), deaR through lpSolve`,
    }));

  const hasLp = ctx.hasR("lpSolve");
  const lpInstall = "apt-get install r-cran-lpsolve";
  // (2) undesirable output, against lpSolve
  const name2 = "super-SBM undesirable output, VRS, global frontier, 1840 DMUs";
  const data = { ...base, B: rows.map((r) => [r.b]) };
  if (!hasLp) out.push(ctx.skipped(name2, "R lpSolve", lpInstall));
  else
    out.push(ctx.compare({
      name: name2,
      peer: "the same LPs in R lpSolve (loop)",
      same: "same Charnes–Cooper LPs (SBM-undesirable, then super-SBM for the efficient DMUs), VRS, one reference set",
      ours: () => effs(dea.dea(data, { model: "super-sbm", rts: "vrs", frontier: "global", threads: 1 })),
      reference: () => ctx.runR(`source(${lpSource}); d <- read.csv(${JSON.stringify(f1)}); bench_start(); v <- ref_supersbm(d); bench_done(v)`),
      diff: (o, r) => ctx.maxAbsDiff(o, r, "efficiencies"), tolerance: 1e-6, unit: "max |diff| of the 1840 scores",
    }));

  // (2b) the same on both cores, against itself on one (bit-identical)
  out.push(ctx.threadSpeedup("super-SBM undesirable output, VRS, global frontier, 1840 DMUs", (threads) => dea.dea(data, { model: "super-sbm", rts: "vrs", frontier: "global", threads })));

  // (3) Malmquist, against lpSolve
  const m = malmPanel();
  const f2 = path.join(dir, "malm.csv");
  fs.writeFileSync(f2, toCsv(m));
  const md = { dmus: m.map((r) => r.dmu), periods: m.map((r) => r.year), X: m.map((r) => [r.k, r.l]), Y: m.map((r) => [r.y]) };
  const name3 = "Malmquist (DEAP), 272 DMUs x 12 periods";
  if (!hasLp) out.push(ctx.skipped(name3, "R lpSolve", lpInstall));
  else
    out.push(ctx.compare({
      name: name3,
      peer: "the same LPs in R lpSolve (loop)",
      same: "same 6 output-oriented radial LPs per DMU and period pair (CRS and VRS, adjacent frontiers)",
      ours: () => {
        const mm = dea.malmquist(md);
        const v = [];
        for (const r of mm.results) v.push(r.tfpch, r.pech);
        return v;
      },
      reference: () => ctx.runR(`source(${lpSource}); d <- read.csv(${JSON.stringify(f2)}); bench_start(); v <- ref_malmquist(d); bench_done(v)`),
      diff: (o, r) => ctx.maxAbsDiff(o, r, "tfpch, pech"), tolerance: 1e-6, unit: "max |diff| of tfpch and pech",
    }));
  return out;
}

module.exports = { run };
