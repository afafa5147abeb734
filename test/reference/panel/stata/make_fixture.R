# Stata 13 xtreg output published as a test fixture by the linearmodels project (github.com/bashtage/linearmodels,
# NCSA licence, commit 2ce5503d20, linearmodels/tests/panel/results/): simulated-panel.dta and
# stata-panel-simulated-results.txt, written by its execute-stata-simulated-data.py with estout at %13.12g.
# This script only converts them: the data to simulated_panel.csv (balanced columns and the "_heavy" columns,
# whose missing values make an unbalanced panel), and the printed results to stata_xtreg.json. No number here
# comes from regionlab. Run from the repository root with the two upstream files in $LM:
#   LM=/path/to/linearmodels/tests/panel/results Rscript test/reference/panel/stata/make_fixture.R
suppressPackageStartupMessages({ library(foreign); library(jsonlite) })
src <- Sys.getenv("LM")
out <- "test/reference/panel/stata"
d <- read.dta(file.path(src, "simulated-panel.dta"))
keep <- c("firm", "time", "w", "y", paste0("x", 1:5), "y_heavy", paste0("x", 1:5, "_heavy"))
d$time <- as.integer(format(d$time, "%Y"))
write.csv(d[, keep], file.path(out, "simulated_panel.csv"), row.names = FALSE, na = "")

lines <- readLines(file.path(src, "stata-panel-simulated-results.txt"))
starts <- grep("^#+!.*!#+$", lines)
num <- function(s) if (is.na(s) || s == "") NULL else as.numeric(s)
res <- list()
for (j in seq_along(starts)) {
  name <- sub("^#+!(.*)!#+$", "\\1", lines[starts[j]])
  end <- if (j < length(starts)) starts[j + 1] - 1 else length(lines)
  blk <- lines[(starts[j] + 1):end]
  vpos <- grep("Variance", blk)
  est <- strsplit(blk[1:(vpos - 1)], "\t")
  coef <- list(); stats <- list(); cur <- NULL; k <- 0
  for (row in est) {
    if (length(row) < 2) next
    if (row[1] != "") {
      cur <- row[1]; k <- 1
      if (cur %in% c(".", "b/t/p")) next
      v <- num(row[2])
      if (grepl("^x[0-9]|^_cons", cur)) coef[[cur]] <- list(b = v) else stats[[cur]] <- v
    } else if (!is.null(cur) && !is.null(coef[[cur]])) {
      k <- k + 1
      if (k == 2) coef[[cur]]$t <- num(row[2]) else if (k == 3) coef[[cur]]$p <- num(row[2])
    }
  }
  vb <- strsplit(blk[(vpos + 2):length(blk)], "\t")
  vnames <- vb[[1]][-1]
  V <- list()
  for (row in vb[-1]) if (length(row) > 1 && row[1] %in% vnames) V[[row[1]]] <- as.numeric(row[-1][seq_along(vnames)])
  res[[name]] <- list(coef = coef, stats = stats, V = V)
}
writeLines(toJSON(res, digits = NA, auto_unbox = TRUE, pretty = FALSE, null = "null"), file.path(out, "stata_xtreg.json"))
