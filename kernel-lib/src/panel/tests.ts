/** Specification tests: pFtest, Hausman (plm phtest; Stata sigmamore), Breusch–Pagan LM, VIF, Wald, Chow, permutation. */
import { createRng } from "../rng";
import { PanelData, asTable, numericColumn } from "./design";
import { feols } from "./estimate";
import { refitDesign } from "./refit";
import { crossprod, invSPD, quadInv, subMatrix } from "../core/linalg";
import { PanelFit, pchisqUpper, pfUpper } from "./result";

export interface TestResult {
  statistic: number;
  df: number | [number, number];
  p_value: number;
  method: string;
}

/** F test for individual effects (plm pFtest): within fit against the pooled fit of the same formula. */
export function pFtest(within: PanelFit, pooled: PanelFit): TestResult {
  const dfW = within.init.dfResid;
  const dfP = pooled.init.dfResid;
  const df1 = dfP - dfW;
  const F = (pooled.init.rss - within.init.rss) / df1 / (within.init.rss / dfW);
  return { statistic: F, df: [df1, dfW], p_value: pfUpper(F, df1, dfW), method: "F test for fixed effects" };
}

/**
 * Hausman test of FE (consistent) against RE (efficient) on their common slopes: H = d'(V_c − V_e)⁻¹d, as plm
 * phtest. `sigmamore`: V_c rescaled to the efficient model's residual variance (s²_e/s²_c), Stata's
 * `hausman, sigmamore`.
 */
export function hausman(consistent: PanelFit, efficient: PanelFit, opts: { sigmamore?: boolean } = {}): TestResult {
  const common = consistent.names.filter((n) => n !== "(Intercept)" && efficient.names.includes(n));
  const ic = common.map((n) => consistent.names.indexOf(n));
  const ie = common.map((n) => efficient.names.indexOf(n));
  const k = common.length;
  const Vc = subMatrix(consistent.vcov, consistent.names.length, ic);
  const Ve = subMatrix(efficient.vcov, efficient.names.length, ie);
  const s = opts.sigmamore ? efficient.init.rss / efficient.init.dfResid / (consistent.init.rss / consistent.init.dfResid) : 1;
  const D = Vc.map((v, i) => v * s - Ve[i]);
  const d = common.map((_, j) => consistent.coefficients[ic[j]] - efficient.coefficients[ie[j]]);
  const H = quadInv(D, k, d, "V_consistent − V_efficient");
  return { statistic: H, df: k, p_value: pchisqUpper(H, k), method: opts.sigmamore ? "Hausman (sigmamore)" : "Hausman (plm phtest)" };
}

/**
 * Breusch–Pagan LM test for random (individual) effects on pooled OLS residuals, as plm plmtest(type = "bp"):
 * LM = N²/(2 Σ T_i(T_i−1)) · (Σ_i (Σ_t e_it)² / Σ e² − 1)² ~ χ²(1) (equals nT/(2(T−1))·(…)² when balanced).
 */
export function bpLM(pooled: PanelFit, ids: readonly (string | number)[]): TestResult {
  const e = pooled.residuals;
  const rowIds = pooled.rows.map((r) => String(ids[r]));
  const sums = new Map<string, number>();
  const T = new Map<string, number>();
  let ss = 0;
  rowIds.forEach((g, i) => {
    sums.set(g, (sums.get(g) ?? 0) + e[i]);
    T.set(g, (T.get(g) ?? 0) + 1);
    ss += e[i] * e[i];
  });
  let num = 0;
  for (const v of sums.values()) num += v * v;
  let tt = 0;
  for (const t of T.values()) tt += t * (t - 1);
  const N = e.length;
  const LM = ((N * N) / (2 * tt)) * (num / ss - 1) ** 2;
  return { statistic: LM, df: 1, p_value: pchisqUpper(LM, 1), method: "Breusch–Pagan LM (random effects)" };
}

export interface VifResult {
  terms: { term: string; vif: number; inv_vif: number }[];
  mean_vif: number;
}

/** Variance inflation factors (Stata estat vif, car::vif for single-df terms): diag of the inverse correlation matrix. */
export function vif(data: PanelData, vars: readonly string[]): VifResult {
  const t = asTable(data);
  const cols = vars.map((v) => numericColumn(t, v, "VIF variable"));
  const n = t.nRows;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (cols.every((c) => !Number.isNaN(c[i]))) keep.push(i);
  const z = cols.map((c) => {
    const x = Float64Array.from(keep, (i) => c[i]);
    const m = x.reduce((a, b) => a + b, 0) / x.length;
    const d = x.map((v) => v - m);
    const s = Math.sqrt(d.reduce((a, b) => a + b * b, 0));
    return d.map((v) => v / s);
  });
  const k = vars.length;
  const Ri = invSPD(crossprod(z), k, "correlation matrix of the regressors");
  const terms = vars.map((term, j) => ({ term, vif: Ri[j * k + j], inv_vif: 1 / Ri[j * k + j] }));
  return { terms, mean_vif: terms.reduce((a, b) => a + b.vif, 0) / k };
}

/**
 * Wald test of linear restrictions R b = r written as strings: "value = capital", "capital = 0.3",
 * "2*x1 - x2 = 0". test "F" (W/q against F(q, df of the fit)) or "chisq".
 */
