# Golden numbers for the `regionlab iv` tests (test/panel_iv_cli.test.ts): AER::ivreg and sandwich from Debian on
# ivdiag_data.csv. Stata's small-sample forms: vcov(ivreg) (RSS/(N-K)), HC1, vcovCL HC1 = G/(G-1)(N-1)/(N-K);
# ivreg2's asymptotic forms: RSS/N, HC0, vcovCL HC0 without the G/(G-1) factor. Run from the repository root:
#   Rscript test/reference/panel/iv_cli_reference.R
suppressPackageStartupMessages({ library(AER); library(sandwich); library(jsonlite) })
dir <- "test/reference/panel"
d <- read.csv(file.path(dir, "ivdiag_data.csv"))
se <- function(V) unname(sqrt(diag(V)))
m <- ivreg(y ~ x1 + d1 + d2 | x1 + z1 + z2 + z3, data = d)
N <- nobs(m); K <- length(coef(m))
out <- list(pooled = list(
  names = names(coef(m)), coef = unname(coef(m)),
  small = list(iid = se(vcov(m)), hc1 = se(vcovHC(m, type = "HC1")), cluster = se(vcovCL(m, cluster = ~id, type = "HC1"))),
  asymptotic = list(iid = se(vcov(m) * (N - K) / N), hc1 = se(vcovHC(m, type = "HC0")), cluster = se(vcovCL(m, cluster = ~id, type = "HC0", cadjust = FALSE)))))
# unit fixed effects as dummies (LSDV 2SLS): slopes and small-sample iid SEs equal the within 2SLS
mw <- ivreg(y ~ x1 + d1 + factor(id) | x1 + z1 + z2 + factor(id), data = d)
out$within <- list(names = c("x1", "d1"), coef = unname(coef(mw)[c("x1", "d1")]), small = list(iid = se(vcov(mw)[c("x1", "d1"), c("x1", "d1")])))
# analytic weights (a deterministic weight column, written to iv_weighted.csv): AER's weighted 2SLS
d$w <- 0.5 + (d$id %% 4) + (d$year %% 3) / 4
write.csv(d, file.path(dir, "iv_weighted.csv"), row.names = FALSE)
mwt <- ivreg(y ~ x1 + d1 + d2 | x1 + z1 + z2 + z3, data = d, weights = w)
out$weighted <- list(names = names(coef(mwt)), coef = unname(coef(mwt)),
  small = list(iid = se(vcov(mwt)), hc1 = se(vcovHC(mwt, type = "HC1")), cluster = se(vcovCL(mwt, cluster = ~id, type = "HC1"))))
mwf <- ivreg(y ~ x1 + d1 + factor(id) | x1 + z1 + z2 + factor(id), data = d, weights = w)
out$weighted_within <- list(names = c("x1", "d1"), coef = unname(coef(mwf)[c("x1", "d1")]), small = list(iid = se(vcov(mwf)[c("x1", "d1"), c("x1", "d1")])))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), file.path(dir, "iv_cli_expected.json"))
