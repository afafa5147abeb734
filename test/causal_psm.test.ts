// Golden tests for propensity scores and matching against MatchIt 4.5.1 / glm on MatchIt's lalonde
// (test/reference/causal/psm_expected.json from make_psm_expected.R; compat "matchit-4.5.1") and, for the
// default mode, MatchIt 4.7.1 (test/reference/causal/matchit47/). Radius, kernel and Abadie–Imbens values
// come from the formulas coded independently in that R script.
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { readTable } from "../kernel-lib/src/data/table";
import { abadieImbens, attFromWeights, matchScores, psm, pscore } from "../kernel-lib/src/causal";
import { psmFamily } from "../kernel-lib/src/cli/causal";
import { parseArgs } from "../kernel-lib/src/cli/args";

const dir = path.join(__dirname, "reference/causal");
const E = JSON.parse(fs.readFileSync(path.join(dir, "psm_expected.json"), "utf8"));
const t = readTable(path.join(dir, "lalonde.csv"));
const covs = ["age", "educ", "black", "hispan", "married", "nodegree", "re74", "re75"];
const rel = (a: number, b: number, tol = 1e-6) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
const y = t.num("re78");

describe("propensity score", () => {
  for (const link of ["logit", "probit"] as const)
    it(`${link}: coefficients, SEs and fitted scores match glm`, () => {
      const r = pscore(t, { treatment: "treat", covariates: covs, link });
      const ref = E[`glm_${link}`];
      r.terms.forEach((term, j) => {
        rel(r.coefficients[j], ref.coef[term]);
        rel(r.std_errors[j], ref.se[term]);
      });
      (ref.fitted as number[]).forEach((p, i) => rel(r.score[i], p, 1e-7));
    });
});

describe("nearest-neighbour matching vs MatchIt", () => {
  const cases: [string, object][] = [
    ["nn1", { ratio: 1 }],
    ["nn1_rep", { ratio: 1, replace: true }],
    ["nn2", { ratio: 2 }],
    ["nn3_rep", { ratio: 3, replace: true }],
    ["nn1_cal", { caliper: 0.1 }],
    ["nn1_cal_abs", { caliper: 0.02, caliperScale: "abs" }],
    ["nn1_smallest", { order: "smallest" }],
    ["nn1_data", { order: "data" }],
    ["nn1_probit", { link: "probit" }],
  ];
  // MatchIt 4.5.1's nearest-neighbour matching on a score vector (src/nn_matchC_vec.cpp at commit 9762dc6, the last
  // "Version: 4.5.1" commit before the CRAN package of 2023-02-22; verified against the installed package) searches the score-sorted list left and right of each treated unit and compares
  // distances with C's int abs(), so on propensity scores every distance truncates to 0: the caliper never binds
  // (nn1_cal, nn1_cal_abs equal nn1) and the lower-score neighbour is always taken; and its "already matched to
  // this unit" check compares 0- and 1-based indices (kosukeimai/MatchIt#159), so nn3_rep repeats one control
  // three times per treated unit. Both were fixed in MatchIt 4.5.4 (#163, #159). compat "matchit-4.5.1"
  // reproduces that rule, so every case (match matrix, weights, counts, ATT, balance) is checked exactly.
  const exact = new Set(cases.map(([name]) => name));
  for (const [name, o] of cases)
    (exact.has(name) ? it : it.skip)(name, () => {
      const ref = E[name];
      const r = psm(t, { treatment: "treat", covariates: covs, outcome: "re78", compat: "matchit-4.5.1", ...(o as object) });
      // match matrix: treated row → controls (in match order)
      const got = new Map(r.matching.matches.map((m) => [m.treated, m.controls]));
      (ref.treated_rows as number[]).forEach((tr, k) => {
        const raw = Array.isArray(ref.match[k]) ? ref.match[k] : [ref.match[k]];
        const want = (raw as (number | null)[]).filter((v) => v !== null);
        // MatchIt's match matrix row, control by control (round order)
        expect(got.get(tr) ?? []).toEqual(want);
      });
      (ref.weights as number[]).forEach((w, i) => rel(r.matching.weights[i], w, 1e-9));
      expect(r.matching.matched_treated).toBe(ref.n_matched_treated);
      expect(r.matching.matched_control).toBe(ref.n_matched_control);
      rel(r.att!, ref.att, 1e-8);
      for (const b of r.balance) {
        rel(b.smd_before, ref.smd_before[b.covariate], 1e-8);
        rel(b.smd_after, ref.smd_after[b.covariate], 1e-8);
        rel(b.mean_treated_after, ref.mean_t_after[b.covariate], 1e-8);
        rel(b.mean_control_after, ref.mean_c_after[b.covariate], 1e-8);
        if (ref.vr_before[b.covariate] !== null && ref.vr_before[b.covariate] !== undefined) rel(b.var_ratio_before, ref.vr_before[b.covariate], 1e-8);
        if (ref.vr_after[b.covariate] !== null && ref.vr_after[b.covariate] !== undefined) rel(b.var_ratio_after, ref.vr_after[b.covariate], 1e-8);
      }
    });
});

