/**
 * Few-cluster inference for the two-way FE DID coefficient.
 *
 * wildClusterBootstrap: the restricted wild cluster bootstrap-t (WCR; Cameron, Gelbach & Miller 2008; Roodman et
 * al. 2019 "boottest") with Rademacher weights. The null β = 0 is imposed: y* = ŷ_r + v_g·ê_r with ŷ_r, ê_r from
 * the two-way FE regression without the treatment term, v_g = ±1 per cluster. Each draw refits the full model
 * and forms t* = β* / se*(β*) with the same cluster-robust SE as the actual fit (feols with the chosen preset, so
 * the actual t equals twfeDid's statistic). With G ≤ `enumerateLimit` clusters all 2^G sign vectors are
 * enumerated (the p-value is then exact and deterministic); otherwise `draws` vectors come from createRng(seed).
 * p = share of draws with |t*| ≥ |t| (symmetric; the identity vector is one of the enumerated draws).
 * Computation (exact, no refitting): with h the Frisch–Waugh row weights of β̂ (β̂ = h'y) and M the full
 * residual maker, β*(v) = Σ_g v_g c_g and the cluster scores are s(v) = A v with c_g = Σ_{i∈g} h_i ê_r,i and
 * A_{gg'} = Σ_{i∈g} h_i (M ê_r·1{g'})_i; one G×G matrix, then O(G²) per draw.
 *
 * exactRandomization: the design-based permutation test over EVERY distinct assignment of the observed multiset
 * of adoption periods (never treated included) to units — the exhaustive version of placeboTest's mode "units".
 * The statistic is the TWFE coefficient (Frisch–Waugh per assignment, as placeboTest); p = share of assignments
 * with |β*| ≥ |β̂| (the observed assignment is one of them, so p ≥ 1 / #assignments).
 */
import { Figure } from "../display/figure";
import { demean } from "../panel";
import { PanelData } from "../panel";
import { crossprod, crossvec, invSPD, matVec } from "../core/linalg";
import { createRng } from "../rng";
import { DidResult, didFrame as frame } from "./did";
import { placeboFigure } from "./placebo";
import { assignmentBetas, assignmentCoder, residualize } from "./assignments";
import { ProgressCallback } from "../core/progress";
import { resolveThreads } from "../core/parallel";
import { StaggerSpec, VcovChoice } from "./util";

export interface WildBootstrapOptions extends StaggerSpec, VcovChoice {
  y: string;
  covariates?: string[];
  /** Enumerate all 2^G sign vectors when the number of clusters G is at most this (default 16, at most 30). */
  enumerateLimit?: number;
  /** Random Rademacher draws when G > enumerateLimit (default 9999). */
  draws?: number;
  /** Seed for the random draws (required when G > enumerateLimit). */
  seed?: number;
}

export interface WildBootstrapResult {
  estimate: number;
  std_error: number;
  /** t of the actual fit (the cluster-robust t of twfeDid with the same preset). */
  statistic: number;
  /** Symmetric bootstrap p: share of draws with |t*| ≥ |t|. */
  p_value: number;
  /** Number of sign vectors used (2^G when exhaustive). */
  draws: number;
  exhaustive: boolean;
  clusters: number;
  /** Small-sample factor of the cluster vcov (se² = ssc · Σ_g s_g²), the same in every draw. */
  ssc: number;
  /** Bootstrap t statistics (enumeration order: draw m has v_g = +1 iff bit g of m is set, clusters in sorted order). */
  t_draws: Float64Array;
  cluster_levels: string[];
  seed?: number;
  method: string;
  did: DidResult;
}


