# Expected numbers from igraph (Debian r-cran-igraph) for the network golden tests.
# Run: Rscript igraph_expected.R  -> expected_igraph.json (written by hand below, no JSON package needed)
suppressMessages(library(igraph))
graphs <- list(rand60 = TRUE, invest150 = TRUE, rand300 = TRUE, karate = FALSE, small12 = TRUE)
num <- function(x) formatC(x, digits = 17, format = "g")
obj <- function(named) paste0("{", paste0('"', names(named), '": ', num(unname(named)), collapse = ", "), "}")
read_parts <- function() {
  # partitions.json is flat enough to parse with regmatches: "graph": {"pname": {"node": c, ...}}
  txt <- paste(readLines("partitions.json", warn = FALSE), collapse = "")
  txt
}
out <- c()
for (name in names(graphs)) {
  directed <- graphs[[name]]
  e <- read.csv(paste0(name, ".csv"), colClasses = c("character", "character", "numeric"))
  g <- graph_from_data_frame(e, directed = directed)
  g <- simplify(g, remove.multiple = TRUE, remove.loops = TRUE, edge.attr.comb = list(weight = "sum"))
  u <- if (directed) as.undirected(g, mode = "collapse", edge.attr.comb = list(weight = "sum")) else g
  set.seed(1)
  res <- list()
  res$mean_distance <- mean_distance(g, weights = NA, directed = directed, unconnected = TRUE)
  res$diameter <- diameter(g, directed = directed, unconnected = TRUE, weights = NA)
  bt <- betweenness(g, directed = directed, weights = NA)
  cl <- closeness(g, mode = "out", weights = NA, normalized = TRUE)
  tl <- transitivity(u, type = "localundirected", isolates = "NaN", weights = NA)
  names(tl) <- V(u)$name
  res$avg_clustering_defined <- transitivity(u, type = "average", isolates = "NaN")
  res$avg_clustering_zero <- transitivity(u, type = "average", isolates = "zero")
  res$density <- edge_density(g)
  qs <- sapply(1:10, function(s) { set.seed(s); cl <- cluster_louvain(u, weights = E(u)$weight); modularity(u, membership(cl), weights = E(u)$weight) })
  res$louvain_best_of_10 <- max(qs)
  res$louvain_mean_of_10 <- mean(qs)
  # directed (Leicht–Newman) modularity of igraph's Louvain partition, to document the difference
  set.seed(1); m1 <- as.vector(membership(cluster_louvain(u))); names(m1) <- V(u)$name
  res$louvain_seed1_undirected_Q <- modularity(u, m1, weights = E(u)$weight)
  if (directed) res$louvain_seed1_directed_LN_Q <- modularity(g, m1[V(g)$name], weights = E(g)$weight, directed = TRUE)
  # modularity of the fixed partitions at three resolutions
  pj <- read_parts()
  gblock <- regmatches(pj, regexpr(paste0('"', name, '": \\{ *("[^"]+": \\{[^}]*\\},? *)+\\}'), pj))
  mods <- c()
  if (length(gblock)) {
    pblocks <- regmatches(gblock, gregexpr('"[^"]+": \\{[^{}]*\\}', gblock))[[1]]
    for (pb in pblocks) {
      pname <- sub('^"([^"]+)".*', "\\1", pb)
      pairs <- regmatches(pb, gregexpr('"[^"]+": [0-9]+', pb))[[1]]
      ids <- sub('^"([^"]+)".*', "\\1", pairs)
      cs <- as.integer(sub('.*: ', "", pairs))
      names(cs) <- ids
      memb <- cs[V(u)$name] + 1
      for (gam in c(1, 0.5, 2)) mods[paste0(pname, "@", format(gam, nsmall = 1))] <- modularity(u, memb, weights = E(u)$weight, resolution = gam)
    }
  }
  body <- paste0(
    '"', name, '": {',
    paste0('"', names(res), '": ', sapply(res, num), collapse = ", "),
    ', "betweenness": ', obj(setNames(bt, V(g)$name)),
    ', "closeness": ', obj(setNames(ifelse(is.nan(cl), 0, cl), V(g)$name)),
    ', "clustering_local": ', obj(setNames(ifelse(is.nan(tl), -1, tl), V(u)$name)),
    ', "modularity": ', if (length(mods)) obj(mods) else "{}",
    '}')
  out <- c(out, body)
}
writeLines(paste0("{\n", paste(out, collapse = ",\n"), "\n}"), "expected_igraph.json")
cat("ok\n")
