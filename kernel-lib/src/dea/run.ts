/**
 * `dea(data, options)`: every DMU (or DMU-period) evaluated against its reference set, with efficiency,
 * slacks, λ/peers, targets and explicit infeasibility flags.
 *
 * Reference sets for panels (data.periods given):
 * - contemporaneous: the DMUs of the same period;
 * - global: all periods pooled (Pastor & Lovell 2005);
 * - sequential: all periods up to and including the evaluated one (Shestalova 2003);
 * - window: Charnes et al. window analysis — windows of `window` consecutive periods (default 3) moving by
 *   one; every DMU-period in a window is evaluated against that window's pooled set; results carry `window`.
 * Without periods the reference set is all DMUs.
 *
 * Super-efficiency (super-sbm, or radial with superEfficiency: true = Andersen & Petersen 1993): the evaluated
 * DMU-period is removed from its reference set. For super-sbm a DMU is first evaluated by SBM (same
 * orientation and RTS); SBM-inefficient DMUs (ρ < 1 − EFF_TOL) keep their SBM score, SBM-efficient ones get the
 * super-SBM score δ ≥ 1 (Tone 2002; what MaxDEA's "Super SBM" reports). When the super-efficiency LP is
 * infeasible (possible under VRS/NIRS/NDRS, oriented models and undesirable outputs) the row is kept with
 * `infeasible: true` and the treatment chosen by `infeasible`:
 *   "flag" (default): efficiency null;
 *   "nonOriented": the non-oriented super-SBM score (same RTS), when that LP is feasible, else null;
 *   "one": efficiency 1 (some software's convention; stated in `treatment`).
 */
import { Block, DeaData, DeaInputError, Point, Scales, checkData, computeScales, dims, scaledBlock, scaledPoint } from "./data";
import { ModelKind, ModelSpec, Orientation, RawResult, Rts, evaluate } from "./models";
import { LpBackend, LpStatus } from "./lp";
import { ModelResult, pointRow, withResult } from "../core/result";
import { ParallelTask, parallelMap, resolveThreads } from "../core/parallel";
import { progressFor } from "../core/progress";
import { dominanceScreen } from "./screen";

export type DeaModelName = "ccr" | "bcc" | "radial" | "additive" | "sbm" | "super-sbm" | "ddf";
export type Frontier = "contemporaneous" | "global" | "sequential" | "window";

export interface DeaOptions {
  model: DeaModelName;
  orientation?: Orientation;
  rts?: Rts;
  frontier?: Frontier;
  window?: number;
  backend?: LpBackend;
  secondStage?: boolean;
  superEfficiency?: boolean;
  infeasible?: "flag" | "nonOriented" | "one";
  /**
   * Solve on the efficient set first (see frontierSet): on by default for one reference set of at least
   * FRONTIER_SCREEN_AUTO (4,000) rows; scores equal the unscreened ones up to LP round-off.
   */
  frontierScreen?: boolean;
  /**
   * Start each DMU's LP from the optimal basis of a neighbouring DMU's LP (same reference set; DMUs ordered by a
   * k-d split of their data, in fixed blocks of WARM_BLOCK, so results do not depend on row order or threads); a
   * basis that is not primal feasible is refused and the LP starts cold. Default: with frontierScreen's
   * automatic rule (one reference set of at least 4,000 rows). Scores equal the cold ones up to LP round-off.
   */
  warmStart?: boolean;
  /** Threads for the per-row LPs (default: the cores; 1 = one thread). Results are identical for any value. */
  threads?: number;
  /** Called as DMUs' LPs finish (LPs done, LPs in all). */
  onProgress?: (done: number, total: number) => void;
  direction?: ModelSpec["direction"];
  badDisposability?: ModelSpec["badDisposability"];
}

export interface DeaPeer {
  dmu: string;
  period?: string | number;
  lambda: number;
}

