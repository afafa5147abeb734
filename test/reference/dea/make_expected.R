# Independent reference for kernel-lib/src/dea: every model formulated directly from its paper as a linear
# programme and solved with R's lpSolve (Debian r-cran-lpsolve). Written separately from the TypeScript code;
# nothing here is derived from regionlab's output.
#
# Run from the repository root:  Rscript test/reference/dea/make_expected.R
# Writes: test/reference/dea/random_undesirable.csv, random_panel.csv (seeded inputs) and expected.json.
suppressMessages({ library(lpSolve); library(jsonlite) })
out_dir <- "test/reference/dea"
shared <- "../shared/reference-data/dea"
EFF_TOL <- 1e-9

# ---- seeded random data with one undesirable output (cross-section and panel) --------------------------
set.seed(20240401)
n <- 40
rnd <- data.frame(dmu = sprintf("R%02d", 1:n),
                  x1 = round(runif(n, 10, 100), 2), x2 = round(runif(n, 5, 50), 2), x3 = round(runif(n, 1, 20), 2))
rnd$y <- round((rnd$x1^0.4 * rnd$x2^0.3 * rnd$x3^0.2) * runif(n, 0.5, 1.5), 3)
rnd$b <- round(rnd$y * runif(n, 0.2, 1.2), 3)
write.csv(rnd, file.path(out_dir, "random_undesirable.csv"), row.names = FALSE, quote = FALSE)

set.seed(7)
nd <- 12; nt <- 4
pan <- expand.grid(dmu = sprintf("P%02d", 1:nd), year = 2001:(2000 + nt), stringsAsFactors = FALSE)
pan$k <- round(runif(nrow(pan), 20, 80) * (1 + 0.05 * (pan$year - 2001)), 2)
pan$l <- round(runif(nrow(pan), 10, 40), 2)
pan$y <- round(pan$k^0.5 * pan$l^0.4 * runif(nrow(pan), 0.6, 1.2) * (1 + 0.04 * (pan$year - 2001)), 3)
pan$b <- round(pan$y * runif(nrow(pan), 0.3, 1.0) * (1 - 0.03 * (pan$year - 2001)), 3)
write.csv(pan, file.path(out_dir, "random_panel.csv"), row.names = FALSE, quote = FALSE)

# ---- LP helpers ---------------------------------------------------------------------------------------
solve <- function(dir, obj, A, dirs, rhs) {
  r <- lp(dir, obj, A, dirs, rhs)
  list(status = r$status, obj = r$objval, x = r$solution)
}
rts_row <- function(nv, nref, rts, tcol = NA) {
  if (rts == "crs") return(NULL)
  a <- numeric(nv); a[1:nref] <- 1
  if (!is.na(tcol)) { a[tcol] <- -1; rhs <- 0 } else rhs <- 1
  list(a = a, dir = switch(rts, vrs = "=", nirs = "<=", ndrs = ">="), rhs = rhs)
}
build <- function(rows) list(A = do.call(rbind, lapply(rows, `[[`, "a")), dirs = sapply(rows, `[[`, "dir"), rhs = sapply(rows, `[[`, "rhs"))
row <- function(a, dir, rhs) list(a = a, dir = dir, rhs = rhs)

# X: m x nref, Y: s x nref, B: q x nref (matrices, columns = reference DMUs); xo, yo, bo vectors.
radial <- function(xo, yo, X, Y, orient, rts) {
  m <- nrow(X); s <- nrow(Y); nr <- ncol(X); nv <- nr + 1 + m + s
  th <- nr + 1; sx <- nr + 1 + 1:m; sy <- nr + 1 + m + 1:s
  rows <- list()
  for (i in 1:m) { a <- numeric(nv); a[1:nr] <- X[i, ]; a[sx[i]] <- 1
    if (orient == "input") { a[th] <- -xo[i]; rows[[length(rows) + 1]] <- row(a, "=", 0) } else rows[[length(rows) + 1]] <- row(a, "=", xo[i]) }
  for (r in 1:s) { a <- numeric(nv); a[1:nr] <- Y[r, ]; a[sy[r]] <- -1
    if (orient == "input") rows[[length(rows) + 1]] <- row(a, "=", yo[r]) else { a[th] <- -yo[r]; rows[[length(rows) + 1]] <- row(a, "=", 0) } }
  rr <- rts_row(nv, nr, rts); if (!is.null(rr)) rows[[length(rows) + 1]] <- rr
  L <- build(rows); c1 <- numeric(nv); c1[th] <- 1
  s1 <- solve(if (orient == "input") "min" else "max", c1, L$A, L$dirs, L$rhs)
  if (s1$status != 0) return(list(status = s1$status, eff = NA, slacksum = NA))
  lev <- s1$obj
  fix <- numeric(nv); fix[th] <- 1
  c2 <- numeric(nv); c2[c(sx, sy)] <- 1
  s2 <- solve("max", c2, rbind(L$A, fix), c(L$dirs, "="), c(L$rhs, lev))
  list(status = 0, eff = if (orient == "input") lev else 1 / lev, slacksum = if (s2$status == 0) s2$obj else NA)
}

