/**
 * Weak- and under-identification and over-identification diagnostics for IV, as Stata ivreg2 / xtivreg2 report
 * them (Baum, Schaffer & Stillman 2007). Everything is computed after partialling the included exogenous
 * regressors (and the constant, or the absorbed fixed effects) out of the endogenous regressors X̃ (n × K1)
 * and the excluded instruments Z̃ (n × L1), as ivreg2 does.
 *
 *  - Cragg–Donald: d = min eig[(X̃'M_Z̃X̃)⁻¹ X̃'P_Z̃X̃]; Wald N·d; F = d·(N − L − dofminus)/L1, where L counts all
 *    instruments (excluded + included exogenous + constant) and dofminus the absorbed fixed effects.
 *  - Anderson canonical-correlation LM (iid under-identification): N·ρ²_min, ρ² = eig[(X̃'X̃)⁻¹X̃'P_Z̃X̃].
 *  - Kleibergen & Paap (2006) rk statistic for H0: rank(Π) = K1 − 1, Π the L1 × K1 first-stage coefficients:
 *    Θ̂ = F Π̂ G with F'F = Z̃'Z̃/N and GG' = Σ̂⁻¹; SVD Θ̂ = U S V'; λ = A'Θ̂b with b the last right singular vector
 *    and A an orthonormal basis orthogonal to the first K1 − 1 left singular vectors (the statistic is
 *    invariant to the choice of bases, so this equals KP's a_q, b_q construction);
 *    rk = λ'[(b'⊗A') V(vec Θ̂) (b⊗A)]⁻¹λ with V(vec Θ̂) = (G'⊗F)(I⊗Q⁻¹) S (I⊗Q⁻¹)(G⊗F'), Q = Z̃'Z̃,
 *    S = Σ_g (Σ_{i∈g} e_i⊗z̃_i)(·)' (robust: one observation per group; iid: Σ̂⊗Q).
 *    LM version: Σ̂ = X̃'X̃/N and e = X̃ (ranktest's default); Wald version: Σ̂ = V̂'V̂/N and e = V̂, the
 *    first-stage residuals. rk Wald F = rkWald/L1 · (N − L − dofminus)/N, times (G − 1)/G when clustered.
 *    With iid S the LM is Anderson's LM and the Wald F is the Cragg–Donald F.
 *  - Hansen J (robust/cluster): J = ê'Z S_Z⁻¹ Z'ê at the two-step efficient GMM estimator, S_Z built from the
 *    2SLS residuals (ivreg2's J). Sargan (iid): N·ê'P_Z ê / ê'ê at 2SLS.
 *  - Stock & Yogo (2005) critical values: the table ivreg2 prints (see STOCK_YOGO below for the source).
 */
import { demean, feDegreesOfFreedom, Factor } from "./demean";
import { buildFrame, PanelData } from "./design";
import { parseFormula } from "./formula";
import { cholesky, crossprod, crossvec, invSPD, invUpper, matMul, matVec, symEigen, transpose } from "../core/linalg";
import { pchisqUpper } from "./result";

/*
 * Stock & Yogo (2005) critical values for the Cragg–Donald (and, as ivreg2 applies them, the KP rk Wald) F,
 * transcribed from ivreg2's Mata function s_cdsy (livreg2 1.1.07, Baum & Schaffer; file ivreg210.ado,
 * github.com/omercadopopular/cgoes, path dynamic-adjustment-trade-shocks/eu-tariffs/levchenko-replication/code/ado/
 * plus/i/ivreg210.ado), which reproduces Stock & Yogo (2005) Tables 5.1 (relative bias) and 5.2 (size).
 * Rows: L1 = 1..30 excluded instruments; columns: K1 = 1, 2 (size) or 1, 2, 3 (bias); null = not tabulated.
 */
