import { referenceFile } from "../kernel-lib/src/data/manifest";
import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { readTable } from "../kernel-lib/src/data";
import { PanelFit, cluster, feols, hetero, panel, plmClusterType } from "../kernel-lib/src/panel";

// Expected numbers: test/reference/panel/make_expected.R (R plm 2.6, sandwich, lmtest, car, AER from Debian).
const REF = path.join(__dirname, "reference/panel");
const ref = JSON.parse(fs.readFileSync(path.join(REF, "expected.json"), "utf8"));
const data = {
  grunfeld: readTable(path.join(REF, "grunfeld.csv")),
  grunfeld_unbalanced: readTable(path.join(REF, "grunfeld_unbalanced.csv")),
};
export const produc = readTable(referenceFile("spatial_panel/produc_panel_with_WX.csv"));

const REL = 1e-6;
export function close(ours: number, theirs: number, rel = REL, what = "") {
  const tol = rel * Math.max(Math.abs(theirs), 1e-12);
  if (!(Math.abs(ours - theirs) <= tol)) throw new Error(`${what}: ours ${ours} vs reference ${theirs} (rel diff ${(Math.abs(ours - theirs) / Math.abs(theirs)).toExponential(2)} > ${rel})`);
}
/** Compare named (R names) coefficients/SEs with a fit. */
export function matchNamed(fit: PanelFit, exp: Record<string, number>, what: "coef" | "se", rel = REL) {
  for (const [term, v] of Object.entries(exp)) {
    const i = fit.names.indexOf(term);
    expect(i, `term ${term} in ${fit.names.join(",")}`).toBeGreaterThanOrEqual(0);
    close(what === "coef" ? fit.coefficients[i] : fit.se[i], v, rel, `${what} ${term}`);
  }
}
const F = "inv ~ value + capital";
const ID = { id: "firm", time: "year" };

