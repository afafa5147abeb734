# Independent reference numbers for the QCA engine, written from the published formulas in base R only
# (no QCA package, no regionlab code). Run: Rscript test/reference/qca/make_expected.R
#   - calibration: Ragin (2008, ch. 5) log-odds direct method, fsQCA 3.0 scale (log odds +-3) and R QCA's
#     (log(0.95/0.05), scores < 1e-4 -> 0, > 0.9999 -> 1); indirect method as R QCA documents it: targets
#     0, 1/k, ..., 1 by thresholds, stats::glm(quasibinomial(logit)) on log(x), sqrt(x), x, x^2.
#   - necessity: inclN = sum(min(x,y))/sum(y), covN = sum(min(x,y))/sum(x), RoN = sum(1-x)/sum(1-min(x,y))
#   - truth table: rows by x > 0.5, incl = sum(min(m,y))/sum(m), PRI (Ragin 2008)
#   - solution fit for given expressions: inclS, PRI, covS, covU.
# Data are read in place from /work/shared/reference-data/qca (the QCA package's Lipset and CVF data).
src <- Sys.getenv("QCA_REFDATA", "/work/shared/reference-data/qca")
out <- if (length(commandArgs(TRUE))) commandArgs(TRUE)[1] else "test/reference/qca"
fmt <- function(v) formatC(v, digits = 15, format = "g")

# ---- calibration: Ragin's (2008, Table 5.2) per-capita income example, anchors 2500 / 5000 / 20000
inc <- c(40110, 34400, 25200, 24920, 20060, 17090, 15320, 13680, 11720, 11290, 10940, 9800, 7470, 4670,
         4100, 4070, 3740, 3690, 3590, 2980, 1000, 650, 450, 110)
direct <- function(x, e, c, i, L) {
  d <- x - c
  lo <- ifelse(d == 0, 0, ifelse(sign(d) == sign(i - c), L * d / (i - c), -L * d / (e - c)))
  1 / (1 + exp(-lo))
}
fs <- direct(inc, 2500, 5000, 20000, 3)
rq <- direct(inc, 2500, 5000, 20000, log(0.95 / 0.05)); rq[rq < 1e-4] <- 0; rq[rq > 0.9999] <- 1
# decreasing set (e above i): "poor" with i = 2500, c = 5000, e = 20000
rqd <- direct(inc, 20000, 5000, 2500, log(0.95 / 0.05)); rqd[rqd < 1e-4] <- 0; rqd[rqd > 0.9999] <- 1
th <- sort(c(1000, 4000, 5000, 10000, 20000))
vals <- round(seq(0, 1, by = 1 / length(th)), 3)
y <- rep(0, length(inc)); for (k in seq_along(th)) y[inc > th[k]] <- vals[k + 1]
fit <- suppressWarnings(glm(y ~ log(inc) + I(inc^(1/2)) + I(inc) + I(inc^2), family = quasibinomial(logit),
                            control = glm.control(epsilon = 1e-14, maxit = 100)))
ind <- round(unname(fitted(fit)), 6); ind[ind < 1e-4] <- 0; ind[ind > 0.9999] <- 1
write.csv(data.frame(x = inc, fsqca = fmt(fs), rqca = fmt(rq), rqca_decreasing = fmt(rqd), indirect = fmt(ind)),
          file.path(out, "expected_calibration.csv"), row.names = FALSE, quote = FALSE)

