import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { logisticFit, readTable } from "kernel-lib";

// Expected values: R stats::nls (test/reference/stats/make_expected_logistic.R → expected_logistic.json).
const dir = path.join(__dirname, "reference/stats");
const ref = JSON.parse(fs.readFileSync(path.join(dir, "expected_logistic.json"), "utf8"));
const load = (file: string, dataset: string) => {
  const rows = readTable(path.join(dir, file)).rows().filter((r) => r.dataset === dataset);
  return { t: rows.map((r) => r.t as number), y: rows.map((r) => r.y as number) };
};
const DATA: Record<string, { file: string; dataset: string; K?: number }> = {
  china_free: { file: "logistic_input.csv", dataset: "china_cited" },
  china_K100: { file: "logistic_input.csv", dataset: "china_cited", K: 100 },
  china_K80: { file: "logistic_input.csv", dataset: "china_cited", K: 80 },
  synthetic_free: { file: "logistic_input_synthetic.csv", dataset: "synthetic" },
};
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));

describe("logistic curve fit against R nls", () => {
  for (const c of ref.cases) {
    it(c.name, () => {
      const spec = DATA[c.name];
      const { t, y } = load(spec.file, spec.dataset);
      const fit = logisticFit(t, y, spec.K === undefined ? {} : { saturation: spec.K });
      expect(fit.converged).toBe(true);
      // R stops the free-K Chinese fit at tol 1e-7 (K is barely identified): allow 1e-5 there, 1e-6 elsewhere.
      const tol = c.name === "china_free" ? 1e-5 : 1e-6;
      const terms = Object.fromEntries(fit.terms().map((r) => [r.term, r]));
      for (const k of Object.keys(c.coef)) {
        expect(rel(terms[k].estimate, c.coef[k])).toBeLessThan(tol);
        expect(rel(terms[k].std_error, c.se[k])).toBeLessThan(tol * 10);
      }
      expect(fit.df).toBe(c.df);
      expect(rel(fit.rss, c.rss)).toBeLessThan(1e-8);
      expect(rel(fit.sigma, c.sigma)).toBeLessThan(1e-8);
      const p95 = fit.predict(c.t, 0.95);
      const p90 = fit.predict(c.t, 0.9);
      c.t.forEach((_: number, i: number) => {
        expect(rel(p95[i].fit, c.fit[i])).toBeLessThan(tol);
        expect(rel(p95[i].se_fit, c.se_fit[i])).toBeLessThan(tol * 10);
        for (const [a, b] of [[p95[i].conf_low, c.conf_low[i]], [p95[i].conf_high, c.conf_high[i]], [p95[i].pred_low, c.pred_low[i]],
          [p95[i].pred_high, c.pred_high[i]], [p90[i].pred_low, c.pred90_low[i]], [p90[i].pred_high, c.pred90_high[i]]]) {
          expect(rel(a, b)).toBeLessThan(tol * 10);
        }
      });
    });
  }
  it("time at a level inverts the curve", () => {
    const { t, y } = load("logistic_input.csv", "china_cited");
    const fit = logisticFit(t, y, { saturation: 100 });
    expect(Math.abs(fit.value(fit.timeAt(50)) - 50)).toBeLessThan(1e-9);
    expect(Math.abs(fit.timeAt(50) - fit.tm)).toBeLessThan(1e-12);
  });
  it("refuses what it cannot fit", () => {
    expect(() => logisticFit([1, 2], [1, 2])).toThrow(/more than 3/);
    expect(() => logisticFit([1, 2, 3, 4], [10, 20, 30, 40], { saturation: 35 })).toThrow(/exceed/);
    expect(() => logisticFit([1, 2, 3], [1, 2])).toThrow(/times/);
  });
});
