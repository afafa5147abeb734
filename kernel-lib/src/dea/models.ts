/**
 * DEA envelopment models, one linear programme per evaluated point against a reference block (both in scaled
 * units; see data.ts). Every builder returns the status of its LP; nothing is dropped or clamped silently.
 *
 * Notation: x_o, y_o, b_o the evaluated point's inputs, desirable and undesirable outputs; X, Y, B the
 * reference DMUs; λ the intensity vector; m, s, q the numbers of inputs, desirable and undesirable outputs.
 * Returns to scale enter as a row on Σλ: CRS none, VRS Σλ = 1, NIRS Σλ ≤ 1, NDRS Σλ ≥ 1 (for the
 * Charnes–Cooper transformed SBM forms the row is ΣΛ − t {=,≤,≥} 0).
 *
 * - radial (CCR = radial + CRS, BCC = radial + VRS), input: min θ s.t. Xλ + s⁻ = θx_o, Yλ − s⁺ = y_o;
 *   output: max φ s.t. Xλ + s⁻ = x_o, Yλ − s⁺ = φy_o, efficiency 1/φ (Farrell output TE, as DEAP prints).
 *   Second stage (default on): θ (or φ) fixed at its optimum and Σs⁻ + Σs⁺ maximised in the data's own units.
 *   Undesirable outputs are not part of the radial models (use sbm/super-sbm/ddf).
 * - additive: max Σs⁻ + Σs⁺ (+ Σs^b) in the data's own units s.t. Xλ + s⁻ = x_o, Yλ − s⁺ = y_o, Bλ + s^b = b_o.
 * - sbm (Tone 2001; undesirable outputs as in Tone 2004 / MaxDEA "SBM-Undesirable"), non-oriented:
 *   ρ = min [1 − (1/m)Σ s⁻_i/x_io] / [1 + (1/(s+q))(Σ s⁺_r/y_ro + Σ s^b_k/b_ko)]
 *   s.t. Xλ + s⁻ = x_o, Yλ − s⁺ = y_o, Bλ + s^b = b_o, solved by the Charnes–Cooper transformation.
 *   Input-oriented: ρ = 1 − (1/m)Σ s⁻_i/x_io; output-oriented: ρ = 1 / [1 + (1/(s+q))(Σ s⁺/y + Σ s^b/b)].
 * - super-sbm (Tone 2002; undesirable form of the Chinese green-efficiency literature and MaxDEA
 *   "Super-SBM-Undesirable"), reference set without the evaluated DMU:
 *   δ = min [1 + (1/m)Σ t⁻_i/x_io] / [1 − (1/(s+q))(Σ t⁺_r/y_ro + Σ t^b_k/b_ko)]
 *   s.t. Xλ − t⁻ ≤ x_o, Yλ + t⁺ ≥ y_o, t⁺ ≤ y_o (ȳ ≥ 0 as in Tone 2002), Bλ − t^b ≤ b_o.
 *   Input-oriented δ = 1 + (1/m)Σ t⁻/x_io (outputs held: Yλ ≥ y_o, Bλ ≤ b_o); output-oriented
 *   δ = 1 / [1 − (1/(s+q))(Σ t⁺/y + Σ t^b/b)] (inputs held: Xλ ≤ x_o).
 * - ddf (Chambers, Chung & Färe; Chung, Färe & Grosskopf 1997 with undesirable outputs):
 *   β = max s.t. Xλ ≤ x_o − βg_x, Yλ ≥ y_o + βg_y, Bλ = b_o − βg_b (weak disposability of B; "strong" gives
 *   Bλ ≤ b_o − βg_b); β is free (cross-period evaluations can be negative). Default direction g = (0, y_o, b_o).
 *
 * Zeros, following Tone's conventions (Cooper, Seiford & Tone 2007, SBM with zero data): an input with
 * x_io = 0 has its term s⁻_i/x_io (t⁻_i/x_io) deleted from the objective, 1/m unchanged; an undesirable output
 * with b_ko = 0 likewise; a desirable output with y_ro = 0 is replaced in the objective's denominator by a
 * small positive number, y_r⁻/100 with y_r⁻ the smallest positive value of output r among the reference DMUs
 * and the evaluated point. Negative data are refused (data.ts).
 */
import { Block, Point } from "./data";
import { LinearProgram, LpBackend, LpOp, LpStatus, solveLP } from "./lp";

