/**
 * Small dense linear algebra for the spatial engine (row-major Float64Array matrices). ml-matrix supplies the
 * eigenvalue decompositions; the hot loops (cross products, triangular solves) are written out here.
 */
import { EigenvalueDecomposition, Matrix, inverse as mlInverse } from "ml-matrix";

/** Row-major dense matrix. */
export interface Dense {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function dense(rows: number, cols: number, data?: Float64Array): Dense {
  return { rows, cols, data: data ?? new Float64Array(rows * cols) };
}

export function fromRows(rows: readonly (readonly number[])[]): Dense {
  const r = rows.length;
  const c = r ? rows[0].length : 0;
  const d = dense(r, c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) d.data[i * c + j] = rows[i][j];
  return d;
}

export function toRows(m: Dense): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
}

/** Columns of an n×k design as separate arrays → row-major n×k. */
export function fromColumns(cols: readonly ArrayLike<number>[], n: number): Dense {
  const k = cols.length;
  const d = dense(n, k);
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) d.data[i * k + j] = cols[j][i];
  return d;
}

/** X'X (k×k). */
export function crossprod(X: Dense): Dense {
  const { rows: n, cols: k, data } = X;
  const out = dense(k, k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let a = 0; a < k; a++) {
      const xa = data[o + a];
      if (xa === 0) continue;
      for (let b = a; b < k; b++) out.data[a * k + b] += xa * data[o + b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) out.data[a * k + b] = out.data[b * k + a];
  return out;
}

/** X'y (k). */
export function crossvec(X: Dense, y: ArrayLike<number>): Float64Array {
  const { rows: n, cols: k, data } = X;
  const out = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    const o = i * k;
    for (let a = 0; a < k; a++) out[a] += data[o + a] * yi;
  }
  return out;
}

/** X b (n). */
export function matvec(X: Dense, b: ArrayLike<number>): Float64Array {
  const { rows: n, cols: k, data } = X;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * k;
    for (let a = 0; a < k; a++) s += data[o + a] * b[a];
    out[i] = s;
  }
  return out;
}

export function matmul(A: Dense, B: Dense): Dense {
  if (A.cols !== B.rows) throw new Error("matmul: dimension mismatch");
  const out = dense(A.rows, B.cols);
  const n = A.rows, m = A.cols, p = B.cols;
  for (let i = 0; i < n; i++) {
    const oi = i * p;
    for (let k = 0; k < m; k++) {
      const a = A.data[i * m + k];
      if (a === 0) continue;
      const ok = k * p;
      for (let j = 0; j < p; j++) out.data[oi + j] += a * B.data[ok + j];
    }
  }
  return out;
}

export function transpose(A: Dense): Dense {
  const out = dense(A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) out.data[j * A.rows + i] = A.data[i * A.cols + j];
  return out;
}

export function identity(n: number): Dense {
  const d = dense(n, n);
  for (let i = 0; i < n; i++) d.data[i * n + i] = 1;
  return d;
}

/** Cholesky factor L (lower) of a symmetric positive definite matrix; throws if not positive definite. */
export function cholesky(A: Dense): Dense {
  const n = A.rows;
  const L = dense(n, n);
  for (let j = 0; j < n; j++) {
    let s = A.data[j * n + j];
    for (let k = 0; k < j; k++) s -= L.data[j * n + k] ** 2;
    if (!(s > 0)) throw new Error("cholesky: matrix is not positive definite (collinear regressors?)");
    const d = Math.sqrt(s);
    L.data[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let t = A.data[i * n + j];
      for (let k = 0; k < j; k++) t -= L.data[i * n + k] * L.data[j * n + k];
      L.data[i * n + j] = t / d;
    }
  }
  return L;
}

/** Solve (L L') x = b given the Cholesky factor. */
export function cholSolve(L: Dense, b: ArrayLike<number>): Float64Array {
  const n = L.rows;
  const z = Float64Array.from(b as ArrayLike<number>);
  for (let i = 0; i < n; i++) {
    let s = z[i];
    for (let k = 0; k < i; k++) s -= L.data[i * n + k] * z[k];
    z[i] = s / L.data[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < n; k++) s -= L.data[k * n + i] * z[k];
    z[i] = s / L.data[i * n + i];
  }
  return z;
}

/** Inverse of a symmetric positive definite matrix. */
export function spdInverse(A: Dense): Dense {
  const n = A.rows;
  const L = cholesky(A);
  const out = dense(n, n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const c = cholSolve(L, e);
    for (let i = 0; i < n; i++) out.data[i * n + j] = c[i];
  }
  return out;
}

/** General inverse (Cholesky when symmetric positive definite, else LU via ml-matrix). */
export function inverse(A: Dense): Dense {
  let sym = A.rows === A.cols;
  for (let i = 0; sym && i < A.rows; i++) for (let j = 0; j < i; j++) if (Math.abs(A.data[i * A.cols + j] - A.data[j * A.cols + i]) > 1e-12 * (Math.abs(A.data[i * A.cols + j]) + 1e-300)) { sym = false; break; }
  try {
    if (!sym) throw new Error("not symmetric");
    return spdInverse(A);
  } catch {
    return fromRows(mlInverse(new Matrix(toRows(A))).to2DArray());
  }
}

/** Eigenvalues (real and imaginary parts) of a square dense matrix. */
export function eigenvalues(A: Dense, symmetric = false): { re: Float64Array; im: Float64Array } {
  const m = new Matrix(toRows(A));
  const e = new EigenvalueDecomposition(m, { assumeSymmetric: symmetric });
  return { re: Float64Array.from(e.realEigenvalues), im: Float64Array.from(e.imaginaryEigenvalues) };
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Brent's method for a maximum of f on [a, b] (the same algorithm as R's optimize, fmin by Brent 1973).
 */
export function brentMax(f: (x: number) => number, a: number, b: number, tol = 1e-10, maxIter = 500): { x: number; value: number; iterations: number; converged: boolean } {
  const g = (x: number) => -f(x);
  const c = (3 - Math.sqrt(5)) * 0.5;
  const eps = Math.sqrt(2.220446049250313e-16);
  let v = a + c * (b - a);
  let w = v;
  let x = v;
  let d = 0;
  let e = 0;
  let fx = g(x);
  let fv = fx;
  let fw = fx;
  const tol3 = tol / 3;
  let it = 0;
  let converged = false;
  for (; it < maxIter; it++) {
    const xm = (a + b) * 0.5;
    const tol1 = eps * Math.abs(x) + tol3;
    const t2 = tol1 * 2;
    if (Math.abs(x - xm) <= t2 - (b - a) * 0.5) {
      converged = true;
      break;
    }
    let p = 0, q = 0, r = 0;
    if (Math.abs(e) > tol1) {
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = (q - r) * 2;
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
    }
    if (Math.abs(p) >= Math.abs(q * 0.5 * r) || p <= q * (a - x) || p >= q * (b - x)) {
      e = x < xm ? b - x : a - x;
      d = c * e;
    } else {
      d = p / q;
      const u = x + d;
      if (u - a < t2 || b - u < t2) {
        d = tol1;
        if (x >= xm) d = -d;
      }
    }
    if (Math.abs(d) >= tol1) {
      /* ok */
    } else if (d > 0) d = tol1;
    else d = -tol1;
    const u = x + d;
    const fu = g(u);
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w; fv = fw;
      w = x; fw = fx;
      x = u; fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w; fv = fw;
        w = u; fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u; fv = fu;
      }
    }
  }
  return { x, value: -fx, iterations: it, converged };
}
