/**
 * Entropy-weight method and entropy-TOPSIS for composite indices, per year or pooled over years, and the
 * obstacle-degree model. Formulas (e.g. 杨丽 & 孙之淳 2015; Hwang & Yoon 1981):
 *   standardise  x'_ij = (x_ij − min_j)/(max_j − min_j) (positive) or (max_j − x_ij)/(max_j − min_j) (negative),
 *                plus an optional shift (papers add 0.0001 or 0.01 so that ln never sees 0);
 *   shares       p_ij = x'_ij / Σ_i x'_ij;   entropy e_j = −(1/ln n) Σ_i p_ij ln p_ij  (0·ln 0 = 0);
 *   weights      w_j = (1 − e_j) / Σ_k (1 − e_k);   score s_i = Σ_j w_j x'_ij.
 * TOPSIS on v_ij = w_j·z_ij (z: the min–max standardised x' or the vector-normalised x): D⁺_i, D⁻_i Euclidean
 * distances to the best and worst value per indicator, C_i = D⁻_i/(D⁺_i + D⁻_i).
 * Obstacle degree: O_ij = w_j (1 − x'_ij) / Σ_k w_k (1 − x'_ik).
 */

export type Direction = "+" | "-";

export interface EntropyOptions {
  /** Indicator directions ("+" more is better, "−" less is better); default all "+". */
  directions?: readonly Direction[];
  /** Added to every standardised value (0 by default; 0.0001 and 0.01 are common in the papers). */
  shift?: number;
  /** Group label per row (e.g. the year): weights computed within each group ("per year"); omit for pooled. */
  groups?: readonly (string | number)[];
  /** Indicator names for the printed weights. */
  names?: readonly string[];
}

export interface IndicatorWeight {
  indicator: string;
  entropy: number;
  divergence: number;
  weight: number;
}

export interface EntropyResult {
  /** Composite score per row: Σ_j w_j x'_ij (weights of the row's group). */
  scores: Float64Array;
  /** Weights per group ("pooled" when not grouped). */
  weights: Map<string | number, IndicatorWeight[]>;
  /** Standardised matrix x' (rows × indicators). */
  standardized: number[][];
  /** The weights as printable text (every index prints its weights). */
  text(): string;
}

function checkMatrix(x: readonly (readonly number[])[]): number {
  if (!x.length) throw new Error("entropy: no rows");
  const m = x[0].length;
  x.forEach((r, i) => {
    if (r.length !== m) throw new Error(`entropy: row ${i + 1} has ${r.length} indicators, expected ${m}`);
    r.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new Error(`entropy: row ${i + 1}, indicator ${j + 1} is not a finite number`);
    });
  });
  return m;
}

/** Min–max standardisation by direction, with shift. A constant indicator becomes 0 (+shift) everywhere. */
export function minMaxStandardize(x: readonly (readonly number[])[], directions?: readonly Direction[], shift = 0): number[][] {
  const m = checkMatrix(x);
  const lo = new Array(m).fill(Infinity);
  const hi = new Array(m).fill(-Infinity);
  for (const r of x)
    r.forEach((v, j) => {
      lo[j] = Math.min(lo[j], v);
      hi[j] = Math.max(hi[j], v);
    });
  return x.map((r) =>
    r.map((v, j) => {
      const range = hi[j] - lo[j];
      if (range === 0) return shift;
      const d = directions?.[j] ?? "+";
      return (d === "+" ? (v - lo[j]) / range : (hi[j] - v) / range) + shift;
    }),
  );
}

/** Entropy weights of a standardised matrix (non-negative values). */
export function entropyWeightsOf(z: readonly (readonly number[])[], names?: readonly string[]): IndicatorWeight[] {
  const n = z.length;
  const m = z[0].length;
  const e = new Array(m).fill(0);
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      if (z[i][j] < 0) throw new Error(`entropy: standardised value of row ${i + 1}, indicator ${j + 1} is negative`);
      s += z[i][j];
    }
    let h = 0;
    if (s > 0)
      for (let i = 0; i < n; i++) {
        const p = z[i][j] / s;
        if (p > 0) h -= p * Math.log(p);
      }
    else h = Math.log(n); // all zero: no information
    e[j] = h / Math.log(n);
  }
  const d = e.map((v) => 1 - v);
  const sd = d.reduce((a, b) => a + b, 0);
  return d.map((dj, j) => ({ indicator: names?.[j] ?? `x${j + 1}`, entropy: e[j], divergence: dj, weight: dj / sd }));
}

function fmtWeights(weights: Map<string | number, IndicatorWeight[]>): string {
  const lines: string[] = [];
  for (const [g, ws] of weights) {
    lines.push(`weights (${g}):`);
    for (const w of ws) lines.push(`  ${w.indicator.padEnd(16)} e=${w.entropy.toFixed(6)}  d=${w.divergence.toFixed(6)}  w=${w.weight.toFixed(6)}`);
  }
  return lines.join("\n");
}

function groupRows(n: number, groups?: readonly (string | number)[]): Map<string | number, number[]> {
  const out = new Map<string | number, number[]>();
  if (!groups) {
    out.set("pooled", Array.from({ length: n }, (_, i) => i));
    return out;
  }
  if (groups.length !== n) throw new Error(`entropy: ${groups.length} group labels for ${n} rows`);
  groups.forEach((g, i) => {
    let a = out.get(g);
    if (!a) out.set(g, (a = []));
    a.push(i);
  });
  return out;
}

