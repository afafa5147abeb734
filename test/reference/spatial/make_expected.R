# Expected numbers for test/spatial.test.ts, computed with spdep 1.2-7 and spatialreg 1.2-6 (Debian).
# Run from the project root: Rscript test/reference/spatial/make_expected.R
# Inputs written here (seeded synthetic cross-section) are committed; the expected JSON is never derived from
# regionlab's own code.
suppressMessages({ library(spdep); library(spatialreg); library(jsonlite); library(sf) })
out <- "test/reference/spatial"
set.seed(20240607)
n <- 60
ids <- sprintf("u%02d", 1:n)
coords <- cbind(lon = round(runif(n, 0, 10), 4), lat = round(runif(n, 0, 10), 4))
nb5 <- knn2nb(knearneigh(coords, k = 5))
lw <- nb2listw(nb5, style = "W")
W <- listw2mat(lw)
x1 <- round(rnorm(n), 6); x2 <- round(rnorm(n, 2, 1), 6)
e <- rnorm(n, 0, 0.5)
y <- as.vector(solve(diag(n) - 0.45 * W, 1 + 0.8 * x1 - 0.5 * x2 + 0.35 * (W %*% x1) + e))
y <- round(y, 6)
d <- data.frame(id = ids, lon = coords[, 1], lat = coords[, 2], y = y, x1 = x1, x2 = x2)
write.csv(d, file.path(out, "cross.csv"), row.names = FALSE, quote = FALSE)
Wcsv <- W; colnames(Wcsv) <- ids
write.csv(Wcsv, file.path(out, "W_knn5_rowstd.csv"), row.names = FALSE, quote = FALSE)

res <- list()
# ---- weights builders
res$knn5 <- lapply(nb5, function(v) v - 1)
band <- dnearneigh(coords, 0, 2.0)
res$band2 <- lapply(band, function(v) if (length(v) == 1 && v[1] == 0) integer(0) else v - 1)
dl <- nbdists(band, coords)
res$invdist_band2 <- lapply(dl, function(v) 1 / v)
res$invdist2_band2 <- lapply(dl, function(v) 1 / v^2)

# ---- Moran's I (alternative = "greater", spdep default)
mt <- function(x, listw) {
  r <- moran.test(x, listw, randomisation = TRUE)
  nn <- moran.test(x, listw, randomisation = FALSE)
  list(I = unname(r$estimate[1]), expected = unname(r$estimate[2]),
       variance_normal = unname(nn$estimate[3]), variance_randomization = unname(r$estimate[3]),
       z_normal = unname(nn$statistic), z_randomization = unname(r$statistic),
       p_normal = nn$p.value, p_randomization = r$p.value)
}
res$moran_y <- mt(y, lw)
res$moran_x1 <- mt(x1, lw)
lwB <- nb2listw(nb5, style = "B")
res$moran_y_binary <- mt(y, lwB)
lm_ <- localmoran(y, lw)
res$local_y <- list(Ii = unname(lm_[, 1]), E = unname(lm_[, 2]), V = unname(lm_[, 3]), Z = unname(lm_[, 4]), P = unname(lm_[, 5]),
                    quadr = as.character(attr(lm_, "quadr")$mean))
lmu <- localmoran(y, lw, conditional = FALSE)
res$local_y_uncond <- list(E = unname(lmu[, 2]), V = unname(lmu[, 3]))
mc <- moran.mc(y, lw, nsim = 999)
res$moran_mc_y <- list(statistic = unname(mc$statistic), p = mc$p.value)

# ---- LM tests
ols <- lm(y ~ x1 + x2, data = d)
lmt <- lm.LMtests(ols, lw, test = c("LMerr", "LMlag", "RLMerr", "RLMlag", "SARMA"))
res$lm <- lapply(lmt, function(t) list(statistic = unname(t$statistic), p = unname(t$p.value)))

# ---- ML models (method = "eigen")
fitinfo <- function(f, par) {
  co <- coef(f)
  se <- f$rest.se
  list(param = unname(f[[par]]), param_se = unname(f[[paste0(par, ".se")]]),
       coef = unname(f$coefficients), coef_names = names(f$coefficients), se = unname(se),
       LL = as.numeric(f$LL), s2 = unname(f$s2))
}
sar <- lagsarlm(y ~ x1 + x2, data = d, listw = lw, method = "eigen")
sem <- errorsarlm(y ~ x1 + x2, data = d, listw = lw, method = "eigen")
sdm <- lagsarlm(y ~ x1 + x2, data = d, listw = lw, method = "eigen", Durbin = TRUE)
res$sar <- fitinfo(sar, "rho"); res$sem <- fitinfo(sem, "lambda"); res$sdm <- fitinfo(sdm, "rho")
trMat <- trW(as(lw, "CsparseMatrix"), type = "mult")
imp <- function(f) {
  set.seed(1)
  im <- impacts(f, listw = lw, R = 20000)
  s <- summary(im, zstats = TRUE, short = TRUE)
  list(direct = unname(im$res$direct), indirect = unname(im$res$indirect), total = unname(im$res$total),
       se_direct = unname(s$semat[, 1]), se_indirect = unname(s$semat[, 2]), se_total = unname(s$semat[, 3]))
}
res$sar_impacts <- imp(sar)
res$sdm_impacts <- imp(sdm)
# LR tests SDM vs SAR / SEM and Wald tests from the SDM's asymptotic covariance
res$lr_sdm_sar <- 2 * (as.numeric(sdm$LL) - as.numeric(sar$LL))
res$lr_sdm_sem <- 2 * (as.numeric(sdm$LL) - as.numeric(sem$LL))
V <- vcov(sdm)  # order: rho, (Intercept), x1, x2, lag.x1, lag.x2
est <- c(sdm$rho, sdm$coefficients)
th <- c(5, 6); be <- c(3, 4)
Vt <- V[th, th]
res$wald_sdm_sar <- as.numeric(t(est[th]) %*% solve(Vt) %*% est[th])
G <- matrix(0, 2, length(est)); r <- numeric(2)
for (a in 1:2) { G[a, 1] <- est[be[a]]; G[a, be[a]] <- est[1]; G[a, th[a]] <- 1; r[a] <- est[th[a]] + est[1] * est[be[a]] }
res$wald_sdm_sem <- as.numeric(t(r) %*% solve(G %*% V %*% t(G)) %*% r)
res$vcov_names <- rownames(V)

# ---- contiguity of China's provinces (poly2nb, default snap)
g <- st_read("/work/shared/data/china_provinces.geojson", quiet = TRUE)
sf_use_s2(FALSE)
q <- poly2nb(g, queen = TRUE, row.names = g$adcode)
rk <- poly2nb(g, queen = FALSE, row.names = g$adcode)
fix <- function(nb) lapply(nb, function(v) if (length(v) == 1 && v[1] == 0) integer(0) else v - 1)
res$china_ids <- as.character(g$adcode)
res$china_queen <- fix(q); res$china_rook <- fix(rk)

writeLines(toJSON(res, digits = NA, auto_unbox = TRUE), file.path(out, "expected_cross.json"))
cat("ok\n")
