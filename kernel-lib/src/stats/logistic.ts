import { tQuantile, tTwoSided } from "../core/distributions";
import { cholSolve, cholesky, invSPD } from "../core/linalg";

/**
 * The logistic (S-) curve of urbanisation (Northam 1975) and other saturation processes,
 *
 *     y(t) = K / (1 + exp(−r (t − t_m))),
 *
 * with saturation level K, rate r and midpoint t_m (where y = K/2), fitted by nonlinear least squares
 * (Levenberg–Marquardt) like R's `nls`. K can be estimated or fixed (e.g. 100% for an urbanisation rate).
 * Standard errors are R's: σ² (JᵀJ)⁻¹ with σ² = RSS/(n − p); confidence intervals for the curve and
 * prediction intervals for a new observation use the delta method and Student t with n − p degrees of freedom.
 * Golden-tested against R `nls` in test/reference/stats (make_expected_logistic.R).
 */

export interface LogisticOptions {
  /** Fix the saturation level K instead of estimating it. */
  saturation?: number;
  /** Starting values; by default from a logit-linear regression over a grid of K. */
  start?: { K?: number; r: number; tm: number };
  maxIter?: number;
  /** Relative convergence tolerance on the RSS and the parameters. */
  tol?: number;
}

export interface LogisticPrediction {
  t: number;
  fit: number;
  se_fit: number;
  conf_low: number;
  conf_high: number;
  pred_low: number;
  pred_high: number;
}

export interface LogisticTerm {
  term: "K" | "r" | "tm";
  estimate: number;
  std_error: number;
  t_value: number;
  p_value: number;
}

export class LogisticFit {
  constructor(
    readonly K: number,
    readonly r: number,
    readonly tm: number,
    /** Whether K was estimated (false when fixed by `saturation`). */
    readonly estimatedK: boolean,
    /** Covariance of the estimated parameters, in the order of `terms` (K, r, tm or r, tm). */
    readonly vcov: number[][],
    readonly sigma: number,
    readonly df: number,
    readonly rss: number,
    readonly n: number,
    readonly iterations: number,
    readonly converged: boolean,
    readonly t: number[],
    readonly y: number[],
  ) {}

  /** The curve at t. */
  value(t: number): number {
    return this.K / (1 + Math.exp(-this.r * (t - this.tm)));
  }

  /** Gradient of the curve at t with respect to the estimated parameters. */
  gradient(t: number): number[] {
    return logisticGradient(t, this.K, this.r, this.tm, this.estimatedK);
  }

  terms(): LogisticTerm[] {
    const names: ("K" | "r" | "tm")[] = this.estimatedK ? ["K", "r", "tm"] : ["r", "tm"];
    const est = this.estimatedK ? [this.K, this.r, this.tm] : [this.r, this.tm];
    return names.map((term, i) => {
      const se = Math.sqrt(this.vcov[i][i]);
      const tv = est[i] / se;
      return { term, estimate: est[i], std_error: se, t_value: tv, p_value: tTwoSided(tv, this.df) };
    });
  }

  /** Fitted values, confidence interval of the curve and prediction interval of a new observation at each t. */
  predict(ts: readonly number[], level = 0.95): LogisticPrediction[] {
    if (!(level > 0 && level < 1)) throw new RangeError(`LogisticFit.predict: level must lie in (0, 1), got ${level}`);
    const q = tQuantile(1 - (1 - level) / 2, this.df);
    return ts.map((t) => {
      const g = this.gradient(t);
      let v = 0;
      for (let i = 0; i < g.length; i++) for (let j = 0; j < g.length; j++) v += g[i] * this.vcov[i][j] * g[j];
      const fit = this.value(t);
      const se = Math.sqrt(Math.max(v, 0));
      const sp = Math.sqrt(v + this.sigma * this.sigma);
      return { t, fit, se_fit: se, conf_low: fit - q * se, conf_high: fit + q * se, pred_low: fit - q * sp, pred_high: fit + q * sp };
    });
  }

  /** The time at which the curve reaches `level` (0 < level < K): t_m + ln(level / (K − level)) / r. */
  timeAt(level: number): number {
    if (!(level > 0 && level < this.K)) throw new RangeError(`LogisticFit.timeAt: level must lie in (0, K = ${this.K}), got ${level}`);
    return this.tm + Math.log(level / (this.K - level)) / this.r;
  }

  residuals(): number[] {
    return this.t.map((t, i) => this.y[i] - this.value(t));
  }
}

export function logisticCurve(t: number, K: number, r: number, tm: number): number {
  return K / (1 + Math.exp(-r * (t - tm)));
}

function logisticGradient(t: number, K: number, r: number, tm: number, withK: boolean): number[] {
  const e = Math.exp(-r * (t - tm));
  const d = 1 + e;
  const dK = 1 / d;
  const dr = (K * e * (t - tm)) / (d * d);
  const dtm = (-K * e * r) / (d * d);
  return withK ? [dK, dr, dtm] : [dr, dtm];
}

/** Solve A x = b for a small symmetric positive-definite A (Cholesky); null when A is not positive definite. */
function spdSolve(A: number[][], b: number[]): number[] | null {
  const k = A.length;
  try {
    return Array.from(cholSolve(cholesky(Float64Array.from(A.flat()), k), k, b));
  } catch {
    return null;
  }
}

function invert(A: number[][]): number[][] {
  const k = A.length;
  let inv: Float64Array;
  try {
    inv = invSPD(Float64Array.from(A.flat()), k);
  } catch {
    throw new Error("logisticFit: JᵀJ is singular at the solution; the parameters are not identified by these data (fix K?)");
  }
  return A.map((_, i) => Array.from(inv.subarray(i * k, (i + 1) * k)));
}