/** Entropy-weight composite index (per group or pooled). */
export function entropyIndex(x: readonly (readonly number[])[], opts: EntropyOptions = {}): EntropyResult {
  checkMatrix(x);
  const n = x.length;
  const scores = new Float64Array(n);
  const standardized: number[][] = new Array(n);
  const weights = new Map<string | number, IndicatorWeight[]>();
  for (const [g, rows] of groupRows(n, opts.groups)) {
    const z = minMaxStandardize(rows.map((i) => x[i]), opts.directions, opts.shift ?? 0);
    const w = entropyWeightsOf(z, opts.names);
    weights.set(g, w);
    rows.forEach((i, r) => {
      standardized[i] = z[r];
      scores[i] = z[r].reduce((s, v, j) => s + w[j].weight * v, 0);
    });
  }
  return { scores, weights, standardized, text: () => fmtWeights(weights) };
}

export interface TopsisResult extends EntropyResult {
  dPlus: Float64Array;
  dMinus: Float64Array;
  /** Relative closeness C_i = D⁻/(D⁺ + D⁻). */
  closeness: Float64Array;
}

/**
 * Entropy-TOPSIS: entropy weights from the min–max standardised matrix, then TOPSIS on the weighted matrix of
 * either that standardised matrix (`normalization: "minmax"`, default) or the vector-normalised directed data
 * (`"vector"`: x_ij/√Σx², with negative indicators' best value the minimum).
 */
export function entropyTopsis(x: readonly (readonly number[])[], opts: EntropyOptions & { normalization?: "minmax" | "vector" } = {}): TopsisResult {
  const base = entropyIndex(x, opts);
  const n = x.length;
  const m = x[0].length;
  const dPlus = new Float64Array(n);
  const dMinus = new Float64Array(n);
  const closeness = new Float64Array(n);
  const norm = opts.normalization ?? "minmax";
  for (const [g, rows] of groupRows(n, opts.groups)) {
    const w = base.weights.get(g)!.map((v) => v.weight);
    let v: number[][];
    let best: number[];
    let worst: number[];
    if (norm === "minmax") {
      v = rows.map((i) => base.standardized[i].map((z, j) => z * w[j]));
      best = Array.from({ length: m }, (_, j) => Math.max(...v.map((r) => r[j])));
      worst = Array.from({ length: m }, (_, j) => Math.min(...v.map((r) => r[j])));
    } else {
      const ss = Array.from({ length: m }, (_, j) => Math.sqrt(rows.reduce((s, i) => s + x[i][j] ** 2, 0)));
      v = rows.map((i) => x[i].map((z, j) => (z / ss[j]) * w[j]));
      const dir = (j: number) => opts.directions?.[j] ?? "+";
      best = Array.from({ length: m }, (_, j) => (dir(j) === "+" ? Math.max : Math.min)(...v.map((r) => r[j])));
      worst = Array.from({ length: m }, (_, j) => (dir(j) === "+" ? Math.min : Math.max)(...v.map((r) => r[j])));
    }
    rows.forEach((i, r) => {
      let a = 0, b = 0;
      for (let j = 0; j < m; j++) {
        a += (v[r][j] - best[j]) ** 2;
        b += (v[r][j] - worst[j]) ** 2;
      }
      dPlus[i] = Math.sqrt(a);
      dMinus[i] = Math.sqrt(b);
      closeness[i] = dMinus[i] / (dPlus[i] + dMinus[i]);
    });
  }
  return { ...base, dPlus, dMinus, closeness };
}

export interface ObstacleResult {
  /** O_ij (shares summing to 1 per row). */
  degree: number[][];
  names: string[];
  /** Mean obstacle degree per indicator over rows, sorted descending. */
  ranking: { indicator: string; degree: number }[];
  weights: IndicatorWeight[];
  text(): string;
}

/** Obstacle-degree model on the standardised matrix and indicator weights (e.g. of entropyIndex). */
export function obstacleDegree(standardized: readonly (readonly number[])[], weights: readonly IndicatorWeight[]): ObstacleResult {
  const m = weights.length;
  const names = weights.map((w) => w.indicator);
  const degree = standardized.map((r) => {
    const a = r.map((z, j) => weights[j].weight * (1 - z));
    const s = a.reduce((p, q) => p + q, 0);
    return a.map((v) => (s === 0 ? 0 : v / s));
  });
  const mean = Array.from({ length: m }, (_, j) => degree.reduce((s, r) => s + r[j], 0) / degree.length);
  const ranking = names.map((indicator, j) => ({ indicator, degree: mean[j] })).sort((a, b) => b.degree - a.degree);
  return {
    degree, names, ranking, weights: weights.slice(),
    text: () => ["weights:", ...weights.map((w) => `  ${w.indicator.padEnd(16)} w=${w.weight.toFixed(6)}`), "mean obstacle degree:", ...ranking.map((r) => `  ${r.indicator.padEnd(16)} ${(100 * r.degree).toFixed(3)}%`)].join("\n"),
  };
}
