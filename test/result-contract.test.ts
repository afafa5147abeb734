import * as path from "path";
import { inspect } from "util";
import { describe, expect, it } from "vitest";
import { readTable } from "../kernel-lib/src/data";
import { ModelResult, TIDY_COLUMNS } from "../kernel-lib/src/core/result";
import { feols, ivreg, panel, threshold } from "../kernel-lib/src/panel";
import { fitSpatial, readWeightsCsv, spatialRegression } from "../kernel-lib/src/spatial";
import { eventStudy, psm, psmDid, twfeDid } from "../kernel-lib/src/causal";
import { dea, malmquist, productivityIndex } from "../kernel-lib/src/dea";
import { analyse } from "../kernel-lib/src/qca/analysis";
import { trainGbdt } from "../kernel-lib/src/gbdt";
import { shapImportance } from "../kernel-lib/src/gbdt/result";

// Every family's result implements one contract (kernel-lib/src/core/result.ts): tidy() with broom's columns
// (null where a method has no such statistic, never NaN), glance() with nobs and the inference convention,
// summary() text naming the convention, and an HTML + text MIME bundle. Small inputs from test/reference.
const REF = path.join(__dirname, "reference");
const grunfeld = readTable(path.join(REF, "panel/grunfeld.csv"));
const stag = readTable(path.join(REF, "causal/staggered_panel.csv"));
const lalonde = readTable(path.join(REF, "causal/lalonde.csv"));
const cross = readTable(path.join(REF, "spatial/cross.csv"));
const W = readWeightsCsv(path.join(REF, "spatial/W_knn5_rowstd.csv"));

function checkContract(name: string, r: ModelResult, expectTerms?: string[]) {
  const tidy = r.tidy();
  expect(tidy.length, `${name}: tidy rows`).toBeGreaterThan(0);
  for (const row of tidy) {
    for (const c of TIDY_COLUMNS) expect(row, `${name}: tidy column ${c}`).toHaveProperty(c);
    expect(typeof row.term).toBe("string");
    for (const c of TIDY_COLUMNS.slice(1)) {
      const v = (row as unknown as Record<string, unknown>)[c];
      expect(v === null || (typeof v === "number" && Number.isFinite(v)), `${name}: ${row.term}.${c} = ${v}`).toBe(true);
    }
  }
  if (expectTerms) expect(tidy.map((x) => x.term).slice(0, expectTerms.length)).toEqual(expectTerms);
  const g = r.glance();
  expect(g.nobs === null || (Number.isInteger(g.nobs) && g.nobs > 0), `${name}: glance nobs`).toBe(true);
  expect(typeof g.inference).toBe("string");
  expect(g.inference.length).toBeGreaterThan(3);
  const s = r.summary();
  expect(s).toContain(tidy[0].term);
  const b = r.mimeBundle();
  expect(b["text/html"]).toMatch(/^<div class="regionlab-result">[\s\S]*<table>/);
  expect(b["text/plain"]).toBe(s);
  // outside a kernel, the last value of a cell (console.log → util.inspect) prints the summary
  expect(inspect(r)).toBe(s);
  return { tidy, glance: g, summary: s };
}

