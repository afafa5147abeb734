/**
 * Matching on a (propensity) score for the ATT.
 *
 * nearest: k nearest controls per treated unit, with or without replacement, optional caliper (in SDs of the
 *   score over the (non-discarded) sample, MatchIt's std.caliper = TRUE, or absolute). The matching runs in k
 *   rounds (round r gives every treated unit its r-th control), treated units taken in `order`:
 *     "largest" (default; MatchIt's m.order for an estimated score: highest score first),
 *     "smallest", "data" (row order: psmatch2 processes treated units in the current sort order, so `sort`
 *     the data randomly with a seed first as its help file advises) or "random" (seeded).
 *   Ties in score order are broken by row order (R's order()/sort.list() are stable).
 *   `ties` says which control wins among equally distant ones:
 *     "matchit" (default): the sorted-list search MatchIt introduced in 4.5.1 (src/nn_matchC_vec.cpp, used
 *       whenever the distance is a score vector), as in 4.5.4 where std::abs replaced abs, and as MatchIt 4.7.1's
 *       find_control_vec (src/internal.cpp; tested on lalonde, test/reference/causal/matchit47: every match
 *       identical without replacement; with replacement and ratio > 1, 4.7 takes a unit's k controls at once
 *       and orders exactly tied ones by an unstable partial sort, so only their order within the row can
 *       differ, never the set or the weights): all units are sorted by score ascending (stable: ties in row order); from
 *       the treated unit's place in that list the first eligible control to the left and the first to the
 *       right are found, and the left one wins when |d_left| <= |d_right|. So of two equally distant controls
 *       the lower-score one is taken, and among controls with the treated unit's own score those listed before
 *       it (lower rows) are on its left (the nearest in the list, i.e. the highest such row, first), those
 *       after it on its right (lowest row first). A caliper stops the search in a direction at the first
 *       eligible control outside it.
 *     "first": the control at the smallest |distance| over all eligible controls, ties to the lowest row —
 *       the rule of this library before MatchIt's was pinned down (psmatch2's own tie rule was not checked
 *       against its source).
 *   `compat: "matchit-4.5.1"` reproduces two bugs of MatchIt 4.5.1–4.5.3's nn_matchC_vec, so its published
 *   output can be replicated exactly (implies ties "matchit"):
 *     - distances are compared with C's int abs(int), i.e. truncated to whole numbers: for propensity scores
 *       every distance is 0, so the caliper never binds and the left neighbour is always taken when one
 *       exists (fixed in 4.5.4 with std::abs: NEWS "calipers would not work properly on some systems", #163);
 *     - in rounds r > 1 the "already matched to this treated unit" check compares a 0-based row index with
 *       the 1-based indices stored in the match matrix, so it skips the control in the row just after each
 *       earlier match instead of the earlier match itself: with replacement and ratio > 1 a treated unit gets
 *       the same control repeatedly (kosukeimai/MatchIt#159, fixed in 4.5.4); without replacement it only
 *       removes those neighbouring rows from that unit's later rounds.
 * radius: every control within `caliper` of the treated unit's score, equal weights (psmatch2 radius).
 * kernel: all controls weighted K((p_j − p_i)/h), Epanechnikov (default, psmatch2's default kernel) or normal,
 *   bandwidth h (default 0.06, psmatch2's default).
 * Common support ("discard"): "none", "both" (drop units outside the other group's score range, MatchIt
 * discard = "both"), "treated" (drop treated outside the controls' range, psmatch2 common).
 * Weights as MatchIt: treated 1; a control gets Σ 1/(matches of each treated it serves), then control weights
 * are scaled to sum to the number of matched controls.
 */
import { createRng } from "../rng";

export type MatchMethod = "nearest" | "radius" | "kernel";
export type MatchOrder = "largest" | "smallest" | "data" | "random";
export type MatchTies = "matchit" | "first";

