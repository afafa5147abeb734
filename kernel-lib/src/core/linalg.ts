/**
 * The one dense linear-algebra module under every solver family. A k × k matrix is a row-major Float64Array with
 * its order k beside it; a rectangular one is a `Dense` (rows, cols, row-major data). A regression design is kept
 * either as columns (one Float64Array per regressor: panel, causal) or as a row-major `Dense` (spatial), and
 * each layout has its cross-product. Factorisations and inverses are written out here: at the sizes the families
 * use they are faster than ml-matrix's (README "Speed", bench/core); ml-matrix supplies the general eigenvalue
 * decomposition and the small least-squares solve (geo/gravity); the LU inverse of non-symmetric matrices follows its
 * algorithm operation for operation (luInverse).
 */
import { EigenvalueDecomposition, Matrix, inverse as mlInverse, solve as mlSolve } from "ml-matrix";

/**
 * X'X for a design kept as columns (k × k, row-major). `known`: X'X of the first k0 columns, copied instead of
 * recomputed (each entry is its own dot product, so the result is the same).
 */
export function crossprod(cols: readonly Float64Array[], known?: { xtx: Float64Array; k: number }): Float64Array {
  const k = cols.length;
  const out = new Float64Array(k * k);
  const k0 = known ? known.k : 0;
  for (let a = 0; a < k0; a++) for (let b = 0; b < k0; b++) out[a * k + b] = known!.xtx[a * k0 + b];
  for (let a = 0; a < k; a++) {
    const ca = cols[a];
    for (let b = Math.max(a, k0); b < k; b++) {
      const cb = cols[b];
      let s = 0;
      for (let i = 0; i < ca.length; i++) s += ca[i] * cb[i];
      out[a * k + b] = s;
      out[b * k + a] = s;
    }
  }
  return out;
}

/** X'y. */
export function crossvec(cols: readonly Float64Array[], y: ArrayLike<number>): Float64Array {
  const out = new Float64Array(cols.length);
  for (let a = 0; a < cols.length; a++) {
    const c = cols[a];
    let s = 0;
    for (let i = 0; i < c.length; i++) s += c[i] * y[i];
    out[a] = s;
  }
  return out;
}

/**
 * Which columns are linearly independent, in order (a column is dropped when, after projecting it on the
 * earlier kept columns, less than `tol` of its own sum of squares is left), as R's lm() and Stata's _rmcoll
 * drop the later of two collinear regressors. `scale[j]` is the reference sum of squares of column j (for
 * demeaned regressors, the sum of squares before demeaning, so a regressor absorbed by the fixed effects is
 * recognised).
 */
export function independentColumns(xtx: Float64Array, k: number, scale?: ArrayLike<number>, tol = 1e-9): number[] {
  const L = new Float64Array(k * k);
  const kept: number[] = [];
  for (let j = 0; j < k; j++) {
    // Cholesky row for j against kept columns
    const row = new Float64Array(k);
    for (const p of kept) {
      let s = xtx[j * k + p];
      for (const q of kept) {
        if (q >= p) break;
        s -= row[q] * L[p * k + q];
      }
      row[p] = s / L[p * k + p];
    }
    let d = xtx[j * k + j];
    for (const p of kept) d -= row[p] * row[p];
    const ref = Math.max(scale ? scale[j] : xtx[j * k + j], 1e-300);
    if (d > tol * ref && d > 0) {
      for (const p of kept) L[j * k + p] = row[p];
      L[j * k + j] = Math.sqrt(d);
      kept.push(j);
    }
  }
  return kept;
}

/** Sub-matrix of a k × k matrix on index set idx. */
export function subMatrix(a: Float64Array, k: number, idx: readonly number[]): Float64Array {
  const m = idx.length;
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) out[i * m + j] = a[idx[i] * k + idx[j]];
  return out;
}

/**
 * Lower Cholesky factor L (L L' = A) of a symmetric positive definite k × k matrix; throws naming `what` and the
 * pivot when it is not.
 */
