/**
 * Spatial-structure measures for a set of places with sizes (population, GDP, patents) and, for market access,
 * locations: rank-size (Zipf) regression, primacy indices, concentration (Herfindahl, effective number of
 * poles, top-k share), a rank-size polycentricity index, and market access.
 *
 * Definitions (sizes sorted in decreasing order, S_1 ≥ S_2 ≥ …):
 *   rank-size:      ln S_r = a − q ln r  (OLS over the top n; q is the Zipf exponent, q = 1 is Zipf's law).
 *                   `rankShift` = 0.5 uses ln(r − ½), the Gabaix–Ibragimov (2011) bias-reduced variant.
 *   two-city:       S_1 / S_2;   four-city (Ginsburg): S_1 / (S_2 + S_3 + S_4);
 *   eleven-city:    2 S_1 / (S_2 + … + S_11)   (Ginsburg 1961, in Chinese urban studies 十一城市指数)
 *   Herfindahl:     H = Σ s_i², s_i = S_i / Σ S;  effective number of poles N* = 1 / H;
 *                   normalised H* = (H − 1/n)/(1 − 1/n)
 *   polycentricity (rank-size, after Meijers 2008; Meijers & Burger 2010): P = 1 − q over the top n
 *                   places (q from the regression above); P = 1 is a flat top (q = 0), P = 0 a Zipf hierarchy,
 *                   P < 0 steeper than Zipf.
 *   market access (Harris 1954; Hanson 2005):  MA_i = Σ_j M_j d_ij^−θ, j ≠ i, plus, when an internal distance
 *                   d_ii is given, the own term M_i d_ii^−θ. Distances in km by geo's greatCircleKm.
 */
import { GeoPoint, greatCircleKm } from "../geo";

function positiveSorted(sizes: ArrayLike<number>, name: string): number[] {
  const v = Array.from(sizes);
  if (!v.length) throw new Error(`${name}: no sizes`);
  v.forEach((s, i) => {
    if (!Number.isFinite(s) || s <= 0) throw new RangeError(`${name}: size ${i + 1} (${s}) must be a positive number`);
  });
  return v.sort((a, b) => b - a);
}

export interface RankSizeResult {
  /** Places used (the top n). */
  n: number;
  /** Intercept a of ln S = a − q ln(r − shift). */
  intercept: number;
  /** Zipf exponent q (minus the OLS slope). */
  q: number;
  /** OLS standard error of q (classical, n − 2 df); Gabaix–Ibragimov's asymptotic SE is q·√(2/n). */
  se: number;
  seGabaix: number;
  r2: number;
  rankShift: number;
}

export function rankSize(sizes: ArrayLike<number>, opts: { top?: number; rankShift?: number } = {}): RankSizeResult {
  const all = positiveSorted(sizes, "rankSize");
  const n = Math.min(opts.top ?? all.length, all.length);
  if (n < 3) throw new RangeError(`rankSize: need at least 3 places, got ${n}`);
  const shift = opts.rankShift ?? 0;
  if (!(shift >= 0 && shift < 1)) throw new RangeError("rankSize: rankShift must be in [0, 1)");
  const x = Array.from({ length: n }, (_, i) => Math.log(i + 1 - shift));
  const y = all.slice(0, n).map(Math.log);
  const mx = x.reduce((a, b) => a + b, 0) / n, my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
    syy += (y[i] - my) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i] - intercept - slope * x[i]) ** 2;
  const se = Math.sqrt(sse / (n - 2) / sxx);
  return { n, intercept, q: -slope, se, seGabaix: Math.abs(slope) * Math.sqrt(2 / n), r2: syy > 0 ? 1 - sse / syy : NaN, rankShift: shift };
}

export interface PrimacyResult {
  twoCity: number;
  fourCity: number;
  elevenCity: number;
  /** Share of the largest place in the total (0–1). */
  topShare: number;
}

