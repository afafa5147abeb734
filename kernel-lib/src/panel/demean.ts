/**
 * Absorbing fixed effects. One factor: exact group demeaning. Several: alternating projections (the method of
 * Gaure's lfe, fixest's and reghdfe's default family), iterated until the largest change in a sweep is below
 * `tol` times the column's scale; a solver that does not converge within `maxIter` sweeps throws.
 */

export interface Factor {
  name: string;
  /** 0-based level code per observation. */
  codes: Int32Array;
  nLevels: number;
  levels: string[];
}

export interface DemeanOptions {
  tol?: number;
  maxIter?: number;
  /** Observation weights: weighted group means (the projection of weighted least squares). */
  weights?: Float64Array;
}

function counts(f: Factor, w?: Float64Array): Float64Array {
  const c = new Float64Array(f.nLevels);
  for (let i = 0; i < f.codes.length; i++) c[f.codes[i]] += w ? w[i] : 1;
  return c;
}

/** Subtract (weighted) group means of f from x in place; returns the largest absolute change. */
function sweep(x: Float64Array, f: Factor, cnt: Float64Array, buf: Float64Array, w?: Float64Array): number {
  buf.fill(0);
  const codes = f.codes;
  if (w) for (let i = 0; i < x.length; i++) buf[codes[i]] += w[i] * x[i];
  else for (let i = 0; i < x.length; i++) buf[codes[i]] += x[i];
  let mx = 0;
  for (let g = 0; g < buf.length; g++) {
    buf[g] /= cnt[g];
    const a = Math.abs(buf[g]);
    if (a > mx) mx = a;
  }
  for (let i = 0; i < x.length; i++) x[i] -= buf[codes[i]];
  return mx;
}

/** buf = (weighted) sums of x by level of f. */
function levelSums(x: Float64Array, f: Factor, buf: Float64Array, w?: Float64Array): void {
  buf.fill(0);
  const codes = f.codes;
  if (w) for (let i = 0; i < x.length; i++) buf[codes[i]] += w[i] * x[i];
  else for (let i = 0; i < x.length; i++) buf[codes[i]] += x[i];
}

/**
 * One sweep of alternating projections with f's level sums already in buf: subtract f's means and, in the same
 * pass, accumulate the level sums of the next factor into nextBuf (the same additions in the same row order as
 * levelSums would make afterwards, so the result equals sweep's bit for bit with one pass over the rows fewer).
 */
function sweepChained(x: Float64Array, f: Factor, cnt: Float64Array, buf: Float64Array, next: Factor, nextBuf: Float64Array, w?: Float64Array): number {
  let mx = 0;
  for (let g = 0; g < buf.length; g++) {
    buf[g] /= cnt[g];
    const a = Math.abs(buf[g]);
    if (a > mx) mx = a;
  }
  const codes = f.codes;
  const nextCodes = next.codes;
  nextBuf.fill(0);
  if (w)
    for (let i = 0; i < x.length; i++) {
      const v = x[i] - buf[codes[i]];
      x[i] = v;
      nextBuf[nextCodes[i]] += w[i] * v;
    }
  else
    for (let i = 0; i < x.length; i++) {
      const v = x[i] - buf[codes[i]];
      x[i] = v;
      nextBuf[nextCodes[i]] += v;
    }
  return mx;
}

export interface DemeanResult {
  cols: Float64Array[];
  iterations: number;
}

/** Residuals of each column on the fixed effects (copies; inputs untouched). */
export function demean(cols: readonly Float64Array[], fes: readonly Factor[], opts: DemeanOptions = {}): DemeanResult {
  const tol = opts.tol ?? 1e-13;
  const maxIter = opts.maxIter ?? 100_000;
  const w = opts.weights;
  const cnts = fes.map((f) => counts(f, w));
  const bufs = fes.map((f) => new Float64Array(f.nLevels));
  let iterations = 0;
  const out = cols.map((c) => {
    const x = Float64Array.from(c);
    if (!fes.length) return x;
    if (fes.length === 1) {
      sweep(x, fes[0], cnts[0], bufs[0], w);
      iterations = Math.max(iterations, 1);
      return x;
    }
    let scale = 0;
    for (let i = 0; i < x.length; i++) scale = Math.max(scale, Math.abs(x[i]));
    scale = Math.max(scale, 1e-300);
    let it = 0;
    const Q = fes.length;
    levelSums(x, fes[0], bufs[0], w);
    for (;;) {
      it++;
      let change = 0;
      for (let q = 0; q < Q; q++) {
        const nq = q + 1 < Q ? q + 1 : 0;
        change = Math.max(change, sweepChained(x, fes[q], cnts[q], bufs[q], fes[nq], bufs[nq], w));
      }
      if (change <= tol * scale) break;
      if (it >= maxIter) {
        throw new Error(
          `fixed effects (${fes.map((f) => f.name).join(", ")}): alternating projections did not converge in ${maxIter} sweeps (last change ${(change / scale).toExponential(2)} of scale, tolerance ${tol}); raise maxIter or check for weakly connected fixed effects`,
        );
      }
    }
    iterations = Math.max(iterations, it);
    return x;
  });
  return { cols: out, iterations };
}

