/**
 * Maximum-likelihood SAR, SEM and SDM, cross-sectional (as spatialreg lagsarlm / errorsarlm / lagsarlm
 * Durbin) and panel with unit, time or two-way fixed effects (Elhorst 2003, 2014: demeaned data, the
 * likelihood concentrated in ρ or λ and maximised by Brent's method, asymptotic variance from the analytic
 * information matrix). With `leeYu: true` the panel likelihood is the Lee & Yu (2010) transformation approach
 * (xsmle's `leeyu`): N·T is replaced by N(T−1), (N−1)T or (N−1)(T−1) and the log-determinant loses the unit
 * eigenvalue for time effects, which removes the O(1/T) bias of σ² and, with time effects, of ρ and β.
 *
 * Data of a panel are stacked period by period (row t·N + i for unit i of period t) internally.
 */
import { Rng } from "../rng";
import { Dense, choleskyDense, cholSolve, crossprodDense, crossvecDense, dense, inverse, matvecDense } from "../core/linalg";
import { brentMax } from "../core/optimize";
import { LogDet, LogDetMethod, logDet } from "./logdet";
import { SparseLU, luSolveBlock } from "./sparse";
import { SpatialWeights } from "./weights";
import { Convergence } from "../data/report";
import { normalTwoSided } from "../core/distributions";
import { ModelResult, TidyRow, coefRow, withResult } from "../core/result";

export type SpatialModel = "sar" | "sem" | "sdm";
export type FixedEffects = "none" | "individual" | "time" | "twoways";
/**
 * How the spatial lag of y enters a fixed-effects panel likelihood. "demeaned-lag" demeans Wy like every other
 * column, Q(I_T ⊗ W)y: concentrating the unit and period effects out of the likelihood leaves exactly this
 * residual Q(y − ρWy − Xβ) (Lee & Yu 2010's direct approach), so it is the ML estimator of the model. "lag-of-demeaned"
 * lags the demeaned y, (I_T ⊗ W)Qy, as splm 1.6-5's spml does (spfeml.R: wyt from yt). The two coincide for unit
 * effects and, with period effects, whenever 1'W = 1' (W doubly stochastic, e.g. rook contiguity on a torus);
 * otherwise W·Qy keeps the period means (1/N)1'W Qy_t that the time effects should absorb. Checked against an
 * LSDV fit with explicit period dummies (test/reference/spatial/splm/make_expected_lsdv.R).
 */
export type PanelLag = "demeaned-lag" | "lag-of-demeaned";

export interface CoefficientRow {
  term: string;
  estimate: number;
  se: number;
  z: number;
  p: number;
}

export interface SpatialFit extends ModelResult {
  model: SpatialModel;
  effects: FixedEffects;
  leeYu: boolean;
  /** ρ of SAR/SDM, λ of SEM. */
  rho?: number;
  lambda?: number;
  rhoSe: number;
  /** Regression coefficients (for SDM the lagged regressors are named "W*x"). */
  coefficients: CoefficientRow[];
  log_likelihood: number;
  sigma2: number;
  /** Units, periods, observations and the effective observation count of the likelihood. */
  N: number;
  T: number;
  nObs: number;
  nEff: number;
  /** Covariance of (ρ or λ, coefficients...) in that order (σ² excluded). */
  vcov: number[][];
  vcovNames: string[];
  residuals: Float64Array;
  logdetMethod: LogDetMethod;
  /** The log-determinant method in words, with the error bound of an approximation. */
  logdetDescription: string;
  /** How tr(G), tr(G²), tr(G'G) of the ρ/λ standard error were computed (G = W(I − ρW)^{-1}). */
  seTraces: "exact" | "mc";
  /** Panels with effects: which lag of y entered the likelihood (see PanelLag). */
  panelLag?: PanelLag;
  interval: [number, number];
  /** Names of the regressors x (without intercept) and, for SDM, the matching W*x names. */
  xNames: string[];
  /** Regressors whose spatial lag entered the SDM (the intercept's lag is dropped for row-standardised W). */
  lagNames: string[];
  aic: number;
  /** Internals reused by impacts(). */
  /** Brent's search on the concentrated likelihood (see mlConvergence). */
  convergence: Convergence;
  internals: { w: SpatialWeights; ld: LogDet; rowStd: boolean };
}

