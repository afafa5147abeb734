import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import * as D from "../kernel-lib/src/core/distributions";

// Expected values: R 4.2.2's pnorm/pt/pchisq/pf and quantile functions (test/reference/core/distributions.R).
// Tolerance: 1e-12 relative for CDFs and upper tails (down to 1e-300), 1e-11 relative for quantiles. Where a shape
// parameter (df/2) reaches 1e4 the continued fraction of the incomplete beta accumulates rounding (R uses TOMS 708's
// asymptotic expansions there): 1e-10 relative.
const rows = fs
  .readFileSync(path.join(__dirname, "reference", "core", "distributions.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((l) => {
    const [fun, x, a, b, value] = l.split(",");
    return { fun, x: Number(x), a: a === "" ? NaN : Number(a), b: b === "" ? NaN : Number(b), value: Number(value) };
  });

const call: Record<string, (x: number, a: number, b: number) => number> = {
  normalCdf: (x) => D.normalCdf(x),
  normalUpper: (x) => D.normalUpper(x),
  normalQuantile: (x) => D.normalQuantile(x),
  tUpper: (x, a) => D.tUpper(x, a),
  tQuantile: (x, a) => D.tQuantile(x, a),
  chiSquaredUpper: (x, a) => D.chiSquaredUpper(x, a),
  chiSquaredCdf: (x, a) => D.chiSquaredCdf(x, a),
  chiSquaredQuantile: (x, a) => D.chiSquaredQuantile(x, a),
  fUpper: (x, a, b) => D.fUpper(x, a, b),
  fCdf: (x, a, b) => D.fCdf(x, a, b),
  fQuantile: (x, a, b) => D.fQuantile(x, a, b),
};

describe("core/distributions against R", () => {
  it(`${rows.length} cases from R`, () => {
    expect(rows.length).toBeGreaterThan(300);
    const bad: string[] = [];
    for (const r of rows) {
      const got = call[r.fun](r.x, r.a, r.b);
      const large = Math.max(r.a || 0, r.b || 0) >= 2e4;
      const tol = large ? 1e-10 : r.fun.endsWith("Quantile") ? 1e-11 : 1e-12;
      const ok = r.value === 0 ? got === 0 || Math.abs(got) < 1e-307 : Math.abs(got - r.value) <= tol * Math.abs(r.value);
      if (!ok) bad.push(`${r.fun}(${r.x}, ${r.a}, ${r.b}) = ${got}, R: ${r.value}, rel ${(Math.abs(got - r.value) / Math.abs(r.value)).toExponential(2)}`);
    }
    expect(bad, bad.slice(0, 20).join("\n")).toEqual([]);
  });

  it("keeps relative accuracy where 1 − CDF would round to zero", () => {
    expect(D.normalTwoSided(40)).toBe(0);
    expect(D.tTwoSided(-1.81, 2971)).toBeCloseTo(0.0704, 4);
    expect(D.tTwoSided(1.81, 2971)).toBeLessThan(1);
  });
});

describe("core/correlation against R", () => {
  it("pearsonCorrelation equals R's cor() to 1e-14, and is NaN for a constant side", async () => {
    const { pearsonCorrelation } = await import("../kernel-lib/src/core/correlation");
    // R 4.2.2: cor(c(1.5,2,3.25,4,5,7.5), c(2,1,4,3.5,7,6)) (test/reference/core/distributions.R)
    expect(pearsonCorrelation([1.5, 2, 3.25, 4, 5, 7.5], [2, 1, 4, 3.5, 7, 6])).toBeCloseTo(0.83537683805773244, 14);
    expect(pearsonCorrelation([1, 1, 1], [1, 2, 3])).toBeNaN();
  });
});
