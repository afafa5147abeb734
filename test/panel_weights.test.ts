import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { readTable } from "../kernel-lib/src/data";
import { DataError } from "../kernel-lib/src/data/errors";
import { feols, panel } from "../kernel-lib/src/panel";

// Analytic weights against Stata 13's own output (`regress ... [aweight=w]` and `xtreg ... [aweight=w], fe`,
// published by the linearmodels project; see test/reference/panel/stata/README.md). Tolerance 1e-8 relative.
const DIR = path.join(__dirname, "reference/panel/stata");
const S = JSON.parse(fs.readFileSync(path.join(DIR, "stata_xtreg.json"), "utf8"));
const data = readTable(path.join(DIR, "simulated_panel.csv"));
const close = (ours: number, theirs: number, what: string, rel = 1e-8) =>
  expect(Math.abs(ours - theirs) / Math.max(Math.abs(theirs), 1e-300), `${what}: ours ${ours} vs Stata ${theirs}`).toBeLessThan(rel);
const formula = (sfx: string) => `y${sfx} ~ ${[1, 2, 3, 4, 5].map((j) => `x${j}${sfx}`).join(" + ")}`;
const VC = { conventional: "iid", robust: "hc1", cluster: "cluster" } as const;

function coefs(fit: ReturnType<typeof feols>, sec: { coef: Record<string, { b: number; t: number }> }) {
  for (const [name, c] of Object.entries(sec.coef)) {
    const i = fit.names.indexOf(name === "_cons" ? "(Intercept)" : name);
    if (i < 0) continue;
    close(fit.coefficients[i], c.b, `b ${name}`);
    close(fit.coefficients[i] / fit.se[i], c.t, `t ${name}`);
  }
}

for (const sfx of ["", "_heavy"])
  for (const v of ["conventional", "robust", "cluster"] as const) {
    describe(`[aweight=w], vce(${v}), ${sfx ? "unbalanced" : "balanced"}`, () => {
      it("regress", () => {
        const sec = S[`pooled-${v}-weighted-${sfx}`];
        const s = sec.stats;
        const fit = feols(data, formula(sfx), { weights: "w", vcov: v === "cluster" ? "cluster" : VC[v], cluster: "firm", preset: "stata.areg" });
        coefs(fit, sec);
        const g = fit.glance();
        expect(g.nobs).toBe(s.N);
        close(g.r_squared as number, s.r2, "r2");
        close(g.adj_r_squared as number, s.r2_a, "r2_a");
        close(g.sigma as number, s.rmse, "rmse");
        close(g.statistic as number, s.F, "F");
        close(g.log_likelihood as number, s.ll, "ll");
        expect(fit.messages.join(" ")).toMatch(/aweight w/);
      });
      it("xtreg, fe", () => {
        const sec = S[`fixed_effect-${v}-weighted-${sfx}`];
        const s = sec.stats;
        const fit = panel(data, formula(sfx), { id: "firm", time: "time", model: "within", weights: "w", vcov: VC[v], preset: "stata.xtreg" });
        coefs(fit, sec);
        const g = fit.glance();
        close(g.r_squared as number, s.r2, "e(r2) = within R²");
        close(g.adj_r_squared as number, s.r2_a, "r2_a");
        close(g.sigma as number, s.rmse, "rmse");
        close(g.statistic as number, s.F, "F");
        close(g.log_likelihood as number, s.ll, "ll");
        for (const [ours, theirs] of [["r2_within", "r2_w"], ["r2_between", "r2_b"], ["r2_overall", "r2_o"], ["sigma_u", "sigma_u"], ["sigma_e", "sigma_e"], ["rho", "rho"], ["corr_u_xb", "corr"]] as const)
          close(g[ours] as number, s[theirs], theirs);
        if (v === "conventional") close(g.f_u as number, s.F_f, "F test that all u_i=0");
      });
    });
  }

