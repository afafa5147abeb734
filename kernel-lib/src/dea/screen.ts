/**
 * Free-disposal (dominance) screen of a reference set, by a sort-based skyline (Sort-Filter-Skyline, Chomicki et
 * al. 2003) instead of all pairs.
 *
 * Row l dominates row k when l ≠ k, x_l ≤ x_k, y_l ≥ y_k, b_l ≤ b_k, and either some comparison is strict or the
 * rows are equal and l comes first in `idx`. This relation is a strict partial order (transitive, acyclic), so:
 * - sorting by (monotone score, then the values lexicographically, then position) puts every dominator before
 *   the rows it dominates, and "dominates" between a row and an earlier one reduces to the weak comparisons;
 * - every dominated row is dominated by an undominated ("kept") one, so comparing each row against the kept rows
 *   found so far decides kept / dominated;
 * - a row dominated by exactly one row is dominated by exactly one kept row s and by no other row; any other
 *   dominator would itself be dominated by s alone, so the second pass only compares rows within the group of
 *   rows whose single kept dominator is s.
 * The output equals the all-pairs definition (asserted in test/dea-screen.test.ts against an all-pairs scan).
 */
import { DeaData, dims } from "./data";

export interface DominanceScreen {
  /** Undominated rows, in idx order. */
  kept: number[];
  /** For a kept row l: the rows dominated by l and by no other row, in idx order. */
  onlyBy: Map<number, number[]>;
}

export function dominanceScreen(d: DeaData, idx: readonly number[]): DominanceScreen {
  const { m, s: ns, q } = dims(d);
  const n = idx.length;
  const w = m + ns + q;
  // v: "smaller is better" values per row (inputs, −outputs, undesirables), row-major, in idx positions
  const v = new Float64Array(n * w);
  for (let a = 0; a < n; a++) {
    const k = idx[a], o = a * w;
    for (let i = 0; i < m; i++) v[o + i] = d.X[k][i];
    for (let r = 0; r < ns; r++) v[o + m + r] = -d.Y[k][r];
    for (let r = 0; r < q; r++) v[o + m + ns + r] = d.B![k][r];
  }
  // monotone score (scale-free: each variable over its mean |value|); weakly decreasing along dominance
  const scale = new Float64Array(w);
  for (let c = 0; c < w; c++) {
    let t = 0;
    for (let a = 0; a < n; a++) t += Math.abs(v[a * w + c]);
    scale[c] = t / n || 1;
  }
  const score = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    let t = 0;
    for (let c = 0; c < w; c++) t += v[a * w + c] / scale[c];
    score[a] = t;
  }
  const order = Int32Array.from({ length: n }, (_, a) => a).sort((a, b) => {
    if (score[a] !== score[b]) return score[a] - score[b];
    for (let c = 0; c < w; c++) if (v[a * w + c] !== v[b * w + c]) return v[a * w + c] - v[b * w + c];
    return a - b;
  });
  /** l (earlier in order) weakly better than k in every variable. */
  const covers = (l: number, k: number) => {
    const ol = l * w, ok = k * w;
    for (let c = 0; c < w; c++) if (v[ol + c] > v[ok + c]) return false;
    return true;
  };
  // pass 1: kept rows, and for dominated rows the number (1 or 2+) of kept dominators and the first
  const sky: number[] = [];
  const keptBy = new Int32Array(n).fill(-1); // single kept dominator; -2: two or more; -1: kept
  for (const a of order) {
    let first = -1, many = false;
    for (let t = 0; t < sky.length; t++) {
      if (!covers(sky[t], a)) continue;
      if (first >= 0) { many = true; break; }
      first = sky[t];
    }
    if (first < 0) sky.push(a);
    else keptBy[a] = many ? -2 : first;
  }
  // pass 2: within each group of rows with one kept dominator, a row dominated by another member has 2+
  const groups = new Map<number, number[]>();
  for (const a of order) {
    const g = keptBy[a];
    if (g < 0) continue;
    let members = groups.get(g);
    if (!members) groups.set(g, (members = []));
    let alone = true;
    for (const l of members) if (covers(l, a)) { alone = false; break; }
    members.push(a);
    if (!alone) keptBy[a] = -2;
  }
  const kept: number[] = [];
  const only = new Map<number, number[]>();
  for (let a = 0; a < n; a++) {
    const g = keptBy[a];
    if (g === -1) kept.push(idx[a]);
    else if (g >= 0) {
      const l = idx[g];
      const list = only.get(l);
      if (list) list.push(idx[a]);
      else only.set(l, [idx[a]]);
    }
  }
  return { kept, onlyBy: only };
}
