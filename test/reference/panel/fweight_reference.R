# Frequency weights by their definition: the regression on the data with each row repeated w times (lm and plm
# on the expanded data, Debian's R). Input: grunfeld.csv with a whole-number weight column written to
# grunfeld_fweight.csv. Run from the repository root: Rscript test/reference/panel/fweight_reference.R
suppressPackageStartupMessages({ library(plm); library(sandwich); library(jsonlite) })
dir <- "test/reference/panel"
g <- read.csv(file.path(dir, "grunfeld.csv"))
g$fw <- 1 + (g$firm + g$year) %% 3
g$fw[c(5, 17)] <- 0
write.csv(g[, c("firm", "year", "inv", "value", "capital", "fw")], file.path(dir, "grunfeld_fweight.csv"), row.names = FALSE)
x <- g[rep(seq_len(nrow(g)), g$fw), ]
se <- function(V) unname(sqrt(diag(V)))
ols <- lm(inv ~ value + capital, x)
fe <- lm(inv ~ value + capital + factor(firm), x)
out <- list(
  pooled = list(coef = unname(coef(ols)), se_iid = se(vcov(ols)), se_hc1 = se(vcovHC(ols, "HC1")), nobs = nobs(ols), r2 = summary(ols)$r.squared),
  fe = list(coef = unname(coef(fe)[2:3]), se_iid = se(vcov(fe))[2:3], nobs = nobs(fe)))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), file.path(dir, "fweight_expected.json"))
