/**
 * Dense two-phase primal simplex for the small, wide linear programmes of DEA (a handful of rows, up to a few
 * thousand columns), plus an adapter to javascript-lp-solver used as the cross-check backend.
 *
 * Problem form: optimise c'x subject to rows a_i'x {<=, =, >=} b_i, x_j >= 0 unless listed in `free` (free
 * variables are split into x+ - x-).
 *
 * Method: Phase 1 minimises the sum of artificial variables (one per "=" and ">=" row, after making every
 * right-hand side non-negative); Phase 2 optimises c'x from that basis with artificials barred from entering.
 * Entering column: Dantzig (most negative reduced cost); after BLAND_AFTER consecutive degenerate pivots the
 * solve switches to Bland's rule (smallest index entering and leaving) for good, which cannot cycle. Leaving
 * row: minimum ratio; ties are broken by the largest pivot element (Dantzig mode) or the smallest basic index
 * (Bland mode). At the optimum the basic solution is recomputed from the original data by an LU solve with
 * partial pivoting (one step of refinement) so that the reported x and objective do not carry the tableau's
 * accumulated round-off.
 *
 * Tolerances (stated, not tuned per model): pivot elements smaller than PIVOT_TOL are never used; a reduced cost
 * is "negative" below -OPT_TOL; Phase 1 is declared infeasible when its optimum exceeds FEAS_TOL × (1 + max|b|).
 * Results carry an explicit status: "optimal", "infeasible", "unbounded" or "iteration_limit"; x and objective
 * are only defined when optimal.
 */

export type LpOp = "<=" | "=" | ">=";
export type LpStatus = "optimal" | "infeasible" | "unbounded" | "iteration_limit";
export type LpBackend = "simplex" | "jsLpSolver";

export interface LinearProgram {
  /** Number of variables. */
  nVars: number;
  sense: "min" | "max";
  /** Objective coefficients, length nVars. */
  c: ArrayLike<number>;
  /** Constraint rows (dense, length nVars each). */
  rows: { a: ArrayLike<number>; op: LpOp; b: number }[];
  /** Indices of variables without the x >= 0 bound. */
  free?: readonly number[];
}

export interface LpSolution {
  status: LpStatus;
  /** Optimal objective value in the problem's own sense (NaN unless optimal). */
  objective: number;
  /** Variable values (length nVars; empty unless optimal). */
  x: Float64Array;
  iterations: number;
  /** Final basis (standard-form column per row) when optimal; hand it to the next LP of the same shape. */
  basis?: Int32Array;
  /** With a warm basis: "warm" when the solve started from it, "cold" when it was refused (singular, not primal
   *  feasible, or another LP shape) and the solve started from scratch. */
  start?: "warm" | "cold";
}

export const PIVOT_TOL = 1e-9;
export const OPT_TOL = 1e-9;
export const FEAS_TOL = 1e-9;
const BLAND_AFTER = 50;

/**
 * Solve with the chosen backend (default: the dense simplex in this file). `warm`: the optimal basis of an LP of
 * the same shape (same variables, row operators and right-hand-side signs), e.g. the same DEA model for a
 * neighbouring DMU, or several such bases: the simplex starts Phase 2 from the first that is primal feasible here
 * (javascript-lp-solver ignores them).
 */
export function solveLP(lp: LinearProgram, backend: LpBackend = "simplex", warm?: readonly Int32Array[]): LpSolution {
  return backend === "jsLpSolver" ? solveWithJsLpSolver(lp) : simplex(lp, 50_000, warm);
}

/**
 * Scratch arrays reused from one LP to the next (one set per thread): DEA solves tens of thousands of small LPs,
 * and a fresh typed array per LP is an off-heap allocation whose collection dominated the run time at 20,000 DMUs.
 */
