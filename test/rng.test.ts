import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { Rng, createRng, formatSeeds, seedsUsed } from "kernel-lib";

// Expected draws come from NumPy's legacy RandomState (test/reference/rng/make_expected.py).
const ref = JSON.parse(fs.readFileSync(path.join(__dirname, "reference/rng/expected.json"), "utf8"));

describe("rng (MT19937) against numpy.random.RandomState", () => {
  for (const c of ref.cases) {
    it(`seed ${c.seed}: uniforms, normals, integers, shuffle, permutation`, () => {
      const u = new Rng(c.seed);
      // random_sample is exact (same 53-bit construction): compare to the last bit.
      c.uniform.forEach((v: number) => expect(u.uniform()).toBe(v));
      const n = new Rng(c.seed);
      // The polar method uses log and sqrt; allow 1 ulp-scale differences between libm implementations.
      c.normal.forEach((v: number) => expect(n.normal()).toBeCloseTo(v, 14));
      const r = new Rng(c.seed);
      const ints = [...Array.from({ length: 6 }, () => r.integer(0, 10)), ...Array.from({ length: 6 }, () => r.integer(-5, 1000))];
      expect(ints).toEqual(c.integers);
      const s = new Rng(c.seed);
      expect(s.shuffle(Array.from({ length: 20 }, (_, i) => i))).toEqual(c.shuffle20);
      expect(new Rng(c.seed).permutation(7)).toEqual(c.permutation7);
    });
  }

  it("refuses seeds outside [0, 2^32 - 1] and bad integer ranges", () => {
    expect(() => new Rng(-1)).toThrow(/seed/);
    expect(() => new Rng(1.5)).toThrow(/seed/);
    expect(() => new Rng(1).integer(3, 3)).toThrow(/low < high/);
  });

  it("records the seeds it hands out so notebooks can print them", () => {
    const before = seedsUsed().length;
    createRng(7, "placebo");
    expect(seedsUsed().length).toBe(before + 1);
    expect(formatSeeds()).toContain("placebo=7");
    createRng(7, "placebo");
    expect(formatSeeds()).toContain("placebo=7 (×2)");
  });
});

describe("calibratedPanelVariable", () => {
  it("hits the printed mean and SD on a large panel, stays in range, and is reproducible", async () => {
    const { calibratedPanelVariable } = await import("kernel-lib");
    const N = 2000, T = 12;
    const trend = Array.from({ length: T }, (_, t) => (t - (T - 1) / 2) / Math.sqrt((T * T - 1) / 12));
    const make = () => {
      const rng = new Rng(11);
      const factor = rng.normals(N);
      return calibratedPanelVariable(rng, { target: [3, 0.8, -10, 10], weights: [0.8, 0.3, 0.5], factor, factorLoad: 0.6, rho: 0.5, trend, rows: N * T, at: (i, t) => i * T + t });
    };
    const v = make();
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
    expect(Math.abs(mean - 3)).toBeLessThan(0.05);
    expect(Math.abs(sd - 0.8)).toBeLessThan(0.05);
    expect(Array.from(make())).toEqual(Array.from(v));
    const narrow = calibratedPanelVariable(new Rng(1), { target: [0, 1, -0.5, 0.5], weights: [1, 0, 1], factor: new Rng(2).normals(50), factorLoad: 0, rho: 0, trend: [0, 0], rows: 100, at: (i, t) => i * 2 + t });
    expect(Math.max(...narrow)).toBeLessThanOrEqual(0.5);
    expect(Math.min(...narrow)).toBeGreaterThanOrEqual(-0.5);
  });
});