export function cholesky(a: Float64Array, k: number, what = "matrix"): Float64Array {
  const L = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j];
    for (let p = 0; p < j; p++) d -= L[j * k + p] * L[j * k + p];
    if (!(d > 0)) throw new Error(`${what} is not positive definite (pivot ${j + 1} is ${d})`);
    const ljj = Math.sqrt(d);
    L[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j];
      for (let p = 0; p < j; p++) s -= L[i * k + p] * L[j * k + p];
      L[i * k + j] = s / ljj;
    }
  }
  return L;
}

/** Solve (L L') x = b given the lower Cholesky factor L (k × k). */
export function cholSolve(L: Float64Array, k: number, b: ArrayLike<number>): Float64Array {
  const z = Float64Array.from(b as ArrayLike<number>);
  for (let i = 0; i < k; i++) {
    let s = z[i];
    for (let p = 0; p < i; p++) s -= L[i * k + p] * z[p];
    z[i] = s / L[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i];
    for (let p = i + 1; p < k; p++) s -= L[p * k + i] * z[p];
    z[i] = s / L[i * k + i];
  }
  return z;
}

/** Inverse of a symmetric positive definite matrix by Cholesky (L⁻¹ then L⁻ᵀL⁻¹); throws with `what` if it is not. */
export function invSPD(a: Float64Array, k: number, what = "matrix"): Float64Array {
  const L = cholesky(a, k, what);
  // inverse of L
  const Li = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    Li[i * k + i] = 1 / L[i * k + i];
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let p = j; p < i; p++) s -= L[i * k + p] * Li[p * k + j];
      Li[i * k + j] = s / L[i * k + i];
    }
  }
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = i; p < k; p++) s += Li[p * k + i] * Li[p * k + j];
      out[i * k + j] = s;
      out[j * k + i] = s;
    }
  return out;
}

/** General inverse by Gauss–Jordan with partial pivoting (for small non-symmetric or indefinite matrices). */
export function inv(a: Float64Array, k: number, what = "matrix"): Float64Array {
  const m = Float64Array.from(a);
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) out[i * k + i] = 1;
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(m[r * k + c]) > Math.abs(m[piv * k + c])) piv = r;
    const pv = m[piv * k + c];
    if (Math.abs(pv) < 1e-300) throw new Error(`${what} is singular`);
    if (piv !== c)
      for (let j = 0; j < k; j++) {
        [m[c * k + j], m[piv * k + j]] = [m[piv * k + j], m[c * k + j]];
        [out[c * k + j], out[piv * k + j]] = [out[piv * k + j], out[c * k + j]];
      }
    for (let j = 0; j < k; j++) {
      m[c * k + j] /= pv;
      out[c * k + j] /= pv;
    }
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = m[r * k + c];
      if (f === 0) continue;
      for (let j = 0; j < k; j++) {
        m[r * k + j] -= f * m[c * k + j];
        out[r * k + j] -= f * out[c * k + j];
      }
    }
  }
  return out;
}

export function matVec(a: Float64Array, k: number, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += a[i * k + j] * v[j];
    out[i] = s;
  }
  return out;
}

/** A B A' style sandwich: bread (k×k) · meat (k×k) · bread. */
export function sandwich(bread: Float64Array, meat: Float64Array, k: number): Float64Array {
  const tmp = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += bread[i * k + p] * meat[p * k + j];
      tmp[i * k + j] = s;
    }
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += tmp[i * k + p] * bread[p * k + j];
      out[i * k + j] = s;
    }
  return out;
}

/** Quadratic form v' A^{-1} v for a small symmetric matrix A. */
export function quadInv(a: Float64Array, k: number, v: ArrayLike<number>, what = "matrix"): number {
  const ai = inv(a, k, what);
  const w = matVec(ai, k, v);
  let s = 0;
  for (let i = 0; i < k; i++) s += v[i] * w[i];
  return s;
}