/** Rows to keep after iteratively dropping observations alone in a level of some fixed effect. */
export function singletonMask(fes: readonly Factor[], n: number): { keep: Uint8Array; dropped: number } {
  const keep = new Uint8Array(n).fill(1);
  let dropped = 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of fes) {
      const c = new Int32Array(f.nLevels);
      for (let i = 0; i < n; i++) if (keep[i]) c[f.codes[i]]++;
      for (let i = 0; i < n; i++)
        if (keep[i] && c[f.codes[i]] === 1) {
          keep[i] = 0;
          dropped++;
          changed = true;
        }
    }
  }
  return { keep, dropped };
}

/** Recode a factor to the rows in idx, renumbering levels that remain. */
export function subsetFactor(f: Factor, idx: readonly number[]): Factor {
  const map = new Int32Array(f.nLevels).fill(-1);
  const levels: string[] = [];
  const codes = new Int32Array(idx.length);
  idx.forEach((r, i) => {
    const c = f.codes[r];
    if (map[c] < 0) {
      map[c] = levels.length;
      levels.push(f.levels[c]);
    }
    codes[i] = map[c];
  });
  return { name: f.name, codes, nLevels: levels.length, levels };
}

/** Connected components of the bipartite graph of two factors (redundant FE parameters between them). */
export function components(a: Factor, b: Factor): number {
  const parent = Int32Array.from({ length: a.nLevels + b.nLevels }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let i = 0; i < a.codes.length; i++) {
    const r1 = find(a.codes[i]);
    const r2 = find(a.nLevels + b.codes[i]);
    if (r1 !== r2) parent[r1] = r2;
  }
  let c = 0;
  for (let i = 0; i < parent.length; i++) if (find(i) === i) c++;
  return c;
}

/** True when every level of f lies inside one level of c (f nested in c). */
export function nestedIn(f: Factor, c: Factor): boolean {
  const owner = new Int32Array(f.nLevels).fill(-1);
  for (let i = 0; i < f.codes.length; i++) {
    const o = owner[f.codes[i]];
    if (o < 0) owner[f.codes[i]] = c.codes[i];
    else if (o !== c.codes[i]) return false;
  }
  return true;
}

/**
 * Degrees of freedom absorbed by the fixed effects: G1 for one; G1 + G2 − (connected components) for two
 * (exact, as fixest and reghdfe); for each further factor the number of its dummies that stay linearly
 * independent after projecting on the earlier factors (exact, computed by alternating projections) when it
 * has at most `exactLimit` levels, otherwise G_k − 1 (conservative, stated in `note`).
 */
export function feDegreesOfFreedom(fes: readonly Factor[], exactLimit = 2000): { df: number; perFactor: number[]; note?: string } {
  if (!fes.length) return { df: 0, perFactor: [] };
  const per = [fes[0].nLevels];
  if (fes.length >= 2) per.push(fes[1].nLevels - components(fes[0], fes[1]));
  let note: string | undefined;
  for (let q = 2; q < fes.length; q++) {
    const f = fes[q];
    if (f.nLevels > exactLimit) {
      per.push(f.nLevels - 1);
      note = `fixed effect ${f.name}: ${f.nLevels} levels, counted as G − 1 (conservative)`;
      continue;
    }
    // R_l = dummy of level l residualised on the earlier factors (which also span every earlier factor's
    // residualised dummies). The dummies still independent are counted by an in-order Cholesky of G = R'R with
    // G_lk = Σ of R_k over level l's rows: its pivot is the squared norm of R_l left after projecting on the
    // kept R_k (Gram–Schmidt in level order), kept when above 1e-8 of the level's count.
    const n = f.codes.length;
    const L = f.nLevels;
    const G = new Float64Array(L * L);
    const cnt = new Float64Array(L);
    for (let i = 0; i < n; i++) cnt[f.codes[i]]++;
    const d = new Float64Array(n);
    for (let l = 0; l < L; l++) {
      for (let i = 0; i < n; i++) d[i] = f.codes[i] === l ? 1 : 0;
      const res = demean([d], fes.slice(0, q), { tol: 1e-12 }).cols[0];
      for (let i = 0; i < n; i++) G[f.codes[i] * L + l] += res[i];
    }
    const chol = new Float64Array(L * L);
    const kept: number[] = [];
    const row = new Float64Array(L);
    for (let l = 0; l < L; l++) {
      let ss = G[l * L + l];
      for (const p of kept) {
        let s = (G[l * L + p] + G[p * L + l]) / 2;
        for (const k of kept) {
          if (k >= p) break;
          s -= row[k] * chol[p * L + k];
        }
        row[p] = s / chol[p * L + p];
        ss -= row[p] * row[p];
      }
      if (ss > 1e-8 * cnt[l]) {
        for (const p of kept) chol[l * L + p] = row[p];
        chol[l * L + l] = Math.sqrt(ss);
        kept.push(l);
      }
    }
    per.push(kept.length);
  }
  return { df: per.reduce((a, b) => a + b, 0), perFactor: per, note };
}