describe("pweight and bad weights", () => {
  it("pweight means a robust variance (Stata's regress [pweight=w] = [aweight=w], vce(robust))", () => {
    const a = feols(data, formula(""), { weights: "w", weightType: "pweight", preset: "stata.areg" });
    const sec = S["pooled-robust-weighted-"];
    coefs(a, sec);
    expect(a.messages.join(" ")).toMatch(/pweight: robust/);
  });
  it("negative or missing weights name the row; all-zero weights are refused; zero weights are counted", () => {
    const w = Float64Array.from(data.num("w"));
    w[6] = -1;
    expect(() => feols(data.with("wneg", w), "y ~ x1", { weights: "wneg" })).toThrow(DataError);
    expect(() => feols(data.with("wneg", w), "y ~ x1", { weights: "wneg" })).toThrow(/row 7 .*column "wneg".*weight >= 0/);
    const m = Float64Array.from(data.num("w"));
    m[9] = NaN;
    expect(() => feols(data.with("wna", m), "y ~ x1", { weights: "wna" })).toThrow(/row 10 .*column "wna"/);
    expect(() => feols(data.with("wz", new Float64Array(data.nRows)), "y ~ x1", { weights: "wz" })).toThrow(/some positive weights/);
    const z = Float64Array.from(data.num("w"));
    z[0] = 0;
    z[1] = 0;
    const fz = feols(data.with("wz2", z), "y ~ x1", { weights: "wz2" });
    expect(fz.nobs).toBe(data.nRows - 2);
    expect(fz.messages.join(" ")).toMatch(/2 observations with zero weight left out/);
  });
  it("random effects and between refuse weights", () => {
    expect(() => panel(data, "y ~ x1", { id: "firm", time: "time", model: "random", weights: "w" })).toThrow(/weights are not supported/);
  });
});

// Frequency weights by definition: lm on the data with each row repeated w times (test/reference/panel/
// fweight_reference.R). Tolerance 1e-8.
describe("fweight: each row counted w times", () => {
  const REF = path.join(__dirname, "reference/panel");
  const E = JSON.parse(fs.readFileSync(path.join(REF, "fweight_expected.json"), "utf8"));
  const g = readTable(path.join(REF, "grunfeld_fweight.csv"));
  it("pooled: iid and HC1, N = Σw, zero weights left out and counted", () => {
    const a = feols(g, "inv ~ value + capital", { weights: "fw", weightType: "fweight", preset: "stata.areg" });
    expect(a.nobs).toBe(E.pooled.nobs);
    E.pooled.coef.forEach((b: number, i: number) => close(a.coefficients[i], b, `b ${i}`));
    E.pooled.se_iid.forEach((s: number, i: number) => close(a.se[i], s, `se ${i}`));
    close(a.glance().r_squared as number, E.pooled.r2, "r2");
    expect(a.messages.join(" ")).toMatch(/2 observations with zero weight left out/);
    const h = feols(g, "inv ~ value + capital", { weights: "fw", weightType: "fweight", vcov: "hc1", preset: "stata.areg" });
    E.pooled.se_hc1.forEach((s: number, i: number) => close(h.se[i], s, `se hc1 ${i}`));
  });
  it("within", () => {
    const f = panel(g, "inv ~ value + capital", { id: "firm", time: "year", model: "within", weights: "fw", weightType: "fweight", preset: "plm" });
    expect(f.nobs).toBe(E.fe.nobs);
    E.fe.coef.forEach((b: number, i: number) => close(f.coefficients[i], b, `b ${i}`));
    E.fe.se_iid.forEach((s: number, i: number) => close(f.se[i], s, `se ${i}`));
  });
  it("a fractional fweight names its row", () => {
    const w = Float64Array.from(g.num("fw"));
    w[2] = 1.5;
    expect(() => feols(g.with("fw2", w), "inv ~ value", { weights: "fw2", weightType: "fweight" })).toThrow(/row 3 .*whole-number frequency weight/);
  });
});
