/**
 * Directed or undirected weighted graphs in compressed sparse row (CSR) form.
 *
 * Conventions (those of Gephi when it imports an edge list):
 * - parallel edges u→v are merged into one edge whose weight is the sum of their weights;
 * - self-loops are dropped (Gephi's modularity ignores them and the investment networks exclude same-city
 *   flows); `droppedSelfLoops` says how many were dropped;
 * - an undirected graph stores each unordered pair once in `edges` and twice in the CSR.
 */

export interface EdgeInput {
  source: string;
  target: string;
  /** Defaults to 1. Must be finite and ≥ 0. */
  weight?: number;
}

export interface GraphOptions {
  directed?: boolean;
  /** Extra node ids (isolates) to include, in this order before the ids first seen in the edges. */
  nodes?: readonly string[];
}

export class NetGraph {
  readonly directed: boolean;
  readonly ids: string[];
  readonly index: Map<string, number>;
  /** Out-neighbours (undirected: all neighbours), sorted by node index. */
  readonly outPtr: Int32Array;
  readonly outIdx: Int32Array;
  readonly outW: Float64Array;
  /** In-neighbours (undirected: same arrays as out). */
  readonly inPtr: Int32Array;
  readonly inIdx: Int32Array;
  readonly inW: Float64Array;
  /** Distinct edges (directed: ordered pairs; undirected: unordered pairs). */
  readonly edges: number;
  readonly totalWeight: number;
  readonly droppedSelfLoops: number;

  constructor(init: {
    directed: boolean; ids: string[]; outPtr: Int32Array; outIdx: Int32Array; outW: Float64Array;
    inPtr: Int32Array; inIdx: Int32Array; inW: Float64Array; edges: number; totalWeight: number; droppedSelfLoops: number;
  }) {
    this.directed = init.directed;
    this.ids = init.ids;
    this.index = new Map(init.ids.map((id, i) => [id, i]));
    this.outPtr = init.outPtr;
    this.outIdx = init.outIdx;
    this.outW = init.outW;
    this.inPtr = init.inPtr;
    this.inIdx = init.inIdx;
    this.inW = init.inW;
    this.edges = init.edges;
    this.totalWeight = init.totalWeight;
    this.droppedSelfLoops = init.droppedSelfLoops;
  }

  get n(): number {
    return this.ids.length;
  }
  outDegree(i: number): number {
    return this.outPtr[i + 1] - this.outPtr[i];
  }
  inDegree(i: number): number {
    return this.inPtr[i + 1] - this.inPtr[i];
  }
  outStrength(i: number): number {
    let s = 0;
    for (let p = this.outPtr[i]; p < this.outPtr[i + 1]; p++) s += this.outW[p];
    return s;
  }
  inStrength(i: number): number {
    let s = 0;
    for (let p = this.inPtr[i]; p < this.inPtr[i + 1]; p++) s += this.inW[p];
    return s;
  }
  /** Weight of u→v (0 when absent); binary search in the sorted CSR row. */
  weight(u: number, v: number): number {
    let lo = this.outPtr[u];
    let hi = this.outPtr[u + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = this.outIdx[mid];
      if (x === v) return this.outW[mid];
      if (x < v) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }
  hasEdge(u: number, v: number): boolean {
    return this.weight(u, v) !== 0 || this.hasZeroEdge(u, v);
  }
  private hasZeroEdge(u: number, v: number): boolean {
    for (let p = this.outPtr[u]; p < this.outPtr[u + 1]; p++) if (this.outIdx[p] === v) return true;
    return false;
  }
}

/** Sort (src, dst, w) triples by (src, dst), merge duplicates, and build a CSR. */
function csr(n: number, src: Int32Array, dst: Int32Array, w: Float64Array, m: number): { ptr: Int32Array; idx: Int32Array; wt: Float64Array } {
  const count = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) count[src[e] + 1]++;
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  const pos = count.slice(0, n);
  const idx = new Int32Array(m);
  const wt = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const p = pos[src[e]]++;
    idx[p] = dst[e];
    wt[p] = w[e];
  }
  // Sort each row by target and merge duplicates.
  const outPtr = new Int32Array(n + 1);
  const outIdx: number[] = [];
  const outW: number[] = [];
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    order.length = 0;
    for (let p = count[i]; p < count[i + 1]; p++) order.push(p);
    order.sort((a, b) => idx[a] - idx[b]);
    let last = -1;
    for (const p of order) {
      if (idx[p] === last) outW[outW.length - 1] += wt[p];
      else {
        outIdx.push(idx[p]);
        outW.push(wt[p]);
        last = idx[p];
      }
    }
    outPtr[i + 1] = outIdx.length;
  }
  return { ptr: outPtr, idx: Int32Array.from(outIdx), wt: Float64Array.from(outW) };
}

