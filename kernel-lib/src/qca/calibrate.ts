/**
 * Calibration of raw data into set membership.
 *
 * Direct method, three anchors e (full non-membership), c (crossover), i (full membership), Ragin (2008, ch. 5):
 * the deviation from the crossover is scaled to log odds and mapped through the logistic function.
 *   variant "fsqca" (fsQCA 3.0): log odds ±3 at the anchors, i.e. memberships 0.953 / 0.5 / 0.047;
 *   variant "rqca"  (R QCA `calibrate(type = "fuzzy", method = "direct")`): log odds ±log(idm / (1 − idm)),
 *                   idm = 0.95 by default, and scores below 0.0001 set to 0 and above 0.9999 set to 1.
 * Decreasing sets (i < c < e) use the same formula, the anchors decide the direction.
 * Crisp: the number of thresholds not above the value (R's findInterval), so one threshold gives 0/1.
 * Indirect (Ragin 2008, pp. 94–97, as R QCA implements it): the sorted thresholds cut the data into
 * k + 1 classes with target memberships 0, 1/k, …, 1 (rounded to 3 decimals); a fractional (quasi-binomial)
 * logit of the targets on log(x), √x, x and x² is fitted and its fitted values (rounded to 6 decimals,
 * then < 0.0001 → 0, > 0.9999 → 1) are the memberships. It needs x > 0.
 */

export interface Anchors {
  e: number;
  c: number;
  i: number;
}

export type CalibrationVariant = "fsqca" | "rqca";

export interface DirectOptions {
  variant?: CalibrationVariant;
  /** R QCA's inclusion degree of membership at the full-membership anchor (default 0.95). */
  idm?: number;
  /** Decimals to round the scores to (fsQCA's data sheet shows 2); default: no rounding. */
  digits?: number;
}

export class CalibrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CalibrationError";
  }
}

function checkAnchors(a: Anchors): void {
  const { e, c, i } = a;
  if (![e, c, i].every(Number.isFinite)) throw new CalibrationError(`anchors must be finite numbers, got e=${e}, c=${c}, i=${i}`);
  if (!((e < c && c < i) || (i < c && c < e))) throw new CalibrationError(`the crossover must lie strictly between the anchors (e=${e}, c=${c}, i=${i})`);
}

const round = (v: number, d?: number) => (d === undefined ? v : Math.round(v * 10 ** d) / 10 ** d);

/** Log-odds scale of the full-membership anchor: 3 for fsQCA, log(idm/(1−idm)) for R QCA. */
export function anchorLogOdds(opts: DirectOptions = {}): number {
  if ((opts.variant ?? "fsqca") === "fsqca") return 3;
  const idm = opts.idm ?? 0.95;
  if (!(idm > 0.5 && idm < 1)) throw new CalibrationError(`idm must lie in (0.5, 1), got ${idm}`);
  return Math.log(idm / (1 - idm));
}

/** Direct calibration with three anchors (fsQCA 3.0 or R QCA convention). */
export function calibrateDirect(x: ArrayLike<number>, anchors: Anchors, opts: DirectOptions = {}): Float64Array {
  return Float64Array.from(x, directCalibrator(anchors, opts));
}

/** The membership function of calibrateDirect for one value (anchors checked once; for callers that update values one by one). */
export function directCalibrator(anchors: Anchors, opts: DirectOptions = {}): (v: number) => number {
  checkAnchors(anchors);
  const { e, c, i } = anchors;
  const L = anchorLogOdds(opts);
  const rq = (opts.variant ?? "fsqca") === "rqca";
  return (v) => {
    if (Number.isNaN(v)) return NaN;
    const d = v - c;
    // toward the inclusion anchor: +L at i; toward the exclusion anchor: −L at e
    const lo = d === 0 ? 0 : Math.sign(d) === Math.sign(i - c) ? (L * d) / (i - c) : (-L * d) / (e - c);
    let m = 1 / (1 + Math.exp(-lo));
    if (rq) {
      if (m < 0.0001) m = 0;
      else if (m > 0.9999) m = 1;
    }
    return round(m, opts.digits);
  };
}

/** Crisp calibration: 0, 1, … = the number of (sorted) thresholds at or below each value. */
export function calibrateCrisp(x: ArrayLike<number>, thresholds: number[]): Float64Array {
  if (!thresholds.length) throw new CalibrationError("crisp calibration needs at least one threshold");
  const th = [...thresholds].sort((a, b) => a - b);
  return Float64Array.from(x, (v) => (Number.isNaN(v) ? NaN : th.filter((t) => t <= v).length));
}

