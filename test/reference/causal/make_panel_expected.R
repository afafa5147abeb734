# Golden numbers for test/causal*.test.ts (panel part). Run from the repository root:
#   Rscript test/reference/causal/make_panel_expected.R
# Writes staggered_panel.csv (seeded synthetic staggered-adoption panel, committed) and panel_expected.json.
# Every expected number comes from R (plm, sandwich, lm) or from the published formulas coded here in R,
# independently of regionlab: TWFE (plm within twoways + vcovHC arellano), event study with binned end
# points, Sun-Abraham (lm with cohort x relative-time dummies + vcovCL), Callaway-Sant'Anna (2021) group-time
# ATTs (unconditional 2x2 DIDs; outcome regression, IPW (Hajek) and doubly robust as Sant'Anna-Zhao 2020 /
# DRDID::reg_did_panel, std_ipw_did_panel, drdid_panel) with the did package's aggregation rules, and the
# Goodman-Bacon (2021) decomposition.
suppressPackageStartupMessages({ library(plm); library(sandwich); library(jsonlite) })
dir <- "test/reference/causal"
set.seed(20250815)
N <- 80; years <- 2001:2012; TT <- length(years)
G <- rep(c(0, 2005, 2007, 2010), each = N / 4)
xc <- rnorm(N) + ifelse(G == 0, -0.3, ifelse(G == 2005, 0.4, 0.1))
a <- rnorm(N) + 0.5 * xc
lam <- cumsum(rnorm(TT, 0.1, 0.2))
d <- expand.grid(year = years, id = 1:N)[, c("id", "year")]
d$cohort <- G[d$id]; d$xc <- xc[d$id]
d$x1 <- rnorm(nrow(d)) + 0.2 * d$xc
d$D <- as.integer(d$cohort > 0 & d$year >= d$cohort)
te <- ifelse(d$D == 1, 1 + 0.15 * (d$year - d$cohort) + 0.3 * (d$cohort == 2005), 0)
d$y <- a[d$id] + lam[d$year - 2000] + 0.5 * d$x1 + 0.3 * d$xc * (d$year - 2001) / 10 + te + rnorm(nrow(d))
d$region <- paste0("r", (d$id - 1) %/% 10)
write.csv(d, file.path(dir, "staggered_panel.csv"), row.names = FALSE)

out <- list()
se <- function(V) as.list(sqrt(diag(V)))
pd <- pdata.frame(d, index = c("id", "year"))
# 1. TWFE DID
m <- plm(y ~ D + x1, pd, model = "within", effect = "twoways")
out$twfe <- list(coef = as.list(coef(m)), se_hc0 = se(vcovHC(m, method = "arellano", type = "HC0", cluster = "group")))
m0 <- plm(y ~ D, pd, model = "within", effect = "twoways")
out$twfe_nocov <- list(coef = as.list(coef(m0)))
ml <- lm(y ~ D + x1 + factor(id) + factor(year), d)
out$twfe_lm_hc1 <- list(coef = as.list(coef(ml)[c("D", "x1")]), se = as.list(sqrt(diag(vcovCL(ml, cluster = ~id, type = "HC1")))[c("D", "x1")]))
# cluster by region (a coarser cluster)
out$twfe_region <- list(se_hc0 = as.list(sqrt(diag(vcovCL(ml, cluster = ~region, type = "HC0", cadjust = FALSE)))[c("D", "x1")]))