export interface DeaResult {
  dmu: string;
  period?: string | number;
  /** Window label "first–last" (window analysis only). */
  window?: string;
  /** θ (input radial), 1/φ (output radial), ρ (SBM), δ (super-SBM, efficient DMUs), 1/(1+β) (ddf); null for
   *  additive (see objective) and for infeasible super-efficiency under treatment "flag". */
  efficiency: number | null;
  infeasible: boolean;
  status: LpStatus;
  /** Super-SBM: true when the super-efficiency score was used (SBM-efficient DMU). */
  superEfficient?: boolean;
  /** How an infeasible super-efficiency problem was treated. */
  treatment?: string;
  /** Additive: the maximal slack sum in data units; ddf: β. */
  objective?: number | null;
  /** SBM score before super-efficiency (super-sbm only). */
  sbm?: number | null;
  theta?: number;
  phi?: number;
  beta?: number;
  /** Slacks in data units: s⁻, s⁺, s^b for radial/additive/sbm; t⁻, t⁺, t^b (super-SBM excesses) for super-sbm. */
  slacks: { inputs: number[]; outputs: number[]; undesirable: number[] };
  peers: DeaPeer[];
  targets: { inputs: number[]; outputs: number[]; undesirable: number[] };
  iterations: number;
}

export const EFF_TOL = 1e-9;
const LAMBDA_TOL = 1e-9;

export function resolveSpec(o: DeaOptions, sc: Scales): ModelSpec {
  let kind: ModelKind;
  let rts: Rts = o.rts ?? "crs";
  switch (o.model) {
    case "ccr":
      if (o.rts && o.rts !== "crs") throw new DeaInputError(`dea: model ccr is radial with CRS; got rts ${o.rts} (use model radial or bcc)`);
      kind = "radial";
      rts = "crs";
      break;
    case "bcc":
      if (o.rts && o.rts !== "vrs") throw new DeaInputError(`dea: model bcc is radial with VRS; got rts ${o.rts} (use model radial)`);
      kind = "radial";
      rts = "vrs";
      break;
    case "radial":
    case "additive":
    case "sbm":
    case "super-sbm":
    case "ddf":
      kind = o.model;
      break;
    default:
      throw new DeaInputError(`dea: unknown model "${(o as { model: string }).model}" (ccr, bcc, radial, additive, sbm, super-sbm, ddf)`);
  }
  const orientation: Orientation = o.orientation ?? (kind === "radial" ? "input" : "non");
  if (kind === "radial" && orientation === "non") throw new DeaInputError("dea: radial models (ccr/bcc) need --orientation input or output");
  return {
    kind,
    orientation,
    rts,
    secondStage: o.secondStage,
    direction: o.direction,
    badDisposability: o.badDisposability,
    scales: sc,
    backend: o.backend,
  };
}

/** Sorted distinct periods and each row's period position. */
export function periodIndex(periods: readonly (string | number)[]): { labels: (string | number)[]; pos: Int32Array } {
  const uniq = [...new Set(periods)];
  const allNum = uniq.every((p) => typeof p === "number" || (typeof p === "string" && p.trim() !== "" && Number.isFinite(Number(p))));
  uniq.sort((a, b) => (allNum ? Number(a) - Number(b) : String(a).localeCompare(String(b), undefined, { numeric: true })));
  const at = new Map(uniq.map((p, i) => [p, i] as [string | number, number]));
  return { labels: uniq, pos: Int32Array.from(periods, (p) => at.get(p)!) };
}

/** Scaled reference blocks, cached per index array (every row of a period or of the global set shares one). */
const blockCache = new WeakMap<readonly number[], { d: DeaData; block: Block }>();
function blockFor(d: DeaData, idx: readonly number[], sc: Scales): Block {
  const hit = blockCache.get(idx);
  if (hit && hit.d === d) return hit.block;
  const block = scaledBlock(d, idx, sc);
  blockCache.set(idx, { d, block });
  return block;
}

/**
 * Free-disposal screening (speed only; results unchanged). A reference row k weakly dominated by another row l
 * (x_l ≤ x_k, y_l ≥ y_k, b_l ≤ b_k; ties broken by row order) lies in the production possibility set spanned by
 * the other rows under every RTS, so removing it leaves the technology — and the optimal value of every model
 * defined on it (radial, additive, SBM, super-SBM) — unchanged. For super-efficiency of row o, rows dominated
 * only by o are put back. Not used for ddf (weak disposability of B) or when the evaluated point has a zero
 * desirable output (Tone's zero convention looks at the whole reference set). The screen itself: screen.ts.
 */
interface Screen {
  kept: number[];
  onlyBy: Map<number, number[]>;
}
const screenCache = new WeakMap<readonly number[], { d: DeaData; s: Screen }>();
/** Dominance screens computed on this thread (tests check that workers are handed them instead). */
export const screenStats = { computed: 0 };
function screenFor(d: DeaData, idx: readonly number[]): Screen {
  const hit = screenCache.get(idx);
  if (hit && hit.d === d) return hit.s;
  screenStats.computed++;
  const { kept, onlyBy } = dominanceScreen(d, idx);
  const sc: Screen = { kept, onlyBy };
  screenCache.set(idx, { d, s: sc });
  return sc;
}
/** The screened reference set without row j (rows dominated by j alone put back); built only when needed, never
 *  kept per row (a cached copy per row was n × |kept| numbers: 1.7 GB at 56,000 DMUs). */
