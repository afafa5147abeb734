# Expected numbers for kernel-lib/src/stats/logistic.ts from R's stats::nls (r-base-core).
# The free-K fit on the Chinese rates (K is barely identified there) uses the "port" algorithm to reach the optimum, then
# Gauss-Newton from the port solution with tol = 1e-7 (stricter tolerances stop on a step-factor error): agree to ~1e-6.
# Inputs: logistic_input.csv (china_cited: the urbanisation rates printed by 苏红键 2025, 区域经济评论 2025(4): 150-160,
# text and Table 1) plus a synthetic S-curve generated here with a fixed seed and written to
# logistic_input_synthetic.csv. Output: expected_logistic.json. Run: Rscript make_expected_logistic.R
inp <- read.csv("logistic_input.csv")
set.seed(20250715)
tt <- seq(1900, 2020, by = 5)
syn <- data.frame(dataset = "synthetic", t = tt, y = round(82 / (1 + exp(-0.045 * (tt - 1955))) + rnorm(length(tt), 0, 1.2), 3))
write.csv(syn, "logistic_input_synthetic.csv", row.names = FALSE)
newt <- c(1990, 2025, 2035, 2050)
cases <- list(
  list(name = "china_free", data = inp[inp$dataset == "china_cited", ], K = NA, start = list(K = 100, r = 0.03, tm = 2015), alg = "port"),
  list(name = "china_K100", data = inp[inp$dataset == "china_cited", ], K = 100, start = list(r = 0.05, tm = 2010)),
  list(name = "china_K80", data = inp[inp$dataset == "china_cited", ], K = 80, start = list(r = 0.05, tm = 2005)),
  list(name = "synthetic_free", data = syn, K = NA, start = list(K = 90, r = 0.04, tm = 1950))
)
out <- list()
for (cs in cases) {
  d <- cs$data
  if (is.na(cs$K)) {
    f <- nls(y ~ K / (1 + exp(-r * (t - tm))), data = d, start = cs$start, algorithm = if (is.null(cs$alg)) "default" else cs$alg,
             control = nls.control(tol = 1e-8, maxiter = 500))
    if (!is.null(cs$alg)) f <- nls(y ~ K / (1 + exp(-r * (t - tm))), data = d, start = as.list(coef(f)), control = nls.control(tol = 1e-7, maxiter = 500))
    form <- ~ K / (1 + exp(-r * (t - tm)))
    pars <- c("K", "r", "tm")
  } else {
    Kf <- cs$K
    f <- nls(y ~ Kf / (1 + exp(-r * (t - tm))), data = d, start = cs$start, control = nls.control(tol = 1e-8, maxiter = 500))
    form <- ~ Kf / (1 + exp(-r * (t - tm)))
    pars <- c("r", "tm")
  }
  co <- coef(f); V <- vcov(f); s <- summary(f)
  env <- as.list(co); env$t <- newt; if (!is.na(cs$K)) env$Kf <- cs$K
  g <- attr(eval(deriv(form, pars), env), "gradient")
  fit <- as.vector(eval(form[[2]], env))
  se <- sqrt(rowSums((g %*% V) * g))
  dfr <- df.residual(f); q <- qt(0.975, dfr); sig <- s$sigma
  q90 <- qt(0.95, dfr)
  out[[length(out) + 1]] <- list(
    name = cs$name, K_fixed = if (is.na(cs$K)) NULL else cs$K,
    coef = as.list(co), se = as.list(sqrt(diag(V))), sigma = sig, df = dfr, rss = deviance(f),
    t = newt, fit = fit, se_fit = se,
    conf_low = fit - q * se, conf_high = fit + q * se,
    pred_low = fit - q * sqrt(se^2 + sig^2), pred_high = fit + q * sqrt(se^2 + sig^2),
    pred90_low = fit - q90 * sqrt(se^2 + sig^2), pred90_high = fit + q90 * sqrt(se^2 + sig^2)
  )
}
json <- function(x) {
  if (is.list(x)) {
    if (!is.null(names(x))) return(paste0("{", paste0('"', names(x), '":', sapply(x, json), collapse = ","), "}"))
    return(paste0("[", paste0(sapply(x, json), collapse = ","), "]"))
  }
  if (is.character(x)) return(if (length(x) == 1) paste0('"', x, '"') else paste0("[", paste0('"', x, '"', collapse = ","), "]"))
  v <- formatC(x, digits = 17, format = "g")
  if (length(x) == 1) v else paste0("[", paste0(v, collapse = ","), "]")
}
writeLines(json(list(r_version = R.version.string, cases = out)), "expected_logistic.json")
cat(readLines("expected_logistic.json"), sep = "\n")
