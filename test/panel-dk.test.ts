import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { readTable, Table } from "../kernel-lib/src/data";
import { driscollKraay, feols, panel } from "../kernel-lib/src/panel";
import type { PanelFit } from "../kernel-lib/src/panel/result";

// Expected Driscoll–Kraay SEs from fixest 0.14.2 (vcov = "DK"), plm 2.6.2 (vcovSCC, HC0) and Stata xtscc's documented
// scaling on plm's meat: test/reference/panel/dk_reference.R. Tolerance 1e-8 relative on SEs and estimates.
const REF = path.join(__dirname, "reference/panel");
const rows = fs.readFileSync(path.join(REF, "dk_expected.csv"), "utf8").trim().split("\n").slice(1).map((l) => {
  const [c, term, est, se, df] = l.split(",").map((x) => x.replace(/"/g, ""));
  return { c, term: term === "(Intercept)" ? "(Intercept)" : term, est: Number(est), se: Number(se), df: Number(df) };
});
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const g = readTable(path.join(REF, "grunfeld.csv"));
const gu = readTable(path.join(REF, "grunfeld_unbalanced.csv"));
const prRaw = readTable(path.join(REF, "produc.csv"));
const pr: Table = ["gsp", "pcap", "pc", "emp"].reduce((t, v) => t.with(`l${v}`, t.num(v).map(Math.log)), prRaw);

function check(c: string, fit: PanelFit) {
  const exp = rows.filter((r) => r.c === c);
  expect(exp.length, c).toBeGreaterThan(0);
  for (const r of exp) {
    expect(rel(fit.coef(r.term), r.est), `${c} ${r.term} estimate`).toBeLessThan(1e-8);
    expect(rel(fit.stdError(r.term), r.se), `${c} ${r.term} SE`).toBeLessThan(1e-8);
    expect(fit.df, `${c} t df`).toBe(r.df);
  }
}

describe("Driscoll–Kraay standard errors against fixest, plm and Stata xtscc's conventions", () => {
  it("fixest: vcov = \"DK\" (lag floor(T^(1/4)), T/(T−1)·(N−1)/(N−K)), two-way, one-way, pooled, unbalanced", () => {
    const o = { preset: "fixest" as const, vcov: driscollKraay("year") };
    check("fixest_twfe_grunfeld", feols(g, "inv ~ value + capital | firm + year", o));
    check("fixest_fe_grunfeld_L3", feols(g, "inv ~ value + capital | firm", { ...o, vcov: driscollKraay("year", 3) }));
    check("fixest_pooled_grunfeld", feols(g, "inv ~ value + capital", o));
    check("fixest_twfe_unbalanced", feols(gu, "inv ~ value + capital | firm + year", o));
    check("fixest_fe_produc", feols(pr, "lgsp ~ lpcap + lpc + lemp + unemp | state", o));
  });
  it("plm: vcovSCC with type HC0 (no small-sample factor), residual df", () => {
    const o = { preset: "plm" as const, id: "firm", time: "year" };
    check("plm_fe_grunfeld", panel(g, "inv ~ value + capital", { ...o, model: "within", vcov: "dk" }));
    check("plm_twfe_grunfeld_L3", panel(g, "inv ~ value + capital", { ...o, model: "within", effect: "twoways", vcov: driscollKraay("year", 3) }));
    check("plm_pooled_produc", panel(pr, "lgsp ~ lpcap + lpc + lemp + unemp", { ...o, id: "state", model: "pooling", vcov: "dk" }));
  });
  it("Stata xtscc: lag floor(4(T/100)^(2/9)), T/(T−1)·(N−1)/(N−K) with K = regressors + _cons, t(T−1)", () => {
    const o = { preset: "stata.xtreg" as const, id: "firm", time: "year" };
    const fe = panel(g, "inv ~ value + capital", { ...o, model: "within", vcov: "dk" });
    check("xtscc_fe_grunfeld", fe);
    expect(fe.vcovLabel).toContain("lag 2");
    check("xtscc_pooled_grunfeld", feols(g, "inv ~ value + capital", { preset: "stata.reghdfe", vcov: driscollKraay("year") }));
    check("xtscc_fe_produc_L4", feols(pr, "lgsp ~ lpcap + lpc + lemp + unemp | state", { preset: "stata.reghdfe", vcov: driscollKraay("year", 4) }));
  });
  it("withVcov(driscollKraay) equals a refit, and bad requests fail loudly", () => {
    const base = feols(g, "inv ~ value + capital | firm + year", { preset: "fixest", vcov: "iid" });
    const re = base.withVcov(driscollKraay("year"));
    const full = feols(g, "inv ~ value + capital | firm + year", { preset: "fixest", vcov: driscollKraay("year") });
    for (const t of ["value", "capital"]) expect(re.stdError(t)).toBe(full.stdError(t));
    expect(() => feols(g, "inv ~ value", { vcov: "dk" })).toThrow(/period variable/);
    expect(() => driscollKraay("year", 1.5)).toThrow(/whole number/);
    expect(() => feols(g, "inv ~ value", { vcov: driscollKraay("year", 25) })).toThrow(/lag 25 needs more than 20 periods/);
  });
  it("does not depend on row order", () => {
    const idx = Array.from({ length: g.nRows }, (_, i) => (i * 37) % g.nRows);
    const a = feols(g, "inv ~ value + capital | firm", { vcov: driscollKraay("year") });
    const b = feols(Table.fromColumns("shuffled", Object.fromEntries(g.names.map((c) => [c, idx.map((i) => g.col(c)[i] as number | string)]))),
      "inv ~ value + capital | firm", { vcov: driscollKraay("year") });
    for (const t of ["value", "capital"]) expect(rel(a.stdError(t), b.stdError(t))).toBeLessThan(1e-12);
  });
});
