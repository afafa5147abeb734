"""Expected numbers from networkx (Debian python3-networkx) for the network golden tests.

Run: /usr/bin/python3 networkx_expected.py  -> expected_networkx.json
Everything here is computed by networkx or by a few lines of Python written from Gephi's published
definitions (marked "gephi_*"); nothing is taken from regionlab's own output.
"""
import csv
import json
import networkx as nx

GRAPHS = {"rand60": True, "invest150": True, "rand300": True, "karate": False, "small12": True}
parts = json.load(open("partitions.json"))

def read(name, directed):
    G = nx.DiGraph() if directed else nx.Graph()
    for r in csv.DictReader(open(f"{name}.csv")):
        u, v, w = r["source"], r["target"], float(r["weight"])
        if G.has_edge(u, v):
            G[u][v]["weight"] += w
        else:
            G.add_edge(u, v, weight=w)
    return G

def undirected_sum(G):
    if not G.is_directed():
        return G
    U = nx.Graph()
    U.add_nodes_from(G.nodes())
    for u, v, d in G.edges(data=True):
        if U.has_edge(u, v):
            U[u][v]["weight"] += d["weight"]
        else:
            U.add_edge(u, v, weight=d["weight"])
    return U

def gephi_directed_clustering(G):
    # Gephi's brute force (ClusteringCoefficient.java): neighbours = predecessors ∪ successors,
    # C_v = (directed edges among them) / (k (k-1)), average over ALL nodes (k < 2 counts 0).
    loc = {}
    for v in G.nodes():
        N = (set(G.predecessors(v)) | set(G.successors(v))) - {v}
        k = len(N)
        loc[v] = G.subgraph(N).number_of_edges() / (k * (k - 1)) if k > 1 else None
    avg = sum(c for c in loc.values() if c is not None) / G.number_of_nodes()
    return loc, avg

out = {}
for name, directed in GRAPHS.items():
    G = read(name, directed)
    U = undirected_sum(G)
    r = {"directed": directed, "nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "density": nx.density(G),
         "total_weight": G.size(weight="weight")}
    if directed:
        r["in_degree"] = dict(G.in_degree()); r["out_degree"] = dict(G.out_degree())
        r["in_strength"] = dict(G.in_degree(weight="weight")); r["out_strength"] = dict(G.out_degree(weight="weight"))
    else:
        r["degree"] = dict(G.degree()); r["strength"] = dict(G.degree(weight="weight"))
    # path lengths over reachable ordered pairs (u != v), unweighted
    tot = 0; pairs = 0; diam = 0
    for s, dd in nx.all_pairs_shortest_path_length(G):
        for t, d in dd.items():
            if t != s:
                tot += d; pairs += 1; diam = max(diam, d)
    r["average_path_length_reachable"] = tot / pairs
    r["reachable_pairs"] = pairs
    r["diameter"] = diam
    r["strongly_connected"] = nx.is_strongly_connected(G) if directed else nx.is_connected(G)
    r["betweenness"] = nx.betweenness_centrality(G, normalized=False)
    # Gephi closeness = reachable / Σ d over out-distances; networkx measures incoming distance, so reverse.
    r["closeness_gephi"] = nx.closeness_centrality(G.reverse() if directed else G, wf_improved=False)
    r["harmonic_sum"] = nx.harmonic_centrality(G.reverse() if directed else G)  # Σ 1/d (Gephi divides by #reachable)
    Uu = nx.Graph(U.edges())
    Uu.add_nodes_from(U.nodes())
    r["clustering_undirected_local"] = nx.clustering(Uu)
    r["average_clustering_undirected_zeros"] = nx.average_clustering(Uu)
    if directed:
        loc, avg = gephi_directed_clustering(G)
        r["gephi_clustering_local"] = loc
        r["gephi_average_clustering"] = avg
        r["networkx_directed_average_clustering"] = nx.average_clustering(nx.DiGraph(G.edges()))  # Fagiolo, differs
    mods = {}
    for pname, memb in parts.get(name, {}).items():
        comms = {}
        for v, c in memb.items():
            comms.setdefault(c, set()).add(v)
        for gamma in (1.0, 0.5, 2.0):
            mods[f"{pname}@{gamma}"] = nx.community.modularity(U, list(comms.values()), weight="weight", resolution=gamma)
    r["modularity"] = mods
    best = max(nx.community.modularity(U, nx.community.louvain_communities(U, weight="weight", seed=s), weight="weight") for s in range(10))
    r["louvain_best_of_10"] = best
    out[name] = r
json.dump(out, open("expected_networkx.json", "w"), indent=1, sort_keys=True)
print("ok")
