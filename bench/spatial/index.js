// Spatial bench, like for like (issue 21), through bench/harness.js: each row runs the same estimator with the
// same exactness on both sides, asserts that the answers agree to a stated tolerance (the bench fails if not), and
// interleaves ours and the reference; ratio = reference / ours. Timings cover the fit only, from data and W in
// memory, on both sides (R: from bench_start() to bench_done() around the call).
//   (1) cross-section SDM, N = 3,000, kNN-6: ours with the exact sparse LU log-determinant against spatialreg
//       lagsarlm(Durbin = TRUE, method = "LU") (Matrix's sparse LU); inputs test/reference/spatial/large/.
//   (2) panel SDM with two-way FE, N = 272, T = 12, kNN-6: ours with eigenvalues and panelLag "lag-of-demeaned"
//       (splm's estimator) against splm 1.6-5 spml(model = "within", effect = "twoways", lag = TRUE), whose
//       Jacobian is also by eigenvalues; inputs test/reference/spatial/splm/. splm is not in Debian: it is found in
//       R_LIBS (build it with `R CMD INSTALL -l <dir>` from its CRAN source).
"use strict";
const fs = require("fs");
const path = require("path");

function readCsv(file) {
  const lines = fs.readFileSync(file, "utf8").trim().split(/\r?\n/);
  const head = lines[0].split(",").map((h) => h.replace(/"/g, ""));
  const cols = Object.fromEntries(head.map((h) => [h, []]));
  for (const l of lines.slice(1)) l.split(",").forEach((v, j) => cols[head[j]].push(Number(v)));
  return cols;
}

// rho and the coefficients within tol, the log-likelihood within tol relative
function fitDiff(f, ref) {
  const d = Math.max(Math.abs(f.rho - ref.rho), ...f.coefficients.map((c, j) => Math.abs(c.estimate - ref.coef[j])));
  const ll = Math.abs(f.log_likelihood - ref.ll) / Math.abs(ref.ll);
  return Math.max(d, ll);
}

exports.run = async function run(ctx) {
  const lib = require(path.join(ctx.root, "kernel-lib", "dist", "spatial"));
  const out = [];
  const tol = 1e-6;
  const unit = "max |diff| of rho and coefficients, and relative |diff| of logLik";
  // (1) cross-section
  {
    const file = path.join(ctx.root, "test", "reference", "spatial", "large", "cross3000.csv");
    const d = readCsv(file);
    const N = d.y.length;
    const ids = Array.from({ length: N }, (_, i) => String(i + 1));
    const W = lib.knnWeights(ids, ids.map((_, i) => [d.lon[i], d.lat[i]]), 6, { rowStandardize: true });
    const x = [Float64Array.from(d.x1), Float64Array.from(d.x2)];
    const y = Float64Array.from(d.y);
    const name = "cross-section SDM N=3000 kNN-6, exact sparse LU both sides";
    const peer = "spatialreg lagsarlm Durbin, method=LU";
    if (!ctx.hasR("spatialreg", "spdep")) out.push(ctx.skipped(name, peer, "apt-get install r-cran-spatialreg"));
    else
      out.push(ctx.compare({
        name, peer,
        same: "same model and exact log-determinant (sparse LU of I − ρW on both sides); spatialreg orders (Intercept), x1, x2, lag.x1, lag.x2 as ours",
        // ours: the exact information-matrix traces of the SEs; spatialreg: a numerical Hessian
        ours: () => lib.fitSpatial({ y, x, xNames: ["x1", "x2"], w: W, model: "sdm", logdetMethod: "lu" }),
        reference: () => ctx.runR(`suppressMessages({library(spdep);library(spatialreg)}); d<-read.csv(${JSON.stringify(file)});
lw<-nb2listw(knn2nb(knearneigh(cbind(d$lon,d$lat),k=6)),style="W")
bench_start(); f<-lagsarlm(y~x1+x2,data=d,listw=lw,Durbin=TRUE,method="LU")
bench_done(list(rho=unname(f$rho),coef=unname(coef(f)[-1]),ll=as.numeric(logLik(f))))`),
        diff: fitDiff, tolerance: tol, unit,
        note: "most of ours is the exact information-matrix traces of the SEs (two sparse solves per unit), where spatialreg takes a numerical Hessian",
      }));
  }
  // (2) panel SDM against splm
  {
    const dir = path.join(ctx.root, "test", "reference", "spatial", "splm");
    const pts = readCsv(path.join(dir, "points272.csv"));
    const d = readCsv(path.join(dir, "panel272.csv"));
    const N = pts.lon.length, T = Math.max(...d.t);
    const ids = Array.from({ length: N }, (_, i) => String(i + 1));
    const W = lib.knnWeights(ids, ids.map((_, i) => [pts.lon[i], pts.lat[i]]), 6, { rowStandardize: true });
    const stack = (c) => {
      const v = new Float64Array(N * T);
      d[c].forEach((val, r) => (v[(d.t[r] - 1) * N + d.id[r] - 1] = val));
      return v;
    };
    const y = stack("y");
    const x = ["x1", "x2", "x3"].map(stack);
    const name = "panel SDM two-way FE N=272 T=12 kNN-6, eigenvalues both sides";
    const peer = "splm spml within twoways lag";
    if (!ctx.hasR("splm", "spdep")) out.push(ctx.skipped(name, peer, "splm is not in Debian: R CMD INSTALL -l <dir> its CRAN source, then R_LIBS=<dir>"));
    else
      out.push(ctx.compare({
        name, peer: `splm ${ctx.rPackageVersion("splm")} spml within twoways lag`,
        same: "same estimator (splm's lag of the demeaned y: our panelLag \"lag-of-demeaned\") and the same eigenvalue Jacobian",
        ours: () => lib.fitSpatial({ y, x, xNames: ["x1", "x2", "x3"], w: W, model: "sdm", T, effects: "twoways", logdetMethod: "eigen", panelLag: "lag-of-demeaned" }),
        reference: () => ctx.runR(`suppressMessages({library(splm);library(spdep)}); d<-read.csv(${JSON.stringify(path.join(dir, "panel272.csv"))});
p<-read.csv(${JSON.stringify(path.join(dir, "points272.csv"))}); lw<-nb2listw(knn2nb(knearneigh(cbind(p$lon,p$lat),k=6)),style="W"); W<-listw2mat(lw);
for (v in c("x1","x2","x3")) d[[paste0("w",v)]]<-unlist(lapply(1:max(d$t),function(t) as.vector(W%*%d[[v]][d$t==t])));
bench_start(); f<-spml(y~x1+x2+x3+wx1+wx2+wx3,data=d,index=c("id","t"),listw=lw,model="within",effect="twoways",lag=TRUE,spatial.error="none")
bench_done(list(rho=unname(coef(f)[1]),coef=unname(coef(f)[-1]),ll=as.numeric(f$logLik)))`),
        diff: fitDiff, tolerance: tol, unit,
      }));
  }
  return out;
};