export interface MatchOptions {
  method?: MatchMethod;
  ratio?: number;
  replace?: boolean;
  caliper?: number;
  caliperScale?: "sd" | "abs";
  order?: MatchOrder;
  /** Which of several equally distant controls nearest matching takes (see the file comment). */
  ties?: MatchTies;
  /** Reproduce MatchIt 4.5.1's nearest-neighbour bugs (int abs, #159); see the file comment. */
  compat?: "matchit-4.5.1";
  seed?: number;
  discard?: "none" | "both" | "treated";
  kernel?: "epan" | "normal";
  bandwidth?: number;
}

export interface MatchResult {
  method: MatchMethod;
  /** For each treated row (in row order): matched control rows (nearest: in match order) and their weights. */
  matches: { treated: number; controls: number[]; weights: number[] }[];
  /** Per-row matching weight (0 = unmatched or discarded). */
  weights: Float64Array;
  discarded: Uint8Array;
  matched_treated: number;
  matched_control: number;
  /** Caliper on the score scale actually used. */
  caliper?: number;
}

function sd(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i];
  m /= x.length;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  return Math.sqrt(s / (x.length - 1));
}

export function matchScores(score: ArrayLike<number>, treat: ArrayLike<number>, opts: MatchOptions = {}): MatchResult {
  const n = score.length;
  const method = opts.method ?? "nearest";
  const discarded = new Uint8Array(n);
  const discard = opts.discard ?? "none";
  if (discard !== "none") {
    let t0 = Infinity, t1 = -Infinity, c0 = Infinity, c1 = -Infinity;
    for (let i = 0; i < n; i++) {
      if (treat[i]) (t0 = Math.min(t0, score[i])), (t1 = Math.max(t1, score[i]));
      else (c0 = Math.min(c0, score[i])), (c1 = Math.max(c1, score[i]));
    }
    for (let i = 0; i < n; i++) {
      if (treat[i] && (score[i] < c0 || score[i] > c1)) discarded[i] = 1;
      if (!treat[i] && discard === "both" && (score[i] < t0 || score[i] > t1)) discarded[i] = 1;
    }
  }
  const tr: number[] = [];
  const co: number[] = [];
  for (let i = 0; i < n; i++) if (!discarded[i]) (treat[i] ? tr : co).push(i);
  let cal: number | undefined;
  // MatchIt's std.caliper: SD of the score over the units not discarded
  if (opts.caliper !== undefined) cal = (opts.caliperScale ?? "sd") === "sd" ? opts.caliper * sd(Array.from({ length: n }, (_, i) => i).filter((i) => !discarded[i]).map((i) => score[i])) : opts.caliper;
  const matches: MatchResult["matches"] = [];
  if (method === "nearest") {
    const k = opts.ratio ?? 1;
    const order = opts.order ?? "largest";
    let ord = tr.slice();
    if (order === "largest") ord.sort((a, b) => score[b] - score[a] || a - b);
    else if (order === "smallest") ord.sort((a, b) => score[a] - score[b] || a - b);
    else if (order === "random") {
      if (opts.seed === undefined) throw new Error("matching: order \"random\" needs a seed");
      const rng = createRng(opts.seed, "matching(order)");
      ord = rng.permutation(tr.length).map((j) => tr[j]);
    }
    const got = new Map<number, number[]>(tr.map((i) => [i, []]));
    const compat = opts.compat === "matchit-4.5.1";
    if (opts.compat !== undefined && !compat) throw new Error(`matching: unknown compat "${opts.compat}" (matchit-4.5.1)`);
    const ties = compat ? "matchit" : opts.ties ?? "matchit";
    if (ties !== "matchit" && ties !== "first") throw new Error(`matching: unknown ties "${ties}" (matchit, first)`);
    // times a control may be used: once without replacement; with replacement MatchIt's reuse.max = n1
    let nTreated = 0;
    for (let i = 0; i < n; i++) if (treat[i]) nTreated++;
    const reuseMax = opts.replace ? nTreated : 1;
    const timesUsed = new Int32Array(n);
    const used = (j: number) => timesUsed[j] >= reuseMax;
    // skip controls already matched to this treated unit (MatchIt 4.5.1: the row after each earlier match, #159)
    const inRow = compat ? (mine: number[], j: number) => mine.includes(j - 1) : (mine: number[], j: number) => mine.includes(j);
    let pick: (i: number, mine: number[]) => number;
    if (ties === "matchit") {
      // MatchIt's sorted-list search: every row sorted by score ascending, ties in row order (stable)
      const all = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b] || a - b);
      const pos = new Int32Array(n);
      all.forEach((row, q) => (pos[row] = q));
      const eligible = (j: number, mine: number[]) => !treat[j] && !discarded[j] && !used(j) && !(mine.length > 0 && inRow(mine, j));
      const dist = compat ? (a: number, b: number) => Math.trunc(Math.abs(a - b)) : (a: number, b: number) => Math.abs(a - b);
      const scan = (i: number, mine: number[], step: 1 | -1): number => {
        for (let q = pos[i] + step; q >= 0 && q < n; q += step) {
          const j = all[q];
          if (!eligible(j, mine)) continue;
          return cal !== undefined && dist(score[i], score[j]) > cal ? -1 : j;
        }
        return -1;
      };
      pick = (i, mine) => {
        const l = scan(i, mine, -1);
        const r = scan(i, mine, 1);
        if (l >= 0 && r >= 0) return dist(score[l], score[i]) <= dist(score[r], score[i]) ? l : r;
        return l >= 0 ? l : r;
      };
    } else {
      // controls sorted by score for a two-pointer nearest search; equal distances to the lowest row
      const sc = co.slice().sort((a, b) => score[a] - score[b] || a - b);
      const ss = Float64Array.from(sc, (j) => score[j]);
      pick = (i, mine) => {
        const skip = (j: number) => used(j) || inRow(mine, j);
        const p = score[i];
        let lo = 0, hi = sc.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (ss[mid] < p) lo = mid + 1;
          else hi = mid;
        }
        let best = -1;
        let bd = Infinity;
        const consider = (q: number): boolean => {
          const j = sc[q];
          const dd = Math.abs(ss[q] - p);
          if (dd > bd) return false;
          if (!skip(j) && (dd < bd || (dd === bd && j < best))) {
            bd = dd;
            best = j;
          }
          return true;
        };
        for (let a = lo; a < sc.length; a++) if (!consider(a)) break;
        for (let a = lo - 1; a >= 0; a--) if (!consider(a)) break;
        if (best >= 0 && cal !== undefined && bd > cal) return -1;
        return best;
      };
    }
    const failed = new Uint8Array(n);
    for (let r = 0; r < k; r++) {
      for (const i of ord) {
        if (failed[i]) continue;
        const mine = got.get(i)!;
        const j = pick(i, mine);
        if (j < 0) {
          failed[i] = 1; // the eligible set only shrinks, so later rounds cannot succeed either
          continue;
        }
        mine.push(j);
        timesUsed[j]++;
      }
    }
    for (const i of tr) {
      const c = got.get(i)!;
      if (c.length) matches.push({ treated: i, controls: c, weights: c.map(() => 1 / c.length) });
    }
  } else if (method === "radius") {
    if (cal === undefined) throw new Error("matching: radius needs a caliper (the radius)");
    for (const i of tr) {
      const c = co.filter((j) => Math.abs(score[j] - score[i]) <= cal!);
      if (c.length) matches.push({ treated: i, controls: c, weights: c.map(() => 1 / c.length) });
    }
  } else if (method === "kernel") {
    const h = opts.bandwidth ?? 0.06;
    const kern = opts.kernel ?? "epan";
    for (const i of tr) {
      const c: number[] = [];
      const w: number[] = [];
      for (const j of co) {
        const u = (score[j] - score[i]) / h;
        const kv = kern === "epan" ? (Math.abs(u) < 1 ? 0.75 * (1 - u * u) : 0) : Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI);
        if (kv > 0) (c.push(j), w.push(kv));
      }
      const s = w.reduce((a, b) => a + b, 0);
      if (s > 0) matches.push({ treated: i, controls: c, weights: w.map((v) => v / s) });
    }
  } else throw new Error(`matching: unknown method "${method}" (nearest, radius, kernel)`);
  const weights = new Float64Array(n);
  for (const m of matches) {
    weights[m.treated] = 1;
    m.controls.forEach((j, a) => (weights[j] += m.weights[a]));
  }
  let nc = 0;
  let sw = 0;
  for (const j of co) if (weights[j] > 0) (nc++, (sw += weights[j]));
  for (const j of co) if (weights[j] > 0) weights[j] *= nc / sw;
  return { method, matches, weights, discarded, matched_treated: matches.length, matched_control: nc, caliper: cal };
}

