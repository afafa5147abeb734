/**
 * Regional inequality and coordination: coefficient of variation (plain and population-weighted, Williamson
 * 1965), Theil index with between/within decomposition, Gini coefficient (plain or weighted), and the coupling
 * coordination degree.
 *
 * With population weights p_i (default 1 each) and values y_i (per-capita), P = Σp, μ = Σ p_i y_i / P:
 *   CV  = √(Σ p_i (y_i − μ)² / P) / μ   (plain: p_i = 1; `sample: true` uses n − 1 for the plain CV)
 *   Theil T = Σ (p_i/P)(y_i/μ) ln(y_i/μ); with groups g: T = Σ_g s_g T_g + Σ_g s_g ln(μ_g/μ), s_g = P_g μ_g/(P μ)
 *   Gini  G = Σ_i Σ_j p_i p_j |y_i − y_j| / (2 P² μ)
 *   coupling C = n·(Π U_k)^{1/n} / Σ U_k,  T = Σ α_k U_k,  D = √(C·T).
 */

function check(y: ArrayLike<number>, w?: ArrayLike<number>, name = "inequality"): Float64Array {
  if (!y.length) throw new Error(`${name}: no values`);
  if (w && w.length !== y.length) throw new Error(`${name}: ${w.length} weights for ${y.length} values`);
  const p = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) throw new Error(`${name}: value ${i + 1} is not finite`);
    p[i] = w ? w[i] : 1;
    if (!(p[i] >= 0) || !Number.isFinite(p[i])) throw new Error(`${name}: weight ${i + 1} must be a non-negative number`);
  }
  return p;
}

function wmean(y: ArrayLike<number>, p: Float64Array): number {
  let s = 0, P = 0;
  for (let i = 0; i < y.length; i++) {
    s += p[i] * y[i];
    P += p[i];
  }
  return s / P;
}

/** Coefficient of variation; with population weights, Williamson's weighted CV. */
export function coefficientOfVariation(y: ArrayLike<number>, opts: { weights?: ArrayLike<number>; sample?: boolean } = {}): number {
  const p = check(y, opts.weights, "coefficientOfVariation");
  const mu = wmean(y, p);
  let ss = 0, P = 0;
  for (let i = 0; i < y.length; i++) {
    ss += p[i] * (y[i] - mu) ** 2;
    P += p[i];
  }
  const denom = !opts.weights && opts.sample ? y.length - 1 : P;
  return Math.sqrt(ss / denom) / mu;
}

export interface TheilResult {
  total: number;
  between: number;
  within: number;
  /** Per group: Theil within the group, its income share s_g, contribution s_g·T_g. */
  groups: { group: string | number; theil: number; share: number; contribution: number; n: number }[];
}

function theilOf(y: ArrayLike<number>, p: Float64Array, idx: number[]): number {
  let P = 0, s = 0;
  for (const i of idx) {
    P += p[i];
    s += p[i] * y[i];
  }
  const mu = s / P;
  let t = 0;
  for (const i of idx) {
    if (y[i] < 0) throw new Error("theil: values must be non-negative");
    if (y[i] > 0) t += (p[i] / P) * (y[i] / mu) * Math.log(y[i] / mu);
  }
  return t;
}

/** Theil T index (GE(1)), population-weighted when weights are given, decomposed by groups when given. */
export function theil(y: ArrayLike<number>, opts: { weights?: ArrayLike<number>; groups?: readonly (string | number)[] } = {}): TheilResult {
  const p = check(y, opts.weights, "theil");
  const all = Array.from({ length: y.length }, (_, i) => i);
  const total = theilOf(y, p, all);
  if (!opts.groups) return { total, between: 0, within: total, groups: [] };
  if (opts.groups.length !== y.length) throw new Error("theil: one group label per value needed");
  const mu = wmean(y, p);
  let P = 0;
  for (const v of p) P += v;
  const map = new Map<string | number, number[]>();
  opts.groups.forEach((g, i) => {
    let a = map.get(g);
    if (!a) map.set(g, (a = []));
    a.push(i);
  });
  let between = 0, within = 0;
  const groups: TheilResult["groups"] = [];
  for (const [g, idx] of map) {
    let Pg = 0, sg = 0;
    for (const i of idx) {
      Pg += p[i];
      sg += p[i] * y[i];
    }
    const mug = sg / Pg;
    const share = (Pg * mug) / (P * mu);
    const tg = theilOf(y, p, idx);
    between += share * Math.log(mug / mu);
    within += share * tg;
    groups.push({ group: g, theil: tg, share, contribution: share * tg, n: idx.length });
  }
  return { total, between, within, groups };
}

