import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { readTable } from "../kernel-lib/src/data";
import { readGeoJson } from "../kernel-lib/src/geo";
import {
  SpatialWeights, contiguityWeights, distanceBandWeights, fitSpatial, impacts, inverseDistanceWeights, knnWeights, lmTests, localMoran,
  lrTest, moranI, readWeightsCsv, waldTests, readEdgeList, weightsToEdgeList, weightsToCsv, alignWeights, spatialRegression,
} from "../kernel-lib/src/spatial";

// Expected numbers: spdep 1.2-7 / spatialreg 1.2-6 (test/reference/spatial/make_expected.R) on a seeded
// synthetic cross-section (cross.csv, kNN-5 row-standardised W) and China's provincial polygons.
const ref = path.join(__dirname, "reference/spatial");
const E = JSON.parse(fs.readFileSync(path.join(ref, "expected_cross.json"), "utf8"));
const t = readTable(path.join(ref, "cross.csv"));
const ids = t.str("id");
const pts = ids.map((_, i) => [t.num("lon")[i], t.num("lat")[i]] as [number, number]);
const W = readWeightsCsv(path.join(ref, "W_knn5_rowstd.csv"));
const y = t.num("y"), x1 = t.num("x1"), x2 = t.num("x2");

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
const close = (a: number, b: number, tol: number) => expect(rel(a, b), `${a} vs ${b}`).toBeLessThan(tol);
const nbOf = (w: SpatialWeights) => Array.from({ length: w.n }, (_, i) => w.neighbours(i));

describe("weights builders against spdep", () => {
  it("kNN (k = 5) matches knearneigh/knn2nb", () => {
    expect(nbOf(knnWeights(ids, pts, 5))).toEqual(E.knn5.map((v: number[]) => [...v].sort((a, b) => a - b)));
  });
  it("distance band and (squared) inverse distance match dnearneigh/nbdists", () => {
    const b = distanceBandWeights(ids, pts, 2.0);
    expect(nbOf(b)).toEqual(E.band2.map((v: number[] | number | Record<string, never>) => (Array.isArray(v) ? v : typeof v === "number" ? [v] : [])));
    for (const [key, power] of [["invdist_band2", 1], ["invdist2_band2", 2]] as const) {
      const w = inverseDistanceWeights(ids, pts, { power, cutoff: 2.0 });
      for (let i = 0; i < w.n; i++) {
        const exp = (Array.isArray(E[key][i]) ? E[key][i] : [E[key][i]]) as number[];
        const got = Array.from(w.val.subarray(w.rowPtr[i], w.rowPtr[i + 1]));
        expect(got.length).toBe(nbOf(b)[i].length);
        got.forEach((v, k) => close(v, exp[k], 1e-12));
      }
    }
  });
  it("row-standardised kNN equals the weights CSV written by nb2listw(style = 'W')", () => {
    const k = knnWeights(ids, pts, 5, { rowStandardize: true }).toDense();
    const w = W.toDense();
    for (let p = 0; p < k.data.length; p++) expect(Math.abs(k.data[p] - w.data[p])).toBeLessThan(1e-15);
    expect(W.isRowStandardized()).toBe(true);
    expect(W.isSymmetric()).toBe(false);
    expect(W.islands()).toEqual([]);
  });
  it("queen and rook contiguity of China's provinces match poly2nb", () => {
    const fc = readGeoJson(path.join(__dirname, "..", "data", "geo", "china_provinces.geojson"));
    for (const [rule, key] of [["queen", "china_queen"], ["rook", "china_rook"]] as const) {
      const w = contiguityWeights(fc, { rule, idProperty: "adcode" });
      expect(w.ids).toEqual(E.china_ids);
      expect(nbOf(w)).toEqual(E[key].map((v: number[] | number) => (Array.isArray(v) ? v : [v])));
    }
    const q = contiguityWeights(fc, { idProperty: "adcode" });
    expect(q.islands().length).toBe(E.china_queen.filter((v: unknown) => Array.isArray(v) && v.length === 0).length);
  });
  it("CSV and edge-list round trips; mismatched ids are a DataError naming the file", () => {
    const tmp = fs.mkdtempSync(path.join(require("os").tmpdir(), "rl-sp-"));
    const f = path.join(tmp, "w.csv");
    fs.writeFileSync(f, weightsToCsv(W));
    expect(readWeightsCsv(f).toArray()).toEqual(W.toArray());
    const g = path.join(tmp, "e.csv");
    fs.writeFileSync(g, weightsToEdgeList(W));
    expect(readEdgeList(g, W.ids).toArray()).toEqual(W.toArray());
    const shuffled = [...ids].reverse();
    const a = alignWeights(W, shuffled, f);
    expect(a.toDense().data[0 * 60 + 0]).toBe(0);
    expect(() => alignWeights(W, [...ids.slice(1), "zz"], f)).toThrow(/w\.csv.*"zz"/);
    fs.writeFileSync(path.join(tmp, "bad.csv"), "a,b\n0,1\n1,x\n");
    expect(() => readWeightsCsv(path.join(tmp, "bad.csv"))).toThrow(/bad\.csv, row 2 \(line 3\), column "b"/);
  });
});