additive <- function(xo, yo, bo, X, Y, B, rts) {
  m <- nrow(X); s <- nrow(Y); q <- if (is.null(B)) 0 else nrow(B); nr <- ncol(X); nv <- nr + m + s + q
  rows <- list()
  for (i in 1:m) { a <- numeric(nv); a[1:nr] <- X[i, ]; a[nr + i] <- 1; rows[[length(rows) + 1]] <- row(a, "=", xo[i]) }
  for (r in 1:s) { a <- numeric(nv); a[1:nr] <- Y[r, ]; a[nr + m + r] <- -1; rows[[length(rows) + 1]] <- row(a, "=", yo[r]) }
  if (q > 0) for (k in 1:q) { a <- numeric(nv); a[1:nr] <- B[k, ]; a[nr + m + s + k] <- 1; rows[[length(rows) + 1]] <- row(a, "=", bo[k]) }
  rr <- rts_row(nv, nr, rts); if (!is.null(rr)) rows[[length(rows) + 1]] <- rr
  L <- build(rows); cc <- numeric(nv); cc[(nr + 1):nv] <- 1
  r <- solve("max", cc, L$A, L$dirs, L$rhs)
  list(status = r$status, eff = if (r$status == 0) r$obj else NA)
}

# SBM (Tone 2001; undesirable outputs as Tone 2004), Charnes-Cooper form for the non-oriented model.
sbm <- function(xo, yo, bo, X, Y, B, orient, rts) {
  m <- nrow(X); s <- nrow(Y); q <- if (is.null(B)) 0 else nrow(B); nr <- ncol(X); k <- s + q
  if (orient == "non") {
    nv <- nr + 1 + m + s + q; t <- nr + 1; sx <- t + 1:m; sy <- t + m + 1:s; sb <- if (q > 0) t + m + s + 1:q else integer(0)
    rows <- list(); a <- numeric(nv); a[t] <- 1; a[sy] <- 1 / (k * yo); if (q > 0) a[sb] <- 1 / (k * bo); rows[[1]] <- row(a, "=", 1)
    for (i in 1:m) { a <- numeric(nv); a[1:nr] <- X[i, ]; a[t] <- -xo[i]; a[sx[i]] <- 1; rows[[length(rows) + 1]] <- row(a, "=", 0) }
    for (r in 1:s) { a <- numeric(nv); a[1:nr] <- Y[r, ]; a[t] <- -yo[r]; a[sy[r]] <- -1; rows[[length(rows) + 1]] <- row(a, "=", 0) }
    if (q > 0) for (j in 1:q) { a <- numeric(nv); a[1:nr] <- B[j, ]; a[t] <- -bo[j]; a[sb[j]] <- 1; rows[[length(rows) + 1]] <- row(a, "=", 0) }
    rr <- rts_row(nv, nr, rts, t); if (!is.null(rr)) rows[[length(rows) + 1]] <- rr
    L <- build(rows); cc <- numeric(nv); cc[t] <- 1; cc[sx] <- -1 / (m * xo)
    r <- solve("min", cc, L$A, L$dirs, L$rhs)
    return(list(status = r$status, eff = if (r$status == 0) r$obj else NA))
  }
  nv <- nr + m + s + q; sx <- nr + 1:m; sy <- nr + m + 1:s; sb <- if (q > 0) nr + m + s + 1:q else integer(0)
  rows <- list()
  for (i in 1:m) { a <- numeric(nv); a[1:nr] <- X[i, ]; a[sx[i]] <- 1; rows[[length(rows) + 1]] <- row(a, "=", xo[i]) }
  for (r in 1:s) { a <- numeric(nv); a[1:nr] <- Y[r, ]; a[sy[r]] <- -1; rows[[length(rows) + 1]] <- row(a, "=", yo[r]) }
  if (q > 0) for (j in 1:q) { a <- numeric(nv); a[1:nr] <- B[j, ]; a[sb[j]] <- 1; rows[[length(rows) + 1]] <- row(a, "=", bo[j]) }
  rr <- rts_row(nv, nr, rts); if (!is.null(rr)) rows[[length(rows) + 1]] <- rr
  L <- build(rows); cc <- numeric(nv)
  if (orient == "input") cc[sx] <- 1 / (m * xo) else { cc[sy] <- 1 / (k * yo); if (q > 0) cc[sb] <- 1 / (k * bo) }
  r <- solve("max", cc, L$A, L$dirs, L$rhs)
  if (r$status != 0) return(list(status = r$status, eff = NA))
  list(status = 0, eff = if (orient == "input") 1 - r$obj else 1 / (1 + r$obj))
}