/** Gini coefficient Σ p_i p_j |y_i − y_j| / (2 P² μ) (plain when no weights). */
export function giniCoefficient(y: ArrayLike<number>, opts: { weights?: ArrayLike<number> } = {}): number {
  const p = check(y, opts.weights, "giniCoefficient");
  const n = y.length;
  // sort and use the cumulative form: Σ_i Σ_j p_i p_j |y_i − y_j| = 2 Σ_i p_i y_i (P_<i − P_>i) over sorted values
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => y[a] - y[b]);
  let P = 0;
  for (const v of p) P += v;
  let below = 0, s = 0, mu = 0;
  for (const i of idx) {
    const above = P - below - p[i];
    s += p[i] * y[i] * (below - above);
    below += p[i];
    mu += p[i] * y[i];
  }
  mu /= P;
  return (2 * s) / (2 * P * P * mu);
}

export interface CouplingResult {
  /** Coupling degree C, comprehensive development T and coordination degree D per observation. */
  C: Float64Array;
  T: Float64Array;
  D: Float64Array;
  /** Ten-grade class of D (0–0.1 extreme disorder … 0.9–1 quality coordination). */
  level: string[];
  weights: number[];
  text(): string;
}

export const COORDINATION_LEVELS = ["extreme disorder", "serious disorder", "moderate disorder", "mild disorder", "on the verge of disorder", "barely coordinated", "primary coordination", "intermediate coordination", "good coordination", "quality coordination"];

/**
 * Coupling coordination degree of n subsystems whose scores U_k lie in [0, 1]: C = n·(ΠU)^{1/n}/ΣU,
 * T = Σ α_k U_k (α default 1/n), D = √(C·T).
 */
export function couplingCoordination(systems: readonly ArrayLike<number>[], opts: { weights?: readonly number[] } = {}): CouplingResult {
  const k = systems.length;
  if (k < 2) throw new Error("couplingCoordination: at least two subsystems");
  const n = systems[0].length;
  systems.forEach((s, j) => {
    if (s.length !== n) throw new Error(`couplingCoordination: subsystem ${j + 1} has ${s.length} values, expected ${n}`);
  });
  const a: number[] = opts.weights ? opts.weights.slice() : new Array<number>(k).fill(1 / k);
  if (a.length !== k) throw new Error("couplingCoordination: one weight per subsystem");
  const sa = a.reduce((p: number, q: number) => p + q, 0);
  if (Math.abs(sa - 1) > 1e-9) throw new Error(`couplingCoordination: weights must sum to 1, got ${sa}`);
  const C = new Float64Array(n), T = new Float64Array(n), D = new Float64Array(n);
  const level: string[] = [];
  for (let i = 0; i < n; i++) {
    let prod = 1, sum = 0, t = 0;
    for (let j = 0; j < k; j++) {
      const u = systems[j][i];
      if (!(u >= 0 && u <= 1)) throw new Error(`couplingCoordination: U of subsystem ${j + 1}, row ${i + 1} must lie in [0, 1], got ${u}`);
      prod *= u;
      sum += u;
      t += a[j] * u;
    }
    C[i] = sum === 0 ? 0 : (k * Math.pow(prod, 1 / k)) / sum;
    T[i] = t;
    D[i] = Math.sqrt(C[i] * T[i]);
    level.push(COORDINATION_LEVELS[Math.min(9, Math.floor(D[i] * 10))]);
  }
  return { C, T, D, level, weights: a.slice(), text: () => `subsystem weights: ${a.map((v, j) => `U${j + 1}=${v.toFixed(4)}`).join(", ")}` };
}
