/**
 * log|I − ρW| for the likelihoods. Exact by eigenvalues (Ord 1975), Σ log|1 − ρλ_i| with complex λ handled,
 * or exact by a sparse LU of I − ρW (./sparse.ts; the default above `EIGEN_MAX_N` units, where it is faster);
 * on request only, the Barry–Pace (1999) Monte Carlo approximation:
 * log|I − ρW| ≈ −Σ_{k=1}^{m} ρ^k tr(W^k)/k with tr(W) and tr(W²) exact and tr(W^k), k ≥ 3, estimated by
 * Hutchinson's trace estimator u'W^k u over p seeded Rademacher probes (m = 30, p = 50 by default). The
 * approximation error is of order ρ^{m+1}/(m+1)·N plus the trace sampling error (≈ 1e-3·N at ρ = 0.5 for typical
 * sparse W); the parameter bounds are then [−1, 1) for row-standardised W.
 */
import { Rng } from "../rng";
import { eigenvalues } from "../core/linalg";
import { SparseLU, factorIminusRhoW, luLogAbsDet, luSolveBlock, sparseLUPattern } from "./sparse";
import { SpatialWeights } from "./weights";

export type LogDetMethod = "eigen" | "lu" | "mc";

export interface LogDet {
  method: LogDetMethod;
  /** How tr((I − ρW)^{-1}) and tr((I − ρW)^{-1}W) of the effects are computed. */
  traceMethod: "eigen" | "mc";
  /** One line for a result: the method and, for approximations, the error bound. */
  description: string;
  /** Admissible interval for ρ (open): (1/λ_min, 1/λ_max) from the real parts of the eigenvalues. */
  lower: number;
  upper: number;
  value(rho: number): number;
  /** Eigenvalues when method = "eigen". */
  re?: Float64Array;
  im?: Float64Array;
  /** tr(W^k), k = 0..m (method "mc": estimated for k ≥ 3). */
  traces?: Float64Array;
  /** tr((I − ρW)^{-1}) and tr((I − ρW)^{-1}W), by `traceMethod` (used for every simulation draw). */
  traceInverse(rho: number): { tInv: number; tInvW: number };
  /** The sparse LU factors of I − ρW (method "lu"), for exact solves. */
  factorAt?(rho: number): SparseLU;
  /** The same traces exactly, where `traceMethod` is an approximation (used once, at the estimate). */
  exactTraceInverse?(rho: number): { tInv: number; tInvW: number };
}

export function isSymmetricStructure(w: SpatialWeights): boolean {
  return w.hasSymmetricStructure();
}

/** Exact log-determinant from the eigenvalues of W. */
export function eigenLogDet(w: SpatialWeights): LogDet {
  const n = w.n;
  let re: Float64Array;
  let im: Float64Array;
  // Row-standardised symmetric C: W = D^{-1}C is similar to D^{-1/2} C D^{-1/2} (real spectrum, symmetric solver).
  const rs = w.rowSums();
  const d = w.toDense();
  let symBase = true;
  const c = new Float64Array(n * n);
  // recover C up to row scaling: C = D W with d_i = 1/rowsum of the unstandardised matrix is unknown; test whether
  // W_ij * r_i is symmetric for some r: take r_i ∝ 1 / W_ij-based ratios. Works for symmetric W or for
  // row-standardised binary symmetric C (then W_ij = 1/n_i and r_i = n_i).
  const r = new Float64Array(n);
  const symW = w.isSymmetric(1e-12);
  for (let i = 0; i < n; i++) {
    let mx = 0;
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) mx = Math.max(mx, w.val[p]);
    r[i] = rs[i] === 0 || symW ? 1 : 1 / mx;
  }
  for (let i = 0; i < n && symBase; i++)
    for (let j = 0; j < i; j++) {
      const a = d.data[i * n + j] * r[i];
      const b = d.data[j * n + i] * r[j];
      if (Math.abs(a - b) > 1e-10 * Math.max(Math.abs(a), Math.abs(b), 1e-300)) {
        symBase = false;
        break;
      }
    }
  if (symBase) {
    // S = R^{1/2} W R^{-1/2} is symmetric when R W is symmetric
    const sq = Float64Array.from(r, (v) => Math.sqrt(v));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[i * n + j] = (sq[i] * d.data[i * n + j]) / sq[j];
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) c[i * n + j] = c[j * n + i] = 0.5 * (c[i * n + j] + c[j * n + i]);
    const e = eigenvalues({ rows: n, cols: n, data: c }, true);
    re = e.re;
    im = new Float64Array(n);
  } else {
    const e = eigenvalues(d, false);
    re = e.re;
    im = e.im;
  }
  let mn = Infinity, mx = -Infinity;
  for (const v of re) {
    mn = Math.min(mn, v);
    mx = Math.max(mx, v);
  }
  const anyComplex = im.some((v) => v !== 0);
  return {
    method: "eigen",
    traceMethod: "eigen",
    description: "exact (eigenvalues of W)",
    lower: 1 / mn,
    upper: 1 / mx,
    re,
    im,
    value(rho: number) {
      let s = 0;
      if (!anyComplex) for (let i = 0; i < n; i++) s += Math.log(Math.abs(1 - rho * re[i]));
      else for (let i = 0; i < n; i++) s += 0.5 * Math.log((1 - rho * re[i]) ** 2 + (rho * im[i]) ** 2);
      return s;
    },
    traceInverse(rho: number) {
      let tInv = 0, tInvW = 0;
      for (let i = 0; i < n; i++) {
        const a = re[i], b = im[i];
        const D = (1 - rho * a) ** 2 + (rho * b) ** 2;
        tInv += (1 - rho * a) / D;
        tInvW += (a - rho * (a * a + b * b)) / D;
      }
      return { tInv, tInvW };
    },
  };
}

