# Expected numbers for kernel-lib/src/data (panel verbs, quantiles, winsorizing, describe) from base R
# (r-base-core). Input: panel_small.csv (committed). Run: Rscript make_expected.R
d <- read.csv("panel_small.csv")
# Lag/lead by time value within unit (Stata L./F. semantics: the value at t-1, NA across a gap).
key <- paste(d$id, d$year)
lag1 <- d$x[match(paste(d$id, d$year - 1), key)]
lead1 <- d$x[match(paste(d$id, d$year + 1), key)]
lag2 <- d$x[match(paste(d$id, d$year - 2), key)]
write.csv(data.frame(id = d$id, year = d$year, lag1 = lag1, lead1 = lead1, lag2 = lag2), "expected_shift.csv", row.names = FALSE, na = "")
ps <- c(0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1)
# type = 2 is Stata's default (_pctile, summarize detail); type = 7 is R's default.
q <- data.frame(p = ps, stata = quantile(d$x, ps, type = 2, names = FALSE), r7 = quantile(d$x, ps, type = 7, names = FALSE))
write.csv(q, "expected_quantiles.csv", row.names = FALSE)
w <- function(v, lo, hi, type) { ql <- quantile(v, lo, type = type, na.rm = TRUE); qh <- quantile(v, hi, type = type, na.rm = TRUE); pmin(pmax(v, ql), qh) }
write.csv(data.frame(w05_stata = w(d$x, 0.05, 0.95, 2), w10_r7 = w(d$x, 0.1, 0.9, 7)), "expected_winsor.csv", row.names = FALSE)
desc <- function(v) c(n = sum(!is.na(v)), mean = mean(v, na.rm = TRUE), sd = sd(v, na.rm = TRUE), min = min(v, na.rm = TRUE), max = max(v, na.rm = TRUE))
write.csv(rbind(x = desc(d$x), y = desc(d$y)), "expected_describe.csv")
g <- aggregate(x ~ id, d, function(v) c(n = length(v), mean = mean(v), sd = sd(v), min = min(v), max = max(v), sum = sum(v)))
write.csv(do.call(data.frame, g), "expected_groups.csv", row.names = FALSE)
