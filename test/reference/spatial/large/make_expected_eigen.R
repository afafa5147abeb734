# spatialreg 1.2-6 lagsarlm(Durbin = TRUE, method = "eigen") on the same N = 3,000 input (cross3000.csv, written by
# make_expected.R): the exact fit with the analytic asymptotic variance (information matrix), the reference for
# the standard errors of the sparse-LU path. Takes minutes (dense eigenvalues of a 3,000 x 3,000 W).
# Run from the project root: Rscript test/reference/spatial/large/make_expected_eigen.R
suppressMessages({ library(spdep); library(spatialreg); library(jsonlite) })
dir <- "test/reference/spatial/large"
d <- read.csv(file.path(dir, "cross3000.csv"))
lw <- nb2listw(knn2nb(knearneigh(cbind(d$lon, d$lat), k = 6)), style = "W")
t0 <- Sys.time()
f <- lagsarlm(y ~ x1 + x2, data = d, listw = lw, Durbin = TRUE, method = "eigen")
s <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
out <- list(source = "spatialreg 1.2-6 lagsarlm(Durbin = TRUE, method = 'eigen'), asymptotic variance",
            rho = unname(f$rho), rho_se = unname(f$rho.se), coefficients = as.list(coef(f)[-1]),
            se = as.list(f$rest.se), logLik = as.numeric(logLik(f)), sigma2 = unname(f$s2), interval = f$interval, seconds = s)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), file.path(dir, "expected_large_eigen.json"))
