# The three reference panels as committed in test/reference/panel/ (by make_expected.R), read by the fixest scripts.
suppressPackageStartupMessages({ library(fixest); library(jsonlite) })
setFixest_nthreads(1)
dir <- "test/reference/panel"
g <- read.csv(file.path(dir, "grunfeld.csv"))
gu <- read.csv(file.path(dir, "grunfeld_unbalanced.csv"))
pr <- read.csv(file.path(dir, "produc.csv"))
