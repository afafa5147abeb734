/**
 * Regression trees as XGBoost stores them, and XGBoost's exact greedy tree builder (`tree_method="exact"`,
 * the ColMaker updater followed by the `prune` updater of xgboost 1.7).
 *
 * Numerics follow the C++ core so that deterministic settings (subsample = colsample_bytree = 1) grow the very
 * same trees: features, labels, gradients, thresholds, leaf values, gains and covers are float32 (emulated with
 * Math.fround); gradient sums are float64, as xgboost's GradStats are. Split candidates are midpoints of
 * adjacent distinct float32 feature values computed in float32 ((a + b) * 0.5f, falling back to the larger
 * value when the midpoint rounds onto the smaller one); a row goes left when x < threshold. Dense data only:
 * with no missing values xgboost 1.7 enumerates each feature backwards only (default direction left).
 */

const f32 = Math.fround;
/** xgboost's kRtEps: a split must gain more than this. */
const RT_EPS = f32(1e-6);
/** A candidate whose gain, in exact arithmetic, is below SCREEN × (best + root gain) cannot win (see growTree). */
const SCREEN = 1 - 1e-5;

/** One tree, in flat arrays indexed by node id (root 0). Leaves have left = right = -1. */
export interface GbdtTree {
  left: Int32Array;
  right: Int32Array;
  /** Split feature index (-1 for leaves). */
  feature: Int32Array;
  /** Split threshold (x < threshold goes left); for a leaf, its value (learning rate applied). float32. */
  threshold: Float32Array;
  /** Loss reduction of the split (xgboost `loss_changes`, used by gain importance). */
  lossChg: Float32Array;
  /** Sum of hessians of the training rows reaching the node (xgboost `sum_hessian`, "cover"). */
  sumHess: Float32Array;
  /** The node's optimal weight before the learning rate (xgboost `base_weights`). */
  baseWeight: Float32Array;
}

export interface GbdtParams {
  /** Number of boosting rounds (trees). Default 100. */
  nEstimators?: number;
  /** η, xgboost `eta` / `learning_rate`. Default 0.3 (xgboost's default). */
  learningRate?: number;
  /** Default 6 (xgboost's). Must be ≥ 1 (exact does not support unlimited depth). */
  maxDepth?: number;
  /** Minimum hessian sum in a child (`min_child_weight`). Default 1. */
  minChildWeight?: number;
  /** L2 penalty λ (`reg_lambda`). Default 1. */
  lambda?: number;
  /** L1 penalty α (`reg_alpha`). Default 0. */
  alpha?: number;
  /** γ (`min_split_loss`): splits whose loss reduction is below γ are pruned bottom-up. Default 0. */
  gamma?: number;
  /** Row subsampling rate per tree (Bernoulli per row). Default 1. */
  subsample?: number;
  /** Column subsampling rate per tree. Default 1. */
  colsampleBytree?: number;
  /** Initial prediction (xgboost 1.7's `base_score`, default 0.5; not estimated from the data). */
  baseScore?: number;
  /** Seed of regionlab's Rng for subsampling. Default 0. */
  seed?: number;
}

export type ResolvedParams = Required<GbdtParams>;

