import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { adjacencyMatrix, buildGraph, continuousCorePeriphery, continuousFit, corePeripheryLinkageGini, corenessClasses, discreteCorePeriphery, gini } from "../kernel-lib/src/network";
import { readEdgeFile } from "../kernel-lib/src/cli/network";
import { createRng } from "../kernel-lib/src/rng";

const readEdgeFileForTest = (file: string) => readEdgeFile({ file, source: "source", target: "target", weight: "weight" });

// Expected numbers: test/reference/network/coreperiphery_reference.py, an independent NumPy implementation of
// Borgatti & Everett (1999) (MINRES by iterated principal factors; discrete model by exhaustive search).
const REF = path.join(__dirname, "reference", "network");
const cp = JSON.parse(fs.readFileSync(path.join(REF, "expected_cp.json"), "utf8"));
const load = (name: string) => buildGraph(readEdgeFileForTest(path.join(REF, `${name}.csv`)), { directed: true });

describe("continuous core–periphery (MINRES) against the NumPy reference", () => {
  for (const name of ["small12", "rand60", "invest150"]) {
    it(`${name}: coreness (unit length) to 1e-6, loss to 1e-8 relative, fit correlation to 1e-6`, () => {
      const g = load(name);
      expect(g.ids).toEqual(cp[name].ids);
      const r = continuousCorePeriphery(g);
      r.coreness.forEach((c, i) => expect(Math.abs(c - cp[name].coreness_unit[i])).toBeLessThan(1e-6));
      expect(Math.abs(r.loss - cp[name].minres_loss) / cp[name].minres_loss).toBeLessThan(1e-8);
      expect(r.correlation).toBeCloseTo(cp[name].corr_minres, 6);
      expect(gini(r.coreness)).toBeCloseTo(cp[name].gini_unit, 6);
      expect(r.coreness.reduce((a, v) => a + v * v, 0)).toBeCloseTo(1, 12);
    });
  }

  it("says whether the sweeps met the tolerance or stopped at maxIter", () => {
    const g = load("small12");
    const done = continuousCorePeriphery(g);
    expect(done.converged).toBe(true);
    expect(done.lastStep).toBeLessThanOrEqual(1e-12);
    const cut = continuousCorePeriphery(g, { maxIter: 2 });
    expect(cut.converged).toBe(false);
    expect(cut.iterations).toBe(2);
    expect(cut.lastStep).toBeGreaterThan(1e-12);
  });

  it("the correlation criterion (UCINET's printed fit) is at least the MINRES solution's", () => {
    for (const name of ["small12", "rand60"]) {
      const g = load(name);
      const m = continuousCorePeriphery(g);
      const c = continuousCorePeriphery(g, { method: "corr" });
      expect(c.correlation).toBeGreaterThanOrEqual(m.correlation - 1e-12);
    }
  });

  it("a directed matrix is fitted through its symmetric part (A + Aᵀ)/2", () => {
    const g = load("small12");
    const sym = buildGraph(
      g.ids.flatMap((a, i) => g.ids.map((b, j) => ({ source: a, target: b, weight: (g.weight(i, j) + g.weight(j, i)) / 2 }))).filter((e) => e.weight > 0 && e.source !== e.target),
      { directed: true, nodes: g.ids },
    );
    const a = continuousCorePeriphery(g).coreness;
    const b = continuousCorePeriphery(sym).coreness;
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 9));
  });

  it("scales: max = 1 and raw (c_i c_j ≈ a_ij)", () => {
    const g = load("small12");
    expect(Math.max(...continuousCorePeriphery(g, { scale: "max" }).coreness)).toBeCloseTo(1, 14);
    const raw = continuousCorePeriphery(g, { scale: "raw" }).coreness;
    const unit = continuousCorePeriphery(g).coreness;
    const k = raw[0] / unit[0];
    raw.forEach((v, i) => expect(v).toBeCloseTo(unit[i] * k, 9));
    expect(continuousFit(adjacencyMatrix(g), raw)).toBeGreaterThan(0.5);
  });
});

describe("discrete core–periphery", () => {
  it("reaches the exhaustive optimum on the 11-node graph (NumPy, all 2^n core sets)", () => {
    const g = load("small12");
    const r = discreteCorePeriphery(g);
    expect(r.correlation).toBeCloseTo(cp.small12_discrete.correlation, 12);
    expect(g.ids.filter((_, i) => r.core[i]).sort()).toEqual(cp.small12_discrete.core);
  });
});

