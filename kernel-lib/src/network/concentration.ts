/**
 * The paper's factor concentration indices C1 (push, eq. 3) and C2 (pull, eq. 4), after 钱肖颖 & 杨宇.
 *
 *   C1(j/m) = (1/t) Σ_s (j_s / j̄) (2 P̃_s − 1),   C2(h/y) = (1/n) Σ_i (h_i / h̄) (2 R̃_i − 1)
 *
 * - Ranks: rank 1 is the first city under the factor's sort rule: "asc" (small → large: resource dependence,
 *   distance, labour cost) or "desc" (large → small: every other factor). Ties get average ranks by default.
 * - P̃ is the range standardisation (极差标准化) of the ranks, (P − min P)/(max P − min P); without ties this is
 *   (P − 1)/(t − 1), so P̃ ∈ [0, 1] and C ∈ [−1, 1].
 * - Sign: −1 = everything in the rank-1 city (e.g. the most vital investor, the nearest destination); +1 =
 *   everything in the last-ranked city.
 * - The printed second form (the mean) is the default; `form: "cov"` gives 2 cov(j, P̃)/j̄ with the population
 *   covariance, which equals it exactly when mean(P̃) = 1/2 (always without ties).
 * - C1 uses the t cities with a positive amount; C2 per source city uses its n destinations with a positive
 *   amount, and a source with n < 2 is excluded (the index is undefined for one destination). The pooled C2 is
 *   Σ n_s C2_s / Σ n_s ("以被投资城市数量为权重…加权求和并取均值"); `pooling: "sum-over-sources"` divides
 *   Σ n_s C2_s by the number of source cities instead (the literal alternative).
 */

export type SortRule = "asc" | "desc";
export type TieRule = "average" | "min" | "first";

/** Ranks 1..n under the sort rule. */
export function rankValues(values: readonly number[], rule: SortRule, ties: TieRule = "average"): Float64Array {
  const n = values.length;
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => (rule === "asc" ? a[0] - b[0] : b[0] - a[0]) || a[1] - b[1]);
  const r = new Float64Array(n);
  let k = 0;
  while (k < n) {
    let e = k;
    while (ties !== "first" && e + 1 < n && order[e + 1][0] === order[k][0]) e++;
    for (let q = k; q <= e; q++) r[order[q][1]] = ties === "first" ? q + 1 : ties === "min" ? k + 1 : (k + e) / 2 + 1;
    k = e + 1;
  }
  return r;
}

/** (x − min)/(max − min); all equal → 0.5 (no ordering information). */
export function rangeStandardize(x: ArrayLike<number>): Float64Array {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    lo = Math.min(lo, x[i]);
    hi = Math.max(hi, x[i]);
  }
  return Float64Array.from(x, (v) => (hi > lo ? (v - lo) / (hi - lo) : 0.5));
}

export interface ConcentrationOptions {
  ties?: TieRule;
  form?: "mean" | "cov";
}

/** The index for one interest vector (amounts) and one ranking variable. */
export function concentrationIndex(interest: readonly number[], ranking: readonly number[], rule: SortRule, opts: ConcentrationOptions = {}): number {
  const n = interest.length;
  if (ranking.length !== n) throw new RangeError("concentration: interest and ranking differ in length");
  if (n < 2) return NaN;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(interest[i]) || interest[i] < 0) throw new RangeError(`concentration: amount ${interest[i]} at position ${i} is not a non-negative number`);
    if (!Number.isFinite(ranking[i])) throw new RangeError(`concentration: ranking value ${ranking[i]} at position ${i} is not a number`);
  }
  const p = rangeStandardize(rankValues(ranking, rule, opts.ties ?? "average"));
  const mean = interest.reduce((a, b) => a + b, 0) / n;
  if (!(mean > 0)) return NaN;
  if ((opts.form ?? "mean") === "cov") {
    const pm = p.reduce((a, b) => a + b, 0) / n;
    let cov = 0;
    for (let i = 0; i < n; i++) cov += (interest[i] - mean) * (p[i] - pm);
    return (2 * (cov / n)) / mean;
  }
  let s = 0;
  for (let i = 0; i < n; i++) s += (interest[i] / mean) * (2 * p[i] - 1);
  return s / n;
}

export interface C1Row {
  city: string;
  amount: number;
  /** The ranking attribute m of the city. */
  value: number;
}

export function c1(rows: readonly C1Row[], rule: SortRule, opts: ConcentrationOptions = {}): { value: number; t: number; cities: string[] } {
  const used = rows.filter((r) => r.amount > 0);
  return { value: concentrationIndex(used.map((r) => r.amount), used.map((r) => r.value), rule, opts), t: used.length, cities: used.map((r) => r.city) };
}

export interface C2Row {
  source: string;
  target: string;
  amount: number;
  /** The ranking attribute y of the destination (for distance: the source–target distance). */
  value: number;
}

export interface C2Result {
  value: number;
  perSource: { source: string; n: number; c2: number }[];
  /** Sources with fewer than two destinations (index undefined). */
  excluded: string[];
}

export function c2(rows: readonly C2Row[], rule: SortRule, opts: ConcentrationOptions & { pooling?: "n-weighted-mean" | "sum-over-sources"; sourceCount?: number } = {}): C2Result {
  const bySource = new Map<string, C2Row[]>();
  for (const r of rows) {
    if (!(r.amount > 0)) continue;
    const list = bySource.get(r.source) ?? [];
    list.push(r);
    bySource.set(r.source, list);
  }
  const perSource: C2Result["perSource"] = [];
  const excluded: string[] = [];
  for (const [source, list] of bySource) {
    // one row per destination: sum repeated (source, target) rows
    const agg = new Map<string, { amount: number; value: number }>();
    for (const r of list) {
      const a = agg.get(r.target);
      if (a) {
        if (a.value !== r.value) throw new RangeError(`c2: destination ${r.target} of ${source} has two ranking values (${a.value}, ${r.value})`);
        a.amount += r.amount;
      } else agg.set(r.target, { amount: r.amount, value: r.value });
    }
    const d = [...agg.values()];
    if (d.length < 2) {
      excluded.push(source);
      continue;
    }
    perSource.push({ source, n: d.length, c2: concentrationIndex(d.map((x) => x.amount), d.map((x) => x.value), rule, opts) });
  }
  const num = perSource.reduce((a, s) => a + s.n * s.c2, 0);
  const den = (opts.pooling ?? "n-weighted-mean") === "n-weighted-mean" ? perSource.reduce((a, s) => a + s.n, 0) : opts.sourceCount ?? perSource.length + excluded.length;
  return { value: den > 0 ? num / den : NaN, perSource, excluded };
}