export function resolveParams(p: GbdtParams = {}): ResolvedParams {
  const r: ResolvedParams = {
    nEstimators: p.nEstimators ?? 100,
    learningRate: p.learningRate ?? 0.3,
    maxDepth: p.maxDepth ?? 6,
    minChildWeight: p.minChildWeight ?? 1,
    lambda: p.lambda ?? 1,
    alpha: p.alpha ?? 0,
    gamma: p.gamma ?? 0,
    subsample: p.subsample ?? 1,
    colsampleBytree: p.colsampleBytree ?? 1,
    baseScore: p.baseScore ?? 0.5,
    seed: p.seed ?? 0,
  };
  const bad = (k: string, why: string) => {
    throw new RangeError(`gbdt: ${k} ${why}, got ${(r as Record<string, number>)[k]}`);
  };
  if (!Number.isInteger(r.nEstimators) || r.nEstimators < 0) bad("nEstimators", "must be a non-negative integer");
  if (!Number.isInteger(r.maxDepth) || r.maxDepth < 1) bad("maxDepth", "must be an integer ≥ 1");
  if (!(r.learningRate >= 0)) bad("learningRate", "must be ≥ 0");
  if (!(r.minChildWeight >= 0)) bad("minChildWeight", "must be ≥ 0");
  if (!(r.lambda >= 0)) bad("lambda", "must be ≥ 0");
  if (!(r.alpha >= 0)) bad("alpha", "must be ≥ 0");
  if (!(r.gamma >= 0)) bad("gamma", "must be ≥ 0");
  if (!(r.subsample > 0 && r.subsample <= 1)) bad("subsample", "must be in (0, 1]");
  if (!(r.colsampleBytree > 0 && r.colsampleBytree <= 1)) bad("colsampleBytree", "must be in (0, 1]");
  if (!Number.isFinite(r.baseScore)) bad("baseScore", "must be finite");
  if (!Number.isInteger(r.seed) || r.seed < 0 || r.seed > 0xffffffff) bad("seed", "must be an integer in [0, 2^32 - 1]");
  return r;
}

/** Column-major float32 features plus, per feature, row indices sorted by value, ties by row (once per fit). */
export interface ColumnData {
  nRows: number;
  nFeatures: number;
  cols: Float32Array[];
  sorted: Int32Array[];
}

export function toColumns(X: readonly ArrayLike<number>[], nFeatures?: number): ColumnData {
  const nRows = X.length;
  const p = nFeatures ?? (nRows ? X[0].length : 0);
  const cols: Float32Array[] = [];
  const sorted: Int32Array[] = [];
  for (let j = 0; j < p; j++) {
    const c = new Float32Array(nRows);
    for (let i = 0; i < nRows; i++) {
      const v = X[i][j];
      c[i] = v;
      if (!Number.isFinite(c[i])) throw new RangeError(`gbdt: row ${i + 1}, feature ${j + 1}: value ${v} is not a finite float32 number (missing values are not supported)`);
    }
    cols.push(c);
    sorted.push(sortByValue(c));
  }
  return { nRows, nFeatures: p, cols, sorted };
}

/** Rows up to 2^ROW_BITS sort through one float64 key per row (exact: 32 bits of value, ROW_BITS of row). */
const ROW_BITS = 21;

/**
 * Row indices ordered by value, ties (−0 and +0 included) by row index. The key maps the float32 bits to an
 * order-preserving unsigned integer followed by the row, so a typed-array sort without comparator, several
 * times faster than one with a comparator, gives the same order.
 */
function sortByValue(c: Float32Array): Int32Array {
  const n = c.length;
  const idx = new Int32Array(n);
  if (n > 2 ** ROW_BITS) {
    for (let i = 0; i < n; i++) idx[i] = i;
    return idx.sort((a, b) => c[a] - c[b] || a - b);
  }
  const bits = new Uint32Array(c.buffer, c.byteOffset, n);
  const scale = 2 ** ROW_BITS;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let b = bits[i];
    if (b === 0x80000000) b = 0; // −0 sorts as +0
    keys[i] = (b >= 0x80000000 ? ~b >>> 0 : b + 0x80000000) * scale + i;
  }
  keys.sort();
  for (let k = 0; k < n; k++) idx[k] = keys[k] % scale;
  return idx;
}

function thresholdL1(g: number, alpha: number): number {
  if (g > alpha) return g - alpha;
  if (g < -alpha) return g + alpha;
  return 0;
}

interface Ctx {
  lambda: number;
  alpha: number;
  mcw: number;
  lr: number;
}

/** xgboost CalcWeight (float64, then stored as float32 by the caller). */
function calcWeight(c: Ctx, G: number, H: number): number {
  if (H < c.mcw || H <= 0) return 0;
  return -thresholdL1(G, c.alpha) / (H + c.lambda);
}

