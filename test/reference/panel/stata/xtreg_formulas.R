# Stata's xtreg Methods and Formulas, written out in base R, checked against Stata's own printed output
# (stata_xtreg.json, see make_fixture.R) and used for what that output does not hold: the Wald chi2 of RE
# (b' V^-1 b from Stata's own e(b), e(V)) and the distribution of theta over panels (Stata's summarize
# percentiles = R quantile type 2). Run from the repository root:
#   Rscript test/reference/panel/stata/xtreg_formulas.R
suppressPackageStartupMessages(library(jsonlite))
dir <- "test/reference/panel/stata"
S <- fromJSON(file.path(dir, "stata_xtreg.json"), simplifyVector = FALSE)
d <- read.csv(file.path(dir, "simulated_panel.csv"))
chk <- function(ours, stata, what) if (abs(ours - stata) > 1e-8 * abs(stata)) stop(sprintf("%s: %.12g vs Stata %.12g", what, ours, stata))
out <- list()
for (sfx in c("", "_heavy")) {
  v <- c(paste0("y", sfx), paste0("x", 1:5, sfx))
  h <- d[complete.cases(d[, v]), c("firm", v)]
  y <- h[[v[1]]]; X <- as.matrix(h[, v[-1]]); g <- factor(h$firm)
  N <- length(y); n <- nlevels(g); K <- ncol(X); Ti <- as.vector(table(g))
  gm <- function(z) as.vector(tapply(z, g, mean))
  dm <- function(z) z - ave(z, g)
  # within
  Xw <- apply(X, 2, dm); b <- solve(crossprod(Xw), crossprod(Xw, dm(y))); rss <- sum((dm(y) - Xw %*% b)^2)
  s2e <- rss / (N - n - K)
  # between on one mean per panel
  Xb <- apply(X, 2, gm); be <- lm(gm(y) ~ Xb); ssrb <- sum(resid(be)^2)
  Tbar <- n / sum(1 / Ti)
  s2u <- max(0, ssrb / (n - K - 1) - s2e / Tbar)
  theta <- 1 - sqrt(s2e / (Ti * s2u + s2e))
  thObs <- theta[as.integer(g)]
  ys <- y - thObs * ave(y, g); Xs <- cbind(1 - thObs, X - thObs * apply(X, 2, function(z) ave(z, g)))
  br <- lm.fit(Xs, ys)$coefficients
  st <- S[[paste0("random_effect-conventional--", sfx)]]
  chk(sqrt(s2e), st$stats$sigma_e, "sigma_e"); chk(sqrt(s2u), st$stats$sigma_u, "sigma_u")
  chk(br[2], st$coef[[v[2]]]$b, "RE b")
  r2 <- function(a, b) cor(a, b)^2
  xb <- drop(X %*% br[-1])
  chk(r2(dm(y), dm(xb)), st$stats$r2_w, "r2_w"); chk(r2(gm(y), gm(xb)), st$stats$r2_b, "r2_b"); chk(r2(y, xb), st$stats$r2_o, "r2_o")
  wald <- function(sec) {
    bb <- sapply(sec$coef, function(z) z$b); bb <- bb[names(bb) != "_cons"]
    V <- matrix(unlist(sec$V), length(sec$V), byrow = TRUE)[seq_along(bb), seq_along(bb)]
    drop(t(bb) %*% solve(V) %*% bb)
  }
  q <- quantile(theta, c(0.05, 0.5, 0.95), type = 2, names = FALSE)
  out[[paste0("re", sfx)]] <- list(
    theta = list(min = min(theta), p5 = q[1], p50 = q[2], p95 = q[3], max = max(theta)),
    wald_chi2 = list(conventional = wald(st), robust = wald(S[[paste0("random_effect-robust--", sfx)]]), cluster = wald(S[[paste0("random_effect-cluster--", sfx)]])),
    wald_df = K)
}
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), file.path(dir, "xtreg_formulas_expected.json"))
