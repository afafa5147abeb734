# Independent reference for kernel-lib/src/causal/wildBootstrap.ts (test/causal_wild.test.ts).
# Base R + sandwich only: two-way FE by lm() with factor dummies; the restricted (null-imposed) model without D;
# the WCR wild cluster bootstrap-t refitting lm() for every one of the 2^G Rademacher sign vectors, SEs by
# sandwich::vcovCL(type = "HC1") (= G/(G-1)(n-1)/(n-K), kernel-lib preset "stata.areg"); and exact
# randomization inference by enumerating every distinct assignment of the adoption-year multiset to units.
# Run from the repository root:  Rscript test/reference/causal/wild_reference.R
suppressPackageStartupMessages({ library(sandwich); library(jsonlite) })
dir <- "test/reference/causal"
set.seed(20240917)
units <- sprintf("u%02d", 1:9); years <- 2001:2006
coh <- c(2003, 2003, 2003, 2005, 2005, 0, 0, 0, 0)
d <- expand.grid(year = years, k = 1:9)
d$id <- units[d$k]; d$cohort <- coh[d$k]
d$D <- as.integer(d$cohort > 0 & d$year >= d$cohort)
a <- rnorm(9, 0, 1); l <- rnorm(6, 0, 0.5); s <- runif(9, 0.5, 2)   # unit FE, year FE, cluster-specific noise scale
d$x1 <- round(rnorm(nrow(d)) + 0.3 * a[d$k], 6)
d$y <- round(1.0 * d$D + 0.5 * d$x1 + a[d$k] + l[d$year - 2000] + s[d$k] * rnorm(nrow(d), 0, 0.6), 6)
# unbalanced variant: three rows dropped (no singletons)
d$unbal_keep <- 1L; d$unbal_keep[c(2, 17, 40)] <- 0L
d <- d[, c("id", "year", "cohort", "D", "x1", "y", "unbal_keep")]
write.csv(d, file.path(dir, "wild_panel.csv"), row.names = FALSE)

fml_full <- y ~ D + x1 + factor(id) + factor(year)
wcr <- function(dd) {
  full <- lm(fml_full, dd)
  t0 <- unname(coef(full)["D"] / sqrt(vcovCL(full, cluster = dd$id, type = "HC1")["D", "D"]))
  rest <- lm(y ~ x1 + factor(id) + factor(year), dd)          # null imposed: beta_D = 0
  yhat <- fitted(rest); e <- resid(rest)
  cl <- as.integer(factor(dd$id, levels = sort(unique(dd$id))))
  G <- max(cl)
  ts <- numeric(2^G)
  for (m in 0:(2^G - 1)) {
    v <- ifelse(bitwAnd(m, 2^(0:(G - 1))) > 0, 1, -1)       # v_g = +1 iff bit g of m
    dd$y <- yhat + v[cl] * e
    f <- lm(fml_full, dd)
    ts[m + 1] <- coef(f)["D"] / sqrt(vcovCL(f, cluster = dd$id, type = "HC1")["D", "D"])
  }
  list(estimate = unname(coef(full)["D"]), t = t0, G = G, draws = 2^G,
       p = mean(abs(ts) >= abs(t0) * (1 - 1e-10)), t_draws = unname(ts))
}

perms <- function(v) {                      # distinct permutations of a multiset
  if (length(v) <= 1) return(list(v))
  out <- list()
  for (x in sort(unique(v))) { rest <- v[-match(x, v)]; for (p in perms(rest)) out[[length(out) + 1]] <- c(x, p) }
  out
}
ri <- function(dd) {
  est <- unname(coef(lm(fml_full, dd))["D"])
  u <- sort(unique(dd$id)); cu <- sapply(u, function(x) dd$cohort[dd$id == x][1])
  P <- perms(cu)
  b <- sapply(P, function(g) {
    gi <- g[match(dd$id, u)]
    dd$D <- as.integer(gi > 0 & dd$year >= gi)
    unname(coef(lm(fml_full, dd))["D"])
  })
  list(estimate = est, assignments = length(P), p = mean(abs(b) >= abs(est) * (1 - 1e-10)),
       draws_sorted = sort(b))
}

bal <- d; unb <- d[d$unbal_keep == 1, ]
out <- list(wild_balanced = wcr(bal), wild_unbalanced = wcr(unb), ri_balanced = ri(bal), ri_unbalanced = ri(unb),
            r_version = R.version.string, sandwich_version = as.character(packageVersion("sandwich")))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), file.path(dir, "wild_expected.json"))
cat("wrote wild_panel.csv and wild_expected.json\n")
