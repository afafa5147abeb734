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
import jStat from "jstat";
import { Dense, brentMax, cholSolve, cholesky, crossprod, crossvec, dense, inverse, matvec } from "./linalg";
import { LogDet, logDet } from "./logdet";
import { SpatialWeights } from "./weights";
import { Convergence } from "../data/report";

export type SpatialModel = "sar" | "sem" | "sdm";
export type FixedEffects = "none" | "individual" | "time" | "twoways";

export interface CoefficientRow {
  term: string;
  estimate: number;
  se: number;
  z: number;
  p: number;
}

export interface SpatialFit {
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
  logdetMethod: "eigen" | "mc";
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

const pz = (z: number) => 2 * (1 - jStat.normal.cdf(Math.abs(z), 0, 1));

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
    const c = 1 / (1 - rho);
    t1 -= c;
    t2 -= c * c;
    // ||G'1||² / N
    let s = 0;
    for (let j = 0; j < n; j++) {
      let cs = 0;
      for (let i = 0; i < n; i++) cs += G.data[i * n + j];
      s += cs * cs;
    }
    tgg -= s / n;
  }
  return { t1, t2, tgg };
}

/** Hutchinson estimates of the same traces for large N (seeded Rademacher probes, fixed-point solves). */
function gTracesMC(w: SpatialWeights, rho: number, probes = 40): { t1: number; t2: number; tgg: number } {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Rng } = require("../rng") as typeof import("../rng");
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
  /** Log-determinant method (default auto: eigenvalues up to 1,500 units). */
  logdetMethod?: "auto" | "eigen" | "mc";
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
  const XtX = crossprod(X);
  const L = cholesky(XtX);
  const wly = (v: Float64Array) => demeanIf(stackedLag(w, v, T), N, T, effects);
  if (inp.model === "sar") {
    const Wy = wly(y);
    const b0 = cholSolve(L, crossvec(X, y));
    const bd = cholSolve(L, crossvec(X, Wy));
    const f0 = matvec(X, b0), fd = matvec(X, bd);
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
    const xb = matvec(X, beta);
    const residuals = new Float64Array(n);
    for (let i = 0; i < n; i++) residuals[i] = y[i] - rho * Wy[i] - xb[i];
    // information matrix, order (β, ρ, σ²)
    const tr = w.n <= 2000 ? gTraces(w, rho, dropUnit) : gTracesMC(w, rho);
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
    const xg = crossvec(X, g);
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
    return { param: rho, paramSe: Math.sqrt(V.data[k * p + k]), beta, betaSe, sigma2, ll: opt.value, vcov: vc, residuals, nEff, ld, convergence: mlConvergence(opt, lo, hi, "rho") };
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
    const Ls = cholesky(crossprod(Xs));
    const beta = cholSolve(Ls, crossvec(Xs, ys));
    const f = matvec(Xs, beta);
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (ys[i] - f[i]) ** 2;
    return { beta, ss, Ls };
  };
  const conc = (l: number) => c0 - (nEff / 2) * Math.log(gls(l).ss / nEff) + ldv(l);
  const opt = brentMax(conc, lo, hi, 1e-12);
  const lam = opt.x;
  const { beta, ss } = gls(lam);
  const sigma2 = ss / nEff;
  const XsXs = crossprod(Xs);
  const Vb = inverse(XsXs);
  const betaSe = Float64Array.from({ length: k }, (_, a) => Math.sqrt(sigma2 * Vb.data[a * k + a]));
  const tr = w.n <= 2000 ? gTraces(w, lam, dropUnit) : gTracesMC(w, lam);
  const i11 = scale * (tr.t2 + tr.tgg);
  const i12 = (scale * tr.t1) / sigma2;
  const i22 = nEff / (2 * sigma2 * sigma2);
  const varLam = i22 / (i11 * i22 - i12 * i12);
  const xb = matvec(X, beta);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = y[i] - xb[i];
  const vc = dense(k + 1, k + 1);
  vc.data[0] = varLam;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) vc.data[(a + 1) * (k + 1) + b + 1] = sigma2 * Vb.data[a * k + b];
  return { param: lam, paramSe: Math.sqrt(varLam), beta, betaSe, sigma2, ll: opt.value, vcov: vc, residuals, nEff, ld, convergence: mlConvergence(opt, lo, hi, "lambda") };
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
  logdetMethod?: "auto" | "eigen" | "mc";
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
  const core = fitCore({ y, X, names, w, N, T, effects, leeYu, model: inp.model === "sem" ? "sem" : "sar", logdet: inp.logdet, logdetMethod: inp.logdetMethod });
  const coefficients = names.map((term, j) => {
    const se = core.betaSe[j];
    const z = core.beta[j] / se;
    return { term, estimate: core.beta[j], se, z, p: pz(z) };
  });
  const par = inp.model === "sem" ? "lambda" : "rho";
  const vc = Array.from({ length: k + 1 }, (_, a) => Array.from(core.vcov.data.subarray(a * (k + 1), (a + 1) * (k + 1))));
  const fit: SpatialFit = {
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
    interval: [core.ld.lower, core.ld.upper],
    xNames: inp.xNames.slice(),
    lagNames,
    aic: -2 * core.ll + 2 * (k + 2),
    convergence: core.convergence,
    internals: { w, ld: core.ld, rowStd },
  };
  if (inp.model === "sem") fit.lambda = core.param;
  else fit.rho = core.param;
  return fit;
}

/** OLS log-likelihood (for the LR test of ρ = 0 or λ = 0) on the same demeaned data. */
export function olsLogLik(y: ArrayLike<number>, X: Dense): number {
  const n = y.length;
  const L = cholesky(crossprod(X));
  const b = cholSolve(L, crossvec(X, y));
  const f = matvec(X, b);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i] - f[i]) ** 2;
  return -(n / 2) * (Math.log(2 * Math.PI) + 1 + Math.log(ss / n));
}
