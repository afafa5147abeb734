# Expected numbers for kernel-lib/src/stats/proportions.ts from R's stats package (r-base-core):
# prop.test(correct = FALSE) and fisher.test on 2x2 tables. Run: Rscript make_expected.R
cases <- data.frame(
  x1 = c(74, 76, 10, 3, 45, 0),
  n1 = c(126, 125, 40, 17, 90, 12),
  x2 = c(80, 80, 25, 9, 40, 5),
  n2 = c(207, 208, 50, 11, 100, 20)
)
rows <- list()
for (i in seq_len(nrow(cases))) {
  cs <- cases[i, ]
  for (alt in c("two.sided", "greater", "less")) {
    pt <- suppressWarnings(prop.test(c(cs$x1, cs$x2), c(cs$n1, cs$n2), correct = FALSE, alternative = alt))
    ft <- fisher.test(matrix(c(cs$x1, cs$n1 - cs$x1, cs$x2, cs$n2 - cs$x2), nrow = 2, byrow = TRUE), alternative = alt)
    rows[[length(rows) + 1]] <- data.frame(
      x1 = cs$x1, n1 = cs$n1, x2 = cs$x2, n2 = cs$n2, alternative = alt,
      chi2 = unname(pt$statistic), prop_p = pt$p.value,
      conf_low = pt$conf.int[1], conf_high = pt$conf.int[2],
      fisher_p = ft$p.value
    )
  }
}
out <- do.call(rbind, rows)
write.csv(out, "expected_proportions.csv", row.names = FALSE)
cat(R.version.string, "\n", file = "R_VERSION.txt")