const pz = normalTwoSided;

/** Stacked spatial lag (I_T ⊗ W) v. */
export function stackedLag(w: SpatialWeights, v: ArrayLike<number>, T: number): Float64Array {
  const N = w.n;
  const out = new Float64Array(N * T);
  for (let t = 0; t < T; t++) {
    const seg = (v as Float64Array).subarray ? (v as Float64Array).subarray(t * N, (t + 1) * N) : Array.prototype.slice.call(v, t * N, (t + 1) * N);
    out.set(w.lag(seg), t * N);
  }
  return out;
}

/** Remove unit means, period means or both from a stacked (t-major) vector. */
export function demeanStacked(v: ArrayLike<number>, N: number, T: number, effects: FixedEffects): Float64Array {
  const out = Float64Array.from(v as ArrayLike<number>);
  if (effects === "none") return out;
  const um = new Float64Array(N);
  const tm = new Float64Array(T);
  let all = 0;
  for (let t = 0; t < T; t++)
    for (let i = 0; i < N; i++) {
      const x = out[t * N + i];
      um[i] += x / T;
      tm[t] += x / N;
      all += x;
    }
  all /= N * T;
  for (let t = 0; t < T; t++)
    for (let i = 0; i < N; i++) {
      const k = t * N + i;
      if (effects === "individual") out[k] -= um[i];
      else if (effects === "time") out[k] -= tm[t];
      else out[k] -= um[i] + tm[t] - all;
    }
  return out;
}

/** (I − ρW)^{-1} v for one cross-section, by fixed-point iteration v ← u + ρWv (|ρ|·spectral radius < 1). */
export function solveIminusRhoW(w: SpatialWeights, rho: number, u: ArrayLike<number>, tol = 1e-15): Float64Array {
  let v = Float64Array.from(u as ArrayLike<number>);
  const tmp = new Float64Array(w.n);
  for (let it = 0; it < 20000; it++) {
    w.lag(v, tmp);
    let diff = 0, nrm = 0;
    for (let i = 0; i < w.n; i++) {
      const nv = u[i] + rho * tmp[i];
      diff = Math.max(diff, Math.abs(nv - v[i]));
      nrm = Math.max(nrm, Math.abs(nv));
      v[i] = nv;
    }
    if (diff <= tol * Math.max(nrm, 1e-300)) return v;
  }
  return v;
}

function denseInverseIminusRhoW(w: SpatialWeights, rho: number): Dense {
  const n = w.n;
  const A = w.toDense();
  for (let p = 0; p < n * n; p++) A.data[p] *= -rho;
  for (let i = 0; i < n; i++) A.data[i * n + i] += 1;
  return inverse(A);
}

/** tr(G), tr(G²), tr(G'G) for G = W(I − ρW)^{-1}; with `project`, G = P·W(I−ρW)^{-1} (P = I − 11'/N, Lee–Yu). */
function gTraces(w: SpatialWeights, rho: number, project: boolean): { t1: number; t2: number; tgg: number } {
  const n = w.n;
  const Ainv = denseInverseIminusRhoW(w, rho);
  // G = W Ainv
  const G = dense(n, n);
  for (let i = 0; i < n; i++)
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) {
      const v = w.val[p];
      const o = w.col[p] * n;
      for (let j = 0; j < n; j++) G.data[i * n + j] += v * Ainv.data[o + j];
    }
  let t1 = 0, t2 = 0, tgg = 0;
  for (let i = 0; i < n; i++) {
    t1 += G.data[i * n + i];
    for (let j = 0; j < n; j++) {
      t2 += G.data[i * n + j] * G.data[j * n + i];
      tgg += G.data[i * n + j] ** 2;
    }
  }
  if (project) {
    const colSum = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) colSum[j] += G.data[i * n + j];
    return projectTraces(rho, t1, t2, tgg, colSum);
  }
  return { t1, t2, tgg };
}