# 2. Event study: leads 4 (rel <= -4 binned), lags 4 (rel >= 4 binned), reference -1, never-treated all zero
rel <- ifelse(d$cohort > 0, d$year - d$cohort, NA)
K <- 4; L <- 4
evn <- c()
for (e in c(-K:-2, 0:L)) {
  nm <- if (e < 0) paste0("ev_m", -e) else paste0("ev_p", e)
  v <- if (e == -K) !is.na(rel) & rel <= -K else if (e == L) !is.na(rel) & rel >= L else !is.na(rel) & rel == e
  d[[nm]] <- as.integer(v); evn <- c(evn, nm)
}
f <- as.formula(paste("y ~", paste(c(evn, "x1"), collapse = " + "), "+ factor(id) + factor(year)"))
me <- lm(f, d)
Ve <- vcovCL(me, cluster = ~id, type = "HC0", cadjust = FALSE)[c(evn, "x1"), c(evn, "x1")]
b <- coef(me)[c(evn, "x1")]
pre <- paste0("ev_m", K:2)
W <- as.numeric(t(b[pre]) %*% solve(Ve[pre, pre]) %*% b[pre])
out$event <- list(terms = evn, coef = as.list(b), se_hc0 = as.list(sqrt(diag(Ve))), pretrend_chi2 = W, pretrend_df = length(pre),
  pretrend_p_chi2 = pchisq(W, length(pre), lower.tail = FALSE))
pde <- pdata.frame(d, index = c("id", "year"))
mep <- plm(as.formula(paste("y ~", paste(c(evn, "x1"), collapse = " + "))), pde, model = "within", effect = "twoways")
out$event$plm_coef <- as.list(coef(mep))

# 3. Sun-Abraham: cohort x relative-time dummies (all e except -1), never-treated control
sa_terms <- c(); sa_g <- c(); sa_e <- c()
for (g in c(2005, 2007, 2010)) for (e in (min(years) - g):(max(years) - g)) if (e != -1) {
  nm <- paste0("sa_", g, "_", ifelse(e < 0, paste0("m", -e), paste0("p", e)))
  d[[nm]] <- as.integer(d$cohort == g & d$year - g == e)
  sa_terms <- c(sa_terms, nm); sa_g <- c(sa_g, g); sa_e <- c(sa_e, e)
}
fs <- as.formula(paste("y ~", paste(c(sa_terms, "x1"), collapse = " + "), "+ factor(id) + factor(year)"))
ms <- lm(fs, d)
Vs <- vcovCL(ms, cluster = ~id, type = "HC0", cadjust = FALSE)[sa_terms, sa_terms]
bs <- coef(ms)[sa_terms]
ng <- sapply(sa_g, function(g) sum(G == g))
es <- sort(unique(sa_e)); agg <- list()
for (e in es) {
  k <- which(sa_e == e); w <- rep(0, length(sa_terms)); w[k] <- ng[k] / sum(ng[k])
  agg[[length(agg) + 1]] <- list(rel_time = e, estimate = sum(w * bs), std_error = sqrt(as.numeric(t(w) %*% Vs %*% w)))
}
k <- which(sa_e >= 0); w <- rep(0, length(sa_terms)); w[k] <- ng[k] / sum(ng[k])
out$sunab <- list(cohort_coef = as.list(bs), cohort_se = as.list(sqrt(diag(Vs))), event = agg,
  att = sum(w * bs), att_se = sqrt(as.numeric(t(w) %*% Vs %*% w)))

