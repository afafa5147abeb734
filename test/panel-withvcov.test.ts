import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { readTable } from "../kernel-lib/src/data";
import { cluster, feols, hetero, iid, ivreg, panel, VcovSpec } from "../kernel-lib/src/panel";
import { PanelFit } from "../kernel-lib/src/panel/result";

// Expected SEs: fixest 0.14.2 summary(est, vcov = ...) on one fit (test/reference/panel/withvcov_reference.R).
// withVcov must equal fixest and a refit with that vcov to 1e-8 relative; against the refit it is in fact exact.
const REF = path.join(__dirname, "reference/panel");
const lines = fs.readFileSync(path.join(REF, "withvcov_expected.csv"), "utf8").trim().split("\n").slice(1);
const expected = lines.map((l) => {
  const [model, vcov, term, estimate, se, p] = l.split(",").map((c) => c.replace(/"/g, ""));
  return { model, vcov, term: term.replace(/^fit_/, ""), estimate: Number(estimate), se: Number(se), p: Number(p) };
});
const grunfeld = readTable(path.join(REF, "grunfeld.csv"));
const ivData = readTable(path.join(REF, "ivdiag_data.csv"));
const specs: Record<string, VcovSpec> = {
  iid: iid(),
  hetero: hetero("hc1"),
  cluster_firm: cluster("firm"),
  cluster_firm_year: cluster("firm", "year"),
  cluster_id: cluster("id"),
  cluster_id_year: cluster("id", "year"),
};
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

function check(model: string, base: PanelFit, refit: (v: VcovSpec) => PanelFit) {
  const rows = expected.filter((r) => r.model === model);
  for (const v of [...new Set(rows.map((r) => r.vcov))]) {
    const re = base.withVcov(specs[v]);
    const full = refit(specs[v]);
    expect(re.vcovLabel).toBe(full.vcovLabel);
    for (const r of rows.filter((x) => x.vcov === v)) {
      expect(rel(re.coef(r.term), r.estimate), `${model} ${v} ${r.term} estimate`).toBeLessThan(1e-8);
      expect(rel(re.stdError(r.term), r.se), `${model} ${v} ${r.term} SE vs fixest`).toBeLessThan(1e-8);
      expect(rel(re.stdError(r.term), full.stdError(r.term)), `${model} ${v} ${r.term} SE vs refit`).toBeLessThan(1e-12);
      const t = re.tidy().find((x) => x.term === r.term)!;
      expect(rel(t.p_value, r.p), `${model} ${v} ${r.term} p`).toBeLessThan(1e-6);
    }
    expect(re.glance()).toEqual(full.glance());
  }
}

describe("withVcov: new standard errors without refitting, as fixest's summary(est, vcov = ...)", () => {
  it("two-way FE feols: iid, HC1, cluster by firm, two-way cluster", () => {
    const base = feols(grunfeld, "inv ~ value + capital | firm + year", { vcov: "iid", preset: "fixest" });
    check("feols_twfe", base, (v) => feols(grunfeld, "inv ~ value + capital | firm + year", { vcov: v, preset: "fixest" }));
  });
  it("pooled OLS: HC1 and cluster, starting from iid", () => {
    const base = feols(grunfeld, "inv ~ value + capital", { vcov: "iid", preset: "fixest" });
    check("feols_pooled", base, (v) => feols(grunfeld, "inv ~ value + capital", { vcov: v, preset: "fixest" }));
  });
  it("2SLS with two-way FE: the fit and its first-stage F follow the new vcov", () => {
    const f = "y ~ x1 | id + year | d1 ~ z1 + z2";
    const base = ivreg(ivData, f, { vcov: "iid", preset: "fixest" });
    check("iv_twfe", base.fit, (v) => ivreg(ivData, f, { vcov: v, preset: "fixest" }).fit);
    const re = base.withVcov(cluster("id"));
    const full = ivreg(ivData, f, { vcov: cluster("id"), preset: "fixest" });
    expect(re.firstStage).toEqual(full.firstStage);
  });
  it("xtreg-style within and random effects equal a refit (robust = cluster(id) under stata.xtreg)", () => {
    const o = { id: "firm", time: "year", preset: "stata.xtreg" } as const;
    for (const model of ["within", "random"] as const) {
      const base = panel(grunfeld, "inv ~ value + capital", { ...o, model });
      for (const v of ["robust", "hc1", "iid"]) {
        const re = base.withVcov(v);
        const full = panel(grunfeld, "inv ~ value + capital", { ...o, model, vcov: v });
        expect(Array.from(re.se)).toEqual(Array.from(full.se));
        expect(re.vcovLabel).toBe(full.vcovLabel);
        expect(re.messages).toEqual(full.messages);
        expect(re.glance()).toEqual(full.glance());
      }
    }
  });
  it("a cluster column with a missing value in a used row is refused with its cell; between says it cannot", () => {
    const t = { ...Object.fromEntries(grunfeld.names.map((c) => [c, grunfeld.col(c)])), bad: grunfeld.str("grp").map((g, i) => (i === 7 ? "" : g)) };
    const base = feols(t, "inv ~ value + capital | firm", { vcov: "iid" });
    expect(() => base.withVcov(cluster("bad"))).toThrow(/row 8.*bad|bad.*row 8/);
    const be = panel(grunfeld, "inv ~ value + capital", { id: "firm", time: "year", model: "between" });
    expect(() => be.withVcov("hc1")).toThrow(/not available for the between/);
  });
});
