import { referenceFile } from "../kernel-lib/src/data/manifest";
import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { readTable } from "../kernel-lib/src/data";
import { SpatialWeights, fitSpatial, impacts, specificationTests, spatialRegression } from "../kernel-lib/src/spatial";

// Panel ML (Elhorst 2014) against an independent R implementation written from Elhorst's formulas and, for the
// Lee–Yu transformation approach, by explicit orthonormal transformation (test/reference/spatial/
// make_expected_panel.R; no splm in Debian). Data: Munnell's Produc and the usaww W (48 states, 1970–1986),
// read through the reference manifest (data/reference-manifest.json).
const E = JSON.parse(fs.readFileSync(path.join(__dirname, "reference/spatial/expected_panel.json"), "utf8"));
const order = readTable(referenceFile("spatial_panel/W_order.csv")).str("state");
const wt = readTable(referenceFile("spatial_panel/W_usaww_rowstd.csv"));
const W = SpatialWeights.fromDense(order, wt.names.map((_, i) => wt.names.map((c) => wt.num(c)[i])));
const produc = readTable(referenceFile("spatial_panel/produc_panel_with_WX.csv"));
const xs = ["l_pcap", "l_pc", "l_emp", "unemp"];
const years = [...new Set(Array.from(produc.num("year")))].sort((a, b) => a - b);
const N = order.length, T = years.length;
const stack = (c: string) => {
  const out = new Float64Array(N * T);
  const st = produc.str("state"), yr = produc.num("year"), v = produc.num(c);
  for (let r = 0; r < produc.nRows; r++) out[years.indexOf(yr[r]) * N + order.indexOf(st[r])] = v[r];
  return out;
};
const y = stack("l_gsp");
const x = xs.map(stack);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
const close = (a: number, b: number, tol: number, what = "") => expect(rel(a, b), `${what}: ${a} vs ${b}`).toBeLessThan(tol);

describe("panel SAR/SEM/SDM with fixed effects against the independent Elhorst implementation", () => {
  for (const leeYu of [false, true])
    for (const model of ["sar", "sem", "sdm"] as const)
      for (const effects of ["individual", "time", "twoways"] as const) {
        it(`${model} ${effects}${leeYu ? " Lee–Yu" : ""}`, () => {
          const e = E[`${model}_${effects}_${leeYu ? "leeyu" : "direct"}`];
          const f = fitSpatial({ y, x, xNames: xs, w: W, model, T, effects, leeYu });
          close((f.rho ?? f.lambda)!, e.param, 1e-6, "rho");
          f.coefficients.forEach((c, j) => close(c.estimate, e.coef[j], 1e-6, c.term));
          close(f.sigma2, e.s2, 1e-6, "sigma2");
          close(f.log_likelihood, e.LL, 1e-8, "LL");
          close(f.rhoSe, e.param_se, 1e-4, "rho se");
          f.coefficients.forEach((c, j) => close(c.se, e.se[j], 1e-4, `${c.term} se`));
          if (model === "sdm") {
            const im = impacts(f, { draws: 0 });
            im.forEach((r, k) => {
              close(r.direct, e.direct[k], 1e-6, "direct");
              close(r.indirect, e.indirect[k], 1e-6, "indirect");
              close(r.total, e.total[k], 1e-6, "total");
            });
          }
        });
      }
  it("table entry point: panel SDM two-way with simulated effects SEs, reproducible by seed", () => {
    const a = spatialRegression(produc, { formula: "l_gsp ~ l_pcap + l_pc + l_emp + unemp", weights: W, id: "state", time: "year", model: "sdm", impacts: { draws: 500, seed: 3 } });
    const b = spatialRegression(produc, { formula: "l_gsp ~ l_pcap + l_pc + l_emp + unemp", weights: W, id: "state", time: "year", model: "sdm", impacts: { draws: 500, seed: 3 } });
    close(a.fit.rho!, E.sdm_twoways_direct.param, 1e-6);
    expect(a.impacts).toEqual(b.impacts);
    expect(a.impacts[0].se!.direct).toBeGreaterThan(0);
  });
  it("specification search runs LM, LR and Wald tests on the panel", () => {
    const d = spatialRegression(produc, { formula: "l_gsp ~ l_pcap + l_pc + l_emp + unemp", weights: W, id: "state", time: "year", model: "sar", impacts: false }).data;
    const s = specificationTests(d, { effects: "twoways" });
    close(s.lr.sdmVsSar.statistic, 2 * (E.sdm_twoways_direct.LL - E.sar_twoways_direct.LL), 1e-6);
    close(s.lr.sdmVsSem.statistic, 2 * (E.sdm_twoways_direct.LL - E.sem_twoways_direct.LL), 1e-6);
    expect(s.lm.LMlag.statistic).toBeGreaterThan(0);
  });
});