export type Rts = "crs" | "vrs" | "nirs" | "ndrs";
export type Orientation = "input" | "output" | "non";
export type ModelKind = "radial" | "additive" | "sbm" | "super-sbm" | "ddf";

export interface ModelSpec {
  kind: ModelKind;
  orientation: Orientation;
  rts: Rts;
  /** Second-stage slack maximisation for the radial model (default true). */
  secondStage?: boolean;
  /** DDF: direction per variable group; "observed" = the evaluated point's own values, "zero", or explicit. */
  direction?: { x?: "zero" | "observed" | number[]; y?: "zero" | "observed" | number[]; b?: "zero" | "observed" | number[] };
  /** DDF: disposability of undesirable outputs (default "weak"). */
  badDisposability?: "weak" | "strong";
  /** Scale factors of x, y, b (data units per scaled unit): used for second-stage and additive objectives. */
  scales?: { x: Float64Array; y: Float64Array; b: Float64Array };
  backend?: LpBackend;
}

/** Raw outcome in scaled units. */
export interface RawResult {
  status: LpStatus;
  /** The model's score: θ, 1/φ, ρ, δ, β (ddf) or the additive objective; null unless optimal. */
  score: number | null;
  lambda: Float64Array;
  /** Slack-type variables (model-specific sign meaning documented above), scaled units. */
  sx: Float64Array;
  sy: Float64Array;
  sb: Float64Array;
  /** Radial: θ or φ; ddf: β. */
  radial?: number;
  iterations: number;
  /** The LP's final basis (for warm-starting the same model at a neighbouring point) and how it started. */
  basis?: Int32Array;
  start?: "warm" | "cold";
}

/**
 * Constraint rows and objectives are views into one buffer reused for every LP on this thread (reset by
 * evaluate): a fresh typed array per row was an off-heap allocation per row and LP.
 */
const arena = { buf: new Float64Array(1 << 14), used: 0 };
function zeroRow(n: number): Float64Array {
  if (arena.used + n > arena.buf.length) {
    // earlier views keep the old buffer alive until this LP is done
    arena.buf = new Float64Array(Math.max(2 * arena.buf.length, 4 * n));
    arena.used = 0;
  }
  const v = arena.buf.subarray(arena.used, arena.used + n);
  arena.used += n;
  v.fill(0);
  return v;
}

const EMPTY = new Float64Array(0);

function rtsRow(nVars: number, nR: number, rts: Rts, tIndex: number | null): { a: Float64Array; op: LpOp; b: number } | null {
  if (rts === "crs") return null;
  const a = zeroRow(nVars);
  for (let j = 0; j < nR; j++) a[j] = 1;
  const op: LpOp = rts === "vrs" ? "=" : rts === "nirs" ? "<=" : ">=";
  if (tIndex !== null) {
    a[tIndex] = -1;
    return { a, op, b: 0 };
  }
  return { a, op, b: 1 };
}

function failed(status: LpStatus, iterations: number, m: number, s: number, q: number, nR: number): RawResult {
  void nR;
  return { status, score: null, lambda: EMPTY, sx: new Float64Array(m), sy: new Float64Array(s), sb: new Float64Array(q), iterations };
}

/** y_ro, or y_r⁻/100 when y_ro = 0 (Tone's convention for zero outputs in SBM objectives). */
function outputDenoms(p: Point, ref: Block): Float64Array {
  return Float64Array.from(p.y, (v, r) => {
    if (v > 0) return v;
    let mn = Infinity;
    for (let j = 0; j < ref.n; j++) if (ref.Y[r][j] > 0 && ref.Y[r][j] < mn) mn = ref.Y[r][j];
    return Number.isFinite(mn) ? mn / 100 : 1e-6;
  });
}

/**
 * One DEA LP. `warm`: bases of the same model solved at other points against the same reference block (see
 * solveLP); the optimum is the same up to round-off, and when it is unique so are λ and the slacks.
 */
export function evaluate(p: Point, ref: Block, spec: ModelSpec, warm?: readonly Int32Array[]): RawResult {
  arena.used = 0;
  switch (spec.kind) {
    case "radial":
      return radial(p, ref, spec, warm);
    case "additive":
      return additive(p, ref, spec, warm);
    case "sbm":
      return spec.orientation === "non" ? sbmNon(p, ref, spec, warm) : sbmOriented(p, ref, spec, warm);
    case "super-sbm":
      return spec.orientation === "non" ? superSbmNon(p, ref, spec, warm) : superSbmOriented(p, ref, spec, warm);
    case "ddf":
      return ddf(p, ref, spec, warm);
  }
}

