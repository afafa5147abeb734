// fsQCA engine: truth table + minimisation time on the R QCA package's CVF data (parsimonious, 4 tied models),
// LF (intermediate), and synthetic 12- and 16-condition problems (parsimonious, exact). The reference is R's
// QCA package when it is installed (it is not in Debian: install.packages("QCA") from CRAN); otherwise the
// reference is reported as skipped. Ratios only, never timed assertions.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

function synthetic(k, n, seed) {
  let s = seed;
  const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const cols = {};
  const names = Array.from({ length: k }, (_, j) => `C${j + 1}`);
  for (const c of names) cols[c] = Array.from({ length: n }, () => Math.round(r() * 100) / 100);
  // Y = C1*~C2 + C3*C4 with a little noise, so the truth table has positive and negative rows
  cols.Y = cols.C1.map((v, i) => Math.min(1, Math.max(0, Math.max(Math.min(v, 1 - cols.C2[i]), Math.min(cols.C3[i], cols.C4[i])) + (r() - 0.5) * 0.1)));
  return { cols, names };
}

exports.run = async function run(ctx) {
  const q = require(path.join(ctx.root, "kernel-lib", "dist", "qca"));
  const { readTable } = require(path.join(ctx.root, "kernel-lib", "dist", "data"));
  const ref = "/work/shared/reference-data/qca";
  const hasR = ctx.hasCommand("Rscript") && spawnSync("Rscript", ["-e", "quit(status = !requireNamespace('QCA', quietly = TRUE))"]).status === 0;
  const cases = [];
  if (fs.existsSync(path.join(ref, "CVF.csv"))) {
    const load = (name, outcome) => {
      const t = readTable(path.join(ref, `${name}.csv`));
      const cols = {};
      for (const n of t.names) if (n !== "case") cols[n] = t.num(n);
      return q.qcaData(cols, outcome, t.names.filter((n) => n !== "case" && n !== outcome), t.str("case"));
    };
    const cvf = load("CVF", "PROTEST");
    cases.push({ name: "CVF parsimonious (5 conds, 29 cases)", f: () => q.minimize(q.truthTable(cvf, { inclCut: 0.8 }), { solution: "parsimonious" }),
      r: `library(QCA); data(CVF); minimize(truthTable(CVF, "PROTEST", incl.cut = 0.8), include = "?")` });
    const lf = load("LF", "SURV");
    const dir = q.parseDirExp("DEV,URB,LIT,IND,STB", lf.conditions);
    cases.push({ name: "LF intermediate (5 conds, 18 cases)", f: () => q.minimize(q.truthTable(lf, { inclCut: 0.8 }), { solution: "intermediate", dirExp: dir }),
      r: `library(QCA); data(LF); minimize(truthTable(LF, "SURV", incl.cut = 0.8), include = "?", dir.exp = "DEV, URB, LIT, IND, STB")` });
  }
  for (const [k, n] of [[12, 200], [16, 300]]) {
    const { cols, names } = synthetic(k, n, 42 + k);
    const d = q.qcaData(cols, "Y", names);
    cases.push({ name: `synthetic parsimonious (${k} conds, ${n} cases)`, f: () => q.minimize(q.truthTable(d, { inclCut: 0.8 }), { solution: "parsimonious" }), r: null, k, n });
  }
  const out = [];
  for (const c of cases) {
    const ours = ctx.timeIt(c.f, 500);
    const res = { name: c.name, ours_ms: ours, reference: "R QCA minimize" };
    if (!hasR || !c.r) {
      out.push({ ...res, reference_ms: null, ratio: null, note: hasR ? "no R script for this case" : "skipped reference: R package QCA not installed (install.packages(\"QCA\"))" });
      continue;
    }
    const script = `${c.r.replace(/minimize\(/, "f <- function() minimize(")}\nf(); t0 <- Sys.time(); n <- 0; while (as.numeric(Sys.time() - t0, units = "secs") < 1) { f(); n <- n + 1 }\ncat(as.numeric(Sys.time() - t0, units = "secs") / n * 1000)`;
    const r = spawnSync("Rscript", ["-e", script], { encoding: "utf8" });
    const refMs = Number(r.stdout.trim());
    out.push({ ...res, reference_ms: r.status === 0 ? refMs : null, ratio: r.status === 0 ? refMs / ours : null, note: r.status === 0 ? "ratio = R time / ours (>1: we are faster)" : "reference failed" });
  }
  return out;
};
