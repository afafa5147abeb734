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
