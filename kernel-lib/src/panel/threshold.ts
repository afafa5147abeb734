/**
 * Hansen (1999) fixed-effect panel threshold regression, reported as Stata `xthreg` (Wang 2015) reports it:
 *
 *   y_it = μ_i + x_it'β + rx_it'θ_1·1(q_it ≤ γ1) + rx_it'θ_2·1(γ1 < q_it ≤ γ2) + … + e_it
 *
 * on a balanced panel. Every regressor (including the regime-split ones) is within-transformed by unit.
 * Thresholds are found by grid search and estimated sequentially as in Hansen (1999, §3–4):
 *   single  γ̂1 = argmin S1(γ);                                   F1 = (S0 − S1(γ̂1)) / σ̂²_1
 *   double  γ̂2 = argmin S2(γ̂1, γ);  refinement γ̂1ʳ = argmin S(γ, γ̂2);  F2 = (S1(γ̂1) − S2(γ̂1, γ̂2)) / σ̂²_2
 *   triple  γ̂3 = argmin S3(γ̂1ʳ, γ̂2, γ);                            F3 = (S2(γ̂1, γ̂2) − S3(γ̂3)) / σ̂²_3
 * with σ̂²_k = S_k / (N(T − 1)). Confidence sets: {γ : LR(γ) ≤ c(α)}, LR(γ) = (S(γ) − S(γ̂)) / σ̂², and
 * c(α) = −2 ln(1 − √(1 − α)); Th-1 uses the single-threshold LR, Th-21 (refined γ1) and Th-22 (γ2) use the
 * double model's σ̂²_2, Th-3 uses σ̂²_3 (xthreg's rows Th-1, Th-21, Th-22, Th-3).
 * Bootstrap (Hansen §3.3): under the null of k − 1 thresholds the fitted values are kept and the residual
 * blocks of whole units are resampled with replacement; each bootstrap sample is re-estimated sequentially
 * exactly as the data, p = #{F* ≥ F} / B; critical values are the 90/95/99% quantiles of F* (R type 7).
 *
 * Candidate thresholds (the grid; the reference script test/reference/panel/threshold_reference.R builds the
 * same set): sort q over all N·T observations; drop the ⌊trim·NT⌋ smallest and largest; if the rest has at most
 * `grid` distinct values they are the candidates, else the values at positions 1 + ⌊(k−1)(L−1)/(grid−1)⌋,
 * k = 1..grid, of the L trimmed order statistics (distinct values kept). A candidate is admissible when
 * every regime it creates (with the thresholds already fixed) holds at least max(⌊trim·NT⌋, 1) observations.
 *
 * SSR(γ) is computed by one pass over q in sorted order with partitioned-regression updates (the demeaned
 * regime column only enters through unit sums), so a search is O(NT·k + grid·k²).
 */
import { ModelResult, pointRow, withResult } from "../core/result";
import { DataError } from "../data/errors";
import { createRng, Rng } from "../rng";
import { compareLabels } from "../data/panel";
import { asTable, numericColumn, PanelData } from "./design";
import { feols, FeolsOptions } from "./estimate";
import { crossprod, crossvec, independentColumns, invSPD, matVec } from "../core/linalg";
import { PanelFit } from "./result";
import { ParallelTask, parallelMap, resolveThreads } from "../core/parallel";
import { ProgressCallback, progressFor } from "../core/progress";

export interface ThresholdOptions {
  id: string;
  time: string;
  /** Dependent variable. */
  y: string;
  /** Regime-independent regressors (xthreg's indepvars). */
  x?: string[];
  /** Regime-dependent regressors (xthreg rx()). */
  rx: string | string[];
  /** Threshold variable (xthreg qx()). */
  q: string;
  /** Number of thresholds, 1–3 (xthreg thnum()). Default 1. */
  nthresh?: 1 | 2 | 3;
  /** Trimming proportion per threshold (xthreg trim()); one number applies to all. Default 0.01. */
  trim?: number | number[];
  /** Grid points (xthreg grid()). Default 300. */
  grid?: number;
  /** Bootstrap draws per F test (xthreg bs()); one number applies to all. Default 300; 0 skips. */
  bootstrap?: number | number[];
  /** Seed for the bootstrap generator (createRng). Default 20240601. */
  seed?: number;
  /** Confidence level for the threshold intervals (xthreg thlevel()/100). Default 0.95. */
  level?: number;
  /** Variance of the regime regression (xtreg, fe): default iid with preset stata.xtreg. */
  vcov?: FeolsOptions["vcov"];
  cluster?: FeolsOptions["cluster"];
  preset?: FeolsOptions["preset"];
  /** Keep the bootstrap F statistics in the result. */
  keepDraws?: boolean;
  /** Threads for the bootstrap draws (default: the cores; 1 = one thread); the result is identical for any value. */
  threads?: number;
  /** Bootstrap draws done, of all draws of all tests. */
  onProgress?: ProgressCallback;
}