/**
 * The split evaluator's CalcGainGivenWeight without constraints, as xgboost 1.7's CPU code computes it:
 * T(G)² and H + λ formed in float64, each rounded to float32, divided in float32. A split's loss change is
 * then (gain_L + gain_R) − root_gain in float32 arithmetic. (Verified node by node against xgboost's
 * loss_changes; float64 gains differ from them by a few float32 ulps.)
 */
function calcGain(lambda: number, alpha: number, G: number, H: number): number {
  if (H <= 0) return 0;
  const t = alpha === 0 ? G : thresholdL1(G, alpha);
  return f32(f32(t * t) / f32(H + lambda));
}

/** Per open node of a level, the best split found so far (xgboost's SplitEntry); feat −1: none yet. */
interface LevelBest {
  loss: Float64Array;
  feat: Int32Array;
  split: Float32Array;
  lG: Float64Array;
  lH: Float64Array;
  rG: Float64Array;
  rH: Float64Array;
}

const levelBest = (m: number): LevelBest => ({
  loss: new Float64Array(m),
  feat: new Int32Array(m).fill(-1),
  split: new Float32Array(m),
  lG: new Float64Array(m),
  lH: new Float64Array(m),
  rG: new Float64Array(m),
  rH: new Float64Array(m),
});

/**
 * Scratch of the split search, reused by every tree of a fit. For each searched feature a block of nRows slots
 * holds the rows of every open node as one run in value order (a node's run sits at the same offsets in every
 * block), each slot the row and its feature value, so a node's candidates are one sequential scan; after a level
 * the runs are partitioned stably into the second copy (left child first, each slot written straight to its
 * side's cursor), which keeps each child's rows in value order.
 */
export interface SplitWorkspace {
  /**
   * Per slot the row (int32) and its feature value (float32), moved as one float64. The value sits in the high
   * word and is a finite float32, so the double is never a NaN (whose bits a copy might not keep): copies are exact.
   */
  slots: Float64Array;
  slotsNext: Float64Array;
  /** Per feature (by index), its rows in value order as slots: the root's run when every row is active. */
  rootSlots: (Float64Array | undefined)[];
  goLeft: Uint8Array;
  pos: Int32Array;
  /** Per-level best splits, grown on demand (typed arrays off the heap are costly to allocate per tree). */
  best: LevelBest;
}

export function splitWorkspace(nRows: number, nFeatures: number): SplitWorkspace {
  const size = nRows * nFeatures;
  return {
    slots: new Float64Array(size),
    slotsNext: new Float64Array(size),
    rootSlots: [],
    goLeft: new Uint8Array(nRows),
    pos: new Int32Array(nRows),
    best: levelBest(64),
  };
}

/** A slot's 32-bit words: the feature value in the float64's high word (index 1 on little-endian machines). */
const VAL = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const ROW = 1 - VAL;
const rowView = (a: Float64Array) => new Int32Array(a.buffer, a.byteOffset, a.length * 2);
const valView = (a: Float64Array) => new Float32Array(a.buffer, a.byteOffset, a.length * 2);

/** What the split scan reads besides a node's totals: the current slots (as rows and values) and the gradients. */
interface ScanData {
  ri: Int32Array;
  fv: Float32Array;
  grad: Float32Array;
  hess: Float32Array;
  /** Every active hessian is 1 (squared error, no case weights): a run's hessian sum is its row count. */
  unitHess: boolean;
  lambda: number;
  alpha: number;
  mcw: number;
}

/**
 * The split search of one node on one feature: the slots lo … hi − 1 of the feature's block, visited backwards
 * (xgboost's enumeration on dense data); improves best[s] when a candidate beats it. The hot loops live in
 * small functions of their own so that V8 optimises them with complete type feedback from the first tree.
 */
