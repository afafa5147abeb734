# log|I - rho W| for a W that is not row-standardised (sparse LU path with the interval +-1/spectral radius):
# the symmetrised kNN-6 graph of the cross3000.csv points (spdep make.sym.nb) as binary weights (style "B": row sums
# from 6 to the largest in-degree), by Matrix 1.5-3's sparse determinant; the spectral radius from R's eigen().
# Run from the project root: Rscript test/reference/spatial/large/make_expected_unstandardised.R
suppressMessages({ library(spdep); library(spatialreg); library(Matrix); library(jsonlite) })
dir <- "test/reference/spatial/large"
d <- read.csv(file.path(dir, "cross3000.csv"))
W <- as(nb2listw(make.sym.nb(knn2nb(knearneigh(cbind(d$lon, d$lat), k = 6))), style = "B"), "CsparseMatrix")
N <- nrow(W)
r <- max(Mod(eigen(as.matrix(W), symmetric = TRUE, only.values = TRUE)$values))
grid <- c(-0.95, -0.5, 0.3, 0.9, 0.99) / r
ld <- sapply(grid, function(x) as.numeric(determinant(Diagonal(N) - x * W, logarithm = TRUE)$modulus))
writeLines(toJSON(list(source = "Matrix 1.5-3 determinant(), spdep make.sym.nb kNN-6, style 'B'", spectral_radius = r, rho = grid, value = ld),
                  digits = NA, auto_unbox = TRUE, pretty = TRUE), file.path(dir, "expected_unstandardised.json"))