const scratch = { T: new Float64Array(0), A: new Float64Array(0), LU: new Float64Array(0), X: new Float64Array(0), V: new Float64Array(0), W: new Float64Array(0) };
type ScratchKey = keyof typeof scratch;
/** A zeroed view of `size` numbers of the thread's scratch array `key` (valid until the next call with that key). */
function scratchOf(key: ScratchKey, size: number): Float64Array {
  if (scratch[key].length < size) scratch[key] = new Float64Array(Math.max(size, 2 * scratch[key].length));
  const v = scratch[key].subarray(0, size);
  v.fill(0);
  return v;
}
let permScratch = new Int32Array(0);
function permOf(m: number): Int32Array {
  if (permScratch.length < m) permScratch = new Int32Array(Math.max(m, 2 * permScratch.length));
  return permScratch.subarray(0, m);
}

export function simplex(lp: LinearProgram, maxIter = 50_000, warm?: readonly Int32Array[]): LpSolution {
  const n0 = lp.nVars;
  const isFree = new Uint8Array(n0);
  for (const j of lp.free ?? []) isFree[j] = 1;
  // Column map: each original variable -> standard column(s).
  const colOf = new Int32Array(n0);
  const negOf = new Int32Array(n0).fill(-1);
  let nStd = 0;
  for (let j = 0; j < n0; j++) {
    colOf[j] = nStd++;
    if (isFree[j]) negOf[j] = nStd++;
  }
  const m = lp.rows.length;
  // Row signs so that b >= 0.
  const sign = new Float64Array(m);
  const ops: LpOp[] = new Array(m);
  let bMax = 0;
  for (let i = 0; i < m; i++) {
    const r = lp.rows[i];
    if (!Number.isFinite(r.b)) throw new Error(`lp: row ${i} has a non-finite right-hand side (${r.b})`);
    sign[i] = r.b < 0 ? -1 : 1;
    ops[i] = sign[i] > 0 ? r.op : r.op === "<=" ? ">=" : r.op === ">=" ? "<=" : "=";
    bMax = Math.max(bMax, Math.abs(r.b));
  }
  let nSlack = 0;
  let nArt = 0;
  for (const op of ops) {
    if (op !== "=") nSlack++;
    if (op !== "<=") nArt++;
  }
  const firstSlack = nStd;
  const firstArt = nStd + nSlack;
  const N = nStd + nSlack + nArt; // structural + slack + artificial columns
  const W = N + 1; // + rhs
  const T = scratchOf("T", (m + 1) * W);
  const basis = new Int32Array(m);
  // Standard-form matrix columns kept for the final refinement (A_std, b_std).
  let s = 0;
  let a = 0;
  for (let i = 0; i < m; i++) {
    const r = lp.rows[i];
    const row = i * W;
    for (let j = 0; j < n0; j++) {
      const v = r.a[j] * sign[i];
      if (v === 0) continue;
      if (!Number.isFinite(v)) throw new Error(`lp: row ${i}, column ${j} is not finite (${r.a[j]})`);
      T[row + colOf[j]] = v;
      if (negOf[j] >= 0) T[row + negOf[j]] = -v;
    }
    T[row + N] = r.b * sign[i];
    if (ops[i] === "<=") {
      T[row + firstSlack + s] = 1;
      basis[i] = firstSlack + s;
      s++;
    } else {
      if (ops[i] === ">=") {
        T[row + firstSlack + s] = -1;
        s++;
      }
      T[row + firstArt + a] = 1;
      basis[i] = firstArt + a;
      a++;
    }
  }
  const Astd = scratchOf("A", m * W); // copy of the initial standard-form rows (rhs included)
  Astd.set(T.subarray(0, m * W));
  const obj = m * W;
  let iterations = 0;
  const dir = lp.sense === "max" ? -1 : 1;
  const cStd = new Float64Array(N);
  for (let j = 0; j < n0; j++) {
    cStd[colOf[j]] = dir * lp.c[j];
    if (negOf[j] >= 0) cStd[negOf[j]] = -dir * lp.c[j];
  }
  /** The original variables from the standard-form solution at an optimal basis. */
  const solution = (xStd: Float64Array, its: number, start?: "warm" | "cold", bas: Int32Array = basis): LpSolution => {
    const x = new Float64Array(n0);
    for (let j = 0; j < n0; j++) {
      let v = xStd[colOf[j]];
      if (negOf[j] >= 0) v -= xStd[negOf[j]];
      else if (v < 0 && v > -1e-9) v = 0;
      x[j] = v;
    }
    let objective = 0;
    for (let j = 0; j < n0; j++) objective += lp.c[j] * x[j];
    const out: LpSolution = { status: "optimal", objective, x, iterations: its, basis: bas.slice() };
    if (start) out.start = start;
    return out;
  };
  for (const b of warm ?? []) {
    const w = warmPhase2(Astd, W, m, N, firstArt, cStd, b, bMax, maxIter);
    if (w.status === "optimal") return solution(w.x!, w.iterations, "warm", w.basis);
    if (w.status !== null) return { ...fail(w.status, w.iterations, n0), start: "warm" };
    // refused: try the next, else start from the slack/artificial basis as if none had been given
  }
  let blandMode = false;
  let degenerateRun = 0;

  // The pivot row's non-zero columns, listed once per pivot instead of tested in every row. In Phase 2 the
  // artificial columns are left out: nothing reads them again (they may not enter; refine uses Astd).
  const nz = new Int32Array(W);
  let phase2 = false;
  const pivot = (pr: number, pc: number) => {
    const prow = pr * W;
    const inv = 1 / T[prow + pc];
    for (let j = 0; j < W; j++) T[prow + j] *= inv;
    T[prow + pc] = 1;
    let cnt = 0;
    const skipFrom = phase2 ? firstArt : N, skipTo = N;
    for (let j = 0; j < W; j++) if (T[prow + j] !== 0 && (j < skipFrom || j >= skipTo)) nz[cnt++] = j;
    for (let i = 0; i <= m; i++) {
      if (i === pr) continue;
      const row = i * W;
      const f = T[row + pc];
      if (f === 0) continue;
      for (let k = 0; k < cnt; k++) {
        const j = nz[k];
        T[row + j] -= f * T[prow + j];
      }
      T[row + pc] = 0;
    }
    basis[pr] = pc;
  };

  /** Run simplex iterations on the current objective row; columns >= limit may not enter. */
  const iterate = (limit: number): LpStatus | null => {
    for (;;) {
      if (iterations >= maxIter) return "iteration_limit";
      // entering column
      let pc = -1;
      if (blandMode) {
        for (let j = 0; j < limit; j++) if (T[obj + j] < -OPT_TOL) { pc = j; break; }
      } else {
        let best = -OPT_TOL;
        for (let j = 0; j < limit; j++) {
          const d = T[obj + j];
          if (d < best) { best = d; pc = j; }
        }
      }
      if (pc < 0) return null; // optimal
      // ratio test
      let pr = -1;
      let bestRatio = Infinity;
      let bestPiv = 0;
      for (let i = 0; i < m; i++) {
        const v = T[i * W + pc];
        if (v <= PIVOT_TOL) continue;
        const ratio = Math.max(T[i * W + N], 0) / v;
        if (ratio < bestRatio - 1e-12 * (1 + bestRatio)) {
          bestRatio = ratio; pr = i; bestPiv = v;
        } else if (ratio <= bestRatio + 1e-12 * (1 + bestRatio)) {
          if (blandMode ? basis[i] < basis[pr] : v > bestPiv) { pr = i; bestPiv = v; bestRatio = Math.min(bestRatio, ratio); }
        }
      }
      if (pr < 0) return "unbounded";
      if (bestRatio <= 1e-12) {
        if (++degenerateRun >= BLAND_AFTER) blandMode = true;
      } else degenerateRun = 0;
      pivot(pr, pc);
      iterations++;
    }
  };

  // ---- Phase 1: minimise the sum of artificials. Reduced costs = -(sum of rows with an artificial basic).
  if (nArt > 0) {
    for (let i = 0; i < m; i++) {
      if (basis[i] < firstArt) continue;
      const row = i * W;
      for (let j = 0; j < W; j++) T[obj + j] -= T[row + j];
    }
    for (let k = firstArt; k < N; k++) T[obj + k] = 0;
    const st = iterate(firstArt);
    if (st === "iteration_limit") return fail(st, iterations, n0);
    // st cannot be "unbounded" (phase-1 objective is bounded below by 0)
    const phase1 = -T[obj + N];
    if (phase1 > FEAS_TOL * (1 + bMax)) return fail("infeasible", iterations, n0);
    // Drive remaining artificials out of the basis.
    for (let i = 0; i < m; i++) {
      if (basis[i] < firstArt) continue;
      const row = i * W;
      let pc = -1;
      let big = PIVOT_TOL;
      for (let j = 0; j < firstArt; j++) {
        const v = Math.abs(T[row + j]);
        if (v > big) { big = v; pc = j; }
      }
      if (pc >= 0) pivot(i, pc);
      // else: redundant row; the artificial stays basic at zero and can never leave or grow.
    }
  }

  // ---- Phase 2.
  phase2 = true;
  for (let j = 0; j < W; j++) T[obj + j] = j < N ? cStd[j] : 0;
  for (let i = 0; i < m; i++) {
    const cb = cStd[basis[i]];
    if (cb === 0) continue;
    const row = i * W;
    for (let j = 0; j < W; j++) T[obj + j] -= cb * T[row + j];
  }
  blandMode = false;
  degenerateRun = 0;
  const st2 = iterate(firstArt);
  if (st2) return { ...fail(st2, iterations, n0), ...(warm?.length ? { start: "cold" as const } : {}) };

  // ---- Refinement: solve B x_B = b from the original standard-form data.
  const xStd = refine(Astd, W, m, N, basis) ?? (() => {
    const v = new Float64Array(N);
    for (let i = 0; i < m; i++) v[basis[i]] = T[i * W + N];
    return v;
  })();
  return solution(xStd, iterations, warm?.length ? "cold" : undefined);
}

