# Which two-way FE panel SDM is the maximum-likelihood estimator? Fit y_t = rho W y_t + X_t b + W X_t g + mu + alpha_t
# + e_t with the period effects as explicit dummy regressors by spatialreg 1.2-6 lagsarlm on the stacked N*T sample
# with block-diagonal weights I_T (x) W (sparse LU Jacobian: log|I_NT - rho I_T (x) W| = T log|I_N - rho W|). The
# unit effects are removed by the within-unit transformation M_T (x) I_N first: it commutes with I_T (x) W, so the
# residual sum of squares is that of unit dummies too (with 283 dummies spatialreg's numerical Hessian ran for minutes
# without finishing, and control fdHess = FALSE fails in 1.2-6). No period means are taken of a spatial lag: this is the Gaussian
# likelihood of the model with every effect estimated jointly (Lee & Yu 2010's direct approach).
# Same data as make_expected.R (kNN-6 W). Run from the project root:
#   Rscript test/reference/spatial/splm/make_expected_lsdv.R
suppressMessages({ library(spdep); library(spatialreg); library(Matrix); library(jsonlite) })
dir <- "test/reference/spatial/splm"
p <- read.csv(file.path(dir, "points272.csv")); d <- read.csv(file.path(dir, "panel272.csv"))
N <- nrow(p); Tn <- max(d$t)
d <- d[order(d$t, d$id), ]
W <- as(nb2listw(knn2nb(knearneigh(cbind(p$lon, p$lat), k = 6)), style = "W"), "CsparseMatrix")
WT <- kronecker(Diagonal(Tn), W)
lwT <- mat2listw(WT, style = "W")
for (v in c("x1", "x2", "x3")) d[[paste0("w", v)]] <- as.vector(WT %*% d[[v]])
within_unit <- function(v) v - ave(v, d$id)
for (v in c("y", "x1", "x2", "x3", "wx1", "wx2", "wx3")) d[[v]] <- within_unit(d[[v]])
d$ft <- factor(d$t)
f <- lagsarlm(y ~ x1 + x2 + x3 + wx1 + wx2 + wx3 + ft, data = d, listw = lwT, method = "LU")
cf <- coef(f)
out <- list(source = "spatialreg 1.2-6 lagsarlm on I_T (x) W, period dummies, within-unit data, method = 'LU'",
            rho = unname(f$rho), coefficients = as.list(cf[c("x1", "x2", "x3", "wx1", "wx2", "wx3")]),
            logLik = as.numeric(logLik(f)), sigma2 = unname(f$s2))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), file.path(dir, "expected_lsdv.json"))
