# Expected numbers for the poly() tests of test/panel_formula.test.ts: R's poly() basis itself, lm() and fixest's
# feols() with poly() terms, on Grunfeld (test/reference/panel/grunfeld*.csv) and Produc (produc.csv).
# Run from the repository root:  R_LIBS=<dir with fixest> Rscript test/reference/panel/poly_reference.R
source("test/reference/panel/panels.R")
fit <- function(m) { ct <- if (inherits(m, "fixest")) coeftable(m) else summary(m)$coefficients
  list(terms = rownames(ct), coef = unname(ct[, 1]), se = unname(ct[, 2])) }
out <- list(fixest_version = as.character(packageVersion("fixest")))
out$basis <- list(
  value3 = unname(unclass(poly(gu$value, 3))[, 1:3]),
  log_pcap4 = unname(unclass(poly(log(pr$pcap), 4))[, 1:4]))
out$models <- list(
  lm_poly2 = c(fit(lm(inv ~ poly(value, 2) + capital, g)), list(data = "grunfeld", formula = "inv ~ poly(value, 2) + capital")),
  lm_poly3_raw = c(fit(lm(inv ~ poly(value, 3, raw = TRUE) + capital, gu)), list(data = "grunfeld_unbalanced", formula = "inv ~ poly(value, 3, raw = TRUE) + capital")),
  lm_poly_degree = c(fit(lm(inv ~ capital + poly(value, degree = 2), gu)), list(data = "grunfeld_unbalanced", formula = "inv ~ capital + poly(value, degree = 2)")),
  feols_poly2_fe = c(fit(feols(inv ~ poly(value, 2) + capital | firm, g, vcov = "iid")), list(data = "grunfeld", formula = "inv ~ poly(value, 2) + capital | firm")),
  feols_produc = c(fit(feols(log(gsp) ~ poly(log(pcap), 3) + log(emp) + unemp | state + year, pr, vcov = "iid")), list(data = "produc", formula = "log(gsp) ~ poly(log(pcap), 3) + log(emp) + unemp | state + year")),
  feols_produc_raw = c(fit(feols(log(gsp) ~ poly(unemp, 2, raw = TRUE) + log(emp) | state, pr, vcov = "iid")), list(data = "produc", formula = "log(gsp) ~ poly(unemp, 2, raw = TRUE) + log(emp) | state")))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = FALSE, matrix = "columnmajor"), file.path(dir, "poly_expected.json"))
cat("written\n")
