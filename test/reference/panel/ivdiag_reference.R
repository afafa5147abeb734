# Independent reference for kernel-lib/src/panel/ivdiag.ts, from the published formulas: Cragg & Donald (1993)
# via canonical correlations (stats::cancor), Anderson's canonical-correlation LM, Kleibergen & Paap (2006)
# rk statistic with their SVD construction (A_q, B_q from U22, V22; symmetric square roots), robust and
# cluster covariance of vec(Pi) from sandwich (vcovHC / vcovCL on the multivariate first stage, HC0, no
# cluster adjustment), Hansen's J at two-step efficient GMM and Sargan by formula. Run from the repo root:
#   Rscript test/reference/panel/ivdiag_reference.R
suppressPackageStartupMessages({ library(sandwich); library(jsonlite) })
dir <- "test/reference/panel"
set.seed(20240619)
G <- 40; TT <- 10; n <- G * TT
id <- rep(1:G, each = TT); year <- rep(1:TT, G)
a <- rnorm(G)[id]
z1 <- rnorm(n); z2 <- rnorm(n) + 0.3 * a; z3 <- rnorm(n)
x1 <- rnorm(n)
u <- rnorm(n) * (1 + 0.5 * abs(z1)) + 0.5 * rnorm(G)[id]
d1 <- 0.6 * z1 + 0.3 * z2 + 0.2 * z3 + 0.3 * x1 + 0.5 * u + rnorm(n)
d2 <- 0.1 * z1 + 0.5 * z2 - 0.4 * z3 + 0.4 * u + rnorm(n) + a
y <- 1 + 0.5 * x1 + 1.0 * d1 - 0.5 * d2 + a + u
dat <- data.frame(id, year, y, x1, d1, d2, z1, z2, z3)
write.csv(dat, file.path(dir, "ivdiag_data.csv"), row.names = FALSE)
dat <- read.csv(file.path(dir, "ivdiag_data.csv"))

msqrt <- function(M, p = 0.5) { e <- eigen(M, symmetric = TRUE); e$vectors %*% diag(e$values^p, nrow(M)) %*% t(e$vectors) }
diagnostics <- function(y, W, X, Z, cl, dofminus) {
  n <- nrow(X); K <- ncol(X); L1 <- ncol(Z); L <- ncol(W) + L1
  res <- function(M) if (ncol(W)) qr.resid(qr(W), M) else M
  Xt <- res(X); Zt <- res(Z)
  rho <- cancor(Xt, Zt, xcenter = FALSE, ycenter = FALSE)$cor
  r2 <- min(rho^2); cd <- r2 / (1 - r2)
  out <- list(cd_wald = n * cd, cd_F = cd * (n - L - dofminus) / L1, anderson_lm = n * r2)
  fs <- lm(Xt ~ Zt - 1)                                   # multivariate first stage (mlm)
  Pi <- coef(fs)                                          # L1 x K
  kp <- function(E, Sigma, V) {
    Fm <- msqrt(crossprod(Zt) / n); Gm <- msqrt(solve(Sigma))
    Theta <- Fm %*% Pi %*% Gm
    s <- svd(Theta, nu = L1, nv = K); U <- s$u; Vv <- s$v; q <- K - 1
    U12 <- U[seq_len(q), (q + 1):L1, drop = FALSE]; U22 <- U[(q + 1):L1, (q + 1):L1, drop = FALSE]
    V12 <- Vv[seq_len(q), (q + 1):K, drop = FALSE]; V22 <- Vv[(q + 1):K, (q + 1):K, drop = FALSE]
    Aq <- rbind(U12, U22) %*% solve(U22) %*% msqrt(U22 %*% t(U22))
    Bq <- msqrt(V22 %*% t(V22)) %*% solve(t(V22)) %*% t(rbind(V12, V22))
    lam <- as.vector(t(Aq) %*% Theta %*% t(Bq))
    Vth <- kronecker(t(Gm), Fm) %*% V %*% kronecker(Gm, t(Fm))
    C <- kronecker(Bq, t(Aq))
    as.numeric(t(lam) %*% solve(C %*% Vth %*% t(C)) %*% lam)
  }
  covs <- function(E) {   # Var(vec Pi) when the "residuals" are E: iid, HC0, cluster (sandwich on an mlm)
    m <- lm(E ~ Zt - 1)
    m$coefficients[] <- Pi                                  # same Pi, residuals E (LM: E = X itself)
    m$residuals[] <- E
    list(iid = kronecker(crossprod(E) / n, solve(crossprod(Zt))),
         robust = vcovHC(m, type = "HC0"),
         cluster = vcovCL(m, cluster = cl, type = "HC0", cadjust = FALSE))
  }
  Vh <- residuals(fs)
  cl_lm <- covs(Xt); cl_w <- covs(Vh)
  Gn <- length(unique(cl))
  for (v in c("iid", "robust", "cluster")) {
    lm_ <- kp(Xt, crossprod(Xt) / n, cl_lm[[v]]); w <- kp(Vh, crossprod(Vh) / n, cl_w[[v]])
    wf <- w / L1 * (n - L - dofminus) / n; if (v == "cluster") wf <- wf * (Gn - 1) / Gn
    out[[paste0("kp_", v)]] <- list(lm = lm_, wald = w, waldF = wf)
  }
  # 2SLS, Sargan, Hansen J (two-step GMM)
  Xf <- cbind(W, X); Zf <- cbind(W, Z)
  gmm <- function(Wt) { A <- t(Xf) %*% Zf %*% Wt; b <- solve(A %*% t(Zf) %*% Xf, A %*% t(Zf) %*% y); as.vector(y - Xf %*% b) }
  e2 <- gmm(solve(crossprod(Zf)))
  out$sargan <- n * as.numeric(t(e2) %*% Zf %*% solve(crossprod(Zf)) %*% t(Zf) %*% e2) / sum(e2^2)
  for (v in c("robust", "cluster")) {
    h <- Zf * e2; if (v == "cluster") h <- rowsum(h, cl)
    Si <- solve(crossprod(h)); eg <- gmm(Si)
    out[[paste0("hansenJ_", v)]] <- as.numeric(t(eg) %*% Zf %*% Si %*% t(Zf) %*% eg)
  }
  out
}
# case 1: pooled with constant, two endogenous, three instruments, clusters = id
W1 <- cbind(1, dat$x1)
c1 <- diagnostics(dat$y, W1, cbind(dat$d1, dat$d2), cbind(dat$z1, dat$z2, dat$z3), dat$id, 0)
# case 2: unit fixed effects (within), one endogenous, two instruments; partial out by demeaning
dm <- function(v) v - ave(v, dat$id)
c2 <- diagnostics(dm(dat$y), cbind(dm(dat$x1)), cbind(dm(dat$d1)), cbind(dm(dat$z1), dm(dat$z2)), dat$id, G)
writeLines(toJSON(list(pooled = c1, within = c2), digits = NA, auto_unbox = TRUE), file.path(dir, "ivdiag_expected.json"))
str(c1[c("cd_F", "kp_iid", "kp_cluster")])