# 4. Callaway-Sant'Anna
wide_y <- matrix(d$y, nrow = N, byrow = TRUE)  # rows id, cols years (d ordered by id then year)
stopifnot(all(d$id == rep(1:N, each = TT)))
groups <- sort(unique(G[G > 0]))
cs_one <- function(control, est, covs) {
  cells <- list(); infl <- NULL
  for (g in groups) for (tt in years[-1]) {
    base <- if (tt >= g) g - 1 else tt - 1
    dy <- wide_y[, tt - 2000] - wide_y[, base - 2000]
    Dg <- G == g
    C <- if (control == "never") G == 0 else (G == 0 | G > max(tt, base)) & G != g
    keep <- Dg | C
    n <- N
    if (!covs) {
      m1 <- mean(dy[Dg]); m0 <- mean(dy[C]); att <- m1 - m0
      p1 <- mean(Dg); p0 <- mean(C)
      psi <- Dg * (dy - m1) / p1 - C * (dy - m0) / p0
    } else {
      X <- cbind(1, xc)
      if (est == "reg") {
        beta <- coef(lm(dy[C] ~ xc[C]))
        att <- mean(dy[Dg] - X[Dg, ] %*% beta)
      } else {
        ds <- data.frame(D = as.integer(Dg[keep]), xc = xc[keep])
        ps <- fitted(glm(D ~ xc, binomial, ds))
        psa <- rep(NA, N); psa[keep] <- ps
        w0 <- ifelse(C, psa / (1 - psa), 0)
        if (est == "ipw") att <- mean(dy[Dg]) - sum(w0 * dy) / sum(w0)
        else {
          beta <- coef(lm(dy[C] ~ xc[C])); m0x <- as.numeric(X %*% beta)
          att <- mean(dy[Dg] - m0x[Dg]) - sum(w0 * (dy - m0x)) / sum(w0)
        }
      }
      psi <- rep(NA, N)
    }
    cells[[length(cells) + 1]] <- list(group = g, time = tt, att = att, se = sqrt(sum(psi^2)) / N)
    infl <- cbind(infl, psi)
  }
  list(cells = cells, infl = infl)
}
pg_all <- sapply(groups, function(g) mean(G == g))
aggregate_cs <- function(r) {
  cg <- sapply(r$cells, `[[`, "group"); ct <- sapply(r$cells, `[[`, "time"); att <- sapply(r$cells, `[[`, "att")
  pg <- pg_all[match(cg, groups)]
  have_if <- !anyNA(r$infl)
  wagg <- function(k) {  # pg-weighted combination of cells k, with the weight-estimation term
    S <- sum(pg[k]); w <- pg[k] / S; est <- sum(w * att[k])
    if (!have_if) return(list(est = est, inf = rep(NA, N)))
    ind <- sapply(cg[k], function(g) as.numeric(G == g))
    if (is.null(dim(ind))) ind <- matrix(ind, ncol = length(k))
    dev <- sweep(ind, 2, pg[k])
    wif <- dev / S - (rowSums(dev) %o% pg[k]) / S^2
    list(est = est, inf = r$infl[, k, drop = FALSE] %*% w + wif %*% att[k])
  }
  sef <- function(inf) sqrt(sum(inf^2)) / N
  simple <- wagg(which(ct >= cg))
  dyn <- list(); es <- sort(unique(ct - cg)); dinf <- NULL
  for (e in es) { a <- wagg(which(ct - cg == e)); dyn[[length(dyn) + 1]] <- list(e = e, att = a$est, se = sef(a$inf)); if (e >= 0) dinf <- cbind(dinf, a$inf) }
  dyn_overall <- mean(sapply(Filter(function(z) z$e >= 0, dyn), `[[`, "att"))
  grp <- list(); ginf <- NULL; gatt <- c()
  for (g in groups) { k <- which(cg == g & ct >= g); est <- mean(att[k]); inf <- rowMeans(r$infl[, k, drop = FALSE]); grp[[length(grp) + 1]] <- list(g = g, att = est, se = sef(inf)); ginf <- cbind(ginf, inf); gatt <- c(gatt, est) }
  S <- sum(pg_all); wg <- pg_all / S
  dev <- sapply(groups, function(g) as.numeric(G == g)) - matrix(pg_all, N, length(groups), byrow = TRUE)
  wifg <- dev / S - (rowSums(dev) %o% pg_all) / S^2
  g_overall_inf <- ginf %*% wg + wifg %*% gatt
  cal <- list(); cinf <- NULL
  for (tt in sort(unique(ct[ct >= min(groups)]))) { a <- wagg(which(ct == tt & cg <= tt)); cal[[length(cal) + 1]] <- list(t = tt, att = a$est, se = sef(a$inf)); cinf <- cbind(cinf, a$inf) }
  list(simple = list(att = simple$est, se = sef(simple$inf)),
       dynamic = list(by = dyn, overall = dyn_overall, overall_se = if (have_if) sef(rowMeans(dinf)) else NA),
       group = list(by = grp, overall = sum(wg * gatt), overall_se = if (have_if) sef(g_overall_inf) else NA),
       calendar = list(by = cal, overall = mean(sapply(cal, `[[`, "att")), overall_se = if (have_if) sef(rowMeans(cinf)) else NA))
}
out$cs <- list()
for (control in c("never", "notyet")) {
  r <- cs_one(control, "none", FALSE)
  out$cs[[paste0(control, "_unc")]] <- list(cells = r$cells, agg = aggregate_cs(r))
  for (est in c("reg", "ipw", "dr")) {
    r <- cs_one(control, est, TRUE)
    out$cs[[paste0(control, "_", est)]] <- list(cells = r$cells, agg = aggregate_cs(r))
  }
}