/** Largest eigenvalue modulus by power iteration (for bounds of non-standardised W). */
function spectralRadius(w: SpatialWeights): number {
  let x = new Float64Array(w.n).fill(1);
  let lam = 0;
  for (let it = 0; it < 500; it++) {
    const y = w.lag(x);
    let nrm = 0;
    for (const v of y) nrm = Math.max(nrm, Math.abs(v));
    if (nrm === 0) return 0;
    for (let i = 0; i < y.length; i++) y[i] /= nrm;
    if (Math.abs(nrm - lam) < 1e-12 * nrm) return nrm;
    lam = nrm;
    x = y;
  }
  return lam;
}

export interface TraceOptions {
  order?: number;
  probes?: number;
  seed?: number;
}

/** tr(W^k), k = 0..m+1: exact for k ≤ 2, Hutchinson estimates over seeded Rademacher probes beyond. */
function traceSeries(w: SpatialWeights, opts: TraceOptions): Float64Array {
  const m = opts.order ?? 30;
  const p = opts.probes ?? 50;
  const rng = new Rng(opts.seed ?? 20240607);
  const n = w.n;
  const tr = new Float64Array(m + 2);
  tr[0] = n;
  for (let i = 0; i < n; i++) for (let q = w.rowPtr[i]; q < w.rowPtr[i + 1]; q++) if (w.col[q] === i) tr[1] += w.val[q];
  // tr(W²) = Σ_ij w_ij w_ji exact
  const d = new Map<number, number>();
  for (let i = 0; i < n; i++) for (let q = w.rowPtr[i]; q < w.rowPtr[i + 1]; q++) d.set(i * n + w.col[q], w.val[q]);
  for (const [key, v] of d) {
    const i = Math.floor(key / n), j = key % n;
    const t = d.get(j * n + i);
    if (t !== undefined) tr[2] += v * t;
  }
  const acc = new Float64Array(m + 2);
  for (let s = 0; s < p; s++) {
    const u = Float64Array.from({ length: n }, () => (rng.uniform() < 0.5 ? -1 : 1));
    let v: Float64Array = u;
    for (let k = 1; k <= m + 1; k++) {
      v = w.lag(v);
      let dt = 0;
      for (let i = 0; i < n; i++) dt += u[i] * v[i];
      acc[k] += dt / p;
    }
  }
  for (let k = 3; k <= m + 1; k++) tr[k] = acc[k];
  return tr;
}

/** (tr((I − ρW)^{-1}), tr((I − ρW)^{-1}W)) from the truncated power series with the given traces. */
function seriesTraceInverse(tr: Float64Array, rho: number): { tInv: number; tInvW: number } {
  const m = tr.length - 2;
  let tInv = 0, tInvW = 0, rk = 1;
  for (let k = 0; k <= m; k++) {
    tInv += rk * tr[k];
    tInvW += rk * tr[k + 1];
    rk *= rho;
  }
  return { tInv, tInvW };
}

/** The admissible ρ interval without eigenvalues: [−1, 1) for row-standardised W, else ±1/spectral radius. */
function radiusInterval(w: SpatialWeights): { lower: number; upper: number } {
  const rad = w.isRowStandardized() ? 1 : spectralRadius(w);
  return { lower: -1 / rad, upper: 1 / rad };
}