for (const ds of ["grunfeld", "grunfeld_unbalanced"] as const) {
  const t = data[ds];
  describe(`${ds}: estimators and vcovs against plm/sandwich`, () => {
    it("pooled OLS: iid, HC0–HC3, Stata regress cluster", () => {
      const e = ref[`${ds}_pooled`];
      const iid = feols(t, F);
      matchNamed(iid, e.coef, "coef");
      matchNamed(iid, e.se_iid, "se");
      for (const hc of ["hc0", "hc1", "hc2", "hc3"] as const) matchNamed(feols(t, F, { vcov: hetero(hc), preset: "stata.areg" }), e[`se_${hc}`], "se");
      matchNamed(feols(t, F, { vcov: cluster("firm"), preset: "stata.reghdfe" }), e.se_cl_firm_stata, "se");
      const g = iid.glance();
      close(g.r_squared as number, e.r2, 1e-9, "r2");
      close(g.adj_r_squared as number, e.adj_r2, 1e-9, "adj r2");
      close(g.log_likelihood as number, e.loglik, 1e-9, "loglik");
      close(g.statistic as number, e.fstat, 1e-6, "F");
      expect(g.nobs).toBe(e.nobs);
    });

    it("one-way within: iid, arellano HC0/sss/HC1, white1, Stata xtreg and areg cluster", () => {
      const e = ref[`${ds}_fe_ind`];
      const fe = panel(t, F, { ...ID, model: "within", preset: "plm" });
      matchNamed(fe, e.coef, "coef");
      matchNamed(fe, e.se_iid, "se");
      matchNamed(panel(t, F, { ...ID, model: "within", preset: "plm", vcov: cluster("firm") }), e.se_cl_hc0, "se");
      matchNamed(panel(t, F, { ...ID, model: "within", preset: "plm", vcov: cluster("firm", plmClusterType("sss")) }), e.se_cl_sss, "se");
      matchNamed(panel(t, F, { ...ID, model: "within", preset: "plm", vcov: cluster("firm", plmClusterType("HC1")) }), e.se_cl_hc1, "se");
      matchNamed(panel(t, F, { ...ID, model: "within", preset: "plm", vcov: hetero("hc0") }), e.se_white1, "se");
      matchNamed(panel(t, F, { ...ID, model: "within", preset: "plm", vcov: hetero("hc3") }), e.se_white1_hc3, "se");
      // Stata xtreg, fe vce(cluster firm): verified by formula from plm's HC0 matrix (see make_expected.R)
      matchNamed(feols(t, `${F} | firm`, { vcov: cluster("firm"), preset: "stata.xtreg" }), e.se_cl_xtreg, "se");
      // reghdfe drops the nested FE from K exactly as xtreg does
      matchNamed(feols(t, `${F} | firm`, { vcov: cluster("firm"), preset: "stata.reghdfe" }), e.se_cl_xtreg, "se");
      // Stata areg: lm with firm dummies + sandwich::vcovCL(type = "HC1") (all dummies in K)
      matchNamed(feols(t, `${F} | firm`, { vcov: cluster("firm"), preset: "stata.areg" }), e.se_cl_areg, "se");
      const g = fe.glance();
      close(g.within_r_squared as number, e.r2, 1e-9, "within r2");
      close(g.adj_within_r_squared as number, e.adj_r2, 1e-9, "adj within r2");
      expect(g.df_residual).toBe(e.df_resid);
      expect(g.n_groups).toBe(e.ngroups);
    });

    it("time and two-way within; two-way clustering", () => {
      const et = ref[`${ds}_fe_time`];
      const ft = panel(t, F, { ...ID, model: "within", effect: "time", preset: "plm" });
      matchNamed(ft, et.coef, "coef");
      matchNamed(ft, et.se_iid, "se");
      const e = ref[`${ds}_fe_tw`];
      const f2 = panel(t, F, { ...ID, model: "within", effect: "twoways", preset: "plm" });
      matchNamed(f2, e.coef, "coef");
      matchNamed(f2, e.se_iid, "se");
      expect(f2.glance().df_residual).toBe(e.df_resid);
      close(f2.glance().within_r_squared as number, e.r2, 1e-9, "tw r2");
      close(f2.glance().adj_within_r_squared as number, e.adj_r2, 1e-9, "tw adj r2");
      matchNamed(panel(t, F, { ...ID, model: "within", effect: "twoways", preset: "plm", vcov: cluster("firm") }), e.se_cl_hc0, "se");
      matchNamed(feols(t, `${F} | firm + year`, { vcov: cluster("firm"), preset: "stata.areg" }), e.se_cl_areg, "se");
      // sandwich::vcovCL(~firm + year, multi0 = FALSE): G_j/(G_j − 1) per component, (N−1)/(N−K) with all dummies
      matchNamed(feols(t, `${F} | firm + year`, { vcov: cluster("firm", "year", { clusterDf: "conventional", K: "all", adjN: "n-1" }) }), e.se_cl2_hc1, "se");
      matchNamed(feols(t, `${F} | firm + year`, { vcov: cluster("firm", "year", { clusterDf: "conventional", adjN: "none" }) }), e.se_cl2_hc0, "se");
    });

    it("three-way FE by alternating projections with exact absorbed df (lm with dummies)", () => {
      const e = ref[`${ds}_fe3`];
      const f3 = feols(t, `${F} | firm + year + grp`, { vcov: "iid", preset: "stata.areg" });
      matchNamed(f3, e.coef, "coef");
      matchNamed(f3, e.se_iid, "se");
      expect(f3.glance().df_residual).toBe(e.df_resid);
    });

    it("random effects (Swamy–Arora) and between", () => {
      const e = ref[`${ds}_re`];
      const re = panel(t, F, { ...ID, model: "random", preset: "plm" });
      matchNamed(re, e.coef, "coef");
      matchNamed(re, e.se_iid, "se");
      close(re.init.sigma2!.idios, e.sigma2_idios, 1e-8, "sigma2 idios");
      close(re.init.sigma2!.id!, e.sigma2_id, 1e-8, "sigma2 id");
      const th = re.init.theta!;
      if (typeof th === "number") close(th, Array.isArray(e.theta) ? e.theta[0] : e.theta, 1e-8, "theta");
      else e.theta.forEach((v: number, i: number) => close(th[i], v, 1e-8, `theta ${i}`));
      close(re.glance().r_squared as number, e.r2_rss, 1e-9, "RE r2");
      if (ds === "grunfeld") close(re.glance().r_squared as number, e.r2, 1e-9, "RE r2 (plm r.squared, balanced)");
      matchNamed(panel(t, F, { ...ID, model: "random", preset: "plm", vcov: cluster("firm") }), e.se_cl_hc0, "se");
      const b = ref[`${ds}_between`];
      const be = panel(t, F, { ...ID, model: "between", preset: "plm" });
      matchNamed(be, b.coef, "coef");
      matchNamed(be, b.se_iid, "se");
      close(be.glance().r_squared as number, b.r2, 1e-9, "between r2");
    });

    it("lags within unit respect gaps in time (plm lag)", () => {
      const e = ref[`${ds}_fe_lag`];
      const fl = panel(t, "inv ~ l(value, 1) + capital", { ...ID, model: "within", preset: "plm" });
      expect(fl.nobs).toBe(e.nobs);
      e.coef.forEach((v: number, i: number) => close(fl.coefficients[i], v, REL, `lag coef ${i}`));
      e.se_iid.forEach((v: number, i: number) => close(fl.se[i], v, REL, `lag se ${i}`));
      expect(fl.messages.join(" ")).toMatch(/dropped for missing values/);
    });
  });
}