/**
 * The same traces exactly from the sparse LU of I − ρW: column j of G is W(I − ρW)^{-1}e_j and row j is
 * ((I − ρW)^{-T}W'e_j)', two solves per unit and no N×N matrix.
 */
function gTracesLU(w: SpatialWeights, rho: number, f: SparseLU, project: boolean): { t1: number; t2: number; tgg: number } {
  const n = w.n;
  const B = 16;
  const colSum = new Float64Array(n);
  let t1 = 0, t2 = 0, tgg = 0;
  for (let j0 = 0; j0 < n; j0 += B) {
    const nb = Math.min(B, n - j0);
    // columns e_j and rows of W (as W'e_j) for units j0..j0+nb−1, interleaved by unit
    const e = new Float64Array(n * B);
    const wr = new Float64Array(n * B);
    for (let b = 0; b < nb; b++) {
      const j = j0 + b;
      e[j * B + b] = 1;
      for (let p = w.rowPtr[j]; p < w.rowPtr[j + 1]; p++) wr[w.col[p] * B + b] = w.val[p];
    }
    const c = luSolveBlock(f, e, B);
    const r = luSolveBlock(f, wr, B, true);
    // g = W c, column by column of the block
    const g = new Float64Array(n * B);
    for (let i = 0; i < n; i++)
      for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) {
        const v = w.val[p], oc = w.col[p] * B, oi = i * B;
        for (let b = 0; b < nb; b++) g[oi + b] += v * c[oc + b];
      }
    for (let b = 0; b < nb; b++) {
      const j = j0 + b;
      t1 += g[j * B + b];
      let cs = 0;
      for (let i = 0; i < n; i++) {
        const gi = g[i * B + b];
        t2 += r[i * B + b] * gi;
        tgg += gi * gi;
        cs += gi;
      }
      colSum[j] = cs;
    }
  }
  return project ? projectTraces(rho, t1, t2, tgg, colSum) : { t1, t2, tgg };
}

/** Lee–Yu: the traces of P·G with P = I − 11'/N, from those of G and its column sums 1'G. */
function projectTraces(rho: number, t1: number, t2: number, tgg: number, colSum: Float64Array): { t1: number; t2: number; tgg: number } {
  const c = 1 / (1 - rho);
  let s = 0;
  for (const v of colSum) s += v * v;
  return { t1: t1 - c, t2: t2 - c * c, tgg: tgg - s / colSum.length };
}

/** Hutchinson estimates of the same traces for large N (seeded Rademacher probes, fixed-point solves). */
function gTracesMC(w: SpatialWeights, rho: number, probes = 40): { t1: number; t2: number; tgg: number } {
  const rng = new Rng(977);
  const n = w.n;
  let t1 = 0, t2 = 0, tgg = 0;
  for (let s = 0; s < probes; s++) {
    const u = Float64Array.from({ length: n }, () => (rng.uniform() < 0.5 ? -1 : 1));
    const g = w.lag(solveIminusRhoW(w, rho, u, 1e-12));
    const gg = w.lag(solveIminusRhoW(w, rho, g, 1e-12));
    let a = 0, b = 0, c = 0;
    for (let i = 0; i < n; i++) {
      a += u[i] * g[i];
      b += u[i] * gg[i];
      c += g[i] * g[i];
    }
    t1 += a / probes;
    t2 += b / probes;
    tgg += c / probes;
  }
  return { t1, t2, tgg };
}

export interface CoreInput {
  y: Float64Array;
  X: Dense;
  names: string[];
  w: SpatialWeights;
  N: number;
  T: number;
  effects: FixedEffects;
  leeYu: boolean;
  model: "sar" | "sem";
  logdet?: LogDet;
  /** Log-determinant method (default auto: eigenvalues for small N, sparse LU beyond; both exact). */
  logdetMethod?: "auto" | LogDetMethod;
  panelLag?: PanelLag;
}

interface CoreResult {
  param: number;
  paramSe: number;
  beta: Float64Array;
  betaSe: Float64Array;
  sigma2: number;
  ll: number;
  vcov: Dense;
  residuals: Float64Array;
  nEff: number;
  ld: LogDet;
  convergence: Convergence;
  seTraces: "exact" | "mc";
}