# 5. Goodman-Bacon decomposition (no covariates, balanced, no always-treated)
Dm <- matrix(d$D, nrow = N, byrow = TRUE)
Dt <- Dm - outer(rowMeans(Dm), rep(1, TT)) - outer(rep(1, N), colMeans(Dm)) + mean(Dm)
VD <- mean(Dt^2)
ybar <- function(ids, yrs) mean(wide_y[ids, yrs - 2000])
nk <- sapply(groups, function(g) mean(G == g)); nU <- mean(G == 0)
Dbar <- sapply(groups, function(g) mean(years >= g))
comps <- list()
for (i in seq_along(groups)) {
  g <- groups[i]; k <- which(G == g); U <- which(G == 0)
  nkU <- nk[i] / (nk[i] + nU)
  s <- (nk[i] + nU)^2 * nkU * (1 - nkU) * Dbar[i] * (1 - Dbar[i]) / VD
  post <- years[years >= g]; prey <- years[years < g]
  b <- (ybar(k, post) - ybar(k, prey)) - (ybar(U, post) - ybar(U, prey))
  comps[[length(comps) + 1]] <- list(type = "treated_vs_never", treated = g, control = 0, weight = s, estimate = b)
}
for (i in seq_along(groups)) for (j in seq_along(groups)) if (groups[i] < groups[j]) {
  gk <- groups[i]; gl <- groups[j]; k <- which(G == gk); l <- which(G == gl)
  nkl <- nk[i] / (nk[i] + nk[j]); Dk <- Dbar[i]; Dl <- Dbar[j]
  s1 <- ((nk[i] + nk[j]) * (1 - Dl))^2 * nkl * (1 - nkl) * ((Dk - Dl) / (1 - Dl)) * ((1 - Dk) / (1 - Dl)) / VD
  win <- years[years < gl]; post <- win[win >= gk]; prey <- win[win < gk]
  b1 <- (ybar(k, post) - ybar(k, prey)) - (ybar(l, post) - ybar(l, prey))
  comps[[length(comps) + 1]] <- list(type = "earlier_vs_later", treated = gk, control = gl, weight = s1, estimate = b1)
  s2 <- ((nk[i] + nk[j]) * Dk)^2 * nkl * (1 - nkl) * (Dl / Dk) * ((Dk - Dl) / Dk) / VD
  win <- years[years >= gk]; post <- win[win >= gl]; prey <- win[win < gl]
  b2 <- (ybar(l, post) - ybar(l, prey)) - (ybar(k, post) - ybar(k, prey))
  comps[[length(comps) + 1]] <- list(type = "later_vs_earlier", treated = gl, control = gk, weight = s2, estimate = b2)
}
out$bacon <- list(components = comps, twfe = unname(coef(m0)["D"]), sum_weights = sum(sapply(comps, `[[`, "weight")),
  weighted = sum(sapply(comps, function(z) z$weight * z$estimate)))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = FALSE), file.path(dir, "panel_expected.json"))
cat("bacon check:", out$bacon$weighted, out$bacon$twfe, out$bacon$sum_weights, "\n")
