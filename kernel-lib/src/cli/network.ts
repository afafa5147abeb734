/**
 * `regionlab network`: Gephi's indicators, Louvain communities and continuous coreness of an edge list.
 * Register in cli/index.ts FAMILIES as `network: networkFamily`. Bad input exits 2 with one line naming
 * file, row and column.
 */
import { Family, ParsedArgs, UsageError, checkKnown, one, printJson, progressOf, requireConverged, requireFinite } from "./args";
import { DataError } from "../data/errors";
import { expectedNumber, readTable } from "../data/table";
import { continuousCorePeriphery } from "../network/corePeriphery";
import { EdgeInput, buildGraph } from "../network/graph";
import { distances, networkIndicators, nodeDegrees } from "../network/indicators";
import { louvain } from "../network/louvain";

export interface EdgeFileOptions {
  file: string;
  source: string;
  target: string;
  weight?: string;
  directed?: boolean;
  seed?: number;
  /** Gephi's resolution (γ = 1/r). */
  resolution?: number;
  restarts?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Read an edge CSV, failing with file/row/column on an empty endpoint or a bad weight. */
export function readEdgeFile(o: EdgeFileOptions): EdgeInput[] {
  const t = readTable(o.file);
  for (const c of [o.source, o.target, ...(o.weight ? [o.weight] : [])]) t.col(c); // DataError naming the missing column
  const src = t.str(o.source);
  const dst = t.str(o.target);
  const wcol = o.weight ? t.col(o.weight) : undefined;
  const edges: EdgeInput[] = [];
  for (let i = 0; i < t.nRows; i++) {
    if (src[i] === "" || src[i] === "NaN") throw t.cellError(i, o.source, "", "a node id");
    if (dst[i] === "" || dst[i] === "NaN") throw t.cellError(i, o.target, "", "a node id");
    let w = 1;
    if (wcol) {
      const raw = wcol[i];
      w = typeof raw === "number" ? raw : raw.trim() === "" ? NaN : Number(raw);
      if (!Number.isFinite(w) || w < 0) throw t.cellError(i, o.weight!, String(raw), w < 0 ? "a non-negative number (edge weight)" : expectedNumber(String(raw), "a non-negative number (edge weight)"));
    }
    edges.push({ source: src[i], target: dst[i], weight: w });
  }
  if (!edges.length) throw new DataError([{ file: o.file, expected: "at least one edge row" }]);
  return edges;
}

export function analyseEdgeFile(o: EdgeFileOptions) {
  const edges = readEdgeFile(o);
  const g = buildGraph(edges, { directed: o.directed ?? false });
  if (!(g.totalWeight > 0)) {
    const loops = edges.filter((e) => e.source === e.target).length;
    throw new DataError([{ file: o.file, column: o.weight ?? o.source, expected: `at least one edge between two different nodes with a positive weight (found ${edges.length} rows: ${loops} self-loops, which are dropped, and ${edges.length - loops} edges of weight 0)` }]);
  }
  const dist = distances(g);
  const ind = networkIndicators(g, dist);
  const lv = louvain(g, { seed: o.seed ?? 42, resolution: o.resolution, restarts: o.restarts ?? 10, onProgress: o.onProgress });
  requireConverged("Louvain", lv.convergence);
  const cp = continuousCorePeriphery(g);
  const communities: Record<string, number> = {};
  g.ids.forEach((id, i) => (communities[id] = lv.membership[i]));
  return {
    directed: g.directed,
    nodes: ind.nodes,
    edges: ind.edges,
    density: ind.density,
    average_degree: ind.average_degree,
    average_weighted_degree: ind.average_weighted_degree,
    average_clustering: ind.average_clustering,
    average_path_length: ind.average_path_length,
    diameter: ind.diameter,
    modularity: lv.modularity,
    modularity_resolution: lv.modularityResolution,
    resolution: lv.resolution,
    community_count: lv.communities,
    seed: lv.seed,
    restarts: lv.restarts,
    restart_seeds: lv.restartSeeds,
    threads: lv.threads,
    convergence: lv.convergence,
    dropped_self_loops: g.droppedSelfLoops,
    coreness_fit: cp.correlation,
    coreness_converged: cp.converged,
    coreness_iterations: cp.iterations,
    communities,
    nodes_table: nodeDegrees(g).map((r, i) => ({ ...r, coreness: cp.coreness[i], betweenness: dist.betweenness[i], closeness: dist.closeness[i] })),
  };
}

export const networkFamily: Family = {
  summary: "network indicators (Gephi definitions), seeded Louvain communities and coreness of an edge list",
  booleans: ["json", "directed"],
  help: `regionlab network --edges <csv> --source <col> --target <col> [--weight <col>] [--directed] [--seed N]
       [--resolution R] [--restarts K] [--json]

Parallel edges are summed, self-loops dropped. Indicators follow Gephi: average degree E/N (directed) or 2E/N,
average weighted degree W/N (directed) or 2W/N, density E/(N(N-1)) (directed), average clustering (directed:
Gephi's brute force over all N nodes; undirected: over nodes of degree >= 2), average path length over reachable
ordered pairs (unweighted), diameter. Louvain runs on the undirected view (A = W + W^T) with the project's seeded
generator (default seed 42, 10 restarts, best modularity kept; each restart's seed is drawn from the seed's stream
and listed in "restart_seeds"; restarts run on worker threads for graphs of 20,000 edges or more, REGIONLAB_THREADS
sets how many, with the same result); --resolution is Gephi's (gamma = 1/R); "modularity"
is at resolution 1, "modularity_resolution" is Gephi's "Modularity with resolution". Coreness: Borgatti–Everett
continuous model (MINRES), unit length. --json prints { "nodes", "edges", "density", "average_degree",
"average_weighted_degree", "average_clustering", "average_path_length", "modularity", "communities",
"nodes_table": [{ "id", "in_degree", "out_degree", "in_strength", "out_strength", "coreness", ... }], ... }.`,
  run(p, io) {
    checkKnown(p, ["edges", "source", "target", "weight", "directed", "seed", "resolution", "restarts", "json"]);
    const seedS = one(p, "seed");
    const seed = seedS === undefined ? 42 : Number(seedS);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new UsageError(`--seed must be an integer in [0, 2^32 - 1], got "${seedS}"`);
    const resS = one(p, "resolution");
    const resolution = resS === undefined ? undefined : Number(resS);
    if (resolution !== undefined && !(resolution > 0 && Number.isFinite(resolution))) throw new UsageError(`--resolution must be a positive number, got "${resS}"`);
    const rsS = one(p, "restarts");
    const restarts = rsS === undefined ? 10 : Number(rsS);
    if (!Number.isInteger(restarts) || restarts < 1) throw new UsageError(`--restarts must be a positive integer, got "${rsS}"`);
    const bar = progressOf(io, "louvain restarts");
    const out = analyseEdgeFile({
      onProgress: bar.update,
      file: one(p, "edges", true)!, source: one(p, "source", true)!, target: one(p, "target", true)!, weight: one(p, "weight"),
      directed: p.bools.has("directed"), seed, resolution, restarts,
    });
    bar.done();
    requireFinite(out);
    if (p.bools.has("json")) printJson(io, out);
    else {
      const f = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(3));
      io.out(`nodes ${out.nodes}, edges ${out.edges} (${out.directed ? "directed" : "undirected"})`);
      io.out(`average degree ${f(out.average_degree)}, average weighted degree ${f(out.average_weighted_degree)}, density ${f(out.density)}`);
      io.out(`average clustering ${f(out.average_clustering)}, average path length ${f(out.average_path_length)}, diameter ${out.diameter}`);
      io.out(`modularity ${f(out.modularity)} (${out.community_count} communities; resolution ${out.resolution}, seed ${out.seed}, ${out.restarts} restarts)`);
    }
    return 0;
  },
};
