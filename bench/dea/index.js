"use strict";
// bench/dea: kernel-lib DEA against R lpSolve formulations of the same problems, timed in the same run.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { cityPanel, malmPanel, toCsv } = require("./gen");

function reference(ctx, what, csvFile) {
  if (!ctx.hasCommand("Rscript")) return null;
  const r = spawnSync("Rscript", [path.join(__dirname, "reference.R"), what, csvFile], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bench/dea: Rscript failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

async function run(ctx) {
  const dea = require("../../kernel-lib/dist/dea");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-dea-"));
  const out = [];
  const skipNote = "Rscript with r-cran-lpsolve not installed (apt-get install r-base-core r-cran-lpsolve)";

  // 1. Super-SBM, one undesirable output, VRS, global frontier, 115 cities × 16 years.
  const rows = cityPanel();
  const f1 = path.join(tmp, "cities.csv");
  fs.writeFileSync(f1, toCsv(rows));
  const data = { dmus: rows.map((r) => r.dmu), periods: rows.map((r) => r.year), X: rows.map((r) => [r.k, r.l, r.e]), Y: rows.map((r) => [r.y]), B: rows.map((r) => [r.b]) };
  let res;
  const ours1 = ctx.timeIt(() => (res = dea.dea(data, { model: "super-sbm", rts: "vrs", frontier: "global" })), 1);
  const ref1 = reference(ctx, "supersbm", f1);
  let note1 = `${res.filter((r) => r.superEfficient).length} super-efficient, ${res.filter((r) => r.infeasible).length} infeasible; single thread`;
  if (ref1) {
    const diff = Math.max(...res.map((r, i) => (r.efficiency === null || ref1.values[i] === null ? 0 : Math.abs(r.efficiency - ref1.values[i]))));
    note1 += `; max |ours − lpSolve| = ${diff.toExponential(1)}`;
  } else note1 += `; reference skipped: ${skipNote}`;
  out.push({ name: "super-SBM undesirable VRS global, 1840 DMUs", ours_ms: ours1, reference: ref1 ? "R lpSolve" : null, reference_ms: ref1 ? ref1.ms : null, ratio: ref1 ? ref1.ms / ours1 : null, note: note1 });

  // 2. DEAP Malmquist, 272 DMUs × 12 periods.
  const m = malmPanel();
  const f2 = path.join(tmp, "malm.csv");
  fs.writeFileSync(f2, toCsv(m));
  const md = { dmus: m.map((r) => r.dmu), periods: m.map((r) => r.year), X: m.map((r) => [r.k, r.l]), Y: m.map((r) => [r.y]) };
  let mm;
  const ours2 = ctx.timeIt(() => (mm = dea.malmquist(md)), 1);
  const ref2 = reference(ctx, "malmquist", f2);
  let note2 = "output-oriented, CRS + VRS, 6 LPs per DMU-pair";
  if (ref2) {
    const oursVals = [];
    for (const r of mm.results) oursVals.push(r.tfpch, r.pech);
    const diff = Math.max(...oursVals.map((v, i) => Math.abs(v - ref2.values[i])));
    note2 += `; max |ours − lpSolve| (tfpch, pech) = ${diff.toExponential(1)}`;
  } else note2 += `; reference skipped: ${skipNote}`;
  out.push({ name: "Malmquist (DEAP) 272 DMUs × 12 periods", ours_ms: ours2, reference: ref2 ? "R lpSolve" : null, reference_ms: ref2 ? ref2.ms : null, ratio: ref2 ? ref2.ms / ours2 : null, note: note2 });
  fs.rmSync(tmp, { recursive: true, force: true });
  return out;
}

module.exports = { run };
