import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { readTable } from "../kernel-lib/src/data";
import { SpatialWeights, fitSpatial, knnWeights, logDet, luLogDet, mcLogDet } from "../kernel-lib/src/spatial";

// Large-N log-determinants against spatialreg 1.2-6 and Matrix 1.5-3 (test/reference/spatial/large/make_expected.R):
// N = 3,000, kNN-6 row-standardised W, cross-sectional SDM; standard errors against spatialreg method = "eigen"
// (make_expected_eigen.R: the analytic asymptotic variance; 25 minutes in R under load).
const dir = path.join(__dirname, "reference/spatial/large");
const E = JSON.parse(fs.readFileSync(path.join(dir, "expected_large.json"), "utf8"));
const EE = JSON.parse(fs.readFileSync(path.join(dir, "expected_large_eigen.json"), "utf8"));
const t = readTable(path.join(dir, "cross3000.csv"));
const N = t.nRows;
const ids = Array.from({ length: N }, (_, i) => String(i + 1));
const lon = t.num("lon"), lat = t.num("lat");
const W = knnWeights(ids, Array.from({ length: N }, (_, i) => [lon[i], lat[i]] as const), 6, { rowStandardize: true });
const x = [t.num("x1"), t.num("x2")];
const y = t.num("y");
const SpatialWeightsFromNb = (nb: number[][], v: number) => SpatialWeights.fromNeighbours(ids, nb, nb.map((r) => r.map(() => v)));

describe("sparse LU log-determinant at N = 3,000 (kNN-6)", () => {
  it("builds the same W as spdep", () => {
    E.neighbours_first.forEach((nb: number[], i: number) => expect(W.neighbours(i).slice().sort((a, b) => a - b)).toEqual(nb.slice().sort((a, b) => a - b)));
  });
  it("log|I − ρW| equals Matrix's sparse determinant to 1e-10 (relative) on a grid of ρ", () => {
    const ld = luLogDet(W);
    E.logdet.rho.forEach((r: number, i: number) => {
      const v = ld.value(r);
      expect(Math.abs(v - E.logdet.value[i]), `rho ${r}: ${v} vs ${E.logdet.value[i]}`).toBeLessThan(1e-10 * Math.max(1, Math.abs(E.logdet.value[i])));
    });
  });
  it("is the default above EIGEN_MAX_N and says so", () => {
    const ld = logDet(W);
    expect(ld.method).toBe("lu");
    expect(ld.description).toMatch(/^exact \(sparse LU/);
  });
  it("SDM by ML matches spatialreg lagsarlm(Durbin = TRUE, method = 'LU') to 1e-6", () => {
    const f = fitSpatial({ y, x, xNames: ["x1", "x2"], w: W, model: "sdm" });
    expect(f.logdetMethod).toBe("lu");
    expect(Math.abs(f.rho! - E.LU.rho), `rho ${f.rho} vs ${E.LU.rho}`).toBeLessThan(1e-6);
    const names: Record<string, string> = { x1: "x1", x2: "x2", "W*x1": "lag.x1", "W*x2": "lag.x2" };
    for (const c of f.coefficients) if (names[c.term]) expect(Math.abs(c.estimate - E.LU.coefficients[names[c.term]]), c.term).toBeLessThan(1e-6);
    expect(Math.abs(f.log_likelihood - E.LU.logLik)).toBeLessThan(1e-6 * Math.abs(E.LU.logLik));
    expect(Math.abs(f.sigma2 - E.LU.sigma2) / E.LU.sigma2).toBeLessThan(1e-6);
    // standard errors from the information matrix with exact traces: spatialreg method = "eigen" (asymptotic variance)
    expect(f.seTraces).toBe("exact");
    expect(Math.abs(f.rho! - EE.rho)).toBeLessThan(1e-6);
    expect(Math.abs(f.rhoSe - EE.rho_se) / EE.rho_se, `rho se ${f.rhoSe} vs ${EE.rho_se}`).toBeLessThan(1e-5);
    const seNames: Record<string, string> = { "(Intercept)": "(Intercept)", ...names };
    for (const c of f.coefficients) {
      const r = EE.se[seNames[c.term]];
      expect(Math.abs(c.se - r) / r, `${c.term} se ${c.se} vs ${r}`).toBeLessThan(1e-5);
    }
  });
});

describe("sparse LU log-determinant of a W that is not row-standardised", () => {
  it("binary symmetrised kNN-6 (spdep make.sym.nb, style 'B'): interval ±1/spectral radius, log|I − ρW| equal to Matrix's to 1e-10", () => {
    const U = JSON.parse(fs.readFileSync(path.join(dir, "expected_unstandardised.json"), "utf8"));
    const sets = Array.from({ length: N }, (_, i) => new Set(W.neighbours(i)));
    sets.forEach((s, i) => s.forEach((j) => sets[j].add(i)));
    const C = SpatialWeightsFromNb(sets.map((s) => [...s].sort((a, b) => a - b)), 1);
    const ld = luLogDet(C);
    expect(Math.abs(ld.upper - 1 / U.spectral_radius) * U.spectral_radius).toBeLessThan(1e-9);
    U.rho.forEach((r: number, i: number) => {
      const v = ld.value(r);
      expect(Math.abs(v - U.value[i]), `rho ${r}: ${v} vs ${U.value[i]}`).toBeLessThan(1e-10 * Math.max(1, Math.abs(U.value[i])));
    });
  });
});

describe("Monte Carlo log-determinant at N = 3,000 (only on request)", () => {
  it("names itself approximate with its error bound, and lands as close to the exact ρ as spatialreg's MC does", () => {
    const ld = mcLogDet(W);
    expect(ld.description).toMatch(/^approximate \(Barry–Pace Monte Carlo/);
    const f = fitSpatial({ y, x, xNames: ["x1", "x2"], w: W, model: "sdm", logdet: ld });
    expect(f.logdetMethod).toBe("mc");
    // spatialreg's MC (its own random probes) misses the exact ρ by |E.MC.rho − E.LU.rho|; ours must stay within 1e-3
    expect(Math.abs(f.rho! - E.LU.rho)).toBeLessThan(1e-3);
    expect(Math.abs(E.MC.rho - E.LU.rho)).toBeLessThan(1e-3);
  });
});
