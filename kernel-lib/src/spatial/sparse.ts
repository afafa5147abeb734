/**
 * Sparse exact log|I − ρW| by LU factorisation, for the likelihoods of large N.
 *
 * One minimum-degree ordering of the symmetric pattern of W + W' and one symbolic factorisation (the
 * elimination graph of that ordering gives the structure of L and U'), then for each ρ a left-looking numeric
 * LU without pivoting on that fixed structure: log|det| = Σ log|u_jj|. No pivoting is needed: for a nonnegative W
 * and |ρ| below 1/spectral radius, every leading principal submatrix W_k has spectral radius ≤ that of W (Perron–
 * Frobenius), so det(I − ρW_k) = Π(1 − ρλ) > 0 and every pivot is positive; for row-standardised W with |ρ| < 1,
 * I − ρW is moreover row diagonally dominant, which keeps the elimination stable. A pivot that vanishes anyway (a
 * W with negative weights) is an error, never a silent NaN.
 */
import { SpatialWeights } from "./weights";

/** Fill-reducing ordering and the structure of the factors. */
export interface SparseLUPattern {
  n: number;
  /** perm[new] = old unit index; iperm[old] = new. */
  perm: Int32Array;
  iperm: Int32Array;
  /** Column j of L (rows > j, ascending, in the new order); U's row j has the same column indices. */
  colPtr: Int32Array;
  rowIdx: Int32Array;
  /** W's entries in the factor layout: diagonal, or the slot of (i, j) in L (lower) or U (upper). */
  diagW: Float64Array;
  lowSlot: Int32Array;
  lowVal: Float64Array;
  upSlot: Int32Array;
  upVal: Float64Array;
}

/** Binary min-heap of (key, item) with lazy deletion (stale entries are skipped by the caller). */
class MinHeap {
  private keys: number[] = [];
  private items: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(key: number, item: number): void {
    const k = this.keys, it = this.items;
    let i = k.length;
    k.push(key);
    it.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k[p] < key || (k[p] === key && it[p] <= item)) break;
      k[i] = k[p];
      it[i] = it[p];
      i = p;
    }
    k[i] = key;
    it[i] = item;
  }
  pop(): [number, number] {
    const k = this.keys, it = this.items;
    const top: [number, number] = [k[0], it[0]];
    const lk = k.pop()!, li = it.pop()!;
    const n = k.length;
    if (n) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && (k[c + 1] < k[c] || (k[c + 1] === k[c] && it[c + 1] < it[c]))) c++;
        if (lk < k[c] || (lk === k[c] && li <= it[c])) break;
        k[i] = k[c];
        it[i] = it[c];
        i = c;
      }
      k[i] = lk;
      it[i] = li;
    }
    return top;
  }
}

/** Minimum-degree ordering on the elimination graph (ties by unit index), with the resulting fill structure. */
export function sparseLUPattern(w: SpatialWeights): SparseLUPattern {
  const n = w.n;
  const adj: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (let i = 0; i < n; i++)
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) {
      const j = w.col[p];
      if (j !== i) {
        adj[i].add(j);
        adj[j].add(i);
      }
    }
  const heap = new MinHeap();
  for (let i = 0; i < n; i++) heap.push(adj[i].size, i);
  const done = new Uint8Array(n);
  const perm = new Int32Array(n);
  const struct: number[][] = new Array(n);
  let pos = 0;
  while (pos < n) {
    const [deg, v] = heap.pop();
    if (done[v] || deg !== adj[v].size) continue;
    done[v] = 1;
    perm[pos] = v;
    const nb = Array.from(adj[v]);
    struct[pos++] = nb;
    for (const a of nb) {
      const s = adj[a];
      s.delete(v);
      for (const b of nb) if (b !== a) s.add(b);
      heap.push(s.size, a);
    }
    adj[v].clear();
  }
  const iperm = new Int32Array(n);
  for (let k = 0; k < n; k++) iperm[perm[k]] = k;
  const colPtr = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) colPtr[j + 1] = colPtr[j] + struct[j].length;
  const rowIdx = new Int32Array(colPtr[n]);
  for (let j = 0; j < n; j++) {
    const rows = Int32Array.from(struct[j], (o) => iperm[o]).sort();
    rowIdx.set(rows, colPtr[j]);
  }
  // where each entry of W lands in the factors
  const slot = (col: number, row: number): number => {
    let lo = colPtr[col], hi = colPtr[col + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (rowIdx[mid] === row) return mid;
      if (rowIdx[mid] < row) lo = mid + 1;
      else hi = mid - 1;
    }
    throw new Error("sparse LU: entry outside the symbolic structure (internal error)");
  };
  const diagW = new Float64Array(n);
  const lowSlot: number[] = [], lowVal: number[] = [], upSlot: number[] = [], upVal: number[] = [];
  for (let r = 0; r < n; r++)
    for (let p = w.rowPtr[r]; p < w.rowPtr[r + 1]; p++) {
      const i = iperm[r], j = iperm[w.col[p]], v = w.val[p];
      if (i === j) diagW[i] += v;
      else if (i > j) {
        lowSlot.push(slot(j, i));
        lowVal.push(v);
      } else {
        upSlot.push(slot(i, j));
        upVal.push(v);
      }
    }
  return {
    n, perm, iperm, colPtr, rowIdx, diagW,
    lowSlot: Int32Array.from(lowSlot), lowVal: Float64Array.from(lowVal),
    upSlot: Int32Array.from(upSlot), upVal: Float64Array.from(upVal),
  };
}