export function waldTest(fit: PanelFit, hypotheses: string[], opts: { test?: "F" | "chisq" } = {}): TestResult {
  const k = fit.names.length;
  const q = hypotheses.length;
  const R = new Float64Array(q * k);
  const r = new Float64Array(q);
  hypotheses.forEach((h, row) => {
    const [lhs, rhs = "0"] = h.split("=");
    const side = (s: string, sign: number) => {
      const toks = s.replace(/\s+/g, "").replace(/-/g, "+-").split("+").filter(Boolean);
      for (const tok of toks) {
        const m = /^(-?)(?:([0-9.eE]+)\*)?(.+)$/.exec(tok)!;
        const coefSign = m[1] ? -1 : 1;
        const num = Number(m[3]);
        if (!Number.isNaN(num) && m[2] === undefined) {
          r[row] -= sign * coefSign * num;
          continue;
        }
        const j = fit.names.indexOf(m[3]);
        if (j < 0) throw new Error(`waldTest: no coefficient "${m[3]}" in "${h}" (have: ${fit.names.join(", ")})`);
        R[row * k + j] += sign * coefSign * (m[2] ? Number(m[2]) : 1);
      }
    };
    side(lhs, 1);
    side(rhs, -1);
  });
  const d = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    let s = -r[i];
    for (let j = 0; j < k; j++) s += R[i * k + j] * fit.coefficients[j];
    d[i] = s;
  }
  const M = new Float64Array(q * q);
  for (let a = 0; a < q; a++)
    for (let b = 0; b < q; b++) {
      let s = 0;
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) s += R[a * k + i] * fit.vcov[i * k + j] * R[b * k + j];
      M[a * q + b] = s;
    }
  const W = quadInv(M, q, d, "R V R'");
  if ((opts.test ?? "F") === "chisq") return { statistic: W, df: q, p_value: pchisqUpper(W, q), method: "Wald (chi-squared)" };
  return { statistic: W / q, df: [q, fit.df], p_value: pfUpper(W / q, q, fit.df), method: "Wald (F)" };
}

/**
 * Chow test of equal coefficients (all, including the intercept) across the levels of `group`: pooled OLS
 * against separate OLS per group, F = ((RSS_p − ΣRSS_g)/(k(G−1))) / (ΣRSS_g/(N − Gk)).
 */
export function chowTest(data: PanelData, formula: string, group: string): TestResult {
  const t = asTable(data);
  const g = t.str(group);
  const pooled = feols(t, formula, { vcov: "iid" });
  const levels = [...new Set(pooled.rows.map((r) => g[r]))];
  let rss = 0;
  let n = 0;
  for (const l of levels) {
    const sub = feols(t.filter((i) => g[i] === l), formula, { vcov: "iid" });
    rss += sub.init.rss;
    n += sub.nobs;
  }
  const k = pooled.names.length;
  const df1 = k * (levels.length - 1);
  const df2 = n - levels.length * k;
  const F = (pooled.init.rss - rss) / df1 / (rss / df2);
  return { statistic: F, df: [df1, df2], p_value: pfUpper(F, df1, df2), method: "Chow test" };
}

/**
 * Fisher's permutation test for the difference of one coefficient between two subgroups (as papers compare
 * coefficients across regions): group labels are permuted across units (`unit`, else rows) `draws` times
 * with the seeded generator; p = (1 + #{|d*| ≥ |d|}) / (1 + draws).
 */
export function permutationTest(
  data: PanelData,
  formula: string,
  opts: { term: string; group: string; unit?: string; draws?: number; seed: number; fit?: (d: PanelData, f: string) => PanelFit },
): { difference: number; p_value: number; draws: number; seed: number } {
  const t = asTable(data);
  const fit = opts.fit ?? ((d: PanelData, f: string) => feols(d, f, { vcov: "iid" }));
  const grp = t.str(opts.group);
  const levels = [...new Set(grp)].sort();
  if (levels.length !== 2) throw new Error(`permutationTest: group "${opts.group}" must have two levels, has ${levels.length}`);
  // the default fit needs only the coefficient: refit it on row indices (bit-identical to feols' coef)
  const refit = opts.fit ? undefined : refitDesign(t, [formula], { vcov: "iid" });
  const rowsOf = (labels: string[], level: string) => {
    const idx: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === level) idx.push(i);
    return idx;
  };
  const coefOn = (labels: string[], level: string) =>
    refit ? refit.coefs(rowsOf(labels, level), [[0, opts.term]])[0] : fit(t.filter((i) => labels[i] === level), formula).coef(opts.term);
  const diff = (labels: string[]) => coefOn(labels, levels[1]) - coefOn(labels, levels[0]);
  const d0 = diff(grp);
  const draws = opts.draws ?? 1000;
  const rng = createRng(opts.seed, `permutationTest(${opts.term})`);
  // units in order of first appearance, each with the label of its first row; every row then follows its unit
  const units = opts.unit ? t.str(opts.unit) : undefined;
  const unitOf = new Int32Array(grp.length);
  const uLabels: string[] = [];
  const uIndex = new Map<string, number>();
  for (let i = 0; i < grp.length; i++) {
    if (!units) {
      unitOf[i] = uLabels.push(grp[i]) - 1;
      continue;
    }
    let u = uIndex.get(units[i]);
    if (u === undefined) uIndex.set(units[i], (u = uLabels.push(grp[i]) - 1));
    unitOf[i] = u;
  }
  let extreme = 0;
  for (let b = 0; b < draws; b++) {
    const perm = rng.shuffle(uLabels.slice());
    const lab = Array.from(unitOf, (u) => perm[u]);
    if (Math.abs(diff(lab)) >= Math.abs(d0) - 1e-12) extreme++;
  }
  return { difference: d0, p_value: (1 + extreme) / (1 + draws), draws, seed: opts.seed };
}