/** Barry–Pace Monte Carlo log-determinant (see the module comment). */
export function mcLogDet(w: SpatialWeights, opts: TraceOptions = {}): LogDet {
  const m = opts.order ?? 30;
  const p = opts.probes ?? 50;
  const tr = traceSeries(w, opts);
  const n = w.n;
  // truncation of −Σ ρ^k tr(W^k)/k after m terms, with |tr(W^k)| ≤ N for row-standardised W
  const bound = (rho: number) => (n * Math.abs(rho) ** (m + 1)) / ((m + 1) * (1 - Math.abs(rho)));
  return {
    method: "mc",
    traceMethod: "mc",
    description: `approximate (Barry–Pace Monte Carlo: ${m} terms, ${p} seeded probes; truncation error ≤ N·|ρ|^${m + 1}/(${m + 1}(1−|ρ|)) = ${bound(0.5).toExponential(1)} at ρ = 0.5, plus the sampling error of the traces)`,
    ...radiusInterval(w),
    traces: tr,
    value(rho: number) {
      let s = 0;
      let rk = 1;
      for (let k = 1; k <= m; k++) {
        rk *= rho;
        s -= (rk * tr[k]) / k;
      }
      return s;
    },
    traceInverse: (rho: number) => seriesTraceInverse(tr, rho),
  };
}

/**
 * Exact log-determinant by sparse LU (./sparse.ts): one ordering and symbolic factorisation, one numeric LU per ρ.
 * The effects at the estimate use exact traces (N sparse solves); their simulation draws use the Monte Carlo power
 * series (exact tr(W), tr(W²)), computed on first use.
 */
export function luLogDet(w: SpatialWeights, opts: TraceOptions = {}): LogDet {
  const pat = sparseLUPattern(w);
  const nnz = pat.colPtr[w.n];
  const work = { L: new Float64Array(nnz), U: new Float64Array(nnz), pivots: new Float64Array(w.n) };
  let tr: Float64Array | undefined;
  return {
    method: "lu",
    traceMethod: "mc",
    description: `exact (sparse LU of I − ρW, minimum-degree ordering, ${nnz + w.n} factor entries)`,
    ...radiusInterval(w),
    value: (rho: number) => luLogAbsDet(factorIminusRhoW(pat, rho, work)),
    factorAt: (rho: number) => factorIminusRhoW(pat, rho),
    traceInverse(rho: number) {
      tr ??= traceSeries(w, opts);
      return seriesTraceInverse(tr, rho);
    },
    // diag of (I − ρW)^{-1} by N solves; (I − ρW)^{-1}W = ((I − ρW)^{-1} − I)/ρ gives the second trace
    exactTraceInverse(rho: number) {
      const f = factorIminusRhoW(pat, rho);
      const B = 16;
      let tInv = 0;
      for (let j0 = 0; j0 < w.n; j0 += B) {
        const nb = Math.min(B, w.n - j0);
        const e = new Float64Array(w.n * B);
        for (let b = 0; b < nb; b++) e[(j0 + b) * B + b] = 1;
        const c = luSolveBlock(f, e, B);
        for (let b = 0; b < nb; b++) tInv += c[(j0 + b) * B + b];
      }
      let trW = 0;
      for (let i = 0; i < w.n; i++) for (let q = w.rowPtr[i]; q < w.rowPtr[i + 1]; q++) if (w.col[q] === i) trW += w.val[q];
      return { tInv, tInvW: rho === 0 ? trW : (tInv - w.n) / rho };
    },
  };
}

/** Up to this many units the automatic choice takes eigenvalues (faster there, and exact traces for the effects). */
export const EIGEN_MAX_N = 400;

/**
 * The default ("auto"): eigenvalues up to EIGEN_MAX_N units, sparse LU beyond; both exact. The result is kept per W
 * object and method, so fitting SEM, SAR and SDM on one W decomposes it once; W's arrays are compared in full with
 * the copy kept, so a W changed in place is decomposed afresh.
 */
export function logDet(w: SpatialWeights, method: "auto" | LogDetMethod = "auto"): LogDet {
  const m: LogDetMethod = method === "eigen" || (method === "auto" && w.n <= EIGEN_MAX_N) ? "eigen" : method === "mc" ? "mc" : "lu";
  const kept = computed.get(w) ?? [];
  const hit = kept.find((k) => k.method === m && sameArray(k.rowPtr, w.rowPtr) && sameArray(k.col, w.col) && sameArray(k.val, w.val));
  if (hit) return hit.ld;
  const ld = m === "eigen" ? eigenLogDet(w) : m === "mc" ? mcLogDet(w) : luLogDet(w);
  kept.push({ method: m, rowPtr: w.rowPtr.slice(), col: w.col.slice(), val: w.val.slice(), ld });
  computed.set(w, kept);
  return ld;
}

const computed = new WeakMap<SpatialWeights, { method: LogDetMethod; rowPtr: Int32Array; col: Int32Array; val: Float64Array; ld: LogDet }[]>();

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