# Super-SBM (Tone 2002; undesirable form of the green-efficiency literature); X, Y, B exclude the DMU.
super_sbm_lp <- function(xo, yo, bo, X, Y, B, orient, rts) {
  m <- nrow(X); s <- nrow(Y); q <- if (is.null(B)) 0 else nrow(B); nr <- ncol(X); k <- s + q
  if (orient == "non") {
    nv <- nr + 1 + m + s + q; t <- nr + 1; tx <- t + 1:m; ty <- t + m + 1:s; tb <- if (q > 0) t + m + s + 1:q else integer(0)
    rows <- list(); a <- numeric(nv); a[t] <- 1; a[ty] <- -1 / (k * yo); if (q > 0) a[tb] <- -1 / (k * bo); rows[[1]] <- row(a, "=", 1)
    for (i in 1:m) { a <- numeric(nv); a[1:nr] <- X[i, ]; a[tx[i]] <- -1; a[t] <- -xo[i]; rows[[length(rows) + 1]] <- row(a, "<=", 0) }
    for (r in 1:s) { a <- numeric(nv); a[1:nr] <- Y[r, ]; a[ty[r]] <- 1; a[t] <- -yo[r]; rows[[length(rows) + 1]] <- row(a, ">=", 0)
      a <- numeric(nv); a[ty[r]] <- 1; a[t] <- -yo[r]; rows[[length(rows) + 1]] <- row(a, "<=", 0) }
    if (q > 0) for (j in 1:q) { a <- numeric(nv); a[1:nr] <- B[j, ]; a[tb[j]] <- -1; a[t] <- -bo[j]; rows[[length(rows) + 1]] <- row(a, "<=", 0) }
    rr <- rts_row(nv, nr, rts, t); if (!is.null(rr)) rows[[length(rows) + 1]] <- rr
    L <- build(rows); cc <- numeric(nv); cc[t] <- 1; cc[tx] <- 1 / (m * xo)
    r <- solve("min", cc, L$A, L$dirs, L$rhs)
    return(list(status = r$status, eff = if (r$status == 0) r$obj else NA))
  }
  nv <- nr + m + s + q; tx <- nr + 1:m; ty <- nr + m + 1:s; tb <- if (q > 0) nr + m + s + 1:q else integer(0)
  rows <- list(); inp <- orient == "input"
  for (i in 1:m) { a <- numeric(nv); a[1:nr] <- X[i, ]; if (inp) a[tx[i]] <- -1; rows[[length(rows) + 1]] <- row(a, "<=", xo[i]) }
  for (r in 1:s) { a <- numeric(nv); a[1:nr] <- Y[r, ]; if (!inp) { a[ty[r]] <- 1; u <- numeric(nv); u[ty[r]] <- 1; rows[[length(rows) + 1]] <- row(u, "<=", yo[r]) }
    rows[[length(rows) + 1]] <- row(a, ">=", yo[r]) }
  if (q > 0) for (j in 1:q) { a <- numeric(nv); a[1:nr] <- B[j, ]; if (!inp) a[tb[j]] <- -1; rows[[length(rows) + 1]] <- row(a, "<=", bo[j]) }
  rr <- rts_row(nv, nr, rts); if (!is.null(rr)) rows[[length(rows) + 1]] <- rr
  L <- build(rows); cc <- numeric(nv)
  if (inp) cc[tx] <- 1 / (m * xo) else { cc[ty] <- 1 / (k * yo); if (q > 0) cc[tb] <- 1 / (k * bo) }
  r <- solve("min", cc, L$A, L$dirs, L$rhs)
  if (r$status != 0) return(list(status = r$status, eff = NA))
  list(status = 0, eff = if (inp) 1 + r$obj else 1 / (1 - r$obj))
}