type Row = (number | null)[];
const _ = null;
const SY: Record<string, Row[]> = {
  ivsize10: [[16.38,_],[19.93,7.03],[22.3,13.43],[24.58,16.87],[26.87,19.45],[29.18,21.68],[31.5,23.72],[33.84,25.64],[36.19,27.51],[38.54,29.32],[40.9,31.11],[43.27,32.88],[45.64,34.62],[48.01,36.36],[50.39,38.08],[52.77,39.8],[55.15,41.51],[57.53,43.22],[59.92,44.92],[62.3,46.62],[64.69,48.31],[67.07,50.01],[69.46,51.7],[71.85,53.39],[74.24,55.07],[76.62,56.76],[79.01,58.45],[81.4,60.13],[83.79,61.82],[86.17,63.51]],
  ivsize15: [[8.96,_],[11.59,4.58],[12.83,8.18],[13.96,9.93],[15.09,11.22],[16.23,12.33],[17.38,13.34],[18.54,14.31],[19.71,15.24],[20.88,16.16],[22.06,17.06],[23.24,17.95],[24.42,18.84],[25.61,19.72],[26.8,20.6],[27.99,21.48],[29.19,22.35],[30.38,23.22],[31.58,24.09],[32.77,24.96],[33.97,25.82],[35.17,26.69],[36.37,27.56],[37.57,28.42],[38.77,29.29],[39.97,30.15],[41.17,31.02],[42.37,31.88],[43.57,32.74],[44.78,33.61]],
  ivsize20: [[6.66,_],[8.75,3.95],[9.54,6.4],[10.26,7.54],[10.98,8.38],[11.72,9.1],[12.48,9.77],[13.24,10.41],[14.01,11.03],[14.78,11.65],[15.56,12.25],[16.35,12.86],[17.14,13.45],[17.93,14.05],[18.72,14.65],[19.51,15.24],[20.31,15.83],[21.1,16.42],[21.9,17.02],[22.7,17.61],[23.5,18.2],[24.3,18.79],[25.1,19.38],[25.9,19.97],[26.71,20.56],[27.51,21.15],[28.31,21.74],[29.12,22.33],[29.92,22.92],[30.72,23.51]],
  ivsize25: [[5.53,_],[7.25,3.63],[7.8,5.45],[8.31,6.28],[8.84,6.89],[9.38,7.42],[9.93,7.91],[10.5,8.39],[11.07,8.85],[11.65,9.31],[12.23,9.77],[12.82,10.22],[13.41,10.68],[14,11.13],[14.6,11.58],[15.19,12.03],[15.79,12.49],[16.39,12.94],[16.99,13.39],[17.6,13.84],[18.2,14.29],[18.8,14.74],[19.41,15.19],[20.01,15.64],[20.61,16.1],[21.22,16.55],[21.83,17],[22.43,17.45],[23.04,17.9],[23.65,18.35]],
  ivbias5: [[_,_,_],[_,_,_],[13.91,_,_],[16.85,11.04,_],[18.37,13.97,9.53],[19.28,15.72,12.2],[19.86,16.88,13.95],[20.25,17.7,15.18],[20.53,18.3,16.1],[20.74,18.76,16.8],[20.9,19.12,17.35],[21.01,19.4,17.8],[21.1,19.64,18.17],[21.18,19.83,18.47],[21.23,19.98,18.73],[21.28,20.12,18.94],[21.31,20.23,19.13],[21.34,20.33,19.29],[21.36,20.41,19.44],[21.38,20.48,19.56],[21.39,20.54,19.67],[21.4,20.6,19.77],[21.41,20.65,19.86],[21.41,20.69,19.94],[21.42,20.73,20.01],[21.42,20.76,20.07],[21.42,20.79,20.13],[21.42,20.82,20.18],[21.42,20.84,20.23],[21.42,20.86,20.27]],
  ivbias10: [[_,_,_],[_,_,_],[9.08,_,_],[10.27,7.56,_],[10.83,8.78,6.61],[11.12,9.48,7.77],[11.29,9.92,8.5],[11.39,10.22,9.01],[11.46,10.43,9.37],[11.49,10.58,9.64],[11.51,10.69,9.85],[11.52,10.78,10.01],[11.52,10.84,10.14],[11.52,10.89,10.25],[11.51,10.93,10.33],[11.5,10.96,10.41],[11.49,10.99,10.47],[11.48,11,10.52],[11.46,11.02,10.56],[11.45,11.03,10.6],[11.44,11.04,10.63],[11.42,11.05,10.65],[11.41,11.05,10.68],[11.4,11.05,10.7],[11.38,11.06,10.71],[11.37,11.06,10.73],[11.36,11.06,10.74],[11.34,11.05,10.75],[11.33,11.05,10.76],[11.32,11.05,10.77]],
  ivbias20: [[_,_,_],[_,_,_],[6.46,_,_],[6.71,5.57,_],[6.77,5.91,4.99],[6.76,6.08,5.35],[6.73,6.16,5.56],[6.69,6.2,5.69],[6.65,6.22,5.78],[6.61,6.23,5.83],[6.56,6.23,5.87],[6.53,6.22,5.9],[6.49,6.21,5.92],[6.45,6.2,5.93],[6.42,6.19,5.94],[6.39,6.17,5.94],[6.36,6.16,5.94],[6.33,6.14,5.94],[6.31,6.13,5.94],[6.28,6.11,5.93],[6.26,6.1,5.93],[6.24,6.08,5.92],[6.22,6.07,5.92],[6.2,6.06,5.91],[6.18,6.05,5.9],[6.16,6.03,5.9],[6.14,6.02,5.89],[6.13,6.01,5.88],[6.11,6,5.88],[6.09,5.99,5.87]],
  ivbias30: [[_,_,_],[_,_,_],[5.39,_,_],[5.34,4.73,_],[5.25,4.79,4.3],[5.15,4.78,4.4],[5.07,4.76,4.44],[4.99,4.73,4.46],[4.92,4.69,4.46],[4.86,4.66,4.45],[4.8,4.62,4.44],[4.75,4.59,4.42],[4.71,4.56,4.41],[4.67,4.53,4.39],[4.63,4.5,4.37],[4.59,4.48,4.36],[4.56,4.45,4.34],[4.53,4.43,4.32],[4.51,4.41,4.31],[4.48,4.39,4.29],[4.46,4.37,4.28],[4.43,4.35,4.27],[4.41,4.33,4.25],[4.39,4.32,4.24],[4.37,4.3,4.23],[4.35,4.29,4.21],[4.34,4.27,4.2],[4.32,4.26,4.19],[4.31,4.24,4.18],[4.29,4.23,4.17]],
};
const SY_LABEL: Record<string, string> = {
  ivbias5: "5% maximal IV relative bias",
  ivbias10: "10% maximal IV relative bias",
  ivbias20: "20% maximal IV relative bias",
  ivbias30: "30% maximal IV relative bias",
  ivsize10: "10% maximal IV size",
  ivsize15: "15% maximal IV size",
  ivsize20: "20% maximal IV size",
  ivsize25: "25% maximal IV size",
};