function scanFeature(d: ScanData, base: number, nodes: readonly number[], start: readonly number[], end: readonly number[], sG: readonly number[], sH: readonly number[], rootGain: readonly number[], best: LevelBest, fid: number): void {
  const { ri, fv: vals, grad, hess, unitHess, lambda, alpha, mcw } = d;
  // the screen below is for the plain gain G²/(H + λ) (α = 0)
  const screen = alpha === 0;
  // with λ > 0 the screen's H + λ terms are positive (H ≥ min_child_weight ≥ 0 there)
  const positive = lambda > 0;
  for (let s = 0; s < nodes.length; s++) {
  const nid = nodes[s];
  const lo = base + start[nid];
  const hi = base + end[nid];
  const totG = sG[nid];
  const totH = sH[nid];
  const rg = rootGain[nid];
  let bestLoss = best.loss[s];
  // (best + root gain) × SCREEN, the screen's bound, updated with the best loss
  let bound = (bestLoss + rg) * SCREEN;
  let found = false;
  let split = 0;
  let lG = 0;
  let lH = 0;
  let rG = 0;
  let rH = 0;
  let eG = 0;
  let eH = 0;
  let last = 0;
  for (let k = hi - 1; k >= lo; k--) {
    const row = ri[2 * k + ROW];
    const fv = vals[2 * k + VAL];
    const g = grad[row];
    const h = unitHess ? 1 : hess[row];
    if (eH === 0) {
      eG += g;
      eH += h;
      last = fv;
      continue;
    }
    if (fv !== last && eH >= mcw) {
      const cH = totH - eH;
      if (cH >= mcw) {
        const cG = totG - eG;
        // Screen without divisions: skip a candidate whose exact-arithmetic gain is below best + root
        // gain by a relative 1e-5, far more than the float32 roundings of the gain (a few 1e-7), so the
        // skipped candidates are exactly those the float32 comparison below would reject.
        if (screen) {
          const A = cH + lambda;
          const B = eH + lambda;
          if ((positive || (A > 0 && B > 0)) && cG * cG * B + eG * eG * A < bound * A * B) {
            eG += g;
            eH += h;
            last = fv;
            continue;
          }
        }
        const loss = f32(f32(calcGain(lambda, alpha, cG, cH) + calcGain(lambda, alpha, eG, eH)) - rg);
        if (loss > bestLoss && Number.isFinite(loss)) {
          split = f32(f32(fv + last) * 0.5);
          if (split === fv) split = last;
          bestLoss = loss;
          bound = (bestLoss + rg) * SCREEN;
          found = true;
          lG = cG;
          lH = cH;
          rG = eG;
          rH = eH;
        }
      }
    }
    eG += g;
    eH += h;
    last = fv;
  }
  // The "all rows right, missing left" candidate xgboost evaluates after the scan (only reachable
  // with min_child_weight = 0; never beats a real split on dense data but kept for fidelity).
  const cH = totH - eH;
  if (eH >= mcw && cH >= mcw && eH > 0) {
    const cG = totG - eG;
    const loss = f32(f32(calcGain(lambda, alpha, cG, cH) + calcGain(lambda, alpha, eG, eH)) - rg);
    if (loss > bestLoss && Number.isFinite(loss)) {
      bestLoss = loss;
      found = true;
      split = f32(last - f32(Math.abs(last) + RT_EPS));
      lG = cG;
      lH = cH;
      rG = eG;
      rH = eH;
    }
  }
  if (found) {
    best.loss[s] = bestLoss;
    best.feat[s] = fid;
    best.split[s] = split;
    best.lG[s] = lG;
    best.lH[s] = lH;
    best.rG[s] = rG;
    best.rH[s] = rH;
  }
  }
}

/**
 * Stable partition of the slots a … b − 1 without branches: the left child's run starts at a and the right
 * child's at wr, so each row goes to the cursor of its side, chosen by arithmetic.
 */
function partitionRun(slots: Float64Array, ri: Int32Array, slotsNext: Float64Array, goLeft: Uint8Array, a: number, b: number, wr: number): void {
  let wl = a;
  for (let k = a; k < b; k++) {
    const g = goLeft[ri[2 * k + ROW]];
    const at = wr + ((wl - wr) & -g);
    slotsNext[at] = slots[k];
    wl += g;
    wr += 1 - g;
  }
}