// The default matching mode (no compat) against MatchIt 4.7.1 built from source (test/reference/causal/matchit47/,
// make_expected.R): matchit()'s own defaults (nearest, without replacement, ratio 1, logit score, m.order
// "largest") and ten variations. MatchIt's score (glm, tolerance 1e-8) and ours (1e-12) differ by < 3.2e-9 (logit)
// and 1.1e-6 (probit); no match depends on that. Every match-matrix row is compared control by control, except
// with replacement and ratio > 1, where MatchIt finds the k controls of a unit at once and orders exactly tied
// ones by std::partial_sort (not stable), while we take them in rounds: there each row is compared as a set (the
// weights, counts and ATT are still compared exactly).
const M47 = JSON.parse(fs.readFileSync(path.join(dir, "matchit47", "expected.json"), "utf8"));
describe(`default matching mode vs MatchIt ${M47.MatchIt_version}`, () => {
  const cases: Record<string, object> = {
    default: {},
    nn1_rep: { replace: true },
    nn2: { ratio: 2 },
    nn3_rep: { ratio: 3, replace: true },
    nn1_cal: { caliper: 0.1 },
    nn1_cal_abs: { caliper: 0.02, caliperScale: "abs" },
    nn2_cal: { ratio: 2, caliper: 0.05 },
    nn1_smallest: { order: "smallest" },
    nn1_data: { order: "data" },
    nn1_probit: { link: "probit" },
    nn1_discard: { discard: "both" },
  };
  it("covers every case of the reference", () => expect(Object.keys(cases).sort()).toEqual(Object.keys(M47.cases).sort()));
  for (const [name, o] of Object.entries(cases))
    it(name, () => {
      const ref = M47.cases[name];
      const r = psm(t, { treatment: "treat", covariates: covs, outcome: "re78", ...o });
      (ref.distance as number[]).forEach((p, i) => expect(Math.abs(r.pscore.score[i] - p)).toBeLessThan(name === "nn1_probit" ? 2e-6 : 1e-8));
      const got = new Map(r.matching.matches.map((m) => [m.treated, m.controls]));
      const asSet = (o as { replace?: boolean; ratio?: number }).replace && ((o as { ratio?: number }).ratio ?? 1) > 1;
      (ref.treated_rows as number[]).forEach((tr, k) => {
        const raw = Array.isArray(ref.match[k]) ? ref.match[k] : [ref.match[k]];
        const want = (raw as (number | null)[]).filter((v) => v !== null) as number[];
        const mine = got.get(tr) ?? [];
        if (asSet) expect([...mine].sort((a, b) => a - b)).toEqual([...want].sort((a, b) => a - b));
        else expect(mine).toEqual(want);
      });
      (ref.weights as number[]).forEach((w, i) => rel(r.matching.weights[i], w, 1e-12));
      expect(r.matching.matched_treated).toBe(ref.n_matched_treated);
      expect(r.matching.matched_control).toBe(ref.n_matched_control);
      expect(Math.abs(r.att! - ref.att)).toBeLessThanOrEqual(1e-9 * Math.abs(ref.att));
      for (const b of r.balance) {
        rel(b.smd_before, ref.smd_before[b.covariate], 1e-7);
        rel(b.smd_after, ref.smd_after[b.covariate], 1e-7);
      }
    });
});