describe("coreness classes and Gini coefficients", () => {
  it("classes: core ≥ 0.1, semi-periphery [0.01, 0.1), periphery < 0.01 (the paper's (1, 0.1], (0.1, 0.01], (0.01, 0])", () => {
    expect(corenessClasses([1, 0.1, 0.0999, 0.01, 0.00999, 0])).toEqual(["core", "core", "semi-periphery", "semi-periphery", "periphery", "periphery"]);
    expect(corenessClasses([0.3, 0.2], { core: 0.25 })).toEqual(["core", "semi-periphery"]);
  });

  it("Gini = Σ|xi − xj| / (2 n² x̄) (NumPy, 1e-12)", () => {
    for (const c of cp.gini_cases) expect(gini(c.x)).toBeCloseTo(c.gini, 12);
    expect(gini([0, 0, 0, 4])).toBeCloseTo(0.75, 15);
    expect(() => gini([-1, 2])).toThrow();
  });

  it("core–periphery linkage Gini: the three documented readings on a hand-computed example", () => {
    // core {A}; B, C, D non-core. Ties: A→B 3, C→A 1, A↔D 0 (none), B→C 5.
    const g = buildGraph([{ source: "A", target: "B", weight: 3 }, { source: "C", target: "A", weight: 1 }, { source: "B", target: "C", weight: 5 }], { nodes: ["A", "B", "C", "D"] });
    const cls = corenessClasses([0.9, 0.05, 0.05, 0.001]);
    // node: non-core totals with the core [B 3, C 1, D 0] → Gini([3,1,0]) = (|3−1|+|3−0|+|1−0|)·2 / (2·9·4/3) = 12/24
    expect(corePeripheryLinkageGini(g, cls, "node")).toBeCloseTo(0.5, 15);
    // edge: core↔non-core edge weights [3, 1] → Gini = 2·2/(2·4·2) = 0.25
    expect(corePeripheryLinkageGini(g, cls, "edge")).toBeCloseTo(0.25, 15);
    // block: densities of the 3×3 image (semi→semi 5/2, core→semi 3/2, semi→core 1/2, the rest 0 or absent)
    const dens = [3 / 2, 0, 1 / 2, 5 / 2, 0, 0, 0]; // 7 blocks with possible pairs (core→core and peri→peri have none)
    expect(corePeripheryLinkageGini(g, cls, "block")).toBeCloseTo(gini(dens), 15);
  });
});

describe("MINRES over the non-zeros of S equals the dense sweep bit for bit", () => {
  /** The dense coordinate-descent sweep (every j ≠ i), as MINRES was written before it skipped zeros. */
  const denseMinres = (g: ReturnType<typeof buildGraph>, maxIter: number, tol: number) => {
    const A = adjacencyMatrix(g), n = g.n;
    const S = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => (i === j ? 0 : (A[i][j] + A[j][i]) / 2)));
    const c = new Float64Array(n);
    let tot = 0;
    for (let i = 0; i < n; i++) { for (let j = 0; j < n; j++) c[i] += S[i][j]; tot += c[i]; }
    const s0 = 1 / Math.sqrt(tot);
    for (let i = 0; i < n; i++) c[i] = c[i] * s0 + 1e-12;
    let sumSq = 0;
    for (let i = 0; i < n; i++) sumSq += c[i] * c[i];
    let it = 0;
    for (; it < maxIter; it++) {
      let change = 0, norm = 0;
      for (let i = 0; i < n; i++) {
        let num = 0;
        for (let j = 0; j < n; j++) if (j !== i) num += S[i][j] * c[j];
        const den = sumSq - c[i] * c[i];
        const v = den > 0 ? num / den : 0;
        sumSq += v * v - c[i] * c[i];
        change += (v - c[i]) ** 2;
        norm += v * v;
        c[i] = v;
      }
      if (Math.sqrt(change) <= tol * Math.max(1e-300, Math.sqrt(norm))) { it++; break; }
    }
    let sum = 0;
    for (let i = 0; i < n; i++) sum += c[i];
    if (sum < 0) for (let i = 0; i < n; i++) c[i] = -c[i];
    return { c, it };
  };
  it("random sparse weighted digraphs (3–8 % density, self-loops included), 40 and 10,000 sweeps", () => {
    const rng = createRng(20261202, "test-minres-sparse");
    for (const n of [30, 90, 160]) {
      const edges = [];
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (rng.uniform() < 0.03 + 0.05 * (n % 7) / 7) edges.push({ source: `v${i}`, target: `v${j}`, weight: Math.round(1 + 50 * rng.uniform() ** 3) });
      const g = buildGraph(edges, { directed: true });
      for (const maxIter of [40, 10000]) {
        const ref = denseMinres(g, maxIter, 1e-12);
        const r = continuousCorePeriphery(g, { scale: "raw", maxIter });
        expect(r.iterations).toBe(ref.it);
        r.coreness.forEach((v, i) => expect(Object.is(v, ref.c[i])).toBe(true));
      }
    }
  });
});