function screenedExcl(scr: Screen, j: number): number[] {
  const e = scr.kept.filter((k) => k !== j);
  for (const k of scr.onlyBy.get(j) ?? []) e.push(k);
  return e;
}

/** Evaluate one DMU-row j against the rows `refIdx` (which may or may not contain j). */
export function evaluateRow(d: DeaData, j: number, refIdx: readonly number[], spec: ModelSpec, sc: Scales, o: DeaOptions): DeaResult {
  return evaluateOneRow(d, j, refIdx, spec, sc, o);
}

/**
 * The score alone of row j against `refIdx` (null when the LP is not optimal or the model has none): the same LPs
 * as evaluateRow, without slacks, peers and targets. The productivity indices need nothing else, on thousands of
 * rows.
 */
export function rowEfficiency(d: DeaData, j: number, refIdx: readonly number[], spec: ModelSpec, sc: Scales, o: DeaOptions): number | null {
  const r = solveRow(d, j, refIdx, spec, sc, o);
  return r.raw.status === "optimal" ? efficiencyOf(r.raw, r.spec) : null;
}

/**
 * The distinct optimal bases of the last LPs on the reference block, most recent first, carried from one row to
 * the next (warmStart): a row's LP starts from the first of them that is primal feasible for it.
 */
interface WarmChain {
  bases: Int32Array[];
}
const WARM_BASES = 8;
export const warmStats = { warm: 0, cold: 0 };
function chained(chain: WarmChain | undefined, raw: RawResult): RawResult {
  if (chain && raw.status === "optimal" && raw.basis) {
    const b = raw.basis;
    const at = chain.bases.findIndex((c) => c.every((v, i) => v === b[i]));
    if (at >= 0) chain.bases.splice(at, 1);
    chain.bases.unshift(b);
    if (chain.bases.length > WARM_BASES) chain.bases.pop();
    if (raw.start) warmStats[raw.start]++;
  }
  return raw;
}

/** What solveRow settled on: the LP outcome, the reference rows and block it used, and the model it solved. */
interface RowSolve {
  p: Point;
  raw: RawResult;
  idx: readonly number[];
  block: Block;
  spec: ModelSpec;
  /** Super-SBM: the SBM score and whether the super-efficiency LP was the one solved. */
  sbm?: number | null;
  superEfficient?: boolean;
}

/** Specs with kind "sbm" for the super-SBM first stage, one per spec (a spread per row cost more than its LP). */
const sbmSpecs = new WeakMap<ModelSpec, ModelSpec>();
function sbmSpecOf(spec: ModelSpec): ModelSpec {
  let s = sbmSpecs.get(spec);
  if (!s) sbmSpecs.set(spec, (s = { ...spec, kind: "sbm" }));
  return s;
}

/** The reference set and LP(s) of row j (see the file comment), without unscaling the result. */
function solveRow(
  d: DeaData, j: number, refIdx: readonly number[], spec: ModelSpec, sc: Scales, o: DeaOptions, front?: readonly number[], chain?: WarmChain,
): RowSolve {
  const p = scaledPoint(d, j, sc);
  const screenable = spec.kind !== "ddf" && d.Y[j].every((v) => v > 0) && refIdx.length > 8;
  const scr = screenable ? screenFor(d, refIdx) : null;
  // the efficient set spans the same technology as the whole reference set (see frontierSet)
  const incl: readonly number[] = scr && front ? front : scr ? scr.kept : refIdx;
  const exclOf = (): readonly number[] => (scr ? screenedExcl(scr, j) : refIdx.filter((k) => k !== j));
  if (spec.kind === "super-sbm") {
    const sbmSpec = sbmSpecOf(spec);
    const inclBlock = blockFor(d, incl, sc);
    const sbmRes = chained(chain, evaluate(p, inclBlock, sbmSpec, chain?.bases));
    if (sbmRes.status === "optimal" && sbmRes.score! < 1 - EFF_TOL) {
      return { p, raw: sbmRes, idx: incl, block: inclBlock, spec: sbmSpec, sbm: sbmRes.score, superEfficient: false };
    }
    // cross-period points are not in refIdx, so excl is the whole (screened) set
    const excl = exclOf();
    const exclBlock = scaledBlock(d, excl, sc);
    const sup = evaluate(p, exclBlock, spec);
    return { p, raw: sup, idx: excl, block: exclBlock, spec, sbm: sbmRes.status === "optimal" ? sbmRes.score : null, superEfficient: true };
  }
  const useIdx = spec.kind === "radial" && o.superEfficiency ? exclOf() : incl;
  const block = useIdx === incl ? blockFor(d, incl, sc) : scaledBlock(d, useIdx, sc);
  const raw = useIdx === incl ? chained(chain, evaluate(p, block, spec, chain?.bases)) : evaluate(p, block, spec);
  return { p, raw, idx: useIdx, block, spec };
}

