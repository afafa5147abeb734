# Golden numbers for test/panel*.test.ts. Run from the repository root:
#   Rscript test/reference/panel/make_expected.R
# Inputs: plm's Grunfeld (exported to grunfeld.csv, plus a deterministic unbalanced subset and a text column
# `grp` used as a third fixed effect) and ../shared/reference-data/spatial_panel/produc_panel_with_WX.csv (read
# in place). Every expected number below comes from R (plm 2.6, sandwich, lmtest, car, AER from Debian) or
# from a formula evaluated in R on R's own output; never from regionlab.
suppressPackageStartupMessages({ library(plm); library(sandwich); library(lmtest); library(car); library(AER); library(jsonlite) })
dir <- "test/reference/panel"
data("Grunfeld", package = "plm")
g <- Grunfeld[, c("firm", "year", "inv", "value", "capital")]
g$grp <- paste0("g", g$firm %% 3, "_", (g$year - 1935) %/% 5)
write.csv(g, file.path(dir, "grunfeld.csv"), row.names = FALSE)
drop <- ((g$firm * 7 + g$year) %% 6 == 0) | (g$firm == 10 & g$year > 1945)
gu <- g[!drop, ]
write.csv(gu, file.path(dir, "grunfeld_unbalanced.csv"), row.names = FALSE)
produc <- read.csv("../shared/reference-data/spatial_panel/produc_panel_with_WX.csv")

co <- function(b) as.list(b)
se <- function(V) as.list(sqrt(diag(V)))
cases <- list()
add <- function(name, x) cases[[name]] <<- x

