// Causal bench, through bench/harness.js: (1) a 500-draw placebo test (adoption dates permuted across units) of
// the two-way FE DID on a 290 × 21 staggered panel with 2 covariates. Ours is placeboTest; the peers re-estimate
// the same model on the same 500 permutations (ours drawn with the seeded generator, written to a file that R
// reads), so every draw is asserted equal, not only the distribution: fixest feols in a loop (the strongest)
// and plm in a loop over one pdata.frame built before the timing. (2) Callaway–Sant'Anna with 1,000 multiplier
// bootstrap draws: no peer here (R's did is built for the golden tests but is not yet a bench peer), reported without a ratio.
"use strict";
const fs = require("fs");
const path = require("path");

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
      // ids 101..390: numeric, string and first-seen order agree, so the unit order of the permutations is unambiguous
      cols.id.push(101 + i); cols.year.push(yr); cols.cohort.push(g); cols.D.push(d);
      cols.x1[r] = rng.normal(); cols.x2[r] = rng.normal() + 0.3 * a;
      cols.y[r] = a + 0.05 * t + 0.4 * cols.x1[r] - 0.2 * cols.x2[r] + 0.3 * d + rng.normal();
    }
  }
  return { cols, N };
}

async function run(ctx) {
  const causal = require(path.join(ctx.root, "kernel-lib/dist/causal"));
  const { asTable } = require(path.join(ctx.root, "kernel-lib/dist/panel"));
  const { createRng } = require(path.join(ctx.root, "kernel-lib/dist/rng"));
  const { cols, N } = makePanel(createRng);
  const table = asTable(cols);
  const draws = 500, seed = 42;
  const dir = ctx.tempDir("causal");
  const csv = ctx.writeCsv(path.join(dir, "panel.csv"), cols, ["id", "year", "cohort", "D", "y", "x1", "x2"]);
  // placeboTest's scheme for mode "units": shuffle the per-unit adoption dates with createRng(seed, "placebo(units)")
  const unitCohort = Array.from({ length: N }, (_, i) => cols.cohort[i * 21]);
  const rng = createRng(seed, "placebo(units)");
  const perms = Array.from({ length: draws }, () => rng.shuffle(unitCohort.slice()));
  const permFile = path.join(dir, "perms.csv");
  fs.writeFileSync(permFile, perms.map((g) => g.join(",")).join("\n") + "\n");
  const ours = () => {
    const res = causal.placeboTest(table, { id: "id", time: "year", y: "y", treatment: "D", covariates: ["x1", "x2"], draws, seed, threads: 1 });
    return { estimate: res.estimate, draws: Array.from(res.draws), p: res.p_value };
  };
  const diff = (o, r) => Math.max(Math.abs(o.estimate - r.estimate), ctx.maxAbsDiff(o.draws, r.draws, "placebo draws"));
  const load = `d <- read.csv(${JSON.stringify(csv)}); G <- as.matrix(read.csv(${JSON.stringify(permFile)}, header = FALSE)); u <- match(d$id, sort(unique(d$id)))`;
  const name = (peer) => `placebo, ${draws} permutations, TWFE DID 290x21, 2 covariates (${peer} loop)`;
  const same = "the same model re-estimated on the same 500 permutations of adoption dates (all 500 draws asserted equal)";
  const results = [];
  if (!ctx.hasR("fixest")) results.push(ctx.skipped(name("fixest"), "fixest", "build it from cran/fixest with R CMD INSTALL -l <dir>, then R_LIBS=<dir>"));
  else
    results.push(ctx.compare({
      name: name("fixest"), peer: "R fixest feols loop, 1 thread", same,
      ours, diff, tolerance: 1e-8, unit: "max |diff| over the estimate and the 500 draws",
      reference: () => ctx.runR(`suppressPackageStartupMessages(library(fixest)); setFixest_nthreads(1); ${load}
bench_start(); est <- coef(feols(y ~ D + x1 + x2 | id + year, d, vcov = "iid"))[["D"]]; b <- numeric(${draws})
for (r in 1:${draws}) { gp <- G[r, u]; d$Dp <- as.integer(gp > 0 & d$year >= gp); b[r] <- coef(feols(y ~ Dp + x1 + x2 | id + year, d, vcov = "iid"))[["Dp"]] }
bench_done(list(estimate = est, draws = b))`),
      note: (o) => `estimate ${o.estimate.toFixed(4)}, permutation p ${o.p.toFixed(3)}; vcov iid in the loop (only the coefficient is used)`,
    }));
  if (!ctx.hasR("plm")) results.push(ctx.skipped(name("plm"), "plm", "apt-get install r-cran-plm"));
  else
    results.push(ctx.compare({
      name: name("plm"), peer: "R plm loop (one pdata.frame)", same,
      ours, diff, tolerance: 1e-8, unit: "max |diff| over the estimate and the 500 draws",
      reference: () => ctx.runR(`suppressPackageStartupMessages(library(plm)); ${load}; pd <- pdata.frame(d, index = c("id", "year")); yr <- d$year[match(paste(pd$id, pd$year), paste(d$id, d$year))]; up <- u[match(paste(pd$id, pd$year), paste(d$id, d$year))]
bench_start(); est <- coef(plm(y ~ D + x1 + x2, pd, model = "within", effect = "twoways"))[["D"]]; b <- numeric(${draws})
for (r in 1:${draws}) { gp <- G[r, up]; pd$Dp <- as.integer(gp > 0 & yr >= gp); b[r] <- coef(plm(y ~ Dp + x1 + x2, pd, model = "within", effect = "twoways"))[["Dp"]] }
bench_done(list(estimate = est, draws = b))`),
    }));
  results.push(ctx.threadSpeedup(`placebo, ${draws} permutations, TWFE DID 290x21`, (threads) => Array.from(causal.placeboTest(table, { id: "id", time: "year", y: "y", treatment: "D", covariates: ["x1", "x2"], draws, seed, threads }).draws)));
  results.push(ctx.oursOnly("Callaway-Sant'Anna, 1000 multiplier bootstrap draws, 290x21", "no peer here (R's did is built for the golden tests but is not yet a bench peer): no ratio; target < 10 s",
    () => causal.callawaySantAnna(table, { id: "id", time: "year", y: "y", cohort: "cohort", bootstrap: 1000, seed: 7 }),
    (cs) => `simple ATT ${cs.simple.overall.toFixed(4)} (SE ${cs.simple.overall_se.toFixed(4)}), sup-t critical value ${cs.critical_value.toFixed(3)}`));
  return results;
}

module.exports = { run };