# SBM first; SBM-efficient (or outside the reference technology) -> super-SBM against the set without o.
super_sbm <- function(xo, yo, bo, Xin, Yin, Bin, Xex, Yex, Bex, orient, rts) {
  s1 <- sbm(xo, yo, bo, Xin, Yin, Bin, orient, rts)
  if (s1$status == 0 && s1$eff < 1 - EFF_TOL) return(s1)
  super_sbm_lp(xo, yo, bo, Xex, Yex, Bex, orient, rts)
}

ddf <- function(xo, yo, bo, X, Y, B, rts) {
  m <- nrow(X); s <- nrow(Y); q <- if (is.null(B)) 0 else nrow(B); nr <- ncol(X); nv <- nr + 2; bp <- nr + 1; bm <- nr + 2
  rows <- list()
  for (i in 1:m) { a <- numeric(nv); a[1:nr] <- X[i, ]; rows[[length(rows) + 1]] <- row(a, "<=", xo[i]) }
  for (r in 1:s) { a <- numeric(nv); a[1:nr] <- Y[r, ]; a[bp] <- -yo[r]; a[bm] <- yo[r]; rows[[length(rows) + 1]] <- row(a, ">=", yo[r]) }
  if (q > 0) for (j in 1:q) { a <- numeric(nv); a[1:nr] <- B[j, ]; a[bp] <- bo[j]; a[bm] <- -bo[j]; rows[[length(rows) + 1]] <- row(a, "=", bo[j]) }
  rr <- rts_row(nv, nr, rts); if (!is.null(rr)) rows[[length(rows) + 1]] <- rr
  L <- build(rows); cc <- numeric(nv); cc[bp] <- 1; cc[bm] <- -1
  r <- solve("max", cc, L$A, L$dirs, L$rhs)
  list(status = r$status, eff = if (r$status == 0) r$obj else NA)
}

# ---- datasets ------------------------------------------------------------------------------------------
mk <- function(name, dmu, X, Y, B = NULL) list(name = name, dmu = as.character(dmu), X = t(as.matrix(X)), Y = t(as.matrix(Y)), B = if (is.null(B)) NULL else t(as.matrix(B)))
t01 <- read.csv(file.path(shared, "pub_Tone2001.csv"))
pp <- read.csv(file.path(shared, "pub_Power_plants_Tone2002.csv"))
t03 <- read.csv(file.path(shared, "pub_Tone2003.csv"))
sets <- list(
  mk("tone2001", t01$DMU, t01[, 2:3], t01[, 4:5]),
  mk("power_plants", pp$DMU, pp[, 2:5], pp[, 6:7]),
  mk("tone2003", t03$DMU, t03[, "x", drop = FALSE], t03[, "yg", drop = FALSE], t03[, "yb", drop = FALSE]),
  mk("random_undesirable", rnd$dmu, rnd[, c("x1", "x2", "x3")], rnd[, "y", drop = FALSE], rnd[, "b", drop = FALSE])
)

