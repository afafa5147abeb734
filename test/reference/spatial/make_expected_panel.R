# Independent reference for the panel ML estimators (no splm in Debian): Elhorst's (2014, "Spatial
# Econometrics", ch. 3) concentrated likelihood with demeaned data, maximised with optimize(), the
# asymptotic variance from his information matrices, and the Lee & Yu (2010) transformation approach done
# literally: data premultiplied by the orthonormal complements F_T, F_N of the demeaning matrices, W* = F_N' W F_N,
# log-determinants by determinant() (not eigenvalues). Data: Munnell's Produc panel and the usaww W (48 US
# states, 1970-1986), read in place from /work/shared/reference-data/spatial_panel/.
# SEM with time effects: the filtered residual is demeaned, P(I - lambda W)(y - X b) (Elhorst's Matlab code
# lags the demeaned data instead; the two differ only with time effects).
# Run from the project root: Rscript test/reference/spatial/make_expected_panel.R
suppressMessages(library(jsonlite))
src <- "/work/shared/reference-data/spatial_panel"
W <- as.matrix(read.csv(file.path(src, "W_usaww_rowstd.csv")))
ord <- read.csv(file.path(src, "W_order.csv"))$state
d <- read.csv(file.path(src, "produc_panel_with_WX.csv"))
N <- length(ord); years <- sort(unique(d$year)); Tn <- length(years)
xs <- c("l_pcap", "l_pc", "l_emp", "unemp")
mat <- function(v) { m <- matrix(NA, N, Tn); m[cbind(match(d$state, ord), match(d$year, years))] <- d[[v]]; m }
Y <- mat("l_gsp"); Xs <- lapply(xs, mat); names(Xs) <- xs
orth <- function(k) { if (k == 1) return(matrix(1)); e <- eigen(diag(k) - matrix(1 / k, k, k), symmetric = TRUE); e$vectors[, e$values > 0.5, drop = FALSE] }