function radial(p: Point, ref: Block, spec: ModelSpec, warm?: readonly Int32Array[]): RawResult {
  const m = p.x.length, s = p.y.length, q = p.b.length, nR = ref.n;
  if (q > 0) throw new Error("dea: the radial (CCR/BCC) models take no undesirable outputs; use sbm, super-sbm or ddf");
  if (spec.orientation === "non") throw new Error("dea: the radial model needs orientation input or output");
  const input = spec.orientation === "input";
  const iR = nR, iSx = nR + 1, iSy = nR + 1 + m, nV = nR + 1 + m + s;
  const rows: LinearProgram["rows"] = [];
  for (let i = 0; i < m; i++) {
    const a = zeroRow(nV);
    a.set(ref.X[i], 0);
    a[iSx + i] = 1;
    if (input) { a[iR] = -p.x[i]; rows.push({ a, op: "=", b: 0 }); }
    else rows.push({ a, op: "=", b: p.x[i] });
  }
  for (let r = 0; r < s; r++) {
    const a = zeroRow(nV);
    a.set(ref.Y[r], 0);
    a[iSy + r] = -1;
    if (input) rows.push({ a, op: "=", b: p.y[r] });
    else { a[iR] = -p.y[r]; rows.push({ a, op: "=", b: 0 }); }
  }
  const rr = rtsRow(nV, nR, spec.rts, null);
  if (rr) rows.push(rr);
  const c = zeroRow(nV);
  c[iR] = 1;
  const lp: LinearProgram = { nVars: nV, sense: input ? "min" : "max", c, rows };
  const sol = solveLP(lp, spec.backend, warm);
  if (sol.status !== "optimal") return failed(sol.status, sol.iterations, m, s, q, nR);
  let x = sol.x;
  let iterations = sol.iterations;
  const level = sol.objective;
  if (spec.secondStage !== false) {
    const fix = zeroRow(nV);
    fix[iR] = 1;
    const c2 = zeroRow(nV);
    for (let i = 0; i < m; i++) c2[iSx + i] = spec.scales?.x[i] ?? 1;
    for (let r = 0; r < s; r++) c2[iSy + r] = spec.scales?.y[r] ?? 1;
    const sol2 = solveLP({ nVars: nV, sense: "max", c: c2, rows: [...rows, { a: fix, op: "=", b: level }] }, spec.backend);
    iterations += sol2.iterations;
    // Stage 2 is feasible and bounded by construction; any other status is round-off in fixing θ* (seen only
    // with the javascript-lp-solver backend): keep the first-stage solution rather than fail the DMU.
    if (sol2.status === "optimal") x = sol2.x;
  }
  return {
    status: "optimal",
    score: input ? level : 1 / level,
    radial: level,
    lambda: x.slice(0, nR),
    sx: x.slice(iSx, iSx + m),
    sy: x.slice(iSy, iSy + s),
    sb: new Float64Array(0),
    iterations,
    basis: sol.basis,
    start: sol.start,
  };
}

/**
 * The constraint blocks shared by the slack-based models, one row per input, output and undesirable output:
 * X·λ + sx·s⁻ (op) x₀, Y·λ + sy·s⁺ (op) y₀, B·λ + sb·s^b (op) b₀, with λ in the first ref.n variables and the
 * slack blocks starting at starts = [iSx, iSy, iSb]. With `iT` (the Charnes–Cooper scale variable t) the
 * right-hand side moves into the row as −t·v₀ and the row reads (op) 0.
 */
function slackRows(
  p: Point,
  ref: Block,
  nV: number,
  starts: [number, number, number],
  signs: [number, number, number] = [1, -1, 1],
  ops: [LinearProgram["rows"][number]["op"], LinearProgram["rows"][number]["op"], LinearProgram["rows"][number]["op"]] = ["=", "=", "="],
  iT?: number,
): LinearProgram["rows"] {
  const rows: LinearProgram["rows"] = [];
  const blocks: [Float64Array[], Float64Array][] = [[ref.X, p.x], [ref.Y, p.y], [ref.B, p.b]];
  blocks.forEach(([M, v], k) => {
    for (let i = 0; i < v.length; i++) {
      const a = zeroRow(nV);
      a.set(M[i], 0);
      a[starts[k] + i] = signs[k];
      if (iT !== undefined) a[iT] = -v[i];
      rows.push({ a, op: ops[k], b: iT !== undefined ? 0 : v[i] });
    }
  });
  return rows;
}

