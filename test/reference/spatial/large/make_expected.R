# Golden numbers for the large-N log-determinant methods (regionlab issue 21), from spatialreg/spdep/Matrix
# (Debian r-cran-spatialreg 1.2-6, r-cran-spdep 1.2-7, r-cran-matrix 1.5-3).
# Input: N = 3,000 random points, kNN-6 row-standardised W (spdep knearneigh/knn2nb/nb2listw style "W"),
# y from a Durbin model with rho = 0.45. The generated input is rounded, written to cross3000.csv and read
# back, so both sides fit exactly the committed numbers.
# Run from the project root: Rscript test/reference/spatial/large/make_expected.R
suppressMessages({ library(spdep); library(spatialreg); library(Matrix); library(jsonlite) })
dir <- "test/reference/spatial/large"
set.seed(20261201)
N <- 3000
d <- data.frame(lon = round(runif(N, 0, 100), 6), lat = round(runif(N, 0, 100), 6))
d$x1 <- round(rnorm(N), 8); d$x2 <- round(rnorm(N), 8)
lw <- nb2listw(knn2nb(knearneigh(cbind(d$lon, d$lat), k = 6)), style = "W")
W <- as(lw, "CsparseMatrix")
A <- Diagonal(N) - 0.45 * W
d$y <- round(as.vector(solve(A, 1 + 0.8 * d$x1 - 0.5 * d$x2 + 0.3 * (W %*% d$x1) + rnorm(N))), 8)
write.csv(d, file.path(dir, "cross3000.csv"), row.names = FALSE)
d <- read.csv(file.path(dir, "cross3000.csv"))
lw <- nb2listw(knn2nb(knearneigh(cbind(d$lon, d$lat), k = 6)), style = "W")
W <- as(lw, "CsparseMatrix")
# log|I - rho W| by Matrix's sparse LU (independent of spatialreg's optimiser)
grid <- c(-0.9, -0.5, -0.1, 0.2, 0.45, 0.7, 0.9, 0.99)
ld <- sapply(grid, function(r) as.numeric(determinant(Diagonal(N) - r * W, logarithm = TRUE)$modulus))
fitm <- function(method, ...) {
  t0 <- Sys.time()
  f <- lagsarlm(y ~ x1 + x2, data = d, listw = lw, Durbin = TRUE, method = method, ...)
  s <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
  # rho_se: spatialreg's numerical Hessian (fdHess) for LU/MC, not the information matrix
  list(method = method, rho = unname(f$rho), rho_se = unname(f$rho.se), coefficients = as.list(coef(f)[-1]),
       logLik = as.numeric(logLik(f)), sigma2 = unname(f$s2), interval = f$interval,
       seconds = s)
}
lu <- fitm("LU")
mc <- fitm("MC")   # spatialreg's own Monte Carlo (its RNG), for the size of the approximation error
# Chebyshev: spatialreg 1.2-6 refuses non-symmetric W ("Chebyshev method requires symmetric weights")
nb <- lw$neighbours
out <- list(
  source = "spatialreg 1.2-6 lagsarlm(Durbin = TRUE); Matrix 1.5-3 determinant() of the sparse I - rho W",
  N = N, k = 6,
  neighbours_first = lapply(nb[1:5], function(v) v - 1L),
  logdet = list(rho = grid, value = ld),
  LU = lu, MC = mc)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), file.path(dir, "expected_large.json"))