fit <- function(model, effects, leeyu) {
  WXs <- lapply(Xs, function(m) W %*% m)
  Xl <- if (model == "sdm") c(Xs, WXs) else Xs
  nm <- if (model == "sdm") c(xs, paste0("W*", xs)) else xs
  unitFE <- effects %in% c("individual", "twoways"); timeFE <- effects %in% c("time", "twoways")
  if (leeyu) {
    FN <- if (timeFE) orth(N) else diag(N); FT <- if (unitFE) orth(Tn) else diag(Tn)
    tr <- function(m) t(FN) %*% m %*% FT
    Ws <- t(FN) %*% W %*% FN
  } else {
    tr <- function(m) { if (unitFE) m <- m - rowMeans(m); if (timeFE) m <- sweep(m, 2, colMeans(m)); if (unitFE && timeFE) m <- m + 0; m }
    tr <- function(m) { r <- m; if (unitFE && timeFE) r <- m - rowMeans(m) - matrix(colMeans(m), nrow(m), ncol(m), byrow = TRUE) + mean(m)
      else if (unitFE) r <- m - rowMeans(m) else if (timeFE) r <- m - matrix(colMeans(m), nrow(m), ncol(m), byrow = TRUE); r }
    Ws <- W
  }
  Yt <- tr(Y); WYt <- tr(W %*% Y)
  if (leeyu) WYt <- Ws %*% Yt   # identical to F_N' W Y F_T for row-standardised W
  Xt <- sapply(Xl, function(m) as.vector(tr(m)))
  y <- as.vector(Yt); wy <- as.vector(WYt)
  Nn <- nrow(Ws); Tt <- ncol(Yt); n <- length(y)
  ev <- Re(eigen(Ws, only.values = TRUE)$values)
  lo <- 1 / min(ev) + 1e-8; hi <- 1 / max(ev) - 1e-8
  ld <- function(r) Tt * as.numeric(determinant(diag(Nn) - r * Ws, logarithm = TRUE)$modulus)
  lagS <- function(v) as.vector(Ws %*% matrix(v, Nn, Tt))
  XtX <- crossprod(Xt)
  if (model != "sem") {
    b0 <- solve(XtX, crossprod(Xt, y)); bd <- solve(XtX, crossprod(Xt, wy))
    e0 <- y - Xt %*% b0; ed <- wy - Xt %*% bd
    cll <- function(r) { s2 <- sum((e0 - r * ed)^2) / n; -n / 2 * log(2 * pi * s2) - n / 2 + ld(r) }
    r <- optimize(cll, c(lo, hi), maximum = TRUE, tol = 1e-12)$maximum
    b <- as.vector(b0 - r * bd); s2 <- sum((e0 - r * ed)^2) / n
    A <- diag(Nn) - r * Ws; Wt <- Ws %*% solve(A)
    xb <- as.vector(Xt %*% b); wxb <- as.vector(Wt %*% matrix(xb, Nn, Tt))
    k <- ncol(Xt); info <- matrix(0, k + 2, k + 2)
    info[1:k, 1:k] <- XtX / s2
    info[1:k, k + 1] <- info[k + 1, 1:k] <- crossprod(Xt, wxb) / s2
    info[k + 1, k + 1] <- Tt * sum(diag(Wt %*% Wt + t(Wt) %*% Wt)) + sum(wxb^2) / s2
    info[k + 1, k + 2] <- info[k + 2, k + 1] <- Tt * sum(diag(Wt)) / s2
    info[k + 2, k + 2] <- n / (2 * s2^2)
    V <- solve(info)
    out <- list(param = r, param_se = sqrt(V[k + 1, k + 1]), coef = b, se = sqrt(diag(V)[1:k]), s2 = s2, LL = cll(r), names = nm)
    if (model == "sdm") {
      Si <- solve(A)  # effects use the untransformed W
      Si <- solve(diag(N) - r * W)
      out$direct <- sapply(1:4, function(j) mean(diag(Si %*% (b[j] * diag(N) + b[j + 4] * W))))
      out$total <- sapply(1:4, function(j) mean(rowSums(Si %*% (b[j] * diag(N) + b[j + 4] * W))))
      out$indirect <- out$total - out$direct
    }
    return(out)
  }
  # the lag is demeaned like the data (P W (y - X b)); equals the residual of the Lee–Yu transformation
  wX <- if (leeyu) apply(Xt, 2, lagS) else sapply(Xl, function(m) as.vector(tr(W %*% m)))
  gls <- function(l) { ys <- y - l * wy; Xs_ <- Xt - l * wX; b <- solve(crossprod(Xs_), crossprod(Xs_, ys)); list(b = b, ss = sum((ys - Xs_ %*% b)^2), X = Xs_) }
  cll <- function(l) { s2 <- gls(l)$ss / n; -n / 2 * log(2 * pi * s2) - n / 2 + ld(l) }
  l <- optimize(cll, c(lo, hi), maximum = TRUE, tol = 1e-12)$maximum
  g <- gls(l); s2 <- g$ss / n
  B <- diag(Nn) - l * Ws; Wt <- Ws %*% solve(B)
  i11 <- Tt * sum(diag(Wt %*% Wt + t(Wt) %*% Wt)); i12 <- Tt * sum(diag(Wt)) / s2; i22 <- n / (2 * s2^2)
  list(param = l, param_se = sqrt(i22 / (i11 * i22 - i12^2)), coef = as.vector(g$b), se = sqrt(diag(s2 * solve(crossprod(g$X)))), s2 = s2, LL = cll(l), names = nm)
}
res <- list()
for (m in c("sar", "sem", "sdm")) for (e in c("individual", "time", "twoways")) res[[paste(m, e, "direct", sep = "_")]] <- fit(m, e, FALSE)
for (m in c("sar", "sem", "sdm")) for (e in c("individual", "time", "twoways")) res[[paste(m, e, "leeyu", sep = "_")]] <- fit(m, e, TRUE)
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE), "test/reference/spatial/expected_panel.json")
cat("ok\n")