function evaluateOneRow(
  d: DeaData, j: number, refIdx: readonly number[], spec: ModelSpec, sc: Scales, o: DeaOptions, front?: readonly number[], chain?: WarmChain,
): DeaResult {
  const r = solveRow(d, j, refIdx, spec, sc, o, front, chain);
  // Object.assign, not object spread: spreading a computed object cost ~12 µs per row, more than a small LP
  const row = (d.periods ? { dmu: d.dmus[j], period: d.periods[j] } : { dmu: d.dmus[j] }) as DeaResult;
  if (r.raw.status === "optimal") Object.assign(row, finish(d, j, r.idx, r.raw, r.spec, sc));
  else {
    const treat = r.superEfficient === undefined ? { ...o, infeasible: o.infeasible === "nonOriented" ? "flag" as const : o.infeasible } : o;
    Object.assign(row, infeasibleRow(d, j, r.idx, r.block, r.p, r.raw, r.spec, sc, treat));
  }
  if (r.superEfficient !== undefined) Object.assign(row, { sbm: r.sbm, superEfficient: r.superEfficient });
  return row;
}

function infeasibleRow(
  d: DeaData, j: number, idx: readonly number[], block: Block, p: ReturnType<typeof scaledPoint>, raw: RawResult, spec: ModelSpec, sc: Scales, o: DeaOptions,
): Omit<DeaResult, "dmu" | "period"> {
  const { m, s, q } = dims(d);
  const treatment = o.infeasible ?? "flag";
  const empty = { slacks: { inputs: zeros(m), outputs: zeros(s), undesirable: zeros(q) }, peers: [], targets: { inputs: zeros(m).map(() => NaN), outputs: zeros(s).map(() => NaN), undesirable: zeros(q).map(() => NaN) } };
  if (treatment === "nonOriented" && spec.kind === "super-sbm" && spec.orientation !== "non") {
    const alt = evaluate(p, block, { ...spec, orientation: "non" });
    if (alt.status === "optimal") {
      return { ...finish(d, j, idx, alt, { ...spec, orientation: "non" }, sc), infeasible: true, status: raw.status, treatment: "non-oriented super-SBM score used (oriented LP " + raw.status + ")" };
    }
  }
  if (treatment === "one") return { efficiency: 1, infeasible: true, status: raw.status, treatment: `LP ${raw.status}; efficiency set to 1 by the "one" convention`, iterations: raw.iterations, ...empty };
  return { efficiency: null, infeasible: true, status: raw.status, treatment: `LP ${raw.status}; efficiency left empty (flag)`, iterations: raw.iterations, ...empty };
}

const zeros = (k: number) => new Array<number>(k).fill(0);

/** The reported score of an optimal LP: the model's score, 1/(1 + β) for ddf, none for additive (see objective). */
function efficiencyOf(raw: RawResult, spec: ModelSpec): number | null {
  return spec.kind === "ddf" ? 1 / (1 + raw.score!) : spec.kind === "additive" ? null : raw.score;
}

