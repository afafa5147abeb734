# Expected numbers for test/causal_cs_did.test.ts, from R's did package (Callaway & Sant'Anna) on its own
# public example data mpdta (county teen employment, 500 counties x 2003-2007). Run from the repository root:
#   R_LIBS=<dir with did 2.1.2, DRDID 1.0.6, BMisc 1.4.6, trust> Rscript test/reference/causal/cs_did/make_expected.R
# did, DRDID (1.0.6: the last pure-R release; 1.0.7+ need Rcpp >= 1.0.12, newer than Debian's), BMisc and trust
# are built from their CRAN sources (github cran/<pkg>) with `R CMD INSTALL -l <dir>`.
# Writes mpdta.csv (mpdta plus one seeded time-varying covariate, x_tv, so that the base-period covariate rule
# is exercised) and expected.json. Analytical SEs: bstrap = FALSE; bootstrap SEs: set.seed stated per block.
suppressPackageStartupMessages({ library(did); library(jsonlite) })
dir <- "test/reference/causal/cs_did"
data(mpdta)
d <- mpdta[order(mpdta$countyreal, mpdta$year), c("countyreal", "year", "first.treat", "treat", "lemp", "lpop")]
set.seed(20261202)
d$x_tv <- round(d$lpop / 4 + rnorm(nrow(d), 0, 0.5) + 0.1 * (d$year - 2003), 6)
rownames(d) <- NULL
write.csv(d, file.path(dir, "mpdta.csv"), row.names = FALSE)
d <- read.csv(file.path(dir, "mpdta.csv"))

