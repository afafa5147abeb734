import { describe, expect, it } from "vitest";
import * as fs from "fs";
import * as path from "path";
import { NetGraph, buildGraph, clustering, distances, networkIndicators, nodeDegrees } from "../kernel-lib/src/network";
import { readEdgeFile } from "../kernel-lib/src/cli/network";

const readEdgeFileForTest = (file: string) => readEdgeFile({ file, source: "source", target: "target", weight: "weight" });

// Expected numbers: test/reference/network/networkx_expected.py (networkx) and igraph_expected.R (igraph),
// on the seeded graphs of make_graphs.py and Zachary's karate club. Nothing comes from our own code.
const REF = path.join(__dirname, "reference", "network");
const nx = JSON.parse(fs.readFileSync(path.join(REF, "expected_networkx.json"), "utf8"));
const ig = JSON.parse(fs.readFileSync(path.join(REF, "expected_igraph.json"), "utf8"));
const GRAPHS: Record<string, boolean> = { rand60: true, invest150: true, rand300: true, karate: false, small12: true };

const load = (name: string): NetGraph => buildGraph(readEdgeFileForTest(path.join(REF, `${name}.csv`)), { directed: GRAPHS[name] });
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe.each(Object.keys(GRAPHS))("indicators on %s against networkx and igraph", (name) => {
  const g = load(name);
  const d = distances(g);
  const ind = networkIndicators(g, d);
  const X = nx[name];
  const I = ig[name];

  it("nodes, edges, density (exact); average degree E/N directed, 2E/N undirected", () => {
    expect(ind.nodes).toBe(X.nodes);
    expect(ind.edges).toBe(X.edges);
    expect(ind.density).toBeCloseTo(X.density, 14);
    expect(ind.density).toBeCloseTo(I.density, 14);
    expect(ind.average_degree).toBeCloseTo(((g.directed ? 1 : 2) * X.edges) / X.nodes, 14);
    expect(ind.average_weighted_degree).toBeCloseTo(((g.directed ? 1 : 2) * X.total_weight) / X.nodes, 10);
  });

  it("in/out degree and strength per node (networkx, 1e-9)", () => {
    for (const r of nodeDegrees(g)) {
      if (g.directed) {
        expect(r.in_degree).toBe(X.in_degree[r.id]);
        expect(r.out_degree).toBe(X.out_degree[r.id]);
        expect(rel(r.in_strength, X.in_strength[r.id])).toBeLessThan(1e-9);
        expect(rel(r.out_strength, X.out_strength[r.id])).toBeLessThan(1e-9);
      } else {
        expect(r.out_degree).toBe(X.degree[r.id]);
        expect(rel(r.out_strength, X.strength[r.id])).toBeLessThan(1e-9);
      }
    }
  });

  it("average path length over reachable ordered pairs and diameter (igraph mean_distance(unconnected = TRUE), networkx; 1e-12)", () => {
    expect(d.reachablePairs).toBe(X.reachable_pairs);
    expect(rel(d.averagePathLength, I.mean_distance)).toBeLessThan(1e-12);
    expect(rel(d.averagePathLength, X.average_path_length_reachable)).toBeLessThan(1e-12);
    expect(d.diameter).toBe(I.diameter);
    expect(d.diameter).toBe(X.diameter);
  });

  it("betweenness: Brandes, unweighted, not normalised (igraph and networkx, 1e-9)", () => {
    g.ids.forEach((id, i) => {
      expect(rel(d.betweenness[i], I.betweenness[id])).toBeLessThan(1e-9);
      expect(rel(d.betweenness[i], X.betweenness[id])).toBeLessThan(1e-9);
    });
  });

  it("closeness as Gephi: reachable / Σ out-distances (igraph normalized = TRUE; networkx on the reversed graph, wf_improved = FALSE)", () => {
    g.ids.forEach((id, i) => {
      expect(rel(d.closeness[i], I.closeness[id])).toBeLessThan(1e-12);
      expect(rel(d.closeness[i], X.closeness_gephi[id])).toBeLessThan(1e-12);
    });
  });

  it("harmonic closeness: Gephi divides networkx's Σ 1/d by the number of reachable nodes (1e-12)", () => {
    g.ids.forEach((id, i) => expect(d.harmonicCloseness[i] * d.reachable[i]).toBeCloseTo(X.harmonic_sum[id], 12));
  });

  it("undirected-projection clustering per node equals igraph transitivity(localundirected) and networkx clustering (1e-12)", () => {
    const c = clustering(g, "undirected");
    g.ids.forEach((id, i) => {
      const igv = I.clustering_local[id];
      if (igv === -1) expect(Number.isNaN(c.local[i])).toBe(true);
      else expect(c.local[i]).toBeCloseTo(igv, 12);
      expect(Number.isNaN(c.local[i]) ? 0 : c.local[i]).toBeCloseTo(X.clustering_undirected_local[id], 12);
    });
    // networkx averages over all nodes (zeros included); igraph's default only over degree ≥ 2.
    expect(c.averageZeros).toBeCloseTo(X.average_clustering_undirected_zeros, 12);
    expect(c.averageZeros).toBeCloseTo(I.avg_clustering_zero, 12);
    expect(c.averageDefined).toBeCloseTo(I.avg_clustering_defined, 12);
  });

  if (GRAPHS[name]) {
    it("Gephi's directed average clustering (brute force over in ∪ out neighbours, averaged over ALL nodes) — not networkx's directed clustering", () => {
      const c = clustering(g);
      expect(c.average).toBeCloseTo(X.gephi_average_clustering, 12);
      expect(ind.average_clustering).toBeCloseTo(X.gephi_average_clustering, 12);
      g.ids.forEach((id, i) => {
        const v = X.gephi_clustering_local[id];
        if (v === null) expect(Number.isNaN(c.local[i])).toBe(true);
        else expect(c.local[i]).toBeCloseTo(v, 12);
      });
      // networkx's directed clustering (Fagiolo 2007) is a different quantity
      expect(Math.abs(c.average - X.networkx_directed_average_clustering)).toBeGreaterThan(1e-5);
    });
  } else {
    it("Gephi's undirected average clustering averages over nodes of degree ≥ 2 (= igraph's default, ≠ networkx's)", () => {
      expect(ind.average_clustering).toBeCloseTo(I.avg_clustering_defined, 12);
      expect(Math.abs(ind.average_clustering - X.average_clustering_undirected_zeros)).toBeGreaterThan(1e-3);
    });
  }
});

