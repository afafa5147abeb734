# Golden numbers for test/causal_psm.test.ts. Run from the repository root:
#   Rscript test/reference/causal/make_psm_expected.R
# MatchIt 4.5 (Debian r-cran-matchit) on its lalonde data (Dehejia-Wahba sample of LaLonde 1986, shipped with
# MatchIt, GPL): propensity scores (glm logit and probit), nearest-neighbour matches, calipers and balance as
# summary(m) prints; radius and kernel ATTs and the Abadie-Imbens variance coded here in R from the formulas.
suppressPackageStartupMessages({ library(MatchIt); library(jsonlite) })
dir <- "test/reference/causal"
data("lalonde", package = "MatchIt")
l <- lalonde
l$black <- as.integer(l$race == "black"); l$hispan <- as.integer(l$race == "hispan")
l$name <- rownames(lalonde)
write.csv(l[, c("name", "treat", "age", "educ", "race", "black", "hispan", "married", "nodegree", "re74", "re75", "re78")], file.path(dir, "lalonde.csv"), row.names = FALSE)
f <- treat ~ age + educ + black + hispan + married + nodegree + re74 + re75
covs <- c("age", "educ", "black", "hispan", "married", "nodegree", "re74", "re75")
out <- list()
for (link in c("logit", "probit")) {
  g <- glm(f, binomial(link), l, control = glm.control(epsilon = 1e-14, maxit = 100))  # converged to the MLE (glm default stops at 1e-8)
  out[[paste0("glm_", link)]] <- list(coef = as.list(coef(g)), se = as.list(sqrt(diag(vcov(g)))), fitted = unname(fitted(g)))
}
cases <- list(
  nn1 = list(ratio = 1, replace = FALSE),
  nn1_rep = list(ratio = 1, replace = TRUE),
  nn2 = list(ratio = 2, replace = FALSE),
  nn3_rep = list(ratio = 3, replace = TRUE),  # MatchIt 4.5.1 repeats one control per treated here (kosukeimai/MatchIt#159); reproduced by compat "matchit-4.5.1"
  # MatchIt 4.5.1-4.5.3 ignore these calipers on this build (distances go through C int abs(), #163): output equals nn1
  nn1_cal = list(ratio = 1, replace = FALSE, caliper = 0.1),
  nn1_cal_abs = list(ratio = 1, replace = FALSE, caliper = 0.02, std.caliper = FALSE),
  nn1_smallest = list(ratio = 1, replace = FALSE, m.order = "smallest"),
  nn1_data = list(ratio = 1, replace = FALSE, m.order = "data"),
  nn1_probit = list(ratio = 1, replace = FALSE, link = "probit")
)
for (nm in names(cases)) {
  a <- cases[[nm]]
  m <- do.call(matchit, c(list(formula = f, data = l, method = "nearest", distance = "glm"), a))
  mm <- m$match.matrix
  idx <- apply(mm, c(1, 2), function(x) if (is.na(x)) NA_integer_ else match(x, rownames(l)))
  s <- summary(m, standardize = TRUE)
  w <- m$weights
  att <- weighted.mean(l$re78[l$treat == 1], w[l$treat == 1]) - weighted.mean(l$re78[l$treat == 0], w[l$treat == 0])
  out[[nm]] <- list(
    args = a,
    match = lapply(seq_len(nrow(idx)), function(i) as.integer(idx[i, ]) - 1L),
    treated_rows = match(rownames(mm), rownames(l)) - 1L,
    weights = unname(w),
    smd_before = as.list(s$sum.all[covs, "Std. Mean Diff."]),
    smd_after = as.list(s$sum.matched[covs, "Std. Mean Diff."]),
    vr_before = as.list(s$sum.all[covs, "Var. Ratio"]),
    vr_after = as.list(s$sum.matched[covs, "Var. Ratio"]),
    mean_t_after = as.list(s$sum.matched[covs, "Means Treated"]),
    mean_c_after = as.list(s$sum.matched[covs, "Means Control"]),
    n_matched_treated = sum(w[l$treat == 1] > 0), n_matched_control = sum(w[l$treat == 0] > 0),
    att = att)
  names(out[[nm]]$smd_before) <- covs; names(out[[nm]]$smd_after) <- covs
}
# Radius (caliper r on the logit score, all controls within r, equal weights per treated) and Epanechnikov /
# Gaussian kernel matching (psmatch2 conventions: bandwidth 0.06, weights K((p_j - p_i)/h) normalised per
# treated unit; treated units without a control in range dropped), coded from the definitions.
p <- out$glm_logit$fitted; tr <- which(l$treat == 1); co <- which(l$treat == 0); y <- l$re78
rad <- function(r) { eff <- c(); for (i in tr) { j <- co[abs(p[co] - p[i]) <= r]; if (length(j)) eff <- c(eff, y[i] - mean(y[j])) }; list(att = mean(eff), n = length(eff)) }
ker <- function(h, type) { eff <- c(); for (i in tr) { u <- (p[co] - p[i]) / h; k <- if (type == "epan") ifelse(abs(u) < 1, 0.75 * (1 - u^2), 0) else dnorm(u); if (sum(k) > 0) eff <- c(eff, y[i] - sum(k * y[co]) / sum(k)) }; list(att = mean(eff), n = length(eff)) }
out$radius_0.01 <- rad(0.01); out$radius_0.05 <- rad(0.05)
out$kernel_epan_0.06 <- ker(0.06, "epan"); out$kernel_normal_0.06 <- ker(0.06, "normal")
# Abadie-Imbens (2006) ATT variance for M-nearest matching with replacement on the logit score, conditional
# variance by J = 2 same-group neighbours: V = 1/N1^2 * sum[ D (Y - Y0hat - tau)^2 + (1-D) K(K-1)/M^2 s2 ]
# + 1/N1^2 sum (1-D) K/M ... written in the form Var = (1/N1^2)(sum_D (Y_i - Y0hat_i - tau)^2 + sum_C (K_M(i)^2 - K'_M(i))/M^2 s2_i)
ai <- function(M, J = 2) {
  n <- nrow(l); D <- l$treat
  # matches: all controls at distance <= M-th smallest (ties included), as Abadie-Imbens
  Km <- rep(0, n); Kp <- rep(0, n); y0 <- rep(NA, n)
  for (i in tr) {
    dd <- abs(p[co] - p[i]); cut <- sort(dd)[M]; j <- co[dd <= cut]
    y0[i] <- mean(y[j]); Km[j] <- Km[j] + 1 / length(j); Kp[j] <- Kp[j] + 1 / length(j)^2
  }
  tau <- mean(y[tr] - y0[tr])
  s2 <- rep(0, n)
  for (i in seq_len(n)) {
    same <- setdiff(which(D == D[i]), i); dd <- abs(p[same] - p[i]); cut <- sort(dd)[J]; j <- same[dd <= cut]
    s2[i] <- length(j) / (length(j) + 1) * (y[i] - mean(y[j]))^2
  }
  N1 <- length(tr)
  V <- (sum((y[tr] - y0[tr] - tau)^2) + sum(((Km^2 - Kp) * s2)[co])) / N1^2
  list(att = tau, se = sqrt(V))
}
out$ai_m1 <- ai(1); out$ai_m3 <- ai(3)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = FALSE, na = "null"), file.path(dir, "psm_expected.json"))
cat(out$nn1$att, out$ai_m1$att, out$ai_m1$se, "\n")
