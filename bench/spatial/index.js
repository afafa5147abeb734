// Spatial bench, like for like (issue 21): each row runs the same estimator with the same exactness on both sides,
// asserts that the answers agree to a stated tolerance (the bench fails if not), and interleaves ours and the
// reference over REPS repetitions; it reports the median ratio with its min and max (ratio = reference / ours).
// Timings cover the fit only, from data and W in memory, on both sides (R: Sys.time() around the call).
//   (1) cross-section SDM, N = 3,000, kNN-6: ours with the exact sparse LU log-determinant against spatialreg
//       lagsarlm(Durbin = TRUE, method = "LU") (Matrix's sparse LU); inputs test/reference/spatial/large/.
//   (2) panel SDM with two-way FE, N = 272, T = 12, kNN-6: ours with eigenvalues and panelLag "lag-of-demeaned"
//       (splm's estimator) against splm 1.6-5 spml(model = "within", effect = "twoways", lag = TRUE), whose
//       Jacobian is also by eigenvalues; inputs test/reference/spatial/splm/. splm is not in Debian: it is found in
//       R_LIBS (build it with `R CMD INSTALL -l <dir>` from its CRAN source).
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const REPS = 3;

function median(v) {
  const s = v.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function readCsv(file) {
  const lines = fs.readFileSync(file, "utf8").trim().split(/\r?\n/);
  const head = lines[0].split(",").map((h) => h.replace(/"/g, ""));
  const cols = Object.fromEntries(head.map((h) => [h, []]));
  for (const l of lines.slice(1)) l.split(",").forEach((v, j) => cols[head[j]].push(Number(v)));
  return cols;
}

function runR(script, env) {
  const p = spawnSync("Rscript", ["-e", script], { encoding: "utf8", env: { ...process.env, ...env } });
  if (p.status !== 0) throw new Error("reference failed: " + (p.stderr || "").trim().split("\n").slice(-2).join(" "));
  const line = p.stdout.trim().split("\n").filter((l) => l.startsWith("{")).pop();
  return JSON.parse(line);
}

function assertClose(what, ours, ref, tol) {
  const d = Math.abs(ours - ref);
  if (!(d <= tol)) throw new Error(`bench spatial: ${what} disagrees: ours ${ours}, reference ${ref} (|diff| ${d} > ${tol})`);
  return d;
}

function row(name, reference, oursMs, refMs, maxDiff, tol, note) {
  const ratios = oursMs.map((o, i) => refMs[i] / o);
  return {
    name, reference,
    ours_ms: median(oursMs), reference_ms: median(refMs),
    ratio: median(ratios), ratio_min: Math.min(...ratios), ratio_max: Math.max(...ratios), reps: oursMs.length,
    ours_ms_all: oursMs, reference_ms_all: refMs,
    max_abs_diff: maxDiff, tolerance: tol,
    note,
  };
}

exports.run = async function run(ctx) {
  const lib = require(path.join(ctx.root, "kernel-lib", "dist", "spatial"));
  const out = [];
  const hasR = ctx.hasCommand("Rscript");
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
    const reference = "spatialreg lagsarlm Durbin, method=LU";
    if (!hasR) out.push({ name, reference, ours_ms: null, reference_ms: null, ratio: null, note: "skipped: no Rscript (apt-get install r-cran-spatialreg)" });
    else {
      const R = `suppressMessages({library(spdep);library(spatialreg);library(jsonlite)}); d<-read.csv(${JSON.stringify(file)});
lw<-nb2listw(knn2nb(knearneigh(cbind(d$lon,d$lat),k=6)),style="W"); t0<-Sys.time();
f<-lagsarlm(y~x1+x2,data=d,listw=lw,Durbin=TRUE,method="LU"); ms<-as.numeric(difftime(Sys.time(),t0,units="secs"))*1000;
cat(toJSON(list(ms=ms,rho=unname(f$rho),coef=unname(coef(f)[-1]),ll=as.numeric(logLik(f))),digits=NA,auto_unbox=TRUE),"\\n")`;
      const oursMs = [], refMs = [];
      let maxDiff = 0;
      const tol = 1e-6;
      for (let r = 0; r < REPS; r++) {
        const t0 = process.hrtime.bigint();
        const f = lib.fitSpatial({ y, x, xNames: ["x1", "x2"], w: W, model: "sdm", logdetMethod: "lu" });
        oursMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
        const ref = runR(R);
        refMs.push(ref.ms);
        // spatialreg orders (Intercept), x1, x2, lag.x1, lag.x2: the same as ours
        maxDiff = Math.max(maxDiff, assertClose("rho", f.rho, ref.rho, tol));
        f.coefficients.forEach((c, j) => (maxDiff = Math.max(maxDiff, assertClose(c.term, c.estimate, ref.coef[j], tol))));
        assertClose("logLik", f.log_likelihood, ref.ll, tol * Math.abs(ref.ll));
      }
      out.push(row(name, reference, oursMs, refMs, maxDiff, tol, `rho, coefficients within ${tol}; logLik within ${tol} relative`));
    }
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
    const reference = "splm 1.6-5 spml within twoways lag";
    const R = `suppressMessages({library(splm);library(spdep);library(jsonlite)}); d<-read.csv(${JSON.stringify(path.join(dir, "panel272.csv"))});
p<-read.csv(${JSON.stringify(path.join(dir, "points272.csv"))}); lw<-nb2listw(knn2nb(knearneigh(cbind(p$lon,p$lat),k=6)),style="W"); W<-listw2mat(lw);
for (v in c("x1","x2","x3")) d[[paste0("w",v)]]<-unlist(lapply(1:max(d$t),function(t) as.vector(W%*%d[[v]][d$t==t])));
t0<-Sys.time(); f<-spml(y~x1+x2+x3+wx1+wx2+wx3,data=d,index=c("id","t"),listw=lw,model="within",effect="twoways",lag=TRUE,spatial.error="none");
ms<-as.numeric(difftime(Sys.time(),t0,units="secs"))*1000;
cat(toJSON(list(ms=ms,rho=unname(coef(f)[1]),coef=unname(coef(f)[-1]),ll=as.numeric(f$logLik)),digits=NA,auto_unbox=TRUE),"\\n")`;
    const probe = hasR ? spawnSync("Rscript", ["-e", "cat(requireNamespace('splm', quietly=TRUE))"], { encoding: "utf8" }).stdout.trim() : "";
    if (probe !== "TRUE") out.push({ name, reference, ours_ms: null, reference_ms: null, ratio: null, note: "skipped: splm not installed (R CMD INSTALL -l <dir> splm from its CRAN source, then R_LIBS=<dir>)" });
    else {
      const oursMs = [], refMs = [];
      let maxDiff = 0;
      const tol = 1e-6;
      for (let r = 0; r < REPS; r++) {
        const t0 = process.hrtime.bigint();
        const f = lib.fitSpatial({ y, x, xNames: ["x1", "x2", "x3"], w: W, model: "sdm", T, effects: "twoways", logdetMethod: "eigen", panelLag: "lag-of-demeaned" });
        oursMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
        const ref = runR(R);
        refMs.push(ref.ms);
        maxDiff = Math.max(maxDiff, assertClose("rho", f.rho, ref.rho, tol));
        f.coefficients.forEach((c, j) => (maxDiff = Math.max(maxDiff, assertClose(c.term, c.estimate, ref.coef[j], tol))));
        assertClose("logLik", f.log_likelihood, ref.ll, tol * Math.abs(ref.ll));
      }
      out.push(row(name, reference, oursMs, refMs, maxDiff, tol, `same estimator (splm's W·Qy lag); rho, coefficients within ${tol}`));
    }
  }
  return out;
};