/** Stock–Yogo critical values for K1 endogenous regressors and L1 excluded instruments, as ivreg2 prints them. */
export function stockYogo(K1: number, L1: number): { label: string; value: number }[] {
  const out: { label: string; value: number }[] = [];
  for (const key of ["ivbias5", "ivbias10", "ivbias20", "ivbias30", "ivsize10", "ivsize15", "ivsize20", "ivsize25"]) {
    const v = SY[key][L1 - 1]?.[K1 - 1];
    if (v !== null && v !== undefined) out.push({ label: SY_LABEL[key], value: v });
  }
  return out;
}

export interface IvDiagOptions {
  /** "iid", "robust" (= hc0 meat, as ivreg2 robust) or "cluster" (needs cluster). */
  vcov?: "iid" | "robust" | "cluster";
  cluster?: string;
  id?: string;
  time?: string;
}

export interface IvDiagnostics {
  nobs: number;
  K1: number;
  L1: number;
  /** All instruments, included exogenous and constant counted (ivreg2's L). */
  L: number;
  dofminus: number;
  nClusters?: number;
  craggDonald: { wald: number; F: number };
  andersonLM: { statistic: number; df: number; p_value: number };
  kleibergenPaap?: { lm: number; lmDf: number; lmP: number; wald: number; waldF: number };
  hansenJ?: { statistic: number; df: number; p_value: number };
  sargan?: { statistic: number; df: number; p_value: number };
  stockYogo: { label: string; value: number }[];
  vcov: string;
}

function cols2(n: number, k: number) {
  return Array.from({ length: k }, () => new Float64Array(n));
}

/** Residuals of each column of Y on the columns of X (OLS). */
function residualize(Y: Float64Array[], X: Float64Array[]): Float64Array[] {
  if (!X.length) return Y.map((y) => Float64Array.from(y));
  const k = X.length;
  const Xi = invSPD(crossprod(X), k, "X'X of the exogenous regressors");
  return Y.map((y) => {
    const b = matVec(Xi, k, crossvec(X, y));
    const e = Float64Array.from(y);
    for (let j = 0; j < k; j++) for (let i = 0; i < e.length; i++) e[i] -= b[j] * X[j][i];
    return e;
  });
}




