# Expected standard errors for PanelFit.withVcov / IvResult.withVcov (test/panel-withvcov.test.ts): fixest 0.14.2
# (built from its CRAN source into /work/rlib) fits once and recomputes each vcov with summary(est, vcov = ...).
# Run from the repository root: Rscript test/reference/panel/withvcov_reference.R
.libPaths(c("/work/rlib", .libPaths()))
suppressPackageStartupMessages(library(fixest))
setFixest_nthreads(1)
out <- list()
add <- function(model, vcov, est) {
  ct <- coeftable(est)
  out[[length(out) + 1]] <<- data.frame(model = model, vcov = vcov, term = rownames(ct), estimate = ct[, 1],
                                         std_error = ct[, 2], p_value = ct[, 4], row.names = NULL)
}
g <- read.csv("test/reference/panel/grunfeld.csv")
ols <- feols(inv ~ value + capital | firm + year, g, vcov = "iid")
add("feols_twfe", "iid", ols)
add("feols_twfe", "hetero", summary(ols, vcov = "hetero"))
add("feols_twfe", "cluster_firm", summary(ols, vcov = ~firm))
add("feols_twfe", "cluster_firm_year", summary(ols, vcov = ~firm + year))
pooled <- feols(inv ~ value + capital, g, vcov = "iid")
add("feols_pooled", "hetero", summary(pooled, vcov = "hetero"))
add("feols_pooled", "cluster_firm", summary(pooled, vcov = ~firm))
d <- read.csv("test/reference/panel/ivdiag_data.csv")
iv <- feols(y ~ x1 | id + year | d1 ~ z1 + z2, d, vcov = "iid")
add("iv_twfe", "iid", iv)
add("iv_twfe", "hetero", summary(iv, vcov = "hetero"))
add("iv_twfe", "cluster_id", summary(iv, vcov = ~id))
add("iv_twfe", "cluster_id_year", summary(iv, vcov = ~id + year))
res <- do.call(rbind, out)
write.csv(res, "test/reference/panel/withvcov_expected.csv", row.names = FALSE)
cat(sprintf("fixest %s: %d rows\n", packageVersion("fixest"), nrow(res)))