describe("formula features (lm)", () => {
  const t = data.grunfeld;
  it("x1*x2 interaction and i() factor dummies", () => {
    const e = ref.grunfeld_interact;
    const fit = feols(t, "inv ~ value * capital");
    expect(fit.names).toEqual(["(Intercept)", "value", "capital", "value:capital"]);
    Object.values(e.coef as Record<string, number>).forEach((v, i) => close(fit.coefficients[i], v, REL, `coef ${i}`));
    Object.values(e.se_iid as Record<string, number>).forEach((v, i) => close(fit.se[i], v, REL, `se ${i}`));
    const fd = feols(t, "inv ~ value + capital + i(year)");
    expect(fd.names[3]).toBe("year::1936");
    ref.grunfeld_factor_year.coef.forEach((v: number, i: number) => close(fd.coefficients[i], v, 1e-6, `coef ${i}`));
    ref.grunfeld_factor_year.se_iid.forEach((v: number, i: number) => close(fd.se[i], v, 1e-6, `se ${i}`));
  });

  it("collinear regressor dropped with a message", () => {
    const t2 = t.with("value2", Float64Array.from(t.num("value"), (v) => 2 * v));
    const fit = feols(t2, "inv ~ value + capital + value2");
    expect(fit.names).toEqual(["(Intercept)", "value", "capital"]);
    matchNamed(fit, ref.grunfeld_collinear.coef, "coef");
    expect(fit.messages.join(" ")).toContain("collinear: dropped value2");
  });

  it("plain columns and tidy()/glance() shape", () => {
    const cols = { y: t.num("inv"), x: t.num("value"), firm: t.str("firm") };
    const fit = feols(cols, "y ~ x | firm", { vcov: cluster("firm"), preset: "fixest" });
    const row = fit.tidy()[0];
    expect(Object.keys(row)).toEqual(["term", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high"]);
    expect(fit.glance().preset).toBe("fixest");
    expect(String(fit.glance().vcov)).toContain("cluster(firm)");
    expect(fit.residuals.length).toBe(200);
    expect(fit.fitted.length).toBe(200);
  });
});

describe("Produc (50 states × 17 years, read in place)", () => {
  it("two-way and one-way FE, RE", () => {
    const F2 = "l_gsp ~ l_pcap + l_pc + l_emp + unemp";
    const P = { id: "state", time: "year" };
    const tw = panel(produc, F2, { ...P, model: "within", effect: "twoways", preset: "plm" });
    matchNamed(tw, ref.produc_fe_tw.coef, "coef");
    matchNamed(tw, ref.produc_fe_tw.se_iid, "se");
    matchNamed(panel(produc, F2, { ...P, model: "within", effect: "twoways", preset: "plm", vcov: cluster("state") }), ref.produc_fe_tw.se_cl_hc0, "se");
    const ow = panel(produc, F2, { ...P, model: "within", preset: "plm", vcov: cluster("state", plmClusterType("sss")) });
    matchNamed(ow, ref.produc_fe_ind.coef, "coef");
    matchNamed(ow, ref.produc_fe_ind.se_cl_sss, "se");
    const re = panel(produc, F2, { ...P, model: "random", preset: "plm" });
    matchNamed(re, ref.produc_re.coef, "coef");
    matchNamed(re, ref.produc_re.se_iid, "se");
    close(re.init.theta as number, ref.produc_re.theta, 1e-8, "theta");
  });
});