/** Unscale a raw result and derive peers and targets. */
function finish(d: DeaData, j: number, idx: readonly number[], raw: RawResult, spec: ModelSpec, sc: Scales): Omit<DeaResult, "dmu" | "period"> {
  const x0 = Array.from(d.X[j]);
  const y0 = Array.from(d.Y[j]);
  const b0 = d.B ? Array.from(d.B[j]) : [];
  const sx = Array.from(raw.sx, (v, i) => clean(v * sc.x[i]));
  const sy = Array.from(raw.sy, (v, r) => clean(v * sc.y[r]));
  const sb = Array.from(raw.sb, (v, k) => clean(v * sc.b[k]));
  const peers: DeaPeer[] = [];
  raw.lambda.forEach((l, k) => {
    if (l > LAMBDA_TOL) peers.push(d.periods ? { dmu: d.dmus[idx[k]], period: d.periods[idx[k]], lambda: l } : { dmu: d.dmus[idx[k]], lambda: l });
  });
  let tx: number[], ty: number[], tb: number[];
  const out: Partial<DeaResult> = {};
  const efficiency = efficiencyOf(raw, spec);
  switch (spec.kind) {
    case "radial":
      if (spec.orientation === "input") {
        tx = x0.map((v, i) => raw.radial! * v - sx[i]);
        ty = y0.map((v, r) => v + sy[r]);
        out.theta = raw.radial;
      } else {
        tx = x0.map((v, i) => v - sx[i]);
        ty = y0.map((v, r) => raw.radial! * v + sy[r]);
        out.phi = raw.radial;
      }
      tb = [];
      break;
    case "super-sbm":
      tx = x0.map((v, i) => v + sx[i]);
      ty = y0.map((v, r) => v - sy[r]);
      tb = b0.map((v, k) => v + sb[k]);
      break;
    case "ddf": {
      const beta = raw.score!;
      const g = (gv: "zero" | "observed" | number[] | undefined, own: number[], def: "zero" | "observed") =>
        gv === undefined ? (def === "zero" ? own.map(() => 0) : own) : gv === "zero" ? own.map(() => 0) : gv === "observed" ? own : gv;
      const gx = g(spec.direction?.x, x0, "zero"), gy = g(spec.direction?.y, y0, "observed"), gb = g(spec.direction?.b, b0, "observed");
      tx = x0.map((v, i) => v - beta * gx[i]);
      ty = y0.map((v, r) => v + beta * gy[r]);
      tb = b0.map((v, k) => v - beta * gb[k]);
      out.beta = beta;
      out.objective = beta;
      break;
    }
    case "additive":
      out.objective = raw.score;
    // fall through
    default:
      tx = x0.map((v, i) => v - sx[i]);
      ty = y0.map((v, r) => v + sy[r]);
      tb = b0.map((v, k) => v - sb[k]);
  }
  return {
    efficiency,
    infeasible: false,
    status: "optimal",
    ...out,
    slacks: { inputs: sx, outputs: sy, undesirable: sb },
    peers,
    targets: { inputs: tx, outputs: ty, undesirable: tb },
    iterations: raw.iterations,
  };
}

function clean(v: number): number {
  return Math.abs(v) < 1e-10 ? 0 : v;
}

/** Every (row, reference set) pair the chosen frontier evaluates, in output order. */
interface DeaPlan {
  rows: number[];
  refOf: number[];
  refs: number[][];
  windows?: string[];
}

function deaPlan(d: DeaData, o: DeaOptions): DeaPlan {
  const { n } = dims(d);
  const all = Array.from({ length: n }, (_, k) => k);
  if (!d.periods) {
    if (o.frontier && o.frontier !== "global" && o.frontier !== "contemporaneous") throw new DeaInputError(`dea: frontier ${o.frontier} needs periods`);
    return { rows: all, refOf: all.map(() => 0), refs: [all] };
  }
  const { labels, pos } = periodIndex(d.periods);
  const frontier = o.frontier ?? "contemporaneous";
  const byPeriod: number[][] = labels.map(() => []);
  for (let k = 0; k < n; k++) byPeriod[pos[k]].push(k);
  switch (frontier) {
    case "contemporaneous":
      return { rows: all, refOf: Array.from(pos), refs: byPeriod };
    case "global":
      return { rows: all, refOf: all.map(() => 0), refs: [all] };
    case "sequential": {
      const upTo: number[][] = [];
      let acc: number[] = [];
      for (const g of byPeriod) upTo.push((acc = acc.concat(g)));
      return { rows: all, refOf: Array.from(pos), refs: upTo };
    }
    case "window": {
      const w = o.window ?? 3;
      if (!Number.isInteger(w) || w < 1 || w > labels.length) throw new DeaInputError(`dea: window width must be an integer in 1..${labels.length}, got ${w}`);
      const plan: Required<DeaPlan> = { rows: [], refOf: [], refs: [], windows: [] };
      for (let s0 = 0; s0 + w <= labels.length; s0++) {
        const idx = byPeriod.slice(s0, s0 + w).flat();
        const label = `${labels[s0]}–${labels[s0 + w - 1]}`;
        for (const j of idx) {
          plan.rows.push(j);
          plan.refOf.push(plan.refs.length);
          plan.windows.push(label);
        }
        plan.refs.push(idx);
      }
      return plan;
    }
    default:
      throw new DeaInputError(`dea: unknown frontier "${frontier}" (contemporaneous, global, sequential, window)`);
  }
}

