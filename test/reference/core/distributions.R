# Expected values for kernel-lib/src/core/distributions.ts from R's own pnorm/pt/pchisq/pf and qnorm/qt/qchisq/qf
# (R 4.x, Debian r-base-core). Run: Rscript distributions.R > distributions.csv
cases <- list()
add <- function(fun, x, a = NA, b = NA, value) cases[[length(cases) + 1]] <<- data.frame(fun = fun, x = x, a = a, b = b, value = value)
# A quantile case is kept only where R's own round trip p(q(p)) returns p to 1e-13 (qf, for one, is less exact
# than pf in the far lower tail, and ours should not be held to R's error there).
addq <- function(fun, p, a = NA, b = NA, value, back) if (abs(back - p) <= 1e-13 * p && value != 0) add(fun, p, a, b, value)
zs <- c(-38, -37.5, -30, -20, -10, -8.2, -5, -3, -1.96, -1, -0.1, 0, 0.3, 1.2, 2.5, 6, 9, 15, 25, 37.5)
for (z in zs) add("normalCdf", z, value = pnorm(z))
for (z in zs[zs >= 0]) add("normalUpper", z, value = pnorm(z, lower.tail = FALSE))
for (p in c(1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7, 0.975, 0.999999)) addq("normalQuantile", p, value = qnorm(p), back = pnorm(qnorm(p)))
for (df in c(1, 2, 3.5, 5, 12, 30, 120, 2971, 1e6)) for (t in c(0.5, 1.73, 1.96, 3, 10, 50, 1e3, 1e8)) {
  v <- pt(t, df, lower.tail = FALSE)
  if (v > 1e-300) add("tUpper", t, df, value = v)
}
for (df in c(1, 3, 12, 120, 2971)) for (p in c(1e-200, 1e-12, 1e-4, 0.025, 0.3, 0.5, 0.9, 0.995)) addq("tQuantile", p, df, value = qt(p, df), back = pt(qt(p, df), df))
for (df in c(1, 2, 3, 7.5, 20, 150)) for (x in c(0.01, 0.5, 1, 3.84, 10, 50, 200, 1000, 1300)) {
  v <- pchisq(x, df, lower.tail = FALSE)
  if (v > 1e-300) add("chiSquaredUpper", x, df, value = v)
  add("chiSquaredCdf", x, df, value = pchisq(x, df))
}
for (df in c(1, 2, 7.5, 30)) for (p in c(1e-100, 1e-8, 0.05, 0.5, 0.95, 1 - 1e-10)) addq("chiSquaredQuantile", p, df, value = qchisq(p, df), back = pchisq(qchisq(p, df), df))
for (d in list(c(1, 10), c(2, 30), c(5, 2971), c(12, 3), c(30, 200), c(3, 1e5))) for (x in c(0.2, 1, 2.5, 4, 16.38, 100, 1e4, 1e10)) {
  v <- pf(x, d[1], d[2], lower.tail = FALSE)
  if (v > 1e-300) add("fUpper", x, d[1], d[2], value = v)
  add("fCdf", x, d[1], d[2], value = pf(x, d[1], d[2]))
}
for (d in list(c(1, 10), c(5, 2971), c(12, 3))) for (p in c(1e-10, 0.05, 0.5, 0.9, 0.99, 1 - 1e-9)) addq("fQuantile", p, d[1], d[2], value = qf(p, d[1], d[2]), back = pf(qf(p, d[1], d[2]), d[1], d[2]))
out <- do.call(rbind, cases)
cat("fun,x,a,b,value\n")
for (i in seq_len(nrow(out))) cat(sprintf("%s,%.17g,%s,%s,%.17g\n", out$fun[i], out$x[i], ifelse(is.na(out$a[i]), "", sprintf("%.17g", out$a[i])), ifelse(is.na(out$b[i]), "", sprintf("%.17g", out$b[i])), out$value[i]))
# pearsonCorrelation (test/core-distributions.test.ts): cor(c(1.5,2,3.25,4,5,7.5), c(2,1,4,3.5,7,6)) = 0.83537683805773244
