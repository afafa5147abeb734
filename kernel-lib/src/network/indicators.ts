/**
 * Whole-network and node indicators with Gephi 0.9/0.10's definitions (StatisticsPlugin: Degree,
 * WeightedDegree, GraphDensity, ClusteringCoefficient, GraphDistance). Where igraph and networkx differ,
 * the difference is stated next to the function and tested in test/network-indicators.test.ts.
 */
import { NetGraph } from "./graph";

export interface NodeRow {
  id: string;
  in_degree: number;
  out_degree: number;
  in_strength: number;
  out_strength: number;
}

/** In/out degree (distinct neighbours) and in/out strength (summed weights). Undirected: in = out. */
export function nodeDegrees(g: NetGraph): NodeRow[] {
  return g.ids.map((id, i) => ({ id, in_degree: g.inDegree(i), out_degree: g.outDegree(i), in_strength: g.inStrength(i), out_strength: g.outStrength(i) }));
}

/**
 * Gephi "Average Degree": directed E/N (mean in-degree = mean out-degree, as Gephi prints it), undirected 2E/N.
 * Gephi "Average Weighted Degree": directed W/N, undirected 2W/N (W = total edge weight).
 */
export function averageDegree(g: NetGraph): number {
  return g.n ? ((g.directed ? 1 : 2) * g.edges) / g.n : 0;
}
export function averageWeightedDegree(g: NetGraph): number {
  return g.n ? ((g.directed ? 1 : 2) * g.totalWeight) / g.n : 0;
}
/** Gephi "Graph Density": directed E/(N(N−1)), undirected 2E/(N(N−1)); unweighted. Same as networkx.density. */
export function density(g: NetGraph): number {
  return g.n > 1 ? ((g.directed ? 1 : 2) * g.edges) / (g.n * (g.n - 1)) : 0;
}

/** Sorted distinct neighbours (in ∪ out) of every node, as Int32Array rows of a CSR. */
function neighbourSets(g: NetGraph): { ptr: Int32Array; idx: Int32Array } {
  if (!g.directed) return { ptr: g.outPtr, idx: g.outIdx };
  const ptr = new Int32Array(g.n + 1);
  const rows: number[] = [];
  for (let i = 0; i < g.n; i++) {
    let a = g.outPtr[i];
    let b = g.inPtr[i];
    const ae = g.outPtr[i + 1];
    const be = g.inPtr[i + 1];
    while (a < ae || b < be) {
      const x = a < ae ? g.outIdx[a] : Infinity;
      const y = b < be ? g.inIdx[b] : Infinity;
      if (x === y) {
        rows.push(x);
        a++;
        b++;
      } else if (x < y) {
        rows.push(x);
        a++;
      } else {
        rows.push(y);
        b++;
      }
    }
    ptr[i + 1] = rows.length;
  }
  return { ptr, idx: Int32Array.from(rows) };
}

export interface ClusteringResult {
  /** Per-node coefficient; NaN where the node has fewer than two distinct neighbours. */
  local: Float64Array;
  /** Average as Gephi prints it (see `clustering`). */
  average: number;
  /** Mean over all nodes with NaN counted as 0 (networkx `average_clustering`). */
  averageZeros: number;
  /** Mean over nodes with ≥ 2 neighbours (igraph `transitivity(type = "average")`). */
  averageDefined: number;
}

/**
 * Local clustering coefficients.
 *
 * `mode: "gephi"` (default) follows the graph's directedness as Gephi does:
 * - directed graph (Gephi's brute-force algorithm): k_i = number of distinct neighbours (in ∪ out), e_i =
 *   number of directed edges among them, C_i = e_i / (k_i (k_i − 1)); the average divides by ALL N nodes
 *   (nodes with k_i < 2 count as 0). This is not networkx's directed clustering (Fagiolo 2007), which counts
 *   directed triangles through i with reciprocal edges counted separately.
 * - undirected graph (Latapy's triangle algorithm): C_i = 2 T_i / (k_i (k_i − 1)); the average is over nodes
 *   with k_i ≥ 2 only (as igraph's default), not over all N (networkx).
 * `mode: "undirected"` computes the undirected, unweighted projection's coefficients whatever the graph.
 */
export function clustering(g: NetGraph, mode: "gephi" | "undirected" = "gephi"): ClusteringResult {
  const nb = neighbourSets(g);
  const n = g.n;
  const local = new Float64Array(n).fill(NaN);
  const mark = new Int32Array(n).fill(-1);
  const directedCount = g.directed && mode === "gephi";
  for (let i = 0; i < n; i++) {
    const k = nb.ptr[i + 1] - nb.ptr[i];
    if (k < 2) continue;
    for (let p = nb.ptr[i]; p < nb.ptr[i + 1]; p++) mark[nb.idx[p]] = i;
    let e = 0;
    for (let p = nb.ptr[i]; p < nb.ptr[i + 1]; p++) {
      const j = nb.idx[p];
      if (directedCount) {
        for (let q = g.outPtr[j]; q < g.outPtr[j + 1]; q++) if (mark[g.outIdx[q]] === i) e++;
      } else {
        for (let q = nb.ptr[j]; q < nb.ptr[j + 1]; q++) if (mark[nb.idx[q]] === i) e++;
      }
    }
    // Undirected: every edge among neighbours was seen from both ends, e = 2T and C = 2T/(k(k−1)) = e/(k(k−1)).
    local[i] = e / (k * (k - 1));
  }
  let sum = 0;
  let defined = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(local[i])) {
    sum += local[i];
    defined++;
  }
  const averageZeros = n ? sum / n : 0;
  const averageDefined = defined ? sum / defined : 0;
  const average = g.directed && mode === "gephi" ? averageZeros : averageDefined;
  return { local, average, averageZeros, averageDefined };
}