export function wildClusterBootstrap(data: PanelData, opts: WildBootstrapOptions): WildBootstrapResult {
  // one-way clustering only: `vcov` may be omitted or "cluster" (the variable comes from `cluster`, default the unit id)
  if (opts.vcov !== undefined && opts.vcov !== "cluster") throw new Error("wildClusterBootstrap: one-way cluster-robust t only; give `cluster` (one variable), not another `vcov`");
  const clVar = opts.cluster ?? opts.id;
  if (Array.isArray(clVar) && clVar.length !== 1) throw new Error("wildClusterBootstrap: one-way clustering only");
  const clName = Array.isArray(clVar) ? clVar[0] : clVar;
  const limit = opts.enumerateLimit ?? 16;
  if (limit > 30) throw new Error("wildClusterBootstrap: enumerateLimit is at most 30 (2^30 draws)");
  const f = frame(data, { ...opts, vcov: undefined, cluster: clName });
  const { actual, n, fes, yt, Wt } = f;
  // clusters on the estimation rows, sorted labels (numeric when all numeric, like the unit ids)
  const clStr = f.s.table.str(clName);
  const labs = f.rows.map((r) => clStr[r]);
  const levels = [...new Set(labs)];
  const allNum = levels.every((u) => u !== "" && !Number.isNaN(Number(u)));
  levels.sort(allNum ? (a, b) => Number(a) - Number(b) : undefined);
  const lIndex = new Map(levels.map((l, g) => [l, g]));
  const cl = Int32Array.from(labs, (l) => lIndex.get(l)!);
  const G = levels.length;
  if (G < 2) throw new Error("wildClusterBootstrap: needs at least 2 clusters");
  // treatment (post-adoption indicator) demeaned, full design [D, W]
  const dRaw = Float64Array.from(f.rows, (r) => f.s.D[r]);
  const Dt = demean([dRaw], fes).cols[0];
  const Xt = [Dt, ...Wt];
  const K = Xt.length;
  const A = invSPD(crossprod(Xt), K, "design");
  const h = new Float64Array(n);
  for (let j = 0; j < K; j++) for (let i = 0; i < n; i++) h[i] += A[j] * Xt[j][i];
  // restricted model (β = 0): residuals of ỹ on W̃ equal the residuals of the FE regression without D
  const Wk = Wt.length;
  const Winv = Wk ? invSPD(crossprod(Wt), Wk, "covariates") : new Float64Array(0);
  const er = residualize(yt, Wt, Winv);
  const c = new Float64Array(G);
  for (let i = 0; i < n; i++) c[cl[i]] += h[i] * er[i];
  // A_{g g'} = Σ_{i∈g} h_i (M ê_r 1{g'})_i
  const S = new Float64Array(G * G);
  for (let gp = 0; gp < G; gp++) {
    const u = new Float64Array(n);
    for (let i = 0; i < n; i++) if (cl[i] === gp) u[i] = er[i];
    const r = residualize(demean([u], fes).cols[0], Xt, A);
    for (let i = 0; i < n; i++) S[cl[i] * G + gp] += h[i] * r[i];
  }
  const stat = (v: Float64Array): number => {
    let b = 0;
    let ss = 0;
    for (let g = 0; g < G; g++) {
      b += v[g] * c[g];
      let sg = 0;
      for (let q = 0; q < G; q++) sg += S[g * G + q] * v[q];
      ss += sg * sg;
    }
    return b / Math.sqrt(ssc * ss);
  };
  // small-sample factor from the actual fit: se² = ssc · Σ_g s_g(1)²
  let ss1 = 0;
  for (let g = 0; g < G; g++) {
    let sg = 0;
    for (let q = 0; q < G; q++) sg += S[g * G + q];
    ss1 += sg * sg;
  }
  const ssc = (actual.std_error * actual.std_error) / ss1;
  const t0 = actual.statistic;
  const exhaustive = G <= limit;
  let B: number;
  let tDraws: Float64Array;
  const v = new Float64Array(G);
  if (exhaustive) {
    B = 2 ** G;
    tDraws = new Float64Array(B);
    for (let m = 0; m < B; m++) {
      for (let g = 0; g < G; g++) v[g] = Math.floor(m / 2 ** g) % 2 === 1 ? 1 : -1;
      tDraws[m] = stat(v);
    }
  } else {
    if (opts.seed === undefined) throw new Error(`wildClusterBootstrap: ${G} clusters > enumerateLimit ${limit}; give a seed for random draws`);
    B = opts.draws ?? 9999;
    const rng = createRng(opts.seed, "wildClusterBootstrap");
    tDraws = new Float64Array(B);
    for (let b = 0; b < B; b++) {
      for (let g = 0; g < G; g++) v[g] = rng.integer(0, 2) === 1 ? 1 : -1;
      tDraws[b] = stat(v);
    }
  }
  const thr = Math.abs(t0) * (1 - 1e-10);
  let beyond = 0;
  for (const t of tDraws) if (Math.abs(t) >= thr) beyond++;
  return {
    estimate: actual.estimate,
    std_error: actual.std_error,
    statistic: t0,
    p_value: beyond / B,
    draws: B,
    exhaustive,
    clusters: G,
    ssc,
    t_draws: tDraws,
    cluster_levels: levels,
    seed: exhaustive ? undefined : opts.seed,
    method: `wild cluster bootstrap-t (WCR, null imposed, Rademacher; ${exhaustive ? `all 2^${G} sign vectors` : `${B} seeded draws`})`,
    did: actual,
  };
}