/** Numeric LU of I − ρW on a fixed structure: L (unit lower, by columns), U (by rows), pivots. */
export interface SparseLU {
  pattern: SparseLUPattern;
  L: Float64Array;
  U: Float64Array;
  pivots: Float64Array;
}

export class PivotBreakdown extends Error {}

/** Left-looking LU without pivoting (linked lists of the columns that update each row, George & Liu 1981). */
export function factorIminusRhoW(pat: SparseLUPattern, rho: number, work?: { L: Float64Array; U: Float64Array; pivots: Float64Array }): SparseLU {
  const { n, colPtr, rowIdx } = pat;
  const nnz = colPtr[n];
  const L = work?.L ?? new Float64Array(nnz);
  const U = work?.U ?? new Float64Array(nnz);
  const piv = work?.pivots ?? new Float64Array(n);
  // A's entries in place: L slots hold a_ij (i > j), U slots a_ji; the pivots a_jj
  L.fill(0);
  U.fill(0);
  for (let j = 0; j < n; j++) piv[j] = 1 - rho * pat.diagW[j];
  for (let q = 0; q < pat.lowSlot.length; q++) L[pat.lowSlot[q]] -= rho * pat.lowVal[q];
  for (let q = 0; q < pat.upSlot.length; q++) U[pat.upSlot[q]] -= rho * pat.upVal[q];
  const xl = new Float64Array(n);
  const xu = new Float64Array(n);
  const head = new Int32Array(n).fill(-1);
  const link = new Int32Array(n);
  const next = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const c0 = colPtr[j], c1 = colPtr[j + 1];
    for (let p = c0; p < c1; p++) {
      xl[rowIdx[p]] = L[p];
      xu[rowIdx[p]] = U[p];
    }
    let d = piv[j];
    let k = head[j];
    while (k !== -1) {
      const nk = link[k];
      const p = next[k];
      const lk = L[p], uk = U[p]; // l_jk and u_kj
      d -= lk * uk;
      const e = colPtr[k + 1];
      for (let q = p + 1; q < e; q++) {
        const i = rowIdx[q];
        xl[i] -= L[q] * uk;
        xu[i] -= lk * U[q];
      }
      if (p + 1 < e) {
        next[k] = p + 1;
        const r = rowIdx[p + 1];
        link[k] = head[r];
        head[r] = k;
      }
      k = nk;
    }
    if (!(Math.abs(d) > 1e-12)) throw new PivotBreakdown(`sparse LU of I − ρW: pivot ${d} at unit ${pat.perm[j] + 1} for ρ = ${rho}; use the eigenvalue log-determinant`);
    piv[j] = d;
    for (let p = c0; p < c1; p++) {
      const i = rowIdx[p];
      L[p] = xl[i] / d;
      U[p] = xu[i];
      xl[i] = 0;
      xu[i] = 0;
    }
    if (c0 < c1) {
      next[j] = c0;
      const r = rowIdx[c0];
      link[j] = head[r];
      head[r] = j;
    }
  }
  return { pattern: pat, L, U, pivots: piv };
}

/** log|det(I − ρW)| from the pivots. */
export function luLogAbsDet(f: SparseLU): number {
  let s = 0;
  for (let j = 0; j < f.pivots.length; j++) s += Math.log(Math.abs(f.pivots[j]));
  return s;
}

/**
 * Solve for B right-hand sides at once, stored interleaved (x[i·B + b], original unit order): one pass over the
 * factors serves all of them. `transposed` solves (I − ρW)' X = RHS.
 */
export function luSolveBlock(f: SparseLU, rhs: Float64Array, B: number, transposed = false): Float64Array {
  const { n, perm, colPtr, rowIdx } = f.pattern;
  const z = new Float64Array(n * B);
  for (let k = 0; k < n; k++) for (let b = 0; b < B; b++) z[k * B + b] = rhs[perm[k] * B + b];
  const first = transposed ? f.U : f.L;
  const second = transposed ? f.L : f.U;
  for (let j = 0; j < n; j++) {
    const o = j * B;
    if (transposed) for (let b = 0; b < B; b++) z[o + b] /= f.pivots[j];
    for (let p = colPtr[j]; p < colPtr[j + 1]; p++) {
      const v = first[p], oi = rowIdx[p] * B;
      for (let b = 0; b < B; b++) z[oi + b] -= v * z[o + b];
    }
  }
  for (let j = n - 1; j >= 0; j--) {
    const o = j * B;
    for (let p = colPtr[j]; p < colPtr[j + 1]; p++) {
      const v = second[p], oi = rowIdx[p] * B;
      for (let b = 0; b < B; b++) z[o + b] -= v * z[oi + b];
    }
    if (!transposed) for (let b = 0; b < B; b++) z[o + b] /= f.pivots[j];
  }
  const x = new Float64Array(n * B);
  for (let k = 0; k < n; k++) for (let b = 0; b < B; b++) x[perm[k] * B + b] = z[k * B + b];
  return x;
}
