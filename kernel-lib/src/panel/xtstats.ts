/**
 * The statistics Stata's xtreg prints around the coefficient table, by its Methods and Formulas:
 *   r2_w = corr(y_it − ȳ_i, (x_it − x̄_i)b)², r2_b = corr(ȳ_i, x̄_i b)² over panels, r2_o = corr(y_it, x_it b)²,
 *   group sizes min/avg/max; for FE also u_i = ȳ_i − x̄_i b − (ȳ − x̄b), σ_u = sd(u_i) over panels,
 *   σ_e = √(RSS/(N − n − K)), ρ = σ_u²/(σ_u² + σ_e²), corr(u_i, Xb) over observations and the F test that
 *   all u_i = 0 against pooled OLS. Checked against Stata's own output (test/reference/panel/stata/).
 */
import { Factor } from "./demean";
import { pearsonCorrelation } from "../core/correlation";

export interface XtStats {
  /** Observations (e(N)) and panels (e(N_g)). */
  N: number;
  N_g: number;
  g_min: number;
  g_avg: number;
  g_max: number;
  r2_w: number;
  r2_b: number;
  r2_o: number;
  sigma_u?: number;
  sigma_e?: number;
  rho?: number;
  /** corr(u_i, Xb) of the FE model. */
  corr_u_xb?: number;
  /** F test that all u_i = 0: statistic, df1 = n − 1, df2 = N − n − K. */
  F_u?: { statistic: number; df1: number; df2: number };
  /** RE: harmonic-mean panel size used by Stata's variance components, and θ's distribution over panels. */
  Tbar?: number;
  theta?: { min: number; p5: number; p50: number; p95: number; max: number };
}

/** Squared correlation (Stata's R² between and overall). */
function corr2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const r = pearsonCorrelation(a, b);
  return r * r;
}

/** Group means, weighted when w is given. */
export function groupMeans(x: ArrayLike<number>, g: Factor, w?: ArrayLike<number>): Float64Array {
  const s = new Float64Array(g.nLevels);
  const c = new Float64Array(g.nLevels);
  for (let i = 0; i < x.length; i++) {
    const wi = w ? w[i] : 1;
    s[g.codes[i]] += wi * x[i];
    c[g.codes[i]] += wi;
  }
  for (let j = 0; j < s.length; j++) s[j] /= c[j];
  return s;
}

/** x b over the slopes (no intercept). */
export function linearIndex(X: Float64Array[], b: ArrayLike<number>, n: number): Float64Array {
  const xb = new Float64Array(n);
  X.forEach((x, j) => {
    for (let i = 0; i < n; i++) xb[i] += b[j] * x[i];
  });
  return xb;
}

/**
 * R², group sizes: what every xtreg model prints. y, X on the original scale; b the slopes of X. With analytic
 * weights (Stata's xtreg, fe [aweight=]) the panel means are weighted; the correlations are not.
 */
export function xtCommon(y: Float64Array, X: Float64Array[], b: ArrayLike<number>, g: Factor, w?: Float64Array): XtStats {
  const n = y.length;
  const xb = linearIndex(X, b, n);
  const my = groupMeans(y, g, w);
  const mxb = groupMeans(xb, g, w);
  const yw = Float64Array.from(y, (v, i) => v - my[g.codes[i]]);
  const xbw = Float64Array.from(xb, (v, i) => v - mxb[g.codes[i]]);
  const sizes = new Float64Array(g.nLevels);
  for (let i = 0; i < n; i++) sizes[g.codes[i]]++;
  let mn = Infinity;
  let mx = 0;
  for (const s of sizes) {
    mn = Math.min(mn, s);
    mx = Math.max(mx, s);
  }
  return { N: n, N_g: g.nLevels, g_min: mn, g_avg: n / g.nLevels, g_max: mx, r2_w: corr2(yw, xbw), r2_b: corr2(my, mxb), r2_o: corr2(y, xb) };
}

/** The FE extras: σ_u, σ_e, ρ, corr(u_i, Xb), F test that all u_i = 0 (rssPooled from OLS of y on 1, X). */
export function xtFixedEffects(base: XtStats, y: Float64Array, X: Float64Array[], b: ArrayLike<number>, g: Factor, rss: number, K: number, rssPooled: number, w?: Float64Array): XtStats {
  const n = y.length;
  const xb = linearIndex(X, b, n);
  let sy = 0;
  let sxb = 0;
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    sy += wi * y[i];
    sxb += wi * xb[i];
    sw += wi;
  }
  const cons = (sy - sxb) / sw;
  const my = groupMeans(y, g, w);
  const mxb = groupMeans(xb, g, w);
  const ug = Float64Array.from(my, (v, j) => v - mxb[j] - cons);
  let mu = 0;
  for (const v of ug) mu += v;
  mu /= ug.length;
  let su = 0;
  for (const v of ug) su += (v - mu) * (v - mu);
  const sigma_u = Math.sqrt(su / (ug.length - 1));
  const df2 = n - g.nLevels - K;
  const sigma_e = Math.sqrt(rss / df2);
  const uObs = Float64Array.from(g.codes, (c) => ug[c]);
  const df1 = g.nLevels - 1;
  return {
    ...base,
    sigma_u,
    sigma_e,
    rho: (sigma_u * sigma_u) / (sigma_u * sigma_u + sigma_e * sigma_e),
    corr_u_xb: pearsonCorrelation(uObs, xb),
    F_u: { statistic: (rssPooled - rss) / df1 / (rss / df2), df1, df2 },
  };
}

/** Stata's percentiles (definition of summarize/centile: average at exact positions). */
function stataPercentile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  const np = (n * p) / 100;
  const i = Math.floor(np);
  if (np === i) return i === 0 ? sorted[0] : i >= n ? sorted[n - 1] : (sorted[i - 1] + sorted[i]) / 2;
  return sorted[Math.min(i, n - 1)];
}

export function thetaSummary(thetaByUnit: Float64Array): NonNullable<XtStats["theta"]> {
  const s = Float64Array.from(thetaByUnit).sort();
  return { min: s[0], p5: stataPercentile(s, 5), p50: stataPercentile(s, 50), p95: stataPercentile(s, 95), max: s[s.length - 1] };
}
