import { referenceFile } from "../kernel-lib/src/data/manifest";
import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { readTable } from "../kernel-lib/src/data";
import { DataError } from "../kernel-lib/src/data/errors";
import { bpLM, cluster, feols, hausman, ivreg, margins, mediation, pFtest, panel, permutationTest, sobel, vif, waldTest, hetero } from "../kernel-lib/src/panel";

// Expected numbers: test/reference/panel/make_expected.R (plm phtest/pFtest/plmtest, car vif/linearHypothesis, AER ivreg).
const REF = path.join(__dirname, "reference/panel");
const ref = JSON.parse(fs.readFileSync(path.join(REF, "expected.json"), "utf8"));
const produc = readTable(referenceFile("spatial_panel/produc_panel_with_WX.csv"));
const STAT = 1e-4;
function close(ours: number, theirs: number, rel: number, what: string) {
  if (!(Math.abs(ours - theirs) <= rel * Math.max(Math.abs(theirs), 1e-12))) throw new Error(`${what}: ours ${ours} vs reference ${theirs}`);
}
const F = "inv ~ value + capital";
const ID = { id: "firm", time: "year", preset: "plm" as const };

for (const ds of ["grunfeld", "grunfeld_unbalanced"]) {
  const t = readTable(path.join(REF, `${ds}.csv`));
  describe(`${ds}: specification tests`, () => {
    const fe = panel(t, F, { ...ID, model: "within" });
    const re = panel(t, F, { ...ID, model: "random" });
    const po = panel(t, F, { ...ID, model: "pooled" });
    it("pFtest (plm)", () => {
      const e = ref[`${ds}_fe_ind`].pftest;
      const r = pFtest(fe, po);
      close(r.statistic, e.statistic, STAT, "F");
      expect(r.df).toEqual([e.df1, e.df2]);
      close(r.p_value, e.p_value, 1e-3, "p");
    });
    it("Hausman: plm phtest and Stata sigmamore (formula in R on plm's matrices)", () => {
      const e = ref[`${ds}_tests`];
      const h = hausman(fe, re);
      close(h.statistic, e.hausman.statistic, STAT, "H");
      expect(h.df).toBe(e.hausman.df);
      close(h.p_value, e.hausman.p_value, STAT, "p");
      const s = hausman(fe, re, { sigmamore: true });
      close(s.statistic, e.hausman_sigmamore.statistic, STAT, "H sigmamore");
    });
    it("Breusch–Pagan LM (plm plmtest type bp)", () => {
      const e = ref[`${ds}_tests`].bp;
      const r = bpLM(po, t.str("firm"));
      close(r.statistic, e.statistic, STAT, "LM");
    });
    it("Wald tests (car linearHypothesis), clustered chi² and iid F", () => {
      const e = ref[`${ds}_fe_ind`];
      const fc = panel(t, F, { ...ID, model: "within", vcov: cluster("firm") });
      const w = waldTest(fc, ["value = capital"], { test: "chisq" });
      close(w.statistic, e.wald_value_eq_capital_cl.statistic, STAT, "W");
      close(w.p_value, e.wald_value_eq_capital_cl.p_value, STAT, "p");
      const w2 = waldTest(fe, ["value = 0", "capital = 0.3"]);
      close(w2.statistic, e.wald_joint_iid_F.statistic, STAT, "F");
      expect(w2.df).toEqual([e.wald_joint_iid_F.df1, e.wald_joint_iid_F.df2]);
    });
  });
}

describe("Produc: Hausman, VIF, IV", () => {
  const P = { id: "state", time: "year", preset: "plm" as const };
  const F2 = "l_gsp ~ l_pcap + l_pc + l_emp + unemp";
  it("phtest", () => {
    const h = hausman(panel(produc, F2, { ...P, model: "within" }), panel(produc, F2, { ...P, model: "random" }));
    close(h.statistic, ref.produc_hausman.statistic, STAT, "H");
  });
  it("VIF as car::vif / estat vif", () => {
    const v = vif(produc, ["l_pcap", "l_pc", "l_emp", "unemp"]);
    v.terms.forEach((r) => close(r.vif, ref.produc_vif.vif[r.term], 1e-8, r.term));
    close(v.mean_vif, ref.produc_vif.mean_vif, 1e-8, "mean");
    expect(v.terms[0].inv_vif).toBeCloseTo(1 / v.terms[0].vif, 12);
  });
  it("2SLS against AER::ivreg: coefficients, iid and HC1 SEs, weak-instrument F, Sargan", () => {
    const e = ref.produc_iv;
    const r = ivreg(produc, "l_gsp ~ l_emp + unemp | l_pcap ~ W_l_pcap + W_l_pc");
    for (const [term, v] of Object.entries(e.coef as Record<string, number>)) close(r.fit.coef(term), v, 1e-6, term);
    for (const [term, v] of Object.entries(e.se_iid as Record<string, number>)) close(r.fit.stdError(term), v, 1e-6, `se ${term}`);
    const rh = ivreg(produc, "l_gsp ~ l_emp + unemp | l_pcap ~ W_l_pcap + W_l_pc", { vcov: hetero("hc1"), preset: "stata.areg" });
    for (const [term, v] of Object.entries(e.se_hc1 as Record<string, number>)) close(rh.fit.stdError(term), v, 1e-6, `hc1 ${term}`);
    close(r.firstStage[0].F, e.weak_F, STAT, "first-stage F");
    close(r.craggDonaldF!, e.cd_F, STAT, "Cragg–Donald");
    close(r.sargan!.statistic, e.sargan, STAT, "Sargan");
    expect(r.stockYogo!["10%"]).toBe(19.93);
  });
});

