# Independent reference for kernel-lib/src/panel/selection.ts: Oster (2019) beta* (delta = 1) and delta (beta = 0)
# in the closed forms of her restricted estimator, and the Altonji-Elder-Taber ratio, from lm() fits in base R on
# plm's Grunfeld data (grunfeld.csv, written by make_expected.R). Run from the repository root:
#   Rscript test/reference/panel/selection_reference.R
suppressPackageStartupMessages(library(jsonlite))
dir <- "test/reference/panel"
g <- read.csv(file.path(dir, "grunfeld.csv"))
one <- function(short, long, d, fe = FALSE) {
  s <- lm(short, g); l <- lm(long, g)
  bR <- unname(coef(s)[d]); bF <- unname(coef(l)[d]); rR <- summary(s)$r.squared; rF <- summary(l)$r.squared
  rmax <- min(1, 1.3 * rF)
  list(betaR = bR, betaF = bF, r2R = rR, r2F = rF, rmax = rmax,
       betaStar = bF - (bR - bF) * (rmax - rF) / (rF - rR),
       delta = bF * (rF - rR) / ((bR - bF) * (rmax - rF)),
       aet = bF / (bR - bF))
}
out <- list(pooled = one(inv ~ value, inv ~ value + capital, "value"),
            fe = one(inv ~ value + factor(firm), inv ~ value + capital + factor(firm), "value"))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), file.path(dir, "selection_expected.json"))
