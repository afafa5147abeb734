# The lpSolve peer of bench/dea: the same problems formulated directly for R lpSolve (as in
# test/reference/dea/make_expected.R). bench/dea/index.js sources this file and times ref_supersbm(d) or
# ref_malmquist(d) (through bench/harness.js).
suppressMessages(library(lpSolve))

sbm_vrs <- function(xo, yo, bo, X, Y, B) {   # non-oriented SBM-undesirable, VRS, Charnes-Cooper
  m <- nrow(X); nr <- ncol(X); nv <- nr + 1 + m + 2; t <- nr + 1
  A <- matrix(0, m + 4, nv)
  A[1, t] <- 1; A[1, t + m + 1] <- 1 / (2 * yo); A[1, t + m + 2] <- 1 / (2 * bo)
  for (i in 1:m) { A[1 + i, 1:nr] <- X[i, ]; A[1 + i, t] <- -xo[i]; A[1 + i, t + i] <- 1 }
  A[m + 2, 1:nr] <- Y[1, ]; A[m + 2, t] <- -yo; A[m + 2, t + m + 1] <- -1
  A[m + 3, 1:nr] <- B[1, ]; A[m + 3, t] <- -bo; A[m + 3, t + m + 2] <- 1
  A[m + 4, 1:nr] <- 1; A[m + 4, t] <- -1
  cc <- numeric(nv); cc[t] <- 1; cc[t + 1:m] <- -1 / (m * xo)
  r <- lp("min", cc, A, rep("=", m + 4), c(1, rep(0, m + 3)))
  if (r$status == 0) r$objval else NA
}
super_vrs <- function(xo, yo, bo, X, Y, B) {
  m <- nrow(X); nr <- ncol(X); nv <- nr + 1 + m + 2; t <- nr + 1
  A <- matrix(0, m + 5, nv); dirs <- c("=", rep("<=", m), ">=", "<=", "<=", "=")
  A[1, t] <- 1; A[1, t + m + 1] <- -1 / (2 * yo); A[1, t + m + 2] <- -1 / (2 * bo)
  for (i in 1:m) { A[1 + i, 1:nr] <- X[i, ]; A[1 + i, t] <- -xo[i]; A[1 + i, t + i] <- -1 }
  A[m + 2, 1:nr] <- Y[1, ]; A[m + 2, t] <- -yo; A[m + 2, t + m + 1] <- 1
  A[m + 3, t] <- -yo; A[m + 3, t + m + 1] <- 1
  A[m + 4, 1:nr] <- B[1, ]; A[m + 4, t] <- -bo; A[m + 4, t + m + 2] <- -1
  A[m + 5, 1:nr] <- 1; A[m + 5, t] <- -1
  cc <- numeric(nv); cc[t] <- 1; cc[t + 1:m] <- 1 / (m * xo)
  r <- lp("min", cc, A, dirs, c(1, rep(0, m + 4)))
  if (r$status == 0) r$objval else NA
}
te_out <- function(xo, yo, X, Y, vrs) {        # output-oriented radial TE = 1/phi (stage 1 only)
  m <- nrow(X); nr <- ncol(X); nv <- nr + 1
  A <- rbind(X, cbind(Y, 0)[, 1:nr, drop = FALSE]); A <- cbind(A, c(rep(0, m), -yo)); dirs <- c(rep("<=", m), ">="); rhs <- c(xo, 0)
  if (vrs) { A <- rbind(A, c(rep(1, nr), 0)); dirs <- c(dirs, "="); rhs <- c(rhs, 1) }
  cc <- c(rep(0, nr), 1)
  r <- lp("max", cc, A, dirs, rhs)
  if (r$status == 0) 1 / r$objval else NA
}

ref_supersbm <- function(d) {
  X <- t(as.matrix(d[, c("k", "l", "e")])); Y <- t(as.matrix(d[, "y", drop = FALSE])); B <- t(as.matrix(d[, "b", drop = FALSE]))
  n <- nrow(d); vals <- numeric(n)
  for (o in 1:n) {
    rho <- sbm_vrs(X[, o], Y[, o], B[, o], X, Y, B)
    vals[o] <- if (!is.na(rho) && rho < 1 - 1e-9) rho else super_vrs(X[, o], Y[, o], B[, o], X[, -o, drop = FALSE], Y[, -o, drop = FALSE], B[, -o, drop = FALSE])
  }
  vals
}
ref_malmquist <- function(d) {
  yrs <- sort(unique(d$year)); X <- t(as.matrix(d[, c("k", "l")])); Y <- t(as.matrix(d[, "y", drop = FALSE]))
  vals <- c()
  dm <- unique(d$dmu)
  for (ti in 2:length(yrs)) {
    a <- which(d$year == yrs[ti - 1]); b <- which(d$year == yrs[ti])
    for (u in dm) {
      i <- b[d$dmu[b] == u]; h <- a[d$dmu[a] == u]
      dtt <- te_out(X[, i], Y[, i], X[, b], Y[, b, drop = FALSE], FALSE); dss <- te_out(X[, h], Y[, h], X[, a], Y[, a, drop = FALSE], FALSE)
      dst <- te_out(X[, i], Y[, i], X[, a], Y[, a, drop = FALSE], FALSE); dts <- te_out(X[, h], Y[, h], X[, b], Y[, b, drop = FALSE], FALSE)
      vt <- te_out(X[, i], Y[, i], X[, b], Y[, b, drop = FALSE], TRUE); vs <- te_out(X[, h], Y[, h], X[, a], Y[, a, drop = FALSE], TRUE)
      vals <- c(vals, dtt / dss * sqrt(dst / dtt * dss / dts), vt / vs)
    }
  }
  vals
}
