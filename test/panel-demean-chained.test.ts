import { describe, expect, it } from "vitest";
import { createRng } from "../kernel-lib/src/rng";
import { demean, Factor } from "../kernel-lib/src/panel/demean";

// demean chains each sweep's subtraction with the next factor's level sums; it must equal the plain alternating
// projections (sum, mean, subtract per factor per sweep, written out here) bit for bit, iterations included.
function plainDemean(c: Float64Array, fes: Factor[], tol: number, w?: Float64Array): { x: Float64Array; it: number } {
  const x = Float64Array.from(c);
  const cnts = fes.map((f) => {
    const v = new Float64Array(f.nLevels);
    f.codes.forEach((g, i) => (v[g] += w ? w[i] : 1));
    return v;
  });
  let scale = 0;
  for (const v of x) scale = Math.max(scale, Math.abs(v));
  scale = Math.max(scale, 1e-300);
  for (let it = 1; ; it++) {
    let change = 0;
    fes.forEach((f, q) => {
      const buf = new Float64Array(f.nLevels);
      for (let i = 0; i < x.length; i++) buf[f.codes[i]] += w ? w[i] * x[i] : x[i];
      for (let g = 0; g < buf.length; g++) {
        buf[g] /= cnts[q][g];
        change = Math.max(change, Math.abs(buf[g]));
      }
      for (let i = 0; i < x.length; i++) x[i] -= buf[f.codes[i]];
    });
    if (change <= tol * scale) return { x, it };
  }
}

describe("demean: chained sweeps equal plain alternating projections", () => {
  it("two and three unbalanced factors, with and without weights", () => {
    const rng = createRng(41, "demean");
    const n = 400;
    const fac = (name: string, L: number): Factor => {
      const codes = Int32Array.from({ length: n }, (_, i) => (i < L ? i : rng.integer(0, L)));
      return { name, codes, nLevels: L, levels: [] };
    };
    for (const Q of [2, 3]) {
      const fes = [fac("a", 40), fac("b", 9), fac("c", 5)].slice(0, Q);
      for (const weighted of [false, true]) {
        const w = weighted ? Float64Array.from({ length: n }, () => 0.5 + rng.uniform()) : undefined;
        const cols = [0, 1, 2].map(() => Float64Array.from({ length: n }, () => rng.normal() * 10));
        const r = demean(cols, fes, { tol: 1e-13, weights: w });
        const plain = cols.map((c) => plainDemean(c, fes, 1e-13, w));
        r.cols.forEach((c, j) => expect(c).toEqual(plain[j].x));
        expect(r.iterations).toBe(Math.max(...plain.map((p) => p.it)));
      }
    }
  });
});
