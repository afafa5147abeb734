/**
 * Louvain community detection (Blondel et al. 2008) and exact modularity, on weighted graphs as Gephi treats
 * them: a directed graph is read undirected with A_ij = w_ij + w_ji, self-loops dropped.
 *
 * Resolution. The standard (Reichardt–Bornholdt) form, used by igraph `cluster_louvain(resolution = γ)` and
 * networkx `louvain_communities(resolution = γ)`, is
 *   Q_γ = Σ_c [ Σin_c / 2m − γ (tot_c / 2m)² ]      (higher γ → more, smaller communities).
 * Gephi's Modularity statistic takes a "resolution" r (Lambiotte et al. 2009) that multiplies the edge term:
 *   Q_Gephi(r) = Σ_c [ r · Σin_c / 2m − (tot_c / 2m)² ] = r · Q_{1/r}   (higher r → fewer, larger communities),
 * so Gephi's r is the standard γ = 1/r. Gephi prints "Modularity" at r = 1 (our `modularity`) and "Modularity
 * with resolution" (our `modularityResolution`).
 *
 * Randomness comes only from the project's seeded Rng (node visiting order); `restarts` runs keep the best Q_γ.
 * Each restart has its own seed, drawn up front from the one stream, so restarts can run on worker threads
 * (core/parallel) and give the same partitions, bit for bit, whatever the number of threads.
 */
import { Rng, createRng } from "../rng";
import { NetGraph, toUndirected } from "./graph";
import { Convergence } from "../data/report";
import { ParallelTask, parallelMap, resolveThreads } from "../core/parallel";

/** The adjacency a restart needs (an undirected graph's CSR arrays), as sent to a worker thread. */
type Adjacency = Pick<NetGraph, "n" | "outPtr" | "outIdx" | "outW">;

interface Level {
  n: number;
  ptr: Int32Array;
  idx: Int32Array;
  w: Float64Array;
  /** Self-loop mass A_ii (sum over ordered pairs of merged nodes, i.e. twice the internal edge weight). */
  self: Float64Array;
}

function levelFromGraph(u: Adjacency): Level {
  return { n: u.n, ptr: u.outPtr, idx: u.outIdx, w: u.outW, self: new Float64Array(u.n) };
}

/** One phase of local moving; returns the community of each node (0..k−1 renumbered) and whether anything moved. */
function localMoving(L: Level, gamma: number, rng: Rng, twoM: number, init?: Int32Array): { comm: Int32Array; k: number; moved: boolean } {
  const { n, ptr, idx, w, self } = L;
  const comm = new Int32Array(n);
  const tot = new Float64Array(n);
  const deg = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    comm[i] = init ? init[i] : i;
    let s = self[i];
    for (let p = ptr[i]; p < ptr[i + 1]; p++) s += w[p];
    deg[i] = s;
    tot[comm[i]] += s;
  }
  const order = rng.permutation(n);
  const linkW = new Float64Array(n);
  const linkC = new Int32Array(n);
  const seen = new Int32Array(n).fill(-1);
  let moved = false;
  let improved = true;
  let sweeps = 0;
  while (improved) {
    improved = false;
    sweeps++;
    for (let oi = 0; oi < n; oi++) {
      const i = order[oi];
      const ci = comm[i];
      const ki = deg[i];
      // weights from i to each neighbouring community
      let nc = 0;
      seen[ci] = i;
      linkC[nc++] = ci;
      linkW[ci] = 0;
      for (let p = ptr[i]; p < ptr[i + 1]; p++) {
        const c = comm[idx[p]];
        if (seen[c] !== i) {
          seen[c] = i;
          linkC[nc++] = c;
          linkW[c] = 0;
        }
        linkW[c] += w[p];
      }
      tot[ci] -= ki;
      const scale = (gamma * ki) / twoM;
      let best = ci;
      let bestGain = linkW[ci] - scale * tot[ci];
      for (let q = 1; q < nc; q++) {
        const c = linkC[q];
        const gain = linkW[c] - scale * tot[c];
        if (gain > bestGain + 1e-12 * Math.abs(bestGain) + 1e-300) {
          bestGain = gain;
          best = c;
        }
      }
      tot[best] += ki;
      if (best !== ci) {
        comm[i] = best;
        improved = true;
        moved = true;
      }
    }
    if (sweeps > 1000) break;
  }
  // renumber
  const map = new Int32Array(n).fill(-1);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (map[comm[i]] < 0) map[comm[i]] = k++;
    comm[i] = map[comm[i]];
  }
  return { comm, k, moved };
}

