import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { readTable } from "../kernel-lib/src/data";
import { SpatialWeights, fitSpatial, knnWeights } from "../kernel-lib/src/spatial";

// Panel SDM with two-way fixed effects against splm 1.6-5 built from its CRAN source
// (test/reference/spatial/splm/make_expected.R): N = 272, T = 12, spml(model = "within", effect = "twoways",
// lag = TRUE), Durbin terms W x as regressors. splm lags the demeaned y (W·Qy); the ML of the model demeans the
// lag (Q·Wy). The torus W is doubly stochastic, where both coincide: an independent check of the default.
const dir = path.join(__dirname, "reference/spatial/splm");
const E = JSON.parse(fs.readFileSync(path.join(dir, "expected_splm.json"), "utf8"));
// the same model with unit and period dummies, fitted by spatialreg on I_T ⊗ W (make_expected_lsdv.R)
const L = JSON.parse(fs.readFileSync(path.join(dir, "expected_lsdv.json"), "utf8"));
const pts = readTable(path.join(dir, "points272.csv"));
const d = readTable(path.join(dir, "panel272.csv"));
const N = E.N as number, T = E.T as number;
const ids = Array.from({ length: N }, (_, i) => String(i + 1));
const lon = pts.num("lon"), lat = pts.num("lat");
const knn = knnWeights(ids, ids.map((_, i) => [lon[i], lat[i]] as const), 6, { rowStandardize: true });
const nr = 16, nc = 17;
const torus = SpatialWeights.fromNeighbours(
  ids,
  ids.map((_, i) => {
    const r = Math.floor(i / nc), c = i % nc;
    return [((r + 1) % nr) * nc + c, ((r - 1 + nr) % nr) * nc + c, r * nc + ((c + 1) % nc), r * nc + ((c - 1 + nc) % nc)];
  }),
).rowStandardize();
const stack = (c: string) => {
  const out = new Float64Array(N * T);
  const id = d.num("id"), t = d.num("t"), v = d.num(c);
  for (let r = 0; r < d.nRows; r++) out[(t[r] - 1) * N + id[r] - 1] = v[r];
  return out;
};
const y = stack("y");
const x = ["x1", "x2", "x3"].map(stack);
const names: Record<string, string> = { x1: "x1", x2: "x2", x3: "x3", "W*x1": "wx1", "W*x2": "wx2", "W*x3": "wx3" };

function agree(f: ReturnType<typeof fitSpatial>, e: { rho: number; coefficients: Record<string, number>; logLik: number; sigma2: number }, tol: number) {
  expect(Math.abs(f.rho! - e.rho), `rho ${f.rho} vs ${e.rho}`).toBeLessThan(tol);
  for (const c of f.coefficients) expect(Math.abs(c.estimate - e.coefficients[names[c.term]]), `${c.term}: ${c.estimate} vs ${e.coefficients[names[c.term]]}`).toBeLessThan(tol);
  expect(Math.abs(f.log_likelihood - e.logLik), `logLik ${f.log_likelihood} vs ${e.logLik}`).toBeLessThan(tol * Math.abs(e.logLik));
  expect(Math.abs(f.sigma2 - e.sigma2) / e.sigma2, `sigma2 ${f.sigma2} vs ${e.sigma2}`).toBeLessThan(tol);
}

describe("panel SDM, two-way FE, against splm 1.6-5", () => {
  it('kNN-6 W: panelLag "lag-of-demeaned" reproduces splm to 1e-6', () => {
    const f = fitSpatial({ y, x, xNames: ["x1", "x2", "x3"], w: knn, model: "sdm", T, effects: "twoways", logdetMethod: "eigen", panelLag: "lag-of-demeaned" });
    expect(f.panelLag).toBe("lag-of-demeaned");
    agree(f, E.knn6, 1e-6);
  });
  it("kNN-6 W: the default (demeaned lag) is the ML estimator: it equals the LSDV fit with explicit dummies to 1e-6, and differs from splm", () => {
    const f = fitSpatial({ y, x, xNames: ["x1", "x2", "x3"], w: knn, model: "sdm", T, effects: "twoways", logdetMethod: "eigen" });
    expect(f.panelLag).toBe("demeaned-lag");
    agree(f, L, 1e-6);
    expect(Math.abs(f.rho! - E.knn6.rho)).toBeGreaterThan(1e-4);
  });
  it("doubly stochastic torus W: the default equals splm to 1e-6 (the conventions coincide)", () => {
    const a = fitSpatial({ y, x, xNames: ["x1", "x2", "x3"], w: torus, model: "sdm", T, effects: "twoways", logdetMethod: "eigen" });
    agree(a, E.torus, 1e-6);
    const b = fitSpatial({ y, x, xNames: ["x1", "x2", "x3"], w: torus, model: "sdm", T, effects: "twoways", logdetMethod: "lu" });
    agree(b, E.torus, 1e-6);
  });
});