describe("mediation and moderation", () => {
  const t = readTable(path.join(REF, "grunfeld.csv"));
  it("Baron–Kenny steps and Sobel/Aroian/Goodman (formula in R on lm output)", () => {
    const e = ref.grunfeld_mediation;
    const m = mediation(t, { x: "value", m: "capital", y: "inv", vcov: "iid" });
    close(m.a, e.a, 1e-8, "a");
    close(m.b, e.b, 1e-8, "b");
    close(m.totalEffect, e.total, 1e-8, "total");
    close(m.direct, e.direct, 1e-8, "direct");
    close(m.tests.sobel.z, e.sobel_z, STAT, "sobel");
    close(m.tests.aroian.z, e.aroian_z, STAT, "aroian");
    close(m.tests.goodman.z, e.goodman_z, STAT, "goodman");
    close(m.share, e.indirect / e.total, 1e-8, "share");
    expect(sobel(e.a, e.sa, e.b, e.sb).sobel.z).toBeCloseTo(e.sobel_z, 10);
  });
  it("cluster bootstrap with unit fixed effects gives each drawn copy of a unit its own effect", () => {
    // With firm FE, a firm drawn twice must enter as two firms; otherwise its copies share one intercept and the
    // within estimate of each draw changes. Relabelled draws reproduce the estimate when every firm is drawn once.
    const o = { x: "value", m: "capital", y: "inv", fe: "firm", vcov: "iid", bootstrap: { draws: 50, seed: 3, cluster: "firm" } };
    const r = mediation(t, o);
    expect(r.bootstrap!.percentile.every(Number.isFinite)).toBe(true);
    expect(r.bootstrap!.percentile[0]).toBeLessThan(r.indirect);
    expect(r.bootstrap!.percentile[1]).toBeGreaterThan(r.indirect);
  });

  it("cluster bootstrap of the indirect effect is seeded and reproducible", () => {
    const o = { x: "value", m: "capital", y: "inv", vcov: "iid", bootstrap: { draws: 200, seed: 42, cluster: "firm" } };
    const a = mediation(t, o).bootstrap!;
    const b = mediation(t, o).bootstrap!;
    expect(a).toEqual(b);
    expect(a.percentile[0]).toBeLessThan(a.percentile[1]);
    expect(a.biasCorrected[0]).toBeLessThan(a.biasCorrected[1]);
  });
  it("marginal effects at moderator values (delta method, R on lm)", () => {
    const e = ref.grunfeld_margins;
    const me = margins(feols(t, "inv ~ value * capital"), "value", "capital", e.at);
    me.forEach((r, i) => {
      close(r.effect, e.effect[i], 1e-8, "effect");
      close(r.std_error, e.se[i], 1e-6, "se");
    });
  });
  it("permutation test is seeded", () => {
    const t2 = t.with("east", t.num("firm").map((f) => (f <= 5 ? 1 : 0)));
    const a = permutationTest(t2, F, { term: "value", group: "east", unit: "firm", draws: 50, seed: 7 });
    expect(a).toEqual(permutationTest(t2, F, { term: "value", group: "east", unit: "firm", draws: 50, seed: 7 }));
    expect(a.p_value).toBeGreaterThan(0);
  });
});

describe("bad input fails loudly with a one-line message naming the column", () => {
  const t = readTable(path.join(REF, "grunfeld.csv"));
  it("unknown column", () => {
    expect(() => feols(t, "inv ~ valu + capital")).toThrow(DataError);
    expect(() => feols(t, "inv ~ valu + capital")).toThrow(/column "valu"/);
  });
  it("text column in a formula", () => {
    expect(() => feols(t, "inv ~ value + grp")).toThrow(/column "grp".*text/);
  });
  it("cluster column with missing values", () => {
    const c = Array.from(t.str("firm"), (v, i) => (i === 5 ? "" : v));
    const t2 = t.with("cl", c);
    expect(() => feols(t2, F, { vcov: cluster("cl") })).toThrow(/column "cl".*missing/);
    const msg = (() => { try { feols(t2, F, { vcov: cluster("cl") }); } catch (e) { return (e as Error).message; } return ""; })();
    expect(msg.split("\n").length).toBe(1);
  });
  it("lags without id/time, bad formula", () => {
    expect(() => feols(t, "inv ~ l(value,1)")).toThrow(/id and time/);
    expect(() => feols(t, "inv value")).toThrow(/y ~ x1/);
  });
});
