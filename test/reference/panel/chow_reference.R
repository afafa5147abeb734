# Independent reference for chowTest (kernel-lib/src/panel/tests.ts): Chow F as anova() of the pooled lm against
# the fully interacted lm (every coefficient, intercept included, differs by group), on plm's Grunfeld data.
# strucchange is not installed; this is the textbook formula. Run from the repository root:
#   Rscript test/reference/panel/chow_reference.R
suppressPackageStartupMessages(library(jsonlite))
dir <- "test/reference/panel"
g <- read.csv(file.path(dir, "grunfeld.csv"))
g$half <- ifelse(g$firm <= 5, "big", "small")
g$era <- paste0("era", (g$year - 1935) %/% 7)          # three periods
chow <- function(grp) {
  g$G <- factor(g[[grp]])
  a <- anova(lm(inv ~ value + capital, g), lm(inv ~ (value + capital) * G, g))
  list(F = a$F[2], df1 = a$Df[2], df2 = a$Res.Df[2], p = a$`Pr(>F)`[2])
}
writeLines(toJSON(list(half = chow("half"), era = chow("era")), digits = NA, auto_unbox = TRUE), file.path(dir, "chow_expected.json"))