/** Effective sample size and log-determinant multiplier of the (Lee–Yu) likelihood. */
function likelihoodShape(N: number, T: number, effects: FixedEffects, leeYu: boolean): { nEff: number; scale: number; dropUnit: boolean } {
  if (!leeYu || effects === "none") return { nEff: N * T, scale: T, dropUnit: false };
  if (effects === "individual") return { nEff: N * (T - 1), scale: T - 1, dropUnit: false };
  if (effects === "time") return { nEff: (N - 1) * T, scale: T, dropUnit: true };
  return { nEff: (N - 1) * (T - 1), scale: T - 1, dropUnit: true };
}

export function fitCore(inp: CoreInput): CoreResult {
  const { y, X, w, N, T, effects, leeYu } = inp;
  const n = N * T;
  const k = X.cols;
  const ld = inp.logdet ?? logDet(w, inp.logdetMethod ?? "auto");
  const { nEff, scale, dropUnit } = likelihoodShape(N, T, effects, leeYu);
  if (dropUnit && !w.isRowStandardized()) throw new Error("Lee–Yu correction with time effects needs a row-standardised W");
  const ldv = (r: number) => scale * (ld.value(r) - (dropUnit ? Math.log(1 - r) : 0));
  const c0 = -(nEff / 2) * (Math.log(2 * Math.PI) + 1);
  const eps = 1e-8;
  const lo = ld.lower + eps * Math.abs(ld.lower);
  const hi = ld.upper - eps * Math.abs(ld.upper);
  const XtX = crossprodDense(X);
  const L = choleskyDense(XtX);
  // y and X arrive demeaned; "lag-of-demeaned" lags them as they are (see PanelLag)
  const wly = (v: Float64Array) => (inp.panelLag === "lag-of-demeaned" ? stackedLag(w, v, T) : demeanIf(stackedLag(w, v, T), N, T, effects));
  // ρ's information: dense traces up to 2,000 units, sparse LU solves beyond (exact), Hutchinson only with "mc"
  const seTraces = (r: number) => (w.n <= 2000 ? gTraces(w, r, dropUnit) : ld.factorAt ? gTracesLU(w, r, ld.factorAt(r), dropUnit) : gTracesMC(w, r));
  const exactTraces = w.n <= 2000 || ld.factorAt !== undefined;
  if (inp.model === "sar") {
    const Wy = wly(y);
    const b0 = cholSolve(L.data, L.rows, crossvecDense(X, y));
    const bd = cholSolve(L.data, L.rows, crossvecDense(X, Wy));
    const f0 = matvecDense(X, b0), fd = matvecDense(X, bd);
    let s00 = 0, s0d = 0, sdd = 0;
    for (let i = 0; i < n; i++) {
      const e0 = y[i] - f0[i], ed = Wy[i] - fd[i];
      s00 += e0 * e0;
      s0d += e0 * ed;
      sdd += ed * ed;
    }
    const conc = (r: number) => c0 - (nEff / 2) * Math.log((s00 - 2 * r * s0d + r * r * sdd) / nEff) + ldv(r);
    const opt = brentMax(conc, lo, hi, 1e-12);
    const rho = opt.x;
    const beta = Float64Array.from(b0, (v, j) => v - rho * bd[j]);
    const sigma2 = (s00 - 2 * rho * s0d + rho * rho * sdd) / nEff;
    const xb = matvecDense(X, beta);
    const residuals = new Float64Array(n);
    for (let i = 0; i < n; i++) residuals[i] = y[i] - rho * Wy[i] - xb[i];
    // information matrix, order (β, ρ, σ²)
    const tr = seTraces(rho);
    // W(I-ρW)^{-1} Xβ per period
    const gxb = new Float64Array(n);
    for (let t = 0; t < T; t++) {
      const seg = xb.subarray(t * N, (t + 1) * N);
      gxb.set(w.lag(solveIminusRhoW(w, rho, seg)), t * N);
    }
    const g = leeYu ? demeanStacked(gxb, N, T, effects) : gxb;
    const p = k + 2;
    const info = dense(p, p);
    const s2 = sigma2;
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) info.data[a * p + b] = XtX.data[a * k + b] / s2;
    const xg = crossvecDense(X, g);
    for (let a = 0; a < k; a++) info.data[a * p + k] = info.data[k * p + a] = xg[a] / s2;
    let gg = 0;
    for (let i = 0; i < n; i++) gg += g[i] * g[i];
    info.data[k * p + k] = scale * (tr.t2 + tr.tgg) + gg / s2;
    info.data[k * p + k + 1] = info.data[(k + 1) * p + k] = (scale * tr.t1) / s2;
    info.data[(k + 1) * p + k + 1] = nEff / (2 * s2 * s2);
    const V = inverse(info);
    const betaSe = Float64Array.from({ length: k }, (_, a) => Math.sqrt(V.data[a * p + a]));
    // vcov of (ρ, β)
    const vc = dense(k + 1, k + 1);
    const ord = [k, ...Array.from({ length: k }, (_, a) => a)];
    for (let a = 0; a <= k; a++) for (let b = 0; b <= k; b++) vc.data[a * (k + 1) + b] = V.data[ord[a] * p + ord[b]];
    return { param: rho, paramSe: Math.sqrt(V.data[k * p + k]), beta, betaSe, sigma2, ll: opt.value, vcov: vc, residuals, nEff, ld, convergence: mlConvergence(opt, lo, hi, "rho"), seTraces: exactTraces ? "exact" : "mc" };
  }
  // SEM: concentrated likelihood in λ, β(λ) by GLS on (I − λW) y and (I − λW) X
  const Wy = wly(y);
  const WX = dense(n, k);
  for (let a = 0; a < k; a++) {
    const col = Float64Array.from({ length: n }, (_, i) => X.data[i * k + a]);
    const wc = wly(col);
    for (let i = 0; i < n; i++) WX.data[i * k + a] = wc[i];
  }
  const Xs = dense(n, k);
  const ys = new Float64Array(n);
  const gls = (lam: number) => {
    for (let i = 0; i < n; i++) ys[i] = y[i] - lam * Wy[i];
    for (let q = 0; q < n * k; q++) Xs.data[q] = X.data[q] - lam * WX.data[q];
    const Ls = choleskyDense(crossprodDense(Xs));
    const beta = cholSolve(Ls.data, Ls.rows, crossvecDense(Xs, ys));
    const f = matvecDense(Xs, beta);
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (ys[i] - f[i]) ** 2;
    return { beta, ss, Ls };
  };
  const conc = (l: number) => c0 - (nEff / 2) * Math.log(gls(l).ss / nEff) + ldv(l);
  const opt = brentMax(conc, lo, hi, 1e-12);
  const lam = opt.x;
  const { beta, ss } = gls(lam);
  const sigma2 = ss / nEff;
  const XsXs = crossprodDense(Xs);
  const Vb = inverse(XsXs);
  const betaSe = Float64Array.from({ length: k }, (_, a) => Math.sqrt(sigma2 * Vb.data[a * k + a]));
  const tr = seTraces(lam);
  const i11 = scale * (tr.t2 + tr.tgg);
  const i12 = (scale * tr.t1) / sigma2;
  const i22 = nEff / (2 * sigma2 * sigma2);
  const varLam = i22 / (i11 * i22 - i12 * i12);
  const xb = matvecDense(X, beta);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = y[i] - xb[i];
  const vc = dense(k + 1, k + 1);
  vc.data[0] = varLam;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) vc.data[(a + 1) * (k + 1) + b + 1] = sigma2 * Vb.data[a * k + b];
  return { param: lam, paramSe: Math.sqrt(varLam), beta, betaSe, sigma2, ll: opt.value, vcov: vc, residuals, nEff, ld, convergence: mlConvergence(opt, lo, hi, "lambda"), seTraces: exactTraces ? "exact" : "mc" };
}