/** A dominance screen as it crosses to a worker thread (a Map's entries as an array). */
type ScreenData = { kept: number[]; onlyBy: [number, number[]][] };
type DeaPayload = { d: DeaData; o: Omit<DeaOptions, "onProgress">; front?: number[]; screens?: (ScreenData | null)[] };

/**
 * The dominance screens of the reference sets the rows will use, computed once on the calling thread and handed
 * to every thread instead of each repeating it.
 */
function screensOf(d: DeaData, plan: DeaPlan, kind: ModelSpec["kind"]): (ScreenData | null)[] {
  const needed = new Set<number>();
  if (kind !== "ddf") plan.rows.forEach((j, k) => d.Y[j].every((v) => v > 0) && plan.refs[plan.refOf[k]].length > 8 && needed.add(plan.refOf[k]));
  return plan.refs.map((idx, r) => {
    if (!needed.has(r)) return null;
    const s = screenFor(d, idx);
    return { kept: s.kept, onlyBy: [...s.onlyBy] };
  });
}

/** The per-row LPs as a parallel task: the plan is rebuilt from (data, options) on each thread, the screens are given. */
export function makeDeaRows({ d, o, front, screens }: DeaPayload): (k: number) => DeaResult {
  const sc = computeScales(d);
  const spec = resolveSpec(o, sc);
  const plan = deaPlan(d, o);
  screens?.forEach((s, r) => {
    if (s) screenCache.set(plan.refs[r], { d, s: { kept: s.kept, onlyBy: new Map(s.onlyBy) } });
  });
  return (k) => {
    const r = evaluateOneRow(d, plan.rows[k], plan.refs[plan.refOf[k]], spec, sc, o, front);
    return plan.windows ? { ...r, window: plan.windows[k] } : r;
  };
}

const deaRowsTask: ParallelTask<DeaPayload, DeaResult> = { module: "dea/run", name: "makeDeaRows", make: makeDeaRows };

/** Rows per warm-start chain: each chain starts cold, so the chains are the same for any number of threads. */
export const WARM_BLOCK = 64;

/**
 * Rows in an order where consecutive rows have similar data (so similar optimal bases): recursive halving at the
 * median of the variable (scaled by its mean) with the widest range, as a k-d tree does. The order depends only on
 * the rows' values (ties by value, then by row: only equal rows, whose LPs are equal, fall back on the row order).
 */
export function neighbourOrder(d: DeaData, rows: readonly number[]): number[] {
  const { m, s: ns, q } = dims(d);
  const sc = computeScales(d);
  const w = m + ns + q;
  const v = new Float64Array(d.dmus.length * w);
  for (const k of rows) {
    for (let i = 0; i < m; i++) v[k * w + i] = d.X[k][i] / sc.x[i];
    for (let r = 0; r < ns; r++) v[k * w + m + r] = d.Y[k][r] / sc.y[r];
    for (let r = 0; r < q; r++) v[k * w + m + ns + r] = d.B![k][r] / sc.b[r];
  }
  const out: number[] = [];
  const split = (list: number[]) => {
    if (list.length <= 2) {
      if (list.length === 2 && byValue(list[1], list[0], 0) < 0) list.reverse();
      out.push(...list);
      return;
    }
    let dim = 0, widest = -1;
    for (let c = 0; c < w; c++) {
      let lo = Infinity, hi = -Infinity;
      for (const k of list) { const z = v[k * w + c]; if (z < lo) lo = z; if (z > hi) hi = z; }
      if (hi - lo > widest) { widest = hi - lo; dim = c; }
    }
    list.sort((a, b) => byValue(a, b, dim));
    const half = list.length >> 1;
    split(list.slice(0, half));
    split(list.slice(half));
  };
  const byValue = (a: number, b: number, first: number) => {
    const da = v[a * w + first] - v[b * w + first];
    if (da !== 0) return da;
    for (let c = 0; c < w; c++) if (v[a * w + c] !== v[b * w + c]) return v[a * w + c] - v[b * w + c];
    return a - b;
  };
  split([...rows]);
  return out;
}