for (ds in c("grunfeld", "grunfeld_unbalanced")) {
  d <- if (ds == "grunfeld") g else gu
  pd <- pdata.frame(d, index = c("firm", "year"))
  f <- inv ~ value + capital
  N <- nrow(d); G <- length(unique(d$firm)); TT <- length(unique(d$year))
  # pooled OLS: lm and plm pooling agree
  ols <- lm(f, d)
  add(paste0(ds, "_pooled"), list(coef = co(coef(ols)), se_iid = se(vcov(ols)), se_hc0 = se(vcovHC(ols, "HC0")),
    se_hc1 = se(vcovHC(ols, "HC1")), se_hc2 = se(vcovHC(ols, "HC2")), se_hc3 = se(vcovHC(ols, "HC3")),
    # Stata regress, vce(cluster firm): sandwich vcovCL HC1 with cadjust = G/(G-1) * (N-1)/(N-K)
    se_cl_firm_stata = se(vcovCL(ols, cluster = ~firm, type = "HC1")),
    r2 = summary(ols)$r.squared, adj_r2 = summary(ols)$adj.r.squared, loglik = as.numeric(logLik(ols)),
    fstat = unname(summary(ols)$fstatistic[1]), nobs = N))
  # one-way within
  fe <- plm(f, pd, model = "within", effect = "individual")
  K <- length(coef(fe))
  V0 <- vcovHC(fe, method = "arellano", type = "HC0", cluster = "group")
  add(paste0(ds, "_fe_ind"), list(coef = co(coef(fe)), se_iid = se(vcov(fe)),
    se_cl_hc0 = se(V0), se_cl_sss = se(vcovHC(fe, method = "arellano", type = "sss", cluster = "group")),
    se_cl_hc1 = se(vcovHC(fe, method = "arellano", type = "HC1", cluster = "group")),
    se_white1 = se(vcovHC(fe, method = "white1", type = "HC0")), se_white1_hc3 = se(vcovHC(fe, method = "white1", type = "HC3")),
    # Stata xtreg, fe vce(cluster firm), by formula: G/(G-1) * (N-1)/(N-K-1) (K slopes + _cons; firm FE nested, not counted)
    se_cl_xtreg = se(V0 * G / (G - 1) * (N - 1) / (N - K - 1)),
    # Stata areg, absorb(firm) vce(cluster firm) = lm with firm dummies + sandwich vcovCL HC1 (counts all dummies in K)
    se_cl_areg = se(vcovCL(lm(inv ~ value + capital + factor(firm), d), cluster = ~firm, type = "HC1")[c("value", "capital"), c("value", "capital")]),
    r2 = unname(r.squared(fe)), adj_r2 = unname(r.squared(fe, dfcor = TRUE)), nobs = N, ngroups = G, df_resid = df.residual(fe),
    pftest = list(statistic = unname(pFtest(fe, plm(f, pd, model = "pooling"))$statistic), df1 = unname(pFtest(fe, plm(f, pd, model = "pooling"))$parameter[1]), df2 = unname(pFtest(fe, plm(f, pd, model = "pooling"))$parameter[2]), p_value = pFtest(fe, plm(f, pd, model = "pooling"))$p.value),
    wald_value_eq_capital_cl = {lh <- linearHypothesis(fe, "value = capital", vcov. = V0, test = "Chisq"); list(statistic = lh$Chisq[2], df = lh$Df[2], p_value = lh[2, "Pr(>Chisq)"])},
    wald_joint_iid_F = {lh <- linearHypothesis(fe, c("value = 0", "capital = 0.3"), test = "F"); list(statistic = lh$F[2], df1 = lh$Df[2], df2 = lh$Res.Df[2], p_value = lh[2, "Pr(>F)"])}))
  fet <- plm(f, pd, model = "within", effect = "time")
  add(paste0(ds, "_fe_time"), list(coef = co(coef(fet)), se_iid = se(vcov(fet)), r2 = unname(r.squared(fet))))
  fe2 <- plm(f, pd, model = "within", effect = "twoways")
  V2 <- vcovHC(fe2, method = "arellano", type = "HC0", cluster = "group")
  lm2 <- lm(inv ~ value + capital + factor(firm) + factor(year), d)
  add(paste0(ds, "_fe_tw"), list(coef = co(coef(fe2)), se_iid = se(vcov(fe2)), se_cl_hc0 = se(V2),
    se_cl_areg = se(vcovCL(lm2, cluster = ~firm, type = "HC1")[c("value", "capital"), c("value", "capital")]),
    # two-way clustering (Cameron-Gelbach-Miller) with G_j/(G_j-1) per component and (N-1)/(N-K), K = all lm coefficients
    se_cl2_hc1 = se(vcovCL(lm2, cluster = ~firm + year, type = "HC1", multi0 = FALSE)[c("value", "capital"), c("value", "capital")]),
    se_cl2_hc0 = se(vcovCL(lm2, cluster = ~firm + year, type = "HC0", multi0 = FALSE)[c("value", "capital"), c("value", "capital")]),
    r2 = unname(r.squared(fe2)), adj_r2 = unname(r.squared(fe2, dfcor = TRUE)), df_resid = df.residual(fe2)))
  # three-way FE (firm + year + grp) from dummies
  lm3 <- lm(inv ~ value + capital + factor(firm) + factor(year) + factor(grp), d)
  add(paste0(ds, "_fe3"), list(coef = co(coef(lm3)[c("value", "capital")]), se_iid = se(vcov(lm3)[c("value", "capital"), c("value", "capital")]),
    df_resid = lm3$df.residual, rank = lm3$rank))
  # random effects (Swamy-Arora) and between
  re <- plm(f, pd, model = "random", random.method = "swar")
  ec <- ercomp(re)
  add(paste0(ds, "_re"), list(coef = co(coef(re)), se_iid = se(vcov(re)), theta = as.numeric(ec$theta), theta_summary = as.list(summary(as.numeric(ec$theta))),
    sigma2_idios = unname(ec$sigma2["idios"]), sigma2_id = unname(ec$sigma2["id"]), r2 = unname(r.squared(re)),
    # 1 - RSS*/TSS* of the quasi-demeaned regression from plm's own pieces (r.squared(re) differs from this in
    # the 6th digit on unbalanced panels through its handling of the theta vector)
    r2_rss = {ys <- pmodel.response(re, model = "random"); 1 - deviance(re) / sum((ys - mean(ys))^2)},
    se_cl_hc0 = se(vcovHC(re, method = "arellano", type = "HC0", cluster = "group"))))
  be <- plm(f, pd, model = "between")
  add(paste0(ds, "_between"), list(coef = co(coef(be)), se_iid = se(vcov(be)), r2 = unname(r.squared(be))))
  ph <- phtest(fe, re)
  # Stata hausman, sigmamore: both covariance matrices scaled to the efficient (RE) model's residual variance,
  # evaluated in R from plm's matrices: V_fe * s2_re / s2_fe.
  s2fe <- deviance(fe) / df.residual(fe); s2re <- deviance(re) / df.residual(re)
  db <- coef(fe) - coef(re)[names(coef(fe))]
  Vd <- vcov(fe) * s2re / s2fe - vcov(re)[names(coef(fe)), names(coef(fe))]
  hsm <- as.numeric(t(db) %*% solve(Vd) %*% db)
  bp <- plmtest(plm(f, pd, model = "pooling"), type = "bp")
  add(paste0(ds, "_tests"), list(hausman = list(statistic = unname(ph$statistic), df = unname(ph$parameter), p_value = ph$p.value),
    hausman_sigmamore = list(statistic = hsm, df = length(db), p_value = pchisq(hsm, length(db), lower.tail = FALSE)),
    bp = list(statistic = unname(bp$statistic), df = unname(bp$parameter), p_value = bp$p.value)))
  # lag within unit (panel lag respects gaps in time)
  fl <- plm(inv ~ lag(value, 1) + capital, pd, model = "within")
  add(paste0(ds, "_fe_lag"), list(coef = unname(coef(fl)), se_iid = unname(sqrt(diag(vcov(fl)))), nobs = nobs(fl)))
}