fit <- function(xf, est, control, bstrap = FALSE, biters = 1000) {
  att_gt(yname = "lemp", tname = "year", idname = "countyreal", gname = "first.treat", xformla = xf, data = d,
         est_method = est, control_group = control, bstrap = bstrap, biters = biters, cband = bstrap)
}
cells <- function(a) lapply(seq_along(a$att), function(k) list(group = a$group[k], time = a$t[k], att = a$att[k], se = a$se[k]))
# did 2.1.2's overall SE of the group aggregation passes the cells' group labels (group[1:nG]) instead of the
# groups (glist) to the weights' influence function; upstream fixed this in did PR #223 (2025, did >= 2.2:
# `group = glist`). did >= 2.2 needs DRDID >= 1.3 and Rcpp >= 1.0.12, newer than Debian's, so the fixed value
# is recomputed here with did 2.1.2's own functions (did:::wif, did:::get_agg_inf_func) and that argument
# corrected; did 2.1.2's printed value is kept as overall_se_did212.
group_overall_se_fixed <- function(a, g) {
  dp <- a$DIDparams
  data <- as.data.frame(dp$data)
  dta <- data[data[, dp$tname] == dp$tlist[1], ]
  glist <- dp$glist
  pgg <- sapply(glist, function(gg) mean(dta$.w * (dta[, dp$gname] == gg)))
  w <- did:::wif(keepers = seq_along(glist), pg = pgg, weights.ind = dta$.w, G = dta[, dp$gname], group = glist)
  inf <- as.numeric(did:::get_agg_inf_func(att = g$att.egt, inffunc1 = g$inf.function$selective.inf.func.g,
    whichones = seq_along(glist), weights.agg = pgg / sum(pgg), wif = w))
  sqrt(mean(inf^2) / length(inf))
}
agg <- function(a, type, ...) {
  g <- aggte(a, type = type, bstrap = FALSE, cband = FALSE, ...)
  r <- list(overall = g$overall.att, overall_se = g$overall.se,
       by = if (is.null(g$egt)) list() else lapply(seq_along(g$egt), function(k) list(key = g$egt[k], att = g$att.egt[k], se = g$se.egt[k])))
  if (type == "group") { r$overall_se_did212 <- g$overall.se; r$overall_se <- group_overall_se_fixed(a, g) }
  r
}
pretest <- function(a) {
  if (is.null(a$W)) return(NULL)
  q <- sum(a$group > a$t)
  list(W = as.numeric(a$W), df = q, p = pchisq(as.numeric(a$W), q, lower.tail = FALSE), p_printed = as.numeric(a$Wpval))
}
out <- list(did_version = as.character(packageVersion("did")), DRDID_version = as.character(packageVersion("DRDID")), cases = list())
specs <- list(
  list(name = "unc_never", xf = ~1, est = "dr", control = "nevertreated"),
  list(name = "unc_notyet", xf = ~1, est = "dr", control = "notyettreated"),
  list(name = "reg_never", xf = ~lpop, est = "reg", control = "nevertreated"),
  list(name = "ipw_never", xf = ~lpop, est = "ipw", control = "nevertreated"),
  list(name = "dr_never", xf = ~lpop, est = "dr", control = "nevertreated"),
  list(name = "reg_notyet", xf = ~lpop, est = "reg", control = "notyettreated"),
  list(name = "ipw_notyet", xf = ~lpop, est = "ipw", control = "notyettreated"),
  list(name = "dr_notyet", xf = ~lpop, est = "dr", control = "notyettreated"),
  list(name = "dr_never_tv", xf = ~lpop + x_tv, est = "dr", control = "nevertreated"),
  list(name = "ipw_notyet_tv", xf = ~x_tv, est = "ipw", control = "notyettreated"),
  list(name = "reg_never_tv", xf = ~x_tv, est = "reg", control = "nevertreated")
)
for (s in specs) {
  a <- fit(s$xf, s$est, s$control)
  out$cases[[s$name]] <- list(
    covariates = all.vars(s$xf), estimator = s$est, control = s$control,
    cells = cells(a), pretest = pretest(a),
    simple = agg(a, "simple"), group = agg(a, "group"), calendar = agg(a, "calendar"), dynamic = agg(a, "dynamic"),
    dynamic_balance1 = agg(a, "dynamic", balance_e = 1),
    dynamic_balance0 = agg(a, "dynamic", balance_e = 0),
    dynamic_min2_max2 = agg(a, "dynamic", min_e = -2, max_e = 2),
    dynamic_balance1_min1_max1 = agg(a, "dynamic", balance_e = 1, min_e = -1, max_e = 1),
    simple_max1 = agg(a, "simple", max_e = 1),
    group_max1 = agg(a, "group", max_e = 1))
}
# did's sample rules: units treated in the first period are dropped, adoption after the last period counts as
# never treated. Same data with first.treat = 2003 for countyreal %% 17 == 0 and 2009 for countyreal %% 19 == 0.
de <- d
de$first.treat[de$countyreal %% 17 == 0] <- 2003
de$first.treat[de$countyreal %% 19 == 0] <- 2009
ae <- suppressWarnings(att_gt(yname = "lemp", tname = "year", idname = "countyreal", gname = "first.treat", xformla = ~lpop,
  data = de, est_method = "dr", bstrap = FALSE, cband = FALSE))
out$edge <- list(n = ae$n, dropped = length(unique(d$countyreal)) - ae$n, cells = cells(ae), pretest = pretest(ae),
  simple = agg(ae, "simple"), dynamic = agg(ae, "dynamic"))
# Multiplier bootstrap (did's default inference), for comparison in distribution: Rademacher weights, SE from the
# IQR, sup-t critical value over the cells / the event times. 20000 draws, seeds stated.
boot <- list()
for (s in specs[c(1, 5)]) {
  set.seed(42)
  a <- fit(s$xf, s$est, s$control, bstrap = TRUE, biters = 20000)
  set.seed(43)
  e <- aggte(a, type = "dynamic", bstrap = TRUE, cband = TRUE, biters = 20000)
  boot[[s$name]] <- list(seed_att_gt = 42, seed_aggte = 43, draws = 20000,
    cell_se = as.numeric(a$se), crit = as.numeric(a$c),
    dynamic_se = as.numeric(e$se.egt), dynamic_crit = as.numeric(e$crit.val.egt))
}
out$bootstrap <- boot
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, null = "null", na = "null", pretty = FALSE), file.path(dir, "expected.json"))
cat("written", file.path(dir, "expected.json"), "\n")
