import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { readTable } from "../kernel-lib/src/data";
import { PanelFit, panel } from "../kernel-lib/src/panel";

// Stata 13's own xtreg output, published as a test fixture by the linearmodels project and converted by
// test/reference/panel/stata/make_fixture.R (data: a simulated 1,000 × 3 panel; the "_heavy" columns have
// missing values, which makes the estimation sample unbalanced: 891 observations in 639 panels of 1–3).
// Stata prints %13.12g (11–12 significant digits); tolerance 1e-8 relative.
const DIR = path.join(__dirname, "reference/panel/stata");
const S = JSON.parse(fs.readFileSync(path.join(DIR, "stata_xtreg.json"), "utf8"));
const data = readTable(path.join(DIR, "simulated_panel.csv"));
const REL = 1e-8;
const close = (ours: number, theirs: number, what: string, rel = REL) =>
  expect(Math.abs(ours - theirs) / Math.max(Math.abs(theirs), 1e-300), `${what}: ours ${ours} vs Stata ${theirs}`).toBeLessThan(rel);

const formula = (sfx: string) => `y${sfx} ~ ${[1, 2, 3, 4, 5].map((j) => `x${j}${sfx}`).join(" + ")}`;
const ID = { id: "firm", time: "time", preset: "stata.xtreg" as const };

function coefsMatch(fit: PanelFit, sec: { coef: Record<string, { b: number; t: number }> }) {
  for (const [name, c] of Object.entries(sec.coef)) {
    const i = fit.names.indexOf(name === "_cons" ? "(Intercept)" : name);
    if (i < 0) continue; // xtreg, fe prints _cons; our within fit has none
    close(fit.coefficients[i], c.b, `b ${name}`);
    close(fit.coefficients[i] / fit.se[i], c.t, `t ${name}`);
  }
}

for (const sfx of ["", "_heavy"]) {
  const F = formula(sfx);
  const tag = sfx ? "unbalanced (_heavy)" : "balanced";
  describe(`xtreg, fe — ${tag}`, () => {
    it("vce(conventional): coefficients, t, and the whole report", () => {
      const sec = S[`fixed_effect-conventional--${sfx}`];
      const s = sec.stats;
      const fit = panel(data, F, { ...ID, model: "within" });
      coefsMatch(fit, sec);
      const g = fit.glance();
      expect(g.nobs).toBe(s.N);
      expect(g.n_groups).toBe(s.N_g);
      expect([g.g_min, g.g_max]).toEqual([s.g_min, s.g_max]);
      close(g.g_avg as number, s.g_avg, "g_avg");
      close(g.r_squared as number, s.r2, "e(r2) = within R²");
      close(g.adj_r_squared as number, s.r2_a, "r2_a");
      close(g.sigma as number, s.rmse, "rmse");
      for (const [ours, theirs] of [["r2_within", "r2_w"], ["r2_between", "r2_b"], ["r2_overall", "r2_o"], ["sigma_u", "sigma_u"], ["sigma_e", "sigma_e"], ["rho", "rho"], ["corr_u_xb", "corr"], ["f_u", "F_f"], ["statistic", "F"], ["log_likelihood", "ll"]] as const)
        close(g[ours] as number, s[theirs], theirs);
      expect(g.df_residual).toBe(s.df_r);
      expect(g.f_u_df1).toBe(s.df_a);
    });
    for (const v of ["robust", "cluster"] as const)
      it(`vce(${v}): cluster on the panel, Stata's adjusted R² and root MSE`, () => {
        const sec = S[`fixed_effect-${v}--${sfx}`];
        const s = sec.stats;
        const fit = panel(data, F, { ...ID, model: "within", vcov: v === "robust" ? "hc1" : "cluster" });
        coefsMatch(fit, sec);
        const g = fit.glance();
        close(g.adj_r_squared as number, s.r2_a, "r2_a");
        close(g.sigma as number, s.rmse, "rmse");
        close(g.statistic as number, s.F, "F");
        expect(g.f_df2).toBe(s.df_r);
      });
  });

  describe(`xtreg, re — ${tag}`, () => {
    for (const v of ["conventional", "robust", "cluster"] as const)
      it(`vce(${v})`, () => {
        const sec = S[`random_effect-${v}--${sfx}`];
        const s = sec.stats;
        const fit = panel(data, F, { ...ID, model: "random", vcov: v === "conventional" ? "iid" : v === "robust" ? "hc1" : "cluster" });
        coefsMatch(fit, sec);
        const g = fit.glance();
        expect(g.nobs).toBe(s.N);
        expect(g.n_groups).toBe(s.N_g);
        for (const [ours, theirs] of [["r2_within", "r2_w"], ["r2_between", "r2_b"], ["r2_overall", "r2_o"], ["sigma_u", "sigma_u"], ["sigma_e", "sigma_e"], ["rho", "rho"], ["sigma", "rmse"], ["g_avg", "g_avg"]] as const)
          close(g[ours] as number, s[theirs], theirs);
        if (sfx) close(g.Tbar as number, s.Tbar, "Tbar (harmonic)");
        if (v !== "conventional") expect(fit.vcovLabel).toMatch(/cluster/);
      });
  });

  describe(`xtreg, be — ${tag}`, () => {
    it("vce(conventional): e(N) counts observations, e(N_g) panels", () => {
      const sec = S[`between-conventional--${sfx}`];
      const s = sec.stats;
      const fit = panel(data, F, { ...ID, model: "between" });
      coefsMatch(fit, sec);
      const g = fit.glance();
      expect(g.nobs).toBe(s.N);
      expect(g.n_groups).toBe(s.N_g);
      for (const [ours, theirs] of [["r_squared", "r2"], ["adj_r_squared", "r2_a"], ["sigma", "rmse"], ["statistic", "F"], ["r2_within", "r2_w"], ["r2_between", "r2_b"], ["r2_overall", "r2_o"]] as const)
        close(g[ours] as number, s[theirs], theirs);
      expect(g.df_residual).toBe(s.df_r);
    });
  });
}