/** Starting values from the logit-linear regression ln(y / (K − y)) = r t − r t_m for a given K. */
function linearStart(t: readonly number[], y: readonly number[], K: number): { r: number; tm: number } | null {
  const z = y.map((v) => Math.log(v / (K - v)));
  if (z.some((v) => !Number.isFinite(v))) return null;
  const n = t.length;
  const mt = t.reduce((a, b) => a + b, 0) / n;
  const mz = z.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (t[i] - mt) * (z[i] - mz);
    sxx += (t[i] - mt) ** 2;
  }
  const r = sxy / sxx;
  if (!Number.isFinite(r) || r === 0) return null;
  return { r, tm: mt - mz / r };
}

function rssOf(t: readonly number[], y: readonly number[], K: number, r: number, tm: number): number {
  let s = 0;
  for (let i = 0; i < t.length; i++) s += (y[i] - logisticCurve(t[i], K, r, tm)) ** 2;
  return s;
}

/** Fit y(t) = K / (1 + exp(−r (t − t_m))) by nonlinear least squares. */
export function logisticFit(t: readonly number[], y: readonly number[], options: LogisticOptions = {}): LogisticFit {
  if (t.length !== y.length) throw new RangeError(`logisticFit: ${t.length} times but ${y.length} values`);
  if (t.some((v) => !Number.isFinite(v)) || y.some((v) => !Number.isFinite(v))) throw new RangeError("logisticFit: times and values must be finite numbers");
  const fixedK = options.saturation;
  const p = fixedK === undefined ? 3 : 2;
  const n = t.length;
  if (n <= p) throw new RangeError(`logisticFit: need more than ${p} observations, got ${n}`);
  if (fixedK !== undefined && !(fixedK > Math.max(...y))) throw new RangeError(`logisticFit: the fixed saturation ${fixedK} must exceed every observation (max ${Math.max(...y)})`);
  if (y.some((v) => !(v > 0))) throw new RangeError("logisticFit: values must be positive");

  // starting values
  let K: number, r: number, tm: number;
  if (options.start) {
    K = fixedK ?? options.start.K ?? 1.25 * Math.max(...y);
    r = options.start.r;
    tm = options.start.tm;
  } else {
    const ymax = Math.max(...y);
    const grid = fixedK !== undefined ? [fixedK] : [1.02, 1.05, 1.1, 1.2, 1.35, 1.5, 1.75, 2, 2.5, 3, 4].map((f) => f * ymax);
    let best: { K: number; r: number; tm: number; rss: number } | null = null;
    for (const k of grid) {
      const s = linearStart(t, y, k);
      if (!s) continue;
      const rss = rssOf(t, y, k, s.r, s.tm);
      if (!best || rss < best.rss) best = { K: k, ...s, rss };
    }
    if (!best) throw new Error("logisticFit: no starting values found; give options.start");
    ({ K, r, tm } = best);
  }

  const maxIter = options.maxIter ?? 500;
  const tol = options.tol ?? 1e-12;
  let rss = rssOf(t, y, K, r, tm);
  let lambda = 1e-3;
  let iterations = 0;
  let converged = false;
  const estK = fixedK === undefined;
  for (; iterations < maxIter; iterations++) {
    // normal equations
    const JtJ = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const Jtr = new Array<number>(p).fill(0);
    for (let i = 0; i < n; i++) {
      const g = logisticGradient(t[i], K, r, tm, estK);
      const res = y[i] - logisticCurve(t[i], K, r, tm);
      for (let a = 0; a < p; a++) {
        Jtr[a] += g[a] * res;
        for (let b = 0; b < p; b++) JtJ[a][b] += g[a] * g[b];
      }
    }
    let improved = false;
    for (let tries = 0; tries < 40; tries++) {
      const A = JtJ.map((row, a) => row.map((v, b) => (a === b ? v * (1 + lambda) : v)));
      const step = spdSolve(A, Jtr);
      if (!step) {
        lambda *= 10;
        continue;
      }
      const [nK, nr, ntm] = estK ? [K + step[0], r + step[1], tm + step[2]] : [K, r + step[0], tm + step[1]];
      const nrss = rssOf(t, y, nK, nr, ntm);
      if (Number.isFinite(nrss) && nrss <= rss) {
        const relPar = Math.max(...step.map((s, a) => Math.abs(s) / (Math.abs((estK ? [K, r, tm] : [r, tm])[a]) + 1e-12)));
        const relRss = (rss - nrss) / (rss + 1e-300);
        K = nK; r = nr; tm = ntm; rss = nrss;
        lambda = Math.max(lambda / 10, 1e-12);
        improved = true;
        if (relRss < tol && relPar < Math.sqrt(tol)) converged = true;
        break;
      }
      lambda *= 10;
    }
    if (!improved) {
      // no step lowers the RSS: we are at a minimum up to rounding
      converged = true;
      break;
    }
    if (converged) break;
  }

  // covariance at the solution
  const JtJ = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < n; i++) {
    const g = logisticGradient(t[i], K, r, tm, estK);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) JtJ[a][b] += g[a] * g[b];
  }
  const df = n - p;
  const sigma2 = rss / df;
  const vcov = invert(JtJ).map((row) => row.map((v) => v * sigma2));
  return new LogisticFit(K, r, tm, estK, vcov, Math.sqrt(sigma2), df, rss, n, iterations + 1, converged, [...t], [...y]);
}