/** Symmetric eigen-decomposition (cyclic Jacobi): values ascending and eigenvectors (columns, row-major k × k). */
export function symEigen(a: Float64Array, k: number): { values: number[]; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let tot = 0;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) (tot += m[i * k + j] ** 2), i !== j && (off += m[i * k + j] ** 2);
    if (off <= 1e-30 * tot) break;
    for (let p = 0; p < k; p++)
      for (let q = p + 1; q < k; q++) {
        const apq = m[p * k + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q * k + q] - m[p * k + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = m[r * k + p];
          const arq = m[r * k + q];
          m[r * k + p] = c * arp - s * arq;
          m[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = m[p * k + r];
          const aqr = m[q * k + r];
          m[p * k + r] = c * apr - s * aqr;
          m[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p];
          const vrq = v[r * k + q];
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
  }
  const idx = Array.from({ length: k }, (_, i) => i).sort((x, y) => m[x * k + x] - m[y * k + y]);
  const vectors = new Float64Array(k * k);
  idx.forEach((j, c) => {
    for (let r = 0; r < k; r++) vectors[r * k + c] = v[r * k + j];
  });
  return { values: idx.map((j) => m[j * k + j]), vectors };
}

/** Symmetric eigenvalues, ascending (small k). */
export function symEigenvalues(a: Float64Array, k: number): number[] {
  return symEigen(a, k).values;
}

/** Inverse of an upper-triangular k × k matrix. */
export function invUpper(R: Float64Array, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = k - 1; i >= 0; i--) {
    out[i * k + i] = 1 / R[i * k + i];
    for (let j = i + 1; j < k; j++) {
      let s = 0;
      for (let p = i + 1; p <= j; p++) s += R[i * k + p] * out[p * k + j];
      out[i * k + j] = -s / R[i * k + i];
    }
  }
  return out;
}

/** Product of an ar × ac and an ac × bc row-major matrix. */
export function matMul(a: Float64Array, ar: number, ac: number, b: Float64Array, bc: number): Float64Array {
  const out = new Float64Array(ar * bc);
  for (let i = 0; i < ar; i++)
    for (let p = 0; p < ac; p++) {
      const x = a[i * ac + p];
      if (x === 0) continue;
      for (let j = 0; j < bc; j++) out[i * bc + j] += x * b[p * bc + j];
    }
  return out;
}

/** Transpose of an r × c row-major matrix. */
export function transpose(a: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j];
  return out;
}

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

/** X'X (k×k) of a row-major design. */
export function crossprodDense(X: Dense): Dense {
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

/** X'y (k) of a row-major design. */
export function crossvecDense(X: Dense, y: ArrayLike<number>): Float64Array {
  const { rows: n, cols: k, data } = X;
  const out = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    const o = i * k;
    for (let a = 0; a < k; a++) out[a] += data[o + a] * yi;
  }
  return out;
}