function aggregate(L: Level, comm: Int32Array, k: number): Level {
  const { n, ptr, idx, w, self } = L;
  const newSelf = new Float64Array(k);
  // bucket nodes by community
  const cptr = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) cptr[comm[i] + 1]++;
  for (let c = 0; c < k; c++) cptr[c + 1] += cptr[c];
  const pos = cptr.slice(0, k);
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) members[pos[comm[i]]++] = i;
  const acc = new Float64Array(k);
  const seen = new Int32Array(k).fill(-1);
  const list = new Int32Array(k);
  const nptr = new Int32Array(k + 1);
  const nidx: number[] = [];
  const nw: number[] = [];
  for (let c = 0; c < k; c++) {
    let cnt = 0;
    for (let q = cptr[c]; q < cptr[c + 1]; q++) {
      const i = members[q];
      newSelf[c] += self[i];
      for (let p = ptr[i]; p < ptr[i + 1]; p++) {
        const d = comm[idx[p]];
        if (d === c) {
          newSelf[c] += w[p];
          continue;
        }
        if (seen[d] !== c) {
          seen[d] = c;
          acc[d] = 0;
          list[cnt++] = d;
        }
        acc[d] += w[p];
      }
    }
    const row = Array.from(list.subarray(0, cnt)).sort((a, b) => a - b);
    for (const d of row) {
      nidx.push(d);
      nw.push(acc[d]);
    }
    nptr[c + 1] = nidx.length;
  }
  return { n: k, ptr: nptr, idx: Int32Array.from(nidx), w: Float64Array.from(nw), self: newSelf };
}

export interface LouvainOptions {
  /** Standard resolution γ (igraph, networkx). Default 1. Give either gamma or resolution. */
  gamma?: number;
  /** Gephi's resolution r (γ = 1/r). */
  resolution?: number;
  /** Seed for the project Rng (default 42). */
  seed?: number;
  /** Independent runs from one seeded stream; the partition with the highest Q_γ is kept. Default 10. */
  restarts?: number;
  /** Pass your own generator instead of a seed. */
  rng?: Rng;
  /** Called after each restart (restarts done, restarts in all). */
  onProgress?: (done: number, total: number) => void;
  /** Threads for the restarts, the calling one included (default: the cores, but one for graphs under 20,000 edges). */
  threads?: number;
}

export interface LouvainResult {
  /** Community of each node (graph order), numbered 0.. by decreasing size (ties: first node). */
  membership: Int32Array;
  communities: number;
  /** Standard modularity at γ = 1 (Gephi's "Modularity"). */
  modularity: number;
  /** Q_γ at the γ used (= modularity when γ = 1). */
  modularityGamma: number;
  /** Gephi's "Modularity with resolution": r · Q_{1/r}. */
  modularityResolution: number;
  gamma: number;
  resolution: number;
  seed: number | null;
  restarts: number;
  /** Q_γ of every restart, in order. */
  runs: number[];
  /** The seed of each restart (drawn in order from the stream of `seed`). */
  restartSeeds: number[];
  /** Threads the restarts ran on. */
  threads: number;
  /** Every restart stopped because no node moved (iterations = aggregation levels over all restarts). */
  convergence: Convergence;
}

const MAX_LEVELS = 100;

/**
 * One Louvain run: local moving and aggregation until nothing moves, then multilevel refinement (Rotta &
 * Noack 2011): the final partition is projected back down the hierarchy and local moving is repeated at every
 * level starting from it, which can only raise Q_γ.
 */
function louvainOnce(u: Adjacency, gamma: number, rng: Rng): { membership: Int32Array; levels: number; converged: boolean } {
  let L = levelFromGraph(u);
  let twoM = 0;
  for (let p = 0; p < L.w.length; p++) twoM += L.w[p];
  const membership = new Int32Array(u.n);
  for (let i = 0; i < u.n; i++) membership[i] = i;
  if (twoM === 0) return { membership, levels: 0, converged: true };
  const levels: Level[] = [];
  const maps: Int32Array[] = [];
  let converged = false;
  for (let level = 0; level < MAX_LEVELS; level++) {
    const { comm, k, moved } = localMoving(L, gamma, rng, twoM);
    if (!moved) {
      converged = true;
      break;
    }
    levels.push(L);
    maps.push(comm);
    if (k === L.n) {
      converged = true;
      break;
    }
    L = aggregate(L, comm, k);
  }
  if (!levels.length) return { membership, levels: 0, converged };
  // community of each node of every level in the final partition, top level first
  let top: Int32Array = maps[maps.length - 1];
  for (let l = levels.length - 1; l >= 0; l--) {
    if (l < levels.length - 1) {
      const proj = new Int32Array(levels[l].n);
      for (let i = 0; i < proj.length; i++) proj[i] = top[maps[l][i]];
      top = proj;
    }
    top = localMoving(levels[l], gamma, rng, twoM, top).comm;
  }
  return { membership: top, levels: levels.length, converged };
}

/** Renumber communities by decreasing size, ties by first member. */
function canonical(m: Int32Array): { membership: Int32Array; k: number } {
  const size = new Map<number, number>();
  const first = new Map<number, number>();
  m.forEach((c, i) => {
    size.set(c, (size.get(c) ?? 0) + 1);
    if (!first.has(c)) first.set(c, i);
  });
  const order = [...size.keys()].sort((a, b) => size.get(b)! - size.get(a)! || first.get(a)! - first.get(b)!);
  const map = new Map(order.map((c, i) => [c, i]));
  return { membership: Int32Array.from(m, (c) => map.get(c)!), k: order.length };
}