cases <- list()
add <- function(ds, model, orient, rts, dmu, res, extra = list()) {
  cases[[length(cases) + 1]] <<- c(list(dataset = ds, model = model, orientation = orient, rts = rts, dmu = dmu,
    status = res$status, efficiency = if (is.na(res$eff)) NULL else res$eff), extra)
}
for (D in sets) {
  n <- length(D$dmu)
  for (o in 1:n) {
    xo <- D$X[, o]; yo <- D$Y[, o]; bo <- if (is.null(D$B)) NULL else D$B[, o]
    ex <- setdiff(1:n, o)
    Bex <- if (is.null(D$B)) NULL else D$B[, ex, drop = FALSE]
    for (orient in c("input", "output")) for (rts in c("crs", "vrs", "nirs", "ndrs")) {
      r <- radial(xo, yo, D$X, D$Y, orient, rts)
      add(D$name, "radial", orient, rts, D$dmu[o], r, list(slacksum = r$slacksum))
    }
    for (rts in c("crs", "vrs")) {
      add(D$name, "radial-super", "input", rts, D$dmu[o], radial(xo, yo, D$X[, ex, drop = FALSE], D$Y[, ex, drop = FALSE], "input", rts))
      add(D$name, "additive", "non", rts, D$dmu[o], additive(xo, yo, bo, D$X, D$Y, D$B, rts))
      add(D$name, "ddf", "non", rts, D$dmu[o], ddf(xo, yo, bo, D$X, D$Y, D$B, rts))
      for (orient in c("non", "input", "output")) {
        add(D$name, "sbm", orient, rts, D$dmu[o], sbm(xo, yo, bo, D$X, D$Y, D$B, orient, rts))
        add(D$name, "super-sbm", orient, rts, D$dmu[o],
            super_sbm(xo, yo, bo, D$X, D$Y, D$B, D$X[, ex, drop = FALSE], D$Y[, ex, drop = FALSE], Bex, orient, rts))
      }
    }
  }
}

# ---- panels: frontiers, DEAP Malmquist, ML / GML ----------------------------------------------------------
panel_cases <- list()
Xp <- t(as.matrix(pan[, c("k", "l")])); Yp <- t(as.matrix(pan[, "y", drop = FALSE])); Bp <- t(as.matrix(pan[, "b", drop = FALSE]))
years <- sort(unique(pan$year))
ref_of <- function(frontier, yr) switch(frontier, contemporaneous = which(pan$year == yr), global = seq_len(nrow(pan)), sequential = which(pan$year <= yr))
for (frontier in c("contemporaneous", "global", "sequential")) for (rts in c("crs", "vrs")) {
  for (o in seq_len(nrow(pan))) {
    R <- ref_of(frontier, pan$year[o]); E <- setdiff(R, o)
    r <- super_sbm(Xp[, o], Yp[, o], Bp[, o], Xp[, R, drop = FALSE], Yp[, R, drop = FALSE], Bp[, R, drop = FALSE],
                   Xp[, E, drop = FALSE], Yp[, E, drop = FALSE], Bp[, E, drop = FALSE], "non", rts)
    panel_cases[[length(panel_cases) + 1]] <- list(frontier = frontier, model = "super-sbm", rts = rts, dmu = pan$dmu[o], period = pan$year[o],
      status = r$status, efficiency = if (is.na(r$eff)) NULL else r$eff)
  }
}
# window analysis (width 2), SBM CRS with the bad output
for (w0 in 1:(length(years) - 1)) {
  R <- which(pan$year %in% years[w0:(w0 + 1)])
  for (o in R) {
    r <- sbm(Xp[, o], Yp[, o], Bp[, o], Xp[, R, drop = FALSE], Yp[, R, drop = FALSE], Bp[, R, drop = FALSE], "non", "crs")
    panel_cases[[length(panel_cases) + 1]] <- list(frontier = "window2", window = paste0(years[w0], "\u2013", years[w0 + 1]), model = "sbm", rts = "crs",
      dmu = pan$dmu[o], period = pan$year[o], status = r$status, efficiency = r$eff)
  }
}

