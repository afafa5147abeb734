/**
 * Covariate balance before and after matching, in both conventions users compare against:
 *  - MatchIt summary(m) (ATT): standardised mean difference (mean_T − mean_C)/sd_T with sd_T the treated
 *    group's SD in the full sample (√(p(1−p)) for binary covariates), means weighted by the matching weights after;
 *    variance ratio of weighted variances (Σw(x−x̄_w)² · Σw/((Σw)² − Σw²)).
 *  - Stata pstest: %bias = 100 (mean_T − mean_C)/√((s²_T + s²_C)/2) with the UNMATCHED sample variances both
 *    before and after, |bias| reduction %, t-tests of equal means (after: weighted regression of x on the
 *    treatment as `reg x treat [iw=_weight]`), variance ratio V(T)/V(C).
 */
import { Figure } from "../display/figure";
import { tTwoSided } from "../core/distributions";

export interface BalanceRow {
  covariate: string;
  mean_treated_before: number;
  mean_control_before: number;
  mean_treated_after: number;
  mean_control_after: number;
  smd_before: number;
  smd_after: number;
  bias_before: number;
  bias_after: number;
  bias_reduction: number;
  t_before: number;
  p_before: number;
  t_after: number;
  p_after: number;
  var_ratio_before: number;
  var_ratio_after: number;
}

function wstats(x: ArrayLike<number>, w: ArrayLike<number>, treat: ArrayLike<number>, grp: number) {
  let sw = 0, sw2 = 0, sx = 0;
  for (let i = 0; i < x.length; i++) if ((treat[i] ? 1 : 0) === grp && w[i] > 0) (sw += w[i]), (sw2 += w[i] * w[i]), (sx += w[i] * x[i]);
  const m = sx / sw;
  let ss = 0;
  for (let i = 0; i < x.length; i++) if ((treat[i] ? 1 : 0) === grp && w[i] > 0) ss += w[i] * (x[i] - m) ** 2;
  return { mean: m, variance: (ss * sw) / (sw * sw - sw2), sumW: sw, ss };
}

/** Weighted two-group t statistic by WLS of x on [1, treat] with importance weights (Stata iweights). */
function wT(x: ArrayLike<number>, w: ArrayLike<number>, treat: ArrayLike<number>): { t: number; p: number } {
  const a = wstats(x, w, treat, 1);
  const b = wstats(x, w, treat, 0);
  const diff = a.mean - b.mean;
  const df = a.sumW + b.sumW - 2;
  const s2 = (a.ss + b.ss) / df;
  const se = Math.sqrt(s2 * (1 / a.sumW + 1 / b.sumW));
  const t = diff / se;
  return { t, p: tTwoSided(t, df) };
}

export function balanceTable(cols: Record<string, ArrayLike<number>>, treat: ArrayLike<number>, weights: ArrayLike<number>): BalanceRow[] {
  const ones = new Float64Array(treat.length).fill(1);
  return Object.entries(cols).map(([name, x]) => {
    const tb = wstats(x, ones, treat, 1);
    const cb = wstats(x, ones, treat, 0);
    const ta = wstats(x, weights, treat, 1);
    const ca = wstats(x, weights, treat, 0);
    let binary = true;
    for (let i = 0; i < x.length && binary; i++) if (x[i] !== 0 && x[i] !== 1) binary = false;
    // MatchIt: for binary covariates the treated SD is √(p(1 − p))
    const sdT = binary ? Math.sqrt(tb.mean * (1 - tb.mean)) : Math.sqrt(tb.variance);
    const pooled = Math.sqrt((tb.variance + cb.variance) / 2);
    const biasB = (100 * (tb.mean - cb.mean)) / pooled;
    const biasA = (100 * (ta.mean - ca.mean)) / pooled;
    const tB = wT(x, ones, treat);
    const tA = wT(x, weights, treat);
    return {
      covariate: name,
      mean_treated_before: tb.mean,
      mean_control_before: cb.mean,
      mean_treated_after: ta.mean,
      mean_control_after: ca.mean,
      smd_before: (tb.mean - cb.mean) / sdT,
      smd_after: (ta.mean - ca.mean) / sdT,
      bias_before: biasB,
      bias_after: biasA,
      bias_reduction: 100 * (1 - Math.abs(biasA) / Math.abs(biasB)),
      t_before: tB.t,
      p_before: tB.p,
      t_after: tA.t,
      p_after: tA.p,
      var_ratio_before: tb.variance / cb.variance,
      var_ratio_after: ta.variance / ca.variance,
    };
  });
}

/** Gaussian kernel density (Silverman bandwidth) of the score by group, before and after matching. */
export function scoreDensityFigure(score: ArrayLike<number>, treat: ArrayLike<number>, weights: ArrayLike<number>, title = "Propensity score density"): Figure {
  const grid = Array.from({ length: 101 }, (_, i) => i / 100);
  const dens = (grp: number, w: ArrayLike<number>) => {
    const xs: number[] = [];
    const ws: number[] = [];
    for (let i = 0; i < score.length; i++) if ((treat[i] ? 1 : 0) === grp && w[i] > 0) (xs.push(score[i]), ws.push(w[i]));
    const sw = ws.reduce((a, b) => a + b, 0);
    const m = xs.reduce((a, x, i) => a + x * ws[i], 0) / sw;
    const v = xs.reduce((a, x, i) => a + ws[i] * (x - m) ** 2, 0) / sw;
    const h = 1.06 * Math.sqrt(v) * Math.pow(xs.length, -0.2) || 0.05;
    return grid.map((g) => xs.reduce((a, x, i) => a + ws[i] * Math.exp(-0.5 * ((g - x) / h) ** 2), 0) / (sw * h * Math.sqrt(2 * Math.PI)));
  };
  const ones = new Float64Array(score.length).fill(1);
  return {
    data: [
      { type: "scatter", mode: "lines", name: "treated, before", x: grid, y: dens(1, ones), line: { color: "#d62728", dash: "dot" } },
      { type: "scatter", mode: "lines", name: "control, before", x: grid, y: dens(0, ones), line: { color: "#1f77b4", dash: "dot" } },
      { type: "scatter", mode: "lines", name: "treated, matched", x: grid, y: dens(1, weights), line: { color: "#d62728" } },
      { type: "scatter", mode: "lines", name: "control, matched", x: grid, y: dens(0, weights), line: { color: "#1f77b4" } },
    ],
    layout: { title, xaxis: { title: "propensity score", range: [0, 1] }, yaxis: { title: "density" } },
  };
}