function additive(p: Point, ref: Block, spec: ModelSpec, warm?: readonly Int32Array[]): RawResult {
  const m = p.x.length, s = p.y.length, q = p.b.length, nR = ref.n;
  const iSx = nR, iSy = nR + m, iSb = nR + m + s, nV = nR + m + s + q;
  const rows = slackRows(p, ref, nV, [iSx, iSy, iSb]);
  const rr = rtsRow(nV, nR, spec.rts, null);
  if (rr) rows.push(rr);
  const c = zeroRow(nV);
  for (let i = 0; i < m; i++) c[iSx + i] = spec.scales?.x[i] ?? 1;
  for (let r = 0; r < s; r++) c[iSy + r] = spec.scales?.y[r] ?? 1;
  for (let k = 0; k < q; k++) c[iSb + k] = spec.scales?.b[k] ?? 1;
  const sol = solveLP({ nVars: nV, sense: "max", c, rows }, spec.backend, warm);
  if (sol.status !== "optimal") return failed(sol.status, sol.iterations, m, s, q, nR);
  const x = sol.x;
  return { status: "optimal", score: sol.objective, lambda: x.slice(0, nR), sx: x.slice(iSx, iSx + m), sy: x.slice(iSy, iSy + s), sb: x.slice(iSb, iSb + q), iterations: sol.iterations, basis: sol.basis, start: sol.start };
}

/** Non-oriented SBM via Charnes–Cooper: variables [Λ (nR), t, S⁻ (m), S⁺ (s), S^b (q)]. */
function sbmNon(p: Point, ref: Block, spec: ModelSpec, warm?: readonly Int32Array[]): RawResult {
  const m = p.x.length, s = p.y.length, q = p.b.length, nR = ref.n;
  const iT = nR, iSx = nR + 1, iSy = iSx + m, iSb = iSy + s, nV = iSb + q;
  const yd = outputDenoms(p, ref);
  const rows: LinearProgram["rows"] = [];
  const norm = zeroRow(nV);
  norm[iT] = 1;
  for (let r = 0; r < s; r++) norm[iSy + r] = 1 / ((s + q) * yd[r]);
  for (let k = 0; k < q; k++) if (p.b[k] > 0) norm[iSb + k] = 1 / ((s + q) * p.b[k]);
  rows.push({ a: norm, op: "=", b: 1 });
  rows.push(...slackRows(p, ref, nV, [iSx, iSy, iSb], [1, -1, 1], ["=", "=", "="], iT));
  const rr = rtsRow(nV, nR, spec.rts, iT);
  if (rr) rows.push(rr);
  const c = zeroRow(nV);
  c[iT] = 1;
  for (let i = 0; i < m; i++) if (p.x[i] > 0) c[iSx + i] = -1 / (m * p.x[i]);
  const sol = solveLP({ nVars: nV, sense: "min", c, rows }, spec.backend, warm);
  if (sol.status !== "optimal") return failed(sol.status, sol.iterations, m, s, q, nR);
  const x = sol.x;
  const t = x[iT];
  const div = (v: Float64Array) => v.map((z) => z / t);
  return { status: "optimal", score: sol.objective, lambda: div(x.slice(0, nR)), sx: div(x.slice(iSx, iSx + m)), sy: div(x.slice(iSy, iSy + s)), sb: div(x.slice(iSb, iSb + q)), iterations: sol.iterations, basis: sol.basis, start: sol.start };
}

/** Input- or output-oriented SBM: variables [λ, s⁻, s⁺, s^b]. */
function sbmOriented(p: Point, ref: Block, spec: ModelSpec, warm?: readonly Int32Array[]): RawResult {
  const m = p.x.length, s = p.y.length, q = p.b.length, nR = ref.n;
  const iSx = nR, iSy = nR + m, iSb = iSy + s, nV = iSb + q;
  const yd = outputDenoms(p, ref);
  const rows = slackRows(p, ref, nV, [iSx, iSy, iSb]);
  const rr = rtsRow(nV, nR, spec.rts, null);
  if (rr) rows.push(rr);
  const c = zeroRow(nV);
  const input = spec.orientation === "input";
  if (input) for (let i = 0; i < m; i++) c[iSx + i] = p.x[i] > 0 ? 1 / (m * p.x[i]) : 0;
  else {
    for (let r = 0; r < s; r++) c[iSy + r] = 1 / ((s + q) * yd[r]);
    for (let k = 0; k < q; k++) c[iSb + k] = p.b[k] > 0 ? 1 / ((s + q) * p.b[k]) : 0;
  }
  const sol = solveLP({ nVars: nV, sense: "max", c, rows }, spec.backend, warm);
  if (sol.status !== "optimal") return failed(sol.status, sol.iterations, m, s, q, nR);
  const x = sol.x;
  const score = input ? 1 - sol.objective : 1 / (1 + sol.objective);
  return { status: "optimal", score, lambda: x.slice(0, nR), sx: x.slice(iSx, iSx + m), sy: x.slice(iSy, iSy + s), sb: x.slice(iSb, iSb + q), iterations: sol.iterations, basis: sol.basis, start: sol.start };
}