/**
 * Phase 2 from a given basis, in revised form (the basis matrix is m × m and refactored each iteration, which for
 * DEA's handful of rows costs less than one tableau pivot): x_B = B⁻¹b, prices y = B⁻ᵀc_B, reduced costs
 * c_j − y'a_j over the columns that may enter, the same entering/leaving rules as the tableau (Dantzig, Bland's
 * rule after BLAND_AFTER degenerate pivots, ties by the largest pivot element). status null = basis refused (not m
 * distinct structural/slack columns, singular, or x_B < 0 beyond FEAS_TOL): the caller starts cold.
 */
function warmPhase2(
  A: Float64Array, W: number, m: number, N: number, limit: number, c: Float64Array, warm: Int32Array, bMax: number, maxIter: number,
): { status: LpStatus | null; x?: Float64Array; basis?: Int32Array; iterations: number } {
  const refused = { status: null, iterations: 0 };
  if (warm.length !== m) return refused;
  const bas = Int32Array.from(warm);
  const isBasic = new Uint8Array(N);
  for (let k = 0; k < m; k++) {
    if (bas[k] < 0 || bas[k] >= limit || isBasic[bas[k]]) return refused;
    isBasic[bas[k]] = 1;
  }
  const lu = new Float64Array(m * m), perm = new Int32Array(m);
  const xB = new Float64Array(m), y = new Float64Array(m), w = new Float64Array(m), d = new Float64Array(limit);
  let iterations = 0, bland = false, degenerateRun = 0;
  for (;;) {
    if (!luFactor(A, W, m, bas, lu, perm)) return refused;
    for (let i = 0; i < m; i++) xB[i] = A[i * W + N];
    luSolve(lu, perm, m, xB);
    if (iterations === 0) for (let k = 0; k < m; k++) if (xB[k] < -FEAS_TOL * (1 + bMax)) return refused;
    if (iterations >= maxIter) return { status: "iteration_limit", iterations };
    for (let k = 0; k < m; k++) y[k] = c[bas[k]];
    luSolveTransposed(lu, perm, m, y);
    for (let j = 0; j < limit; j++) d[j] = c[j];
    for (let i = 0; i < m; i++) {
      const yi = y[i], row = i * W;
      if (yi !== 0) for (let j = 0; j < limit; j++) d[j] -= yi * A[row + j];
    }
    let pc = -1;
    if (bland) {
      for (let j = 0; j < limit; j++) if (!isBasic[j] && d[j] < -OPT_TOL) { pc = j; break; }
    } else {
      let best = -OPT_TOL;
      for (let j = 0; j < limit; j++) if (!isBasic[j] && d[j] < best) { best = d[j]; pc = j; }
    }
    if (pc < 0) {
      const x = refine(A, W, m, N, bas);
      return x ? { status: "optimal", x, basis: bas, iterations } : refused;
    }
    for (let i = 0; i < m; i++) w[i] = A[i * W + pc];
    luSolve(lu, perm, m, w);
    let pr = -1, bestRatio = Infinity, bestPiv = 0;
    for (let k = 0; k < m; k++) {
      const v = w[k];
      if (v <= PIVOT_TOL) continue;
      const ratio = Math.max(xB[k], 0) / v;
      if (ratio < bestRatio - 1e-12 * (1 + bestRatio)) {
        bestRatio = ratio; pr = k; bestPiv = v;
      } else if (ratio <= bestRatio + 1e-12 * (1 + bestRatio)) {
        if (bland ? bas[k] < bas[pr] : v > bestPiv) { pr = k; bestPiv = v; bestRatio = Math.min(bestRatio, ratio); }
      }
    }
    if (pr < 0) return { status: "unbounded", iterations };
    if (bestRatio <= 1e-12) {
      if (++degenerateRun >= BLAND_AFTER) bland = true;
    } else degenerateRun = 0;
    isBasic[bas[pr]] = 0;
    isBasic[pc] = 1;
    bas[pr] = pc;
    iterations++;
  }
}

