# Expected matrix for economicDistanceNestedWeights (eq. (19) of the digital-real-integration study):
# W = W_d %*% diag(Ybar_i / Ybar), W_d = 1/d^2 (planar), then row-standardised. Base R only.
pts <- data.frame(id = c("a", "b", "c", "d", "e"), x = c(0, 1, 3, 0.5, 2.2), y = c(0, 0.5, 1, 2, 2.5))
ybar <- c(2, 5, 1.5, 3, 8)
d <- as.matrix(dist(pts[, c("x", "y")]))
wd <- ifelse(d > 0, 1 / d^2, 0)
w <- wd %*% diag(ybar / mean(ybar))
w_raw <- w
w <- w / rowSums(w)
write.csv(data.frame(id = pts$id, x = pts$x, y = pts$y, ybar = ybar), "nested_input.csv", row.names = FALSE)
write.csv(w, "nested_expected_rowstd.csv", row.names = FALSE)
write.csv(w_raw, "nested_expected_raw.csv", row.names = FALSE)
