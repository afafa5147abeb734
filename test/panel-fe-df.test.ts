import { describe, expect, it } from "vitest";
import { createRng } from "../kernel-lib/src/rng";
import { Factor, feDegreesOfFreedom } from "../kernel-lib/src/panel/demean";

// The degrees of freedom absorbed by the fixed effects are the rank of the matrix of all their dummies. Reference:
// that rank by Gaussian elimination with partial pivoting on the dense 0/1 matrix (another algorithm than ours).
function denseRank(fes: Factor[]): number {
  const n = fes[0].codes.length;
  const cols: Float64Array[] = fes.flatMap((f) => Array.from({ length: f.nLevels }, (_, l) => Float64Array.from(f.codes, (c) => (c === l ? 1 : 0))));
  const A = Array.from({ length: n }, (_, i) => Float64Array.from(cols, (c) => c[i]));
  let rank = 0;
  for (let j = 0; j < cols.length && rank < n; j++) {
    let piv = rank;
    for (let i = rank; i < n; i++) if (Math.abs(A[i][j]) > Math.abs(A[piv][j])) piv = i;
    if (Math.abs(A[piv][j]) < 1e-9) continue;
    [A[rank], A[piv]] = [A[piv], A[rank]];
    for (let i = rank + 1; i < n; i++) {
      const m = A[i][j] / A[rank][j];
      if (m !== 0) for (let k = j; k < cols.length; k++) A[i][k] -= m * A[rank][k];
    }
    rank++;
  }
  return rank;
}

function factor(name: string, values: number[]): Factor {
  const index = new Map<number, number>();
  const codes = Int32Array.from(values, (v) => index.get(v) ?? (index.set(v, index.size), index.size - 1));
  return { name, codes, nLevels: index.size, levels: [...index.keys()].map(String) };
}

describe("feDegreesOfFreedom: the rank of the fixed effects' dummies", () => {
  it("three and four factors (nested, crossed, interacted, unbalanced) equal the dense rank", () => {
    const rng = createRng(17, "fe df");
    for (let trial = 0; trial < 12; trial++) {
      const nC = 6 + rng.integer(0, 10), nY = 3 + rng.integer(0, 4), nP = 2 + rng.integer(0, 3);
      const city: number[] = [], year: number[] = [], prov: number[] = [], py: number[] = [], ind: number[] = [];
      for (let c = 0; c < nC; c++)
        for (let y = 0; y < nY; y++) {
          if (rng.uniform() < 0.25) continue;
          city.push(c), year.push(y), prov.push(c % nP), py.push((c % nP) * 100 + y), ind.push(rng.integer(0, 3));
        }
      for (const set of [[city, year, prov, py], [city, year, ind], [year, prov, ind, py]]) {
        const fes = set.map((v, j) => factor(`f${j}`, v));
        expect(feDegreesOfFreedom(fes).df).toBe(denseRank(fes));
      }
    }
  });
});