/** LU with partial pivoting of the basis matrix B[i][k] = A[i][bas[k]] (row-major, rows permuted by perm). */
function luFactor(A: Float64Array, W: number, m: number, bas: Int32Array, lu: Float64Array, perm: Int32Array): boolean {
  for (let i = 0; i < m; i++) {
    perm[i] = i;
    for (let k = 0; k < m; k++) lu[i * m + k] = A[i * W + bas[k]];
  }
  for (let k = 0; k < m; k++) {
    let p = k, big = Math.abs(lu[k * m + k]);
    for (let i = k + 1; i < m; i++) {
      const v = Math.abs(lu[i * m + k]);
      if (v > big) { big = v; p = i; }
    }
    if (big < 1e-13) return false;
    if (p !== k) {
      for (let j = 0; j < m; j++) { const t = lu[k * m + j]; lu[k * m + j] = lu[p * m + j]; lu[p * m + j] = t; }
      const t = perm[k]; perm[k] = perm[p]; perm[p] = t;
    }
    const piv = lu[k * m + k];
    for (let i = k + 1; i < m; i++) {
      const f = (lu[i * m + k] /= piv);
      if (f !== 0) for (let j = k + 1; j < m; j++) lu[i * m + j] -= f * lu[k * m + j];
    }
  }
  return true;
}