describe("Moran's I against spdep", () => {
  for (const [key, x, w] of [["moran_y", y, W], ["moran_x1", x1, W], ["moran_y_binary", y, null]] as const) {
    it(key, () => {
      const ww = w ?? knnWeights(ids, pts, 5);
      const r = moranI(x, ww) as unknown as Record<string, number>;
      for (const k of ["I", "expected", "variance_normal", "variance_randomization", "z_normal", "z_randomization", "p_normal", "p_randomization"]) close(r[k], E[key][k], 1e-8);
    });
  }
  it("seeded permutation test is reproducible and near moran.mc", () => {
    const a = moranI(y, W, { permutations: 999, seed: 7 }).permutation!;
    const b = moranI(y, W, { permutations: 999, seed: 7 }).permutation!;
    expect(a).toEqual(b);
    expect(Math.abs(a.p - E.moran_mc_y.p)).toBeLessThan(0.01);
  });
  it("local Moran (conditional and not) and quadrants match localmoran", () => {
    const l = localMoran(y, W);
    for (let i = 0; i < 60; i++) {
      close(l.Ii[i], E.local_y.Ii[i], 1e-9);
      close(l.expected[i], E.local_y.E[i], 1e-9);
      close(l.variance[i], E.local_y.V[i], 1e-9);
      close(l.z[i], E.local_y.Z[i], 1e-9);
      close(l.p[i], E.local_y.P[i], 1e-7);
    }
    expect(l.quadrant).toEqual(E.local_y.quadr);
    const u = localMoran(y, W, { conditional: false });
    for (let i = 0; i < 60; i++) {
      close(u.expected[i], E.local_y_uncond.E[i], 1e-9);
      close(u.variance[i], E.local_y_uncond.V[i], 1e-9);
    }
  });
});

describe("LM tests against lm.LMtests", () => {
  it("LMerr, LMlag, RLMerr, RLMlag, SARMA", () => {
    const r = lmTests(y, [x1, x2], W) as unknown as Record<string, { statistic: number; p: number }>;
    for (const k of ["LMerr", "LMlag", "RLMerr", "RLMlag", "SARMA"]) {
      close(r[k].statistic, E.lm[k].statistic, 1e-8);
      close(r[k].p, E.lm[k].p, 1e-6);
    }
  });
});

describe("cross-sectional ML against spatialreg (method = eigen)", () => {
  const base = { y, x: [x1, x2], xNames: ["x1", "x2"], w: W };
  const fits = { sar: fitSpatial({ ...base, model: "sar" }), sem: fitSpatial({ ...base, model: "sem" }), sdm: fitSpatial({ ...base, model: "sdm" }) };
  for (const m of ["sar", "sem", "sdm"] as const) {
    it(m, () => {
      const f = fits[m];
      const e = E[m];
      close((f.rho ?? f.lambda)!, e.param, 1e-6);
      f.coefficients.forEach((c, j) => close(c.estimate, e.coef[j], 1e-6));
      close(f.log_likelihood, e.LL, 1e-8);
      close(f.sigma2, e.s2, 1e-6);
      f.coefficients.forEach((c, j) => close(c.se, e.se[j], 1e-4));
      close(f.rhoSe, e.param_se, 1e-4);
    });
  }
  // Simulated SEs: both sides draw 20,000 times from N(estimate, V) with different generators; the indirect and
  // total effects are heavy-tailed in ρ (1/(1 − ρ)), so their simulated SDs differ by several per cent between
  // seeds: tolerance 4% for direct, 10% for indirect and total effects.
  it("impacts: point estimates exact, simulated SEs within Monte Carlo error of spatialreg's", () => {
    for (const [m, key] of [["sar", "sar_impacts"], ["sdm", "sdm_impacts"]] as const) {
      const im = impacts(fits[m], { draws: 20000, seed: 11 });
      const e = E[key];
      im.forEach((r, k) => {
        close(r.direct, e.direct[k], 1e-6);
        close(r.indirect, e.indirect[k], 1e-6);
        close(r.total, e.total[k], 1e-6);
        close(r.se!.direct, e.se_direct[k], 0.04);
        close(r.se!.indirect, e.se_indirect[k], 0.1);
        close(r.se!.total, e.se_total[k], 0.1);
      });
    }
  });
  it("LR and Wald tests of the SDM against SAR and SEM", () => {
    close(lrTest(fits.sdm, fits.sar).statistic, E.lr_sdm_sar, 1e-6);
    close(lrTest(fits.sdm, fits.sem).statistic, E.lr_sdm_sem, 1e-6);
    const wt = waldTests(fits.sdm);
    close(wt.sar.statistic, E.wald_sdm_sar, 1e-4);
    close(wt.sem.statistic, E.wald_sdm_sem, 1e-4);
  });
  it("spatialRegression on a table matches and reorders by id", () => {
    const r = spatialRegression(t, { formula: "y ~ x1 + x2", weights: W, id: "id", model: "sdm", impacts: { draws: 0 } });
    close(r.fit.rho!, E.sdm.param, 1e-6);
  });
});
