/**
 * Specification tests. Lagrange multiplier tests on OLS residuals (Anselin 1988; Anselin et al. 1996 robust
 * forms; spdep lm.LMtests), in the panel form of Elhorst (2014) when T > 1 (demeaned data, traces times T).
 * LR and Wald tests of the SDM against SAR (θ = 0) and SEM (θ + ρβ = 0).
 */
import { cholSolve, choleskyDense, crossprodDense, crossvecDense, dense, inverse, matvecDense } from "../core/linalg";
import { FixedEffects, SpatialFit, demeanStacked, stackedLag } from "./ml";
import { SpatialWeights } from "./weights";
import { chiSquaredUpper } from "../core/distributions";

export interface SpatialTestResult {
  statistic: number;
  df: number;
  p: number;
}

const chiP = chiSquaredUpper;

export interface LMTests {
  LMerr: SpatialTestResult;
  LMlag: SpatialTestResult;
  RLMerr: SpatialTestResult;
  RLMlag: SpatialTestResult;
  SARMA: SpatialTestResult;
}

/** LM tests from the OLS regression of y on x (intercept added for cross-sections; demeaned with effects). */
export function lmTests(y: ArrayLike<number>, x: ArrayLike<number>[], w: SpatialWeights, opts: { T?: number; effects?: FixedEffects; intercept?: boolean } = {}): LMTests {
  const N = w.n;
  const T = opts.T ?? 1;
  const effects = opts.effects ?? "none";
  const n = N * T;
  const intercept = effects === "none" && (opts.intercept ?? true);
  const cols: Float64Array[] = [];
  if (intercept) cols.push(new Float64Array(n).fill(1));
  for (const c of x) cols.push(demeanStacked(c, N, T, effects));
  const yy = demeanStacked(y, N, T, effects);
  const k = cols.length;
  const X = dense(n, k);
  cols.forEach((c, j) => c.forEach((v, i) => (X.data[i * k + j] = v)));
  const L = choleskyDense(crossprodDense(X));
  const b = cholSolve(L.data, L.rows, crossvecDense(X, yy));
  const f = matvecDense(X, b);
  const e = Float64Array.from(yy, (v, i) => v - f[i]);
  let ee = 0;
  for (const v of e) ee += v * v;
  const s2 = ee / n;
  const We = stackedLag(w, e, T);
  const Wy = demeanStacked(stackedLag(w, yy, T), N, T, effects);
  let eWe = 0, eWy = 0;
  for (let i = 0; i < n; i++) {
    eWe += e[i] * We[i];
    eWy += e[i] * Wy[i];
  }
  // T_W = tr(W'W + W W)
  let tw = 0;
  const d = w.toDense();
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) {
      const a = d.data[i * N + j];
      tw += a * a + a * d.data[j * N + i];
    }
  const TT = T * tw;
  // (W X b)' M (W X b)
  const WXb = stackedLag(w, f, T);
  const WXbd = effects === "none" ? WXb : demeanStacked(WXb, N, T, effects);
  const c = cholSolve(L.data, L.rows, crossvecDense(X, WXbd));
  const p = matvecDense(X, c);
  let mq = 0;
  for (let i = 0; i < n; i++) mq += (WXbd[i] - p[i]) ** 2;
  const D = mq / s2 + TT;
  const de = eWe / s2;
  const dl = eWy / s2;
  const mk = (s: number, df = 1): SpatialTestResult => ({ statistic: s, df, p: chiP(s, df) });
  const LMerr = (de * de) / TT;
  const LMlag = (dl * dl) / D;
  const RLMerr = (de - (TT / D) * dl) ** 2 / (TT - (TT * TT) / D);
  const RLMlag = (dl - de) ** 2 / (D - TT);
  const SARMA = (dl - de) ** 2 / (D - TT) + LMerr;
  return { LMerr: mk(LMerr), LMlag: mk(LMlag), RLMerr: mk(RLMerr), RLMlag: mk(RLMlag), SARMA: mk(SARMA, 2) };
}

/** LR test of a restricted model against the SDM: 2(LL_sdm − LL_restricted), df = number of θ. */
export function lrTest(sdm: SpatialFit, restricted: SpatialFit): SpatialTestResult {
  if (sdm.model !== "sdm") throw new Error("lrTest: the first model must be the SDM");
  const stat = 2 * (sdm.log_likelihood - restricted.log_likelihood);
  const df = sdm.lagNames.length;
  return { statistic: stat, df, p: chiP(stat, df) };
}

/**
 * Wald tests on the SDM: against SAR, H0 θ = 0; against SEM, H0 θ_k + ρβ_k = 0 (delta method,
 * gradient [β_k | ρ e_k | e_k]).
 */
export function waldTests(sdm: SpatialFit): { sar: SpatialTestResult; sem: SpatialTestResult } {
  if (sdm.model !== "sdm") throw new Error("waldTests: needs an SDM fit");
  const names = sdm.vcovNames;
  const est = [sdm.rho!, ...sdm.coefficients.map((c) => c.estimate)];
  const V = sdm.vcov;
  const q = sdm.lagNames.length;
  const th = sdm.lagNames.map((t) => names.indexOf(`W*${t}`));
  const be = sdm.lagNames.map((t) => names.indexOf(t));
  const quad = (g: number[][], r: number[]) => {
    // r' (G V G')^{-1} r
    const m = dense(q, q);
    for (let a = 0; a < q; a++)
      for (let b = 0; b < q; b++) {
        let s = 0;
        for (let i = 0; i < V.length; i++) for (let j = 0; j < V.length; j++) s += g[a][i] * V[i][j] * g[b][j];
        m.data[a * q + b] = s;
      }
    const mi = inverse(m);
    let s = 0;
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) s += r[a] * mi.data[a * q + b] * r[b];
    return s;
  };
  const p = V.length;
  const gSar = th.map((ti) => Array.from({ length: p }, (_, i) => (i === ti ? 1 : 0)));
  const rSar = th.map((ti) => est[ti]);
  if (be.some((b) => b < 0)) throw new Error("waldTests: the common-factor test needs β for every lagged regressor");
  const gSem = th.map((ti, a) => Array.from({ length: p }, (_, i) => (i === 0 ? est[be[a]] : i === be[a] ? est[0] : i === ti ? 1 : 0)));
  const rSem = th.map((ti, a) => est[ti] + est[0] * est[be[a]]);
  const s1 = quad(gSar, rSar);
  const s2 = quad(gSem, rSem);
  return { sar: { statistic: s1, df: q, p: chiP(s1, q) }, sem: { statistic: s2, df: q, p: chiP(s2, q) } };
}