/** ATT as the weighted difference in means of the outcome over the matched sample. */
export function attFromWeights(y: ArrayLike<number>, treat: ArrayLike<number>, w: ArrayLike<number>): number {
  let st = 0, wt = 0, sc = 0, wc = 0;
  for (let i = 0; i < y.length; i++) {
    if (!(w[i] > 0)) continue;
    if (treat[i]) (st += w[i] * y[i]), (wt += w[i]);
    else (sc += w[i] * y[i]), (wc += w[i]);
  }
  return st / wt - sc / wc;
}

/**
 * Abadie–Imbens (2006) ATT and its standard error for matching with replacement on the score: M nearest
 * controls per treated unit (all ties at the M-th distance included), conditional variances from the J nearest
 * units of the same group (σ̂² = J/(J+1)(Y_i − mean of the J)²), and
 *   V = (1/N₁²) [ Σ_treated (Y_i − Ŷ_i(0) − τ)² + Σ_controls (K_M(i)² − K'_M(i)) σ̂²_i ],
 * K_M(i) = Σ_l 1{i ∈ J(l)}/#J(l), K'_M(i) = Σ_l 1{i ∈ J(l)}/#J(l)². This is the variance of Stata's
 * `teffects nnmatch ... vce(robust, nn(J))` on a given score; it does not adjust for the score being
 * estimated (Abadie–Imbens 2016, teffects psmatch's default).
 */
