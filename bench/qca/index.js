// fsQCA bench, through bench/harness.js: truth table + minimisation, ours against R's QCA package (Dusa; built
// from its CRAN source, it is not in Debian) on the same data with the same settings (incl.cut 0.8, n.cut 1,
// remainders included for the parsimonious and intermediate solutions). The answer asserted is the set of
// solutions, each a set of prime implicants written as QCA writes them ("A*~B"): it must be identical.
//   CVF (parsimonious, 4 tied models) and LF (intermediate) are QCA's own example data, exported by R at run time;
//   the synthetic 8- and 10-condition problems are seeded (kernel-lib rng), with near-crisp memberships and an
//   outcome equal to C1*~C2 + C3*C4, so the truth table has rows of both outcomes.
"use strict";
const fs = require("fs");
const path = require("path");

function synthetic(createRng, k, n, seed) {
  const rng = createRng(seed, `bench/qca ${k}x${n}`);
  const names = Array.from({ length: k }, (_, j) => `C${j + 1}`);
  const cols = {};
  // near-crisp memberships (70% at 0 or 1, the rest 0.1–0.3 from the nearer end), never 0.5; with many
  // conditions, fuzzier memberships put every row above incl.cut 0.8 and the problem is degenerate
  const member = () => {
    const u = rng.uniform() < 0.7 ? 0 : Math.ceil(rng.uniform() * 3) / 10;
    return rng.uniform() < 0.5 ? u : Number((1 - u).toFixed(1));
  };
  for (const c of names) cols[c] = Array.from({ length: n }, member);
  cols.Y = cols.C1.map((v, i) => {
    const rule = Math.max(Math.min(v, 1 - cols.C2[i]), Math.min(cols.C3[i], cols.C4[i]));
    return rule; // cases against the rule make R QCA's search run for minutes at 10 conditions on this machine
  });
  return { cols, names };
}

const solutionKey = (sols) => sols.map((terms) => terms.slice().sort().join(" + ")).sort();
const diffSolutions = (ours, ref) => {
  const a = solutionKey(ours), b = solutionKey(ref);
  return a.length === b.length && a.every((s, i) => s === b[i]) ? 0 : 1;
};

exports.run = async function run(ctx) {
  const q = require(path.join(ctx.root, "kernel-lib", "dist", "qca"));
  const { readTable } = require(path.join(ctx.root, "kernel-lib", "dist", "data"));
  const { createRng } = require(path.join(ctx.root, "kernel-lib", "dist", "rng"));
  const peer = "R QCA minimize";
  if (!ctx.hasR("QCA")) return [ctx.skipped("fsQCA truth table + minimisation", peer, "QCA is not in Debian: R CMD INSTALL -l <dir> its CRAN source (with admisc >= 0.35, declared, venn), then R_LIBS=<dir>")];
  const dir = ctx.tempDir("qca");
  const version = ctx.runR(`bench_start(); bench_done(as.character(packageVersion("QCA")))`).answer;
  // QCA's example data, written by R itself so no path outside the clone is read
  ctx.runR(`suppressPackageStartupMessages(library(QCA)); data(CVF); data(LF)
plain <- function(x) as.data.frame(lapply(x, as.numeric)) # LF's columns are "declared" (labelled) vectors
write.csv(plain(CVF), ${JSON.stringify(path.join(dir, "CVF.csv"))}, row.names = FALSE); write.csv(plain(LF), ${JSON.stringify(path.join(dir, "LF.csv"))}, row.names = FALSE); bench_start(); bench_done(TRUE)`);
  const load = (file, outcome) => {
    const t = readTable(file);
    const cols = {};
    for (const n of t.names) cols[n] = t.num(n);
    return { d: q.qcaData(cols, outcome, t.names.filter((n) => n !== outcome)), file };
  };
  const cases = [];
  const cvf = load(path.join(dir, "CVF.csv"), "PROTEST");
  cases.push({ name: "CVF parsimonious (5 conditions, 29 cases)", loops: 20, d: cvf.d, file: cvf.file, outcome: "PROTEST", solution: "parsimonious" });
  const lf = load(path.join(dir, "LF.csv"), "SURV");
  cases.push({ name: "LF intermediate (5 conditions, 18 cases)", loops: 10, d: lf.d, file: lf.file, outcome: "SURV", solution: "intermediate", dirExp: "DEV,URB,LIT,IND,STB" });
  for (const [k, n] of [[8, 100], [10, 150]]) {
    const { cols, names } = synthetic(createRng, k, n, 20261201 + k);
    const file = ctx.writeCsv(path.join(dir, `syn${k}.csv`), cols, [...names, "Y"]);
    const d = q.qcaData(cols, "Y", names);
    const tt = q.truthTable(d, { inclCut: 0.8 });
    const pos = tt.rows.filter((r) => r.out === "1").length, neg = tt.rows.filter((r) => r.out === "0").length;
    if (!pos || !neg) throw new Error(`bench qca: synthetic ${k}x${n} is degenerate (${pos} positive, ${neg} negative rows)`);
    cases.push({ name: `synthetic parsimonious (${k} conditions, ${n} cases; ${pos} positive, ${neg} negative rows)`, loops: 1, d, file, outcome: "Y", solution: "parsimonious" });
  }
  const out = [];
  for (const c of cases) {
    const dirExp = c.dirExp ? q.parseDirExp(c.dirExp, c.d.conditions) : undefined;
    const oursOnce = () => q.minimize(q.truthTable(c.d, { inclCut: 0.8 }), { solution: c.solution, dirExp });
    const rCall = `minimize(truthTable(d, ${JSON.stringify(c.outcome)}, incl.cut = 0.8), include = "?"${c.dirExp ? `, dir.exp = ${JSON.stringify(c.dirExp.replace(/,/g, ", "))}` : ""})`;
    const rSolutions = c.solution === "intermediate" ? `unlist(lapply(s$i.sol, function(x) x$solution), recursive = FALSE)` : `s$solution`;
    out.push(ctx.compare({
      name: `${c.name}, ${c.loops} run${c.loops > 1 ? "s" : ""}`,
      peer: `${peer} ${version}`,
      same: `same truth table and ${c.solution} solution (incl.cut 0.8, n.cut 1, remainders as "?"); every tied model compared`,
      ours: () => {
        let m;
        for (let r = 0; r < c.loops; r++) m = oursOnce();
        return m.solutions.map((s) => s.terms.map((t) => t.expression));
      },
      reference: () => ctx.runR(`suppressPackageStartupMessages(library(QCA)); d <- read.csv(${JSON.stringify(c.file)})
bench_start(); for (r in 1:${c.loops}) s <- ${rCall}
bench_done(lapply(unname(unique(${rSolutions})), I))`),
      diff: diffSolutions, tolerance: 0, unit: "solutions differ (0 = identical sets of models)",
      note: (o) => `${o.length} model${o.length > 1 ? "s" : ""}: ${solutionKey(o)[0]}${o.length > 1 ? "; …" : ""}`,
    }));
  }
  return out;
};
