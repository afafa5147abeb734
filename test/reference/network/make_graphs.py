"""Seeded random directed weighted graphs (CSV edge lists) and fixed partitions for the network golden tests.

Run: /usr/bin/python3 make_graphs.py   (numpy RandomState, so the files are reproducible)
- rand60.csv: 60 nodes, dense-ish random directed graph with many mutual pairs, lognormal weights.
- invest150.csv: 150 nodes shaped like an investment network: 20 "source" cities invest mostly in nearby
  targets (not strongly connected, so path length is over reachable pairs only), integer counts as weights.
- rand300.csv: 300 nodes, ~1000 edges, planted communities (for Louvain).
- karate.csv: Zachary's karate club from networkx (undirected, unweighted).
- small12.csv: 12 nodes, for the exhaustive discrete core–periphery search.
- partitions.json: fixed memberships for the modularity tests.
"""
import json
import numpy as np
import networkx as nx

def write(name, edges):
    with open(name, "w") as f:
        f.write("source,target,weight\n")
        for s, t, w in edges:
            f.write(f"{s},{t},{w}\n")

rs = np.random.RandomState(20260501)
parts = {}

# rand60
edges = {}
for i in range(60):
    for j in range(60):
        if i != j and rs.random_sample() < 0.07:
            edges[(i, j)] = round(float(np.exp(rs.normal(0, 1))), 4)
write("rand60.csv", [(f"n{i}", f"n{j}", w) for (i, j), w in edges.items()])
parts["rand60"] = {"mod4": {f"n{i}": i % 4 for i in range(60)}, "random5": {f"n{i}": int(rs.randint(0, 5)) for i in range(60)}}

# invest150: sources s0..s19 on a line, targets t0..t129 placed along the same line
edges = {}
src_pos = rs.uniform(0, 100, 20)
tgt_pos = rs.uniform(0, 100, 130)
for s in range(20):
    k = rs.randint(3, 15)
    p = np.exp(-np.abs(tgt_pos - src_pos[s]) / 10.0)
    p /= p.sum()
    targets = rs.choice(130, size=k, replace=False, p=p)
    for t in targets:
        edges[(f"s{s}", f"t{t}")] = int(rs.randint(1, 20))
    for s2 in range(20):  # a few source-to-source links
        if s2 != s and rs.random_sample() < 0.04:
            edges[(f"s{s}", f"s{s2}")] = int(rs.randint(1, 10))
for t in range(130):  # targets rarely invest back
    if rs.random_sample() < 0.08:
        s = rs.randint(0, 20)
        edges[(f"t{t}", f"s{s}")] = int(rs.randint(1, 5))
write("invest150.csv", [(a, b, w) for (a, b), w in edges.items()])
nodes = sorted({a for a, _ in edges} | {b for _, b in edges})
parts["invest150"] = {"alpha3": {v: (hash_ := sum(map(ord, v))) % 3 for v in nodes}}

# rand300: planted partition of 6 groups
edges = {}
group = rs.randint(0, 6, 300)
while len(edges) < 1000:
    i, j = rs.randint(0, 300, 2)
    if i == j:
        continue
    same = group[i] == group[j]
    if rs.random_sample() < (0.9 if same else 0.12):
        edges[(i, j)] = edges.get((i, j), 0) + round(float(rs.uniform(0.5, 3)), 3)
write("rand300.csv", [(f"v{i}", f"v{j}", round(w, 3)) for (i, j), w in edges.items()])
parts["rand300"] = {"planted": {f"v{i}": int(group[i]) for i in range(300)}}

# karate
K = nx.karate_club_graph()
write("karate.csv", [(f"k{u}", f"k{v}", 1) for u, v in K.edges()])
parts["karate"] = {"club": {f"k{u}": int(K.nodes[u]["club"] == "Officer") for u in K.nodes()}}

# small12: a core of 4 plus periphery
edges = {}
for i in range(12):
    for j in range(12):
        if i == j:
            continue
        p = 0.85 if (i < 4 and j < 4) else 0.35 if (i < 4 or j < 4) else 0.08
        if rs.random_sample() < p:
            edges[(i, j)] = int(rs.randint(1, 6))
write("small12.csv", [(f"c{i}", f"c{j}", w) for (i, j), w in edges.items()])

with open("partitions.json", "w") as f:
    json.dump(parts, f, indent=1, sort_keys=True)
print("ok")
