# Which two-way FE panel SDM is the maximum-likelihood estimator? Fit the model with the unit and period effects
# as explicit dummy regressors (LSDV) by spatialreg 1.2-6 lagsarlm on the stacked N*T sample with the block-diagonal
# weights I_T (x) W (sparse LU Jacobian: log|I_NT - rho I_T (x) W| = T log|I_N - rho W|). This is the Gaussian
# likelihood of y_t = rho W y_t + X_t b + W X_t g + mu + alpha_t + e_t with every parameter estimated jointly
# (Lee & Yu 2010's direct approach), computed without any demeaning. Same data as make_expected.R (kNN-6 W).
# Run from the project root: Rscript test/reference/spatial/splm/make_expected_lsdv.R
suppressMessages({ library(spdep); library(spatialreg); library(Matrix); library(jsonlite) })
dir <- "test/reference/spatial/splm"
p <- read.csv(file.path(dir, "points272.csv")); d <- read.csv(file.path(dir, "panel272.csv"))
N <- nrow(p); Tn <- max(d$t)
d <- d[order(d$t, d$id), ]
W <- as(nb2listw(knn2nb(knearneigh(cbind(p$lon, p$lat), k = 6)), style = "W"), "CsparseMatrix")
WT <- kronecker(Diagonal(Tn), W)
lwT <- mat2listw(WT, style = "W")
for (v in c("x1", "x2", "x3")) d[[paste0("w", v)]] <- as.vector(WT %*% d[[v]])
d$fid <- factor(d$id); d$ft <- factor(d$t)
f <- lagsarlm(y ~ x1 + x2 + x3 + wx1 + wx2 + wx3 + fid + ft, data = d, listw = lwT, method = "LU")
cf <- coef(f)
out <- list(source = "spatialreg 1.2-6 lagsarlm, LSDV with unit and period dummies, I_T (x) W, method = 'LU'",
            rho = unname(f$rho), coefficients = as.list(cf[c("x1", "x2", "x3", "wx1", "wx2", "wx3")]),
            logLik = as.numeric(logLik(f)), sigma2 = unname(f$s2))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), file.path(dir, "expected_lsdv.json"))