export interface DistanceResult {
  /** Mean hop distance over ordered pairs (u, v), u ≠ v, with a path u → v (Gephi, igraph `mean_distance(unconnected = TRUE)`). */
  averagePathLength: number;
  /** Longest finite shortest path (Gephi, igraph `diameter(unconnected = TRUE)`). */
  diameter: number;
  /** Smallest eccentricity among nodes that reach someone (Gephi's radius). */
  radius: number;
  reachablePairs: number;
  /** Brandes betweenness, unweighted; directed not normalised as Gephi; undirected halved as Gephi and igraph. */
  betweenness: Float64Array;
  /** Gephi closeness: (number of nodes reachable from i) / (sum of distances to them); 0 if none. */
  closeness: Float64Array;
  /** Gephi harmonic closeness: Σ 1/d(i, v) over reachable v, divided by the number reachable (not by N − 1). */
  harmonicCloseness: Float64Array;
  eccentricity: Float64Array;
  /** Number of nodes reachable from each node (itself excluded). */
  reachable: Int32Array;
}

/**
 * Gephi's GraphDistance: one breadth-first search per node along out-edges (all edges when undirected),
 * unweighted, with Brandes' accumulation for betweenness.
 */
export function distances(g: NetGraph, opts: { normalizedBetweenness?: boolean } = {}): DistanceResult {
  const n = g.n;
  const betweenness = new Float64Array(n);
  const closeness = new Float64Array(n);
  const harmonic = new Float64Array(n);
  const ecc = new Float64Array(n);
  const reachable = new Int32Array(n);
  const d = new Int32Array(n);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const stack = new Int32Array(n);
  let sumDist = 0;
  let pairs = 0;
  let diameter = 0;
  let radius = Infinity;
  const { outPtr, outIdx } = g;
  for (let s = 0; s < n; s++) {
    d.fill(-1);
    sigma.fill(0);
    delta.fill(0);
    d[s] = 0;
    sigma[s] = 1;
    let head = 0;
    let tail = 0;
    stack[tail++] = s; // the BFS queue doubles as Brandes' stack (visit order)
    let sd = 0;
    let reach = 0;
    let inv = 0;
    let e = 0;
    while (head < tail) {
      const v = stack[head++];
      const dv = d[v];
      if (dv > 0) {
        sd += dv;
        reach++;
        inv += 1 / dv;
        if (dv > e) e = dv;
      }
      for (let p = outPtr[v]; p < outPtr[v + 1]; p++) {
        const w = outIdx[p];
        if (d[w] < 0) {
          d[w] = dv + 1;
          stack[tail++] = w;
        }
        if (d[w] === dv + 1) sigma[w] += sigma[v];
      }
    }
    for (let k = tail - 1; k > 0; k--) {
      const w = stack[k];
      const coeff = (1 + delta[w]) / sigma[w];
      // predecessors of w: in-neighbours (directed) at distance d[w] − 1
      const ptr = g.inPtr;
      const idx = g.inIdx;
      for (let p = ptr[w]; p < ptr[w + 1]; p++) {
        const v = idx[p];
        if (d[v] === d[w] - 1) delta[v] += sigma[v] * coeff;
      }
      betweenness[w] += delta[w];
    }
    sumDist += sd;
    pairs += reach;
    ecc[s] = e;
    reachable[s] = reach;
    if (e > diameter) diameter = e;
    if (reach > 0 && e < radius) radius = e;
    closeness[s] = reach > 0 && sd > 0 ? reach / sd : 0;
    harmonic[s] = reach > 0 ? inv / reach : 0;
  }
  if (!g.directed) for (let i = 0; i < n; i++) betweenness[i] /= 2;
  if (opts.normalizedBetweenness && n > 2) {
    const f = ((n - 1) * (n - 2)) / (g.directed ? 1 : 2);
    for (let i = 0; i < n; i++) betweenness[i] /= f;
  }
  return {
    averagePathLength: pairs ? sumDist / pairs : 0,
    diameter,
    radius: Number.isFinite(radius) ? radius : 0,
    reachablePairs: pairs,
    betweenness,
    closeness,
    harmonicCloseness: harmonic,
    eccentricity: ecc,
    reachable,
  };
}

export interface NetworkIndicators {
  nodes: number;
  edges: number;
  average_degree: number;
  average_weighted_degree: number;
  density: number;
  average_clustering: number;
  average_path_length: number;
  diameter: number;
}

/** Table 3 of the paper: all of Gephi's whole-network indicators in one call. */
export function networkIndicators(g: NetGraph, dist: DistanceResult = distances(g)): NetworkIndicators {
  return {
    nodes: g.n,
    edges: g.edges,
    average_degree: averageDegree(g),
    average_weighted_degree: averageWeightedDegree(g),
    density: density(g),
    average_clustering: clustering(g).average,
    average_path_length: dist.averagePathLength,
    diameter: dist.diameter,
  };
}