function demeanIf(v: Float64Array, N: number, T: number, effects: FixedEffects): Float64Array {
  return effects === "none" ? v : demeanStacked(v, N, T, effects);
}

export interface SpatialModelInput {
  /** Outcome, stacked t-major for panels (unit order of W within each period). */
  y: ArrayLike<number>;
  /** Regressor columns (same stacking), without intercept. */
  x: ArrayLike<number>[];
  xNames: string[];
  w: SpatialWeights;
  model: SpatialModel;
  /** Periods (1 for a cross-section). */
  T?: number;
  effects?: FixedEffects;
  leeYu?: boolean;
  /** Cross-sections: include an intercept (default true; ignored with fixed effects). */
  intercept?: boolean;
  logdetMethod?: "auto" | LogDetMethod;
  /** Panels with effects: the lag of y in the likelihood (default "demeaned-lag", the exact ML; see PanelLag). */
  panelLag?: PanelLag;
  /** A precomputed log-determinant to share between models on the same W. */
  logdet?: LogDet;
}

/** Fit a SAR, SEM or SDM model (cross-section or panel) by maximum likelihood. */
/**
 * Brent's search on the concentrated likelihood: converged when the bracket shrank to tolerance, and the
 * maximum is interior (a maximum on the edge of the admissible interval is not an ML estimate).
 */