/** X b (n) of a row-major design. */
export function matvecDense(X: Dense, b: ArrayLike<number>): Float64Array {
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

export function transposeDense(A: Dense): Dense {
  const out = dense(A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) out.data[j * A.rows + i] = A.data[i * A.cols + j];
  return out;
}

export function identity(n: number): Dense {
  const d = dense(n, n);
  for (let i = 0; i < n; i++) d.data[i * n + i] = 1;
  return d;
}

/** Cholesky factor of a square Dense (see `cholesky`). */
export function choleskyDense(A: Dense, what = "X'X (collinear regressors?)"): Dense {
  return dense(A.rows, A.rows, cholesky(A.data, A.rows, what));
}

/** General inverse: Cholesky when symmetric positive definite, else LU (luInverse; ml-matrix's QR when not square). */
export function inverse(A: Dense): Dense {
  let sym = A.rows === A.cols;
  for (let i = 0; sym && i < A.rows; i++) for (let j = 0; j < i; j++) if (Math.abs(A.data[i * A.cols + j] - A.data[j * A.cols + i]) > 1e-12 * (Math.abs(A.data[i * A.cols + j]) + 1e-300)) { sym = false; break; }
  try {
    if (!sym) throw new Error("not symmetric");
    return dense(A.rows, A.rows, invSPD(A.data, A.rows));
  } catch {
    return A.rows === A.cols ? luInverse(A) : fromRows(mlInverse(new Matrix(toRows(A))).to2DArray());
  }
}

/**
 * Inverse of a square matrix by LU with partial pivoting, then solving LU X = P: ml-matrix's algorithm
 * (LuDecomposition and its solve, as its `inverse` runs them) with the same operations in the same order, so its
 * result bit for bit, on flat arrays instead of its row objects (test/core-linalg-lu.test.ts).
 */
export function luInverse(A: Dense): Dense {
  const n = A.rows;
  if (A.cols !== n) throw new Error(`luInverse: ${A.rows}×${A.cols} matrix is not square`);
  const lu = Float64Array.from(A.data);
  const piv = new Int32Array(n);
  for (let i = 0; i < n; i++) piv[i] = i;
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) col[i] = lu[i * n + j];
    for (let i = 0; i < n; i++) {
      const kmax = Math.min(i, j), r = i * n;
      let s = 0;
      for (let k = 0; k < kmax; k++) s += lu[r + k] * col[k];
      col[i] -= s;
      lu[r + j] = col[i];
    }
    let p = j;
    for (let i = j + 1; i < n; i++) if (Math.abs(col[i]) > Math.abs(col[p])) p = i;
    if (p !== j) {
      for (let k = 0; k < n; k++) {
        const t = lu[p * n + k];
        lu[p * n + k] = lu[j * n + k];
        lu[j * n + k] = t;
      }
      const v = piv[p];
      piv[p] = piv[j];
      piv[j] = v;
    }
    const d = lu[j * n + j];
    if (d !== 0) for (let i = j + 1; i < n; i++) lu[i * n + j] /= d;
  }
  for (let j = 0; j < n; j++) if (lu[j * n + j] === 0) throw new Error("LU matrix is singular");
  const X = new Float64Array(n * n);
  for (let i = 0; i < n; i++) X[i * n + piv[i]] = 1;
  for (let k = 0; k < n; k++)
    for (let i = k + 1; i < n; i++) {
      const l = lu[i * n + k], ri = i * n, rk = k * n;
      for (let c = 0; c < n; c++) X[ri + c] -= X[rk + c] * l;
    }
  for (let k = n - 1; k >= 0; k--) {
    const d = lu[k * n + k], rk = k * n;
    for (let c = 0; c < n; c++) X[rk + c] /= d;
    for (let i = 0; i < k; i++) {
      const l = lu[i * n + k], ri = i * n;
      for (let c = 0; c < n; c++) X[ri + c] -= X[rk + c] * l;
    }
  }
  return dense(n, n, X);
}

/** Solve A x = b for a small square A by ml-matrix's LU (least squares when A is not square). */
export function solveLU(A: readonly (readonly number[])[], b: readonly number[]): number[] {
  return mlSolve(new Matrix(A as number[][]), Matrix.columnVector(b as number[])).to1DArray();
}

/**
 * Eigenvalues (real and imaginary parts) of a square dense matrix: ml-matrix's decomposition for a symmetric one,
 * hessenbergEigenvalues (its non-symmetric algorithm without the eigenvectors) otherwise.
 */
export function eigenvalues(A: Dense, symmetric = false): { re: Float64Array; im: Float64Array } {
  if (!symmetric && A.rows === A.cols && A.rows > 0 && !exactlySymmetric(A)) return hessenbergEigenvalues(A);
  const m = new Matrix(toRows(A));
  const e = new EigenvalueDecomposition(m, { assumeSymmetric: symmetric });
  return { re: Float64Array.from(e.realEigenvalues), im: Float64Array.from(e.imaginaryEigenvalues) };
}

function exactlySymmetric(A: Dense): boolean {
  const n = A.rows;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (A.data[i * n + j] !== A.data[j * n + i]) return false;
  return true;
}

/**
 * Eigenvalues of a non-symmetric square matrix: Householder reduction to Hessenberg form, then the shifted QR
 * iteration on it (JAMA's orthes and hqr2, as ml-matrix 6 runs them), with the same operations on H in the same
 * order, so ml-matrix's eigenvalues bit for bit (test/core-linalg-lu.test.ts); the eigenvectors, which the
 * eigenvalues never read, are not accumulated.
 */