export interface ThresholdEstimate {
  /** xthreg row label: Th-1, Th-21, Th-22, Th-3. */
  label: string;
  threshold: number;
  /** SSR of the model at this threshold estimate (others as fixed at that stage). */
  rss: number;
  ci: [number, number];
  /** LR plot data: every admissible candidate and its LR statistic. */
  lr: { gamma: number[]; lr: number[] };
}

export interface ThresholdTest {
  /** Single, Double, Triple. */
  label: string;
  rss: number;
  mse: number;
  F: number;
  p_value: number;
  crit10: number;
  crit5: number;
  crit1: number;
  draws: number;
  bootF?: number[];
}

export interface ThresholdResult extends ModelResult {
  /** Thresholds of the final model, ascending (xthreg's post-estimation categories). */
  thresholds: number[];
  estimates: ThresholdEstimate[];
  tests: ThresholdTest[];
  /** SSR of the linear (no-threshold) within model. */
  rss0: number;
  /** LR critical value c(α). */
  lrCritical: number;
  level: number;
  candidates: number[];
  /** The regime regression xtreg y x i._cat#c.(rx), fe (terms named "0._cat#c.rx", …). */
  fit: PanelFit;
  nobs: number;
  nUnits: number;
  nPeriods: number;
  seed: number;
  messages: string[];
}

/** c(α) = −2 ln(1 − √(1 − α)) (Hansen 2000), α = 1 − level. */
export function thresholdLrCritical(level = 0.95): number {
  return -2 * Math.log(1 - Math.sqrt(level));
}

/** Candidate grid (see the module comment). */
export function thresholdGrid(q: ArrayLike<number>, trim: number, grid: number): number[] {
  const qs = Float64Array.from(q).sort();
  const n = qs.length;
  const cut = Math.floor(trim * n);
  const qt = qs.subarray(cut, n - cut);
  const L = qt.length;
  const uniq = (a: ArrayLike<number>) => {
    const out: number[] = [];
    for (let i = 0; i < a.length; i++) if (!out.length || a[i] !== out[out.length - 1]) out.push(a[i]);
    return out;
  };
  const u = uniq(qt);
  if (u.length <= grid) return u;
  const pick: number[] = [];
  for (let k = 1; k <= grid; k++) pick.push(qt[Math.floor(((k - 1) * (L - 1)) / (grid - 1))]);
  return uniq(pick);
}

interface Ctx {
  n: number;
  N: number;
  T: number;
  unit: Int32Array;
  /** Observation indices sorted by q (stable). */
  order: Int32Array;
  qSorted: Float64Array;
  cand: number[];
  /** Number of observations with q ≤ cand[c]. */
  candCount: Int32Array;
  rxRaw: Float64Array[];
  /** Demeaned x and rx (the null model's columns). */
  base: Float64Array[];
}

function demeanBalanced(v: ArrayLike<number>, unit: Int32Array, N: number, T: number): Float64Array {
  const s = new Float64Array(N);
  for (let i = 0; i < v.length; i++) s[unit[i]] += v[i];
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] - s[unit[i]] / T;
  return out;
}