function mlConvergence(opt: { x: number; iterations: number; converged: boolean }, lo: number, hi: number, par: string): Convergence {
  const edge = Math.min(opt.x - lo, hi - opt.x) <= 1e-6 * (hi - lo);
  if (!opt.converged) return { ok: false, iterations: opt.iterations, message: `Brent's search for ${par} did not converge in ${opt.iterations} iterations` };
  if (edge) return { ok: false, iterations: opt.iterations, message: `${par} = ${opt.x} is on the edge of its interval [${lo}, ${hi}]: the likelihood has no interior maximum` };
  return { ok: true, iterations: opt.iterations, message: `Brent's search for ${par} converged` };
}

export function fitSpatial(inp: SpatialModelInput): SpatialFit {
  const w = inp.w;
  const N = w.n;
  const T = inp.T ?? 1;
  const effects = inp.effects ?? "none";
  if (T > 1 && effects === "none") {
    // pooled panel without effects is allowed (intercept kept)
  }
  const leeYu = inp.leeYu ?? false;
  const panelLag: PanelLag = inp.panelLag ?? "demeaned-lag";
  if (panelLag === "lag-of-demeaned" && leeYu) throw new Error('spatial: panelLag "lag-of-demeaned" (splm) is not defined with the Lee–Yu transformation');
  const n = N * T;
  if (inp.y.length !== n) throw new Error(`spatial: ${inp.y.length} observations, expected N·T = ${N}·${T} = ${n}`);
  inp.x.forEach((c, j) => {
    if (c.length !== n) throw new Error(`spatial: regressor ${inp.xNames[j]} has ${c.length} values, expected ${n}`);
  });
  const rowStd = w.isRowStandardized();
  const intercept = effects === "none" && (inp.intercept ?? true);
  const cols: Float64Array[] = [];
  const names: string[] = [];
  if (intercept) {
    cols.push(new Float64Array(n).fill(1));
    names.push("(Intercept)");
  }
  inp.x.forEach((c, j) => {
    cols.push(Float64Array.from(c));
    names.push(inp.xNames[j]);
  });
  const lagNames: string[] = [];
  if (inp.model === "sdm") {
    if (intercept && !rowStd) {
      cols.push(stackedLag(w, cols[0], T));
      names.push("W*(Intercept)");
      lagNames.push("(Intercept)");
    }
    inp.x.forEach((c, j) => {
      cols.push(stackedLag(w, c, T));
      names.push(`W*${inp.xNames[j]}`);
      lagNames.push(inp.xNames[j]);
    });
  }
  const y = demeanIf(Float64Array.from(inp.y), N, T, effects);
  const k = cols.length;
  const X = dense(n, k);
  cols.forEach((c, j) => {
    const d = demeanIf(c, N, T, effects);
    for (let i = 0; i < n; i++) X.data[i * k + j] = d[i];
  });
  const core = fitCore({ y, X, names, w, N, T, effects, leeYu, model: inp.model === "sem" ? "sem" : "sar", logdet: inp.logdet, logdetMethod: inp.logdetMethod, panelLag });
  const coefficients = names.map((term, j) => {
    const se = core.betaSe[j];
    const z = core.beta[j] / se;
    return { term, estimate: core.beta[j], se, z, p: pz(z) };
  });
  const par = inp.model === "sem" ? "lambda" : "rho";
  const vc = Array.from({ length: k + 1 }, (_, a) => Array.from(core.vcov.data.subarray(a * (k + 1), (a + 1) * (k + 1))));
  const fit: Omit<SpatialFit, keyof ModelResult> = {
    model: inp.model, effects, leeYu,
    rhoSe: core.paramSe,
    coefficients,
    log_likelihood: core.ll,
    sigma2: core.sigma2,
    N, T, nObs: n, nEff: core.nEff,
    vcov: vc,
    vcovNames: [par, ...names],
    residuals: core.residuals,
    logdetMethod: core.ld.method,
    logdetDescription: core.ld.description,
    seTraces: core.seTraces,
    ...(T > 1 && effects !== "none" ? { panelLag } : {}),
    interval: [core.ld.lower, core.ld.upper],
    xNames: inp.xNames.slice(),
    lagNames,
    aic: -2 * core.ll + 2 * (k + 2),
    convergence: core.convergence,
    internals: { w, ld: core.ld, rowStd },
  };
  if (inp.model === "sem") fit.lambda = core.param;
  else fit.rho = core.param;
  return withSpatialContract(fit);
}

