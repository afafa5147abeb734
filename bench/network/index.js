// Network bench, through bench/harness.js: Louvain on a 10,000-node, 100,000-edge weighted graph, ours against
// igraph's C implementation (cluster_louvain through R, timed inside R around the call). Louvain is a randomised
// heuristic: the same method does not give the same partition, so the answer asserted is its quality, the
// weighted modularity of each side's partition, within 0.005 of each other. (The former Gephi-indicators row
// is dropped: its igraph side used an eigen-decomposition where ours uses MINRES, not the same work.) A second row
// times 10 restarts on 2 threads against 1, with the partitions asserted bit-identical.
"use strict";
const fs = require("fs");
const path = require("path");

function makeEdges(n, m, groups, seed) {
  let s = seed >>> 0; // mulberry32 (exact in 32-bit integer arithmetic)
  const r = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const seen = new Set();
  const edges = [];
  while (edges.length < m) {
    const a = Math.floor(r() * n);
    const b = r() < 0.8 ? (a % groups) + groups * Math.floor(r() * (n / groups)) : Math.floor(r() * n);
    if (a === b) continue;
    const key = a < b ? a * n + b : b * n + a;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ source: `v${a}`, target: `v${b}`, weight: Math.round((0.5 + 3 * r()) * 1000) / 1000 });
  }
  return edges;
}

function writeCsv(file, edges) {
  fs.writeFileSync(file, "source,target,weight\n" + edges.map((e) => `${e.source},${e.target},${e.weight}`).join("\n") + "\n");
}

exports.run = async function run(ctx) {
  const N = require(path.join(ctx.root, "kernel-lib/dist/network"));
  const name = "Louvain, 10k nodes / 100k weighted edges, one run";
  if (!ctx.hasR("igraph")) return [ctx.skipped(name, "igraph", "apt-get install r-cran-igraph")];
  const big = makeEdges(10000, 100000, 100, 20260501);
  const bigFile = path.join(ctx.tempDir("network"), "big.csv");
  writeCsv(bigFile, big);
  const g = N.buildGraph(big, { directed: false });
  let seed = 0;
  // issue 22: restarts on worker threads, bit-identical to one thread (each restart's seed drawn up front)
  const threaded = ctx.threadSpeedup("Louvain, 10 restarts, 10k nodes / 100k edges", (threads) => {
    const r = N.louvain(g, { seed: 42, restarts: 10, threads });
    return { membership: r.membership, runs: r.runs, seeds: r.restartSeeds };
  });
  return [threaded, ctx.compare({
    name, peer: `R igraph ${ctx.rPackageVersion("igraph")} cluster_louvain`,
    same: "same method (Louvain, weighted modularity, resolution 1, one run from singletons); partitions differ by the random order, so modularities are compared",
    ours: () => N.louvain(g, { seed: ++seed, restarts: 1 }).modularity,
    reference: () => ctx.runR(`suppressPackageStartupMessages(library(igraph)); e <- read.csv(${JSON.stringify(bigFile)}, colClasses = c("character", "character", "numeric"))
g <- graph_from_data_frame(e, directed = FALSE); set.seed(${seed + 1})
bench_start(); cl <- cluster_louvain(g); q <- modularity(g, membership(cl), weights = E(g)$weight); bench_done(q)`),
    diff: (o, r) => Math.abs(o - r), tolerance: 0.005, unit: "|modularity ours − igraph|",
    note: (o, r) => `modularity ours ${o.toFixed(4)}, igraph ${r.toFixed(4)}`,
  })];
};
