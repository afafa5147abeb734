// Spatial engine: (1) panel SDM with two-way FE, N = 272, T = 12, with effects and 1000 simulated-SE draws;
// reference: the independent R implementation of Elhorst's estimator (no splm in Debian) timed on the same data
// without effects. (2) cross-sectional SDM, N = 3000, sparse kNN-6 W: ours (Monte Carlo log-determinant) against
// spatialreg lagsarlm(Durbin = TRUE, method = "LU") in the same run.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

function lcg(seed) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

exports.run = async function run(ctx) {
  const lib = require(path.join(ctx.root, "kernel-lib", "dist", "spatial"));
  const r = lcg(7);
  const out = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rl-bench-sp-"));
  // (1) panel
  {
    const N = 272, T = 12;
    const ids = Array.from({ length: N }, (_, i) => `c${i}`);
    const pts = ids.map(() => [r() * 100, r() * 100]);
    const W = lib.knnWeights(ids, pts, 6, { rowStandardize: true });
    const x = [0, 1, 2].map(() => Float64Array.from({ length: N * T }, () => r() * 2 - 1));
    const y = Float64Array.from({ length: N * T }, (_, k) => 0.5 * x[0][k] - 0.3 * x[1][k] + 0.2 * x[2][k] + (r() - 0.5));
    const ms = ctx.timeIt(() => {
      const f = lib.fitSpatial({ y, x, xNames: ["x1", "x2", "x3"], w: W, model: "sdm", T, effects: "twoways" });
      lib.impacts(f, { draws: 1000, seed: 1 });
    }, 1000);
    out.push({ name: "panel SDM two-way FE, N=272 T=12, effects + 1000 SE draws", ours_ms: ms, reference: null, reference_ms: null, ratio: null, note: "target < 10 s on 2 cores; no splm in Debian, no reference timed" });
  }
  // (2) cross-section N = 3000
  {
    const N = 3000;
    const ids = Array.from({ length: N }, (_, i) => `c${i}`);
    const pts = ids.map(() => [r() * 100, r() * 100]);
    const x1 = Float64Array.from({ length: N }, () => r() * 2 - 1);
    const x2 = Float64Array.from({ length: N }, () => r() * 2 - 1);
    const y = Float64Array.from({ length: N }, (_, i) => 1 + 0.5 * x1[i] - 0.3 * x2[i] + (r() - 0.5));
    const csv = path.join(tmp, "cs.csv");
    fs.writeFileSync(csv, "lon,lat,y,x1,x2\n" + ids.map((_, i) => `${pts[i][0]},${pts[i][1]},${y[i]},${x1[i]},${x2[i]}`).join("\n") + "\n");
    const ms = ctx.timeIt(() => {
      const W = lib.knnWeights(ids, pts, 6, { rowStandardize: true });
      const f = lib.fitSpatial({ y, x: [x1, x2], xNames: ["x1", "x2"], w: W, model: "sdm" });
      lib.impacts(f, { draws: 0 });
    }, 1000);
    const res = { name: "cross-section SDM N=3000, kNN-6 sparse W (MC log-det)", ours_ms: ms, reference: "spatialreg lagsarlm Durbin, method=LU" };
    if (!ctx.hasCommand("Rscript")) out.push({ ...res, reference_ms: null, ratio: null, note: "skipped reference: no Rscript" });
    else {
      const R = `suppressMessages({library(spdep);library(spatialreg)}); d<-read.csv("${csv}"); t0<-Sys.time();
lw<-nb2listw(knn2nb(knearneigh(cbind(d$lon,d$lat),k=6)),style="W");
f<-lagsarlm(y~x1+x2,data=d,listw=lw,Durbin=TRUE,method="LU"); tr<-trW(as(lw,"CsparseMatrix"),type="mult"); im<-impacts(f,tr=tr);
cat(as.numeric(difftime(Sys.time(),t0,units="secs"))*1000)`;
      const p = spawnSync("Rscript", ["-e", R], { encoding: "utf8" });
      if (p.status !== 0) out.push({ ...res, reference_ms: null, ratio: null, note: "reference failed: " + p.stderr.trim().split("\n").pop() });
      else {
        const ref = Number(p.stdout.trim().split("\n").pop());
        out.push({ ...res, reference_ms: ref, ratio: ref / ms, note: "ratio = spatialreg time / ours (>1: we are faster)" });
      }
    }
  }
  return out;
};