function countLE(qs: Float64Array, g: number): number {
  let lo = 0;
  let hi = qs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (qs[mid] <= g) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Demeaned regime columns rx_j·1(q ≤ γ). */
function splitColumns(ctx: Ctx, q: Float64Array, g: number): Float64Array[] {
  return ctx.rxRaw.map((r) => demeanBalanced(Float64Array.from(r, (v, i) => (q[i] <= g ? v : 0)), ctx.unit, ctx.N, ctx.T));
}

interface Search {
  /** SSR per candidate (NaN when not admissible). */
  ssr: Float64Array;
  best: number;
  min: number;
  /** SSR of ỹ on the fixed columns alone. */
  ssrFixed: number;
}

/**
 * What a search needs that does not depend on ỹ, so bootstrap draws (which change only ỹ) share it: the fixed
 * columns, (F'F)⁻¹ and per candidate the regime block H = r'M_F r (m = 1) or H⁻¹ (m > 1); null where the
 * candidate is not admissible or H is singular.
 */
interface SearchPlan {
  cols: Float64Array[];
  A: Float64Array;
  Ai: Float64Array;
  block: (Float64Array | null)[];
}

/** Plans by the thresholds fixed in the search, filled as draws need them. */
type PlanCache = Map<string, SearchPlan>;
const PLAN_CACHE_LIMIT = 256;

function planFor(ctx: Ctx, q: Float64Array, fixedThr: number[], nmin: number, cache: PlanCache): SearchPlan {
  const key = `${nmin}|${fixedThr.join(",")}`;
  let plan = cache.get(key);
  if (plan) return plan;
  const cols = [...ctx.base, ...fixedThr.flatMap((g) => splitColumns(ctx, q, g))];
  // X'X of the base columns is every plan's upper-left block (each entry is its own dot product)
  const base = fixedThr.length ? cache.get("base") : undefined;
  plan = makePlan(ctx, cols, fixedThr, nmin, base?.A);
  if (cache.size >= PLAN_CACHE_LIMIT) cache.clear();
  cache.set(key, plan);
  if (!fixedThr.length) cache.set("base", plan);
  return plan;
}

function makePlan(ctx: Ctx, fixedCols: Float64Array[], fixedThr: number[], nmin: number, baseA?: Float64Array): SearchPlan {
  const { n, N, T, order, cand, candCount, rxRaw } = ctx;
  const m = rxRaw.length;
  const p = fixedCols.length;
  const A = crossprod(fixedCols, baseA && { xtx: baseA, k: ctx.base.length });
  const Ai = invSPD(A, p, "threshold model: X'X of the fixed regressors");
  const C = new Float64Array(p * m); // F' r(γ)
  const P = new Float64Array(m * m); // r' r
  const Q = new Float64Array(m * m); // Σ_i S_i S_i' / T
  const S = new Float64Array(N * m); // unit sums of r
  const block: (Float64Array | null)[] = new Array(cand.length).fill(null);
  const fixedCounts = fixedThr.map((t) => countLE(ctx.qSorted, t)).sort((a, b) => a - b);
  const H = new Float64Array(m * m);
  const AiC = new Float64Array(p * m);
  let pos = 0;
  for (let c = 0; c < cand.length; c++) {
    const end = candCount[c];
    for (; pos < end; pos++) {
      const i = order[pos];
      const ui = unitOf(ctx, i);
      for (let a = 0; a < m; a++) {
        const ra = rxRaw[a][i];
        if (ra === 0) continue;
        for (let j = 0; j < p; j++) C[j * m + a] += fixedCols[j][i] * ra;
      }
      for (let a = 0; a < m; a++) {
        const ra = rxRaw[a][i];
        for (let b = 0; b < m; b++) {
          const rb = rxRaw[b][i];
          P[a * m + b] += ra * rb;
          const sa = S[ui * m + a];
          const sb = S[ui * m + b];
          Q[a * m + b] += (sa * rb + ra * sb + ra * rb) / T;
        }
      }
      for (let a = 0; a < m; a++) S[ui * m + a] += rxRaw[a][i];
    }
    // admissibility: every regime ≥ nmin observations, γ distinct from the fixed thresholds
    const cuts = [...fixedCounts, end].sort((a, b) => a - b);
    let ok = true;
    let prev = 0;
    for (const k of cuts) {
      if (k - prev < nmin) ok = false;
      prev = k;
    }
    if (n - prev < nmin) ok = false;
    if (!ok) continue;
    // H = P − Q − C'A⁻¹C
    for (let j = 0; j < p; j++)
      for (let a = 0; a < m; a++) {
        let s = 0;
        for (let l = 0; l < p; l++) s += Ai[j * p + l] * C[l * m + a];
        AiC[j * m + a] = s;
      }
    let scale = 0;
    for (let a = 0; a < m; a++)
      for (let b = 0; b < m; b++) {
        let s = 0;
        for (let j = 0; j < p; j++) s += C[j * m + a] * AiC[j * m + b];
        H[a * m + b] = P[a * m + b] - Q[a * m + b] - s;
        if (a === b) scale = Math.max(scale, P[a * m + a]);
      }
    if (m === 1) {
      if (H[0] > 1e-10 * scale) block[c] = Float64Array.of(H[0]);
      continue;
    }
    let ok2 = true;
    for (let a = 0; a < m; a++) if (!(H[a * m + a] > 1e-10 * scale)) ok2 = false;
    if (!ok2) continue;
    try {
      block[c] = invSPD(H, m, "regime block");
    } catch {
      continue;
    }
  }
  return { cols: fixedCols, A, Ai, block };
}

/** SSR of ỹ on [fixed columns, demeaned rx·1(q ≤ γ)] for every candidate γ, with regime-size admissibility. */
function search(ctx: Ctx, y: Float64Array, baseXy: Float64Array, plan: SearchPlan, nmin: number, what: string): Search {
  const { n, order, cand, candCount, rxRaw } = ctx;
  const m = rxRaw.length;
  const { cols: fixedCols, Ai, block } = plan;
  const p = fixedCols.length;
  // F'ỹ: the base columns' dot products are the same in every search of this ỹ
  const Fy = new Float64Array(p);
  Fy.set(baseXy);
  Fy.set(crossvec(fixedCols.slice(baseXy.length), y), baseXy.length);
  const bF = matVec(Ai, p, Fy);
  const u = Float64Array.from(y);
  for (let j = 0; j < p; j++) {
    const c = fixedCols[j];
    const b = bF[j];
    for (let i = 0; i < n; i++) u[i] -= b * c[i];
  }
  let ssrF = 0;
  for (let i = 0; i < n; i++) ssrF += u[i] * u[i];
  const g = new Float64Array(m); // r' u
  const ssr = new Float64Array(cand.length).fill(NaN);
  let pos = 0;
  let best = -1;
  let min = Infinity;
  for (let c = 0; c < cand.length; c++) {
    const end = candCount[c];
    for (; pos < end; pos++) {
      const i = order[pos];
      for (let a = 0; a < m; a++) {
        const ra = rxRaw[a][i];
        if (ra === 0) continue;
        g[a] += ra * u[i];
      }
    }
    const h = block[c];
    if (!h) continue;
    let quad: number;
    if (m === 1) quad = (g[0] * g[0]) / h[0];
    else {
      const w = matVec(h, m, g);
      quad = 0;
      for (let a = 0; a < m; a++) quad += g[a] * w[a];
    }
    const s = ssrF - quad;
    ssr[c] = s;
    if (s < min) {
      min = s;
      best = c;
    }
  }
  if (best < 0)
    throw new Error(`threshold search (${what}): no admissible threshold — every candidate leaves a regime with fewer than ${nmin} observations (N·T = ${n}, ${cand.length} candidates); lower trim or use fewer thresholds`);
  return { ssr, best, min, ssrFixed: ssrF };
}

function unitOf(ctx: Ctx, i: number): number {
  return ctx.unit[i];
}

function ssrOf(y: Float64Array, cols: Float64Array[]): { ssr: number; e: Float64Array } {
  const k = cols.length;
  const Ai = invSPD(crossprod(cols), k, "threshold model X'X");
  const b = matVec(Ai, k, crossvec(cols, y));
  const e = Float64Array.from(y);
  for (let j = 0; j < k; j++) for (let i = 0; i < e.length; i++) e[i] -= b[j] * cols[j][i];
  let s = 0;
  for (const v of e) s += v * v;
  return { ssr: s, e };
}

interface SeqOut {
  S0: number;
  s1: Search;
  g1: number;
  s2?: Search;
  g2?: number;
  s1r?: Search;
  g1r?: number;
  s3?: Search;
  g3?: number;
  F: number[];
}

/** The sequential estimation on a (demeaned) dependent variable, up to K thresholds. */
function sequential(ctx: Ctx, q: Float64Array, y: Float64Array, K: number, nmin: number[], refine: boolean, plans: PlanCache): SeqOut {
  const dof = ctx.N * (ctx.T - 1);
  const baseXy = crossvec(ctx.base, y);
  const run = (fixed: number[], nm: number, what: string) => search(ctx, y, baseXy, planFor(ctx, q, fixed, nm, plans), nm, what);
  const s1 = run([], nmin[0], "first threshold");
  // the linear model's SSR: ỹ on the base columns, the first search's fixed part
  const S0 = s1.ssrFixed;
  const g1 = ctx.cand[s1.best];
  const F = [(S0 - s1.min) / (s1.min / dof)];
  const out: SeqOut = { S0, s1, g1, F };
  if (K < 2) return out;
  const s2 = run([g1], nmin[1], "second threshold");
  const g2 = ctx.cand[s2.best];
  F.push((s1.min - s2.min) / (s2.min / dof));
  Object.assign(out, { s2, g2 });
  if (!refine && K < 3) return out;
  const s1r = run([g2], nmin[0], "refinement of the first threshold");
  const g1r = ctx.cand[s1r.best];
  Object.assign(out, { s1r, g1r });
  if (K < 3) return out;
  const s3 = run([g1r, g2], nmin[2], "third threshold");
  const g3 = ctx.cand[s3.best];
  F.push((s2.min - s3.min) / (s3.min / dof));
  Object.assign(out, { s3, g3 });
  return out;
}

function quantile7(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function lrSet(ctx: Ctx, s: Search, sigma2: number, crit: number, label: string): ThresholdEstimate {
  const gamma: number[] = [];
  const lr: number[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  for (let c = 0; c < ctx.cand.length; c++) {
    if (Number.isNaN(s.ssr[c])) continue;
    const v = (s.ssr[c] - s.min) / sigma2;
    gamma.push(ctx.cand[c]);
    lr.push(v);
    if (v <= crit) {
      lo = Math.min(lo, ctx.cand[c]);
      hi = Math.max(hi, ctx.cand[c]);
    }
  }
  return { label, threshold: ctx.cand[s.best], rss: s.min, ci: [lo, hi], lr: { gamma, lr } };
}

/**
 * Hansen (1999) panel threshold regression as Stata xthreg:
 * `threshold(t, { id: "city", time: "year", y: "y", x: ["x1", "x2"], rx: "fin", q: "fin", nthresh: 2 })`.
 */
export function threshold(data: PanelData, opts: ThresholdOptions): ThresholdResult {
  const t = asTable(data);
  const K = opts.nthresh ?? 1;
  if (![1, 2, 3].includes(K)) throw new Error(`threshold: nthresh must be 1, 2 or 3, got ${opts.nthresh}`);
  const per = <T>(v: T | T[] | undefined, def: T, what: string): T[] => {
    if (v === undefined) return Array(K).fill(def);
    if (!Array.isArray(v)) return Array(K).fill(v);
    if (v.length !== K) throw new Error(`threshold: ${what} has ${v.length} values, nthresh is ${K}`);
    return v;
  };
  const trims = per(opts.trim, 0.01, "trim");
  for (const tr of trims) if (!(tr >= 0 && tr < 0.5)) throw new Error(`threshold: trim must be in [0, 0.5), got ${tr}`);
  const draws = per(opts.bootstrap, 300, "bootstrap");
  const grid = opts.grid ?? 300;
  if (!(Number.isInteger(grid) && grid >= 2)) throw new Error(`threshold: grid must be an integer ≥ 2, got ${grid}`);
  const level = opts.level ?? 0.95;
  const seed = opts.seed ?? 20240601;
  const threads = resolveThreads(opts.threads, "threshold");
  const rx = Array.isArray(opts.rx) ? opts.rx : [opts.rx];
  if (!rx.length) throw new Error("threshold: rx (regime-dependent regressors) is empty");
  const xs = opts.x ?? [];
  const yRaw = numericColumn(t, opts.y, "threshold: dependent variable");
  const xRaw = xs.map((c) => numericColumn(t, c, "threshold: regressor"));
  const rxRawAll = rx.map((c) => numericColumn(t, c, "threshold: regime-dependent regressor (rx)"));
  const qRaw = numericColumn(t, opts.q, "threshold: threshold variable (q)");
  const timeRaw = numericColumn(t, opts.time, "panel time");
  if (!t.has(opts.id)) throw new DataError([{ file: t.file, column: opts.id, expected: `a column named "${opts.id}" (panel id); have: ${t.names.join(", ")}` }]);
  const idRaw = t.str(opts.id);
  const messages: string[] = [];
  const rows: number[] = [];
  for (let i = 0; i < t.nRows; i++) {
    const miss = Number.isNaN(yRaw[i]) || Number.isNaN(qRaw[i]) || Number.isNaN(timeRaw[i]) || idRaw[i] === "" || xRaw.some((c) => Number.isNaN(c[i])) || rxRawAll.some((c) => Number.isNaN(c[i]));
    if (!miss) rows.push(i);
  }
  if (rows.length < t.nRows) messages.push(`${t.nRows - rows.length} observations dropped for missing values (listwise)`);
  // sort by unit (by label, numbers numerically) and time, so the bootstrap's draws do not depend on row order
  const ids = [...new Set(rows.map((r) => idRaw[r]))].sort(compareLabels);
  const idIndex = new Map(ids.map((v, i) => [v, i]));
  rows.sort((a, b) => idIndex.get(idRaw[a])! - idIndex.get(idRaw[b])! || timeRaw[a] - timeRaw[b]);
  const N = ids.length;
  const n = rows.length;
  const unit = Int32Array.from(rows, (r) => idIndex.get(idRaw[r])!);
  const Tn = new Int32Array(N);
  for (const u of unit) Tn[u]++;
  const T = Tn[0];
  const bad = Tn.findIndex((v) => v !== T);
  if (bad >= 0) throw new DataError([{ file: t.file, column: opts.id, value: ids[bad], expected: `a balanced panel for the threshold model (unit ${ids[0]} has ${T} complete periods, unit ${ids[bad]} has ${Tn[bad]})` }]);
  if (T < 2) throw new DataError([{ file: t.file, column: opts.time, expected: "at least two periods per unit for the within transformation" }]);
  const pick = (c: Float64Array) => Float64Array.from(rows, (r) => c[r]);
  const y = pick(yRaw);
  const xv = xRaw.map(pick);
  const rxv = rxRawAll.map(pick);
  const q = pick(qRaw);
  // time-invariant variables cannot be estimated (xthreg refuses them too)
  const names = [opts.y, ...xs, ...rx, opts.q];
  [y, ...xv, ...rxv, q].forEach((v, j) => {
    const d = demeanBalanced(v, unit, N, T);
    if (d.every((z) => Math.abs(z) <= 1e-12 * (Math.abs(v[0]) + 1))) throw new DataError([{ file: t.file, column: names[j], expected: "a variable that changes over time within some unit (it is time-invariant and absorbed by the fixed effects)" }]);
  });
  const yT = demeanBalanced(y, unit, N, T);
  const base = [...xv, ...rxv].map((v) => demeanBalanced(v, unit, N, T));
  const baseKept = independentColumns(crossprod(base), base.length, [...xv, ...rxv].map((v) => {
    let m = 0;
    for (const z of v) m += z / v.length;
    let s = 0;
    for (const z of v) s += (z - m) ** 2;
    return s;
  }));
  if (baseKept.length < base.length) {
    const all = [...xs, ...rx];
    const dropped = all.filter((_, j) => !baseKept.includes(j));
    throw new Error(`threshold: collinear regressors ${dropped.join(", ")} (after the within transformation); remove them`);
  }
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => q[a] - q[b] || a - b);
  const qSorted = Float64Array.from(order, (i) => q[i]);
  const cand = thresholdGrid(q, trims[0], grid);
  const candCount = Int32Array.from(cand, (g) => countLE(qSorted, g));
  const ctx: Ctx = { n, N, T, unit, order, qSorted, cand, candCount, rxRaw: rxv, base };
  const nmin = trims.map((tr) => Math.max(Math.floor(tr * n), 1));
  const dof = N * (T - 1);
  const crit = thresholdLrCritical(level);
  const est = sequential(ctx, q, yT, K, nmin, true, new Map());
  const estimates: ThresholdEstimate[] = [lrSet(ctx, est.s1, est.s1.min / dof, crit, "Th-1")];
  if (K >= 2) {
    const s2 = est.s2!.min / dof;
    estimates.push(lrSet(ctx, est.s1r!, s2, crit, "Th-21"), lrSet(ctx, est.s2!, s2, crit, "Th-22"));
  }
  if (K >= 3) estimates.push(lrSet(ctx, est.s3!, est.s3!.min / dof, crit, "Th-3"));
  const finals = K === 1 ? [est.g1] : K === 2 ? [est.g1r!, est.g2!] : [est.g1r!, est.g2!, est.g3!];
  const thresholds = [...finals].sort((a, b) => a - b);
  // bootstrap F tests
  const rng: Rng | undefined = draws.some((d) => d > 0) ? createRng(seed, "threshold bootstrap") : undefined;
  const nullThr: number[][] = [[], [est.g1], [est.g1r!, est.g2!]];
  const ssrs = [est.s1.min, est.s2?.min, est.s3?.min];
  const labels = ["Single", "Double", "Triple"];
  const tests: ThresholdTest[] = [];
  const drawsTotal = draws.slice(0, K).reduce((a, b) => a + b, 0);
  const bar = progressFor("threshold bootstrap", opts.onProgress);
  let doneBefore = 0;
  for (let k = 0; k < K; k++) {
    const B = draws[k];
    const cols = [...base, ...nullThr[k].flatMap((g) => splitColumns(ctx, q, g))];
    const { e } = ssrOf(yT, cols);
    const fitted = Float64Array.from(yT, (v, i) => v - e[i]);
    // the units each draw resamples, drawn in draw order from the one stream, so any thread count gives the same F*
    const picks = new Int32Array(B * N);
    for (let b = 0; b < B; b++) for (let i = 0; i < N; i++) picks[b * N + i] = rng!.integer(0, N);
    const Fs = parallelMap(bootstrapTask, { ctx, q, fitted, e, picks, k, nmin }, B, { threads, minPerThread: 10, onProgress: (d) => bar.update(doneBefore + d, drawsTotal) });
    doneBefore += B;
    const F = est.F[k];
    const sorted = [...Fs].sort((a, b) => a - b);
    const test: ThresholdTest = {
      label: labels[k],
      rss: ssrs[k]!,
      mse: ssrs[k]! / dof,
      F,
      p_value: B ? Fs.filter((v) => v >= F).length / B : NaN,
      crit10: quantile7(sorted, 0.9),
      crit5: quantile7(sorted, 0.95),
      crit1: quantile7(sorted, 0.99),
      draws: B,
    };
    if (opts.keepDraws) test.bootF = Fs;
    tests.push(test);
  }
  bar.done();
  // regime regression: xtreg y x i._cat#c.(rx), fe
  const cat = Int32Array.from(q, (v) => {
    let c = 0;
    for (const g of thresholds) if (v > g) c++;
    return c;
  });
  const cols: Record<string, Float64Array | string[]> = { __id: rows.map((r) => idRaw[r]), __y: y };
  const terms: string[] = [];
  const labelsOf: string[] = [];
  xv.forEach((v, j) => {
    cols[`__x${j}`] = v;
    terms.push(`__x${j}`);
    labelsOf.push(xs[j]);
  });
  for (let r = 0; r <= thresholds.length; r++)
    rxv.forEach((v, j) => {
      cols[`__r${r}_${j}`] = Float64Array.from(v, (z, i) => (cat[i] === r ? z : 0));
      terms.push(`__r${r}_${j}`);
      labelsOf.push(`${r}._cat#c.${rx[j]}`);
    });
  // cluster variables of the regime regression, carried into the inner table
  const clNames = typeof opts.vcov === "object" && opts.vcov.type === "cluster" ? opts.vcov.by : opts.cluster ? ([] as string[]).concat(opts.cluster) : opts.vcov === "cluster" || opts.vcov === "cl" ? [opts.id] : [];
  const clInner = clNames.map((c, j) => {
    if (c === opts.id) return "__id";
    if (!t.has(c)) throw new DataError([{ file: t.file, column: c, expected: `a column named "${c}" (cluster variable); have: ${t.names.join(", ")}` }]);
    const col = t.str(c);
    cols[`__cl${j}`] = rows.map((r) => col[r]);
    return `__cl${j}`;
  });
  let vcov = opts.vcov ?? "iid";
  if (typeof vcov === "object" && vcov.type === "cluster") vcov = { ...vcov, by: clInner };
  const inner = feols(cols, `__y ~ ${terms.join(" + ")} | __id`, { vcov, cluster: clInner.length ? clInner : undefined, preset: opts.preset ?? "stata.xtreg" });
  const rename = (s: string) => s.replace(/__x(\d+)|__r(\d+)_(\d+)/g, (_m, a, r, j) => (a !== undefined ? labelsOf[Number(a)] : labelsOf[xs.length + Number(r) * rx.length + Number(j)]));
  const fit = new PanelFit({
    ...inner.init,
    model: `threshold (${K === 1 ? "single" : K === 2 ? "double" : "triple"}, within)`,
    formula: `${opts.y} ~ ${[...xs, ...rx.map((r) => `${r}×regime(${opts.q})`)].join(" + ")}`,
    names: inner.names.map(rename),
    messages: [...messages, ...inner.messages.map(rename)],
    ngroups: N,
    withVcov: undefined,
  });
  const res = { thresholds, estimates, tests, rss0: est.S0, lrCritical: crit, level, candidates: cand, fit, nobs: n, nUnits: N, nPeriods: T, seed, messages };
  return withResult(res, (r) => ({
    title: `Hansen (1999) panel threshold: ${r.fit.formula}`,
    header: () => [
      `Observations: ${r.nobs} (${r.nUnits} units × ${r.nPeriods} periods); threshold variable ${opts.q}; bootstrap seed ${r.seed}`,
      `Standard errors: ${r.fit.inference()}; thresholds with LR intervals at ${r.level} (c = ${r.lrCritical.toFixed(4)})`,
      ...r.tests.map((t) => `${t.label} threshold test: F = ${t.F.toFixed(3)}, bootstrap p = ${t.p_value.toFixed(4)} (${t.draws} draws)`),
    ],
    tidy: () => [
      ...r.estimates.map((e) => ({ ...pointRow(`threshold ${e.label}`, e.threshold), conf_low: e.ci[0], conf_high: e.ci[1] })),
      ...r.fit.tidy(),
    ],
    glance: () => ({
      ...r.fit.glance(),
      inference: `${r.fit.inference()}; threshold tests by bootstrap, seed ${r.seed}`,
      n_thresholds: r.thresholds.length,
      rss_linear: r.rss0,
      ...Object.fromEntries(r.tests.flatMap((t) => [[`f_${t.label.toLowerCase()}`, t.F], [`p_${t.label.toLowerCase()}`, t.p_value]])),
    }),
    notes: () => r.messages,
  }));
}

interface BootstrapPayload {
  ctx: Ctx;
  q: Float64Array;
  fitted: Float64Array;
  e: Float64Array;
  /** Draw b, unit i: the unit whose residual block it gets. */
  picks: Int32Array;
  /** Test k (0-based): k thresholds under the null, k + 1 fitted. */
  k: number;
  nmin: number[];
}

/** F* of one bootstrap draw of test k (Hansen's residual-block bootstrap). */
export function makeThresholdBootstrap(p: BootstrapPayload): (b: number) => number {
  const { N, T, n } = p.ctx;
  const yb = new Float64Array(n);
  // draws change only ỹ: the searches' fixed parts are shared across them (by the thresholds held fixed)
  const plans: PlanCache = new Map();
  return (b) => {
    for (let i = 0; i < N; i++) {
      const j = p.picks[b * N + i];
      for (let s = 0; s < T; s++) yb[i * T + s] = p.fitted[i * T + s] + p.e[j * T + s];
    }
    return sequential(p.ctx, p.q, yb, p.k + 1, p.nmin, false, plans).F[p.k];
  };
}

const bootstrapTask: ParallelTask<BootstrapPayload, number> = { module: "panel/threshold", name: "makeThresholdBootstrap", make: makeThresholdBootstrap };