/** Householder QR least squares: argmin ‖W^{1/2}(Xb − z)‖ with weights w. */
function weightedLeastSquares(X: number[][], z: number[], w: number[]): number[] {
  const n = X.length,
    p = X[0].length;
  const A = X.map((r, k) => r.map((v) => v * Math.sqrt(w[k])));
  const b = z.map((v, k) => v * Math.sqrt(w[k]));
  for (let j = 0; j < p; j++) {
    let norm = 0;
    for (let k = j; k < n; k++) norm += A[k][j] * A[k][j];
    norm = Math.sqrt(norm);
    if (norm === 0) throw new CalibrationError("indirect calibration: singular design (too few distinct values)");
    const alpha = A[j][j] > 0 ? -norm : norm;
    const v = new Array(n).fill(0);
    for (let k = j; k < n; k++) v[k] = A[k][j];
    v[j] -= alpha;
    let vv = 0;
    for (let k = j; k < n; k++) vv += v[k] * v[k];
    if (vv === 0) continue;
    for (let col = j; col < p; col++) {
      let s = 0;
      for (let k = j; k < n; k++) s += v[k] * A[k][col];
      const f = (2 * s) / vv;
      for (let k = j; k < n; k++) A[k][col] -= f * v[k];
    }
    let s = 0;
    for (let k = j; k < n; k++) s += v[k] * b[k];
    const f = (2 * s) / vv;
    for (let k = j; k < n; k++) b[k] -= f * v[k];
  }
  const beta = new Array(p).fill(0);
  for (let j = p - 1; j >= 0; j--) {
    let s = b[j];
    for (let col = j + 1; col < p; col++) s -= A[j][col] * beta[col];
    if (Math.abs(A[j][j]) < 1e-12 * Math.abs(A[0][0])) throw new CalibrationError("indirect calibration: collinear design (too few distinct values)");
    beta[j] = s / A[j][j];
  }
  return beta;
}

/** Indirect calibration (Ragin 2008; R QCA `calibrate(method = "indirect")`). */
export function calibrateIndirect(x: ArrayLike<number>, thresholds: number[]): Float64Array {
  if (!thresholds.length) throw new CalibrationError("indirect calibration needs at least one threshold");
  const xs = Array.from(x);
  if (xs.some((v) => !(v > 0))) throw new CalibrationError("indirect calibration uses log(x): every value must be positive");
  const th = [...thresholds].sort((a, b) => a - b);
  const values = th.map((_, k) => Math.round(((k + 1) / th.length) * 1000) / 1000);
  const y = xs.map((v) => {
    let t = 0;
    th.forEach((h, k) => {
      if (v > h) t = values[k];
    });
    return t;
  });
  // columns scaled for conditioning; the fit (and its fitted values) is invariant to column scaling
  const raw = xs.map((v) => [1, Math.log(v), Math.sqrt(v), v, v * v]);
  const scale = raw[0].map((_, j) => Math.max(...raw.map((r) => Math.abs(r[j]))) || 1);
  const X = raw.map((r) => r.map((v, j) => v / scale[j]));
  // IRLS for the logit link with binomial variance (quasi-binomial has the same estimating equations)
  let mu = y.map((v) => (v + 0.5) / 2);
  let eta = mu.map((m) => Math.log(m / (1 - m)));
  let dev = Infinity;
  for (let it = 0; it < 100; it++) {
    const w = mu.map((m) => m * (1 - m));
    const z = eta.map((e, k) => e + (y[k] - mu[k]) / w[k]);
    const beta = weightedLeastSquares(X, z, w);
    eta = X.map((r) => r.reduce((s, v, j) => s + v * beta[j], 0));
    mu = eta.map((e) => 1 / (1 + Math.exp(-e)));
    const d = y.reduce((s, v, k) => s + 2 * ((v > 0 ? v * Math.log(v / mu[k]) : 0) + (v < 1 ? (1 - v) * Math.log((1 - v) / (1 - mu[k])) : 0)), 0);
    if (Math.abs(d - dev) / (Math.abs(d) + 0.1) < 1e-10) break;
    dev = d;
  }
  return Float64Array.from(mu, (m) => {
    const r = Math.round(m * 1e6) / 1e6;
    return r < 0.0001 ? 0 : r > 0.9999 ? 1 : r;
  });
}

export interface CrossoverCase {
  index: number;
  value: number;
}

/**
 * Cases sitting exactly at the crossover (raw value equal to c, or a membership of exactly 0.5): they belong
 * to no truth-table row, so fsQCA drops them and R QCA refuses them. Report them before building a table.
 */
export function crossoverCheck(raw: ArrayLike<number>, crossover?: number): CrossoverCase[] {
  const out: CrossoverCase[] = [];
  for (let k = 0; k < raw.length; k++) {
    const v = raw[k];
    if (crossover === undefined ? v === 0.5 : Math.abs(v - crossover) <= 1e-12 * Math.max(1, Math.abs(crossover))) out.push({ index: k, value: v });
  }
  return out;
}