# interactions and factor dummies (pooled)
ia <- lm(inv ~ value * capital, g)
add("grunfeld_interact", list(coef = co(coef(ia)), se_iid = se(vcov(ia))))
fd <- lm(inv ~ value + capital + factor(year), g)
add("grunfeld_factor_year", list(coef = unname(coef(fd)), se_iid = unname(sqrt(diag(vcov(fd))))))
# moderation: marginal effect of value at capital = 100, 500 (delta method, iid vcov)
me <- sapply(c(100, 500), function(m) { gr <- c(0, 1, 0, m); c(sum(gr * coef(ia)), sqrt(t(gr) %*% vcov(ia) %*% gr)) })
add("grunfeld_margins", list(at = c(100, 500), effect = me[1, ], se = me[2, ]))
# collinear regressor dropped
g2 <- g; g2$value2 <- 2 * g2$value
cl <- lm(inv ~ value + capital + value2, g2)
add("grunfeld_collinear", list(coef = co(coef(cl)[!is.na(coef(cl))]), dropped = names(coef(cl))[is.na(coef(cl))]))

# Produc: two-way FE, clustered by state; RE; VIF; IV
pp <- pdata.frame(produc, index = c("state", "year"))
fp <- l_gsp ~ l_pcap + l_pc + l_emp + unemp
fe2p <- plm(fp, pp, model = "within", effect = "twoways")
fe1p <- plm(fp, pp, model = "within")
rep_ <- plm(fp, pp, model = "random")
add("produc_fe_tw", list(coef = co(coef(fe2p)), se_iid = se(vcov(fe2p)), se_cl_hc0 = se(vcovHC(fe2p, method = "arellano", type = "HC0", cluster = "group")), r2 = unname(r.squared(fe2p))))
add("produc_fe_ind", list(coef = co(coef(fe1p)), se_iid = se(vcov(fe1p)), se_cl_sss = se(vcovHC(fe1p, method = "arellano", type = "sss", cluster = "group"))))
add("produc_re", list(coef = co(coef(rep_)), se_iid = se(vcov(rep_)), theta = as.numeric(ercomp(rep_)$theta)[1]))
ph <- phtest(fe1p, rep_)
add("produc_hausman", list(statistic = unname(ph$statistic), df = unname(ph$parameter), p_value = ph$p.value))
v <- vif(lm(fp, produc))
add("produc_vif", list(vif = as.list(v), mean_vif = mean(v)))
# IV (AER::ivreg): l_pcap endogenous, instrumented by the spatial lags W_l_pcap, W_l_pc
iv <- ivreg(l_gsp ~ l_pcap + l_emp + unemp | W_l_pcap + W_l_pc + l_emp + unemp, data = produc)
siv <- summary(iv, diagnostics = TRUE)
fs <- lm(l_pcap ~ W_l_pcap + W_l_pc + l_emp + unemp, produc)
fs0 <- lm(l_pcap ~ l_emp + unemp, produc)
add("produc_iv", list(coef = co(coef(iv)), se_iid = se(vcov(iv)), se_hc1 = se(sandwich::vcovHC(iv, type = "HC1")),
  weak_F = siv$diagnostics["Weak instruments", "statistic"], sargan = siv$diagnostics["Sargan", "statistic"],
  wu_hausman = siv$diagnostics["Wu-Hausman", "statistic"],
  # Cragg-Donald F for one endogenous regressor = first-stage F on excluded instruments (iid) -- formula
  cd_F = anova(fs0, fs)$F[2]))
# mediation: X = value, M = capital, Y = inv (pooled), Sobel/Aroian/Goodman by formula on lm output
m1 <- lm(capital ~ value, g); m2 <- lm(inv ~ value + capital, g); m0 <- lm(inv ~ value, g)
a <- coef(m1)["value"]; sa <- sqrt(vcov(m1)["value", "value"]); b <- coef(m2)["capital"]; sb <- sqrt(vcov(m2)["capital", "capital"])
z <- function(v) unname(a * b / sqrt(v))
add("grunfeld_mediation", list(a = unname(a), sa = unname(sa), b = unname(b), sb = unname(sb), indirect = unname(a * b), total = unname(coef(m0)["value"]),
  direct = unname(coef(m2)["value"]),
  sobel_z = z(b^2 * sa^2 + a^2 * sb^2), aroian_z = z(b^2 * sa^2 + a^2 * sb^2 + sa^2 * sb^2), goodman_z = z(b^2 * sa^2 + a^2 * sb^2 - sa^2 * sb^2)))
writeLines(toJSON(cases, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path(dir, "expected.json"))
cat("wrote", length(cases), "cases\n")