/** Non-oriented super-SBM via Charnes–Cooper: variables [Λ, t, T⁻, T⁺, T^b]; ref must exclude the point. */
function superSbmNon(p: Point, ref: Block, spec: ModelSpec, warm?: readonly Int32Array[]): RawResult {
  const m = p.x.length, s = p.y.length, q = p.b.length, nR = ref.n;
  const iT = nR, iSx = nR + 1, iSy = iSx + m, iSb = iSy + s, nV = iSb + q;
  const yd = outputDenoms(p, ref);
  const rows: LinearProgram["rows"] = [];
  const norm = zeroRow(nV);
  norm[iT] = 1;
  for (let r = 0; r < s; r++) norm[iSy + r] = -1 / ((s + q) * yd[r]);
  for (let k = 0; k < q; k++) if (p.b[k] > 0) norm[iSb + k] = -1 / ((s + q) * p.b[k]);
  rows.push({ a: norm, op: "=", b: 1 });
  for (let i = 0; i < m; i++) {
    const a = zeroRow(nV);
    a.set(ref.X[i], 0);
    a[iSx + i] = -1;
    a[iT] = -p.x[i];
    rows.push({ a, op: "<=", b: 0 });
  }
  for (let r = 0; r < s; r++) {
    const a = zeroRow(nV);
    a.set(ref.Y[r], 0);
    a[iSy + r] = 1;
    a[iT] = -p.y[r];
    rows.push({ a, op: ">=", b: 0 });
    const u = zeroRow(nV); // T⁺_r ≤ t·y_ro  (ȳ ≥ 0)
    u[iSy + r] = 1;
    u[iT] = -p.y[r];
    rows.push({ a: u, op: "<=", b: 0 });
  }
  for (let k = 0; k < q; k++) {
    const a = zeroRow(nV);
    a.set(ref.B[k], 0);
    a[iSb + k] = -1;
    a[iT] = -p.b[k];
    rows.push({ a, op: "<=", b: 0 });
  }
  const rr = rtsRow(nV, nR, spec.rts, iT);
  if (rr) rows.push(rr);
  const c = zeroRow(nV);
  c[iT] = 1;
  for (let i = 0; i < m; i++) if (p.x[i] > 0) c[iSx + i] = 1 / (m * p.x[i]);
  const sol = solveLP({ nVars: nV, sense: "min", c, rows }, spec.backend, warm);
  if (sol.status !== "optimal") return failed(sol.status, sol.iterations, m, s, q, nR);
  const x = sol.x;
  const t = x[iT];
  const div = (v: Float64Array) => v.map((z) => z / t);
  return { status: "optimal", score: sol.objective, lambda: div(x.slice(0, nR)), sx: div(x.slice(iSx, iSx + m)), sy: div(x.slice(iSy, iSy + s)), sb: div(x.slice(iSb, iSb + q)), iterations: sol.iterations, basis: sol.basis, start: sol.start };
}

