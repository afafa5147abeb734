# Expected numbers for the default matching mode of test/causal_psm.test.ts, from MatchIt 4.7.1 built from its
# CRAN source (github cran/MatchIt) with Debian's R, after chk 0.10.0 and rlang 1.1.4 (Debian's rlang is 1.0.6;
# MatchIt needs >= 1.1.0), r-cran-rcppprogress from Debian. Run from the repository root:
#   R_LIBS=<dir with MatchIt 4.7.1> Rscript test/reference/causal/matchit47/make_expected.R
# Input: MatchIt's lalonde data as committed in test/reference/causal/lalonde.csv (same rows and order).
# For each case: MatchIt's propensity score (m$distance), the match matrix (0-based rows, in MatchIt's order of
# treated units), the weights, balance as summary(m) prints it, and the ATT as the weighted difference of means
# (= coef of lm(re78 ~ treat, weights = m$weights)). MatchIt's defaults: method "nearest", distance "glm" (logit), replace =
# FALSE, ratio 1, m.order "largest" for an estimated score; ties as its C++ search (src/internal.cpp find_control_vec).
suppressPackageStartupMessages({ library(MatchIt); library(jsonlite) })
stopifnot(packageVersion("MatchIt") >= "4.7.0")
dir <- "test/reference/causal"
l <- read.csv(file.path(dir, "lalonde.csv"))
rownames(l) <- l$name
f <- treat ~ age + educ + black + hispan + married + nodegree + re74 + re75
covs <- c("age", "educ", "black", "hispan", "married", "nodegree", "re74", "re75")
cases <- list(
  default = list(),
  nn1_rep = list(replace = TRUE),
  nn2 = list(ratio = 2),
  nn3_rep = list(ratio = 3, replace = TRUE),
  nn1_cal = list(caliper = 0.1),
  nn1_cal_abs = list(caliper = 0.02, std.caliper = FALSE),
  nn2_cal = list(ratio = 2, caliper = 0.05),
  nn1_smallest = list(m.order = "smallest"),
  nn1_data = list(m.order = "data"),
  nn1_probit = list(link = "probit"),
  nn1_discard = list(discard = "both")
)
out <- list(MatchIt_version = as.character(packageVersion("MatchIt")), cases = list())
for (nm in names(cases)) {
  a <- cases[[nm]]
  m <- do.call(matchit, c(list(formula = f, data = l), a))
  mm <- m$match.matrix
  idx <- apply(mm, c(1, 2), function(x) if (is.na(x)) NA_integer_ else match(x, rownames(l)))
  s <- summary(m, standardize = TRUE)
  w <- m$weights
  att <- unname(coef(lm(re78 ~ treat, data = l, weights = w))["treat"])
  out$cases[[nm]] <- list(
    args = a, method = m$info$method, replace = m$info$replace, reuse_max = attr(m$info$replace, "reuse.max"), link = m$info$link, distance = unname(m$distance),
    match = lapply(seq_len(nrow(idx)), function(i) as.integer(idx[i, ]) - 1L),
    treated_rows = match(rownames(mm), rownames(l)) - 1L,
    weights = unname(w),
    smd_before = as.list(s$sum.all[covs, "Std. Mean Diff."]),
    smd_after = as.list(s$sum.matched[covs, "Std. Mean Diff."]),
    n_matched_treated = sum(w[l$treat == 1] > 0), n_matched_control = sum(w[l$treat == 0] > 0),
    att = att)
}
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = FALSE, na = "null", null = "null"), file.path(dir, "matchit47", "expected.json"))
cat("written; default ATT", out$cases$default$att, "\n")
