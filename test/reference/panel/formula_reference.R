# Golden numbers for test/panel_formula.test.ts (the formula language). Run from the repository root:
#   LC_ALL=C.UTF-8 Rscript test/reference/panel/formula_reference.R
# Inputs: plm's Produc (exported to produc.csv) and grunfeld.csv (exported by make_expected.R). Every expected
# number and every coefficient name comes from R (plm, lm) evaluating the same formula text; never from regionlab.
suppressPackageStartupMessages({ library(plm); library(jsonlite) })
stopifnot(l10n_info()$`UTF-8`)
dir <- "test/reference/panel"
data("Produc", package = "plm")
produc <- Produc[, c("state", "year", "gsp", "pcap", "pc", "emp", "unemp")]
write.csv(produc, file.path(dir, "produc.csv"), row.names = FALSE)
g <- read.csv(file.path(dir, "grunfeld.csv"))
gu <- read.csv(file.path(dir, "grunfeld_unbalanced.csv"))

out <- list(versions = list(R = R.version.string, plm = as.character(packageVersion("plm"))))
fit <- function(m) list(names = names(coef(m)), coef = unname(coef(m)), se = unname(sqrt(diag(vcov(m)))))

# plm's own example, the three estimators
pp <- pdata.frame(produc, index = c("state", "year"))
fp <- log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp
for (model in c("pooling", "within", "random")) {
  m <- plm(fp, pp, model = model)
  r <- fit(m)
  if (model == "random") { r$sigma2_idios <- unname(ercomp(m)$sigma2[1]); r$sigma2_id <- unname(ercomp(m)$sigma2[2]); r$theta <- unname(ercomp(m)$theta[1]) }
  out[[paste0("produc_", model)]] <- r
}

# functions, I() arithmetic, interactions of functions, as lm names them
f1 <- log(inv) ~ log(value) * log(capital) + I(capital^2) + I((value + 1)/1000) + sqrt(capital) + exp(capital/1000)
out$lm_functions <- fit(lm(f1, g))
f2 <- inv ~ value:capital + I(-value^2/1e6) + abs(capital - 500) + log10(value) + log2(capital) + log1p(capital) - 1
out$lm_no_intercept <- fit(lm(f2, g))

# Unicode and non-syntactic column names (backticks), a Unicode fixed effect
gz <- data.frame(`城市` = paste0("c", g$firm), `年份` = g$year, `投资` = g$inv, `市值 (value)` = g$value, `资本` = g$capital, check.names = FALSE)
write.csv(gz, file.path(dir, "grunfeld_unicode.csv"), row.names = FALSE, fileEncoding = "UTF-8")
out$lm_unicode <- fit(lm(log(`投资`) ~ `市值 (value)` + log(`资本`), gz))
# within by LSDV (pdata.frame would rewrite the names): same slopes and standard errors as plm's within
lz <- fit(lm(`投资` ~ `市值 (value)` + `资本` + factor(`城市`), gz))
out$within_unicode <- list(names = lz$names[2:3], coef = lz$coef[2:3], se = lz$se[2:3])

# lags and leads within unit by time value, on the unbalanced panel (gaps give missing values, as plm's lag)
pu <- pdata.frame(gu, index = c("firm", "year"))
m <- plm(inv ~ lag(value, 2) + lead(capital, 1) + log(lag(capital, 1)), pu, model = "within")
out$within_lag_lead <- c(fit(m), list(nobs = nobs(m)))

writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), file.path(dir, "formula_expected.json"))
