import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { readTable } from "../kernel-lib/src/data";
import { threshold, thresholdGrid, thresholdLrCritical } from "../kernel-lib/src/panel";

// Expected numbers: test/reference/panel/threshold_reference.R (Hansen 1999 implemented from the paper in base R,
// brute-force grid search over the same candidate set, on a seeded panel with a planted double threshold).
const REF = path.join(__dirname, "reference/panel");
const ref = JSON.parse(fs.readFileSync(path.join(REF, "threshold_expected.json"), "utf8"));
const data = readTable(path.join(REF, "threshold_panel.csv"));
const TOL = 1e-6;
function close(ours: number, theirs: number, rel: number, what: string) {
  if (!(Math.abs(ours - theirs) <= rel * Math.max(Math.abs(theirs), 1))) throw new Error(`${what}: ours ${ours} vs reference ${theirs}`);
}
const base = { id: "id", time: "year", y: "y", x: ["x1", "x2"], rx: "fin", q: "q" };

for (const [name, nthresh] of [["main", 3], ["allvalues", 3]] as const) {
  const e = ref[name];
  describe(`threshold (${name}: trim ${e.trim}, grid ${e.grid}, level ${e.level}) against the R reference`, () => {
    const r = threshold(data, { ...base, nthresh, trim: e.trim, grid: e.grid, level: e.level, bootstrap: name === "main" ? 50 : 0, seed: 7 });
    it("candidate grid and c(α)", () => {
      expect(r.candidates.length).toBe(e.candidates.length);
      r.candidates.forEach((c, i) => expect(c).toBe(e.candidates[i]));
      close(r.lrCritical, e.crit, 1e-12, "c(alpha)");
      close(r.rss0, e.rss0, TOL, "S0");
    });
    it("thresholds, SSRs, F statistics", () => {
      const th = [e.th1, e.th21, e.th22, e.th3];
      r.estimates.forEach((s, i) => {
        expect(s.threshold).toBe(th[i].threshold);
        close(s.rss, th[i].rss, TOL, `${s.label} rss`);
      });
      r.tests.forEach((t, k) => {
        close(t.F, e.F[k], TOL, `${t.label} F`);
        close(t.rss, e.rss[k], TOL, `${t.label} rss`);
      });
      close(r.estimates[1].rss, e.refined_rss, TOL, "refined rss");
    });
    it("LR curves and confidence intervals", () => {
      const th = [e.th1, e.th21, e.th22, e.th3];
      r.estimates.forEach((s, i) => {
        expect(s.ci).toEqual(th[i].ci);
        expect(s.lr.gamma).toEqual(th[i].gamma);
        s.lr.lr.forEach((v, j) => close(v, th[i].lr[j], TOL, `${s.label} LR at ${s.lr.gamma[j]}`));
      });
    });
  });
}

describe("threshold: double model regime coefficients, bootstrap, errors", () => {
  const e = ref.main;
  const r2 = threshold(data, { ...base, nthresh: 2, trim: e.trim, grid: e.grid, bootstrap: 100, seed: 11 });
  it("regime coefficients and iid SEs (xtreg, fe) against lm with unit dummies", () => {
    expect(r2.thresholds).toEqual([e.th21.threshold, e.th22.threshold]);
    const map: Record<string, string> = { x1: "x1", x2: "x2", "0._cat#c.fin": "f0", "1._cat#c.fin": "f1", "2._cat#c.fin": "f2" };
    for (const [ours, theirs] of Object.entries(map)) {
      close(r2.fit.coef(ours), e.coef[theirs], TOL, `coef ${ours}`);
      close(r2.fit.stdError(ours), e.se[theirs], TOL, `se ${ours}`);
    }
    expect(r2.fit.init.dfResid).toBe(e.df_resid);
  });
  it("bootstrap p-values: seeded, reproducible, plausible", () => {
    const again = threshold(data, { ...base, nthresh: 2, trim: e.trim, grid: e.grid, bootstrap: 100, seed: 11 });
    expect(again.tests.map((t) => t.p_value)).toEqual(r2.tests.map((t) => t.p_value));
    expect(r2.tests[0].p_value).toBe(0); // planted thresholds: F far above every bootstrap draw
    expect(r2.tests[1].p_value).toBe(0);
    expect(r2.tests[0].crit1).toBeGreaterThan(r2.tests[0].crit5);
    expect(r2.tests[0].crit5).toBeGreaterThan(r2.tests[0].crit10);
    expect(r2.tests[0].crit10).toBeGreaterThan(1);
    expect(r2.tests[0].crit1).toBeLessThan(50);
    const other = threshold(data, { ...base, nthresh: 1, trim: e.trim, grid: e.grid, bootstrap: 100, seed: 12 });
    expect(other.tests[0].crit5).not.toBe(r2.tests[0].crit5);
  });
  it("bootstrap draws share their searches' fixed parts: F* do not depend on the draws run before them", () => {
    // one thread runs every draw in order; two threads split them, so each thread's shared plans differ
    const o = { ...base, nthresh: 3 as const, trim: e.trim, grid: e.grid, bootstrap: 40, seed: 5, keepDraws: true };
    const one = threshold(data, { ...o, threads: 1 });
    const two = threshold(data, { ...o, threads: 2 });
    for (let k = 0; k < 3; k++) expect(two.tests[k].bootF).toEqual(one.tests[k].bootF);
  });
  it("no third threshold in the data: triple-threshold F is not significant", () => {
    const r3 = threshold(data, { ...base, nthresh: 3, trim: e.trim, grid: e.grid, bootstrap: [0, 0, 100], seed: 3 });
    expect(r3.tests[2].p_value).toBeGreaterThan(0.05);
  });
  it("c(α) = −2 ln(1 − √(1 − α))", () => {
    close(thresholdLrCritical(0.95), 7.35, 1e-3, "c(0.05), Hansen (2000) table 1: 7.35");
    close(thresholdLrCritical(0.9), ref.allvalues.crit, 1e-12, "c(0.10) from R");
    expect(thresholdGrid([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.1, 3)).toEqual([2, 5, 9]);
  });
  it("bad input fails with a one-line message naming the column", () => {
    expect(() => threshold(data, { ...base, q: "nope" })).toThrow(/column "nope"/);
    const unbalanced = data.filter((i) => i !== 5);
    expect(() => threshold(unbalanced, { ...base, bootstrap: 0 })).toThrow(/balanced/);
    expect(() => threshold(data, { ...base, trim: 0.49, nthresh: 3, bootstrap: 0 })).toThrow(/fewer than .* observations/);
  });
});

describe("threshold: cluster-robust regime regression", () => {
  it("vcov cluster(id) gives the same coefficients as iid and Stata xtreg's cluster SEs via feols", () => {
    const e = ref.main;
    const a = threshold(data, { ...base, nthresh: 2, trim: e.trim, grid: e.grid, bootstrap: 0 });
    const b = threshold(data, { ...base, nthresh: 2, trim: e.trim, grid: e.grid, bootstrap: 0, vcov: "cluster", cluster: "id" });
    expect(Array.from(b.fit.coefficients)).toEqual(Array.from(a.fit.coefficients));
    expect(b.fit.vcovLabel).toMatch(/cluster/);
  });
});
