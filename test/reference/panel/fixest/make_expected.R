# Expected numbers for test/panel_fixest.test.ts: fixest's feols run on plm's Grunfeld (balanced, and the
# deterministic unbalanced subset) and Produc, both as committed in test/reference/panel/ (by
# test/reference/panel/make_expected.R). fixest 0.14.2 is built from its CRAN source (see README, Dependencies).
# Run from the repository root:
#   R_LIBS=<dir with fixest> Rscript test/reference/panel/fixest/make_expected.R
# Each case: one formula, one vcov, one ssc(); coefficients, SEs, t statistics, p-values and the t df fixest uses;
# vcov_fixed_not_psd says fixest replaced a non-positive-definite two-way cluster VCOV (negative eigenvalues set to 0).
source("test/reference/panel/panels.R")
data_of <- list(grunfeld = g, grunfeld_unbalanced = gu, produc = pr)
fml <- list(
  fe1 = inv ~ value + capital | firm,
  fe2 = inv ~ value + capital | firm + year,
  produc2 = log(gsp) ~ log(pcap) + log(pc) + log(emp) + unemp | state + year
)
ssc_of <- list(
  default = ssc(),
  K_full = ssc(fixef.K = "full"),
  K_none = ssc(fixef.K = "none"),
  conventional = ssc(cluster.df = "conventional"),
  no_adj = ssc(adj = FALSE),
  no_cluster_adj = ssc(cluster.adj = FALSE),
  t_df_conventional = ssc(t.df = "conventional")
)
cases <- list()
add <- function(name, ds, f, vcov, s) {
  fixed <- FALSE
  m <- withCallingHandlers(feols(fml[[f]], data_of[[ds]], vcov = vcov, ssc = ssc_of[[s]]),
    warning = function(w) { if (grepl("not positive definite", conditionMessage(w))) { fixed <<- TRUE; invokeRestart("muffleWarning") } })
  ct <- coeftable(m)
  cases[[name]] <<- list(data = ds, formula = f, vcov = if (inherits(vcov, "formula")) paste(all.vars(vcov), collapse = "+") else vcov,
    ssc = s, terms = rownames(ct), coef = unname(ct[, 1]), se = unname(ct[, 2]), t = unname(ct[, 3]), p = unname(ct[, 4]),
    nobs = nobs(m), df_t = as.numeric(attr(vcov(m, attr = TRUE), "df.t")), vcov_fixed_not_psd = fixed)
}
for (ds in c("grunfeld", "grunfeld_unbalanced")) {
  for (s in names(ssc_of)) {
    add(paste(ds, "fe1", "firm", s, sep = "_"), ds, "fe1", ~firm, s)
    add(paste(ds, "fe2", "firm", s, sep = "_"), ds, "fe2", ~firm, s)
    add(paste(ds, "fe2", "firm_year", s, sep = "_"), ds, "fe2", ~firm + year, s)
    add(paste(ds, "fe1", "year", s, sep = "_"), ds, "fe1", ~year, s)
  }
  for (v in c("iid", "hetero")) {
    add(paste(ds, "fe1", v, sep = "_"), ds, "fe1", v, "default")
    add(paste(ds, "fe2", v, sep = "_"), ds, "fe2", v, "default")
  }
}
for (s in c("default", "conventional", "K_full")) {
  add(paste("produc2_state", s, sep = "_"), "produc", "produc2", ~state, s)
  add(paste("produc2_state_year", s, sep = "_"), "produc", "produc2", ~state + year, s)
}
add("produc2_iid", "produc", "produc2", "iid", "default")
out <- list(fixest_version = as.character(packageVersion("fixest")), cases = cases)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = FALSE), file.path(dir, "fixest", "expected.json"))
cat(length(cases), "cases\n")
