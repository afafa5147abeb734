# Expected Driscoll–Kraay standard errors for vcov dk() (test/panel-dk.test.ts), from three independent sources:
#  - fixest 0.14.2 (built from its CRAN source): feols(..., vcov = "DK" / DK(L)) with panel.id, its default ssc;
#  - R plm 2.6.2 (Debian r-cran-plm): vcovSCC(type = "HC0") (no small-sample factor), on plm() fits;
#  - Stata xtscc's documented conventions (Hoechle 2007, xtscc.ado v1.4): the same Bartlett-kernel meat, scaled by
#    T/(T-1) * (N-1)/(N-K) with K = regressors + _cons, lag m(T) = floor(4 (T/100)^(2/9)), t with T-1 df. Stata itself
#    is not available here: this case is plm's HC0 vcovSCC times that documented factor.
# Run from the repository root: Rscript test/reference/panel/dk_reference.R
.libPaths(c("/work/rlib", .libPaths()))
suppressPackageStartupMessages({ library(fixest); library(plm) })
setFixest_nthreads(1)
out <- list()
add <- function(case, terms, est, se, df) {
  out[[length(out) + 1]] <<- data.frame(case = case, term = terms, estimate = unname(est), std_error = unname(se),
                                         df = df, row.names = NULL)
}
dir <- "test/reference/panel"
g <- read.csv(file.path(dir, "grunfeld.csv"))
gu <- read.csv(file.path(dir, "grunfeld_unbalanced.csv"))
pr <- read.csv(file.path(dir, "produc.csv"))
pr$lgsp <- log(pr$gsp); pr$lpcap <- log(pr$pcap); pr$lpc <- log(pr$pc); pr$lemp <- log(pr$emp)

fx <- function(case, fml, d, id, L = NULL) {
  v <- if (is.null(L)) "DK" else DK(L)
  est <- feols(fml, d, panel.id = c(id, "year"), vcov = v)
  ct <- coeftable(est)
  add(case, rownames(ct), ct[, 1], ct[, 2], fitstat(est, "g")[[1]] - 1)
}
# fixest: default lag floor(T^(1/4)), ssc: T/(T-1) * (N-1)/(N-K)
fx("fixest_twfe_grunfeld", inv ~ value + capital | firm + year, g, "firm")
fx("fixest_fe_grunfeld_L3", inv ~ value + capital | firm, g, "firm", 3)
fx("fixest_pooled_grunfeld", inv ~ value + capital, g, "firm")
fx("fixest_twfe_unbalanced", inv ~ value + capital | firm + year, gu, "firm")
fx("fixest_fe_produc", lgsp ~ lpcap + lpc + lemp + unemp | state, pr, "state")

pl <- function(case, fml, d, id, model, effect, L = NULL, stata = FALSE) {
  p <- pdata.frame(d, index = c(id, "year"))
  est <- plm(fml, p, model = model, effect = effect)
  T <- length(unique(d$year))
  lag <- if (!is.null(L)) L else if (stata) floor(4 * (T / 100)^(2 / 9)) else floor(T^(1 / 4))
  V <- vcovSCC(est, type = "HC0", maxlag = lag)
  df <- df.residual(est)
  if (stata) {
    N <- nobs(est); K <- length(coef(est)) + (model == "within")
    V <- V * (T / (T - 1)) * ((N - 1) / (N - K))
    df <- T - 1
  }
  add(case, names(coef(est)), coef(est), sqrt(diag(V)), df)
}
# plm vcovSCC, HC0 (plm's default type for vcovSCC)
pl("plm_fe_grunfeld", inv ~ value + capital, g, "firm", "within", "individual")
pl("plm_twfe_grunfeld_L3", inv ~ value + capital, g, "firm", "within", "twoways", 3)
pl("plm_pooled_produc", lgsp ~ lpcap + lpc + lemp + unemp, pr, "state", "pooling", "individual")
# Stata xtscc conventions (see the header)
pl("xtscc_fe_grunfeld", inv ~ value + capital, g, "firm", "within", "individual", stata = TRUE)
pl("xtscc_pooled_grunfeld", inv ~ value + capital, g, "firm", "pooling", "individual", stata = TRUE)
pl("xtscc_fe_produc_L4", lgsp ~ lpcap + lpc + lemp + unemp, pr, "state", "within", "individual", 4, stata = TRUE)
res <- do.call(rbind, out)
write.csv(res, file.path(dir, "dk_expected.csv"), row.names = FALSE)
cat(sprintf("fixest %s, plm %s: %d rows\n", packageVersion("fixest"), packageVersion("plm"), nrow(res)))