export function buildGraph(edgeList: readonly EdgeInput[], opts: GraphOptions = {}): NetGraph {
  const directed = opts.directed ?? true;
  const ids: string[] = [];
  const index = new Map<string, number>();
  const id = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = ids.length;
      ids.push(s);
      index.set(s, i);
    }
    return i;
  };
  for (const s of opts.nodes ?? []) id(String(s));
  const m0 = edgeList.length;
  const cap = directed ? m0 : 2 * m0;
  const src = new Int32Array(cap);
  const dst = new Int32Array(cap);
  const w = new Float64Array(cap);
  let m = 0;
  let loops = 0;
  for (const e of edgeList) {
    const wt = e.weight ?? 1;
    if (!Number.isFinite(wt) || wt < 0) throw new RangeError(`network: edge ${e.source}→${e.target} has weight ${wt}; weights must be finite and ≥ 0`);
    const u = id(String(e.source));
    const v = id(String(e.target));
    if (u === v) {
      loops++;
      continue;
    }
    src[m] = u;
    dst[m] = v;
    w[m] = wt;
    m++;
    if (!directed) {
      src[m] = v;
      dst[m] = u;
      w[m] = wt;
      m++;
    }
  }
  const n = ids.length;
  const out = csr(n, src, dst, w, m);
  let total = 0;
  for (let p = 0; p < out.wt.length; p++) total += out.wt[p];
  if (!directed) {
    return new NetGraph({ directed, ids, outPtr: out.ptr, outIdx: out.idx, outW: out.wt, inPtr: out.ptr, inIdx: out.idx, inW: out.wt, edges: out.idx.length / 2, totalWeight: total / 2, droppedSelfLoops: loops });
  }
  const inn = csr(n, dst, src, w, m);
  return new NetGraph({ directed, ids, outPtr: out.ptr, outIdx: out.idx, outW: out.wt, inPtr: inn.ptr, inIdx: inn.idx, inW: inn.wt, edges: out.idx.length, totalWeight: total, droppedSelfLoops: loops });
}

/**
 * The undirected view Gephi uses for modularity: A_ij = w_ij + w_ji (a mutual pair becomes one undirected
 * edge carrying both weights). An undirected graph is returned as is.
 */
export function toUndirected(g: NetGraph): NetGraph {
  if (!g.directed) return g;
  const edges: EdgeInput[] = [];
  for (let u = 0; u < g.n; u++) for (let p = g.outPtr[u]; p < g.outPtr[u + 1]; p++) edges.push({ source: g.ids[u], target: g.ids[g.outIdx[p]], weight: g.outW[p] });
  return buildGraph(edges, { directed: false, nodes: g.ids });
}

/** Dense symmetric or asymmetric weight matrix (row = source). For small graphs (core–periphery). */
export function adjacencyMatrix(g: NetGraph): Float64Array[] {
  const A = Array.from({ length: g.n }, () => new Float64Array(g.n));
  for (let u = 0; u < g.n; u++) for (let p = g.outPtr[u]; p < g.outPtr[u + 1]; p++) A[u][g.outIdx[p]] += g.outW[p];
  return A;
}