/** A feature's rows in value order as slots (row, value). */
function sortedSlots(data: ColumnData, fid: number): Float64Array {
  const n = data.nRows;
  const out = new Float64Array(n);
  const ri = rowView(out);
  const fv = valView(out);
  const order = data.sorted[fid];
  const col = data.cols[fid];
  for (let t = 0; t < n; t++) {
    ri[2 * t + ROW] = order[t];
    fv[2 * t + VAL] = col[order[t]];
  }
  return out;
}

/** The root's runs: every feature's active rows in value order (a copy of the cached sorted slots). */
function fillRoot(data: ColumnData, features: readonly number[], active: Uint8Array, nActive: number, ws: SplitWorkspace, slots: Float64Array): void {
  const n = data.nRows;
  for (let q = 0; q < features.length; q++) {
    const root = (ws.rootSlots[features[q]] ??= sortedSlots(data, features[q]));
    if (nActive === n) {
      slots.set(root, q * n);
      continue;
    }
    const ri = rowView(root);
    let k = q * n;
    for (let t = 0; t < n; t++) if (active[ri[2 * t + ROW]]) slots[k++] = root[t];
  }
}

/** Gradient sums of the open nodes in row order (as xgboost's InitNewNode); rows with pos < 0 are not open. */
function sumByNode(pos: Int32Array, grad: Float32Array, hess: Float32Array, n: number, sG: number[], sH: number[]): void {
  for (let i = 0; i < n; i++) {
    const nid = pos[i];
    if (nid >= 0) {
      sG[nid] += grad[i];
      sH[nid] += hess[i];
    }
  }
}

/**
 * Grow one tree on gradient pairs (grad float32 values, hess float32 values) for the rows whose `active`
 * flag is set and over the features in `features` (ascending). Returns the tree after γ pruning. The search
 * visits candidates in xgboost's order (features ascending, each feature's values backwards, a node's rows
 * in their sorted order), so ties between equal gains resolve as in xgboost. When `leafOfRow` is given, it
 * receives the (final) leaf of every active row and −1 for the others, so the booster need not walk the tree.
 */