/** Warm-start chains: WARM_BLOCK rows of the neighbour order each, never splitting equal rows. */
function warmBlocks(d: DeaData, order: readonly number[]): number[] {
  const same = (a: number, b: number) =>
    d.X[a].every((z, i) => z === d.X[b][i]) && d.Y[a].every((z, i) => z === d.Y[b][i]) && (!d.B || d.B[a].every((z, i) => z === d.B![b][i]));
  const starts = [0];
  for (let k = 1; k < order.length; k++) if (k - starts[starts.length - 1] >= WARM_BLOCK && !same(order[k], order[k - 1])) starts.push(k);
  return starts;
}

type WarmPayload = DeaPayload & { order: number[]; starts: number[] };

/** The rows of one warm-start chain (rows order[starts[b]] … before order[starts[b + 1]]), one basis carried along. */
export function makeDeaChains({ order, starts, ...payload }: WarmPayload): (b: number) => DeaResult[] {
  const sc = computeScales(payload.d);
  const spec = resolveSpec(payload.o, sc);
  const plan = deaPlan(payload.d, payload.o);
  makeDeaRows(payload); // installs the handed screens
  return (b) => {
    const chain: WarmChain = { bases: [] };
    const out: DeaResult[] = [];
    for (let t = starts[b]; t < (starts[b + 1] ?? order.length); t++) {
      const k = order[t];
      out.push(evaluateOneRow(payload.d, plan.rows[k], plan.refs[plan.refOf[k]], spec, sc, payload.o, payload.front, chain));
    }
    return out;
  };
}
const deaChainsTask: ParallelTask<WarmPayload, DeaResult[]> = { module: "dea/run", name: "makeDeaChains", make: makeDeaChains };

/** Evaluate every DMU (or DMU-period; each window it falls in, for window analysis) against the chosen frontier. */
/** DEA scores with the ModelResult methods: tidy() has one row per DMU (and period), estimate = the score. */
export type DeaResults = DeaResult[] & ModelResult;

/** Run a DEA model over all DMUs (and periods, with the chosen frontier): one row per DMU (and period) in data
 * order; the array also carries tidy()/glance()/summary(). */
export function dea(d: DeaData, o: DeaOptions): DeaResults {
  const rows = deaRows(d, o);
  const spec = `${o.model}${o.orientation ? `, ${o.orientation}-oriented` : ""}${o.rts ? `, ${o.rts.toUpperCase()}` : ""}${o.frontier ? `, ${o.frontier} frontier` : ""}${o.window ? `, window ${o.window}` : ""}${o.superEfficiency ? ", super-efficiency" : ""}`;
  return withResult(rows, (r) => ({
    title: `DEA (${spec})`,
    header: () => [
      `DMU-periods: ${r.length}; inputs ${(d.inputNames ?? []).join(", ")}; outputs ${(d.outputNames ?? []).join(", ")}${d.undesirableNames?.length ? `; undesirable ${d.undesirableNames.join(", ")}` : ""}`,
      `Scores: ${spec}; deterministic frontier (no standard errors); LP backend ${o.backend ?? "simplex"}`,
    ],
    tidy: () =>
      r.map((x) => pointRow(x.dmu, x.efficiency, { period: x.period ?? null, window: x.window ?? null, status: x.status, efficient: x.efficiency === null ? null : Math.abs(x.efficiency - 1) <= EFF_TOL, objective: x.objective ?? null })),
    glance: () => {
      const ok = r.map((x) => x.efficiency).filter((v): v is number => v !== null && Number.isFinite(v));
      return {
        nobs: r.length,
        inference: `deterministic DEA: ${spec}; no sampling inference`,
        mean_efficiency: ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : null,
        n_efficient: ok.filter((v) => Math.abs(v - 1) <= EFF_TOL).length,
        n_infeasible: r.filter((x) => x.infeasible).length,
      };
    },
    notes: () => [],
  }));
}