describe("Gephi conventions on small hand-made graphs", () => {
  it("a star of one-step investments has average path length exactly 1 (directed, reachable pairs) — the paper's 2001 value", () => {
    const g = buildGraph([{ source: "A", target: "x" }, { source: "A", target: "y" }, { source: "B", target: "y" }, { source: "B", target: "z" }]);
    const ind = networkIndicators(g);
    expect(ind.average_path_length).toBe(1);
    expect(ind.average_clustering).toBe(0);
    expect(ind.average_degree).toBe(4 / 5);
    expect(ind.density).toBe(4 / 20);
    // read undirected, x and z are two steps apart (via A or B): APL > 1
    expect(networkIndicators(buildGraph([{ source: "A", target: "x" }, { source: "A", target: "y" }, { source: "B", target: "y" }, { source: "B", target: "z" }], { directed: false })).average_path_length).toBeGreaterThan(1);
  });

  it("parallel edges are summed, self-loops dropped and counted", () => {
    const g = buildGraph([{ source: "a", target: "b", weight: 2 }, { source: "a", target: "b", weight: 3 }, { source: "a", target: "a", weight: 9 }, { source: "b", target: "a", weight: 1 }]);
    expect(g.edges).toBe(2);
    expect(g.weight(0, 1)).toBe(5);
    expect(g.droppedSelfLoops).toBe(1);
    expect(g.totalWeight).toBe(6);
    expect(() => buildGraph([{ source: "a", target: "b", weight: -1 }])).toThrow(/weight/);
  });

  it("directed triangle with a reciprocal pair: Gephi counts directed edges among neighbours over k(k−1)", () => {
    // a→b, b→c, c→a, a→c: every node has neighbours {the other two}; edges among them: for a: b→c (1) of 2 → 0.5
    const g = buildGraph([{ source: "a", target: "b" }, { source: "b", target: "c" }, { source: "c", target: "a" }, { source: "a", target: "c" }]);
    const c = clustering(g);
    expect(Array.from(c.local)).toEqual([0.5, 1, 0.5]); // b's neighbours a, c have a→c and c→a
    expect(c.average).toBeCloseTo(2 / 3, 15);
  });
});