export function hessenbergEigenvalues(A: Dense): { re: Float64Array; im: Float64Array } {
  const nn = A.rows;
  if (A.cols !== nn) throw new Error(`eigenvalues: ${A.rows}×${A.cols} matrix is not square`);
  const H = Float64Array.from(A.data);
  // orthes: Householder similarity transformations to upper Hessenberg form
  const ort = new Float64Array(nn);
  const high = nn - 1;
  for (let m = 1; m <= high - 1; m++) {
    let scale = 0;
    for (let i = m; i <= high; i++) scale = scale + Math.abs(H[i * nn + (m - 1)]);
    if (scale === 0) continue;
    let h = 0;
    for (let i = high; i >= m; i--) {
      ort[i] = H[i * nn + (m - 1)] / scale;
      h += ort[i] * ort[i];
    }
    let g = Math.sqrt(h);
    if (ort[m] > 0) g = -g;
    h = h - ort[m] * g;
    ort[m] = ort[m] - g;
    for (let j = m; j < nn; j++) {
      let f = 0;
      for (let i = high; i >= m; i--) f += ort[i] * H[i * nn + j];
      f = f / h;
      for (let i = m; i <= high; i++) H[i * nn + j] = H[i * nn + j] - f * ort[i];
    }
    for (let i = 0; i <= high; i++) {
      let f = 0;
      for (let j = high; j >= m; j--) f += ort[j] * H[i * nn + j];
      f = f / h;
      for (let j = m; j <= high; j++) H[i * nn + j] = H[i * nn + j] - f * ort[j];
    }
    ort[m] = scale * ort[m];
    H[m * nn + (m - 1)] = scale * g;
  }
  // hqr2's eigenvalue phase: shifted QR on the Hessenberg matrix
  const d = new Float64Array(nn), e = new Float64Array(nn);
  const low = 0, eps = Number.EPSILON;
  let n = nn - 1, exshift = 0, norm = 0, iter = 0;
  let p = 0, q = 0, r = 0, s = 0, z = 0, w = 0, x = 0, y = 0;
  for (let i = 0; i < nn; i++) for (let j = Math.max(i - 1, 0); j < nn; j++) norm = norm + Math.abs(H[i * nn + j]);
  while (n >= low) {
    let l = n;
    while (l > low) {
      s = Math.abs(H[(l - 1) * nn + (l - 1)]) + Math.abs(H[l * nn + l]);
      if (s === 0) s = norm;
      if (Math.abs(H[l * nn + (l - 1)]) < eps * s) break;
      l--;
    }
    if (l === n) {
      H[n * nn + n] = H[n * nn + n] + exshift;
      d[n] = H[n * nn + n];
      e[n] = 0;
      n--;
      iter = 0;
    } else if (l === n - 1) {
      w = H[n * nn + (n - 1)] * H[(n - 1) * nn + n];
      p = (H[(n - 1) * nn + (n - 1)] - H[n * nn + n]) / 2;
      q = p * p + w;
      z = Math.sqrt(Math.abs(q));
      H[n * nn + n] = H[n * nn + n] + exshift;
      H[(n - 1) * nn + (n - 1)] = H[(n - 1) * nn + (n - 1)] + exshift;
      x = H[n * nn + n];
      if (q >= 0) {
        z = p >= 0 ? p + z : p - z;
        d[n - 1] = x + z;
        d[n] = d[n - 1];
        if (z !== 0) d[n] = x - w / z;
        e[n - 1] = 0;
        e[n] = 0;
        x = H[n * nn + (n - 1)];
        s = Math.abs(x) + Math.abs(z);
        p = x / s;
        q = z / s;
        r = Math.sqrt(p * p + q * q);
        // (hqr2 rotates rows and columns n − 1, n here for the Schur form; the eigenvalues never read them again)
      } else {
        d[n - 1] = x + p;
        d[n] = x + p;
        e[n - 1] = z;
        e[n] = -z;
      }
      n = n - 2;
      iter = 0;
    } else {
      x = H[n * nn + n];
      y = 0;
      w = 0;
      if (l < n) {
        y = H[(n - 1) * nn + (n - 1)];
        w = H[n * nn + (n - 1)] * H[(n - 1) * nn + n];
      }
      if (iter === 10) {
        exshift += x;
        for (let i = low; i <= n; i++) H[i * nn + i] = H[i * nn + i] - x;
        s = Math.abs(H[n * nn + (n - 1)]) + Math.abs(H[(n - 1) * nn + (n - 2)]);
        x = y = 0.75 * s;
        w = -0.4375 * s * s;
      }
      if (iter === 30) {
        s = (y - x) / 2;
        s = s * s + w;
        if (s > 0) {
          s = Math.sqrt(s);
          if (y < x) s = -s;
          s = x - w / ((y - x) / 2 + s);
          for (let i = low; i <= n; i++) H[i * nn + i] = H[i * nn + i] - s;
          exshift += s;
          x = y = w = 0.964;
        }
      }
      iter = iter + 1;
      let m = n - 2;
      while (m >= l) {
        z = H[m * nn + m];
        r = x - z;
        s = y - z;
        p = (r * s - w) / H[(m + 1) * nn + m] + H[m * nn + (m + 1)];
        q = H[(m + 1) * nn + (m + 1)] - z - r - s;
        r = H[(m + 2) * nn + (m + 1)];
        s = Math.abs(p) + Math.abs(q) + Math.abs(r);
        p = p / s;
        q = q / s;
        r = r / s;
        if (m === l) break;
        if (Math.abs(H[m * nn + (m - 1)]) * (Math.abs(q) + Math.abs(r)) <
          eps * (Math.abs(p) * (Math.abs(H[(m - 1) * nn + (m - 1)]) + Math.abs(z) + Math.abs(H[(m + 1) * nn + (m + 1)])))) break;
        m--;
      }
      for (let i = m + 2; i <= n; i++) {
        H[i * nn + (i - 2)] = 0;
        if (i > m + 2) H[i * nn + (i - 3)] = 0;
      }
      for (let k = m; k <= n - 1; k++) {
        const notlast = k !== n - 1;
        if (k !== m) {
          p = H[k * nn + (k - 1)];
          q = H[(k + 1) * nn + (k - 1)];
          r = notlast ? H[(k + 2) * nn + (k - 1)] : 0;
          x = Math.abs(p) + Math.abs(q) + Math.abs(r);
          if (x !== 0) {
            p = p / x;
            q = q / x;
            r = r / x;
          }
        }
        if (x === 0) break;
        s = Math.sqrt(p * p + q * q + r * r);
        if (p < 0) s = -s;
        if (s !== 0) {
          if (k !== m) H[k * nn + (k - 1)] = -s * x;
          else if (l !== m) H[k * nn + (k - 1)] = -H[k * nn + (k - 1)];
          p = p + s;
          x = p / s;
          y = q / s;
          z = r / s;
          q = q / p;
          r = r / p;
          // columns beyond n (hqr2 updates them for the Schur form) are never read again for eigenvalues
          for (let j = k; j <= n; j++) {
            p = H[k * nn + j] + q * H[(k + 1) * nn + j];
            if (notlast) {
              p = p + r * H[(k + 2) * nn + j];
              H[(k + 2) * nn + j] = H[(k + 2) * nn + j] - p * z;
            }
            H[k * nn + j] = H[k * nn + j] - p * x;
            H[(k + 1) * nn + j] = H[(k + 1) * nn + j] - p * y;
          }
          for (let i = 0; i <= Math.min(n, k + 3); i++) {
            p = x * H[i * nn + k] + y * H[i * nn + (k + 1)];
            if (notlast) {
              p = p + z * H[i * nn + (k + 2)];
              H[i * nn + (k + 2)] = H[i * nn + (k + 2)] - p * r;
            }
            H[i * nn + k] = H[i * nn + k] - p;
            H[i * nn + (k + 1)] = H[i * nn + (k + 1)] - p * q;
          }
        }
      }
    }
  }
  return { re: d, im: e };
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