export interface ExactRandomizationOptions extends StaggerSpec, VcovChoice {
  y: string;
  covariates?: string[];
  /** Largest number of distinct assignments to enumerate (default 1,000,000); above it the function throws. */
  limit?: number;
  /** Threads (default: the cores; 1 = one thread); the result is identical for any value. */
  threads?: number;
  onProgress?: ProgressCallback;
}

export interface ExactRandomizationResult {
  estimate: number;
  std_error: number;
  /** Coefficient under every distinct assignment (lexicographic in the sorted adoption periods, units in sorted order). */
  draws: Float64Array;
  assignments: number;
  /** Share of assignments with |β*| ≥ |β̂| (includes the observed one). */
  p_value: number;
  share_beyond_one_sided: number;
  cohorts: number[];
  figure(title?: string): Figure;
}

/** Number of distinct permutations of a multiset. */
function multinomial(counts: number[]): number {
  let out = 1;
  let n = 0;
  for (const k of counts) for (let j = 1; j <= k; j++) out = (out * ++n) / j;
  return Math.round(out);
}

export function exactRandomization(data: PanelData, opts: ExactRandomizationOptions): ExactRandomizationResult {
  const limit = opts.limit ?? 1_000_000;
  const threads = resolveThreads(opts.threads, "exactRandomization");
  const f = frame(data, opts);
  const { actual, s, Wt } = f;
  const k = Wt.length;
  const M = k ? invSPD(crossprod(Wt), k, "covariates") : new Float64Array(0);
  const nU = s.units.length;
  const cohorts = Array.from(s.cohortOfUnit);
  if (!cohorts.some((g) => g > 0)) throw new Error("exactRandomization: no treated units");
  const { vals } = assignmentCoder(cohorts);
  const counts = vals.map((v) => cohorts.filter((c) => c === v).length);
  const total = multinomial(counts);
  if (total > limit) throw new Error(`exactRandomization: ${total} distinct assignments exceed limit ${limit}; raise \`limit\` or use placeboTest (random draws)`);
  // every distinct assignment, lexicographic in the sorted values
  const codes = new Uint16Array(total * nU);
  const g = new Uint16Array(nU);
  let m = 0;
  const rec = (u: number): void => {
    if (u === nU) {
      codes.set(g, m++ * nU);
      return;
    }
    for (let j = 0; j < vals.length; j++) {
      if (!counts[j]) continue;
      counts[j]--;
      g[u] = j;
      rec(u + 1);
      counts[j]++;
    }
  };
  rec(0);
  const out = assignmentBetas(f, M, vals, codes, "randomization assignments", { threads, onProgress: opts.onProgress });
  const est = actual.estimate;
  const thr = Math.abs(est) * (1 - 1e-10);
  let two = 0;
  let one = 0;
  for (const b of out) {
    if (Math.abs(b) >= thr) two++;
    if (est >= 0 ? b >= est - 1e-10 * Math.abs(est) : b <= est + 1e-10 * Math.abs(est)) one++;
  }
  return {
    estimate: est,
    std_error: actual.std_error,
    draws: out,
    assignments: total,
    p_value: two / total,
    share_beyond_one_sided: one / total,
    cohorts,
    figure: (title = "Exact randomization distribution") => placeboFigure(out, est, title),
  };
}
