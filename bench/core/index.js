// Core linear algebra (kernel-lib/src/core/linalg.ts) against ml-matrix 6 on the sizes the families use: the
// Cholesky inverse of X'X (k = 5 … 200, repeated as a refit loop would), an SPD solve, and X'X of a 1e5 × k
// design in both layouts (columns: panel and causal; row-major: spatial). Both sides run in this process on the
// same inputs; ml-matrix's matrices are built outside the timing, so its row is the best case for it.
"use strict";
const path = require("path");

function spd(k, rng) {
  const n = k + 20;
  const X = Array.from({ length: k }, () => Float64Array.from({ length: n }, () => rng.normal()));
  const a = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) { let s = 0; for (let r = 0; r < n; r++) s += X[i][r] * X[j][r]; a[i * k + j] = s; }
  return a;
}

function relDiff(a, b) {
  let m = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / scale);
  return m;
}

async function run(ctx) {
  const la = require(path.join(ctx.root, "kernel-lib/dist/core/linalg.js"));
  const { createRng } = require(path.join(ctx.root, "kernel-lib/dist/rng"));
  const ml = require("ml-matrix");
  const rng = createRng(20261201, "bench/core");
  const rows = [];
  const timed = (fn) => {
    const t0 = process.hrtime.bigint();
    const answer = fn();
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, rss_mb: null, answer };
  };
  for (const k of [5, 20, 50, 200]) {
    const a = spd(k, rng);
    const A = new ml.Matrix(Array.from({ length: k }, (_, i) => Array.from(a.subarray(i * k, (i + 1) * k))));
    const reps = Math.max(1, Math.round(2e6 / (k * k * k)));
    rows.push(ctx.compare({
      name: `SPD inverse (X'X⁻¹), k = ${k}, ×${reps}`,
      peer: "ml-matrix 6 CholeskyDecomposition.solve(I)",
      same: "the same symmetric positive definite matrix inverted by Cholesky on both sides",
      ours: () => { let r; for (let i = 0; i < reps; i++) r = la.invSPD(a, k); return r; },
      reference: () => timed(() => { let r; const I = ml.Matrix.eye(k); for (let i = 0; i < reps; i++) r = new ml.CholeskyDecomposition(A).solve(I); return Float64Array.from(r.to1DArray()); }),
      diff: relDiff, tolerance: 1e-9, unit: "max |diff| / max |entry|",
    }));
    const b = Float64Array.from({ length: k }, () => rng.normal());
    rows.push(ctx.compare({
      name: `SPD solve A x = b, k = ${k}, ×${reps}`,
      peer: "ml-matrix 6 CholeskyDecomposition.solve(b)",
      same: "the same factorisation and two triangular solves",
      ours: () => { let r; for (let i = 0; i < reps; i++) r = la.cholSolve(la.cholesky(a, k), k, b); return r; },
      reference: () => timed(() => { let r; const B = ml.Matrix.columnVector(Array.from(b)); for (let i = 0; i < reps; i++) r = new ml.CholeskyDecomposition(A).solve(B); return Float64Array.from(r.to1DArray()); }),
      diff: relDiff, tolerance: 1e-9, unit: "max |diff| / max |x|",
    }));
  }
  const n = 100000;
  for (const k of [10, 40]) {
    const cols = Array.from({ length: k }, () => Float64Array.from({ length: n }, () => rng.normal()));
    const X = la.fromColumns(cols, n);
    const M = new ml.Matrix(n, k);
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) M.set(i, j, cols[j][i]);
    const Mt = M.transpose();
    rows.push(ctx.compare({
      name: `X'X, n = 1e5, k = ${k}, design as columns`,
      peer: "ml-matrix 6 Xᵀ.mmul(X) (Xᵀ built outside the timing)",
      same: "the same cross-product",
      ours: () => la.crossprod(cols),
      reference: () => timed(() => Float64Array.from(Mt.mmul(M).to1DArray())),
      diff: relDiff, tolerance: 1e-12, unit: "max |diff| / max |entry|",
    }));
    rows.push(ctx.compare({
      name: `X'X, n = 1e5, k = ${k}, row-major design`,
      peer: "ml-matrix 6 Xᵀ.mmul(X) (Xᵀ built outside the timing)",
      same: "the same cross-product",
      ours: () => la.crossprodDense(X).data,
      reference: () => timed(() => Float64Array.from(Mt.mmul(M).to1DArray())),
      diff: relDiff, tolerance: 1e-12, unit: "max |diff| / max |entry|",
    }));
  }
  return rows;
}

module.exports = { run };