# ---- necessity and truth tables
nec <- function(x, y) c(incl = sum(pmin(x, y)) / sum(y), ron = sum(1 - x) / sum(1 - pmin(x, y)), cov = sum(pmin(x, y)) / sum(x))
suf <- function(x, y) {
  s <- sum(pmin(x, y)); s3 <- sum(pmin(x, y, 1 - y))
  c(incl = s / sum(x), pri = (s - s3) / (sum(x) - s3), cov = s / sum(y))
}
necrows <- list()
tt <- list()
for (ds in list(list("CVF", "PROTEST"), list("LF", "SURV"))) {
  d <- read.csv(file.path(src, paste0(ds[[1]], ".csv")))
  conds <- setdiff(names(d), c("case", ds[[2]]))
  for (neg in c(FALSE, TRUE)) {
    yv <- if (neg) 1 - d[[ds[[2]]]] else d[[ds[[2]]]]
    oname <- if (neg) paste0("~", ds[[2]]) else ds[[2]]
    for (cn in conds) for (nx in c(FALSE, TRUE)) {
      x <- if (nx) 1 - d[[cn]] else d[[cn]]
      v <- nec(x, yv)
      necrows[[length(necrows) + 1]] <- data.frame(dataset = ds[[1]], outcome = oname, condition = paste0(if (nx) "~" else "", cn),
                                                   inclusion = fmt(v[1]), ron = fmt(v[2]), coverage = fmt(v[3]))
    }
    X <- as.matrix(d[conds])
    k <- length(conds)
    rowid <- as.vector((X > 0.5) %*% 2^((k - 1):0)) + 1
    for (r in sort(unique(rowid))) {
      bits <- as.integer(intToBits(r - 1))[k:1]
      m <- apply(X, 1, function(xr) min(ifelse(bits == 1, xr, 1 - xr)))
      v <- suf(m, yv)
      tt[[length(tt) + 1]] <- data.frame(dataset = ds[[1]], outcome = oname, row = r, n = sum(rowid == r),
                                         inclusion = fmt(v[1]), pri = fmt(v[2]))
    }
  }
}
write.csv(do.call(rbind, necrows), file.path(out, "expected_necessity.csv"), row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, tt), file.path(out, "expected_truthtable.csv"), row.names = FALSE, quote = FALSE)

# ---- fit of given solutions (expressions as printed by R QCA's documentation)
term <- function(d, expr) {
  lits <- strsplit(expr, "\\*")[[1]]
  m <- rep(1, nrow(d))
  for (l in lits) m <- pmin(m, if (startsWith(l, "~")) 1 - d[[substring(l, 2)]] else d[[l]])
  m
}
sols <- list(
  list("LF", "SURV", "DEV*URB*LIT*IND*STB + DEV*~URB*LIT*~IND*STB"),
  list("LF", "SURV", "DEV*~IND + URB*STB"),
  list("LF", "SURV", "DEV*URB*LIT*STB + DEV*LIT*~IND*STB"),
  list("CVF", "PROTEST", "~NATPRIDE + DEMOC*GEOCON*POLDIS + ~DEMOC*ETHFRACT*POLDIS + DEMOC*ETHFRACT*GEOCON"),
  list("CVF", "PROTEST", "~NATPRIDE + DEMOC*GEOCON*POLDIS + ~DEMOC*ETHFRACT*POLDIS + DEMOC*ETHFRACT*~POLDIS"),
  list("CVF", "PROTEST", "~NATPRIDE + DEMOC*GEOCON*POLDIS + DEMOC*ETHFRACT*GEOCON + ETHFRACT*GEOCON*POLDIS"),
  list("CVF", "PROTEST", "~NATPRIDE + DEMOC*GEOCON*POLDIS + DEMOC*ETHFRACT*~POLDIS + ETHFRACT*GEOCON*POLDIS"))
fr <- list()
for (s in sols) {
  d <- read.csv(file.path(src, paste0(s[[1]], ".csv")))
  yv <- d[[s[[2]]]]
  terms <- strsplit(s[[3]], " \\+ ")[[1]]
  ms <- lapply(terms, function(t) term(d, t))
  all <- do.call(pmax, ms)
  tot <- suf(all, yv)
  for (t in seq_along(terms)) {
    v <- suf(ms[[t]], yv)
    others <- if (length(terms) > 1) suf(do.call(pmax, ms[-t]), yv)[3] else 0
    fr[[length(fr) + 1]] <- data.frame(dataset = s[[1]], solution = s[[3]], term = terms[t], inclusion = fmt(v[1]), pri = fmt(v[2]),
                                       raw_coverage = fmt(v[3]), unique_coverage = fmt(tot[3] - others))
  }
  fr[[length(fr) + 1]] <- data.frame(dataset = s[[1]], solution = s[[3]], term = "(solution)", inclusion = fmt(tot[1]), pri = fmt(tot[2]),
                                     raw_coverage = fmt(tot[3]), unique_coverage = "")
}
write.csv(do.call(rbind, fr), file.path(out, "expected_fit.csv"), row.names = FALSE, quote = TRUE)
cat("written to", out, "\n")