/** Solve B v = rhs in place (rhs indexed by the rows of A). */
function luSolve(lu: Float64Array, perm: Int32Array, m: number, v: Float64Array): void {
  const t = scratchOf("V", m);
  for (let i = 0; i < m; i++) t[i] = v[perm[i]];
  for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) t[i] -= lu[i * m + j] * t[j];
  for (let i = m - 1; i >= 0; i--) {
    for (let j = i + 1; j < m; j++) t[i] -= lu[i * m + j] * t[j];
    t[i] /= lu[i * m + i];
  }
  v.set(t);
}

/** Solve Bᵀ v = rhs in place (rhs indexed by the basis positions; the result by the rows of A). */
function luSolveTransposed(lu: Float64Array, perm: Int32Array, m: number, v: Float64Array): void {
  // PB = LU, so Bᵀ = Uᵀ Lᵀ P: solve Uᵀ z = rhs, Lᵀ u = z, then v = Pᵀ u
  const t = scratchOf("V", m);
  t.set(v);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < i; j++) t[i] -= lu[j * m + i] * t[j];
    t[i] /= lu[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) for (let j = i + 1; j < m; j++) t[i] -= lu[j * m + i] * t[j];
  for (let i = 0; i < m; i++) v[perm[i]] = t[i];
}

