import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { readTable } from "../kernel-lib/src/data";
import { coefficientOfVariation, couplingCoordination, entropyIndex, entropyTopsis, giniCoefficient, obstacleDegree, theil } from "../kernel-lib/src/indices";
import type { Direction } from "../kernel-lib/src/indices";

// Expected numbers: an independent NumPy script written from the published formulas
// (test/reference/indices/make_expected.py) on a seeded synthetic indicator panel (indicators.csv).
const ref = path.join(__dirname, "reference/indices");
const E = JSON.parse(fs.readFileSync(path.join(ref, "expected.json"), "utf8"));
const t = readTable(path.join(ref, "indicators.csv"));
const names = ["x1", "x2", "x3", "x4", "x5"];
const X = Array.from({ length: t.nRows }, (_, i) => names.map((c) => t.num(c)[i]));
const years = Array.from(t.num("year"));
const directions: Direction[] = ["+", "+", "-", "+", "-"];
const near = (a: ArrayLike<number>, b: number[], tol = 1e-10) => b.forEach((v, i) => expect(Math.abs(a[i] - v), `${i}: ${a[i]} vs ${v}`).toBeLessThan(tol * Math.max(1, Math.abs(v))));

describe("entropy weights, TOPSIS and obstacle degree", () => {
  it("pooled over years with shift 0.0001", () => {
    const r = entropyIndex(X, { directions, shift: 0.0001, names });
    const w = r.weights.get("pooled")!;
    near(w.map((v) => v.entropy), E.pooled.entropy);
    near(w.map((v) => v.weight), E.pooled.weights);
    near(r.scores, E.pooled.scores);
    expect(r.text()).toMatch(/x1.*w=0\.\d{6}/);
  });
  it("per year", () => {
    const r = entropyIndex(X, { directions, groups: years, names });
    for (const y of [2020, 2021, 2022]) {
      near(r.weights.get(y)!.map((v) => v.weight), E.per_year[String(y)].weights);
      near(Array.from(r.scores).filter((_, i) => years[i] === y), E.per_year[String(y)].scores);
    }
  });
  it("entropy-TOPSIS closeness and obstacle degrees", () => {
    const r = entropyTopsis(X, { directions, shift: 0.0001, names });
    near(r.closeness, E.pooled.closeness);
    const o = obstacleDegree(r.standardized, r.weights.get("pooled")!);
    const mean = names.map((n) => o.ranking.find((q) => q.indicator === n)!.degree);
    near(mean, E.pooled.obstacle_mean);
  });
});

describe("inequality and coupling coordination", () => {
  const v = X.filter((_, i) => years[i] === 2022).map((r) => r[0]);
  const pop: number[] = E.pop;
  it("coefficient of variation, plain, sample and population-weighted", () => {
    near([coefficientOfVariation(v)], [E.cv_plain]);
    near([coefficientOfVariation(v, { sample: true })], [E.cv_sample]);
    near([coefficientOfVariation(v, { weights: pop })], [E.cv_weighted]);
  });
  it("Theil with between/within decomposition", () => {
    near([theil(v).total], [E.theil_plain]);
    const r = theil(v, { weights: pop, groups: E.region });
    near([r.total, r.between, r.within], [E.theil_weighted, E.theil_between, E.theil_within]);
    expect(Math.abs(r.between + r.within - r.total)).toBeLessThan(1e-12);
  });
  it("Gini plain and weighted", () => {
    near([giniCoefficient(v)], [E.gini_plain]);
    near([giniCoefficient(v, { weights: pop })], [E.gini_weighted]);
  });
  it("coupling coordination of two and three subsystems", () => {
    const z = entropyIndex(X, { directions, shift: 0.0001 }).standardized;
    const U = [0, 1, 2].map((j) => {
      const c = z.map((r) => r[j]);
      const mx = Math.max(...c);
      return c.map((q) => q / mx);
    });
    const c2 = couplingCoordination([U[0], U[1]]);
    near(c2.C, E.coupling2.C);
    near(c2.D, E.coupling2.D);
    const c3 = couplingCoordination(U, { weights: [0.5, 0.3, 0.2] });
    near(c3.C, E.coupling3.C);
    near(c3.D, E.coupling3.D);
    expect(c3.level.length).toBe(U[0].length);
  });
});