export function growTree(
  data: ColumnData,
  grad: Float32Array,
  hess: Float32Array,
  active: Uint8Array,
  features: readonly number[],
  p: ResolvedParams,
  workspace?: SplitWorkspace,
  leafOfRow?: Int32Array,
): GbdtTree {
  const c: Ctx = { lambda: f32(p.lambda), alpha: f32(p.alpha), mcw: f32(p.minChildWeight), lr: f32(p.learningRate) };
  const n = data.nRows;
  const nf = features.length;
  const ws = workspace && workspace.slots.length >= n * nf && workspace.pos.length === n ? workspace : splitWorkspace(n, nf);
  let { slots, slotsNext } = ws;
  let ri = rowView(slots);
  let riNext = rowView(slotsNext);
  let fv = valView(slots);
  let fvNext = valView(slotsNext);
  // pos[row]: the open node holding the row, or −2 − leaf once the row has reached a leaf (−1: inactive row)
  const { goLeft, pos } = ws;
  // Node arrays (grow as nodes are allocated); a node's rows are slots[q·n + start … q·n + end) for feature q.
  const left: number[] = [-1];
  const right: number[] = [-1];
  const feat: number[] = [-1];
  const thr: number[] = [0];
  const sG: number[] = [0];
  const sH: number[] = [0];
  const rootGain: number[] = [0];
  const weight: number[] = [0];
  const bestLoss: number[] = [0];
  const start: number[] = [0];
  const end: number[] = [0];

  let nActive = 0;
  let unitHess = true;
  for (let i = 0; i < n; i++) {
    pos[i] = active[i] ? 0 : -1;
    if (active[i]) {
      nActive++;
      if (hess[i] !== 1) unitHess = false;
    }
  }
  end[0] = nActive;
  fillRoot(data, features, active, nActive, ws, slots);
  const scan: ScanData = { ri, fv, grad, hess, unitHess, lambda: c.lambda, alpha: c.alpha, mcw: c.mcw };

  const initNodes = (nodes: number[]) => {
    for (const nid of nodes) {
      sG[nid] = 0;
      sH[nid] = 0;
    }
    sumByNode(pos, grad, hess, n, sG, sH);
    for (const nid of nodes) {
      rootGain[nid] = calcGain(c.lambda, c.alpha, sG[nid], sH[nid]);
      weight[nid] = f32(calcWeight(c, sG[nid], sH[nid]));
    }
  };
  const newLeaf = (parent: number, G: number, H: number): number => {
    const id = left.length;
    left.push(-1);
    right.push(-1);
    feat.push(-1);
    thr.push(f32(f32(calcWeight(c, G, H)) * c.lr));
    sG.push(0);
    sH.push(0);
    rootGain.push(0);
    weight.push(0);
    bestLoss.push(0);
    start.push(start[parent]);
    end.push(end[parent]);
    return id;
  };

  let qexpand = [0];
  initNodes(qexpand);

  for (let depth = 0; depth < p.maxDepth; depth++) {
    const m = qexpand.length;
    if (ws.best.loss.length < m) ws.best = levelBest(2 * m);
    const best = ws.best;
    best.loss.fill(0, 0, m);
    best.feat.fill(-1, 0, m);
    scan.ri = ri;
    scan.fv = fv;
    for (let q = 0; q < nf; q++) scanFeature(scan, q * n, qexpand, start, end, sG, sH, rootGain, best, features[q]);
    // Apply the best splits: route each split node's rows by its feature's run; rows at new leaves stop.
    const next: number[] = [];
    const splitNodes: number[] = [];
    for (let s = 0; s < m; s++) {
      const nid = qexpand[s];
      bestLoss[nid] = best.loss[s];
      const a = start[nid];
      const b = end[nid];
      if (best.feat[s] >= 0 && best.loss[s] > RT_EPS) {
        const l = newLeaf(nid, best.lG[s], best.lH[s]);
        const r = newLeaf(nid, best.rG[s], best.rH[s]);
        left[nid] = l;
        right[nid] = r;
        feat[nid] = best.feat[s];
        const t = (thr[nid] = best.split[s]);
        const base = features.indexOf(best.feat[s]) * n;
        let nLeft = 0;
        for (let k = base + a; k < base + b; k++) {
          const row = ri[2 * k + ROW];
          if (fv[2 * k + VAL] < t) {
            goLeft[row] = 1;
            pos[row] = l;
            nLeft++;
          } else {
            goLeft[row] = 0;
            pos[row] = r;
          }
        }
        end[l] = start[r] = a + nLeft;
        splitNodes.push(nid);
        next.push(l, r);
      } else {
        thr[nid] = f32(weight[nid] * c.lr);
        if (nf > 0) for (let k = a; k < b; k++) pos[ri[2 * k + ROW]] = -2 - nid;
        else for (let i = 0; i < n; i++) if (pos[i] >= 0) pos[i] = -2 - nid;
      }
    }
    qexpand = next;
    if (!next.length) break;
    initNodes(next);
    if (depth + 1 < p.maxDepth) {
      for (let q = 0; q < nf; q++) {
        const base = q * n;
        for (const nid of splitNodes) {
          const a = base + start[nid];
          const b = base + end[nid];
          // on the split's own feature the left child's rows (values below the threshold) already come first
          if (features[q] === feat[nid]) slotsNext.set(slots.subarray(a, b), a);
          else partitionRun(slots, ri, slotsNext, goLeft, a, b, base + start[right[nid]]);
        }
      }
      [slots, slotsNext] = [slotsNext, slots];
      [ri, riNext] = [riNext, ri];
      [fv, fvNext] = [fvNext, fv];
    }
  }
  for (const nid of qexpand) thr[nid] = f32(weight[nid] * c.lr);

  // γ pruning (xgboost's TreePruner): bottom-up, a split whose two children are leaves and whose loss
  // reduction is below γ becomes a leaf with value η · base_weight.
  const nNodes = left.length;
  // plain arrays: these are small, and typed arrays off the heap cost more to allocate per tree
  const parent: number[] = new Array(nNodes).fill(-1);
  for (let i = 0; i < nNodes; i++) if (left[i] >= 0) parent[left[i]] = parent[right[i]] = i;
  const deleted: number[] = new Array(nNodes).fill(0);
  const gamma = f32(p.gamma);
  const tryPrune = (nid: number): void => {
    if (nid === 0) return;
    const pid = parent[nid];
    const l = left[pid];
    const r = right[pid];
    if (left[l] < 0 && left[r] < 0 && bestLoss[pid] < gamma) {
      deleted[l] = deleted[r] = 1;
      left[pid] = right[pid] = -1;
      feat[pid] = -1;
      thr[pid] = f32(c.lr * weight[pid]);
      tryPrune(pid);
    }
  };
  if (gamma > 0) for (let i = 0; i < nNodes; i++) if (left[i] < 0 && !deleted[i]) tryPrune(i);

  // Compact (node ids equal xgboost's when nothing was pruned).
  const newId: number[] = new Array(nNodes).fill(-1);
  let k = 0;
  for (let i = 0; i < nNodes; i++) if (!deleted[i]) newId[i] = k++;
  // the seven arrays share one buffer: one allocation off the heap per tree instead of seven
  const buf = new ArrayBuffer(7 * 4 * k);
  const t: GbdtTree = {
    left: new Int32Array(buf, 0, k),
    right: new Int32Array(buf, 4 * k, k),
    feature: new Int32Array(buf, 8 * k, k),
    threshold: new Float32Array(buf, 12 * k, k),
    lossChg: new Float32Array(buf, 16 * k, k),
    sumHess: new Float32Array(buf, 20 * k, k),
    baseWeight: new Float32Array(buf, 24 * k, k),
  };
  for (let i = 0; i < nNodes; i++) {
    const j = newId[i];
    if (j < 0) continue;
    t.left[j] = left[i] < 0 ? -1 : newId[left[i]];
    t.right[j] = right[i] < 0 ? -1 : newId[right[i]];
    t.feature[j] = left[i] < 0 ? -1 : feat[i];
    t.threshold[j] = thr[i];
    t.lossChg[j] = bestLoss[i];
    t.sumHess[j] = sH[i];
    t.baseWeight[j] = weight[i];
  }
  if (leafOfRow) {
    // a row whose leaf was pruned away ends in the nearest surviving ancestor, now a leaf
    const kept: number[] = new Array(nNodes).fill(0);
    for (let i = 0; i < nNodes; i++) kept[i] = deleted[i] ? kept[parent[i]] : newId[i];
    for (let i = 0; i < n; i++) {
      const at = pos[i];
      leafOfRow[i] = at === -1 ? -1 : kept[at >= 0 ? at : -2 - at];
    }
  }
  return t;
}

/** The leaf value a row (float32 features, row-major accessor) reaches. */
export function leafValue(t: GbdtTree, x: ArrayLike<number>): number {
  let nid = 0;
  while (t.left[nid] >= 0) nid = f32(x[t.feature[nid]]) < t.threshold[nid] ? t.left[nid] : t.right[nid];
  return t.threshold[nid];
}

export function leafIndex(t: GbdtTree, x: ArrayLike<number>): number {
  let nid = 0;
  while (t.left[nid] >= 0) nid = f32(x[t.feature[nid]]) < t.threshold[nid] ? t.left[nid] : t.right[nid];
  return nid;
}

export function treeDepth(t: GbdtTree, nid = 0): number {
  return t.left[nid] < 0 ? 0 : 1 + Math.max(treeDepth(t, t.left[nid]), treeDepth(t, t.right[nid]));
}
