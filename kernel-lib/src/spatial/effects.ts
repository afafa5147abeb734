/**
 * LeSage & Pace (2009) effects of SAR and SDM models: for regressor k, S_k(W) = (I − ρW)^{-1}(β_k I + θ_k W);
 * direct = tr(S_k)/N, total = 1'S_k 1/N, indirect = total − direct. Traces come from the eigenvalues, or, with the
 * sparse LU log-determinant, exactly from N sparse solves at the estimate and from the Monte Carlo trace series for
 * the simulation draws (as spatialreg's impacts(tr = trW(type = "MC"))). Standard errors by simulation: draws of (ρ, β, θ) from the asymptotic
 * normal N(estimate, V) with regionlab's seeded generator (spatialreg impacts(R = ...) does the same with R's
 * generator); z = estimate / simulated SD, two-sided normal p.
 */
import { Rng } from "../rng";
import { choleskyDense, dense } from "../core/linalg";
import { SpatialFit, solveIminusRhoW } from "./ml";
import { normalTwoSided } from "../core/distributions";

export interface Impact {
  term: string;
  direct: number;
  indirect: number;
  total: number;
  /** How tr((I − ρW)^{-1}) and tr((I − ρW)^{-1}W) were computed: at the estimate and in the simulation draws. */
  traces: { estimate: "eigen" | "exact" | "mc"; draws: "eigen" | "mc" };
  se?: { direct: number; indirect: number; total: number };
  z?: { direct: number; indirect: number; total: number };
  p?: { direct: number; indirect: number; total: number };
}

export interface ImpactOptions {
  /** Number of simulation draws for standard errors (0: none; default 1000). */
  draws?: number;
  seed?: number;
}

const pz = normalTwoSided;

export function impacts(fit: SpatialFit, opts: ImpactOptions = {}): Impact[] {
  const { w, ld, rowStd } = fit.internals;
  const N = w.n;
  const terms = fit.xNames;
  if (fit.model === "sem") {
    return terms.map((t) => {
      const c = fit.coefficients.find((r) => r.term === t)!;
      return { term: t, direct: c.estimate, indirect: 0, total: c.estimate, traces: { estimate: ld.traceMethod, draws: ld.traceMethod }, se: { direct: c.se, indirect: 0, total: c.se } };
    });
  }
  const names = fit.vcovNames; // rho, coefficient names
  const bIdx = terms.map((t) => names.indexOf(t));
  const tIdx = terms.map((t) => (fit.model === "sdm" ? names.indexOf(`W*${t}`) : -1));
  // mean row sums of (I − ρW)^{-1} and (I − ρW)^{-1} W
  const rowMeans = (rho: number): { m0: number; m1: number } => {
    if (rowStd) return { m0: 1 / (1 - rho), m1: 1 / (1 - rho) };
    const one = new Float64Array(N).fill(1);
    const a = solveIminusRhoW(w, rho, one);
    const b = solveIminusRhoW(w, rho, w.lag(one));
    let s0 = 0, s1 = 0;
    for (let i = 0; i < N; i++) {
      s0 += a[i];
      s1 += b[i];
    }
    return { m0: s0 / N, m1: s1 / N };
  };
  const compute = (par: ArrayLike<number>, atEstimate = false) => {
    const rho = par[0];
    const { tInv, tInvW } = atEstimate && ld.exactTraceInverse ? ld.exactTraceInverse(rho) : ld.traceInverse(rho);
    const { m0, m1 } = rowMeans(rho);
    return terms.map((_, k) => {
      const b = par[bIdx[k]];
      const th = tIdx[k] >= 0 ? par[tIdx[k]] : 0;
      const direct = (b * tInv + th * tInvW) / N;
      const total = b * m0 + th * m1;
      return [direct, total - direct, total];
    });
  };
  const est = [fit.rho!, ...fit.coefficients.map((c) => c.estimate)];
  const point = compute(est, true);
  const traces = { estimate: ld.exactTraceInverse ? ("exact" as const) : ld.traceMethod, draws: ld.traceMethod };
  const out: Impact[] = terms.map((t, k) => ({ term: t, direct: point[k][0], indirect: point[k][1], total: point[k][2], traces }));
  const R = opts.draws ?? 1000;
  if (R <= 1) return out;
  const p = est.length;
  const V = dense(p, p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) V.data[a * p + b] = fit.vcov[a][b];
  const L = choleskyDense(V, "coefficient covariance for the impact draws");
  const rng = new Rng(opts.seed ?? 20240607);
  const sums = terms.map(() => [0, 0, 0]);
  const sq = terms.map(() => [0, 0, 0]);
  const draw = new Float64Array(p);
  const zz = new Float64Array(p);
  const [lo, hi] = fit.interval;
  let kept = 0;
  for (let r = 0; r < R; r++) {
    for (let a = 0; a < p; a++) zz[a] = rng.normal();
    for (let a = 0; a < p; a++) {
      let s = est[a];
      for (let b = 0; b <= a; b++) s += L.data[a * p + b] * zz[b];
      draw[a] = s;
    }
    if (!(draw[0] > lo && draw[0] < hi)) continue;
    kept++;
    const v = compute(draw);
    for (let k = 0; k < terms.length; k++)
      for (let c = 0; c < 3; c++) {
        sums[k][c] += v[k][c];
        sq[k][c] += v[k][c] ** 2;
      }
  }
  out.forEach((o, k) => {
    const sd = [0, 1, 2].map((c) => Math.sqrt((sq[k][c] - (sums[k][c] * sums[k][c]) / kept) / (kept - 1)));
    o.se = { direct: sd[0], indirect: sd[1], total: sd[2] };
    o.z = { direct: o.direct / sd[0], indirect: o.indirect / sd[1], total: o.total / sd[2] };
    o.p = { direct: pz(o.z.direct), indirect: pz(o.z.indirect), total: pz(o.z.total) };
  });
  return out;
}