/** Upper Cholesky factor R (R'R = A) read from A's upper triangle (A need not be exactly symmetric). */
function cholUpper(a: Float64Array, k: number, what: string): Float64Array {
  return transpose(cholesky(transpose(a, k, k), k, what), k, k);
}

/** Cross-product of column sets: A'B (ka × kb). */
function crossAB(A: Float64Array[], B: Float64Array[]): Float64Array {
  const out = new Float64Array(A.length * B.length);
  for (let a = 0; a < A.length; a++)
    for (let b = 0; b < B.length; b++) {
      let s = 0;
      for (let i = 0; i < A[a].length; i++) s += A[a][i] * B[b][i];
      out[a * B.length + b] = s;
    }
  return out;
}

/** Kleibergen–Paap rk statistic for H0: rank(Π) = K1 − 1 (see the module comment). */
function kpRk(X: Float64Array[], Z: Float64Array[], e: Float64Array[], Sigma: Float64Array, groups: Int32Array | null, nG: number, iid: boolean): number {
  const n = X[0].length;
  const K = X.length;
  const L = Z.length;
  const Q = crossprod(Z);
  const Qi = invSPD(Q, L, "Z'Z of the excluded instruments");
  const Pi = matMul(Qi, L, L, crossAB(Z, X), K); // L × K
  const F = cholUpper(Q.map((v) => v / n), L, "Z'Z/N"); // F'F = Z'Z/N
  const G = transpose(cholUpper(invSPD(Sigma, K, "Σ"), K, "Σ⁻¹"), K, K); // lower, GG' = Σ⁻¹
  const Theta = matMul(matMul(F, L, L, Pi, K), L, K, G, K); // L × K
  const TT = matMul(transpose(Theta, L, K), K, L, Theta, K);
  const { vectors: V } = symEigen(TT, K); // ascending: column 0 is the smallest singular value
  // right singular vectors sorted descending: first K−1 are columns K−1..1; b = column 0
  const b = Float64Array.from({ length: K }, (_, r) => V[r * K + 0]);
  const us: Float64Array[] = [];
  for (let c = K - 1; c >= 1; c--) {
    const v = Float64Array.from({ length: K }, (_, r) => V[r * K + c]);
    const u = matVec2(Theta, L, K, v);
    const nrm = Math.hypot(...u);
    us.push(u.map((z) => z / nrm));
  }
  // orthonormal basis A of the complement of us (L − K + 1 columns) by Gram–Schmidt on the unit vectors
  const basis: Float64Array[] = [...us];
  const A: Float64Array[] = [];
  for (let j = 0; j < L && A.length < L - K + 1; j++) {
    const w = new Float64Array(L);
    w[j] = 1;
    for (const u of basis) {
      let s = 0;
      for (let i = 0; i < L; i++) s += u[i] * w[i];
      for (let i = 0; i < L; i++) w[i] -= s * u[i];
    }
    const nrm = Math.hypot(...w);
    if (nrm > 1e-8) {
      const u = w.map((z) => z / nrm);
      basis.push(u);
      A.push(u);
    }
  }
  const m = A.length;
  const Tb = matVec2(Theta, L, K, b);
  const lambda = A.map((a) => a.reduce((s, z, i) => s + z * Tb[i], 0));
  // C = (b'⊗A')(G'⊗F)(I⊗Q⁻¹) : m × (K·L);  row r, entry (k, l): (G b)_k · (A_r' F Q⁻¹)_l
  const Gb = matVec2(G, K, K, b); // (b'⊗A')(G'⊗F) = (Gb)' ⊗ A'F
  const FQi = matMul(F, L, L, Qi, L);
  const aF = A.map((a) => {
    const out = new Float64Array(L);
    for (let l = 0; l < L; l++) {
      let s = 0;
      for (let i = 0; i < L; i++) s += a[i] * FQi[i * L + l];
      out[l] = s;
    }
    return out;
  });
  // h_i (m-vector per observation or group): Σ_k Σ_l C[r, k·L + l] e_ik z_il
  let Vl: Float64Array;
  if (iid) {
    // S = Σ̂ ⊗ Q with Σ̂ = e'e/N
    const Se = crossprod(e).map((v) => v / n);
    const bSb = quadForm(Se, K, Gb);
    Vl = new Float64Array(m * m);
    for (let r = 0; r < m; r++)
      for (let s = 0; s < m; s++) {
        let t = 0;
        for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) t += aF[r][i] * Q[i * L + j] * aF[s][j];
        Vl[r * m + s] = bSb * t;
      }
  } else {
    const h = new Float64Array((groups ? nG : n) * m);
    for (let i = 0; i < n; i++) {
      const g = groups ? groups[i] : i;
      let eb = 0;
      for (let k = 0; k < K; k++) eb += Gb[k] * e[k][i];
      for (let r = 0; r < m; r++) {
        let za = 0;
        for (let l = 0; l < L; l++) za += aF[r][l] * Z[l][i];
        h[g * m + r] += eb * za;
      }
    }
    Vl = new Float64Array(m * m);
    const G2 = groups ? nG : n;
    for (let g = 0; g < G2; g++) for (let r = 0; r < m; r++) for (let s = 0; s < m; s++) Vl[r * m + s] += h[g * m + r] * h[g * m + s];
  }
  const Vi = invSPD(Vl, m, "KP rk covariance");
  const w = matVec(Vi, m, lambda);
  let rk = 0;
  for (let r = 0; r < m; r++) rk += lambda[r] * w[r];
  return rk;
}