/** Oriented super-SBM: variables [λ, t⁻ (input) | t⁺, t^b (output)]; ref must exclude the point. */
function superSbmOriented(p: Point, ref: Block, spec: ModelSpec, warm?: readonly Int32Array[]): RawResult {
  const m = p.x.length, s = p.y.length, q = p.b.length, nR = ref.n;
  const input = spec.orientation === "input";
  const iSx = nR, iSy = nR + m, iSb = iSy + s, nV = iSb + q;
  const yd = outputDenoms(p, ref);
  const rows: LinearProgram["rows"] = [];
  for (let i = 0; i < m; i++) {
    const a = zeroRow(nV);
    a.set(ref.X[i], 0);
    if (input) a[iSx + i] = -1;
    rows.push({ a, op: "<=", b: p.x[i] });
  }
  for (let r = 0; r < s; r++) {
    const a = zeroRow(nV);
    a.set(ref.Y[r], 0);
    if (!input) {
      a[iSy + r] = 1;
      const u = zeroRow(nV);
      u[iSy + r] = 1;
      rows.push({ a: u, op: "<=", b: p.y[r] });
    }
    rows.push({ a, op: ">=", b: p.y[r] });
  }
  for (let k = 0; k < q; k++) {
    const a = zeroRow(nV);
    a.set(ref.B[k], 0);
    if (!input) a[iSb + k] = -1;
    rows.push({ a, op: "<=", b: p.b[k] });
  }
  const rr = rtsRow(nV, nR, spec.rts, null);
  if (rr) rows.push(rr);
  const c = zeroRow(nV);
  if (input) for (let i = 0; i < m; i++) c[iSx + i] = p.x[i] > 0 ? 1 / (m * p.x[i]) : 0;
  else {
    for (let r = 0; r < s; r++) c[iSy + r] = 1 / ((s + q) * yd[r]);
    for (let k = 0; k < q; k++) c[iSb + k] = p.b[k] > 0 ? 1 / ((s + q) * p.b[k]) : 0;
  }
  const sol = solveLP({ nVars: nV, sense: "min", c, rows }, spec.backend, warm);
  if (sol.status !== "optimal") return failed(sol.status, sol.iterations, m, s, q, nR);
  const x = sol.x;
  const score = input ? 1 + sol.objective : 1 / (1 - sol.objective);
  return { status: "optimal", score, lambda: x.slice(0, nR), sx: x.slice(iSx, iSx + m), sy: x.slice(iSy, iSy + s), sb: x.slice(iSb, iSb + q), iterations: sol.iterations, basis: sol.basis, start: sol.start };
}

function directionOf(g: "zero" | "observed" | number[] | undefined, own: Float64Array, scale: Float64Array | undefined, def: "zero" | "observed"): Float64Array {
  const v = g ?? def;
  if (v === "zero") return new Float64Array(own.length);
  if (v === "observed") return own.slice();
  if (v.length !== own.length) throw new Error(`dea: ddf direction has ${v.length} entries for ${own.length} variables`);
  return Float64Array.from(v, (z, i) => z / (scale?.[i] ?? 1));
}

/** Directional distance function: variables [λ, β (free)]. */
function ddf(p: Point, ref: Block, spec: ModelSpec, warm?: readonly Int32Array[]): RawResult {
  const m = p.x.length, s = p.y.length, q = p.b.length, nR = ref.n;
  const gx = directionOf(spec.direction?.x, p.x, spec.scales?.x, "zero");
  const gy = directionOf(spec.direction?.y, p.y, spec.scales?.y, "observed");
  const gb = directionOf(spec.direction?.b, p.b, spec.scales?.b, "observed");
  const iB = nR, nV = nR + 1;
  const rows: LinearProgram["rows"] = [];
  for (let i = 0; i < m; i++) {
    const a = zeroRow(nV);
    a.set(ref.X[i], 0);
    a[iB] = gx[i];
    rows.push({ a, op: "<=", b: p.x[i] });
  }
  for (let r = 0; r < s; r++) {
    const a = zeroRow(nV);
    a.set(ref.Y[r], 0);
    a[iB] = -gy[r];
    rows.push({ a, op: ">=", b: p.y[r] });
  }
  for (let k = 0; k < q; k++) {
    const a = zeroRow(nV);
    a.set(ref.B[k], 0);
    a[iB] = gb[k];
    rows.push({ a, op: spec.badDisposability === "strong" ? "<=" : "=", b: p.b[k] });
  }
  const rr = rtsRow(nV, nR, spec.rts, null);
  if (rr) rows.push(rr);
  const c = zeroRow(nV);
  c[iB] = 1;
  const sol = solveLP({ nVars: nV, sense: "max", c, rows, free: [iB] }, spec.backend, warm);
  if (sol.status !== "optimal") return failed(sol.status, sol.iterations, m, s, q, nR);
  const x = sol.x;
  return { status: "optimal", score: x[iB], radial: x[iB], lambda: x.slice(0, nR), sx: new Float64Array(m), sy: new Float64Array(s), sb: new Float64Array(q), iterations: sol.iterations, basis: sol.basis, start: sol.start };
}