function fail(status: LpStatus, iterations: number, n0: number): LpSolution {
  void n0;
  return { status, objective: NaN, x: new Float64Array(0), iterations };
}

/** Solve of the basis system B x_B = b from the original data (LU with partial pivoting); null when B is
 *  numerically singular. The result is the thread's scratch "X" (read it before the next refine). */
function refine(A: Float64Array, W: number, m: number, N: number, basis: Int32Array): Float64Array | null {
  const lu = scratchOf("LU", m * m), perm = permOf(m), xb = scratchOf("W", m);
  if (!luFactor(A, W, m, basis, lu, perm)) return null;
  for (let i = 0; i < m; i++) xb[i] = A[i * W + N];
  luSolve(lu, perm, m, xb);
  const x = scratchOf("X", N);
  for (let k = 0; k < m; k++) x[basis[k]] = xb[k];
  return x;
}

// ---------------------------------------------------------------------------------------------------------
// Cross-check backend: javascript-lp-solver (the design's named solver). Free variables are split.

interface JsLpModel {
  optimize: string;
  opType: "min" | "max";
  constraints: Record<string, { max?: number; min?: number; equal?: number }>;
  variables: Record<string, Record<string, number>>;
  options?: Record<string, unknown>;
}

let jsLp: { Solve(model: JsLpModel, precision?: number): Record<string, number | boolean> } | null = null;

/** javascript-lp-solver's tableau precision (its default 1e-8 also rounds reported values to 8 decimals). */
export const JSLP_PRECISION = 1e-10;

export function solveWithJsLpSolver(lp: LinearProgram): LpSolution {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  jsLp ??= require("javascript-lp-solver");
  const free = new Set(lp.free ?? []);
  const constraints: JsLpModel["constraints"] = {};
  lp.rows.forEach((r, i) => {
    constraints[`r${i}`] = r.op === "<=" ? { max: r.b } : r.op === ">=" ? { min: r.b } : { equal: r.b };
  });
  const variables: JsLpModel["variables"] = {};
  for (let j = 0; j < lp.nVars; j++) {
    const v: Record<string, number> = { obj: lp.c[j] };
    lp.rows.forEach((r, i) => {
      if (r.a[j] !== 0) v[`r${i}`] = r.a[j];
    });
    variables[`x${j}`] = v;
    if (free.has(j)) {
      const neg: Record<string, number> = {};
      for (const [k, val] of Object.entries(v)) neg[k] = -val;
      variables[`n${j}`] = neg;
    }
  }
  const res = jsLp!.Solve({ optimize: "obj", opType: lp.sense, constraints, variables }, JSLP_PRECISION);
  if (!res.feasible) return { status: "infeasible", objective: NaN, x: new Float64Array(0), iterations: 0 };
  if (res.bounded === false) return { status: "unbounded", objective: NaN, x: new Float64Array(0), iterations: 0 };
  const x = new Float64Array(lp.nVars);
  for (let j = 0; j < lp.nVars; j++) {
    x[j] = Number(res[`x${j}`] ?? 0) - (free.has(j) ? Number(res[`n${j}`] ?? 0) : 0);
  }
  let objective = 0;
  for (let j = 0; j < lp.nVars; j++) objective += lp.c[j] * x[j];
  return { status: "optimal", objective, x, iterations: 0 };
}
