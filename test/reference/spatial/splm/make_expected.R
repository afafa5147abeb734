# Panel SDM with two-way fixed effects from splm 1.6-5 (built from its public CRAN source with Debian's R 4.2,
# dependencies from Debian r-cran-*): spml(model = "within", effect = "twoways", lag = TRUE,
# spatial.error = "none"), Durbin terms as regressors W x (the same as slag()), Jacobian by eigenvalues.
# Two weight matrices on the same N = 272, T = 12 panel:
#   knn6  - kNN-6 row-standardised (1'W != 1'): splm lags the demeaned y, W Q y, where the ML of the
#           two-way FE model has Q W y; regionlab matches it with panelLag = "lag-of-demeaned".
#   torus - rook contiguity on a 16 x 17 torus, row-standardised, doubly stochastic (1'W = 1'): the two
#           conventions coincide, so splm is an independent check of regionlab's default.
# Data are generated here, rounded, written to panel272.csv and read back.
# Run from the project root: R_LIBS=/work/rlib Rscript test/reference/spatial/splm/make_expected.R
suppressMessages({ library(splm); library(spdep); library(jsonlite) })
dir <- "test/reference/spatial/splm"
set.seed(20261202)
N <- 272; Tn <- 12
lon <- round(runif(N, 0, 100), 6); lat <- round(runif(N, 0, 100), 6)
knn <- nb2listw(knn2nb(knearneigh(cbind(lon, lat), k = 6)), style = "W")
nr <- 16; nc <- 17
torus_nb <- lapply(1:N, function(i) { r <- (i - 1) %/% nc; c <- (i - 1) %% nc
  as.integer(sort(c(((r + 1) %% nr) * nc + c, ((r - 1 + nr) %% nr) * nc + c, r * nc + (c + 1) %% nc, r * nc + (c - 1 + nc) %% nc) + 1)) })
class(torus_nb) <- "nb"; attr(torus_nb, "region.id") <- as.character(1:N)
torus <- nb2listw(torus_nb, style = "W")
Wk <- listw2mat(knn)
mu <- rnorm(N); al <- rnorm(Tn)
rows <- list()
for (t in 1:Tn) {
  X <- matrix(round(rnorm(N * 3), 8), N, 3)
  e <- rnorm(N)
  yt <- solve(diag(N) - 0.4 * Wk, X %*% c(1, -0.5, 0.3) + Wk %*% X %*% c(0.4, 0.2, -0.3) + mu + al[t] + e)
  rows[[t]] <- data.frame(id = 1:N, t = t, y = round(as.vector(yt), 8), x1 = X[, 1], x2 = X[, 2], x3 = X[, 3])
}
d <- do.call(rbind, rows)
write.csv(data.frame(lon = lon, lat = lat), file.path(dir, "points272.csv"), row.names = FALSE)
write.csv(d, file.path(dir, "panel272.csv"), row.names = FALSE)
d <- read.csv(file.path(dir, "panel272.csv"))
fitw <- function(lw) {
  W <- listw2mat(lw)
  for (v in c("x1", "x2", "x3")) d[[paste0("w", v)]] <- unlist(lapply(1:Tn, function(t) as.vector(W %*% d[[v]][d$t == t])))
  t0 <- Sys.time()
  f <- spml(y ~ x1 + x2 + x3 + wx1 + wx2 + wx3, data = d, index = c("id", "t"), listw = lw, model = "within",
            effect = "twoways", lag = TRUE, spatial.error = "none")
  s <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
  se <- sqrt(diag(f$vcov))
  list(rho = unname(coef(f)[1]), coefficients = as.list(coef(f)[-1]), se = as.list(se), logLik = as.numeric(f$logLik),
       sigma2 = unname(f$sigma2), seconds = s)
}
out <- list(source = paste("splm", packageVersion("splm"), "spml(model='within', effect='twoways', lag=TRUE, spatial.error='none')"),
            N = N, T = Tn, knn6 = fitw(knn), torus = fitw(torus))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), file.path(dir, "expected_splm.json"))
