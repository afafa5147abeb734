# Independent reference for kernel-lib/src/panel/threshold.ts: Hansen (1999) "Threshold effects in non-dynamic
# panels", J. Econometrics 93, 345-368, implemented from the paper in base R (brute force: for every candidate
# the regime-split regressors are built explicitly, within-transformed by unit and fitted with lm.fit), on a
# seeded dataset with a planted double threshold. Run from the repository root:
#   Rscript test/reference/panel/threshold_reference.R
# Writes threshold_panel.csv (the data) and threshold_expected.json. Nothing here comes from regionlab.
suppressPackageStartupMessages(library(jsonlite))
dir <- "test/reference/panel"
set.seed(20240617)
N <- 80; TT <- 10
id <- rep(1:N, each = TT); year <- rep(2001:(2000 + TT), N)
a <- rnorm(N)[id]
x1 <- rnorm(N * TT) + 0.5 * a
x2 <- rnorm(N * TT)
q <- round(runif(N * TT, 0, 10), 3)          # threshold variable (rounded: ties occur, as in real data)
fin <- rnorm(N * TT, 1, 1)                   # regime-dependent regressor
slope <- ifelse(q <= 3, 1.0, ifelse(q <= 6.5, -0.5, 0.8))
y <- a + 0.5 * x1 - 0.3 * x2 + slope * fin + rnorm(N * TT, 0, 0.8)
d <- data.frame(id = id, year = year, y = y, x1 = x1, x2 = x2, fin = fin, q = q)
write.csv(d, file.path(dir, "threshold_panel.csv"), row.names = FALSE)
d <- read.csv(file.path(dir, "threshold_panel.csv"))   # use exactly the written (decimal) values

within <- function(v) v - ave(v, d$id)
nT <- nrow(d); dof <- N * (TT - 1)
X0 <- cbind(d$x1, d$x2)

# grid: drop floor(trim*nT) smallest and largest order statistics of q; all distinct values if at most `grid`,
# else the order statistics at positions 1 + floor((k-1)(L-1)/(grid-1)), k = 1..grid (distinct values kept)
make_grid <- function(q, trim, grid) {
  qs <- sort(q); n <- length(qs); cut <- floor(trim * n)
  qt <- qs[(cut + 1):(n - cut)]; L <- length(qt)
  if (length(unique(qt)) <= grid) return(unique(qt))
  k <- 1:grid
  unique(qt[1 + ((k - 1) * (L - 1)) %/% (grid - 1)])
}
# SSR of the within model with regimes cut at the thresholds `thr` (regime j: thr[j-1] < q <= thr[j])
ssr_at <- function(yv, thr) {
  thr <- sort(thr); b <- c(-Inf, thr, Inf)
  R <- sapply(seq_len(length(b) - 1), function(j) d$fin * (d$q > b[j] & d$q <= b[j + 1]))
  X <- apply(cbind(X0, R), 2, within)
  sum(lm.fit(X, within(yv))$residuals^2)
}
admissible <- function(thr, nmin) {
  thr <- sort(thr); if (any(duplicated(thr))) return(FALSE)
  cnt <- table(cut(d$q, c(-Inf, thr, Inf)))
  all(cnt >= nmin)
}
search <- function(yv, fixed, cand, nmin) {
  s <- sapply(cand, function(g) if (admissible(c(fixed, g), nmin)) ssr_at(yv, c(fixed, g)) else NA)
  list(ssr = s, best = which.min(s), min = min(s, na.rm = TRUE), gamma = cand[which.min(s)])
}
ssr0 <- function(yv) sum(lm.fit(apply(cbind(X0, d$fin), 2, within), within(yv))$residuals^2)
crit_lr <- function(level) -2 * log(1 - sqrt(level))

run <- function(trim, grid, level) {
  cand <- make_grid(d$q, trim, grid); nmin <- max(floor(trim * nT), 1); crit <- crit_lr(level)
  S0 <- ssr0(d$y)
  s1 <- search(d$y, c(), cand, nmin); F1 <- (S0 - s1$min) / (s1$min / dof)
  s2 <- search(d$y, s1$gamma, cand, nmin); F2 <- (s1$min - s2$min) / (s2$min / dof)
  s1r <- search(d$y, s2$gamma, cand, nmin)                      # Hansen's refinement of gamma1
  s3 <- search(d$y, c(s1r$gamma, s2$gamma), cand, nmin); F3 <- (s2$min - s3$min) / (s3$min / dof)
  lr <- function(s, sig2) { ok <- !is.na(s$ssr); v <- (s$ssr[ok] - s$min) / sig2
    list(threshold = s$gamma, rss = s$min, ci = range(cand[ok][v <= crit]), gamma = cand[ok], lr = v) }
  sig1 <- s1$min / dof; sig2 <- s2$min / dof; sig3 <- s3$min / dof
  # regime coefficients of the final double model, xtreg-fe style (lm with unit dummies; iid SEs)
  thr <- sort(c(s1r$gamma, s2$gamma))
  cat <- findInterval(d$q, thr, left.open = TRUE)   # 0: q <= g1, 1: g1 < q <= g2, 2: q > g2
  D <- data.frame(y = d$y, x1 = d$x1, x2 = d$x2, f0 = d$fin * (cat == 0), f1 = d$fin * (cat == 1), f2 = d$fin * (cat == 2), id = factor(d$id))
  m <- lm(y ~ x1 + x2 + f0 + f1 + f2 + id, D)
  keep <- c("x1", "x2", "f0", "f1", "f2")
  list(trim = trim, grid = grid, level = level, crit = crit, candidates = cand, rss0 = S0,
       F = c(F1, F2, F3), rss = c(s1$min, s2$min, s3$min), refined_rss = s1r$min,
       th1 = lr(s1, sig1), th21 = lr(s1r, sig2), th22 = lr(s2, sig2), th3 = lr(s3, sig3),
       coef = as.list(coef(m)[keep]), se = as.list(sqrt(diag(vcov(m)))[keep]), df_resid = m$df.residual)
}
out <- list(main = run(0.05, 100, 0.95), allvalues = run(0.1, 5000, 0.90))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), file.path(dir, "threshold_expected.json"))
cat("F:", out$main$F, "\nthresholds:", out$main$th1$threshold, out$main$th21$threshold, out$main$th22$threshold, out$main$th3$threshold, "\n")