describe("ModelResult contract", () => {
  it("panel: feols and panel(), with the vcov and preset named in glance and summary", () => {
    const f = feols(grunfeld, "inv ~ value + capital | firm + year", { vcov: "cluster", cluster: "firm" });
    const { glance, summary } = checkContract("feols", f, ["value", "capital"]);
    expect(glance.inference).toMatch(/cluster\(firm\).*preset stata\.reghdfe.*t\(9\)/);
    expect(summary).toMatch(/Standard errors: cluster\(firm\)/);
    checkContract("panel re", panel(grunfeld, "inv ~ value + capital", { id: "firm", time: "year", model: "random" }), ["(Intercept)", "value", "capital"]);
  });
  it("IV (2SLS), with first-stage F in glance", () => {
    const iv = ivreg(readTable(path.join(REF, "panel/ivdiag_data.csv")), "y ~ x1 | id + year | d1 ~ z1 + z2", { vcov: "hc1" });
    const { glance } = checkContract("ivreg", iv, ["x1", "d1"]);
    expect(glance.first_stage_f_d1).toBeGreaterThan(0);
  });
  it("threshold: threshold rows with LR intervals, then the regime regression", () => {
    const r = threshold(readTable(path.join(REF, "panel/threshold_panel.csv")), { id: "id", time: "year", y: "y", x: ["x1", "x2"], rx: "fin", q: "q", nthresh: 1, bootstrap: 0, seed: 1 });
    const { tidy } = checkContract("threshold", r);
    expect(tidy[0].term).toMatch(/^threshold/);
    expect(tidy[0].std_error).toBeNull();
    expect(tidy[0].conf_low).not.toBeNull();
  });
  it("spatial: fitSpatial (ρ first, z) and spatialRegression (with impacts)", () => {
    const f = fitSpatial({ y: cross.num("y"), x: [cross.num("x1"), cross.num("x2")], xNames: ["x1", "x2"], w: W, model: "sar" });
    const { glance } = checkContract("sar", f, ["rho"]);
    expect(glance.inference).toMatch(/z \(normal\)/);
    const r = spatialRegression(cross, { formula: "y ~ x1 + x2", weights: W, id: "id", model: "sdm", impacts: { draws: 50, seed: 1 } });
    const { tidy } = checkContract("spatialRegression", r, ["rho"]);
    expect(tidy.some((x) => x.term === "direct: x1" && x.std_error !== null)).toBe(true);
  });
  it("DID, event study, PSM and PSM-DID", () => {
    const did = twfeDid(stag, { id: "id", time: "year", y: "y", treatment: "D", covariates: ["x1"], preset: "plm", cluster: "id" });
    checkContract("twfeDid", did, ["ATT"]);
    const es = eventStudy(stag, { id: "id", time: "year", y: "y", cohort: "cohort", leads: 3, lags: 3, preset: "plm", cluster: "id" });
    const { tidy, glance } = checkContract("eventStudy", es);
    expect(tidy.filter((x) => (x as unknown as { reference: boolean }).reference).every((x) => x.statistic === null)).toBe(true);
    expect(glance.pretrend_p_value).toBeGreaterThanOrEqual(0);
    const covs = ["age", "educ", "black", "hispan", "married", "nodegree", "re74", "re75"];
    const m = psm(lalonde, { treatment: "treat", covariates: covs, outcome: "re78", replace: true });
    checkContract("psm", m, ["ATT"]);
    const pd = psmDid(stag, { id: "id", time: "year", y: "y", cohort: "cohort", covariates: ["x1"], preset: "plm", cluster: "id" });
    checkContract("psmDid", pd, ["ATT"]);
  });
  it("DEA: one tidy row per DMU (estimate = score, no SEs), and the array still works as before", () => {
    const d = { dmus: ["A", "B", "C", "D", "E"], X: [[2, 3], [4, 1], [4, 4], [3, 2], [5, 5]], Y: [[1], [1], [1], [1], [1]], inputNames: ["x1", "x2"], outputNames: ["y"] };
    const r = dea(d, { model: "ccr", orientation: "input" });
    const { tidy, glance } = checkContract("dea", r, ["A", "B", "C", "D", "E"]);
    expect(tidy.map((x) => x.estimate)).toEqual(r.map((x) => x.efficiency));
    expect(tidy.every((x) => x.std_error === null && x.p_value === null)).toBe(true);
    expect(glance.nobs).toBe(5);
    expect(JSON.parse(JSON.stringify(r))).toHaveLength(5);
  });
  it("Malmquist and productivity indices: one tidy row per DMU-period (estimate = tfpch), DEAP's means in glance", () => {
    // 3 DMUs × 3 periods, one input and one output: CRS efficiency is y/x over the period's best ratio
    const d = { dmus: ["A", "B", "C", "A", "B", "C", "A", "B", "C"], periods: [1, 1, 1, 2, 2, 2, 3, 3, 3],
      X: [[2], [4], [5], [2], [4], [4], [2], [3], [4]], Y: [[2], [2], [1], [3], [2], [2], [3], [3], [4]] };
    const m = malmquist(d);
    const { tidy, glance } = checkContract("malmquist", m, ["A 2", "B 2", "C 2"]);
    expect(tidy.map((x) => x.estimate)).toEqual(m.results.map((x) => x.tfpch));
    expect(glance.nobs).toBe(6);
    expect(glance.mean_tfpch).toBe(m.mean.tfpch);
    expect(glance.inference).toMatch(/DEAP 2\.1 Malmquist, output-oriented/);
    // single input/output under CRS: TFP change is the change in y/x (A: 1 → 1.5 → 1.5)
    expect(m.results[0].tfpch).toBeCloseTo(1.5, 12);
    expect(m.results[3].tfpch).toBeCloseTo(1, 12);
    expect(Object.keys(JSON.parse(JSON.stringify(m)))).toEqual(["results", "distances", "byPeriod", "byDmu", "mean"]);
    const ml = productivityIndex(d, { index: "global" });
    checkContract("productivityIndex", ml, ["A 2"]);
    expect(ml.glance().inference).toMatch(/global Malmquist index on radial efficiency, CRS/);
  });
  it("QCA: one tidy row per (model, term) with consistency and coverage", () => {
    const cols = { A: [0.9, 0.8, 0.2, 0.7, 0.1, 0.6], B: [0.8, 0.9, 0.3, 0.2, 0.2, 0.7], Y: [0.9, 0.8, 0.1, 0.6, 0.2, 0.7] };
    const a = analyse(cols, { outcome: "Y", conditions: ["A", "B"], solution: "parsimonious", inclCut: 0.8 });
    const { tidy } = checkContract("qca", a);
    expect(tidy[0]).toHaveProperty("consistency");
    expect(tidy[0]).toHaveProperty("raw_coverage");
  });
  it("GBDT: feature importance rows (estimate = gain) and mean |SHAP| rows", () => {
    const X = Array.from({ length: 60 }, (_, i) => [i % 7, (i * 3) % 11, (i * 5) % 13]);
    const y = X.map((r) => 2 * r[0] - r[1] + 0.1 * r[2]);
    const m = trainGbdt(X, y, { nEstimators: 5, maxDepth: 2 });
    const { tidy, glance } = checkContract("gbdt", m, ["f0", "f1", "f2"].map((f, j) => m.featureNames[j] ?? f));
    expect(tidy[0]).toHaveProperty("total_gain");
    expect(glance.nobs).toBe(60);
    const s = shapImportance(m, X);
    const t2 = checkContract("shap", s).tidy;
    expect(t2.every((x) => (x.estimate ?? -1) >= 0)).toBe(true);
    expect(JSON.parse(JSON.stringify(m))).not.toHaveProperty("tidy");
  });
});