function deaRows(d: DeaData, o: DeaOptions): DeaResult[] {
  checkData(d);
  const threads = resolveThreads(o.threads, "dea");
  const { onProgress, ...rest } = o;
  resolveSpec(o, computeScales(d));
  const plan = deaPlan(d, o);
  const count = plan.rows.length;
  const n = dims(d).n;
  const screen = o.frontierScreen ?? (plan.refs.length === 1 && n >= FRONTIER_SCREEN_AUTO);
  const kind = resolveSpec(o, computeScales(d)).kind;
  const screens = screensOf(d, plan, kind);
  const front = screen && plan.refs.length === 1 && kind !== "ddf" && d.Y.every((y) => y.every((v) => v > 0)) ? frontierSet(d, rest, threads, plan.refs[0]) : undefined;
  const bar = progressFor(`dea ${o.model}`, onProgress);
  const warm = (o.warmStart ?? (plan.refs.length === 1 && n >= FRONTIER_SCREEN_AUTO)) && plan.refs.length === 1 && o.backend !== "jsLpSolver";
  if (!warm) {
    const out = parallelMap(deaRowsTask, { d, o: rest, front, screens }, count, { threads, minPerThread: 32, onProgress: bar.update });
    bar.done();
    return out;
  }
  const order = neighbourOrder(d, plan.rows.map((_, k) => k));
  const starts = warmBlocks(d, order.map((k) => plan.rows[k]));
  const chains = parallelMap(deaChainsTask, { d, o: rest, front, screens, order, starts }, starts.length, {
    threads,
    minPerThread: 1,
    onProgress: (b, nb) => bar.update(Math.round((b / nb) * count), count),
  });
  bar.done();
  const out = new Array<DeaResult>(count);
  chains.forEach((rs, b) => rs.forEach((r, t) => (out[order[starts[b] + t]] = r)));
  return out;
}

/** Reference sets of at least this many rows are screened to their efficient set first (frontierScreen). */
export const FRONTIER_SCREEN_AUTO = 4000;
const SCREEN_BLOCK = 500;
const SCREEN_KEEP_TOL = 1e-6;

type CheckPayload = { d: DeaData; o: Omit<DeaOptions, "onProgress">; rows: number[]; groups: number[][]; groupOf: number[] };

/** Non-oriented SBM score (same RTS) of rows[k] against groups[groupOf[k]]; NaN when the LP is not optimal. */
export function makeEfficiencyCheck({ d, o, rows, groups, groupOf }: CheckPayload): (k: number) => number {
  const sc = computeScales(d);
  const spec: ModelSpec = { ...resolveSpec(o, sc), kind: "sbm", orientation: "non" };
  return (k) => {
    const r = evaluate(scaledPoint(d, rows[k], sc), blockFor(d, groups[groupOf[k]], sc), spec);
    return r.status === "optimal" ? r.score! : NaN;
  };
}
const checkTask: ParallelTask<CheckPayload, number> = { module: "dea/run", name: "makeEfficiencyCheck", make: makeEfficiencyCheck };

/**
 * The SBM-efficient rows of the whole set, found as the DEA literature does for large n (hierarchical
 * decomposition, Barr & Durchholz 1997): a row inefficient within a block of rows is inefficient in the whole set,
 * so each block keeps only its efficient rows, and the survivors are checked against one another. A row that is
 * not SBM-efficient lies in the production possibility set of the others (under the same RTS, undesirable
 * outputs disposed of like inputs), so the efficient set spans the same technology and every score against it
 * equals the score against all rows. Rows are kept at score >= 1 − 1e-6 or when an LP is not optimal, so
 * rounding can only keep extra rows. Super-efficiency stages still use the whole (dominance-screened) set.
 */
export function frontierSet(d: DeaData, o: Omit<DeaOptions, "onProgress">, threads: number, all: readonly number[] = Array.from({ length: dims(d).n }, (_, k) => k)): number[] {
  let cand = screenFor(d, all).kept;
  for (;;) {
    const groups: number[][] = [];
    const nb = Math.max(1, Math.ceil(cand.length / SCREEN_BLOCK));
    for (let b = 0; b < nb; b++) groups.push(cand.filter((_, k) => k % nb === b));
    const groupOf: number[] = [];
    const rows: number[] = [];
    groups.forEach((g, b) => g.forEach((j) => (rows.push(j), groupOf.push(b))));
    const scores = parallelMap(checkTask, { d, o, rows, groups, groupOf }, rows.length, { threads, minPerThread: 32 });
    const kept = rows.filter((_, k) => !(scores[k] < 1 - SCREEN_KEEP_TOL)).sort((a, b) => a - b);
    if (nb === 1 || kept.length === cand.length) {
      if (nb === 1) return kept;
      // no block removed anything: check the survivors against all of them
      const all = [kept];
      const s2 = parallelMap(checkTask, { d, o, rows: kept, groups: all, groupOf: kept.map(() => 0) }, kept.length, { threads, minPerThread: 32 });
      return kept.filter((_, k) => !(s2[k] < 1 - SCREEN_KEEP_TOL));
    }
    cand = kept;
  }
}