/** The ModelResult methods of a spatial fit: ρ or λ first, then the coefficients, all with z (ML, asymptotic). */
function withSpatialContract(fit: Omit<SpatialFit, keyof ModelResult>): SpatialFit {
  return withResult(fit, (f) => ({
    title: `Spatial ${f.model.toUpperCase()} by maximum likelihood${f.T > 1 ? `, panel with ${f.effects} effects${f.leeYu ? " (Lee–Yu)" : ""}` : ""}`,
    header: () => [
      `Observations: ${f.nObs} (${f.N} units × ${f.T} periods); log-likelihood ${f.log_likelihood.toFixed(4)}; AIC ${f.aic.toFixed(4)}; σ² ${f.sigma2.toPrecision(6)}`,
      `Standard errors: ${spatialInference(f)}`,
      `log-determinant: ${f.logdetDescription}`,
    ],
    tidy: () => spatialTidy(f),
    glance: () => ({
      nobs: f.nObs,
      inference: spatialInference(f),
      model: f.model,
      effects: f.effects,
      log_likelihood: f.log_likelihood,
      aic: f.aic,
      sigma2: f.sigma2,
      n_units: f.N,
      n_periods: f.T,
      converged: f.convergence.ok,
    }),
    notes: () => (f.convergence.ok ? [] : [f.convergence.message]),
  }));
}

function spatialInference(f: Omit<SpatialFit, keyof ModelResult>): string {
  return `ML, asymptotic (analytic information matrix, traces ${f.seTraces}); z (normal)`;
}

function spatialTidy(f: Omit<SpatialFit, keyof ModelResult>): TidyRow[] {
  const par = f.model === "sem" ? "lambda" : "rho";
  const value = (f.model === "sem" ? f.lambda : f.rho) as number;
  return [coefRow(par, value, f.rhoSe), ...f.coefficients.map((c) => coefRow(c.term, c.estimate, c.se))];
}

/** OLS log-likelihood (for the LR test of ρ = 0 or λ = 0) on the same demeaned data. */
export function olsLogLik(y: ArrayLike<number>, X: Dense): number {
  const n = y.length;
  const L = choleskyDense(crossprodDense(X));
  const b = cholSolve(L.data, L.rows, crossvecDense(X, y));
  const f = matvecDense(X, b);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i] - f[i]) ** 2;
  return -(n / 2) * (Math.log(2 * Math.PI) + 1 + Math.log(ss / n));
}
