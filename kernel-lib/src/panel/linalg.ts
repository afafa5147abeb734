/**
 * Small dense linear algebra on Float64Array for the panel engine. Matrices are row-major k × k; data columns
 * are kept as separate Float64Arrays (one per regressor) so demeaning and cross-products stay cache-friendly.
 */

/** X'X for columns (k × k, row-major). */
export function crossprod(cols: readonly Float64Array[]): Float64Array {
  const k = cols.length;
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    const ca = cols[a];
    for (let b = a; b < k; b++) {
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

/** Inverse of a symmetric positive definite matrix by Cholesky; throws with `what` if it is not. */
export function invSPD(a: Float64Array, k: number, what = "matrix"): Float64Array {
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