describe("nearest-neighbour tie rules (hand-made scores, exact binary fractions)", () => {
  it("matchit: lower-score control on equal distance; among identical scores the list neighbour", () => {
    // rows: 0 control 0.75, 1 control 0.25, 2 treated 0.5 → equal distances: MatchIt takes the left (0.25)
    expect(matchScores([0.75, 0.25, 0.5], [0, 0, 1]).matches[0].controls).toEqual([1]);
    expect(matchScores([0.75, 0.25, 0.5], [0, 0, 1], { ties: "first" }).matches[0].controls).toEqual([0]);
    // rows 0, 1, 3 controls and 2 treated, all 0.5: the sorted list is 0 1 2 3, left neighbour of 2 is row 1
    expect(matchScores([0.5, 0.5, 0.5, 0.5], [0, 0, 1, 0]).matches[0].controls).toEqual([1]);
    expect(matchScores([0.5, 0.5, 0.5, 0.5], [0, 0, 1, 0], { ties: "first" }).matches[0].controls).toEqual([0]);
  });
  it("caliper binds except under compat matchit-4.5.1 (int abs)", () => {
    const o = { caliper: 0.125, caliperScale: "abs" as const };
    expect(matchScores([0.25, 0.5], [0, 1], o).matched_treated).toBe(0);
    expect(matchScores([0.25, 0.5], [0, 1], { ...o, compat: "matchit-4.5.1" }).matched_treated).toBe(1);
    // and under compat the left neighbour wins even when the right one is nearer
    expect(matchScores([0.25, 0.5, 0.5625], [0, 1, 0], { compat: "matchit-4.5.1" }).matches[0].controls).toEqual([0]);
    expect(matchScores([0.25, 0.5, 0.5625], [0, 1, 0]).matches[0].controls).toEqual([2]);
  });
  it("with replacement and ratio 2 a control is not repeated for a treated unit (MatchIt#159 only under compat)", () => {
    // two treated units (MatchIt's reuse.max with replacement is n1, so one treated unit could use a control once)
    const sc = [0.25, 0.5, 0.625, 0.875], tr = [0, 1, 0, 1];
    expect(matchScores(sc, tr, { ratio: 2, replace: true }).matches[0].controls).toEqual([2, 0]);
    expect(matchScores(sc, tr, { ratio: 2, replace: true, compat: "matchit-4.5.1" }).matches.map((m) => m.controls)).toEqual([[0, 0], [2, 2]]);
  });
});

describe("radius, kernel, Abadie–Imbens", () => {
  const ps = pscore(t, { treatment: "treat", covariates: covs });
  it("radius matching ATT", () => {
    for (const r of [0.01, 0.05]) {
      const m = matchScores(ps.score, ps.treat, { method: "radius", caliper: r, caliperScale: "abs" });
      rel(attFromWeights(y, ps.treat, m.weights), E[`radius_${r}`].att, 1e-8);
      expect(m.matched_treated).toBe(E[`radius_${r}`].n);
    }
  });
  it("kernel matching ATT (Epanechnikov and normal, h = 0.06)", () => {
    for (const k of ["epan", "normal"] as const) {
      const m = matchScores(ps.score, ps.treat, { method: "kernel", kernel: k, bandwidth: 0.06 });
      rel(attFromWeights(y, ps.treat, m.weights), E[`kernel_${k}_0.06`].att, 1e-8);
      expect(m.matched_treated).toBe(E[`kernel_${k}_0.06`].n);
    }
  });
  it("Abadie–Imbens ATT and SE (M = 1, 3; J = 2)", () => {
    for (const M of [1, 3]) {
      const r = abadieImbens(ps.score, ps.treat, y, M, 2);
      rel(r.att, E[`ai_m${M}`].att, 1e-8);
      rel(r.std_error, E[`ai_m${M}`].se, 1e-8);
    }
  });
  it("random order is seeded", () => {
    const a = matchScores(ps.score, ps.treat, { order: "random", seed: 5 });
    const b = matchScores(ps.score, ps.treat, { order: "random", seed: 5 });
    expect(a.matches).toEqual(b.matches);
  });
});

describe("psm CLI", () => {
  it("prints the JSON shape of the issue", async () => {
    const lines: string[] = [];
    const code = await psmFamily.run(parseArgs(["--data", path.join(dir, "lalonde.csv"), "--treatment", "treat", "--covariates", covs.join(","), "--outcome", "re78", "--method", "nearest", "--replace", "--json"], psmFamily.booleans), { out: (s) => lines.push(s), err: () => undefined });
    expect(code).toBe(0);
    const o = JSON.parse(lines[0]);
    expect(Object.keys(o)).toEqual(["propensity_coefficients", "matched_treated", "matched_control", "att", "att_se", "balance", "convergence"]);
    expect(Number.isFinite(o.att) && o.att_se > 0).toBe(true);
    rel(o.propensity_coefficients[1].estimate, E.glm_logit.coef.age);
    expect(Object.keys(o.balance[0])).toEqual(["covariate", "smd_before", "smd_after"]);
  });
});