export function primacyIndices(sizes: ArrayLike<number>): PrimacyResult {
  const s = positiveSorted(sizes, "primacyIndices");
  if (s.length < 11) throw new RangeError(`primacyIndices: the eleven-city index needs at least 11 places, got ${s.length}`);
  const sum = (a: number, b: number) => s.slice(a, b).reduce((x, y) => x + y, 0);
  return { twoCity: s[0] / s[1], fourCity: s[0] / sum(1, 4), elevenCity: (2 * s[0]) / sum(1, 11), topShare: s[0] / sum(0, s.length) };
}

/** Share (0–1) of the k largest places in the total. */
export function topKShare(sizes: ArrayLike<number>, k: number): number {
  const s = positiveSorted(sizes, "topKShare");
  if (!(k >= 1 && Number.isInteger(k))) throw new RangeError("topKShare: k must be a positive integer");
  const tot = s.reduce((a, b) => a + b, 0);
  return s.slice(0, k).reduce((a, b) => a + b, 0) / tot;
}

export interface ConcentrationResult {
  herfindahl: number;
  normalized: number;
  /** 1 / H: the number of equal-sized places that would give the same H. */
  effectiveNumber: number;
}

export function herfindahl(sizes: ArrayLike<number>): ConcentrationResult {
  const s = positiveSorted(sizes, "herfindahl");
  const tot = s.reduce((a, b) => a + b, 0);
  const h = s.reduce((a, v) => a + (v / tot) ** 2, 0);
  const n = s.length;
  return { herfindahl: h, normalized: n > 1 ? (h - 1 / n) / (1 - 1 / n) : 1, effectiveNumber: 1 / h };
}

/** Rank-size polycentricity P = 1 − q over the top n places (Meijers & Burger 2010 use the 2–4 largest). */
export function rankSizePolycentricity(sizes: ArrayLike<number>, top: number): { polycentricity: number; q: number; n: number } {
  const r = rankSize(sizes, { top });
  return { polycentricity: 1 - r.q, q: r.q, n: r.n };
}

export interface MarketAccessOptions {
  /** Distance-decay exponent θ (default 1). */
  theta?: number;
  /** Internal distance of each place in km (same order as points), or one number for all; omitted: no own term. */
  selfDistanceKm?: number | ArrayLike<number>;
  /** Distances below this (km) are raised to it (default 1). */
  minDistance?: number;
}

export interface MarketAccessRow {
  id: string;
  /** Σ_{j≠i} M_j d_ij^−θ. */
  external: number;
  /** M_i d_ii^−θ (0 without selfDistanceKm). */
  own: number;
  access: number;
}

export function marketAccess(points: readonly (GeoPoint & { mass: number })[], opts: MarketAccessOptions = {}): MarketAccessRow[] {
  const theta = opts.theta ?? 1;
  const minD = opts.minDistance ?? 1;
  if (!(theta >= 0) || !Number.isFinite(theta)) throw new RangeError("marketAccess: theta must be a finite number ≥ 0");
  const n = points.length;
  const self = opts.selfDistanceKm;
  if (self !== undefined && typeof self !== "number" && self.length !== n) throw new RangeError(`marketAccess: ${self.length} internal distances for ${n} points`);
  points.forEach((p) => {
    if (!(p.mass >= 0) || !Number.isFinite(p.mass)) throw new RangeError(`marketAccess: mass of ${p.id} (${p.mass}) must be ≥ 0`);
  });
  return points.map((a, i) => {
    let ext = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = Math.max(greatCircleKm(a.lon, a.lat, points[j].lon, points[j].lat), minD);
      ext += points[j].mass * d ** -theta;
    }
    let own = 0;
    if (self !== undefined) {
      const dii = typeof self === "number" ? self : self[i];
      if (!(dii > 0)) throw new RangeError(`marketAccess: internal distance of ${a.id} must be > 0`);
      own = a.mass * dii ** -theta;
    }
    return { id: a.id, external: ext, own, access: ext + own };
  });
}