/** Below this many edges a restart is too short to be worth a worker thread. */
const MIN_EDGES_FOR_THREADS = 20000;

interface RestartPayload extends Adjacency {
  gamma: number;
  seeds: number[];
}

/** Restart i from its own seed (core/parallel builds this on every thread from the same payload). */
export function makeLouvainRestart(p: RestartPayload): (i: number) => { membership: Int32Array; levels: number; converged: boolean; q: number } {
  return (i) => {
    const once = louvainOnce(p, p.gamma, new Rng(p.seeds[i]));
    return { ...once, q: modularityOf(p, once.membership, p.gamma) };
  };
}

const louvainRestarts: ParallelTask<RestartPayload, ReturnType<ReturnType<typeof makeLouvainRestart>>> = { module: "network/louvain", name: "makeLouvainRestart", make: makeLouvainRestart };

export function louvain(g: NetGraph, opts: LouvainOptions = {}): LouvainResult {
  if (opts.gamma !== undefined && opts.resolution !== undefined) throw new RangeError("louvain: give gamma (standard) or resolution (Gephi), not both");
  const gamma = opts.gamma ?? (opts.resolution !== undefined ? 1 / opts.resolution : 1);
  if (!(gamma > 0) || !Number.isFinite(gamma)) throw new RangeError(`louvain: resolution must be a positive number, got γ = ${gamma}`);
  const restarts = opts.restarts ?? 10;
  if (!Number.isInteger(restarts) || restarts < 1) throw new RangeError(`louvain: restarts must be a positive integer, got ${restarts}`);
  const seed = opts.rng ? null : opts.seed ?? 42;
  const rng = opts.rng ?? createRng(seed!, "louvain");
  const u = toUndirected(g);
  const restartSeeds = Array.from({ length: restarts }, () => rng.uint32());
  const threads = opts.threads === undefined && u.outIdx.length < 2 * MIN_EDGES_FOR_THREADS ? 1 : resolveThreads(opts.threads, "louvain");
  const payload: RestartPayload = { n: u.n, outPtr: u.outPtr, outIdx: u.outIdx, outW: u.outW, gamma, seeds: restartSeeds };
  const done = parallelMap(louvainRestarts, payload, restarts, { threads, onProgress: opts.onProgress });
  let best: Int32Array | null = null;
  let bestQ = -Infinity;
  const runs: number[] = [];
  let levels = 0;
  let unconverged = 0;
  for (const once of done) {
    levels += once.levels;
    if (!once.converged) unconverged++;
    runs.push(once.q);
    if (once.q > bestQ + 1e-12) {
      bestQ = once.q;
      best = once.membership;
    }
  }
  const { membership, k } = canonical(best!);
  const q1 = gamma === 1 ? bestQ : modularity(u, membership);
  const r = 1 / gamma;
  return {
    membership,
    communities: k,
    modularity: q1,
    modularityGamma: bestQ,
    modularityResolution: r * bestQ,
    gamma,
    resolution: r,
    seed,
    restarts,
    runs,
    restartSeeds,
    threads: Math.min(threads, restarts),
    convergence: unconverged
      ? { ok: false, iterations: levels, message: `${unconverged} of ${restarts} restarts still moved nodes after ${MAX_LEVELS} aggregation levels` }
      : { ok: true, iterations: levels, message: `every restart stopped when no node moved (${levels} aggregation levels in all)` },
  };
}

/**
 * Exact modularity Q_γ = Σ_c [Σin_c/2m − γ (tot_c/2m)²] of a partition; a directed graph is symmetrised
 * (A = W + Wᵀ) as Gephi does, which equals igraph `modularity(as.undirected(g, "collapse", sum), ...)`,
 * not igraph's directed modularity (Leicht–Newman) `modularity(g, directed = TRUE)`.
 */
export function modularity(g: NetGraph, membership: ArrayLike<number>, opts: { gamma?: number } = {}): number {
  const u = toUndirected(g);
  if (membership.length !== u.n) throw new RangeError(`modularity: membership has ${membership.length} entries for ${u.n} nodes`);
  return modularityOf(u, membership, opts.gamma ?? 1);
}

function modularityOf(u: Adjacency, membership: ArrayLike<number>, gamma: number): number {
  const inW = new Map<number, number>();
  const tot = new Map<number, number>();
  let twoM = 0;
  for (let i = 0; i < u.n; i++) {
    const ci = membership[i];
    for (let p = u.outPtr[i]; p < u.outPtr[i + 1]; p++) {
      const wt = u.outW[p];
      twoM += wt;
      tot.set(ci, (tot.get(ci) ?? 0) + wt);
      if (membership[u.outIdx[p]] === ci) inW.set(ci, (inW.get(ci) ?? 0) + wt);
    }
  }
  if (twoM === 0) return NaN;
  let q = 0;
  for (const [c, t] of tot) q += (inW.get(c) ?? 0) / twoM - gamma * (t / twoM) ** 2;
  return q;
}