describe("the plm preset keeps plm's conventions", () => {
  it("unbalanced RE differs from Stata's only through the variance components; BE nobs counts panels", () => {
    const F = formula("_heavy");
    const st = panel(data, F, { ...ID, model: "random" });
    const pl = panel(data, F, { ...ID, preset: "plm", model: "random" });
    expect(pl.messages.join(" ")).not.toMatch(/harmonic/);
    expect(st.messages.join(" ")).toMatch(/harmonic/);
    expect(Math.abs(pl.coefficients[1] / st.coefficients[1] - 1)).toBeGreaterThan(1e-6);
    expect(panel(data, F, { ...ID, preset: "plm", model: "between" }).nobs).toBe(639);
  });
});

// Stata's formulas in base R (test/reference/panel/stata/xtreg_formulas.R, itself checked against the Stata
// output above): θ over panels (Stata's summarize percentiles) and the RE Wald χ² from Stata's printed e(b), e(V)
// (11 printed digits through a matrix inverse: tolerance 1e-6).
const R = JSON.parse(fs.readFileSync(path.join(DIR, "xtreg_formulas_expected.json"), "utf8"));
describe("xtreg, re: θ summary and Wald χ²", () => {
  for (const sfx of ["", "_heavy"])
    it(sfx ? "unbalanced" : "balanced", () => {
      const e = R[`re${sfx}`];
      for (const v of ["conventional", "robust", "cluster"] as const) {
        const fit = panel(data, formula(sfx), { ...ID, model: "random", vcov: v === "conventional" ? "iid" : v === "robust" ? "hc1" : "cluster" });
        const g = fit.glance();
        close(g.wald_chi2 as number, e.wald_chi2[v], `Wald chi2 ${v}`, 1e-6);
        expect(g.f_df1).toBe(e.wald_df);
        for (const q of ["min", "p5", "p50", "p95", "max"]) close(g[`theta_${q}`] as number, e.theta[q], `theta ${q}`);
      }
    });
});

describe("regionlab panel --preset stata.xtreg --json carries the report", () => {
  it("fe, vce(robust) on the unbalanced sample", async () => {
    const { parseArgs } = await import("../kernel-lib/src/cli");
    const { panelFamily } = await import("../kernel-lib/src/cli/panel");
    const out: string[] = [];
    const argv = ["--data", path.join(DIR, "simulated_panel.csv"), "--id", "firm", "--time", "time", "--formula", formula("_heavy"), "--model", "fe", "--vcov", "hc1", "--preset", "stata.xtreg", "--json"];
    expect(panelFamily.run(parseArgs(argv, panelFamily.booleans), { out: (s) => out.push(s), err: (s) => out.push(s) })).toBe(0);
    const j = JSON.parse(out.join("\n"));
    const s = S["fixed_effect-robust--_heavy"].stats;
    close(j.adj_r2, s.r2_a, "r2_a");
    close(j.report.sigma, s.rmse, "rmse");
    close(j.report.sigma_u, s.sigma_u, "sigma_u");
    close(j.report.corr_u_xb, s.corr, "corr");
    expect(j.vcov).toMatch(/cluster\(firm\)/);
    expect(j.preset).toBe("stata.xtreg");
  });
});