# E(point o, reference rows R) for the productivity indices
E_of <- function(model, rts, o, R) {
  if (model == "super-sbm") {
    E <- setdiff(R, o)
    r <- super_sbm(Xp[, o], Yp[, o], Bp[, o], Xp[, R, drop = FALSE], Yp[, R, drop = FALSE], Bp[, R, drop = FALSE],
                   Xp[, E, drop = FALSE], Yp[, E, drop = FALSE], Bp[, E, drop = FALSE], "non", rts)
    return(if (r$status == 0) r$eff else NA)
  }
  r <- ddf(Xp[, o], Yp[, o], Bp[, o], Xp[, R, drop = FALSE], Yp[, R, drop = FALSE], Bp[, R, drop = FALSE], rts)
  if (r$status == 0) 1 / (1 + r$eff) else NA
}
idx_cases <- list()
dm <- sort(unique(pan$dmu))
rowof <- function(u, yr) which(pan$dmu == u & pan$year == yr)
for (spec in list(list(index = "gml", model = "super-sbm", rts = "crs"), list(index = "gml", model = "super-sbm", rts = "vrs"),
                  list(index = "ml", model = "ddf", rts = "crs"), list(index = "gml", model = "ddf", rts = "crs"),
                  list(index = "ml", model = "super-sbm", rts = "crs"))) {
  for (u in dm) for (ti in 2:length(years)) {
    a <- rowof(u, years[ti - 1]); b <- rowof(u, years[ti])
    Ra <- which(pan$year == years[ti - 1]); Rb <- which(pan$year == years[ti]); G <- seq_len(nrow(pan))
    eff <- E_of(spec$model, spec$rts, b, Rb) / E_of(spec$model, spec$rts, a, Ra)
    if (spec$index == "gml") idx <- E_of(spec$model, spec$rts, b, G) / E_of(spec$model, spec$rts, a, G)
    else idx <- sqrt(E_of(spec$model, spec$rts, b, Ra) / E_of(spec$model, spec$rts, a, Ra) * E_of(spec$model, spec$rts, b, Rb) / E_of(spec$model, spec$rts, a, Rb))
    idx_cases[[length(idx_cases) + 1]] <- list(index = spec$index, model = spec$model, rts = spec$rts, dmu = u, period = years[ti],
      effch = eff, techch = idx / eff, tfpch = idx)
  }
}

# DEAP 2.1 Malmquist on Wang & Lan (2011) Chinese provinces (2 inputs, 1 output, 2005-2009), both orientations
wl <- read.csv(file.path(shared, "pub_Economy_WangLan2011.csv"))
wly <- 2005:2009
te <- function(o_x, o_y, X, Y, orient, rts) radial(o_x, o_y, X, Y, orient, rts)$eff
malm_cases <- list()
for (orient in c("output", "input")) {
  XX <- lapply(wly, function(y) rbind(wl[[paste0("Capital", y)]], wl[[paste0("Labor", y)]]))
  YY <- lapply(wly, function(y) rbind(wl[[paste0("GIOV", y)]]))
  for (ti in 2:length(wly)) for (i in seq_len(nrow(wl))) {
    dtt <- te(XX[[ti]][, i], YY[[ti]][, i], XX[[ti]], YY[[ti]], orient, "crs")
    dss <- te(XX[[ti - 1]][, i], YY[[ti - 1]][, i], XX[[ti - 1]], YY[[ti - 1]], orient, "crs")
    dst <- te(XX[[ti]][, i], YY[[ti]][, i], XX[[ti - 1]], YY[[ti - 1]], orient, "crs")  # t data, t-1 frontier
    dts <- te(XX[[ti - 1]][, i], YY[[ti - 1]][, i], XX[[ti]], YY[[ti]], orient, "crs")  # t-1 data, t frontier
    vt <- te(XX[[ti]][, i], YY[[ti]][, i], XX[[ti]], YY[[ti]], orient, "vrs")
    vs <- te(XX[[ti - 1]][, i], YY[[ti - 1]][, i], XX[[ti - 1]], YY[[ti - 1]], orient, "vrs")
    effch <- dtt / dss; techch <- sqrt(dst / dtt * dss / dts); pech <- vt / vs
    malm_cases[[length(malm_cases) + 1]] <- list(orientation = orient, dmu = wl$DMUs[i], period = wly[ti],
      effch = effch, techch = techch, pech = pech, sech = effch / pech, tfpch = effch * techch)
  }
}

writeLines(toJSON(list(
  generator = "test/reference/dea/make_expected.R (R lpSolve, independent formulation)",
  lpSolve = as.character(packageVersion("lpSolve")), R = R.version.string,
  cases = cases, panel = panel_cases, indices = idx_cases, malmquist_wanglan = malm_cases),
  auto_unbox = TRUE, digits = NA, null = "null", na = "null"), file.path(out_dir, "expected.json"))
cat("wrote", length(cases), "cross-section cases,", length(panel_cases), "panel cases,", length(idx_cases), "index rows,", length(malm_cases), "Malmquist rows\n")