function matVec2(a: Float64Array, r: number, c: number, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(r);
  for (let i = 0; i < r; i++) {
    let s = 0;
    for (let j = 0; j < c; j++) s += a[i * c + j] * v[j];
    out[i] = s;
  }
  return out;
}

function quadForm(a: Float64Array, k: number, v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) s += v[i] * a[i * k + j] * v[j];
  return s;
}

/**
 * ivreg2-style identification diagnostics for `y ~ exog [| fe] | endog ~ instruments`.
 * `ivDiagnostics(t, "lny ~ x1 | city + year | d ~ z1 + z2", { vcov: "cluster", cluster: "city" })`.
 */
export function ivDiagnostics(data: PanelData, formula: string, opts: IvDiagOptions = {}): IvDiagnostics {
  const f = parseFormula(formula);
  if (!f.endog.length) throw new Error(`ivDiagnostics: formula "${formula}" needs an IV part "| endog ~ instruments"`);
  const vtype = opts.vcov ?? "iid";
  if (vtype === "cluster" && !opts.cluster) throw new Error(`ivDiagnostics: vcov "cluster" needs cluster: "<column>"`);
  const fr = buildFrame(data, f, { id: opts.id, time: opts.time, cluster: vtype === "cluster" ? [opts.cluster!] : undefined });
  const n = fr.y.length;
  let y = fr.y;
  let W = fr.X;
  let X = fr.endog;
  let Z = fr.instr;
  let dofminus = 0;
  if (fr.fe.length) {
    const d = demean([y, ...W, ...X, ...Z], fr.fe);
    y = d.cols[0];
    W = d.cols.slice(1, 1 + W.length);
    X = d.cols.slice(1 + W.length, 1 + W.length + X.length);
    Z = d.cols.slice(1 + W.length + X.length);
    dofminus = feDegreesOfFreedom(fr.fe).df;
  } else if (fr.intercept) W = [new Float64Array(n).fill(1), ...W];
  const K1 = X.length;
  const L1 = Z.length;
  if (L1 < K1) throw new Error(`ivDiagnostics: ${L1} excluded instrument(s) for ${K1} endogenous regressor(s): the equation is not identified`);
  const L = W.length + L1;
  const Xt = residualize(X, W);
  const Zt = residualize(Z, W);
  const yt = residualize([y], W)[0];
  // canonical correlations
  const XX = crossprod(Xt);
  const Qz = crossprod(Zt);
  const Qzi = invSPD(Qz, L1, "Z'Z of the excluded instruments (partialled)");
  const ZX = crossAB(Zt, Xt); // L1 × K1
  const XPX = matMul(transpose(ZX, L1, K1), K1, L1, matMul(Qzi, L1, L1, ZX, K1), K1);
  const XMX = XX.map((v, i) => v - XPX[i]);
  const minEig = (B: Float64Array, Aden: Float64Array) => {
    // min eig of Aden⁻¹ B via Aden^{-1/2} B Aden^{-1/2} (Cholesky)
    const R = cholUpper(Aden, K1, "endogenous cross-product");
    const Ri = invUpper(R, K1);
    const M = matMul(matMul(transpose(Ri, K1, K1), K1, K1, B, K1), K1, K1, Ri, K1);
    return symEigen(M, K1).values[0];
  };
  const cd = minEig(XPX, XMX);
  const rho2 = minEig(XPX, XX);
  const underDf = L1 - K1 + 1;
  const res: IvDiagnostics = {
    nobs: n,
    K1,
    L1,
    L,
    dofminus,
    craggDonald: { wald: n * cd, F: (cd * (n - L - dofminus)) / L1 },
    andersonLM: { statistic: n * rho2, df: underDf, p_value: pchisqUpper(n * rho2, underDf) },
    stockYogo: stockYogo(K1, L1),
    vcov: vtype,
  };
  // first-stage residuals V̂ = X̃ − Z̃Π̂
  const Pi = matMul(Qzi, L1, L1, ZX, K1);
  const Vh = Xt.map((x, k) => {
    const v = Float64Array.from(x);
    for (let l = 0; l < L1; l++) for (let i = 0; i < n; i++) v[i] -= Pi[l * K1 + k] * Zt[l][i];
    return v;
  });
  let groups: Int32Array | null = null;
  let nG = n;
  if (vtype === "cluster") {
    const c: Factor = fr.clusters[0];
    groups = c.codes;
    nG = c.nLevels;
    res.nClusters = nG;
  }
  const iid = vtype === "iid";
  const lm = kpRk(Xt, Zt, Xt, XX.map((v) => v / n), groups, nG, iid);
  const wald = kpRk(Xt, Zt, Vh, crossprod(Vh).map((v) => v / n), groups, nG, iid);
  let waldF = (wald / L1) * ((n - L - dofminus) / n);
  if (groups) waldF *= (nG - 1) / nG;
  res.kleibergenPaap = { lm, lmDf: underDf, lmP: pchisqUpper(lm, underDf), wald, waldF };
  // 2SLS on the full (within) design, then J / Sargan
  if (L1 > K1) {
    const Xf = [...W, ...X];
    const Zf = [...W, ...Z];
    const kz = Zf.length;
    const kx = Xf.length;
    const ZZi = invSPD(crossprod(Zf), kz, "Z'Z");
    const ZXf = crossAB(Zf, Xf);
    const Zy = crossvec(Zf, y);
    const gmm = (Wt: Float64Array) => {
      const XZW = matMul(transpose(ZXf, kz, kx), kx, kz, Wt, kz);
      const A = matMul(XZW, kx, kz, ZXf, kx);
      const b = matVec2(XZW, kx, kz, Zy);
      const beta = matVec(invSPD(A, kx, "X'Z W Z'X"), kx, b);
      const e = Float64Array.from(y);
      for (let j = 0; j < kx; j++) for (let i = 0; i < n; i++) e[i] -= beta[j] * Xf[j][i];
      return e;
    };
    const e2 = gmm(ZZi);
    const df = L1 - K1;
    if (iid) {
      const Ze = crossvec(Zf, e2);
      const num = quadForm(ZZi, kz, Ze);
      let ee = 0;
      for (const v of e2) ee += v * v;
      const s = (n * num) / ee;
      res.sargan = { statistic: s, df, p_value: pchisqUpper(s, df) };
    } else {
      const Smat = (e: Float64Array) => {
        const h = new Float64Array((groups ? nG : n) * kz);
        for (let i = 0; i < n; i++) {
          const g = groups ? groups[i] : i;
          for (let j = 0; j < kz; j++) h[g * kz + j] += Zf[j][i] * e[i];
        }
        const S = new Float64Array(kz * kz);
        const G2 = groups ? nG : n;
        for (let g = 0; g < G2; g++) for (let a = 0; a < kz; a++) for (let b = 0; b < kz; b++) S[a * kz + b] += h[g * kz + a] * h[g * kz + b];
        return S;
      };
      const Si = invSPD(Smat(e2), kz, "instrument score covariance");
      const eg = gmm(Si);
      const J = quadForm(Si, kz, crossvec(Zf, eg));
      res.hansenJ = { statistic: J, df, p_value: pchisqUpper(J, df) };
    }
  }
  return res;
}


