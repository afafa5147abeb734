import { describe, expect, it } from "vitest";
import { EigenvalueDecomposition, Matrix, inverse as mlInverse } from "ml-matrix";
import { createRng, knnWeights } from "kernel-lib";
import { Dense, dense, eigenvalues, hessenbergEigenvalues, luInverse, toRows } from "../kernel-lib/src/core/linalg";
import { logDet } from "../kernel-lib/src/spatial/logdet";

// Issue 22: the spatial fits' dense inverse and eigenvalues are written out on flat arrays following ml-matrix 6's
// algorithms operation for operation, so the results must equal ml-matrix's bit for bit (the notebooks' snapshots
// pin the numbers that depend on them). Bitwise: the same doubles, signed zeros included.
const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

function randomDense(n: number, seed: number, fill: (r: () => number, i: number, j: number) => number): Dense {
  const rng = createRng(seed, "linalg-lu-test");
  const A = dense(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A.data[i * n + j] = fill(() => rng.normal(), i, j);
  return A;
}

function knnW(n: number, seed: number) {
  const rng = createRng(seed, "linalg-lu-knn");
  const ids = Array.from({ length: n }, (_, i) => `u${i}`);
  return knnWeights(ids, ids.map(() => [100 + 20 * rng.uniform(), 25 + 15 * rng.uniform()] as [number, number]), 5, { metric: "greatCircle", rowStandardize: true });
}

const cases: [string, Dense][] = [
  ["1×1", randomDense(1, 1, (r) => r())],
  ["2×2", randomDense(2, 2, (r) => r())],
  ["7×7 dense", randomDense(7, 3, (r) => r())],
  ["30×30 dense", randomDense(30, 4, (r) => r())],
  ["25×25 sparse with zero rows of structure", randomDense(25, 5, (r, i, j) => (i === j ? 2 + r() : Math.abs(r()) > 1.5 ? r() : 0))],
  ["rotation blocks (complex pairs)", randomDense(12, 6, (r, i, j) => (Math.floor(i / 2) === Math.floor(j / 2) ? (i === j ? 0.5 : i < j ? 1 : -1) : 0.01 * r()))],
];

describe("luInverse: ml-matrix's LU inverse bit for bit", () => {
  for (const [name, A] of cases)
    it(name, () => {
      const ours = luInverse(A);
      const theirs = mlInverse(new Matrix(toRows(A))).to1DArray();
      expect(sameBits(ours.data, theirs)).toBe(true);
    });

  it("I − ρW of a row-standardised 5-NN W (120 units)", () => {
    const A = knnW(120, 7).toDense();
    for (let p = 0; p < A.data.length; p++) A.data[p] *= -0.4;
    for (let i = 0; i < 120; i++) A.data[i * 120 + i] += 1;
    expect(sameBits(luInverse(A).data, mlInverse(new Matrix(toRows(A))).to1DArray())).toBe(true);
  });

  it("a singular matrix is refused, as ml-matrix refuses it", () => {
    const A = dense(3, 3, Float64Array.from([1, 2, 3, 2, 4, 6, 0, 1, 1]));
    expect(() => luInverse(A)).toThrow(/singular/);
    expect(() => luInverse(dense(2, 3))).toThrow(/not square/);
  });
});

describe("hessenbergEigenvalues: ml-matrix's non-symmetric eigenvalues bit for bit", () => {
  const mlEig = (A: Dense) => new EigenvalueDecomposition(new Matrix(toRows(A)));
  for (const [name, A] of [...cases, ["row-standardised 5-NN W (150 units)", knnW(150, 8).toDense()] as [string, Dense]])
    it(name, () => {
      const ours = hessenbergEigenvalues(A), theirs = mlEig(A);
      expect(sameBits(ours.re, theirs.realEigenvalues)).toBe(true);
      expect(sameBits(ours.im, theirs.imaginaryEigenvalues)).toBe(true);
    });

  it("eigenvalues() leaves an exactly symmetric matrix to ml-matrix's symmetric path", () => {
    const A = randomDense(9, 9, (r) => r());
    for (let i = 0; i < 9; i++) for (let j = 0; j < i; j++) A.data[i * 9 + j] = A.data[j * 9 + i];
    const theirs = mlEig(A);
    expect(sameBits(eigenvalues(A).re, theirs.realEigenvalues)).toBe(true);
  });
});

describe("logDet: one decomposition per W", () => {
  it("a second call on the same W returns the same log-determinant; a W changed in place is decomposed afresh", () => {
    const W = knnW(40, 9);
    const a = logDet(W), b = logDet(W);
    expect(b).toBe(a);
    expect(logDet(W, "mc")).not.toBe(a);
    const v = a.value(0.3);
    W.val[0] *= 0.5;
    const c = logDet(W);
    expect(c).not.toBe(a);
    expect(c.value(0.3)).not.toBe(v);
  });
});