export function abadieImbens(score: ArrayLike<number>, treat: ArrayLike<number>, y: ArrayLike<number>, M = 1, J = 2): { att: number; std_error: number; n_treated: number } {
  const n = score.length;
  const tr: number[] = [];
  const co: number[] = [];
  for (let i = 0; i < n; i++) (treat[i] ? tr : co).push(i);
  const nearestSet = (i: number, pool: number[], m: number): number[] => {
    const d = pool.map((j) => Math.abs(score[j] - score[i]));
    const sorted = Float64Array.from(d).sort();
    const cut = sorted[Math.min(m, sorted.length) - 1];
    return pool.filter((_, a) => d[a] <= cut);
  };
  const Km = new Float64Array(n);
  const Kp = new Float64Array(n);
  const y0 = new Float64Array(n);
  for (const i of tr) {
    const js = nearestSet(i, co, M);
    let s = 0;
    for (const j of js) {
      s += y[j];
      Km[j] += 1 / js.length;
      Kp[j] += 1 / js.length ** 2;
    }
    y0[i] = s / js.length;
  }
  let tau = 0;
  for (const i of tr) tau += y[i] - y0[i];
  tau /= tr.length;
  let V = 0;
  for (const i of tr) V += (y[i] - y0[i] - tau) ** 2;
  for (const i of co) {
    if (!Km[i]) continue;
    const same = co.filter((j) => j !== i);
    const js = nearestSet(i, same, J);
    let m = 0;
    for (const j of js) m += y[j];
    m /= js.length;
    const s2 = (js.length / (js.length + 1)) * (y[i] - m) ** 2;
    V += (Km[i] * Km[i] - Kp[i]) * s2;
  }
  V /= tr.length ** 2;
  return { att: tau, std_error: Math.sqrt(V), n_treated: tr.length };
}
